/**
 * `lib.lists`: folds (`foldr`, `foldl`, `foldl'`), indexed maps and filters
 * (`imap0`, `imap1`, `ifilter0`), searching (`findFirst`, `findSingle`,
 * `count`), slicing (`take`, `drop`, `sublist`, `last`, `init`), set-like
 * operations (`unique`, `subtractLists`, `intersectLists`), zips, ranges and
 * the ordering functions of lists-order.ts.
 *
 * Laziness is nixpkgs': `foldr` builds `op x0 (op x1 (…))` with a pending
 * tail at each step and `foldl` a pending left spine, so an `op` that ignores
 * its accumulator never forces it; elements are passed unforced; `genList`
 * style results (`imap0`, `zipListsWith`, `sublist`) hold pending elements.
 */
import { eqValues } from "../nix/ops.js";
import { orderFunctions } from "./lists-order.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceInt,
  forceList,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function foldr(op: Lazy, nul: Lazy, listL: Lazy): Value {
  const list = forceList(listL);
  let acc: Lazy = nul;
  for (let i = list.length - 1; i >= 0; i--) {
    const tail = acc;
    const x = list[i]!;
    acc = Thunk.of(() => call(op, x, tail));
  }
  return force(acc);
}

function foldl(op: Lazy, nul: Lazy, listL: Lazy): Value {
  const list = forceList(listL);
  let acc: Lazy = nul;
  for (let i = 0; i < list.length; i++) {
    const prev = acc;
    const x = list[i]!;
    acc = Thunk.of(() => call(op, prev, x));
  }
  return force(acc);
}

function flatten(x: Lazy): Value {
  const v = force(x);
  if (!Array.isArray(v)) return [v];
  const out: Lazy[] = [];
  const stack: { list: Lazy[]; i: number }[] = [{ list: v, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i === top.list.length) {
      stack.pop();
      continue;
    }
    const e = top.list[top.i++]!;
    const ev = force(e);
    if (Array.isArray(ev)) stack.push({ list: ev, i: 0 });
    else out.push(e);
  }
  return out;
}

function elemOf(x: Lazy, list: Lazy[]): boolean {
  for (const y of list) if (eqValues(x, y)) return true;
  return false;
}

function unique(list: Lazy[]): Lazy[] {
  const acc: Lazy[] = [];
  for (const e of list) if (!elemOf(e, acc)) acc.push(e);
  return acc;
}

/** `sublist start count list`, elements pending as in nixpkgs' genList. */
function sublist(ctx: LibContext, startL: Lazy, countL: Lazy, listL: Lazy): Value {
  const start = forceInt(startL);
  const count = forceInt(countL);
  const list = forceList(listL);
  const len = BigInt(list.length);
  const n = start >= len ? 0n : start + count > len ? len - start : count;
  if (n < 0n || start < 0n) {
    return ctx.B.call(
      "genList",
      fn("lib.lists.sublist.elem", 1, ([i]) => ctx.B.call("elemAt", list, forceInt(i!) + start)),
      n,
    );
  }
  const s = Number(start);
  return s === 0 && Number(n) === list.length ? list : list.slice(s, s + Number(n));
}

function findFirstIndex(pred: Lazy, list: Lazy[]): number {
  for (let i = 0; i < list.length; i++) if (forceBool(call(pred, list[i]!))) return i;
  return -1;
}

function zipWith(f: Lazy, a: Lazy[], b: Lazy[]): Lazy[] {
  const n = Math.min(a.length, b.length);
  const out = new Array<Lazy>(n);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    out[i] = Thunk.of(() => call(f, x, y));
  }
  return out;
}

function take(list: Lazy[], n: number): Lazy[] {
  return n >= list.length ? list : list.slice(0, Math.max(n, 0));
}

