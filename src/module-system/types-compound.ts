/**
 * Types built from other types: listOf, attrsWith (attrsOf, lazyAttrsOf),
 * nullOr, either, coercedTo, functionTo, unique and addCheck. Container
 * types merge each element through `Merged` at the element's location
 * (`loc ++ [name]`), so priorities and `mkIf` work inside them and errors name
 * the element. The v2 merges (list, attrs, either, coercedTo, addCheck over a
 * v2 type) check and merge in one pass, as nixpkgs' `merge.v2` does.
 */
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import type { Def } from "./definitions.js";
import { Merged } from "./merge-definitions.js";
import { adhocCheckError, checkDefsForError, mergeOneOption, mergeUniqueOption } from "./merge-helpers.js";
import { attrOr, attrs, call, functionArgsOf, isFunctionLike, lazy, nixThrow, prim, str, updateAttrs } from "./nix-values.js";
import { defaultFunctor, descriptionPhrase, OptionType, usesV2, wrapType, type CheckedMerge } from "./option-type.js";
import { showDefs, showFiles, showOption } from "./show.js";

const nounOrComposite = (c: string | null) => c === "noun" || c === "composite";
const nounOrConjunction = (c: string | null) => c === "noun" || c === "conjunction";

/** nixpkgs' elemTypeFunctor: payload `{ elemType }`, merged by merging the element types. */
export function elemTypeFunctor(
  ms: ModuleSystem,
  name: string,
  payload: Record<string, Lazy>,
  rebuild: (p: NixAttrs) => OptionType,
): NixAttrs {
  return attrs({
    name,
    payload: attrs(payload),
    type: prim(`${name}.type`, 1, ([p]) => rebuild(forceAttrs(p!)).facade()),
    binOp: prim(`${name}.binOp`, 2, ([a, b]) => {
      const ea = wrapType(ms, attrOr(forceAttrs(a!), "elemType", null));
      const eb = wrapType(ms, attrOr(forceAttrs(b!), "elemType", null));
      const merged = ea.typeMerge(eb.functor());
      return merged === null ? null : attrs({ elemType: merged.facade() });
    }),
  });
}

/** The v2 result of a type as seen from a combinator (v1 types are checked here). */
export function checkedMergeOf(t: OptionType, loc: readonly string[], defs: readonly Def[], fromModules = false): CheckedMerge {
  if (usesV2(t)) {
    if (!t.v2Coherent) throw adhocCheckError(loc, t.description, fromModules);
    return t.mergeV2(loc, defs);
  }
  return { value: lazy(() => force(t.merge(loc, defs))), headError: checkDefsForError((v) => t.check(v), defs), valueMeta: NixAttrs.empty };
}

function requireSubst(t: OptionType | null): OptionType {
  if (t === null) throw nixThrow("substSubModules returned null for a type with submodules");
  return t;
}

/**
 * A type around one element type (`listOf`, `nullOr`, `functionTo`): the
 * sub-module, functor and nesting plumbing they share. `rewrap` builds the same
 * kind of type around another element type; the functor is named after `name`.
 */
abstract class ElemTypeWrapper extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly elemType: OptionType,
  ) {
    super(ms);
  }
  protected abstract rewrap(elemType: OptionType): OptionType;
  override getSubModules(): Lazy[] | null {
    return this.elemType.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType {
    return this.rewrap(requireSubst(this.elemType.substSubModules(m)));
  }
  protected override makeFunctor(): NixAttrs {
    return elemTypeFunctor(this.ms, this.name, { elemType: this.elemType.facade() }, (p) =>
      this.rewrap(wrapType(this.ms, attrOr(p, "elemType", null))),
    );
  }
  override nestedTypes(): Record<string, OptionType> {
    return { elemType: this.elemType };
  }
}

