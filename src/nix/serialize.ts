/**
 * Whole-value output formats of `hm-nix instantiate --eval`: `--json` (as
 * `builtins.toJSON`, paths copied to the store) and `--xml` (as `builtins.toXML`).
 */
import { valueToJSON } from "./builtins/serial.js";
import { valueToXML } from "./builtins/xml.js";
import type { EvalState } from "./state.js";
import type { Lazy } from "./values.js";

export function valueToJSONText(st: EvalState, v: Lazy): string {
  return valueToJSON(st, v, new Set(), true);
}

export function valueToXMLText(_st: EvalState, v: Lazy): string {
  return valueToXML(v, new Set());
}
