/**
 * The user's configuration as modules, found as Home Manager's
 * `home-manager.nix` finds it: the file itself (so errors name it and its
 * lines), or, with `-A ATTR`, the attribute `ATTR` of what the file
 * evaluates to — wrapped so that its definitions still name the file. A
 * flake configuration (`--flake`, or a `flake.nix` in the configuration
 * directory) gives the modules, `pkgs`, `extraSpecialArgs` and `check` of
 * its `homeManagerConfiguration` call (see `src/flakes/`).
 */
import { forceAttrs } from "../nix/ops.js";
import { missingAttr } from "../nix/compile.js";
import type { EvalState } from "../nix/state.js";
import { NixAttrs, NixPath, type Lazy } from "../nix/values.js";
import { attrs } from "../module-system/nix-values.js";
import { EvaluationError, type EvaluatorOptions } from "../cli/config-evaluator.js";
import { flakeConfiguration } from "../flakes/flake-config.js";
import type { FlakeHost } from "../flakes/evaluate-flake.js";

/** What the evaluation starts from. */
export interface LoadedConfiguration {
  /** The user's modules. */
  readonly modules: readonly Lazy[];
  /** `specialArgs` of `evalModules` (a flake's `extraSpecialArgs`). */
  readonly specialArgs: NixAttrs;
  /** The package set a flake configuration was given (`pkgs = …`), if any. */
  readonly pkgs?: Lazy;
  /** `_module.check` (a flake's `check = false` turns it off). */
  readonly check: boolean;
  /** The flake, for a flake configuration. */
  readonly flake?: Lazy;
}

/** The configuration named by the options. */
export function loadConfiguration(st: EvalState, opts: EvaluatorOptions, flakeHost: () => FlakeHost): LoadedConfiguration {
  if (opts.flake !== undefined) {
    const names = opts.flake.names ?? [opts.flake.name];
    const c = flakeConfiguration(st, flakeHost(), { uri: opts.flake.uri, names }, opts.cwd);
    if (opts.verbose) st.io.printErr(`Using flake homeConfiguration for ${c.name}`);
    return { modules: c.modules, specialArgs: c.extraSpecialArgs, pkgs: c.pkgs, check: c.check, flake: c.flake };
  }
  const file = opts.file;
  if (file === undefined) throw new EvaluationError("no configuration file was given");
  const plain = { specialArgs: NixAttrs.empty, check: true };
  if (opts.attr === "") return { ...plain, modules: [new NixPath(file)] };
  // `(import confPath).${confAttr}`: one attribute name, not a path.
  const top = forceAttrs(st.evalFile(file));
  const v = top.get(opts.attr);
  if (v === undefined) throw missingAttr(top, opts.attr);
  return { ...plain, modules: [attrs({ _file: file, imports: [v] })] };
}
