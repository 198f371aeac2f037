/**
 * `lib.strings`: concatenation (`concatStrings`, `concatMapStringsSep`,
 * `concatLines`, `intersperse`), search paths (`makeSearchPath`,
 * `makeBinPath`, …), predicates (`hasPrefix`, `hasSuffix`, `hasInfix`,
 * `isStringLike`, `isStorePath`), splitting and trimming (`splitString`,
 * `splitStringBy`, `trim`, `removePrefix`, `removeSuffix`), case
 * (`toLower`, `toUpper`, `toSentenceCase`, `toCamelCase`), versions and
 * names (`versionAtLeast`, `getName`, `nameFromURL`), plus the pieces in
 * strings-escape.ts, strings-flags.ts and strings-convert.ts.
 *
 * Nix strings are byte strings: functions that walk characters
 * (`stringToCharacters`, `splitStringBy`) walk UTF-8 bytes through
 * `builtins.substring` when a string is not ASCII. Context follows nixpkgs
 * (`addContextFrom`, `substring`, `replaceStrings` keep it).
 */
import { isAscii } from "../nix/builtins/regex.js";
import { addValues } from "../nix/operators.js";
import { eqValues } from "../nix/ops.js";
import { convertFunctions } from "./strings-convert.js";
import { escapeFunctions, isStringLike } from "./strings-escape.js";
import { flagFunctions } from "./strings-flags.js";
import {
  assertThat,
  attrs,
  call,
  fn,
  force,
  forceBool,
  forceList,
  get,
  interpolate,
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

/** The one-byte substrings of a string value (context kept on each). */
export function characters(ctx: LibContext, s: Lazy): Lazy[] {
  const v = force(s);
  if ((typeof v === "string" || v instanceof NixString) && isAscii(strOf(v))) {
    return [...strOf(v)].map((c) => withContext(c, v));
  }
  const n = Number(ctx.B.call("stringLength", v) as bigint);
  const out: Lazy[] = new Array<Lazy>(n);
  for (let i = 0; i < n; i++) out[i] = ctx.B.call("substring", BigInt(i), 1n, v);
  return out;
}

/** `addContextFrom src target`: `substring 0 0 src + target`. */
export function addContextFrom(ctx: LibContext, src: Lazy, target: Lazy): Value {
  const s = force(src);
  const t = force(target);
  if (typeof s === "string" && (typeof t === "string" || t instanceof NixString)) return t;
  if (s instanceof NixString && (typeof t === "string" || t instanceof NixString)) return withContext(strOf(t), s, t);
  return addValues(ctx.st, ctx.B.call("substring", 0n, 0n, s), t);
}

const PATH_WARNING_TAIL: Record<string, string> = {
  hasPrefix: "There is almost certainly a bug in the calling code, since this function always returns `false` in such a case.",
  removePrefix: "There is almost certainly a bug in the calling code, since this function never removes any prefix in such a case.",
  removeSuffix: "There is almost certainly a bug in the calling code, since this function never removes any suffix in such a case.",
};

function pathWarning(name: string, p: NixPath): string {
  const second =
    PATH_WARNING_TAIL[name] ??
    "There is almost certainly a bug in the calling code, since this function always returns `false` in such a case.";
  const lines = [
    `lib.strings.${name}: The first argument (${p.path}) is a path value, but only strings are supported.`,
    `    ${second}`,
    "    This function also copies the path to the Nix store, which may not be what you want.",
    "    This behavior is deprecated and will throw an error in the future.",
  ];
  if (name === "hasPrefix") lines.push("    You might want to use `lib.path.hasPrefix` instead, which correctly supports paths.");
  return lines.join("\n");
}

/** Warn (through `builtins.warn`) when `v` is a path, as nixpkgs' `warnIf (isPath x)`. */
function warnIfPath(ctx: LibContext, name: string, v: Value): void {
  if (v instanceof NixPath) ctx.B.call("warn", pathWarning(name, v), null);
}

function plain(v: Value): v is string | NixString {
  return typeof v === "string" || v instanceof NixString;
}

function hasPrefix(ctx: LibContext, prefL: Lazy, strL: Lazy): boolean {
  const pref = force(prefL);
  warnIfPath(ctx, "hasPrefix", pref);
  const str = force(strL);
  if (plain(pref) && plain(str)) return strOf(str).startsWith(strOf(pref));
  const { B } = ctx;
  return eqValues(B.call("substring", 0n, B.call("stringLength", pref), str), pref);
}

function hasSuffix(ctx: LibContext, sufL: Lazy, contentL: Lazy): boolean {
  const { B } = ctx;
  const content = force(contentL);
  const suffix = force(sufL);
  if (plain(content) && plain(suffix)) {
    warnIfPath(ctx, "hasSuffix", suffix);
    return strOf(content).endsWith(strOf(suffix));
  }
  const lenContent = B.call("stringLength", content) as bigint;
  const lenSuffix = B.call("stringLength", suffix) as bigint;
  warnIfPath(ctx, "hasSuffix", suffix);
  return lenContent >= lenSuffix && eqValues(B.call("substring", lenContent - lenSuffix, lenContent, content), suffix);
}

function hasInfix(ctx: LibContext, infixL: Lazy, contentL: Lazy): boolean {
  const infix = force(infixL);
  warnIfPath(ctx, "hasInfix", infix);
  const { B } = ctx;
  if (plain(infix)) {
    const content = interpolate(ctx.st, contentL);
    return strOf(content as string).includes(strOf(infix));
  }
  const escaped = B.call("replaceStrings", ESC_FROM, ESC_TO, infix);
  return B.call("match", interpolate(ctx.st, ".*", escaped, ".*"), interpolate(ctx.st, contentL)) !== null;
}

const ESC_FROM = [..."\\[{()^$?*+|."];
const ESC_TO = ESC_FROM.map((c) => "\\" + c);

/** `a + b` as Nix evaluates it, including a set with `outPath` on the left. */
export function plus(ctx: LibContext, a: Value, b: Value): Value {
  return addValues(ctx.st, a instanceof NixAttrs ? interpolate(ctx.st, a) : a, b);
}

function removePrefix(ctx: LibContext, prefL: Lazy, strL: Lazy): Value {
  const pref = force(prefL);
  warnIfPath(ctx, "removePrefix", pref);
  const str = force(strL);
  if (plain(pref) && plain(str)) {
    const p = strOf(pref);
    const s = strOf(str);
    return s.startsWith(p) ? (p === "" ? str : withContext(s.slice(p.length), str)) : str;
  }
  const { B } = ctx;
  const preLen = B.call("stringLength", pref);
  if (eqValues(B.call("substring", 0n, preLen, str), pref)) return B.call("substring", preLen, -1n, str);
  return str;
}

function removeSuffix(ctx: LibContext, sufL: Lazy, strL: Lazy): Value {
  const suf = force(sufL);
  warnIfPath(ctx, "removeSuffix", suf);
  const str = force(strL);
  if (plain(suf) && plain(str)) {
    const p = strOf(suf);
    const s = strOf(str);
    return s.endsWith(p) ? (p === "" ? str : withContext(s.slice(0, s.length - p.length), str)) : str;
  }
  const { B } = ctx;
  const sufLen = B.call("stringLength", suf) as bigint;
  const sLen = B.call("stringLength", str) as bigint;
  if (sufLen <= sLen && eqValues(suf, B.call("substring", sLen - sufLen, sufLen, str))) return B.call("substring", 0n, sLen - sufLen, str);
  return str;
}

/** `splitString sep s`. */
export function splitString(ctx: LibContext, sepL: Lazy, sL: Lazy): Value {
  const { B } = ctx;
  const sep = strOf(B.toStr(sepL));
  const sv = B.toStr(sL);
  const s = strOf(sv);
  let pieces: string[];
  if (sep === "") {
    pieces = (
      forceList(B.call("split", "", s))
        .map(force)
        .filter((x) => typeof x === "string") as string[]
    ).slice();
  } else {
    pieces = s.split(sep);
  }
  const sVal = force(sL);
  return pieces.map((p) => (typeof sVal === "string" ? p : lazy(() => addContextFrom(ctx, sVal, p))));
}

function splitStringBy(ctx: LibContext, pred: Lazy, keepL: Lazy, strL: Lazy): Value {
  const str = force(strL);
  const chars = characters(ctx, str);
  if (chars.length === 0) return [addContextFrom(ctx, str, "")];
  const keep = () => forceBool(keepL);
  const result: string[] = [];
  let current = "";
  for (let pos = 0; pos < chars.length; pos++) {
    const curr = chars[pos]!;
    const prev = pos > 0 ? chars[pos - 1]! : "";
    if (forceBool(call(pred, prev, curr))) {
      result.push(current);
      current = keep() ? strOf(force(curr) as string) : "";
    } else {
      current += strOf(force(curr) as string);
    }
  }
  result.push(current);
  return result.map((p) => lazy(() => addContextFrom(ctx, str, p)));
}

function mapChars(s: Value, f: (c: string) => string): Value {
  if (!plain(s)) throw new Error("unreachable");
  return withContext(strOf(s).replace(/[A-Za-z]/g, f), s);
}

function toLower(ctx: LibContext, s: Lazy): Value {
  const v = force(s);
  if (!plain(v)) return ctx.B.call("replaceStrings", UPPER, LOWER, v);
  return mapChars(v, (c) => c.toLowerCase());
}

function toUpper(ctx: LibContext, s: Lazy): Value {
  const v = force(s);
  if (!plain(v)) return ctx.B.call("replaceStrings", LOWER, UPPER, v);
  return mapChars(v, (c) => c.toUpperCase());
}

const LOWER = [..."abcdefghijklmnopqrstuvwxyz"];
const UPPER = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];

