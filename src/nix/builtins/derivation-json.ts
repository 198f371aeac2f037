/**
 * The `__json` environment entry of a derivation with `__structuredAttrs = true`.
 * Not supported yet: such a derivation fails with a clear message rather than
 * producing a `.drv` that differs from Nix's.
 */
import { NixError } from "../errors.js";
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import type { Lazy } from "../values.js";

export function serializeStructuredAttrs(_st: EvalState, _values: Map<string, Lazy>, _ctx: Set<string>, s?: Span): string {
  throw new NixError("eval", "derivations with '__structuredAttrs = true' are not supported yet", s);
}
