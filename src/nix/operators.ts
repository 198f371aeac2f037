/**
 * The arithmetic, concatenation and comparison operators: `+` on numbers,
 * strings and paths, `-` `*` `/` with int64 overflow and division-by-zero
 * errors, `<` via `compareValues`, and string interpolation (`"a${b}"`,
 * `./a/${b}`), which merges contexts and copies paths to the store.
 */
import { coerceToString, type CoercionHost } from "./coerce.js";
import { NixError } from "./errors.js";
import { lessThanValues } from "./builtins/arith.js";
import { checkInt } from "./ops.js";
import { printValueShort } from "./print-short.js";
import { canonPath } from "./paths.js";
import type { Span } from "./source.js";
import { mkString, NixPath, NixString, showType, type Code, type Env, type Value } from "./values.js";

export function arith(op: "-" | "*" | "/", a: Value, b: Value, s?: Span): Value {
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "-":
        return checkInt(a - b, "subtracting", a, b, s);
      case "*":
        return checkInt(a * b, "multiplying", a, b, s);
      case "/":
        if (b === 0n) throw new NixError("eval", "division by zero", s);
        return checkInt(a / b, "dividing", a, b, s);
    }
  }
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        if (y === 0) throw new NixError("eval", "division by zero", s);
        return x / y;
    }
  }
  const bad = typeof a === "bigint" || typeof a === "number" ? b : a;
  throw new NixError("type", `expected an integer but found ${showType(bad)}: ${printValueShort(bad)}`, s);
}

/** `a + b` for numbers, strings (with context) and paths. */
export function addValues(host: CoercionHost, a: Value, b: Value, s?: Span): Value {
  if (typeof a === "bigint" && typeof b === "bigint") return checkInt(a + b, "adding", a, b, s);
  if (typeof a === "string" && typeof b === "string") return a + b;
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    return Number(a) + Number(b);
  }
  if (a instanceof NixPath) {
    const ctx = new Set<string>();
    const t = coerceToString(host, b, { copyToStore: false, context: ctx }, s);
    if (ctx.size > 0) throw new NixError("eval", `a string that refers to a store path cannot be appended to a path`, s);
    return new NixPath(canonPath(a.path + t));
  }
  if (typeof a === "bigint" || typeof a === "number") {
    throw new NixError("type", `cannot add ${showType(b)} to ${showType(a)}`, s);
  }
  // Anything else concatenates as strings: a set coerces through `outPath` or
  // `__toString` (`drv + "/bin"`), and other types fail to coerce.
  const ctx = new Set<string>();
  const head = coerceToString(host, a, { copyToStore: true, context: ctx }, s);
  const t = coerceToString(host, b, { copyToStore: true, context: ctx }, s);
  return mkString(head + t, ctx);
}

/** `a < b`: Nix evaluates it as a call of `__lessThan`, and its errors say so. */
export function lessThan(a: Value, b: Value, s?: Span): boolean {
  return lessThanValues(a, b, "while calling the 'lessThan' builtin", s);
}

/**
 * Evaluate the parts of an interpolated string. Literal parts are strings,
 * the others compiled code. With `pathTail`, context is forbidden (the result is
 * appended to a path) and paths are not copied.
 */
export function concatParts(
  host: CoercionHost,
  parts: readonly (string | Code)[],
  spans: readonly Span[],
  env: Env,
  s: Span,
  opts?: { pathTail?: boolean },
): string | NixString {
  // The context set is made only when a part is not a plain string.
  let ctx: Set<string> | null = null;
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const v = p(env);
    if (typeof v === "string") {
      out += v;
      continue;
    }
    ctx ??= new Set<string>();
    out += coerceToString(host, v, { copyToStore: !opts?.pathTail, context: ctx }, spans[i] ?? s);
  }
  if (ctx === null) return out;
  if (opts?.pathTail && ctx.size > 0) {
    throw new NixError("eval", "a string that refers to a store path cannot be appended to a path", s);
  }
  return mkString(out, ctx);
}
