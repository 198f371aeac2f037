/**
 * Serialisation builtins: `toJSON`, `fromJSON`, `fromTOML` (global) and
 * `toXML`.
 *
 * `toJSON` walks the value with an explicit work stack (no JS recursion per
 * level of nesting). Sets are "peeled" as Nix does: `__toString` is called and
 * its result must be a string or path, `outPath` is followed; paths are copied
 * to the store (except when they come out of `__toString`); string context and
 * store copies end up in the result's context. Errors carry Nix's frames
 * ("while evaluating attribute 'a'", "while evaluating list element at index
 * 3", …). `valueToJSON` is exported for other serialisers (structured attrs).
 */
import { MAX_DEPTH } from "../force-deep.js";
import { NixError, typeError } from "../errors.js";
import { callFunction } from "../ops.js";
import { printValueShort } from "../print-short.js";
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import { force, isFunction, mkString, NixAttrs, NixPath, NixString, showType, type Lazy, type Value } from "../values.js";
import { argStringNoContext, withFrame } from "./arith.js";
import { formatJsonFloat, JsonSyntaxError, parseJson } from "./json.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";
import { parseToml, TomlError } from "./toml.js";
import { valueToXML } from "./xml.js";

/** A link in the chain of trace frames leading to a value being serialised. */
interface Trace {
  readonly message: string;
  readonly span: Span | undefined;
  readonly up: Trace | null;
}

function addTraces(e: unknown, t: Trace | null): unknown {
  for (let x = t; x !== null; x = x.up) withFrame(e, x.message, x.span);
  return e;
}

/** Work item: a value to print (with its position and trace), or literal text. */
type Item =
  | { readonly v: Lazy; readonly span: Span | undefined; readonly trace: Trace | null; readonly copy: boolean; readonly depth?: number }
  | string;

interface Peeled {
  readonly v: Value;
  readonly trace: Trace | null;
  readonly viaToString: boolean;
}

function whileUsing(what: string, evaluated: boolean): string {
  return `while ${evaluated ? "using" : "evaluating"} ${what}`;
}

/** Follow `__toString` and `outPath` as Nix's `peelToStringOutPath` (checking `__toString`'s result). */
function peel(v0: Value, span: Span | undefined, trace0: Trace | null): Peeled {
  let v = v0;
  let trace = trace0;
  let viaToString = false;
  let pos = span;
  while (v instanceof NixAttrs) {
    const ts = v.get("__toString");
    const op = ts === undefined ? v.get("outPath") : undefined;
    if (ts === undefined && op === undefined) break;
    const attrPos = v.pos?.get(ts !== undefined ? "__toString" : "outPath") ?? pos;
    if (ts !== undefined) {
      let r: Value;
      try {
        r = callFunction(force(ts), v, attrPos);
      } catch (e) {
        throw addTraces(withFrame(e, "while calling the `__toString` attribute", attrPos), trace);
      }
      viaToString = true;
      v = r;
      trace = { message: whileUsing("the result of the `__toString` attribute", true), span: attrPos, up: trace };
    } else {
      try {
        v = force(op!);
      } catch (e) {
        throw addTraces(withFrame(e, whileUsing("the `outPath` attribute", false), attrPos), trace);
      }
      trace = { message: whileUsing("the `outPath` attribute", true), span: attrPos, up: trace };
    }
    pos = attrPos;
  }
  if (viaToString && !(typeof v === "string" || v instanceof NixString || v instanceof NixPath)) {
    const verb = v instanceof NixAttrs ? "must" : "should";
    throw addTraces(typeError(`\`__toString\` ${verb} return a string, but got ${showType(v)}: ${printValueShort(v)}`, pos), trace);
  }
  return { v, trace, viaToString };
}

/**
 * Serialise a value to JSON text, as `builtins.toJSON` (forcing it deeply).
 * String context and store paths of copied paths are added to `context`.
 */
