/**
 * `lib.attrsets`: mapping and filtering (`mapAttrs'`, `filterAttrs`,
 * `mapAttrsRecursive(Cond)`, `mapAttrsToList(Recursive)`), folding
 * (`foldlAttrs`, `foldAttrs`, `concatMapAttrs`), building (`genAttrs`,
 * `nameValuePair`, `optionalAttrs`, `cartesianProduct`, `zipAttrsWithNames`,
 * `mergeAttrsList`), package helpers (`isDerivation`, `getOutput`, `getBin`,
 * `recurseIntoAttrs`, …) and the path functions of attrsets-paths.ts.
 *
 * Values stay lazy wherever nixpkgs leaves them lazy: only names, predicates
 * and the structure a function must inspect are forced.
 */
import { eqValues } from "../nix/ops.js";
import { pathFunctions } from "./attrsets-paths.js";
import { sanitizeName } from "./strings-convert.js";
import { getOutput } from "./strings.js";
import {
  assertThat,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  forceStringNoContext,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function mapAttrsRecursiveCond(cond: Lazy | null, f: Lazy, setL: Lazy, path: string[] = []): Value {
  const set = forceAttrs(setL);
  const m = new Map<string, Lazy>();
  for (const name of set.sortedNames()) {
    const value = set.get(name)!;
    const here = [...path, name];
    m.set(
      name,
      Thunk.of(() => {
        const v = force(value);
        if (v instanceof NixAttrs && (cond === null || forceBool(call(cond, v)))) return mapAttrsRecursiveCond(cond, f, v, here);
        return call(f, here.slice(), v);
      }),
    );
  }
  return new NixAttrs(m);
}

function mapAttrsToListRecursiveCond(pred: Lazy | null, f: Lazy, setL: Lazy, path: string[] = [], out: Lazy[] = []): Lazy[] {
  const set = forceAttrs(setL);
  for (const name of set.sortedNames()) {
    const here = [...path, name];
    const value = set.get(name)!;
    const v = force(value);
    if (v instanceof NixAttrs && (pred === null || forceBool(call(pred, here.slice(), v)))) {
      mapAttrsToListRecursiveCond(pred, f, v, here, out);
    } else {
      out.push(Thunk.of(() => call(f, here.slice(), value)));
    }
  }
  return out;
}

function filterAttrsRecursive(pred: Lazy, setL: Lazy): Value {
  const set = forceAttrs(setL);
  const m = new Map<string, Lazy>();
  for (const name of set.sortedNames()) {
    const v = set.get(name)!;
    if (!forceBool(call(pred, name, v))) continue;
    m.set(
      name,
      Thunk.of(() => {
        const x = force(v);
        return x instanceof NixAttrs ? filterAttrsRecursive(pred, x) : x;
      }),
    );
  }
  return new NixAttrs(m);
}

function collect(pred: Lazy, x: Lazy, out: Lazy[]): void {
  if (forceBool(call(pred, x))) {
    out.push(x);
    return;
  }
  const v = force(x);
  if (v instanceof NixAttrs) for (const n of v.sortedNames()) collect(pred, v.get(n)!, out);
}

export function matchAttrs(patternL: Lazy, attrsL: Lazy): boolean {
  const pattern = force(patternL);
  assertThat(pattern instanceof NixAttrs, "(isAttrs pattern)");
  const p = pattern as NixAttrs;
  for (const name of p.sortedNames()) {
    const a = force(attrsL);
    const rhs = a instanceof NixAttrs ? a.get(name) : undefined;
    if (rhs === undefined) return false;
    const lhs = force(p.get(name)!);
    if (lhs instanceof NixAttrs) {
      if (!(force(rhs) instanceof NixAttrs) || !matchAttrs(lhs, rhs)) return false;
    } else if (!eqValues(lhs, rhs)) return false;
  }
  return true;
}

function cartesianProduct(setL: Lazy): Lazy[] {
  const set = forceAttrs(setL);
  let acc: NixAttrs[] = [NixAttrs.empty];
  for (const name of set.sortedNames()) {
    const values = forceList(set.get(name)!);
    const next: NixAttrs[] = [];
    for (const a of acc) {
      for (const v of values) {
        const m = new Map(a.map);
        m.set(name, v);
        next.push(new NixAttrs(m));
      }
    }
    acc = next;
  }
  return acc;
}

/** `getFirstOutput candidates pkg`. */
function getFirstOutput(candidates: string[], pkgL: Lazy): Value {
  const pkg = forceAttrs(pkgL);
  const outputs = candidates.filter((c) => pkg.has(c));
  const spec = pkg.get("outputSpecified");
  if ((spec !== undefined && forceBool(spec)) || outputs.length === 0) return pkg;
  return force(pkg.get(outputs[0]!)!);
}

export function isDerivationValue(v: Value): boolean {
  if (!(v instanceof NixAttrs)) return false;
  const t = v.get("type");
  return t !== undefined && eqValues(t, "derivation");
}

function toDerivation(ctx: LibContext, pathL: Lazy): Value {
  const p = ctx.B.call("storePath", pathL);
  const base = strOf(ctx.B.call("baseNameOf", p) as string);
  const m = new Map<string, Lazy>();
  const res = new NixAttrs(m);
  m.set("type", "derivation");
  m.set(
    "name",
    lazy(() => sanitizeName(ctx, strOf(ctx.B.call("substring", 33n, -1n, base) as string))),
  );
  m.set("outPath", p);
  m.set("outputs", ["out"]);
  m.set("out", res);
  m.set("outputName", "out");
  return res;
}

function withAttr(set: Lazy, name: string, v: Lazy): Value {
  const a = forceAttrs(set);
  const m = new Map(a.map);
  m.set(name, v);
  return new NixAttrs(m);
}

export function attrsets(ctx: LibContext): Value {
  const { B } = ctx;
  const inherited = [
    "attrNames",
    "listToAttrs",
    "hasAttr",
    "isAttrs",
    "getAttr",
    "removeAttrs",
    "intersectAttrs",
    "attrValues",
    "catAttrs",
    "mapAttrs",
    "zipAttrsWith",
  ];
  const fromBuiltins: Record<string, Lazy> = {};
  for (const n of inherited) fromBuiltins[n] = B.get(n);
  const nameValuePair = fn("lib.attrsets.nameValuePair", 2, ([n, v]) => attrs({ name: n!, value: v! }));
  const mapAttrsToList = (f: Lazy, a: Lazy): Lazy[] => {
    const set = forceAttrs(a);
    return set.sortedNames().map((n) => Thunk.of(() => call(f, n, set.get(n)!)));
  };
  const getOut = (o: string) => fn(`lib.attrsets.get${o[0]!.toUpperCase()}${o.slice(1)}`, 1, ([p]) => getOutput(o, p!));
  const getDev = getOut("dev");
  return attrs({
    ...fromBuiltins,
    ...pathFunctions(ctx),
    concatMapAttrs: fn("lib.attrsets.concatMapAttrs", 2, ([f, v]) => {
      const parts = mapAttrsToList(f!, v!).map((x) => forceAttrs(x));
      const m = new Map<string, Lazy>();
      for (const p of parts) for (const [k, x] of p.map) m.set(k, x);
      return new NixAttrs(m);
    }),
    attrVals: fn("lib.attrsets.attrVals", 2, ([names, set]) =>
      forceList(names!).map((n) => Thunk.of(() => force(B.call("getAttr", n, set!)))),
    ),
    getAttrs: fn("lib.attrsets.getAttrs", 2, ([names, set]) => {
      const m = new Map<string, Lazy>();
      for (const n of forceList(names!)) {
        const name = forceStringNoContext(n);
        if (!m.has(name))
          m.set(
            name,
            Thunk.of(() => B.call("getAttr", name, set!)),
          );
      }
      return new NixAttrs(m);
    }),
    filterAttrs: fn("lib.attrsets.filterAttrs", 2, ([pred, s]) => {
      const set = forceAttrs(s!);
      const m = new Map<string, Lazy>();
      for (const n of set.sortedNames()) if (forceBool(call(pred!, n, set.get(n)!))) m.set(n, set.get(n)!);
      return m.size === set.size ? set : new NixAttrs(m);
    }),
    filterAttrsRecursive: fn("lib.attrsets.filterAttrsRecursive", 2, ([p, s]) => filterAttrsRecursive(p!, s!)),
    foldlAttrs: fn("lib.attrsets.foldlAttrs", 3, ([f, init, s]) => {
      const set = forceAttrs(s!);
      const step = fn("lib.attrsets.foldlAttrs.step", 2, ([acc, name]) => call(f!, acc!, name!, set.get(strOf(force(name!) as string))!));
      return B.call("foldl'", step, init!, set.sortedNames());
    }),
    foldAttrs: fn("lib.attrsets.foldAttrs", 3, ([op, nul, l]) => {
      const list = forceList(l!);
      let acc = new Map<string, Lazy>();
      for (let i = list.length - 1; i >= 0; i--) {
        const n = forceAttrs(list[i]!);
        const next = new Map(acc);
        for (const name of n.sortedNames()) {
          const prev = acc.get(name) ?? nul!;
          const x = n.get(name)!;
          next.set(
            name,
            Thunk.of(() => call(op!, x, prev)),
          );
        }
        acc = next;
      }
      return new NixAttrs(acc);
    }),
    collect: fn("lib.attrsets.collect", 2, ([p, a]) => {
      const out: Lazy[] = [];
      collect(p!, a!, out);
      return out;
    }),
    cartesianProduct: fn("lib.attrsets.cartesianProduct", 1, ([s]) => cartesianProduct(s!)),
    mapCartesianProduct: fn("lib.attrsets.mapCartesianProduct", 2, ([f, s]) =>
      cartesianProduct(s!).map((a) => Thunk.of(() => call(f!, a))),
    ),
    nameValuePair,
    "mapAttrs'": fn("lib.attrsets.mapAttrs'", 2, ([f, s]) => B.call("listToAttrs", mapAttrsToList(f!, s!))),
    mapAttrsToList: fn("lib.attrsets.mapAttrsToList", 2, ([f, s]) => mapAttrsToList(f!, s!)),
    attrsToList: fn("lib.attrsets.attrsToList", 1, ([s]) => mapAttrsToList(nameValuePair, s!)),
    mapAttrsRecursive: fn("lib.attrsets.mapAttrsRecursive", 2, ([f, s]) => mapAttrsRecursiveCond(null, f!, s!)),
    mapAttrsRecursiveCond: fn("lib.attrsets.mapAttrsRecursiveCond", 3, ([c, f, s]) => mapAttrsRecursiveCond(c!, f!, s!)),
    mapAttrsToListRecursive: fn("lib.attrsets.mapAttrsToListRecursive", 2, ([f, s]) => mapAttrsToListRecursiveCond(null, f!, s!)),
    mapAttrsToListRecursiveCond: fn("lib.attrsets.mapAttrsToListRecursiveCond", 3, ([p, f, s]) => mapAttrsToListRecursiveCond(p!, f!, s!)),
    genAttrs: fn("lib.attrsets.genAttrs", 2, ([names, f]) => {
      const m = new Map<string, Lazy>();
      for (const n of forceList(names!)) {
        const name = forceStringNoContext(n);
        if (!m.has(name))
          m.set(
            name,
            Thunk.of(() => call(f!, n)),
          );
      }
      return new NixAttrs(m);
    }),
    "genAttrs'": fn("lib.attrsets.genAttrs'", 2, ([xs, f]) =>
      B.call(
        "listToAttrs",
        forceList(xs!).map((x) => Thunk.of(() => call(f!, x))),
      ),
    ),
    isDerivation: fn("lib.attrsets.isDerivation", 1, ([v]) => isDerivationValue(force(v!))),
    toDerivation: fn("lib.attrsets.toDerivation", 1, ([p]) => toDerivation(ctx, p!)),
    optionalAttrs: fn("lib.attrsets.optionalAttrs", 2, ([c, a]) => (forceBool(c!) ? force(a!) : NixAttrs.empty)),
    zipAttrsWithNames: fn("lib.attrsets.zipAttrsWithNames", 3, ([names, f, sets]) => {
      const m = new Map<string, Lazy>();
      for (const n of forceList(names!)) {
        const name = forceStringNoContext(n);
        if (!m.has(name))
          m.set(
            name,
            Thunk.of(() =>
              call(
                f!,
                name,
                lazy(() => B.call("catAttrs", name, sets!)),
              ),
            ),
          );
      }
      return new NixAttrs(m);
    }),
    zipAttrs: fn("lib.attrsets.zipAttrs", 1, ([sets]) =>
      B.call(
        "zipAttrsWith",
        fn("lib.attrsets.zipAttrs.values", 2, ([, vs]) => force(vs!)),
        sets!,
      ),
    ),
    mergeAttrsList: fn("lib.attrsets.mergeAttrsList", 1, ([l]) => {
      const list = forceList(l!);
      if (list.length === 1) return forceAttrs(list[0]!);
      const m = new Map<string, Lazy>();
      for (const x of list) for (const [k, v] of forceAttrs(x).map) m.set(k, v);
      return new NixAttrs(m);
    }),
    matchAttrs: fn("lib.attrsets.matchAttrs", 2, ([p, a]) => matchAttrs(p!, a!)),
    overrideExisting: fn("lib.attrsets.overrideExisting", 2, ([o, n]) => {
      const old = forceAttrs(o!);
      const m = new Map<string, Lazy>();
      for (const [k, v] of old.map) {
        m.set(
          k,
          Thunk.of(() => {
            const nv = force(n!);
            const x = nv instanceof NixAttrs ? nv.get(k) : undefined;
            return force(x ?? v);
          }),
        );
      }
      return new NixAttrs(m);
    }),
    getOutput: fn("lib.attrsets.getOutput", 2, ([o, p]) => getOutput(forceStringNoContext(o!), p!)),
    getFirstOutput: fn("lib.attrsets.getFirstOutput", 2, ([c, p]) =>
      getFirstOutput(
        forceList(c!).map((x) => forceStringNoContext(x)),
        p!,
      ),
    ),
    getBin: getOut("bin"),
    getLib: getOut("lib"),
    getStatic: fn("lib.attrsets.getStatic", 1, ([p]) => getFirstOutput(["static", "lib", "out"], p!)),
    getDev,
    getInclude: fn("lib.attrsets.getInclude", 1, ([p]) => getFirstOutput(["include", "dev", "out"], p!)),
    getMan: getOut("man"),
    chooseDevOutputs: fn("lib.attrsets.chooseDevOutputs", 1, ([l]) => B.call("map", getDev, l!)),
    recurseIntoAttrs: fn("lib.attrsets.recurseIntoAttrs", 1, ([a]) => withAttr(a!, "recurseForDerivations", true)),
    dontRecurseIntoAttrs: fn("lib.attrsets.dontRecurseIntoAttrs", 1, ([a]) => withAttr(a!, "recurseForDerivations", false)),
    unionOfDisjoint: fn("lib.attrsets.unionOfDisjoint", 2, ([x, y]) => {
      const a = forceAttrs(x!);
      const b = forceAttrs(y!);
      const collisions = b.sortedNames().filter((k) => a.has(k));
      const m = new Map(a.map);
      for (const [k, v] of b.map) m.set(k, v);
      const list = collisions.join(" ");
      for (const k of collisions) {
        m.set(
          k,
          Thunk.of(() => {
            throw throwError(`unionOfDisjoint: collision on ${k}; complete list: ${list}`);
          }),
        );
      }
      return new NixAttrs(m);
    }),
  });
}
