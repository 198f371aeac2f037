/**
 * The settings every file step of activation reads, taken from the
 * environment the way the activation script sees it: `HOME`, `DRY_RUN` and
 * `VERBOSE` (set means on, whatever the value), the backup settings
 * (`HOME_MANAGER_BACKUP_EXT`, `HOME_MANAGER_BACKUP_COMMAND`, empty meaning
 * unset), and the generation-specific parts passed on the command line: the
 * store directories whose links are ours and the targets declared `force`.
 */
import { Ownership } from "./home-tree.js";

export interface ActivationSettings {
  readonly home: string;
  readonly dryRun: boolean;
  readonly verbose: boolean;
  readonly backupExt: string | undefined;
  readonly backupCommand: string | undefined;
  /** Asked for by `HOME_MANAGER_BACKUP_OVERWRITE`; never honoured (backups are never overwritten). */
  readonly backupOverwrite: boolean;
  /** Targets (relative to home) with `force = true`. */
  readonly forced: ReadonlySet<string>;
  readonly ownership: Ownership;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

/** Settings from an environment plus the generation's store directories and forced targets. */
export function settingsFromEnv(env: Env, storeDirs: readonly string[], forced: readonly string[]): ActivationSettings {
  const home = env.HOME;
  if (home === undefined || home === "") throw new Error("HOME is not set");
  return {
    home: home.replace(/\/+$/, "") || "/",
    dryRun: env.DRY_RUN !== undefined,
    verbose: env.VERBOSE !== undefined,
    backupExt: nonEmpty(env.HOME_MANAGER_BACKUP_EXT),
    backupCommand: nonEmpty(env.HOME_MANAGER_BACKUP_COMMAND),
    backupOverwrite: nonEmpty(env.HOME_MANAGER_BACKUP_OVERWRITE) !== undefined,
    forced: new Set(forced),
    ownership: new Ownership(storeDirs),
  };
}
