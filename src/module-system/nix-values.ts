/**
 * Small helpers for building and reading Nix values from TypeScript: attribute
 * sets, lists of strings, `_type` tags, primops, lazy values and error context
 * frames. The module system produces Nix-visible data everywhere (options,
 * configs, types), so these keep that code short. Nothing here forces a value
 * unless its name says so (`tagOf`, `str`, …).
 */
import { coerceToString } from "../nix/coerce.js";
import { NixError } from "../nix/errors.js";
import { callFunction, callFunction2, forceAttrs, forceList, forceString } from "../nix/ops.js";
import type { Span } from "../nix/source.js";
import type { EvalState } from "../nix/state.js";
import { copyMap, force, Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, Thunk, type Lazy, type Value } from "../nix/values.js";

/** An attribute set from an object or entries; values stay lazy. */
export function attrs(entries: Record<string, Lazy> | Iterable<[string, Lazy]>, pos?: Map<string, Span>): NixAttrs {
  const m = new Map<string, Lazy>();
  if (Symbol.iterator in entries) for (const [k, v] of entries as Iterable<[string, Lazy]>) m.set(k, v);
  else for (const k in entries) m.set(k, (entries as Record<string, Lazy>)[k]!);
  return new NixAttrs(m, pos);
}

/** A thunk for native code. */
export function lazy(fn: () => Value, span?: Span): Thunk {
  return Thunk.of(fn, span);
}

/** A native function of `arity` curried arguments. */
export function prim(name: string, arity: number, fn: (args: Lazy[]) => Value): PrimOp {
  return new PrimOp(name, arity, (args) => fn(args));
}

/** `f a b …` with lazy arguments. */
export function call(f: Lazy, ...args: Lazy[]): Value {
  let v = force(f);
  if (args.length === 2) return callFunction2(v, args[0]!, args[1]!);
  for (const a of args) v = callFunction(v, a);
  return v;
}

/** The `_type` tag of a value (forcing it and its `_type`), or undefined. */
export function tagOf(l: Lazy): string | undefined {
  const v = force(l);
  if (!(v instanceof NixAttrs)) return undefined;
  const t = v.get("_type");
  if (t === undefined) return undefined;
  const tv = force(t);
  return typeof tv === "string" ? tv : tv instanceof NixString ? tv.s : undefined;
}

/** True when the value is an attribute set tagged `_type = t`. */
export function isTagged(l: Lazy, t: string): boolean {
  return tagOf(l) === t;
}

/** The characters of a string value (context dropped). */
export function str(l: Lazy): string {
  return forceString(l);
}

/** A Nix list of strings. */
export function strList(xs: readonly string[]): Lazy[] {
  return xs.slice();
}

/** A Nix list of strings read into a string array. */
export function readStrList(l: Lazy): string[] {
  return forceList(l).map((x) => forceString(x));
}

/** `a.name or dflt`, lazily. */
export function attrOr(a: NixAttrs, name: string, dflt: Lazy): Lazy {
  const v = a.get(name);
  return v === undefined ? dflt : v;
}

/** `a.name` where a missing attribute is a plain Nix error. */
export function select(l: Lazy, name: string): Lazy {
  const a = forceAttrs(l);
  const v = a.get(name);
  if (v === undefined) throw new NixError("eval", `attribute '${name}' missing`);
  return v;
}

/** Follow a path of attribute names (`getAttrFromPath`). */
export function selectPath(l: Lazy, path: readonly string[]): Lazy {
  let cur = l;
  for (const n of path) cur = select(cur, n);
  return cur;
}

/** Run `fn`, adding a context frame to any Nix error that passes through. */
export function withContext<T>(message: string | (() => string), fn: () => T, span?: Span): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NixError) e.addFrame(typeof message === "string" ? message : message(), span);
    throw e;
  }
}

