/**
 * How the module system shows things in messages: option paths
 * (`showOption`), file lists (`showFiles`), and definition values
 * (`showDefs`), the latter printed the way nixpkgs' `generators.toPretty`
 * prints them after `withRecursion { depthLimit = 10; }`. A definition that
 * carries a position in its own file is shown as `file:line:col`. Printing a
 * value that throws a catchable error shows just the file, as `tryEval` does
 * in nixpkgs; other errors propagate.
 */
import { NixError } from "../nix/errors.js";
import { formatJsonFloat } from "../nix/builtins/json.js";
import { forceString } from "../nix/ops.js";
import { formatPos } from "../nix/source.js";
import { force, Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, sortNames, type Lazy, type Value } from "../nix/values.js";
import type { Def } from "./definitions.js";
import { functionArgsOf, withContext } from "./nix-values.js";

const KEYWORDS = new Set(["assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with"]);

/** A string as `builtins.toJSON` writes it. */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** lib.strings.escapeNixString: JSON quoting with `$` escaped. */
export function escapeNixString(s: string): string {
  return jsonString(s).replace(/\$/g, "\\$");
}

/** lib.strings.escapeNixIdentifier. */
export function escapeNixIdentifier(s: string): string {
  if (/^[a-zA-Z_][a-zA-Z0-9_'-]*$/.test(s) && !KEYWORDS.has(s)) return s;
  return escapeNixString(s);
}

/** `a.b."c.d".<name>.*` as nixpkgs' showOption prints a location. */
export function showOption(loc: readonly string[]): string {
  return loc.map((p) => (p === "*" || /^<.*>$/s.test(p) ? p : escapeNixIdentifier(p))).join(".");
}

/** "`a' and `b'" */
export function showFiles(files: readonly string[]): string {
  return files.map((f) => `\`${f}'`).join(" and ");
}

/** The file of a definition, with `:line:col` when its position lies in that file. */
export function defLocation(def: Def): string {
  const p = def.pos;
  if (p && p.source.path === def.file) return formatPos(p);
  return def.file;
}

/** nixpkgs' showDefs: "\n- In `file': value" for each definition. */
export function showDefs(defs: readonly Def[]): string {
  let out = "";
  for (const def of defs) out += `\n- In \`${defLocation(def)}'${showDefValue(def.value)}`;
  return out;
}

function showDefValue(v: Lazy): string {
  let text: string;
  try {
    text = toPretty(v, 0, "");
  } catch (e) {
    if (e instanceof NixError && e.catchable) return "";
    throw e;
  }
  const lines = text.split("\n");
  const shown = lines.slice(0, 5);
  if (lines.length > 5) shown.push("...");
  const value = shown.join("\n    ");
  return lines.length > 1 ? ":\n    " + value : ": " + value;
}

const DEPTH_LIMIT = 10;

/** generators.toPretty (multiline) over a value cut at depth 10 with "<unevaluated>". */
export function toPretty(l: Lazy, depth: number, indent: string): string {
  if (depth > DEPTH_LIMIT) return '"<unevaluated>"';
  const v = force(l);
  const intro = "\n" + indent + "  ";
  const outro = "\n" + indent;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return formatJsonFloat(v);
  if (typeof v === "string" || v instanceof NixString) return prettyString(typeof v === "string" ? v : v.s, intro, outro);
  if (v === true) return "true";
  if (v === false) return "false";
  if (v === null) return "null";
  if (v instanceof NixPath) return v.path;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[ ]";
    return "[" + intro + v.map((x) => toPretty(x, depth + 1, indent + "  ")).join(intro) + outro + "]";
  }
  if (isFunctionValue(v)) return prettyFunction(v);
  if (v instanceof NixAttrs) return prettyAttrs(v, depth, indent, intro, outro);
  return "<unknown>";
}

function isFunctionValue(v: Value): boolean {
  if (v instanceof Lambda || v instanceof PrimOp || v instanceof PrimOpApp) return true;
  return v instanceof NixAttrs && v.has("__functor");
}

function prettyFunction(v: Value): string {
  const fna = functionArgsOf(v);
  if (fna.size === 0) return "<function>";
  const parts = fna.sortedNames().map((n) => (force(fna.get(n)!) === true ? n + "?" : n));
  return `<function, args: {${parts.join(", ")}}>`;
}

function prettyAttrs(v: NixAttrs, depth: number, indent: string, intro: string, outro: string): string {
  if (v.size === 0) return "{ }";
  const t = v.get("type");
  if (t !== undefined) {
    const tv = force(t);
    if (tv === "derivation" || (tv instanceof NixString && tv.s === "derivation")) {
      const name = v.get("name");
      return `<derivation ${name === undefined ? "???" : forceString(name)}>`;
    }
  }
  const items: string[] = [];
  for (const name of sortNames([...v.map.keys()])) {
    const special = name === "__functor" || name === "__functionArgs" || name === "__toString" || name === "__pretty";
    const child = v.get(name)!;
    const shown = withContext(`while evaluating an attribute \`${name}\``, () =>
      special ? toPretty(child, 0, indent + "  ") : toPretty(child, depth + 1, indent + "  "),
    );
    items.push(`${escapeNixIdentifier(name)} = ${shown};`);
  }
  return "{" + intro + items.join(intro) + outro + "}";
}

function prettyString(s: string, intro: string, outro: string): string {
  const lines = s.split("\n");
  if (lines.length > 1) {
    const esc = lines.map((x) => x.replace(/\$\{|''/g, (m) => (m === "''" ? "'''" : "''${")));
    const last = esc[esc.length - 1]!;
    return "''" + intro + esc.slice(0, -1).join(intro) + (last === "" ? outro : intro + last) + "''";
  }
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${") + '"';
}
