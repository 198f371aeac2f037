/**
 * Mozilla's `mozlz4` container, used by Firefox for `search.json.mozlz4`:
 * the 8-byte magic `mozLz40\0`, the decompressed size as a 32-bit
 * little-endian integer, then one LZ4 block (the raw block format, no frame).
 * `compressMozLz4` writes such a file with a small greedy LZ4 compressor
 * (4-byte hash table, matches of at least 4 bytes within 64 KiB, the block's
 * end-of-block rules kept: the last 5 bytes are literals and no match starts
 * in the last 12); `decompressMozLz4` reads one back (for tests and tools).
 */

const MAGIC = Buffer.from("mozLz40\0", "latin1");
const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const MAX_OFFSET = 0xffff;
const HASH_BITS = 16;

/** Append an LZ4 length continuation (the part of a length above 15) as 255-runs and a final byte. */
function pushLength(out: number[], rest: number): void {
  let n = rest;
  while (n >= 255) {
    out.push(255);
    n -= 255;
  }
  out.push(n);
}

/** Emit one sequence: literals `src[from, to)`, then (unless last) a match of `matchLen` bytes `offset` back. */
function pushSequence(out: number[], src: Uint8Array, from: number, to: number, offset: number, matchLen: number): void {
  const lit = to - from;
  const ml = matchLen - MIN_MATCH;
  const token = (Math.min(lit, 15) << 4) | (matchLen > 0 ? Math.min(ml, 15) : 0);
  out.push(token);
  if (lit >= 15) pushLength(out, lit - 15);
  for (let i = from; i < to; i++) out.push(src[i]!);
  if (matchLen === 0) return;
  out.push(offset & 0xff, offset >>> 8);
  if (ml >= 15) pushLength(out, ml - 15);
}

function read32(src: Uint8Array, i: number): number {
  return (src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24)) >>> 0;
}

function hash32(v: number): number {
  return Math.imul(v, 2654435761) >>> (32 - HASH_BITS);
}

/** Compress `src` into one LZ4 block. */
export function compressLz4Block(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const n = src.length;
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  let anchor = 0;
  let i = 0;
  while (i + MF_LIMIT < n) {
    const seq = read32(src, i);
    const h = hash32(seq);
    const ref = table[h]!;
    table[h] = i;
    if (ref < 0 || i - ref > MAX_OFFSET || read32(src, ref) !== seq) {
      i++;
      continue;
    }
    let len = MIN_MATCH;
    while (i + len < n - LAST_LITERALS && src[ref + len] === src[i + len]) len++;
    pushSequence(out, src, anchor, i, i - ref, len);
    i += len;
    anchor = i;
  }
  pushSequence(out, src, anchor, n, 0, 0);
  return Uint8Array.from(out);
}

/** Read a length continuation starting at `pos`; returns [added length, next position]. */
function readLength(src: Uint8Array, pos: number): [number, number] {
  let n = 0;
  let p = pos;
  for (;;) {
    if (p >= src.length) throw new Error("mozlz4: truncated length");
    const b = src[p++]!;
    n += b;
    if (b !== 255) return [n, p];
  }
}

/** Decompress one LZ4 block of known decompressed `size`. */
export function decompressLz4Block(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  let p = 0;
  while (p < src.length) {
    const token = src[p++]!;
    let lit = token >>> 4;
    if (lit === 15) {
      const [more, next] = readLength(src, p);
      lit += more;
      p = next;
    }
    if (o + lit > size || p + lit > src.length) throw new Error("mozlz4: literal run out of bounds");
    out.set(src.subarray(p, p + lit), o);
    o += lit;
    p += lit;
    if (p >= src.length) break;
    const offset = src[p]! | (src[p + 1]! << 8);
    p += 2;
    if (offset === 0 || offset > o) throw new Error("mozlz4: bad match offset");
    let ml = token & 15;
    if (ml === 15) {
      const [more, next] = readLength(src, p);
      ml += more;
      p = next;
    }
    ml += MIN_MATCH;
    if (o + ml > size) throw new Error("mozlz4: match out of bounds");
    for (let k = 0; k < ml; k++, o++) out[o] = out[o - offset]!;
  }
  if (o !== size) throw new Error(`mozlz4: expected ${size} bytes but got ${o}`);
  return out;
}

/** The `mozlz4` file of `data`. */
export function compressMozLz4(data: Uint8Array): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([MAGIC, size, compressLz4Block(data)]);
}

/** The contents of a `mozlz4` file. */
export function decompressMozLz4(file: Uint8Array): Buffer {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 12 || !buf.subarray(0, 8).equals(MAGIC)) throw new Error("mozlz4: not a mozLz4 file (bad magic)");
  return Buffer.from(decompressLz4Block(buf.subarray(12), buf.readUInt32LE(8)));
}
