/**
 * Compiling the operators: `!` and unary `-`, and the binary operators
 * (comparison, Boolean, `//`, `++`, arithmetic, pipes), with fast paths for
 * the common integer cases. Split from compile.ts; the Compiler calls these.
 */
import type * as ast from "./ast.js";
import type { Compiler, Scope } from "./compile.js";
import { NixError } from "./errors.js";
import { addValues, arith, lessThan } from "./operators.js";
import { callFunction, eqValues, forceAttrs, forceBool, forceList } from "./ops.js";
import type { Span } from "./source.js";
import { copyMap, NixAttrs, UPDATE_UNDER, UPDATE_WITH, type Code, type Lazy, type OpenAttrsMap } from "./values.js";

export function compileUnary(c: Compiler, e: ast.Unary, sc: Scope): Code {
  const operand = c.code(e.expr, sc);
  const s = e.span;
  if (e.op === "!") {
    return (env) => !forceBool(operand(env), s);
  }
  return (env) => arith("-", 0n, operand(env), s);
}

export function compileBinary(c: Compiler, e: ast.Binary, sc: Scope): Code {
  if (e.op === "|>" || e.op === "<|") {
    // `x |> f` is `f x`; `f <| x` is `f x`.
    const [fnE, argE] = e.op === "|>" ? [e.right, e.left] : [e.left, e.right];
    const fn = c.code(fnE, sc);
    const arg = c.lazy(argE, sc);
    const ps = e.span;
    return (env) => callFunction(fn(env), arg(env), ps);
  }
  const l = c.code(e.left, sc);
  const r = c.code(e.right, sc);
  const s = e.span;
  // The closures below capture spans, never `e`: compiled code must not keep the syntax tree alive.
  const ls = e.left.span;
  const rs = e.right.span;
  const st = c.state;
  switch (e.op) {
    case "==":
      return (env) => {
        const a = l(env);
        const b = r(env);
        return typeof a === "bigint" && typeof b === "bigint" ? a === b : eqValues(a, b, s, true);
      };
    case "!=":
      return (env) => {
        const a = l(env);
        const b = r(env);
        return typeof a === "bigint" && typeof b === "bigint" ? a !== b : !eqValues(a, b, s, true);
      };
    case "<":
      return (env) => {
        const a = l(env);
        const b = r(env);
        return typeof a === "bigint" && typeof b === "bigint" ? a < b : lessThan(a, b, s);
      };
    case ">":
      return (env) => {
        const a = l(env);
        return lessThan(r(env), a, s);
      };
    case "<=":
      return (env) => {
        const a = l(env);
        return !lessThan(r(env), a, s);
      };
    case ">=":
      return (env) => !lessThan(l(env), r(env), s);
    case "&&":
      return (env) => forceBool(l(env), ls) && forceBool(r(env), rs);
    case "||":
      return (env) => forceBool(l(env), ls) || forceBool(r(env), rs);
    case "->":
      return (env) => !forceBool(l(env), ls) || forceBool(r(env), rs);
    case "//":
      return (env) => {
        const a = forceAttrs(l(env), ls);
        const b = forceAttrs(r(env), rs);
        if (b.size === 0) return a;
        if (a.size === 0) return b;
        const open = (a.map as Partial<OpenAttrsMap>)[UPDATE_WITH];
        const openRight = (b.map as Partial<OpenAttrsMap>)[UPDATE_UNDER];
        let map: Map<string, Lazy>;
        if (open !== undefined) map = open.call(a.map, b);
        else if (openRight !== undefined) map = openRight.call(b.map, a);
        else {
          map = copyMap(a.map);
          for (const [k, v] of b.map) map.set(k, v);
        }
        // Merged positions only when asked for: chains of `//` stay linear.
        return new NixAttrs(map, () => {
          const pa = a.pos;
          const pb = b.pos;
          if (!pa && !pb) return undefined;
          const pos = pa ? copyMap(pa) : new Map<string, Span>();
          if (pb) for (const [k, v] of pb) pos.set(k, v);
          return pos;
        });
      };
    case "++":
      return (env) => {
        const a = forceList(l(env), ls);
        const b = forceList(r(env), rs);
        if (b.length === 0) return a;
        if (a.length === 0) return b;
        return a.concat(b);
      };
    case "+":
      return (env) => {
        const a = l(env);
        return addValues(st, a, r(env), s);
      };
    case "-":
    case "*":
    case "/": {
      const op = e.op;
      return (env) => {
        const a = l(env);
        return arith(op, a, r(env), s);
      };
    }
    default:
      throw new NixError("parse", `unknown operator ${e.op}`, e.opSpan);
  }
}
