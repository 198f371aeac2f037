/**
 * The file-system interface activation works through. `nodeFs` is the real
 * thing; `FaultFs` wraps another `Fs` and fails (or kills the process) at the
 * N-th mutating call, so tests can stop an activation between any two changes
 * and check that the next run completes it. Only the calls activation needs
 * are here; reads never fail artificially.
 */
import * as fs from "node:fs";

export type FileKind = "file" | "dir" | "symlink" | "other";

export interface FsStat {
  readonly kind: FileKind;
  readonly mode: number;
  readonly size: number;
  /** `<dev>:<ino>`: equal for two names of one file (a hard link). */
  readonly id: string;
}

export interface Fs {
  /** Status without following a final symlink; undefined if absent. */
  lstat(p: string): FsStat | undefined;
  /** Status following symlinks; undefined if absent or dangling. */
  stat(p: string): FsStat | undefined;
  readlink(p: string): string;
  readdir(p: string): string[];
  /** Entries with their own kinds (symlinks not followed). */
  readdirTypes(p: string): [string, FileKind][];
  /** A symlink's target, or undefined when `p` is missing or not a symlink. */
  readlinkIfLink(p: string): string | undefined;
  readFile(p: string): Buffer;
  symlink(target: string, p: string): void;
  rename(from: string, to: string): void;
  /** Hard link (fails if `to` exists): a move that never replaces anything. */
  link(from: string, to: string): void;
  unlink(p: string): void;
  rmdir(p: string): void;
  mkdir(p: string): void;
}

function kindOf(st: fs.Stats): FileKind {
  if (st.isSymbolicLink()) return "symlink";
  if (st.isDirectory()) return "dir";
  if (st.isFile()) return "file";
  return "other";
}

function toStat(st: fs.Stats | undefined): FsStat | undefined {
  return st === undefined ? undefined : { kind: kindOf(st), mode: st.mode, size: st.size, id: `${st.dev}:${st.ino}` };
}

/** The real file system. */
export const nodeFs: Fs = {
  lstat: (p) => toStat(fs.lstatSync(p, { throwIfNoEntry: false })),
  stat: (p) => {
    try {
      return toStat(fs.statSync(p, { throwIfNoEntry: false }));
    } catch {
      return undefined; // ELOOP, ENOTDIR, EACCES: nothing usable there
    }
  },
  readlink: (p) => fs.readlinkSync(p),
  readdir: (p) => fs.readdirSync(p),
  readdirTypes: (p) =>
    fs
      .readdirSync(p, { withFileTypes: true })
      .map((d): [string, FileKind] => [d.name, d.isSymbolicLink() ? "symlink" : d.isDirectory() ? "dir" : d.isFile() ? "file" : "other"]),
  readlinkIfLink: (p) => {
    try {
      return fs.readlinkSync(p);
    } catch {
      return undefined;
    }
  },
  readFile: (p) => fs.readFileSync(p),
  symlink: (t, p) => fs.symlinkSync(t, p),
  rename: (a, b) => fs.renameSync(a, b),
  link: (a, b) => fs.linkSync(a, b),
  unlink: (p) => fs.unlinkSync(p),
  rmdir: (p) => fs.rmdirSync(p),
  mkdir: (p) => fs.mkdirSync(p),
};

/** The error a `FaultFs` throws at its failure point. */
export class InjectedFault extends Error {
  constructor(
    readonly op: string,
    readonly target: string,
  ) {
    super(`injected fault: ${op} '${target}'`);
  }
}

/** What to do when the failure point is reached. */
export type FaultAction = "throw" | "kill";

/** Counts mutating calls and fails the `failAt`-th one (1-based; 0 never). */
export class FaultFs implements Fs {
  private count = 0;

  constructor(
    private readonly inner: Fs,
    private readonly failAt: number,
    private readonly action: FaultAction = "throw",
    /** Called just before a kill (e.g. to take the parent down too). */
    private readonly beforeKill?: () => void,
  ) {}

  /** How many mutating calls were made (or attempted) so far. */
  get mutations(): number {
    return this.count;
  }

  private step(op: string, target: string): void {
    this.count++;
    if (this.count !== this.failAt) return;
    if (this.action === "kill") {
      this.beforeKill?.();
      process.kill(process.pid, "SIGKILL");
    }
    throw new InjectedFault(op, target);
  }

  lstat(p: string): FsStat | undefined {
    return this.inner.lstat(p);
  }
  stat(p: string): FsStat | undefined {
    return this.inner.stat(p);
  }
  readlink(p: string): string {
    return this.inner.readlink(p);
  }
  readdir(p: string): string[] {
    return this.inner.readdir(p);
  }
  readdirTypes(p: string): [string, FileKind][] {
    return this.inner.readdirTypes(p);
  }
  readlinkIfLink(p: string): string | undefined {
    return this.inner.readlinkIfLink(p);
  }
  readFile(p: string): Buffer {
    return this.inner.readFile(p);
  }
  symlink(t: string, p: string): void {
    this.step("symlink", p);
    this.inner.symlink(t, p);
  }
  rename(a: string, b: string): void {
    this.step("rename", a);
    this.inner.rename(a, b);
  }
  link(a: string, b: string): void {
    this.step("link", b);
    this.inner.link(a, b);
  }
  unlink(p: string): void {
    this.step("unlink", p);
    this.inner.unlink(p);
  }
  rmdir(p: string): void {
    this.step("rmdir", p);
    this.inner.rmdir(p);
  }
  mkdir(p: string): void {
    this.step("mkdir", p);
    this.inner.mkdir(p);
  }
}
