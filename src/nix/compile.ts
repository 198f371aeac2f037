/**
 * The evaluator: compiles a syntax tree into closures ("closure compilation") that
 * run against runtime environments. Variables are resolved statically to
 * (depth, slot) pairs when a lexical binding exists; only names that no lexical
 * scope binds are looked up dynamically in the enclosing `with` scopes, innermost
 * first, which gives Nix's rule that `with` never shadows a lexical binding.
 * Each node compiles twice over at most: `code` (evaluate to weak head normal
 * form) and `lazy` (produce a value or a thunk without evaluating anything).
 * The closures themselves are made in compile-closures.ts, so that compiled code
 * keeps neither the Compiler, the Scopes nor the syntax tree alive; a Lambda
 * value keeps a LambdaNode (the lambda without its body), not the tree.
 */
import type * as ast from "./ast.js";
import { didYouMean, NixError } from "./errors.js";
import { concatParts } from "./operators.js";
import { callFunction, eqValues } from "./ops.js";
import { canonPath } from "./paths.js";
import { explainInequality } from "./assert-equal.js";
import { printAst } from "./print-ast.js";
import { compileBinary, compileUnary } from "./compile-operators.js";
import {
  AttrPositions,
  attrsCode,
  call1Code,
  callNCode,
  constant,
  dynamicCode,
  formalsLambdaImpl,
  hasAttrCode,
  ifCode,
  inheritBinding,
  inheritFromBinding,
  lambdaCode,
  letCode,
  listCode,
  notBool,
  plainLambdaImpl,
  readLazy,
  readStrict,
  readWith,
  recAttrsCode,
  recFill,
  selectDynamic,
  selectOne,
  selectPath,
  strCode,
  ThunkSite,
  withCode,
  lazyCode,
  type BindingSpec,
  type DynamicCode,
  type LazyCode,
  type LazySpec,
} from "./compile-closures.js";
import { LambdaNode } from "./lambda-node.js";
import type { ParseOptions } from "./parse-cursor.js";
import type { Span } from "./source.js";
import { Env, NixAttrs, NixPath, type Code, type LambdaImpl } from "./values.js";
import type { EvalState } from "./state.js";

export { missingAttr } from "./compile-closures.js";

/** A compile-time scope, mirroring one runtime Env. */
export class Scope {
  constructor(
    readonly names: Map<string, number>,
    readonly up: Scope | null,
    readonly isWith = false,
    /** The scope of a lambda without formals: its runtime Env keeps the argument in `one`. */
    readonly isArg = false,
  ) {}
}

type Resolved = { kind: "static"; depth: number; slot: number; isArg: boolean } | { kind: "with"; withDepths: number[] } | { kind: "none" };

function resolve(sc: Scope, name: string): Resolved {
  const withDepths: number[] = [];
  let depth = 0;
  for (let s: Scope | null = sc; s; s = s.up, depth++) {
    if (s.isWith) {
      withDepths.push(depth);
      continue;
    }
    const slot = s.names.get(name);
    if (slot !== undefined) return { kind: "static", depth, slot, isArg: s.isArg };
  }
  return withDepths.length > 0 ? { kind: "with", withDepths } : { kind: "none" };
}

/** Every name a scope chain binds (for "Did you mean" on an undefined variable). */
function namesInScope(sc: Scope): Set<string> {
  const out = new Set<string>();
  for (let s: Scope | null = sc; s; s = s.up) for (const n of s.names.keys()) if (!n.startsWith("__")) out.add(n);
  return out;
}

export class Compiler {
  /** The parse options that decide a tree, for re-parsing a lambda's body (see LambdaNode). */
  private readonly reparseOptions: ParseOptions;

  constructor(readonly state: EvalState) {
    this.reparseOptions = { pipeOperators: state.features.has("pipe-operators"), pureEval: state.pure };
  }

  /** Compile an expression to strict code. */
  code(e: ast.Expr, sc: Scope): Code {
    switch (e.kind) {
      case "int":
      case "float":
        return constant(e.value);
      case "str":
        return this.str(e, sc);
      case "path":
        return this.path(e, sc);
      case "searchPath":
        return this.searchPath(e, sc);
      case "var":
        return this.variable(e, sc);
      case "select":
        return this.select(e, sc);
      case "hasAttr":
        return this.hasAttr(e, sc);
      case "attrs":
        return this.attrs(e, sc);
      case "list":
        return listCode(e.items.map((i) => this.lazySpec(i, sc)));
      case "let":
        return this.letIn(e, sc);
      case "with":
        return this.withExpr(e, sc);
      case "if":
        return ifCode(this.code(e.cond, sc), this.code(e.then, sc), this.code(e.else, sc), e.cond.span);
      case "assert":
        return this.assertExpr(e, sc);
      case "lambda":
        return this.lambda(e, sc);
      case "call":
        return this.call(e, sc);
      case "unary":
        return compileUnary(this, e, sc);
      case "binary":
        return compileBinary(this, e, sc);
      case "curPos": {
        const { line, column } = e.span.source.position(e.span.start);
        return constant(
          NixAttrs.from([
            ["file", e.span.source.path],
            ["line", BigInt(line)],
            ["column", BigInt(column)],
          ]),
        );
      }
    }
  }

