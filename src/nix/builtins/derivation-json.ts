/**
 * The `__json` environment entry of a derivation with `__structuredAttrs = true`:
 * every attribute except `__structuredAttrs` itself, as one JSON object with
 * sorted keys, each value printed as `builtins.toJSON` prints it (paths copied
 * to the store, context collected). Attributes whose effect structured attrs
 * disable get Nix's warning.
 */
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import { sortNames, type Lazy } from "../values.js";
import { valueToJSON } from "./serial.js";

const DISABLED = new Set([
  "allowedReferences",
  "allowedRequisites",
  "disallowedReferences",
  "disallowedRequisites",
  "maxSize",
  "maxClosureSize",
]);

export function serializeStructuredAttrs(st: EvalState, values: Map<string, Lazy>, ctx: Set<string>, s?: Span): string {
  const parts: string[] = [];
  for (const key of sortNames([...values.keys()])) {
    parts.push(`${JSON.stringify(key)}:${valueToJSON(st, values.get(key)!, ctx, true, s)}`);
    if (DISABLED.has(key)) {
      st.warn(`'structuredAttrs' disables the effect of the derivation attribute '${key}'; use 'outputChecks.<output>.${key}' instead`, s);
    }
  }
  return `{${parts.join(",")}}`;
}
