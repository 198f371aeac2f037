/**
 * Small bridges between the Neovim module's TypeScript and Nix values:
 * calling a Nix function (or a functor such as a package reference) with
 * TypeScript arguments, deferring a definition's value until the module
 * system reads it, and telling a package from a plugin entry set.
 */
import { callFunction } from "../../../nix/ops.js";
import { force, type Lazy, type Value } from "../../../nix/values.js";
import { lazy } from "../../../module-system/nix-values.js";
import { toJs, toNix, type AttrsView, type JsValue } from "../../../module-system/index.js";

/** Call a Nix function (or functor) with TypeScript arguments, curried. */
export function call(f: JsValue | undefined, ...args: unknown[]): JsValue {
  let v: Value = force(toNix(f));
  for (const x of args) v = force(callFunction(v, toNix(x)));
  return toJs(v);
}

/** A value computed only when the module system reads it (a definition under a false `mkIf` is never read). */
export function later(f: () => unknown): Lazy {
  return lazy(() => force(toNix(f())));
}

/** Is this a derivation (not a `{ plugin = …; }` set)? */
export function isPackage(v: JsValue): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && (v as AttrsView).type === "derivation";
}