function toSentenceCase(ctx: LibContext, strL: Lazy): Value {
  const str = force(strL);
  if (!plain(str)) throw throwError(`toSentenceCase does only accepts string values, but got ${ctx.B.call("typeOf", str) as string}`);
  const { B } = ctx;
  const first = B.call("substring", 0n, 1n, str);
  const rest = B.call("substring", 1n, B.call("stringLength", str), str);
  const joined = addValues(ctx.st, toUpper(ctx, first), toLower(ctx, rest));
  return addContextFrom(ctx, str, joined);
}

function toCamelCase(ctx: LibContext, strL: Lazy): Value {
  const str = force(strL);
  if (!plain(str)) throw throwError(`toCamelCase does only accepts string values, but got ${ctx.B.call("typeOf", str) as string}`);
  const sepPred = fn("lib.strings.toCamelCase.separator", 2, ([, c]) => ["-", "_", " "].includes(strOf(force(c!) as string)));
  const casePred = fn(
    "lib.strings.toCamelCase.boundary",
    2,
    ([p, c]) => /^[a-z]$/.test(strOf(force(p!) as string)) && /^[A-Z]$/.test(strOf(force(c!) as string)),
  );
  const separated = forceList(splitStringBy(ctx, sepPred, false, str));
  const parts: Lazy[] = [];
  for (const s of separated) parts.push(...forceList(splitStringBy(ctx, casePred, true, s)));
  const first = parts.length > 0 ? toLower(ctx, parts[0]!) : "";
  const rest = parts.slice(1).map((p) => toSentenceCase(ctx, p));
  const pieces = [first, ...rest].map((p) => addContextFrom(ctx, str, p));
  return withContext(pieces.map((p) => strOf(p as string)).join(""), ...pieces);
}

