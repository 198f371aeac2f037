/**
 * Explaining why `assert a == b` failed, as current Nix does: the comparison is
 * redone structurally and the first difference is reported with its path
 * (`while comparing attribute 'b'`, `while comparing list element 0`) and the
 * positions of both sides, ending in a message such as
 * `an integer with value '1' is not equal to an integer with value '2'`.
 */
import { NixError } from "./errors.js";
import { eqValues } from "./ops.js";
import { formatFloat, printValueShort } from "./print-short.js";
import type { Span } from "./source.js";
import { force, isFunction, NixAttrs, NixPath, NixString, type Lazy, type Value } from "./values.js";

function describe(v: Value): string {
  if (v === null) return "null of value 'null'";
  if (typeof v === "boolean") return `a Boolean of value '${v}'`;
  if (typeof v === "bigint") return `an integer with value '${v}'`;
  if (typeof v === "number") return `a float with value '${formatFloat(v)}'`;
  if (typeof v === "string" || v instanceof NixString) return `a string with value '${printValueShort(v)}'`;
  if (v instanceof NixPath) return `a path with value '${v.path}'`;
  if (Array.isArray(v)) return `a list of value '${printValueShort(v)}'`;
  if (v instanceof NixAttrs) return `a set of value '${printValueShort(v)}'`;
  return `a function of value '${printValueShort(v)}'`;
}

function kind(v: Value): string {
  if (typeof v === "bigint" || typeof v === "number") return "number";
  if (typeof v === "string" || v instanceof NixString) return "string";
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  if (v instanceof NixPath) return "path";
  if (Array.isArray(v)) return "list";
  if (v instanceof NixAttrs) return "set";
  return "function";
}

function fail(message: string, s?: Span): never {
  throw new NixError("assert", message, s);
}

/**
 * Throw an error describing the first difference between two values that
 * compared unequal. `s` is the position of the `==`.
 */
export function explainInequality(a: Lazy, b: Lazy, s?: Span): never {
  const x = force(a);
  const y = force(b);
  if (kind(x) !== kind(y)) fail(`${describe(x)} is not equal to ${describe(y)}`);
  if (typeof x === "bigint" || typeof x === "number") fail(`${describe(x)} is not equal to ${describe(y)}`);
  if (typeof x === "boolean") fail(`boolean '${x}' is not equal to boolean '${y as boolean}'`);
  if (typeof x === "string" || x instanceof NixString) {
    fail(`string '${printValueShort(x)}' is not equal to string '${printValueShort(y)}'`);
  }
  if (x instanceof NixPath) fail(`path '${x.path}' is not equal to path '${(y as NixPath).path}'`);
  if (isFunction(x)) fail("distinct functions and immediate comparisons of identical functions compare as unequal");
  if (Array.isArray(x)) {
    const ys = y as Lazy[];
    if (x.length !== ys.length) {
      fail(
        `list of size '${x.length}' is not equal to list of size '${ys.length}', left hand side is '${printValueShort(x)}', right hand side is '${printValueShort(ys)}'`,
      );
    }
    for (let i = 0; i < x.length; i++) {
      if (eqValues(x[i]!, ys[i]!, s)) continue;
      try {
        explainInequality(x[i]!, ys[i]!, s);
      } catch (e) {
        if (e instanceof NixError) e.addFrame(`while comparing list element ${i}`, s);
        throw e;
      }
    }
  }
  if (x instanceof NixAttrs) explainAttrs(x, y as NixAttrs, s);
  return fail(`${describe(x)} is not equal to ${describe(y)}`);
}

function explainAttrs(x: NixAttrs, y: NixAttrs, s?: Span): void {
  if (x.isDerivation() && y.isDerivation()) {
    const ox = x.get("outPath");
    const oy = y.get("outPath");
    if (ox !== undefined && oy !== undefined) {
      try {
        explainInequality(ox, oy, s);
      } catch (e) {
        if (e instanceof NixError) e.addFrame("while comparing a derivation by its 'outPath' attribute", s);
        throw e;
      }
    }
  }
  const xn = x.sortedNames();
  const yn = y.sortedNames();
  if (xn.length !== yn.length || xn.some((n, i) => n !== yn[i])) {
    fail(`attribute names of attribute set '${printValueShort(x)}' differs from attribute set '${printValueShort(y)}'`);
  }
  for (const n of xn) {
    if (eqValues(x.get(n)!, y.get(n)!, s)) continue;
    try {
      explainInequality(x.get(n)!, y.get(n)!, s);
    } catch (e) {
      if (e instanceof NixError) {
        e.addFrame("where right hand side is", y.pos?.get(n));
        e.addFrame("where left hand side is", x.pos?.get(n));
        e.addFrame(`while comparing attribute '${n}'`, s);
      }
      throw e;
    }
  }
}
