/**
 * XML output as nixpkgs' `formats.xml { format = "badgerfish"; }` writes
 * it (Python's xmltodict `unparse` with `pretty=True` and two-space
 * indentation, then a final newline): `@name` keys are attributes, `#text`
 * is the element's text (written after its children), lists repeat the
 * element, `null` is an empty element, Booleans are `true`/`false` as text
 * (but `True`/`False` as attribute values, as Python's `str` writes them),
 * numbers as Python writes them. Empty elements are written `<a></a>`.
 * With the header, the document must have exactly one root element.
 */
import { isIntLiteral, isNumber, isObject, parseJsonText, type JValue } from "./json-text.js";
import { pyFloat } from "./yaml-emit.js";

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function quoteAttr(s: string): string {
  let v = escapeText(s).replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
  if (v.includes('"')) {
    if (v.includes("'")) v = `"${v.replace(/"/g, "&quot;")}"`;
    else v = `'${v}'`;
  } else v = `"${v}"`;
  return v;
}

/** Python's `str` of a JSON scalar or container. */
function pyStr(v: JValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return v;
  if (isNumber(v)) return isIntLiteral(v) ? BigInt(v.raw).toString() : pyFloat(Number(v.raw), false);
  return JSON.stringify(v);
}

function emit(key: string, value: JValue, depth: number, full: boolean, out: string[]): void {
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    if (full && depth === 0 && index > 0) throw new Error("document with multiple roots");
    let v: JValue = item;
    if (v === null) v = { kind: "object", entries: [] };
    else if (typeof v === "boolean") v = v ? "true" : "false";
    else if (!isObject(v) && typeof v !== "string") v = pyStr(v);
    if (typeof v === "string") v = { kind: "object", entries: [["#text", v]] };
    if (!isObject(v)) return;
    let text: string | undefined;
    const attrs: [string, string][] = [];
    const children: [string, JValue][] = [];
    for (const [k, x] of v.entries) {
      if (k === "#text") text = pyStr(x);
      else if (k.startsWith("@")) attrs.push([k.slice(1), pyStr(x)]);
      else children.push([k, x]);
    }
    out.push("  ".repeat(depth));
    out.push(`<${key}${attrs.map(([n, a]) => ` ${n}=${quoteAttr(a)}`).join("")}>`);
    if (children.length > 0) out.push("\n");
    for (const [ck, cv] of children) emit(ck, cv, depth + 1, full, out);
    if (text !== undefined) out.push(escapeText(text));
    if (children.length > 0) out.push("  ".repeat(depth));
    out.push(`</${key}>`);
    if (depth > 0) out.push("\n");
  });
}

/** The XML document for a JSON value (an object of root elements). */
export function xmlDocument(v: JValue, withHeader: boolean): string {
  if (!isObject(v)) throw new Error("XML: the value must be an attribute set of elements");
  if (withHeader && v.entries.length !== 1) throw new Error("Document must have exactly one root.");
  const out: string[] = withHeader ? ['<?xml version="1.0" encoding="utf-8"?>\n'] : [];
  for (const [k, x] of v.entries) emit(k, x, 0, withHeader, out);
  return `${out.join("")}\n`;
}

/** The XML document for a JSON text. */
export function jsonToXml(text: string, withHeader: boolean): string {
  return xmlDocument(parseJsonText(text), withHeader);
}
