/**
 * `programs.broot`: the broot directory navigator. Installs `package` and
 * makes `$XDG_CONFIG_HOME/broot` (linked file by file) from broot's default
 * configuration (`<src>/resources/default-conf`) with `conf.hjson` replaced
 * by the defaults (converted to JSON by hjson-go) merged with `settings`
 * by jq, plus an empty `launcher/installed-v1` so broot does not offer to
 * install its launcher. Each shell whose integration is on sources, late
 * (`mkAfter`), the `br` function broot prints for it at build time (for
 * Nushell, broot's newer `main` is renamed back to `br`). The old top-level
 * `modal`, `verbs` and `skin` are renames into `settings`.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { formatType, freeformSubmodule } from "../accounts/email-programs/kit.js";
import { renames } from "./git/integration.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/broot.ts";

/** The build script printing broot's shell function for `shell` into `$out`. */
export function shellFunctionScript(shell: string): string {
  // broot 1.51 and later names the Nushell function `main`; `source` needs `br`.
  return shell === "nushell"
    ? `broot --print-shell-function ${shell} | sed 's/export def --env main/export def --env br/' > $out`
    : `broot --print-shell-function ${shell} > $out`;
}

const settingsOptions = {
  modal: mkEnableOption("modal (vim) mode"),
  verbs: option({
    type: t.listOf(t.attrsOf(ty.oneOf<boolean | string | readonly string[]>([t.bool, t.str, t.listOf(t.str)]))),
    default: [],
    example: [
      { invocation: "p", execution: ":parent" },
      { invocation: "edit", shortcut: "e", execution: "$EDITOR {file}" },
      { invocation: "view", execution: "less {file}" },
    ],
    description:
      "Extra verbs (see broot's documentation of verb definitions, " +
      "<https://dystroy.org/broot/documentation/configuration/#verb-definition-attributes>). Each verb needs an " +
      "`execution`; it may have an `invocation` (with argument placeholders), `key` or `keys`, a `shortcut`, " +
      "`leave_broot` (true by default) and `from_shell` (false by default).",
  }),
  skin: option({
    type: t.attrsOf(t.str),
    default: {},
    example: { status_normal_fg: "grayscale(18)", status_normal_bg: "grayscale(3)", directory_fg: "lightyellow" },
    description:
      "Colours of broot's interface: keys are element names (`directory`, `file`, `input`, `status_error`, " +
      "`tree`, …) followed by `_fg` for the foreground or `_bg` for the background.",
  }),
};

function makeBroot(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.broot",
    options: {
      enable: mkEnableOption("Broot, a better way to navigate directories"),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
      package: mkPackageOption("broot"),
      settings: option({
        type: freeformSubmodule(FILE, "settings", formatType(a, "json"), settingsOptions),
        default: {},
        description: "broot's configuration, merged as it is over broot's default `conf.hjson`.",
      }),
    },
    config: ({ cfg, lib, pkgs }) => {
      const exe = (p: JsValue) => String(libCall(lib, "getExe", p));
      const configDir = () => {
        const src = nixToString((cfg.package as AttrsView).src ?? null);
        const settings = nixToString(callNix(json().generate, "broot-config.json", cfg.settings));
        const postBuild =
          "rm $out/conf.hjson\n" +
          `${exe(pkgs.jq!)} --slurp add > $out/conf.hjson \\\n` +
          `  <(${exe(pkgs["hjson-go"]!)} -c ${src}/resources/default-conf/conf.hjson) \\\n` +
          `  ${settings}\n`;
        return callNix(pkgs.symlinkJoin, {
          name: "xdg.configFile.broot",
          paths: [`${src}/resources/default-conf`, callNix(pkgs.writeTextDir, "launcher/installed-v1", "")],
          postBuild,
        });
      };
      const shellInit = (shell: string) => {
        const made = callNix(pkgs.runCommand, `br.${shell}`, { nativeBuildInputs: [cfg.package] }, shellFunctionScript(shell));
        return mkAfter(`source ${nixToString(made)}\n`);
      };
      return mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        "xdg.configFile.broot": () => ({ recursive: true, source: configDir() }),
        "programs.bash.initExtra": () => (cfg.enableBashIntegration ? shellInit("bash") : mkIf(false, "")),
        "programs.zsh.initContent": () => (cfg.enableZshIntegration ? shellInit("zsh") : mkIf(false, "")),
        "programs.fish.shellInit": () => (cfg.enableFishIntegration ? shellInit("fish") : mkIf(false, "")),
        "programs.nushell.extraConfig": () => (cfg.enableNushellIntegration ? shellInit("nushell") : mkIf(false, "")),
      });
    },
  });
}

/** The module, with the old top-level `modal`, `verbs` and `skin` renamed into `settings`. */
export const brootModule = perEvaluation(FILE, (a) => [
  ...renames(a.lib, [
    ["programs.broot.modal", "programs.broot.settings.modal"],
    ["programs.broot.verbs", "programs.broot.settings.verbs"],
    ["programs.broot.skin", "programs.broot.settings.skin"],
  ]),
  makeBroot(a).value,
]);
