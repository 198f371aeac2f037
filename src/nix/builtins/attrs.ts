/**
 * Attribute-set builtins: `attrNames`, `attrValues`, `getAttr`, `hasAttr`,
 * `isAttrs`, `removeAttrs` (global), `listToAttrs`, `intersectAttrs`,
 * `catAttrs`, `mapAttrs`, `zipAttrsWith`, and `genericClosure`.
 *
 * Laziness follows Nix: `mapAttrs` and `zipAttrsWith` produce pending
 * applications, `listToAttrs` and `catAttrs` never force values, and
 * `listToAttrs` keeps the first occurrence of a name. `genericClosure` keeps
 * its keys in an ordered set driven by Nix's `<` ordering, so duplicate and
 * incomparable keys behave (and fail) as in Nix.
 */
import { NixError } from "../errors.js";
import { callFunction, callFunction2, forceAttrs } from "../ops.js";
import { printValueShort } from "../print-short.js";
import type { Span } from "../source.js";
import { compareStrings, force, NixAttrs, NixString, Thunk, type Lazy, type NixFunction, type Value } from "../values.js";
import { argAttrs, argFunction, argList, argStringNoContext, lessThanValues, withFrame } from "./arith.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";

type Fn = NixFunction | NixAttrs;

/** An attribute that must exist (Nix's `EvalState::getAttr`); `frame` names the set. */
function requireAttr(set: NixAttrs, name: string, frame?: string, s?: Span): Lazy {
  const v = set.get(name);
  if (v !== undefined) return v;
  const err = new NixError("type", `attribute '${name}' missing`, s);
  throw frame === undefined ? err : err.addFrame(frame);
}

/** `f a b`, unevaluated. */
function apply2Lazily(f: Lazy, a: Lazy, b: Lazy, s?: Span): Thunk {
  return Thunk.of(() => callFunction2(force(f), a, b, s), s);
}

// ---------------------------------------------------------------------------
// Inspection.
// ---------------------------------------------------------------------------

function primAttrNames(args: Lazy[]): Value {
  return argAttrs(args[0]!, "while evaluating the argument passed to builtins.attrNames").sortedNames();
}

function primAttrValues(args: Lazy[]): Value {
  const set = argAttrs(args[0]!, "while evaluating the argument passed to builtins.attrValues");
  const names = set.sortedNames();
  const out = new Array<Lazy>(names.length);
  for (let i = 0; i < names.length; i++) out[i] = set.get(names[i]!)!;
  return out;
}

function primGetAttr(args: Lazy[], s: Span | undefined): Value {
  const name = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.getAttr");
  const set = argAttrs(args[1]!, "while evaluating the second argument passed to builtins.getAttr");
  return force(requireAttr(set, name, "in the attribute set under consideration", s));
}

function primHasAttr(args: Lazy[]): Value {
  const name = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.hasAttr");
  return argAttrs(args[1]!, "while evaluating the second argument passed to builtins.hasAttr").has(name);
}

// ---------------------------------------------------------------------------
// Building sets.
// ---------------------------------------------------------------------------

function primRemoveAttrs(args: Lazy[]): Value {
  const set = argAttrs(args[0]!, "while evaluating the first argument passed to builtins.removeAttrs");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.removeAttrs");
  const frame = "while evaluating the values of the second argument passed to builtins.removeAttrs";
  const drop = new Set<string>();
  for (let i = 0; i < list.length; i++) drop.add(argStringNoContext(list[i]!, frame));
  const out = new Map<string, Lazy>();
  for (const [k, v] of set.map) if (!drop.has(k)) out.set(k, v);
  return new NixAttrs(out, set.pos);
}

const PAIR = "in a {name=...; value=...;} pair";

/** The name of one `{ name; value; }` element of `listToAttrs`'s argument. */
function pairName(set: NixAttrs): string {
  const nameV = requireAttr(set, "name", PAIR);
  const frame = "while evaluating the `name` attribute of an element of the list passed to builtins.listToAttrs";
  // The position of `name` (for the error frame) is looked up only on errors.
  let v: Value;
  try {
    v = force(nameV);
  } catch (e) {
    throw withFrame(e, frame, set.pos?.get("name"));
  }
  if (typeof v === "string") return v;
  return argStringNoContext(v, frame, set.pos?.get("name"));
}

