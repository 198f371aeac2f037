/**
 * `programs.jujutsu`: Jujutsu (`jj`), a version control system that works
 * with Git repositories. Installs `package` (unless null) and writes
 * `settings` as TOML (`pkgs.formats.toml`) to `jj/config.toml` under
 * `$XDG_CONFIG_HOME` (on macOS with jj older than 0.29: under
 * `~/Library/Application Support`) when they are not empty. With `ediff`
 * (default: whether Emacs is enabled) it adds an `ediff` merge tool running
 * a small script that asks emacsclient for a three-way merge. The old
 * shell-integration options are removed.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callFn, callNix, isEmpty, libCall, nixToString, perEvaluation, removedOptionModule, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/jujutsu.ts";

function makeJujutsu(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const tomlType = new TsType<JsValue>((ms) => wrapType(ms, toNix(toml().type)));
  return defineModule({
    file: FILE,
    path: "programs.jujutsu",
    imports: ["Bash", "Fish", "Zsh"].map(
      (shell) => removedOptionModule(FILE, `programs.jujutsu.enable${shell}Integration`, () => "This option is no longer necessary.").value,
    ),
    options: {
      enable: mkEnableOption("a Git-compatible DVCS that is both simple and powerful"),
      package: mkPackageOption("jujutsu", { nullable: true }),
      ediff: option({
        type: t.bool,
        default: (o) => (o.arg("config") as { programs: { emacs: { enable: boolean } } }).programs.emacs.enable,
        defaultText: "config.programs.emacs.enable",
        description: "Whether to add Emacs' ediff as a merge tool.",
      }),
      settings: option({
        type: tomlType,
        default: {} as JsValue,
        example: { user: { name: "John Doe", email: "jdoe@example.org" } },
        description:
          "Jujutsu's configuration, written as TOML to `config.toml`; the keys are described at " +
          "<https://github.com/martinvonz/jj/blob/main/docs/config.md>.",
      }),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const configDir = () => {
        if (isDarwin()) {
          const version = nixToString(libCall(lib, "getVersion", cfg.package));
          if (libCall(lib, "versionAtLeast", version, "0.29.0") !== true) return "Library/Application Support";
        }
        return config.str("xdg.configHome");
      };
      const ediffScript = () =>
        callFn(
          pkgs.writeShellScriptBin,
          "emacs-ediff",
          "set -euxo pipefail\n" +
            `${nixToString(config.get("programs.emacs.package"))}/bin/emacsclient -c --eval ` +
            '"(ediff-merge-files-with-ancestor \\"$1\\" \\"$2\\" \\"$3\\" nil \\"$4\\")"\n',
        );
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "programs.jujutsu.settings": () =>
          mkIf(cfg.ediff, {
            "merge-tools": {
              ediff: { program: libCall(lib, "getExe", ediffScript()), "merge-args": ["$left", "$right", "$base", "$output"] },
            },
          }),
        "home.file": () =>
          mkIf(!isEmpty(cfg.settings), {
            [`${configDir()}/jj/config.toml`]: { source: callNix(toml().generate, "jujutsu-config", cfg.settings) },
          }),
      });
    },
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.toml`). */
export const jujutsuModule = perEvaluation(FILE, (a) => makeJujutsu(a));
