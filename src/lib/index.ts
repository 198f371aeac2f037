/**
 * The public face of `lib`: `buildLib(st)` returns nixpkgs' `lib` as Nix code
 * sees it, with Home Manager's `lib.hm` and the module system's namespaces
 * wired in from their own folders. `assembleLib` (assemble.ts) takes the
 * providers as parameters for callers (and tests) that want other ones.
 */
import type { EvalState } from "../nix/state.js";
import type { NixAttrs } from "../nix/values.js";
import { assembleLib, type LibProviders } from "./assemble.js";
import { moduleSystemNamespaces } from "../module-system/lib-exports.js";
import { hmLib } from "./hm/index.js";

export type { LibProviders, ModuleSystemNamespaces } from "./assemble.js";
export { assembleLib };

/** The providers this tree has: the module system (`lib.modules`, `lib.options`, `lib.types`) and `lib.hm`. */
export const defaultProviders: LibProviders = { moduleSystem: moduleSystemNamespaces, hm: hmLib };

/** Build `lib` (nixpkgs' names and semantics, plus `lib.hm`). */
export function buildLib(st: EvalState, providers: LibProviders = defaultProviders): NixAttrs {
  return assembleLib(st, providers);
}
