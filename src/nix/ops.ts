/**
 * Operations on values shared by the evaluator and the builtins: forcing to an
 * expected type (with Nix's error wording), calling functions (lambdas, primops,
 * partial applications and `__functor` sets), equality and ordering with Nix's
 * semantics, and integer arithmetic that stays within int64.
 */
import { NixError, typeError } from "./errors.js";
import type { Span } from "./source.js";
import type * as ast from "./ast.js";
import {
  compareStrings,
  Env,
  force,
  NO_VALS,
  INT64_MAX,
  INT64_MIN,
  Lambda,
  NixAttrs,
  NixPath,
  NixString,
  PrimOp,
  PrimOpApp,
  Thunk,
  showType,
  isFunction,
  asNixError,
  type Lazy,
  type LambdaImpl,
  type NixFunction,
  type Value,
} from "./values.js";
import { printValueShort } from "./print-short.js";

function expected(what: string, v: Value, s?: Span): NixError {
  return typeError(`expected ${what} but found ${showType(v)}: ${printValueShort(v)}`, s);
}

export function forceInt(l: Lazy, s?: Span): bigint {
  const v = force(l);
  if (typeof v === "bigint") return v;
  throw expected("an integer", v, s);
}

export function forceFloat(l: Lazy, s?: Span): number {
  const v = force(l);
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  throw expected("a float", v, s);
}

export function forceBool(l: Lazy, s?: Span): boolean {
  const v = force(l);
  if (typeof v === "boolean") return v;
  throw expected("a Boolean", v, s);
}

export function forceAttrs(l: Lazy, s?: Span): NixAttrs {
  const v = force(l);
  if (v instanceof NixAttrs) return v;
  throw expected("a set", v, s);
}

export function forceList(l: Lazy, s?: Span): Lazy[] {
  const v = force(l);
  if (Array.isArray(v)) return v;
  throw expected("a list", v, s);
}

export function forceFunction(l: Lazy, s?: Span): NixFunction | NixAttrs {
  const v = force(l);
  if (v instanceof Lambda || v instanceof PrimOp || v instanceof PrimOpApp) return v;
  if (v instanceof NixAttrs && v.has("__functor")) return v;
  throw expected("a function", v, s);
}

/** A string value (with its context), without coercion. */
export function forceStringValue(l: Lazy, s?: Span): string | NixString {
  const v = force(l);
  if (typeof v === "string" || v instanceof NixString) return v;
  throw expected("a string", v, s);
}

/** The characters of a string value, without coercion; context is dropped. */
export function forceString(l: Lazy, s?: Span): string {
  const v = force(l);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  throw expected("a string", v, s);
}

/** A string that must not carry context (e.g. attribute names, `getEnv`). */
export function forceStringNoContext(l: Lazy, s?: Span): string {
  const v = force(l);
  if (typeof v === "string") return v;
  if (v instanceof NixString) {
    throw new NixError("eval", `the string '${v.s}' is not allowed to refer to a store path (such as '${[...v.context][0]}')`, s);
  }
  throw expected("a string", v, s);
}

export function checkInt(r: bigint, what: string, a: bigint, b: bigint, s?: Span): bigint {
  if (r > INT64_MAX || r < INT64_MIN) throw new NixError("eval", `integer overflow in ${what} ${a} ${opSym(what)} ${b}`, s);
  return r;
}

function opSym(what: string): string {
  return what === "adding" ? "+" : what === "subtracting" ? "-" : what === "multiplying" ? "*" : "/";
}

/** Apply a function value to one argument. */
/** Nix's `max-call-depth`: nested function calls beyond it are a controlled stack overflow. */
export const callLimits = { depth: 0, max: 10000 };

export function callFunction(fv: Value, arg: Lazy, s?: Span): Value {
  if (fv instanceof Lambda) return callLambda(fv, arg, s);
  if (fv instanceof PrimOp) {
    if (fv.arity === 1) return callPrimOp(fv, [arg], s);
    return new PrimOpApp(fv, [arg]);
  }
  if (fv instanceof PrimOpApp) {
    const args = fv.args.concat([arg]);
    if (args.length === fv.op.arity) return callPrimOp(fv.op, args, s);
    return new PrimOpApp(fv.op, args);
  }
  if (fv instanceof NixAttrs) {
    const functor = fv.get("__functor");
    if (functor !== undefined) {
      const inner = callFunction(force(functor), fv, s);
      return callFunction(inner, arg, s);
    }
  }
  throw typeError(`attempt to call something which is not a function but ${showType(fv)}: ${printValueShort(fv)}`, s);
}

function callLambda(fv: Lambda, arg: Lazy, s?: Span): Value {
  return callLambdaIn(fv.impl, fv.node, fv.env, arg, s);
}

/** Call the lambda `node` (compiled to `impl`) closed over `env`. */
function callLambdaIn(impl: LambdaImpl, node: ast.Lambda, env: Env, arg: Lazy, s?: Span): Value {
  if (callLimits.depth >= callLimits.max) {
    throw new NixError("stack-overflow", "stack overflow; max-call-depth exceeded", s);
  }
  callLimits.depth++;
  try {
    return impl.call(env, arg, s);
  } catch (e) {
    const err = asNixError(e);
    if (err instanceof NixError && err.argumentError) err.argumentError = false;
    else if (err instanceof NixError) {
      const name = impl.name;
      err.addFrame(name !== undefined ? `while calling '${name}'` : "while calling anonymous lambda", node.span);
      err.addFrame("from call site", s);
    }
    throw err;
  } finally {
    callLimits.depth--;
  }
}

