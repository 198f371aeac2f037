/**
 * The Nix-visible `lib.modules` set: `evalModules`, the property
 * constructors (`mkIf`, `mkMerge`, `mkOverride` and its named priorities,
 * `mkOrder`, `mkBefore`, `mkAfter`, `mkDefinition`), the alias and rename
 * modules, and the lower-level functions nixpkgs exports (`mergeDefinitions`,
 * `evalOptionValue`, `mergeOptionDecls`, `pushDownProperties`, …), each a
 * primop over the native implementation.
 */
import { forceAttrs, forceList, forceString } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { applyModuleArgs, unifyModuleSyntax } from "./collect-modules.js";
import {
  DEFAULT_ORDER_PRIORITY,
  DEFAULT_OVERRIDE_PRIORITY,
  defsFromNix,
  defToNix,
  dischargeProperties,
  filterOverrides,
  mkIfValue,
  mkMergeValue,
  mkOrderValue,
  mkOverrideValue,
  PRIORITY,
  pushDownProperties,
  sortProperties,
} from "./definitions.js";
import { evalModulesPrim } from "./eval-modules.js";
import { Merged } from "./merge-definitions.js";
import { pushPositions } from "./types-compound.js";
import { attrOr, attrs, call, isFunctionLike, lazy, nixThrow, prim, readStrList, select, str, tagOf, updateAttrs } from "./nix-values.js";
import { fixupOptionType, mergeOptionDecls, OptionValue, setDefaultModuleLocation } from "./option-decls.js";
import { wrapType } from "./option-type.js";
import { aliasAndWrap, doRename, mkMergedOptionModule, mkRemovedOptionModule, readPaths } from "./rename.js";
import { required } from "./ns-types.js";
import { showOption } from "./show.js";

const override = (p: number) => prim(`mkOverride ${p}`, 1, ([c]) => mkOverrideValue(BigInt(p), c!));
const order = (p: number) => prim(`mkOrder ${p}`, 1, ([c]) => mkOrderValue(BigInt(p), c!));

function properties(ms: ModuleSystem): Record<string, Lazy> {
  return {
    mkIf: prim("mkIf", 2, ([c, x]) => mkIfValue(c!, x!)),
    mkAssert: prim("mkAssert", 3, ([a, m, x]) =>
      mkIfValue(
        lazy(() => {
          if (force(a!) === true) return true;
          throw nixThrow(`\nFailed assertion: ${str(m!)}`);
        }),
        x!,
      ),
    ),
    mkMerge: prim("mkMerge", 1, ([c]) => mkMergeValue(c!)),
    mkDefinition: prim("mkDefinition", 1, ([a]) => {
      const args = forceAttrs(a!);
      required("mkDefinition", args, "file");
      required("mkDefinition", args, "value");
      return updateAttrs(args, attrs({ _type: "definition" }));
    }),
    mkOverride: prim("mkOverride", 2, ([p, c]) => mkOverrideValue(p!, c!)),
    mkOptionDefault: override(PRIORITY.optionDefault),
    mkDefault: override(PRIORITY.default),
    mkImageMediaOverride: override(PRIORITY.imageMediaOverride),
    mkForce: override(PRIORITY.force),
    mkVMOverride: override(PRIORITY.vmOverride),
    mkFixStrictness: lazy(() => {
      ms.warn(
        "lib.mkFixStrictness has no effect and will be removed. It returns its argument unmodified, so you can just remove any calls.",
      );
      return prim("mkFixStrictness", 1, ([x]) => force(x!));
    }),
    mkOrder: prim("mkOrder", 2, ([p, c]) => mkOrderValue(p!, c!)),
    mkBefore: order(500),
    mkAfter: order(1500),
    defaultOverridePriority: BigInt(DEFAULT_OVERRIDE_PRIORITY),
    defaultOrderPriority: BigInt(DEFAULT_ORDER_PRIORITY),
    mapDefinitionValue: prim("mapDefinitionValue", 2, ([f, d]) => mapDefinitionValue(f!, d!)),
  };
}

const WRAPPED: Record<string, string> = { merge: "contents", if: "content", override: "content", order: "content", definition: "value" };

function mapDefinitionValue(f: Lazy, d: Lazy): Value {
  const t = tagOf(d);
  const field = t === undefined ? undefined : WRAPPED[t];
  if (field === undefined) return call(f, d);
  const a = forceAttrs(d);
  const inner = select(a, field);
  const mapped =
    t === "merge"
      ? lazy(() => forceList(inner).map((x) => lazy(() => mapDefinitionValue(f, x))))
      : lazy(() => mapDefinitionValue(f, inner));
  return updateAttrs(a, attrs({ [field]: mapped }));
}

