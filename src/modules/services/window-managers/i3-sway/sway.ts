/**
 * `wayland.windowManager.sway`: the sway Wayland compositor, as Home
 * Manager configures it. Installs the (wrapped) sway package and XWayland,
 * writes `~/.config/sway/config` from the `config` submodule (the options
 * shared with i3 plus sway's own: direction keys, key bindings with their
 * defaults, bindswitches, input/output/seat blocks, modes), reloads a running
 * sway when that file changes, and defines `sway-session.target`, bound to
 * `graphical-session.target`, which the config starts after importing the
 * session variables into systemd and D-Bus.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOptionDefault,
  option,
  submoduleOf,
  t,
  toNix,
  type AttrsView,
} from "../../../../module-system/index.js";
import { callFn, callNix, libCall, nixToString, perEvaluation, type EvalArgs } from "../../../module-kit.js";
import { commonOptions } from "./options.js";
import {
  assignStr,
  barStr,
  floatingCriteriaStr,
  generalLines,
  gapsStr,
  keybindingsStr,
  keycodebindingsStr,
  modeStr,
  sortedEntries,
  splitDefaultWorkspace,
  windowCommandsStr,
  workspaceOutputStr,
} from "./functions.js";

const FILE = "modules/services/window-managers/i3-sway/sway.ts";
const PATH = "wayland.windowManager.sway";

type Rec<T> = Readonly<Record<string, T>>;

/** The default key bindings for a modifier, a terminal, a menu and the four direction keys. */
export function defaultSwayKeybindings(c: {
  modifier: string;
  terminal: string;
  menu: string;
  left: string;
  down: string;
  up: string;
  right: string;
}): Record<string, string> {
  const m = c.modifier;
  const b: Record<string, string> = {
    [`${m}+Return`]: `exec ${c.terminal}`,
    [`${m}+Shift+q`]: "kill",
    [`${m}+d`]: `exec ${c.menu}`,
  };
  const dirs: [string, string][] = [
    [c.left, "left"],
    [c.down, "down"],
    [c.up, "up"],
    [c.right, "right"],
    ["Left", "left"],
    ["Down", "down"],
    ["Up", "up"],
    ["Right", "right"],
  ];
  for (const [key, dir] of dirs) b[`${m}+${key}`] = `focus ${dir}`;
  for (const [key, dir] of dirs) b[`${m}+Shift+${key}`] = `move ${dir}`;
  Object.assign(b, {
    [`${m}+b`]: "splith",
    [`${m}+v`]: "splitv",
    [`${m}+f`]: "fullscreen toggle",
    [`${m}+a`]: "focus parent",
    [`${m}+s`]: "layout stacking",
    [`${m}+w`]: "layout tabbed",
    [`${m}+e`]: "layout toggle split",
    [`${m}+Shift+space`]: "floating toggle",
    [`${m}+space`]: "focus mode_toggle",
  });
  for (let i = 1; i <= 10; i++) {
    const key = String(i % 10);
    b[`${m}+${key}`] = `workspace number ${i}`;
    b[`${m}+Shift+${key}`] = `move container to workspace number ${i}`;
  }
  Object.assign(b, {
    [`${m}+Shift+minus`]: "move scratchpad",
    [`${m}+minus`]: "scratchpad show",
    [`${m}+Shift+c`]: "reload",
    [`${m}+Shift+e`]:
      "exec swaynag -t warning -m 'You pressed the exit shortcut. Do you really want to exit sway? This will end your Wayland session.' -b 'Yes, exit sway' 'swaymsg exit'",
    [`${m}+r`]: "mode resize",
  });
  return b;
}

/** One `input`/`output`/`seat` block. */
function moduleStr(kind: string, name: string, settings: Rec<string>): string {
  return `${kind} "${name}" {\n${sortedEntries(settings)
    .map(([k, v]) => `  ${k} ${v}`)
    .join("\n")}\n}\n`;
}

