/**
 * Arithmetic, comparison and type-predicate builtins: `add` `sub` `mul` `div`,
 * `bitAnd` `bitOr` `bitXor`, `lessThan`, `ceil` `floor`, `typeOf`, `isNull`,
 * `isFunction` `isInt` `isFloat` `isString` `isBool` `isPath`.
 *
 * Also home to what the attrs and lists groups share: argument forcing that adds
 * Nix's "while evaluating the … argument passed to builtins.X" frame
 * (`argList`, `argAttrs`, …) and `lessThanValues`, Nix's value ordering with
 * its current error wording (used by `lessThan`, `sort` and `genericClosure`).
 */
import { NixError } from "../errors.js";
import { checkInt, eqValues, forceAttrs, forceBool, forceFloat, forceFunction, forceInt, forceList, forceStringNoContext } from "../ops.js";
import { formatFloat, printValueShort } from "../print-short.js";
import type { Span } from "../source.js";
import {
  compareStrings,
  force,
  isFunction,
  NixAttrs,
  NixPath,
  NixString,
  showType,
  typeOf,
  type Lazy,
  type NixFunction,
  type Value,
} from "../values.js";
import type { BuiltinGroup, BuiltinRegistry } from "./registry.js";

// ---------------------------------------------------------------------------
// Shared helpers: forcing an argument and naming it in the trace on failure.
// ---------------------------------------------------------------------------

/** Add a context frame to a Nix error (other exceptions pass unchanged). */
export function withFrame(e: unknown, message: string, s?: Span): unknown {
  if (e instanceof NixError) e.addFrame(message, s);
  return e;
}

