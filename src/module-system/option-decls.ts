/**
 * Option declarations and option values: `mkOption`, nixpkgs'
 * `mergeOptionDecls` (one option declared in several modules: types merged
 * through their functors, sub-modules collected with their files),
 * `fixupOptionType` and `evalOptionValue` (the default as an `mkOptionDefault`
 * definition, `readOnly`, `apply`, deprecation warnings). An option is
 * Nix-visible as the merged declaration plus `value`, `definitions`, `files`,
 * `isDefined`, `highestPrio`, `valueMeta` …; the value is computed only when
 * read, inside the frame "while evaluating the option `…':".
 */
import { posAttrs } from "../nix/builtins/core.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import type { Span } from "../nix/source.js";
import { copyMap, force, NixAttrs, Thunk, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { defToNix, PRIORITY, type Def } from "./definitions.js";
import { Merged } from "./merge-definitions.js";
import { firstSpan } from "./merge-helpers.js";
import { attrOr, attrs, call, lazy, locValue, nixThrow, prim, updateAttrs, withContext } from "./nix-values.js";
import { wrapType, type OptionType } from "./option-type.js";
import { showDefs, showFiles, showOption } from "./show.js";

/** One module's declaration of an option (or of a tree of options) at a location. */
export interface DeclEntry {
  readonly file: string;
  readonly pos?: Span;
  readonly options: Lazy;
}

/** `{ _file = file; imports = [ m ]; }` */
export function setDefaultModuleLocation(file: Lazy, m: Lazy): NixAttrs {
  return attrs({ _file: file, imports: [m] });
}

function alreadyDeclared(loc: readonly string[], file: string, declarations: readonly string[]) {
  return nixThrow(`The option \`${showOption(loc)}' in \`${file}' is already declared in ${showFiles(declarations)}.`);
}

const NO_ATTRS: ReadonlyMap<string, Lazy> = new Map();
const NO_POSITIONS: ReadonlyMap<string, Span> = new Map();

/** Fields that only one declaration of an option may set. */
const UNIQUE_FIELDS = ["default", "example", "description", "apply"];

/** nixpkgs' mergeOptionDecls: one declaration set from several. */
export function mergeOptionDecls(ms: ModuleSystem, loc: readonly string[], decls: readonly DeclEntry[]): NixAttrs {
  // Replaced by a copy of the first declaration (never mutated until then).
  let res = NO_ATTRS;
  let resPos = NO_POSITIONS;
  const declarations: string[] = [];
  // Exact size: this array lives as long as the option (a pushed one keeps room for 17).
  const positions = new Array<Lazy>(decls.length);
  let subs: Lazy[] = [];
  for (const d of decls) {
    const o = forceAttrs(d.options);
    for (let i = 0; i < UNIQUE_FIELDS.length; i++) {
      const k = UNIQUE_FIELDS[i]!;
      if (o.has(k) && res.has(k)) throw alreadyDeclared(loc, d.file, declarations);
    }
    let mergedType: Lazy | undefined;
    if (o.has("type") && res.has("type")) {
      const m = wrapType(ms, res.get("type")!).typeMerge(wrapType(ms, o.get("type")!).functor());
      if (m === null) throw alreadyDeclared(loc, d.file, declarations);
      mergedType = m.facade();
    }
    if (o.has("type")) {
      const sm = wrapType(ms, o.get("type")!).getSubModules();
      if (sm !== null) subs = [...sm.map((m) => setDefaultModuleLocation(d.file, m)), ...subs];
    }
    let out: Map<string, Lazy>;
    if (res.size === 0) {
      out = copyMap(o.map);
      resPos = o.pos ?? resPos;
    } else {
      out = copyMap(o.map);
      const nextPos = o.pos ? copyMap(o.pos) : new Map<string, Span>();
      res.forEach((v, k) => out.set(k, v));
      resPos.forEach((p, k) => nextPos.set(k, p));
      resPos = nextPos;
    }
    if (mergedType !== undefined) out.set("type", mergedType);
    res = out;
    declarations.push(d.file);
    const dp = d.pos;
    positions[declarations.length - 1] = dp ? lazy(() => posAttrs(dp)) : attrs({ file: d.file, line: null, column: null });
  }
  const out = res === NO_ATTRS ? new Map<string, Lazy>() : (res as Map<string, Lazy>);
  out.set("loc", locValue(loc));
  out.set("declarations", declarations.slice());
  out.set("declarationPositions", positions);
  out.set("options", subs);
  return new NixAttrs(out, resPos === NO_POSITIONS ? new Map() : (resPos as Map<string, Span>));
}

/** Default the type to `unspecified`; give a type with sub-modules the collected ones. */
export function fixupOptionType(ms: ModuleSystem, opt: NixAttrs): NixAttrs {
  const tl = opt.get("type");
  const t = tl === undefined ? ms.types.unspecified : wrapType(ms, tl);
  const subs = tl === undefined ? null : t.getSubModules();
  if (subs === null) return tl === undefined ? updateAttrs(opt, attrs({ type: t.facade() })) : opt;
  const st = t.substSubModules(forceList(attrOr(opt, "options", [])));
  return updateAttrs(opt, attrs({ type: st === null ? null : st.facade(), options: [] }));
}

/** An option with its definitions: the merged value and the Nix-visible option set. */
/** Options whose values are being computed, innermost last (for messages that name "the option that asked"). */
const OPTION_STACK: (readonly string[])[] = [];

/** The option whose value is being computed right now, if any (`["home", "packages"]`). */
export function currentOptionLoc(): readonly string[] | undefined {
  return OPTION_STACK[OPTION_STACK.length - 1];
}

/** Run `fn` as part of computing option `loc` (for work done on an option's value after the module system returned it). */
export function asPartOfOption<T>(loc: readonly string[], fn: () => T): T {
  OPTION_STACK.push(loc);
  try {
    return fn();
  } finally {
    OPTION_STACK.pop();
  }
}

export class OptionValue {
  readonly type: OptionType;
  readonly value: Thunk;
  private merged: Merged | undefined;
  private facadeCache: NixAttrs | undefined;

  constructor(
    readonly ms: ModuleSystem,
    readonly loc: readonly string[],
    readonly opt: NixAttrs,
    readonly defs: readonly Def[],
  ) {
    this.type = wrapType(ms, attrOr(opt, "type", ms.types.unspecified.facade()));
    this.value = lazy(() =>
      withContext(`while evaluating the option \`${showOption(loc)}':`, () => {
        OPTION_STACK.push(loc);
        try {
          const apply = opt.get("apply");
          return apply === undefined ? force(this.res.mergedValue) : call(apply, this.res.mergedValue);
        } finally {
          OPTION_STACK.pop();
        }
      }),
    );
  }

  /** The definitions, the default first (as an `mkOptionDefault`). */
  private allDefs(): Def[] {
    const dflt = this.opt.get("default");
    if (dflt === undefined) return this.defs.slice();
    const decls = forceList(attrOr(this.opt, "declarations", []));
    const file = decls.length > 0 ? String(force(decls[0]!)) : "<unknown-file>";
    const d: Def = { file, value: dflt, pos: this.opt.pos?.get("default"), overridePriority: PRIORITY.optionDefault };
    return [d].concat(this.defs);
  }

  get res(): Merged {
    if (this.merged) return this.merged;
    const defs = this.allDefs();
    if (defs.length > 1 && force(attrOr(this.opt, "readOnly", false)) === true) {
      const separate = defs.map((d) => ({ ...d, value: new Merged(this.ms, this.loc, this.type, [d]).mergedValue }));
      throw nixThrow(
        `The option \`${showOption(this.loc)}' is read-only, but it's set multiple times. Definition values:${showDefs(separate)}`,
        firstSpan(defs.slice(1)),
      );
    }
    return (this.merged = new Merged(this.ms, this.loc, this.type, defs));
  }

  /** The option as Nix sees it (`options.a.b`). */
  facade(): NixAttrs {
    if (this.facadeCache) return this.facadeCache;
    const dep = this.type.deprecationMessage;
    if (dep !== null) {
      const files = forceList(attrOr(this.opt, "declarations", [])).map((f) => String(force(f)));
      this.ms.warn(
        `The type \`types.${this.type.name}' of option \`${showOption(this.loc)}' defined in ${showFiles(files)} is deprecated. ${dep}`,
      );
    }
    const extra = attrs({
      value: this.value,
      highestPrio: lazy(() => BigInt(this.res.defsFinalPrime.highestPrio)),
      definitions: lazy(() => this.res.defsFinal.map((d) => d.value)),
      files: lazy(() => this.res.defsFinal.map((d) => d.file)),
      definitionsWithLocations: lazy(() => this.res.defsFinal.map(defToNix)),
      isDefined: lazy(() => this.res.isDefined),
      valueMeta: lazy(() => force(this.res.checkedAndMerged.valueMeta)),
      __toString: prim("__toString", 1, () => showOption(this.loc)),
    });
    return (this.facadeCache = updateAttrs(this.opt, extra));
  }
}

/** `mkOption { … }`: the given set tagged as an option (positions kept). */
export function mkOption(a: NixAttrs): NixAttrs {
  return updateAttrs(a, attrs({ _type: "option" }));
}
