/**
 * Topological order of a Home Manager DAG (`home.activation` and friends),
 * identical to `lib.hm.dag.topoSort`: entries are taken in attribute-name
 * order (bytewise), every `before` edge becomes an `after` edge on the other
 * entry (appended in name order), and nixpkgs' `toposort` runs over that list —
 * a depth-first search for a minimal element, which is emitted, after which the
 * rest is sorted again starting from `visited ++ rest`. Names that are not in
 * the DAG never match and are ignored. A cycle yields the same `cycle`/`loops`
 * lists nixpkgs reports. This is the plain-TypeScript twin of the Nix-value
 * sorter in `src/lib/hm/dag.ts` (a test checks they agree).
 */
import { toposort } from "../lib/toposort.js";
import { compareStrings } from "../nix/values.js";

export interface DagEntry {
  readonly name: string;
  readonly after: readonly string[];
  readonly before: readonly string[];
}

/** An entry as the sort sees it: its own `after` plus the reversed `before` edges. */
export interface DagNode<T extends DagEntry> {
  readonly name: string;
  readonly after: readonly string[];
  readonly entry: T;
}

export type TopoResult<T extends DagEntry> =
  { readonly result: readonly T[] } | { readonly cycle: readonly DagNode<T>[]; readonly loops: readonly DagNode<T>[] };

/** Bytewise (UTF-8) order, as Nix orders attribute names. */
export const compareNames = compareStrings;

interface Work<T extends DagEntry> extends DagNode<T> {
  readonly afterSet: ReadonlySet<string>;
}

function normalise<T extends DagEntry>(entries: readonly T[]): Work<T>[] {
  const sorted = [...entries].sort((a, b) => compareNames(a.name, b.name));
  return sorted.map((e) => {
    const after = [...e.after];
    for (const m of sorted) if (m.before.includes(e.name)) after.push(m.name);
    return { name: e.name, after, afterSet: new Set(after), entry: e };
  });
}

/** `before a b`: a must come before b. */
function precedes<T extends DagEntry>(a: Work<T>, b: Work<T>): boolean {
  return b.afterSet.has(a.name);
}

function strip<T extends DagEntry>(w: Work<T>): DagNode<T> {
  return { name: w.name, after: w.after, entry: w.entry };
}

/** Sort a DAG given as a list of uniquely named entries (nixpkgs' `toposort` order). */
export function topoSort<T extends DagEntry>(entries: readonly T[]): TopoResult<T> {
  const r = toposort(precedes, normalise(entries));
  if ("cycle" in r) return { cycle: r.cycle.map(strip), loops: r.loops.map(strip) };
  return { result: r.result.map((w) => w.entry) };
}
