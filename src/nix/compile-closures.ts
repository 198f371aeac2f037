/**
 * The runtime closures that compiled code is made of, one small maker per
 * shape. They live here, outside the Compiler's methods, for memory: V8 gives
 * every closure the context of the function that made it, and that context
 * holds every variable any closure made there captures. A closure made inside
 * a compiling method would keep the Compiler, the compile-time Scope chain and
 * AST nodes alive for as long as the code lives (for a module, the whole run),
 * and a closure that only forwards to another costs a closure and a context
 * per use. Made here, a closure captures exactly the parameters of its maker.
 * Variable reads at depth ≤ 2 (the most common code there is) are shared
 * closures, one per (depth, slot), made once.
 */
import { didYouMean, NixError, typeError } from "./errors.js";
import { concatParts } from "./operators.js";
import { callFunction, forceAttrs, forceStringNoContext } from "./ops.js";
import { printValueShort } from "./print-short.js";
import type { Span } from "./source.js";
import {
  copyMap,
  Env,
  Lambda,
  NixAttrs,
  NO_VALS,
  Thunk,
  force,
  showType,
  type Code,
  type LambdaImpl,
  type Lazy,
  type PositionSource,
  type Value,
} from "./values.js";
import type * as ast from "./ast.js";
import type { EvalState } from "./state.js";

export type LazyCode = (env: Env) => Lazy;

/**
 * A place that suspends `code` in a thunk (reporting infinite recursion at
 * `span`) each time it is evaluated: an object, where code made for each such
 * place would be a closure and its context.
 */
export class ThunkSite {
  constructor(
    readonly code: Code,
    readonly span: Span,
  ) {}
}

/** A literal: its own lazy value (never a JS function nor a ThunkSite). */
export type Literal = bigint | number | string;

/**
 * How compiled code gets a lazy value without evaluating anything: code to run
 * (a variable read, a lambda), a ThunkSite, or a literal. Sets, lists and calls
 * keep these as they are, so that literals and thunks cost no closure.
 */
export type LazySpec = LazyCode | ThunkSite | Literal;

/** The lazy value of `l` in `env`. */
export function lazyAt(l: LazySpec, env: Env): Lazy {
  if (typeof l === "function") return l(env);
  if (l instanceof ThunkSite) return new Thunk(l.code, env, l.span);
  return l;
}

/** `l` as code (where a function is needed). */
export function lazyCode(l: LazySpec): LazyCode {
  if (typeof l === "function") return l;
  if (l instanceof ThunkSite) return thunkOf(l.code, l.span);
  return constant(l);
}

/** How one static binding of a set or scope gets its value (`froms`: the `inherit (e)` sources). */
export type BindingCode = (env: Env, froms: Thunk[]) => Lazy;

/** A binding's value: a LazySpec, or code that also gets the `inherit (e)` sources. */
export type BindingSpec = BindingCode | ThunkSite | Literal;

function bindingAt(b: BindingSpec, env: Env, froms: Thunk[]): Lazy {
  if (typeof b === "function") return b(env, froms);
  if (b instanceof ThunkSite) return new Thunk(b.code, env, b.span);
  return b;
}

/** Code that always yields `v`. */
export function constant(v: Value): Code {
  return () => v;
}

/** Code that suspends `c` in a thunk (reporting infinite recursion at `s`). */
function thunkOf(c: Code, s: Span): LazyCode {
  return (env) => new Thunk(c, env, s);
}

function envAt(env: Env, depth: number): Env {
  let e = env;
  for (let i = 0; i < depth; i++) e = e.up!;
  return e;
}

/** Slots below this get shared read closures. */
const SHARED_SLOTS = 64;
const lazySlots: LazyCode[][] = [[], []];
const strictSlots: Code[][] = [[], [], []];
const lazyArgs: LazyCode[] = [(env) => env.one!, (env) => env.up!.one!];
const strictArgs: Code[] = [(env) => force(env.one!), (env) => force(env.up!.one!), (env) => force(env.up!.up!.one!)];

