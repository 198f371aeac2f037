/**
 * List builtins: `isList`, `length`, `elemAt`, `head`, `tail`, `map` (global),
 * `filter`, `elem`, `concatLists`, `concatMap`, `foldl'`, `any`, `all`,
 * `genList`, `sort`, `partition`, `groupBy`.
 *
 * Laziness follows Nix: `map` and `genList` build lists of pending applications,
 * `foldl'` forces each intermediate accumulator but never the elements, `sort`
 * is a stable merge sort driven by the user's comparator. Every loop is
 * iterative, so list length never turns into JS stack depth, and result arrays
 * are allocated at their final size where it is known. Error messages and
 * "while evaluating …" frames use current Nix wording.
 */
import { NixError } from "../errors.js";
import { applyLazily, callFunction, callFunction2, eqValues, forceList } from "../ops.js";
import type { Span } from "../source.js";
import { force, Lambda, NixAttrs, PrimOp, type Lazy, type NixFunction, type Value } from "../values.js";
import { argBool, argFunction, argInt, argList, argStringNoContext, lessThanValues, primLessThan, withFrame } from "./arith.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";

type Fn = NixFunction | NixAttrs;

/** `f a b`, evaluated. */
function call2(f: Fn, a: Lazy, b: Lazy, s?: Span): Value {
  return callFunction2(f, a, b, s);
}

/** Call a predicate and force its result to a Boolean, naming it in the trace. */
function callPredicate(f: Fn, x: Lazy, frame: string, s?: Span): boolean {
  return argBool(callFunction(f, x, s), frame);
}

// ---------------------------------------------------------------------------
// Access.
// ---------------------------------------------------------------------------

function primElemAt(args: Lazy[], s: Span | undefined): Value {
  const n = argInt(args[1]!, "while evaluating the second argument passed to 'builtins.elemAt'");
  const list = argList(args[0]!, "while evaluating the first argument passed to 'builtins.elemAt'");
  if (n < 0n || n >= BigInt(list.length)) {
    throw new NixError("eval", `'builtins.elemAt' called with index ${n} on a list of size ${list.length}`, s);
  }
  return force(list[Number(n)]!);
}

function primHead(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[0]!, "while evaluating the first argument passed to 'builtins.head'");
  if (list.length === 0) throw new NixError("eval", "'builtins.head' called on an empty list", s);
  return force(list[0]!);
}

function primTail(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[0]!, "while evaluating the first argument passed to 'builtins.tail'");
  if (list.length === 0) throw new NixError("eval", "'builtins.tail' called on an empty list", s);
  return list.slice(1);
}

function primLength(args: Lazy[]): Value {
  return BigInt(argList(args[0]!, "while evaluating the first argument passed to builtins.length").length);
}

// ---------------------------------------------------------------------------
// Building lists.
// ---------------------------------------------------------------------------

function primMap(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.map");
  if (list.length === 0) return list;
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.map");
  const out = new Array<Lazy>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = applyLazily(f, list[i]!, s);
  return out;
}

const MAX_LIST = 2n ** 32n - 1n;

function primGenList(args: Lazy[], s: Span | undefined): Value {
  const n = argInt(args[1]!, "while evaluating the second argument passed to builtins.genList");
  // Nix rejects negative sizes; sizes no JS array can hold are rejected likewise.
  if (n < 0n || n > MAX_LIST) throw new NixError("eval", `cannot create list of size ${n}`, s);
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.genList");
  const len = Number(n);
  const out = new Array<Lazy>(len);
  for (let i = 0; i < len; i++) out[i] = applyLazily(f, BigInt(i), s);
  return out;
}

function primFilter(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.filter");
  if (list.length === 0) return list;
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.filter");
  const frame = "while evaluating the return value of the filtering function passed to builtins.filter";
  const out: Lazy[] = [];
  for (let i = 0; i < list.length; i++) {
    if (callPredicate(f, list[i]!, frame, s)) out.push(list[i]!);
  }
  return out.length === list.length ? list : out;
}

