/**
 * `programs.skim`: the skim fuzzy finder. Installs `package`, exports the
 * `SKIM_*` variables of the commands and options that are set (lists of
 * options joined with spaces), and loads skim's completion and key bindings
 * in Bash, Zsh and fish when their integrations are on (for the shells
 * this catalog has).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type JsValue } from "../../module-system/index.js";
import { nixToString } from "../module-kit.js";

const FILE = "modules/programs/skim.ts";

const command = (what: string, example: string) =>
  option({ type: t.nullOr(t.str), default: null, example, description: `The command whose output skim reads ${what}.` });
const options = (what: string, example: readonly string[]) =>
  option({ type: t.listOf(t.str), default: [], example, description: `Command-line options given to skim ${what}.` });
const integration = (shell: string) =>
  option({
    type: t.bool,
    default: (a) => (a.arg("config") as { home: { shell: Record<string, boolean> } }).home.shell[`enable${shell}Integration`]!,
    defaultText: `config.home.shell.enable${shell}Integration`,
    example: false,
    description: `Whether to enable ${shell} integration.`,
  });

/** The `SKIM_*` session variables of the settings that are not null or empty. */
export function skimVariables(c: {
  readonly changeDirWidgetCommand: string | null;
  readonly changeDirWidgetOptions: readonly string[];
  readonly historyWidgetOptions: readonly string[];
  readonly fileWidgetCommand: string | null;
  readonly fileWidgetOptions: readonly string[];
  readonly defaultCommand: string | null;
  readonly defaultOptions: readonly string[];
}): Record<string, string> {
  const all: Record<string, string | readonly string[] | null> = {
    SKIM_ALT_C_COMMAND: c.changeDirWidgetCommand,
    SKIM_ALT_C_OPTS: c.changeDirWidgetOptions,
    SKIM_CTRL_R_OPTS: c.historyWidgetOptions,
    SKIM_CTRL_T_COMMAND: c.fileWidgetCommand,
    SKIM_CTRL_T_OPTS: c.fileWidgetOptions,
    SKIM_DEFAULT_COMMAND: c.defaultCommand,
    SKIM_DEFAULT_OPTIONS: c.defaultOptions,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) {
    if (v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = Array.isArray(v) ? v.join(" ") : (v as string);
  }
  return out;
}

/**
 * Is an option declared at `shell.option` under `programs`? Only the sets above the option are read: reading
 * the option itself would ask every module for its definitions, this one included, while this module's are
 * being listed.
 */
function declared(options: JsValue, shell: string, name: string): boolean {
  const programs = (options as Record<string, JsValue>).programs as Record<string, JsValue> | undefined;
  if (programs === undefined || !(shell in programs)) return false;
  return name in (programs[shell] as Record<string, JsValue>);
}

export const skimModule = defineModule({
  file: FILE,
  path: "programs.skim",
  options: {
    enable: mkEnableOption("skim - a command-line fuzzy finder"),
    package: mkPackageOption("skim"),
    defaultCommand: command("by default", "fd --type f"),
    defaultOptions: options("by default", ["--height 40%", "--prompt ⟫"]),
    fileWidgetCommand: command("for the CTRL-T key binding", "fd --type f"),
    fileWidgetOptions: options("for the CTRL-T key binding", ["--preview 'head {}'"]),
    changeDirWidgetCommand: command("for the ALT-C key binding", "fd --type d"),
    changeDirWidgetOptions: options("for the ALT-C key binding", ["--preview 'tree -C {} | head -200'"]),
    historyWidgetOptions: options("for the CTRL-R key binding", ["--tac", "--exact"]),
    enableBashIntegration: integration("Bash"),
    enableFishIntegration: integration("Fish"),
    enableZshIntegration: integration("Zsh"),
  },
  config: ({ cfg, arg }) => {
    const opts = arg("options") as JsValue;
    const pkg = () => nixToString(cfg.package);
    return mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "home.sessionVariables": () => skimVariables(cfg),
      ...(declared(opts, "bash", "initExtra")
        ? {
            "programs.bash.initExtra": () =>
              mkIf(
                cfg.enableBashIntegration,
                `if [[ :$SHELLOPTS: =~ :(vi|emacs): ]]; then\n  . ${pkg()}/share/skim/completion.bash\n  . ${pkg()}/share/skim/key-bindings.bash\nfi\n`,
              ),
          }
        : {}),
      ...(declared(opts, "zsh", "initContent")
        ? {
            "programs.zsh.initContent": () =>
              mkIf(
                cfg.enableZshIntegration,
                `if [[ $options[zle] = on ]]; then\n  . ${pkg()}/share/skim/completion.zsh\n  . ${pkg()}/share/skim/key-bindings.zsh\nfi\n`,
              ),
          }
        : {}),
      "programs.fish.shellInit": () =>
        mkIf(cfg.enableFishIntegration, `source ${pkg()}/share/skim/key-bindings.fish && skim_key_bindings\n`),
    });
  },
});
