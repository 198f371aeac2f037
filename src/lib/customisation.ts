/**
 * `lib.customisation`: overridable packages and package scopes.
 * `makeOverridable` wraps a function so its result gains `override`
 * (re-call with changed arguments), `overrideDerivation` and, when present,
 * `overrideAttrs`, while `functionArgs` of every wrapper still reports the
 * original formals (functor sets with `__functionArgs`). `callPackageWith`
 * fills formals from an auto-argument set and reports a missing argument with
 * nixpkgs' message, position and "did you mean" suggestions. Also
 * `callPackagesWith`, `overrideDerivation`, `extendDerivation`, `hydraJob`,
 * `makeScope(WithSplicing)`, `extendMkDerivation` and the cross-index helpers.
 */
import {
  abortError,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  get,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";
import { isDerivationValue } from "./attrsets.js";
import { levenshteinAtMost, levenshteinBytes } from "./strings-convert.js";
import { functorSet, isLibFunctionOneLevel, libFunctionArgs } from "./trivial.js";
import { NixError } from "../nix/errors.js";
import { toByteString } from "../nix/builtins/regex.js";
import { customisationScopes } from "./customisation-scopes.js";

/** `makeOverridable f`. */
export function makeOverridable(ctx: LibContext, fL: Lazy): Value {
  const f = force(fL);
  const fArgs = lazy(() => libFunctionArgs(ctx, f));
  const mirror = (g: Value) => functorSet(g, fArgs);
  const fPrime = fn("lib.customisation.makeOverridable.apply", 1, ([origArgs]) => {
    const result = force(call(f, origArgs!));
    const overrideArgs = mirror(
      fn("lib.customisation.makeOverridable.override", 1, ([newArgs]) => {
        const n = force(newArgs!);
        const extra = isLibFunctionOneLevel(n) ? call(n, origArgs!) : n;
        return call(makeOverridable(ctx, f), update(forceAttrs(origArgs!), forceAttrs(extra)));
      }),
    );
    if (result instanceof NixAttrs) {
      const m = new Map(result.map);
      m.set("override", overrideArgs);
      m.set(
        "overrideDerivation",
        fn("lib.customisation.makeOverridable.overrideDerivation", 1, ([fdrv]) =>
          call(
            makeOverridable(
              ctx,
              mirror(
                fn("lib.customisation.overrideDerivation.args", 1, ([args]) =>
                  overrideDerivation(
                    ctx,
                    lazy(() => call(f, args!)),
                    fdrv!,
                  ),
                ),
              ),
            ),
            origArgs!,
          ),
        ),
      );
      if (result.has("overrideAttrs")) {
        m.set(
          "overrideAttrs",
          fn("lib.customisation.makeOverridable.overrideAttrs", 1, ([fdrv]) =>
            call(
              makeOverridable(
                ctx,
                mirror(
                  fn("lib.customisation.overrideAttrs.args", 1, ([args]) =>
                    call(
                      get(
                        lazy(() => call(f, args!)),
                        "overrideAttrs",
                      ),
                      fdrv!,
                    ),
                  ),
                ),
              ),
              origArgs!,
            ),
          ),
        );
      }
      return new NixAttrs(m);
    }
    if (isLibFunctionOneLevel(result)) {
      const wrapped = functorSet(
        result,
        lazy(() => libFunctionArgs(ctx, result)),
      );
      return update(wrapped, attrs({ override: overrideArgs }));
    }
    return result;
  });
  if (f instanceof NixAttrs) {
    const m = new Map(f.map);
    for (const [k, v] of mirror(fPrime).map) m.set(k, v);
    const ov = f.get("override");
    if (ov !== undefined)
      m.set(
        "override",
        fn("lib.customisation.makeOverridable.override", 1, ([fdrv]) =>
          makeOverridable(
            ctx,
            lazy(() => call(ov, fdrv!)),
          ),
        ),
      );
    return new NixAttrs(m);
  }
  return mirror(fPrime);
}

/** `overrideDerivation drv f`. */
export function overrideDerivation(ctx: LibContext, drvL: Lazy, f: Lazy): Value {
  const drv = forceAttrs(drvL);
  const passthru = drv.get("passthru") ?? NixAttrs.empty;
  const base = attrs({ meta: drv.get("meta") ?? NixAttrs.empty, passthru });
  let pt = update(base, forceAttrs(passthru));
  const spliced = drv.get("__spliced");
  if (spliced !== undefined) {
    pt = update(
      pt,
      attrs({
        __spliced: lazy(() => {
          const s = forceAttrs(spliced);
          const m = new Map<string, Lazy>();
          for (const [k, v] of s.map)
            m.set(
              k,
              lazy(() => overrideDerivation(ctx, v, f)),
            );
          return new NixAttrs(m);
        }),
      }),
    );
  }
  const condition = lazy(() => {
    force(get(drv, "drvPath"));
    return true;
  });
  const newDrv = lazy(() =>
    ctx.B.call(
      "derivation",
      lazy(() => update(forceAttrs(get(drv, "drvAttrs")), forceAttrs(call(f, drv)))),
    ),
  );
  return extendDerivation(condition, pt, newDrv);
}

/** `extendDerivation condition passthru drv`. */
export function extendDerivation(condition: Lazy, passthruL: Lazy, drvL: Lazy): Value {
  const drv = forceAttrs(drvL);
  const passthru = forceAttrs(passthruL);
  const checked = (v: () => Value): Lazy =>
    lazy(() => {
      if (force(condition) !== true) throw new NixError("assert", "assertion 'condition' failed");
      return v();
    });
  const outputNames = (() => {
    const o = drv.get("outputs");
    return o === undefined ? ["out"] : (force(o) as Lazy[]).map((x) => strOf(force(x) as string));
  })();
  const common = new Map<string, Lazy>(drv.map);
  const commonAttrs = new NixAttrs(common);
  const outputsList: [string, Lazy][] = outputNames.map((name) => [
    name,
    lazy(() => {
      const out = get(drv, name);
      const m = new Map(commonAttrs.map);
      m.set(
        "type",
        lazy(() => force(get(out, "type"))),
      );
      m.set(
        "outputName",
        lazy(() => force(get(out, "outputName"))),
      );
      m.set("outputSpecified", true);
      m.set(
        "drvPath",
        checked(() => force(get(out, "drvPath"))),
      );
      m.set(
        "outPath",
        checked(() => force(get(out, "outPath"))),
      );
      const oa = passthru.get("overrideAttrs");
      if (oa !== undefined)
        m.set(
          "overrideAttrs",
          fn("lib.customisation.extendDerivation.overrideAttrs", 1, ([g]) =>
            force(
              get(
                lazy(() => call(oa, g!)),
                name,
              ),
            ),
          ),
        );
      return new NixAttrs(m);
    }),
  ]);
  for (const [n, v] of outputsList) common.set(n, v);
  common.set(
    "all",
    outputsList.map(([, v]) => v),
  );
  for (const [k, v] of passthru.map) common.set(k, v);
  common.set(
    "drvPath",
    checked(() => force(get(drv, "drvPath"))),
  );
  common.set(
    "outPath",
    checked(() => force(get(drv, "outPath"))),
  );
  return commonAttrs;
}

function callPackageError(ctx: LibContext, autoArgs: NixAttrs, args: NixAttrs, fargs: NixAttrs, unpassed: string[]): string {
  const arg = unpassed.filter((n) => force(fargs.get(n)!) === false).sort()[0]!;
  const candidates = [...new Set([...autoArgs.map.keys(), ...args.map.keys()])].sort();
  const a = toByteString(arg);
  const close = candidates.filter((c) => levenshteinAtMost(2, a, toByteString(c)));
  const sorted = close
    .map((c, i) => ({ c, d: levenshteinBytes(a, toByteString(c)), i }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, 3)
    .map((x) => `"${x.c}"`);
  const pretty =
    sorted.length === 0
      ? ""
      : sorted.length === 1
        ? `, did you mean ${sorted[0]}?`
        : `, did you mean ${sorted.slice(0, -1).join(", ")} or ${sorted[sorted.length - 1]}?`;
  const pos = force(ctx.B.call("unsafeGetAttrPos", arg, fargs));
  const loc =
    pos instanceof NixAttrs ? `${strOf(force(get(pos, "file")) as string)}:${force(get(pos, "line")) as bigint}` : "<unknown location>";
  return `lib.customisation.callPackageWith: Function called without required argument "${arg}" at ${loc}${pretty}`;
}

function callPackageWith(ctx: LibContext, autoL: Lazy, fnL: Lazy, argsL: Lazy): Value {
  const fv = force(fnL);
  const f = isLibFunctionOneLevel(fv) ? fv : ctx.B.call("import", fv);
  const fargs = forceAttrs(libFunctionArgs(ctx, f));
  const autoArgs = forceAttrs(autoL);
  const args = forceAttrs(argsL);
  const all = new Map<string, Lazy>();
  for (const k of fargs.map.keys()) {
    const v = autoArgs.get(k);
    if (v !== undefined) all.set(k, v);
  }
  for (const [k, v] of args.map) all.set(k, v);
  const unpassed = [...fargs.map.keys()].filter((k) => !all.has(k));
  if (unpassed.length === 0 || unpassed.every((k) => force(fargs.get(k)!) === true))
    return call(makeOverridable(ctx, f), new NixAttrs(all));
  throw abortError(callPackageError(ctx, autoArgs, args, fargs, unpassed));
}

function callPackagesWith(ctx: LibContext, autoL: Lazy, fnL: Lazy, argsL: Lazy): Value {
  const fv = force(fnL);
  const f = isLibFunctionOneLevel(fv) ? fv : ctx.B.call("import", fv);
  const fargs = forceAttrs(libFunctionArgs(ctx, f));
  const autoArgs = forceAttrs(autoL);
  const origArgs = new Map<string, Lazy>();
  for (const k of fargs.map.keys()) {
    const v = autoArgs.get(k);
    if (v !== undefined) origArgs.set(k, v);
  }
  for (const [k, v] of forceAttrs(argsL).map) origArgs.set(k, v);
  const orig = new NixAttrs(origArgs);
  const pkgs = force(call(f, orig));
  if (isDerivationValue(pkgs)) {
    const name = (pkgs as NixAttrs).get("name");
    const shown = name === undefined ? "<unknown-name>" : strOf(ctx.B.toStr(name));
    throw throwError(
      `function \`callPackages\` was called on a *single* derivation "${shown}"; did you mean to use \`callPackage\` instead?`,
    );
  }
  const set = forceAttrs(pkgs);
  const m = new Map<string, Lazy>();
  const fArgs = lazy(() => libFunctionArgs(ctx, f));
  for (const name of set.map.keys()) {
    m.set(
      name,
      lazy(() =>
        call(
          makeOverridable(
            ctx,
            functorSet(
              fn("lib.customisation.callPackagesWith.pick", 1, ([newArgs]) =>
                force(
                  get(
                    lazy(() => call(f, newArgs!)),
                    name,
                  ),
                ),
              ),
              fArgs,
            ),
          ),
          orig,
        ),
      ),
    );
  }
  return new NixAttrs(m);
}

export function customisation(ctx: LibContext): Value {
  return attrs({
    overrideDerivation: fn("lib.customisation.overrideDerivation", 2, ([d, f]) => overrideDerivation(ctx, d!, f!)),
    makeOverridable: fn("lib.customisation.makeOverridable", 1, ([f]) => makeOverridable(ctx, f!)),
    callPackageWith: fn("lib.customisation.callPackageWith", 3, ([a, f, args]) => callPackageWith(ctx, a!, f!, args!)),
    callPackagesWith: fn("lib.customisation.callPackagesWith", 3, ([a, f, args]) => callPackagesWith(ctx, a!, f!, args!)),
    extendDerivation: fn("lib.customisation.extendDerivation", 3, ([c, p, d]) => extendDerivation(c!, p!, d!)),
    ...customisationScopes(ctx),
  });
}