function bindswitchesStr(switches: Rec<AttrsView>): string {
  return sortedEntries(switches)
    .map(([event, s]) => {
      const args = (s.locked === true ? "--locked " : "") + (s.reload === true ? "--reload " : "");
      return `bindswitch ${args} ${event} ${String(s.action)}`;
    })
    .join("\n");
}

/** The lines of the `config` submodule's part of the file. */
function configLines(c: AttrsView): string[] {
  const focus = c.focus as AttrsView;
  const window = c.window as AttrsView;
  const floating = c.floating as AttrsView;
  const toCode = c.bindkeysToCode === true;
  const mw = focus.mouseWarping;
  const [first, rest] = splitDefaultWorkspace(c.keybindings as Rec<string | null>, c.defaultWorkspace as string | null);
  const input = c.input as Rec<Rec<string>>;
  const inputNames = sortedEntries(input).map(([n]) => n);
  const isType = (n: string) => n.startsWith("type:");
  const lines: string[] = [
    ...generalLines(c, String(focus.followMouse), typeof mw === "string" ? mw : mw === true ? "output" : "none"),
    keybindingsStr(first, toCode ? "--to-code" : ""),
    keybindingsStr(rest, toCode ? "--to-code" : ""),
    keycodebindingsStr(c.keycodebindings as Rec<string | null>),
  ];
  const switches = c.bindswitches as Rec<AttrsView>;
  if (Object.keys(switches).length > 0) lines.push(bindswitchesStr(switches));
  for (const n of [
    ...inputNames.filter((n) => n === "*"),
    ...inputNames.filter(isType),
    ...inputNames.filter((n) => n !== "*" && !isType(n)),
  ])
    lines.push(moduleStr("input", n, input[n]!));
  for (const [n, s] of sortedEntries(c.output as Rec<Rec<string>>)) lines.push(moduleStr("output", n, s));
  for (const [n, s] of sortedEntries(c.seat as Rec<Rec<string>>)) lines.push(moduleStr("seat", n, s));
  for (const [n, s] of sortedEntries(c.modes as Rec<Rec<string | null>>)) lines.push(modeStr(toCode, n, s));
  for (const [ws, crit] of sortedEntries(c.assigns as Rec<readonly Rec<string | boolean>[]>)) lines.push(assignStr(ws, crit));
  for (const b of c.bars as readonly AttrsView[]) lines.push(barStr("sway", b));
  if (c.gaps !== null) lines.push(gapsStr(c.gaps as AttrsView));
  for (const cr of floating.criteria as readonly Rec<string | boolean>[]) lines.push(floatingCriteriaStr(cr));
  for (const wc of window.commands as readonly AttrsView[]) lines.push(windowCommandsStr(wc));
  for (const s of c.startup as readonly AttrsView[]) lines.push(`${s.always === true ? "exec_always" : "exec"} ${String(s.command)}\n`);
  for (const w of c.workspaceOutputAssign as readonly AttrsView[]) lines.push(workspaceOutputStr(w));
  return lines;
}

