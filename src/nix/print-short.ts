/**
 * Printing values for people: the short, never-forcing form used inside error
 * messages (`expected a set but found an integer: 1`), plus the literal
 * helpers (`printLiteralString`, `formatFloat`, `printIdentifier`) that every
 * printer shares. Nothing here forces a thunk or can throw.
 */
import type { Lazy, Value } from "./values.js";
import { Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, Thunk } from "./values.js";
import { formatPos } from "./source.js";

/** A string literal with Nix's escapes (`"`, `\`, newline, CR, tab, `${`). */
export function printLiteralString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "$" && s[i + 1] === "{") out += "\\$";
    else out += c;
  }
  return out + '"';
}

const KEYWORDS = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"]);

/** An attribute name, quoted when it is not a plain identifier. */
export function printIdentifier(s: string): string {
  if (s === "") return '""';
  if (KEYWORDS.has(s)) return `"${s}"`;
  if (/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(s)) return s;
  return printLiteralString(s);
}

/**
 * Round |x| to `p` significant digits the way glibc's printf does: from the
 * exact binary value, ties to even. Returns the digits and the decimal exponent.
 */
function roundSignificant(x: number, p: number): { digits: string; exp: number } {
  // 100 significant digits hold the exact value of every double in printable range.
  const [mant, ex] = Math.abs(x).toExponential(99).split("e") as [string, string];
  const all = mant.replace(".", "");
  let exp = Number(ex);
  const head = all.slice(0, p);
  const rest = all.slice(p);
  let up = false;
  if (rest[0]! > "5") up = true;
  else if (rest[0] === "5") up = /[1-9]/.test(rest.slice(1)) || Number(head[head.length - 1]) % 2 === 1;
  if (!up) return { digits: head, exp };
  const n = (BigInt(head) + 1n).toString();
  if (n.length > p) {
    exp++;
    return { digits: n.slice(0, p), exp };
  }
  return { digits: n, exp };
}

/** A float as C++ `ostream << double` prints it (`%g` with 6 significant digits). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const { digits, exp } = roundSignificant(x, 6);
  const trim = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= 6) {
    const m = trim(digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  let body: string;
  if (exp >= 0) body = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  else body = "0." + "0".repeat(-exp - 1) + digits;
  return sign + trim(body);
}

/** Short printing for error messages: bounded depth and size, never forces. */
export function printValueShort(v: Lazy, depth = 0): string {
  if (v instanceof Thunk) {
    const w = v.peek();
    return w === undefined ? "«thunk»" : printValueShort(w, depth);
  }
  return printShort(v, depth);
}

function printShort(v: Value, depth: number): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
    case "number":
      return formatFloat(v);
    case "string":
      return printLiteralString(v.length > 1024 ? v.slice(0, 1024) : v);
  }
  if (v instanceof NixString) return printLiteralString(v.s);
  if (v instanceof NixPath) return v.path;
  if (Array.isArray(v)) {
    if (depth >= 10) return "[ ... ]";
    if (v.length === 0) return "[ ]";
    const items = v.slice(0, 10).map((x) => printValueShort(x, depth + 1));
    if (v.length > 10) items.push(`«${v.length - 10} items elided»`);
    return `[ ${items.join(" ")} ]`;
  }
  if (v instanceof NixAttrs) {
    if (depth >= 10) return "{ ... }";
    if (v.size === 0) return "{ }";
    const names = v.sortedNames();
    const parts = names.slice(0, 10).map((n) => `${printIdentifier(n)} = ${printValueShort(v.get(n)!, depth + 1)};`);
    if (names.length > 10) parts.push(`«${names.length - 10} attributes elided»`);
    return `{ ${parts.join(" ")} }`;
  }
  if (v instanceof Lambda) {
    const name = v.impl.name ? ` ${v.impl.name}` : "";
    return `«lambda${name} @ ${formatPos(v.node.span)}»`;
  }
  if (v instanceof PrimOp) return `«primop ${v.name}»`;
  if (v instanceof PrimOpApp) return `«partially applied primop ${v.op.name}»`;
  return "«unknown»";
}
