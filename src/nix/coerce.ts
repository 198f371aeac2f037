/**
 * String coercion as Nix's `coerceToString`: strings keep their context, paths
 * are copied to the store (or kept as plain paths), sets coerce through
 * `__toString` or `outPath`, and with `coerceMore` (`toString`, derivation
 * attributes) null, Booleans, numbers and lists coerce too.
 */
import { NixError, typeError } from "./errors.js";
import { callFunction } from "./ops.js";
import { printValueShort } from "./print-short.js";
import type { Span } from "./source.js";
import { force, NixAttrs, NixPath, NixString, showType, type Lazy } from "./values.js";
import { formatFloat } from "./print-short.js";

/** The store copy a coercion may need; provided by EvalState. */
export interface CoercionHost {
  copyPathToStore(path: string, s?: Span): string;
}

export interface CoerceOptions {
  /** Also coerce null, Booleans, numbers and lists (as `toString` does). */
  coerceMore?: boolean;
  /** Copy paths into the store (true for string interpolation). */
  copyToStore?: boolean;
  /** Context is collected into this set when given. */
  context?: Set<string>;
}

/** Floats as `toString` prints them: C++ `std::to_string` (six decimals). */
export function floatToString(x: number): string {
  if (!Number.isFinite(x)) return formatFloat(x);
  // `toFixed` drops the sign of negative zero; C's `%f` keeps it.
  if (Object.is(x, -0)) return "-0.000000";
  // Past 1e21 `toFixed` switches to exponent notation; such doubles are integers.
  return Math.abs(x) >= 1e21 ? `${BigInt(x)}.000000` : x.toFixed(6);
}

export function coerceToString(host: CoercionHost, l: Lazy, opts: CoerceOptions, s?: Span): string {
  const v = force(l);
  if (typeof v === "string") return v;
  if (v instanceof NixString) {
    if (opts.context) for (const c of v.context) opts.context.add(c);
    return v.s;
  }
  if (v instanceof NixPath) {
    if (!opts.copyToStore) return v.path;
    const sp = host.copyPathToStore(v.path, s);
    opts.context?.add(sp);
    return sp;
  }
  if (v instanceof NixAttrs) {
    const f = v.get("__toString");
    if (f !== undefined) {
      const r = callFunction(force(f), v, s);
      return coerceToString(host, r, opts, s);
    }
    const out = v.get("outPath");
    if (out !== undefined) return coerceToString(host, out, opts, s);
  }
  if (opts.coerceMore) {
    if (v === null || v === false) return "";
    if (v === true) return "1";
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number") return floatToString(v);
    if (Array.isArray(v)) {
      let r = "";
      for (let i = 0; i < v.length; i++) {
        const item = force(v[i]!);
        r += coerceToString(host, item, opts, s);
        if (i < v.length - 1 && !(Array.isArray(item) && item.length === 0)) r += " ";
      }
      return r;
    }
  }
  throw typeError(`cannot coerce ${showType(v)} to a string: ${printValueShort(v)}`, s);
}

/** Coerce to an absolute path string (for `readFile`, `import`, …), keeping context. */
export function coerceToPath(host: CoercionHost, l: Lazy, s?: Span, context?: Set<string>): string {
  const v = force(l);
  if (v instanceof NixPath) return v.path;
  const str = coerceToString(host, v, { copyToStore: false, context }, s);
  if (!str.startsWith("/")) {
    throw new NixError("eval", `string '${str}' doesn't represent an absolute path`, s);
  }
  return str;
}
