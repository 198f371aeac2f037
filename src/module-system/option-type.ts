/**
 * The option-type abstraction. Every type of `lib.types` is a TypeScript
 * object that owns its behaviour (check, merge, description, sub-options,
 * type merging); shared code only calls these methods and never looks at a
 * type's name. Each type also has a Nix-visible facade, the attribute set that
 * nixpkgs' `mkOptionType` returns (`_type = "option-type"`, `name`, `check`,
 * `merge`, `functor`, …), whose function attributes are native primops
 * remembered in a registry. A set that Nix code built (`mkOptionType { … }`,
 * or `types.str // { description = …; }`) is wrapped back into this interface
 * by `NixDefinedType`, which calls native code whenever an attribute is still
 * one of ours, so overriding a description keeps the native merge.
 */
import { NixError } from "../nix/errors.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, PrimOp, Thunk, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { defsFromNix, defToNix, type Def } from "./definitions.js";
import { attrOr, attrs, call, lazy, locValue, nixThrow, prim, readStrList, str } from "./nix-values.js";

/** What a v2 merge returns: an error for the first bad definition, the value and metadata. */
export interface CheckedMerge {
  /** The message of a type error in the definitions, or null. */
  readonly headError: string | null;
  readonly value: Lazy;
  readonly valueMeta: Lazy;
}

type Method = "check" | "merge" | "getSubOptions" | "substSubModules" | "typeMerge";

/** Facade attributes that are ours, mapped back to their owner. */
const nativeMethods = new WeakMap<object, { type: OptionType; method: Method }>();
/** Facades mapped back to their type. */
const facadeOwners = new WeakMap<NixAttrs, OptionType>();
/** Wrappers of foreign sets, so one set is wrapped once. */
const wrappers = new WeakMap<NixAttrs, OptionType>();

function native(type: OptionType, method: Method, l: Lazy): OptionType | undefined {
  const v = force(l);
  if (v === null || typeof v !== "object") return undefined;
  const n = nativeMethods.get(v);
  return n && n.method === method ? n.type : undefined;
}

/**
 * A Map filled on first use. Most type facades are only ever mapped back to
 * their type, so their attributes (a dozen primops and thunks) are not built
 * unless Nix code looks inside.
 */
class LazyMap extends Map<string, Lazy> {
  private fill: (() => Map<string, Lazy>) | null;
  constructor(fill: () => Map<string, Lazy>) {
    super();
    this.fill = fill;
  }
  private ensure(): void {
    const f = this.fill;
    if (f === null) return;
    this.fill = null;
    for (const [k, v] of f()) super.set(k, v);
  }
  override get(k: string): Lazy | undefined {
    this.ensure();
    return super.get(k);
  }
  override has(k: string): boolean {
    this.ensure();
    return super.has(k);
  }
  override get size(): number {
    this.ensure();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.ensure();
    return super.keys();
  }
  override values(): MapIterator<Lazy> {
    this.ensure();
    return super.values();
  }
  override entries(): MapIterator<[string, Lazy]> {
    this.ensure();
    return super.entries();
  }
  override forEach(cb: (v: Lazy, k: string, m: Map<string, Lazy>) => void): void {
    this.ensure();
    super.forEach(cb);
  }
  override [Symbol.iterator](): MapIterator<[string, Lazy]> {
    this.ensure();
    return super[Symbol.iterator]();
  }
}

/** `(description)` unless the class is one the context accepts bare. */
export function descriptionPhrase(accept: (cls: string | null) => boolean, t: OptionType): string {
  return accept(t.descriptionClass) ? t.description : `(${t.description})`;
}

export abstract class OptionType {
  private facadeCache: NixAttrs | undefined;
  private functorCache: NixAttrs | undefined;

  constructor(readonly ms: ModuleSystem) {}

  abstract get name(): string;
  abstract get description(): string;
  get descriptionClass(): string | null {
    return null;
  }
  get deprecationMessage(): string | null {
    return null;
  }

  /** Whether a (forced or lazy) value belongs to the type. */
  check(_v: Lazy): boolean {
    return true;
  }

