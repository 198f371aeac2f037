/**
 * `lib.misc`: nixpkgs' deprecated helpers, kept because `lib` still
 * re-exports them at top level: environment and attribute accessors
 * (`maybeEnv`, `maybeAttr`, `checkFlag`, `getValue`, `checkReqs`), list
 * de-duplication (`uniqList`, `uniqListExt`), closures (`lazyGenericClosure`,
 * `closePropagation`), the old argument-merging machinery (`defaultMerge`,
 * `foldArgs`, `modifySumArgs`, `mergeAttrsWithFunc`, `mergeAttrByFunc`, …),
 * `nixType` and the fake hashes.
 */
import { eqValues } from "../nix/ops.js";
import { PrimOpApp, type PrimOp } from "../nix/values.js";
import { isLibFunctionOneLevel } from "./trivial.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  forceStringNoContext,
  get,
  interpolate,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  Thunk,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

export const FAKE_HASHES: Record<string, string> = {
  hash: "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  sha256: "0".repeat(64),
  sha512: "0".repeat(128),
};

function maybeAttr(name: Lazy, dflt: Lazy, set: Lazy): Value {
  const s = force(set);
  const v = s instanceof NixAttrs ? s.get(forceStringNoContext(name)) : undefined;
  return force(v ?? dflt);
}

function attrOr(set: Lazy, name: string, dflt: () => Value): Value {
  const s = force(set);
  const v = s instanceof NixAttrs ? s.get(name) : undefined;
  return v === undefined ? dflt() : force(v);
}

function checkFlag(set: Lazy, nameL: Lazy): boolean {
  const name = forceStringNoContext(nameL);
  if (name === "true") return true;
  if (name === "false") return false;
  const flags = forceList(attrOr(set, "flags", () => []));
  if (flags.some((f) => eqValues(f, name))) return true;
  return forceBool(attrOr(set, name, () => false));
}

function getValue(set: Lazy, argList: Lazy, nameL: Lazy): Value {
  const name = forceStringNoContext(nameL);
  return attrOr(set, name, () => {
    if (checkFlag(set, name)) return true;
    const list = forceList(argList);
    if (list.length === 0) return null;
    const x = forceList(list[0]!);
    if (eqValues(x[0]!, name)) return force(x[1]!);
    return getValue(set, list.slice(1), name);
  });
}

function uniq(input: Lazy[], acc0: Lazy[]): Lazy[] {
  const acc = acc0.slice();
  const out: Lazy[] = [];
  for (const x of input) {
    if (acc.some((y) => eqValues(x, y))) continue;
    out.push(x);
    acc.unshift(x);
  }
  return out;
}

function uniqListExt(argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  const getter = args.get("getter");
  const compare = args.get("compare");
  const key = (x: Lazy): Lazy => (getter === undefined ? x : Thunk.of(() => call(getter, x)));
  const same = (a: Lazy, b: Lazy) => (compare === undefined ? eqValues(a, b) : forceBool(call(compare, a, b)));
  const out = forceList(args.get("outputList") ?? []).slice();
  for (const x of forceList(get(args, "inputList"))) {
    if (!out.some((y) => same(key(y), key(x)))) out.push(x);
  }
  return out;
}

function lazyGenericClosure(argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  const operator = get(args, "operator");
  let list = forceList(get(args, "startSet")).slice();
  const done: Lazy[] = [];
  const result: Lazy[] = [];
  while (list.length > 0) {
    const x = list[0]!;
    const k = get(x, "key");
    list = list.slice(1);
    if (done.some((d) => eqValues(d, k))) continue;
    list = [...list, ...forceList(call(operator, x))];
    done.unshift(k);
    result.unshift(x);
  }
  return result;
}

const innerModifySumArgs: PrimOp = fn("lib.misc.innerModifySumArgs", 4, ([f, x, a, b]) => {
  if (force(b!) === null) return update(forceAttrs(call(f!, a!, b!)), forceAttrs(x!));
  return new PrimOpApp(innerModifySumArgs, [f!, x!, update(forceAttrs(a!), forceAttrs(b!))]);
});

