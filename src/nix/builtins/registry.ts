/**
 * How builtins are declared. Each area file (attrs.ts, lists.ts, …) exports a
 * function that receives the registry and the EvalState and declares its
 * primops and constants. A builtin is reachable as `builtins.<name>`, and in the
 * base scope either under its own name (the few Nix makes global: `map`,
 * `toString`, `import`, …) or as `__<name>`.
 */
import type { Span } from "../source.js";
import { PrimOp, type Lazy, type Value } from "../values.js";
import type { EvalState } from "../state.js";

export type PrimOpFn = (args: Lazy[], span: Span | undefined) => Value;

export interface BuiltinOptions {
  /** Also bound without the `__` prefix in the base scope (`map`, `throw`, …). */
  global?: boolean;
}

export class BuiltinRegistry {
  /** `builtins.<name>` → value. */
  readonly builtins = new Map<string, Lazy>();
  /** Base-scope name → value. */
  readonly globals = new Map<string, Lazy>();

  /** Declare a primop of the given arity (arguments arrive unforced). */
  prim(name: string, arity: number, fn: PrimOpFn, opts: BuiltinOptions = {}): PrimOp {
    const op = new PrimOp(name, arity, fn);
    this.value(name, op, opts);
    return op;
  }

  /** Declare a constant (`builtins.storeDir`, `builtins.nixVersion`, …). */
  value(name: string, v: Lazy, opts: BuiltinOptions = {}): void {
    this.builtins.set(name, v);
    this.globals.set(opts.global ? name : `__${name}`, v);
  }
}

/** A group of builtins. */
export type BuiltinGroup = (reg: BuiltinRegistry, state: EvalState) => void;
