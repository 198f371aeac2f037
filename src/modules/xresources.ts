/**
 * `xresources`: X server resources. When `properties` is a non-empty set or
 * `extraConfig` is not empty, writes the file at `path` (by default
 * `~/.Xresources`): `extraConfig` first, then one `name: value` line per
 * property in name order (booleans `true`/`false`, list elements joined by
 * `, `, anything else as `toString` prints it, floats with six decimals),
 * ending with a newline. The file is merged into the running X server's
 * resource database with `xrdb -merge` when it changes (if `DISPLAY` is
 * set) and at the start of each X session (`xsession.profileExtra`).
 */
import { defineModule, mkIf, option, t, type JsValue } from "../module-system/index.js";
import { lazy } from "../module-system/nix-values.js";
import { floatToString } from "../nix/coerce.js";
import { force, NixAttrs, NixString, type Lazy } from "../nix/values.js";
import { libCall, nixToString, rawAttr, ty } from "./module-kit.js";

const FILE = "modules/xresources.ts";

/** One resource value: booleans as words, lists joined by commas (but not lists of lists). */
export function xresourceValue(l: Lazy, inList = false): string {
  const v = force(l);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) {
    if (inList) throw new Error("can not convert 2-dimensional lists to Xresources format");
    return v.map((e: Lazy) => xresourceValue(e, true)).join(", ");
  }
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatToString(v);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  return nixToString(v as unknown as JsValue);
}

/** The lines of the file: the extra text, then `name: value` per property (names in Nix's order). */
export function xresourcesText(extraConfig: string, properties: NixAttrs | null): string {
  const lines = extraConfig !== "" ? [extraConfig] : [];
  if (properties !== null) for (const n of properties.sortedNames()) lines.push(`${n}: ${xresourceValue(properties.get(n)!)}`);
  return `${lines.join("\n")}\n`;
}

const prim = ty.oneOf<JsValue>([t.bool, t.int, t.float, t.str]);

export const xresourcesModule = defineModule({
  file: FILE,
  path: "xresources",
  options: {
    properties: option({
      type: t.nullOr(t.attrsOf(t.either(prim, t.listOf(prim)))),
      default: null,
      example: {
        "Emacs*toolBar": 0,
        "XTerm*faceName": "dejavu sans mono",
        "XTerm*charClass": ["37:48", "45-47:48", "58:48", "64:48", "126:48"],
      },
      description:
        "X resources to set. Booleans are written `true` or `false`, the elements of a list are written the same way and " +
        "joined with commas (a list inside a list is an error), and anything else as {command}`toString` prints it. " +
        "Nothing is written while this is empty or `null` and {option}`xresources.extraConfig` is empty.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Text placed before the properties in the resources file.",
    }),
    path: option({
      type: t.str,
      default: (d) => `${String(((d.arg("config") as Record<string, JsValue>).home as Record<string, JsValue>).homeDirectory)}/.Xresources`,
      defaultText: "$HOME/.Xresources",
      description: "Where the resources file is linked.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const active = () => (cfg.properties !== null && Object.keys(cfg.properties).length > 0) || cfg.extraConfig !== "";
    const merge = () => `${nixToString(libCall(lib, "getExe", pkgs.xrdb))} -merge ${cfg.path}`;
    const properties = () => {
      const p = force(rawAttr(config.get("xresources"), "properties"));
      return p instanceof NixAttrs ? p : null;
    };
    return mkIf(active, {
      "home.file": () => ({
        [cfg.path]: {
          text: lazy(() => xresourcesText(cfg.extraConfig, properties())),
          onChange: `if [[ -v DISPLAY ]]; then\n  ${merge()}\nfi\n`,
        },
      }),
      "xsession.profileExtra": () => merge(),
    });
  },
});
