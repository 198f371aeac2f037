/**
 * Escaping functions of `lib.strings`: `escape`, `escapeC`, `escapeURL`,
 * `escapeShellArg(s)`, `escapeNixString`, `escapeRegex`, `escapeNixIdentifier`,
 * `escapeXML`, plus the shell-variable helpers built on them
 * (`isValidPosixName`, `toShellVar`, `toShellVars`) and `charToInt`.
 *
 * Replacements go through `builtins.replaceStrings` (or keep context by hand),
 * so string context survives exactly as in nixpkgs.
 */
import { NixError } from "../nix/errors.js";
import {
  fn,
  force,
  forceList,
  forceStringNoContext,
  lazy,
  NixAttrs,
  NixPath,
  NixString,
  strOf,
  throwError,
  withContext,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

/** Characters of nixpkgs' ASCII table: tab, newline, carriage return and the printable range. */
export function asciiCode(c: string): number | undefined {
  if (c.length !== 1) return undefined;
  const n = c.charCodeAt(0);
  if (n === 9 || n === 10 || n === 13 || (n >= 32 && n <= 126)) return n;
  return undefined;
}

const NIX_KEYWORDS = new Set(["assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with"]);

/** `escapeNixString` of a plain string: JSON quoting, then `$` escaped. */
export function escapeNixStringPlain(s: string): string {
  return JSON.stringify(s).replaceAll("$", "\\$");
}

/** `escapeNixIdentifier` of a plain string. */
export function escapeNixIdentifier(s: string): string {
  if (/^[a-zA-Z_][a-zA-Z0-9_'-]*$/.test(s) && !NIX_KEYWORDS.has(s)) return s;
  return escapeNixStringPlain(s);
}

const SHELL_SAFE = /^[A-Za-z0-9,._+:@%/-]+$/;

/** `escapeShellArg` of characters already coerced. */
export function escapeShellPlain(s: string): string {
  return SHELL_SAFE.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** `escapeShellArg arg` with context kept. */
export function escapeShellArg(ctx: LibContext, arg: Lazy): Value {
  const v = ctx.B.toStr(arg);
  return withContext(escapeShellPlain(strOf(v)), v);
}

/** `escape list s`: prefix each listed string with a backslash. */
function escapeList(ctx: LibContext, list: Lazy, s: Lazy): Value {
  const l = forceList(list);
  const to = l.map((c) => lazy(() => withContext("\\" + strOf(force(c) as string), force(c))));
  return ctx.B.call("replaceStrings", l, to, s);
}

export const REGEX_SPECIALS = [..."\\[{()^$?*+|."];

/** `escapeRegex` of a plain string. */
export function escapeRegexPlain(s: string): string {
  let out = "";
  for (const c of s) out += REGEX_SPECIALS.includes(c) ? "\\" + c : c;
  return out;
}

const URL_UNRESERVED = /[A-Za-z0-9\-_.~]/;

export function isValidPosixName(s: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s);
}

/** `isStringLike`: strings, paths, and sets with `outPath` or `__toString`. */
export function isStringLike(v: Value): boolean {
  if (typeof v === "string" || v instanceof NixString || v instanceof NixPath) return true;
  return v instanceof NixAttrs && (v.has("outPath") || v.has("__toString"));
}

function toShellVar(ctx: LibContext, nameL: Lazy, valueL: Lazy): Value {
  const name = strOf(force(nameL) as string);
  if (!isValidPosixName(name)) throw throwError(`toShellVar: ${name} is not a valid shell variable name`);
  const value = force(valueL);
  if (value instanceof NixAttrs && !isStringLike(value)) {
    const parts: Value[] = [];
    const strs: string[] = [];
    for (const k of value.sortedNames()) {
      const kv = escapeShellPlain(k);
      const vv = escapeShellArg(ctx, value.get(k)!);
      parts.push(vv);
      strs.push(`[${kv}]=${strOf(vv)}`);
    }
    return withContext(`declare -A ${name}=(${strs.join(" ")})`, ...parts);
  }
  if (Array.isArray(value)) {
    const parts = value.map((x) => escapeShellArg(ctx, x));
    return withContext(`declare -a ${name}=(${parts.map(strOf).join(" ")})`, ...parts);
  }
  const e = escapeShellArg(ctx, value);
  return withContext(`${name}=${strOf(e)}`, e);
}

export function escapeFunctions(ctx: LibContext): Record<string, Lazy> {
  const { B } = ctx;
  const escapeShellArgs = fn("lib.strings.escapeShellArgs", 1, ([l]) => {
    const parts = forceList(l!).map((x) => escapeShellArg(ctx, x));
    return withContext(parts.map(strOf).join(" "), ...parts);
  });
  return {
    charToInt: fn("lib.strings.charToInt", 1, ([c]) => {
      const s = forceStringNoContext(c!);
      const n = asciiCode(s);
      if (n === undefined) throw new NixError("eval", `attribute '${s}' missing`);
      return BigInt(n);
    }),
    escape: fn("lib.strings.escape", 2, ([l, s]) => escapeList(ctx, l!, s!)),
    escapeC: fn("lib.strings.escapeC", 2, ([l, s]) => {
      const list = forceList(l!);
      const to = list.map((c) =>
        lazy(() => {
          const ch = forceStringNoContext(c);
          const n = asciiCode(ch);
          if (n === undefined) throw new NixError("eval", `attribute '${ch}' missing`);
          return "\\x" + n.toString(16).padStart(2, "0");
        }),
      );
      return B.call("replaceStrings", list, to, s!);
    }),
    escapeURL: fn("lib.strings.escapeURL", 1, ([s]) => {
      const v = force(s!);
      if (typeof v !== "string" && !(v instanceof NixString)) return B.call("replaceStrings", ["%"], ["%25"], v);
      let out = "";
      for (const c of strOf(v)) {
        const n = asciiCode(c);
        out += n !== undefined && !URL_UNRESERVED.test(c) ? "%" + n.toString(16).toUpperCase().padStart(2, "0") : c;
      }
      return withContext(out, v);
    }),
    escapeShellArg: fn("lib.strings.escapeShellArg", 1, ([a]) => escapeShellArg(ctx, a!)),
    escapeShellArgs,
    isValidPosixName: fn("lib.strings.isValidPosixName", 1, ([n]) => {
      const v = force(B.call("match", "[a-zA-Z_][a-zA-Z0-9_]*", n!));
      return v !== null;
    }),
    toShellVar: fn("lib.strings.toShellVar", 2, ([n, v]) => toShellVar(ctx, n!, v!)),
    toShellVars: fn("lib.strings.toShellVars", 1, ([vars]) => {
      const set = force(vars!) as NixAttrs;
      const parts = set.sortedNames().map((k) => toShellVar(ctx, k, set.get(k)!));
      return withContext(parts.map(strOf).join("\n"), ...parts);
    }),
    escapeNixString: fn("lib.strings.escapeNixString", 1, ([s]) => {
      const j = B.call("toJSON", s!);
      return withContext(strOf(j as string).replaceAll("$", "\\$"), j);
    }),
    escapeRegex: fn("lib.strings.escapeRegex", 1, ([s]) =>
      B.call(
        "replaceStrings",
        REGEX_SPECIALS,
        REGEX_SPECIALS.map((c) => "\\" + c),
        s!,
      ),
    ),
    escapeNixIdentifier: fn("lib.strings.escapeNixIdentifier", 1, ([s]) => {
      const v = force(s!);
      if (B.call("match", "[a-zA-Z_][a-zA-Z0-9_'-]*", v) !== null && !NIX_KEYWORDS.has(strOf(v as string))) return v;
      const j = B.call("toJSON", v);
      return withContext(strOf(j as string).replaceAll("$", "\\$"), j);
    }),
    escapeXML: fn("lib.strings.escapeXML", 1, ([s]) =>
      B.call("replaceStrings", ['"', "'", "<", ">", "&"], ["&quot;", "&apos;", "&lt;", "&gt;", "&amp;"], s!),
    ),
  };
}
