/**
 * `programs.delta`: the delta diff pager. Installs `finalPackage`: the
 * package itself, or, when `options` are set and git does not carry them
 * (git integration off or git disabled), a wrapper passing `--config` with a
 * file holding `[delta]` in git-config syntax. With git integration, delta
 * becomes git's pager for diff, log, show and blame and its interactive diff
 * filter, and `options` go to git's `[delta]` section; with jujutsu
 * integration (when that module is in the catalog), jj's pager and diff
 * formatter. Keeps the old `programs.git.delta.*` options as renames.
 */
import { defineModule, mkEnableOption, mkIf, mkMerge, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { callNix, isEmpty, libCall, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/delta.ts";

type Primitive = string | boolean | number;
const primitive = t.either(t.str, t.either(t.bool, t.int));

function makeDelta(a: EvalArgs) {
  const lib = a.lib;
  return defineModule({
    file: FILE,
    path: "programs.delta",
    options: {
      enable: mkEnableOption("delta, a syntax highlighter for git diffs"),
      package: mkPackageOption("delta"),
      options: option({
        type: t.attrsOf(t.either(primitive, t.attrsOf(primitive))),
        default: {} as Readonly<Record<string, Primitive | Readonly<Record<string, Primitive>>>>,
        example: { features: "decorations", decorations: { "file-style": "bold yellow ul" } },
        description: "delta's settings (see `delta --help`); a nested set is a named feature section.",
      }),
      enableGitIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make delta git's pager (diff, log, show, blame) and its interactive diff filter.",
      }),
      enableJujutsuIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make delta jujutsu's pager and diff formatter.",
      }),
      finalPackage: option({
        type: t.package,
        readOnly: true,
        visible: false,
        default: (d) => {
          const config = d.arg("config") as AttrsView;
          const cfg = (config.programs as AttrsView).delta as AttrsView;
          const gitEnabled = ((config.programs as AttrsView).git as AttrsView).enable === true;
          if ((cfg.enableGitIntegration === true && gitEnabled) || isEmpty(cfg.options)) return cfg.package as AttrsView;
          const configFile = callNix(d.pkgs.writeText, "delta-config", libCall(lib, "generators.toGitINI", { delta: cfg.options }));
          return callNix(d.pkgs.symlinkJoin, {
            name: "delta-wrapped",
            paths: [cfg.package],
            nativeBuildInputs: [d.pkgs.makeWrapper],
            postBuild: `wrapProgram $out/bin/delta \\\n  --add-flags "--config ${String(configFile)}"\n`,
            meta: (cfg.package as AttrsView).meta,
          }) as AttrsView;
        },
        description: "The delta that is installed: `package`, wrapped to read `options` when git does not carry them.",
      }),
    },
    config: ({ cfg, arg }) => {
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.finalPackage],
          ...legacyIntegration(
            () => arg("options"),
            "delta",
            "enableGitIntegration",
            () => cfg.enableGitIntegration,
          ),
        }),
        mkIf(() => cfg.enable && cfg.enableGitIntegration, {
          "programs.git.iniContent": () => ({
            pager: { diff: exe(), log: exe(), show: exe(), blame: exe() },
            interactive: { diffFilter: `${exe()} --color-only` },
            delta: cfg.options,
          }),
        }),
        // programs.jujutsu is in the catalog, so its settings can be defined unconditionally (under mkIf).
        mkIf(() => cfg.enable && cfg.enableJujutsuIntegration, {
          "programs.jujutsu.settings": () => ({
            "merge-tools": { delta: { "diff-expected-exit-codes": [0, 1] } },
            ui: { "diff-formatter": ":git", pager: String(libCall(lib, "getExe", cfg.finalPackage)) },
          }),
        }),
      ]);
    },
  });
}

/** The module, with the old `programs.git.delta.*` options renamed. */
export const deltaModule = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makeDelta(a).value,
  ...renames(a.lib, [
    ["programs.git.delta.enable", "programs.delta.enable"],
    ["programs.git.delta.package", "programs.delta.package"],
    ["programs.git.delta.options", "programs.delta.options"],
  ]),
]);
