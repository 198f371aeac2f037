/**
 * `types.attrTag { tagA = mkOption { … }; … }`: a value is a set with exactly
 * one attribute, the tag, whose value is checked and merged as the tag's
 * option. Tag declarations are options (an error says so otherwise) and get
 * declaration positions from the tag set.
 */
import { posAttrs } from "../nix/builtins/core.js";
import { forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import type { Def } from "./definitions.js";
import { attrOr, attrs, lazy, locValue, nixThrow, prim, str, tagOf, updateAttrs, withContext } from "./nix-values.js";
import { mergeOptionDecls, OptionValue } from "./option-decls.js";
import { defaultFunctor, OptionType } from "./option-type.js";
import { escapeNixIdentifier, escapeNixString, showFiles, showOption } from "./show.js";

export class AttrTag extends OptionType {
  private tagsCache: NixAttrs | undefined;

  constructor(
    ms: ModuleSystem,
    readonly rawTags: NixAttrs,
  ) {
    super(ms);
  }

  /** The tags, each checked to be an option and given declaration data. */
  tags(): NixAttrs {
    if (this.tagsCache) return this.tagsCache;
    const m = new Map<string, Lazy>();
    for (const [n, o] of this.rawTags.map)
      m.set(
        n,
        lazy(() => this.checkedTag(n, o)),
      );
    return (this.tagsCache = new NixAttrs(m, this.rawTags.pos));
  }

  private checkedTag(n: string, o: Lazy): NixAttrs {
    const p = this.rawTags.pos?.get(n);
    const suffix = p ? ` at ${p.source.path}:${p.source.position(p.start).line}:${p.source.position(p.start).column}` : "";
    return withContext(`while checking that attrTag tag ${escapeNixIdentifier(n)} is an option with a type${suffix}`, () => {
      const tag = tagOf(o);
      if (tag !== "option") {
        const what =
          tag === undefined
            ? "was not."
            : tag === "option-type"
              ? "was a bare type, not wrapped in mkOption."
              : `was of type ${escapeNixString(tag)}.`;
        throw nixThrow(`In attrTag, each tag value must be an option, but tag ${escapeNixIdentifier(n)} ${what}`);
      }
      const opt = forceAttrs(o);
      return updateAttrs(
        opt,
        attrs({
          declarations: attrOr(opt, "declarations", p ? [p.source.path] : []),
          declarationPositions: attrOr(opt, "declarationPositions", p ? [posAttrs(p)] : []),
        }),
      );
    });
  }

  private choices(): string {
    return this.rawTags.sortedNames().map(escapeNixIdentifier).join(", ");
  }

  get name(): string {
    return "attrTag";
  }
  get description(): string {
    return `attribute-tagged union with choices: ${this.choices()}`;
  }
  override get descriptionClass(): string {
    return "noun";
  }
  override getSubOptions(prefix: readonly string[]): NixAttrs {
    const m = new Map<string, Lazy>();
    for (const n of this.rawTags.map.keys()) {
      m.set(
        n,
        lazy(() => updateAttrs(forceAttrs(this.tags().get(n)!), attrs({ loc: locValue([...prefix, n]) }))),
      );
    }
    return new NixAttrs(m);
  }
  override check(v: Lazy): boolean {
    const x = force(v);
    if (!(x instanceof NixAttrs) || x.size !== 1) return false;
    return this.rawTags.has(x.sortedNames()[0]!);
  }
  override merge(loc: readonly string[], defs: readonly Def[]): Lazy {
    const files = () => showFiles(defs.map((d) => d.file));
    const choice = forceAttrs(defs[0]!.value).sortedNames()[0]!;
    const valueDefs = defs.map((d): Def => {
      const a = forceAttrs(d.value);
      const name = a.sortedNames()[0]!;
      if (name !== choice)
        throw nixThrow(`The option \`${showOption(loc)}\` is defined both as \`${choice}\` and \`${name}\`, in ${files()}.`);
      return { file: d.file, value: a.get(choice)!, pos: a.pos?.get(choice) ?? d.pos };
    });
    if (!this.rawTags.has(choice)) {
      const c = escapeNixIdentifier(choice);
      throw nixThrow(
        `The option \`${showOption(loc)}\` is defined as ${c}, but ${c} is not among the valid choices (${this.choices()}). Value ${choice} was defined in ${files()}.`,
      );
    }
    const ov = new OptionValue(this.ms, loc.concat(choice), forceAttrs(this.tags().get(choice)!), valueDefs);
    return attrs({ [choice]: ov.value });
  }
  override nestedTypes(): Record<string, OptionType> {
    return {};
  }
  protected override buildFacade(): NixAttrs {
    const f = super.buildFacade();
    return updateAttrs(f, attrs({ nestedTypes: lazy(() => this.tags()) }));
  }
  protected override makeFunctor(): NixAttrs {
    const f = defaultFunctor(this.ms, "attrTag", null);
    return updateAttrs(
      f,
      attrs({
        type: prim("attrTag", 1, ([p]) => new AttrTag(this.ms, forceAttrs(attrOr(forceAttrs(p!), "tags", NixAttrs.empty))).facade()),
        payload: attrs({ tags: lazy(() => this.tags()) }),
        binOp: prim("attrTag.binOp", 2, ([a, b]) =>
          attrs({
            tags: this.mergeTags(
              forceAttrs(attrOr(forceAttrs(a!), "tags", NixAttrs.empty)),
              forceAttrs(attrOr(forceAttrs(b!), "tags", NixAttrs.empty)),
            ),
          }),
        ),
      }),
    );
  }
  private mergeTags(a: NixAttrs, b: NixAttrs): NixAttrs {
    const m = new Map([...a.map, ...b.map]);
    for (const n of a.map.keys()) {
      if (!b.has(n)) continue;
      m.set(
        n,
        lazy(() => {
          const oa = forceAttrs(a.get(n)!);
          const ob = forceAttrs(b.get(n)!);
          const merged = mergeOptionDecls(
            this.ms,
            [n],
            [
              { file: "<attrTag {...}>", options: oa },
              { file: "<attrTag {...}>", options: ob },
            ],
          );
          const cat = (k: string) => [...(force(attrOr(oa, k, [])) as Lazy[]), ...(force(attrOr(ob, k, [])) as Lazy[])];
          return updateAttrs(merged, attrs({ declarations: cat("declarations"), declarationPositions: cat("declarationPositions") }));
        }),
      );
    }
    return new NixAttrs(m);
  }
}

export { str };
