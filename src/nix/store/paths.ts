/**
 * Store path arithmetic, as Nix (2.8) does it. A store path is
 * `<storeDir>/<hash>-<name>` where `<hash>` is 32 characters of Nix base32: the
 * SHA-256 of `<type>:sha256:<inner hash hex>:<storeDir>:<name>` folded to 160
 * bits. The type says what the inner hash is of: `text[:ref…]` (builtins.toFile,
 * .drv files), `source[:ref…]` (recursive SHA-256 imports), `output:<id>`
 * (derivation outputs and other fixed-output paths). Also: name validation with
 * Nix's messages, and parsing a path back into hash part and name.
 */
import { posix } from "node:path";
import { NixError } from "../errors.js";
import { compressHash, encodeNix32, hashString, NIX32_CHARS, toHex, type HashAlgo } from "./hash.js";

export const DEFAULT_STORE_DIR = "/nix/store";

/** Length of the base32 hash part of a store path's base name. */
export const HASH_PART_LEN = 32;

/** Longest allowed name (the part after `<hash>-`). */
export const MAX_NAME_LEN = 211;

export const DRV_EXTENSION = ".drv";

/** How a fixed-output path's contents were hashed: the file itself, or its NAR. */
export type FileIngestionMethod = "flat" | "recursive";

function badStorePath(message: string): NixError {
  return new NixError("eval", message);
}

function isNameChar(c: string): boolean {
  return /^[0-9a-zA-Z+\-._?=]$/.test(c);
}

/**
 * Check the name part of a store path base name (`baseName` is only for the
 * message). Nix 2.8 accepts names starting with `.`; only characters, emptiness
 * and length are checked.
 */
export function checkStorePathName(baseName: string, name: string): void {
  if (name.length === 0) throw badStorePath(`store path '${baseName}' has an empty name`);
  if (Buffer.byteLength(name, "utf8") > MAX_NAME_LEN)
    throw badStorePath(`store path '${baseName}' has a name longer than ${MAX_NAME_LEN} characters`);
  for (const c of name) if (!isNameChar(c)) throw badStorePath(`store path '${baseName}' contains illegal character '${c}'`);
}

/** Is this a valid store path name (without throwing)? */
export function isValidStorePathName(name: string): boolean {
  try {
    checkStorePathName(name, name);
    return true;
  } catch {
    return false;
  }
}

/** `type:sha256:<hex>:<storeDir>:<name>` → `<storeDir>/<base32 of folded sha256>-<name>`. */
export function makeStorePath(type: string, innerHashHex: string, name: string, storeDir = DEFAULT_STORE_DIR): string {
  const s = `${type}:sha256:${innerHashHex}:${storeDir}:${name}`;
  const hashPart = encodeNix32(compressHash(hashString("sha256", s).bytes, 20));
  checkStorePathName(`${hashPart}-${name}`, name);
  return `${storeDir}/${hashPart}-${name}`;
}

