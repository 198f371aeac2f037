/**
 * Generations: the profile links (`home-manager-<N>-link`) and what is done with
 * them — listing, switching, rolling back, removing, expiring by date — and
 * garbage collection of store paths no generation reaches.
 */
export {
  PROFILE_NAME,
  ProfileError,
  atomicSymlink,
  currentGeneration,
  generationLinkName,
  listGenerations,
  previousGeneration,
  pruneTemporaryLinks,
  removeGenerationLink,
  setProfile,
  switchProfile,
  type Generation,
} from "./profiles.js";
export { DateParseError, generationsNotNewerThan, parseDate } from "./expire.js";
export { collectGarbage, gcRoots, liveClosure, type GcResult } from "./gc.js";
