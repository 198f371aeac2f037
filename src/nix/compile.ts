/**
 * The evaluator: compiles a syntax tree into closures ("closure compilation") that
 * run against runtime environments. Variables are resolved statically to
 * (depth, slot) pairs when a lexical binding exists; only names that no lexical
 * scope binds are looked up dynamically in the enclosing `with` scopes, innermost
 * first, which gives Nix's rule that `with` never shadows a lexical binding.
 * Each node compiles twice over at most: `code` (evaluate to weak head normal
 * form) and `lazy` (produce a value or a thunk without evaluating anything).
 */
import type * as ast from "./ast.js";
import { didYouMean, NixError, typeError } from "./errors.js";
import { concatParts } from "./operators.js";
import { callFunction, eqValues, forceAttrs, forceStringNoContext } from "./ops.js";
import { canonPath } from "./paths.js";
import { explainInequality } from "./assert-equal.js";
import { printAst } from "./print-ast.js";
import { compileBinary, compileUnary } from "./compile-operators.js";
import { printValueShort } from "./print-short.js";
import type { Span } from "./source.js";
import {
  copyMap,
  Env,
  Lambda,
  NixAttrs,
  NixPath,
  NO_VALS,
  Thunk,
  force,
  showType,
  type Code,
  type LambdaImpl,
  type Lazy,
  type Value,
} from "./values.js";
import type { EvalState } from "./state.js";

type LazyCode = (env: Env) => Lazy;

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

function envAt(env: Env, depth: number): Env {
  let e = env;
  for (let i = 0; i < depth; i++) e = e.up!;
  return e;
}

export class Compiler {
  constructor(readonly state: EvalState) {}

