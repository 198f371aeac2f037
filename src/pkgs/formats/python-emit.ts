/**
 * Output of nixpkgs' `formats.pythonVars`: one `name = value` assignment per
 * attribute (after `import` lines for `_imports`), values written as Python
 * literals and then laid out as the `black` formatter lays them out: lists
 * and dicts (written with trailing commas, so black keeps them exploded)
 * one item per line with four-space indentation, empty ones as `[]`/`{}`,
 * strings in double quotes unless that needs more escapes, `True`, `False`,
 * `None`. Sets tagged `_type = "raw"` are written as their `value`.
 */
import { isIntLiteral, isNumber, isObject, parseJsonText, type JValue } from "./json-text.js";
import { pyFloat } from "./yaml-emit.js";

/** Python's `repr` of a string. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let body = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") body += "\\\\";
    else if (ch === quote) body += `\\${quote}`;
    else if (ch === "\n") body += "\\n";
    else if (ch === "\r") body += "\\r";
    else if (ch === "\t") body += "\\t";
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) body += `\\x${c.toString(16).padStart(2, "0")}`;
    else body += ch;
  }
  return `${quote}${body}${quote}`;
}

/** black's quote normalisation of a single-quoted literal. */
export function blackString(literal: string): string {
  if (!literal.startsWith("'")) return literal;
  const body = literal.slice(1, -1);
  const unescaped = body.replace(/\\'/g, "'");
  const newBody = unescaped.replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"');
  const count = (s: string) => (s.match(/\\["']/g) ?? []).length;
  if (count(newBody) > count(body)) return literal;
  return `"${newBody}"`;
}

function isRaw(v: JValue): boolean {
  return isObject(v) && v.entries.some(([k, x]) => k === "_type" && x === "raw");
}

function value(v: JValue, indent: string): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return blackString(pyRepr(v));
  if (isNumber(v)) return isIntLiteral(v) ? BigInt(v.raw).toString() : pyFloat(Number(v.raw), false);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => `${inner}${value(x, inner)},\n`).join("")}${indent}]`;
  }
  if (isRaw(v)) {
    const raw = v.entries.find(([k]) => k === "value")?.[1];
    return typeof raw === "string" ? raw : "None";
  }
  if (v.entries.length === 0) return "{}";
  const key = (k: string) => blackString(`'${k.replace(/'/g, "\\'")}'`);
  return `{\n${v.entries.map(([k, x]) => `${inner}${key(k)}: ${value(x, inner)},\n`).join("")}${indent}}`;
}

/** The Python file for the JSON of the variables and the JSON of the imports. */
export function pythonVars(valueJson: string, importsJson: string): string {
  const vars = parseJsonText(valueJson);
  const imports = parseJsonText(importsJson);
  let out = "";
  if (Array.isArray(imports) && imports.length > 0)
    out += `${imports.map((i) => `import ${typeof i === "string" ? i : ""}`).join("\n")}\n\n`;
  if (isObject(vars)) for (const [k, x] of vars.entries) out += `${k} = ${value(x, "")}\n`;
  return out;
}
