/**
 * `types.attrListWith { elemType, asAttrs ? false, mergeAttrValues ? … }`
 * (and `attrListOf`): an ordered list of single-attribute sets, which may also
 * be defined as one set. Items are ordered by `mkOrder`/`mkBefore`/`mkAfter`
 * priority and filtered by override priority per key; each item's value is
 * merged by the element type at `loc ++ [key]`.
 */
import { forceAttrs, forceInt, forceList } from "../nix/ops.js";
import { force, NixAttrs, typeOf, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { DEFAULT_ORDER_PRIORITY, DEFAULT_OVERRIDE_PRIORITY, mkOrderValue, mkOverrideValue, type Def } from "./definitions.js";
import { Merged } from "./merge-definitions.js";
import { checkDefsForError } from "./merge-helpers.js";
import { attrs, call, lazy, nixThrow, select, tagOf } from "./nix-values.js";
import { descriptionPhrase, OptionType, type CheckedMerge } from "./option-type.js";
import { showDefs, showOption } from "./show.js";

interface Peeled {
  readonly value: Lazy;
  /** Order priority; a function because finding it may force an overridden value. */
  readonly prio: () => number;
  readonly overridePrio: number;
}

interface Item extends Peeled {
  readonly key: string;
  readonly file: string;
  readonly pos?: Def["pos"];
}

/** Unwrap mkOrder/mkOverride around an item, forcing no more than its priorities need. */
function peel(value: Lazy): Peeled {
  const t = tagOf(value);
  if (t === "order") {
    const inner = peel(select(value, "content"));
    const prio = Number(forceInt(select(value, "priority")));
    return { value: inner.value, overridePrio: inner.overridePrio, prio: () => prio };
  }
  if (t === "override") {
    let inner: Peeled | undefined;
    const get = () => (inner ??= peel(select(value, "content")));
    const p = select(value, "priority");
    return {
      prio: () => get().prio(),
      overridePrio: Number(forceInt(p)),
      value: mkOverrideValue(
        p,
        lazy(() => force(get().value)),
      ),
    };
  }
  return { value, prio: () => DEFAULT_ORDER_PRIORITY, overridePrio: DEFAULT_OVERRIDE_PRIORITY };
}

export interface AttrListArgs {
  readonly elemType: OptionType;
  readonly asAttrs: boolean;
  /** `name: values: …`, or null for the default (the list of values). */
  readonly mergeAttrValues: Lazy | null;
}

export class AttrListWith extends OptionType {
  constructor(
    ms: ModuleSystem,
    readonly args: AttrListArgs,
  ) {
    super(ms);
  }
  get name(): string {
    return "attrListOf";
  }
  get description(): string {
    return `attribute list of ${descriptionPhrase((c) => c === "noun" || c === "composite", this.args.elemType)}`;
  }
  override get descriptionClass(): string {
    return "composite";
  }
  override check(v: Lazy): boolean {
    const x = force(v);
    return Array.isArray(x) || x instanceof NixAttrs;
  }

  private extractItem(loc: readonly string[], file: string, raw: Lazy, pos: Def["pos"]): Item {
    const hasOrder = tagOf(raw) === "order";
    const item = force(hasOrder ? select(raw, "content") : raw);
    if (!(item instanceof NixAttrs) || item.size !== 1) {
      const why =
        item instanceof NixAttrs
          ? `Each list element must be a single-key attribute set, but got ${item.size} keys`
          : `Each list element must be an attribute set, but got ${typeOf(item)}`;
      throw nixThrow(
        `A definition for option \`${showOption(loc)}' is not of type \`${this.description}'. ${why}.${showDefs([{ file, value: raw, pos }])}`,
      );
    }
    const key = item.sortedNames()[0]!;
    const peeled = peel(item.get(key)!);
    const prio = hasOrder ? Number(forceInt(select(raw, "priority"))) : undefined;
    return { ...peeled, file, key, pos, prio: prio === undefined ? peeled.prio : () => prio };
  }

  private items(loc: readonly string[], defs: readonly Def[]): Item[] {
    const all = defs.flatMap((d) => {
      const v = force(d.value);
      if (Array.isArray(v)) return v.map((raw) => this.extractItem(loc, d.file, raw, d.pos));
      const a = forceAttrs(v);
      return a.sortedNames().map((key) => ({ ...peel(a.get(key)!), file: d.file, key, pos: a.pos?.get(key) ?? d.pos }));
    });
    const winning = new Map<string, number>();
    for (const it of all) if (it.overridePrio < (winning.get(it.key) ?? DEFAULT_OVERRIDE_PRIORITY)) winning.set(it.key, it.overridePrio);
    const kept = all.map((it, i) => ({ it, i })).filter(({ it }) => it.overridePrio === (winning.get(it.key) ?? DEFAULT_OVERRIDE_PRIORITY));
    kept.sort((a, b) => a.it.prio() - b.it.prio() || a.i - b.i);
    return kept.map((k) => k.it);
  }

  override get isV2(): boolean {
    return true;
  }

  override mergeV2(loc: readonly string[], defs: readonly Def[]): CheckedMerge {
    let evals: { item: Item; eval: Merged }[] | undefined;
    const getEvals = () =>
      (evals ??= this.items(loc, defs)
        .map((item) => ({
          item,
          eval: new Merged(this.ms, loc.concat(item.key), this.args.elemType, [{ file: item.file, value: item.value, pos: item.pos }]),
        }))
        .filter((e) => e.eval.isDefined));
    const listValue = () => getEvals().map((e) => attrs({ [e.item.key]: e.eval.mergedValue }));
    const value = lazy(() => (this.args.asAttrs ? this.zip(listValue()) : listValue()));
    const valueMeta = lazy(() =>
      attrs({
        attrList: getEvals().map((e) => lazy(() => force(e.eval.checkedAndMerged.valueMeta))),
        attrListValue: lazy(listValue),
        definitions: getEvals().map((e) =>
          attrs({
            _type: "definition",
            file: e.item.file,
            value: mkOrderValue(BigInt(e.item.prio()), attrs({ [e.item.key]: e.eval.mergedValue })),
          }),
        ),
      }),
    );
    return { headError: checkDefsForError((v) => this.check(v), defs), value, valueMeta };
  }

  private zip(list: NixAttrs[]): NixAttrs {
    const byKey = new Map<string, Lazy[]>();
    for (const a of list) for (const [k, v] of a.map) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(v);
    const m = new Map<string, Lazy>();
    for (const [k, vs] of byKey) m.set(k, this.args.mergeAttrValues === null ? vs : lazy(() => call(this.args.mergeAttrValues!, k, vs)));
    return new NixAttrs(m);
  }

  override emptyValue(): { value?: Lazy } {
    return { value: this.args.asAttrs ? NixAttrs.empty : [] };
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    return this.args.elemType.getSubOptions([...prefix, "*"]);
  }
  override getSubModules(): Lazy[] | null {
    return this.args.elemType.getSubModules();
  }
  override substSubModules(m: Lazy[]): OptionType {
    const e = this.args.elemType.substSubModules(m);
    if (e === null) throw nixThrow("substSubModules returned null");
    return new AttrListWith(this.ms, { ...this.args, elemType: e });
  }
  override typeMerge(): OptionType | null {
    return null;
  }
  override nestedTypes(): Record<string, OptionType> {
    return { elemType: this.args.elemType };
  }
}

export { forceList };