export class ListOf extends ElemTypeWrapper {
  protected rewrap(elemType: OptionType): OptionType {
    return new ListOf(this.ms, elemType);
  }
  get name(): string {
    return "listOf";
  }
  get description(): string {
    return `list of ${descriptionPhrase(nounOrComposite, this.elemType)}`;
  }
  override get descriptionClass(): string {
    return "composite";
  }
  override check(v: Lazy): boolean {
    return Array.isArray(force(v));
  }
  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    let evals: Merged[] | undefined;
    const getEvals = () =>
      (evals ??= defs.flatMap((def, n) =>
        forceList(def.value)
          .map(
            (x, m) =>
              new Merged(this.ms, loc.concat(`[definition ${n + 1}-entry ${m + 1}]`), this.elemType, [
                { file: def.file, value: x, pos: def.pos },
              ]),
          )
          .filter((e) => e.isDefined),
      ));
    return {
      headError: checkDefsForError((v) => this.check(v), defs),
      value: lazy(() => getEvals().map((e) => e.mergedValue)),
      valueMeta: lazy(() => attrs({ list: getEvals().map((e) => lazy(() => force(e.checkedAndMerged.valueMeta))) })),
    };
  }

  override emptyValue(): { value?: Lazy } {
    return { value: [] };
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.elemType.getSubOptions([...prefix, "*"]);
  }
}

export interface AttrsWithArgs {
  readonly elemType: OptionType;
  readonly lazy: boolean;
  readonly placeholder: string;
}

/** Split each definition of a set into per-attribute definitions, keeping positions. */
export function pushPositions(defs: readonly Def[]): Map<string, Def[]> {
  const byName = new Map<string, Def[]>();
  for (const d of defs) {
    const a = forceAttrs(d.value);
    for (const [k, v] of a.map) {
      const def = { file: d.file, value: v, pos: a.pos?.get(k) ?? d.pos };
      const l = byName.get(k);
      if (l) l.push(def);
      else byName.set(k, [def]);
    }
  }
  return byName;
}

export class AttrsWith extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly args: AttrsWithArgs,
  ) {
    super(ms);
  }
  get name(): string {
    return this.args.lazy ? "lazyAttrsOf" : "attrsOf";
  }
  get description(): string {
    return `${this.args.lazy ? "lazy attribute set" : "attribute set"} of ${descriptionPhrase(nounOrComposite, this.args.elemType)}`;
  }
  override get descriptionClass(): string {
    return "composite";
  }
  override check(v: Lazy): boolean {
    return force(v) instanceof NixAttrs;
  }
  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    let evals: Map<string, Merged> | undefined;
    const getEvals = () => {
      if (evals) return evals;
      const all = new Map<string, Merged>();
      for (const [k, ds] of pushPositions(defs)) all.set(k, new Merged(this.ms, loc.concat(k), this.args.elemType, ds));
      if (!this.args.lazy) for (const [k, m] of all) if (!m.isDefined) all.delete(k);
      return (evals = all);
    };
    const value = lazy(() => {
      const m = new Map<string, Lazy>();
      for (const [k, e] of getEvals()) m.set(k, this.args.lazy ? this.lazyValue(e) : e.mergedValue);
      return new NixAttrs(m);
    });
    const valueMeta = lazy(() => {
      const m = new Map<string, Lazy>();
      for (const [k, e] of getEvals())
        m.set(
          k,
          lazy(() => force(e.checkedAndMerged.valueMeta)),
        );
      return attrs({ attrs: new NixAttrs(m) });
    });
    return { headError: checkDefsForError((v) => this.check(v), defs), value, valueMeta };
  }

  private lazyValue(e: Merged): Lazy {
    return lazy(() => {
      if (e.isDefined) return force(e.mergedValue);
      const empty = this.args.elemType.emptyValue();
      return force(empty.value ?? e.mergedValue);
    });
  }
  override emptyValue(): { value?: Lazy } {
    return { value: NixAttrs.empty };
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.args.elemType.getSubOptions([...prefix, `<${this.args.placeholder}>`]);
  }
  override getSubModules(): Lazy[] | null {
    return this.args.elemType.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType {
    return new AttrsWith(this.ms, { ...this.args, elemType: requireSubst(this.args.elemType.substSubModules(m)) });
  }
  protected override makeFunctor(): NixAttrs {
    const f = elemTypeFunctor(
      this.ms,
      "attrsWith",
      { elemType: this.args.elemType.facade(), lazy: this.args.lazy, placeholder: this.args.placeholder },
      (p) => attrsWithFromNix(this.ms, p),
    );
    return updateAttrs(
      f,
      attrs({ binOp: prim("attrsWith.binOp", 2, ([a, b]) => attrsWithBinOp(this.ms, forceAttrs(a!), forceAttrs(b!))) }),
    );
  }
  override nestedTypes(): Record<string, OptionType> {
    return { elemType: this.args.elemType };
  }
}