/** Concatenate lists; returns the only non-empty one unchanged, as Nix does. */
function concat(lists: Lazy[][]): Lazy[] {
  let total = 0;
  let nonEmpty: Lazy[] | null = null;
  for (const l of lists) {
    total += l.length;
    if (l.length > 0) nonEmpty = l;
  }
  if (nonEmpty !== null && nonEmpty.length === total) return nonEmpty;
  const out = new Array<Lazy>(total);
  let k = 0;
  for (const l of lists) for (let i = 0; i < l.length; i++) out[k++] = l[i]!;
  return out;
}

function primConcatLists(args: Lazy[]): Value {
  const outer = argList(args[0]!, "while evaluating the first argument passed to builtins.concatLists");
  const lists = new Array<Lazy[]>(outer.length);
  for (let i = 0; i < outer.length; i++) {
    lists[i] = argList(outer[i]!, "while evaluating a value of the list passed to builtins.concatLists");
  }
  return concat(lists);
}

function primConcatMap(args: Lazy[], s: Span | undefined): Value {
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.concatMap");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.concatMap");
  const frame = "while evaluating the return value of the function passed to builtins.concatMap";
  const fnSpan = f instanceof Lambda ? f.node.span : undefined;
  const lists = new Array<Lazy[]>(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = callFunction(f, list[i]!, s);
    try {
      lists[i] = forceList(r);
    } catch (e) {
      throw withFrame(e, frame, fnSpan);
    }
  }
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Array<Lazy>(total);
  let k = 0;
  for (const l of lists) for (let i = 0; i < l.length; i++) out[k++] = l[i]!;
  return out;
}

// ---------------------------------------------------------------------------
// Folds and searches.
// ---------------------------------------------------------------------------

function primFoldlStrict(args: Lazy[], s: Span | undefined): Value {
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.foldlStrict");
  const list = argList(args[2]!, "while evaluating the third argument passed to builtins.foldlStrict");
  if (list.length === 0) return force(args[1]!);
  let acc = call2(f, args[1]!, list[0]!, s);
  for (let i = 1; i < list.length; i++) acc = call2(f, acc, list[i]!, s);
  return acc;
}

function anyOrAll(name: "any" | "all", args: Lazy[], s: Span | undefined): boolean {
  const any = name === "any";
  const f = argFunction(args[0]!, `while evaluating the first argument passed to builtins.${name}`);
  const list = argList(args[1]!, `while evaluating the second argument passed to builtins.${name}`);
  const frame = `while evaluating the return value of the function passed to builtins.${name}`;
  for (let i = 0; i < list.length; i++) {
    if (callPredicate(f, list[i]!, frame, s) === any) return any;
  }
  return !any;
}

function primElem(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.elem");
  const x = args[0]!;
  try {
    for (let i = 0; i < list.length; i++) {
      // Nix forces both sides before its identity shortcut.
      force(x);
      force(list[i]!);
      if (eqValues(x, list[i]!, s)) return true;
    }
  } catch (e) {
    throw withFrame(e, "while searching for the presence of the given element in the list");
  }
  return false;
}

// ---------------------------------------------------------------------------
// Sorting and grouping.
// ---------------------------------------------------------------------------

type Less = (a: Lazy, b: Lazy) => boolean;

const RUN = 16;

/** Insertion sort of `xs[lo, hi)`, comparing each element with its left neighbour. */
function insertionSort(xs: Lazy[], lo: number, hi: number, less: Less): void {
  for (let i = lo + 1; i < hi; i++) {
    for (let j = i; j > lo && less(xs[j]!, xs[j - 1]!); j--) {
      const t = xs[j]!;
      xs[j] = xs[j - 1]!;
      xs[j - 1] = t;
    }
  }
}

