/**
 * `programs.waybar`: the Waybar status bar (Linux only). Installs `package`;
 * writes the bars of `settings` (a list, or an attribute set whose values
 * are taken in name order) as a JSON list to `$XDG_CONFIG_HOME/waybar/config`
 * — each bar without its null top-level values and with the contents of the
 * old `modules` option lifted to the top level — and `style` (text or a
 * file) to `waybar/style.css`. Without the systemd integration, changes
 * make running bars reload (`pkill -USR2`); with it, a user service bound
 * to `tray.target` and `systemd.targets` runs the bar and is reloaded when
 * those files change. From state version 22.05 `modules` is refused.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixPath } from "../../nix/values.js";
import { selectPath } from "../../module-system/nix-values.js";
import { callNix, libCall, nixToString, perEvaluation, ty, versionAtLeast, type EvalArgs, waylandSystemdTarget } from "../module-kit.js";
import { formatType, freeformSubmodule } from "../accounts/email-programs/kit.js";

const FILE = "modules/programs/waybar.ts";

/** What `wayland.systemd.target` defaults to, used while no module declares that option. */

const margin = (side: string) =>
  option({ type: t.nullOr(t.int), default: null, example: 10, description: `The ${side} margin, a number without unit.` });

/** One bar as Waybar reads it: `modules` lifted to the top level, top-level nulls dropped. */
export function barConfiguration(bar: AttrsView): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  const lifted = bar.modules !== null && bar.modules !== undefined ? (bar.modules as AttrsView) : {};
  for (const [k, v] of Object.entries(bar)) if (k !== "modules") out[k] = v;
  Object.assign(out, lifted);
  for (const k of Object.keys(out)) if (out[k] === null) delete out[k];
  return out;
}