export function argList(l: Lazy, frame: string, s?: Span): Lazy[] {
  try {
    return forceList(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argAttrs(l: Lazy, frame: string, s?: Span): NixAttrs {
  try {
    return forceAttrs(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argFunction(l: Lazy, frame: string, s?: Span): NixFunction | NixAttrs {
  try {
    return forceFunction(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argInt(l: Lazy, frame: string, s?: Span): bigint {
  try {
    return forceInt(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argFloat(l: Lazy, frame: string, s?: Span): number {
  try {
    return forceFloat(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argBool(l: Lazy, frame: string, s?: Span): boolean {
  try {
    return forceBool(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

export function argStringNoContext(l: Lazy, frame: string, s?: Span): string {
  try {
    return forceStringNoContext(l, s);
  } catch (e) {
    throw withFrame(e, frame, s);
  }
}

// ---------------------------------------------------------------------------
// Ordering (Nix's CompareValues).
// ---------------------------------------------------------------------------

function isNumber(v: Value): v is bigint | number {
  return typeof v === "bigint" || typeof v === "number";
}

function isStringValue(v: Value): v is string | NixString {
  return typeof v === "string" || v instanceof NixString;
}

function incomparable(x: Value, y: Value, sameType: boolean): NixError {
  const tx = showType(x);
  const ty = showType(y);
  const px = printValueShort(x);
  const py = printValueShort(y);
  const msg = sameType
    ? `cannot compare ${tx} with ${ty}; values of that type are incomparable (values are ${px} and ${py})`
    : `cannot compare ${tx} with ${ty}; values are ${px} and ${py}`;
  return new NixError("eval", msg);
}

/** True if `typeOf` would report the same type for both. */
function sameNixType(x: Value, y: Value): boolean {
  return typeOf(x) === typeOf(y);
}

function listLess(x: Lazy[], y: Lazy[], s?: Span): boolean {
  for (let i = 0; ; i++) {
    if (i === y.length) return false;
    if (i === x.length) return true;
    if (!eqValues(x[i]!, y[i]!, s)) return lessThanValues(x[i]!, y[i]!, "while comparing two list elements", s);
  }
}

function lessUnframed(x: Value, y: Value, s?: Span): boolean {
  if (typeof x === "bigint" && typeof y === "bigint") return x < y;
  if (isNumber(x) && isNumber(y)) return Number(x) < Number(y);
  if (isStringValue(x) && isStringValue(y)) {
    return compareStrings(typeof x === "string" ? x : x.s, typeof y === "string" ? y : y.s) < 0;
  }
  if (!sameNixType(x, y)) throw incomparable(x, y, false);
  if (x instanceof NixPath && y instanceof NixPath) return compareStrings(x.path, y.path) < 0;
  if (Array.isArray(x) && Array.isArray(y)) return listLess(x, y, s);
  throw incomparable(x, y, true);
}

/**
 * `a < b` with Nix's semantics: numbers (int and float mix), strings, paths,
 * lists lexicographically. Other types throw "cannot compare …". `context`, when
 * not empty, is added as a frame to any error.
 */
export function lessThanValues(a: Lazy, b: Lazy, context = "", s?: Span): boolean {
  try {
    return lessUnframed(force(a), force(b), s);
  } catch (e) {
    if (context !== "") withFrame(e, context);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Arithmetic.
// ---------------------------------------------------------------------------

type ArithName = "addition" | "subtraction" | "multiplication";

/** The frame Nix adds when an operand of `add`/`sub`/`mul` has the wrong type. */
function operandFrame(which: "first" | "second", op: ArithName, floatBranch: boolean): string {
  // Nix's float branch of `mul` says "the first of the multiplication".
  if (floatBranch && op === "multiplication" && which === "first") return "while evaluating the first of the multiplication";
  return `while evaluating the ${which} argument of the ${op}`;
}

function binaryArith(
  args: Lazy[],
  op: ArithName,
  onFloat: (x: number, y: number) => number,
  onInt: (x: bigint, y: bigint) => bigint,
): Value {
  const a = force(args[0]!);
  const b = force(args[1]!);
  if (typeof a === "number" || typeof b === "number") {
    const x = argFloat(a, operandFrame("first", op, true));
    const y = argFloat(b, operandFrame("second", op, true));
    return onFloat(x, y);
  }
  const i = argInt(a, operandFrame("first", op, false));
  const j = argInt(b, operandFrame("second", op, false));
  return onInt(i, j);
}

function primAdd(args: Lazy[], s: Span | undefined): Value {
  return binaryArith(
    args,
    "addition",
    (x, y) => x + y,
    (x, y) => checkInt(x + y, "adding", x, y, s),
  );
}

function primSub(args: Lazy[], s: Span | undefined): Value {
  return binaryArith(
    args,
    "subtraction",
    (x, y) => x - y,
    (x, y) => checkInt(x - y, "subtracting", x, y, s),
  );
}

function primMul(args: Lazy[], s: Span | undefined): Value {
  return binaryArith(
    args,
    "multiplication",
    (x, y) => x * y,
    (x, y) => checkInt(x * y, "multiplying", x, y, s),
  );
}

function primDiv(args: Lazy[], s: Span | undefined): Value {
  const a = force(args[0]!);
  const b = force(args[1]!);
  const divisor = argFloat(b, "while evaluating the second operand of the division");
  if (divisor === 0) throw new NixError("eval", "division by zero", s);
  if (typeof a === "number" || typeof b === "number") {
    return argFloat(a, "while evaluating the first operand of the division") / divisor;
  }
  const i = argInt(a, "while evaluating the first operand of the division");
  const j = argInt(b, "while evaluating the second operand of the division");
  return checkInt(i / j, "dividing", i, j, s);
}

function bitOp(name: string, f: (x: bigint, y: bigint) => bigint) {
  return (args: Lazy[]): Value => {
    const x = argInt(args[0]!, `while evaluating the first argument passed to builtins.${name}`);
    const y = argInt(args[1]!, `while evaluating the second argument passed to builtins.${name}`);
    return f(x, y);
  };
}

/** `builtins.lessThan`; `sort` recognises this function to skip the call. */
export function primLessThan(args: Lazy[], s: Span | undefined): Value {
  return lessThanValues(args[0]!, args[1]!, "", s);
}

// ---------------------------------------------------------------------------
// ceil / floor.
// ---------------------------------------------------------------------------

const INT_MIN_FLOAT = -9223372036854775808; // -2^63, exact as a double

const BUG_URL = "https://github.com/NixOS/nix/issues/12899";

function roundToInt(name: "ceil" | "floor", round: (x: number) => number, l: Lazy, s?: Span): bigint {
  const raw = force(l);
  const x = argFloat(raw, `while evaluating the first argument passed to builtins.${name}`);
  const r = round(x);
  const isInt = typeof raw === "bigint";
  if (!(r >= INT_MIN_FLOAT && r < -INT_MIN_FLOAT)) {
    if (isInt) {
      throw new NixError(
        "eval",
        `Due to a bug (see ${BUG_URL}) the NixInt argument ${raw} caused undefined behavior in previous Nix versions.\n\tFuture Nix versions might implement the correct behavior.`,
        s,
      );
    }
    throw new NixError("eval", `NixFloat argument ${formatFloat(x)} is not in the range of NixInt`, s);
  }
  const res = BigInt(r);
  if (isInt && res !== raw) {
    throw new NixError(
      "eval",
      `Due to a bug (see ${BUG_URL}) a loss of precision occurred in previous Nix versions because the NixInt argument ${raw} was rounded to ${res}.\n\tFuture Nix versions might implement the correct behavior.`,
      s,
    );
  }
  return res;
}

// ---------------------------------------------------------------------------
// Registration.
// ---------------------------------------------------------------------------

function predicate(reg: BuiltinRegistry, name: string, test: (v: Value) => boolean, global = false): void {
  reg.prim(name, 1, (args) => test(force(args[0]!)), { global });
}

function registerPredicates(reg: BuiltinRegistry): void {
  reg.prim("typeOf", 1, (args) => typeOf(force(args[0]!)));
  predicate(reg, "isNull", (v) => v === null, true);
  predicate(reg, "isFunction", (v) => isFunction(v));
  predicate(reg, "isInt", (v) => typeof v === "bigint");
  predicate(reg, "isFloat", (v) => typeof v === "number");
  predicate(reg, "isString", (v) => isStringValue(v));
  predicate(reg, "isBool", (v) => typeof v === "boolean");
  predicate(reg, "isPath", (v) => v instanceof NixPath);
}

function registerArith(reg: BuiltinRegistry): void {
  reg.prim("add", 2, primAdd);
  reg.prim("sub", 2, primSub);
  reg.prim("mul", 2, primMul);
  reg.prim("div", 2, primDiv);
  reg.prim(
    "bitAnd",
    2,
    bitOp("bitAnd", (x, y) => x & y),
  );
  reg.prim(
    "bitOr",
    2,
    bitOp("bitOr", (x, y) => x | y),
  );
  reg.prim(
    "bitXor",
    2,
    bitOp("bitXor", (x, y) => x ^ y),
  );
  reg.prim("lessThan", 2, primLessThan);
  reg.prim("ceil", 1, (args, s) => roundToInt("ceil", Math.ceil, args[0]!, s));
  reg.prim("floor", 1, (args, s) => roundToInt("floor", Math.floor, args[0]!, s));
}

export const arithBuiltins: BuiltinGroup = (reg) => {
  registerArith(reg);
  registerPredicates(reg);
};
