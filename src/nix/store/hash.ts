/**
 * Hashes as Nix handles them: the four algorithms Nix 2.x knows (md5, sha1,
 * sha256, sha512, all through node:crypto), the four printed forms (base16, Nix's
 * own base32, base64 and SRI `algo-base64`), parsing a hash given in any of those
 * forms with or without an `algo:` prefix (with Nix's error messages), and
 * `compressHash`, the XOR folding used to shorten store path hashes to 160 bits.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { NixError } from "../errors.js";

export type HashAlgo = "md5" | "sha1" | "sha256" | "sha512";

/** Printed forms. `nix32` is Nix's base32 (called `base32` before Nix 2.20). */
export type HashFormat = "base16" | "nix32" | "base64" | "sri";

/** A digest together with its algorithm. */
export interface Hash {
  readonly algo: HashAlgo;
  readonly bytes: Buffer;
}

export const HASH_ALGOS: readonly HashAlgo[] = ["md5", "sha1", "sha256", "sha512"];

const SIZES: Record<HashAlgo, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };

/** Nix's base32 alphabet: digits and lower-case letters without e, o, u, t. */
export const NIX32_CHARS = "0123456789abcdfghijklmnpqrsvwxyz";

const NIX32_VALUES: ReadonlyMap<string, number> = new Map([...NIX32_CHARS].map((c, i) => [c, i]));

function badHash(message: string): NixError {
  return new NixError("eval", message);
}

/** Digest size in bytes. */
export function hashSize(algo: HashAlgo): number {
  return SIZES[algo];
}

export function parseHashAlgoOpt(s: string): HashAlgo | undefined {
  return s === "md5" || s === "sha1" || s === "sha256" || s === "sha512" ? s : undefined;
}

/** `unknown hash algorithm 'x'` for anything but the four known names. */
export function parseHashAlgo(s: string): HashAlgo {
  const algo = parseHashAlgoOpt(s);
  if (!algo) throw badHash(`unknown hash algorithm '${s}'`);
  return algo;
}

/** Format names as `builtins.convertHash` accepts them (`base32` is an alias of `nix32`). */
export function parseHashFormat(s: string): HashFormat {
  if (s === "base16" || s === "nix32" || s === "base64" || s === "sri") return s;
  if (s === "base32") return "nix32";
  throw badHash(`unknown hash format '${s}', expect 'base16', 'base32', 'base64', or 'sri'`);
}

// ---------------------------------------------------------------- computing

/** An incremental hasher (Nix's HashSink). */
export class HashSink {
  private readonly h: crypto.Hash;
  /** Number of bytes fed so far. */
  bytes = 0;
  constructor(readonly algo: HashAlgo) {
    this.h = crypto.createHash(algo);
  }
  update(data: string | Uint8Array): this {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.bytes += buf.length;
    this.h.update(buf);
    return this;
  }
  finish(): Hash {
    return { algo: this.algo, bytes: this.h.digest() };
  }
}

/** Hash of a string (UTF-8) or bytes. */
export function hashString(algo: HashAlgo, data: string | Uint8Array): Hash {
  return new HashSink(algo).update(data).finish();
}

/** Hash of a file's contents, read in chunks. */
export function hashFile(algo: HashAlgo, path: string): Hash {
  const sink = new HashSink(algo);
  feedFile(path, sink);
  return sink.finish();
}

