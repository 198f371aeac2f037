/**
 * Nix's package-name and version rules (libstore's names.cc), used by
 * `parseDrvName`, `compareVersions` and `splitVersion`:
 *
 * - a derivation name splits at the first `-` not followed by a letter;
 * - a version is a sequence of components separated by `.` and `-`; a
 *   component is a maximal run of digits or a maximal run of other
 *   characters;
 * - components compare numerically when both are numbers (that fit a C
 *   `int`), `pre` sorts before everything, an empty component sorts before a
 *   number, a number sorts after a word, and words compare byte-wise.
 */
import { compareStrings } from "../values.js";

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `{ name, version }` of a derivation name such as `hello-2.10`. */
export function parseDrvName(s: string): { name: string; version: string } {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x2d && i + 1 < s.length && !isAlpha(s.charCodeAt(i + 1))) {
      return { name: s.slice(0, i), version: s.slice(i + 1) };
    }
  }
  return { name: s, version: "" };
}

function isSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2d;
}

/** The next component of `v` from `pos`: [component, position after it]. "" at the end. */
export function nextComponent(v: string, pos: number): [string, number] {
  let p = pos;
  while (p < v.length && isSeparator(v.charCodeAt(p))) p++;
  if (p >= v.length) return ["", p];
  const start = p;
  if (isDigit(v.charCodeAt(p))) {
    while (p < v.length && isDigit(v.charCodeAt(p))) p++;
  } else {
    while (p < v.length && !isDigit(v.charCodeAt(p)) && !isSeparator(v.charCodeAt(p))) p++;
  }
  return [v.slice(start, p), p];
}

/** The components of a version string. */
export function splitVersion(v: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < v.length) {
    const [c, next] = nextComponent(v, pos);
    if (c === "") break;
    out.push(c);
    pos = next;
  }
  return out;
}

const INT_MAX = 2147483647;

/** A component as a C `int`, or null (not all digits, empty, or too large). */
function asInt(c: string): number | null {
  if (c === "" || !isDigit(c.charCodeAt(0))) return null;
  const n = Number(c);
  return n <= INT_MAX ? n : null;
}

function componentLess(c1: string, c2: string): boolean {
  const n1 = asInt(c1);
  const n2 = asInt(c2);
  if (n1 !== null && n2 !== null) return n1 < n2;
  if (c1 === "" && n2 !== null) return true;
  if (c1 === "pre" && c2 !== "pre") return true;
  if (c2 === "pre") return false;
  // `2.3a` < `2.3.1`.
  if (n2 !== null) return true;
  if (n1 !== null) return false;
  return compareStrings(c1, c2) < 0;
}

/** -1, 0 or 1 as `builtins.compareVersions`. */
export function compareVersions(v1: string, v2: string): number {
  let p1 = 0;
  let p2 = 0;
  while (p1 < v1.length || p2 < v2.length) {
    const [c1, n1] = nextComponent(v1, p1);
    const [c2, n2] = nextComponent(v2, p2);
    p1 = n1;
    p2 = n2;
    if (componentLess(c1, c2)) return -1;
    if (componentLess(c2, c1)) return 1;
  }
  return 0;
}