/** `attrsWith { elemType, lazy ? false, placeholder ? "name" }` from Nix. */
export function attrsWithFromNix(ms: ModuleSystem, p: NixAttrs): AttrsWith {
  return new AttrsWith(ms, {
    elemType: wrapType(ms, attrOr(p, "elemType", null)),
    lazy: force(attrOr(p, "lazy", false)) === true,
    placeholder: str(attrOr(p, "placeholder", "name")),
  });
}

function attrsWithBinOp(ms: ModuleSystem, a: NixAttrs, b: NixAttrs): Value {
  const elemType = wrapType(ms, attrOr(a, "elemType", null)).typeMerge(wrapType(ms, attrOr(b, "elemType", null)).functor());
  const la = force(attrOr(a, "lazy", false));
  const lb = force(attrOr(b, "lazy", false));
  const lazyV = la === lb ? la : null;
  const pa = str(attrOr(a, "placeholder", "name"));
  const pb = str(attrOr(b, "placeholder", "name"));
  const placeholder = pa === pb ? pa : pa === "name" ? pb : pb === "name" ? pa : null;
  if (elemType === null || lazyV === null || placeholder === null) return null;
  return attrs({ elemType: elemType.facade(), lazy: lazyV, placeholder });
}

export class NullOr extends ElemTypeWrapper {
  protected rewrap(elemType: OptionType): OptionType {
    return new NullOr(this.ms, elemType);
  }
  get name(): string {
    return "nullOr";
  }
  get description(): string {
    return `null or ${descriptionPhrase(nounOrConjunction, this.elemType)}`;
  }
  override get descriptionClass(): string {
    return "conjunction";
  }
  override check(v: Lazy): boolean {
    return force(v) === null || this.elemType.check(v);
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    const nulls = defs.filter((d) => force(d.value) === null).length;
    if (nulls === 0) return this.elemType.merge(loc, defs);
    if (nulls === defs.length) return null;
    throw nixThrow(`The option \`${showOption(loc)}\` is defined both null and not null, in ${showFiles(defs.map((d) => d.file))}.`);
  }
  override emptyValue(): { value?: Lazy } {
    return { value: null };
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.elemType.getSubOptions(prefix);
  }
}

