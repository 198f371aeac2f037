/**
 * The user's configuration as a module, found as Home Manager's
 * `home-manager.nix` finds it: the file itself (so errors name it and its
 * lines), or, with `-A ATTR`, the attribute `ATTR` of what the file
 * evaluates to — wrapped so that its definitions still name the file. Flake
 * configurations need flake support in the evaluator and are refused with a
 * clear message for now.
 */
import { forceAttrs } from "../nix/ops.js";
import { missingAttr } from "../nix/compile.js";
import type { EvalState } from "../nix/state.js";
import { NixPath, type Lazy } from "../nix/values.js";
import { attrs } from "../module-system/nix-values.js";
import { EvaluationError, type EvaluatorOptions } from "../cli/config-evaluator.js";

/** The configuration module named by the options. */
export function configurationModule(st: EvalState, opts: EvaluatorOptions): Lazy {
  if (opts.flake !== undefined) {
    throw new EvaluationError(
      `cannot evaluate the flake configuration '${opts.flake.uri}#homeConfigurations."${opts.flake.name}"': flakes are not supported yet; use a home.nix file (-f FILE)`,
    );
  }
  const file = opts.file;
  if (file === undefined) throw new EvaluationError("no configuration file was given");
  if (opts.attr === "") return new NixPath(file);
  // `(import confPath).${confAttr}`: one attribute name, not a path.
  const top = forceAttrs(st.evalFile(file));
  const v = top.get(opts.attr);
  if (v === undefined) throw missingAttr(top, opts.attr);
  return attrs({ _file: file, imports: [v] });
}
