/**
 * `evalModules`: collect the modules (plus the internal module declaring
 * `_module.*`), merge them, and build the `config` fixed point. Module
 * functions receive `config` lazily, so a module may read any option of the
 * result; `config` is built from the option declarations, so reading one
 * option forces only its own definitions. The result set is nixpkgs':
 * `{ _type = "configuration"; options; config; _module; graph; extendModules;
 * type; class; }`, where `options`, `config` and `_module` first check that
 * every definition matched an option (unless `_module.check` is off or a
 * `freeformType` takes them).
 */
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, Thunk, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { collectModules, UNKNOWN_MODULE, type Collected } from "./collect-modules.js";
import { mkOverrideValue, PRIORITY } from "./definitions.js";
import { ModuleNode, type ConfigEntry } from "./merge-modules.js";
import { pushDownProperties } from "./definitions.js";
import {
  attrOr,
  attrs,
  lazy,
  nixThrow,
  prim,
  readStrList,
  removeAttrs,
  select,
  setAttrByPath,
  str,
  toStr,
  withContext,
} from "./nix-values.js";
import { mkOption, type DeclEntry } from "./option-decls.js";
import { wrapType } from "./option-type.js";
import { defLocation, showDefs, showOption } from "./show.js";
import { editDistance as levenshtein } from "../nix/errors.js";

export interface EvalModulesArgs {
  readonly modules: readonly Lazy[];
  readonly prefix?: readonly string[];
  readonly specialArgs?: NixAttrs;
  readonly class?: string | null;
  /** Deprecated `args` argument, when given. */
  readonly args?: Lazy;
  /** Deprecated `check` argument, when given. */
  readonly check?: Lazy;
}

const RECURSION_HINT =
  "if you get an infinite recursion here, you probably reference `config` in `imports`. If you are trying to achieve a conditional import behavior dependent on `config`, consider importing unconditionally, and using `mkEnableOption` and `mkIf` to control its effect.";

/** `recursiveUpdate lhs rhs`, lazily per attribute. */
export function recursiveUpdate(l: NixAttrs, r: NixAttrs): NixAttrs {
  const m = new Map(l.map);
  const pos = new Map([...(l.pos ?? []), ...(r.pos ?? [])]);
  for (const [k, rv] of r.map) {
    const lv = l.get(k);
    if (lv === undefined) m.set(k, rv);
    else {
      m.set(
        k,
        lazy(() => {
          const a = force(lv);
          const b = force(rv);
          return a instanceof NixAttrs && b instanceof NixAttrs ? recursiveUpdate(a, b) : b;
        }),
      );
    }
  }
  return new NixAttrs(m, pos);
}

export class Evaluation {
  readonly prefix: readonly string[];
  readonly specialArgs: NixAttrs;
  readonly class: string | null;
  readonly regularModules: Lazy[];
  private readonly collected: Thunk;
  private collectedValue: Collected | undefined;
  private rootNode: ModuleNode | undefined;
  /** The configuration (before the unmatched-definitions check). */
  readonly config: Thunk;
  private checked = false;
  private resultCache: NixAttrs | undefined;

  constructor(
    readonly ms: ModuleSystem,
    readonly args: EvalModulesArgs,
  ) {
    this.prefix = args.prefix ?? [];
    this.specialArgs = args.specialArgs ?? NixAttrs.empty;
    this.class = args.class ?? null;
    const legacy: Lazy[] = [];
    if (args.args !== undefined) legacy.push(attrs({ config: attrs({ _module: attrs({ args: args.args }) }) }));
    if (args.check !== undefined) {
      legacy.push(attrs({ config: attrs({ _module: attrs({ check: mkOverrideValue(BigInt(PRIORITY.default), args.check) }) }) }));
    }
    this.regularModules = [...args.modules, ...legacy];
    this.collected = lazy(() => {
      this.collectedValue = this.collect();
      return null;
    });
    this.config = lazy(() => this.computeConfig());
  }

  private moduleArgs(): NixAttrs {
    const hinted = lazy(() => withContext(RECURSION_HINT, () => force(this.config)));
    const base = attrs({
      lib: lazy(() => this.ms.lib()),
      options: lazy(() => this.options()),
      specialArgs: this.specialArgs,
      _class: this.class,
      _prefix: this.prefix.slice(),
      config: hinted,
    });
    const m = new Map(base.map);
    for (const [k, v] of this.specialArgs.map) m.set(k, v);
    return new NixAttrs(m);
  }

  private collect(): Collected {
    const mp = this.specialArgs.get("modulesPath");
    const modulesPath = mp === undefined ? "" : toStr(this.ms.st, mp);
    const ctx = { ms: this.ms, args: this.moduleArgs(), class: this.class, prefix: this.prefix };
    return collectModules(ctx, modulesPath, [...this.regularModules, this.internalModule()]);
  }