export class Either extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly t1: OptionType,
    readonly t2: OptionType,
  ) {
    super(ms);
  }
  get name(): string {
    return "either";
  }
  get description(): string {
    if (this.t1.descriptionClass === "nonRestrictiveClause")
      return `${this.t1.description}, or ${descriptionPhrase(nounOrConjunction, this.t2)}`;
    return `${descriptionPhrase(nounOrConjunction, this.t1)} or ${descriptionPhrase((c) => nounOrConjunction(c) || c === "composite", this.t2)}`;
  }
  override get descriptionClass(): string {
    return "conjunction";
  }
  override check(v: Lazy): boolean {
    return this.t1.check(v) || this.t2.check(v);
  }
  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    const r1 = checkedMergeOf(this.t1, loc, defs);
    if (r1.headError === null) return r1;
    const r2 = checkedMergeOf(this.t2, loc, defs);
    if (r2.headError === null) return r2;
    const headError = `The option \`${showOption(loc)}\` is neither a value of type \`${this.t1.description}\` nor \`${this.t2.description}\`, Definition values: ${showDefs(defs)}`;
    const value = lazy(() => {
      this.ms.warn(
        "One or more definitions did not pass the type-check of the 'either' type.\n" +
          `${headError}\n` +
          "If `either`, `oneOf` or similar is used in freeformType, ensure that it is preceded by an 'attrsOf' such as: `freeformType = types.attrsOf (types.either t1 t2)`.\n" +
          `Otherwise consider using the correct type for the option \`${showOption(loc)}\`.  This will be an error in Nixpkgs 26.05.\n`,
      );
      return force(mergeOneOption(loc, defs));
    });
    return { headError, value, valueMeta: attrs({ headError: attrs({ message: headError }) }) };
  }

  override typeMerge(f: NixAttrs): OptionType | null {
    if (str(attrOr(f, "name", "")) !== "either") return null;
    const ets = forceList(attrOr(forceAttrs(attrOr(f, "payload", NixAttrs.empty)), "elemType", []));
    const m1 = this.t1.typeMerge(wrapType(this.ms, ets[0]!).functor());
    const m2 = this.t2.typeMerge(wrapType(this.ms, ets[1]!).functor());
    return m1 !== null && m2 !== null ? new Either(this.ms, m1, m2) : null;
  }
  protected override makeFunctor(): NixAttrs {
    return attrs({
      name: "either",
      payload: attrs({ elemType: [this.t1.facade(), this.t2.facade()] }),
      type: prim("either", 2, ([a, b]) => new Either(this.ms, wrapType(this.ms, a!), wrapType(this.ms, b!)).facade()),
      binOp: prim("either.binOp", 2, () => null),
    });
  }
  override nestedTypes(): Record<string, OptionType> {
    return { left: this.t1, right: this.t2 };
  }
}

export class CoercedTo extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly coercedType: OptionType,
    readonly coerceFunc: Lazy,
    readonly finalType: OptionType,
  ) {
    super(ms);
    if (coercedType.getSubModules() !== null) {
      throw nixThrow(`coercedTo: coercedType must not have submodules (it’s a ${coercedType.description})`);
    }
  }
  get name(): string {
    return "coercedTo";
  }
  get description(): string {
    const noun = (c: string | null) => c === "noun";
    return `${descriptionPhrase(noun, this.finalType)} or ${descriptionPhrase(noun, this.coercedType)} convertible to it`;
  }
  override check(v: Lazy): boolean {
    return (this.coercedType.check(v) && this.finalType.check(lazy(() => call(this.coerceFunc, v)))) || this.finalType.check(v);
  }
  private coerce(loc: readonly string[], def: Def): Def {
    const value = lazy(() => {
      const ok = usesV2(this.coercedType)
        ? checkedMergeOf(this.coercedType, loc, [def]).headError === null
        : this.coercedType.check(def.value);
      return ok ? call(this.coerceFunc, def.value) : force(def.value);
    });
    return { file: def.file, value, pos: def.pos };
  }
  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    const finalDefs = defs.map((d) => this.coerce(loc, d));
    if (usesV2(this.finalType)) return checkedMergeOf(this.finalType, loc, finalDefs);
    return {
      value: lazy(() => force(this.finalType.merge(loc, finalDefs))),
      valueMeta: NixAttrs.empty,
      headError: checkDefsForError((v) => this.check(v), defs),
    };
  }

  override emptyValue(): { value?: Lazy } {
    return this.finalType.emptyValue();
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.finalType.getSubOptions(prefix);
  }
  override getSubModules(): Lazy[] | null {
    return this.finalType.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType {
    return new CoercedTo(this.ms, this.coercedType, this.coerceFunc, requireSubst(this.finalType.substSubModules(m)));
  }
  override typeMerge(): OptionType | null {
    return null;
  }
  protected override makeFunctor(): NixAttrs {
    return defaultFunctor(this.ms, "coercedTo", null);
  }
  override nestedTypes(): Record<string, OptionType> {
    return { coercedType: this.coercedType, finalType: this.finalType };
  }
}