function primListToAttrs(args: Lazy[]): Value {
  const list = argList(args[0]!, "while evaluating the argument passed to builtins.listToAttrs");
  // All names are forced before any `value` is looked up; the first occurrence
  // wins. One map: it holds each first pair until the second pass puts its
  // `value` in its place (same keys, same order).
  const out = new Map<string, Lazy | NixAttrs>();
  for (let i = 0; i < list.length; i++) {
    const set = argAttrs(list[i]!, "while evaluating an element of the list passed to builtins.listToAttrs");
    const name = pairName(set);
    if (!out.has(name)) out.set(name, set);
  }
  const names = new Array<string>(out.size);
  const sets = new Array<NixAttrs>(out.size);
  let k = 0;
  for (const [name, set] of out) {
    names[k] = name;
    sets[k++] = set as NixAttrs;
  }
  for (let i = 0; i < names.length; i++) out.set(names[i]!, requireAttr(sets[i]!, "value", PAIR));
  // Positions (of each pair's `value`) are worked out only if someone asks.
  return new NixAttrs(out as Map<string, Lazy>, () => {
    const pos = new Map<string, Span>();
    for (let i = 0; i < names.length; i++) {
      const at = sets[i]!.pos?.get("value");
      if (at) pos.set(names[i]!, at);
    }
    return pos;
  });
}

function primIntersectAttrs(args: Lazy[]): Value {
  const left = argAttrs(args[0]!, "while evaluating the first argument passed to builtins.intersectAttrs");
  const right = argAttrs(args[1]!, "while evaluating the second argument passed to builtins.intersectAttrs");
  const out = new Map<string, Lazy>();
  if (left.size < right.size) {
    for (const k of left.map.keys()) {
      const v = right.get(k);
      if (v !== undefined) out.set(k, v);
    }
  } else {
    for (const [k, v] of right.map) if (left.has(k)) out.set(k, v);
  }
  return new NixAttrs(out, right.pos);
}