function getNameOrVersion(ctx: LibContext, which: "name" | "version", x: Lazy): Value {
  const v = force(x);
  const parse = (d: Lazy) => force((ctx.B.call("parseDrvName", d) as NixAttrs).get(which)!);
  if (plain(v)) return parse(v);
  const own = v instanceof NixAttrs ? v.get(which === "name" ? "pname" : "version") : undefined;
  if (own !== undefined) return force(own);
  return parse(get(v, "name"));
}

function makeSearchPath(ctx: LibContext, subDir: Lazy, paths: Lazy): Value {
  const list = forceList(paths).filter((p) => force(p) !== null);
  const joined = list.map((p) => lazy(() => plus(ctx, plus(ctx, force(p), "/"), force(subDir))));
  return ctx.B.call("concatStringsSep", ":", joined);
}

/** `lib.attrsets.getOutput` (needed here for the search-path helpers). */
export function getOutput(output: string, pkgL: Lazy): Value {
  const pkg = force(pkgL);
  const specified = pkg instanceof NixAttrs ? pkg.get("outputSpecified") : undefined;
  if (specified === undefined || !forceBool(specified)) {
    if (pkg instanceof NixAttrs) {
      const o = pkg.get(output) ?? pkg.get("out");
      if (o !== undefined) return force(o);
    }
    return pkg;
  }
  return pkg;
}