/** Byte order of store paths (they are ASCII, so code-unit order is byte order). */
function sortedPaths(paths: Iterable<string>): string[] {
  return [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The type string with references appended: `text:/nix/store/a:/nix/store/b[:self]`. */
export function makeType(type: string, references: Iterable<string>, hasSelfReference = false): string {
  let s = type;
  for (const r of sortedPaths(references)) s += ":" + r;
  return hasSelfReference ? s + ":self" : s;
}

/** `builtins.toFile` and .drv files: `text` type over the SHA-256 of the contents. */
export function makeTextPath(
  name: string,
  sha256OfContentsHex: string,
  references: Iterable<string> = [],
  storeDir = DEFAULT_STORE_DIR,
): string {
  return makeStorePath(makeType("text", references), sha256OfContentsHex, name, storeDir);
}

/**
 * Content-addressed path of a file or tree with a known hash. Recursive SHA-256
 * (what `builtins.path` and path interpolation use) is a `source` path; anything
 * else is `output:out` over `fixed:out:[r:]<algo>:<hex>:`.
 */
export function makeFixedOutputPath(
  name: string,
  method: FileIngestionMethod,
  hashAlgo: HashAlgo,
  hashHex: string,
  references: Iterable<string> = [],
  storeDir = DEFAULT_STORE_DIR,
  hasSelfReference = false,
): string {
  if (method === "recursive" && hashAlgo === "sha256")
    return makeStorePath(makeType("source", references, hasSelfReference), hashHex, name, storeDir);
  if (sortedPaths(references).length > 0 || hasSelfReference)
    throw badStorePath(`fixed-output path '${name}' cannot have references unless it is recursive SHA-256`);
  const prefix = method === "recursive" ? "r:" : "";
  const inner = toHex(hashString("sha256", `fixed:out:${prefix}${hashAlgo}:${hashHex}:`));
  return makeStorePath("output:out", inner, name, storeDir);
}

/** Name of a derivation output's path: the derivation name, suffixed with `-<output>` unless `out`. */
export function outputPathName(drvName: string, outputName: string): string {
  return outputName === "out" ? drvName : `${drvName}-${outputName}`;
}

/** Path of an input-addressed output from the derivation's (masked) modulo hash. */
export function makeOutputPath(outputName: string, drvHashHex: string, drvName: string, storeDir = DEFAULT_STORE_DIR): string {
  return makeStorePath(`output:${outputName}`, drvHashHex, outputPathName(drvName, outputName), storeDir);
}

/** Does the name (or path) end in `.drv`? */
export function isDerivation(path: string): boolean {
  return path.endsWith(DRV_EXTENSION);
}

// ---------------------------------------------------------------- parsing

export interface ParsedStorePath {
  /** `<storeDir>/<hash>-<name>`, canonicalised. */
  path: string;
  /** The 32-character base32 hash part. */
  hashPart: string;
  name: string;
}

/** Nix's canonPath: absolute, no `.`/`..`, no repeated or trailing slashes. */
export function canonPath(path: string): string {
  const p = posix.normalize(path);
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

/** Check a base name `<hash>-<name>` as Nix's `StorePath` constructor does. */
export function parseBaseName(baseName: string): { hashPart: string; name: string } {
  if (baseName.length < HASH_PART_LEN + 1) throw badStorePath(`'${baseName}' is too short to be a valid store path`);
  const hashPart = baseName.slice(0, HASH_PART_LEN);
  for (const c of hashPart)
    if (!NIX32_CHARS.includes(c)) throw badStorePath(`store path '${baseName}' contains illegal base-32 character '${c}'`);
  const name = baseName.slice(HASH_PART_LEN + 1);
  checkStorePathName(baseName, name);
  return { hashPart, name };
}

/** Nix's `parseStorePath`: the path must be directly inside the store directory. */
export function parseStorePath(path: string, storeDir = DEFAULT_STORE_DIR): ParsedStorePath {
  const p = canonPath(path);
  if (posix.dirname(p) !== storeDir) throw badStorePath(`path '${p}' is not in the Nix store`);
  return { path: p, ...parseBaseName(posix.basename(p)) };
}

/** Is this exactly a (well-formed) store path? */
export function isStorePath(path: string, storeDir = DEFAULT_STORE_DIR): boolean {
  try {
    parseStorePath(path, storeDir);
    return true;
  } catch {
    return false;
  }
}

/** Is this path inside the store directory (a store path or something below one)? */
export function isInStore(path: string, storeDir = DEFAULT_STORE_DIR): boolean {
  return path.startsWith("/") && path.length >= storeDir.length + 2 && path.startsWith(storeDir + "/");
}

/** Split a path inside the store into its store path and the rest (`""` or `/sub/path`). */
export function toStorePath(path: string, storeDir = DEFAULT_STORE_DIR): [string, string] {
  if (!isInStore(path, storeDir)) throw badStorePath(`path '${path}' is not in the Nix store`);
  const slash = path.indexOf("/", storeDir.length + 1);
  if (slash < 0) return [parseStorePath(path, storeDir).path, ""];
  return [parseStorePath(path.slice(0, slash), storeDir).path, path.slice(slash)];
}

/** The name part of a store path (`<storeDir>/<hash>-<name>` → `<name>`). */
export function storePathName(path: string): string {
  return posix.basename(path).slice(HASH_PART_LEN + 1);
}
