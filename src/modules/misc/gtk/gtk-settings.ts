/**
 * Pieces shared by the `gtk` modules: the option type of a theme (icon and
 * cursor themes included), the GTK settings a version gets from its font,
 * themes and colour scheme (`gtk-font-name`, `gtk-theme-name`, …), the
 * writers of `~/.gtkrc-2.0` lines and of `settings.ini`, and the packages
 * the enabled versions install. Settings keep Nix's attribute order (sorted
 * names), as the files Home Manager writes do.
 */
import { defineModule, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { NixAttrs } from "../../../nix/values.js";
import { libCall, toStringOfAttr, ty } from "../../module-kit.js";

const FILE = "modules/misc/gtk/gtk-settings.ts";

/** A theme, icon theme or cursor theme (the latter with a size). */
export interface Theme {
  readonly package: AttrsView | null;
  readonly name: string;
  readonly size?: number | null;
}

/** `lib.hm.types.fontType`. */
export interface Font {
  readonly package: AttrsView | null;
  readonly name: string;
  readonly size: number | null;
}

/** The option type of a theme; `what` names it in descriptions. */
export function themeType(what: string, withSize = false) {
  const more = what === "theme" ? " GTK 4 only applies a theme whose package is given." : "";
  return ty.submodule<Theme>(
    defineModule({
      file: FILE,
      key: `${FILE}#${what}${withSize ? "-sized" : ""}`,
      options: {
        package: option({
          type: t.nullOr(t.package),
          default: null,
          description: `Package that provides the ${what}; it is installed into the profile. With \`null\`, the ${what} must already be available there.${more}`,
        }),
        name: option({ type: t.str, example: withSize ? "Vanilla-DMZ" : "Adwaita", description: `The ${what}'s name in its package.` }),
        ...(withSize ? { size: option({ type: t.nullOr(t.int), default: null, example: 16, description: "The cursor's size." }) } : {}),
      },
    }),
  );
}

export const fontType = ty.hm<Font>("fontType");

export type ColorScheme = "dark" | "light";

/** What a version's settings are computed from. */
export interface VersionLook {
  readonly font: Font | null;
  readonly theme: Theme | null;
  readonly iconTheme: Theme | null;
  readonly cursorTheme: Theme | null;
  readonly colorScheme: ColorScheme | null;
}

/** The GTK settings of one version (2, 3 or 4), sorted by name. */
export function gtkSettings(lib: NixAttrs, version: number, look: VersionLook): Record<string, JsValue> {
  const s: Record<string, JsValue> = {};
  const { font, theme, iconTheme, cursorTheme, colorScheme } = look;
  if (font !== null) s["gtk-font-name"] = `${font.name} ${font.size === null ? "11" : toStringOfAttr(lib, font, "size")}`;
  if (theme !== null) s["gtk-theme-name"] = theme.name;
  if (iconTheme !== null) s["gtk-icon-theme-name"] = iconTheme.name;
  if (cursorTheme !== null) s["gtk-cursor-theme-name"] = cursorTheme.name;
  if (cursorTheme !== null && cursorTheme.size !== null && cursorTheme.size !== undefined) s["gtk-cursor-theme-size"] = cursorTheme.size;
  if (colorScheme === "dark") s["gtk-application-prefer-dark-theme"] = true;
  if (version === 4 && colorScheme !== null) s["gtk-interface-color-scheme"] = colorScheme === "dark" ? 2 : 3;
  return sortKeys(s);
}

export function sortKeys(s: Readonly<Record<string, JsValue>>): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const k of Object.keys(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = s[k]!;
  return out;
}

const escapeEq = (k: string) => k.replaceAll("=", "\\=");

function valueText(v: JsValue): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

/** The lines of `~/.gtkrc-2.0` for these settings (strings quoted). */
export function gtk2Lines(settings: Readonly<Record<string, JsValue>>): string {
  return Object.entries(settings)
    .map(([k, v]) => `${escapeEq(k)} = ${typeof v === "string" ? `"${v}"` : valueText(v)}\n`)
    .join("");
}

/** `settings.ini`: one `[Settings]` section, as `lib.generators.toINI` writes it. */
export function settingsIni(settings: Readonly<Record<string, JsValue>>): string {
  return (
    "[Settings]\n" +
    Object.entries(sortKeys(settings))
      .map(([k, v]) => `${escapeEq(k)}=${valueText(v)}\n`)
      .join("")
  );
}

/** The packages of the enabled versions' themes and fonts, each once. */
export function gtkPackages(lib: NixAttrs, versions: readonly (VersionLook & { readonly enable: boolean })[]): JsValue {
  const all: AttrsView[] = [];
  for (const v of versions) {
    if (!v.enable) continue;
    for (const x of [v.theme, v.iconTheme, v.cursorTheme, v.font]) if (x !== null && x.package !== null) all.push(x.package);
  }
  return libCall(lib, "unique", all);
}
