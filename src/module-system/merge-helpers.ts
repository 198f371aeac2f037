/**
 * The merge functions of `lib.options` that types share: mergeEqualOption,
 * mergeUniqueOption (and mergeOneOption), mergeDefaultOption, plus the
 * check-every-definition helper of v2 merges. Each throws nixpkgs' message,
 * with every definition shown with its file and line.
 */
import { NixError } from "../nix/errors.js";
import { eqValues } from "../nix/ops.js";
import { force, NixAttrs, NixString, isFunction, type Lazy, type Value } from "../nix/values.js";
import type { Def } from "./definitions.js";
import { call, isString, nixThrow, prim } from "./nix-values.js";
import { showDefs, showOption } from "./show.js";

export const PRIORITY_SUGGESTION = "Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.\n";

/** Span of the first definition that has one, so the error shows the user's line. */
export function firstSpan(defs: readonly Def[]) {
  for (const d of defs) if (d.pos && d.pos.source.path === d.file) return d.pos;
  return undefined;
}

/** All definitions must be equal; their common value. */
export function mergeEqualOption(loc: readonly string[], defs: readonly Def[]): Lazy {
  if (defs.length === 0) throw new NixError("abort", "This case should never happen.");
  const first = defs[0]!;
  if (defs.length === 1) return first.value;
  for (let i = 1; i < defs.length; i++) {
    if (!eqValues(defs[i]!.value, first.value)) {
      throw nixThrow(
        `The option \`${showOption(loc)}' has conflicting definition values:${showDefs(defs)}\n${PRIORITY_SUGGESTION}`,
        firstSpan(defs.slice(i)),
      );
    }
  }
  return first.value;
}

/** Exactly one definition is allowed; merged by `merge` (default: its value). */
export function mergeUniqueOption(
  message: string,
  merge: ((loc: readonly string[], defs: readonly Def[]) => Lazy) | null,
  loc: readonly string[],
  defs: readonly Def[],
): Lazy {
  if (defs.length === 1) return merge ? merge(loc, defs) : defs[0]!.value;
  throw nixThrow(
    `The option \`${showOption(loc)}' is defined multiple times while it's expected to be unique.\n${message}\nDefinition values:${showDefs(defs)}\n${PRIORITY_SUGGESTION}`,
    firstSpan(defs.slice(1)),
  );
}

export function mergeOneOption(loc: readonly string[], defs: readonly Def[]): Lazy {
  return mergeUniqueOption("", null, loc, defs);
}

function concatStrings(values: Value[]): Value {
  let s = "";
  let ctx: Set<string> | null = null;
  for (const v of values) {
    if (typeof v === "string") s += v;
    else if (v instanceof NixString) {
      s += v.s;
      ctx ??= new Set();
      for (const c of v.context) ctx.add(c);
    }
  }
  return ctx && ctx.size > 0 ? new NixString(s, ctx) : s;
}

/** nixpkgs' mergeDefaultOption: concatenate lists, update sets, or strings, … */
export function mergeDefaultOption(loc: readonly string[], defs: readonly Def[]): Lazy {
  if (defs.length === 1) return defs[0]!.value;
  const list = defs.map((d) => force(d.value));
  if (list.every((v) => isFunction(v) || (v instanceof NixAttrs && v.has("__functor")))) {
    return prim("mergedFunction", 1, ([x]) =>
      force(
        mergeDefaultOption(
          loc,
          defs.map((d) => ({ file: d.file, value: call(d.value, x!) })),
        ),
      ),
    );
  }
  if (list.every(Array.isArray)) return (list as Lazy[][]).flat();
  if (list.every((v) => v instanceof NixAttrs)) {
    const m = new Map<string, Lazy>();
    for (const v of list as NixAttrs[]) for (const [k, x] of v.map) m.set(k, x);
    return new NixAttrs(m);
  }
  if (list.every((v) => typeof v === "boolean")) return list.some((v) => v === true);
  if (list.every(isString)) return concatStrings(list);
  if (list.every((v) => typeof v === "bigint" && v === list[0])) return list[0]!;
  throw nixThrow(`Cannot merge definitions of \`${showOption(loc)}'. Definition values:${showDefs(defs)}`, firstSpan(defs));
}

/** `checkDefsForError`: a message naming the definitions that fail `check`, or null. */
export function checkDefsForError(check: (v: Lazy) => boolean, defs: readonly Def[]): string | null {
  const bad = defs.filter((d) => !check(d.value));
  if (bad.length === 0) return null;
  return `Definition values: ${showDefs(bad)}`;
}

/** The error for a v2 type whose `check` was overridden ad hoc (`type // { check = …; }`). */
export function adhocCheckError(loc: readonly string[], description: string, fromModules: boolean): NixError {
  const tail = fromModules
    ? "\nAlternatively, this message may also occur as false positive when mixing Nixpkgs\nversions, if one Nixpkgs is between 83fed2e6..58696117 (Aug 28 - Oct 28 2025)\n"
    : "";
  return nixThrow(
    `The option \`${showOption(loc)}' has a type \`${description}' that uses\n` +
      "an ad-hoc `type // { check = ...; }' override, which is incompatible with\n" +
      "the v2 merge mechanism.\n\n" +
      "Please use `lib.types.addCheck` instead of `type // { check }' to add\n" +
      "custom validation. For example:\n\n" +
      "  lib.types.addCheck baseType (value: /* your check */)\n\n" +
      "instead of:\n\n" +
      "  baseType // { check = value: /* your check */; }\n" +
      tail,
  );
}
