/**
 * The Nix-visible `lib.types` set: every type facade and type constructor as
 * a primop taking Nix arguments, plus `mkOptionType` (a type written in Nix,
 * which `wrapType` later reads back), `isType`, `setType`, `defaultFunctor`,
 * `defaultTypeMerge`, `optionDescriptionPhrase` and `mergeTypes`.
 */
import { NixError } from "../nix/errors.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { defsFromNix } from "./definitions.js";
import { mergeDefaultOption } from "./merge-helpers.js";
import { attrOr, attrs, call, lazy, prim, readStrList, str, tagOf, updateAttrs } from "./nix-values.js";
import { defaultFunctor, defaultTypeMerge, lazyType, wrapType, type OptionType } from "./option-type.js";
import { attrsWithFromNix } from "./types-compound.js";
import { noCheckForDocsModule, submoduleWithFromNix } from "./types-submodule.js";

const MK_OPTION_TYPE_ARGS = new Set([
  "name",
  "description",
  "descriptionClass",
  "check",
  "merge",
  "emptyValue",
  "getSubOptions",
  "getSubModules",
  "substSubModules",
  "typeMerge",
  "functor",
  "deprecationMessage",
  "nestedTypes",
]);

/** Reject arguments a function with fixed formals would reject. */
export function checkFormals(fn: string, a: NixAttrs, allowed: ReadonlySet<string>): void {
  for (const k of a.map.keys()) {
    if (!allowed.has(k)) throw new NixError("eval", `function '${fn}' called with unexpected argument '${k}'`);
  }
}

export function required(fn: string, a: NixAttrs, name: string): Lazy {
  const v = a.get(name);
  if (v === undefined) throw new NixError("eval", `function '${fn}' called without required argument '${name}'`);
  return v;
}

/** `mkOptionType { name, … }` as nixpkgs fills in the defaults. */
export function mkOptionTypeNix(ms: ModuleSystem, a: NixAttrs): NixAttrs {
  checkFormals("mkOptionType", a, MK_OPTION_TYPE_ARGS);
  const name = required("mkOptionType", a, "name");
  const functor = a.get("functor") ?? lazy(() => defaultFunctor(ms, str(name), null));
  const description = lazy(() => {
    const d = force(attrOr(a, "description", null));
    return d === null ? force(name) : d;
  });
  return attrs({
    _type: "option-type",
    name,
    check: a.get("check") ?? prim("check", 1, () => true),
    merge: a.get("merge") ?? prim("mergeDefaultOption", 2, ([l, d]) => force(mergeDefaultOption(readStrList(l!), defsFromNix(d!)))),
    emptyValue: a.get("emptyValue") ?? NixAttrs.empty,
    getSubOptions: a.get("getSubOptions") ?? prim("getSubOptions", 1, () => NixAttrs.empty),
    getSubModules: a.get("getSubModules") ?? null,
    substSubModules: a.get("substSubModules") ?? prim("substSubModules", 1, () => null),
    typeMerge:
      a.get("typeMerge") ?? prim("typeMerge", 1, ([f]) => defaultTypeMerge(ms, forceAttrs(functor), forceAttrs(f!))?.facade() ?? null),
    deprecationMessage: a.get("deprecationMessage") ?? null,
    nestedTypes: a.get("nestedTypes") ?? NixAttrs.empty,
    descriptionClass: a.get("descriptionClass") ?? null,
    functor,
    description,
  });
}

function t1(ms: ModuleSystem, name: string, f: (t: OptionType) => OptionType): Lazy {
  return prim(name, 1, ([x]) => f(lazyType(ms, x!)).facade());
}

function nullableBool(l: Lazy): boolean | null {
  const v = force(l);
  return v === null ? null : v === true;
}

function typeConstructors(ms: ModuleSystem): Record<string, Lazy> {
  const T = ms.types;
  const w = (l: Lazy) => lazyType(ms, l);
  return {
    listOf: t1(ms, "listOf", (t) => T.listOf(t)),
    nonEmptyListOf: t1(ms, "nonEmptyListOf", (t) => T.nonEmptyListOf(t)),
    attrsOf: t1(ms, "attrsOf", (t) => T.attrsOf(t)),
    attrListOf: t1(ms, "attrListOf", (t) => T.attrListWith(t, false, null)),
    attrListWith: prim("attrListWith", 1, ([a]) => {
      const args = forceAttrs(a!);
      const m = args.get("mergeAttrValues");
      return T.attrListWith(
        w(required("attrListWith", args, "elemType")),
        force(attrOr(args, "asAttrs", false)) === true,
        m ?? null,
      ).facade();
    }),
    lazyAttrsOf: t1(ms, "lazyAttrsOf", (t) => T.lazyAttrsOf(t)),
    attrsWith: prim("attrsWith", 1, ([a]) => attrsWithFromNix(ms, forceAttrs(a!)).facade()),
    loaOf: t1(ms, "loaOf", (t) => T.loaOf(t)),
    nullOr: t1(ms, "nullOr", (t) => T.nullOr(t)),
    functionTo: t1(ms, "functionTo", (t) => T.functionTo(t)),
    uniq: t1(ms, "uniq", (t) => T.unique("", t)),
    unique: prim("unique", 2, ([a, t]) => T.unique(str(required("unique", forceAttrs(a!), "message")), w(t!)).facade()),
    either: prim("either", 2, ([a, b]) => T.either(w(a!), w(b!)).facade()),
    oneOf: prim("oneOf", 1, ([l]) => T.oneOf(forceList(l!).map(w)).facade()),
    coercedTo: prim("coercedTo", 3, ([a, f, b]) => T.coercedTo(w(a!), f!, w(b!)).facade()),
    addCheck: prim("addCheck", 2, ([t, c]) => T.addCheck(w(t!), c!).facade()),
    enum: prim("enum", 1, ([l]) => T.enum(forceList(l!)).facade()),
    strMatching: prim("strMatching", 1, ([p]) => T.strMatching(str(p!)).facade()),
    separatedString: prim("separatedString", 1, ([s]) => T.separatedString(str(s!)).facade()),
    passwdEntry: t1(ms, "passwdEntry", (t) => T.passwdEntry(t)),
    pathWith: prim("pathWith", 1, ([a]) => {
      const args = forceAttrs(a!);
      return T.pathWith(nullableBool(attrOr(args, "inStore", null)), nullableBool(attrOr(args, "absolute", null))).facade();
    }),
    submodule: prim("submodule", 1, ([m]) => {
      const v = force(m!);
      return T.submodule(Array.isArray(v) ? v : [m!]).facade();
    }),
    submoduleWith: prim("submoduleWith", 1, ([a]) => submoduleWithFromNix(ms, forceAttrs(a!)).facade()),
    deferredModuleWith: prim("deferredModuleWith", 1, ([a]) =>
      T.deferredModuleWith(forceList(attrOr(forceAttrs(a!), "staticModules", []))).facade(),
    ),
    attrTag: prim("attrTag", 1, ([a]) => T.attrTag(forceAttrs(a!)).facade()),
    serializableValueWith: prim("serializableValueWith", 1, ([a]) => {
      const args = forceAttrs(a!);
      return T.serializableValueWith(
        str(required("serializableValueWith", args, "typeName")),
        force(attrOr(args, "nullable", true)) === true,
      ).facade();
    }),
  };
}

