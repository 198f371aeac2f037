/**
 * Key/value and INI generators of `lib.generators`: `mkValueStringDefault`,
 * `mkKeyValueDefault`, `toKeyValue`, `toINI`, `toINIWithGlobalSection` and
 * `toGitINI` (git's `[section "subsection"]` headers, quoted and escaped
 * string values, nested sets flattened into dotted section names).
 *
 * Option sets are read as nixpkgs' formals (defaults where absent); user
 * callbacks (`mkKeyValue`, `mkSectionName`, `mkValueString`) are called as
 * Nix functions, so their results may carry context, which is kept.
 */
import { NixError } from "../../nix/errors.js";
import { floatToStringChecked } from "../strings-convert.js";
import { isDerivationValue } from "../attrsets.js";
import { isLibFunctionOneLevel } from "../trivial.js";
import {
  abortError,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  interpolate,
  lazy,
  NixAttrs,
  NixString,
  strOf,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "../prim.js";
import { prettyDefault } from "./pretty.js";
import { recursiveUpdateUntil, notBothSets } from "../attrsets-paths.js";

/** Read a formals set: check for unexpected names, return a getter with defaults. */
export function formals(fnName: string, argL: Lazy, allowed: readonly string[]): (name: string) => Lazy | undefined {
  const set = forceAttrs(argL);
  for (const k of set.map.keys()) {
    if (!allowed.includes(k)) throw new NixError("eval", `function '${fnName}' called with unexpected argument '${k}'`);
  }
  return (name) => set.get(name);
}

/** `mkValueStringDefault {} v`. */
export function mkValueStringDefault(ctx: LibContext, vL: Lazy): Value {
  const v = force(vL);
  const err = (t: string, x: Lazy) => abortError(`generators.mkValueStringDefault: ${t} not supported: ${prettyDefault(ctx, x)}`);
  if (typeof v === "bigint") return v.toString();
  if (isDerivationValue(v)) return ctx.B.call("toString", v);
  if (typeof v === "string" || v instanceof NixString) return v;
  if (v === true) return "true";
  if (v === false) return "false";
  if (v === null) return "null";
  if (Array.isArray(v)) throw err("lists", v);
  if (v instanceof NixAttrs) throw err("attrsets", v);
  if (isLibFunctionOneLevel(v)) throw err("functions", v);
  if (typeof v === "number") return floatToStringChecked(ctx, v);
  throw err("this value is", ctx.B.call("toString", v));
}

export const mkValueStringDefaultOp = (ctx: LibContext) =>
  fn("lib.generators.mkValueStringDefault", 2, ([o, v]) => {
    formals("mkValueStringDefault", o!, []);
    return mkValueStringDefault(ctx, v!);
  });

/** `mkKeyValueDefault { mkValueString } sep`, as a Nix function of `k` and `v`. */
export function mkKeyValueDefault(ctx: LibContext, mkValueString: Lazy | undefined, sep: Lazy): Value {
  return fn("lib.generators.mkKeyValueDefault.kv", 2, ([k, v]) => {
    const key = ctx.B.call("replaceStrings", [sep], [lazy(() => interpolate(ctx.st, "\\", sep))], k!);
    const val = mkValueString === undefined ? mkValueStringDefault(ctx, v!) : call(mkValueString, v!);
    return interpolate(ctx.st, key, sep, val);
  });
}

/** `toKeyValue { mkKeyValue, listsAsDuplicateKeys, indent } attrs`. */
function toKeyValue(ctx: LibContext, o: (n: string) => Lazy | undefined, attrsL: Lazy): Value {
  const mkKeyValue = o("mkKeyValue") ?? mkKeyValueDefault(ctx, undefined, "=");
  const dup = o("listsAsDuplicateKeys");
  const indent = o("indent") ?? "";
  const set = forceAttrs(attrsL);
  const lines: Lazy[] = [];
  const asDup = dup !== undefined && forceBool(dup);
  for (const k of set.sortedNames()) {
    const v = set.get(k)!;
    const mkLine = (x: Lazy) => lazy(() => interpolate(ctx.st, indent, call(mkKeyValue, k, x), "\n"));
    if (asDup) {
      const xv = force(v);
      for (const x of Array.isArray(xv) ? xv : [xv]) lines.push(mkLine(x));
    } else lines.push(mkLine(v));
  }
  return ctx.B.call("concatStringsSep", "", lines);
}

const KV_FORMALS = ["mkKeyValue", "listsAsDuplicateKeys", "indent"];
const INI_FORMALS = ["mkSectionName", "mkKeyValue", "listsAsDuplicateKeys"];

function defaultSectionName(ctx: LibContext): Value {
  return fn("lib.generators.toINI.mkSectionName", 1, ([n]) => ctx.B.call("replaceStrings", ["[", "]"], ["\\[", "\\]"], n!));
}

function toINI(ctx: LibContext, o: (n: string) => Lazy | undefined, setL: Lazy): Value {
  const mkSectionName = o("mkSectionName") ?? defaultSectionName(ctx);
  const kvOpts = (n: string) => (n === "mkKeyValue" || n === "listsAsDuplicateKeys" ? o(n) : undefined);
  const set = forceAttrs(setL);
  const sections = set
    .sortedNames()
    .map((name) => lazy(() => interpolate(ctx.st, "[", call(mkSectionName, name), "]\n", toKeyValue(ctx, kvOpts, set.get(name)!))));
  return ctx.B.call("concatStringsSep", "\n", sections);
}

function toINIWithGlobalSection(ctx: LibContext, o: (n: string) => Lazy | undefined, argL: Lazy): Value {
  const a = formals("toINIWithGlobalSection", argL, ["globalSection", "sections"]);
  const global = a("globalSection");
  if (global === undefined)
    throw new NixError("eval", "function 'toINIWithGlobalSection' called without required argument 'globalSection'");
  const sections = a("sections") ?? NixAttrs.empty;
  const kvOpts = (n: string) => (n === "mkKeyValue" || n === "listsAsDuplicateKeys" ? o(n) : undefined);
  const g = forceAttrs(global);
  const head = g.size === 0 ? "" : interpolate(ctx.st, toKeyValue(ctx, kvOpts, g), "\n");
  return interpolate(ctx.st, head, toINI(ctx, o, sections));
}

// ------------------------------------------------------------------ git

function gitSectionName(ctx: LibContext): Value {
  return fn("lib.generators.toGitINI.mkSectionName", 1, ([n]) => {
    const name = force(n!);
    const s = strOf(name as string);
    const parts = s.split(".");
    if (s.includes('"') || parts.length === 1) return name;
    return interpolate(ctx.st, `${parts[0]} "${parts.slice(1).join(".")}"`, ctx.B.call("substring", 0n, 0n, name));
  });
}

function gitValueString(ctx: LibContext): Value {
  return fn("lib.generators.toGitINI.mkValueString", 1, ([v]) => {
    const x = force(v!);
    if (typeof x === "string" || x instanceof NixString) {
      const esc = ctx.B.call("replaceStrings", ["\n", "\t", '"', "\\"], ["\\n", "\\t", '\\"', "\\\\"], x);
      return interpolate(ctx.st, '"', esc, '"');
    }
    return mkValueStringDefault(ctx, x);
  });
}

function gitKeyValue(ctx: LibContext): Value {
  const kv = mkKeyValueDefault(ctx, gitValueString(ctx), " = ");
  const one = (k: Lazy, v: Lazy) => interpolate(ctx.st, "\t", call(kv, k, v));
  return fn("lib.generators.toGitINI.mkKeyValue", 2, ([k, v]) => {
    const x = force(v!);
    if (Array.isArray(x))
      return ctx.B.call(
        "concatStringsSep",
        "\n",
        x.map((e) => lazy(() => one(k!, e))),
      );
    return one(k!, x);
  });
}

function isNonDrvAttrs(v: Lazy): boolean {
  const x = force(v);
  return x instanceof NixAttrs && !isDerivationValue(x);
}

/** Flatten `{ a.b.c = v; }` into `{ "a.b".c = v; }` as nixpkgs' gitFlattenAttrs. */
function gitFlattenAttrs(setL: Lazy): Value {
  const set = forceAttrs(setL);
  const rewrite = set.sortedNames().filter((n) => {
    const v = force(set.get(n)!);
    return v instanceof NixAttrs && v.sortedNames().some((k) => isNonDrvAttrs(v.get(k)!));
  });
  const pieces: NixAttrs[] = [];
  const recurse = (path: string[], value: Lazy) => {
    if (isNonDrvAttrs(value)) {
      const v = force(value) as NixAttrs;
      for (const name of v.sortedNames()) recurse([name, ...path], v.get(name)!);
    } else if (path.length > 1) {
      const section = path.slice(1).reverse().join(".");
      pieces.push(attrs({ [section]: attrs({ [path[0]!]: value }) }));
    } else {
      pieces.push(attrs({ [path[0]!]: value }));
    }
  };
  for (const n of rewrite) recurse([n], set.get(n)!);
  let merged: Value = NixAttrs.empty;
  for (const p of pieces) merged = recursiveUpdateUntil(notBothSets, merged, p);
  const m = new Map(set.map);
  for (const n of rewrite) m.delete(n);
  for (const [k, v] of forceAttrs(merged).map) m.set(k, v);
  return new NixAttrs(m);
}

export function iniGenerators(ctx: LibContext): Record<string, Lazy> {
  return {
    mkValueStringDefault: mkValueStringDefaultOp(ctx),
    mkKeyValueDefault: fn("lib.generators.mkKeyValueDefault", 2, ([o, sep]) => {
      const get = formals("mkKeyValueDefault", o!, ["mkValueString"]);
      return mkKeyValueDefault(ctx, get("mkValueString"), sep!);
    }),
    toKeyValue: fn("lib.generators.toKeyValue", 2, ([o, a]) => toKeyValue(ctx, formals("toKeyValue", o!, KV_FORMALS), a!)),
    toINI: fn("lib.generators.toINI", 2, ([o, a]) => toINI(ctx, formals("toINI", o!, INI_FORMALS), a!)),
    toINIWithGlobalSection: fn("lib.generators.toINIWithGlobalSection", 2, ([o, a]) =>
      toINIWithGlobalSection(ctx, formals("toINIWithGlobalSection", o!, INI_FORMALS), a!),
    ),
    toGitINI: fn("lib.generators.toGitINI", 1, ([a]) => {
      const o = (n: string): Lazy | undefined =>
        n === "mkKeyValue" ? gitKeyValue(ctx) : n === "mkSectionName" ? gitSectionName(ctx) : undefined;
      return toINI(
        ctx,
        o,
        Thunk.of(() => gitFlattenAttrs(a!)),
      );
    }),
  };
}
