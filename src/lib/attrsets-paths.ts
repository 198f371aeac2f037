/**
 * Attribute-path functions of `lib.attrsets`: `attrByPath`, `hasAttrByPath`,
 * `longestValidPathPrefix`, `setAttrByPath`, `getAttrFromPath`,
 * `showAttrPath`, `updateManyAttrsByPath`, and the recursive merges
 * `recursiveUpdateUntil` / `recursiveUpdate`.
 *
 * Merges are lazy per attribute as nixpkgs' `zipAttrsWith`-based versions:
 * a merged attribute is computed only when read, so one side's unread values
 * are never forced. `updateManyAttrsByPath` applies updates in order with
 * nixpkgs' lazy left fold and its exact error messages.
 */
import { NixError } from "../nix/errors.js";
import { escapeNixIdentifier } from "./strings-escape.js";
import {
  abortError,
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

/** The names of an attribute path (each forced to a string). */
function pathNames(p: Lazy): string[] {
  return forceList(p).map((x) => forceStringNoContext(x));
}

/** Walk `path` in `set`; the number of steps that succeeded and the value reached. */
function walk(path: Lazy[], set: Lazy): { n: number; v: Lazy } {
  let v: Lazy = set;
  for (let n = 0; n < path.length; n++) {
    const s = force(v);
    const name = forceStringNoContext(path[n]!);
    const next = s instanceof NixAttrs ? s.get(name) : undefined;
    if (next === undefined) return { n, v };
    v = next;
  }
  return { n: path.length, v };
}

export function showAttrPath(path: string[]): string {
  return path.length === 0 ? "<root attribute path>" : path.map(escapeNixIdentifier).join(".");
}

function setAttrByPath(path: Lazy[], value: Lazy, n = 0): Value {
  if (n === path.length) return force(value);
  const name = forceStringNoContext(path[n]!);
  return new NixAttrs(new Map([[name, n + 1 === path.length ? value : lazy(() => setAttrByPath(path, value, n + 1))]]));
}

/** `recursiveUpdateUntil pred lhs rhs` with a native or Nix stop predicate. */
export function recursiveUpdateUntil(
  stop: (path: string[], l: Lazy, r: Lazy) => boolean,
  lhsL: Lazy,
  rhsL: Lazy,
  path: string[] = [],
): Value {
  const rhs = forceAttrs(rhsL);
  const lhs = forceAttrs(lhsL);
  if (lhs.size === 0) return rhs;
  if (rhs.size === 0) return lhs;
  const m = new Map<string, Lazy>(lhs.map);
  for (const [name, r] of rhs.map) {
    const l = lhs.get(name);
    if (l === undefined) {
      m.set(name, r);
      continue;
    }
    const here = [...path, name];
    m.set(
      name,
      Thunk.of(() => (stop(here, l, r) ? force(r) : recursiveUpdateUntil(stop, l, r, here))),
    );
  }
  return new NixAttrs(m);
}

/** The stop predicate of `recursiveUpdate`: stop unless both sides are sets. */
export function notBothSets(_p: string[], l: Lazy, r: Lazy): boolean {
  return !(force(l) instanceof NixAttrs && force(r) instanceof NixAttrs);
}

interface Update {
  readonly path: Lazy[];
  readonly update: Lazy;
}

function updateMany(updates: Update[], value: Lazy, prefixLength: number, hasValue: boolean): Value {
  const right: Update[] = [];
  const wrong: Update[] = [];
  for (const u of updates) (u.path.length === prefixLength ? right : wrong).push(u);
  const withNested = Thunk.of((): Value => {
    if (wrong.length === 0) {
      if (hasValue) return force(value);
      throw throwError(
        `updateManyAttrsByPath: Path '${showAttrPath(right[0]!.path.map((x) => forceStringNoContext(x)))}' does not exist in the given value, but the first update to this path tries to access the existing value.`,
      );
    }
    const nested = new Map<string, Update[]>();
    for (const u of wrong) {
      const k = forceStringNoContext(u.path[prefixLength]!);
      const g = nested.get(k);
      if (g) g.push(u);
      else nested.set(k, [u]);
    }
    if (!hasValue) {
      const m = new Map<string, Lazy>();
      for (const [k, us] of nested)
        m.set(
          k,
          Thunk.of(() => updateMany(us, null, prefixLength + 1, false)),
        );
      return new NixAttrs(m);
    }
    const v = force(value);
    if (v instanceof NixAttrs) {
      const m = new Map<string, Lazy>(v.map);
      for (const [k, us] of nested) {
        const old = v.get(k);
        m.set(
          k,
          Thunk.of(() => updateMany(us, old ?? null, prefixLength + 1, old !== undefined)),
        );
      }
      return new NixAttrs(m);
    }
    const updatePath = wrong[0]!.path.map((x) => forceStringNoContext(x));
    throw throwError(
      `updateManyAttrsByPath: Path '${showAttrPath(updatePath)}' needs to be updated, but path '${showAttrPath(updatePath.slice(0, prefixLength))}' of the given value is not an attribute set, so we can't update an attribute inside of it.`,
    );
  });
  let acc: Lazy = withNested;
  for (const u of right) {
    const prev = acc;
    acc = Thunk.of(() => call(u.update, prev));
  }
  return force(acc);
}

export function pathFunctions(ctx: LibContext): Record<string, Lazy> {
  return {
    attrByPath: fn("lib.attrsets.attrByPath", 3, ([p, d, s]) => {
      const path = forceList(p!);
      const r = walk(path, s!);
      return r.n === path.length ? force(r.v) : force(d!);
    }),
    hasAttrByPath: fn("lib.attrsets.hasAttrByPath", 2, ([p, s]) => {
      const path = forceList(p!);
      return walk(path, s!).n === path.length;
    }),
    longestValidPathPrefix: fn("lib.attrsets.longestValidPathPrefix", 2, ([p, s]) => {
      const path = forceList(p!);
      const r = walk(path, s!);
      return r.n === path.length ? path : path.slice(0, r.n);
    }),
    setAttrByPath: fn("lib.attrsets.setAttrByPath", 2, ([p, v]) => setAttrByPath(forceList(p!), v!)),
    getAttrFromPath: fn("lib.attrsets.getAttrFromPath", 2, ([p, s]) => {
      const path = forceList(p!);
      const r = walk(path, s!);
      if (r.n === path.length) return force(r.v);
      const shown = strOf(ctx.B.call("concatStringsSep", ".", path) as string);
      throw abortError(`cannot find attribute '${shown}'`);
    }),
    showAttrPath: fn("lib.attrsets.showAttrPath", 1, ([p]) => showAttrPath(pathNames(p!))),
    recursiveUpdateUntil: fn("lib.attrsets.recursiveUpdateUntil", 3, ([pred, l, r]) =>
      recursiveUpdateUntil((path, a, b) => forceBool(call(pred!, path.slice(), a, b)), l!, r!),
    ),
    recursiveUpdate: fn("lib.attrsets.recursiveUpdate", 2, ([l, r]) => recursiveUpdateUntil(notBothSets, l!, r!)),
    updateManyAttrsByPath: fn("lib.attrsets.updateManyAttrsByPath", 2, ([us, v]) => {
      const updates = forceList(us!).map((u) => {
        const set = forceAttrs(u);
        const path = set.get("path");
        const update = set.get("update");
        if (path === undefined) throw new NixError("eval", "attribute 'path' missing");
        if (update === undefined) throw new NixError("eval", "attribute 'update' missing");
        return { path: forceList(path), update };
      });
      return updateMany(updates, v!, 0, true);
    }),
  };
}