/** Feed a file's contents into a sink without reading it whole. */
export function feedFile(path: string, sink: { update(data: Uint8Array): unknown }): void {
  const fd = fs.openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(65536);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      sink.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Fold a digest to `newSize` bytes by XOR (byte i goes to i mod newSize). */
export function compressHash(bytes: Uint8Array, newSize: number): Buffer {
  const out = Buffer.alloc(newSize);
  for (let i = 0; i < bytes.length; i++) out[i % newSize]! ^= bytes[i]!;
  return out;
}

// ---------------------------------------------------------------- encodings

export function base16Len(size: number): number {
  return size * 2;
}

export function nix32Len(size: number): number {
  return Math.floor((size * 8 - 1) / 5) + 1;
}

export function base64Len(size: number): number {
  return (Math.floor((4 * size) / 3) + 3) & ~3;
}

export function encodeBase16(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Nix base32: the digest read as a little-endian number, printed most significant digit first. */
export function encodeNix32(bytes: Uint8Array): string {
  if (bytes.length === 0) return "";
  const len = nix32Len(bytes.length);
  let s = "";
  for (let n = len - 1; n >= 0; n--) {
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    const lo = bytes[i]! >> j;
    const hi = i + 1 < bytes.length ? bytes[i + 1]! << (8 - j) : 0;
    s += NIX32_CHARS[(lo | hi) & 0x1f];
  }
  return s;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Decode hex; undefined on a bad digit. */
function decodeBase16(s: string): Buffer | undefined {
  if (!/^[0-9a-fA-F]*$/.test(s) || s.length % 2 !== 0) return undefined;
  return Buffer.from(s, "hex");
}

/** Decode Nix base32 into `size` bytes; undefined on a bad digit or overflow. */
function decodeNix32(s: string, size: number): Buffer | undefined {
  const out = Buffer.alloc(size);
  for (let n = 0; n < s.length; n++) {
    const digit = NIX32_VALUES.get(s[s.length - n - 1]!);
    if (digit === undefined) return undefined;
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    out[i]! |= (digit << j) & 0xff;
    const carry = digit >> (8 - j);
    if (i < size - 1) out[i + 1]! |= carry;
    else if (carry !== 0) return undefined;
  }
  return out;
}

const BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUES: ReadonlyMap<string, number> = new Map([...BASE64_CHARS].map((c, i) => [c, i]));

/** Nix's lenient base64 decoder: stops at `=`, skips newlines, rejects other characters. */
export function decodeBase64(s: string): Buffer {
  const out: number[] = [];
  let d = 0;
  let bits = 0;
  for (const c of s) {
    if (c === "=") break;
    if (c === "\n") continue;
    const digit = BASE64_VALUES.get(c);
    if (digit === undefined) throw badHash(`invalid character in Base64 string: '${c}'`);
    bits += 6;
    d = ((d << 6) | digit) & 0xffffff;
    if (bits >= 8) {
      out.push((d >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------- printing

/** Nix's `Hash::to_string`: SRI always carries the algorithm; others only when asked. */
export function printHash(hash: Hash, format: HashFormat, includeAlgo = false): string {
  const prefix = format === "sri" ? `${hash.algo}-` : includeAlgo ? `${hash.algo}:` : "";
  switch (format) {
    case "base16":
      return prefix + encodeBase16(hash.bytes);
    case "nix32":
      return prefix + encodeNix32(hash.bytes);
    case "base64":
    case "sri":
      return prefix + encodeBase64(hash.bytes);
  }
}

/** Lower-case hex of a digest. */
export function toHex(hash: Hash): string {
  return encodeBase16(hash.bytes);
}

// ---------------------------------------------------------------- parsing

/** Split `algo:rest` or `algo-rest`; the algorithm must then be known. */
function splitAlgo(s: string): { algo?: HashAlgo; rest: string; sri: boolean } {
  const colon = s.indexOf(":");
  if (colon >= 0) return { algo: parseHashAlgo(s.slice(0, colon)), rest: s.slice(colon + 1), sri: false };
  const dash = s.indexOf("-");
  if (dash >= 0) return { algo: parseHashAlgo(s.slice(0, dash)), rest: s.slice(dash + 1), sri: true };
  return { rest: s, sri: false };
}

/** Decode the part after any prefix, choosing the encoding by length as Nix does. */
export function parseHashBody(rest: string, algo: HashAlgo, sri: boolean): Hash {
  const size = hashSize(algo);
  if (!sri && rest.length === base16Len(size)) {
    const bytes = decodeBase16(rest);
    if (!bytes) throw badHash(`invalid base-16 hash '${rest}'`);
    return { algo, bytes };
  }
  if (!sri && rest.length === nix32Len(size)) {
    const bytes = decodeNix32(rest, size);
    if (!bytes) throw badHash(`invalid base-32 hash '${rest}'`);
    return { algo, bytes };
  }
  if (sri || rest.length === base64Len(size)) {
    const bytes = decodeBase64(rest);
    if (bytes.length !== size) throw badHash(`invalid ${sri ? "SRI" : "base-64"} hash '${rest}'`);
    return { algo, bytes };
  }
  throw badHash(`hash '${rest}' has wrong length for hash type '${algo}'`);
}

/**
 * Nix's `Hash::parseAny`: `algo:…`, `algo-…` (SRI) or a bare hash whose algorithm
 * comes from `algo`; when both are given they must agree.
 */
export function parseHash(s: string, algo?: HashAlgo): Hash {
  const split = splitAlgo(s);
  if (!split.algo && !algo) throw badHash(`hash '${split.rest}' does not include a type, nor is the type otherwise known from context`);
  if (split.algo && algo && split.algo !== algo) throw badHash(`hash '${s}' should have type '${algo}'`);
  return parseHashBody(split.rest, (split.algo ?? algo)!, split.sri);
}

/** Nix's `Hash::parseAnyPrefixed`: the string itself must name the algorithm. */
export function parseHashPrefixed(s: string): Hash {
  const split = splitAlgo(s);
  if (!split.algo) throw badHash(`hash '${split.rest}' does not include a type`);
  return parseHashBody(split.rest, split.algo, split.sri);
}

/** Nix's `Hash::parseSRI`: exactly `algo-base64`. */
export function parseSRI(s: string): Hash {
  const dash = s.indexOf("-");
  if (dash < 0) throw badHash(`hash '${s}' is not SRI`);
  return parseHashBody(s.slice(dash + 1), parseHashAlgo(s.slice(0, dash)), true);
}

/**
 * `newHashAllowEmpty` (used for `outputHash`): an empty string means the all-zero
 * hash of the given algorithm, with a warning.
 */
export function parseHashAllowEmpty(s: string, algo: HashAlgo | undefined, warn?: (msg: string) => void): Hash {
  if (s !== "") return parseHash(s, algo);
  if (!algo) throw badHash("empty hash requires explicit hash type");
  const hash: Hash = { algo, bytes: Buffer.alloc(hashSize(algo)) };
  warn?.(`found empty hash, assuming '${printHash(hash, "sri")}'`);
  return hash;
}

/** Hex digest → Hash, checking the length against the algorithm. */
export function hashFromHex(algo: HashAlgo, hex: string): Hash {
  const bytes = hex.length === base16Len(hashSize(algo)) ? decodeBase16(hex) : undefined;
  if (!bytes) throw badHash(`invalid base-16 ${algo} hash '${hex}'`);
  return { algo, bytes };
}
