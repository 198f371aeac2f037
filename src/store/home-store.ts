/**
 * The user-private store: a directory (mode 0700, `$XDG_STATE_HOME/home-manager/
 * store`) that holds every file a build produces, under content- or
 * input-addressed names `<store>/<hash>-<name>`. Leaves (sources, texts) go
 * through the existing `LocalStore`, so their paths are exactly what Nix would
 * compute for this store directory; outputs that we assemble (the link farm,
 * the profile, the generation) are named by the hash of a full description of
 * their inputs, like Nix derivation outputs, so an unchanged configuration maps
 * to the same path and is never rebuilt. Every entry is written under a
 * temporary name, made read-only (its root with mtime 1) and renamed into
 * place, so a path that exists is complete. Each output we assemble records its references in
 * `.refs/<basename>` (written before the rename; paths outside the store, like
 * host packages, are recorded too but never followed); paths without that
 * record are scanned for store paths when garbage collection needs them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { LocalStore, removeTree } from "../nix/store/local-store.js";
import { makeStorePath, isInStore, HASH_PART_LEN } from "../nix/store/paths.js";
import { NIX32_CHARS } from "../nix/store/hash.js";
import { ensurePrivateDir } from "./state-paths.js";

const REFS_DIR = ".refs";
const CANONICAL_TIME = 1;

/** A failure of the store layer, with a message meant for the user. */
export class StoreError extends Error {}

function lexists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Make a freshly built tree look like a store path: everything read-only, and
 * the root's mtime 1. With `filesReadOnly` the builder promises its files were
 * created read-only, so only directories are changed (on slow disks every
 * metadata write counts: a link farm has thousands of entries).
 */
export function canonicalise(p: string, filesReadOnly = false): void {
  const walk = (q: string, isDir: boolean): void => {
    if (!isDir) {
      if (!filesReadOnly) {
        const st = fs.lstatSync(q);
        if (st.isFile()) fs.chmodSync(q, st.mode & 0o100 ? 0o555 : 0o444);
      }
      return;
    }
    for (const e of fs.readdirSync(q, { withFileTypes: true })) walk(path.join(q, e.name), e.isDirectory());
    fs.chmodSync(q, 0o555);
  };
  walk(p, fs.lstatSync(p).isDirectory());
  fs.lutimesSync(p, CANONICAL_TIME, CANONICAL_TIME);
}

/** The first path component below the store directory (`<store>/<base>`), or undefined. */
export function storePathOf(p: string, storeDir: string): string | undefined {
  if (!isInStore(p, storeDir)) return undefined;
  const rest = p.slice(storeDir.length + 1);
  const slash = rest.indexOf("/");
  return path.join(storeDir, slash < 0 ? rest : rest.slice(0, slash));
}

export class HomeStore {
  /** The store directory with symlinks resolved (links point here). */
  readonly storeDir: string;
  private readonly local: LocalStore;

  private constructor(storeDir: string) {
    this.storeDir = storeDir;
    this.local = new LocalStore(storeDir);
  }

  /** Open (creating, mode 0700) the store at `dir`. */
  static open(dir: string): HomeStore {
    ensurePrivateDir(path.dirname(dir));
    ensurePrivateDir(dir);
    return new HomeStore(fs.realpathSync(dir));
  }

  /** Open an existing store without creating anything (read-only commands). */
  static openExisting(dir: string): HomeStore | undefined {
    try {
      return new HomeStore(fs.realpathSync(dir));
    } catch {
      return undefined;
    }
  }

  /** A text file, as `builtins.toFile` / `writeText` store it. */
  addText(name: string, text: string): string {
    return this.local.addText(name, text, []);
  }

  /** An executable text file (`writeTextFile { executable = true; }`). */
  addExecutableText(name: string, text: string): string {
    return this.addTree(name, (tmp) => {
      fs.writeFileSync(tmp, text, { mode: 0o755 });
      fs.chmodSync(tmp, 0o755);
    });
  }

  /** Copy a host file or tree into the store (`builtins.path`), NAR-hashed. */
  addSource(src: string, name: string): string {
    return this.local.addPath(src, { name, recursive: true });
  }

  /** Build a small tree at a temporary path, then add it by content. */
  addTree(name: string, build: (tmp: string) => void): string {
    const tmpDir = fs.mkdtempSync(path.join(this.storeDir, ".tmp-src-"));
    try {
      const tmp = path.join(tmpDir, "x");
      build(tmp);
      return this.local.addPath(tmp, { name, recursive: true });
    } finally {
      removeTree(tmpDir);
    }
  }

  /**
   * A small tree of text files (`writeTextFile { destination = …; }`), named
   * after its contents without writing anything when it already exists.
   */
  addTextTree(name: string, files: Readonly<Record<string, string>>): string {
    const rels = Object.keys(files).sort();
    const out = this.outputPath(name, JSON.stringify({ v: "hm-ts-text-tree-1", files: rels.map((r) => [r, files[r]]) }));
    this.installOutput(out, [], (tmp) => {
      for (const rel of rels) {
        fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
        fs.writeFileSync(path.join(tmp, rel), files[rel]!);
      }
    });
    return out;
  }

  /** The path an output named `name` with this full input description gets. */
  outputPath(name: string, description: string): string {
    const hash = crypto.createHash("sha256").update(description).digest("hex");
    return makeStorePath("output:out", hash, name, this.storeDir);
  }

