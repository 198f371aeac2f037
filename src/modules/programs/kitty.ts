/**
 * `programs.kitty`: the kitty terminal. Installs `package` and the font's
 * package (each unless null) and writes `$XDG_CONFIG_HOME/kitty/kitty.conf`:
 * a header, then `extraConfig`, into which this module puts (at fixed
 * `mkOrder` positions, so users can interleave their own lines) the font,
 * the `include` of a `kitty-themes` theme (`themeFile`), the
 * `shell_integration` mode, `settings` (`key value`, booleans `yes`/`no`,
 * floats as Nix's `toString` prints them), action aliases, key and mouse
 * bindings and `env` lines. kitty is told to reload (`pkill -USR1`) when the
 * file changes. Also: `quick-access-terminal.conf`, `diff.conf` (from
 * `diffConfig`), the three `*-theme.auto.conf` files of `autoThemeFiles`,
 * an activation check that the themes exist, the macOS launch options, the
 * shell integrations for Bash, fish and Zsh, and kitty as Git's diff tool.
 * The old `theme` option (a theme's display name) is changed into `themeFile`
 * by looking it up in `kitty-themes`' `themes.json`.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  mkPackageOption,
  option,
  submoduleOf,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixAttrs, NixString, type Value } from "../../nix/values.js";
import { nixThrow } from "../../module-system/nix-values.js";
import { libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/kitty.ts";

type Setting = string | boolean | number;

/** Nix's `toString` of a raw scalar: integers plainly, floats with six decimals (`%f`). */
function scalarText(v: Value): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return v.toFixed(6);
  if (typeof v === "boolean") return v ? "1" : "";
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  return String(v);
}

/** The attribute names of a raw set in Nix's order, with their raw values. */
function rawEntries(view: unknown): [string, Value][] {
  const v = force(toNix(view));
  if (!(v instanceof NixAttrs)) return [];
  return [...v.map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, force(v.map.get(k)!)]);
}

/** `key value` lines of kitty settings (booleans `yes`/`no`). */
export function kittySettingsText(settings: unknown): string {
  return rawEntries(settings)
    .map(([k, v]) => `${k} ${typeof v === "boolean" ? (v ? "yes" : "no") : scalarText(v)}\n`)
    .join("");
}

