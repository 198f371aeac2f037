/**
 * `programs.fzf`: the fzf fuzzy finder. Installs `package`; exports the
 * `FZF_*` session variables of the options that are set (lists joined with
 * spaces, `colors` as one `--color name:value,…` default option, `FZF_TMUX`
 * for tmux integration); loads fzf's shell integration in Bash and fish
 * (order 200, early so that history managers can take Ctrl-R back), Zsh
 * (order 910, after oh-my-zsh) and Nushell (last in `config.nu`, from a file
 * fzf generates), each preceded by the shell's own widget overrides
 * (`<widget>.<shell>.command`/`options`). Warns when `historyWidget.command`
 * needs a newer fzf, and when fzf and a history manager (Atuin, McFly, when
 * the catalog has them) both bind Ctrl-R in a shell; asserts the fzf version
 * each integration needs. The old flat widget options are renames.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkOrder,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString, perEvaluation } from "../module-kit.js";
import { renames } from "./git/integration.js";

const FILE = "modules/programs/fzf.ts";

const SHELLS = ["bash", "fish", "nushell", "zsh"] as const;
type Shell = (typeof SHELLS)[number];
const SHELL_NAMES: Readonly<Record<Shell, string>> = { bash: "Bash", fish: "Fish", nushell: "Nushell", zsh: "Zsh" };

interface WidgetDoc {
  readonly key: string;
  readonly commandExample: string;
  readonly optionsExample: readonly string[];
  readonly extraCommandText?: string;
}

const commandOption = (description: string, example: string) => option({ type: t.nullOr(t.str), default: null, example, description });

/** One widget's options: `command`, `options`, and per shell overrides of both. */
function widgetOptions(w: WidgetDoc) {
  const override = () => ({
    command: commandOption("This shell's own source command for the widget; null uses the widget's `command`.", w.commandExample),
    options: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: w.optionsExample,
      description: "This shell's own fzf options for the widget; null uses the widget's `options`.",
    }),
  });
  return {
    command: commandOption(`The command whose output fzf reads for the ${w.key} key binding.${w.extraCommandText ?? ""}`, w.commandExample),
    options: option({
      type: t.listOf(t.str),
      default: [],
      example: w.optionsExample,
      description: `Command-line options given to fzf for the ${w.key} key binding.`,
    }),
    bash: override(),
    fish: override(),
    nushell: override(),
    zsh: override(),
  };
}

const integration = (shell: string) =>
  option({
    type: t.bool,
    default: (a) => (a.arg("config") as { home: { shell: Record<string, boolean> } }).home.shell[`enable${shell}Integration`]!,
    defaultText: `config.home.shell.enable${shell}Integration`,
    example: false,
    description: `Whether to enable ${shell} integration.`,
  });

interface Override {
  readonly command: string | null;
  readonly options: readonly string[] | null;
}
interface Widget {
  readonly command: string | null;
  readonly options: readonly string[];
  readonly bash: Override;
  readonly fish: Override;
  readonly nushell: Override;
  readonly zsh: Override;
}

