/**
 * `services.polybar`: the Polybar status bar, started by the user's
 * `script` from a forking systemd user service bound to `tray.target`
 * (Linux only), with the package's `bin` on `PATH`. When any of `config`,
 * `settings` or `extraConfig` is set, they are written (in that order, a
 * blank line after each) to a `polybar.conf` in the store, linked to
 * `$XDG_CONFIG_HOME/polybar/config.ini` and named as the unit's restart
 * trigger. `config` is plain INI sections (or a file, then included from a
 * `section/base`); `settings` is nested: sub-keys are joined with `-`, a
 * `text` sub-key stands for its parent and lists become `key-0`, `key-1`, ….
 * Values with a leading or trailing space are double-quoted.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, toNix, TsType, type JsValue } from "../../module-system/index.js";
import { attrs, lazy } from "../../module-system/nix-values.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixAttrs, NixString, PrimOp, type Lazy, type Value } from "../../nix/values.js";
import { callFn, libCall, nixToString, rawAttr } from "../module-kit.js";

const FILE = "modules/services/polybar.ts";
const TRAY = "tray.target";

/** Nix's `toString` of a scalar or a list of them, read from the Nix value. */
function toStringOf(l: Lazy): string {
  const v = force(l);
  if (typeof v === "boolean") return v ? "1" : "";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatToString(v);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (Array.isArray(v)) return v.map((e: Lazy) => toStringOf(e)).join(" ");
  return nixToString(v as unknown as JsValue);
}

/** One `key=value` line: booleans as words, strings quoted when they start or end with a space (except `include-file`). */
export function polybarKeyValue(key: string, l: Lazy): string {
  const v = force(l);
  let text: string;
  if (typeof v === "boolean") text = v ? "true" : "false";
  else if ((typeof v === "string" || v instanceof NixString) && key !== "include-file") {
    const s = typeof v === "string" ? v : v.s;
    text = s.startsWith(" ") || s.endsWith(" ") ? `"${s}"` : s;
  } else text = toStringOf(v);
  return `${key}=${text}`;
}

/** INI text of a set of sections (`lib.generators.toINI` layout), keys in Nix's order. */
export function polybarIni(sections: NixAttrs): string {
  return sections
    .sortedNames()
    .map((name) => {
      const keys = force(sections.get(name)!) as NixAttrs;
      const header = `[${name.replace(/[[\]]/g, (c) => `\\${c}`)}]\n`;
      return (
        header +
        keys
          .sortedNames()
          .map((k) => `${polybarKeyValue(k, keys.get(k)!)}\n`)
          .join("")
      );
    })
    .join("\n");
}

/** The flat `key=value` pairs that a nested `settings` entry stands for. */
export function flattenSetting(key: string, l: Lazy): [string, Lazy][] {
  const v = force(l);
  if (Array.isArray(v)) return v.flatMap((e: Lazy, i: number) => flattenSetting(`${key}-${i}`, e));
  if (v instanceof NixAttrs && force(v.get("type") ?? null) !== "derivation")
    return v.sortedNames().flatMap((k) => flattenSetting(k === "text" ? key : `${key}-${k}`, v.get(k)!));
  return [[key, l]];
}

/** `settings` flattened section by section (when two entries flatten to one key, the first is kept). */
export function flattenSettings(settings: NixAttrs): NixAttrs {
  const sections = new Map<string, Lazy>();
  for (const name of settings.sortedNames()) {
    const section = force(settings.get(name)!) as NixAttrs;
    const flat = new Map<string, Lazy>();
    for (const k of section.sortedNames()) for (const [fk, fv] of flattenSetting(k, section.get(k)!)) if (!flat.has(fk)) flat.set(fk, fv);
    sections.set(name, attrs(flat));
  }
  return attrs(sections);
}

type BuiltType = ReturnType<TsType<unknown>["build"]>;
type Types = Parameters<TsType<unknown>["build"]>[0]["types"];

/** How deep `settings` values may nest (Home Manager's type is recursive; ours is unrolled). */
const NESTING = 8;

