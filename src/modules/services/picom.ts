/**
 * `services.picom`: the picom X11 compositor as a systemd user service
 * (Linux only). The dedicated options (fading, shadows, opacity, backend,
 * vsync, window types) become default entries of `settings`, which is
 * written with `extraConfig` to `$XDG_CONFIG_HOME/picom/picom.conf` in the
 * libconfig syntax: top-level groups as `key: { … };`, other settings as
 * `key = value;`, floats with six decimals. Settings are serialised from
 * their Nix values, so a float such as `1.0` keeps its decimals. Also
 * carries the renamed `opacityRule` and the removed `refreshRate`,
 * `experimentalBackends` and `extraOptions`.
 */
import {
  defineModule,
  float,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { lazy } from "../../module-system/nix-values.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixAttrs, NixString, type Lazy } from "../../nix/values.js";
import { callFn, libCall, nixToString, perEvaluation, rawAttr } from "../module-kit.js";

const FILE = "modules/services/picom.ts";
const SESSION = "graphical-session.target";

/** `s` with every occurrence of each of `chars` preceded by a backslash (`lib.escape`). */
function escapeChars(chars: readonly string[], s: string): string {
  let out = "";
  for (const c of s) out += chars.includes(c) ? `\\${c}` : c;
  return out;
}

/** A Nix value in libconfig syntax. */
export function libconfigValue(l: Lazy): string {
  const v = force(l);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatToString(v);
  if (typeof v === "string" || v instanceof NixString) return `"${escapeChars(['"'], typeof v === "string" ? v : v.s)}"`;
  if (Array.isArray(v)) return `[ ${v.map((e: Lazy) => libconfigValue(e)).join(" , ")} ]`;
  if (v instanceof NixAttrs) return `{ ${libconfigEntries(v, false).join(" ")} }`;
  throw new Error("invalid expression used in option services.picom.settings");
}

/** The `key = value;` entries of a group (at the top level, groups are written `key: { … };`). */
export function libconfigEntries(set: NixAttrs, top: boolean): string[] {
  return set.sortedNames().map((k) => {
    const sep = top && force(set.get(k)!) instanceof NixAttrs ? ": " : " = ";
    return `${escapeChars([sep], k)}${sep}${libconfigValue(set.get(k)!)};`;
  });
}

/** `ints.positive` and `numbers.between lo hi`, from the module system's type library. */
const positive = new TsType<number>((ms) => ms.types.ints.positive!);
const between = (lo: number, hi: number) => new TsType<number>((ms) => ms.types.numbersBetween(toNix(lo), toNix(hi)));
/** A list of exactly two elements. */
const pairOf = <T>(e: TsType<T>) =>
  new TsType<readonly T[]>((ms) => {
    const base = ms.types.addCheck(
      ms.types.listOf(e.build(ms)),
      toNix((x: JsValue) => Array.isArray(x) && x.length === 2),
    );
    return ms.types.override(base, { description: `pair of ${base.description}` });
  });

type BuiltType = ReturnType<TsType<unknown>["build"]>;
type Types = Parameters<TsType<unknown>["build"]>[0]["types"];

/** How deep groups and lists of `settings` may nest (Home Manager's type is recursive; ours is unrolled). */
const NESTING = 8;

/** The libconfig value type: scalars, lists and groups, down to `depth` levels (then anything). */
function libconfigType(types: Types, depth: number): BuiltType {
  if (depth === 0) return types.anything;
  const scalar = types.override(types.oneOf([types.bool, types.int, types.float, types.str]), { description: "scalar types" });
  const inner = libconfigType(types, depth - 1);
  return types.override(types.oneOf([scalar, types.listOf(inner), types.attrsOf(inner)]), { description: "libconfig type" });
}

const settingsType = new TsType<Readonly<Record<string, JsValue>>>((ms) =>
  ms.types.override(ms.types.attrsOf(libconfigType(ms.types, NESTING)), {
    description:
      "libconfig configuration. The format consists of an attributes\nset (called a group) of settings. Each setting can be a scalar type\n" +
      "(boolean, integer, floating point number or string), a list of\nscalars or a group itself\n",
  }),
);

const conditions = (what: string) =>
  option({
    type: t.listOf(t.str),
    default: [],
    example: ["window_type *= 'menu'", "name ~= 'Firefox$'", "focused = 1"],
    description: `Window conditions (see \`picom(1)\`) of windows that ${what}.`,
  });

const opacity = (lo: number, what: string) =>
  option({ type: between(lo, 1), default: float(1) as unknown as number, example: 0.8, description: `The opacity of ${what}.` });

const picomCore = defineModule({
  file: FILE,
  path: "services.picom",
  options: {
    enable: mkEnableOption("Picom X11 compositor"),
    package: mkPackageOption("picom"),
    fade: option({ type: t.bool, default: false, description: "Whether windows fade in and out." }),
    fadeDelta: option({ type: positive, default: 10, example: 5, description: "Milliseconds between two steps of a fade." }),
    fadeSteps: option({
      type: pairOf(between(0.01, 1)),
      default: [0.028, 0.03],
      example: [0.04, 0.04],
      description: "How much the opacity changes at each step of fading in, then of fading out.",
    }),
    fadeExclude: conditions("never fade"),
    shadow: option({ type: t.bool, default: false, description: "Whether windows cast shadows." }),
    shadowOffsets: option({
      type: pairOf(t.int),
      default: [-15, -15],
      example: [-10, -15],
      description: "Horizontal and vertical offsets of shadows, in pixels.",
    }),
    shadowOpacity: option({ type: between(0, 1), default: 0.75, example: 0.8, description: "The opacity of shadows." }),
    shadowExclude: conditions("cast no shadow"),
    activeOpacity: opacity(0, "the focused window"),
    inactiveOpacity: opacity(0.1, "unfocused windows"),
    menuOpacity: opacity(0, "dropdown and popup menus"),
    wintypes: option({
      type: t.attrs,
      default: (d) => {
        const picom = () => ((d.arg("config") as Record<string, JsValue>).services as Record<string, JsValue>).picom;
        const menu = () => ({ opacity: lazy(() => force(rawAttr(picom(), "menuOpacity"))) });
        return { popup_menu: menu(), dropdown_menu: menu() } as unknown as AttrsView;
      },
      example: {},
      description: "Settings per window type (by default, the menus get `menuOpacity`).",
    }),
    opacityRules: option({
      type: t.listOf(t.str),
      default: [],
      example: ["95:class_g = 'URxvt' && !_NET_WM_STATE@:32a", "0:_NET_WM_STATE@:32a *= '_NET_WM_STATE_HIDDEN'"],
      description: "Opacity rules, each `PERCENT:PATTERN`.",
    }),
    backend: option({
      type: t.enum(["egl", "glx", "xrender", "xr_glx_hybrid"]),
      default: "xrender",
      description: "The rendering backend.",
    }),
    vSync: option({ type: t.bool, default: false, description: "Whether to synchronise with the vertical refresh." }),
    extraArgs: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--legacy-backends"],
      description: "More command-line arguments of picom.",
    }),
    settings: option({
      type: settingsType,
      default: {},
      example: { blur: { method: "gaussian", size: 10, deviation: float(5) } },
      description:
        "picom's settings (see CONFIGURATION FILES in `picom(1)`); they take precedence over the dedicated options above, " +
        "and hold anything those do not cover.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Lines appended to {file}`picom.conf` after the settings.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const self = () => config.get("services.picom");
    // The Nix value of one of this module's options, so floats stay floats.
    const raw = (name: string) => lazy(() => force(rawAttr(self(), name)));
    const nth = (name: string, i: number) => lazy(() => force((force(rawAttr(self(), name)) as Lazy[])[i]!));
    const confText = () => {
      const settings = force(rawAttr(self(), "settings")) as NixAttrs;
      return [...libconfigEntries(settings, true), cfg.extraConfig].join("\n");
    };
    const confSource = () =>
      nixToString(
        callFn(pkgs.writeTextFile, {
          text: confText(),
          executable: false,
          name: libCall(lib, "hm.strings.storeFileName", "picom/picom.conf"),
        }),
      );
    const defaults: Record<string, () => unknown> = {
      fading: () => raw("fade"),
      "fade-delta": () => raw("fadeDelta"),
      "fade-in-step": () => nth("fadeSteps", 0),
      "fade-out-step": () => nth("fadeSteps", 1),
      "fade-exclude": () => raw("fadeExclude"),
      shadow: () => raw("shadow"),
      "shadow-offset-x": () => nth("shadowOffsets", 0),
      "shadow-offset-y": () => nth("shadowOffsets", 1),
      "shadow-opacity": () => raw("shadowOpacity"),
      "shadow-exclude": () => raw("shadowExclude"),
      "active-opacity": () => raw("activeOpacity"),
      "inactive-opacity": () => raw("inactiveOpacity"),
      "opacity-rule": () => raw("opacityRules"),
      backend: () => raw("backend"),
      wintypes: () => raw("wintypes"),
      vsync: () => raw("vSync"),
    };
    const settingsDefs: Record<string, () => unknown> = {};
    for (const [k, v] of Object.entries(defaults)) settingsDefs[`services.picom.settings.${k}`] = () => mkDefault(v());
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.picom", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.package],
      ...settingsDefs,
      'xdg.configFile."picom/picom.conf".text': () => confText(),
      "systemd.user.services.picom": () => ({
        Unit: { Description: "Picom X11 compositor", After: [SESSION], PartOf: [SESSION] },
        Install: { WantedBy: [SESSION] },
        Service: {
          ExecStart: [String(libCall(lib, "getExe", cfg.package)), `--config ${confSource()}`, ...cfg.extraArgs].join(" "),
          Restart: "always",
          RestartSec: 3,
        },
      }),
    });
  },
});

/** The module, with the options picom's module renamed or removed. */
export const picomModule = perEvaluation(FILE, (a) => [
  picomCore.value,
  toNix(
    libCall(
      a.lib,
      "mkRemovedOptionModule",
      ["services", "picom", "refreshRate"],
      "The option `refresh-rate` has been deprecated by upstream.",
    ),
  ),
  toNix(
    libCall(
      a.lib,
      "mkRemovedOptionModule",
      ["services", "picom", "experimentalBackends"],
      "The option `--experimental-backends` has been removed by upstream.",
    ),
  ),
  toNix(
    libCall(
      a.lib,
      "mkRemovedOptionModule",
      ["services", "picom", "extraOptions"],
      "This option has been replaced by `services.picom.settings`.",
    ),
  ),
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["services", "picom", "opacityRule"], ["services", "picom", "opacityRules"])),
]);
