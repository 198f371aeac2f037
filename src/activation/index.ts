/**
 * Activation: the generation's `activate` script (its bash library, init
 * section and Home Manager's built-in `home.activation` entries, ordered by
 * `topoSort`), the helper those entries call for file work (collision checks,
 * linking, unit switching, the lock), the file-system interface that work goes
 * through, and the check that a generation is fully in place.
 */
export { activationScript, sortEntries, DagCycleError, GENERATION_DIR_PLACEHOLDER, type ScriptInputs } from "./activate-script.js";
export { builtinEntries, BUILTIN_NAMES, type ActivationEntry, type BuiltinFile, type BuiltinInputs } from "./builtin-entries.js";
export { checkLinkTargets } from "./check-link-targets.js";
export { settingsFromEnv, type ActivationSettings } from "./context.js";
export { compareNames, topoSort, type DagEntry, type DagNode, type TopoResult } from "./dag.js";
export { FaultFs, InjectedFault, nodeFs, type Fs, type FsStat, type FileKind } from "./fs.js";
export { helperCommand, ownedStoreDirs, runHelper, type HelperIO } from "./helper.js";
export { Ownership, leaves, obstacleOnWay, sameContent, sortBytewise } from "./home-tree.js";
export { linkGeneration, type LinkInputs } from "./link-generation.js";
export { Reporter, useColor } from "./messages.js";
export { escapeShellArg, escapeShellArgs } from "./shell.js";
export { parseUnit, systemdSwitch, type SystemdInputs } from "./systemd-switch.js";
export { verifyGeneration, type VerifyInputs } from "./verify.js";
