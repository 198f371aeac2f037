/**
 * Small helpers for writing `lib.hm` in TypeScript: curried primops with
 * Nix-visible names, attribute sets from records, lazy selection, calls into
 * the surrounding `lib`, keyword arguments checked as a Nix lambda with
 * formals would check them, and a string builder that keeps string context.
 *
 * Invariants: nothing here forces a value the corresponding Nix code would
 * leave lazy; every string built from Nix strings carries their context.
 */
import { coerceToString } from "../../nix/coerce.js";
import { didYouMean, NixError } from "../../nix/errors.js";
import { callFunction, forceAttrs, forceStringValue } from "../../nix/ops.js";
import type { Span } from "../../nix/source.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, NixString, PrimOp, Thunk, type Lazy, type Value } from "../../nix/values.js";

/** A primop of the given arity; arguments arrive unforced. */
export function prim(name: string, arity: number, fn: (args: Lazy[], s: Span | undefined) => Value): PrimOp {
  return new PrimOp(name, arity, fn);
}

/** An attribute set from a record (values may be lazy). */
export function attrs(entries: Record<string, Lazy>): NixAttrs {
  return new NixAttrs(new Map(Object.entries(entries)));
}

/** `a // b` for native code (b wins). */
export function update(a: NixAttrs, b: NixAttrs): NixAttrs {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const m = new Map(a.map);
  for (const [k, v] of b.map) m.set(k, v);
  return new NixAttrs(m);
}

/** A suspended computation. */
export function lazy(fn: () => Value): Thunk {
  return Thunk.of(fn);
}

/** `set.name` (the set forced, the attribute left lazy); a missing attribute is Nix's error. */
export function getAttr(set: Lazy, name: string, s?: Span): Lazy {
  const a = forceAttrs(set, s);
  const v = a.get(name);
  if (v === undefined) throw new NixError("eval", `attribute '${name}' missing`, s, didYouMean(name, a.map.keys()));
  return v;
}

/** `set.name` as a lazy value: nothing is forced until it is needed. */
export function select(set: Lazy, name: string): Lazy {
  return lazy(() => force(getAttr(set, name)));
}

/** Apply a function value to arguments in turn. */
export function apply(f: Lazy, ...args: Lazy[]): Value {
  let v = force(f);
  for (const a of args) v = callFunction(v, a);
  return v;
}

/** Access to the surrounding `lib` (fetched on first use, so `lib.hm` may live inside `lib`). */
export class LibRef {
  constructor(private readonly get: () => NixAttrs) {}

  /** `lib.a.b.c`, forced. */
  at(path: string): Value {
    let v: Value = this.get();
    for (const p of path.split(".")) v = force(getAttr(v, p));
    return v;
  }

  /** `lib.a.b arg1 arg2 …`, evaluated. */
  call(path: string, ...args: Lazy[]): Value {
    return apply(this.at(path), ...args);
  }
}

/** The argument set of a function with formals `{ required…, optional ? …, … }`. */
export function formals(arg: Lazy, fname: string, names: readonly string[], ellipsis = false): NixAttrs {
  const a = forceAttrs(arg);
  for (const n of names) {
    if (!n.endsWith("?") && !a.has(n)) throw new NixError("eval", `function '${fname}' called without required argument '${n}'`);
  }
  if (!ellipsis) {
    const known = new Set(names.map((n) => n.replace(/\?$/, "")));
    for (const k of a.map.keys()) {
      if (!known.has(k))
        throw new NixError("eval", `function '${fname}' called with unexpected argument '${k}'`, undefined, didYouMean(k, known));
    }
  }
  return a;
}

/** The characters of a string value (context dropped), without coercion. */
export function str(l: Lazy): string {
  const v = forceStringValue(l);
  return typeof v === "string" ? v : v.s;
}

/**
 * Builds a string the way Nix string interpolation does, collecting the
 * context of every piece.
 */
export class StrBuf {
  private parts: string[] = [];
  private readonly ctx = new Set<string>();
  constructor(private readonly st: EvalState) {}

  /** Literal text. */
  text(t: string): this {
    this.parts.push(t);
    return this;
  }

  /** `${v}`: strings, paths (copied to the store) and sets with `__toString`/`outPath`. */
  interp(v: Lazy): this {
    this.parts.push(coerceToString(this.st, v, { copyToStore: true, context: this.ctx }));
    return this;
  }

  /** `toString v`: also null, Booleans, numbers and lists; paths stay paths (not copied). */
  toStr(v: Lazy): this {
    this.parts.push(coerceToString(this.st, v, { copyToStore: false, coerceMore: true, context: this.ctx }));
    return this;
  }

  /** Merge a string value's context without adding text. */
  context(v: Value): this {
    if (v instanceof NixString) for (const c of v.context) this.ctx.add(c);
    return this;
  }

  value(): Value {
    return mkString(this.parts.join(""), this.ctx);
  }
}

/** `toString v` as a string value (keeps context). */
export function toStringValue(st: EvalState, v: Lazy): Value {
  return new StrBuf(st).toStr(v).value();
}

/** A plain string (or a string with context) as text plus context. */
export function textOf(v: Value): { s: string; ctx: ReadonlySet<string> | null } {
  if (typeof v === "string") return { s: v, ctx: null };
  if (v instanceof NixString) return { s: v.s, ctx: v.context };
  throw new NixError("type", "expected a string");
}

/** Replace characters of a string value, keeping its context (as `replaceStrings` does). */
export function mapText(v: Lazy, f: (s: string) => string): Value {
  const sv = forceStringValue(v);
  const { s, ctx } = textOf(sv);
  return mkString(f(s), ctx);
}

/** Nix's `==` against `null` / `[]` / `{}` without forcing deeper than Nix does. */
export function isEmptyValue(v: Value): boolean {
  return v === null || (Array.isArray(v) && v.length === 0) || (v instanceof NixAttrs && v.size === 0);
}

/** An optional argument: `name ? d` in a formals list (an explicit `null` is kept). */
export function opt(a: NixAttrs, name: string, d: Lazy): Lazy {
  const v = a.get(name);
  return v === undefined ? d : v;
}
