/**
 * String builtins: `toString` (global), `substring`, `stringLength`,
 * `concatStringsSep`, `replaceStrings`, `match`, `split`, `parseDrvName`,
 * `compareVersions`, `splitVersion`, `hashString` and `convertHash`.
 *
 * Nix strings are byte strings; here they are JS strings holding the decoded
 * UTF-8. Lengths and offsets (`stringLength`, `substring`) count UTF-8 bytes,
 * via a one-entry cache of the last string's encoding so that loops such as
 * `genList (i: substring i 1 s) (stringLength s)` stay linear; ASCII strings
 * (the usual case) are sliced directly. Context is kept where Nix keeps it.
 *
 * Also exports the argument helpers the context group shares (`argString`,
 * `argCoerce`).
 */
import { coerceToString, type CoerceOptions } from "../coerce.js";
import { NixError } from "../errors.js";
import { forceStringValue } from "../ops.js";
import type { EvalState } from "../state.js";
import {
  encodeBase16,
  hashString as computeHash,
  parseHash,
  parseHashAlgoOpt,
  printHash,
  type HashAlgo,
  type HashFormat,
} from "../store/hash.js";
import { force, mkString, NixAttrs, NixString, type Lazy, type Value } from "../values.js";
import { argAttrs, argInt, argList, argStringNoContext, withFrame } from "./arith.js";
import { compileRegex, regexMatch, regexSplit, RegexSyntaxError, type CompiledRegex } from "./regex.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";
import { compareVersions, parseDrvName, splitVersion } from "./versions.js";

// ---------------------------------------------------------------- shared helpers

/** A string argument with its context (no coercion); `frame` names it in traces. */
export function argString(l: Lazy, frame: string): string | NixString {
  try {
    return forceStringValue(l);
  } catch (e) {
    throw withFrame(e, frame);
  }
}

/**
 * Coerce an argument to a string as Nix's `coerceToString`; `frame` is added
 * to "cannot coerce" errors (as Nix's `errorCtx`), not to errors raised while
 * forcing the value.
 */
export function argCoerce(st: EvalState, l: Lazy, opts: CoerceOptions, frame: string): string {
  const v = force(l);
  try {
    return coerceToString(st, v, opts);
  } catch (e) {
    if (e instanceof NixError && e.kind === "type" && e.message.startsWith("cannot coerce")) e.addFrame(frame);
    throw e;
  }
}

function contextOf(v: string | NixString): ReadonlySet<string> | null {
  return typeof v === "string" ? null : v.context;
}

// ---------------------------------------------------------------- UTF-8 bytes

let cachedStr = "";
/** UTF-8 encoding of `cachedStr`, or null when it is ASCII (bytes = code units). */
let cachedBytes: Buffer | null = null;

const NON_ASCII = /[^\x00-\x7f]/;

function utf8Of(s: string): Buffer | null {
  if (s !== cachedStr) {
    cachedStr = s;
    cachedBytes = NON_ASCII.test(s) ? Buffer.from(s, "utf8") : null;
  }
  return cachedBytes;
}

/** Length in UTF-8 bytes. */
export function byteLength(s: string): number {
  const b = utf8Of(s);
  return b === null ? s.length : b.length;
}

/** Bytes [start, start + len) of the UTF-8 encoding (len < 0: to the end). */
function byteSlice(s: string, start: number, len: number): string {
  const b = utf8Of(s);
  const size = b === null ? s.length : b.length;
  if (start >= size) return "";
  const end = len < 0 || start + len > size ? size : start + len;
  return b === null ? s.slice(start, end) : b.toString("utf8", start, end);
}

// ---------------------------------------------------------------- toString and friends

function primToString(st: EvalState, args: Lazy[]): Value {
  // The common cases without a context set: plain strings and integers.
  const v = force(args[0]!);
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  const context = new Set<string>();
  const r = argCoerce(
    st,
    v,
    { coerceMore: true, copyToStore: false, context },
    "while evaluating the first argument passed to builtins.toString",
  );
  return mkString(r, context);
}

