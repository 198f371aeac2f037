/**
 * Building a generation: the `HomeGeneration` input, the link farm
 * (`home-files`), the merged packages (`home-path`, with
 * `hm-session-vars.sh`) and the generation directory with its `activate`
 * script, all in the private store and named after their inputs.
 */
export {
  BuildError,
  DEFAULT_HM_VERSION,
  type ActivationSnippet,
  type HomeFileSpec,
  type HomeGeneration,
  type SessionValue,
  type SystemdUserConfig,
} from "./home-config.js";
export { buildGeneration, which, type BuildOptions, type BuiltGeneration } from "./generation.js";
export { buildHomeFiles, farmReferences, type OverlapResolution } from "./home-files.js";
export { buildHomePath } from "./home-path.js";
export { linkSpecs, relativeTarget, storeFileName, type FileSource, type LinkSpec } from "./file-specs.js";
export { exportAll, searchVariables, sessionVarsText } from "./session-vars.js";
