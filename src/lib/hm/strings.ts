/**
 * `lib.hm.strings`: store-name sanitising (`storeFileName`), camelCase to
 * snake/kebab conversion and case predicates, and `isPathLike`.
 *
 * `storeFileName` keeps the context of its argument (it only deletes
 * characters); the case converters return context-free strings, as
 * `builtins.split` drops context in Nix.
 */
import { eqValues } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../../nix/values.js";
import { attrs, prim, StrBuf, str, textOf } from "./prim.js";

const P = "lib.hm.strings.";

/** `"hm_" + path` with every character outside `[A-Za-z0-9+._?=]` removed. */
export function storeFileName(st: EvalState, path: Lazy): Value {
  const v = new StrBuf(st).interp(path).value();
  const { s, ctx } = textOf(v);
  return mkString("hm_" + s.replace(/[^A-Za-z0-9+._?=]/gu, ""), ctx);
}

/** camelCase / PascalCase → words joined by `separator`, lower-cased. */
export function toCaseWithSeparator(st: EvalState, separator: Lazy, input: Lazy): Value {
  const sep = textOf(force(separator));
  const s = str(input);
  let used = false;
  const converted = s.replace(/[A-Z]/g, (c) => {
    used = true;
    return sep.s + c.toLowerCase();
  });
  const out = sep.s !== "" && converted.startsWith(sep.s) ? converted.slice(sep.s.length) : converted;
  return used ? mkString(out, sep.ctx) : out;
}

const CASE_TESTS: Record<string, RegExp> = {
  isCamelCase: /^[a-z]+([A-Z][a-z0-9]*)+$/,
  isPascalCase: /^[A-Z][a-z0-9]*([A-Z][a-z0-9]*)*$/,
  isSnakeCase: /^[a-z0-9]+(_[a-z0-9]+)*$/,
  isKebabCase: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  isScreamingSnakeCase: /^[A-Z0-9]+(_[A-Z0-9]+)*$/,
};

/** A path, a string under the store directory, or a derivation. */
export function isPathLike(st: EvalState, content: Lazy): boolean {
  const v = force(content);
  if (v instanceof NixPath) return true;
  if (typeof v === "string" || v instanceof NixString) {
    const storeDir = textOf(force(st.builtins.get("storeDir")!)).s;
    if (textOf(v).s.startsWith(storeDir + "/")) return true;
  }
  if (v instanceof NixAttrs) {
    const t = v.get("type");
    return t !== undefined && eqValues(t, "derivation");
  }
  return false;
}

/** The `lib.hm.strings` attribute set. */
export function stringsLib(st: EvalState): NixAttrs {
  const caseTests: Record<string, Lazy> = {};
  for (const [name, re] of Object.entries(CASE_TESTS)) caseTests[name] = prim(P + name, 1, ([s]) => re.test(str(s!)));
  const withSep = (name: string, sep: string) => prim(P + name, 1, ([s]) => toCaseWithSeparator(st, sep, s!));
  return attrs({
    storeFileName: prim(P + "storeFileName", 1, ([p]) => storeFileName(st, p!)),
    toCaseWithSeparator: prim(P + "toCaseWithSeparator", 2, ([sep, s]) => toCaseWithSeparator(st, sep!, s!)),
    toSnakeCase: withSep("toSnakeCase", "_"),
    toKebabCase: withSep("toKebabCase", "-"),
    ...caseTests,
    isPathLike: prim(P + "isPathLike", 1, ([c]) => isPathLike(st, c!)),
  });
}