export function lists(ctx: LibContext): Value {
  const { B } = ctx;
  const inherited = ["head", "tail", "length", "isList", "elemAt", "concatLists", "filter", "elem", "genList", "map"];
  const fromBuiltins: Record<string, Lazy> = {};
  for (const n of inherited) fromBuiltins[n] = B.get(n);
  const foldrOp = fn("lib.lists.foldr", 3, ([op, nul, l]) => foldr(op!, nul!, l!));
  const nonEmpty = (l: Lazy, msg: string): Lazy[] => {
    const list = forceList(l);
    if (list.length === 0) throw throwError(msg);
    return list;
  };
  return attrs({
    ...fromBuiltins,
    ...orderFunctions(ctx),
    singleton: fn("lib.lists.singleton", 1, ([x]) => [x!]),
    forEach: fn("lib.lists.forEach", 2, ([xs, f]) => B.call("map", f!, xs!)),
    foldr: foldrOp,
    fold: () => B.call("warn", "fold has been deprecated, use foldr instead", foldrOp),
    foldl: fn("lib.lists.foldl", 3, ([op, nul, l]) => foldl(op!, nul!, l!)),
    "foldl'": fn("lib.lists.foldl'", 3, ([op, acc, l]) => {
      force(acc!);
      return B.call("foldl'", op!, acc!, l!);
    }),
    imap0: fn("lib.lists.imap0", 2, ([f, l]) => forceList(l!).map((x, i) => Thunk.of(() => call(f!, BigInt(i), x)))),
    imap1: fn("lib.lists.imap1", 2, ([f, l]) => forceList(l!).map((x, i) => Thunk.of(() => call(f!, BigInt(i + 1), x)))),
    ifilter0: fn("lib.lists.ifilter0", 2, ([p, l]) => forceList(l!).filter((x, i) => forceBool(call(p!, BigInt(i), x)))),
    concatMap: B.get("concatMap"),
    flatten: fn("lib.lists.flatten", 1, ([x]) => flatten(x!)),
    remove: fn("lib.lists.remove", 2, ([e, l]) => forceList(l!).filter((x) => !eqValues(x, e!))),
    findSingle: fn("lib.lists.findSingle", 4, ([p, d, m, l]) => {
      const found = forceList(l!).filter((x) => forceBool(call(p!, x)));
      return found.length === 0 ? force(d!) : found.length !== 1 ? force(m!) : force(found[0]!);
    }),
    findFirstIndex: fn("lib.lists.findFirstIndex", 3, ([p, d, l]) => {
      const i = findFirstIndex(p!, forceList(l!));
      return i < 0 ? force(d!) : BigInt(i);
    }),
    findFirst: fn("lib.lists.findFirst", 3, ([p, d, l]) => {
      const list = forceList(l!);
      const i = findFirstIndex(p!, list);
      return i < 0 ? force(d!) : force(list[i]!);
    }),
    any: B.get("any"),
    all: B.get("all"),
    count: fn("lib.lists.count", 2, ([p, l]) => BigInt(forceList(l!).filter((x) => forceBool(call(p!, x))).length)),
    optional: fn("lib.lists.optional", 2, ([c, e]) => (forceBool(c!) ? [e!] : [])),
    optionals: fn("lib.lists.optionals", 2, ([c, e]) => (forceBool(c!) ? force(e!) : [])),
    toList: fn("lib.lists.toList", 1, ([x]) => {
      const v = force(x!);
      return Array.isArray(v) ? v : [v];
    }),
    range: fn("lib.lists.range", 2, ([a, b]) => {
      if (B.call("lessThan", b!, a!) as boolean) return [];
      const first = forceInt(a!);
      const last = forceInt(b!);
      const out: Lazy[] = [];
      for (let n = first; n <= last; n++) out.push(n);
      return out;
    }),
    replicate: fn("lib.lists.replicate", 2, ([n, e]) =>
      B.call(
        "genList",
        fn("lib.lists.replicate.elem", 1, () => force(e!)),
        n!,
      ),
    ),
    partition: B.get("partition"),
    "groupBy'": fn("lib.lists.groupBy'", 4, ([op, nul, pred, lst]) => {
      const groups = forceAttrs(B.call("groupBy", pred!, lst!));
      const m = new Map<string, Lazy>();
      for (const [k, v] of groups.map)
        m.set(
          k,
          lazy(() => foldl(op!, nul!, v)),
        );
      return new NixAttrs(m);
    }),
    groupBy: B.get("groupBy"),
    zipListsWith: fn("lib.lists.zipListsWith", 3, ([f, a, b]) => zipWith(f!, forceList(a!), forceList(b!))),
    zipLists: fn("lib.lists.zipLists", 2, ([a, b]) =>
      zipWith(
        fn("lib.lists.zipLists.pair", 2, ([x, y]) => attrs({ fst: x!, snd: y! })),
        forceList(a!),
        forceList(b!),
      ),
    ),
    reverseList: fn("lib.lists.reverseList", 1, ([l]) => forceList(l!).slice().reverse()),
    take: fn("lib.lists.take", 2, ([n, l]) => sublist(ctx, 0n, n!, l!)),
    takeEnd: fn("lib.lists.takeEnd", 2, ([n, l]) => {
      const list = forceList(l!);
      const k = BigInt(list.length) - forceInt(n!);
      return sublist(ctx, k > 0n ? k : 0n, BigInt(list.length), list);
    }),
    drop: fn("lib.lists.drop", 2, ([n, l]) => sublist(ctx, n!, BigInt(forceList(l!).length), l!)),
    dropEnd: fn("lib.lists.dropEnd", 2, ([n, l]) => {
      const list = forceList(l!);
      const k = BigInt(list.length) - forceInt(n!);
      return sublist(ctx, 0n, k > 0n ? k : 0n, list);
    }),
    hasPrefix: fn("lib.lists.hasPrefix", 2, ([a, b]) => {
      const l1 = forceList(a!);
      return eqValues(take(forceList(b!), l1.length), l1);
    }),
    removePrefix: fn("lib.lists.removePrefix", 2, ([a, b]) => {
      const l1 = forceList(a!);
      const l2 = forceList(b!);
      if (!eqValues(take(l2, l1.length), l1)) {
        throw throwError("lib.lists.removePrefix: First argument is not a list prefix of the second argument");
      }
      return l2.slice(l1.length);
    }),
    sublist: fn("lib.lists.sublist", 3, ([s, c, l]) => sublist(ctx, s!, c!, l!)),
    commonPrefix: fn("lib.lists.commonPrefix", 2, ([a, b]) => {
      const l1 = forceList(a!);
      const l2 = forceList(b!);
      const n = Math.min(l1.length, l2.length);
      let i = 0;
      while (i < n && eqValues(l1[i]!, l2[i]!)) i++;
      return take(l1, i);
    }),
    last: fn("lib.lists.last", 1, ([l]) => {
      const list = nonEmpty(l!, "lists.last: list must not be empty!");
      return force(list[list.length - 1]!);
    }),
    init: fn("lib.lists.init", 1, ([l]) => {
      const list = nonEmpty(l!, "lists.init: list must not be empty!");
      return list.slice(0, -1);
    }),
    crossLists: fn("lib.lists.crossLists", 2, ([f, ls]) => {
      let fs: Lazy[] = [f!];
      for (const argsL of forceList(ls!)) {
        const args = forceList(argsL);
        const next: Lazy[] = [];
        for (const g of fs) for (const a of args) next.push(Thunk.of(() => call(g, a)));
        fs = next;
      }
      return fs;
    }),
    unique: fn("lib.lists.unique", 1, ([l]) => unique(forceList(l!))),
    uniqueStrings: fn("lib.lists.uniqueStrings", 1, ([l]) =>
      B.call(
        "attrNames",
        B.call(
          "groupBy",
          fn("id", 1, ([x]) => force(x!)),
          l!,
        ),
      ),
    ),
    allUnique: fn("lib.lists.allUnique", 1, ([l]) => {
      const list = forceList(l!);
      return unique(list).length === list.length;
    }),
    intersectLists: fn("lib.lists.intersectLists", 2, ([e, l]) => {
      const es = forceList(e!);
      return forceList(l!).filter((x) => elemOf(x, es));
    }),
    subtractLists: fn("lib.lists.subtractLists", 2, ([e, l]) => {
      const es = forceList(e!);
      return forceList(l!).filter((x) => !elemOf(x, es));
    }),
    mutuallyExclusive: fn("lib.lists.mutuallyExclusive", 2, ([a, b]) => {
      const as = forceList(a!);
      return as.length === 0 || !forceList(b!).some((x) => elemOf(x, as));
    }),
    concatAttrValues: fn("lib.lists.concatAttrValues", 1, ([s]) => B.call("concatLists", B.call("attrValues", s!))),
    replaceElemAt: fn("lib.lists.replaceElemAt", 3, ([l, i, e]) => {
      const list = forceList(l!);
      const idxV = force(i!);
      const ok = !(B.call("lessThan", idxV, 0n) as boolean) && (B.call("lessThan", idxV, BigInt(list.length)) as boolean);
      if (!ok) {
        throw throwError(`'lists.replaceElemAt' called with index ${strOf(B.toStr(idxV))} on a list of size ${list.length}`);
      }
      const idx = Number(forceInt(idxV));
      return list.map((x, k) => (k === idx ? e! : x));
    }),
  });
}
