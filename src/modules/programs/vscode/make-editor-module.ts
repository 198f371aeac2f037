/**
 * Builds a VS Code–style editor module for one evaluation from an
 * `EditorSpec`: its options, the package in `home.packages`, the files of
 * `profile-files.ts`, the `<name>Profiles` activation step registering
 * non-default profiles, and the warnings about a mutable extensions
 * directory with several profiles and about update switches set outside the
 * default profile.
 */
import { defineModule, mkIf, type AttrsView } from "../../../module-system/index.js";
import { toJs } from "../../../module-system/ts-view.js";
import { call, select } from "../../../module-system/nix-values.js";
import { libCall, nixToString, type EvalArgs } from "../../module-kit.js";
import { rawCtx } from "./nix-data.js";
import { editorOptions, otherProfileNames, type EditorSpec } from "./options.js";
import { editorPaths, homeFiles } from "./profile-files.js";
import { profilesScriptText } from "./profiles-activation.js";

export function makeEditorModule(a: EvalArgs, spec: EditorSpec) {
  const path = spec.modulePath.split(".");
  const c = rawCtx(a, path);
  const paths = editorPaths(spec, c);
  const last = path[path.length - 1]!;
  return defineModule({
    file: `modules/programs/vscode (${spec.modulePath})`,
    key: `modules/programs/vscode#${spec.modulePath}`,
    path: spec.modulePath,
    options: editorOptions(spec, c),
    config: ({ cfg }) => {
      const others = () => otherProfileNames(cfg.profiles);
      return mkIf(() => cfg.enable, {
        warnings: () => {
          const out: string[] = [];
          if (others().length > 0 && cfg.mutableExtensionsDir)
            out.push(`${spec.modulePath}.mutableExtensionsDir can be used only if no profiles apart from default are set.`);
          const profiles = cfg.profiles as AttrsView;
          const misplaced = others().some((n) => {
            const p = profiles[n] as AttrsView;
            return p.enableExtensionUpdateCheck !== null || p.enableUpdateCheck !== null;
          });
          if (misplaced)
            out.push(
              `The option ${spec.modulePath}.profiles.*.enableExtensionUpdateCheck and option ` +
                `${spec.modulePath}.profiles.*.enableUpdateCheck is invalid for all profiles except default.`,
            );
          return out;
        },
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        [`home.activation.${last}Profiles`]: () => {
          const jqOut = nixToString(toJs(select(c.pkgs, "jq")));
          const script = call(
            select(c.pkgs, "writeShellScript"),
            `${last}-global-storage-modify`,
            profilesScriptText(paths.userDir(), jqOut, others()),
          );
          return libCall(a.lib, "hm.dag.entryAfter", ["writeBoundary"], nixToString(toJs(script)));
        },
        "home.file": () => homeFiles(spec, c, paths),
      });
    },
  });
}