/**
 * `f a b`, evaluated. For a curried lambda `x: y: …` both arguments are bound
 * directly, without making the closure `y: …` that `f a` would return (calling
 * `x: …` only builds that closure, so nothing observable is skipped).
 */
export function callFunction2(fv: Value, a: Lazy, b: Lazy, s?: Span): Value {
  if (fv instanceof Lambda) {
    const inner = fv.impl.inner;
    if (inner !== undefined) {
      if (callLimits.depth >= callLimits.max) {
        throw new NixError("stack-overflow", "stack overflow; max-call-depth exceeded", s);
      }
      return callLambdaIn(inner.impl, inner.node, new Env(NO_VALS, fv.env, a), b, s);
    }
  }
  return callFunction(callFunction(fv, a, s), b, s);
}

function callPrimOp(op: PrimOp, args: Lazy[], s?: Span): Value {
  try {
    return op.fn(args, s);
  } catch (e) {
    const err = asNixError(e);
    if (err instanceof NixError) err.addFrame(`while calling the '${op.name}' builtin`, s);
    throw err;
  }
}

/** Apply a function to several arguments in turn. */
export function callN(fv: Value, args: Lazy[], s?: Span): Value {
  let f = fv;
  for (const a of args) f = callFunction(f, a, s);
  return f;
}

/** A lazy application `f x` (used by map, genList, …). */
export function lazyCall(f: Lazy, arg: Lazy, s?: Span): Thunk {
  return Thunk.withArg(forceAndCall, f, arg, s);
}

function forceAndCall(f: Lazy, t: Thunk): Value {
  return callFunction(force(f), t.operand, t.span);
}

function callOperand(f: Value, t: Thunk): Value {
  return callFunction(f, t.operand, t.span);
}

/** `f x` for a function value `f`, unevaluated. */
export function applyLazily(f: Value, x: Lazy, s?: Span): Thunk {
  return Thunk.withArg(callOperand, f, x, s);
}

/** Structural equality as Nix's `==`. Functions are never equal (except the same closure in a set/list). */
export function eqValues(a: Lazy, b: Lazy, s?: Span, top = false): boolean {
  // The same element of a list or set is equal to itself, functions included:
  // Nix compares value pointers before contents, but not for the operands of `==`.
  if (a === b && !top) {
    force(a);
    return true;
  }
  const x = force(a);
  const y = force(b);
  if (x === y) return !isFunction(x);
  if (x === null || y === null) return false;
  const tx = typeof x;
  const ty = typeof y;
  if (tx === "bigint" && ty === "number") return Number(x) === y;
  if (tx === "number" && ty === "bigint") return x === Number(y);
  if (tx === "bigint" || tx === "number" || tx === "boolean") return false;
  if (tx === "string" || x instanceof NixString) {
    if (typeof y === "string") return (typeof x === "string" ? x : (x as NixString).s) === y;
    if (y instanceof NixString) return (typeof x === "string" ? x : (x as NixString).s) === y.s;
    return false;
  }
  if (x instanceof NixPath) return y instanceof NixPath && x.path === y.path;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!eqValues(x[i]!, y[i]!, s)) return false;
    return true;
  }
  if (x instanceof NixAttrs) {
    if (!(y instanceof NixAttrs)) return false;
    // Derivations compare by their outPath.
    if (x.isDerivation() && y.isDerivation()) {
      const ox = x.get("outPath");
      const oy = y.get("outPath");
      if (ox !== undefined && oy !== undefined) return eqValues(ox, oy, s);
    }
    if (x.size !== y.size) return false;
    for (const [k, v] of x.map) {
      const w = y.get(k);
      if (w === undefined || !eqValues(v, w, s)) return false;
    }
    return true;
  }
  return false;
}

/** Ordering for `<` and `sort`: numbers, strings, paths, lists (lexicographic). */
export function compareValues(a: Lazy, b: Lazy, s?: Span): number {
  const x = force(a);
  const y = force(b);
  if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
  if ((typeof x === "bigint" || typeof x === "number") && (typeof y === "bigint" || typeof y === "number")) {
    const nx = Number(x);
    const ny = Number(y);
    return nx < ny ? -1 : nx > ny ? 1 : 0;
  }
  if ((typeof x === "string" || x instanceof NixString) && (typeof y === "string" || y instanceof NixString)) {
    return compareStrings(typeof x === "string" ? x : x.s, typeof y === "string" ? y : y.s);
  }
  if (x instanceof NixPath && y instanceof NixPath) return compareStrings(x.path, y.path);
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; ; i++) {
      if (i === y.length) return i === x.length ? 0 : 1;
      if (i === x.length) return -1;
      if (!eqValues(x[i]!, y[i]!, s)) return compareValues(x[i]!, y[i]!, s);
    }
  }
  throw new NixError("eval", `cannot compare ${showType(x)} with ${showType(y)}`, s);
}
