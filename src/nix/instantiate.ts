/**
 * What `nix-instantiate` (without `--eval`) prints: the `.drv` path of every
 * derivation found at the top of the value — the value itself, the elements
 * of a list, or the attributes of a set (one level, as `nix-env` looks).
 */
import { NixError } from "./errors.js";
import { coerceToString } from "./coerce.js";
import type { EvalState } from "./state.js";
import { force, NixAttrs, type Value } from "./values.js";

export function instantiateDerivations(st: EvalState, v: Value): string[] {
  const out: string[] = [];
  const visit = (x: Value, top: boolean): void => {
    if (x instanceof NixAttrs) {
      if (x.isDerivation()) {
        const d = x.get("drvPath");
        if (d === undefined) throw new NixError("eval", "derivation has no 'drvPath' attribute");
        out.push(coerceToString(st, d, {}));
        return;
      }
      if (top) for (const n of x.sortedNames()) visit(force(x.get(n)!), false);
      return;
    }
    if (Array.isArray(x) && top) for (const e of x) visit(force(e), false);
  };
  visit(v, true);
  return out;
}