function makeLazySlot(depth: number, slot: number): LazyCode {
  if (depth === 0) return (env) => env.vals[slot]!;
  if (depth === 1) return (env) => env.up!.vals[slot]!;
  return (env) => envAt(env, depth).vals[slot]!;
}

function makeStrictSlot(depth: number, slot: number): Code {
  // A thunk reports infinite recursion at its own span (set when it was made).
  if (depth === 0) return (env) => force(env.vals[slot]!);
  if (depth === 1) return (env) => force(env.up!.vals[slot]!);
  if (depth === 2) return (env) => force(env.up!.up!.vals[slot]!);
  return (env) => force(envAt(env, depth).vals[slot]!);
}

/** The lazy value of a lexical variable: slot `slot` of the Env `depth` levels up (its `one` for an argument scope). */
export function readLazy(depth: number, slot: number, isArg: boolean): LazyCode {
  if (isArg) return lazyArgs[depth] ?? ((env) => envAt(env, depth).one!);
  const shared = lazySlots[depth];
  if (shared === undefined || slot >= SHARED_SLOTS) return makeLazySlot(depth, slot);
  return (shared[slot] ??= makeLazySlot(depth, slot));
}

/** The forced value of a lexical variable (see `readLazy`). */
export function readStrict(depth: number, slot: number, isArg: boolean): Code {
  if (isArg) return strictArgs[depth] ?? ((env) => force(envAt(env, depth).one!));
  const shared = strictSlots[depth];
  if (shared === undefined || slot >= SHARED_SLOTS) return makeStrictSlot(depth, slot);
  return (shared[slot] ??= makeStrictSlot(depth, slot));
}

/** A variable no lexical scope binds: looked up in the `with` scopes at `depths`, innermost first. */
export function readWith(depths: readonly number[], name: string, s: Span): Code {
  return (env) => {
    for (let i = 0; i < depths.length; i++) {
      const w = envAt(env, depths[i]!);
      const attrs = forceAttrs(w.one!, s);
      const v = attrs.get(name);
      if (v !== undefined) return force(v);
    }
    throw new NixError("eval", `undefined variable '${name}'`, s);
  };
}

export function listCode(items: readonly LazySpec[]): Code {
  return (env) => {
    const out: Lazy[] = [];
    for (let i = 0; i < items.length; i++) out.push(lazyAt(items[i]!, env));
    return out;
  };
}

export function ifCode(c: Code, t: Code, f: Code, cs: Span): Code {
  return (env) => {
    const cv = c(env);
    if (cv === true) return t(env);
    if (cv === false) return f(env);
    throw notBool(cv, cs, "while evaluating a branch condition");
  };
}

/** An interpolated string. */
export function strCode(st: EvalState, parts: readonly (string | Code)[], spans: readonly Span[], s: Span): Code {
  return (env) => concatParts(st, parts, spans, env, s);
}

/** `e.name` for a static name. */
export function selectOne(obj: Code, name: string, s: Span): Code {
  return (env) => {
    const a = obj(env);
    if (!(a instanceof NixAttrs)) throw selectFromNonSet(a, name, s);
    const v = a.map.get(name);
    if (v === undefined) throw missingAttr(a, name, s);
    return force(v);
  };
}

/** `e.${name}` */
export function selectDynamic(obj: Code, nameCode: Code, s: Span): Code {
  return (env) => {
    const a = obj(env);
    const name = forceStringNoContext(nameCode(env), s);
    if (!(a instanceof NixAttrs)) throw selectFromNonSet(a, name, s);
    const v = a.map.get(name);
    if (v === undefined) throw missingAttr(a, name, s);
    return force(v);
  };
}