/** Merge sorted `src[lo, mid)` and `src[mid, hi)` into `dst[lo, hi)`, left first on ties. */
function merge(src: Lazy[], dst: Lazy[], lo: number, mid: number, hi: number, less: Less): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) dst[k++] = less(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
  while (i < mid) dst[k++] = src[i++]!;
  while (j < hi) dst[k++] = src[j++]!;
}

/**
 * Stable bottom-up merge sort: insertion-sorted runs of 16, then pairwise
 * merges. Never recursive; any comparator (even an inconsistent one) yields a
 * permutation of the input. For up to 16 elements the comparator sees the same
 * pairs, in the same order, as Nix's sort.
 */
function mergeSort(input: Lazy[], less: Less): Lazy[] {
  const n = input.length;
  let src = input;
  for (let lo = 0; lo < n; lo += RUN) insertionSort(src, lo, Math.min(lo + RUN, n), less);
  if (n <= RUN) return src;
  let dst = new Array<Lazy>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      merge(src, dst, lo, mid, Math.min(lo + 2 * width, n), less);
    }
    [src, dst] = [dst, src];
  }
  return src;
}

function sortComparator(f: Fn, s: Span | undefined): Less {
  if (f instanceof PrimOp && f.fn === primLessThan) {
    return (a, b) => lessThanValues(a, b, "while evaluating the ordering function passed to builtins.sort", s);
  }
  const frame = "while evaluating the return value of the sorting function passed to builtins.sort";
  return (a, b) => argBool(call2(f, a, b, s), frame);
}

function primSort(args: Lazy[], s: Span | undefined): Value {
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.sort");
  if (list.length === 0) return list;
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.sort");
  const xs = list.slice();
  for (let i = 0; i < xs.length; i++) force(xs[i]!);
  return mergeSort(xs, sortComparator(f, s));
}

function primPartition(args: Lazy[], s: Span | undefined): Value {
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.partition");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.partition");
  const frame = "while evaluating the return value of the partition function passed to builtins.partition";
  const right: Lazy[] = [];
  const wrong: Lazy[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    force(x);
    (callPredicate(f, x, frame, s) ? right : wrong).push(x);
  }
  return NixAttrs.from([
    ["right", right],
    ["wrong", wrong],
  ]);
}

function primGroupBy(args: Lazy[], s: Span | undefined): Value {
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.groupBy");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.groupBy");
  const frame = "while evaluating the return value of the grouping function passed to builtins.groupBy";
  const groups = new Map<string, Lazy[]>();
  for (let i = 0; i < list.length; i++) {
    const name = argStringNoContext(callFunction(f, list[i]!, s), frame);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [list[i]!]);
    else group.push(list[i]!);
  }
  return new NixAttrs(groups);
}

// ---------------------------------------------------------------------------
// Registration.
// ---------------------------------------------------------------------------

function registerAccess(reg: BuiltinRegistry): void {
  reg.prim("isList", 1, (args) => Array.isArray(force(args[0]!)));
  reg.prim("length", 1, primLength);
  reg.prim("elemAt", 2, primElemAt);
  reg.prim("head", 1, primHead);
  reg.prim("tail", 1, primTail);
  reg.prim("elem", 2, primElem);
}

function registerTransforms(reg: BuiltinRegistry): void {
  reg.prim("map", 2, primMap, { global: true });
  reg.prim("filter", 2, primFilter);
  reg.prim("genList", 2, primGenList);
  reg.prim("concatLists", 1, primConcatLists);
  reg.prim("concatMap", 2, primConcatMap);
  reg.prim("foldl'", 3, primFoldlStrict);
  reg.prim("any", 2, (args, s) => anyOrAll("any", args, s));
  reg.prim("all", 2, (args, s) => anyOrAll("all", args, s));
  reg.prim("sort", 2, primSort);
  reg.prim("partition", 2, primPartition);
  reg.prim("groupBy", 2, primGroupBy);
}

export const listsBuiltins: BuiltinGroup = (reg) => {
  registerAccess(reg);
  registerTransforms(reg);
};
