/**
 * Leaf types of `lib.types`: each is a `SimpleType`, a name, a description, a
 * check and a merge (raw, unspecified, bool, boolByOr, int, float, str,
 * nonEmptyStr, singleLineStr, strMatching, separatedString, attrs, package,
 * shellPackage, enum, pathWith, optionDeclaration, fileset, luaInline) plus
 * `anything`, whose merge recurses. Types whose payload takes part in type
 * merging (strMatching, separatedString, enum, pathWith) build their own
 * functor.
 */
import { forceAttrs, forceList, eqValues } from "../nix/ops.js";
import { force, NixAttrs, NixPath, NixString, isFunction, typeOf, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import type { Def } from "./definitions.js";
import { mergeEqualOption, mergeOneOption, mergeUniqueOption } from "./merge-helpers.js";
import { attrOr, attrs, call, isString, isStringLike, isTagged, lazy, nixThrow, prim, str, updateAttrs } from "./nix-values.js";
import { defaultFunctor, OptionType } from "./option-type.js";
import { jsonString, escapeNixString, showFiles, showOption } from "./show.js";

export type MergeFn = (loc: readonly string[], defs: readonly Def[]) => Lazy;

export interface SimpleSpec {
  name: string;
  description?: string;
  descriptionClass?: string | null;
  check?: (v: Lazy) => boolean;
  merge?: MergeFn;
  emptyValue?: () => Lazy;
  /** Builds the functor; default: nixpkgs' defaultFunctor of the name. */
  functor?: (self: SimpleType) => NixAttrs;
  deprecationMessage?: string;
}

/** A type defined by a name, a description, a check and a merge. */
export class SimpleType extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly spec: SimpleSpec,
  ) {
    super(ms);
  }
  get name(): string {
    return this.spec.name;
  }
  get description(): string {
    return this.spec.description ?? this.spec.name;
  }
  override get descriptionClass(): string | null {
    return this.spec.descriptionClass ?? null;
  }
  override get deprecationMessage(): string | null {
    return this.spec.deprecationMessage ?? null;
  }
  override check(v: Lazy): boolean {
    return this.spec.check ? this.spec.check(v) : true;
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    return this.spec.merge ? this.spec.merge(loc, defs) : super.merge(loc, defs);
  }
  override emptyValue(): { value?: Lazy } {
    return this.spec.emptyValue ? { value: this.spec.emptyValue() } : {};
  }
  protected override makeFunctor(): NixAttrs {
    return this.spec.functor ? this.spec.functor(this) : defaultFunctor(this.ms, this.name, this.facade());
  }
}

const isBool = (v: Lazy) => typeof force(v) === "boolean";
const isInt = (v: Lazy) => typeof force(v) === "bigint";
const isFloat = (v: Lazy) => typeof force(v) === "number";
const isStr = (v: Lazy) => isString(force(v));
const isAttrs = (v: Lazy) => force(v) instanceof NixAttrs;

/** `builtins.match pattern s != null` with the evaluator's regex engine. */
export function regexMatches(ms: ModuleSystem, pattern: string, s: Lazy): boolean {
  return call(ms.st.builtins.get("match")!, pattern, s) !== null;
}

function concatWith(sep: string, defs: readonly Def[]): Value {
  let out = "";
  let ctx: Set<string> | null = null;
  defs.forEach((d, i) => {
    const v = force(d.value);
    if (i > 0) out += sep;
    if (v instanceof NixString) {
      out += v.s;
      ctx ??= new Set();
      for (const c of v.context) ctx.add(c);
    } else out += str(v);
  });
  return ctx !== null && (ctx as Set<string>).size > 0 ? new NixString(out, ctx) : out;
}

/** A functor whose payload merges by `binOp` and rebuilds the type with `rebuild`. */
export function payloadFunctor(
  name: string,
  payload: Lazy,
  rebuild: (p: NixAttrs) => OptionType,
  binOp: (a: Lazy, b: Lazy) => Value,
): NixAttrs {
  return attrs({
    name,
    payload,
    type: prim(`${name}.type`, 1, ([p]) => rebuild(forceAttrs(p!)).facade()),
    binOp: prim(`${name}.binOp`, 2, ([a, b]) => binOp(a!, b!)),
  });
}

