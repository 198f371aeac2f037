/**
 * NAR (Nix ARchive) serialisation of a file-system tree, as `nix-store --dump`
 * produces it: `nix-archive-1`, then nested `( type … )` nodes for regular files
 * (with the executable bit), directories (entries sorted by name, bytewise) and
 * symlinks. Every token is a length-prefixed (u64 little-endian) string padded to
 * 8 bytes. Output is streamed into a sink (a hash) through a small buffer; file
 * contents are read in chunks, so no tree is ever held in memory. An optional
 * filter, called with the full path and type of every entry below the root,
 * excludes entries (and their children), as `builtins.path { filter }` does.
 */
import * as fs from "node:fs";
import { NixError } from "../errors.js";
import type { FileType } from "../io.js";
import { HashSink, type Hash, type HashAlgo } from "./hash.js";

export type PathFilter = (path: string, type: FileType) => boolean;

/** Anything NAR bytes can be streamed into (a `HashSink`, a collector, …). It must copy what it keeps. */
export interface ByteSink {
  update(data: Uint8Array): unknown;
}

const CHUNK = 65536;

/** Buffers small writes; large ones (file contents) go straight through. */
class NarWriter {
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  constructor(private readonly sink: ByteSink) {}

  flush(): void {
    if (this.pos > 0) this.sink.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  raw(data: Uint8Array): void {
    if (data.length > CHUNK - this.pos) {
      this.flush();
      if (data.length >= CHUNK) {
        this.sink.update(data);
        return;
      }
    }
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.raw(b);
  }

  pad(len: number): void {
    const rem = len % 8;
    if (rem !== 0) this.raw(Buffer.alloc(8 - rem));
  }

  str(s: string | Uint8Array): void {
    const b = typeof s === "string" ? Buffer.from(s, "utf8") : s;
    this.u64(b.length);
    this.raw(b);
    this.pad(b.length);
  }

  strs(...ss: string[]): void {
    for (const s of ss) this.str(s);
  }
}

/** Type of an lstat result in the words `builtins.readDir` and filters use. */
export function fileTypeOf(st: fs.Stats): FileType {
  if (st.isFile()) return "regular";
  if (st.isDirectory()) return "directory";
  if (st.isSymbolicLink()) return "symlink";
  return "unknown";
}

function isSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdfff;
}

/**
 * Byte-wise (UTF-8) comparison, as C++'s std::string ordering. UTF-8 order is code
 * point order, which differs from UTF-16 unit order only for surrogates: they
 * stand for code points above every BMP character.
 */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = isSurrogate(x);
    if (xs !== isSurrogate(y)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export interface TreeEntry {
  name: string;
  path: string;
  stat: fs.Stats;
  type: FileType;
}

/** The entries of a directory that pass the filter, sorted by name. */
export function listEntries(dir: string, filter?: PathFilter): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    const path = dir + "/" + name;
    const stat = fs.lstatSync(path);
    const type = fileTypeOf(stat);
    if (!filter || filter(path, type)) out.push({ name, path, stat, type });
  }
  return out.sort((x, y) => compareBytes(x.name, y.name));
}

/** Stream a file's `size` bytes into the writer, failing if it changed size meanwhile. */
function dumpContents(path: string, size: number, w: NarWriter): void {
  w.str("contents");
  w.u64(size);
  w.flush();
  const fd = fs.openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let left = size;
    while (left > 0) {
      const n = fs.readSync(fd, buf, 0, Math.min(left, CHUNK), null);
      if (n === 0) throw new NixError("io", `file '${path}' changed size while being read`);
      w.raw(buf.subarray(0, n));
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
  w.pad(size);
}

function dumpNode(path: string, st: fs.Stats, w: NarWriter, filter?: PathFilter): void {
  w.str("(");
  if (st.isFile()) {
    w.strs("type", "regular");
    if (st.mode & 0o100) w.strs("executable", "");
    dumpContents(path, st.size, w);
  } else if (st.isDirectory()) {
    w.strs("type", "directory");
    for (const e of listEntries(path, filter)) {
      w.strs("entry", "(", "name", e.name, "node");
      dumpNode(e.path, e.stat, w, filter);
      w.str(")");
    }
  } else if (st.isSymbolicLink()) {
    w.strs("type", "symlink", "target");
    w.str(fs.readlinkSync(path, { encoding: "buffer" }));
  } else {
    throw new NixError("io", `file '${path}' has an unsupported type`);
  }
  w.str(")");
}

/** Serialise the tree at `path` (not following a symlink at the root) into `sink`. */
export function dumpPath(path: string, sink: ByteSink, filter?: PathFilter): void {
  const w = new NarWriter(sink);
  w.str("nix-archive-1");
  dumpNode(path, fs.lstatSync(path), w, filter);
  w.flush();
}

/** The NAR of a single regular file with the given contents (Nix's `dumpString`). */
export function dumpString(contents: string | Uint8Array, sink: ByteSink): void {
  const w = new NarWriter(sink);
  w.strs("nix-archive-1", "(", "type", "regular", "contents");
  w.str(typeof contents === "string" ? Buffer.from(contents, "utf8") : contents);
  w.str(")");
  w.flush();
}

/** Hash of the NAR serialisation of a tree (`nix-hash --type algo path`). */
export function hashPath(path: string, algo: HashAlgo = "sha256", filter?: PathFilter): Hash {
  const sink = new HashSink(algo);
  dumpPath(path, sink, filter);
  return sink.finish();
}

/** The NAR bytes of a tree in memory (for tests and small trees only). */
export function narBytes(path: string, filter?: PathFilter): Buffer {
  const parts: Buffer[] = [];
  dumpPath(path, { update: (d) => parts.push(Buffer.from(d)) }, filter);
  return Buffer.concat(parts);
}