function innerClose(acc0: Lazy[], list: Lazy[]): Lazy[] {
  let acc = acc0;
  let xs = list;
  while (xs.length > 0) {
    const y = xs[0]!;
    const ys = xs.slice(1);
    if (!(force(y) instanceof NixAttrs)) {
      xs = ys;
      continue;
    }
    acc = [y, ...acc];
    const extra = [
      ...forceList(attrOr(y, "propagatedBuildInputs", () => [])),
      ...forceList(attrOr(y, "propagatedNativeBuildInputs", () => [])),
    ];
    xs = uniq([...extra, ...ys], acc);
  }
  return acc;
}

function closePropagationSlow(list: Lazy[]): Lazy[] {
  return uniq(innerClose([], list), []);
}

function closePropagationFast(ctx: LibContext, list: Lazy[]): Value {
  const item = (x: Lazy) => attrs({ key: lazy(() => force(get(x, "outPath"))), val: x });
  const startSet = list.filter((x) => force(x) !== null).map(item);
  const operator = fn("lib.misc.closePropagation.operator", 1, ([it]) => {
    const val = get(it!, "val");
    if (!(force(val) instanceof NixAttrs)) return [];
    const deps = [
      ...forceList(attrOr(val, "propagatedBuildInputs", () => [])),
      ...forceList(attrOr(val, "propagatedNativeBuildInputs", () => [])),
    ];
    return deps.filter((x) => force(x) !== null).map(item);
  });
  return forceList(ctx.B.call("genericClosure", attrs({ startSet, operator }))).map((x) => lazy(() => force(get(x, "val"))));
}

function mergeAttrsWithFunc(f: Lazy, set1L: Lazy, set2L: Lazy): Value {
  const set1 = forceAttrs(set1L);
  const set2 = forceAttrs(set2L);
  const m = new Map(set2.map);
  for (const [k, v] of set1.map) m.set(k, v);
  for (const [n, v2] of set2.map) {
    const cur = m.get(n)!;
    m.set(
      n,
      lazy(() => call(f, cur, v2)),
    );
  }
  return new NixAttrs(m);
}

const CONCAT_NAMES = ["nativeBuildInputs", "buildInputs", "propagatedBuildInputs", "configureFlags", "prePhases", "postAll", "patches"];
const MERGE_NAMES = ["passthru", "meta", "cfg", "flags"];

function mergeAttrBy(ctx: LibContext): NixAttrs {
  const m = new Map<string, Lazy>();
  const concat = fn("lib.trivial.concat", 2, ([a, b]) => [...forceList(a!), ...forceList(b!)]);
  const merge = fn("lib.trivial.mergeAttrs", 2, ([a, b]) => update(forceAttrs(a!), forceAttrs(b!)));
  for (const n of CONCAT_NAMES) m.set(n, concat);
  for (const n of MERGE_NAMES) m.set(n, merge);
  const lines = fn("lib.misc.mergeAttrBy.lines", 2, ([a, b]) => interpolate(ctx.st, a!, "\n", b!));
  m.set("preConfigure", lines);
  m.set("postInstall", lines);
  return new NixAttrs(m);
}

function mergeAttrByFunc(xL: Lazy, yL: Lazy): Value {
  const x = forceAttrs(xL);
  const y = forceAttrs(yL);
  const by = update(
    update(
      attrs({ mergeAttrBy: fn("lib.trivial.mergeAttrs", 2, ([a, b]) => update(forceAttrs(a!), forceAttrs(b!))) }),
      forceAttrs(attrOr(x, "mergeAttrBy", () => NixAttrs.empty)),
    ),
    forceAttrs(attrOr(y, "mergeAttrBy", () => NixAttrs.empty)),
  );
  const special = new Map<string, Lazy>();
  for (const [a, v] of by.map) {
    if (!x.has(a) && !y.has(a)) continue;
    special.set(
      a,
      lazy(() => (x.has(a) ? (y.has(a) ? call(v, x.get(a)!, y.get(a)!) : force(x.get(a)!)) : force(y.get(a)!))),
    );
  }
  return update(update(x, y), new NixAttrs(special));
}

function nixType(ctx: LibContext, xL: Lazy): string {
  const x = force(xL);
  if (x instanceof NixAttrs) return x.has("outPath") ? "derivation" : "attrs";
  if (isLibFunctionOneLevel(x)) return "function";
  if (Array.isArray(x)) return "list";
  if (x === true || x === false) return "bool";
  if (x === null) return "null";
  if (typeof x === "bigint") return "int";
  void ctx;
  return "string";
}

