/**
 * Deep forcing (`--strict`, `deepSeq`, `toJSON`-style walks) without recursion:
 * an explicit work stack, so a value nested a million levels deep cannot
 * overflow the JS stack; nesting beyond Nix's max-call-depth (10,000) is the
 * same controlled error Nix gives. Each set or list is visited once (cycles through
 * shared values terminate). Errors get a "while evaluating the attribute" frame
 * naming the attribute path.
 */
import { NixError } from "./errors.js";
import { asNixError, force, NixAttrs, type Lazy, type Value } from "./values.js";

/**
 * A value waiting to be forced. Its attribute path (for the error frame) is
 * kept as the parent item plus its own name and only spelled out on an error:
 * building `a.b.c` strings for every attribute was most of what a deep force
 * of a large configuration allocated.
 */
interface Item {
  readonly v: Lazy;
  /** The attribute name, or null for a list element (which shares its parent's path). */
  readonly name: string | null;
  readonly parent: Item | null;
  readonly depth: number;
}

function pathOf(item: Item): string | null {
  const names: string[] = [];
  for (let i: Item | null = item; i !== null; i = i.parent) if (i.name !== null) names.push(i.name);
  return names.length === 0 ? null : names.reverse().join(".");
}

/** Nix's `max-call-depth`: nesting deeper than this is a controlled stack overflow, as in Nix. */
export const MAX_DEPTH = 10000;

/** Force a value and everything inside it. Returns the root in WHNF. */
export function deepForce(root: Lazy): Value {
  const seen = new Set<object>();
  const stack: Item[] = [{ v: root, name: null, parent: null, depth: 0 }];
  let result: Value = null;
  let first = true;
  while (stack.length > 0) {
    const item = stack.pop()!;
    const depth = item.depth;
    if (depth > MAX_DEPTH) throw new NixError("stack-overflow", "stack overflow; max-call-depth exceeded");
    let v: Value;
    try {
      v = force(item.v);
    } catch (err) {
      const e = asNixError(err);
      const path = pathOf(item);
      if (e instanceof NixError && path !== null) e.addFrame(`while evaluating the attribute '${path}'`, undefined, true);
      throw e;
    }
    if (first) {
      result = v;
      first = false;
    }
    if (v instanceof NixAttrs) {
      if (seen.has(v)) continue;
      seen.add(v);
      const names = v.sortedNames();
      for (let i = names.length - 1; i >= 0; i--) {
        const n = names[i]!;
        stack.push({ v: v.get(n)!, name: n, parent: item, depth: depth + 1 });
      }
    } else if (Array.isArray(v)) {
      if (seen.has(v)) continue;
      seen.add(v);
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i]!, name: null, parent: item, depth: depth + 1 });
    }
  }
  return result;
}