/** `throw msg`: a catchable error, as the module system's own checks raise. */
export function nixThrow(message: string, span?: Span): NixError {
  return new NixError("throw", message, span);
}

/** True for every kind of function value, `__functor` sets included (lib.isFunction). */
export function isFunctionLike(v: Value): boolean {
  if (v instanceof Lambda || v instanceof PrimOp || v instanceof PrimOpApp) return true;
  return v instanceof NixAttrs && v.has("__functor");
}

/** `lib.functionArgs`: formals of a lambda, `__functionArgs` of a functor, else `{}`. */
export function functionArgsOf(v: Value): NixAttrs {
  if (v instanceof Lambda) {
    const f = v.node.formals;
    if (!f) return NixAttrs.empty;
    return attrs(f.entries.map((e): [string, Lazy] => [e.name, e.default !== undefined]));
  }
  if (v instanceof NixAttrs) {
    const fa = v.get("__functionArgs");
    if (fa !== undefined) return forceAttrs(fa);
    const functor = v.get("__functor");
    if (functor !== undefined) return functionArgsOf(callFunction(force(functor), v));
  }
  return NixAttrs.empty;
}

/** `toString` of a value (paths are not copied to the store). */
export function toStr(st: EvalState, l: Lazy): string {
  return coerceToString(st, l, { coerceMore: true });
}

/** True for strings (with or without context). */
export function isString(v: Value): v is string | NixString {
  return typeof v === "string" || v instanceof NixString;
}

/** lib.strings.isStringLike: strings, paths and sets with `outPath` or `__toString`. */
export function isStringLike(v: Value): boolean {
  if (isString(v) || v instanceof NixPath) return true;
  return v instanceof NixAttrs && (v.has("outPath") || v.has("__toString"));
}

/** `setAttrByPath path value` keeping a position for the innermost name. */
export function setAttrByPath(path: readonly string[], value: Lazy, pos?: Span): Lazy {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const p = pos ? new Map([[path[i]!, pos]]) : undefined;
    v = new NixAttrs(new Map([[path[i]!, v]]), p);
  }
  return v;
}

/** Map the values of a set lazily, keeping its attribute positions. */
export function mapAttrsLazy(a: NixAttrs, f: (name: string, v: Lazy) => Lazy): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [k, v] of a.map) m.set(k, f(k, v));
  return new NixAttrs(m, a.pos);
}

/** `a // b` keeping positions of both. */
export function updateAttrs(a: NixAttrs, b: NixAttrs): NixAttrs {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const m = copyMap(a.map);
  // `forEach`, not `for … of`: no iterator result per entry (this runs for
  // every option declared, mostly as cold code).
  b.map.forEach((v, k) => m.set(k, v));
  let pos: Map<string, Span> | undefined = a.pos;
  const bPos = b.pos;
  let touches = bPos !== undefined;
  if (!touches && pos !== undefined) {
    const aPos = pos;
    b.map.forEach((_v, k) => {
      if (aPos.has(k)) touches = true;
    });
  }
  if (touches) {
    const out = a.pos ? copyMap(a.pos) : new Map<string, Span>();
    b.map.forEach((_v, k) => {
      const p = bPos?.get(k);
      if (p) out.set(k, p);
      else out.delete(k);
    });
    pos = out;
  }
  return new NixAttrs(m, pos);
}

/** A set without the given names, keeping positions. */
export function removeAttrs(a: NixAttrs, names: readonly string[]): NixAttrs {
  let hit = false;
  for (const n of names) if (a.has(n)) hit = true;
  if (!hit) return a;
  const m = copyMap(a.map);
  for (const n of names) m.delete(n);
  return new NixAttrs(m, a.pos);
}

/** Bool from a Nix value (no coercion). */
export function isTrue(l: Lazy): boolean {
  return force(l) === true;
}

/** A Nix list of strings from a location. */
export function locValue(loc: readonly string[]): Lazy[] {
  return loc.slice();
}
