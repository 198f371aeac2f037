/**
 * `builtins.toXML`: Nix's value-to-XML format, byte for byte.
 *
 * The document is `<?xml version='1.0' encoding='utf-8'?>` then `<expr>`,
 * indented by two spaces per level; scalars are empty elements with a `value`
 * attribute (`<int value="1" />`), sets are `<attrs>` of `<attr name="…">`
 * sorted by name, derivations are `<derivation drvPath=… outPath=…>` (a
 * derivation met again is `<repeated />`), lambdas show their argument
 * pattern (`<varpat>` or `<attrspat>`), primops are `<unevaluated />`.
 * Attributes of an element are written sorted by name, as Nix's writer keeps
 * them in a sorted map. The walk uses an explicit stack.
 */
import { formatFloat } from "../print-short.js";
import { compareStrings, force, Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, type Lazy, type Value } from "../values.js";

type XmlAttrs = [string, string][];

function escapeAttr(s: string): string {
  return s.replace(/["<>&\n]/g, (c) => (c === '"' ? "&quot;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&#xA;"));
}

function attrsText(attrs: XmlAttrs): string {
  return [...attrs]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
}

/** Work item: a value at a depth, a closing tag, or the opening tag of an attribute. */
type Item =
  | { readonly v: Lazy; readonly depth: number }
  | { readonly close: string; readonly depth: number }
  | { readonly attr: string; readonly depth: number };

class XmlWriter {
  readonly out: string[] = ["<?xml version='1.0' encoding='utf-8'?>\n"];

  empty(depth: number, name: string, attrs: XmlAttrs = []): void {
    this.out.push(`${"  ".repeat(depth)}<${name}${attrsText(attrs)} />\n`);
  }

  open(depth: number, name: string, attrs: XmlAttrs = []): void {
    this.out.push(`${"  ".repeat(depth)}<${name}${attrsText(attrs)}>\n`);
  }

  close(depth: number, name: string): void {
    this.out.push(`${"  ".repeat(depth)}</${name}>\n`);
  }
}

function stringOf(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  return undefined;
}

/** Schedule `<attr name=…>` elements for every attribute of a set. */
function pushAttrs(stack: Item[], set: NixAttrs, depth: number): void {
  const names = set.sortedNames();
  for (let i = names.length - 1; i >= 0; i--) {
    stack.push({ close: "attr", depth });
    stack.push({ v: set.get(names[i]!)!, depth: depth + 1 });
    stack.push({ attr: names[i]!, depth });
  }
}

function writeFunction(w: XmlWriter, f: Lambda, depth: number): void {
  w.open(depth, "function");
  const node = f.node;
  if (node.formals) {
    const attrs: XmlAttrs = [];
    if (node.arg !== undefined) attrs.push(["name", node.arg]);
    if (node.formals.ellipsis) attrs.push(["ellipsis", "1"]);
    w.open(depth + 1, "attrspat", attrs);
    const names = node.formals.entries.map((e) => e.name).sort(compareStrings);
    for (const n of names) w.empty(depth + 2, "attr", [["name", n]]);
    w.close(depth + 1, "attrspat");
  } else {
    w.empty(depth + 1, "varpat", [["name", node.arg ?? ""]]);
  }
  w.close(depth, "function");
}

/** Write a derivation: its header, and its attributes unless already shown. */
function writeDerivation(w: XmlWriter, stack: Item[], set: NixAttrs, depth: number, seen: Set<string>): void {
  const attrs: XmlAttrs = [];
  let drvPath = "";
  const d = set.get("drvPath");
  if (d !== undefined) {
    const s = stringOf(force(d));
    if (s !== undefined) attrs.push(["drvPath", (drvPath = s)]);
  }
  const o = set.get("outPath");
  if (o !== undefined) {
    const s = stringOf(force(o));
    if (s !== undefined) attrs.push(["outPath", s]);
  }
  w.open(depth, "derivation", attrs);
  stack.push({ close: "derivation", depth });
  if (drvPath !== "" && !seen.has(drvPath)) {
    seen.add(drvPath);
    pushAttrs(stack, set, depth + 1);
  } else {
    w.empty(depth + 1, "repeated");
  }
}

function writeValue(w: XmlWriter, stack: Item[], v: Value, depth: number, context: Set<string>, seen: Set<string>): void {
  if (v === null) w.empty(depth, "null");
  else if (typeof v === "boolean") w.empty(depth, "bool", [["value", v ? "true" : "false"]]);
  else if (typeof v === "bigint") w.empty(depth, "int", [["value", v.toString()]]);
  else if (typeof v === "number") w.empty(depth, "float", [["value", formatFloat(v)]]);
  else if (typeof v === "string") w.empty(depth, "string", [["value", v]]);
  else if (v instanceof NixString) {
    for (const c of v.context) context.add(c);
    w.empty(depth, "string", [["value", v.s]]);
  } else if (v instanceof NixPath) w.empty(depth, "path", [["value", v.path]]);
  else if (Array.isArray(v)) {
    w.open(depth, "list");
    stack.push({ close: "list", depth });
    for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i]!, depth: depth + 1 });
  } else if (v instanceof NixAttrs) {
    if (v.isDerivation()) writeDerivation(w, stack, v, depth, seen);
    else {
      w.open(depth, "attrs");
      stack.push({ close: "attrs", depth });
      pushAttrs(stack, v, depth + 1);
    }
  } else if (v instanceof Lambda) writeFunction(w, v, depth);
  else if (v instanceof PrimOp || v instanceof PrimOpApp) w.empty(depth, "unevaluated");
}

/** The XML text of a value (forced deeply); string context goes into `context`. */
export function valueToXML(root: Lazy, context: Set<string>): string {
  const w = new XmlWriter();
  w.open(0, "expr");
  const seen = new Set<string>();
  const stack: Item[] = [
    { close: "expr", depth: 0 },
    { v: root, depth: 1 },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("close" in item) w.close(item.depth, item.close);
    else if ("attr" in item) w.open(item.depth, "attr", [["name", item.attr]]);
    else writeValue(w, stack, force(item.v), item.depth, context, seen);
  }
  return w.out.join("");
}
