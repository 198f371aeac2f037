/**
 * Ordering functions of `lib.lists`: `sortOn`, `compareLists`, `naturalSort`,
 * `listDfs` and `toposort`.
 *
 * `listDfs` and `toposort` follow nixpkgs' algorithm step for step (which
 * element is tried first, how `visited` and `rest` are rebuilt), so results
 * and reported cycles come out in exactly nixpkgs' order; the recursion is
 * turned into loops. Sorting goes through `builtins.sort` (stable) with
 * native comparators.
 */
import { lessThanValues } from "../nix/builtins/arith.js";
import { NixError } from "../nix/errors.js";
import { eqValues } from "../nix/ops.js";
import { attrs, call, fn, force, forceBool, forceList, strOf, type Lazy, type LibContext, type Value } from "./prim.js";
import { listDfs as genericListDfs, toposort as genericToposort, type DfsResult } from "./toposort.js";

/** Nix's `compare` on two values (`<` both ways). */
function compareNix(a: Lazy, b: Lazy): number {
  if (lessThanValues(a, b)) return -1;
  if (lessThanValues(b, a)) return 1;
  return 0;
}

/** `compareLists cmp a b` with a native comparator. */
export function compareListsWith(cmp: (x: Lazy, y: Lazy) => number, a: Lazy[], b: Lazy[]): number {
  for (let i = 0; ; i++) {
    if (i === a.length) return i === b.length ? 0 : -1;
    if (i === b.length) return 1;
    const r = cmp(a[i]!, b[i]!);
    if (r !== 0) return r;
  }
}

function compareListsNix(cmp: Lazy, aL: Lazy, bL: Lazy): Value {
  let a = forceList(aL);
  let b = forceList(bL);
  for (;;) {
    if (a.length === 0) return b.length === 0 ? 0n : -1n;
    if (b.length === 0) return 1n;
    const rel = call(cmp, a[0]!, b[0]!);
    if (!eqValues(rel, 0n)) return rel;
    a = a.slice(1);
    b = b.slice(1);
  }
}

/** The vector naturalSort compares: text pieces and the numbers between them. */
function vectorise(ctx: LibContext, s: Lazy): Lazy[] {
  const parts = forceList(ctx.B.call("split", "(0|[1-9][0-9]*)", s));
  return parts.map((p) => {
    const v = force(p);
    if (!Array.isArray(v)) return v;
    const digits = strOf(force(v[0]!) as string);
    const n = ctx.B.call("fromJSON", digits);
    if (typeof n !== "bigint") throw new NixError("throw", `toInt: Could not convert "${digits}" to int.`);
    return n;
  });
}

/** `sort` through the builtin with a native "less than". */
function sortBy(ctx: LibContext, less: (a: Lazy, b: Lazy) => boolean, list: Lazy[]): Lazy[] {
  const cmp = fn("lib.lists.sort.less", 2, ([a, b]) => less(a!, b!));
  return forceList(ctx.B.call("sort", cmp, list));
}

type Dfs = DfsResult<Lazy>;

function listDfs(stopOnCycles: boolean, before: Lazy, list: Lazy[]): Dfs {
  if (list.length === 0) throw new NixError("eval", "'builtins.head' called on an empty list");
  return genericListDfs(stopOnCycles, (x: Lazy, y: Lazy) => forceBool(call(before, x, y)), list);
}

function dfsToAttrs(d: Dfs): Value {
  if (d.cycle !== undefined) return attrs({ cycle: d.cycle, loops: d.loops!, visited: d.visited, rest: d.rest });
  return attrs({ minimal: d.minimal!, visited: d.visited, rest: d.rest });
}

function toposort(before: Lazy, list0: Lazy[]): Value {
  const r = genericToposort((x: Lazy, y: Lazy) => forceBool(call(before, x, y)), list0);
  return "result" in r ? attrs({ result: r.result }) : attrs({ cycle: r.cycle, loops: r.loops });
}

export function orderFunctions(ctx: LibContext): Record<string, Lazy> {
  return {
    sort: ctx.B.get("sort"),
    sortOn: fn("lib.lists.sortOn", 2, ([f, l]) => {
      const list = forceList(l!);
      const keyed = list.map((x) => [ctx.st.thunk(() => call(f!, x)), x] as const);
      const idx = keyed.map((_, i) => BigInt(i));
      const sorted = sortBy(ctx, (a, b) => lessThanValues(keyed[Number(force(a))]![0], keyed[Number(force(b))]![0]), idx);
      return sorted.map((i) => keyed[Number(force(i))]![1]);
    }),
    compareLists: fn("lib.lists.compareLists", 3, ([c, a, b]) => compareListsNix(c!, a!, b!)),
    naturalSort: fn("lib.lists.naturalSort", 1, ([l]) => {
      const list = forceList(l!);
      const vecs: (Lazy[] | undefined)[] = [];
      const vec = (i: Lazy) => {
        const n = Number(force(i));
        return (vecs[n] ??= vectorise(ctx, list[n]!));
      };
      const idx = list.map((_, i) => BigInt(i));
      const sorted = sortBy(ctx, (a, b) => compareListsWith(compareNix, vec(a), vec(b)) < 0, idx);
      return sorted.map((i) => list[Number(force(i))]!);
    }),
    listDfs: fn("lib.lists.listDfs", 3, ([s, b, l]) => dfsToAttrs(listDfs(forceBool(s!), b!, forceList(l!)))),
    toposort: fn("lib.lists.toposort", 2, ([b, l]) => toposort(b!, forceList(l!))),
  };
}