function aliases(ms: ModuleSystem): Record<string, Lazy> {
  const id = prim("id", 1, ([x]) => force(x!));
  const wrapFn = (w: Lazy) => (v: Lazy) => lazy(() => call(w, v));
  const rename = (from: Lazy, to: Lazy, visible: boolean, warn: Lazy, use: Lazy) =>
    force(doRename(ms, { from: readStrList(from), to: readStrList(to), visible, warn, use, withPriority: true, condition: true }));
  return {
    mkAliasDefinitions: prim("mkAliasDefinitions", 1, ([o]) => aliasAndWrap((v) => v, o!, false)),
    mkAliasAndWrapDefinitions: prim("mkAliasAndWrapDefinitions", 2, ([w, o]) => aliasAndWrap(wrapFn(w!), o!, false)),
    mkAliasAndWrapDefsWithPriority: prim("mkAliasAndWrapDefsWithPriority", 2, ([w, o]) => aliasAndWrap(wrapFn(w!), o!, true)),
    mkAliasIfDef: lazy(() => {
      ms.warn("Usage of 'mkAliasIfDef' has been deprecated. Use 'mkIf option.isDefined' instead.");
      return prim("mkAliasIfDef", 2, ([o, x]) =>
        mkIfValue(
          lazy(() => force(select(o!, "isDefined"))),
          x!,
        ),
      );
    }),
    mkDerivedConfig: prim("mkDerivedConfig", 2, ([o, f]) =>
      mkOverrideValue(
        lazy(() => force(attrOr(forceAttrs(o!), "highestPrio", BigInt(DEFAULT_OVERRIDE_PRIORITY)))),
        lazy(() => call(f!, select(o!, "value"))),
      ),
    ),
    doRename: prim("doRename", 1, ([a]) => {
      const args = forceAttrs(a!);
      return force(
        doRename(ms, {
          from: readStrList(required("doRename", args, "from")),
          to: readStrList(required("doRename", args, "to")),
          visible: required("doRename", args, "visible"),
          warn: required("doRename", args, "warn"),
          use: required("doRename", args, "use"),
          withPriority: force(attrOr(args, "withPriority", true)) === true,
          condition: attrOr(args, "condition", true),
        }),
      );
    }),
    mkRenamedOptionModule: prim("mkRenamedOptionModule", 2, ([from, to]) => {
      const msg = `Obsolete option \`${showOption(readStrList(from!))}' is used. It was renamed to \`${showOption(readStrList(to!))}'.`;
      return rename(
        from!,
        to!,
        false,
        true,
        prim("use", 1, ([x]) => call(ms.st.builtins.get("trace")!, msg, x!)),
      );
    }),
    mkRenamedOptionModuleWith: prim("mkRenamedOptionModuleWith", 1, ([a]) => {
      const args = forceAttrs(a!);
      const from = required("mkRenamedOptionModuleWith", args, "from");
      const to = required("mkRenamedOptionModuleWith", args, "to");
      const since = required("mkRenamedOptionModuleWith", args, "sinceRelease");
      const warn = lazy(() => call(select(ms.lib(), "oldestSupportedReleaseIsAtLeast"), since));
      const msg = lazy(
        () => `Obsolete option \`${showOption(readStrList(from))}' is used. It was renamed to \`${showOption(readStrList(to))}'.`,
      );
      return rename(
        from,
        to,
        false,
        warn,
        prim("use", 1, ([x]) => call(select(ms.lib(), "warnIf"), warn, msg, x!)),
      );
    }),
    mkAliasOptionModule: prim("mkAliasOptionModule", 2, ([from, to]) => rename(from!, to!, true, false, id)),
    mkAliasOptionModuleMD: lazy(() => {
      ms.warn("mkAliasOptionModuleMD is deprecated and will be removed in 26.05; please use mkAliasOptionModule.");
      return prim("mkAliasOptionModuleMD", 2, ([from, to]) => rename(from!, to!, true, false, id));
    }),
    mkRemovedOptionModule: prim("mkRemovedOptionModule", 2, ([p, i]) => force(mkRemovedOptionModule(readStrList(p!), i!))),
    mkMergedOptionModule: prim("mkMergedOptionModule", 3, ([f, t, m]) => force(mkMergedOptionModule(readPaths(f!), readStrList(t!), m!))),
    mkChangedOptionModule: prim("mkChangedOptionModule", 3, ([f, t, m]) =>
      force(mkMergedOptionModule([readStrList(f!)], readStrList(t!), m!)),
    ),
  };
}

function declEntries(l: Lazy) {
  return forceList(l).map((x) => {
    const a = forceAttrs(x);
    return { file: str(attrOr(a, "_file", "<unknown-file>")), options: select(a, "options") };
  });
}