export function valueToJSON(st: EvalState, root: Lazy, context: Set<string>, copyToStore = true, span?: Span): string {
  const out: string[] = [];
  const stack: Item[] = [{ v: root, span, trace: null, copy: copyToStore }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    let v: Value;
    // Nesting beyond Nix's max-call-depth is the controlled error Nix gives.
    if ((item.depth ?? 0) > MAX_DEPTH)
      throw addTraces(new NixError("stack-overflow", "stack overflow; max-call-depth exceeded", item.span), item.trace);
    try {
      v = force(item.v);
    } catch (e) {
      throw addTraces(e, item.trace);
    }
    const p = v instanceof NixAttrs ? peel(v, item.span, item.trace) : { v, trace: item.trace, viaToString: false };
    emit(st, p, item, out, stack, context);
  }
  return out.join("");
}

/** Print a scalar, or schedule the members of a list or set. */
function emit(st: EvalState, p: Peeled, item: Exclude<Item, string>, out: string[], stack: Item[], context: Set<string>): void {
  const v = p.v;
  if (v === null) out.push("null");
  else if (typeof v === "boolean") out.push(v ? "true" : "false");
  else if (typeof v === "bigint") out.push(v.toString());
  else if (typeof v === "number") out.push(formatJsonFloat(v));
  else if (typeof v === "string") out.push(JSON.stringify(v));
  else if (v instanceof NixString) {
    for (const c of v.context) context.add(c);
    out.push(JSON.stringify(v.s));
  } else if (v instanceof NixPath) {
    if (item.copy && !p.viaToString) {
      let sp: string;
      try {
        sp = st.copyPathToStore(v.path, item.span);
      } catch (e) {
        throw addTraces(e, p.trace);
      }
      context.add(sp);
      out.push(JSON.stringify(sp));
    } else out.push(JSON.stringify(v.path));
  } else if (Array.isArray(v)) {
    out.push("[");
    stack.push("]");
    for (let i = v.length - 1; i >= 0; i--) {
      const trace = { message: `while evaluating list element at index ${i}`, span: item.span, up: p.trace };
      stack.push({ v: v[i]!, span: item.span, trace, copy: item.copy, depth: (item.depth ?? 0) + 1 });
      if (i > 0) stack.push(",");
    }
  } else if (v instanceof NixAttrs) {
    out.push("{");
    stack.push("}");
    const names = v.sortedNames();
    for (let i = names.length - 1; i >= 0; i--) {
      const n = names[i]!;
      const span = v.pos?.get(n);
      const trace = { message: `while evaluating attribute '${n}'`, span, up: p.trace };
      stack.push({ v: v.get(n)!, span, trace, copy: item.copy, depth: (item.depth ?? 0) + 1 });
      stack.push(JSON.stringify(n) + ":");
      if (i > 0) stack.push(",");
    }
  } else if (isFunction(v)) {
    throw addTraces(typeError(`cannot convert ${showType(v)} to JSON`, item.span), p.trace);
  }
}

function primToJSON(st: EvalState, args: Lazy[]): Value {
  const context = new Set<string>();
  const text = valueToJSON(st, args[0]!, context, true);
  return mkString(text, context);
}

function primFromJSON(args: Lazy[]): Value {
  const text = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.fromJSON");
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new NixError("eval", e.message).addFrame("while decoding a JSON string");
    throw e;
  }
}

function primFromTOML(st: EvalState, args: Lazy[]): Value {
  const text = argStringNoContext(args[0]!, "while evaluating the argument passed to builtins.fromTOML");
  try {
    return parseToml(text, st.features.has("parse-toml-timestamps"));
  } catch (e) {
    if (e instanceof TomlError) throw new NixError("eval", `while parsing TOML: ${e.message}`);
    throw e;
  }
}

function primToXML(args: Lazy[]): Value {
  const context = new Set<string>();
  const text = valueToXML(args[0]!, context);
  return mkString(text, context);
}

export const serialBuiltins: BuiltinGroup = (reg: BuiltinRegistry, st: EvalState) => {
  reg.prim("toJSON", 1, (args) => primToJSON(st, args));
  reg.prim("fromJSON", 1, primFromJSON);
  reg.prim("fromTOML", 1, (args) => primFromTOML(st, args), { global: true });
  reg.prim("toXML", 1, primToXML);
};