function foldArgs(merger: Lazy, f: Lazy, init: Lazy, x: Lazy): Value {
  const mergeArg = lazy(() => {
    const y = force(x);
    return y instanceof NixAttrs ? y : call(y, init);
  });
  const arg = lazy(() => call(merger, init, mergeArg));
  const result = forceAttrs(call(f, arg));
  const z = result;
  const passthru = attrOr(z, "passthru", () => NixAttrs.empty);
  const zPassthru = lazy(() => force(passthru));
  const newPassthru = lazy(() => {
    const zz = forceAttrs(zPassthru);
    const oldArgs = attrOr(zz, "args", () => NixAttrs.empty);
    return update(
      zz,
      attrs({
        function: new PrimOpApp(foldArgsOp, [merger, f, arg]),
        args: lazy(() => update(forceAttrs(oldArgs), forceAttrs(x))),
      }),
    );
  });
  const base = update(result, attrs({ passthru: newPassthru }));
  return update(base, attrs({ override: lazy(() => force(get(newPassthru, "function"))) }));
}

const foldArgsOp: PrimOp = fn("lib.misc.foldArgs", 4, ([m, f, i, x]) => foldArgs(m!, f!, i!, x!));

export function misc(ctx: LibContext): Value {
  const { B } = ctx;
  const maybeAttrOp = fn("lib.misc.maybeAttr", 3, ([n, d, a]) => maybeAttr(n!, d!, a!));
  const defaultMergeArg = (x: Lazy, y: Lazy): Value => {
    const v = force(y);
    return v instanceof NixAttrs ? v : call(v, x);
  };
  const setAttr = (set: Lazy, name: Lazy, v: Lazy) => update(forceAttrs(set), new NixAttrs(new Map([[forceStringNoContext(name), v]])));
  const mergeAttrsByFuncDefaults = fn("lib.misc.mergeAttrsByFuncDefaults", 1, ([l]) => {
    let acc: Lazy = attrs({ mergeAttrBy: mergeAttrBy(ctx) });
    for (const x of forceList(l!)) {
      const prev = acc;
      acc = lazy(() => mergeAttrByFunc(prev, x));
    }
    return force(acc);
  });
  return attrs({
    maybeEnv: fn("lib.misc.maybeEnv", 2, ([n, d]) => {
      const v = strOf(B.call("getEnv", n!) as string);
      return v === "" ? force(d!) : v;
    }),
    defaultMergeArg: fn("lib.misc.defaultMergeArg", 2, ([x, y]) => defaultMergeArg(x!, y!)),
    defaultMerge: fn("lib.misc.defaultMerge", 2, ([x, y]) => update(forceAttrs(x!), forceAttrs(defaultMergeArg(x!, y!)))),
    foldArgs: foldArgsOp,
    maybeAttrNullable: maybeAttrOp,
    maybeAttr: maybeAttrOp,
    ifEnable: fn("lib.misc.ifEnable", 2, ([c, v]) => {
      if (forceBool(c!)) return force(v!);
      const val = force(v!);
      if (Array.isArray(val)) return [];
      if (val instanceof NixAttrs) return NixAttrs.empty;
      if (val === true || val === false) return false;
      return null;
    }),
    checkFlag: fn("lib.misc.checkFlag", 2, ([s, n]) => checkFlag(s!, n!)),
    getValue: fn("lib.misc.getValue", 3, ([s, a, n]) => getValue(s!, a!, n!)),
    checkReqs: fn("lib.misc.checkReqs", 3, ([s, a, conds]) =>
      forceList(conds!).every((c) => {
        const x = forceList(c);
        if (!checkFlag(s!, x[0]!)) return true;
        return x.slice(1).every((y) => {
          const val = getValue(s!, a!, y);
          return val !== null && val !== false;
        });
      }),
    ),
    uniqList: fn("lib.misc.uniqList", 1, ([a]) => {
      const args = forceAttrs(a!);
      return uniq(forceList(get(args, "inputList")), forceList(args.get("acc") ?? []));
    }),
    uniqListExt: fn("lib.misc.uniqListExt", 1, ([a]) => uniqListExt(a!)),
    condConcat: fn("lib.misc.condConcat", 3, ([name, l, checker]) => {
      let acc: Value = force(name!);
      let list = forceList(l!);
      while (list.length > 0) {
        if (forceBool(call(checker!, list[0]!))) acc = interpolate(ctx.st, acc, list[1]!);
        list = list.slice(2);
      }
      return acc;
    }),
    lazyGenericClosure: fn("lib.misc.lazyGenericClosure", 1, ([a]) => lazyGenericClosure(a!)),
    innerModifySumArgs,
    modifySumArgs: fn("lib.misc.modifySumArgs", 2, ([f, x]) => new PrimOpApp(innerModifySumArgs, [f!, x!, NixAttrs.empty])),
    innerClosePropagation: fn("lib.misc.innerClosePropagation", 2, ([acc, xs]) => innerClose(forceList(acc!), forceList(xs!))),
    closePropagationSlow: fn("lib.misc.closePropagationSlow", 1, ([l]) => closePropagationSlow(forceList(l!))),
    closePropagationFast: fn("lib.misc.closePropagationFast", 1, ([l]) => closePropagationFast(ctx, forceList(l!))),
    closePropagation: fn("lib.misc.closePropagation", 1, ([l]) => closePropagationFast(ctx, forceList(l!))),
    nvs: fn("lib.misc.nvs", 2, ([n, v]) => new NixAttrs(new Map([[forceStringNoContext(n!), v!]]))),
    setAttr: fn("lib.misc.setAttr", 3, ([s, n, v]) => setAttr(s!, n!, v!)),
    setAttrMerge: fn("lib.misc.setAttrMerge", 4, ([n, d, a, f]) =>
      setAttr(
        a!,
        n!,
        lazy(() =>
          call(
            f!,
            lazy(() => maybeAttr(n!, d!, a!)),
          ),
        ),
      ),
    ),
    mergeAttrsWithFunc: fn("lib.misc.mergeAttrsWithFunc", 3, ([f, a, b]) => mergeAttrsWithFunc(f!, a!, b!)),
    mergeAttrsConcatenateValues: fn("lib.misc.mergeAttrsConcatenateValues", 2, ([a, b]) =>
      mergeAttrsWithFunc(
        fn("lib.misc.concatToLists", 2, ([x, y]) => {
          const l = (v: Lazy) => {
            const w = force(v);
            return Array.isArray(w) ? w : [w];
          };
          return [...l(x!), ...l(y!)];
        }),
        a!,
        b!,
      ),
    ),
    mergeAttrsNoOverride: fn("lib.misc.mergeAttrsNoOverride", 3, ([o, a1, a2]) => {
      const opts = forceAttrs(o!);
      const mergeLists = forceList(opts.get("mergeLists") ?? ["buildInputs", "propagatedBuildInputs"]);
      const overrideSnd = forceList(opts.get("overrideSnd") ?? ["buildPhase"]);
      const attrs1 = forceAttrs(a1!);
      const attrs2 = forceAttrs(a2!);
      const m = new Map(attrs1.map);
      for (const [n, v2] of attrs2.map) {
        if (!attrs1.has(n)) {
          m.set(n, v2);
          continue;
        }
        const v1 = attrs1.get(n)!;
        m.set(
          n,
          lazy(() => {
            if (mergeLists.some((x) => eqValues(x, n))) return [...forceList(v2), ...forceList(v1)];
            if (overrideSnd.some((x) => eqValues(x, n))) return force(v1);
            throw throwError(`error mergeAttrsNoOverride, attribute ${n} given in both attributes - no merge func defined`);
          }),
        );
      }
      return new NixAttrs(m);
    }),
    mergeAttrByFunc: fn("lib.misc.mergeAttrByFunc", 2, ([x, y]) => mergeAttrByFunc(x!, y!)),
    mergeAttrsByFuncDefaults,
    mergeAttrsByFuncDefaultsClean: fn("lib.misc.mergeAttrsByFuncDefaultsClean", 1, ([l]) => {
      const m = new Map(forceAttrs(call(mergeAttrsByFuncDefaults, l!)).map);
      m.delete("mergeAttrBy");
      return new NixAttrs(m);
    }),
    mergeAttrBy: () => mergeAttrBy(ctx),
    nixType: fn("lib.misc.nixType", 1, ([x]) => nixType(ctx, x!)),
    imap: fn("lib.misc.imap", 2, ([f, l]) => forceList(l!).map((x, i) => Thunk.of(() => call(f!, BigInt(i + 1), x)))),
    fakeHash: FAKE_HASHES.hash!,
    fakeSha256: FAKE_HASHES.sha256!,
    fakeSha512: FAKE_HASHES.sha512!,
  });
}
