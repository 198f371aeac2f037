/**
 * `lib.hm.dag`: Home Manager's directed acyclic graphs. A DAG is an attribute
 * set of entries `{ data; after; before; }`; `topoSort` orders it.
 *
 * The order must be exactly the one Home Manager computes (activation scripts
 * and DAG-ordered files depend on it): entries are taken in attribute-name
 * order, every `before` edge is turned into an `after` edge on the other
 * entry (appended in name order), and nixpkgs' `lib.toposort` runs over that
 * list — a depth-first search for a minimal element, which is emitted, then
 * the rest re-sorted from `visited ++ rest`. A cycle gives
 * `{ cycle; loops; }` with the same elements and order as nixpkgs.
 * Names that are not in the DAG never match and are ignored.
 */
import { callFunction, eqValues, forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, NixAttrs, NixString, type Lazy, type Value } from "../../nix/values.js";
import { attrs, getAttr, lazy, prim, select, StrBuf, textOf, update } from "./prim.js";
import { toposort } from "../toposort.js";

/** `e ? data && e ? after && e ? before`. */
export function isEntry(e: Lazy): boolean {
  const v = force(e);
  return v instanceof NixAttrs && v.has("data") && v.has("after") && v.has("before");
}

/** `isAttrs d && all isEntry (attrValues d)`. */
export function isDag(d: Lazy): boolean {
  const v = force(d);
  if (!(v instanceof NixAttrs)) return false;
  for (const n of v.sortedNames()) if (!isEntry(v.get(n)!)) return false;
  return true;
}

/** `{ data; before; after; }` (arguments in Home Manager's order: before, after, data). */
export function entryBetween(before: Lazy, after: Lazy, data: Lazy): NixAttrs {
  return attrs({ data, before, after });
}

const EMPTY: Lazy[] = [];

/** One node of the normalised DAG, as `toposort` sees it. */
interface Node {
  readonly name: string;
  /** The original entry (forced when its fields are needed). */
  readonly entry: Lazy;
  /** `entry.after ++ [names whose before lists this node]`, computed on demand. */
  after?: Lazy[];
  afterNames?: Set<string>;
  /** The `{ name; data; after; }` set, built once so that it keeps its identity. */
  attrs?: NixAttrs;
}

export type TopoResult = { result: Node[] } | { cycle: Node[]; loops: Node[] };

/** A topological sort of a DAG attribute set with Home Manager's exact order. */
export class DagSorter {
  private readonly nodes: Node[];
  private readonly byName = new Map<string, Node>();

  constructor(private readonly dag: NixAttrs) {
    this.nodes = dag.sortedNames().map((name) => ({ name, entry: dag.get(name)! }));
    for (const n of this.nodes) this.byName.set(n.name, n);
  }

  /** `elem name list` as Nix evaluates it: elements forced in turn until one is equal. */
  private static elem(name: string, list: Lazy[]): boolean {
    for (const x of list) if (eqValues(name, x)) return true;
    return false;
  }

  private afterOf(n: Node): Set<string> {
    if (n.afterNames) return n.afterNames;
    const own = forceList(getAttr(n.entry, "after"));
    const extra: Lazy[] = [];
    for (const m of this.nodes) {
      if (DagSorter.elem(n.name, forceList(getAttr(m.entry, "before")))) extra.push(m.name);
    }
    n.after = extra.length === 0 ? own : own.concat(extra);
    const names = new Set<string>();
    for (const x of n.after) {
      const v = force(x);
      if (typeof v === "string") names.add(v);
      else if (v instanceof NixString) names.add(v.s);
    }
    n.afterNames = names;
    return names;
  }

  /** `before a b`: `a.name` is in `b.after`. */
  private before(a: Node, b: Node): boolean {
    return this.afterOf(b).has(a.name);
  }

  /** nixpkgs' `toposort before list` on the DAG's nodes. */
  sort(): TopoResult {
    return toposort((a: Node, b: Node) => this.before(a, b), this.nodes);
  }