/** `e.a.b…` with an optional `or` default. */
export function selectPath(obj: Code, names: readonly (string | Code)[], def: Code | null, s: Span): Code {
  return (env) => {
    let v: Value = obj(env);
    for (let i = 0; i < names.length; i++) {
      const n = names[i]!;
      const name = typeof n === "string" ? n : forceStringNoContext(n(env), s);
      if (!(v instanceof NixAttrs)) {
        if (def) return def(env);
        throw selectFromNonSet(v, name, s);
      }
      const x = v.map.get(name);
      if (x === undefined) {
        if (def) return def(env);
        throw missingAttr(v, name, s);
      }
      v = force(x);
    }
    return v;
  };
}

export function hasAttrCode(obj: Code, names: readonly (string | Code)[], s: Span): Code {
  const last = names.length - 1;
  return (env) => {
    let v: Value = obj(env);
    for (let i = 0; ; i++) {
      if (!(v instanceof NixAttrs)) return false;
      const n = names[i]!;
      const name = typeof n === "string" ? n : forceStringNoContext(n(env), s);
      const x = v.map.get(name);
      if (x === undefined) return false;
      // The last attribute's value is never forced: `{ a = throw ""; } ? a` is true.
      if (i === last) return true;
      v = force(x);
    }
  };
}

/** `inherit (e) name;`: a thunk selecting `name` (its operand) from the source `from` (no closure per use). */
export function inheritFromBinding(idx: number, name: string, s: Span): BindingCode {
  return (_env, froms) => Thunk.withArg(selectInherited, froms[idx]!, name, s);
}

function selectInherited(from: Thunk, self: Thunk): Value {
  const name = self.operand as string;
  const s = self.span;
  const a = forceAttrs(from, s);
  const v = a.get(name);
  if (v === undefined) throw missingAttr(a, name, s);
  return force(v);
}

/** `inherit name;` in a `rec` set or `let`: the name is looked up in the enclosing scope. */
export function inheritBinding(lz: LazyCode): BindingCode {
  return (env) => lz(env.up!);
}

/** The thunks of the `inherit (e)` sources of a set or scope, evaluated in `env`. */
function fromThunks(fromCodes: readonly Code[], fromSpans: readonly Span[], env: Env): Thunk[] {
  const froms: Thunk[] = [];
  for (let i = 0; i < fromCodes.length; i++) froms.push(new Thunk(fromCodes[i]!, env, fromSpans[i]));
  return froms;
}

const NO_FROMS: Thunk[] = [];

/** Fills the slots of a `rec` set or `let` scope. */
export function recFill(fillers: readonly BindingSpec[], fromCodes: readonly Code[], fromSpans: readonly Span[]): (env: Env) => void {
  return (env) => {
    const froms = fromCodes.length ? fromThunks(fromCodes, fromSpans, env) : NO_FROMS;
    const vals = env.vals;
    for (let i = 0; i < fillers.length; i++) vals[i] = bindingAt(fillers[i]!, env, froms);
  };
}

export function letCode(n: number, fill: (env: Env) => void, body: Code): Code {
  return (env) => {
    const newEnv = new Env(new Array<Lazy>(n), env);
    fill(newEnv);
    return body(newEnv);
  };
}

/** Positions of a set literal's static attributes: made on first use, then shared by every set it makes. */
export class AttrPositions implements PositionSource {
  private made: Map<string, Span> | null = null;
  constructor(
    private readonly names: readonly string[],
    private readonly spans: readonly Span[],
  ) {}

  positions(): Map<string, Span> {
    if (this.made === null) {
      const pos = new Map<string, Span>();
      for (let i = 0; i < this.names.length; i++) pos.set(this.names[i]!, this.spans[i]!);
      this.made = pos;
    }
    return this.made;
  }
}

export type DynamicCode = (env: Env, map: Map<string, Lazy>, pos: AttrPositions) => NixAttrs;

/** A non-recursive set literal. */
export function attrsCode(
  names: readonly string[],
  values: readonly BindingSpec[],
  fromCodes: readonly Code[],
  fromSpans: readonly Span[],
  dyn: DynamicCode | null,
  pos: AttrPositions,
): Code {
  if (fromCodes.length === 0 && dyn === null) return plainAttrsCode(names, values, pos);
  return (env) => {
    const froms = fromCodes.length ? fromThunks(fromCodes, fromSpans, env) : NO_FROMS;
    const map = new Map<string, Lazy>();
    for (let i = 0; i < names.length; i++) map.set(names[i]!, bindingAt(values[i]!, env, froms));
    return dyn ? dyn(env, map, pos) : new NixAttrs(map, pos);
  };
}