  /** Compile an expression to strict code. */
  code(e: ast.Expr, sc: Scope): Code {
    switch (e.kind) {
      case "int":
      case "float": {
        const v = e.value;
        return () => v;
      }
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
      case "list": {
        const items = e.items.map((i) => this.lazy(i, sc));
        return (env) => items.map((f) => f(env));
      }
      case "let":
        return this.letIn(e, sc);
      case "with":
        return this.withExpr(e, sc);
      case "if": {
        const c = this.code(e.cond, sc);
        const t = this.code(e.then, sc);
        const f = this.code(e.else, sc);
        const cs = e.cond.span;
        return (env) => {
          const cv = c(env);
          if (cv === true) return t(env);
          if (cv === false) return f(env);
          throw notBool(cv, cs, "while evaluating a branch condition");
        };
      }
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
        const v = NixAttrs.from([
          ["file", e.span.source.path],
          ["line", BigInt(line)],
          ["column", BigInt(column)],
        ]);
        return () => v;
      }
    }
  }

  /** Compile an expression to code that yields a value or a thunk without evaluating. */
  lazy(e: ast.Expr, sc: Scope): LazyCode {
    switch (e.kind) {
      case "int":
      case "float": {
        const v = e.value;
        return () => v;
      }
      case "str":
        if (!e.uri && e.parts.every((p) => typeof p === "string")) {
          const v = (e.parts as string[]).join("");
          return () => v;
        }
        break;
      case "var": {
        const r = resolve(sc, e.name);
        if (r.kind === "static") {
          const { depth, slot } = r;
          if (r.isArg) {
            if (depth === 0) return (env) => env.one!;
            if (depth === 1) return (env) => env.up!.one!;
            return (env) => envAt(env, depth).one!;
          }
          if (depth === 0) return (env) => env.vals[slot]!;
          if (depth === 1) return (env) => env.up!.vals[slot]!;
          return (env) => envAt(env, depth).vals[slot]!;
        }
        break;
      }
      case "lambda":
        return this.lambda(e, sc);
    }
    const c = this.code(e, sc);
    const s = e.span;
    return (env) => new Thunk(c, env, s);
  }

  private variable(e: ast.Var, sc: Scope): Code {
    const r = resolve(sc, e.name);
    const name = e.name;
    const s = e.span;
    if (r.kind === "static") {
      const { depth, slot } = r;
      // A thunk reports infinite recursion at its own span (set when it was made).
      const get = (v: Lazy): Value => (v instanceof Thunk ? v.force() : v);
      if (r.isArg) {
        if (depth === 0) return (env) => get(env.one!);
        if (depth === 1) return (env) => get(env.up!.one!);
        if (depth === 2) return (env) => get(env.up!.up!.one!);
        return (env) => get(envAt(env, depth).one!);
      }
      if (depth === 0) return (env) => get(env.vals[slot]!);
      if (depth === 1) return (env) => get(env.up!.vals[slot]!);
      if (depth === 2) return (env) => get(env.up!.up!.vals[slot]!);
      return (env) => get(envAt(env, depth).vals[slot]!);
    }
    if (r.kind === "with") {
      const depths = r.withDepths;
      return (env) => {
        for (let i = 0; i < depths.length; i++) {
          const w = envAt(env, depths[i]!);
          const attrs = forceAttrs(w.one!, s);
          const v = attrs.get(name);
          if (v !== undefined) return force(v);
        }
        throw new NixError("eval", `undefined variable '${name}'`, s);
      };
    }
    // Nix offers no suggestion here; we do, for names long enough to be typos.
    throw new NixError("parse", `undefined variable '${name}'`, s, name.length >= 3 ? didYouMean(name, namesInScope(sc)) : []);
  }

  private str(e: ast.Str, sc: Scope): Code {
    if (e.parts.every((p) => typeof p === "string")) {
      const v = (e.parts as string[]).join("");
      return () => v;
    }
    const parts = e.parts.map((p) => (typeof p === "string" ? p : this.code(p, sc)));
    const spans = e.parts.map((p) => (typeof p === "string" ? e.span : p.span));
    const st = this.state;
    return (env) => concatParts(st, parts, spans, env, e.span);
  }

  private path(e: ast.PathLit, sc: Scope): Code {
    const st = this.state;
    const base = (first: string): string => {
      if (e.origin === "home") {
        const home = st.io.getEnv("HOME");
        if (home === undefined) throw new NixError("eval", "the path '~/…' can not be resolved because $HOME is not set", e.span);
        return home + first.slice(1);
      }
      if (e.origin === "absolute") return first;
      const src = e.span.source;
      const dir = src.isFile ? src.path.slice(0, src.path.lastIndexOf("/")) || "/" : st.baseDir;
      return dir + "/" + first;
    };
    if (e.parts.every((p) => typeof p === "string")) {
      const text = (e.parts as string[]).join("");
      const s = e.span;
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
    const first = typeof e.parts[0] === "string" ? e.parts[0] : "";
    const rest = typeof e.parts[0] === "string" ? e.parts.slice(1) : e.parts;
    const codes = rest.map((p) => (typeof p === "string" ? p : this.code(p, sc)));
    const spans = rest.map((p) => (typeof p === "string" ? e.span : p.span));
    return (env) => {
      const prefix = base(first);
      const tail = concatParts(st, codes, spans, env, e.span, { pathTail: true });
      const t = typeof tail === "string" ? tail : tail.s;
      // Keep a trailing slash of the literal prefix: `./a/${x}` is `<dir>/a/<x>`.
      const joined = prefix.endsWith("/") || t === "" ? prefix + t : prefix + t;
      return new NixPath(canonPath(joined));
    };
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
    if (names.length === 1 && typeof names[0] === "string" && def === null) {
      const name = names[0];
      return (env) => {
        const a = obj(env);
        if (!(a instanceof NixAttrs)) throw selectFromNonSet(a, name, s);
        const v = a.map.get(name);
        if (v === undefined) throw missingAttr(a, name, s);
        return force(v);
      };
    }
    if (names.length === 1 && def === null) {
      const nameCode = names[0] as Code;
      return (env) => {
        const a = obj(env);
        const name = forceStringNoContext(nameCode(env), s);
        if (!(a instanceof NixAttrs)) throw selectFromNonSet(a, name, s);
        const v = a.map.get(name);
        if (v === undefined) throw missingAttr(a, name, s);
        return force(v);
      };
    }
    return (env) => {
      let v: Value = obj(env);
      for (let i = 0; i < names.length; i++) {
        const n = names[i]!;
        const name = typeof n === "string" ? n : forceStringNoContext(n(env), s);
        if (!(v instanceof NixAttrs)) {
          if (def) return def(env);
          throw selectFromNonSet(v, name, s);
        }
        const x = v.map.get(name);
        if (x === undefined) {
          if (def) return def(env);
          throw missingAttr(v, name, s);
        }
        v = force(x);
      }
      return v;
    };
  }

  private hasAttr(e: ast.HasAttr, sc: Scope): Code {
    const obj = this.code(e.expr, sc);
    const names = e.path.map((n) => this.attrName(n, sc));
    const s = e.span;
    const last = names.length - 1;
    return (env) => {
      let v: Value = obj(env);
      for (let i = 0; ; i++) {
        if (!(v instanceof NixAttrs)) return false;
        const n = names[i]!;
        const name = typeof n === "string" ? n : forceStringNoContext(n(env), s);
        const x = v.map.get(name);
        if (x === undefined) return false;
        // The last attribute's value is never forced: `{ a = throw ""; } ? a` is true.
        if (i === last) return true;
        v = force(x);
      }
    };
  }

  /** Build the runtime slots of a `rec`/`let` scope. Returns a function filling `vals`. */
  private recBindings(bindings: readonly ast.Binding[], inheritFrom: readonly ast.Expr[], sc: Scope, inner: Scope): (env: Env) => void {
    const fromCodes = inheritFrom.map((f) => this.code(f, inner));
    const fillers: ((env: Env, froms: Thunk[]) => Lazy)[] = bindings.map((b) => {
      if (b.kind === "plain") {
        const lz = this.lazyNamed(b.value, inner, b.name, true);
        return (env) => lz(env);
      }
      if (b.kind === "inherit") {
        const lz = this.lazy(b.value, sc);
        return (env) => lz(env.up!);
      }
      const idx = b.from!;
      const name = b.name;
      const s = b.span;
      return (_env, froms) => {
        const from = froms[idx]!;
        return Thunk.of(() => {
          const a = forceAttrs(from, s);
          const v = a.get(name);
          if (v === undefined) throw missingAttr(a, name, s);
          return force(v);
        }, s);
      };
    });
    const fromSpans = inheritFrom.map((f) => f.span);
    return (env) => {
      const froms = fromCodes.map((c, i) => new Thunk(c, env, fromSpans[i]));
      const vals = env.vals;
      for (let i = 0; i < fillers.length; i++) vals[i] = fillers[i]!(env, froms);
    };
  }

  /** Like `lazy`, but names a lambda after the binding it is assigned to (for traces). */
  private lazyNamed(e: ast.Expr, sc: Scope, name: string, ownScope: boolean): LazyCode {
    if (e.kind === "lambda") return this.lambda(e, sc, name);
    return ownScope ? this.lazyInScope(e, sc) : this.lazy(e, sc);
  }

  /**
   * `lazy` for a value stored into the scope being built (rec/let bindings,
   * formal defaults): a variable of that same scope may not be filled yet, so it
   * gets a thunk instead of a copy of its slot.
   */
  private lazyInScope(e: ast.Expr, sc: Scope): LazyCode {
    if (e.kind === "var") {
      const r = resolve(sc, e.name);
      if (r.kind === "static" && r.depth === 0) {
        const c = this.code(e, sc);
        const s = e.span;
        return (env) => new Thunk(c, env, s);
      }
    }
    return this.lazy(e, sc);
  }

  private letIn(e: ast.Let, sc: Scope): Code {
    const names = new Map<string, number>();
    e.bindings.forEach((b, i) => names.set(b.name, i));
    const inner = new Scope(names, sc);
    const fill = this.recBindings(e.bindings, e.inheritFrom, sc, inner);
    const body = this.code(e.body, inner);
    const n = e.bindings.length;
    return (env) => {
      const newEnv = new Env(new Array<Lazy>(n), env);
      fill(newEnv);
      return body(newEnv);
    };
  }

  private attrs(e: ast.Attrs, sc: Scope): Code {
    const pos = new Map<string, Span>();
    for (const b of e.bindings) pos.set(b.name, b.span);
    const names = e.bindings.map((b) => b.name);
    if (e.rec) {
      const slots = new Map<string, number>();
      names.forEach((nm, i) => slots.set(nm, i));
      const inner = new Scope(slots, sc);
      const fill = this.recBindings(e.bindings, e.inheritFrom, sc, inner);
      const dyn = this.dynamicBindings(e, inner);
      const n = names.length;
      // `__overrides` (an ancient feature Nix keeps): its attributes replace the
      // set's own, also as seen from inside the set.
      const overridesSlot = slots.get("__overrides") ?? -1;
      const overridesSpan = overridesSlot >= 0 ? e.bindings[overridesSlot]!.span : undefined;
      return (env) => {
        const newEnv = new Env(new Array<Lazy>(n), env);
        fill(newEnv);
        if (overridesSlot >= 0) applyOverrides(newEnv, slots, overridesSpan!);
        const map = new Map<string, Lazy>();
        for (let i = 0; i < n; i++) map.set(names[i]!, newEnv.vals[i]!);
        if (overridesSlot >= 0) addOverrides(newEnv.vals[overridesSlot]!, map);
        return dyn ? dyn(newEnv, map, pos) : new NixAttrs(map, pos);
      };
    }
    const fromCodes = e.inheritFrom.map((f) => this.code(f, sc));
    const values: ((env: Env, froms: Thunk[]) => Lazy)[] = e.bindings.map((b) => {
      if (b.kind !== "inheritFrom") {
        const lz = this.lazyNamed(b.value, sc, b.name, false);
        return (env) => lz(env);
      }
      const idx = b.from!;
      const name = b.name;
      const s = b.span;
      return (_env, froms) =>
        Thunk.of(() => {
          const a = forceAttrs(froms[idx]!, s);
          const v = a.get(name);
          if (v === undefined) throw missingAttr(a, name, s);
          return force(v);
        }, s);
    });
    const dyn = this.dynamicBindings(e, sc);
    const fromSpans = e.inheritFrom.map((f) => f.span);
    return (env) => {
      const froms = fromCodes.length ? fromCodes.map((c, i) => new Thunk(c, env, fromSpans[i])) : [];
      const map = new Map<string, Lazy>();
      for (let i = 0; i < names.length; i++) map.set(names[i]!, values[i]!(env, froms));
      return dyn ? dyn(env, map, pos) : new NixAttrs(map, pos);
    };
  }

  private dynamicBindings(e: ast.Attrs, sc: Scope): ((env: Env, map: Map<string, Lazy>, pos: Map<string, Span>) => NixAttrs) | null {
    if (e.dynamic.length === 0) return null;
    const dyns = e.dynamic.map((d) => ({ name: this.code(d.name, sc), value: this.lazy(d.value, sc), span: d.span }));
    return (env, map, staticPos) => {
      const pos = copyMap(staticPos);
      for (let i = 0; i < dyns.length; i++) {
        const d = dyns[i]!;
        const nv = d.name(env);
        if (nv === null) continue;
        const name = forceStringNoContext(nv, d.span);
        if (map.has(name)) {
          const prev = pos.get(name);
          const where = prev
            ? ` at ${prev.source.path}:${prev.source.position(prev.start).line}:${prev.source.position(prev.start).column}`
            : "";
          throw new NixError("eval", `dynamic attribute '${name}' already defined${where}`, d.span);
        }
        map.set(name, d.value(env));
        pos.set(name, d.span);
      }
      return new NixAttrs(map, pos);
    };
  }

  private withExpr(e: ast.With, sc: Scope): Code {
    const scope = this.lazy(e.scope, sc);
    const inner = new Scope(new Map(), sc, true);
    const body = this.code(e.body, inner);
    return (env) => body(new Env(NO_VALS, env, scope(env)));
  }

  private assertExpr(e: ast.Assert, sc: Scope): Code {
    const body = this.code(e.body, sc);
    const text = printAst(e.cond);
    const s = e.span;
    const cs = e.cond.span;
    const cond = e.cond;
    if (cond.kind === "binary" && cond.op === "==") {
      // Current Nix explains a failed `assert a == b` by the first difference.
      const l = this.code(cond.left, sc);
      const r = this.code(cond.right, sc);
      return (env) => {
        const a = l(env);
        const b = r(env);
        if (eqValues(a, b, cond.opSpan, true)) return body(env);
        try {
          return explainInequality(a, b, cond.opSpan);
        } catch (err) {
          if (err instanceof NixError) err.addFrame(`while evaluating the condition of the assertion '${text}'`, s);
          throw err;
        }
      };
    }
    const c = this.code(cond, sc);
    return (env) => {
      const v = c(env);
      if (v === true) return body(env);
      if (v !== false) throw notBool(v, cs, "while evaluating the condition of the assertion");
      throw new NixError("assert", `assertion '${text}' failed`, s);
    };
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
      const node = e.body;
      innerLambda = { node, impl: innerImpl };
      body = (env) => new Lambda(node, env, innerImpl);
    } else body = this.code(e.body, inner);
    const impl: LambdaImpl = formals
      ? this.formalsImpl(e, formals, inner, body, e.arg !== undefined)
      : { call: (up, arg) => body(new Env(NO_VALS, up, arg)) };
    if (name !== undefined) impl.name = name;
    if (!formals && innerLambda !== undefined) impl.inner = innerLambda;
    return impl;
  }

  private lambda(e: ast.Lambda, sc: Scope, name?: string): Code {
    const impl = this.lambdaImpl(e, sc, name);
    return (env) => new Lambda(e, env, impl);
  }

  private formalsImpl(e: ast.Lambda, formals: NonNullable<ast.Lambda["formals"]>, inner: Scope, body: Code, hasArg: boolean): LambdaImpl {
    const entries = formals.entries;
    const defaults = entries.map((f) => (f.default ? this.lazyInScope(f.default, inner) : null));
    const known = new Set(entries.map((f) => f.name));
    const nSlots = entries.length + (hasArg ? 1 : 0);
    const ellipsis = formals.ellipsis;
    const impl: LambdaImpl = {
      call: (up, arg, callSpan) => {
        const fname = impl.name !== undefined ? `'${impl.name}'` : "'anonymous lambda'";
        const av = force(arg);
        if (!(av instanceof NixAttrs)) {
          throw typeError(`expected a set but found ${showType(av)}: ${printValueShort(av)}`, callSpan).addFrame(
            "while evaluating the value passed for the lambda argument",
            e.span,
          );
        }
        const vals = new Array<Lazy>(nSlots);
        const env = new Env(vals, up);
        let used = 0;
        for (let i = 0; i < entries.length; i++) {
          const v = av.map.get(entries[i]!.name);
          if (v !== undefined) {
            vals[i] = v;
            used++;
          } else {
            const d = defaults[i];
            if (!d) {
              throw argumentError(
                new NixError("eval", `function ${fname} called without required argument '${entries[i]!.name}'`, e.span),
                callSpan,
              );
            }
            vals[i] = d(env);
          }
        }
        if (!ellipsis && used < av.size) {
          for (const k of av.map.keys()) {
            if (!known.has(k)) {
              throw argumentError(
                new NixError("eval", `function ${fname} called with unexpected argument '${k}'`, e.span, didYouMean(k, known)),
                callSpan,
              );
            }
          }
        }
        if (hasArg) vals[entries.length] = arg;
        return body(env);
      },
    };
    return impl;
  }

  private call(e: ast.Call, sc: Scope): Code {
    const fn = this.code(e.fn, sc);
    const args = e.args.map((a) => this.lazy(a, sc));
    const s = e.span;
    if (args.length === 1) {
      const a0 = args[0]!;
      return (env) => callFunction(fn(env), a0(env), s);
    }
    return (env) => {
      let f = fn(env);
      for (let i = 0; i < args.length; i++) f = callFunction(f, args[i]!(env), s);
      return f;
    };
  }
}