  /** The collected modules (collecting them on first use; re-entry is infinite recursion). */
  modules(): Collected {
    force(this.collected);
    return this.collectedValue!;
  }

  /** The root of the merged option tree. */
  root(): ModuleNode {
    if (this.rootNode) return this.rootNode;
    const mods = this.modules().modules.slice().reverse();
    const decls: DeclEntry[] = mods.map((m) => ({ file: m.file, options: m.options }));
    const configs = (): ConfigEntry[] => mods.flatMap((m) => pushDownProperties(m.config).map((c) => ({ file: m.file, config: c })));
    return (this.rootNode = new ModuleNode(this.ms, this.prefix, decls, configs));
  }

  options(): NixAttrs {
    return this.root().options();
  }

  private computeConfig(): Value {
    const declared = this.root().config();
    const ft = force(select(select(declared, "_module"), "freeformType"));
    if (ft === null) return declared;
    const defs = this.root()
      .unmatched()
      .map((d) => ({ file: d.file, value: setAttrByPath(d.prefix, d.value, d.pos), pos: d.pos }));
    if (defs.length === 0) return recursiveUpdate(NixAttrs.empty, declared);
    const free = forceAttrs(wrapType(this.ms, ft).merge(this.prefix, defs));
    return recursiveUpdate(free, declared);
  }

  /** Throw "The option `…' does not exist" for the first unmatched definition, if checked. */
  checkUnmatched(): void {
    if (this.checked) return;
    const mod = forceAttrs(select(this.config, "_module"));
    if (force(select(mod, "check")) === true && force(select(mod, "freeformType")) === null) {
      const unmatched = this.root().unmatched();
      if (unmatched.length > 0) throw this.unmatchedError(unmatched[0]!);
    }
    this.checked = true;
  }

  private unmatchedError(first: { file: string; value: Lazy; pos?: import("../nix/source.js").Span; prefix: readonly string[] }): Error {
    const optText = showOption([...this.prefix, ...first.prefix]);
    const defText = withContext(
      `while evaluating the error message for definitions for \`${optText}', which is an option that does not exist`,
      () => withContext(`while evaluating a definition from \`${defLocation(first)}'`, () => showDefs([first])),
    );
    const parentAbs = [...this.prefix, ...first.prefix].slice(0, -1);
    const parent = first.prefix.slice(0, -1);
    let siblings = this.siblingNames(parent);
    if (parent.length === 0) siblings = siblings.filter((n) => n !== "_module");
    const name = first.prefix[first.prefix.length - 1]!;
    const suggestion = suggestText(parentAbs, suggest(name, siblings));
    const base = `The option \`${optText}' does not exist. Definition values:${defText}${suggestion}`;
    const names = [...this.options().map.keys()];
    if (names.length === 1 && names[0] === "_module") {
      const pre = showOption(this.prefix);
      if (pre === "")
        return nixThrow(
          `${base}\n\nIt seems as if you're trying to declare an option by placing it into \`config' rather than \`options'!\n`,
          first.pos,
        );
      return nixThrow(
        `${base}\n\nHowever there are no options defined in \`${pre}'. Are you sure you've\ndeclared your options properly? This can happen if you e.g. declared your options in \`types.submodule'\nunder \`config' rather than \`options'.\n`,
        first.pos,
      );
    }
    return nixThrow(base, first.pos);
  }

  private siblingNames(path: readonly string[]): string[] {
    let cur: Value = this.options();
    for (const p of path) {
      if (!(cur instanceof NixAttrs)) return [];
      const next = cur.get(p);
      if (next === undefined) return [];
      cur = force(next);
    }
    return cur instanceof NixAttrs ? cur.sortedNames() : [];
  }

  private checked_(l: () => Value): Thunk {
    return lazy(() => {
      this.checkUnmatched();
      return l();
    });
  }

  /** `extendModules { modules ? [], specialArgs ? {}, prefix ? … }` */
  extend(modules: readonly Lazy[], specialArgs: NixAttrs | undefined, prefix: readonly string[] | undefined): Evaluation {
    const sa = specialArgs ? new NixAttrs(new Map([...this.specialArgs.map, ...specialArgs.map])) : this.specialArgs;
    return new Evaluation(this.ms, {
      ...this.args,
      modules: [...this.regularModules, ...modules],
      specialArgs: sa,
      prefix: prefix ?? this.prefix,
    });
  }

  private extendPrim(): Lazy {
    return prim("extendModules", 1, ([a]) => {
      const e = forceAttrs(a!);
      const prefix = e.get("prefix");
      return this.extend(
        forceList(attrOr(e, "modules", [])),
        forceAttrs(attrOr(e, "specialArgs", NixAttrs.empty)),
        prefix === undefined ? undefined : readStrList(prefix),
      ).result();
    });
  }

