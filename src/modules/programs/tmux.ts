/**
 * `programs.tmux`: the tmux terminal multiplexer. Installs `package` (and
 * tmuxp when asked); writes `$XDG_CONFIG_HOME/tmux/tmux.conf` from the
 * options (sensible plugin first when `sensibleOnTop`, terminal, indexes,
 * shell, new session, split and pane bindings, prefix key, kill bindings,
 * mouse and the other switches), then the `plugins` each with its
 * `extraConfig` and `run-shell` of its runtime path, then `extraConfig`;
 * points `TMUX_TMPDIR` under `/run/user` when `secureSocket`. Plugins must be
 * `tmuxPlugins` packages (their pname starts with `tmuxplugin`).
 */
import {
  defineModule,
  mkAfter,
  mkBefore,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/tmux.ts";

const positive = new TsType<number>((ms) => ms.types.ints.positive!);

/** One entry of `plugins` given as a set: the plugin and its own configuration. */
const pluginEntryModule = defineModule({
  file: FILE,
  key: `${FILE}#plugin`,
  options: {
    plugin: option({
      type: t.package,
      example: "pkgs.tmuxPlugins.sensible",
      description: "The plugin package to load (one of `pkgs.tmuxPlugins`).",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Configuration placed right before this plugin is loaded.",
    }),
  },
});

/** An entry of `plugins`: a package, or a `{ plugin; extraConfig; }` set. */
type Plugin = AttrsView;

/** Is this entry of `plugins` a package (rather than a `{ plugin; extraConfig; }` set)? */
function isPackage(p: Plugin): boolean {
  return typeof p === "string" || p.type === "derivation";
}

/** The package of an entry. */
function pluginPackage(p: Plugin): AttrsView {
  return isPackage(p) ? p : (p.plugin as AttrsView);
}

function pluginName(p: Plugin): string {
  return nixToString(pluginPackage(p).pname!);
}

const onOff = (b: boolean) => (b ? "on" : "off");

interface TmuxSettings {
  readonly sensibleOnTop: boolean;
  readonly terminal: string;
  readonly baseIndex: number;
  readonly shell: string | null;
  readonly newSession: boolean;
  readonly reverseSplit: boolean;
  readonly keyMode: string;
  readonly customPaneNavigationAndResize: boolean;
  readonly resizeAmount: number;
  readonly prefix: string | null;
  readonly shortcut: string;
  readonly disableConfirmationPrompt: boolean;
  readonly mouse: boolean;
  readonly focusEvents: boolean;
  readonly aggressiveResize: boolean;
  readonly clock24: boolean;
  readonly escapeTime: number;
  readonly historyLimit: number;
}

/** The head of `tmux.conf` made from the settings (each optional part leaves its empty line behind, as upstream's file). */
export function tmuxConfHead(c: TmuxSettings, sensibleRtp: () => string): string {
  const sensible = c.sensibleOnTop
    ? "# ============================================= #\n" +
      "# Start with defaults from the Sensible plugin  #\n" +
      "# --------------------------------------------- #\n" +
      `run-shell ${sensibleRtp()}\n` +
      "# ============================================= #\n"
    : "";
  const shell = c.shell !== null ? `# We need to set default-shell before calling new-session\nset  -g default-shell "${c.shell}"\n` : "";
  const newSession = c.newSession
    ? '# Use -A to make new-session idempotent: attach if session "0" exists,\n' +
      "# otherwise create it. This prevents duplicate sessions when multiple\n" +
      "# configs (e.g., system and user) both enable newSession.\n" +
      "new-session -A -s 0"
    : "";
  const split = c.reverseSplit
    ? 'bind -N "Split the pane into two, left and right" v split-window -h\n' +
      'bind -N "Split the pane into two, top and bottom" s split-window -v\n'
    : "";
  const r = String(c.resizeAmount);
  const resize = (dir: string, key: string, flag: string) =>
    `bind -r -N "Resize the pane ${dir} by ${r}" \\\n  ${key} resize-pane -${flag} ${r}\n`;
  const vi =
    c.keyMode === "vi" && c.customPaneNavigationAndResize
      ? 'bind -N "Select pane to the left of the active pane" h select-pane -L\n' +
        'bind -N "Select pane below the active pane" j select-pane -D\n' +
        'bind -N "Select pane above the active pane" k select-pane -U\n' +
        'bind -N "Select pane to the right of the active pane" l select-pane -R\n' +
        "\n" +
        resize("left", "H", "L") +
        resize("down", "J", "D") +
        resize("up", "K", "U") +
        resize("right", "L", "R")
      : "";
  const prefix = c.prefix ?? `C-${c.shortcut}`;
  const rebind =
    prefix !== "C-b"
      ? `# rebind main key: ${prefix}\nunbind C-b\nset -g prefix ${prefix}\n` +
        `bind -N "Send the prefix key through to the application" \\\n  ${prefix} send-prefix\n`
      : "";
  const kill = c.disableConfirmationPrompt
    ? 'bind-key -N "Kill the current window" & kill-window\nbind-key -N "Kill the current pane" x kill-pane\n'
    : "";
  return (
    `${sensible}\n` +
    `set  -g default-terminal "${c.terminal}"\n` +
    `set  -g base-index      ${c.baseIndex}\n` +
    `setw -g pane-base-index ${c.baseIndex}\n` +
    `${shell}\n` +
    `${newSession}\n\n` +
    `${split}\n\n` +
    `set -g status-keys ${c.keyMode}\n` +
    `set -g mode-keys   ${c.keyMode}\n\n` +
    `${vi}\n\n` +
    `${rebind}\n\n` +
    `${kill}\n\n` +
    `set  -g mouse             ${onOff(c.mouse)}\n` +
    `set  -g focus-events      ${onOff(c.focusEvents)}\n` +
    `setw -g aggressive-resize ${onOff(c.aggressiveResize)}\n` +
    `setw -g clock-mode-style  ${c.clock24 ? "24" : "12"}\n` +
    `set  -s escape-time       ${c.escapeTime}\n` +
    `set  -g history-limit     ${c.historyLimit}\n`
  );
}

/** The part of `tmux.conf` that loads the plugins. */
function pluginsText(plugins: readonly Plugin[]): string {
  const one = (p: Plugin) => {
    const extra = isPackage(p) ? "" : nixToString(p.extraConfig!);
    const rtp = nixToString(pluginPackage(p).rtp!);
    return `# ${pluginName(p)}\n# ---------------------\n${extra}\nrun-shell ${rtp}\n`;
  };
  return (
    "# ============================================= #\n" +
    "# Load plugins with Home Manager                #\n" +
    "# --------------------------------------------- #\n\n" +
    `${plugins.map(one).join("\n\n")}\n` +
    "# ============================================= #\n"
  );
}

const bool = (description: string, example?: boolean) =>
  option({ type: t.bool, default: false, ...(example === undefined ? {} : { example }), description });

export const tmuxModule = defineModule({
  file: FILE,
  path: "programs.tmux",
  options: {
    aggressiveResize: bool("Whether a window takes the size of the smallest session that shows it as its current window."),
    baseIndex: option({ type: ty.unsigned, default: 0, example: 1, description: "The number of the first window and pane." }),
    clock24: bool("Whether the clock shows 24 hours."),
    customPaneNavigationAndResize: bool("Whether hjkl move between panes and HJKL resize them (in vi key mode)."),
    disableConfirmationPrompt: bool("Whether killing a pane or a window happens without asking first."),
    enable: mkEnableOption("tmux"),
    escapeTime: option({
      type: ty.unsigned,
      default: 10,
      example: 0,
      description: "How long (in milliseconds) tmux waits after an escape to tell it from a key sequence.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "Lines added at the end of `tmux.conf`." }),
    focusEvents: bool("Whether tmux asks supporting terminals for focus events and passes them to the programs inside."),
    historyLimit: option({
      type: positive,
      default: 2000,
      example: 5000,
      description: "How many lines of history each window keeps at most.",
    }),
    keyMode: option({
      type: t.enum(["emacs", "vi"] as const),
      default: "emacs",
      example: "vi",
      description: "Whether the status line and copy mode use Emacs or vi keys.",
    }),
    mouse: mkEnableOption("mouse support"),
    newSession: bool("Whether attaching starts a session when none is running."),
    package: mkPackageOption("tmux", { nullable: true }),
    reverseSplit: bool("Whether the split shortcuts are swapped (v splits left and right, s top and bottom)."),
    resizeAmount: option({
      type: positive,
      default: 5,
      example: 10,
      description: "How many lines or columns a resize binding moves.",
    }),
    sensibleOnTop: option({
      type: t.bool,
      default: false,
      description: "Whether the sensible plugin runs first, so the rest of the configuration (`extraConfig`) can override it.",
    }),
    prefix: option({
      type: t.nullOr(t.str),
      default: null,
      example: "C-a",
      description: "The prefix key; takes precedence over `shortcut` when set.",
    }),
    shortcut: option({
      type: t.str,
      default: "b",
      example: "a",
      description: "The key that, with Ctrl, is the prefix.",
    }),
    terminal: option({
      type: t.str,
      default: "screen",
      example: "screen-256color",
      description: "The value of `$TERM` inside tmux.",
    }),
    shell: option({
      type: t.nullOr(t.str),
      default: null,
      example: "${pkgs.zsh}/bin/zsh",
      description: "tmux's `default-shell`.",
    }),
    secureSocket: option({
      type: t.bool,
      default: (d) => ((d.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true,
      defaultText: "pkgs.stdenv.hostPlatform.isLinux",
      description: "Whether the tmux socket lives under `/run` (safer than `/tmp`, but gone when the user logs out).",
    }),
    tmuxp: { enable: mkEnableOption("tmuxp") },
    plugins: option({
      type: ty.described(
        t.listOf(t.either(t.package, ty.submodule<{ plugin: AttrsView; extraConfig: string }>(pluginEntryModule))),
        "list of plugin packages or submodules",
      ) as TsType<readonly Plugin[]>,
      default: [],
      example:
        "with pkgs; [ tmuxPlugins.cpu { plugin = tmuxPlugins.resurrect; extraConfig = \"set -g @resurrect-strategy-nvim 'session'\"; } ]",
      description: "tmux plugins loaded at the end of the configuration (the sensible plugin goes first with `sensibleOnTop`).",
    }),
  },
  config: ({ cfg, pkgs }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [...(cfg.package !== null ? [cfg.package] : []), ...(cfg.tmuxp.enable ? [pkgs.tmuxp] : [])],
      'xdg.configFile."tmux/tmux.conf".text': () =>
        mkMerge([
          mkBefore(tmuxConfHead(cfg, () => nixToString(((pkgs.tmuxPlugins as AttrsView).sensible as AttrsView).rtp as JsValue))),
          mkAfter(cfg.extraConfig),
          mkIf(cfg.plugins.length > 0, pluginsText(cfg.plugins)),
        ]),
      "home.sessionVariables": () => mkIf(cfg.secureSocket, { TMUX_TMPDIR: '${XDG_RUNTIME_DIR:-"/run/user/$(id -u)"}' }),
      assertions: () =>
        mkIf(cfg.plugins.length > 0, [
          (() => {
            const bad = cfg.plugins.filter((p) => !pluginName(p).startsWith("tmuxplugin"));
            return {
              assertion: bad.length === 0,
              message: `Invalid tmux plugin (not prefixed with "tmuxplugins"): ${bad.map(pluginName).join(", ")}`,
            };
          })(),
        ]),
    }),
});