  /** Merge definitions that passed `check`. Defaults to nixpkgs' mergeDefaultOption. */
  merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    if (this.isV2) return this.mergeV2(loc, defs).value;
    return this.ms.types.mergeDefaultOption(loc, defs);
  }

  /** Present on types that check and merge in one pass (nixpkgs' `merge.v2`). */
  mergeV2(loc: readonly string[], _defs: readonly Def[]): CheckedMerge {
    throw nixThrow(`the type of \`${loc.join(".")}' has no v2 merge`);
  }

  /** True for types that check and merge in one pass (`mergeV2`). */
  get isV2(): boolean {
    return false;
  }

  /** False for a v2 type whose `check` was replaced by an ad-hoc override. */
  get v2Coherent(): boolean {
    return true;
  }

  /** The value of an option of this type with no definitions, if any. */
  emptyValue(): { value?: Lazy } {
    return {};
  }

  getSubOptions(_prefix: readonly string[]): NixAttrs {
    return NixAttrs.empty;
  }

  getSubModules(): Lazy[] | null {
    return null;
  }

  substSubModules(_m: Lazy[]): OptionType | null {
    return null;
  }

  /** Merge with another declaration's type (given its functor), or null when incompatible. */
  typeMerge(f: NixAttrs): OptionType | null {
    return defaultTypeMerge(this.ms, this.functor(), f);
  }

  /** The functor set: `{ name, type, payload, binOp }`. */
  functor(): NixAttrs {
    return (this.functorCache ??= this.makeFunctor());
  }

  protected makeFunctor(): NixAttrs {
    return defaultFunctor(this.ms, this.name, this.facade());
  }

  nestedTypes(): Record<string, OptionType> {
    return {};
  }

  /** The Nix-visible set for this type (made once; its attributes are built on first use). */
  facade(): NixAttrs {
    if (!this.facadeCache) {
      this.facadeCache = new NixAttrs(new LazyMap(() => this.buildFacade().map));
      facadeOwners.set(this.facadeCache, this);
    }
    return this.facadeCache;
  }

  protected buildFacade(): NixAttrs {
    const subModules = lazy(() => {
      const m = this.getSubModules();
      return m === null ? null : m;
    });
    return attrs({
      _type: "option-type",
      name: lazy(() => this.name),
      description: lazy(() => this.description),
      descriptionClass: lazy(() => this.descriptionClass),
      check: this.checkFacade(),
      merge: this.mergeFacade(),
      emptyValue: lazy(() => attrs(this.emptyValue())),
      getSubOptions: this.method("getSubOptions", 1, ([p]) => this.getSubOptions(readStrList(p!))),
      getSubModules: subModules,
      substSubModules: this.method("substSubModules", 1, ([m]) => {
        const t = this.substSubModules(forceList(m!));
        return t === null ? null : t.facade();
      }),
      typeMerge: this.method("typeMerge", 1, ([f]) => this.typeMerge(forceAttrs(f!))?.facade() ?? null),
      functor: lazy(() => this.functor()),
      deprecationMessage: lazy(() => this.deprecationMessage),
      nestedTypes: lazy(() => typesToNix(this.nestedTypes())),
    });
  }

  protected method(m: Method, arity: number, fn: (args: Lazy[]) => Value): PrimOp {
    const p = prim(`types.${m}`, arity, fn);
    nativeMethods.set(p, { type: this, method: m });
    return p;
  }

  protected checkFacade(): Lazy {
    const p = this.method("check", 1, ([x]) => this.check(x!));
    if (!this.isV2) return p;
    const functor = prim("check", 2, ([, x]) => this.check(x!));
    const a = attrs({ __functor: functor, isV2MergeCoherent: true });
    nativeMethods.set(a, { type: this, method: "check" });
    return a;
  }

  protected mergeFacade(): Lazy {
    const v1 = this.method("merge", 2, ([loc, defs]) => force(this.merge(readStrList(loc!), defsFromNix(defs!))));
    if (!this.isV2) return v1;
    const v2 = prim("merge.v2", 1, ([a]) => {
      const args = forceAttrs(a!);
      return checkedMergeToNix(this.mergeV2(readStrList(attrOr(args, "loc", [])), defsFromNix(attrOr(args, "defs", []))));
    });
    const functor = prim("merge", 3, ([, loc, defs]) => force(this.merge(readStrList(loc!), defsFromNix(defs!))));
    const m = attrs({ __functor: functor, v2 });
    nativeMethods.set(m, { type: this, method: "merge" });
    return m;
  }
}

