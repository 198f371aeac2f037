/**
 * The option declarations i3 and sway share (Home Manager's i3-sway
 * `lib/options.nix`): fonts, window and floating settings, focus, assigns,
 * the modifier, key-code bindings, colours, bars, startup commands, gaps,
 * terminal, menu, default workspace and workspace-to-output assignment.
 * Built per evaluation: several defaults read the window manager's own
 * configuration (`cfgPath`) or `home.stateVersion`, which the declarations
 * reach through the evaluation's arguments.
 */
import { float, option, submoduleOf, t, type JsValue, type OptionsDecl, type TsType } from "../../../../module-system/index.js";
import { ty, versionAtLeast, type EvalArgs } from "../../../module-kit.js";

/** Which window manager the shared options are declared for. */
export interface WmFlavour {
  /** `i3` or `sway`. */
  readonly moduleName: "i3" | "sway";
  readonly capitalModuleName: string;
  /** The dotted path of the module's options (`wayland.windowManager.sway`). */
  readonly cfgPath: string;
}

/** A window criteria set: `class = "x"`, or a flag (`true` means present, without a value). */
export const criteriaType = t.attrsOf(t.either(t.str, t.bool));

const fontSubmodule = (file: string) =>
  submoduleOf(
    {
      names: option({
        type: t.listOf(t.str),
        default: ["monospace"],
        defaultText: '[ "monospace" ]',
        example: ["FontAwesome", "Terminus"],
        description: "Font families for window titles, in order of preference (icon fonts first). FreeType fonts only.",
      }),
      style: option({ type: t.str, default: "", example: "Bold Semi-Condensed", description: "Font style for window titles." }),
      size: option({
        type: t.either(t.float, t.str),
        default: float(8) as unknown as number,
        example: 11.5,
        description: "Font size for window titles.",
      }),
    },
    file,
  );

/** `either (listOf str) fontOptions`, defaulting to `{ }`. */
function fontsOption(file: string, description: string) {
  return option<JsValue>({
    type: t.either(t.listOf(t.str), fontSubmodule(file)) as unknown as TsType<JsValue>,
    default: {} as JsValue,
    example: { names: ["DejaVu Sans Mono", "FontAwesome5Free"], style: "Bold Semi-Condensed", size: 11.0 },
    description,
  });
}

const barColorSet = (file: string) =>
  submoduleOf(
    {
      border: option({ type: t.str, visible: false }),
      background: option({ type: t.str, visible: false }),
      text: option({ type: t.str, visible: false }),
    },
    file,
  );

const colorSet = (file: string) =>
  submoduleOf(
    {
      border: option({ type: t.str, visible: false }),
      childBorder: option({ type: t.str, visible: false }),
      background: option({ type: t.str, visible: false }),
      text: option({ type: t.str, visible: false }),
      indicator: option({ type: t.str, visible: false }),
    },
    file,
  );

const bc = (border: string, background: string, text: string) => ({ border, background, text });
const cs = (border: string, background: string, text: string, indicator: string, childBorder: string) => ({
  border,
  background,
  text,
  indicator,
  childBorder,
});

