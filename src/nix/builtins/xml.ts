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
import type { Span } from "../source.js";
import { compareStrings, force, Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, Thunk, type Lazy, type Value } from "../values.js";

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
  | { readonly attr: string; readonly attrs: XmlAttrs; readonly depth: number };

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

function stringOf(v: Value | undefined): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  return undefined;
}

export interface XmlOptions {
  /** Force values (`toXML`, `--strict`); otherwise pending thunks print as `<unevaluated />`. */
  readonly strict?: boolean;
  /** Add `path`/`line`/`column` of attributes and functions (`nix-instantiate --xml`). */
  readonly location?: boolean;
}

/** `path`, `line` and `column` attributes for a source position. */
function positionAttrs(span: Span | undefined): XmlAttrs {
  if (span === undefined) return [];
  const { line, column } = span.source.position(span.start);
  const attrs: XmlAttrs = [];
  if (span.source.isFile) attrs.push(["path", span.source.path]);
  attrs.push(["line", String(line)], ["column", String(column)]);
  return attrs;
}

/** One `toXML` run: the writer, the work stack and what has been seen. */
class XmlPrinter {
  readonly w = new XmlWriter();
  private readonly stack: Item[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly context: Set<string>,
    private readonly opts: XmlOptions,
  ) {}

  run(root: Lazy): string {
    this.w.open(0, "expr");
    this.stack.push({ close: "expr", depth: 0 }, { v: root, depth: 1 });
    while (this.stack.length > 0) {
      const item = this.stack.pop()!;
      if ("close" in item) this.w.close(item.depth, item.close);
      else if ("attr" in item) this.w.open(item.depth, "attr", item.attrs);
      else this.value(item.v, item.depth);
    }
    return this.w.out.join("");
  }

  private get(l: Lazy): Value | undefined {
    return this.opts.strict === false && l instanceof Thunk ? l.peek() : force(l);
  }

  /** Schedule `<attr name=…>` elements for every attribute of a set. */
  private pushAttrs(set: NixAttrs, depth: number): void {
    const names = set.sortedNames();
    for (let i = names.length - 1; i >= 0; i--) {
      const n = names[i]!;
      const attrs: XmlAttrs = [["name", n]];
      if (this.opts.location) attrs.push(...positionAttrs(set.pos?.get(n)));
      this.stack.push({ close: "attr", depth }, { v: set.get(n)!, depth: depth + 1 }, { attr: n, attrs, depth });
    }
  }

  private func(f: Lambda, depth: number): void {
    const w = this.w;
    w.open(depth, "function", this.opts.location ? positionAttrs(f.node.span) : []);
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

  /** A derivation: its header, and its attributes unless already shown. */
  private derivation(set: NixAttrs, depth: number): void {
    const attrs: XmlAttrs = [];
    const d = set.get("drvPath");
    const drvPath = d === undefined ? undefined : stringOf(this.get(d));
    if (drvPath !== undefined) attrs.push(["drvPath", drvPath]);
    const o = set.get("outPath");
    const outPath = o === undefined ? undefined : stringOf(this.get(o));
    if (outPath !== undefined) attrs.push(["outPath", outPath]);
    this.w.open(depth, "derivation", attrs);
    this.stack.push({ close: "derivation", depth });
    if (drvPath !== undefined && drvPath !== "" && !this.seen.has(drvPath)) {
      this.seen.add(drvPath);
      this.pushAttrs(set, depth + 1);
    } else {
      this.w.empty(depth + 1, "repeated");
    }
  }

  private value(l: Lazy, depth: number): void {
    const w = this.w;
    const v = this.get(l);
    if (v === undefined) w.empty(depth, "unevaluated");
    else if (v === null) w.empty(depth, "null");
    else if (typeof v === "boolean") w.empty(depth, "bool", [["value", v ? "true" : "false"]]);
    else if (typeof v === "bigint") w.empty(depth, "int", [["value", v.toString()]]);
    else if (typeof v === "number") w.empty(depth, "float", [["value", formatFloat(v)]]);
    else if (typeof v === "string") w.empty(depth, "string", [["value", v]]);
    else if (v instanceof NixString) {
      for (const c of v.context) this.context.add(c);
      w.empty(depth, "string", [["value", v.s]]);
    } else if (v instanceof NixPath) w.empty(depth, "path", [["value", v.path]]);
    else if (Array.isArray(v)) {
      w.open(depth, "list");
      this.stack.push({ close: "list", depth });
      for (let i = v.length - 1; i >= 0; i--) this.stack.push({ v: v[i]!, depth: depth + 1 });
    } else if (v instanceof NixAttrs) {
      if (v.isDerivation()) this.derivation(v, depth);
      else {
        w.open(depth, "attrs");
        this.stack.push({ close: "attrs", depth });
        this.pushAttrs(v, depth + 1);
      }
    } else if (v instanceof Lambda) this.func(v, depth);
    else if (v instanceof PrimOp || v instanceof PrimOpApp) w.empty(depth, "unevaluated");
  }
}

/**
 * The XML text of a value; string context goes into `context`. `toXML` forces
 * everything and shows no locations (the defaults).
 */
export function valueToXML(root: Lazy, context: Set<string>, opts: XmlOptions = {}): string {
  return new XmlPrinter(context, { strict: opts.strict ?? true, location: opts.location ?? false }).run(root);
}