function lowLevel(ms: ModuleSystem): Record<string, Lazy> {
  return {
    mergeDefinitions: prim("mergeDefinitions", 3, ([l, t, d]) =>
      new Merged(ms, readStrList(l!), wrapType(ms, t!), defsFromNix(d!)).toNix(),
    ),
    evalOptionValue: prim("evalOptionValue", 3, ([l, o, d]) =>
      new OptionValue(ms, readStrList(l!), forceAttrs(o!), defsFromNix(d!)).facade(),
    ),
    mergeOptionDecls: prim("mergeOptionDecls", 2, ([l, o]) => mergeOptionDecls(ms, readStrList(l!), declEntries(o!))),
    fixupOptionType: prim("fixupOptionType", 2, ([, o]) => fixupOptionType(ms, forceAttrs(o!))),
    filterOverrides: prim("filterOverrides", 1, ([d]) => filterOverrides(defsFromNix(d!)).values.map(defToNix)),
    "filterOverrides'": prim("filterOverrides'", 1, ([d]) => {
      const r = filterOverrides(defsFromNix(d!));
      return attrs({ values: r.values.map(defToNix), highestPrio: BigInt(r.highestPrio) });
    }),
    sortProperties: prim("sortProperties", 1, ([d]) =>
      sortProperties(defsFromNix(d!)).map((x) =>
        x.priority === undefined ? defToNix(x) : updateAttrs(defToNix(x), attrs({ priority: BigInt(x.priority) })),
      ),
    ),
    setDefaultModuleLocation: prim("setDefaultModuleLocation", 2, ([f, m]) => setDefaultModuleLocation(f!, m!)),
    importApply: prim("importApply", 2, ([p, a]) =>
      setDefaultModuleLocation(
        p!,
        lazy(() => call(call(ms.st.builtins.get("import")!, p!), a!)),
      ),
    ),
    importJSON: prim("importJSON", 1, ([f]) => attrs({ _file: f!, config: lazy(() => call(select(ms.lib(), "importJSON"), f!)) })),
    importTOML: prim("importTOML", 1, ([f]) => attrs({ _file: f!, config: lazy(() => call(select(ms.lib(), "importTOML"), f!)) })),
    fixMergeModules: prim("fixMergeModules", 2, ([m, a]) => ms.evalModules({ modules: forceList(m!), args: a!, check: false }).result()),
    mergeAttrDefinitionsWithPrio: prim("mergeAttrDefinitionsWithPrio", 1, ([o]) => mergeAttrDefinitionsWithPrio(ms, forceAttrs(o!))),
  };
}

function mergeAttrDefinitionsWithPrio(ms: ModuleSystem, opt: NixAttrs): Value {
  const type = wrapType(ms, select(opt, "type"));
  if (type.name !== "attrsOf" && type.name !== "lazyAttrsOf")
    throw nixThrow('assertion \'opt.type.name == "attrsOf" || opt.type.name == "lazyAttrsOf"\' failed');
  const loc = readStrList(select(opt, "loc"));
  const defs = defsFromNix(select(opt, "definitionsWithLocations")).flatMap((d) =>
    pushDownProperties(d.value).map((c) => ({ ...d, value: c })),
  );
  const elem = type.nestedTypes().elemType!;
  const m = new Map<string, Lazy>();
  for (const [k, ds] of pushPositions(defs)) {
    const merged = new Merged(ms, loc.concat(k), elem, ds);
    m.set(
      k,
      lazy(() => attrs({ value: merged.mergedValue, highestPrio: lazy(() => BigInt(merged.defsFinalPrime.highestPrio)) })),
    );
  }
  return new NixAttrs(m);
}

/** Deprecated-on-use access to internals, as nixpkgs' `private`. */
function privates(ms: ModuleSystem): Record<string, Lazy> {
  const warned = (name: string, v: Lazy): Lazy =>
    lazy(() => {
      ms.warn(
        `External use of \`lib.modules.${name}\` is deprecated. If your use case isn't covered by non-deprecated functions, we'd like to know more and perhaps support your use case well, instead of providing access to these low level functions. In this case please open an issue in https://github.com/nixos/nixpkgs/issues/.`,
      );
      return force(v);
    });
  return {
    applyModuleArgsIfFunction: warned(
      "applyModuleArgsIfFunction",
      prim("applyModuleArgsIfFunction", 3, ([k, f, a]) => {
        const fv = force(f!);
        return isFunctionLike(fv) ? applyModuleArgs(forceString(k!), fv, forceAttrs(a!)) : fv;
      }),
    ),
    dischargeProperties: warned(
      "dischargeProperties",
      prim("dischargeProperties", 1, ([d]) => dischargeProperties(d!)),
    ),
    pushDownProperties: warned(
      "pushDownProperties",
      prim("pushDownProperties", 1, ([c]) => pushDownProperties(c!)),
    ),
    unifyModuleSyntax: warned(
      "unifyModuleSyntax",
      prim("unifyModuleSyntax", 3, ([f, k, m]) => {
        const u = unifyModuleSyntax(ms, str(f!), str(k!), m!);
        return attrs({
          _file: u.file,
          _class: u.class,
          key: u.key,
          disabledModules: u.disabledModules,
          imports: u.imports,
          options: u.options,
          config: u.config,
        });
      }),
    ),
  };
}

/** The `lib.modules` set. */
export function modulesNamespace(ms: ModuleSystem): NixAttrs {
  return attrs({
    evalModules: evalModulesPrim(ms),
    ...properties(ms),
    ...aliases(ms),
    ...lowLevel(ms),
    ...privates(ms),
  });
}