export function checkedMergeToNix(r: CheckedMerge): NixAttrs {
  return attrs({
    headError: r.headError === null ? null : attrs({ message: r.headError }),
    value: r.value,
    valueMeta: r.valueMeta,
  });
}

function typesToNix(ts: Record<string, OptionType>): NixAttrs {
  return attrs(Object.entries(ts).map(([k, t]): [string, Lazy] => [k, t.facade()]));
}

/** nixpkgs' defaultFunctor: no payload, and `type` is `lib.types.<name>` (here: the given type). */
export function defaultFunctor(ms: ModuleSystem, name: string, type: Lazy | null): NixAttrs {
  return attrs({
    name,
    type: type ?? lazy(() => libTypeOrNull(ms, name)),
    payload: null,
    binOp: prim("binOp", 2, () => null),
  });
}

/** `lib.types.${name} or null`. */
export function libTypeOrNull(ms: ModuleSystem, name: string): Value {
  const t = ms.lib().get("types");
  if (t === undefined) return null;
  const v = forceAttrs(t).get(name);
  return v === undefined ? null : force(v);
}

/** nixpkgs' defaultTypeMerge over two functor sets. */
export function defaultTypeMerge(ms: ModuleSystem, f: NixAttrs, g: NixAttrs): OptionType | null {
  if (str(attrOr(f, "name", "")) !== str(attrOr(g, "name", ""))) return null;
  const p1 = force(attrOr(f, "payload", null));
  const p2 = force(attrOr(g, "payload", null));
  if ((p1 === null) !== (p2 === null)) throw new NixError("assert", "assertion '((f'.payload != null) == (f.payload != null))' failed");
  if (p1 !== null) {
    const merged = call(attrOr(f, "binOp", null), p1, p2);
    if (merged === null) return null;
    return wrapType(ms, call(attrOr(f, "type", null), merged));
  }
  const t = force(attrOr(f, "type", null));
  return t === null ? null : wrapType(ms, t);
}

/** The type behind a Nix value: our own type for a facade, else a wrapper. */
export function wrapType(ms: ModuleSystem, l: Lazy): OptionType {
  const v = force(l);
  if (!(v instanceof NixAttrs)) throw nixThrow(`expected an option type (a set with _type = "option-type") but found ${typeof v}`);
  const own = facadeOwners.get(v);
  if (own) return own;
  let w = wrappers.get(v);
  if (!w) {
    w = new NixDefinedType(ms, v);
    wrappers.set(v, w);
  }
  return w;
}

/** A type given as a Nix set: attributes that are still native run natively. */
export class NixDefinedType extends OptionType {
  private nameCache: string | undefined;
  private descCache: string | undefined;

  constructor(
    ms: ModuleSystem,
    readonly attrs: NixAttrs,
  ) {
    super(ms);
  }

  private get(name: string): Lazy {
    const v = this.attrs.get(name);
    if (v === undefined) throw new NixError("eval", `attribute '${name}' missing`);
    return v;
  }

  get name(): string {
    return (this.nameCache ??= str(this.get("name")));
  }
  get description(): string {
    return (this.descCache ??= str(this.get("description")));
  }
  override get descriptionClass(): string | null {
    const v = force(attrOr(this.attrs, "descriptionClass", null));
    return v === null ? null : str(v);
  }
  override get deprecationMessage(): string | null {
    const v = force(attrOr(this.attrs, "deprecationMessage", null));
    return v === null ? null : str(v);
  }

  override check(v: Lazy): boolean {
    const c = this.get("check");
    const n = native(this, "check", c);
    if (n) return n.check(v);
    return call(c, v) === true;
  }