function makeSway(ea: EvalArgs) {
  const cfgGet = (p: string) => ea.get(`${PATH}.${p}`);
  const str = (p: string) => String(cfgGet(p));
  const dirKey = (name: string, dflt: string) =>
    option({ type: t.str, default: dflt, description: `The home-row key for moving ${name}.` });

  const bindswitch = submoduleOf(
    {
      action: option({ type: t.str, description: "The sway command run when the switch changes state." }),
      locked: option({
        type: t.bool,
        default: false,
        description: "Whether the binding also runs while the screen is locked (`--locked`).",
      }),
      reload: option({
        type: t.bool,
        default: false,
        description: "Whether the binding also runs when the configuration is reloaded (`--reload`).",
      }),
    },
    FILE,
  );

  const attrsOfStrings = t.attrsOf(t.attrsOf(t.str));
  const configModule = submoduleOf(
    {
      ...commonOptions({ moduleName: "sway", capitalModuleName: "Sway", cfgPath: PATH }, ea, FILE),
      left: dirKey("left", "h"),
      down: dirKey("down", "j"),
      up: dirKey("up", "k"),
      right: dirKey("right", "l"),
      keybindings: option({
        type: t.attrsOf(t.nullOr(t.str)),
        default: () => {
          const d = defaultSwayKeybindings({
            modifier: str("config.modifier"),
            terminal: str("config.terminal"),
            menu: str("config.menu"),
            left: str("config.left"),
            down: str("config.down"),
            up: str("config.up"),
            right: str("config.right"),
          });
          return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, mkOptionDefault(v)])) as never;
        },
        defaultText: "Default sway keybindings.",
        description:
          "Actions bound to key symbols (`bindsym`); null removes a binding. Define them with `lib.mkOptionDefault` " +
          "to add to or change the default bindings rather than replace them all.",
      }),
      bindswitches: option({
        type: t.attrsOf(bindswitch),
        default: {},
        defaultText: "No bindswitches by default",
        description: "Commands run when a switch (`lid:on`, `tablet:toggle`, …) changes state; see sway(5).",
      }),
      bindkeysToCode: option({ type: t.bool, default: false, example: true, description: "Whether key bindings use `--to-code`." }),
      input: option({
        type: attrsOfStrings,
        default: {},
        example: { "*": { xkb_variant: "dvorak" } },
        description: "`input` blocks by device identifier; see sway-input(5).",
      }),
      output: option({
        type: attrsOfStrings,
        default: {},
        example: { "HDMI-A-2": { bg: "~/path/to/background.png fill" } },
        description: "`output` blocks by output name; see sway-output(5).",
      }),
      seat: option({
        type: attrsOfStrings,
        default: {},
        example: { "*": { hide_cursor: "when-typing enable" } },
        description: "`seat` blocks by seat name; see sway-input(5).",
      }),
      modes: option({
        type: t.attrsOf(t.attrsOf(t.str)),
        default: () => {
          const [l, d, u, r] = [str("config.left"), str("config.down"), str("config.up"), str("config.right")];
          return {
            resize: {
              [l]: "resize shrink width 10 px",
              [d]: "resize grow height 10 px",
              [u]: "resize shrink height 10 px",
              [r]: "resize grow width 10 px",
              Left: "resize shrink width 10 px",
              Down: "resize grow height 10 px",
              Up: "resize shrink height 10 px",
              Right: "resize grow width 10 px",
              Escape: "mode default",
              Return: "mode default",
            },
          };
        },
        defaultText: "a `resize` mode on the direction and arrow keys, left with Escape or Return",
        description: "Binding modes, each with its `bindsym` bindings (anything more elaborate goes in `extraConfig`).",
      }),
    },
    FILE,
  );

  const wrapperFeature = (dflt: boolean, what: string) =>
    option({ type: t.bool, default: dflt, example: !dflt, description: `Whether to use the ${what}` });
  const wrapperOptions = submoduleOf(
    {
      base: wrapperFeature(true, "base wrapper, which runs the extra session commands and starts sway under dbus-run-session."),
      gtk: wrapperFeature(false, "wrapGAppsHook wrapper, which gives sway the environment GTK applications need."),
    },
    FILE,
  );

  const swayModule = defineModule({
    file: FILE,
    path: PATH,
    options: {
      enable: mkEnableOption("sway wayland compositor"),
      package: option<AttrsView | null>({
        type: t.nullOr(t.package),
        default: ({ pkgs }) => {
          const sway = pkgs.sway as AttrsView;
          return callNix(sway.override, {
            extraOptions: cfgGet("extraOptions"),
            extraSessionCommands: cfgGet("extraSessionCommands"),
            withBaseWrapper: cfgGet("wrapperFeatures.base"),
            withGtkWrapper: cfgGet("wrapperFeatures.gtk"),
          }) as AttrsView;
        },
        defaultText: "${pkgs.sway}",
        description:
          "The sway package, built from `pkgs.sway` with `wrapperFeatures`, `extraSessionCommands` and `extraOptions` " +
          "(which have no effect on a package given here). Null installs nothing, for a sway installed by the system " +
          "(NixOS' sway module); sway is then not reloaded when the configuration changes.",
      }),
      systemd: {
        enable: option({
          type: t.bool,
          default: ({ pkgs }) => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true,
          example: false,
          description:
            "Whether sway starts {file}`sway-session.target` (bound to {file}`graphical-session.target`) after importing " +
            "`systemd.variables` into the systemd and D-Bus user environments.",
        }),
        variables: option({
          type: t.listOf(t.str),
          default: [
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "SWAYSOCK",
            "XDG_CURRENT_DESKTOP",
            "XDG_SESSION_TYPE",
            "NIXOS_OZONE_WL",
            "XCURSOR_THEME",
            "XCURSOR_SIZE",
          ],
          example: ["--all"],
          description: "The environment variables passed on to the systemd and D-Bus user environments.",
        }),
        dbusImplementation: option({
          type: t.enum(["dbus", "broker"]),
          default: "dbus",
          example: "broker",
          description:
            "The system's D-Bus implementation (as NixOS' `services.dbus.implementation`): `dbus` imports the variables " +
            "with `dbus-update-activation-environment --systemd`, `broker` with `systemctl --user import-environment`.",
        }),
        extraCommands: option({
          type: t.listOf(t.str),
          default: [
            "systemctl --user reset-failed",
            "systemctl --user start sway-session.target",
            "swaymsg -mt subscribe '[]' || true",
            "systemctl --user stop sway-session.target",
          ],
          description: "Commands run after the environment is imported (they start and stop the session target).",
        }),
        xdgAutostart: mkEnableOption("autostart of applications using {manpage}`systemd-xdg-autostart-generator(8)`"),
      },
      xwayland: option({ type: t.bool, default: true, description: "Whether XWayland is enabled (the default configuration needs it)." }),
      wrapperFeatures: option({
        type: wrapperOptions,
        default: {} as never,
        example: { gtk: true },
        description: "Which wrappers the default package is built with.",
      }),
      extraSessionCommands: option({
        type: t.lines,
        default: "",
        example: "export SDL_VIDEODRIVER=wayland\nexport QT_QPA_PLATFORM=wayland\n",
        description: "Shell commands the wrapper runs right before sway starts.",
      }),
      extraOptions: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--verbose", "--debug", "--unsupported-gpu"],
        description: "Command-line arguments sway is started with (by the wrapper of the default package).",
      }),
      config: option<AttrsView | null>({
        type: t.nullOr(configModule) as never,
        default: {} as never,
        description: "The settings written to sway's configuration file; null writes none of them.",
      }),
      checkConfig: option({
        type: t.bool,
        default: () => cfgGet("package") !== null,
        defaultText: "wayland.windowManager.sway.package != null",
        description: "Whether the generated configuration is validated with `sway --validate` when it is built.",
      }),
      extraConfig: option({ type: t.lines, default: "", description: "Lines appended to {file}`~/.config/sway/config`." }),
      extraConfigEarly: option({
        type: t.lines,
        default: "",
        description: "Lines put at the very beginning of {file}`~/.config/sway/config`.",
      }),
    },
    config: ({ cfg, pkgs, lib }) => {
      const pkg = (name: string) => nixToString(pkgs[name]!);
      const text = () => {
        const parts: string[] = [];
        if (cfg.extraConfigEarly !== "") parts.push(cfg.extraConfigEarly);
        if (cfg.config !== null) parts.push(...configLines(cfg.config));
        if (cfg.systemd.enable) {
          const vars = cfg.systemd.variables.join(" ");
          const extra = cfg.systemd.extraCommands.join(" && ");
          parts.push(
            cfg.systemd.dbusImplementation === "broker"
              ? `exec "systemctl --user import-environment ${vars}; ${extra}"`
              : `exec "${pkg("dbus")}/bin/dbus-update-activation-environment --systemd ${vars}; ${extra}"`,
          );
        }
        if (!cfg.xwayland) parts.push("xwayland disable");
        parts.push(cfg.extraConfig);
        return parts.join("\n");
      };
      const checkPhase = () => {
        if (!cfg.checkConfig) return "";
        const sway = nixToString(cfg.package);
        return (
          "export DBUS_SESSION_BUS_ADDRESS=/dev/null\n" +
          "export XDG_RUNTIME_DIR=$(mktemp -d)\n" +
          `${pkg("xvfb-run")}/bin/xvfb-run ${sway}/bin/sway --config "$target" --validate --unsupported-gpu || {\n` +
          '  echo "Checking the sway config file failed. Normally, this happens because there are errors in the config file."\n' +
          '  echo "But the check can also fail if the sway config file has dependencies on configuration that is not available in the Nix build sandbox (e.g. custom keyboard layouts defined in the NixOS configuration; background images in the user\'s home directory)."\n' +
          "  echo \"In that case, it may be necessary to set 'wayland.windowManager.sway.checkConfig = false;'.\"\n" +
          "  exit 1\n" +
          "}\n"
        );
      };
      const onChange = () =>
        cfg.package === null
          ? ""
          : 'swaySocket="${XDG_RUNTIME_DIR:-/run/user/$UID}/sway-ipc.$UID.$(' +
            `${pkg("procps")}/bin/pgrep --uid $UID -x sway || true).sock"\n` +
            'if [ -S "$swaySocket" ]; then\n' +
            `  ${nixToString(cfg.package)}/bin/swaymsg -s $swaySocket reload\n` +
            "fi\n";
      const xdgAutostart = () => cfg.systemd.xdgAutostart;
      return mkIf(() => cfg.enable, {
        assertions: () => [
          libCall(lib, "hm.assertions.assertPlatform", PATH, pkgs, libCall(lib, "platforms.linux")),
          {
            assertion: !cfg.checkConfig || cfg.package !== null,
            message: "programs.sway.checkConfig requires non-null programs.sway.package",
          },
        ],
        "home.packages": () => [...(cfg.package !== null ? [cfg.package] : []), ...(cfg.xwayland ? [pkgs.xwayland] : [])],
        'xdg.configFile."sway/config"': () => ({
          source: callFn(pkgs.writeTextFile, { name: "sway.conf", checkPhase: checkPhase(), text: text() }),
          onChange: onChange(),
        }),
        "systemd.user.targets.sway-session": () =>
          mkIf(cfg.systemd.enable, {
            Unit: {
              Description: "sway compositor session",
              Documentation: ["man:systemd.special(7)"],
              BindsTo: ["graphical-session.target"],
              Wants: ["graphical-session-pre.target", ...(xdgAutostart() ? ["xdg-desktop-autostart.target"] : [])],
              After: ["graphical-session-pre.target"],
              Before: xdgAutostart() ? ["xdg-desktop-autostart.target"] : [],
            },
          }),
        warnings: () => {
          const c = cfg.config;
          if (c === null) return mkMerge([]);
          const w: string[] = [];
          if (Array.isArray(c.fonts)) w.push("Specifying sway.config.fonts as a list is deprecated. Use the attrset version instead.");
          for (const b of c.bars as readonly AttrsView[])
            if (Array.isArray(b.fonts))
              w.push("Specifying sway.config.bars[].fonts as a list is deprecated. Use the attrset version instead.");
          if ((c.focus as AttrsView).forceWrapping === true)
            w.push("sway.config.focus.forceWrapping is deprecated, use focus.wrapping instead.");
          return w;
        },
      });
    },
  });

  const renamed = toNix(
    libCall(ea.lib, "mkRenamedOptionModule", [...PATH.split("."), "systemdIntegration"], [...PATH.split("."), "systemd", "enable"]),
  );
  return [swayModule.value, renamed];
}

/** The module (made per evaluation: defaults of the shared options read this evaluation's configuration). */
export const swayModule = perEvaluation(FILE, (a) => makeSway(a));