/** An error in binding a call's arguments: framed by its call site only, not "while calling". */
function argumentError(e: NixError, callSpan: Span | undefined): NixError {
  e.addFrame("from call site", callSpan);
  e.argumentError = true;
  return e;
}

function applyOverrides(env: Env, slots: Map<string, number>, s: Span): void {
  const ov = forceAttrs(env.vals[slots.get("__overrides")!]!, s);
  for (const [k, v] of ov.map) {
    const slot = slots.get(k);
    if (slot !== undefined) env.vals[slot] = v;
  }
}

function addOverrides(ovL: Lazy, map: Map<string, Lazy>): void {
  const ov = force(ovL) as NixAttrs;
  for (const [k, v] of ov.map) map.set(k, v);
}

function notBool(v: Value, s: Span, frame: string): NixError {
  return typeError(`expected a Boolean but found ${showType(v)}: ${printValueShort(v)}`, s).addFrame(frame, s);
}

function selectFromNonSet(v: Value, name: string, s: Span): NixError {
  return typeError(`expected a set but found ${showType(v)}: ${printValueShort(v)}`, s).addFrame(
    `while selecting an attribute '${name}'`,
    s,
  );
}

/** "attribute 'x' missing" with Nix's "Did you mean" suggestions. */
export function missingAttr(a: NixAttrs, name: string, s?: Span): NixError {
  return new NixError("eval", `attribute '${name}' missing`, s, didYouMean(name, a.map.keys()));
}
