/**
 * Store paths named during evaluation and written only once the evaluation
 * has succeeded — the way Nix evaluation names derivation outputs without
 * building them. Each entry's path is computed from a full description of its
 * contents (so an unchanged configuration names the same paths and writes
 * nothing), and `flush` materialises the missing ones in order, through the
 * private store's atomic `installOutput`. An evaluation that fails therefore
 * leaves no trace in the store; after `flush`, later paths are written at
 * once. Paths are computed against the store
 * directory as it will resolve (symbolic links in its existing ancestors
 * followed), whether or not it exists yet.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { isValidStorePathName, makeStorePath } from "../nix/store/paths.js";
import { HomeStore } from "../store/home-store.js";

/** A file in a text tree. */
export interface TreeFile {
  readonly text: string;
  readonly executable?: boolean;
}

interface Pending {
  readonly references: readonly string[];
  readonly build: (tmp: string) => void;
}

const VERSION = "hm-ts-deferred-1";

/** `realpath -m`: existing ancestors resolved, the missing rest kept as written. */
export function resolveMissing(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(resolveMissing(parent), path.basename(abs));
  }
}

/** Replace characters a store path name may not contain (`-` instead). */
export function safeStoreName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9+\-._?=]/g, "-").replace(/^\./, "_");
  return isValidStorePathName(cleaned) && cleaned !== "" ? cleaned : "unnamed";
}

export class DeferredStore {
  /** The store directory (resolved). */
  readonly storeDir: string;
  private readonly pending = new Map<string, Pending>();
  /** The description of every path named, as JSON (what the package layer searches for placeholders). */
  private readonly descriptions = new Map<string, string>();
  /** After the first flush (the evaluation succeeded), new paths are written at once. */
  private immediate = false;

  constructor(storeDir: string) {
    this.storeDir = resolveMissing(storeDir);
  }

  /** The path for `name` with this description; `build` fills it at flush time if it is missing. */
  add(name: string, description: unknown, build: (tmp: string) => void, references: readonly string[] = []): string {
    const text = JSON.stringify({ v: VERSION, description });
    const hash = createHash("sha256").update(text).digest("hex");
    const p = makeStorePath("output:out", hash, safeStoreName(name), this.storeDir);
    this.descriptions.set(p, text);
    if (!this.pending.has(p)) this.pending.set(p, { references, build });
    if (this.immediate) this.flush();
    return p;
  }

  /** A single text file (`writeTextFile` without `destination`). */
  textFile(name: string, text: string, executable: boolean): string {
    return this.add(name, { kind: "text", text, executable }, (tmp) => {
      fs.writeFileSync(tmp, text, { mode: executable ? 0o755 : 0o644 });
    });
  }

  /** A directory of text files (`writeTextFile` with `destination`, scripts in `bin/`, …). */
  textTree(name: string, files: Readonly<Record<string, TreeFile>>): string {
    const rels = Object.keys(files).sort();
    const description = { kind: "tree", files: rels.map((r) => [r, files[r]!.text, files[r]!.executable === true]) };
    return this.add(name, description, (tmp) => {
      fs.mkdirSync(tmp, { recursive: true });
      for (const rel of rels) {
        const f = files[rel]!;
        const target = path.join(tmp, rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, f.text, { mode: f.executable === true ? 0o755 : 0o644 });
      }
    });
  }

  /** A store entry that is a symbolic link to `target` (an out-of-store link). */
  symlink(name: string, target: string): string {
    return this.add(name, { kind: "symlink", target }, (tmp) => fs.symlinkSync(target, tmp));
  }

  /**
   * `text` followed by the descriptions of every path of this evaluation it
   * mentions, and of the paths those mention, and so on: what the outputs
   * rooted in `text` consist of (paths named but not used are left out).
   */
  closureText(text: string): string {
    const parts = [text];
    const seen = new Set<string>();
    const prefix = this.storeDir + "/";
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i]!;
      for (let at = t.indexOf(prefix); at >= 0; at = t.indexOf(prefix, at + 1)) {
        const m = /^[0-9a-z]{32}-[A-Za-z0-9+\-._?=]+/.exec(t.slice(at + prefix.length));
        if (m === null) continue;
        const p = prefix + m[0];
        if (seen.has(p)) continue;
        seen.add(p);
        const d = this.descriptions.get(p);
        if (d !== undefined) parts.push(d);
      }
    }
    return parts.join("\n");
  }

  /** Paths named in this evaluation and not yet written. */
  get size(): number {
    return this.pending.size;
  }

  /** Is this path one of ours, to be written at flush? */
  owns(p: string): boolean {
    return this.pending.has(p);
  }

  /**
   * Write every missing path, in the order they were named (so inputs come
   * before what merges them). From then on, paths are written as they are
   * named (for values read after the evaluation, by `repl` or `option`).
   */
  flush(): void {
    this.immediate = true;
    if (this.pending.size === 0) return;
    this.flushWhere(() => true);
    this.pending.clear();
  }

  /**
   * Write the missing paths whose description contains none of `exclude`
   * (and that take no such path as input), leaving the others unwritten:
   * between two passes of an evaluation, what Nix must read is written, but
   * nothing that mentions a package not resolved yet.
   */
  flushExcept(exclude: string): void {
    const skipped = new Set<string>();
    this.flushWhere((p, entry) => {
      const text = this.descriptions.get(p) ?? "";
      const ok = !text.includes(exclude) && !entry.references.some((r) => skipped.has(r));
      if (!ok) skipped.add(p);
      return ok;
    });
  }

  private flushWhere(keep: (p: string, entry: Pending) => boolean): void {
    let store: HomeStore | undefined;
    for (const [p, entry] of this.pending) {
      if (fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined || !keep(p, entry)) continue;
      store ??= HomeStore.open(this.storeDir);
      store.installOutput(p, entry.references, entry.build);
    }
  }
}
