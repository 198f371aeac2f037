/**
 * A store that writes: a private directory (mode 0700) plays the role of
 * /nix/store, and its paths are computed with that directory as the store
 * directory (so hashes differ from /nix/store ones, consistently). Entries are
 * made read-only with mtime 1 as Nix canonicalises them, written under a
 * temporary name inside the store and renamed into place, and skipped when
 * already present. Input derivations not produced in this evaluation are read
 * back from the directory.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { NixError } from "../errors.js";
import { hashFile, toHex } from "./hash.js";
import { hashPath, listEntries, type PathFilter } from "./nar.js";
import { ComputingStore, rethrowIo } from "./computing-store.js";
import type { AddPathOptions } from "./store.js";

const CANONICAL_MTIME = 1;

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function setCanonicalTime(p: string): void {
  fs.lutimesSync(p, CANONICAL_MTIME, CANONICAL_MTIME);
}

/** Copy one regular file's contents, read-only (executable if the source is). */
function copyFile(src: string, dest: string, executable: boolean): void {
  fs.copyFileSync(src, dest);
  fs.chmodSync(dest, executable ? 0o555 : 0o444);
  setCanonicalTime(dest);
}

/** Copy a tree (not following symlinks), applying the filter below the root. */
function copyTree(src: string, dest: string, filter?: PathFilter): void {
  const st = fs.lstatSync(src);
  if (st.isFile()) copyFile(src, dest, (st.mode & 0o100) !== 0);
  else if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src, { encoding: "buffer" }), dest);
    setCanonicalTime(dest);
  } else if (st.isDirectory()) {
    fs.mkdirSync(dest, { mode: 0o700 });
    for (const e of listEntries(src, filter)) copyTree(e.path, path.join(dest, e.name), filter);
    fs.chmodSync(dest, 0o555);
    setCanonicalTime(dest);
  } else throw new NixError("io", `file '${src}' has an unsupported type`);
}

/** A filter that answers each path once (Nix filters may trace). */
function memoFilter(filter: PathFilter): PathFilter {
  const seen = new Map<string, boolean>();
  return (p, type) => {
    let r = seen.get(p);
    if (r === undefined) seen.set(p, (r = filter(p, type)));
    return r;
  };
}

/** Remove a (possibly read-only) tree. */
export function removeTree(p: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    fs.chmodSync(p, 0o700);
    for (const name of fs.readdirSync(p)) removeTree(path.join(p, name));
  }
  fs.rmSync(p, { recursive: true, force: true });
}

export class LocalStore extends ComputingStore {
  private rootReady = false;

  /** `dir` is created if needed; it becomes the store directory. */
  constructor(dir: string) {
    super(path.resolve(dir));
  }

  /** Create the store directory (mode 0700) on first write. */
  private ensureRoot(): void {
    if (this.rootReady) return;
    fs.mkdirSync(this.storeDir, { recursive: true, mode: 0o700 });
    try {
      fs.chmodSync(this.storeDir, 0o700);
    } catch {
      // not ours to change: leave its mode alone
    }
    this.rootReady = true;
  }

  /** A fresh name inside the store (short: store path base names can be 244 bytes). */
  private tempPath(finalPath: string): string {
    const hashPart = path.basename(finalPath).slice(0, 32);
    return path.join(this.storeDir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString("hex")}-${hashPart}`);
  }

  /** Build `finalPath` under a temporary name with `build`, then rename it into place. */
  private install(finalPath: string, build: (tmp: string) => void): void {
    if (exists(finalPath)) return;
    this.ensureRoot();
    const tmp = this.tempPath(finalPath);
    try {
      build(tmp);
      fs.renameSync(tmp, finalPath);
    } catch (e) {
      removeTree(tmp);
      if (exists(finalPath)) return; // someone else got there first
      rethrowIo(e, `writing '${finalPath}'`);
    }
  }

  override addPath(src: string, opts: AddPathOptions): string {
    // Like Nix: a path with the expected hash that is already present is used as is.
    if (opts.expectedSha256 !== undefined) {
      const expected = this.pathForHash(opts, opts.expectedSha256.toLowerCase());
      if (exists(expected)) return expected;
    }
    // Hashing and copying walk the tree twice; the filter is asked once per entry.
    return super.addPath(src, opts.filter ? { ...opts, filter: memoFilter(opts.filter) } : opts);
  }

  protected override materialisePath(src: string, opts: AddPathOptions, finalPath: string, sha256Hex: string): void {
    this.install(finalPath, (tmp) => {
      if (opts.recursive) copyTree(src, tmp, opts.filter);
      else copyFile(src, tmp, false);
      const copied = toHex(opts.recursive ? hashPath(tmp) : hashFile("sha256", tmp));
      if (copied !== sha256Hex) throw new NixError("io", `path '${src}' changed while it was being added to the store`);
    });
  }

  protected override materialiseText(finalPath: string, text: string): void {
    this.install(finalPath, (tmp) => {
      fs.writeFileSync(tmp, text, { mode: 0o444 });
      fs.chmodSync(tmp, 0o444);
      setCanonicalTime(tmp);
    });
  }
}
