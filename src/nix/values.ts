/**
 * Runtime representation of Nix values, chosen for speed in V8:
 * null → `null`, booleans → `boolean`, integers → `bigint` (kept within int64),
 * floats → `number`, context-free strings → `string`, strings with context →
 * `NixString`, paths → `NixPath`, lists → `Lazy[]` (plain arrays, never mutated
 * after construction), attribute sets → `NixAttrs`, functions → `Lambda`,
 * `PrimOp` or `PrimOpApp`. A `Thunk` is a suspended computation; it is never a
 * `Value` itself, only a `Lazy`. Thunks have three states (pending, forcing,
 * done); forcing a thunk that is being forced is infinite recursion.
 */
import type * as ast from "./ast.js";
import { NixError } from "./errors.js";
import type { Span } from "./source.js";

export type Value = null | boolean | bigint | number | string | NixString | NixPath | Lazy[] | NixAttrs | NixFunction;

export type Lazy = Value | Thunk;

/** A string that carries a context: the store paths it refers to. */
export class NixString {
  constructor(
    readonly s: string,
    /** Context elements as Nix encodes them: `/nix/store/x` (opaque), `=/nix/store/x.drv` (all outputs), `!out!/nix/store/x.drv` (one output). */
    readonly context: ReadonlySet<string>,
  ) {}
}

/** A path value: always absolute and canonical (no `.`/`..`, no trailing slash). */
export class NixPath {
  constructor(readonly path: string) {}
}

/**
 * Environment of a scope: slots in declaration order, and the enclosing scope.
 * Two kinds of scope keep their one value in `one` instead (`vals` is then the
 * shared empty `NO_VALS`): a `with` scope (the lazy attribute set it brings into
 * scope) and the scope of a lambda without formals (its argument) — the most
 * common call, which so makes one object instead of two.
 */
export class Env {
  constructor(
    readonly vals: Lazy[],
    readonly up: Env | null,
    readonly one?: Lazy,
  ) {}
}

/** `vals` of an Env whose value is in `one`; never written. */
export const NO_VALS: Lazy[] = [];

/** Compiled code: evaluates to a value in weak head normal form. */
export type Code = (env: Env) => Value;

/**
 * What a thunk runs: compiled code gets its Env; native code made by
 * `Thunk.withArg` gets its first operand and the thunk.
 */
type ThunkCode = (env: Env, self: Thunk) => Value;

/** The code of a thunk being forced: forcing it again is infinite recursion. */
const BLACKHOLE: ThunkCode = () => {
  throw new Error("unreachable: a thunk's black hole was run");
};

/**
 * A suspended computation. Its state is in `code`: the code to run (pending),
 * `BLACKHOLE` (being forced) or null (done, `value` holds the result) — no
 * separate state field, as programs make millions of thunks.
 */
export class Thunk {
  /** The value once done; while pending, the second operand of a `withArg` thunk. */
  private value: Value | Lazy = null;
  private code: ThunkCode | null;
  constructor(
    code: Code | null,
    private env: Env | null,
    /** Where the suspended expression is, for infinite-recursion reports. */
    readonly span?: Span,
  ) {
    this.code = code;
  }

  /** A thunk for native code. */
  static of(fn: () => Value, s?: Span): Thunk {
    return new Thunk(fn as unknown as Code, null, s);
  }

  /**
   * A thunk for native code of two operands without a closure: the operands
   * are kept in the thunk itself (for the millions of pending applications
   * `map` and `genList` make). `fn` gets the first operand and the thunk, whose
   * `operand` is the second one.
   */
  static withArg<A>(fn: (a: A, self: Thunk) => Value, a: A, b: Lazy, s?: Span): Thunk {
    const t = new Thunk(null, a as unknown as Env, s);
    t.code = fn as unknown as ThunkCode;
    t.value = b;
    return t;
  }

  /** The second operand of a pending `withArg` thunk. */
  get operand(): Lazy {
    return this.value as Lazy;
  }

  get isDone(): boolean {
    return this.code === null;
  }

  /** The value if already computed, else undefined (never forces). */
  peek(): Value | undefined {
    return this.code === null ? (this.value as Value) : undefined;
  }

  force(): Value {
    const code = this.code;
    if (code === null) return this.value as Value;
    if (code === BLACKHOLE) throw new NixError("infinite-recursion", "infinite recursion encountered", this.span);
    this.code = BLACKHOLE;
    try {
      const v = code(this.env!, this);
      // A thunk whose code returns another thunk's value never happens (Code
      // returns WHNF), so the result is final.
      this.value = v;
      this.code = null;
      this.env = null;
      return v;
    } catch (e) {
      this.code = code;
      throw asNixError(e);
    }
  }
}

/**
 * A JS stack overflow becomes Nix's own "stack overflow" error on its way out, so
 * callers only ever see NixErrors. (Converting may itself overflow near the top
 * of the stack; an outer thunk then converts again with room to spare.)
 */
export function asNixError(e: unknown): unknown {
  if (e instanceof RangeError && e.message.includes("call stack")) {
    return new NixError("stack-overflow", "stack overflow (possible infinite recursion)");
  }
  return e;
}

/** Force a lazy value to weak head normal form. */
export function force(v: Lazy): Value {
  return v instanceof Thunk ? v.force() : v;
}

/**
 * Positions made on first use and shared by many sets (those of one set
 * literal): an object rather than a closure, as there is one per literal.
 */
export interface PositionSource {
  positions(): Map<string, Span>;
}

/** An attribute set. `map` is never mutated after construction. */
export class NixAttrs {
  private posOrMaker: Map<string, Span> | (() => Map<string, Span> | undefined) | PositionSource | undefined;

