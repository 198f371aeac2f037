/**
 * The user-private store and the state around it: the store itself
 * (`HomeStore`, built on the content-addressed `LocalStore`), the layout of
 * `$XDG_STATE_HOME/home-manager`, and the lock that serialises activations,
 * builds and garbage collection.
 */
export { HomeStore, StoreError, canonicalise, storePathOf } from "./home-store.js";
export {
  LockBusyError,
  acquireLock,
  holderAlive,
  parseHolder,
  processStartTime,
  readHolder,
  releaseLock,
  releaseLockToken,
  type AcquireOptions,
  type LockHandle,
  type LockHolder,
} from "./lock.js";
export {
  ACTIVATING_ROOTS,
  AUTO_ROOTS,
  CURRENT_HOME_ROOT,
  GENERATION_NAME,
  HOME_FILES_NAME,
  HOME_PATH_NAME,
  NEW_HOME_ROOT,
  StateEnvError,
  configHome,
  ensurePrivateDir,
  hmPaths,
  type HmPaths,
  type StateEnv,
} from "./state-paths.js";
