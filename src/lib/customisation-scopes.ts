/**
 * Package scopes and derivation builders of `lib.customisation`:
 * `makeScope` (a fixed point with `callPackage`, `newScope`,
 * `overrideScope`, `packages`), `makeScopeWithSplicing(')`, `hydraJob`,
 * `extendMkDerivation`, and the cross-compilation index helpers
 * `renameCrossIndexFrom`, `renameCrossIndexTo`, `mapCrossIndex`.
 */
import { NixError } from "../nix/errors.js";
import { deepForce } from "../nix/force-deep.js";
import { PrimOpApp } from "../nix/values.js";
import { extendsOp, fixNative } from "./fixed-points.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  get,
  lazy,
  NixAttrs,
  strOf,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";
import { isLibFunctionOneLevel, libFunctionArgs } from "./trivial.js";

export function makeScopeValue(newScope: Lazy, f: Lazy): Value {
  return fixNative((self) => {
    const m = new Map<string, Lazy>();
    m.set(
      "callPackage",
      lazy(() => call(get(self, "newScope"), NixAttrs.empty)),
    );
    for (const [k, v] of forceAttrs(call(f, self)).map) m.set(k, v);
    m.set(
      "newScope",
      fn("lib.customisation.makeScope.newScope", 1, ([scope]) =>
        call(
          newScope,
          lazy(() => update(forceAttrs(self), forceAttrs(scope!))),
        ),
      ),
    );
    m.set(
      "overrideScope",
      fn("lib.customisation.makeScope.overrideScope", 1, ([g]) => makeScopeValue(newScope, new PrimOpApp(extendsOp, [g!, f]))),
    );
    m.set("packages", f);
    return new NixAttrs(m);
  });
}

function requireFormals(name: string, set: NixAttrs, required: string[], optional: string[]): void {
  for (const k of set.map.keys()) {
    if (!required.includes(k) && !optional.includes(k))
      throw new NixError("eval", `function '${name}' called with unexpected argument '${k}'`);
  }
  for (const r of required) {
    if (!set.has(r)) throw new NixError("eval", `function '${name}' called without required argument '${r}'`);
  }
}

function makeScopeWithSplicingPrime(outerL: Lazy, innerL: Lazy): Value {
  const outer = forceAttrs(outerL);
  requireFormals("makeScopeWithSplicing'", outer, ["splicePackages", "newScope"], []);
  const inner = forceAttrs(innerL);
  requireFormals("makeScopeWithSplicing'", inner, ["otherSplices", "f"], ["keep", "extra"]);
  const splicePackages = get(outer, "splicePackages");
  const newScope = get(outer, "newScope");
  const otherSplices = get(inner, "otherSplices");
  const keep = inner.get("keep") ?? fn("keep", 1, () => NixAttrs.empty);
  const extra = inner.get("extra") ?? fn("extra", 1, () => NixAttrs.empty);
  const f = get(inner, "f");
  return fixNative((self) => {
    const spliced0 = lazy(() =>
      call(
        splicePackages,
        attrs({
          pkgsBuildBuild: lazy(() => force(get(otherSplices, "selfBuildBuild"))),
          pkgsBuildHost: lazy(() => force(get(otherSplices, "selfBuildHost"))),
          pkgsBuildTarget: lazy(() => force(get(otherSplices, "selfBuildTarget"))),
          pkgsHostHost: lazy(() => force(get(otherSplices, "selfHostHost"))),
          pkgsHostTarget: self,
          pkgsTargetTarget: lazy(() => force(get(otherSplices, "selfTargetTarget"))),
        }),
      ),
    );
    const spliced = lazy(() => update(update(forceAttrs(call(extra, spliced0)), forceAttrs(spliced0)), forceAttrs(call(keep, self))));
    const m = new Map(forceAttrs(call(f, self)).map);
    m.set(
      "newScope",
      fn("newScope", 1, ([scope]) =>
        call(
          newScope,
          lazy(() => update(forceAttrs(spliced), forceAttrs(scope!))),
        ),
      ),
    );
    m.set(
      "callPackage",
      lazy(() => call(newScope, spliced)),
    );
    m.set(
      "overrideScope",
      fn("overrideScope", 1, ([g]) =>
        makeScopeWithSplicingPrime(outer, attrs({ otherSplices, keep, extra, f: new PrimOpApp(extendsOp, [g!, f]) })),
      ),
    );
    m.set("packages", f);
    return new NixAttrs(m);
  });
}

function hydraJob(drvL: Lazy): Value {
  const d = force(drvL);
  if (d === null) return null;
  const drv = forceAttrs(d);
  const outputs = drv.get("outputs") ?? ["out"];
  const common = new Map<string, Lazy>();
  const commonAttrs = new NixAttrs(common);
  common.set(
    "name",
    lazy(() => force(get(drv, "name"))),
  );
  common.set(
    "system",
    lazy(() => force(get(drv, "system"))),
  );
  common.set(
    "meta",
    lazy(() => force(get(drv, "meta"))),
  );
  common.set("outputs", outputs);
  const agg = drv.get("_hydraAggregate");
  if (agg !== undefined && forceBool(agg)) {
    common.set("_hydraAggregate", true);
    common.set(
      "constituents",
      lazy(() => flattenList(get(drv, "constituents")).map((c) => lazy(() => hydraJob(c)))),
    );
  }
  const outs = forceList(outputs).map((o) => strOf(force(o) as string));
  for (const name of outs) {
    common.set(
      name,
      lazy(() => {
        const output = get(drv, name);
        const m = new Map(commonAttrs.map);
        m.set(
          "outPath",
          lazy(() => force(get(output, "outPath"))),
        );
        m.set(
          "drvPath",
          lazy(() => force(get(output, "drvPath"))),
        );
        m.set("type", "derivation");
        m.set("outputName", name);
        return new NixAttrs(m);
      }),
    );
  }
  if (outs.length === 0) throw new NixError("eval", "'builtins.head' called on an empty list");
  // `deepSeq drv' drv'` with drv' the first output.
  return deepForce(common.get(outs[0]!)!);
}