/** The shared declarations, to be placed in the window manager's `config` submodule. */
export function commonOptions(fl: WmFlavour, ea: EvalArgs, file: string): OptionsDecl {
  const { moduleName, capitalModuleName, cfgPath } = fl;
  const isI3 = moduleName === "i3";
  const isSway = !isI3;
  const stateVersion = () => String(ea.get("home.stateVersion"));
  const cfgGet = (p: string) => ea.get(`${cfgPath}.${p}`);
  const pkgs = () => ea.pkgs();
  const pkgPath = (name: string) => String(pkgs()[name]);
  const since2009 = () => versionAtLeast(stateVersion(), "20.09");

  /** Null from state version 20.09 on, else the given default. */
  const nullable = <T>(type: TsType<T>, dflt: () => T | null, description: string, defaultIs?: string) =>
    option<T | null>({
      type: t.nullOr(type),
      default: () => (since2009() ? null : dflt()),
      defaultText: defaultIs ?? "null for state version ≥ 20.09, as example otherwise\n",
      description,
    });

  const titlebarDefault = () => (versionAtLeast(stateVersion(), "23.05") ? true : isI3 && cfgGet("config.gaps") === null);
  const titlebarText = isI3
    ? "true for state version ≥ 23.05\nconfig.gaps == null for state version < 23.05\n"
    : "true for state version ≥ 23.05\nfalse for state version < 23.05\n";

  const startup = submoduleOf(
    {
      command: option({ type: t.str, description: "The command to run at startup." }),
      always: option({ type: t.bool, default: false, description: `Whether to run the command again each time ${moduleName} restarts.` }),
      ...(isI3
        ? {
            notification: option({
              type: t.bool,
              default: true,
              description: "Whether the command gets startup notification (without it, i3's `--no-startup-id` is used).",
            }),
            workspace: option({
              type: t.nullOr(t.str),
              default: null,
              description: "Deprecated: the workspace to start the command on; use `assigns` instead.",
            }),
          }
        : {}),
    },
    file,
  );

  const barColors = submoduleOf(
    {
      background: nullable(t.str, () => "#000000", "Bar background colour."),
      statusline: nullable(t.str, () => "#ffffff", "Status line text colour."),
      separator: nullable(t.str, () => "#666666", "Separator text colour."),
      focusedBackground: option({
        type: t.nullOr(t.str),
        default: null,
        example: "#000000",
        description: "Bar background colour on the focused output.",
      }),
      focusedStatusline: option({
        type: t.nullOr(t.str),
        default: null,
        example: "#ffffff",
        description: "Status line text colour on the focused output.",
      }),
      focusedSeparator: option({
        type: t.nullOr(t.str),
        default: null,
        example: "#666666",
        description: "Separator text colour on the focused output.",
      }),
      focusedWorkspace: nullable(
        barColorSet(file),
        () => bc("#4c7899", "#285577", "#ffffff"),
        "Colours (border, background, text) of the focused workspace's button.",
      ),
      activeWorkspace: nullable(
        barColorSet(file),
        () => bc("#333333", "#5f676a", "#ffffff"),
        "Colours of an active but unfocused workspace's button.",
      ),
      inactiveWorkspace: nullable(
        barColorSet(file),
        () => bc("#333333", "#222222", "#888888"),
        "Colours of an inactive workspace's button.",
      ),
      urgentWorkspace: nullable(
        barColorSet(file),
        () => bc("#2f343a", "#900000", "#ffffff"),
        "Colours of the button of a workspace with an urgent window.",
      ),
      bindingMode: nullable(barColorSet(file), () => bc("#2f343a", "#900000", "#ffffff"), "Colours of the binding mode indicator."),
    },
    file,
  );

  const bar = submoduleOf(
    {
      fonts: fontsOption(file, "Fonts of this bar."),
      extraConfig: option({ type: t.lines, default: "", description: "More lines for this bar's block." }),
      id: option({ type: t.nullOr(t.str), default: null, description: "The bar's ID (by default `bar-N`, N its position in the file)." }),
      mode: nullable(t.enum(["dock", "hide", "invisible"]), () => "dock" as const, "How the bar is shown."),
      hiddenState: nullable(t.enum(["hide", "show"]), () => "hide" as const, "The bar's initial state when `mode` is `hide`."),
      position: nullable(t.enum(["top", "bottom"]), () => "bottom" as const, `The screen edge ${moduleName}bar sits on.`),
      workspaceButtons: nullable(t.bool, () => true, "Whether workspace buttons are shown."),
      workspaceNumbers: nullable(t.bool, () => true, "Whether workspace buttons show the workspace numbers."),
      command: option({
        type: t.str,
        default: () => {
          const pkg = cfgGet("package");
          const p = isSway && pkg === null ? pkgs().sway : pkg;
          return `${String(p)}/bin/${moduleName}bar`;
        },
        defaultText: "i3bar",
        example: isI3 ? "${pkgs.i3}/bin/i3bar -t" : "${pkgs.waybar}/bin/waybar",
        description: "The command that starts the bar.",
      }),
      statusCommand: nullable(t.str, () => `${pkgPath("i3status")}/bin/i3status`, "The command producing the status line."),
      colors: option({ type: barColors, default: {} as never, description: "The bar's colours (hex RGB values)." }),
      trayOutput: nullable(t.str, () => (isI3 ? "primary" : "*"), "The output the tray is shown on."),
      trayPadding: nullable(t.int, () => null, "Padding in pixels around and between tray icons."),
    },
    file,
  );

  const windowCommand = submoduleOf(
    {
      command: option({ type: t.str, example: "border pixel 1", description: `The ${capitalModuleName}wm command to run.` }),
      criteria: option({
        type: criteriaType,
        description: "The windows the command applies to; `true` stands for a criterion without a value.",
      }),
    },
    file,
  );

  const followMouseType = isSway ? t.either(t.enum(["yes", "no", "always"]), t.bool) : t.bool;
  const mouseWarpingType = isSway ? ty.oneOf<boolean | string>([t.bool, t.enum(["container", "output"])]) : t.bool;
  const edgeBase = ["none", "vertical", "horizontal", "both", "smart"];
  const swayEdge = [...edgeBase, "smart_no_gaps"];
  const gapInt = (what: string, example: number) =>
    option({ type: t.nullOr(t.int), default: null, example, description: `${what} gaps in pixels.` });

  return {
    fonts: fontsOption(file, "Fonts of window titles, the nagbar and so on."),
    window: option({
      type: submoduleOf(
        {
          titlebar: option({
            type: t.bool,
            default: titlebarDefault,
            defaultText: titlebarText,
            description: "Whether windows have title bars.",
          }),
          border: option({ type: t.int, default: 2, description: "Border width of windows." }),
          hideEdgeBorders: option({
            type: ty.enumOf(isI3 ? edgeBase : [...swayEdge, ...swayEdge.map((e) => `--i3 ${e}`)]),
            default: "none",
            description: "Which window borders touching the screen edges are hidden.",
          }),
          commands: option({
            type: t.listOf(windowCommand),
            default: [],
            example: [{ command: "border pixel 1", criteria: { class: "XTerm" } }],
            description: `Commands run on matching windows (${moduleName}'s \`for_window\`).`,
          }),
        },
        file,
      ),
      default: {} as never,
      description: "Title bars and borders of windows.",
    }),
    floating: option({
      type: submoduleOf(
        {
          titlebar: option({
            type: t.bool,
            default: titlebarDefault,
            defaultText: titlebarText,
            description: "Whether floating windows have title bars.",
          }),
          border: option({ type: t.int, default: 2, description: "Border width of floating windows." }),
          modifier: option({
            type: t.str,
            default: () => String(cfgGet("config.modifier")),
            defaultText: `${moduleName}.config.modifier`,
            example: "Mod4",
            description: "The modifier held to drag floating windows.",
          }),
          criteria: option({
            type: t.listOf(criteriaType),
            default: [],
            example: [{ title: "Steam - Update News" }, { class: "Pavucontrol" }],
            description: "Windows matching any of these criteria open floating.",
          }),
        },
        file,
      ),
      default: {} as never,
      description: "Settings of floating windows.",
    }),
    focus: option({
      type: submoduleOf(
        {
          newWindow: option({
            type: t.enum(["smart", "urgent", "focus", "none"]),
            default: "smart",
            example: "none",
            description: "What happens when a window asks to be activated (`focus_on_window_activation`).",
          }),
          followMouse: option<JsValue>({
            type: followMouseType as never,
            default: isSway ? "yes" : true,
            apply: (v: JsValue) => (isSway && typeof v === "boolean" ? (v ? "yes" : "no") : v),
            description: "Whether the focus follows the mouse pointer.",
          }),
          wrapping: option({
            type: t.enum(["yes", "no", "force", "workspace"]),
            default: () => {
              const force = cfgGet("config.focus.forceWrapping") === true;
              return isI3 ? (force ? "force" : "yes") : force ? "yes" : "no";
            },
            defaultText: isI3 ? 'if focus.forceWrapping then "force" else "yes"' : 'if focus.forceWrapping then "yes" else "no"',
            description: "Whether focus commands wrap around at the edges of containers.",
          }),
          forceWrapping: option({
            type: t.bool,
            default: false,
            description: "Deprecated (use `focus.wrapping`): whether focus wrapping is forced in tabbed and stacked containers.",
          }),
          mouseWarping: option<JsValue>({
            type: mouseWarpingType as never,
            default: true,
            description: "Whether the pointer moves to the centre of a window focused on another output.",
          }),
        },
        file,
      ),
      default: {} as never,
      description: "Focus settings.",
    }),
    assigns: option({
      type: t.attrsOf(t.listOf(criteriaType)),
      default: {},
      example: { "1: web": [{ class: "^Firefox$" }], "0: extra": [{ class: "^Firefox$", window_role: "About" }] },
      description: "Workspaces, each with the criteria of the windows that open on it.",
    }),
    modifier: option({
      type: t.either(t.enum(["Shift", "Control", "Mod1", "Mod2", "Mod3", "Mod4", "Mod5"]), t.str),
      default: "Mod1",
      example: "Mod4",
      description: "The modifier key of all default key bindings.",
    }),
    workspaceLayout: option({
      type: t.enum(["default", "stacking", "tabbed"]),
      default: "default",
      example: "tabbed",
      description: "The layout new containers at workspace level start in.",
    }),
    workspaceAutoBackAndForth: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether switching to the current workspace again goes back to the previous one.",
    }),
    keycodebindings: option({
      type: t.attrsOf(t.nullOr(t.str)),
      default: {},
      example: { "214": "exec /bin/script.sh" },
      description: "Actions bound to key codes (`bindcode`); null removes a binding.",
    }),
    colors: option({
      type: submoduleOf(
        {
          background: option({
            type: t.str,
            default: "#ffffff",
            description: "Background colour shown by windows that do not cover their whole area.",
          }),
          focused: option({
            type: colorSet(file),
            default: cs("#4c7899", "#285577", "#ffffff", "#2e9ef4", "#285577"),
            description: "The focused window.",
          }),
          focusedInactive: option({
            type: colorSet(file),
            default: cs("#333333", "#5f676a", "#ffffff", "#484e50", "#5f676a"),
            description: "The focused window of a container that does not have the focus.",
          }),
          unfocused: option({
            type: colorSet(file),
            default: cs("#333333", "#222222", "#888888", "#292d2e", "#222222"),
            description: "A window without focus.",
          }),
          urgent: option({
            type: colorSet(file),
            default: cs("#2f343a", "#900000", "#ffffff", "#900000", "#900000"),
            description: "A window with the urgency hint.",
          }),
          placeholder: option({
            type: colorSet(file),
            default: cs("#000000", "#0c0c0c", "#ffffff", "#000000", "#0c0c0c"),
            description: "Placeholder window contents drawn while layouts are restored (border and indicator unused).",
          }),
        },
        file,
      ),
      default: {} as never,
      description: `Window colours: sets of border, background, text, indicator and childBorder hex colours; \`${moduleName}.config.colors.background\` is a single colour.`,
    }),
    bars: option({
      type: t.listOf(bar),
      default: () =>
        since2009()
          ? [
              {
                mode: "dock",
                hiddenState: "hide",
                position: "bottom",
                workspaceButtons: true,
                workspaceNumbers: true,
                statusCommand: `${pkgPath("i3status")}/bin/i3status`,
                fonts: { names: ["monospace"], size: float(8) },
                trayOutput: "primary",
                colors: {
                  background: "#000000",
                  statusline: "#ffffff",
                  separator: "#666666",
                  focusedWorkspace: bc("#4c7899", "#285577", "#ffffff"),
                  activeWorkspace: bc("#333333", "#5f676a", "#ffffff"),
                  inactiveWorkspace: bc("#333333", "#222222", "#888888"),
                  urgentWorkspace: bc("#2f343a", "#900000", "#ffffff"),
                  bindingMode: bc("#2f343a", "#900000", "#ffffff"),
                },
              },
            ]
          : [{}],
      defaultText: "see code",
      description: `${capitalModuleName} bar blocks; an empty list means no bar.`,
    } as never),
    startup: option({
      type: t.listOf(startup),
      default: [],
      description: "Commands run when the window manager starts.",
    }),
    gaps: option({
      type: t.nullOr(
        submoduleOf(
          {
            inner: gapInt("Inner", 12),
            outer: gapInt("Outer", 5),
            horizontal: gapInt("Horizontal", 5),
            vertical: gapInt("Vertical", 5),
            top: gapInt("Top", 5),
            left: gapInt("Left", 5),
            bottom: gapInt("Bottom", 5),
            right: gapInt("Right", 5),
            smartGaps: option<JsValue>({
              type: t.either(t.bool, t.enum(["on", "off", "inverse_outer"])) as never,
              default: "off",
              example: "on",
              apply: (v: JsValue) => (v === true ? "on" : v === false ? "off" : v),
              description: "Whether gaps are dropped on workspaces with a single container.",
            }),
            smartBorders: option({
              type: t.enum(["on", "off", "no_gaps"]),
              default: "off",
              description: "Whether borders are dropped on workspaces with a single container.",
            }),
          },
          file,
        ),
      ),
      default: null,
      description: "Gaps between windows.",
    }),
    terminal: option({
      type: t.str,
      default: () => (isI3 ? "i3-sensible-terminal" : `${pkgPath("foot")}/bin/foot`),
      defaultText: isI3 ? '"i3-sensible-terminal"' : "${pkgs.foot}/bin/foot",
      example: "alacritty",
      description: "The terminal the default bindings start.",
    }),
    menu: option({
      type: t.str,
      default: () =>
        isSway
          ? `${pkgPath("dmenu")}/bin/dmenu_path | ${pkgPath("dmenu")}/bin/dmenu | ${pkgPath("findutils")}/bin/xargs swaymsg exec --`
          : `${pkgPath("dmenu")}/bin/dmenu_run`,
      defaultText: isSway
        ? "${pkgs.dmenu}/bin/dmenu_path | ${pkgs.dmenu}/bin/dmenu | ${pkgs.findutils}/bin/xargs swaymsg exec --"
        : "${pkgs.dmenu}/bin/dmenu_run",
      example: "bemenu-run",
      description: "The application launcher the default bindings start.",
    }),
    defaultWorkspace: option({
      type: t.nullOr(t.str),
      default: null,
      example: "workspace number 9",
      description: `The workspace shown when ${moduleName} starts: the action of one of the key bindings.`,
    }),
    workspaceOutputAssign: option({
      type: t.listOf(
        submoduleOf(
          {
            workspace: option({ type: t.str, default: "", example: "Web", description: "The workspace's name." }),
            output: option<JsValue>({
              type: t.either(t.str, t.listOf(t.str)) as never,
              default: "",
              example: "eDP",
              apply: (v: JsValue) => (Array.isArray(v) ? v : [v]),
              description: `The output or outputs (as \`${isSway ? "swaymsg" : "i3-msg"} -t get_outputs\` names them).`,
            }),
          },
          file,
        ),
      ),
      default: [],
      description: "Workspaces bound to outputs.",
    }),
  };
}
