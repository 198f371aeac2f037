/**
 * Conversions and measures of `lib.strings`: `toInt`, `toIntBase10`,
 * `floatToString`, `fixedWidthString`, `fixedWidthNumber`,
 * `sanitizeDerivationName`, and the edit-distance helpers `levenshtein`,
 * `levenshteinAtMost`, `commonPrefixLength`, `commonSuffixLength`.
 *
 * Numbers are parsed through `builtins.match` and `builtins.fromJSON` as in
 * nixpkgs, so accepted inputs and error messages agree; distances are
 * measured over UTF-8 bytes, as Nix's `substring` does.
 */
import { toByteString } from "../nix/builtins/regex.js";
import { eqValues } from "../nix/ops.js";
import { escapeNixStringPlain } from "./strings-escape.js";
import { fn, force, forceInt, interpolate, lazy, strOf, throwError, type Lazy, type LibContext, type Value } from "./prim.js";

function parseInt(ctx: LibContext, strL: Lazy, base10: boolean): Value {
  const { B } = ctx;
  const name = base10 ? "toIntBase10" : "toInt";
  const re = base10 ? "[[:space:]]*0*(-?[[:digit:]]+)[[:space:]]*" : "[[:space:]]*(-?[[:digit:]]+)[[:space:]]*";
  const m = B.call("match", re, strL);
  const general = () => throwError(`${name}: Could not convert ${escapeNixStringPlain(strOf(force(strL) as string))} to int.`);
  if (m === null) throw general();
  const digits = strOf(force((m as Lazy[])[0]!) as string);
  if (base10) {
    if (/^0+$/.test(digits)) return 0n;
  } else if (/^0[0-9]+$/.test(digits)) {
    throw throwError(
      `toInt: Ambiguity in interpretation of ${escapeNixStringPlain(strOf(force(strL) as string))} between octal and zero padded integer.`,
    );
  }
  const parsed = B.call("fromJSON", digits);
  if (typeof parsed !== "bigint") throw general();
  return parsed;
}

function fixedWidthString(ctx: LibContext, widthL: Lazy, fillerL: Lazy, strL: Lazy): Value {
  const { B } = ctx;
  let width = forceInt(widthL);
  const strw = B.call("stringLength", strL) as bigint;
  const fillerLen = B.call("stringLength", fillerL) as bigint;
  let k = 0;
  for (;;) {
    if (!(strw <= width)) {
      throw throwError(`fixedWidthString: requested string length (${width}) must not be shorter than actual length (${strw})`);
    }
    if (strw === width) break;
    k++;
    width -= fillerLen;
  }
  if (k === 0) return force(strL);
  const parts: Lazy[] = [];
  for (let i = 0; i < k; i++) parts.push(fillerL);
  parts.push(strL);
  return interpolate(ctx.st, ...parts);
}

function sanitizeDerivationName(ctx: LibContext, sL: Lazy): Value {
  const { B } = ctx;
  const len = B.call("stringLength", sL) as bigint;
  const s = force(sL);
  if (len <= 207n && B.call("match", "[[:alnum:]+_?=-][[:alnum:]+._?=-]*", s) !== null) return B.call("unsafeDiscardStringContext", s);
  let x = strOf(B.call("unsafeDiscardStringContext", s) as string);
  x = x.replace(/^\.*/, "");
  x = x.replace(/[^A-Za-z0-9+._?=-]+/g, "-");
  if (x.length > 207) x = x.slice(x.length - 207);
  return x.length === 0 ? "unknown" : x;
}

function bytesOf(ctx: LibContext, l: Lazy): string {
  return toByteString(strOf(ctx.B.call("toString", l) as string));
}

export function levenshteinBytes(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const c = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + c);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  const m = Math.min(a.length, b.length);
  let i = 0;
  while (i < m && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  const m = Math.min(a.length, b.length);
  let i = 0;
  while (i < m && a[a.length - i - 1] === b[b.length - i - 1]) i++;
  return i;
}