/** One `<prefix> key value` line per entry, keys sorted. */
function linesOf(prefix: string, m: Readonly<Record<string, string>>, sep = " "): string {
  return Object.keys(m)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${prefix}${k}${sep}${m[k]!}\n`)
    .join("");
}

/** Content made only when the condition holds (an `mkIf false` otherwise). */
function when(condition: boolean, make: () => unknown): unknown {
  return condition ? make() : mkIf(false, null);
}

function nonEmpty(m: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(m).length > 0;
}

const settingType = ty.oneOf<Setting>([t.str, t.bool, t.int, t.float]);

const shellInit = {
  bash: (mode: string) =>
    `if test -n "$KITTY_INSTALLATION_DIR"; then\n  export KITTY_SHELL_INTEGRATION="${mode}"\n` +
    `  source "$KITTY_INSTALLATION_DIR/shell-integration/bash/kitty.bash"\nfi\n`,
  fish: (mode: string) =>
    `if set -q KITTY_INSTALLATION_DIR\n  set --global KITTY_SHELL_INTEGRATION "${mode}"\n` +
    `  source "$KITTY_INSTALLATION_DIR/shell-integration/fish/vendor_conf.d/kitty-shell-integration.fish"\n` +
    `  set --prepend fish_complete_path "$KITTY_INSTALLATION_DIR/shell-integration/fish/vendor_completions.d"\nend\n`,
  zsh: (mode: string) =>
    `if test -n "$KITTY_INSTALLATION_DIR"; then\n  export KITTY_SHELL_INTEGRATION="${mode}"\n` +
    `  autoload -Uz -- "$KITTY_INSTALLATION_DIR"/shell-integration/zsh/kitty-integration\n` +
    `  kitty-integration\n  unfunction kitty-integration\nfi\n`,
};

/** `no-rc` first, then the other words of the mode. */
function applyMode(m: string | null): string | null {
  if (m === null) return null;
  return ["no-rc", ...m.split(" ").filter((w) => w !== "no-rc")].join(" ");
}

const autoThemesType = submoduleOf(
  {
    light: option({ type: t.str, description: "The theme used when the system prefers a light color scheme." }),
    dark: option({ type: t.str, description: "The theme used when the system prefers a dark color scheme." }),
    noPreference: option({ type: t.str, description: "The theme used when the system states no preference." }),
  },
  FILE,
);

function makeKitty(a: EvalArgs) {
  const integration = (shell: string) =>
    option({
      type: t.bool,
      default: () => {
        const mode = a.get("programs.kitty.shellIntegration.mode") as string | null;
        return mode !== null && !mode.split(" ").includes("disabled");
      },
      defaultText:
        '(cfg.shellIntegration.mode != null)\n&& !(elem "disabled" (splitString " " config.programs.kitty.shellIntegration.mode))',
      example: false,
      description: `Whether to enable ${shell} integration.`,
    });
  const keyMap = (description: string, example?: Record<string, string>) =>
    option({ type: t.attrsOf(t.str), default: {}, ...(example ? { example } : {}), description });

  return defineModule({
    file: FILE,
    path: "programs.kitty",
    options: {
      enable: mkEnableOption("Kitty terminal emulator"),
      package: mkPackageOption("kitty", { nullable: true }),
      darwinLaunchOptions: option({
        type: t.nullOr(t.listOf(t.str)),
        default: null,
        example: ["--single-instance", "--directory=/tmp/my-dir", "--listen-on=unix:/tmp/my-socket"],
        description: "Command-line options kitty gets when macOS starts it from the GUI.",
      }),
      settings: option({
        type: t.attrsOf(settingType),
        default: {},
        example: { scrollback_lines: 10000, enable_audio_bell: false, update_check_interval: 0 },
        description: "Settings written to `$XDG_CONFIG_HOME/kitty/kitty.conf`, one `name value` line each.",
      }),
      themeFile: option({
        type: t.nullOr(t.str),
        default: null,
        example: "SpaceGray_Eighties",
        description:
          "A color theme of `kitty-themes` to include: its file name without `.conf`. Automatic themes " +
          "(`autoThemeFiles`) take precedence over it when set.",
      }),
      autoThemeFiles: option({
        type: t.nullOr(autoThemesType),
        default: null,
        example: { light: "GitHub", dark: "TokyoNight", noPreference: "OneDark" },
        description:
          "Themes kitty picks from by the system's color scheme, written as `light-theme.auto.conf`, " +
          "`dark-theme.auto.conf` and `no-preference-theme.auto.conf`; they override other color settings.",
      }),
      font: option({
        type: t.nullOr(ty.hm<{ name: string; size: number | null; package: AttrsView | null }>("fontType")),
        default: null,
        description: "The font kitty uses.",
      }),
      actionAliases: keyMap("Action aliases: alias name to the action it stands for.", {
        launch_tab: "launch --cwd=current --type=tab",
        launch_window: "launch --cwd=current --type=os-window",
      }),
      keybindings: keyMap("Key bindings: keys to the action they run.", {
        "ctrl+c": "copy_or_interrupt",
        "ctrl+f>2": "set_font_size 20",
      }),
      mouseBindings: keyMap("Mouse bindings: mouse event to the action it runs."),
      environment: keyMap("Environment variables kitty sets (or overrides) for its children.", { LS_COLORS: "1" }),
      shellIntegration: {
        mode: option({
          type: t.nullOr(t.str),
          default: "no-rc",
          example: "no-cursor",
          apply: (v: string | null) => applyMode(v),
          description:
            "kitty's `shell_integration` setting. `no-rc` is always added (this module loads the integration " +
            "itself), unless the mode is null.",
        }),
        enableBashIntegration: integration("Bash"),
        enableFishIntegration: integration("Fish"),
        enableZshIntegration: integration("Zsh"),
      },
      enableGitIntegration: mkEnableOption("git integration"),
      extraConfig: option({ type: t.lines, default: "", description: "Lines added to `kitty.conf`." }),
      quickAccessTerminalConfig: option({
        type: t.attrsOf(settingType),
        default: {},
        example: { start_as_hidden: false, hide_on_focus_loss: false, background_opacity: 0.85 },
        description: "Settings written to `$XDG_CONFIG_HOME/kitty/quick-access-terminal.conf`.",
      }),
      diffConfig: {
        settings: option({
          type: t.attrsOf(settingType),
          default: {},
          description: "Settings of kitty's diff kitten, written to `$XDG_CONFIG_HOME/kitty/diff.conf` (before `extraConfig`).",
        }),
        keybindings: keyMap("Key bindings of the diff kitten (before `extraConfig`)."),
        extraConfig: option({ type: t.lines, default: "", description: "Lines added to kitty's `diff.conf`." }),
      },
    },
    config: ({ cfg, pkgs, lib }) => {
      const themes = () => nixToString(pkgs["kitty-themes"]!);
      const themePath = (name: string) => `${themes()}/share/kitty-themes/themes/${name}.conf`;
      const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const si = cfg.shellIntegration;
      const autoTheme = (pick: (x: { light: string; dark: string; noPreference: string }) => string) => () =>
        when(cfg.autoThemeFiles !== null, () => ({ text: `include ${themePath(pick(cfg.autoThemeFiles!))}\n` }));
      const check = (name: string) =>
        `if [[ ! -f "${themePath(name)}" ]]; then\n  errorEcho "kitty-themes does not contain the theme file ${themePath(name)}!"\n  exit 1\nfi\n`;

      return mkIf(() => cfg.enable, {
        assertions: () => [
          {
            assertion: !(si.mode === null && (si.enableBashIntegration || si.enableFishIntegration || si.enableZshIntegration)),
            message: "Cannot enable shell integration when `programs.kitty.shellIntegration.mode` is `null`",
          },
        ],
        "home.packages": () => [
          ...(cfg.package !== null ? [cfg.package] : []),
          ...(cfg.font !== null && cfg.font.package !== null ? [cfg.font.package] : []),
        ],
        "programs.kitty.extraConfig": () => {
          const parts: unknown[] = [];
          if (cfg.font !== null) {
            const size = rawEntries(cfg.font).find(([k]) => k === "size")?.[1] ?? null;
            parts.push(mkOrder(510, `font_family ${cfg.font.name}\n${size !== null ? `font_size ${scalarText(size)}` : ""}\n`));
          }
          if (cfg.themeFile !== null) parts.push(mkOrder(520, `include ${themePath(cfg.themeFile)}\n`));
          if (si.mode !== null)
            parts.push(mkOrder(530, `# Shell integration is sourced and configured manually\nshell_integration ${si.mode}\n`));
          if (nonEmpty(cfg.settings)) parts.push(mkOrder(540, kittySettingsText(cfg.settings)));
          if (nonEmpty(cfg.actionAliases)) parts.push(mkOrder(550, linesOf("action_alias ", cfg.actionAliases)));
          if (nonEmpty(cfg.keybindings)) parts.push(mkOrder(560, linesOf("map ", cfg.keybindings)));
          if (nonEmpty(cfg.mouseBindings)) parts.push(mkOrder(570, linesOf("mouse_map ", cfg.mouseBindings)));
          if (nonEmpty(cfg.environment)) parts.push(mkOrder(580, linesOf("env ", cfg.environment, "=")));
          return mkMerge(parts);
        },
        "programs.kitty.diffConfig.extraConfig": () => {
          const parts: unknown[] = [];
          if (nonEmpty(cfg.diffConfig.settings)) parts.push(mkOrder(510, kittySettingsText(cfg.diffConfig.settings)));
          if (nonEmpty(cfg.diffConfig.keybindings)) parts.push(mkOrder(520, linesOf("map ", cfg.diffConfig.keybindings)));
          return mkMerge(parts);
        },
        'xdg.configFile."kitty/kitty.conf"': () => ({
          text: `# Generated by Home Manager.\n# See https://sw.kovidgoyal.net/kitty/conf.html\n${cfg.extraConfig}\n`,
          onChange: `${isDarwin() ? "/usr" : nixToString(pkgs.procps!)}/bin/pkill -USR1 -u $USER kitty || true\n`,
        }),
        'xdg.configFile."kitty/quick-access-terminal.conf"': () =>
          mkIf(Object.keys(cfg.quickAccessTerminalConfig).length > 0, {
            text:
              "# Generated by Home Manager.\n# See https://sw.kovidgoyal.net/kitty/kittens/quick-access-terminal/\n" +
              `${kittySettingsText(cfg.quickAccessTerminalConfig)}\n`,
          }),
        'xdg.configFile."kitty/diff.conf"': () =>
          mkIf(cfg.diffConfig.extraConfig !== "", {
            text: `# Generated by Home Manager\n# See https://sw.kovidgoyal.net/kitty/kittens/diff/\n${cfg.diffConfig.extraConfig}\n`,
          }),
        'xdg.configFile."kitty/light-theme.auto.conf"': autoTheme((x) => x.light),
        'xdg.configFile."kitty/dark-theme.auto.conf"': autoTheme((x) => x.dark),
        'xdg.configFile."kitty/no-preference-theme.auto.conf"': autoTheme((x) => x.noPreference),
        "home.activation.checkKittyTheme": () =>
          when(cfg.themeFile !== null || cfg.autoThemeFiles !== null, () => {
            const auto = cfg.autoThemeFiles;
            const text =
              `${cfg.themeFile !== null ? check(cfg.themeFile) : ""}\n` +
              `${auto !== null ? `${check(auto.light)}\n${check(auto.dark)}\n${check(auto.noPreference)}\n` : ""}\n`;
            return libCall(lib, "hm.dag.entryBefore", ["writeBoundary"], text);
          }),
        'xdg.configFile."kitty/macos-launch-services-cmdline"': () =>
          when(cfg.darwinLaunchOptions !== null && isDarwin(), () => ({ text: cfg.darwinLaunchOptions!.join(" ") })),
        "programs.bash.initExtra": () => when(si.enableBashIntegration, () => shellInit.bash(si.mode!)),
        "programs.fish.interactiveShellInit": () => when(si.enableFishIntegration, () => shellInit.fish(si.mode!)),
        "programs.zsh.initContent": () => when(si.enableZshIntegration, () => shellInit.zsh(si.mode!)),
        "programs.git.iniContent": () =>
          mkIf(cfg.enableGitIntegration, {
            diff: { tool: mkDefault("kitty"), guitool: mkDefault("kitty.gui") },
            difftool: {
              prompt: mkDefault(false),
              trustExitCode: mkDefault(true),
              kitty: { cmd: "kitten diff $LOCAL $REMOTE" },
              "kitty.gui": { cmd: "kitten diff $LOCAL $REMOTE" },
            },
          }),
      });
    },
  });
}

/** `theme` (a display name) to `themeFile`: the matching entry of `kitty-themes`' `themes.json`, its file name stripped. */
function themeToThemeFile(a: EvalArgs, config: JsValue): string | null {
  const value = (((config as AttrsView).programs as AttrsView).kitty as AttrsView).theme as string | null;
  if (value === null) return null;
  const json = `${nixToString(a.pkgs()["kitty-themes"]!)}/share/kitty-themes/themes.json`;
  const all = libCall(a.lib, "importJSON", json) as readonly AttrsView[];
  const match = all.find((x) => x.name === value);
  if (match === undefined) throw nixThrow(`kitty-themes does not contain a theme named ${value}`);
  let file = match.file as string;
  if (file.startsWith("themes/")) file = file.slice("themes/".length);
  if (file.endsWith(".conf")) file = file.slice(0, -".conf".length);
  return file;
}

/** The module, with the old `theme` option changed into `themeFile`. */
export const kittyModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(a.lib, "mkChangedOptionModule", ["programs", "kitty", "theme"], ["programs", "kitty", "themeFile"], (config: JsValue) =>
      themeToThemeFile(a, config),
    ),
  ),
  makeKitty(a).value,
]);