/** What the session variables are computed from. */
export interface FzfSettings {
  readonly changeDirWidget: Widget;
  readonly historyWidget: Widget;
  readonly fileWidget: Widget;
  readonly defaultCommand: string | null;
  readonly defaultOptions: readonly string[];
  readonly colors: Readonly<Record<string, string>>;
  readonly tmux: { readonly enableShellIntegration: boolean; readonly shellIntegrationOptions: readonly string[] };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Nix's `toString` of a variable's value (lists joined with spaces). */
const text = (v: string | readonly string[]) => (typeof v === "string" ? v : v.join(" "));

/** The global `FZF_*` variables of the settings that are not null or empty lists, by name. */
export function fzfVariables(c: FzfSettings): Record<string, string> {
  const colors = Object.keys(c.colors)
    .sort(byName)
    .map((k) => `${k}:${c.colors[k]!}`);
  const all: Record<string, string | readonly string[] | null> = {
    FZF_ALT_C_COMMAND: c.changeDirWidget.command,
    FZF_ALT_C_OPTS: c.changeDirWidget.options,
    FZF_CTRL_R_COMMAND: c.historyWidget.command,
    FZF_CTRL_R_OPTS: c.historyWidget.options,
    FZF_CTRL_T_COMMAND: c.fileWidget.command,
    FZF_CTRL_T_OPTS: c.fileWidget.options,
    FZF_DEFAULT_COMMAND: c.defaultCommand,
    FZF_DEFAULT_OPTS: [...c.defaultOptions, ...(colors.length > 0 ? [`--color ${colors.join(",")}`] : [])],
    FZF_TMUX: c.tmux.enableShellIntegration ? "1" : null,
    FZF_TMUX_OPTS: c.tmux.shellIntegrationOptions,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (v !== null && !(Array.isArray(v) && v.length === 0)) out[k] = text(v as string | string[]);
  return out;
}

/** One shell's widget overrides that are set (an empty list counts as set), by variable name. */
export function fzfShellVariables(c: FzfSettings, shell: Shell): Record<string, string> {
  const all: Record<string, string | readonly string[] | null> = {
    FZF_ALT_C_COMMAND: c.changeDirWidget[shell].command,
    FZF_ALT_C_OPTS: c.changeDirWidget[shell].options,
    FZF_CTRL_R_COMMAND: c.historyWidget[shell].command,
    FZF_CTRL_R_OPTS: c.historyWidget[shell].options,
    FZF_CTRL_T_COMMAND: c.fileWidget[shell].command,
    FZF_CTRL_T_OPTS: c.fileWidget[shell].options,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (v !== null) out[k] = text(v);
  return out;
}

const CONFLICT_ADVICE = (firstShell: string) =>
  "The history manager integration is sourced after fzf and owns Ctrl-R.\n" +
  "Choose which integration should own Ctrl-R.\n" +
  "To keep the history manager on Ctrl-R, disable fzf's binding:\n" +
  '  programs.fzf.historyWidget.command = "";\n' +
  "or disable it for one shell:\n" +
  `  programs.fzf.historyWidget.${firstShell}.command = "";\n` +
  "To keep fzf on Ctrl-R with Atuin, disable Atuin's Ctrl-R binding:\n" +
  '  programs.atuin.flags = [ "--disable-ctrl-r" ];\n' +
  "McFly has no Ctrl-R-only option in Home Manager. Disable McFly's\n" +
  "shell integration for that shell if fzf should own Ctrl-R.\n" +
  "To use another key, disable one default Ctrl-R binding and add a\n" +
  "shell-specific key binding in your shell configuration.\n";

/** The option at a dotted path of `options`, or undefined; only sets on the way and the option itself are read. */
function optionAt(options: JsValue, path: string): AttrsView | undefined {
  let cur: JsValue | undefined = options;
  for (const p of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object" || Array.isArray(cur) || !(p in cur)) return undefined;
    cur = (cur as AttrsView)[p];
  }
  return cur as AttrsView | undefined;
}

const fzfModule = defineModule({
  file: FILE,
  path: "programs.fzf",
  options: {
    enable: mkEnableOption("fzf - a command-line fuzzy finder"),
    package: mkPackageOption("fzf"),
    defaultCommand: commandOption("The command whose output fzf reads when it is run without input.", "fd --type f"),
    defaultOptions: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--height 40%", "--border"],
      description: "Command-line options fzf uses every time it runs.",
    }),
    fileWidget: widgetOptions({ key: "CTRL-T", commandExample: "fd --type f", optionsExample: ["--preview 'head {}'"] }),
    changeDirWidget: widgetOptions({
      key: "ALT-C",
      commandExample: "fd --type d",
      optionsExample: ["--preview 'tree -C {} | head -200'"],
    }),
    historyWidget: widgetOptions({
      key: "CTRL-R",
      commandExample: "",
      optionsExample: ["--sort", "--exact"],
      extraCommandText:
        " The empty string turns the binding off, leaving CTRL-R to a history manager such as Atuin or McFly;" +
        " other commands need fzf 0.66.0 or newer, which so far only warns about them when a shell starts.",
    }),
    colors: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { bg: "#1e1e1e", "bg+": "#1e1e1e", fg: "#d4d4d4", "fg+": "#d4d4d4" },
      description:
        "fzf's colors, added to `FZF_DEFAULT_OPTS` as one `--color` option " +
        "(see <https://github.com/junegunn/fzf/wiki/Color-schemes>).",
    }),
    tmux: {
      enableShellIntegration: mkEnableOption("setting `FZF_TMUX=1`, so that the shell integration runs fzf-tmux"),
      shellIntegrationOptions: option({
        type: t.listOf(t.str),
        default: [],
        example: ["-d 40%"],
        description: "Options the shell integration gives fzf-tmux when tmux integration is on (see `fzf-tmux --help`).",
      }),
    },
    enableBashIntegration: integration("Bash"),
    enableFishIntegration: integration("Fish"),
    enableZshIntegration: integration("Zsh"),
    enableNushellIntegration: integration("Nushell"),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const options = () => arg("options");
    const exe = () => nixToString(libCall(lib, "getExe", cfg.package));
    const version = () => nixToString((cfg.package as AttrsView).version ?? null);
    const atLeast = (min: string) => libCall(lib, "versionAtLeast", version(), min) === true;
    const showFiles = (path: string) => String(libCall(lib, "showFiles", optionAt(options(), path)?.files ?? []));
    /** Is `program` (with options `enable` and `enable<Shell>Integration`) integrated in an enabled `shell`? */
    const integrated = (program: string, shell: Shell): boolean => {
      if (optionAt(options(), `programs.${program}.enable`) === undefined) return false;
      if (!config.bool(`programs.${shell}.enable`)) return false;
      const p = config.get(`programs.${program}`) as AttrsView;
      return p.enable === true && p[`enable${SHELL_NAMES[shell]}Integration`] === true;
    };
    const fzfCtrlR = (shell: Shell) => {
      const own = cfg.historyWidget[shell].command;
      return integrated("fzf", shell) && (own !== null ? own : cfg.historyWidget.command) !== "";
    };
    const atuinCtrlR = (shell: Shell) =>
      integrated("atuin", shell) && !(config.get("programs.atuin.flags") as readonly string[]).includes("--disable-ctrl-r");
    const mcflyCtrlR = (shell: Shell) => shell !== "nushell" && integrated("mcfly", shell);

    const fzfDefinition = (shell: Shell) =>
      cfg.historyWidget[shell].command !== null
        ? `\`programs.fzf.historyWidget.${shell}.command\` defined in ${showFiles(`programs.fzf.historyWidget.${shell}.command`)}`
        : cfg.historyWidget.command !== null
          ? `\`programs.fzf.historyWidget.command\` defined in ${showFiles("programs.fzf.historyWidget.command")}`
          : `\`programs.fzf.enable\` defined in ${showFiles("programs.fzf.enable")}`;
    const atuinDefinition = () =>
      (config.get("programs.atuin.flags") as readonly string[]).length > 0
        ? `\`programs.atuin.flags\` defined in ${showFiles("programs.atuin.flags")}`
        : `\`programs.atuin.enable\` defined in ${showFiles("programs.atuin.enable")}`;

    const conflictWarning = (): string[] => {
      const shells = SHELLS.filter((s) => fzfCtrlR(s) && (atuinCtrlR(s) || mcflyCtrlR(s)));
      if (shells.length === 0) return [];
      const definitions = shells.flatMap((s) => [
        `  ${s}:`,
        `    ${fzfDefinition(s)}`,
        ...(atuinCtrlR(s) ? [`    ${atuinDefinition()}`] : []),
        ...(mcflyCtrlR(s) ? [`    \`programs.mcfly.enable\` defined in ${showFiles("programs.mcfly.enable")}`] : []),
      ]);
      return [
        `programs.fzf and a history manager both configure Ctrl-R for ${shells.join(", ")}.\n\n` +
          `Definitions:\n${definitions.join("\n")}\n\n` +
          CONFLICT_ADVICE(shells[0]!),
      ];
    };

    const exports = (shell: Shell) => {
      const vars = fzfShellVariables(cfg, shell);
      return Object.keys(vars).length > 0 ? `${String(libCall(lib, "hm.shell.exportAll", vars))}\n` : "";
    };

    return mkIf(() => cfg.enable, {
      warnings: () => [
        ...(cfg.historyWidget.command !== null && libCall(lib, "versionOlder", version(), "0.66.0") === true
          ? [
              `\`programs.fzf.historyWidget.command\` defined in ${showFiles("programs.fzf.historyWidget.command")} requires fzf 0.66.0 or greater.\n\n` +
                "The configured FZF_CTRL_R_COMMAND value will be ignored by older fzf\nversions.\n",
            ]
          : []),
        ...conflictWarning(),
      ],
      assertions: () => [
        {
          assertion: !(cfg.enableBashIntegration || cfg.enableFishIntegration || cfg.enableZshIntegration) || atLeast("0.48.0"),
          message: "fzf package version must be 0.48.0 or greater for bash, fish, or zsh integration",
        },
        {
          assertion: !cfg.enableNushellIntegration || atLeast("0.73.0"),
          message: "fzf package version must be 0.73.0 or greater for nushell integration",
        },
      ],
      "home.packages": () => [cfg.package],
      "home.sessionVariables": () => fzfVariables(cfg),
      "programs.bash.initExtra": () =>
        cfg.enableBashIntegration
          ? mkOrder(200, `if [[ :$SHELLOPTS: =~ :(vi|emacs): ]]; then\n${exports("bash")}  eval "$(${exe()} --bash)"\nfi\n`)
          : mkIf(false, ""),
      "programs.zsh.initContent": () =>
        cfg.enableZshIntegration
          ? mkOrder(910, `if [[ $options[zle] = on ]]; then\n${exports("zsh")}  source <(${exe()} --zsh)\nfi\n`)
          : mkIf(false, ""),
      "programs.fish.interactiveShellInit": () => {
        if (!cfg.enableFishIntegration) return mkIf(false, "");
        const vars = fzfShellVariables(cfg, "fish");
        const sets = Object.keys(vars)
          .sort(byName)
          .map((k) => `set -gx ${k} ${escapeShellArg(vars[k]!)}\n`)
          .join("");
        return mkOrder(200, `${sets}${exe()} --fish | source\n`);
      },
      "programs.nushell.environmentVariables": () => mkIf(cfg.enableNushellIntegration, fzfVariables(cfg)),
      "programs.nushell.extraConfig": () => {
        if (!cfg.enableNushellIntegration) return mkIf(false, "");
        const vars = fzfShellVariables(cfg, "nushell");
        const assignments = Object.keys(vars)
          .sort(byName)
          .map((k) => `$env.${k} = ${String(libCall(lib, "hm.nushell.toNushell", {}, vars[k]!))}\n`)
          .join("");
        const script = nixToString(callFn(pkgs.runCommand, "nushell-fzf-integration.nu", {}, `${exe()} --nushell > $out\n`));
        return mkAfter(`${assignments}source ${script}\n`);
      },
    });
  },
});

/** The module, with the old flat widget options renamed. */
export const fzfModuleValue = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, as Home Manager's do.
  fzfModule.value,
  ...renames(a.lib, [
    ["programs.fzf.fileWidgetCommand", "programs.fzf.fileWidget.command"],
    ["programs.fzf.fileWidgetOptions", "programs.fzf.fileWidget.options"],
    ["programs.fzf.changeDirWidgetCommand", "programs.fzf.changeDirWidget.command"],
    ["programs.fzf.changeDirWidgetOptions", "programs.fzf.changeDirWidget.options"],
    ["programs.fzf.historyWidgetOptions", "programs.fzf.historyWidget.options"],
    ["programs.fzf.historyWidgetCommand", "programs.fzf.historyWidget.command"],
  ]),
]);