/** Nix's `substring start len s` on a byte string (len < 0: to the end). */
function sub(s: string, start: number, len: number): string {
  if (start >= s.length) return "";
  return len < 0 ? s.slice(start) : s.slice(start, start + len);
}

function infixAtMost2(x: string, y: string): boolean {
  const diff = x.length - y.length;
  const xinfix = sub(x, 1, x.length - 2);
  const yinfix = sub(y, 1, y.length - 2);
  const xdelr = sub(x, 0, x.length - 1);
  const xdell = sub(x, 1, x.length - 1);
  const ydelr = sub(y, 0, y.length - 1);
  const ydell = sub(y, 1, y.length - 1);
  if (diff === 2) return xinfix === y;
  if (diff === 1) return xinfix === ydelr || xinfix === ydell;
  return xinfix === yinfix || xdelr === ydell || xdell === ydelr;
}

/** `levenshteinAtMost k a b` with nixpkgs' shortcuts for k = 1 and 2. */
export function levenshteinAtMost(k: number, a0: string, b0: string): boolean {
  if (k <= 0) return a0 === b0;
  let a = a0;
  let b = b0;
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > k) return false;
  const pre = commonPrefix(a, b);
  const suf = commonSuffix(a, b);
  const ainfix = sub(a, pre, a.length - pre - suf);
  const binfix = sub(b, pre, b.length - pre - suf);
  if (k === 1) return ainfix.length <= 1 && binfix.length <= 1;
  if (k === 2) return infixAtMost2(ainfix, binfix);
  return levenshteinBytes(ainfix, binfix) <= k;
}

export function convertFunctions(ctx: LibContext): Record<string, Lazy> {
  const { B } = ctx;
  return {
    toInt: fn("lib.strings.toInt", 1, ([s]) => parseInt(ctx, s!, false)),
    toIntBase10: fn("lib.strings.toIntBase10", 1, ([s]) => parseInt(ctx, s!, true)),
    floatToString: fn("lib.strings.floatToString", 1, ([f]) => floatToStringChecked(ctx, f!)),
    fixedWidthString: fn("lib.strings.fixedWidthString", 3, ([w, f, s]) => fixedWidthString(ctx, w!, f!, s!)),
    fixedWidthNumber: fn("lib.strings.fixedWidthNumber", 2, ([w, n]) =>
      fixedWidthString(
        ctx,
        w!,
        "0",
        lazy(() => B.call("toString", n!)),
      ),
    ),
    sanitizeDerivationName: fn("lib.strings.sanitizeDerivationName", 1, ([s]) => sanitizeDerivationName(ctx, s!)),
    levenshtein: fn("lib.strings.levenshtein", 2, ([a, b]) => BigInt(levenshteinBytes(bytesOf(ctx, a!), bytesOf(ctx, b!)))),
    commonPrefixLength: fn("lib.strings.commonPrefixLength", 2, ([a, b]) => BigInt(commonPrefix(bytesOf(ctx, a!), bytesOf(ctx, b!)))),
    commonSuffixLength: fn("lib.strings.commonSuffixLength", 2, ([a, b]) => BigInt(commonSuffix(bytesOf(ctx, a!), bytesOf(ctx, b!)))),
    levenshteinAtMost: fn("lib.strings.levenshteinAtMost", 3, ([k, a, b]) =>
      levenshteinAtMost(Number(forceInt(k!)), bytesOf(ctx, a!), bytesOf(ctx, b!)),
    ),
  };
}

/** `sanitizeDerivationName` of a plain string. */
export function sanitizeName(ctx: LibContext, s: string): Value {
  return sanitizeDerivationName(ctx, s);
}

/** `floatToString`: `toString`, with a warning when reading it back is not exact. */
export function floatToStringChecked(ctx: LibContext, f: Lazy): Value {
  const result = ctx.B.call("toString", f);
  const back = ctx.B.call("fromJSON", result);
  if (!eqValues(f, back)) return ctx.B.call("warn", `Imprecise conversion from float to string ${strOf(result as string)}`, result);
  return result;
}