function primCatAttrs(args: Lazy[]): Value {
  const name = argStringNoContext(args[0]!, "while evaluating the first argument passed to builtins.catAttrs");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.catAttrs");
  const frame = "while evaluating an element in the list passed as second argument to builtins.catAttrs";
  const out: Lazy[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = argAttrs(list[i]!, frame).get(name);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function primMapAttrs(args: Lazy[], s: Span | undefined): Value {
  const set = argAttrs(args[1]!, "while evaluating the second argument passed to builtins.mapAttrs");
  const f = args[0]!;
  const out = new Map<string, Lazy>();
  for (const [k, v] of set.map) out.set(k, apply2Lazily(f, k, v, s));
  // Nix gives the new attributes no positions (nixpkgs' tests rely on it).
  return new NixAttrs(out);
}

function primZipAttrsWith(args: Lazy[], s: Span | undefined): Value {
  const f = argFunction(args[0]!, "while evaluating the first argument passed to builtins.zipAttrsWith");
  const list = argList(args[1]!, "while evaluating the second argument passed to builtins.zipAttrsWith");
  const frame = "while evaluating a value of the list passed as second argument to builtins.zipAttrsWith";
  const columns = new Map<string, Lazy[]>();
  for (let i = 0; i < list.length; i++) {
    for (const [k, v] of argAttrs(list[i]!, frame).map) {
      const col = columns.get(k);
      if (col === undefined) columns.set(k, [v]);
      else col.push(v);
    }
  }
  const out = new Map<string, Lazy>();
  for (const [k, col] of columns) out.set(k, apply2Lazily(f, k, col, s));
  return new NixAttrs(out);
}

// ---------------------------------------------------------------------------
// genericClosure.
// ---------------------------------------------------------------------------

/** A key that a plain JS Map can hold without changing Nix's ordering semantics. */
function simpleKey(v: Value): bigint | string | undefined {
  if (typeof v === "bigint" || typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  return undefined;
}

function compareSimple(a: bigint | string, b: bigint | string): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  return compareStrings(a as string, b as string);
}

/**
 * The set of keys seen so far, ordered by Nix's `<` (keys `a`, `b` are the same
 * when neither is less). While every key is an integer, or every key a string,
 * a hash map suffices; the first other key turns it into a sorted array
 * searched by binary search with `lessThanValues`.
 */
class KeySet {
  private simple: Map<bigint | string, Lazy> | null = new Map();
  private simpleType: "bigint" | "string" | null = null;
  private keys: Value[] = [];
  private elems: Lazy[] = [];

  /** Insert `key` (of element `elem`); false if an equal key is present. */
  insert(key: Value, elem: Lazy): boolean {
    if (this.simple !== null) {
      const k = simpleKey(key);
      if (k !== undefined && (this.simpleType === null || this.simpleType === typeof k)) {
        this.simpleType = typeof k as "bigint" | "string";
        if (this.simple.has(k)) return false;
        this.simple.set(k, elem);
        return true;
      }
      this.toSorted();
    }
    return this.insertSorted(key, elem);
  }

  private toSorted(): void {
    const entries = [...this.simple!.entries()].sort((a, b) => compareSimple(a[0], b[0]));
    this.keys = entries.map((e) => e[0]);
    this.elems = entries.map((e) => e[1]);
    this.simple = null;
  }

  /** Like `std::map::insert`: find the first key greater than `key` (comparing
   * new against existing), then check the one before it is not equal. */
  private insertSorted(key: Value, elem: Lazy): boolean {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lessThanValues(key, this.keys[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    if (lo > 0 && !lessThanValues(this.keys[lo - 1]!, key)) return false;
    this.keys.splice(lo, 0, key);
    this.elems.splice(lo, 0, elem);
    return true;
  }

  /** The first element (in key order) whose key cannot be compared with `key`. */
  incomparableWith(key: Value): Lazy | undefined {
    for (let i = 0; i < this.keys.length; i++) {
      try {
        lessThanValues(key, this.keys[i]!);
      } catch {
        return this.elems[i];
      }
    }
    return undefined;
  }
}

const GC_ARG = "in the attrset passed as argument to builtins.genericClosure";

function closureKey(e: Lazy): Value {
  try {
    return force(requireAttr(forceAttrs(e), "key"));
  } catch (err) {
    throw withFrame(err, `in genericClosure element ${printValueShort(e)}`);
  }
}

function addKey(keys: KeySet, key: Value, e: Lazy): boolean {
  try {
    return keys.insert(key, e);
  } catch (err) {
    const other = keys.incomparableWith(key);
    if (other !== undefined) {
      withFrame(err, `with element ${printValueShort(other)}`);
      throw withFrame(err, `while comparing element ${printValueShort(e)}`);
    }
    throw withFrame(err, `while checking key of element ${printValueShort(e)}`);
  }
}

function expand(op: Fn, e: Lazy, work: Lazy[], s: Span | undefined): void {
  try {
    const next = argList(callFunction(op, e, s), "while evaluating the return value of the `operator` passed to builtins.genericClosure");
    for (let i = 0; i < next.length; i++) {
      force(next[i]!);
      work.push(next[i]!);
    }
  } catch (err) {
    throw withFrame(err, `while calling operator on genericClosure element ${printValueShort(e)}`);
  }
}

function primGenericClosure(args: Lazy[], s: Span | undefined): Value {
  const arg = argAttrs(args[0]!, "while evaluating the first argument passed to builtins.genericClosure");
  const startSet = requireAttr(arg, "startSet", GC_ARG);
  const start = argList(startSet, "while evaluating the 'startSet' attribute passed as argument to builtins.genericClosure");
  if (start.length === 0) return start;
  const opV = requireAttr(arg, "operator", GC_ARG);
  const op = argFunction(opV, "while evaluating the 'operator' attribute passed as argument to builtins.genericClosure");
  const work = start.slice();
  const keys = new KeySet();
  const out: Lazy[] = [];
  for (let head = 0; head < work.length; head++) {
    const e = work[head]!;
    work[head] = null; // let processed elements be collected
    if (!addKey(keys, closureKey(e), e)) continue;
    out.push(e);
    expand(op, e, work, s);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Registration.
// ---------------------------------------------------------------------------

function registerInspection(reg: BuiltinRegistry): void {
  reg.prim("attrNames", 1, primAttrNames);
  reg.prim("attrValues", 1, primAttrValues);
  reg.prim("getAttr", 2, primGetAttr);
  reg.prim("hasAttr", 2, primHasAttr);
  reg.prim("isAttrs", 1, (args) => force(args[0]!) instanceof NixAttrs);
}

function registerBuilders(reg: BuiltinRegistry): void {
  reg.prim("removeAttrs", 2, primRemoveAttrs, { global: true });
  reg.prim("listToAttrs", 1, primListToAttrs);
  reg.prim("intersectAttrs", 2, primIntersectAttrs);
  reg.prim("catAttrs", 2, primCatAttrs);
  reg.prim("mapAttrs", 2, primMapAttrs);
  reg.prim("zipAttrsWith", 2, primZipAttrsWith);
  reg.prim("genericClosure", 1, primGenericClosure);
}

export const attrsBuiltins: BuiltinGroup = (reg) => {
  registerInspection(reg);
  registerBuilders(reg);
};