  /** Compile an expression to code that yields a value or a thunk without evaluating. */
  lazy(e: ast.Expr, sc: Scope): LazyCode {
    return lazyCode(this.lazySpec(e, sc));
  }

  /** `lazy`, as a LazySpec: literals and thunks without code of their own. */
  private lazySpec(e: ast.Expr, sc: Scope): LazySpec {
    switch (e.kind) {
      case "int":
      case "float":
        return e.value;
      case "str":
        if (!e.uri && e.parts.every((p) => typeof p === "string")) return (e.parts as string[]).join("");
        break;
      case "var": {
        const r = resolve(sc, e.name);
        if (r.kind === "static") return readLazy(r.depth, r.slot, r.isArg);
        break;
      }
      case "lambda":
        return this.lambda(e, sc);
    }
    return new ThunkSite(this.code(e, sc), e.span);
  }

  private variable(e: ast.Var, sc: Scope): Code {
    const r = resolve(sc, e.name);
    const name = e.name;
    const s = e.span;
    if (r.kind === "static") return readStrict(r.depth, r.slot, r.isArg);
    if (r.kind === "with") return readWith(r.withDepths, name, s);
    // Nix offers no suggestion here; we do, for names long enough to be typos.
    throw new NixError("parse", `undefined variable '${name}'`, s, name.length >= 3 ? didYouMean(name, namesInScope(sc)) : []);
  }

  private str(e: ast.Str, sc: Scope): Code {
    if (e.parts.every((p) => typeof p === "string")) return constant((e.parts as string[]).join(""));
    const parts = e.parts.map((p) => (typeof p === "string" ? p : this.code(p, sc)));
    const spans = e.parts.map((p) => (typeof p === "string" ? e.span : p.span));
    return strCode(this.state, parts, spans, e.span);
  }

  private path(e: ast.PathLit, sc: Scope): Code {
    const st = this.state;
    const base = pathBase(st, e.origin, e.span);
    if (e.parts.every((p) => typeof p === "string")) return pathConstant(base, (e.parts as string[]).join(""), e.span);
    const first = typeof e.parts[0] === "string" ? e.parts[0] : "";
    const rest = typeof e.parts[0] === "string" ? e.parts.slice(1) : e.parts;
    const codes = rest.map((p) => (typeof p === "string" ? p : this.code(p, sc)));
    const spans = rest.map((p) => (typeof p === "string" ? e.span : p.span));
    return pathInterpolated(st, base, first, codes, spans, e.span);
  }

  private searchPath(e: ast.SearchPath, sc: Scope): Code {
    const findFile = this.variable({ kind: "var", name: "__findFile", span: e.span }, sc);
    const nixPath = this.lazy({ kind: "var", name: "__nixPath", span: e.span }, sc);
    const p = e.path;
    const s = e.span;
    return (env) => callFunction(callFunction(findFile(env), nixPath(env), s), p, s);
  }

  private attrName(n: ast.AttrName, sc: Scope): string | Code {
    if (n.kind === "static") return n.name;
    // `"${x}"` and `${x}` both evaluate to a string (null allowed only in bindings).
    return this.code(n.expr, sc);
  }

  private select(e: ast.Select, sc: Scope): Code {
    const obj = this.code(e.expr, sc);
    const names = e.path.map((n) => this.attrName(n, sc));
    const def = e.default ? this.code(e.default, sc) : null;
    const s = e.span;
    if (names.length === 1 && def === null) {
      const n = names[0]!;
      return typeof n === "string" ? selectOne(obj, n, s) : selectDynamic(obj, n, s);
    }
    return selectPath(obj, names, def, s);
  }

  private hasAttr(e: ast.HasAttr, sc: Scope): Code {
    return hasAttrCode(
      this.code(e.expr, sc),
      e.path.map((n) => this.attrName(n, sc)),
      e.span,
    );
  }

