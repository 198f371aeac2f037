/**
 * The activation lock: one file, `$XDG_STATE_HOME/home-manager/lock`, whose
 * content names its holder (`<pid> <token> <start-time>`). Taking it is one
 * atomic `link(2)` of a prepared file; it is free when the file is absent or
 * when its holder process is gone (killed, crashed), which is recognised by the
 * pid no longer running, or, where `/proc` tells, running with another start
 * time (a reused pid). A stale lock is taken over by renaming a prepared file
 * over it, after winning an exclusive-create race on a marker named after the
 * stale holder's token — so two processes that find the same stale lock never
 * both take it. A holder may hand its token to a child (the activation script)
 * through `HOME_MANAGER_LOCK_TOKEN`; the child then proceeds without waiting.
 * Nothing here ever blocks forever: waiting has a deadline and ends with a
 * message naming the holder and the lock file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { ensurePrivateDir } from "./state-paths.js";

export interface LockHolder {
  readonly pid: number;
  readonly token: string;
  /** Process start time from /proc (clock ticks since boot), when known. */
  readonly start: string;
}

export interface LockHandle {
  readonly file: string;
  readonly token: string;
  /** False when the lock was already held by our caller (nothing to release). */
  readonly owned: boolean;
}

export interface AcquireOptions {
  /** The process that will hold the lock (default: this one). */
  readonly pid?: number;
  /** Give up after this long; 0 means fail at once when busy. */
  readonly timeoutMs: number;
  /** A token handed down by a holder (`HOME_MANAGER_LOCK_TOKEN`). */
  readonly inheritedToken?: string | undefined;
  /** Called once when the lock is busy and we start waiting. */
  readonly onWait?: (holder: LockHolder) => void;
}

/** The lock could not be taken in time. */
export class LockBusyError extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Another Home Manager activation (process ${holder.pid}) holds the lock '${file}'; ` +
        `try again when it has finished, or remove the file if no such process is running.`,
    );
  }
}

/** Start time of a process from /proc/<pid>/stat (field 22), or "" if unknown. */
export function processStartTime(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? "";
  } catch {
    return "";
  }
}

/** Is the recorded holder still running? */
export function holderAlive(h: LockHolder): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (h.start === "") return true;
  const now = processStartTime(h.pid);
  return now === "" || now === h.start;
}

/** Parse a lock file's content. */
export function parseHolder(text: string): LockHolder | undefined {
  const [pid, token, start] = text.trim().split(" ");
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || token === undefined || token === "") return undefined;
  return { pid: n, token, start: start ?? "" };
}

/** The current holder, or undefined when the lock is free (or unreadable garbage). */
export function readHolder(file: string): LockHolder | undefined {
  try {
    return parseHolder(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** Remove take-over markers older than a minute (they only matter for microseconds). */
function pruneMarkers(file: string): void {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + ".stale-";
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const old = Date.now() - 60_000;
  for (const n of names) {
    if (!n.startsWith(prefix) && !n.startsWith(path.basename(file) + ".new-")) continue;
    try {
      if (fs.lstatSync(path.join(dir, n)).mtimeMs < old) fs.rmSync(path.join(dir, n), { force: true });
    } catch {
      // gone already
    }
  }
}

/** One attempt: true if taken. */
function tryTake(file: string, prepared: string, holder: LockHolder | undefined): boolean {
  if (holder === undefined) {
    try {
      fs.linkSync(prepared, file);
      return true;
    } catch (e) {
      if (errnoOf(e) === "EEXIST") return false;
      throw e;
    }
  }
  // Stale: only the process that creates the marker for this holder may replace it.
  try {
    fs.writeFileSync(`${file}.stale-${holder.token}`, "", { flag: "wx" });
  } catch (e) {
    if (errnoOf(e) === "EEXIST") return false;
    throw e;
  }
  fs.renameSync(prepared, file);
  return true;
}

/** Take the lock, waiting up to the deadline; throws `LockBusyError` when it stays busy. */
export function acquireLock(file: string, opts: AcquireOptions): LockHandle {
  ensurePrivateDir(path.dirname(file));
  const pid = opts.pid ?? process.pid;
  const token = crypto.randomBytes(12).toString("hex");
  const prepared = `${file}.new-${token}`;
  fs.writeFileSync(prepared, `${pid} ${token} ${processStartTime(pid)}\n`, { mode: 0o600 });
  const deadline = Date.now() + opts.timeoutMs;
  let waited = false;
  try {
    pruneMarkers(file);
    for (;;) {
      const holder = readHolder(file);
      if (holder !== undefined && opts.inheritedToken !== undefined && holder.token === opts.inheritedToken)
        return { file, token: holder.token, owned: false };
      const stale = holder !== undefined && !holderAlive(holder);
      if (holder === undefined && fs.existsSync(file)) {
        // Unparseable content (a torn write cannot happen: we link complete files), so garbage: treat as stale.
        fs.rmSync(file, { force: true });
        continue;
      }
      if (holder === undefined || stale) {
        if (tryTake(file, prepared, stale ? holder : undefined)) return { file, token, owned: true };
        continue;
      }
      if (Date.now() >= deadline) throw new LockBusyError(file, holder);
      if (!waited) opts.onWait?.(holder);
      waited = true;
      sleepMs(Math.min(50, Math.max(1, deadline - Date.now())));
    }
  } finally {
    fs.rmSync(prepared, { force: true });
  }
}

/** Release a lock we own (a no-op for an inherited one or one taken over since). */
export function releaseLock(handle: LockHandle): void {
  if (!handle.owned) return;
  const holder = readHolder(handle.file);
  if (holder?.token === handle.token) fs.rmSync(handle.file, { force: true });
}

/** Release by file and token (the activation script's EXIT trap). */
export function releaseLockToken(file: string, token: string): void {
  releaseLock({ file, token, owned: true });
}
