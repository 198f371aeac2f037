/**
 * Modules that keep old option names working: `doRename` (and its users
 * `mkRenamedOptionModule`, `mkRenamedOptionModuleWith`,
 * `mkAliasOptionModule`), `mkRemovedOptionModule` and `mkMergedOptionModule`
 * (`mkChangedOptionModule`), plus the alias helpers they rest on. Each is a
 * module function of `{ config, options, … }`, written natively; what it
 * declares and defines is computed lazily so that declaring an alias never
 * forces the options it points to.
 */
import { NixError } from "../nix/errors.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { DEFAULT_OVERRIDE_PRIORITY, mkIfValue, mkMergeValue, mkOverrideValue } from "./definitions.js";
import { attrOr, attrs, call, lazy, nixThrow, prim, select, selectPath, setAttrByPath, str, updateAttrs } from "./nix-values.js";
import { mkOption } from "./option-decls.js";
import { showFiles, showOption } from "./show.js";

/** `mkIf option.isDefined (wrap (mkMerge option.definitions))` */
export function aliasAndWrap(wrap: (v: Lazy) => Lazy, option: Lazy, withPriority: boolean): NixAttrs {
  const defs = lazy(() => {
    const o = forceAttrs(option);
    const d = forceList(select(o, "definitions"));
    if (!withPriority) return d;
    const prio = attrOr(o, "highestPrio", BigInt(DEFAULT_OVERRIDE_PRIORITY));
    return d.map((x) => mkOverrideValue(prio, x));
  });
  return mkIfValue(
    lazy(() => force(select(option, "isDefined"))),
    wrap(mkMergeValue(defs)),
  );
}

function attrByPath(l: Lazy, path: readonly string[]): Value | undefined {
  let cur = force(l);
  for (const p of path) {
    if (!(cur instanceof NixAttrs)) return undefined;
    const n = cur.get(p);
    if (n === undefined) return undefined;
    cur = force(n);
  }
  return cur;
}

function filesOf(opt: Lazy): string[] {
  return forceList(select(opt, "files")).map((f) => String(force(f)));
}

export interface RenameSpec {
  readonly from: string[];
  readonly to: string[];
  readonly visible: Lazy;
  readonly warn: Lazy;
  /** Applied to the new option's value (e.g. a trace of the obsolete name). */
  readonly use: Lazy;
  readonly withPriority: boolean;
  readonly condition: Lazy;
}

/** The module of nixpkgs' `doRename`. */
export function doRename(ms: ModuleSystem, spec: RenameSpec): Lazy {
  const { from, to } = spec;
  return prim("doRename", 1, ([args]) => {
    const options = select(args!, "options");
    const config = select(args!, "config");
    const fromOpt = lazy(() => force(selectPath(options, from)));
    const decl = lazy(() => {
      const target = attrByPath(options, to);
      const type = target instanceof NixAttrs && target.has("type") ? target.get("type")! : ms.types.submodule([]).facade();
      const fields: Record<string, Lazy> = {
        visible: spec.visible,
        description: `Alias of {option}\`${showOption(to)}\`.`,
        apply: prim("apply", 1, () => {
          const v = attrByPath(config, to);
          if (v === undefined) throw new NixError("abort", `Renaming error: option \`${showOption(to)}' does not exist.`);
          return call(spec.use, v);
        }),
      };
      if (force(type) !== null) fields.type = type;
      return mkOption(attrs(fields));
    });
    const warnings = lazy(() => {
      if (!forceAttrs(options).has("warnings")) return NixAttrs.empty;
      const list = lazy(() =>
        force(spec.warn) === true && force(select(fromOpt, "isDefined")) === true
          ? [`The option \`${showOption(from)}' defined in ${showFiles(filesOf(fromOpt))} has been renamed to \`${showOption(to)}'.`]
          : [],
      );
      return attrs({ warnings: list });
    });
    const alias = aliasAndWrap((v) => setAttrByPath(to, v), fromOpt, spec.withPriority);
    return attrs({
      options: setAttrByPath(from, decl),
      config: mkIfValue(spec.condition, mkMergeValue([warnings, alias])),
    });
  });
}

/**
 * `mkRemovedOptionModule path instructions`: defining the option fails an
 * assertion. The instructions are read only for the messages (they may
 * mention `config`, as Home Manager's do, while the modules are collected).
 */
export function mkRemovedOptionModule(path: string[], instructionsL: Lazy): Lazy {
  const text = () => str(instructionsL);
  return prim("mkRemovedOptionModule", 1, ([args]) => {
    const options = select(args!, "options");
    const opt = lazy(() => force(selectPath(options, path)));
    const decl = mkOption(
      attrs({
        visible: false,
        apply: prim("apply", 1, () => {
          throw nixThrow(`The option \`${showOption(path)}' can no longer be used since it's been removed. ${text()}`);
        }),
      }),
    );
    const assertion = attrs({
      assertion: lazy(() => force(select(opt, "isDefined")) !== true),
      message: lazy(
        () =>
          `The option definition \`${showOption(path)}' in ${showFiles(filesOf(opt))} no longer has any effect; please remove it.\n${text()}\n`,
      ),
    });
    return attrs({ options: setAttrByPath(path, decl), config: attrs({ assertions: [assertion] }) });
  });
}

function deepMerge(a: NixAttrs, b: NixAttrs): NixAttrs {
  const m = new Map(a.map);
  for (const [k, v] of b.map) {
    const old = m.get(k);
    const ov = old === undefined ? undefined : force(old);
    const nv = force(v);
    m.set(k, ov instanceof NixAttrs && nv instanceof NixAttrs ? deepMerge(ov, nv) : v);
  }
  return new NixAttrs(m);
}

const MERGED_SENTINEL = "_mkMergedOptionModule";

/** `mkMergedOptionModule froms to mergeFn`: old options feed a new one through `mergeFn config`. */
export function mkMergedOptionModule(froms: string[][], to: string[], mergeFn: Lazy): Lazy {
  return prim("mkMergedOptionModule", 1, ([args]) => {
    const options = select(args!, "options");
    const config = select(args!, "config");
    const decls = froms.reduce<NixAttrs>(
      (acc, p) => deepMerge(acc, forceAttrs(setAttrByPath(p, mkOption(attrs({ visible: false, default: MERGED_SENTINEL }))))),
      NixAttrs.empty,
    );
    const isSet = (p: string[]) => {
      const v = force(selectPath(config, p));
      return !(typeof v === "string" && v === MERGED_SENTINEL);
    };
    const warnings = lazy(() =>
      froms
        .filter(isSet)
        .map(
          (f) =>
            `The option \`${showOption(f)}' defined in ${showFiles(filesOf(selectPath(options, f)))} has been changed to \`${showOption(to)}' that has a different type. Please read \`${showOption(to)}' documentation and update your configuration accordingly.`,
        ),
    );
    const target = mkMergeValue(lazy(() => (froms.some(isSet) ? [lazy(() => call(mergeFn, config))] : [])));
    const cfg = updateAttrs(attrs({ warnings }), forceAttrs(setAttrByPath(to, target)));
    return attrs({ options: decls, config: cfg });
  });
}

/** A Nix list of attribute paths (`[ [ "a" "b" ] … ]`). */
export function readPaths(l: Lazy): string[][] {
  return forceList(l).map((p) => forceList(p).map((x) => String(force(x))));
}

export { attrByPath };
