/**
 * String-context builtins: `unsafeDiscardStringContext`, `hasContext`,
 * `unsafeDiscardOutputDependency`, `addDrvOutputDependencies`, `getContext`
 * and `appendContext`.
 *
 * Context elements are kept in Nix's string encoding (see `NixString`):
 * `/nix/store/x` (opaque path), `=/nix/store/x.drv` (derivation with all its
 * outputs, "DrvDeep") and `!out!/nix/store/x.drv` (one built output).
 * `getContext` shows them as `{ "<path>" = { path = true; allOutputs = true;
 * outputs = [ … ]; }; }`, outputs sorted as Nix's ordered context set sorts
 * them; `appendContext` is its inverse.
 */
import { NixError } from "../errors.js";
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import { isDerivation, isStorePath, parseStorePath } from "../store/paths.js";
import { compareStrings, mkString, NixAttrs, NixString, type Lazy, type Value } from "../values.js";
import { argAttrs, argBool, argList, argStringNoContext } from "./arith.js";
import { argCoerce, argString } from "./strings.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";

/** A decoded context element. */
export type ContextElem =
  | { readonly kind: "opaque"; readonly path: string }
  | { readonly kind: "drvDeep"; readonly drvPath: string }
  | { readonly kind: "built"; readonly drvPath: string; readonly output: string };

/** Decode one element of a string's context. */
export function decodeContextElem(c: string): ContextElem {
  if (c.startsWith("=")) return { kind: "drvDeep", drvPath: c.slice(1) };
  if (c.startsWith("!")) {
    const bang = c.indexOf("!", 1);
    return { kind: "built", output: c.slice(1, bang), drvPath: c.slice(bang + 1) };
  }
  return { kind: "opaque", path: c };
}

/** Encode a context element as strings carry it. */
export function encodeContextElem(e: ContextElem): string {
  switch (e.kind) {
    case "opaque":
      return e.path;
    case "drvDeep":
      return "=" + e.drvPath;
    case "built":
      return `!${e.output}!${e.drvPath}`;
  }
}

function coerceWithContext(st: EvalState, l: Lazy, frame: string): { str: string; context: Set<string> } {
  const context = new Set<string>();
  const str = argCoerce(st, l, { context, copyToStore: true }, frame);
  return { str, context };
}

function primUnsafeDiscardStringContext(st: EvalState, args: Lazy[]): Value {
  return coerceWithContext(st, args[0]!, "while evaluating the argument passed to builtins.unsafeDiscardStringContext").str;
}

function primHasContext(args: Lazy[]): Value {
  const v = argString(args[0]!, "while evaluating the argument passed to builtins.hasContext");
  return v instanceof NixString && v.context.size > 0;
}

function primUnsafeDiscardOutputDependency(st: EvalState, args: Lazy[]): Value {
  const { str, context } = coerceWithContext(
    st,
    args[0]!,
    "while evaluating the argument passed to builtins.unsafeDiscardOutputDependency",
  );
  const out = new Set<string>();
  for (const c of context) out.add(c.startsWith("=") ? c.slice(1) : c);
  return mkString(str, out);
}

function primAddDrvOutputDependencies(st: EvalState, args: Lazy[]): Value {
  const { str, context } = coerceWithContext(st, args[0]!, "while evaluating the argument passed to builtins.addDrvOutputDependencies");
  if (context.size !== 1) {
    throw new NixError("eval", `context of string '${str}' must have exactly one element, but has ${context.size}`);
  }
  const e = decodeContextElem([...context][0]!);
  switch (e.kind) {
    case "opaque":
      if (!isDerivation(e.path)) throw new NixError("eval", `path '${e.path}' is not a derivation`);
      return new NixString(str, new Set([encodeContextElem({ kind: "drvDeep", drvPath: e.path })]));
    case "built":
      throw new NixError(
        "eval",
        `\`addDrvOutputDependencies\` can only act on derivations, not on a derivation output such as '${e.output}'`,
      );
    case "drvDeep":
      return new NixString(str, context);
  }
}