function flattenList(l: Lazy): Lazy[] {
  const v = force(l);
  if (!Array.isArray(v)) return [v];
  return v.flatMap((e) => (Array.isArray(force(e)) ? flattenList(e) : [e]));
}

function extendMkDerivation(ctx: LibContext, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  requireFormals(
    "extendMkDerivation",
    args,
    ["constructDrv", "extendDrvArgs"],
    ["excludeDrvArgNames", "excludeFunctionArgNames", "inheritFunctionArgs", "transformDrv"],
  );
  const constructDrv = get(args, "constructDrv");
  const extendDrvArgs = get(args, "extendDrvArgs");
  const excludeDrvArgNames = args.get("excludeDrvArgNames") ?? [];
  const excludeFunctionArgNames = args.get("excludeFunctionArgNames") ?? [];
  const inheritFunctionArgs = args.get("inheritFunctionArgs") ?? true;
  const transformDrv = args.get("transformDrv") ?? fn("id", 1, ([x]) => force(x!));
  const { B } = ctx;
  const functor = fn("lib.customisation.extendMkDerivation.functor", 2, ([, fpargs]) =>
    call(
      transformDrv,
      lazy(() =>
        call(
          constructDrv,
          fn("lib.customisation.extendMkDerivation.args", 1, ([final]) => {
            const fp = force(fpargs!);
            const previous = lazy(() => (isLibFunctionOneLevel(fp) ? call(fp, final!) : fp));
            return update(
              forceAttrs(B.call("removeAttrs", previous, excludeDrvArgNames)),
              forceAttrs(call(extendDrvArgs, final!, previous)),
            );
          }),
        ),
      ),
    ),
  );
  const functionArgs = lazy(() => {
    const inherited = forceBool(inheritFunctionArgs)
      ? forceAttrs(
          B.call(
            "removeAttrs",
            lazy(() => libFunctionArgs(ctx, constructDrv)),
            excludeDrvArgNames,
          ),
        )
      : NixAttrs.empty;
    const own = forceAttrs(
      libFunctionArgs(
        ctx,
        lazy(() => call(extendDrvArgs, NixAttrs.empty)),
      ),
    );
    return B.call("removeAttrs", update(inherited, own), excludeFunctionArgNames);
  });
  return attrs({ __functor: functor, __functionArgs: functionArgs, constructDrv, excludeDrvArgNames, extendDrvArgs, transformDrv });
}

const CROSS = ["BuildBuild", "BuildHost", "BuildTarget", "HostHost", "HostTarget", "TargetTarget"];
const lower = (s: string) => s[0]!.toLowerCase() + s.slice(1);

export function customisationScopes(ctx: LibContext): Record<string, Lazy> {
  return {
    hydraJob: fn("lib.customisation.hydraJob", 1, ([d]) => hydraJob(d!)),
    makeScope: fn("lib.customisation.makeScope", 2, ([n, f]) => makeScopeValue(n!, f!)),
    makeScopeWithSplicing: fn("lib.customisation.makeScopeWithSplicing", 6, ([sp, ns, other, keep, extra, f]) =>
      makeScopeWithSplicingPrime(
        attrs({ splicePackages: sp!, newScope: ns! }),
        attrs({ otherSplices: other!, keep: keep!, extra: extra!, f: f! }),
      ),
    ),
    "makeScopeWithSplicing'": fn("lib.customisation.makeScopeWithSplicing'", 2, ([o, i]) => makeScopeWithSplicingPrime(o!, i!)),
    extendMkDerivation: fn("lib.customisation.extendMkDerivation", 1, ([a]) => extendMkDerivation(ctx, a!)),
    renameCrossIndexFrom: fn("lib.customisation.renameCrossIndexFrom", 2, ([p, x]) => {
      const prefix = strOf(force(p!) as string);
      const m = new Map<string, Lazy>();
      for (const c of CROSS)
        m.set(
          lower(c),
          lazy(() => force(get(x!, prefix + c))),
        );
      return new NixAttrs(m);
    }),
    renameCrossIndexTo: fn("lib.customisation.renameCrossIndexTo", 2, ([p, x]) => {
      const prefix = strOf(force(p!) as string);
      const m = new Map<string, Lazy>();
      for (const c of CROSS)
        m.set(
          prefix + c,
          lazy(() => force(get(x!, lower(c)))),
        );
      return new NixAttrs(m);
    }),
    mapCrossIndex: fn("lib.customisation.mapCrossIndex", 2, ([f, x]) => {
      const set = forceAttrs(x!);
      requireFormals("mapCrossIndex", set, CROSS.map(lower), []);
      const m = new Map<string, Lazy>();
      for (const c of CROSS.map(lower))
        m.set(
          c,
          lazy(() => call(f!, set.get(c)!)),
        );
      return new NixAttrs(m);
    }),
  };
}
