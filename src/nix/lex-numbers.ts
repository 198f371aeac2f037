/**
 * Number literals for the lexer: the flex rule for floats, and the values of
 * integer and float tokens with Nix's range checks (an integer above 2^63-1, an
 * infinite float, or one that underflows to a subnormal or zero while written
 * with a non-zero digit, is a lexical error). Pure functions over the source
 * text; the lexer turns a `null` value into the error.
 */

const INT64_MAX = 9223372036854775807n;
const DBL_MIN = 2.2250738585072014e-308;
/** Shared BigInts for small integer literals (most literals are small; BigInts are immutable). */
const SMALL_INTS: bigint[] = [];
for (let n = 0; n < 256; n++) SMALL_INTS.push(BigInt(n));

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i); // NaN past the end
  return c >= 48 && c <= 57;
}

/** `(([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?` at p; returns the match length or 0. */
export function matchFloat(text: string, p: number): number {
  let i = p;
  const c = text.charCodeAt(i);
  if (c >= 49 && c <= 57) {
    i++;
    while (isDigit(text, i)) i++;
    if (text.charCodeAt(i) !== 46) return 0;
    i++;
    while (isDigit(text, i)) i++;
  } else {
    if (c === 48) i++;
    if (text.charCodeAt(i) !== 46 || !isDigit(text, i + 1)) return 0;
    i += 2;
    while (isDigit(text, i)) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 69 || e === 101) {
    let j = i + 1;
    const s = text.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(text, j)) {
      j++;
      while (isDigit(text, j)) j++;
      i = j;
    }
  }
  return i - p;
}

/** The value of the digits `text[p, end)`, or null when above the 64-bit range. */
export function intValue(text: string, p: number, end: number): bigint | null {
  if (end - p <= 15) {
    // Exact as a double: no slice, and a shared BigInt when small.
    let n = 0;
    for (let i = p; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
    return n < 256 ? SMALL_INTS[n]! : BigInt(n);
  }
  const v = BigInt(text.slice(p, end));
  return v > INT64_MAX ? null : v;
}

/** The value of the float literal `s`, or null when it is out of range. */
export function floatValue(s: string): number | null {
  const v = Number(s);
  const underflow = Math.abs(v) < DBL_MIN && /[1-9]/.test(s.replace(/[eE].*$/, ""));
  return !Number.isFinite(v) || underflow ? null : v;
}
