/**
 * `makeDesktopItem { name, desktopName, … }` done natively: a package
 * holding `<destination>/<name>.desktop` (`.directory` for the type
 * `Directory`; destination `/share/applications` by default), written as
 * nixpkgs writes it. The `[Desktop Entry]` section has `Version=1.5` and the
 * keys of the desktop entry specification that are set, in sorted order
 * (`extraConfig` added to them); booleans are `true`/`false`, lists are
 * joined with `;` (and may not contain one), `null` values are left out.
 * Each action becomes a `[Desktop Action <id>]` section (`Exec`, `Icon`,
 * `Name`), sections separated by a blank line. The function is made with
 * `lib.makeOverridable`, so results have `override`.
 */
import { NixError } from "../../nix/errors.js";
import { callFunction, forceAttrs } from "../../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../../nix/values.js";
import { attrs, prim, select } from "../../module-system/nix-values.js";
import type { BuilderContext } from "./index.js";
import { ArgReader } from "./derivation.js";
import { writeTextFile } from "./write-text.js";

type Kind = "str" | "bool" | "list";

/** Argument → key of the main section and how the value is written (`actions` is handled apart). */
const MAIN_KEYS: readonly [string, string, Kind][] = [
  ["genericName", "GenericName", "str"],
  ["noDisplay", "NoDisplay", "bool"],
  ["comment", "Comment", "str"],
  ["icon", "Icon", "str"],
  ["onlyShowIn", "OnlyShowIn", "list"],
  ["notShowIn", "NotShowIn", "list"],
  ["dbusActivatable", "DBusActivatable", "bool"],
  ["tryExec", "TryExec", "str"],
  ["exec", "Exec", "str"],
  ["path", "Path", "str"],
  ["terminal", "Terminal", "bool"],
  ["mimeTypes", "MimeType", "list"],
  ["categories", "Categories", "list"],
  ["implements", "Implements", "list"],
  ["keywords", "Keywords", "list"],
  ["startupNotify", "StartupNotify", "bool"],
  ["startupWMClass", "StartupWMClass", "str"],
  ["url", "URL", "str"],
  ["prefersNonDefaultGPU", "PrefersNonDefaultGPU", "bool"],
  ["singleMainWindow", "SingleMainWindow", "bool"],
];

const ARGS = ["name", "destination", "type", "desktopName", "actions", "extraConfig", ...MAIN_KEYS.map(([a]) => a)];

function fail(message: string): never {
  throw new NixError("throw", `makeDesktopItem: ${message}`);
}

/** A list as one `;`-separated string (null when empty). */
function renderList(key: string, xs: readonly string[]): string | null {
  if (xs.some((x) => x.includes(";"))) fail(`values in ${key} list must not contain semicolons!`);
  return xs.length === 0 ? null : xs.join(";");
}

function listOf(r: ArgReader, key: string, l: Lazy): string[] {
  const v = force(l);
  if (!Array.isArray(v)) fail(`value for ${key} must be a list!`);
  return v.map((x) => r.interp(x));
}

function boolOrNull(l: Lazy): string | null {
  const v = force(l);
  if (v === null) return null;
  if (typeof v !== "boolean") fail("value must be a boolean or null!");
  return v ? "true" : "false";
}

/** `[section]` with the non-null entries sorted by key, then a newline. */
function section(title: string, entries: Map<string, string | null>): string {
  const lines = [...entries.keys()]
    .sort()
    .filter((k) => entries.get(k) !== null)
    .map((k) => `${k}=${entries.get(k)!}`);
  return `[${title}]\n${lines.join("\n")}\n`;
}

/** The file's text, its name and its destination inside the package. */
export function desktopItemText(ctx: BuilderContext, arg: Lazy): { file: string; destination: string; text: string } {
  const r = new ArgReader(ctx.st);
  const a = forceAttrs(arg);
  for (const k of a.map.keys())
    if (!ARGS.includes(k)) throw new NixError("type", `function 'makeDesktopItem' called with unexpected argument '${k}'`);
  const need = (k: string): Lazy => {
    const v = a.get(k);
    if (v === undefined) throw new NixError("type", `function 'makeDesktopItem' called without required argument '${k}'`);
    return v;
  };
  const name = r.interp(need("name"));
  const type = r.optText(a, "type", "Application");
  const destination = r.optText(a, "destination", "/share/applications");
  const main = new Map<string, string | null>([
    ["Type", type],
    ["Version", "1.5"],
    ["Name", r.interp(need("desktopName"))],
  ]);
  for (const [arg, key, kind] of MAIN_KEYS) {
    const v = a.get(arg);
    if (v === undefined) {
      main.set(key, null);
      continue;
    }
    if (kind === "list") main.set(key, renderList(arg, listOf(r, arg, v)));
    else if (kind === "bool") main.set(key, boolOrNull(v));
    else main.set(key, force(v) === null ? null : r.interp(v));
  }
  const actions = a.has("actions") ? forceAttrs(a.get("actions")!) : NixAttrs.empty;
  const ids = [...actions.map.keys()].sort();
  main.set("Actions", renderList("actions", ids));
  if (a.has("extraConfig")) for (const [k, v] of forceAttrs(a.get("extraConfig")!).map) main.set(k, force(v) === null ? null : r.interp(v));
  const sections = [section("Desktop Entry", main)];
  for (const id of ids) {
    const act = forceAttrs(actions.get(id)!);
    const opt = (k: string) => (act.has(k) && force(act.get(k)!) !== null ? r.interp(act.get(k)!) : null);
    if (!act.has("name")) throw new NixError("type", "function 'preprocessAction' called without required argument 'name'");
    sections.push(
      section(
        `Desktop Action ${id}`,
        new Map([
          ["Name", r.interp(act.get("name")!)],
          ["Icon", opt("icon")],
          ["Exec", opt("exec")],
        ]),
      ),
    );
  }
  const file = `${name}.${type === "Directory" ? "directory" : "desktop"}`;
  return { file, destination, text: sections.join("\n") };
}

function makeDesktopItemDrv(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const { file, destination, text } = desktopItemText(ctx, arg);
  return writeTextFile(ctx, attrs({ name: file, destination: `${destination}/${file}`, text }));
}

/** `pkgs.makeDesktopItem`, overridable. */
export function makeDesktopItem(ctx: BuilderContext): Value {
  const fn = attrs({
    __functor: prim("pkgs.makeDesktopItem", 2, ([, a]) => makeDesktopItemDrv(ctx, a!)),
    __functionArgs: attrs(Object.fromEntries(ARGS.map((k) => [k, k !== "name" && k !== "desktopName"]))),
  });
  return callFunction(force(select(ctx.lib, "makeOverridable")), fn);
}
