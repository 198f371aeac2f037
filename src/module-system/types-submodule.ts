/**
 * Types whose values are modules: `submoduleWith` (and `submodule`), whose
 * merge evaluates the declared modules plus the definitions as a nested
 * `evalModules` at the option's location; `deferredModuleWith`, which only
 * collects definitions into a module for someone else to evaluate; and
 * `optionType`, whose definitions are types merged like declarations. A
 * submodule's base evaluation (its modules with no definitions) is made once
 * per type and extended per value.
 */
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import type { Def } from "./definitions.js";
import type { Evaluation } from "./eval-modules.js";
import { mkOverrideValue, PRIORITY } from "./definitions.js";
import { checkDefsForError } from "./merge-helpers.js";
import { attrOr, attrs, isFunctionLike, isTagged, lazy, nixThrow, prim, str } from "./nix-values.js";
import { fixupOptionType, mergeOptionDecls, mkOption, setDefaultModuleLocation } from "./option-decls.js";
import { defaultFunctor, descriptionPhrase, OptionType, wrapType, type CheckedMerge } from "./option-type.js";
import { showOption } from "./show.js";

export interface SubmoduleArgs {
  readonly modules: Lazy[];
  readonly specialArgs: NixAttrs;
  readonly shorthandOnlyDefinesConfig: boolean | null;
  readonly description: string | null;
  readonly class: string | null;
}

/** The module that turns off the unmatched-definition check for documentation. */
export function noCheckForDocsModule(): NixAttrs {
  return attrs({
    config: attrs({ _module: attrs({ check: mkOverrideValue(BigInt(PRIORITY.force), false) }) }),
    _file: "<built-in module that disables checks for the purpose of documentation generation>",
  });
}

function moduleLike(ms: ModuleSystem, v: Lazy): boolean {
  const x = force(v);
  return x instanceof NixAttrs || isFunctionLike(x) || ms.types.path.check(x);
}

export class SubmoduleWith extends OptionType {
  private baseEval: Evaluation | undefined;

  constructor(
    ms: ModuleSystem,
    readonly args: SubmoduleArgs,
  ) {
    super(ms);
  }

  /** The modules with no definitions (and `name` defaulting to "‹name›"). */
  base(): Evaluation {
    const nameDefault = attrs({ _module: attrs({ args: attrs({ name: mkOverrideValue(BigInt(PRIORITY.optionDefault), "‹name›") }) }) });
    return (this.baseEval ??= this.ms.evalModules({
      modules: [nameDefault, ...this.args.modules],
      specialArgs: this.args.specialArgs,
      class: this.args.class,
    }));
  }

  private freeformType(e: Evaluation): Value {
    return force(attrOr(forceAttrs(attrOr(forceAttrs(e.result()), "_module", NixAttrs.empty)), "freeformType", null));
  }

  get name(): string {
    return "submodule";
  }

  get description(): string {
    if (this.args.description !== null) return this.args.description;
    const ft = this.freeformType(this.base().extend([noCheckForDocsModule()], undefined, undefined));
    if (ft instanceof NixAttrs && ft.has("description")) {
      return `open submodule of ${descriptionPhrase((c) => c === "noun" || c === "composite", wrapType(this.ms, ft))}`;
    }
    return "submodule";
  }

  override check(v: Lazy): boolean {
    return moduleLike(this.ms, v);
  }

  private defModules(defs: readonly Def[]): Lazy[] {
    return defs.map((d) => {
      const v = force(d.value);
      if (v instanceof NixAttrs && this.args.shorthandOnlyDefinesConfig === true) return attrs({ _file: d.file, config: v });
      return attrs({ _file: d.file, imports: [d.value] });
    });
  }

  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    let conf: Evaluation | undefined;
    const configuration = () => {
      const name = attrs({ _module: attrs({ args: attrs({ name: loc[loc.length - 1] ?? null }) }) });
      return (conf ??= this.base().extend([name, ...this.defModules(defs)], undefined, loc));
    };
    return {
      headError: checkDefsForError((v) => this.check(v), defs),
      value: lazy(() => force(attrOr(configuration().result(), "config", null))),
      valueMeta: lazy(() => attrs({ configuration: configuration().result() })),
    };
  }

  override emptyValue(): { value?: Lazy } {
    return { value: lazy(() => force(attrOr(this.base().result(), "config", null))) };
  }

  override getSubOptions(prefix: readonly string[]): NixAttrs {
    const docs = this.base().extend([noCheckForDocsModule()], undefined, prefix);
    const opts = forceAttrs(attrOr(docs.result(), "options", NixAttrs.empty));
    const ft = this.freeformType(docs);
    if (ft === null) return opts;
    const m = new Map(opts.map);
    m.set(
      "_freeformOptions",
      lazy(() => wrapType(this.ms, ft).getSubOptions(prefix)),
    );
    return new NixAttrs(m);
  }

  override getSubModules(): Lazy[] {
    return this.args.modules;
  }

  override substSubModules(m: Lazy[]): OptionType {
    return new SubmoduleWith(this.ms, { ...this.args, modules: m });
  }

  override nestedTypes(): Record<string, OptionType> {
    const ft = this.freeformType(this.base());
    return ft === null ? {} : { freeformType: wrapType(this.ms, ft) };
  }

  protected override makeFunctor(): NixAttrs {
    const a = this.args;
    return attrs({
      name: "submodule",
      type: prim("submoduleWith", 1, ([p]) => submoduleWithFromNix(this.ms, forceAttrs(p!)).facade()),
      payload: attrs({
        modules: a.modules,
        class: a.class,
        specialArgs: a.specialArgs,
        shorthandOnlyDefinesConfig: a.shorthandOnlyDefinesConfig,
        description: a.description,
      }),
      binOp: prim("submoduleWith.binOp", 2, ([l, r]) => submoduleBinOp(forceAttrs(l!), forceAttrs(r!))),
    });
  }
}