export function mkRaw(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, { name: "raw", description: "raw value", descriptionClass: "noun", merge: mergeOneOption });
}

export function mkUnspecified(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, { name: "unspecified", description: "unspecified value", descriptionClass: "noun" });
}

export function mkBool(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, { name: "bool", description: "boolean", descriptionClass: "noun", check: isBool, merge: mergeEqualOption });
}

export function mkBoolByOr(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "boolByOr",
    description: "boolean (merged using or)",
    descriptionClass: "noun",
    check: isBool,
    merge: (_loc, defs) => defs.some((d) => force(d.value) === true),
  });
}

export function mkInt(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "int",
    description: "signed integer",
    descriptionClass: "noun",
    check: isInt,
    merge: mergeEqualOption,
  });
}

export function mkFloat(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "float",
    description: "floating point number",
    descriptionClass: "noun",
    check: isFloat,
    merge: mergeEqualOption,
  });
}

export function mkStr(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, { name: "str", description: "string", descriptionClass: "noun", check: isStr, merge: mergeEqualOption });
}

export function mkNonEmptyStr(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "nonEmptyStr",
    description: "non-empty string",
    descriptionClass: "noun",
    check: (v) => isStr(v) && !/^[ \t\n]*$/.test(str(v)),
    merge: mergeEqualOption,
  });
}

export function mkSingleLineStr(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "singleLineStr",
    description: "(optionally newline-terminated) single-line string",
    descriptionClass: "noun",
    check: (v) => isStr(v) && /^[^\n\r]*\n?$/.test(str(v)),
    merge: (loc, defs) => {
      const v = force(mergeEqualOption(loc, defs));
      if (v instanceof NixString) return v.s.endsWith("\n") ? new NixString(v.s.slice(0, -1), v.context) : v;
      const s = str(v);
      return s.endsWith("\n") ? s.slice(0, -1) : s;
    },
  });
}

export function mkStrMatching(ms: ModuleSystem, pattern: string): SimpleType {
  return new SimpleType(ms, {
    name: `strMatching ${escapeNixString(pattern)}`,
    description: `string matching the pattern ${pattern}`,
    descriptionClass: "noun",
    check: (v) => isStr(v) && regexMatches(ms, pattern, v),
    merge: mergeEqualOption,
    functor: () =>
      payloadFunctor(
        "strMatching",
        attrs({ pattern }),
        (p) => mkStrMatching(ms, str(attrOr(p, "pattern", ""))),
        (a, b) => (eqValues(a, b) ? force(a) : null),
      ),
  });
}

export function mkSeparatedString(ms: ModuleSystem, sep: string): SimpleType {
  return new SimpleType(ms, {
    name: "separatedString",
    description: `strings concatenated with ${jsonString(sep)}`,
    descriptionClass: "noun",
    check: isStr,
    merge: (_loc, defs) => concatWith(sep, defs),
    functor: () =>
      payloadFunctor(
        "separatedString",
        attrs({ sep }),
        (p) => mkSeparatedString(ms, str(attrOr(p, "sep", ""))),
        (a, b) => {
          const sa = str(attrOr(forceAttrs(a), "sep", ""));
          return sa === str(attrOr(forceAttrs(b), "sep", "")) ? attrs({ sep: sa }) : null;
        },
      ),
  });
}

export function mkAttrsType(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "attrs",
    description: "attribute set",
    check: isAttrs,
    // `foldl' (res: def: res // def.value) { }`: `//` with an empty side gives the other side itself,
    // so a single definition is the very set defined (a package set keeps its lazily made attributes).
    merge: (_loc, defs) => defs.reduce<NixAttrs>((res, d) => updateAttrs(res, forceAttrs(d.value)), NixAttrs.empty),
    emptyValue: () => NixAttrs.empty,
  });
}

function libCall(ms: ModuleSystem, path: string[], ...args: Lazy[]): Value {
  let f: Lazy = ms.lib();
  for (const p of path) f = attrOr(forceAttrs(f), p, null);
  return call(f, ...args);
}

