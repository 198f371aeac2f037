/**
 * nixpkgs' `listDfs` and `toposort` over any kind of node, step for step (the
 * order in which `before` is asked matters: for Nix values it is the order of
 * evaluation). `lib.lists.toposort`, `lib.hm.dag.topoSort` and the activation
 * script's DAG order all use this one implementation.
 */

export interface DfsResult<T> {
  readonly cycle?: T;
  readonly loops?: T[];
  readonly minimal?: T;
  readonly visited: T[];
  readonly rest: T[];
}

/** `listDfs stopOnCycles before list` (`list` must not be empty). */
export function listDfs<T>(stopOnCycles: boolean, before: (a: T, b: T) => boolean, list: readonly T[]): DfsResult<T> {
  let us = list[0]!;
  let visited: T[] = [];
  let rest = list.slice(1);
  for (;;) {
    if (stopOnCycles) {
      const loops = visited.filter((x) => before(x, us));
      if (loops.length > 0) return { cycle: us, loops, visited, rest };
    }
    const right: T[] = [];
    const wrong: T[] = [];
    for (const x of rest) (before(x, us) ? right : wrong).push(x);
    if (right.length === 0) return { minimal: us, visited, rest };
    visited = [us, ...visited];
    us = right[0]!;
    rest = right.slice(1).concat(wrong);
  }
}

export type ToposortResult<T> = { readonly result: T[] } | { readonly cycle: T[]; readonly loops: T[] };

/** `toposort before list`, iteratively. */
export function toposort<T>(before: (a: T, b: T) => boolean, list0: readonly T[]): ToposortResult<T> {
  const result: T[] = [];
  let list = list0;
  while (list.length >= 2) {
    const d = listDfs(true, before, list);
    if (d.cycle !== undefined) return { cycle: [d.cycle, ...d.visited].reverse(), loops: d.loops! };
    result.push(d.minimal!);
    list = d.visited.concat(d.rest);
  }
  return { result: result.concat(list) };
}