interface ContextInfo {
  path: boolean;
  allOutputs: boolean;
  outputs: string[];
}

function primGetContext(args: Lazy[]): Value {
  const v = argString(args[0]!, "while evaluating the argument passed to builtins.getContext");
  const infos = new Map<string, ContextInfo>();
  const info = (p: string): ContextInfo => {
    let i = infos.get(p);
    if (!i) infos.set(p, (i = { path: false, allOutputs: false, outputs: [] }));
    return i;
  };
  if (v instanceof NixString) {
    for (const c of v.context) {
      const e = decodeContextElem(c);
      if (e.kind === "opaque") info(e.path).path = true;
      else if (e.kind === "drvDeep") info(e.drvPath).allOutputs = true;
      else info(e.drvPath).outputs.push(e.output);
    }
  }
  const entries: [string, Lazy][] = [];
  for (const [p, i] of infos) {
    const attrs: [string, Lazy][] = [];
    if (i.path) attrs.push(["path", true]);
    if (i.allOutputs) attrs.push(["allOutputs", true]);
    if (i.outputs.length > 0) attrs.push(["outputs", i.outputs.sort(compareStrings)]);
    entries.push([p, NixAttrs.from(attrs)]);
  }
  return NixAttrs.from(entries);
}

/** Add the context one `appendContext` entry describes. */
function appendEntry(st: EvalState, name: string, value: Lazy, pos: Span | undefined, context: Set<string>): void {
  if (!isStorePath(name, st.store.storeDir)) throw new NixError("eval", `context key '${name}' is not a store path`, pos);
  const path = parseStorePath(name, st.store.storeDir).path;
  const spec = argAttrs(value, "while evaluating the value of a string context");
  const pathAttr = spec.get("path");
  if (pathAttr !== undefined && argBool(pathAttr, "while evaluating the `path` attribute of a string context")) {
    context.add(encodeContextElem({ kind: "opaque", path }));
  }
  const all = spec.get("allOutputs");
  if (all !== undefined && argBool(all, "while evaluating the `allOutputs` attribute of a string context")) {
    if (!isDerivation(name)) {
      throw new NixError("eval", `tried to add all-outputs context of ${name}, which is not a derivation, to a string`, pos);
    }
    context.add(encodeContextElem({ kind: "drvDeep", drvPath: path }));
  }
  const outputs = spec.get("outputs");
  if (outputs !== undefined) {
    const list = argList(outputs, "while evaluating the `outputs` attribute of a string context");
    if (list.length > 0 && !isDerivation(name)) {
      throw new NixError("eval", `tried to add derivation output context of ${name}, which is not a derivation, to a string`, pos);
    }
    for (const o of list) {
      const output = argStringNoContext(o, "while evaluating an output name within a string context");
      context.add(encodeContextElem({ kind: "built", drvPath: path, output }));
    }
  }
}

function primAppendContext(st: EvalState, args: Lazy[]): Value {
  const orig = argString(args[0]!, "while evaluating the first argument passed to builtins.appendContext");
  const context = new Set<string>(orig instanceof NixString ? orig.context : []);
  const attrs = argAttrs(args[1]!, "while evaluating the second argument passed to builtins.appendContext");
  for (const name of attrs.sortedNames()) {
    appendEntry(st, name, attrs.get(name)!, attrs.pos?.get(name), context);
  }
  return mkString(typeof orig === "string" ? orig : orig.s, context);
}

export const contextBuiltins: BuiltinGroup = (reg: BuiltinRegistry, st: EvalState) => {
  reg.prim("unsafeDiscardStringContext", 1, (args) => primUnsafeDiscardStringContext(st, args));
  reg.prim("hasContext", 1, primHasContext);
  reg.prim("unsafeDiscardOutputDependency", 1, (args) => primUnsafeDiscardOutputDependency(st, args));
  reg.prim("addDrvOutputDependencies", 1, (args) => primAddDrvOutputDependencies(st, args));
  reg.prim("getContext", 1, primGetContext);
  reg.prim("appendContext", 2, (args) => primAppendContext(st, args));
};
