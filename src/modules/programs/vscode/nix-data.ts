/**
 * Small helpers over raw Nix values for the VS Code module family. Settings,
 * keybindings and MCP configurations are kept as Nix values end to end (never
 * turned into JavaScript objects), so paths stay paths, floats stay floats
 * and nothing is forced before a file is generated.
 */
import { forceAttrs, forceList } from "../../../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../../../nix/values.js";
import { attrs, call, lazy, select, selectPath } from "../../../module-system/nix-values.js";
import type { EvalArgs } from "../../module-kit.js";

/** Raw access to the configuration and the package set of one evaluation. */
export interface RawCtx {
  readonly a: EvalArgs;
  /** The value at a path below the module's own option path. */
  cfg(...path: string[]): Lazy;
  /** `pkgs` as a Nix value. */
  readonly pkgs: Lazy;
  /** `pkgs.formats.json { }`. */
  readonly jsonFormat: Lazy;
}

export function rawCtx(a: EvalArgs, modulePath: readonly string[]): RawCtx {
  const pkgs = lazy(() => force(selectPath(a.config, ["_module", "args", "pkgs"])));
  return {
    a,
    cfg: (...path) => selectPath(a.config, [...modulePath, ...path]),
    pkgs,
    jsonFormat: lazy(() => call(select(select(pkgs, "formats"), "json"), attrs({}))),
  };
}

/** `jsonFormat.generate name value`. */
export function jsonFile(c: RawCtx, name: string, value: Lazy): Lazy {
  return lazy(() => call(select(c.jsonFormat, "generate"), name, value));
}

/** `lib.hm.strings.isPathLike`. */
export function isPathLike(c: RawCtx, v: Lazy): boolean {
  return force(call(selectPath(c.a.lib, ["hm", "strings", "isPathLike"]), v)) === true;
}

/** `v == { }` (false for anything that is not an attribute set). */
export function isEmptySet(v: Lazy): boolean {
  const x = force(v);
  return x instanceof NixAttrs && x.size === 0;
}

/** `v == [ ]` (false for anything that is not a list). */
export function isEmptyList(v: Lazy): boolean {
  const x = force(v);
  return Array.isArray(x) && x.length === 0;
}

/** `a // b` on attribute sets. */
export function updateSets(a: Lazy, b: Lazy): NixAttrs {
  const m = new Map(forceAttrs(a).map);
  for (const [k, v] of forceAttrs(b).map) m.set(k, v);
  return new NixAttrs(m);
}

/** `lib.filterAttrs (_: v: v != null)`. */
export function dropNulls(v: Lazy): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [k, x] of forceAttrs(v).map) if (force(x) !== null) m.set(k, x);
  return new NixAttrs(m);
}

/** The elements of a Nix list. */
export function listOf(v: Lazy): readonly Lazy[] {
  return forceList(v);
}

/** The attribute names of a Nix set, sorted as Nix sorts them. */
export function namesOf(v: Lazy): string[] {
  return forceAttrs(v).sortedNames();
}