export class FunctionTo extends ElemTypeWrapper {
  protected rewrap(elemType: OptionType): OptionType {
    return new FunctionTo(this.ms, elemType);
  }
  get name(): string {
    return "functionTo";
  }
  get description(): string {
    return `function that evaluates to a(n) ${descriptionPhrase(nounOrComposite, this.elemType)}`;
  }
  override get descriptionClass(): string {
    return "composite";
  }
  override check(v: Lazy): boolean {
    return isFunctionLike(force(v));
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    const fnArgs = lazy(() => {
      const m = new Map<string, Lazy>();
      for (const d of defs) {
        for (const [k, v] of functionArgsOf(force(d.value)).map)
          m.set(k, m.has(k) ? force(m.get(k)!) === true && force(v) === true : force(v));
      }
      return new NixAttrs(m);
    });
    const functor = prim("functionTo", 2, ([, callerArgs]) => {
      const inner = defs.map((d) => ({ file: d.file, value: lazy(() => call(d.value, callerArgs!)), pos: d.pos }));
      return force(new Merged(this.ms, [...loc, "<function body>"], this.elemType, inner).mergedValue);
    });
    return attrs({ __functionArgs: fnArgs, __functor: functor });
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.elemType.getSubOptions([...prefix, "<function body>"]);
  }
}

export class Unique extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly message: string,
    readonly inner: OptionType,
  ) {
    super(ms);
  }
  get name(): string {
    return "unique";
  }
  get description(): string {
    return this.inner.description;
  }
  override get descriptionClass(): string | null {
    return this.inner.descriptionClass;
  }
  override check(v: Lazy): boolean {
    return this.inner.check(v);
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    return mergeUniqueOption(this.message, (l, d) => this.inner.merge(l, d), loc, defs);
  }
  override emptyValue(): { value?: Lazy } {
    return this.inner.emptyValue();
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.inner.getSubOptions(prefix);
  }
  override getSubModules(): Lazy[] | null {
    return this.inner.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType {
    return new Unique(this.ms, "", requireSubst(this.inner.substSubModules(m)));
  }
  protected override makeFunctor(): NixAttrs {
    return elemTypeFunctor(
      this.ms,
      "unique",
      { elemType: this.inner.facade() },
      (p) => new Unique(this.ms, this.message, wrapType(this.ms, attrOr(p, "elemType", null))),
    );
  }
  override nestedTypes(): Record<string, OptionType> {
    return { elemType: this.inner };
  }
}

/**
 * `addCheck type f`: nixpkgs writes it as `type // { check = …; }` (plus a
 * merge for v2 types), so everything but check and merge comes from the
 * inner type's own facade.
 */
export class AddCheck extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly inner: OptionType,
    readonly extra: Lazy,
  ) {
    super(ms);
  }
  override get isV2(): boolean {
    return usesV2(this.inner);
  }
  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    const orig = checkedMergeOf(this.inner, loc, defs);
    const headError = orig.headError ?? checkDefsForError((v) => call(this.extra, v) === true, defs);
    return { ...orig, headError };
  }
  get name(): string {
    return this.inner.name;
  }
  get description(): string {
    return this.inner.description;
  }
  override get descriptionClass(): string | null {
    return this.inner.descriptionClass;
  }
  override check(v: Lazy): boolean {
    return this.inner.check(v) && call(this.extra, v) === true;
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    return this.isV2 ? this.mergeV2(loc, defs).value : this.inner.merge(loc, defs);
  }
  override emptyValue(): { value?: Lazy } {
    return this.inner.emptyValue();
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.inner.getSubOptions(prefix);
  }
  override getSubModules(): Lazy[] | null {
    return this.inner.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType | null {
    return this.inner.substSubModules(m);
  }
  override typeMerge(f: NixAttrs): OptionType | null {
    return this.inner.typeMerge(f);
  }
  override functor(): NixAttrs {
    return this.inner.functor();
  }
  override nestedTypes(): Record<string, OptionType> {
    return this.inner.nestedTypes();
  }
  protected override buildFacade(): NixAttrs {
    const over: Record<string, Lazy> = { check: this.checkFacade() };
    if (this.isV2) over.merge = this.mergeFacade();
    return updateAttrs(this.inner.facade(), attrs(over));
  }
}
