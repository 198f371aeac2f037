/**
 * Installs `evaluateHome` as the `home-manager` command's evaluator. Imported
 * for its effect by the command's entry (`src/cli/home-manager-main.ts`);
 * tests that drive `cli()` in-process call `installHomeEvaluator` themselves.
 */
import { registerHomeEvaluator } from "../cli/config-evaluator.js";
import { evaluateHome } from "./evaluate-home.js";

/** Make `evaluateHome` the evaluator of every command that needs a configuration. */
export function installHomeEvaluator(): void {
  registerHomeEvaluator(evaluateHome);
}

installHomeEvaluator();
