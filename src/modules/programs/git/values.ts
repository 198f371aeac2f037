/**
 * Small bridges between `programs.git`'s TypeScript and the Nix values under
 * its views: calling Nix functions and functor sets (package stand-ins are
 * sets with `__functor`), reading the Nix value of an attribute (so that a
 * path stays a path and interpolating it copies it to the store), and the
 * `{ }` test of Home Manager's conditions.
 */
import { toJs, toNix, type JsValue } from "../../../module-system/index.js";
import { originOf } from "../../../module-system/ts-view.js";
import { callFunction } from "../../../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../../../nix/values.js";

/** Call a Nix function or functor set with curried arguments. */
export function callNix(f: JsValue | undefined, ...args: unknown[]): JsValue {
  let v: Value = force(toNix(f));
  for (const x of args) v = callFunction(v, toNix(x));
  return toJs(v);
}

/** The Nix value of attribute `name` of the set behind a view. */
export function rawAttr(view: unknown, name: string): Lazy {
  const origin = originOf(view);
  const v = origin === undefined ? undefined : force(origin);
  if (!(v instanceof NixAttrs) || !v.has(name)) throw new Error(`programs.git: no attribute '${name}'`);
  return v.get(name)!;
}

/** Is this an empty attribute set (`x == { }`)? */
export function isEmpty(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;
}