/** lib.isStorePath, natively: a string-like value directly under the store dir. */
export function isStorePath(ms: ModuleSystem, l: Lazy): boolean {
  const v = force(l);
  if (!isStringLike(v)) return false;
  const s = toStringPlain(ms, v);
  if (!s.startsWith("/")) return false;
  const dir = s.slice(0, s.lastIndexOf("/")) || "/";
  return dir === ms.st.store.storeDir || /^\/[0-9a-z]{52}$/.test(s);
}

function toStringPlain(ms: ModuleSystem, v: Value): string {
  if (v instanceof NixPath) return v.path;
  if (isString(v)) return str(v);
  return libToString(ms, v);
}

function libToString(ms: ModuleSystem, v: Value): string {
  return str(call(ms.st.builtins.get("toString")!, v));
}

function isDerivation(v: Value): boolean {
  return v instanceof NixAttrs && v.isDerivation();
}

export function mkPackage(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "package",
    descriptionClass: "noun",
    check: (v) => isDerivation(force(v)) || isStorePath(ms, v),
    merge: (loc, defs) => {
      const res = force(mergeOneOption(loc, defs));
      if (res instanceof NixPath || typeof res === "string") return libCall(ms, ["toDerivation"], res);
      return res;
    },
  });
}

export function mkShellPackage(ms: ModuleSystem, pkg: OptionType): SimpleType {
  return new SimpleType(ms, {
    name: "package",
    descriptionClass: "noun",
    check: (v) => {
      const x = force(v);
      return isDerivation(x) && (x as NixAttrs).has("shellPath");
    },
    merge: (loc, defs) => pkg.merge(loc, defs),
    functor: () => pkg.functor(),
  });
}

function showEnumValue(v: Lazy): string {
  const x = force(v);
  if (isString(x)) return `"${str(x)}"`;
  if (typeof x === "bigint") return x.toString();
  if (typeof x === "boolean") return x ? "true" : "false";
  return `<${typeOf(x)}>`;
}

export function mkEnum(ms: ModuleSystem, values: Lazy[]): SimpleType {
  const description =
    values.length === 0
      ? "impossible (empty enum)"
      : values.length === 1
        ? `value ${showEnumValue(values[0]!)} (singular enum)`
        : `one of ${values.map(showEnumValue).join(", ")}`;
  return new SimpleType(ms, {
    name: "enum",
    description,
    descriptionClass: values.length < 2 ? "noun" : "conjunction",
    check: (v) => values.some((x) => eqValues(x, v)),
    merge: mergeEqualOption,
    functor: () =>
      payloadFunctor(
        "enum",
        attrs({ values }),
        (p) => mkEnum(ms, forceList(attrOr(p, "values", []))),
        (a, b) => {
          const out: Lazy[] = [];
          for (const x of [...forceList(attrOr(forceAttrs(a), "values", [])), ...forceList(attrOr(forceAttrs(b), "values", []))]) {
            if (!out.some((y) => eqValues(x, y))) out.push(x);
          }
          return attrs({ values: out });
        },
      ),
  });
}

/** lib.path.hasStorePathPrefix on a path string. */
function hasStorePathPrefix(storeDir: string, p: string): boolean {
  const comps = p.split("/").filter((c) => c !== "" && c !== ".");
  const sd = storeDir.split("/").filter((c) => c !== "");
  if (comps.length > 0 && /^[0-9a-z]{52}$/.test(comps[0]!)) return true;
  if (comps.length <= sd.length) return false;
  for (let i = 0; i < sd.length; i++) if (comps[i] !== sd[i]) return false;
  return /^.{32}-.+$/s.test(comps[sd.length]!);
}