  /** Build the runtime slots of a `rec`/`let` scope. Returns a function filling `vals`. */
  private recBindings(bindings: readonly ast.Binding[], inheritFrom: readonly ast.Expr[], sc: Scope, inner: Scope): (env: Env) => void {
    const fromCodes = mapList(inheritFrom, (f) => this.code(f, inner));
    const fillers: BindingSpec[] = bindings.map((b) => {
      if (b.kind === "plain") return this.lazyNamed(b.value, inner, b.name, true);
      if (b.kind === "inherit") return inheritBinding(this.lazy(b.value, sc));
      return inheritFromBinding(b.from!, b.name, b.span);
    });
    return recFill(
      fillers,
      fromCodes,
      mapList(inheritFrom, (f) => f.span),
    );
  }

  /** Like `lazy`, but names a lambda after the binding it is assigned to (for traces). */
  private lazyNamed(e: ast.Expr, sc: Scope, name: string, ownScope: boolean): LazySpec {
    if (e.kind === "lambda") return this.lambda(e, sc, name);
    return ownScope ? this.lazyInScope(e, sc) : this.lazySpec(e, sc);
  }

  /**
   * `lazy` for a value stored into the scope being built (rec/let bindings,
   * formal defaults): a variable of that same scope may not be filled yet, so it
   * gets a thunk instead of a copy of its slot.
   */
  private lazyInScope(e: ast.Expr, sc: Scope): LazySpec {
    if (e.kind === "var") {
      const r = resolve(sc, e.name);
      if (r.kind === "static" && r.depth === 0) return new ThunkSite(this.code(e, sc), e.span);
    }
    return this.lazySpec(e, sc);
  }

  private letIn(e: ast.Let, sc: Scope): Code {
    const names = new Map<string, number>();
    e.bindings.forEach((b, i) => names.set(b.name, i));
    const inner = new Scope(names, sc);
    const fill = this.recBindings(e.bindings, e.inheritFrom, sc, inner);
    return letCode(e.bindings.length, fill, this.code(e.body, inner));
  }

  private attrs(e: ast.Attrs, sc: Scope): Code {
    const names = mapList(e.bindings, (b) => b.name);
    const pos = new AttrPositions(
      names,
      mapList(e.bindings, (b) => b.span),
    );
    if (e.rec) {
      const slots = new Map<string, number>();
      names.forEach((nm, i) => slots.set(nm, i));
      const inner = new Scope(slots, sc);
      const fill = this.recBindings(e.bindings, e.inheritFrom, sc, inner);
      const overridesSlot = slots.get("__overrides") ?? -1;
      const overrides = overridesSlot >= 0 ? { slots, slot: overridesSlot, span: e.bindings[overridesSlot]!.span } : null;
      return recAttrsCode(names, fill, this.dynamicBindings(e, inner), pos, overrides);
    }
    const fromCodes = mapList(e.inheritFrom, (f) => this.code(f, sc));
    const values = mapList(e.bindings, (b): BindingSpec =>
      b.kind !== "inheritFrom" ? this.lazyNamed(b.value, sc, b.name, false) : inheritFromBinding(b.from!, b.name, b.span),
    );
    return attrsCode(
      names,
      values,
      fromCodes,
      mapList(e.inheritFrom, (f) => f.span),
      this.dynamicBindings(e, sc),
      pos,
    );
  }

  private dynamicBindings(e: ast.Attrs, sc: Scope): DynamicCode | null {
    if (e.dynamic.length === 0) return null;
    return dynamicCode(e.dynamic.map((d) => ({ name: this.code(d.name, sc), value: this.lazy(d.value, sc), span: d.span })));
  }

  private withExpr(e: ast.With, sc: Scope): Code {
    const scope = this.lazy(e.scope, sc);
    const inner = new Scope(new Map(), sc, true);
    return withCode(scope, this.code(e.body, inner));
  }

  private assertExpr(e: ast.Assert, sc: Scope): Code {
    const body = this.code(e.body, sc);
    const text = printAst(e.cond);
    const cond = e.cond;
    if (cond.kind === "binary" && cond.op === "==") {
      // Current Nix explains a failed `assert a == b` by the first difference.
      return assertEqCode(this.code(cond.left, sc), this.code(cond.right, sc), cond.opSpan, body, text, e.span);
    }
    return assertCode(this.code(cond, sc), cond.span, body, text, e.span);
  }