function nullableStr(l: Lazy): string | null {
  const v = force(l);
  return v === null ? null : str(v);
}

/** `submoduleWith { modules, specialArgs ? {}, shorthandOnlyDefinesConfig ? false, description ? null, class ? null }` */
export function submoduleWithFromNix(ms: ModuleSystem, a: NixAttrs): SubmoduleWith {
  const sh = force(attrOr(a, "shorthandOnlyDefinesConfig", false));
  return new SubmoduleWith(ms, {
    modules: forceList(attrOr(a, "modules", [])),
    specialArgs: forceAttrs(attrOr(a, "specialArgs", NixAttrs.empty)),
    shorthandOnlyDefinesConfig: sh === null ? null : sh === true,
    description: nullableStr(attrOr(a, "description", null)),
    class: nullableStr(attrOr(a, "class", null)),
  });
}

function pick<T>(l: T, r: T, eq: (a: T, b: T) => boolean, err: () => Error): T {
  if (l === null) return r;
  if (r === null) return l;
  if (eq(l, r)) return l;
  throw err();
}

function submoduleBinOp(l: NixAttrs, r: NixAttrs): Value {
  const lc = nullableStr(attrOr(l, "class", null));
  const rc = nullableStr(attrOr(r, "class", null));
  const cls = pick(
    lc,
    rc,
    (a, b) => a === b,
    () => nixThrow(`A submoduleWith option is declared multiple times with conflicting class values "${lc}" and "${rc}".`),
  );
  const ls = forceAttrs(attrOr(l, "specialArgs", NixAttrs.empty));
  const rs = forceAttrs(attrOr(r, "specialArgs", NixAttrs.empty));
  const both = [...ls.map.keys()].filter((k) => rs.has(k)).sort();
  if (both.length > 0) throw nixThrow(`A submoduleWith option is declared multiple times with the same specialArgs "${both.join(" ")}"`);
  const lsh = force(attrOr(l, "shorthandOnlyDefinesConfig", null));
  const rsh = force(attrOr(r, "shorthandOnlyDefinesConfig", null));
  const sh = pick(
    lsh,
    rsh,
    (a, b) => a === b,
    () => nixThrow("A submoduleWith option is declared multiple times with conflicting shorthandOnlyDefinesConfig values"),
  );
  const ld = nullableStr(attrOr(l, "description", null));
  const rd = nullableStr(attrOr(r, "description", null));
  const desc = pick(
    ld,
    rd,
    (a, b) => a === b,
    () => nixThrow("A submoduleWith option is declared multiple times with conflicting descriptions"),
  );
  return attrs({
    class: cls,
    modules: [...forceList(attrOr(l, "modules", [])), ...forceList(attrOr(r, "modules", []))],
    specialArgs: new NixAttrs(new Map([...ls.map, ...rs.map])),
    shorthandOnlyDefinesConfig: sh,
    description: desc,
  });
}

export class DeferredModuleWith extends OptionType {
  private sub: SubmoduleWith | undefined;
  constructor(
    ms: ModuleSystem,
    readonly staticModules: Lazy[],
  ) {
    super(ms);
  }
  private submodule(): SubmoduleWith {
    return (this.sub ??= new SubmoduleWith(this.ms, {
      modules: this.staticModules,
      specialArgs: NixAttrs.empty,
      shorthandOnlyDefinesConfig: false,
      description: null,
      class: null,
    }));
  }
  get name(): string {
    return "deferredModule";
  }
  get description(): string {
    return "module";
  }
  override get descriptionClass(): string {
    return "noun";
  }
  override check(v: Lazy): boolean {
    return moduleLike(this.ms, v);
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    const wrapped = defs.map((d) => setDefaultModuleLocation(`${d.file}, via option ${showOption(loc)}`, d.value));
    return attrs({ imports: [...this.staticModules, ...wrapped] });
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.submodule().getSubOptions(prefix);
  }
  override getSubModules(): Lazy[] {
    return this.staticModules;
  }
  override substSubModules(m: Lazy[]): OptionType {
    return new DeferredModuleWith(this.ms, m);
  }
  protected override makeFunctor(): NixAttrs {
    const f = defaultFunctor(this.ms, "deferredModuleWith", null);
    const m = new Map(f.map);
    m.set(
      "type",
      prim("deferredModuleWith", 1, ([p]) =>
        new DeferredModuleWith(this.ms, forceList(attrOr(forceAttrs(p!), "staticModules", []))).facade(),
      ),
    );
    m.set("payload", attrs({ staticModules: this.staticModules }));
    m.set(
      "binOp",
      prim("deferredModuleWith.binOp", 2, ([l, r]) =>
        attrs({
          staticModules: [
            ...forceList(attrOr(forceAttrs(l!), "staticModules", [])),
            ...forceList(attrOr(forceAttrs(r!), "staticModules", [])),
          ],
        }),
      ),
    );
    return new NixAttrs(m);
  }
}

/** `types.optionType`: a type as a value; several definitions merge like declarations. */
export class OptionTypeType extends OptionType {
  get name(): string {
    return "optionType";
  }
  get description(): string {
    return "optionType";
  }
  override get descriptionClass(): string {
    return "noun";
  }
  override check(v: Lazy): boolean {
    return isTagged(v, "option-type");
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    if (defs.length === 1) return defs[0]!.value;
    const decls = defs.map((d) => ({ file: d.file, options: mkOption(attrs({ type: d.value })) }));
    const opt = fixupOptionType(this.ms, mergeOptionDecls(this.ms, loc, decls));
    return attrOr(opt, "type", null);
  }
}
