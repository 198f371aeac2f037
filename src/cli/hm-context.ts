/**
 * What every `home-manager` command works with: the streams (coloured like
 * Home Manager's bash library: only on a terminal, never under `NO_COLOR`),
 * the environment with the command-line flags applied as Home Manager
 * exports them (`-n` → `DRY_RUN=1`, `-v` → `VERBOSE=1`, `-b` →
 * `HOME_MANAGER_BACKUP_EXT`, `-B` → `HOME_MANAGER_BACKUP_COMMAND`), the state
 * layout, and the activation lock.
 */
import type { CliIO } from "./io.js";
import type { ParsedArgs } from "./hm-args.js";
import { hmPaths, type HmPaths } from "../store/state-paths.js";
import { acquireLock, type LockHandle } from "../store/lock.js";

/** The CLI streams, plus whether child processes may write to the real terminal directly. */
export interface HmIO extends CliIO {
  /** True for the real process: activation output goes straight to our stdout/stderr. */
  readonly inheritStdio?: boolean;
}

type Env = Record<string, string | undefined>;

const BOLD_RED = "\x1b[1m\x1b[31m";
const YELLOW = "\x1b[33m";
const RESET = "\x1b(B\x1b[m";

export class HmContext {
  readonly env: Env;
  readonly dryRun: boolean;
  readonly verbose: boolean;
  private readonly color: boolean;
  private pathsCache: HmPaths | undefined;

  constructor(
    readonly io: HmIO,
    readonly args: ParsedArgs,
    readonly prog: string,
  ) {
    const env: Env = { ...io.env };
    if (args.dryRun) env.DRY_RUN = "1";
    if (args.verbose) env.VERBOSE = "1";
    if (args.backupExt !== undefined) env.HOME_MANAGER_BACKUP_EXT = args.backupExt;
    if (args.backupCommand !== undefined) env.HOME_MANAGER_BACKUP_COMMAND = args.backupCommand;
    this.env = env;
    this.dryRun = env.DRY_RUN !== undefined;
    this.verbose = env.VERBOSE !== undefined;
    this.color = io.isTTY && env.NO_COLOR === undefined;
  }

  get paths(): HmPaths {
    this.pathsCache ??= hmPaths(this.env);
    return this.pathsCache;
  }

  out(s: string): void {
    this.io.stdout(s + "\n");
  }

  err(s: string): void {
    this.io.stderr(s + "\n");
  }

  /** `_iError … >&2`. */
  error(s: string): void {
    this.err(this.color ? BOLD_RED + s + RESET : s);
  }

  /** `_iWarn … >&2`. */
  warn(s: string): void {
    this.err(this.color ? YELLOW + s + RESET : s);
  }

  /** `_iVerbose`. */
  verboseOut(s: string): void {
    if (this.verbose) this.out(s);
  }

  /** Take the activation lock, telling the user if we have to wait. */
  lock(): LockHandle {
    const seconds = Number(this.env.HOME_MANAGER_LOCK_TIMEOUT ?? "600");
    return acquireLock(this.paths.lockFile, {
      timeoutMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 600_000,
      onWait: (h) => this.err(`Waiting for another Home Manager activation (process ${h.pid}) to finish...`),
    });
  }
}
