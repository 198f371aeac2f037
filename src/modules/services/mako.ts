/**
 * `services.mako`: the mako notification daemon for Wayland (Linux only).
 * Installs `package` (unless null) and registers it with `dbus.packages`
 * (mako is started by D-Bus activation). When `settings` or `extraConfig`
 * is set, writes `$XDG_CONFIG_HOME/mako/config` and runs `makoctl reload`
 * when it changes: first the top-level `key=value` lines, then each set
 * value as a `[criteria]` section (keys sorted, booleans `true`/`false`,
 * other values through Nix's `toString`, a blank line before each section),
 * then `extraConfig` after a blank line. The old camelCase options become
 * kebab-case keys of `settings`; `criteria`/`criterias` are removed.
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
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, libCall, nixToString, perEvaluation, toStringOfAttr, ty, type EvalArgs } from "../module-kit.js";
import type { NixAttrs } from "../../nix/values.js";

const FILE = "modules/services/mako.ts";

/** The options that were once top-level, now keys of `settings` (in kebab case). */
const RENAMED = [
  "maxVisible",
  "maxHistory",
  "sort",
  "output",
  "layer",
  "anchor",
  "font",
  "backgroundColor",
  "textColor",
  "width",
  "height",
  "margin",
  "padding",
  "borderSize",
  "borderColor",
  "borderRadius",
  "progressColor",
  "icons",
  "maxIconSize",
  "iconPath",
  "markup",
  "actions",
  "format",
  "defaultTimeout",
  "ignoreTimeout",
  "groupBy",
];

const REMOVED_HINT = "Use services.mako.settings instead. If order is important, use `services.mako.extraConfig`.";

const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

const isSection = (v: JsValue): boolean => v !== null && typeof v === "object" && !Array.isArray(v);

/** The `key=value` lines of one set (sections left out), sorted by key. */
function keyValueLines(lib: NixAttrs, set: AttrsView): string[] {
  return Object.keys(set)
    .filter((k) => !isSection(set[k]!))
    .sort(byName)
    .map((k) => {
      const v = set[k]!;
      return `${k}=${typeof v === "boolean" ? String(v) : toStringOfAttr(lib, set, k)}`;
    });
}

/** The parts of the configuration file, merged as `lines` (joined by newlines). */
export function makoConfigParts(lib: NixAttrs, settings: AttrsView, extraConfig: string): string[] {
  const sections = Object.keys(settings)
    .filter((k) => isSection(settings[k]!))
    .sort(byName)
    .map((name) => `\n[${name}]\n${keyValueLines(lib, settings[name] as AttrsView).join("\n")}`);
  return [
    keyValueLines(lib, settings).join("\n"),
    ...(sections.length > 0 ? [sections.join("\n")] : []),
    ...(extraConfig !== "" ? [`\n${extraConfig}`] : []),
  ];
}

function makeMako(a: EvalArgs) {
  const atom = new TsType<JsValue>((ms) => {
    const ini = callNix((a.pkgs().formats as AttrsView).ini, {}) as AttrsView;
    return wrapType(ms, toNix(((ini.lib as AttrsView).types as AttrsView).atom));
  });
  return defineModule({
    file: FILE,
    path: "services.mako",
    options: {
      enable: mkEnableOption("mako"),
      package: mkPackageOption("mako", { nullable: true }),
      settings: option({
        type: t.attrsOf(ty.oneOf<JsValue>([atom, t.attrsOf(atom)])),
        default: {},
        example: {
          anchor: "top-right",
          "background-color": "#1e1e2e",
          "default-timeout": 5000,
          font: "sans 11",
          icons: true,
          width: 350,
          "urgency=critical": { "default-timeout": 0 },
        },
        description:
          "mako's settings: a key with a plain value is a global setting, a key with a set of values is a section " +
          "(its name is the section's criteria). mako(5) lists them: <https://github.com/emersion/mako/blob/master/doc/mako.5.scd>.",
      }),
      extraConfig: option({
        type: t.lines,
        default: "",
        example: "[mode=do-not-disturb]\ninvisible=1\n",
        description: "Lines added verbatim at the end of the configuration file (where the order of sections matters).",
      }),
    },
    config: ({ cfg, pkgs, lib }) => {
      const makoctl = () => (cfg.package !== null ? nixToString(libCall(lib, "getExe'", cfg.package, "makoctl")) : "makoctl");
      return mkIf(() => cfg.enable, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.mako", pkgs, libCall(lib, "platforms.linux"))],
        "home.packages": () => (cfg.package !== null ? [cfg.package] : []),
        "dbus.packages": () => (cfg.package !== null ? [cfg.package] : []),
        'xdg.configFile."mako/config"': () =>
          mkIf(Object.keys(cfg.settings).length > 0 || cfg.extraConfig !== "", {
            onChange: `${makoctl()} reload || true`,
            text: mkMerge(makoConfigParts(lib, cfg.settings as AttrsView, cfg.extraConfig)),
          }),
      });
    },
  });
}

/** The module (per evaluation: its type is this evaluation's INI atom), with the renamed and removed options. */
export const makoModule = perEvaluation(FILE, (a) => {
  const removed = ["criterias", "criteria"].map((o) =>
    toNix(libCall(a.lib, "mkRemovedOptionModule", ["services", "mako", o], REMOVED_HINT)),
  );
  const renames = libCall(
    a.lib,
    "hm.deprecations.mkSettingsRenamedOptionModules",
    ["services", "mako"],
    ["services", "mako", "settings"],
    { transform: (x: JsValue) => libCall(a.lib, "hm.strings.toKebabCase", x) },
    RENAMED,
  ) as readonly JsValue[];
  return [...removed, ...renames.map((m) => toNix(m)), makeMako(a).value];
});
