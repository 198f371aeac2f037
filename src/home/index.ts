/**
 * The evaluation entry: from the configuration the command found to the
 * `HomeGeneration` the builder takes (`evaluateHome`), the stub package set
 * used until real package backends exist, and the store writes deferred
 * until an evaluation has succeeded.
 */
export { evaluateHome, evaluateHomeFull, type HomeEvaluation, type HomeEvaluatorOptions } from "./evaluate-home.js";
export { DeferredStore } from "./deferred-store.js";
export { toGeneration } from "./to-generation.js";