  /** Does this store path exist (is it valid)? */
  has(p: string): boolean {
    return lexists(p);
  }

  /**
   * Materialise `finalPath` unless it exists: `build` fills a temporary
   * directory entry, which is made canonical, its references recorded, and
   * renamed into place.
   */
  installOutput(
    finalPath: string,
    references: readonly string[],
    build: (tmp: string) => void,
    opts: {
      filesReadOnly?: boolean;
      /**
       * After `build`: every directory of the tree relative to it ("" for the
       * root), when the builder knows them all and made its files read-only,
       * so that nothing needs walking; undefined to walk the tree.
       */
      knownDirs?: () => readonly string[] | undefined;
    } = {},
  ): void {
    if (lexists(finalPath)) return;
    const base = path.basename(finalPath);
    const tmp = path.join(this.storeDir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString("hex")}-${base.slice(0, HASH_PART_LEN)}`);
    try {
      build(tmp);
      const dirs = opts.knownDirs?.();
      if (dirs === undefined) canonicalise(tmp, opts.filesReadOnly ?? false);
      else {
        for (const d of dirs) fs.chmodSync(d === "" ? tmp : `${tmp}/${d}`, 0o555);
        fs.lutimesSync(tmp, CANONICAL_TIME, CANONICAL_TIME);
      }
      this.writeRefs(base, references);
      fs.renameSync(tmp, finalPath);
    } catch (e) {
      removeTree(tmp);
      if (lexists(finalPath)) return;
      throw e;
    }
  }

  private writeRefs(base: string, references: readonly string[]): void {
    const dir = path.join(this.storeDir, REFS_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const refs = [...new Set(references.map((r) => storePathOf(r, this.storeDir) ?? r))].sort();
    const tmp = path.join(dir, `.${base}.${process.pid}`);
    fs.writeFileSync(tmp, refs.map((r) => r + "\n").join(""));
    fs.renameSync(tmp, path.join(dir, base));
  }

  /** Recorded references of a path we assembled, or undefined if none were recorded. */
  recordedReferences(p: string): string[] | undefined {
    try {
      const text = fs.readFileSync(path.join(this.storeDir, REFS_DIR, path.basename(p)), "utf8");
      return text.split("\n").filter((l) => l !== "");
    } catch {
      return undefined;
    }
  }

  /** The store paths a path refers to: recorded, else found by scanning its contents. */
  references(p: string): string[] {
    const recorded = this.recordedReferences(p);
    return recorded === undefined ? this.scanReferences(p) : recorded.filter((r) => isInStore(r, this.storeDir));
  }

  /** Scan file contents and link targets for `<store>/<hash>-` occurrences. */
  scanReferences(p: string): string[] {
    const byHash = new Map<string, string>();
    for (const base of this.listBaseNames()) byHash.set(base.slice(0, HASH_PART_LEN), base);
    const found = new Set<string>();
    const needle = Buffer.from(this.storeDir + "/");
    const scan = (buf: Buffer): void => {
      for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) {
        const hash = buf.subarray(i + needle.length, i + needle.length + HASH_PART_LEN).toString("latin1");
        if (hash.length !== HASH_PART_LEN || [...hash].some((c) => !NIX32_CHARS.includes(c))) continue;
        const base = byHash.get(hash);
        if (base !== undefined) found.add(path.join(this.storeDir, base));
      }
    };
    const walk = (q: string): void => {
      const st = fs.lstatSync(q);
      if (st.isSymbolicLink()) scan(fs.readlinkSync(q, { encoding: "buffer" }));
      else if (st.isFile()) scan(fs.readFileSync(q));
      else if (st.isDirectory()) for (const name of fs.readdirSync(q)) walk(path.join(q, name));
    };
    try {
      walk(p);
    } catch {
      // A vanished or unreadable entry refers to nothing we can keep alive.
    }
    found.delete(p);
    return [...found].sort();
  }

  /** Base names of all store paths (no temporaries or bookkeeping). */
  listBaseNames(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.storeDir);
    } catch {
      return [];
    }
    return names.filter((n) => !n.startsWith(".")).sort();
  }

  /** Leftover temporaries of interrupted builds (only safe to remove under the lock). */
  listTemporaries(): string[] {
    try {
      return fs
        .readdirSync(this.storeDir)
        .filter((n) => n.startsWith(".tmp-"))
        .map((n) => path.join(this.storeDir, n));
    } catch {
      return [];
    }
  }

  /** Delete a store path and its record; returns the bytes freed (approximately). */
  deletePath(p: string): number {
    const bytes = treeSize(p);
    removeTree(p);
    fs.rmSync(path.join(this.storeDir, REFS_DIR, path.basename(p)), { force: true });
    return bytes;
  }

  /** Drop records whose path no longer exists. */
  pruneRecords(): void {
    const dir = path.join(this.storeDir, REFS_DIR);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) if (!lexists(path.join(this.storeDir, n))) fs.rmSync(path.join(dir, n), { force: true });
  }
}

function treeSize(p: string): number {
  try {
    const st = fs.lstatSync(p);
    if (!st.isDirectory()) return st.size;
    let total = 0;
    for (const name of fs.readdirSync(p)) total += treeSize(path.join(p, name));
    return total;
  } catch {
    return 0;
  }
}