function makeWaybar(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  const jsonType = formatType(a, "json");
  const barType = freeformSubmodule(FILE, "bar", jsonType, {
    layer: option({
      type: t.nullOr(t.enum(["top", "bottom", "overlay"])),
      default: null,
      example: "top",
      description: 'Whether the bar is drawn over windows (`"top"`) or under them (`"bottom"`).',
    }),
    output: option({
      type: t.nullOr(t.either(t.str, t.listOf(t.str))),
      default: null,
      example: ["DP-1", "!DP-2", "!DP-3"],
      description: "The outputs showing this bar; a leading `!` excludes an output.",
    }),
    position: option({
      type: t.nullOr(t.enum(["top", "bottom", "left", "right"])),
      default: null,
      example: "right",
      description: "Which edge of the output the bar sits on.",
    }),
    height: option({
      type: t.nullOr(ty.unsigned),
      default: null,
      example: 5,
      description: "The bar's height, if possible; null lets it size itself.",
    }),
    width: option({
      type: t.nullOr(ty.unsigned),
      default: null,
      example: 5,
      description: "The bar's width, if possible; null lets it size itself.",
    }),
    "modules-left": option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["sway/workspaces", "sway/mode", "wlr/taskbar"],
      description: "The modules shown on the left.",
    }),
    "modules-center": option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["sway/window"],
      description: "The modules shown in the middle.",
    }),
    "modules-right": option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["mpd", "custom/mymodule#with-css-id", "temperature"],
      description: "The modules shown on the right.",
    }),
    modules: option({
      type: jsonType,
      visible: false,
      default: null,
      description: "Settings of modules, formerly nested here (now given at the bar's top level).",
    }),
    margin: option({ type: t.nullOr(t.str), default: null, example: "20 5", description: "Margins in CSS notation, without units." }),
    "margin-left": margin("left"),
    "margin-right": margin("right"),
    "margin-bottom": margin("bottom"),
    "margin-top": margin("top"),
    name: option({
      type: t.nullOr(t.str),
      default: null,
      example: "waybar-1",
      description: "A CSS class added to the bar, to style several bars apart.",
    }),
    "gtk-layer-shell": option({
      type: t.nullOr(t.bool),
      default: null,
      example: false,
      description: "Whether popups use gtk-layer-shell.",
    }),
  });
  return defineModule({
    file: FILE,
    path: "programs.waybar",
    options: {
      enable: mkEnableOption("Waybar"),
      package: mkPackageOption("waybar"),
      settings: option({
        type: t.either(t.listOf(barType), t.attrsOf(barType)),
        default: [],
        description:
          "The bars, as a list or as an attribute set (easier to override; its bars are taken in name order). " +
          "See <https://github.com/Alexays/Waybar/wiki/Configuration>.",
      }),
      systemd: {
        enable: mkEnableOption("Waybar systemd integration"),
        enableDebug: mkEnableOption("debug logging"),
        enableInspect: option({
          type: t.bool,
          default: false,
          example: true,
          description: "Whether to start the GTK inspector with the bar, to look up CSS classes and try styles live.",
        }),
        targets: option({
          type: t.listOf(t.str),
          default: (d) => [waylandSystemdTarget(d)],
          defaultText: "[ config.wayland.systemd.target ]",
          example: ["sway-session.target"],
          description:
            "The systemd targets that start the bar's service. With `sway-session.target`, turn on " +
            "`wayland.windowManager.sway.systemd.enable` as well, or the target may never be reached.",
        }),
      },
      style: option({
        type: t.nullOr(t.either(t.path, t.lines)),
        default: null,
        description: "The bar's CSS, as text or as a file (a path is used as the file itself).",
      }),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const bars = (): readonly AttrsView[] => {
        const s = cfg.settings as readonly AttrsView[] | Readonly<Record<string, AttrsView>>;
        if (Array.isArray(s)) return s as readonly AttrsView[];
        const o = s as Readonly<Record<string, AttrsView>>;
        return Object.keys(o)
          .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
          .map((k) => o[k]!);
      };
      const configSource = () => callNix(json().generate, "waybar-config.json", bars().map(barConfiguration));
      const rawStyle = () => force(selectPath(a.config, ["programs", "waybar", "style"]));
      const styleSource = (): unknown => {
        const v = rawStyle();
        if (v instanceof NixPath || libCall(lib, "isStorePath", cfg.style) === true) return v;
        return callNix(pkgs.writeText, "waybar/style.css", cfg.style);
      };
      const onChange = () => mkIf(!cfg.systemd.enable, `${nixToString(pkgs.procps!)}/bin/pkill -u $USER -USR2 waybar || true\n`);
      const targets = () => cfg.systemd.targets as readonly string[];
      return mkIf(() => cfg.enable, {
        assertions: () => [
          libCall(lib, "hm.assertions.assertPlatform", "programs.waybar", pkgs, libCall(lib, "platforms.linux")),
          {
            assertion: versionAtLeast(config.str("home.stateVersion"), "22.05")
              ? bars().every((b) => !("modules" in b) || b.modules === null)
              : true,
            message:
              "The `programs.waybar.settings.[].modules` option has been removed.\n" +
              "It is now possible to declare modules in the configuration without nesting them under the `modules` option.\n",
          },
        ],
        "home.packages": () => [cfg.package],
        'xdg.configFile."waybar/config"': () => mkIf(bars().length > 0, { source: configSource(), onChange: onChange() }),
        'xdg.configFile."waybar/style.css"': () => mkIf(cfg.style !== null, { source: styleSource(), onChange: onChange() }),
        "systemd.user.services.waybar": () =>
          mkIf(cfg.systemd.enable, {
            Unit: {
              Description: "Highly customizable Wayland bar for Sway and Wlroots based compositors.",
              Documentation: "https://github.com/Alexays/Waybar/wiki",
              PartOf: ["tray.target", ...targets()],
              After: targets(),
              ConditionEnvironment: "WAYLAND_DISPLAY",
              // The files' store paths, made here as `xdg.configFile` makes them: reading that option
              // would be circular, since the unit files are themselves part of it.
              "X-Reload-Triggers": mkMerge([
                ...(bars().length > 0 ? [[nixToString(configSource())]] : []),
                ...(cfg.style !== null ? [[String(libCall(lib, "concatStrings", [toNix(styleSource())]))]] : []),
              ]),
            },
            Service: {
              Environment: cfg.systemd.enableInspect ? ["GTK_DEBUG=interactive"] : [],
              ExecReload: `${nixToString(pkgs.coreutils!)}/bin/kill -SIGUSR2 $MAINPID`,
              ExecStart: `${nixToString(cfg.package)}/bin/waybar${cfg.systemd.enableDebug ? " -l debug" : ""}`,
              KillMode: "mixed",
              Restart: "on-failure",
            },
            Install: { WantedBy: ["tray.target", ...targets()] },
          }),
      });
    },
  });
}

/** The module, with the old single `systemd.target` changed into the list `systemd.targets`. */
export const waybarModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(
      a.lib,
      "mkChangedOptionModule",
      ["programs", "waybar", "systemd", "target"],
      ["programs", "waybar", "systemd", "targets"],
      (c: JsValue) => libCall(a.lib, "toList", libCall(a.lib, "getAttrFromPath", ["programs", "waybar", "systemd", "target"], c)),
    ),
  ),
  makeWaybar(a).value,
]);
