/**
 * nixpkgs' `mergeDefinitions`: from the raw definitions of one location to its
 * value. Properties are discharged (`mkMerge`, `mkIf`), overrides filtered
 * (`mkOverride` and friends), orders sorted (`mkBefore`/`mkAfter`), then the
 * type checks and merges what is left. Everything is computed on demand and
 * at most once; a failure is not remembered, so it is raised again (with the
 * same wording) by the next access, as in Nix.
 */
import { NixError } from "../nix/errors.js";
import { force, NixAttrs, Thunk, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import {
  DEFAULT_OVERRIDE_PRIORITY,
  defFromNix,
  defToNix,
  dischargeProperties,
  filterOverrides,
  hasOrder,
  sortProperties,
  type Def,
} from "./definitions.js";
import { adhocCheckError, firstSpan } from "./merge-helpers.js";
import { attrs, lazy, nixThrow, tagOf, updateAttrs, withContext } from "./nix-values.js";
import { usesV2, type CheckedMerge, type OptionType } from "./option-type.js";
import { defLocation, showDefs, showOption } from "./show.js";

export interface FinalDefs {
  readonly values: readonly Def[];
  readonly highestPrio: number;
}

/** Discharge properties of every definition (mkMerge, mkIf, mkDefinition). */
function normalize(defs: readonly Def[]): Def[] {
  const out: Def[] = [];
  for (const m of defs) {
    // An option's default is an override already (see Def.overridePriority):
    // like nixpkgs' `mkOptionDefault` set, it is not discharged.
    if (m.overridePriority !== undefined) {
      out.push(m);
      continue;
    }
    const vals = withContext(
      () => `while evaluating definitions from \`${defLocation(m)}':`,
      () => dischargeProperties(m.value),
    );
    for (const v of vals) out.push(tagOf(v) === "definition" ? defFromNix(v) : { file: m.file, value: v, pos: m.pos });
  }
  return out;
}

function isPlain(d: Def): boolean {
  // withContext's frame, without its two closures (this runs for every option).
  let v;
  try {
    v = force(d.value);
  } catch (e) {
    if (e instanceof NixError) e.addFrame(`while evaluating definitions from \`${defLocation(d)}':`);
    throw e;
  }
  return !(v instanceof NixAttrs && v.has("_type"));
}

/** The definitions that count, in order, and their priority. */
export function finalDefs(defs: readonly Def[]): FinalDefs {
  if (defs.length === 1 && defs[0]!.overridePriority === undefined && isPlain(defs[0]!))
    return { values: defs, highestPrio: DEFAULT_OVERRIDE_PRIORITY };
  // The common case of an option with a default and plain definitions: the
  // definitions win (priority 100 beats the default's), in their order.
  if (defs.length > 1 && defs[0]!.overridePriority !== undefined && defs[0]!.overridePriority > DEFAULT_OVERRIDE_PRIORITY) {
    let plain = true;
    for (let i = 1; i < defs.length && plain; i++) plain = defs[i]!.overridePriority === undefined && isPlain(defs[i]!);
    if (plain) return { values: defs.slice(1), highestPrio: DEFAULT_OVERRIDE_PRIORITY };
  }
  const filtered = filterOverrides(normalize(defs));
  let sorted: readonly Def[] | undefined;
  return {
    get values() {
      return (sorted ??= hasOrder(filtered.values) ? sortProperties(filtered.values) : filtered.values);
    },
    highestPrio: filtered.highestPrio,
  };
}

/** The merge of one location's definitions under a type; fields are computed on demand. */
export class Merged {
  private final: FinalDefs | undefined;
  private cm: CheckedMerge | undefined;
  readonly mergedValue: Thunk;

  constructor(
    readonly ms: ModuleSystem,
    readonly loc: readonly string[],
    readonly type: OptionType,
    readonly defs: readonly Def[],
  ) {
    this.mergedValue = lazy(() => force(this.computeMerged()));
  }

  get defsFinalPrime(): FinalDefs {
    return (this.final ??= finalDefs(this.defs));
  }

  get defsFinal(): readonly Def[] {
    return this.defsFinalPrime.values;
  }

  get isDefined(): boolean {
    return this.defsFinal.length > 0;
  }

  /** `{ value = …; }` when defined, else `{}`. */
  optionalValue(): { value?: Lazy } {
    return this.isDefined ? { value: this.mergedValue } : {};
  }

  private computeMerged(): Lazy {
    const t = this.type;
    if (this.isDefined) {
      const defs = this.defsFinal;
      if (usesV2(t)) {
        const cm = this.checkedAndMerged;
        if (cm.headError !== null) {
          throw nixThrow(
            `A definition for option \`${showOption(this.loc)}' is not of type \`${t.description}'. TypeError: ${cm.headError}`,
            firstSpan(defs),
          );
        }
        return cm.value;
      }
      const bad = defs.filter((d) => !t.check(d.value));
      if (bad.length === 0) return t.merge(this.loc, defs);
      throw nixThrow(
        `A definition for option \`${showOption(this.loc)}' is not of type \`${t.description}'. Definition values:${showDefs(bad)}`,
        firstSpan(bad),
      );
    }
    const empty = t.emptyValue();
    if (empty.value !== undefined) return empty.value;
    throw nixThrow(`The option \`${showOption(this.loc)}' was accessed but has no value defined. Try setting the option.`);
  }

  get checkedAndMerged(): CheckedMerge {
    if (this.cm) return this.cm;
    const t = this.type;
    if (!usesV2(t)) {
      this.cm = { headError: null, value: this.mergedValue, valueMeta: NixAttrs.empty };
      return this.cm;
    }
    if (!t.v2Coherent) throw adhocCheckError(this.loc, t.description, true);
    const r = t.mergeV2(this.loc, this.defsFinal);
    const meta = lazy(() => updateAttrs(asAttrs(r.valueMeta), attrs({ _internal: attrs({ type: t.facade() }) })));
    this.cm = { headError: r.headError, value: r.value, valueMeta: meta };
    return this.cm;
  }

  /** The Nix-visible result of `lib.modules.mergeDefinitions`. */
  toNix(): NixAttrs {
    const cm = lazy(() => {
      const c = this.checkedAndMerged;
      return attrs({ headError: c.headError === null ? null : attrs({ message: c.headError }), value: c.value, valueMeta: c.valueMeta });
    });
    return attrs({
      defsFinal: lazy(() => this.defsFinal.map(defToNix)),
      "defsFinal'": lazy(() => attrs({ values: this.defsFinal.map(defToNix), highestPrio: BigInt(this.defsFinalPrime.highestPrio) })),
      mergedValue: this.mergedValue,
      checkedAndMerged: cm,
      isDefined: lazy(() => this.isDefined),
      optionalValue: lazy(() => attrs(this.optionalValue())),
    });
  }
}

function asAttrs(l: Lazy): NixAttrs {
  const v = force(l);
  if (v instanceof NixAttrs) return v;
  throw new NixError("type", "valueMeta must be an attribute set");
}
