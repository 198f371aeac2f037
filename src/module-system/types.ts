/**
 * `TypeLib`: every type of `lib.types` as TypeScript values, one registry per
 * module-system context. Leaf types are singletons; constructors build
 * compound types. Types that nixpkgs defines as another type with a few
 * attributes replaced (`ints.u8` is `addCheck int … // { name; description; }`)
 * are built the same way here, as an override of the other type's facade, so
 * they behave exactly alike (including how they merge with each other).
 */
import { compareValues, forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import type { Def } from "./definitions.js";
import { formatJsonFloat } from "../nix/builtins/json.js";
import { mergeDefaultOption } from "./merge-helpers.js";
import { attrs, nixThrow, prim, str, updateAttrs } from "./nix-values.js";
import { descriptionPhrase, LazyType, OptionType, wrapType } from "./option-type.js";
import {
  mkAnything,
  mkAttrsType,
  mkBool,
  mkBoolByOr,
  mkEnum,
  mkFileset,
  mkFloat,
  mkInt,
  mkLuaInline,
  mkNonEmptyStr,
  mkOptionDeclaration,
  mkPackage,
  mkPathWith,
  mkRaw,
  mkSeparatedString,
  mkShellPackage,
  mkSingleLineStr,
  mkStr,
  mkStrMatching,
  mkUnspecified,
} from "./types-basic.js";
import { AddCheck, AttrsWith, CoercedTo, Either, FunctionTo, ListOf, NullOr, Unique } from "./types-compound.js";
import { AttrTag } from "./types-attrtag.js";
import { AttrListWith } from "./types-attrlist.js";
import { DeferredModuleWith, OptionTypeType, SubmoduleWith, type SubmoduleArgs } from "./types-submodule.js";

export class TypeLib {
  readonly raw: OptionType;
  readonly anything: OptionType;
  readonly unspecified: OptionType;
  readonly bool: OptionType;
  readonly boolByOr: OptionType;
  readonly int: OptionType;
  readonly float: OptionType;
  readonly str: OptionType;
  readonly nonEmptyStr: OptionType;
  readonly singleLineStr: OptionType;
  readonly lines: OptionType;
  readonly commas: OptionType;
  readonly envVar: OptionType;
  readonly attrs: OptionType;
  readonly package: OptionType;
  readonly shellPackage: OptionType;
  readonly path: OptionType;
  readonly pathInStore: OptionType;
  readonly externalPath: OptionType;
  readonly optionType: OptionType;
  readonly optionDeclaration: OptionType;
  readonly luaInline: OptionType;
  readonly fileset: OptionType;
  readonly number: OptionType;
  readonly deferredModule: OptionType;
  readonly ints: Record<string, OptionType>;
  readonly numbers: Record<string, OptionType>;
  readonly port: OptionType;
  private pkgsType: OptionType | undefined;
  private jsonType: OptionType | undefined;
  private tomlType: OptionType | undefined;

  constructor(readonly ms: ModuleSystem) {
    this.raw = mkRaw(ms);
    this.anything = mkAnything(ms);
    this.unspecified = mkUnspecified(ms);
    this.bool = mkBool(ms);
    this.boolByOr = mkBoolByOr(ms);
    this.int = mkInt(ms);
    this.float = mkFloat(ms);
    this.str = mkStr(ms);
    this.nonEmptyStr = mkNonEmptyStr(ms);
    this.singleLineStr = mkSingleLineStr(ms);
    this.lines = mkSeparatedString(ms, "\n");
    this.commas = mkSeparatedString(ms, ",");
    this.envVar = mkSeparatedString(ms, ":");
    this.attrs = mkAttrsType(ms);
    this.package = mkPackage(ms);
    this.shellPackage = mkShellPackage(ms, this.package);
    this.path = mkPathWith(ms, null, true);
    this.pathInStore = mkPathWith(ms, true, null);
    this.externalPath = mkPathWith(ms, false, true);
    this.optionType = new OptionTypeType(ms);
    this.optionDeclaration = mkOptionDeclaration(ms);
    this.luaInline = mkLuaInline(ms);
    this.fileset = mkFileset(ms);
    this.number = new Either(ms, this.int, this.float);
    this.deferredModule = new DeferredModuleWith(ms, []);
    this.ints = this.makeInts();
    this.numbers = this.makeNumbers();
    this.port = this.ints.u16!;
  }

  /** `t // { … }` as a type. */
  override(t: OptionType, fields: Record<string, Lazy>): OptionType {
    return wrapType(this.ms, updateAttrs(t.facade(), attrs(fields)));
  }

  private checkFn(name: string, f: (x: Lazy) => boolean): Lazy {
    return prim(name, 1, ([x]) => f(x!));
  }

  intsBetween(lo: bigint, hi: bigint): OptionType {
    if (lo > hi) throw nixThrow("ints.between: lowest must be smaller than highest");
    const t = new AddCheck(
      this.ms,
      this.int,
      this.checkFn("between", (x) => (force(x) as bigint) >= lo && (force(x) as bigint) <= hi),
    );
    return this.override(t, { name: "intBetween", description: `integer between ${lo} and ${hi} (both inclusive)` });
  }

  private makeInts(): Record<string, OptionType> {
    const ign = (lo: bigint, hi: bigint, name: string, doc: string) =>
      this.override(this.intsBetween(lo, hi), { name, description: `${doc}; between ${lo} and ${hi} (both inclusive)` });
    const unsign = (bit: number, range: bigint) => ign(0n, range - 1n, `unsignedInt${bit}`, `${bit} bit unsigned integer`);
    const sign = (bit: number, range: bigint) => ign(-(range / 2n), range / 2n - 1n, `signedInt${bit}`, `${bit} bit signed integer`);
    const cls = (t: OptionType, name: string, description: string) =>
      this.override(t, { name, description, descriptionClass: "nonRestrictiveClause" });
    return {
      unsigned: cls(
        new AddCheck(
          this.ms,
          this.int,
          this.checkFn("unsigned", (x) => (force(x) as bigint) >= 0n),
        ),
        "unsignedInt",
        "unsigned integer, meaning >=0",
      ),
      positive: cls(
        new AddCheck(
          this.ms,
          this.int,
          this.checkFn("positive", (x) => (force(x) as bigint) > 0n),
        ),
        "positiveInt",
        "positive integer, meaning >0",
      ),
      u8: unsign(8, 256n),
      u16: unsign(16, 65536n),
      u32: unsign(32, 4294967296n),
      s8: sign(8, 256n),
      s16: sign(16, 65536n),
      s32: sign(32, 4294967296n),
    };
  }

  numbersBetween(lo: Lazy, hi: Lazy): OptionType {
    if (compareValues(lo, hi) > 0) throw nixThrow("numbers.between: lowest must be smaller than highest");
    const t = new AddCheck(
      this.ms,
      this.number,
      this.checkFn("between", (x) => compareValues(x, lo) >= 0 && compareValues(x, hi) <= 0),
    );
    const j = (l: Lazy) => {
      const v = force(l);
      return typeof v === "number" ? formatJsonFloat(v) : String(v);
    };
    return this.override(t, {
      name: "numberBetween",
      description: `integer or floating point number between ${j(lo)} and ${j(hi)} (both inclusive)`,
    });
  }

  private makeNumbers(): Record<string, OptionType> {
    const cls = (f: (x: Lazy) => boolean, name: string, description: string) =>
      this.override(new AddCheck(this.ms, this.number, this.checkFn(name, f)), {
        name,
        description,
        descriptionClass: "nonRestrictiveClause",
      });
    return {
      nonnegative: cls((x) => compareValues(x, 0n) >= 0, "numberNonnegative", "nonnegative integer or floating point number, meaning >=0"),
      positive: cls((x) => compareValues(x, 0n) > 0, "numberPositive", "positive integer or floating point number, meaning >0"),
    };
  }

  get pkgs(): OptionType {
    return (this.pkgsType ??= new AddCheck(
      this.ms,
      this.override(this.unique("A Nixpkgs pkgs set can not be merged with another pkgs set.", this.attrs), {
        name: "pkgs",
        descriptionClass: "noun",
        description: "Nixpkgs package set",
      }),
      this.checkFn("isPkgs", (x) => {
        const v = force(x);
        const t = v instanceof NixAttrs ? v.get("_type") : undefined;
        return t !== undefined && force(t) === "pkgs";
      }),
    ));
  }

  listOf(t: OptionType): OptionType {
    return new ListOf(this.ms, t);
  }

  nonEmptyListOf(t: OptionType): OptionType {
    const list = new AddCheck(
      this.ms,
      this.listOf(t),
      this.checkFn("nonEmpty", (x) => (force(x) as Lazy[]).length > 0),
    );
    return this.override(list, {
      description: `non-empty ${descriptionPhrase((c) => c === "noun", list)}`,
      emptyValue: NixAttrs.empty,
      substSubModules: prim("substSubModules", 1, ([m]) => {
        const s = t.substSubModules(force(m!) as Lazy[]);
        if (s === null) throw nixThrow("substSubModules returned null");
        return this.nonEmptyListOf(s).facade();
      }),
    });
  }

  attrsOf(t: OptionType): OptionType {
    return new AttrsWith(this.ms, { elemType: t, lazy: false, placeholder: "name" });
  }

  lazyAttrsOf(t: OptionType): OptionType {
    return new AttrsWith(this.ms, { elemType: t, lazy: true, placeholder: "name" });
  }

  loaOf(t: OptionType): OptionType {
    return this.override(this.attrsOf(t), {
      name: "loaOf",
      deprecationMessage:
        "Mixing lists with attribute values is no longer possible; please use `types.attrsOf` instead. See https://github.com/NixOS/nixpkgs/issues/1800 for the motivation.",
      nestedTypes: attrs({ elemType: t.facade() }),
    });
  }

  nullOr(t: OptionType): OptionType {
    return new NullOr(this.ms, t);
  }

  either(a: OptionType, b: OptionType): OptionType {
    return new Either(this.ms, a, b);
  }

  oneOf(ts: OptionType[]): OptionType {
    if (ts.length === 0) throw nixThrow("types.oneOf needs to get at least one type in its argument");
    return ts.slice(1).reduce((acc, t) => this.either(acc, t), ts[0]!);
  }

  coercedTo(from: OptionType, f: Lazy, to: OptionType): OptionType {
    return new CoercedTo(this.ms, from, f, to);
  }

  functionTo(t: OptionType): OptionType {
    return new FunctionTo(this.ms, t);
  }

  unique(message: string, t: OptionType): OptionType {
    return new Unique(this.ms, message, t);
  }

  addCheck(t: OptionType, check: Lazy): OptionType {
    return new AddCheck(this.ms, t, check);
  }

  enum(values: Lazy[]): OptionType {
    return mkEnum(this.ms, values);
  }

  strMatching(pattern: string): OptionType {
    return mkStrMatching(this.ms, pattern);
  }

  separatedString(sep: string): OptionType {
    return mkSeparatedString(this.ms, sep);
  }

  pathWith(inStore: boolean | null, absolute: boolean | null): OptionType {
    return mkPathWith(this.ms, inStore, absolute);
  }

  passwdEntry(t: OptionType): OptionType {
    const checked = new AddCheck(
      this.ms,
      t,
      this.checkFn("passwdEntry", (x) => !/[:\n]/.test(str(x))),
    );
    return this.override(checked, {
      name: `passwdEntry ${t.name}`,
      description: `${descriptionPhrase((c) => c === "noun", t)}, not containing newlines or colons`,
      descriptionClass: "nonRestrictiveClause",
    });
  }

  submoduleWith(args: SubmoduleArgs): SubmoduleWith {
    return new SubmoduleWith(this.ms, args);
  }

  submodule(modules: Lazy[]): SubmoduleWith {
    return this.submoduleWith({ modules, specialArgs: NixAttrs.empty, shorthandOnlyDefinesConfig: true, description: null, class: null });
  }

  deferredModuleWith(staticModules: Lazy[]): OptionType {
    return new DeferredModuleWith(this.ms, staticModules);
  }

  attrListWith(elemType: OptionType, asAttrs: boolean, mergeAttrValues: Lazy | null): OptionType {
    return new AttrListWith(this.ms, { elemType, asAttrs, mergeAttrValues });
  }

  attrTag(tags: NixAttrs): OptionType {
    return new AttrTag(this.ms, tags);
  }

  serializableValueWith(typeName: string, nullable: boolean): OptionType {
    const self: OptionType = new LazyType(this.ms, () => valueType);
    const base = this.oneOf([this.bool, this.int, this.float, this.str, this.path, this.attrsOf(self), this.listOf(self)]);
    const valueType = this.override(nullable ? this.nullOr(base) : base, { description: `${typeName} value` });
    return valueType;
  }

  get json(): OptionType {
    return (this.jsonType ??= this.serializableValueWith("JSON", true));
  }

  get toml(): OptionType {
    return (this.tomlType ??= this.serializableValueWith("TOML", false));
  }

  /** lib.options.mergeDefaultOption, used by types without their own merge. */
  mergeDefaultOption(loc: readonly string[], defs: readonly Def[]): Lazy {
    return mergeDefaultOption(loc, defs);
  }
}

export function typeFromNix(ms: ModuleSystem, l: Lazy): OptionType {
  return wrapType(ms, forceAttrs(l));
}