function settingValueType(types: Types, depth: number): BuiltType {
  if (depth === 0) return types.anything;
  const inner = settingValueType(types, depth - 1);
  return types.oneOf([types.bool, types.int, types.float, types.str, types.listOf(inner), types.attrsOf(inner)]);
}

const settingsType = new TsType<Readonly<Record<string, JsValue>>>((ms) =>
  ms.types.attrsOf(ms.types.override(ms.types.attrsOf(settingValueType(ms.types, NESTING)), { description: "attribute sets" })),
);

/** Sections of plain values, or a file (included from `section/base`, copied to the store). */
const configType = new TsType<Readonly<Record<string, JsValue>>>((ms) => {
  const value = ms.types.either(ms.types.str, ms.types.either(ms.types.bool, ms.types.either(ms.types.int, ms.types.listOf(ms.types.str))));
  const include = new PrimOp("polybar-include-file", 1, ([p]): Value => {
    const file = lazy(() => force(toNix(libCall(ms.lib(), "concatStrings", [p!]))));
    return attrs({ "section/base": attrs({ "include-file": file }) });
  });
  return ms.types.coercedTo(ms.types.path, include, ms.types.attrsOf(ms.types.attrsOf(value)));
});

export const polybarModule = defineModule({
  file: FILE,
  path: "services.polybar",
  options: {
    enable: mkEnableOption("Polybar status bar"),
    package: mkPackageOption("polybar"),
    config: option({
      type: configType,
      default: {},
      example: { "bar/top": { monitor: "${env:MONITOR:eDP1}", width: "100%", "modules-center": "date" } },
      description:
        "Polybar's configuration as INI sections of values, or a file to include. " +
        "{option}`services.polybar.settings` offers a nested form that is easier to write.",
    }),
    settings: option({
      type: settingsType,
      default: {},
      example: {
        "module/volume": {
          type: "internal/pulseaudio",
          label: { muted: { text: "🔇", foreground: "#666" } },
          ramp: { volume: ["🔈", "🔉", "🔊"] },
        },
      },
      description:
        "Polybar's configuration, one attribute set per section, converted to Polybar's flat keys: nested attributes are joined " +
        "with dashes (a nested `text` key gives its parent's name), and the elements of a list become `key-0`, `key-1`, and so on.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "Text appended to the configuration file." }),
    script: option({
      type: t.lines,
      example: "polybar bar &",
      description:
        "The script that starts the bars, with {command}`polybar` on {env}`PATH`. It sets the environment the bars need, " +
        "starts every bar in the background and exits.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const declarative = () => Object.keys(cfg.settings).length > 0 || Object.keys(cfg.config).length > 0 || cfg.extraConfig !== "";
    const configText = () => {
      const self = config.get("services.polybar");
      const plain = force(rawAttr(self, "config")) as NixAttrs;
      const nested = flattenSettings(force(rawAttr(self, "settings")) as NixAttrs);
      return `${polybarIni(plain)}\n${polybarIni(nested)}\n${cfg.extraConfig}\n`;
    };
    let file: string | undefined;
    const configFile = () => (file ??= nixToString(callFn(pkgs.writeText, "polybar.conf", configText())));
    const pkg = () => nixToString(cfg.package);
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.polybar", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.package],
      'xdg.configFile."polybar/config.ini"': () => mkIf(declarative(), { source: configFile() }),
      "systemd.user.services.polybar": () => ({
        Unit: {
          Description: "Polybar status bar",
          PartOf: [TRAY],
          "X-Restart-Triggers": mkIf(declarative(), [configFile()]),
        },
        Service: {
          Type: "forking",
          Environment: [`PATH=${pkg()}/bin:/run/wrappers/bin`],
          ExecStart: `${nixToString(callFn(pkgs.writeShellScriptBin, "polybar-start", cfg.script))}/bin/polybar-start`,
          Restart: "on-failure",
        },
        Install: { WantedBy: [TRAY] },
      }),
    });
  },
});