function toSafeNumber(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

function primSubstring(st: EvalState, args: Lazy[]): Value {
  const start = argInt(args[0]!, "while evaluating the first argument (the start offset) passed to builtins.substring");
  if (start < 0n) throw new NixError("eval", "negative start position in 'substring'");
  const len = argInt(args[1]!, "while evaluating the second argument (the substring length) passed to builtins.substring");
  if (len === 0n) {
    // An empty substring keeps the context without scanning the string.
    const v = force(args[2]!);
    if (typeof v === "string") return "";
    if (v instanceof NixString) return new NixString("", v.context);
  }
  const context = new Set<string>();
  const str = argCoerce(
    st,
    args[2]!,
    { context, copyToStore: true },
    "while evaluating the third argument (the string) passed to builtins.substring",
  );
  return mkString(byteSlice(str, toSafeNumber(start), len < 0n ? -1 : toSafeNumber(len)), context);
}

function primStringLength(st: EvalState, args: Lazy[]): Value {
  const str = argCoerce(
    st,
    args[0]!,
    { context: new Set(), copyToStore: true },
    "while evaluating the argument passed to builtins.stringLength",
  );
  return BigInt(byteLength(str));
}

function primConcatStringsSep(st: EvalState, args: Lazy[]): Value {
  const sepV = argString(args[0]!, "while evaluating the first argument (the separator string) passed to builtins.concatStringsSep");
  const context = new Set<string>(contextOf(sepV));
  const sep = typeof sepV === "string" ? sepV : sepV.s;
  const list = argList(
    args[1]!,
    "while evaluating the second argument (the list of strings to concat) passed to builtins.concatStringsSep",
  );
  const parts = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    parts[i] = argCoerce(
      st,
      list[i]!,
      { context, copyToStore: true },
      "while evaluating one element of the list of strings to concat passed to builtins.concatStringsSep",
    );
  }
  return mkString(parts.join(sep), context);
}

// ---------------------------------------------------------------- replaceStrings

/** The replacement strings, forced on first use (Nix forces `to` lazily). */
class Replacements {
  private readonly done = new Map<number, string>();
  constructor(
    private readonly to: Lazy[],
    private readonly context: Set<string>,
  ) {}
  get(i: number): string {
    let r = this.done.get(i);
    if (r === undefined) {
      const v = argString(this.to[i]!, "while evaluating one of the replacement strings passed to builtins.replaceStrings");
      if (v instanceof NixString) for (const c of v.context) this.context.add(c);
      r = typeof v === "string" ? v : v.s;
      this.done.set(i, r);
    }
    return r;
  }
}

