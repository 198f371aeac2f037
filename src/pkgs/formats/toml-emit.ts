/**
 * TOML output as nixpkgs' `formats.toml` writes it (remarshal's `json2toml`
 * on the JSON of the value). In each table the plain key/value pairs come
 * first, in key order, then the sub-tables and arrays of tables in key order.
 * A table that holds only tables gets no header of its own (`[a.b]` rather
 * than `[a]` then `[a.b]`); a list whose items are all sets becomes an array
 * of tables (`[[name]]`), other lists and sets inside lists are inline.
 * Headers are separated by a blank line, except the first header inside a
 * header-less table that holds a single table (as the reference output
 * shows: `shell = "zsh"` directly followed by `[plugins.x]`). Strings:
 * ones ending in a newline become multi-line `"""` strings, ones with `"`
 * but no `'` or control characters become literal `'…'` strings, the rest
 * basic strings with `\"`, `\\`, `\n`, `\t`, `\r` and `\u00XX` escapes.
 * Floats are written as Python writes them (`1.0`, `1e+20`). `null` is an
 * error, as in remarshal.
 */
import { isIntLiteral, isNumber, isObject, parseJsonText, type JObject, type JValue } from "./json-text.js";
import { pyFloat } from "./yaml-emit.js";

function isAot(v: JValue): v is JObject[] {
  return Array.isArray(v) && v.length > 0 && v.every(isObject);
}

function isTableLike(v: JValue): boolean {
  return isObject(v) || isAot(v);
}

/** A table with exactly one child, itself a table or array of tables. */
function singleChildSuper(v: JValue): boolean {
  return isObject(v) && v.entries.length === 1 && isTableLike(v.entries[0]![1]);
}

function isSuper(t: JObject): boolean {
  return t.entries.length > 0 && t.entries.every(([, v]) => isTableLike(v));
}

export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : basicString(k);
}

function escapeChar(ch: string, multiline: boolean): string {
  const c = ch.codePointAt(0)!;
  if (ch === "\\") return "\\\\";
  if (ch === "\n") return multiline ? "\n" : "\\n";
  if (ch === "\t") return "\\t";
  if (ch === "\r") return "\\r";
  if (c < 0x20 || c === 0x7f) return `\\u${c.toString(16).padStart(4, "0")}`;
  return ch;
}

function basicString(s: string): string {
  let out = '"';
  for (const ch of s) out += ch === '"' ? '\\"' : escapeChar(ch, false);
  return `${out}"`;
}

export function tomlString(s: string): string {
  if (s.includes("\n") && s.endsWith("\n")) {
    let body = "";
    for (const ch of s) body += escapeChar(ch, true);
    return `"""\n${body.replace(/"""/g, '""\\"')}"""`;
  }
  if (s.includes('"') && !s.includes("'") && !/[\x00-\x1f\x7f]/.test(s)) return `'${s}'`;
  return basicString(s);
}

function inline(v: JValue, inInlineTable = false): string {
  if (v === null) throw new Error("Cannot convert data to TOML (null values are not supported)");
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return tomlString(v);
  if (isNumber(v)) return isIntLiteral(v) ? BigInt(v.raw).toString() : pyFloat(Number(v.raw), false);
  if (Array.isArray(v)) return `[${v.map((x) => inline(x)).join(", ")}]`;
  if (v.entries.length === 0) return "{}";
  // As tomlkit builds inline tables: in one directly inside a list, sets come
  // after the other values; in one inside another, entries keep their order
  // and are joined by "," without a space.
  const ordered = inInlineTable ? v.entries : [...v.entries.filter(([, x]) => !isObject(x)), ...v.entries.filter(([, x]) => isObject(x))];
  return `{${ordered.map(([k, x]) => `${tomlKey(k)} = ${inline(x, true)}`).join(inInlineTable ? "," : ", ")}}`;
}

class TomlWriter {
  readonly lines: string[] = [];

  private blank(): void {
    if (this.lines.length > 0) this.lines.push("");
  }

  /** The body of a table: its pairs, then its tables with their blank-line flags. */
  body(path: string, t: JObject): void {
    const scalars = t.entries.filter(([, v]) => !isTableLike(v));
    for (const [k, v] of scalars) this.lines.push(`${tomlKey(k)} = ${inline(v)}`);
    t.entries.forEach(([k, v], i) => {
      if (!isTableLike(v)) return;
      const blank = i > 0 || (scalars.length > 0 && !singleChildSuper(v));
      const p = path === "" ? tomlKey(k) : `${path}.${tomlKey(k)}`;
      if (isObject(v)) this.table(p, v, blank);
      else this.aot(p, v as JObject[], blank);
    });
  }

  table(path: string, t: JObject, blank: boolean): void {
    if (blank) this.blank();
    if (!isSuper(t)) this.lines.push(`[${path}]`);
    this.body(path, t);
  }

  aot(path: string, items: readonly JObject[], blank: boolean): void {
    items.forEach((item, i) => {
      if (i > 0 || blank) this.blank();
      this.lines.push(`[[${path}]]`);
      this.body(path, item);
    });
  }
}

/** The TOML document for a JSON value (which must be an object). */
export function tomlDocument(v: JValue): string {
  if (!isObject(v)) throw new Error('Cannot convert non-dictionary data to TOML; use "--wrap" to wrap it in a dictionary');
  const w = new TomlWriter();
  w.body("", v);
  return w.lines.map((l) => `${l}\n`).join("");
}

/** `json2toml` of a JSON text. */
export function jsonToToml(text: string): string {
  return tomlDocument(parseJsonText(text));
}