  private lambdaImpl(e: ast.Lambda, sc: Scope, name: string | undefined): LambdaImpl {
    const names = new Map<string, number>();
    const formals = e.formals;
    if (formals) formals.entries.forEach((f, i) => names.set(f.name, i));
    const argSlot = formals ? formals.entries.length : 0;
    if (e.arg !== undefined) names.set(e.arg, argSlot);
    const inner = new Scope(names, sc, false, !formals);
    let innerLambda: LambdaImpl["inner"];
    let body: Code;
    if (e.body.kind === "lambda") {
      // Nix names the inner lambdas of a curried definition after it too.
      const innerImpl = this.lambdaImpl(e.body, inner, name);
      const node = new LambdaNode(e.body, this.reparseOptions);
      innerLambda = { node, impl: innerImpl };
      body = lambdaCode(node, innerImpl);
    } else body = this.code(e.body, inner);
    let impl: LambdaImpl;
    if (formals) {
      const entries = formals.entries;
      const fnames = entries.map((f) => f.name);
      impl = formalsLambdaImpl(
        {
          names: fnames,
          defaults: entries.map((f) => (f.default ? this.lazyInScope(f.default, inner) : null)),
          known: new Set(fnames),
          ellipsis: formals.ellipsis,
          hasArg: e.arg !== undefined,
          span: e.span,
        },
        body,
      );
    } else impl = plainLambdaImpl(body);
    if (name !== undefined) impl.name = name;
    if (!formals && innerLambda !== undefined) impl.inner = innerLambda;
    return impl;
  }

  private lambda(e: ast.Lambda, sc: Scope, name?: string): Code {
    return lambdaCode(new LambdaNode(e, this.reparseOptions), this.lambdaImpl(e, sc, name));
  }

  private call(e: ast.Call, sc: Scope): Code {
    const fn = this.code(e.fn, sc);
    const args = e.args.map((a) => this.lazySpec(a, sc));
    return args.length === 1 ? call1Code(fn, args[0]!, e.span) : callNCode(fn, args, e.span);
  }
}

const EMPTY: readonly never[] = [];

/** `xs.map(f)`, or one shared empty array: compiled code keeps these, and most sets inherit from nothing. */
function mapList<T, U>(xs: readonly T[], f: (x: T) => U): readonly U[] {
  return xs.length === 0 ? EMPTY : xs.map(f);
}

/** How a path literal's first part becomes absolute (`~/…`, `/…`, or relative to its file's directory). */
function pathBase(st: EvalState, origin: ast.PathLit["origin"], s: Span): (first: string) => string {
  return (first) => {
    if (origin === "home") {
      const home = st.io.getEnv("HOME");
      if (home === undefined) throw new NixError("eval", "the path '~/…' can not be resolved because $HOME is not set", s);
      return home + first.slice(1);
    }
    if (origin === "absolute") return first;
    const src = s.source;
    const dir = src.isFile ? src.path.slice(0, src.path.lastIndexOf("/")) || "/" : st.baseDir;
    return dir + "/" + first;
  };
}

/** A path literal without interpolation: resolved once, on first use. */
function pathConstant(base: (first: string) => string, text: string, s: Span): Code {
  let cached: NixPath | null = null;
  return () => {
    if (cached === null) {
      try {
        cached = new NixPath(canonPath(base(text)));
      } catch (err) {
        throw err instanceof NixError ? err.at(s) : err;
      }
    }
    return cached;
  };
}

function pathInterpolated(
  st: EvalState,
  base: (first: string) => string,
  first: string,
  codes: readonly (string | Code)[],
  spans: readonly Span[],
  s: Span,
): Code {
  return (env) => {
    const prefix = base(first);
    const tail = concatParts(st, codes, spans, env, s, { pathTail: true });
    const t = typeof tail === "string" ? tail : tail.s;
    // Keep a trailing slash of the literal prefix: `./a/${x}` is `<dir>/a/<x>`.
    const joined = prefix.endsWith("/") || t === "" ? prefix + t : prefix + t;
    return new NixPath(canonPath(joined));
  };
}

function assertEqCode(l: Code, r: Code, opSpan: Span, body: Code, text: string, s: Span): Code {
  return (env) => {
    const a = l(env);
    const b = r(env);
    if (eqValues(a, b, opSpan, true)) return body(env);
    try {
      return explainInequality(a, b, opSpan);
    } catch (err) {
      if (err instanceof NixError) err.addFrame(`while evaluating the condition of the assertion '${text}'`, s);
      throw err;
    }
  };
}

function assertCode(c: Code, cs: Span, body: Code, text: string, s: Span): Code {
  return (env) => {
    const v = c(env);
    if (v === true) return body(env);
    if (v !== false) throw notBool(v, cs, "while evaluating the condition of the assertion");
    throw new NixError("assert", `assertion '${text}' failed`, s);
  };
}
