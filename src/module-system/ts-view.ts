/**
 * The boundary between Nix values and TypeScript for the catalog's modules.
 * `toJs` gives a lazy JavaScript view of a Nix value (attribute sets become
 * read-only proxies that force an attribute only when it is read; integers
 * become numbers), and `toNix` turns what a TypeScript module returns back
 * into Nix values (objects into sets, numbers into integers, the TS property
 * helpers `mkIf`/`mkMerge`/`mkDefault`/… into the `_type` sets of nixpkgs).
 * A view converts back to the very Nix value it came from, so packages and
 * sets pass through TypeScript unchanged (string context included).
 */
import { callFunction } from "../nix/ops.js";
import { force, isFunction, NixAttrs, NixPath, NixString, PrimOp, Thunk, type Lazy, type Value } from "../nix/values.js";
import { mkIfValue, mkMergeValue, mkOrderValue, mkOverrideValue } from "./definitions.js";
import { attrs, lazy, nixThrow } from "./nix-values.js";

/** A Nix value as TypeScript sees it. */
export type JsValue = null | boolean | number | bigint | string | readonly JsValue[] | AttrsView | JsFunction;

/** A Nix function called from TypeScript. */
export type JsFunction = (arg: unknown) => JsValue;

/** A Nix attribute set seen from TypeScript: attributes are computed when read. */
export interface AttrsView {
  readonly [name: string]: JsValue;
}

const ORIGIN = Symbol("nix value");

/** The Nix value a view stands for, if it is a view. */
export function originOf(v: unknown): Lazy | undefined {
  if ((typeof v === "object" || typeof v === "function") && v !== null) return (v as { [ORIGIN]?: Lazy })[ORIGIN];
  return undefined;
}

function attrsView(a: NixAttrs): AttrsView {
  const cache = new Map<string, JsValue>();
  return new Proxy(Object.create(null) as AttrsView, {
    get(_t, key) {
      if (key === ORIGIN) return a;
      if (key === Symbol.toPrimitive || key === "toString") return () => stringOfAttrs(a);
      if (typeof key !== "string") return undefined;
      if (cache.has(key)) return cache.get(key);
      const v = a.get(key);
      if (v === undefined) return undefined;
      const js = toJs(v);
      cache.set(key, js);
      return js;
    },
    has: (_t, key) => typeof key === "string" && a.has(key),
    ownKeys: () => a.sortedNames(),
    getOwnPropertyDescriptor: (_t, key) =>
      typeof key === "string" && a.has(key)
        ? { enumerable: true, configurable: true, writable: false, value: toJs(a.get(key)!) }
        : undefined,
  });
}

function stringOfAttrs(a: NixAttrs): string {
  const o = a.get("outPath");
  if (o !== undefined) {
    const v = force(o);
    if (typeof v === "string") return v;
    if (v instanceof NixString) return v.s;
  }
  return "[Nix attribute set]";
}

/** A JavaScript view of a Nix value (forced to weak head normal form). */
export function toJs(l: Lazy): JsValue {
  const v = force(l);
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (typeof v === "number") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixPath) return v.path;
  if (Array.isArray(v)) return v.map(toJs);
  if (v instanceof NixAttrs) return attrsView(v);
  const fn: JsFunction = (arg) => toJs(callFunction(v, toNix(arg)));
  Object.defineProperty(fn, ORIGIN, { value: v });
  return fn;
}

/** Marks a float whose value happens to be integral (`float(1)` is `1.0`, not `1`). */
export class NixFloat {
  constructor(readonly value: number) {}
}

export function float(x: number): NixFloat {
  return new NixFloat(x);
}

/** A property (mkIf, mkMerge, mkOverride, mkOrder) written in TypeScript. */
export class TsProperty {
  constructor(
    readonly kind: "if" | "merge" | "override" | "order",
    /** Condition (if) or priority (override, order). */
    readonly arg: unknown,
    readonly content: unknown,
  ) {}
}

/** `mkIf cond content`; the condition may be a thunk, evaluated only when needed. */
export function mkIf(condition: boolean | (() => boolean), content: unknown): TsProperty {
  return new TsProperty("if", condition, content);
}
export function mkMerge(contents: readonly unknown[]): TsProperty {
  return new TsProperty("merge", null, contents);
}
export function mkOverride(priority: number, content: unknown): TsProperty {
  return new TsProperty("override", priority, content);
}
export const mkOptionDefault = (c: unknown) => mkOverride(1500, c);
export const mkDefault = (c: unknown) => mkOverride(1000, c);
export const mkForce = (c: unknown) => mkOverride(50, c);
export function mkOrder(priority: number, content: unknown): TsProperty {
  return new TsProperty("order", priority, content);
}
export const mkBefore = (c: unknown) => mkOrder(500, c);
export const mkAfter = (c: unknown) => mkOrder(1500, c);

/** Convert a property, converting its content with `inner`. */
export function propertyToNix(p: TsProperty, inner: (c: unknown) => Lazy): NixAttrs {
  switch (p.kind) {
    case "if": {
      const cond = p.arg;
      const c = typeof cond === "function" ? lazy(() => force(toNix((cond as () => unknown)()))) : toNix(cond);
      return mkIfValue(
        c,
        lazy(() => force(inner(p.content))),
      );
    }
    case "merge":
      return mkMergeValue((p.content as unknown[]).map((c) => lazy(() => force(inner(c)))));
    case "override":
      return mkOverrideValue(
        BigInt(p.arg as number),
        lazy(() => force(inner(p.content))),
      );
    case "order":
      return mkOrderValue(
        BigInt(p.arg as number),
        lazy(() => force(inner(p.content))),
      );
  }
}

/** A Nix value from a TypeScript value (lazily for the parts of objects and arrays). */
export function toNix(x: unknown): Lazy {
  const origin = originOf(x);
  if (origin !== undefined) return origin;
  if (x instanceof Thunk || x instanceof NixAttrs || x instanceof NixString || x instanceof NixPath || x instanceof PrimOp) return x;
  if (x === null || x === undefined) return null;
  if (typeof x === "boolean" || typeof x === "string" || typeof x === "bigint") return x;
  if (typeof x === "number") return Number.isInteger(x) ? BigInt(x) : x;
  if (x instanceof NixFloat) return x.value;
  if (x instanceof TsProperty) return propertyToNix(x, toNix);
  if (Array.isArray(x)) return x.map((e) => lazy(() => force(toNix(e))));
  if (typeof x === "function") {
    const f = x as (a: JsValue) => unknown;
    return new PrimOp("ts-function", 1, ([a]) => force(toNix(f(toJs(a!)))));
  }
  if (typeof x === "object") {
    const m = new Map<string, Lazy>();
    for (const [k, v] of Object.entries(x))
      m.set(
        k,
        lazy(() => force(toNix(v))),
      );
    return new NixAttrs(m);
  }
  throw nixThrow(`cannot convert a JavaScript ${typeof x} to a Nix value`);
}

/** True for Nix functions (used by views that must not call). */
export function isNixFunction(v: Value): boolean {
  return isFunction(v);
}

export { attrs };
