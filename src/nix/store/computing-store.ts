/**
 * A store that only computes: every operation returns the store path Nix would
 * use (what `nix-instantiate --readonly-mode` prints) without writing anything.
 * Derivations instantiated through it are remembered so that later derivations
 * can depend on them; input derivations it has not seen are read from the store
 * directory if they exist there. Subclasses (the local store) write the results
 * through the `materialise*` hooks.
 */
import * as fs from "node:fs";
import { NixError } from "../errors.js";
import { hashFile, hashString, toHex } from "./hash.js";
import { hashPath } from "./nar.js";
import { DerivationRegistry } from "./derivation.js";
import { DEFAULT_STORE_DIR, isInStore, isStorePath, makeFixedOutputPath, makeTextPath, type FileIngestionMethod } from "./paths.js";
import type { AddPathOptions, Derivation, Store } from "./store.js";

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
}

/** Rethrow a node:fs error as a Nix-style I/O error; anything else (filter errors) unchanged. */
export function rethrowIo(e: unknown, what: string): never {
  if (!isErrno(e)) throw e;
  const reasons: Record<string, string> = {
    ENOENT: "No such file or directory",
    EACCES: "Permission denied",
    ENOTDIR: "Not a directory",
    EISDIR: "Is a directory",
  };
  throw new NixError("io", `${what}: ${reasons[e.code!] ?? e.message}`);
}

/** SHA-256 (hex) of what `addPath` stores: the NAR of the tree, or the file itself. */
export function contentHash(src: string, opts: AddPathOptions): string {
  let st: fs.Stats;
  try {
    st = opts.recursive ? fs.lstatSync(src) : fs.statSync(src);
  } catch (e) {
    rethrowIo(e, `getting status of '${src}'`);
  }
  if (!opts.recursive && !st.isFile()) throw new NixError("io", `'${src}' is not a regular file`);
  try {
    return toHex(opts.recursive ? hashPath(src, "sha256", opts.filter) : hashFile("sha256", src));
  } catch (e) {
    rethrowIo(e, `reading '${src}'`);
  }
}

export class ComputingStore implements Store {
  readonly storeDir: string;
  /** Derivations instantiated so far, with their modulo hashes. */
  readonly derivations: DerivationRegistry;

  constructor(storeDir: string = DEFAULT_STORE_DIR) {
    this.storeDir = storeDir;
    this.derivations = new DerivationRegistry(storeDir, (p) => this.loadDerivationText(p));
  }

  /** The path `addPath` would produce for contents with the given SHA-256. */
  protected pathForHash(opts: AddPathOptions, sha256Hex: string): string {
    const method: FileIngestionMethod = opts.recursive ? "recursive" : "flat";
    return makeFixedOutputPath(opts.name, method, "sha256", sha256Hex, [], this.storeDir);
  }

  addPath(src: string, opts: AddPathOptions): string {
    const hash = contentHash(src, opts);
    const path = this.pathForHash(opts, hash);
    if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== hash)
      throw new NixError("eval", `store path mismatch in (possibly filtered) path added from '${src}'`);
    this.materialisePath(src, opts, path, hash);
    return path;
  }

  addText(name: string, text: string, references: string[]): string {
    const path = makeTextPath(name, toHex(hashString("sha256", text)), references, this.storeDir);
    this.materialiseText(path, text);
    return path;
  }

  writeDerivation(drv: Derivation): string {
    const written = this.derivations.add(drv);
    this.materialiseText(written.drvPath, written.text);
    return written.drvPath;
  }

  isStorePath(path: string): boolean {
    return isInStore(path, this.storeDir);
  }

  /** A derivation by .drv path (instantiated in this evaluation or present on disk). */
  readDerivation(drvPath: string): Derivation | undefined {
    return this.derivations.read(drvPath);
  }

  /** The .drv text of a derivation instantiated in this evaluation. */
  derivationText(drvPath: string): string | undefined {
    return this.derivations.get(drvPath)?.text;
  }

  /** Read an input derivation this evaluation did not produce (only from the store directory). */
  protected loadDerivationText(drvPath: string): string | undefined {
    if (!isStorePath(drvPath, this.storeDir)) return undefined;
    try {
      return fs.readFileSync(drvPath, "utf8");
    } catch {
      return undefined;
    }
  }

  /** Hook: make `path` hold the (filtered) contents of `src`. Nothing here. */
  protected materialisePath(_src: string, _opts: AddPathOptions, _path: string, _sha256Hex: string): void {}

  /** Hook: make `path` a file with this text. Nothing here. */
  protected materialiseText(_path: string, _text: string): void {}
}