/** The common set literal: static bindings only, no `inherit (e)`. */
function plainAttrsCode(names: readonly string[], values: readonly BindingSpec[], pos: AttrPositions): Code {
  return (env) => {
    const map = new Map<string, Lazy>();
    for (let i = 0; i < names.length; i++) map.set(names[i]!, bindingAt(values[i]!, env, NO_FROMS));
    return new NixAttrs(map, pos);
  };
}

/** Where a `rec` set has an `__overrides` binding: its slot, and the slots of all names. */
export interface Overrides {
  readonly slots: ReadonlyMap<string, number>;
  readonly slot: number;
  readonly span: Span;
}

/** A `rec` set literal. */
export function recAttrsCode(
  names: readonly string[],
  fill: (env: Env) => void,
  dyn: DynamicCode | null,
  pos: AttrPositions,
  overrides: Overrides | null,
): Code {
  const n = names.length;
  return (env) => {
    const newEnv = new Env(new Array<Lazy>(n), env);
    fill(newEnv);
    if (overrides !== null) applyOverrides(newEnv, overrides);
    const map = new Map<string, Lazy>();
    for (let i = 0; i < n; i++) map.set(names[i]!, newEnv.vals[i]!);
    if (overrides !== null) addOverrides(newEnv.vals[overrides.slot]!, map);
    return dyn ? dyn(newEnv, map, pos) : new NixAttrs(map, pos);
  };
}

/** `__overrides` (an ancient feature Nix keeps): its attributes replace the set's own, also as seen from inside the set. */
function applyOverrides(env: Env, o: Overrides): void {
  const ov = forceAttrs(env.vals[o.slot]!, o.span);
  for (const [k, v] of ov.map) {
    const slot = o.slots.get(k);
    if (slot !== undefined) env.vals[slot] = v;
  }
}

function addOverrides(ovL: Lazy, map: Map<string, Lazy>): void {
  const ov = force(ovL) as NixAttrs;
  for (const [k, v] of ov.map) map.set(k, v);
}

/** The dynamic bindings of a set (`${n} = v;`), added after the static ones. */
export function dynamicCode(dyns: readonly { name: Code; value: LazyCode; span: Span }[]): DynamicCode {
  return (env, map, staticPos) => {
    const pos = copyMap(staticPos.positions());
    for (let i = 0; i < dyns.length; i++) {
      const d = dyns[i]!;
      const nv = d.name(env);
      if (nv === null) continue;
      const name = forceStringNoContext(nv, d.span);
      if (map.has(name)) {
        const prev = pos.get(name);
        const where = prev
          ? ` at ${prev.source.path}:${prev.source.position(prev.start).line}:${prev.source.position(prev.start).column}`
          : "";
        throw new NixError("eval", `dynamic attribute '${name}' already defined${where}`, d.span);
      }
      map.set(name, d.value(env));
      pos.set(name, d.span);
    }
    return new NixAttrs(map, pos);
  };
}

export function withCode(scope: LazyCode, body: Code): Code {
  return (env) => body(new Env(NO_VALS, env, scope(env)));
}

/** A lambda closed over the Env it is evaluated in. */
export function lambdaCode(node: ast.Lambda, impl: LambdaImpl): Code {
  return (env) => new Lambda(node, env, impl);
}

/** The binder of a lambda without formals: its argument becomes the new Env's `one`. */
export function plainLambdaImpl(body: Code): LambdaImpl {
  return { call: (up, arg) => body(new Env(NO_VALS, up, arg)) };
}

