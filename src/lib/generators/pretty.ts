/**
 * `lib.generators.toPretty` and `withRecursion`. `toPretty` renders a value as
 * Nix-like source: multi-line by default (two-space indentation, one element
 * or attribute per line), strings with newlines as `''` strings, functions as
 * `<function>` or `<function, args: {a, b?}>` (functor sets included),
 * derivations as `<derivation name>`, and values carrying `__pretty` printed
 * by their own function when `allowPrettyValues` is set. String context is
 * carried into the result. `withRecursion` lazily replaces everything below a
 * depth limit by a throw or `"<unevaluated>"`.
 */
import { formatJsonFloat } from "../../nix/builtins/json.js";
import { NixError } from "../../nix/errors.js";
import { eqValues } from "../../nix/ops.js";
import { isFunction, mkString } from "../../nix/values.js";
import { escapeNixIdentifier } from "../strings-escape.js";
import { libFunctionArgs, isLibFunctionOneLevel } from "../trivial.js";
import {
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  get,
  lazy,
  NixAttrs,
  NixPath,
  NixString,
  strOf,
  throwError,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "../prim.js";

export interface PrettyOptions {
  readonly allowPrettyValues: boolean;
  readonly multiline: boolean;
  readonly indent: string;
}

/** Read toPretty's option set (`{ allowPrettyValues ? false, multiline ? true, indent ? "" }`). */
export function prettyOptions(o: Lazy): PrettyOptions {
  const set = forceAttrs(o);
  for (const k of set.map.keys()) {
    if (k !== "allowPrettyValues" && k !== "multiline" && k !== "indent") {
      throw new NixError("eval", `function 'toPretty' called with unexpected argument '${k}'`);
    }
  }
  const b = (n: string, d: boolean) => {
    const v = set.get(n);
    return v === undefined ? d : forceBool(v);
  };
  const ind = set.get("indent");
  return {
    allowPrettyValues: b("allowPrettyValues", false),
    multiline: b("multiline", true),
    indent: ind === undefined ? "" : strOf(force(ind)),
  };
}

class Pretty {
  readonly context = new Set<string>();
  constructor(
    readonly ctx: LibContext,
    readonly opts: PrettyOptions,
  ) {}

  private str(v: string | NixString): string {
    if (v instanceof NixString) for (const c of v.context) this.context.add(c);
    return strOf(v);
  }

  go(indent: string, l: Lazy): string {
    const v = force(l);
    const intro = this.opts.multiline ? `\n${indent}  ` : " ";
    const outro = this.opts.multiline ? `\n${indent}` : " ";
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number") return formatJsonFloat(v);
    if (typeof v === "string" || v instanceof NixString) return this.string(this.str(v), intro, outro);
    if (v === true) return "true";
    if (v === false) return "false";
    if (v === null) return "null";
    if (v instanceof NixPath) return v.path;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[ ]";
      return "[" + intro + v.map((x) => this.go(indent + "  ", x)).join(intro) + outro + "]";
    }
    if (isFunction(v) || (v instanceof NixAttrs && isLibFunctionOneLevel(v))) {
      const fna = force(libFunctionArgs(this.ctx, v)) as NixAttrs;
      if (fna.size === 0) return "<function>";
      const shown = fna.sortedNames().map((n) => (forceBool(fna.get(n)!) ? n + "?" : n));
      return `<function, args: {${shown.join(", ")}}>`;
    }
    if (v instanceof NixAttrs) return this.attrs(v, indent, intro, outro);
    throw new NixError("abort", "generators.toPretty: should never happen");
  }

  private string(s: string, intro: string, outro: string): string {
    const lines = s.split("\n");
    if (this.opts.multiline && lines.length > 1) {
      const esc = lines.map((x) => x.replaceAll("''", "'''").replaceAll("${", "''${"));
      const last = esc[esc.length - 1]!;
      return "''" + intro + esc.slice(0, -1).join(intro) + (last === "" ? outro : intro + last) + "''";
    }
    return '"' + lines.map(escapeSingleLine).join("\\n") + '"';
  }

  private attrs(v: NixAttrs, indent: string, intro: string, outro: string): string {
    if (this.opts.allowPrettyValues && v.has("__pretty") && v.has("val")) {
      const r = call(v.get("__pretty")!, v.get("val")!);
      if (typeof r === "string" || r instanceof NixString) return this.str(r);
      throw new NixError("type", `cannot coerce ${typeof r} to a string`);
    }
    if (v.size === 0) return "{ }";
    if (v.has("type") && eqValues(v.get("type")!, "derivation")) {
      const name = v.get("name");
      return `<derivation ${name === undefined ? "???" : this.str(force(name) as string)}>`;
    }
    const parts = v.sortedNames().map((name) => {
      let inner: string;
      try {
        inner = this.go(indent + "  ", v.get(name)!);
      } catch (e) {
        if (e instanceof NixError) e.addFrame(`while evaluating an attribute \`${name}\``);
        throw e;
      }
      return `${escapeNixIdentifier(name)} = ${inner};`;
    });
    return "{" + intro + parts.join(intro) + outro + "}";
  }
}