  override get v2Coherent(): boolean {
    const c = force(this.get("check"));
    return c instanceof NixAttrs && force(attrOr(c, "isV2MergeCoherent", false)) === true;
  }

  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    const m = this.get("merge");
    const n = native(this, "merge", m);
    if (n) return n.merge(loc, defs);
    return call(m, locValue(loc), defs.map(defToNix));
  }

  /** Whether merging goes through `mergeV2` (the set's merge has a `v2`). */
  override get isV2(): boolean {
    const m = force(this.get("merge"));
    return m instanceof NixAttrs && m.has("v2");
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    const m = this.get("merge");
    const n = native(this, "merge", m);
    if (n && n.isV2) return n.mergeV2(loc, defs);
    const r = forceAttrs(call(select(m, "v2"), attrs({ loc: locValue(loc), defs: defs.map(defToNix) })));
    const he = force(attrOr(r, "headError", null));
    return {
      headError: he === null ? null : str(attrOr(forceAttrs(he), "message", "")),
      value: attrOr(r, "value", null),
      valueMeta: attrOr(r, "valueMeta", NixAttrs.empty),
    };
  }

  override emptyValue(): { value?: Lazy } {
    const e = forceAttrs(attrOr(this.attrs, "emptyValue", NixAttrs.empty));
    const v = e.get("value");
    return v === undefined ? {} : { value: v };
  }

  override getSubOptions(prefix: readonly string[]): NixAttrs {
    const g = attrOr(this.attrs, "getSubOptions", null);
    if (force(g) === null) return NixAttrs.empty;
    const n = native(this, "getSubOptions", g);
    if (n) return n.getSubOptions(prefix);
    return forceAttrs(call(g, locValue(prefix)));
  }

  override getSubModules(): Lazy[] | null {
    const v = force(attrOr(this.attrs, "getSubModules", null));
    return v === null ? null : forceList(v);
  }

  override substSubModules(m: Lazy[]): OptionType | null {
    const s = this.get("substSubModules");
    const n = native(this, "substSubModules", s);
    if (n) return n.substSubModules(m);
    const r = call(s, m);
    return r === null ? null : wrapType(this.ms, r);
  }

  override typeMerge(f: NixAttrs): OptionType | null {
    const tm = this.get("typeMerge");
    const n = native(this, "typeMerge", tm);
    if (n) return n.typeMerge(f);
    const r = call(tm, f);
    return r === null ? null : wrapType(this.ms, r);
  }

  override functor(): NixAttrs {
    return forceAttrs(this.get("functor"));
  }

  override nestedTypes(): Record<string, OptionType> {
    const n = forceAttrs(attrOr(this.attrs, "nestedTypes", NixAttrs.empty));
    const out: Record<string, OptionType> = {};
    for (const k of n.map.keys()) out[k] = wrapType(this.ms, n.get(k)!);
    return out;
  }

  override facade(): NixAttrs {
    return this.attrs;
  }
}

function select(l: Lazy, name: string): Lazy {
  const v = forceAttrs(l).get(name);
  if (v === undefined) throw new NixError("eval", `attribute '${name}' missing`);
  return v;
}

/** A type known only later: an unevaluated Nix type argument, or a recursive type. */
export class LazyType extends OptionType {
  private target: OptionType | undefined;
  constructor(
    ms: ModuleSystem,
    private readonly get: () => OptionType,
  ) {
    super(ms);
  }
  resolve(): OptionType {
    return (this.target ??= this.get());
  }
  get name(): string {
    return this.resolve().name;
  }
  get description(): string {
    return this.resolve().description;
  }
  override get descriptionClass(): string | null {
    return this.resolve().descriptionClass;
  }
  override get deprecationMessage(): string | null {
    return this.resolve().deprecationMessage;
  }
  override check(v: Lazy): boolean {
    return this.resolve().check(v);
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    return this.resolve().merge(loc, defs);
  }
  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    return this.resolve().mergeV2(loc, defs);
  }
  override get isV2(): boolean {
    return this.resolve().isV2;
  }
  override get v2Coherent(): boolean {
    return this.resolve().v2Coherent;
  }
  override emptyValue(): { value?: Lazy } {
    return this.resolve().emptyValue();
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.resolve().getSubOptions(prefix);
  }
  override getSubModules(): Lazy[] | null {
    return this.resolve().getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType | null {
    return this.resolve().substSubModules(m);
  }
  override typeMerge(f: NixAttrs): OptionType | null {
    return this.resolve().typeMerge(f);
  }
  override functor(): NixAttrs {
    return this.resolve().functor();
  }
  override nestedTypes(): Record<string, OptionType> {
    return this.resolve().nestedTypes();
  }
  override facade(): NixAttrs {
    return this.resolve().facade();
  }
}

/** The type of a Nix value, without forcing it if it is still unevaluated. */
export function lazyType(ms: ModuleSystem, l: Lazy): OptionType {
  if (l instanceof Thunk && !l.isDone) return new LazyType(ms, () => wrapType(ms, l));
  return wrapType(ms, l);
}

/** True when merging a type goes through its v2 merge. */
export function usesV2(t: OptionType): boolean {
  return t.isV2;
}