  constructor(
    readonly map: Map<string, Lazy>,
    /**
     * Source positions of attribute names, when known — or a function or
     * PositionSource that computes them on first use (sets built in bulk
     * rarely need them).
     */
    pos?: Map<string, Span> | (() => Map<string, Span> | undefined) | PositionSource,
  ) {
    this.posOrMaker = pos;
  }

  /** Source positions of attribute names, when known. */
  get pos(): Map<string, Span> | undefined {
    const p = this.posOrMaker;
    if (p === undefined || p instanceof Map) return p;
    const made = typeof p === "function" ? p() : p.positions();
    this.posOrMaker = made;
    return made;
  }

  static readonly empty = new NixAttrs(new Map());

  get(name: string): Lazy | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  get size(): number {
    return this.map.size;
  }

  /** Attribute names in Nix's order (sorted by code units, as Nix sorts symbols by bytes). */
  sortedNames(): string[] {
    return sortNames([...this.map.keys()]);
  }

  /** Build from plain entries (values already lazy). */
  static from(entries: Iterable<[string, Lazy]>): NixAttrs {
    return new NixAttrs(new Map(entries));
  }

  /** True if this set is a derivation (`type = "derivation"`). Forces `type`. */
  isDerivation(): boolean {
    const t = this.map.get("type");
    if (t === undefined) return false;
    const v = force(t);
    return v === "derivation" || (v instanceof NixString && v.s === "derivation");
  }
}

/**
 * A key of attribute maps that answer more names than they list (the
 * package set makes a package's entry on its first lookup): `a // b` asks
 * such a left-hand map for the merged map, so that its unlisted names stay
 * reachable through the result.
 */
export const UPDATE_WITH = Symbol("updateWith");

/** The same for such a map on the right of `//`: `lower // set`. */
export const UPDATE_UNDER = Symbol("updateUnder");

/** An attribute map with its own `//` (see `UPDATE_WITH`, `UPDATE_UNDER`). */
export interface OpenAttrsMap {
  [UPDATE_WITH](upper: NixAttrs): Map<string, Lazy>;
  [UPDATE_UNDER](lower: NixAttrs): Map<string, Lazy>;
}

/**
 * A copy of a map. `new Map(m)` goes through the iterator protocol and makes
 * a `[key, value]` array per entry; `forEach` makes none, which matters for the
 * many small attribute maps that `//` and the module system copy.
 */
export function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/** Sort attribute names as Nix does: byte-wise on UTF-8, which equals code-point order. */
export function sortNames(names: string[]): string[] {
  return names.sort(compareStrings);
}

/** Compare strings by Unicode code point (= UTF-8 byte order), as Nix compares. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (U+D800–DFFF) stand for code points above U+FFFF, which sort
      // after every BMP character in UTF-8.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A user-defined function: a Lambda node closed over its environment. */
export class Lambda {
  constructor(
    readonly node: ast.Lambda,
    readonly env: Env,
    /** The compiled body and argument binder, shared by all closures of this node. */
    readonly impl: LambdaImpl,
  ) {}
}

/** What the compiler produces for a Lambda node. */
export interface LambdaImpl {
  /** Bind `arg` into a new Env below the closure's `env` (checking formals) and evaluate the body. */
  call(env: Env, arg: Lazy, callSpan: Span | undefined): Value;
  /** Name used in traces, e.g. the attribute or let-binding it was bound to. */
  name?: string;
  /**
   * For `x: y: body` (no formals on the outer lambda): the inner lambda, so that
   * `f a b` can bind both arguments without making the intermediate closure.
   */
  inner?: { readonly node: ast.Lambda; readonly impl: LambdaImpl };
}

/** A builtin function of fixed arity. */
export class PrimOp {
  constructor(
    readonly name: string,
    readonly arity: number,
    readonly fn: (args: Lazy[], span: Span | undefined) => Value,
  ) {}
}

/** A primop applied to fewer arguments than its arity. */
export class PrimOpApp {
  constructor(
    readonly op: PrimOp,
    readonly args: Lazy[],
  ) {}
}

export type NixFunction = Lambda | PrimOp | PrimOpApp;

export function isFunction(v: Value): v is NixFunction {
  return v instanceof Lambda || v instanceof PrimOp || v instanceof PrimOpApp;
}

/** Nix's type name as `builtins.typeOf` returns it. */
export function typeOf(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "string";
  }
  if (v instanceof NixString) return "string";
  if (v instanceof NixPath) return "path";
  if (Array.isArray(v)) return "list";
  if (v instanceof NixAttrs) return "set";
  return "lambda";
}

/** The phrase Nix uses in type errors: "a set", "an integer", "the built-in function 'map'"… */
export function showType(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "a Boolean";
    case "bigint":
      return "an integer";
    case "number":
      return "a float";
    case "string":
      return "a string";
  }
  if (v instanceof NixString) return "a string with context";
  if (v instanceof NixPath) return "a path";
  if (Array.isArray(v)) return "a list";
  if (v instanceof NixAttrs) return "a set";
  if (v instanceof PrimOp) return `the built-in function '${v.name}'`;
  if (v instanceof PrimOpApp) return `the partially applied built-in function '${v.op.name}'`;
  return "a function";
}

/** The string contents of a string value (context dropped). */
export function strOf(v: string | NixString): string {
  return typeof v === "string" ? v : v.s;
}

/** Make a string value, dropping an empty context. */
export function mkString(s: string, context?: ReadonlySet<string> | null): string | NixString {
  return context && context.size > 0 ? new NixString(s, context) : s;
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
