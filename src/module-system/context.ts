/**
 * The per-EvalState module-system context: the evaluation state, the full
 * `lib` (lazily, since lib contains us), the `lib.types` registry and the
 * evaluator entry point. Files reach each other through this object instead
 * of importing one another in a cycle (types need evalModules for submodules,
 * evalModules needs types for its internal options).
 */
import type { EvalState } from "../nix/state.js";
import type { NixAttrs } from "../nix/values.js";
import type { EvalModulesArgs, Evaluation } from "./eval-modules.js";
import type { TypeLib } from "./types.js";

export class ModuleSystem {
  /** Set once by `createModuleSystem`. */
  types!: TypeLib;
  /** Set once by `createModuleSystem`. */
  evalModules!: (args: EvalModulesArgs) => Evaluation;
  /** Warnings already shown for deprecated types, so each shows once per option. */
  readonly warned = new Set<string>();
  /** The internal module's option declarations, at the root [0] and in submodules [1]. */
  readonly internalOptions: (NixAttrs | undefined)[] = [];

  constructor(
    readonly st: EvalState,
    private readonly libThunk: () => NixAttrs,
  ) {}

  /** The complete `lib` as modules see it. */
  lib(): NixAttrs {
    return this.libThunk();
  }

  /** Print a warning as `lib.warn` does (abort under `--abort-on-warn`). */
  warn(message: string): void {
    this.st.warn(message);
  }
}
