/**
 * Building attribute sets while parsing, following Nix's `ParserState::addAttr`:
 * `a.b.c = v` creates (or walks into) nested non-recursive sets; an existing
 * binding whose value is any attribute-set literal is walked into or merged with
 * a new set literal (`a = { b = 1; }; a.c = 2;`), while every other clash is
 * "attribute 'a.b' already defined at …". Dynamic names make the rest of a path
 * dynamic. Also checks lambda formals for duplicates as `validateFormals` does.
 */
import type { AttrName, Binding, DynamicBinding, Expr, Formal } from "./ast.js";
import { NixError } from "./errors.js";
import { formatPos, type Span } from "./source.js";
import { printAst } from "./print-ast.js";
import { printIdentifier } from "./print-short.js";

/** A mutable attribute set under construction (structurally an `Attrs`). */
export interface AttrsNode {
  readonly kind: "attrs";
  span: Span;
  rec: boolean;
  bindings: Binding[];
  dynamic: DynamicBinding[];
  inheritFrom: Expr[];
}

/** Render an attribute path as in Nix's error messages (`a.b."${x}"`). */
export function showAttrPath(path: readonly AttrName[]): string {
  return path.map((a) => (a.kind === "static" ? printIdentifier(a.name) : `"\${${printAst(a.expr)}}"`)).join(".");
}

function dupError(path: string, at: Span, prev: Span): NixError {
  return new NixError("parse", `attribute '${path}' already defined at ${formatPos(prev)}`, at);
}

export class AttrsBuilder {
  /** Name → index into `bindings`, for sets large enough that a linear scan would hurt. */
  private readonly index = new Map<AttrsNode, Map<string, number>>();

  create(span: Span, rec = false): AttrsNode {
    return { kind: "attrs", span, rec, bindings: [], dynamic: [], inheritFrom: [] };
  }

  find(node: AttrsNode, name: string): Binding | undefined {
    const bs = node.bindings;
    if (bs.length <= 8) {
      for (let i = 0; i < bs.length; i++) if (bs[i]!.name === name) return bs[i];
      return undefined;
    }
    let m = this.index.get(node);
    if (!m) {
      m = new Map(bs.map((b, i) => [b.name, i]));
      this.index.set(node, m);
    }
    const i = m.get(name);
    return i === undefined ? undefined : bs[i];
  }

  private insert(node: AttrsNode, b: Binding): void {
    this.index.get(node)?.set(b.name, node.bindings.length);
    node.bindings.push(b);
  }

  /** `path = value;` where `pos` is the span of the attribute path. */
  addPath(attrs: AttrsNode, path: readonly AttrName[], pos: Span, value: Expr): void {
    let cur = attrs;
    for (let i = 0; i + 1 < path.length; i++) {
      const a = path[i]!;
      if (a.kind === "dynamic") {
        const nested = this.create(pos);
        cur.dynamic.push({ name: a.expr, span: pos, value: nested });
        cur = nested;
        continue;
      }
      const j = this.find(cur, a.name);
      if (j) {
        if (j.kind !== "plain" || j.value.kind !== "attrs") throw dupError(showAttrPath(path.slice(0, i + 1)), pos, j.span);
        cur = j.value as AttrsNode;
      } else {
        const nested = this.create(pos);
        this.insert(cur, { name: a.name, span: pos, kind: "plain", value: nested });
        cur = nested;
      }
    }
    const last = path[path.length - 1]!;
    if (last.kind === "dynamic") cur.dynamic.push({ name: last.expr, span: pos, value });
    else this.addBinding(cur, [...path], { name: last.name, span: pos, kind: "plain", value });
  }

  /** `name = value;` — `addPath` for a one-name path, without building the path unless needed. */
  addName(attrs: AttrsNode, name: string, pos: Span, value: Expr): void {
    const def: Binding = { name, span: pos, kind: "plain", value };
    if (this.find(attrs, name) === undefined) this.insert(attrs, def);
    else this.addBinding(attrs, [{ kind: "static", name, span: pos }], def);
  }

  /**
   * The set's bindings are all in: copy its arrays to exact-size ones (an array
   * grown by `push` keeps spare slots for as long as the AST lives).
   */
  finish(attrs: AttrsNode): void {
    if (attrs.bindings.length > 0) attrs.bindings = attrs.bindings.slice();
    if (attrs.dynamic.length > 0) attrs.dynamic = attrs.dynamic.slice();
    if (attrs.inheritFrom.length > 0) attrs.inheritFrom = attrs.inheritFrom.slice();
  }

  /**
   * Add one binding; `path` (ending with its name) is for messages. When the name
   * exists and both values are set literals, the new set is merged into the old.
   */
  addBinding(attrs: AttrsNode, path: AttrName[], def: Binding): void {
    const j = this.find(attrs, def.name);
    if (!j) {
      this.insert(attrs, def);
      return;
    }
    if (def.kind !== "plain" || def.value.kind !== "attrs" || j.kind !== "plain" || j.value.kind !== "attrs") {
      throw dupError(showAttrPath(path), def.span, j.span);
    }
    const into = j.value as AttrsNode;
    const from = def.value as AttrsNode;
    const shift = into.inheritFrom.length;
    for (const b of from.bindings) {
      const moved = b.kind === "inheritFrom" ? { ...b, from: (b.from ?? 0) + shift } : b;
      path.push({ kind: "static", name: b.name, span: b.span });
      this.addBinding(into, path, moved);
      path.pop();
    }
    into.dynamic.push(...from.dynamic);
    into.inheritFrom.push(...from.inheritFrom);
    from.bindings = [];
    from.dynamic = [];
    from.inheritFrom = [];
    this.index.delete(from);
  }

  /** `inherit name;` / `inherit (e) name;` — the duplicate check reports just the name. */
  addInherited(attrs: AttrsNode, def: Binding): void {
    const j = this.find(attrs, def.name);
    if (j) throw dupError(printIdentifier(def.name), def.span, j.span);
    this.insert(attrs, def);
  }
}

/**
 * Nix's `validateFormals`: a repeated formal, then an `@` name equal to a formal.
 * `lambdaSpan` is where the second error points (the start of the lambda).
 */
export function validateFormals(formals: readonly Formal[], arg: string | undefined, lambdaSpan: Span): void {
  const firstSeen = new Map<string, number>();
  let dup: Formal | undefined;
  let dupRank = Infinity;
  formals.forEach((f, i) => {
    const seen = firstSeen.get(f.name);
    if (seen === undefined) {
      firstSeen.set(f.name, i);
    } else if (seen < dupRank) {
      // Report the name that was seen first, at its second occurrence.
      dupRank = seen;
      dup = f;
    }
  });
  if (dup) throw new NixError("parse", `duplicate formal function argument '${printIdentifier(dup.name)}'`, dup.span);
  if (arg !== undefined && firstSeen.has(arg)) {
    throw new NixError("parse", `duplicate formal function argument '${printIdentifier(arg)}'`, lambdaSpan);
  }
}
