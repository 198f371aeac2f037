/**
 * The module system as the lib engineer's `buildLib` sees it:
 * `moduleSystemNamespaces(st, lib)` returns the contents of nixpkgs'
 * `lib.modules`, `lib.options` and `lib.types` as Nix sets. One module-system
 * context is made per EvalState (and per lib), so types and caches are never
 * shared between evaluations. `lib` is a thunk because modules receive the
 * complete lib, which contains these very sets.
 */
import type { EvalState } from "../nix/state.js";
import type { NixAttrs } from "../nix/values.js";
import { ModuleSystem } from "./context.js";
import { Evaluation } from "./eval-modules.js";
import { modulesNamespace } from "./ns-modules.js";
import { optionsNamespace } from "./ns-options.js";
import { typesNamespace } from "./ns-types.js";
import { TypeLib } from "./types.js";

const contexts = new WeakMap<EvalState, Map<() => NixAttrs, ModuleSystem>>();

/** The module-system context of a state and lib (made on first use). */
export function createModuleSystem(st: EvalState, lib: () => NixAttrs): ModuleSystem {
  let perState = contexts.get(st);
  if (!perState) contexts.set(st, (perState = new Map()));
  let ms = perState.get(lib);
  if (!ms) {
    ms = new ModuleSystem(st, lib);
    const m = ms;
    m.types = new TypeLib(m);
    m.evalModules = (args) => new Evaluation(m, args);
    perState.set(lib, m);
  }
  return ms;
}

export interface ModuleSystemNamespaces {
  readonly modules: NixAttrs;
  readonly options: NixAttrs;
  readonly types: NixAttrs;
}

/** nixpkgs' `lib.modules`, `lib.options` and `lib.types`, implemented natively. */
export function moduleSystemNamespaces(st: EvalState, lib: () => NixAttrs): ModuleSystemNamespaces {
  const ms = createModuleSystem(st, lib);
  return { modules: modulesNamespace(ms), options: optionsNamespace(ms), types: typesNamespace(ms) };
}