  /** The node as the normalised DAG holds it: `{ name; data; after; }`. */
  nodeAttrs(n: Node): NixAttrs {
    if (!n.attrs) {
      n.attrs = attrs({
        name: n.name,
        data: select(n.entry, "data"),
        after: lazy(() => {
          this.afterOf(n);
          return n.after!;
        }),
      });
    }
    return n.attrs;
  }
}

/** `hm.dag.topoSort dag` as a Nix value. */
export function topoSort(dag: Lazy): Value {
  const d = forceAttrs(dag);
  const sorter = new DagSorter(d);
  const r = sorter.sort();
  if ("result" in r) {
    return attrs({ result: r.result.map((n) => attrs({ name: n.name, data: select(n.entry, "data") })) });
  }
  return attrs({
    cycle: r.cycle.map((n) => sorter.nodeAttrs(n)),
    loops: r.loops.map((n) => sorter.nodeAttrs(n)),
  });
}

/** `entriesBetween tag before after entries`: `tag-0`, `tag-1`, … chained in order. */
function entriesBetween(st: EvalState, tag: Lazy, before: Lazy, after: Lazy, entries: Lazy): Value {
  const list = force(entries);
  if (Array.isArray(list) && list.length === 0) return NixAttrs.empty;
  const items = forceList(list);
  const m = new Map<string, Lazy>();
  let prevAfter: Lazy = after;
  for (let i = 0; i < items.length; i++) {
    const key = textOf(new StrBuf(st).interp(tag).text(`-${i}`).value()).s;
    const last = i === items.length - 1;
    m.set(key, entryBetween(last ? before : EMPTY, prevAfter, items[i]!));
    prevAfter = [key];
  }
  return new NixAttrs(m);
}

/** `map f dag`: `f name data` on every entry's data. */
function mapDag(f: Lazy, dag: Lazy): Value {
  const d = forceAttrs(dag);
  const m = new Map<string, Lazy>();
  for (const [name, entry] of d.map) {
    m.set(
      name,
      lazy(() => update(forceAttrs(entry), attrs({ data: lazy(() => callFunction(callFunction(force(f), name), select(entry, "data"))) }))),
    );
  }
  return new NixAttrs(m);
}

/** The `lib.hm.dag` attribute set. */
export function dagLib(st: EvalState): NixAttrs {
  const P = "lib.hm.dag.";
  return attrs({
    empty: NixAttrs.empty,
    isEntry: prim(P + "isEntry", 1, ([e]) => isEntry(e!)),
    isDag: prim(P + "isDag", 1, ([d]) => isDag(d!)),
    topoSort: prim(P + "topoSort", 1, ([d]) => topoSort(d!)),
    map: prim(P + "map", 2, ([f, d]) => mapDag(f!, d!)),
    entryBetween: prim(P + "entryBetween", 3, ([b, a, x]) => entryBetween(b!, a!, x!)),
    entryAnywhere: prim(P + "entryAnywhere", 1, ([x]) => entryBetween(EMPTY, EMPTY, x!)),
    entryAfter: prim(P + "entryAfter", 2, ([a, x]) => entryBetween(EMPTY, a!, x!)),
    entryBefore: prim(P + "entryBefore", 2, ([b, x]) => entryBetween(b!, EMPTY, x!)),
    entriesBetween: prim(P + "entriesBetween", 4, ([t, b, a, es]) => entriesBetween(st, t!, b!, a!, es!)),
    entriesAnywhere: prim(P + "entriesAnywhere", 2, ([t, es]) => entriesBetween(st, t!, EMPTY, EMPTY, es!)),
    entriesAfter: prim(P + "entriesAfter", 3, ([t, a, es]) => entriesBetween(st, t!, EMPTY, a!, es!)),
    entriesBefore: prim(P + "entriesBefore", 3, ([t, b, es]) => entriesBetween(st, t!, b!, EMPTY, es!)),
  });
}