/** Nix's algorithm: at each position the first matching `from` wins; "" matches everywhere. */
function replaceAll(str: string, from: string[], to: Replacements): string {
  const hasEmpty = from.includes("");
  const firsts = new Set(from.filter((f) => f !== "").map((f) => f.charCodeAt(0)));
  const out: string[] = [];
  let copied = 0;
  let p = 0;
  while (p <= str.length) {
    if (!hasEmpty && (p === str.length || !firsts.has(str.charCodeAt(p)))) {
      p++;
      continue;
    }
    const k = from.findIndex((f) => str.startsWith(f, p));
    if (k < 0) {
      p++;
      continue;
    }
    out.push(str.slice(copied, p), to.get(k));
    if (from[k] === "") {
      // Copy one character (a whole code point) and move on.
      const step = p < str.length && isHighSurrogate(str.charCodeAt(p)) ? 2 : 1;
      out.push(str.slice(p, p + step));
      p += step;
    } else {
      p += from[k]!.length;
    }
    copied = Math.min(p, str.length);
  }
  out.push(str.slice(copied));
  return out.join("");
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function primReplaceStrings(args: Lazy[]): Value {
  const fromL = argList(args[0]!, "while evaluating the first argument passed to builtins.replaceStrings");
  const toL = argList(args[1]!, "while evaluating the second argument passed to builtins.replaceStrings");
  if (fromL.length !== toL.length) {
    throw new NixError("eval", "'from' and 'to' arguments passed to builtins.replaceStrings have different lengths");
  }
  const from = fromL.map((f) => {
    const v = argString(f, "while evaluating one of the strings to replace passed to builtins.replaceStrings");
    return typeof v === "string" ? v : v.s;
  });
  const strV = argString(args[2]!, "while evaluating the third argument passed to builtins.replaceStrings");
  const context = new Set<string>(contextOf(strV));
  const str = typeof strV === "string" ? strV : strV.s;
  if (from.length === 0) return strV;
  return mkString(replaceAll(str, from, new Replacements(toL, context)), context);
}

// ---------------------------------------------------------------- regular expressions

function regexArg(args: Lazy[], name: string): { re: CompiledRegex; subject: string | NixString } {
  const pattern = argStringNoContext(args[0]!, `while evaluating the first argument passed to builtins.${name}`);
  let re: CompiledRegex;
  try {
    re = compileRegex(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new NixError("eval", `invalid regular expression '${pattern}'`);
    throw e;
  }
  const subject = argString(args[1]!, `while evaluating the second argument passed to builtins.${name}`);
  return { re, subject };
}

function primMatch(args: Lazy[]): Value {
  const { re, subject } = regexArg(args, "match");
  const caps = regexMatch(re, typeof subject === "string" ? subject : subject.s);
  return caps;
}

function primSplit(args: Lazy[]): Value {
  const { re, subject } = regexArg(args, "split");
  const { pieces, caps } = regexSplit(re, typeof subject === "string" ? subject : subject.s);
  // With no match at all, Nix returns the argument itself (context included).
  if (caps.length === 0) return [subject];
  const out: Lazy[] = [];
  for (let i = 0; i < caps.length; i++) out.push(pieces[i]!, caps[i]!);
  out.push(pieces[caps.length]!);
  return out;
}

// ---------------------------------------------------------------- versions

function primParseDrvName(args: Lazy[]): Value {
  const name = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.parseDrvName");
  const r = parseDrvName(name);
  return NixAttrs.from([
    ["name", r.name],
    ["version", r.version],
  ]);
}

function primCompareVersions(args: Lazy[]): Value {
  const a = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.compareVersions");
  const b = argStringNoContext(args[1]!, "while evaluating the second argument passed to builtins.compareVersions");
  return BigInt(compareVersions(a, b));
}

function primSplitVersion(args: Lazy[]): Value {
  const v = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.splitVersion");
  return splitVersion(v);
}

// ---------------------------------------------------------------- hashes

/** Nix's `parseHashAlgo` with its current message. */
export function hashAlgoArg(name: string): HashAlgo {
  const algo = parseHashAlgoOpt(name);
  if (algo === undefined) {
    throw new NixError("eval", `unknown hash algorithm '${name}', expect 'blake3', 'md5', 'sha1', 'sha256', or 'sha512'`);
  }
  return algo;
}

function hashFormatArg(st: EvalState, name: string): HashFormat {
  if (name === "base16" || name === "nix32" || name === "base64" || name === "sri") return name;
  if (name === "base32") {
    st.warn(`"base32" is a deprecated alias for hash format "nix32".`);
    return "nix32";
  }
  throw new NixError("eval", `unknown hash format '${name}', expect 'base16', 'base32', 'base64', or 'sri'`);
}

function primHashString(args: Lazy[]): Value {
  const algo = hashAlgoArg(argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.hashString"));
  const v = argString(args[1]!, "while evaluating the second argument passed to builtins.hashString");
  return encodeBase16(computeHash(algo, typeof v === "string" ? v : v.s).bytes);
}

function requiredAttr(set: NixAttrs, name: string): Lazy {
  const v = set.get(name);
  if (v === undefined) throw new NixError("type", `attribute '${name}' missing`).addFrame(`while locating the attribute '${name}'`);
  return v;
}

function primConvertHash(st: EvalState, args: Lazy[]): Value {
  const set = argAttrs(args[0]!, "while evaluating the first argument passed to builtins.convertHash");
  const hash = argStringNoContext(requiredAttr(set, "hash"), "while evaluating the attribute 'hash'");
  const algoL = set.get("hashAlgo");
  const algo = algoL === undefined ? undefined : hashAlgoArg(argStringNoContext(algoL, "while evaluating the attribute 'hashAlgo'"));
  const fmtName = argStringNoContext(requiredAttr(set, "toHashFormat"), "while evaluating the attribute 'toHashFormat'");
  const format = hashFormatArg(st, fmtName);
  try {
    return printHash(parseHash(hash, algo), format, format === "sri");
  } catch (e) {
    throw e;
  }
}

// ---------------------------------------------------------------- registration

export const stringsBuiltins: BuiltinGroup = (reg: BuiltinRegistry, st: EvalState) => {
  reg.prim("toString", 1, (args) => primToString(st, args), { global: true });
  reg.prim("substring", 3, (args) => primSubstring(st, args));
  reg.prim("stringLength", 1, (args) => primStringLength(st, args));
  reg.prim("concatStringsSep", 2, (args) => primConcatStringsSep(st, args));
  reg.prim("replaceStrings", 3, primReplaceStrings);
  reg.prim("match", 2, primMatch);
  reg.prim("split", 2, primSplit);
  reg.prim("parseDrvName", 1, primParseDrvName);
  reg.prim("compareVersions", 2, primCompareVersions);
  reg.prim("splitVersion", 1, primSplitVersion);
  reg.prim("hashString", 2, primHashString);
  reg.prim("convertHash", 1, (args) => primConvertHash(st, args));
};