  /** `types.submoduleWith { modules; specialArgs; class; }` of these modules. */
  typeFacade(): Lazy {
    return lazy(() =>
      this.ms.types
        .submoduleWith({
          modules: this.args.modules.slice(),
          specialArgs: this.specialArgs,
          class: this.class,
          shorthandOnlyDefinesConfig: false,
          description: null,
        })
        .facade(),
    );
  }

  /** The evaluation as Nix sees it. */
  result(): NixAttrs {
    if (this.resultCache) return this.resultCache;
    if (this.args.args !== undefined)
      this.ms.warn("The args argument to evalModules is deprecated. Please set config._module.args instead.");
    if (this.args.check !== undefined)
      this.ms.warn("The check argument to evalModules is deprecated. Please set config._module.check instead.");
    return (this.resultCache = attrs({
      _type: "configuration",
      options: this.checked_(() => this.options()),
      config: this.checked_(() => removeAttrs(forceAttrs(this.config), ["_module"])),
      _module: this.checked_(() => force(select(this.config, "_module"))),
      graph: lazy(() => this.modules().graph()),
      extendModules: this.extendPrim(),
      type: this.typeFacade(),
      class: this.class,
    }));
  }

  /** The module declaring `_module.args`, `_module.check`, `_module.freeformType`, `_module.specialArgs`. */
  private internalModule(): NixAttrs {
    const i = this.prefix.length > 0 ? 1 : 0;
    const options = (this.ms.internalOptions[i] ??= this.internalOptions());
    const config = attrs({
      _module: attrs({
        args: attrs({ extendModules: this.extendPrim(), moduleType: this.typeFacade() }),
        specialArgs: this.specialArgs,
      }),
    });
    return attrs({ _file: "lib/modules.nix", key: "lib/modules.nix", options, config });
  }

  private internalOptions(): NixAttrs {
    const t = this.ms.types;
    const argsOpt: Record<string, Lazy> = {
      type: t.lazyAttrsOf(t.raw).facade(),
      description:
        "Arguments given to every module besides `lib`, `config`, `options`, `specialArgs` and the attributes of `specialArgs` (for example `pkgs`). " +
        "Submodules have their own arguments; the one argument a parent gives a submodule is `name`, the attribute name it is bound to. " +
        "Unlike `specialArgs`, these arguments cannot be used in `imports`, which are resolved before any option has a value.",
    };
    if (this.prefix.length > 0) argsOpt.internal = true;
    const options = attrs({
      _module: attrs({
        args: mkOption(attrs(argsOpt)),
        check: mkOption(
          attrs({
            type: t.bool.facade(),
            internal: true,
            default: true,
            description: "Whether every definition must match a declared option.",
          }),
        ),
        freeformType: mkOption(
          attrs({
            type: t.nullOr(t.optionType).facade(),
            internal: true,
            default: null,
            description:
              "When set, definitions that match no declared option are merged with this type and become part of `config`; when `null`, such definitions are an error unless `_module.check` is off.",
          }),
        ),
        specialArgs: mkOption(
          attrs({
            readOnly: true,
            internal: true,
            description: "The `specialArgs` given to `evalModules`: fixed arguments that module `imports` may use.",
          }),
        ),
      }),
    });
    return options;
  }
}

/** Up to three sibling names closest to `name` (all of them ranked when there are few). */
export function suggest(name: string, candidates: readonly string[]): string[] {
  const pool = candidates.length < 100 ? candidates : candidates.filter((c) => levenshtein(name, c) <= 2);
  const scored = pool.map((c, i) => ({ c, i, d: levenshtein(name, c) }));
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  return scored.slice(0, 3).map((s) => s.c);
}

function suggestText(parent: readonly string[], s: readonly string[]): string {
  if (s.length === 0) return "";
  const q = (n: string) => `\`${showOption([...parent, n])}'`;
  if (s.length === 1) return `\n\nDid you mean ${q(s[0]!)}?`;
  return `\n\nDid you mean ${s.slice(0, -1).map(q).join(", ")} or ${q(s[s.length - 1]!)}?`;
}

/** Nix-visible `evalModules`. */
export function evalModulesPrim(ms: ModuleSystem): Lazy {
  return prim("evalModules", 1, ([a]) => {
    const e = forceAttrs(a!);
    const cls = force(attrOr(e, "class", null));
    return ms
      .evalModules({
        modules: forceList(select(e, "modules")),
        prefix: e.has("prefix") ? readStrList(e.get("prefix")!) : [],
        specialArgs: forceAttrs(attrOr(e, "specialArgs", NixAttrs.empty)),
        class: cls === null ? null : str(cls),
        args: e.get("args"),
        check: e.get("check"),
      })
      .result();
  });
}

export { UNKNOWN_MODULE };