function makeSearchPathOutput(ctx: LibContext, output: Lazy, subDir: Lazy, pkgs: Lazy): Value {
  const out = strOf(force(output) as string);
  const mapped = forceList(pkgs).map((p) => lazy(() => getOutput(out, p)));
  return makeSearchPath(ctx, subDir, mapped);
}

function normalizePath(ctx: LibContext, sL: Lazy): Value {
  const s = force(sL);
  if (s instanceof NixPath) {
    ctx.B.call(
      "warn",
      [
        `lib.strings.normalizePath: The argument (${s.path}) is a path value, but only strings are supported.`,
        "    Path values are always normalised in Nix, so there's no need to call this function on them.",
        '    This function also copies the path to the Nix store and returns the store path, the same as "${path}" will, which may not be what you want.',
        "    This behavior is deprecated and will throw an error in the future.",
      ].join("\n"),
      null,
    );
  }
  const chars = characters(ctx, s);
  let acc: Value = "";
  for (const c of chars) {
    const cv = force(c);
    if (strOf(cv as string) === "/" && strOf(acc as string).endsWith("/")) continue;
    acc = addValues(ctx.st, acc, cv);
  }
  return acc;
}

export function strings(ctx: LibContext): NixAttrs {
  const { B } = ctx;
  const inherited = [
    "compareVersions",
    "elem",
    "elemAt",
    "filter",
    "fromJSON",
    "genList",
    "head",
    "isInt",
    "isList",
    "isAttrs",
    "isPath",
    "isString",
    "match",
    "parseDrvName",
    "readFile",
    "replaceStrings",
    "split",
    "storeDir",
    "stringLength",
    "substring",
    "tail",
    "toJSON",
    "typeOf",
    "unsafeDiscardStringContext",
    "appendContext",
  ];
  const fromBuiltins: Record<string, Lazy> = {};
  for (const n of inherited) fromBuiltins[n] = B.get(n);
  const concatStringsSep = B.get("concatStringsSep");
  const concat = (sep: Lazy, list: Lazy[]) => B.call("concatStringsSep", sep, list);
  const imap1 = (f: Lazy, l: Lazy) => forceList(l).map((x, i) => lazy(() => call(f, BigInt(i + 1), x)));
  const mapL = (f: Lazy, l: Lazy) => forceList(l).map((x) => lazy(() => call(f, x)));
  const trimWith = (opts: Lazy, s: Lazy): Value => {
    const o = force(opts) as NixAttrs;
    const start = o.get("start") !== undefined && forceBool(o.get("start")!);
    const end = o.get("end") !== undefined && forceBool(o.get("end")!);
    const chars = " \t\r\n";
    const re =
      start && end ? `[${chars}]*(.*[^${chars}])[${chars}]*` : start ? `[${chars}]*(.*)` : end ? `(.*[^${chars}])[${chars}]*` : "(.*)";
    const m = B.call("match", re, s);
    return m === null ? "" : force((m as Lazy[])[0]!);
  };
  return attrs({
    ...fromBuiltins,
    ...escapeFunctions(ctx),
    ...flagFunctions(ctx),
    ...convertFunctions(ctx),
    join: concatStringsSep,
    concatStrings: fn("lib.strings.concatStrings", 1, ([l]) => B.call("concatStringsSep", "", l!)),
    concatMapStrings: fn("lib.strings.concatMapStrings", 2, ([f, l]) => concat("", mapL(f!, l!))),
    concatImapStrings: fn("lib.strings.concatImapStrings", 2, ([f, l]) => concat("", imap1(f!, l!))),
    intersperse: fn("lib.strings.intersperse", 2, ([sep, l]) => {
      const list = forceList(l!);
      if (list.length <= 1) return list;
      const out: Lazy[] = [list[0]!];
      for (let i = 1; i < list.length; i++) out.push(sep!, list[i]!);
      return out;
    }),
    concatStringsSep,
    concatMapStringsSep: fn("lib.strings.concatMapStringsSep", 3, ([sep, f, l]) => concat(sep!, mapL(f!, l!))),
    concatImapStringsSep: fn("lib.strings.concatImapStringsSep", 3, ([sep, f, l]) => concat(sep!, imap1(f!, l!))),
    concatMapAttrsStringSep: fn("lib.strings.concatMapAttrsStringSep", 3, ([sep, f, a]) => {
      const set = force(B.call("mapAttrs", f!, a!)) as NixAttrs;
      return concat(
        sep!,
        set.sortedNames().map((n) => set.get(n)!),
      );
    }),
    concatLines: fn("lib.strings.concatLines", 1, ([l]) => {
      const list = forceList(l!);
      if (list.length === 0) return "";
      return addValues(ctx.st, concat("\n", list), "\n");
    }),
    replaceString: fn("lib.strings.replaceString", 3, ([a, b, s]) => B.call("replaceStrings", [a!], [b!], s!)),
    replicate: fn("lib.strings.replicate", 2, ([n, s]) =>
      B.call(
        "concatStringsSep",
        "",
        B.call(
          "genList",
          fn("const", 1, () => force(s!)),
          n!,
        ),
      ),
    ),
    trim: fn("lib.strings.trim", 1, ([s]) =>
      trimWith(
        new NixAttrs(
          new Map([
            ["start", true],
            ["end", true],
          ]),
        ),
        s!,
      ),
    ),
    trimWith: fn("lib.strings.trimWith", 2, ([o, s]) => trimWith(o!, s!)),
    makeSearchPath: fn("lib.strings.makeSearchPath", 2, ([d, p]) => makeSearchPath(ctx, d!, p!)),
    makeSearchPathOutput: fn("lib.strings.makeSearchPathOutput", 3, ([o, d, p]) => makeSearchPathOutput(ctx, o!, d!, p!)),
    makeLibraryPath: fn("lib.strings.makeLibraryPath", 1, ([p]) => makeSearchPathOutput(ctx, "lib", "lib", p!)),
    makeIncludePath: fn("lib.strings.makeIncludePath", 1, ([p]) => makeSearchPathOutput(ctx, "dev", "include", p!)),
    makeBinPath: fn("lib.strings.makeBinPath", 1, ([p]) => makeSearchPathOutput(ctx, "bin", "bin", p!)),
    normalizePath: fn("lib.strings.normalizePath", 1, ([s]) => normalizePath(ctx, s!)),
    optionalString: fn("lib.strings.optionalString", 2, ([c, s]) => (forceBool(c!) ? force(s!) : "")),
    hasPrefix: fn("lib.strings.hasPrefix", 2, ([p, s]) => hasPrefix(ctx, p!, s!)),
    hasSuffix: fn("lib.strings.hasSuffix", 2, ([p, s]) => hasSuffix(ctx, p!, s!)),
    hasInfix: fn("lib.strings.hasInfix", 2, ([p, s]) => hasInfix(ctx, p!, s!)),
    stringToCharacters: fn("lib.strings.stringToCharacters", 1, ([s]) => characters(ctx, s!)),
    stringAsChars: fn("lib.strings.stringAsChars", 2, ([f, s]) =>
      concat(
        "",
        characters(ctx, s!).map((c) => lazy(() => call(f!, c))),
      ),
    ),
    lowerChars: LOWER,
    upperChars: UPPER,
    toLower: fn("lib.strings.toLower", 1, ([s]) => toLower(ctx, s!)),
    toUpper: fn("lib.strings.toUpper", 1, ([s]) => toUpper(ctx, s!)),
    toSentenceCase: fn("lib.strings.toSentenceCase", 1, ([s]) => toSentenceCase(ctx, s!)),
    toCamelCase: fn("lib.strings.toCamelCase", 1, ([s]) => toCamelCase(ctx, s!)),
    addContextFrom: fn("lib.strings.addContextFrom", 2, ([a, b]) => addContextFrom(ctx, a!, b!)),
    splitString: fn("lib.strings.splitString", 2, ([sep, s]) => splitString(ctx, sep!, s!)),
    splitStringBy: fn("lib.strings.splitStringBy", 3, ([p, k, s]) => splitStringBy(ctx, p!, k!, s!)),
    removePrefix: fn("lib.strings.removePrefix", 2, ([p, s]) => removePrefix(ctx, p!, s!)),
    removeSuffix: fn("lib.strings.removeSuffix", 2, ([p, s]) => removeSuffix(ctx, p!, s!)),
    versionOlder: fn("lib.strings.versionOlder", 2, ([a, b]) => (B.call("compareVersions", b!, a!) as bigint) === 1n),
    versionAtLeast: fn("lib.strings.versionAtLeast", 2, ([a, b]) => (B.call("compareVersions", b!, a!) as bigint) !== 1n),
    getName: fn("lib.strings.getName", 1, ([x]) => getNameOrVersion(ctx, "name", x!)),
    getVersion: fn("lib.strings.getVersion", 1, ([x]) => getNameOrVersion(ctx, "version", x!)),
    nameFromURL: fn("lib.strings.nameFromURL", 2, ([url, sep]) => {
      const components = forceList(splitString(ctx, "/", url!));
      if (components.length === 0) throw throwError("lists.last: list must not be empty!");
      const filename = components[components.length - 1]!;
      const name = forceList(splitString(ctx, sep!, filename))[0]!;
      assertThat(!eqValues(name, filename), "(name != filename)");
      return force(name);
    }),
    isStringLike: fn("lib.strings.isStringLike", 1, ([x]) => isStringLike(force(x!))),
    isConvertibleWithToString: fn("lib.strings.isConvertibleWithToString", 1, ([x]) => isConvertible(force(x!))),
    isStorePath: fn("lib.strings.isStorePath", 1, ([x]) => isStorePath(ctx, x!)),
    fileContents: fn("lib.strings.fileContents", 1, ([f]) => removeSuffix(ctx, "\n", B.call("readFile", f!))),
  });
}

function isConvertible(v: Value): boolean {
  if (isStringLike(v)) return true;
  if (v === null || typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return true;
  return Array.isArray(v) && v.every((x) => isConvertible(force(x)));
}

function isStorePath(ctx: LibContext, x: Lazy): boolean {
  const v = force(x);
  if (!isStringLike(v)) return false;
  const s = strOf(ctx.B.toStr(v));
  if (!s.startsWith("/")) return false;
  const storeDir = strOf(ctx.B.get("storeDir") as string);
  const dir = s.slice(0, Math.max(s.lastIndexOf("/"), 0)) || "/";
  return dir === storeDir || /^\/[0-9a-z]{52}$/.test(s);
}