/** What a lambda with formals needs at each call (nothing of the AST but names and positions). */
export interface FormalsInfo {
  readonly names: readonly string[];
  /** null: a required argument. */
  readonly defaults: readonly (LazySpec | null)[];
  readonly known: ReadonlySet<string>;
  readonly ellipsis: boolean;
  readonly hasArg: boolean;
  /** The lambda's span, where Nix reports argument errors. */
  readonly span: Span;
}

/** The binder of a lambda with formals: checks the argument set and fills one slot per formal (and the `@` name). */
export function formalsLambdaImpl(f: FormalsInfo, body: Code): LambdaImpl {
  const { names, defaults, known, ellipsis, hasArg, span } = f;
  const n = names.length;
  const nSlots = n + (hasArg ? 1 : 0);
  const impl: LambdaImpl = {
    call: (up, arg, callSpan) => {
      const av = force(arg);
      if (!(av instanceof NixAttrs)) {
        throw typeError(`expected a set but found ${showType(av)}: ${printValueShort(av)}`, callSpan).addFrame(
          "while evaluating the value passed for the lambda argument",
          span,
        );
      }
      const vals = new Array<Lazy>(nSlots);
      const env = new Env(vals, up);
      let used = 0;
      for (let i = 0; i < n; i++) {
        const v = av.map.get(names[i]!);
        if (v !== undefined) {
          vals[i] = v;
          used++;
        } else {
          const d = defaults[i]!;
          if (d === null) {
            throw argumentError(
              new NixError("eval", `function ${lambdaName(impl)} called without required argument '${names[i]!}'`, span),
              callSpan,
            );
          }
          vals[i] = lazyAt(d, env);
        }
      }
      if (!ellipsis && used < av.size) {
        for (const k of av.map.keys()) {
          if (!known.has(k)) {
            throw argumentError(
              new NixError("eval", `function ${lambdaName(impl)} called with unexpected argument '${k}'`, span, didYouMean(k, known)),
              callSpan,
            );
          }
        }
      }
      if (hasArg) vals[n] = arg;
      return body(env);
    },
  };
  return impl;
}

function lambdaName(impl: LambdaImpl): string {
  return impl.name !== undefined ? `'${impl.name}'` : "'anonymous lambda'";
}

/** An error in binding a call's arguments: framed by its call site only, not "while calling". */
function argumentError(e: NixError, callSpan: Span | undefined): NixError {
  e.addFrame("from call site", callSpan);
  e.argumentError = true;
  return e;
}

/** `f a` (the most common call: its own closure per kind of argument). */
export function call1Code(fn: Code, a: LazySpec, s: Span): Code {
  if (typeof a === "function") return callLazy(fn, a, s);
  if (a instanceof ThunkSite) return callThunk(fn, a.code, a.span, s);
  return (env) => callFunction(fn(env), a, s);
}

function callLazy(fn: Code, a: LazyCode, s: Span): Code {
  return (env) => callFunction(fn(env), a(env), s);
}

function callThunk(fn: Code, code: Code, span: Span, s: Span): Code {
  return (env) => callFunction(fn(env), new Thunk(code, env, span), s);
}

export function callNCode(fn: Code, args: readonly LazySpec[], s: Span): Code {
  return (env) => {
    let f = fn(env);
    for (let i = 0; i < args.length; i++) f = callFunction(f, lazyAt(args[i]!, env), s);
    return f;
  };
}

export function notBool(v: Value, s: Span, frame: string): NixError {
  return typeError(`expected a Boolean but found ${showType(v)}: ${printValueShort(v)}`, s).addFrame(frame, s);
}

function selectFromNonSet(v: Value, name: string, s: Span): NixError {
  return typeError(`expected a set but found ${showType(v)}: ${printValueShort(v)}`, s).addFrame(
    `while selecting an attribute '${name}'`,
    s,
  );
}

/** "attribute 'x' missing" with Nix's "Did you mean" suggestions. */
export function missingAttr(a: NixAttrs, name: string, s?: Span): NixError {
  return new NixError("eval", `attribute '${name}' missing`, s, didYouMean(name, a.map.keys()));
}