function escapeSingleLine(s: string): string {
  return s.replace(/\\|"|\$\{/g, (m) => "\\" + m);
}

/** Render `v` as toPretty does, returning the characters only. */
export function prettyValue(ctx: LibContext, v: Lazy, opts: PrettyOptions): string {
  return new Pretty(ctx, opts).go(opts.indent, v);
}

/** Render `v` as toPretty does, keeping the context of strings inside. */
export function prettyString(ctx: LibContext, v: Lazy, opts: PrettyOptions): Value {
  const p = new Pretty(ctx, opts);
  const s = p.go(opts.indent, v);
  return mkString(s, p.context);
}

/** `toPretty {}` with default options, for error messages. */
export function prettyDefault(ctx: LibContext, v: Lazy): string {
  return prettyValue(ctx, v, { allowPrettyValues: false, multiline: true, indent: "" });
}

const SPECIAL_ATTRS = new Set(["__functor", "__functionArgs", "__toString", "__pretty"]);

function withRecursion(argsL: Lazy, v: Lazy): Value {
  const args = force(argsL) as NixAttrs;
  const limitL = get(args, "depthLimit");
  const throwOnL = args.get("throwOnDepthLimit");
  const limit = force(limitL);
  if (typeof limit !== "bigint") throw new NixError("assert", "assertion '(isInt depthLimit)' failed");
  const transform = (depth: number, x: Lazy): Lazy => {
    if (BigInt(depth) > limit) {
      if (throwOnL === undefined || forceBool(throwOnL)) {
        return lazy(() => {
          throw throwError(`Exceeded maximum eval-depth limit of ${limit} while trying to evaluate with \`generators.withRecursion'!`);
        });
      }
      return "<unevaluated>";
    }
    return x;
  };
  const mapAny = (depth: number, x: Lazy): Value => {
    const val = force(x);
    const evalNext = (y: Lazy): Thunk => lazy(() => mapAny(depth + 1, transform(depth + 1, y)));
    if (val instanceof NixAttrs) {
      const m = new Map<string, Lazy>();
      for (const [k, y] of val.map) m.set(k, SPECIAL_ATTRS.has(k) ? y : evalNext(y));
      return new NixAttrs(m);
    }
    if (Array.isArray(val)) return val.map(evalNext);
    return force(transform(depth + 1, val));
  };
  return mapAny(0, v);
}

export function prettyGenerators(ctx: LibContext): Record<string, Lazy> {
  return {
    toPretty: fn("lib.generators.toPretty", 2, ([o, v]) => prettyString(ctx, v!, prettyOptions(o!))),
    withRecursion: fn("lib.generators.withRecursion", 2, ([a, v]) => withRecursion(a!, v!)),
  };
}
