/**
 * `programs.powerline-go`: the powerline-go prompt. Each enabled shell (Bash,
 * Zsh, fish) gets a prompt hook that runs powerline-go with arguments built
 * from `modules`, `modulesRight` (which switches to `-eval` output),
 * `newline`, `pathAliases` and free-form `settings`.
 */
import { defineModule, mkEnableOption, mkIf, mkMerge, mkPackageOption, option, t } from "../../module-system/index.js";
import { libCall } from "../module-kit.js";

const FILE = "modules/programs/powerline-go.ts";

type Arg = string | number | boolean | readonly Arg[] | { readonly [k: string]: Arg };

/** A value as one powerline-go argument: lists joined by commas, attribute sets as sorted `k=v` lists. */
export function argText(v: Arg): string {
  if (Array.isArray(v)) return (v as readonly Arg[]).map(argText).join(",");
  if (typeof v === "object") {
    const o = v as { readonly [k: string]: Arg };
    return Object.keys(o)
      .sort()
      .map((k) => `${k}=${argText(o[k]!)}`)
      .join(",");
  }
  if (typeof v === "boolean") return v ? "1" : "";
  return String(v);
}

export const powerlineGoModule = defineModule({
  file: FILE,
  path: "programs.powerline-go",
  options: {
    enable: mkEnableOption("Powerline-go, a fast prompt for your shell"),
    package: mkPackageOption("powerline-go"),
    modules: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["host", "ssh", "cwd", "gitlite", "jobs", "exit"],
      description: "Names of the prompt segments to show (null keeps powerline-go's own choice).",
    }),
    modulesRight: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["host", "venv", "git"],
      description:
        "Names of the segments shown on the right (Bash cannot show them). Setting this makes powerline-go print shell code that is evaluated.",
    }),
    newline: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether to put the prompt on a line of its own.",
    }),
    pathAliases: option({
      type: t.nullOr(t.attrsOf(t.str)),
      default: null,
      example: { "\\~/projects/home-manager": "prj:home-manager" },
      description: "Short names for paths, keyed by the full path (escape `~` so the shell leaves it alone).",
    }),
    settings: option({
      type: t.attrsOf(t.either(t.bool, t.either(t.int, t.either(t.str, t.listOf(t.str))))),
      example: { "hostname-only-if-ssh": true, "cwd-max-depth": 7 },
      default: {},
      description: "Further powerline-go flags: `true` gives a bare flag, other values are passed after the flag.",
    }),
    extraUpdatePS1: option({
      type: t.str,
      default: "",
      example: 'PS1=$PS1"NixOS> ";\n',
      description: "Shell code run after the prompt has been set.",
    }),
  },
  config: ({ cfg, config, lib }) => {
    const evalMode = () => cfg.modulesRight !== null;
    const args = (): string => {
      let s = "";
      if (evalMode()) s += " -eval";
      if (cfg.modules !== null) s += ` -modules ${argText(cfg.modules)}`;
      if (cfg.modulesRight !== null) s += ` -modules-right ${argText(cfg.modulesRight)}`;
      if (cfg.newline) s += " -newline";
      if (cfg.pathAliases !== null) s += ` -path-aliases ${argText(cfg.pathAliases)}`;
      const settings: Readonly<Record<string, Arg>> = cfg.settings;
      for (const k of Object.keys(settings).sort()) {
        const v = settings[k]!;
        s += v === true ? ` -${k}` : ` -${k} ${argText(v)}`;
      }
      return `${s}\n`;
    };
    const exe = () => String(libCall(lib, "getExe", cfg.package));
    const setPrompt = () => (evalMode() ? "eval " : "PS1=");
    return mkMerge([
      mkIf(() => cfg.enable && config.bool("programs.bash.enable"), {
        "programs.bash.initExtra": () =>
          [
            "function _update_ps1() {",
            "  local old_exit_status=$?",
            `  ${setPrompt()}"$(${exe()} -error $old_exit_status -shell bash${args()})"`,
            `  ${cfg.extraUpdatePS1}`,
            "  return $old_exit_status",
            "}",
            "",
            'if [ "$TERM" != "linux" ]; then',
            '  if [[ ";${PROMPT_COMMAND:-};" != *";_update_ps1;"* ]]; then',
            '    PROMPT_COMMAND="_update_ps1${PROMPT_COMMAND:+;$PROMPT_COMMAND}"',
            "  fi",
            "fi",
            "",
          ].join("\n"),
      }),
      mkIf(() => cfg.enable && config.bool("programs.zsh.enable"), {
        "programs.zsh.initContent": () =>
          [
            "function powerline_precmd() {",
            `  ${setPrompt()}"$(${exe()} -error $? -shell zsh${args()})"`,
            `  ${cfg.extraUpdatePS1}`,
            "}",
            "",
            "function install_powerline_precmd() {",
            '  for s in "$\\{precmd_functions[@]}"; do',
            '    if [ "$s" = "powerline_precmd" ]; then',
            "      return",
            "    fi",
            "  done",
            "  precmd_functions+=(powerline_precmd)",
            "}",
            "",
            'if [ "$TERM" != "linux" ]; then',
            "  install_powerline_precmd",
            "fi",
            "",
          ].join("\n"),
      }),
      mkIf(() => cfg.enable && config.bool("programs.fish.enable"), {
        "programs.fish.interactiveShellInit": () =>
          [
            "function fish_prompt",
            `    eval ${exe()} -error $status -jobs (count (jobs -p))${args()}`,
            `    ${cfg.extraUpdatePS1}`,
            "end",
            "",
          ].join("\n"),
      }),
    ]);
  },
});