export function mkPathWith(ms: ModuleSystem, inStore: boolean | null, absolute: boolean | null): SimpleType {
  if (inStore === true && absolute === false) throw nixThrow("In pathWith, inStore means the path must be absolute");
  const description =
    (absolute === null ? "" : absolute ? "absolute " : "relative ") +
    "path" +
    (inStore === null ? "" : inStore ? " in the Nix store" : " not in the Nix store");
  return new SimpleType(ms, {
    name: "path",
    description,
    descriptionClass: "noun",
    merge: mergeEqualOption,
    check: (l) => {
      const x = force(l);
      const expected = inStore === null || inStore ? isStringLike(x) : isString(x);
      if (!expected) return false;
      const s = toStringPlain(ms, x);
      if (inStore !== null) {
        const p = x instanceof NixPath ? x.path : normalizeAbs(s);
        if (inStore !== hasStorePathPrefix(ms.st.store.storeDir, p)) return false;
      }
      return absolute === null || absolute === s.startsWith("/");
    },
    functor: () =>
      payloadFunctor(
        "path",
        attrs({ inStore, absolute }),
        (p) => mkPathWith(ms, nullableBool(attrOr(p, "inStore", null)), nullableBool(attrOr(p, "absolute", null))),
        (a, b) => (eqValues(a, b) ? force(a) : null),
      ),
  });
}

function normalizeAbs(s: string): string {
  return "/" + s;
}

function nullableBool(l: Lazy): boolean | null {
  const v = force(l);
  return v === null ? null : v === true;
}

export function mkOptionDeclaration(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "optionDeclaration",
    description: "option declaration",
    descriptionClass: "noun",
    check: (v) => isTagged(v, "option") && !(force(v) as NixAttrs).has("value"),
  });
}

export function mkLuaInline(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "luaInline",
    description: "inline lua",
    descriptionClass: "noun",
    check: (v) => isTagged(v, "lua-inline"),
    merge: mergeEqualOption,
  });
}

export function mkFileset(ms: ModuleSystem): SimpleType {
  return new SimpleType(ms, {
    name: "fileset",
    description: "fileset",
    descriptionClass: "noun",
    check: (v) => libCall(ms, ["fileset", "isFileset"], v) === true,
    merge: (_loc, defs) =>
      libCall(
        ms,
        ["fileset", "unions"],
        defs.map((d) => d.value),
      ),
    emptyValue: () => lazy(() => force(attrOr(forceAttrs(attrOr(ms.lib(), "fileset", NixAttrs.empty)), "empty", null))),
  });
}

/** `anything`: sets merge recursively, functions merge their results, the rest must agree. */
export function mkAnything(ms: ModuleSystem): SimpleType {
  const self: SimpleType = new SimpleType(ms, {
    name: "anything",
    description: "anything",
    descriptionClass: "noun",
    merge: (loc, defs) => mergeAnything(ms, self, loc, defs),
  });
  return self;
}

function anythingKind(v: Value): string {
  if (v instanceof NixAttrs && isStringLike(v)) return "stringCoercibleSet";
  return typeOf(v);
}

function mergeAnything(ms: ModuleSystem, self: OptionType, loc: readonly string[], defs: readonly Def[]): Lazy {
  const kind = anythingKind(force(defs[0]!.value));
  for (const d of defs) {
    if (anythingKind(force(d.value)) !== kind) {
      throw nixThrow(`The option \`${showOption(loc)}' has conflicting option types in ${showFiles(defs.map((x) => x.file))}`);
    }
  }
  if (kind === "set") return ms.types.attrsOf(self).merge(loc, defs);
  if (kind === "stringCoercibleSet") return mergeOneOption(loc, defs);
  if (kind === "lambda") {
    return prim("anything", 1, ([arg]) =>
      force(
        mergeAnything(
          ms,
          self,
          [...loc, "<function body>"],
          defs.map((d) => ({ file: d.file, value: lazy(() => call(d.value, arg!)), pos: d.pos })),
        ),
      ),
    );
  }
  return mergeEqualOption(loc, defs);
}

/** `unique { message } type` as a leaf over another type's check and merge. */
export function uniqueMerge(message: string, inner: OptionType): (loc: readonly string[], defs: readonly Def[]) => Lazy {
  return (loc, defs) => mergeUniqueOption(message, (l, d) => inner.merge(l, d), loc, defs);
}

export { isFunction };