function leafTypes(ms: ModuleSystem): Record<string, Lazy> {
  const T = ms.types;
  const f = (t: OptionType) => t.facade();
  return {
    raw: f(T.raw),
    anything: f(T.anything),
    unspecified: f(T.unspecified),
    bool: f(T.bool),
    boolByOr: f(T.boolByOr),
    int: f(T.int),
    ints: lazy(() =>
      attrs({
        ...mapTypes(T.ints),
        between: prim("ints.between", 2, ([a, b]) => T.intsBetween(force(a!) as bigint, force(b!) as bigint).facade()),
      }),
    ),
    port: lazy(() => f(T.port)),
    float: f(T.float),
    number: f(T.number),
    numbers: lazy(() =>
      attrs({ ...mapTypes(T.numbers), between: prim("numbers.between", 2, ([a, b]) => T.numbersBetween(a!, b!).facade()) }),
    ),
    str: f(T.str),
    nonEmptyStr: f(T.nonEmptyStr),
    singleLineStr: f(T.singleLineStr),
    lines: f(T.lines),
    commas: f(T.commas),
    envVar: f(T.envVar),
    attrs: f(T.attrs),
    fileset: f(T.fileset),
    package: f(T.package),
    shellPackage: f(T.shellPackage),
    pkgs: lazy(() => f(T.pkgs)),
    path: f(T.path),
    pathInStore: f(T.pathInStore),
    externalPath: f(T.externalPath),
    luaInline: f(T.luaInline),
    deferredModule: f(T.deferredModule),
    optionDeclaration: f(T.optionDeclaration),
    optionType: f(T.optionType),
    json: lazy(() => f(T.json)),
    toml: lazy(() => f(T.toml)),
  };
}

function mapTypes(r: Record<string, OptionType>): Record<string, Lazy> {
  const out: Record<string, Lazy> = {};
  for (const [k, t] of Object.entries(r)) out[k] = t.facade();
  return out;
}

function isTypePrim(): Lazy {
  return prim("isType", 2, ([t, x]) => tagOf(x!) === str(t!));
}

/** The `lib.types` set. */
export function typesNamespace(ms: ModuleSystem): NixAttrs {
  const helpers: Record<string, Lazy> = {
    isType: isTypePrim(),
    setType: prim("setType", 2, ([n, v]) => updateAttrs(forceAttrs(v!), attrs({ _type: n! }))),
    defaultTypeMerge: prim("defaultTypeMerge", 2, ([f, g]) => defaultTypeMerge(ms, forceAttrs(f!), forceAttrs(g!))?.facade() ?? null),
    defaultFunctor: prim("defaultFunctor", 1, ([n]) => defaultFunctor(ms, str(n!), null)),
    isOptionType: prim("isOptionType", 1, ([x]) => tagOf(x!) === "option-type"),
    mkOptionType: prim("mkOptionType", 1, ([a]) => mkOptionTypeNix(ms, forceAttrs(a!))),
    optionDescriptionPhrase: prim("optionDescriptionPhrase", 2, ([u, t]) => {
      const ta = forceAttrs(t!);
      const d = str(attrOr(ta, "description", ""));
      return call(u!, attrOr(ta, "descriptionClass", null)) === true ? d : `(${d})`;
    }),
    noCheckForDocsModule: lazy(() => noCheckForDocsModule()),
    mergeTypes: prim("mergeTypes", 2, ([a, b]) => mergeTypes(ms, a!, b!)),
    types: lazy(() => force(attrOr(ms.lib(), "types", NixAttrs.empty))),
  };
  return attrs({ ...helpers, ...leafTypes(ms), ...typeConstructors(ms) });
}

function mergeTypes(ms: ModuleSystem, a: Lazy, b: Lazy): Value {
  if (tagOf(a) !== "option-type" || tagOf(b) !== "option-type")
    throw new NixError("assert", "assertion 'isOptionType a && isOptionType b' failed");
  const m = wrapType(ms, a).typeMerge(wrapType(ms, b).functor());
  return m === null ? attrs({ error: "Cannot merge types", _type: "merge-error" }) : m.facade();
}
