/**
 * The toolkit every `lib` namespace is written with: native functions as
 * curried primops (`fn`), attribute sets whose entries are lazy (`attrs`),
 * calling Nix functions from TypeScript (`call`), attribute selection with
 * Nix's error wording (`get`, `getOr`), forcing helpers, and the three ways
 * nixpkgs' lib fails (`throw`, `abort`, a failed `assert`) as `NixError`s of
 * the matching kind, so `builtins.tryEval` catches exactly what it catches
 * for the Nix original.
 *
 * Invariant: nothing here forces a value the caller did not ask for; lazy
 * entries stay thunks until Nix code (or a lib function) demands them.
 */
import { coerceToString } from "../nix/coerce.js";
import { missingAttr } from "../nix/compile.js";
import { NixError } from "../nix/errors.js";
import {
  callFunction,
  callFunction2,
  forceAttrs,
  forceBool,
  forceFunction,
  forceInt,
  forceList,
  forceString,
  forceStringNoContext,
  forceStringValue,
} from "../nix/ops.js";
import type { Span } from "../nix/source.js";
import type { EvalState } from "../nix/state.js";
import { force, mkString, NixAttrs, NixPath, NixString, PrimOp, Thunk, type Lazy, type Value } from "../nix/values.js";

export { force, NixAttrs, NixPath, NixString, Thunk };
export type { Lazy, Value, Span };
export { forceAttrs, forceBool, forceInt, forceList, forceString, forceStringNoContext, forceStringValue, forceFunction };

/** The body of a native lib function: its arguments arrive unforced. */
export type Body = (args: Lazy[], span: Span | undefined) => Value;

/** A lib function of `arity` curried arguments, named for traces (`lib.lists.foldr`). */
export function fn(name: string, arity: number, body: Body): PrimOp {
  return new PrimOp(name, arity, body);
}

/** An attribute-set entry: a value (lazy or not), or native code run on first use. */
export type Entry = Lazy | (() => Value);

/** A lazy value computed by native code on first use. */
export function lazy(compute: () => Value): Thunk {
  return Thunk.of(compute);
}

function entry(e: Entry): Lazy {
  return typeof e === "function" ? Thunk.of(e) : e;
}

/** An attribute set from a record; function entries become thunks. */
export function attrs(entries: Record<string, Entry>): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const k of Object.keys(entries)) m.set(k, entry(entries[k]!));
  return new NixAttrs(m);
}

/** `a // b`. */
export function update(a: NixAttrs, b: NixAttrs): NixAttrs {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const m = new Map(a.map);
  for (const [k, v] of b.map) m.set(k, v);
  return new NixAttrs(m);
}

/** Apply a Nix function (lambda, primop or functor set) to arguments in turn. */
export function call(f: Lazy, ...args: Lazy[]): Value {
  let v = force(f);
  if (args.length === 2) return callFunction2(v, args[0]!, args[1]!);
  for (const a of args) v = callFunction(v, a);
  return v;
}

/** `set.name` with Nix's "attribute 'name' missing" error. */
export function get(set: Lazy, name: string): Lazy {
  const a = forceAttrs(set);
  const v = a.get(name);
  if (v === undefined) throw missingAttr(a, name);
  return v;
}

/** `set.a.b.c`, forced. */
export function select(set: Lazy, ...path: string[]): Value {
  let v: Lazy = set;
  for (const p of path) v = get(v, p);
  return force(v);
}

/** `builtins.throw msg`: catchable by `tryEval`. */
export function throwError(msg: string): NixError {
  return new NixError("throw", msg);
}

/** `builtins.abort msg`: never caught. */
export function abortError(msg: string): NixError {
  return new NixError("abort", msg);
}

/** A failed `assert <text>;`. */
export function assertError(text: string): NixError {
  return new NixError("assert", `assertion '${text}' failed`);
}

/** `assert cond;` where the condition was already computed. */
export function assertThat(cond: boolean, text: string): void {
  if (!cond) throw assertError(text);
}

/** The characters of a string value (context dropped). */
export function strOf(v: Value): string {
  return typeof v === "string" ? v : (v as NixString).s;
}

/** True for string values (with or without context). */
export function isStr(v: Value): v is string | NixString {
  return typeof v === "string" || v instanceof NixString;
}

/** A string value carrying the context of `ctx` sources. */
export function withContext(s: string, ...sources: Value[]): string | NixString {
  let set: Set<string> | null = null;
  for (const src of sources) {
    if (src instanceof NixString && src.context.size > 0) {
      set ??= new Set();
      for (const c of src.context) set.add(c);
    }
  }
  return set === null ? s : new NixString(s, set);
}

/** Access to the evaluator's builtins by name (`B.call("replaceStrings", …)`). */
export class Builtins {
  constructor(readonly st: EvalState) {}

  /** The builtin's value. */
  get(name: string): Value {
    const v = this.st.builtins.get(name);
    if (v === undefined) throw new NixError("eval", `attribute '${name}' missing`);
    return force(v);
  }

  /** Call a builtin with arguments. */
  call(name: string, ...args: Lazy[]): Value {
    return call(this.get(name), ...args);
  }

  /** `toString v` as a string value (context kept). */
  toStr(v: Lazy): string | NixString {
    return this.call("toString", v) as string | NixString;
  }
}

/** What every namespace builder receives. */
export interface LibContext {
  readonly st: EvalState;
  readonly B: Builtins;
  /** The final `lib` (after any `extend`), for the few functions that look names up in it. */
  readonly self: () => NixAttrs;
}

/** `lib.warn msg v`: the evaluator's `builtins.warn`, so `--abort-on-warn` applies. */
export function warn(B: Builtins, msg: Lazy, v: Lazy): Value {
  return B.call("warn", msg, v);
}

/** `"${a}${b}…"`: string interpolation of the parts (paths copied to the store, context kept). */
export function interpolate(st: EvalState, ...parts: Lazy[]): Value {
  const context = new Set<string>();
  let out = "";
  for (const p of parts) out += typeof p === "string" ? p : coerceToString(st, p, { copyToStore: true, context });
  return mkString(out, context);
}
