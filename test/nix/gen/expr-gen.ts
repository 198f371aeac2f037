/**
 * A seeded, type-directed generator of well-formed Nix expressions for the
 * differential test (and as extra seeds for the fuzz test). Every expression is
 * generated for a target type (int, float, bool, string, null, list, set,
 * function or "any"), so that evaluation can only fail through `throw` or
 * `assert` — the two errors `builtins.tryEval` catches — which lets a whole
 * batch of cases run through one `nix-instantiate` call.
 *
 * Coverage: integer and float arithmetic (mixed, overflow-free ranges by
 * construction), operator precedence chains, strings with escapes and
 * interpolation, indented strings with their escapes, sets (rec, dotted,
 * dynamic, inherit, inherit-from), lists, lambdas (plain, curried, formals with
 * defaults, `...` and `@`), let/with/if/assert, comparisons, `//`, `++`, `or`,
 * `?`, and about sixty builtins.
 *
 * Each node records the generator-bound variables it references, so the
 * differential test can find the smallest closed sub-expression on which the
 * two evaluators disagree (a minimal reproducer).
 *
 * Things deliberately avoided because Nix 2.8 (the reference here) and current
 * Nix differ: floats inside `toJSON` (2.8 prints 6 significant digits),
 * integer overflow (2.8 wraps, current Nix fails) — see the differential test's
 * table of known differences for what may still show up.
 */
import { Rng } from "./rng.js";

export type Ty =
  | { readonly k: "int" }
  | { readonly k: "float" }
  | { readonly k: "bool" }
  | { readonly k: "str" }
  | { readonly k: "null" }
  | { readonly k: "any" }
  | { readonly k: "list"; readonly of: Ty }
  | { readonly k: "attrs"; readonly of: Ty }
  | { readonly k: "fn"; readonly arg: Ty; readonly ret: Ty };

export const INT: Ty = { k: "int" };
export const FLOAT: Ty = { k: "float" };
export const BOOL: Ty = { k: "bool" };
export const STR: Ty = { k: "str" };
export const NULL: Ty = { k: "null" };
export const ANY: Ty = { k: "any" };
export const list = (of: Ty): Ty => ({ k: "list", of });
export const attrs = (of: Ty): Ty => ({ k: "attrs", of });
export const fn = (arg: Ty, ret: Ty): Ty => ({ k: "fn", arg, ret });

/** A generated expression. */
export interface G {
  /** Nix source text. */
  readonly s: string;
  /** True when `s` can be used as an operand or argument without parentheses. */
  readonly atom: boolean;
  /** Sub-expressions (for shrinking). */
  readonly kids: readonly G[];
  /** Generator-bound variable names referenced and not bound inside. */
  readonly free: readonly string[];
  /** For sets: attribute names known to be present (as values, not source). */
  readonly keys?: readonly string[];
  /** For lists: known to have at least one element. */
  readonly nonEmpty?: boolean;
}

interface Var {
  readonly name: string;
  readonly ty: Ty;
  readonly keys?: readonly string[];
  readonly nonEmpty?: boolean;
  /** May hold non-ASCII text (bound where non-ASCII strings were allowed). */
  readonly uni?: boolean;
}

interface Ctx {
  readonly depth: number;
  readonly vars: readonly Var[];
  /**
   * Non-ASCII strings allowed. Off below `substring` and `replaceStrings`,
   * which work on UTF-8 bytes in Nix and could cut a character in two.
   */
  readonly uni: boolean;
}

/** An attribute name: its value and how it is written in a binding or selection. */
interface Name {
  readonly name: string;
  readonly src: string;
}

const NAMES: readonly Name[] = [
  { name: "a", src: "a" },
  { name: "b", src: "b" },
  { name: "c", src: "c" },
  { name: "x", src: "x" },
  { name: "y", src: "y" },
  { name: "foo", src: "foo" },
  { name: "bar-baz", src: "bar-baz" },
  { name: "_q", src: "_q" },
  { name: "a'", src: "a'" },
  { name: "Z9", src: "Z9" },
  { name: "with space", src: '"with space"' },
  { name: "if", src: '"if"' },
  { name: "1x", src: '"1x"' },
  { name: "", src: '""' },
  { name: "ünï", src: '"ünï"' },
  { name: "dot.ted", src: '"dot.ted"' },
];

/** Written without quotes: usable as a variable and in `inherit`. */
function isIdent(n: Name): boolean {
  return n.src === n.name;
}

const ASCII_NAMES: readonly Name[] = NAMES.filter((n) => /^[\x20-\x7e]*$/.test(n.name));

/** Pieces of ordinary string literals (source text). */
const STR_PIECES: readonly string[] = [
  "\u0001",
  "\u007f",
  "a",
  "b",
  "c",
  "x",
  "foo",
  "Bar",
  " ",
  "-",
  ".",
  "1",
  "2",
  "10",
  ",",
  ":",
  "\\n",
  "\\t",
  "\\r",
  "\\\\",
  '\\"',
  "\\${",
  "$",
  "$$",
  "'",
  "''",
  "{",
  "}",
  "\\q",
  "\\$",
  "#",
  "/",
];
const UNICODE_PIECES: readonly string[] = ["é", "ß", "€", "日本", "😀", "ü"];

/** Pieces of indented string lines (source text); none ends in a single quote. */
const IND_PIECES: readonly string[] = [
  "foo",
  "bar baz",
  "x",
  "''$",
  "'''",
  "''\\n",
  "''\\t",
  "''\\\\",
  "$",
  "$$",
  "\\n",
  '"',
  "#",
  "'a",
  "\t",
  "{}",
];

/** Version-like strings for splitVersion / compareVersions. */
const VERSIONS: readonly string[] = [
  "1.0",
  "1.2",
  "1.10",
  "1.2.3",
  "2.0pre1",
  "2.0",
  "2.0.0",
  "1.2a",
  "1.2b",
  "0.9-rc1",
  "10",
  "1",
  "",
  "1.0-alpha",
  "1.0.0.1",
  "3.14pre",
];

/** Regexes that mean the same in POSIX ERE (Nix) and for any correct translation. */
const REGEXES: readonly string[] = [
  "a",
  "a*",
  "[a-c]+",
  "(a|b)c",
  ".*",
  "([0-9]+)\\\\.([0-9]+)",
  "x?",
  "[^ ]+",
  "(.)(.)",
  "[[:alpha:]]+",
  "[[:digit:]]+",
  "a{2}",
  "(ab)+",
  "([a-z]*)-([0-9]*)",
  "(a)|b",
  "[.]",
  "foo|bar",
  "(x)?y",
  ".*(b).*",
  "[[:space:]]",
];
/** Target strings for regexes (source text of plain ASCII literals). */
const REGEX_TARGETS: readonly string[] = [
  '""',
  '"a"',
  '"abc"',
  '"aac"',
  '"bc"',
  '"12.34"',
  '"foo bar"',
  '"xay"',
  '"abab"',
  '"abc-123"',
  '"y"',
  '"xy"',
  '"a b\\tc"',
  '"aa"',
  '"1.2.3"',
  '"foobar"',
];

/** A Nix string literal denoting exactly `s`. */
export function nixStr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "$" && s[i + 1] === "{") out += "\\$";
    else out += c;
  }
  return out + '"';
}

/** Path-like strings for baseNameOf / dirOf. */
const PATHISH: readonly string[] = ["a/b", "/a/b/", "a", "/", "", "a//b", "./x", "../y/z", "/nix/store/abc-foo", "foo/"];

/** True if a string could be inside a value of this type. */
function mayHoldStr(t: Ty): boolean {
  switch (t.k) {
    case "str":
    case "any":
    case "attrs":
      return true;
    case "list":
      return mayHoldStr(t.of);
    case "fn":
      return mayHoldStr(t.ret);
    default:
      return false;
  }
}

/**
 * True if the body of a `"…"` string (source text) contains an interpolation,
 * following Nix's lexer: `$${` is literal, `$$${` interpolates, `\` escapes.
 */
export function hasInterpolation(body: string): boolean {
  for (let i = 0; i < body.length;) {
    const ch = body[i];
    if (ch === "\\") i += 2;
    else if (ch === "$") {
      const next = body[i + 1];
      if (next === "{") return true;
      if (next === "\\") i += 3;
      else if (next === undefined || next === '"') i += 1;
      else i += 2;
    } else i += 1;
  }
  return false;
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

function freeOf(kids: readonly G[], bound: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const k of kids) for (const f of k.free) out.add(f);
  for (const b of bound) out.delete(b);
  return [...out];
}

function node(
  s: string,
  kids: readonly G[],
  opts: { atom?: boolean; bound?: readonly string[]; keys?: readonly string[]; nonEmpty?: boolean } = {},
): G {
  return {
    s,
    atom: opts.atom ?? false,
    kids,
    free: freeOf(kids, opts.bound),
    keys: opts.keys,
    nonEmpty: opts.nonEmpty,
  };
}

function leaf(s: string, atom = true, extra: { keys?: readonly string[]; nonEmpty?: boolean } = {}): G {
  return { s, atom, kids: [], free: [], ...extra };
}

/** Operand form: parenthesised unless atomic. */
export function par(g: G): string {
  return g.atom ? g.s : `(${g.s})`;
}

function sameTy(a: Ty, b: Ty): boolean {
  if (a.k !== b.k) return false;
  if (a.k === "list" && b.k === "list") return sameTy(a.of, b.of);
  if (a.k === "attrs" && b.k === "attrs") return sameTy(a.of, b.of);
  if (a.k === "fn" && b.k === "fn") return sameTy(a.arg, b.arg) && sameTy(a.ret, b.ret);
  return true;
}

/** No functions anywhere inside (equality is then well defined). */
export function eqSafe(t: Ty): boolean {
  switch (t.k) {
    case "fn":
    case "any":
      return false;
    case "list":
    case "attrs":
      return eqSafe(t.of);
    default:
      return true;
  }
}

/** Safe for `toJSON` with identical output in Nix 2.8 and current Nix: no functions, no floats. */
export function jsonSafe(t: Ty): boolean {
  switch (t.k) {
    case "fn":
    case "any":
    case "float":
      return false;
    case "list":
    case "attrs":
      return jsonSafe(t.of);
    default:
      return true;
  }
}

/** Ordered by `<`: numbers, strings, and lists of those. */
function comparable(t: Ty): boolean {
  return t.k === "int" || t.k === "float" || t.k === "str" || (t.k === "list" && comparable(t.of) && t.of.k !== "list");
}

export class ExprGen {
  private counter = 0;

  constructor(private readonly rng: Rng) {}

  private fresh(prefix = "v"): string {
    return `${prefix}${this.counter++}`;
  }

  /** A random type for a case's result. */
  randomTy(depth = 2): Ty {
    const r = this.rng;
    if (depth <= 0) return r.pick([INT, INT, BOOL, STR, STR, FLOAT, NULL]);
    return r.weighted<() => Ty>([
      [4, () => INT],
      [2, () => FLOAT],
      [3, () => BOOL],
      [5, () => STR],
      [1, () => NULL],
      [4, () => list(this.randomTy(depth - 1))],
      [4, () => attrs(this.randomTy(depth - 1))],
      [1, () => fn(this.randomTy(0), this.randomTy(0))],
      [2, () => ANY],
    ])();
  }

  /** Generate one top-level case. */
  generate(depth = 4): { expr: G; ty: Ty } {
    this.counter = 0;
    const ty = this.randomTy();
    return { expr: this.gen(ty, { depth, vars: [], uni: true }), ty };
  }

  gen(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    // Generic forms that work for any type, taken now and then.
    if (ctx.depth > 0 && r.chance(0.22)) {
      const g = this.generic(ty, ctx);
      if (g) return g;
    }
    // A variable of the right type, if one is in scope.
    const vs = ctx.vars.filter((v) => sameTy(v.ty, ty) && (ctx.uni || !v.uni || !mayHoldStr(v.ty)));
    if (vs.length > 0 && r.chance(ctx.depth === 0 ? 0.7 : 0.25)) {
      const v = r.pick(vs);
      return { s: v.name, atom: true, kids: [], free: [v.name], keys: v.keys, nonEmpty: v.nonEmpty };
    }
    switch (ty.k) {
      case "int":
        return this.int(ctx);
      case "float":
        return this.float(ctx);
      case "bool":
        return this.bool(ctx);
      case "str":
        return this.str(ctx);
      case "null":
        return this.nul(ctx);
      case "any":
        if (r.chance(0.1)) return leaf(`builtins.fromJSON ${nixStr(this.json(2, ctx.uni))}`, false);
        return this.gen(this.randomTy(1), ctx);
      case "list":
        return this.list(ty.of, ctx);
      case "attrs":
        return this.attrs(ty.of, ctx);
      case "fn":
        return this.fn(ty.arg, ty.ret, ctx);
    }
  }

  private sub(ctx: Ctx, by = 1): Ctx {
    return { depth: Math.max(0, ctx.depth - by), vars: ctx.vars, uni: ctx.uni };
  }

  /** A context for the argument of a byte-oriented string builtin: ASCII only. */
  private ascii(ctx: Ctx): Ctx {
    return { depth: ctx.depth, vars: ctx.vars.filter((v) => !v.uni || !mayHoldStr(v.ty)), uni: false };
  }

  /** Add a variable; any outer variable of the same name is shadowed, so it is dropped. */
  private withVar(ctx: Ctx, v: Var, by = 1): Ctx {
    const vars = ctx.vars.filter((x) => x.name !== v.name);
    vars.push({ ...v, uni: ctx.uni });
    return { depth: Math.max(0, ctx.depth - by), vars, uni: ctx.uni };
  }

  /** Drop variables shadowed by names bound without a known type (e.g. `inherit`). */
  private shadow(ctx: Ctx, names: readonly string[]): Ctx {
    return { depth: ctx.depth, vars: ctx.vars.filter((x) => !names.includes(x.name)), uni: ctx.uni };
  }

  private varOf(name: string, ty: Ty, g?: G): Var {
    return { name, ty, keys: g?.keys, nonEmpty: g?.nonEmpty };
  }

  /** Attribute names usable here. */
  private names(ctx: Ctx): readonly Name[] {
    return ctx.uni ? NAMES : ASCII_NAMES;
  }

  // ---------------------------------------------------------------- generic

  private generic(ty: Ty, ctx: Ctx): G | null {
    const r = this.rng;
    const c = this.sub(ctx);
    const form = r.weighted<() => G | null>([
      [4, () => this.ifThen(ty, ctx)],
      [5, () => this.letIn(ty, ctx)],
      [3, () => this.applyLambda(ty, ctx)],
      [
        2,
        () => {
          // Apply a function value: a lambda, a (partially applied) primop or a variable.
          const at = this.randomTy(0);
          const f = this.gen(fn(at, ty), c);
          const a = this.gen(at, c);
          return node(`${par(f)} ${par(a)}`, [f, a]);
        },
      ],
      [2, () => this.applyFormals(ty, ctx)],
      [2, () => this.withExpr(ty, ctx)],
      [2, () => this.selectLiteral(ty, ctx)],
      [1, () => this.selectOr(ty, ctx)],
      [1, () => this.recSelect(ty, ctx)],
      [
        1,
        () => {
          const a = this.gen(ty, c);
          const b = this.gen(ty, c);
          return node(`builtins.head [ ${par(a)} ${par(b)} ]`, [a, b]);
        },
      ],
      [
        1,
        () => {
          const a = this.gen(ty, c);
          const b = this.gen(ty, c);
          const d = this.gen(ty, c);
          return node(`builtins.elemAt [ ${par(a)} ${par(b)} ${par(d)} ] ${r.int(0, 2)}`, [a, b, d]);
        },
      ],
      [
        1,
        () => {
          const x = this.gen(this.randomTy(1), c);
          const a = this.gen(ty, c);
          return node(`builtins.${r.pick(["seq", "deepSeq"])} ${par(x)} ${par(a)}`, [x, a]);
        },
      ],
      [
        1,
        () => {
          const b = this.bool(c);
          const a = this.gen(ty, c);
          return node(`assert ${b.s}; ${a.s}`, [b, a]);
        },
      ],
      [
        1,
        () => {
          const b = this.bool(c);
          const a = this.gen(ty, c);
          const msg = this.strLit(false);
          return r.chance(0.5)
            ? node(`if ${b.s} then ${a.s} else throw ${msg}`, [b, a])
            : node(`if ${b.s} then throw ${msg} else ${a.s}`, [b, a]);
        },
      ],
      [
        1,
        () => {
          // foldl' keeping either the accumulator or the element.
          const et = ty;
          const xs = this.list(et, c);
          const init = this.gen(ty, c);
          const acc = this.fresh("acc");
          const x = this.fresh("x");
          const inner = this.withVar(this.withVar(c, this.varOf(acc, ty), 0), this.varOf(x, et), 1);
          const b = this.bool(inner);
          return node(`builtins.foldl' (${acc}: ${x}: if ${b.s} then ${acc} else ${x}) ${par(init)} ${par(xs)}`, [xs, init, b], {
            bound: [acc, x],
          });
        },
      ],
      [
        1,
        () => {
          // A lazily unused failing binding.
          const v = this.fresh();
          const a = this.gen(ty, c);
          return node(`let ${v} = throw "unused"; in ${a.s}`, [a]);
        },
      ],
    ])();
    return form;
  }

  private ifThen(ty: Ty, ctx: Ctx): G {
    const c = this.sub(ctx);
    const b = this.bool(c);
    const t = this.gen(ty, c);
    const e = this.gen(ty, c);
    return node(`if ${b.s} then ${t.s} else ${e.s}`, [b, t, e], {
      keys: t.keys && e.keys ? t.keys.filter((k) => e.keys!.includes(k)) : undefined,
      nonEmpty: t.nonEmpty && e.nonEmpty,
    });
  }

  private letIn(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const n = r.int(1, 3);
    const binds: string[] = [];
    const kids: G[] = [];
    const bound: string[] = [];
    let inner = c;
    for (let i = 0; i < n; i++) {
      const name = this.fresh();
      const t = this.randomTy(1);
      // Later bindings may refer to earlier ones (let is recursive).
      const g = this.gen(t, inner);
      binds.push(`${name} = ${g.s};`);
      kids.push(g);
      bound.push(name);
      inner = this.withVar(inner, this.varOf(name, t, g), 0);
    }
    // inherit (set) names;
    if (r.chance(0.3)) {
      const set = this.attrsLiteral(this.randomTy(0), this.sub(c), true);
      const ks = set.keys ?? [];
      const plain = NAMES.filter((nm) => ks.includes(nm.name) && isIdent(nm));
      if (plain.length > 0) {
        const nm = r.pick(plain);
        binds.push(`inherit (${set.s}) ${nm.src};`);
        kids.push(set);
        bound.push(nm.name);
        inner = this.shadow(inner, [nm.name]);
      }
    }
    const body = this.gen(ty, inner);
    return node(`let ${binds.join(" ")} in ${body.s}`, [...kids, body], { bound, keys: body.keys, nonEmpty: body.nonEmpty });
  }

  private applyLambda(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const x = this.fresh();
    const at = this.randomTy(1);
    const arg = this.gen(at, c);
    if (r.chance(0.3)) {
      // Curried: (x: y: body) a b
      const y = this.fresh();
      const bt = this.randomTy(0);
      const arg2 = this.gen(bt, c);
      const body = this.gen(ty, this.withVar(this.withVar(c, this.varOf(x, at, arg), 0), this.varOf(y, bt, arg2), 0));
      return node(`(${x}: ${y}: ${body.s}) ${par(arg)} ${par(arg2)}`, [arg, arg2, body], { bound: [x, y] });
    }
    const body = this.gen(ty, this.withVar(c, this.varOf(x, at, arg), 0));
    return node(`(${x}: ${body.s}) ${par(arg)}`, [arg, body], { bound: [x] });
  }

  private applyFormals(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const p = this.fresh();
    const q = this.fresh();
    const pt = this.randomTy(1);
    const qt = this.randomTy(0);
    const pArg = this.gen(pt, c);
    const qDef = this.gen(qt, c);
    const passQ = r.chance(0.5);
    const qArg = passQ ? this.gen(qt, c) : null;
    const ellipsis = r.chance(0.5);
    const at = r.chance(0.5) ? this.fresh("args") : null;
    const extra = ellipsis && r.chance(0.6) ? this.gen(this.randomTy(0), c) : null;
    let inner: Ctx = this.withVar(c, this.varOf(p, pt, pArg), 0);
    inner = this.withVar(inner, this.varOf(q, qt), 0);
    const argKeys = [p, ...(passQ ? [q] : []), ...(extra ? ["extra"] : [])];
    if (at) inner = this.withVar(inner, { name: at, ty: attrs(ANY), keys: argKeys }, 0);
    const body = this.gen(ty, inner);
    const formals = `{ ${r.chance(0.5) ? `${p}, ${q} ? ${qDef.s}` : `${q} ? ${qDef.s}, ${p}`}${ellipsis ? ", ..." : ""} }`;
    const lhs = at ? (r.chance(0.5) ? `${formals}@${at}` : `${at}@${formals}`) : formals;
    const argSet = `{ ${p} = ${pArg.s};${qArg ? ` ${q} = ${qArg.s};` : ""}${extra ? ` extra = ${extra.s};` : ""} }`;
    const kids = [pArg, qDef, body, ...(qArg ? [qArg] : []), ...(extra ? [extra] : [])];
    return node(`(${lhs}: ${body.s}) ${argSet}`, kids, { bound: [p, q, ...(at ? [at] : [])] });
  }

  private withExpr(ty: Ty, ctx: Ctx): G {
    const c = this.sub(ctx);
    const w = this.fresh("w");
    const t = this.randomTy(1);
    const val = this.gen(t, c);
    const body = this.gen(ty, this.withVar(c, this.varOf(w, t, val), 0));
    return node(`with { ${w} = ${val.s}; }; ${body.s}`, [val, body], { bound: [w] });
  }

  private selectLiteral(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const nm = r.pick(this.names(ctx));
    const v = this.gen(ty, c);
    const other = this.gen(this.randomTy(0), c);
    const on = r.pick(this.names(ctx).filter((x) => x.name !== nm.name));
    const set = `{ ${nm.src} = ${v.s}; ${on.src} = ${other.s}; }`;
    if (r.chance(0.3)) return node(`builtins.getAttr ${JSON.stringify(nm.name)} ${set}`, [v, other]);
    return node(`${set}.${nm.src}`, [v, other], { keys: v.keys, nonEmpty: v.nonEmpty });
  }

  private selectOr(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const set = this.attrs(ty, c);
    const nm = r.pick(this.names(ctx));
    const def = this.gen(ty, c);
    if (r.chance(0.3)) {
      // Nested path with `or`: a.b.c or d, where the inner part may be missing.
      const nm2 = r.pick(this.names(ctx));
      return node(`{ ${nm.src} = ${par(set)}; }.${nm.src}.${nm2.src} or ${par(def)}`, [set, def]);
    }
    return node(`${par(set)}.${nm.src} or ${par(def)}`, [set, def]);
  }

  private recSelect(ty: Ty, ctx: Ctx): G {
    const c = this.sub(ctx);
    const v = this.gen(ty, c);
    const a = this.fresh("r");
    const b = this.fresh("r");
    return node(`(rec { ${a} = ${v.s}; ${b} = ${a}; }).${b}`, [v], { keys: v.keys, nonEmpty: v.nonEmpty });
  }

  /** Random JSON text (numbers, strings with escapes, nesting). */
  private json(depth: number, uni: boolean): string {
    const r = this.rng;
    const scalar = (): string =>
      r.pick([
        "0",
        "-12",
        "123456789012",
        "1.5",
        "-0.25",
        "1e2",
        "2.5E-3",
        "true",
        "false",
        "null",
        '""',
        '"abc"',
        '"a\\"b\\\\c\\/d"',
        '"tab\\tnl\\ncr\\r"',
        '"\\u0041\\u0062"',
        '"\\b\\f"',
        ...(uni ? ['"\\u00e9\\u65e5"', '"\\ud83d\\ude00"', '"ü"'] : []),
      ]);
    if (depth <= 0 || r.chance(0.4)) return scalar();
    if (r.chance(0.5)) {
      const n = r.int(0, 3);
      return `[${Array.from({ length: n }, () => this.json(depth - 1, uni)).join(r.pick([",", ", "]))}]`;
    }
    const n = r.int(0, 3);
    const keys = uniq(Array.from({ length: n }, () => r.pick(["a", "b", "z", "A", "", "k e y", "$x"])));
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${this.json(depth - 1, uni)}`).join(",")}}`;
  }

  /**
   * Expressions whose value must not depend on a `throw` inside them, because
   * Nix never forces it: list and set elements, unused arguments, the right of
   * a decided `&&`/`||`/`->`, `?` on an attribute, early exits of `any`/`all`/
   * `elem`/`==`, `seq` (weak head normal form only), `map`/`genList`/`mapAttrs`
   * results that are only counted. (Not `{ a = 1; b = throw …; } == { a = 2; … }`:
   * Nix compares attributes in symbol-table order, which depends on what was
   * interned before, so whether `b` is forced first varies between runs.)
   */
  private lazyForm(ty: Ty, ctx: Ctx): G {
    const r = this.rng;
    const boom = `(throw "lazy")`;
    if (ty.k === "int") {
      const x = this.int(ctx);
      const forms = [
        `builtins.length [ ${boom} ${par(x)} ]`,
        `{ a = ${boom}; b = ${x.s}; }.b`,
        `builtins.elemAt [ ${boom} ${par(x)} ] 1`,
        `builtins.length (map (x: ${boom}) [ 1 ${par(x)} ])`,
        `builtins.length (builtins.genList (i: ${boom}) 3) + ${par(x)}`,
        `builtins.seq [ ${boom} ] ${par(x)}`,
        `builtins.head (builtins.tail [ ${boom} ${par(x)} ])`,
        `(y: ${x.s}) ${boom}`,
        `({ a ? ${boom}, b }: b) { b = ${x.s}; }`,
        `builtins.length (builtins.attrNames (builtins.mapAttrs (n: v: ${boom}) { a = 1; b = ${x.s}; }))`,
        `builtins.length (builtins.concatLists [ [ ${boom} ] [ ${par(x)} ] ])`,
        `builtins.length (builtins.catAttrs "a" [ { a = ${boom}; } { b = ${x.s}; } ])`,
        `(builtins.listToAttrs [ { name = "a"; value = ${boom}; } { name = "b"; value = ${x.s}; } ]).b`,
        `({ a = ${boom}; } // { b = ${x.s}; }).b`,
        `builtins.length (builtins.attrValues { a = ${boom}; b = ${x.s}; })`,
        `let s = rec { a = ${boom}; b = ${x.s}; c = b; }; in s.c`,
        `builtins.foldl' (acc: e: acc + 1) ${par(x)} [ ${boom} ${boom} ]`,
        `builtins.length (builtins.sort (p: q: false) [ ${boom} ])`,
        `builtins.length (builtins.filter (e: true) [ ${boom} ${par(x)} ])`,
      ];
      return this.formWith(r.pick(forms), x);
    }
    if (ty.k === "bool") {
      const b = this.bool(ctx);
      const forms = [
        `{ a = ${boom}; } ? a`,
        `{ a.b = ${boom}; } ? a.b`,
        `builtins.hasAttr "a" { a = ${boom}; }`,
        `false && ${boom}`,
        `true || ${boom}`,
        `false -> ${boom}`,
        `builtins.any (x: x) [ true ${boom} ]`,
        `builtins.all (x: x) [ false ${boom} ]`,
        `builtins.isList [ ${boom} ]`,
        `builtins.isAttrs { a = ${boom}; }`,
        `builtins.isFunction (x: ${boom})`,
        `builtins.elem 1 [ 1 ${boom} ]`,
        `[ 1 ${boom} ] == [ 2 ${boom} ]`,
        `[ ${boom} ] == [ ]`,
        `{ a = ${boom}; } == { b = ${boom}; }`,
        `(builtins.tryEval ${boom}).success || ${b.s}`,
        `builtins.seq { a = ${boom}; } ${par(b)}`,
        `(builtins.partition (x: x) [ ${par(b)} ]).right == [ true ]`,
      ];
      return this.formWith(r.pick(forms), b);
    }
    const x = this.str(ctx);
    const forms = [
      `builtins.typeOf [ ${boom} ]`,
      `builtins.typeOf { a = ${boom}; }`,
      `builtins.head [ ${par(x)} ${boom} ]`,
      `builtins.concatStringsSep "," (builtins.attrNames { a = ${boom}; b = ${x.s}; })`,
      `builtins.concatStringsSep "-" (map (y: ${par(x)}) (builtins.attrNames { z = ${boom}; y = ${boom}; }))`,
      `toString (builtins.length [ ${boom} ]) + ${par(x)}`,
    ];
    return this.formWith(r.pick(forms), x);
  }

  /** A node for a form that may or may not use `g` (only then is `g` a sub-expression, for free variables). */
  private formWith(text: string, g: G): G {
    return node(text, text.includes(g.s) ? [g] : []);
  }

  // ---------------------------------------------------------------- ints

  private intLit(): G {
    const r = this.rng;
    const n = r.weighted<() => number>([
      [6, () => r.int(0, 10)],
      [3, () => r.int(11, 1000)],
      [1, () => r.int(1000, 100000)],
    ])();
    if (r.chance(0.15)) return leaf(`(-${n})`);
    return leaf(String(n));
  }

  private nonZeroLit(): string {
    const r = this.rng;
    const n = r.int(1, 12);
    return r.chance(0.25) ? `(-${n})` : String(n);
  }

  private int(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return this.intLit();
    const c = this.sub(ctx);
    return r.weighted<() => G>([
      [4, () => this.intLit()],
      [
        6,
        () => {
          const a = this.int(c);
          const b = this.int(c);
          return node(`${par(a)} ${r.pick(["+", "-"])} ${par(b)}`, [a, b]);
        },
      ],
      [
        2,
        () => {
          const a = this.int(c);
          return node(`${par(a)} * ${r.int(0, 9)}`, [a]);
        },
      ],
      [
        2,
        () => {
          const a = this.int(c);
          return node(`${par(a)} / ${this.nonZeroLit()}`, [a]);
        },
      ],
      [
        1,
        () => {
          const a = this.int(c);
          return node(`-${par(a)}`, [a]);
        },
      ],
      [
        2,
        () => {
          // Precedence chain over atoms: a + b * c - d / e
          const xs = [this.intLit(), this.intLit(), this.intLit(), this.intLit()];
          const ops = [r.pick(["+", "-"]), r.pick(["*", "+"]), r.pick(["-", "+"])];
          return node(`${xs[0]!.s} ${ops[0]} ${xs[1]!.s} ${ops[1]} ${xs[2]!.s} ${ops[2]} ${xs[3]!.s} / ${this.nonZeroLit()}`, xs);
        },
      ],
      [
        3,
        () => {
          const a = this.int(c);
          const b = this.int(c);
          const op = r.pick(["add", "sub", "bitAnd", "bitOr", "bitXor"]);
          return node(`builtins.${op} ${par(a)} ${par(b)}`, [a, b]);
        },
      ],
      [
        1,
        () => {
          const a = this.int(c);
          return r.chance(0.5)
            ? node(`builtins.mul ${par(a)} ${r.int(0, 9)}`, [a])
            : node(`builtins.div ${par(a)} ${this.nonZeroLit()}`, [a]);
        },
      ],
      [
        3,
        () => {
          const xs = this.list(this.randomTy(1), c);
          return node(`builtins.length ${par(xs)}`, [xs]);
        },
      ],
      [
        3,
        () => {
          const s = r.chance(0.3) ? leaf(this.strLit(ctx.uni)) : this.str(c);
          return node(`builtins.stringLength ${par(s)}`, [s]);
        },
      ],
      [
        2,
        () => {
          const a = this.versionStr(c);
          const b = this.versionStr(c);
          return node(`builtins.compareVersions ${par(a)} ${par(b)}`, [a, b]);
        },
      ],
      [
        2,
        () => {
          const f = this.float(c);
          return node(`builtins.${r.pick(["ceil", "floor"])} ${par(f)}`, [f]);
        },
      ],
      [
        3,
        () => {
          const xs = this.list(INT, c);
          return node(`builtins.foldl' (a: b: a + b) ${r.int(0, 5)} ${par(xs)}`, [xs]);
        },
      ],
      [
        2,
        () => {
          const xs = this.list(STR, c);
          const acc = this.fresh("acc");
          const x = this.fresh("x");
          return node(`builtins.foldl' (${acc}: ${x}: ${acc} + builtins.stringLength ${x}) 0 ${par(xs)}`, [xs]);
        },
      ],
      [
        2,
        () => {
          const set = this.attrs(this.randomTy(0), c);
          return node(`builtins.length (builtins.attrNames ${par(set)})`, [set]);
        },
      ],
      [
        2,
        () => {
          const xs = this.nonEmptyList(INT, c);
          return r.chance(0.5) ? node(`builtins.head ${par(xs)}`, [xs]) : node(`builtins.elemAt ${par(xs)} 0`, [xs]);
        },
      ],
      [
        2,
        () => {
          const xs = this.nonEmptyList(INT, c);
          const v = this.fresh();
          return node(`let ${v} = ${xs.s}; in builtins.elemAt ${v} (builtins.length ${v} - 1)`, [xs]);
        },
      ],
      [3, () => this.selectKnown(INT, c) ?? this.intLit()],
      [3, () => this.lazyForm(INT, c)],
      [1, () => leaf(`(builtins.fromJSON ${JSON.stringify(String(r.int(-50, 5000)))})`)],
      [
        1,
        () => {
          // A functor set called as a function.
          const n = this.int(c);
          const x = this.int(c);
          return node(`{ __functor = self: x: x + self.n; n = ${n.s}; } ${par(x)}`, [n, x]);
        },
      ],
      [
        1,
        () => {
          // A default that refers to another formal.
          const a = this.int(c);
          const pass = r.chance(0.5) ? ` b = ${this.intLit().s};` : "";
          return node(`({ a, b ? a * 2, ... }: a + b) { a = ${a.s};${pass} }`, [a]);
        },
      ],
      [
        1,
        () => {
          // Integer division truncates toward zero; check with negative operands.
          const a = this.int(c);
          return node(`(${par(a)} - 7) / ${this.nonZeroLit()}`, [a]);
        },
      ],
    ])();
  }

  // ---------------------------------------------------------------- floats

  private floatLit(): G {
    const r = this.rng;
    const s = r.pick([
      "1.5",
      "0.25",
      "2.0",
      "3.75",
      "0.1",
      "100.5",
      "1.5e3",
      ".5",
      "2.5e-2",
      "1.0e-3",
      "123.456",
      "0.0",
      "7.0",
      "1234567.5",
      "0.3",
    ]);
    return r.chance(0.15) ? leaf(`(-${s})`) : leaf(s);
  }

  private float(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return this.floatLit();
    const c = this.sub(ctx);
    return r.weighted<() => G>([
      [4, () => this.floatLit()],
      [
        4,
        () => {
          const a = this.float(c);
          const b = r.chance(0.5) ? this.float(c) : this.int(c);
          const [x, y] = r.chance(0.5) ? [a, b] : [b, a];
          return node(`${par(x)} ${r.pick(["+", "-"])} ${par(y)}`, [x, y]);
        },
      ],
      [
        2,
        () => {
          const a = this.float(c);
          return node(`${par(a)} * ${r.pick(["2", "0.5", "3", "(-1)", "1.5", "0"])}`, [a]);
        },
      ],
      [
        2,
        () => {
          const a = r.chance(0.5) ? this.float(c) : this.int(c);
          return node(`${par(a)} / ${r.pick(["2.0", "4", "0.5", "3.0", "(-8.0)", "7"])}`, [a]);
        },
      ],
      [
        1,
        () => {
          const a = this.int(c);
          return node(`${par(a)} * 1.0`, [a]);
        },
      ],
      [1, () => leaf(`(builtins.fromJSON ${JSON.stringify(r.pick(["2.5", "1e3", "-0.125", "3.0", "1E-2", "12.5e1"]))})`)],
      [
        2,
        () => {
          const a = this.float(c);
          const b = r.chance(0.5) ? this.float(c) : this.int(c);
          return node(`builtins.${r.pick(["add", "sub", "mul"])} ${par(a)} ${par(b)}`, [a, b]);
        },
      ],
      [
        1,
        () => {
          const a = this.float(c);
          return node(`builtins.div ${par(a)} ${this.nonZeroLit()}`, [a]);
        },
      ],
      [
        1,
        () => {
          const xs = this.list(INT, c);
          return node(`builtins.foldl' (a: b: a + b) 0.5 ${par(xs)}`, [xs]);
        },
      ],
      [2, () => this.selectKnown(FLOAT, c) ?? this.floatLit()],
    ])();
  }

  // ---------------------------------------------------------------- bools

  private bool(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return leaf(r.pick(["true", "false"]));
    const c = this.sub(ctx);
    return r.weighted<() => G>([
      [3, () => leaf(r.pick(["true", "false"]))],
      [
        6,
        () => {
          const t0 = this.randomTy(1);
          const t = comparable(t0) ? t0 : r.pick<Ty>([INT, INT, FLOAT, STR, list(INT), list(STR)]);
          const a = t.k === "float" && r.chance(0.5) ? this.int(c) : this.gen(t, c);
          const b = this.gen(t, c);
          return node(`${par(a)} ${r.pick(["<", "<=", ">", ">="])} ${par(b)}`, [a, b]);
        },
      ],
      [
        6,
        () => {
          const t = this.randomTy(1);
          if (!eqSafe(t)) return leaf("true");
          const a = this.gen(t, c);
          const b = r.chance(0.3) ? a : this.gen(t, c);
          return node(`${par(a)} ${r.pick(["==", "!="])} ${par(b)}`, a === b ? [a] : [a, b]);
        },
      ],
      [
        1,
        () => {
          const a = this.int(c);
          const b = this.float(c);
          return node(`${par(a)} == ${par(b)}`, [a, b]);
        },
      ],
      [
        2,
        () => {
          const a = this.bool(c);
          return node(`!${par(a)}`, [a]);
        },
      ],
      [
        4,
        () => {
          const a = this.bool(c);
          const b = this.bool(c);
          return node(`${par(a)} ${r.pick(["&&", "||", "->"])} ${par(b)}`, [a, b]);
        },
      ],
      [
        2,
        () => {
          // Precedence over atoms: !a && b || c -> d == e
          const xs = [0, 1, 2, 3].map(() => leaf(r.pick(["true", "false"])));
          return node(`!${xs[0]!.s} && ${xs[1]!.s} || ${xs[2]!.s} -> ${xs[3]!.s} == ${r.pick(["true", "false"])}`, xs);
        },
      ],
      [
        3,
        () => {
          const set = this.attrs(this.randomTy(0), c);
          const nm = r.pick(this.names(ctx));
          if (r.chance(0.3)) return node(`builtins.hasAttr ${JSON.stringify(nm.name)} ${par(set)}`, [set]);
          if (r.chance(0.3)) return node(`{ ${nm.src} = ${par(set)}; } ? ${nm.src}.${r.pick(this.names(ctx)).src}`, [set]);
          return node(`${par(set)} ? ${nm.src}`, [set]);
        },
      ],
      [
        2,
        () => {
          const t = r.pick<Ty>([INT, STR, list(INT), attrs(INT)]);
          const x = this.gen(t, c);
          const xs = this.list(t, c);
          return node(`builtins.elem ${par(x)} ${par(xs)}`, [x, xs]);
        },
      ],
      [
        3,
        () => {
          const t = this.randomTy(0);
          const xs = this.list(t, c);
          const x = this.fresh("x");
          const p = this.bool(this.withVar(c, this.varOf(x, t), 0));
          return node(`builtins.${r.pick(["any", "all"])} (${x}: ${p.s}) ${par(xs)}`, [xs, p], { bound: [x] });
        },
      ],
      [
        4,
        () => {
          const x = this.gen(this.randomTy(1), c);
          const pred = r.pick(["isAttrs", "isList", "isInt", "isFloat", "isString", "isBool", "isNull", "isFunction"]);
          return node(`builtins.${pred} ${par(x)}`, [x]);
        },
      ],
      [
        2,
        () => {
          const x = this.gen(this.randomTy(1), c);
          return node(
            `builtins.typeOf ${par(x)} == ${JSON.stringify(r.pick(["int", "set", "list", "string", "lambda", "float", "bool", "null"]))}`,
            [x],
          );
        },
      ],
      [
        1,
        () => {
          const a = this.int(c);
          const b = this.int(c);
          return node(`builtins.lessThan ${par(a)} ${par(b)}`, [a, b]);
        },
      ],
      [
        2,
        () => {
          const x = this.gen(this.randomTy(1), c);
          return node(`(builtins.tryEval ${par(x)}).success`, [x]);
        },
      ],
      [2, () => this.selectKnown(BOOL, c) ?? leaf("true")],
      [4, () => this.lazyForm(BOOL, c)],
    ])();
  }

  // ---------------------------------------------------------------- strings

  /** Source text of an ordinary string literal. */
  strLit(unicode: boolean): string {
    return `"${this.strBody(unicode)}"`;
  }

  /** The body of a `"…"` literal, never containing an interpolation. */
  private strBody(unicode: boolean): string {
    const r = this.rng;
    const n = r.int(0, 5);
    let s = "";
    for (let i = 0; i < n; i++) {
      const piece = unicode && r.chance(0.3) ? r.pick(UNICODE_PIECES) : r.pick(STR_PIECES);
      s += hasInterpolation(s + piece) ? "x" : piece;
    }
    return s;
  }

  private indented(ctx: Ctx): G {
    const r = this.rng;
    const kids: G[] = [];
    const piece = (): string => {
      if (ctx.depth > 0 && r.chance(0.15)) {
        const g = this.str(this.sub(ctx));
        kids.push(g);
        return "${" + g.s + "}";
      }
      return r.pick(IND_PIECES);
    };
    if (r.chance(0.25)) {
      // One-line form.
      // Pieces may touch, except after a `$` (that would start or escape an interpolation).
      let body = r.pick(["x", " ", "a b"]);
      for (let i = r.int(0, 3); i > 0; i--) {
        const p = piece();
        body += (body.endsWith("$") || r.chance(0.5) ? " " : "") + p;
      }
      return node(`''${body}''`, kids, { atom: true });
    }
    const base = r.pick(["", " ", "  ", "    "]);
    const lines: string[] = [];
    for (let i = r.int(1, 4); i > 0; i--) {
      if (r.chance(0.15)) {
        lines.push(r.chance(0.5) ? "" : " ".repeat(r.int(0, 6)));
        continue;
      }
      let line = base + " ".repeat(r.chance(0.3) ? r.int(1, 3) : 0);
      for (let j = r.int(1, 3); j > 0; j--) line += piece() + (j > 1 ? " " : "");
      lines.push(line);
    }
    const lastIndent = r.pick(["", base, " "]);
    const firstLine = r.chance(0.2) ? "  " : "";
    return node(`''${firstLine}\n${lines.join("\n")}\n${lastIndent}''`, kids, { atom: true });
  }

  private versionStr(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth > 1 && r.chance(0.2)) {
      const a = leaf(JSON.stringify(r.pick(VERSIONS)));
      const b = leaf(JSON.stringify(r.pick(VERSIONS.filter((v) => v !== ""))));
      return node(`${a.s} + ${b.s}`, [a, b]);
    }
    return leaf(JSON.stringify(r.pick(VERSIONS)));
  }

  private str(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return leaf(this.strLit(ctx.uni && r.chance(0.1)));
    const c = this.sub(ctx);
    return r.weighted<() => G>([
      [5, () => leaf(this.strLit(ctx.uni && r.chance(0.2)))],
      [
        4,
        () => {
          const a = this.str(c);
          const b = this.str(c);
          return node(`${par(a)} + ${par(b)}`, [a, b]);
        },
      ],
      [
        4,
        () => {
          const a = this.str(c);
          // The text before `${` must not end in an odd run of `$` (that would make `$${` literal).
          let pre = this.strBody(false);
          if (!hasInterpolation(pre + "${")) pre += "x";
          const post = this.strBody(false);
          return node(`"${pre}\${${a.s}}${post}"`, [a], { atom: true });
        },
      ],
      [3, () => this.indented(ctx)],
      [
        3,
        () => {
          const xs = this.list(STR, c);
          const sep = leaf(r.pick(['""', '", "', '"-"', '"\\n"', '" "']));
          return node(`builtins.concatStringsSep ${sep.s} ${par(xs)}`, [xs]);
        },
      ],
      [
        3,
        () => {
          const n = r.int(1, 3);
          const pool = ['""', '"a"', '"b"', '"ab"', '"x"', '"foo"', '" "', '"."', '"$"', '"\\n"'];
          const from: string[] = [];
          const to: string[] = [];
          for (let i = 0; i < n; i++) {
            from.push(r.pick(pool));
            to.push(r.pick(pool.concat(['"ZZ"', '"-"'])));
          }
          const s = this.str(this.ascii(c));
          return node(`builtins.replaceStrings [ ${from.join(" ")} ] [ ${to.join(" ")} ] ${par(s)}`, [s]);
        },
      ],
      [
        3,
        () => {
          const s = this.str(this.ascii(c));
          const start = r.int(0, 6);
          const len = r.pick(["0", "1", "2", "3", "100", "(-1)"]);
          return node(`builtins.substring ${start} ${len} ${par(s)}`, [s]);
        },
      ],
      [
        3,
        () => {
          const x = this.gen(r.pick<Ty>([INT, INT, BOOL, NULL, STR, list(INT), list(STR), list(list(INT)), list(BOOL), FLOAT]), c);
          return node(`${r.chance(0.5) ? "toString" : "builtins.toString"} ${par(x)}`, [x]);
        },
      ],
      [
        3,
        () => {
          const t = this.randomTy(2);
          if (!jsonSafe(t)) return leaf(this.strLit(false));
          const x = this.gen(t, c);
          return node(`builtins.toJSON ${par(x)}`, [x]);
        },
      ],
      [
        2,
        () => {
          const x = this.gen(this.randomTy(1), c);
          return node(`builtins.typeOf ${par(x)}`, [x]);
        },
      ],
      [
        2,
        () => {
          const xs = this.nonEmptyList(STR, c);
          return node(`builtins.head ${par(xs)}`, [xs]);
        },
      ],
      [
        2,
        () => {
          const set = this.attrs(this.randomTy(0), c);
          return node(`builtins.concatStringsSep "," (builtins.attrNames ${par(set)})`, [set]);
        },
      ],
      [
        2,
        () => {
          const v = this.versionStr(c);
          return node(`builtins.concatStringsSep "|" (builtins.splitVersion ${par(v)})`, [v]);
        },
      ],
      [
        3,
        () => {
          const re = r.pick(REGEXES);
          const target = r.pick(REGEX_TARGETS);
          return leaf(`builtins.toJSON (builtins.${r.pick(["match", "split"])} "${re}" ${target})`, false);
        },
      ],
      [
        1,
        () => {
          const n = this.int(c);
          return node(`"n=\${toString ${par(n)}}"`, [n], { atom: true });
        },
      ],
      [2, () => this.selectKnown(STR, c) ?? leaf(this.strLit(false))],
      [2, () => this.lazyForm(STR, c)],
      [
        2,
        () => {
          const x = this.str(c);
          return node(`builtins.hashString ${nixStr(r.pick(["md5", "sha1", "sha256", "sha512"]))} ${par(x)}`, [x]);
        },
      ],
      [1, () => leaf(`${r.pick(["baseNameOf", "dirOf"])} ${nixStr(r.pick(PATHISH))}`, false)],
      [
        2,
        () => {
          // Sets that coerce to strings: outPath and __toString.
          const x = this.str(c);
          return r.weighted<() => G>([
            [1, () => node(`builtins.toJSON { outPath = ${x.s}; a = 1; }`, [x])],
            [1, () => node(`"<\${{ outPath = ${x.s}; }}>"`, [x], { atom: true })],
            [1, () => node(`toString { __toString = self: self.s + "!"; s = ${x.s}; }`, [x])],
            [1, () => node(`builtins.toJSON [ { __toString = self: ${x.s}; } ]`, [x])],
          ])();
        },
      ],
      [
        1,
        () => {
          const v = this.versionStr(c);
          return node(`(builtins.parseDrvName ("pkg-name-" + ${par(v)})).${r.pick(["name", "version"])}`, [v]);
        },
      ],
      [
        1,
        () => {
          const s = this.str(c);
          return node(`"\${${s.s}}"`, [s], { atom: true });
        },
      ],
    ])();
  }

  private nul(ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return leaf("null");
    return r.weighted<() => G>([
      [5, () => leaf("null")],
      [1, () => leaf(`builtins.match "a" "b"`, false)],
      [1, () => leaf(`builtins.fromJSON "null"`, false)],
      [
        1,
        () => {
          const set = this.attrs(INT, this.sub(ctx));
          return node(`${par(set)}.nope or null`, [set]);
        },
      ],
    ])();
  }

  // ---------------------------------------------------------------- lists

  private listLiteral(of: Ty, ctx: Ctx, minLen = 0): G {
    const r = this.rng;
    const n = r.int(minLen, 4);
    const items: G[] = [];
    for (let i = 0; i < n; i++) items.push(this.gen(of, ctx));
    return node(`[ ${items.map(par).join(" ")} ]`, items, { atom: true, nonEmpty: n > 0 });
  }

  nonEmptyList(of: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    if (ctx.depth === 0) return this.listLiteral(of, ctx, 1);
    return r.weighted<() => G>([
      [4, () => this.listLiteral(of, c, 1)],
      [
        2,
        () => {
          const x = this.gen(of, c);
          const xs = this.list(of, c);
          return node(`[ ${par(x)} ] ++ ${par(xs)}`, [x, xs], { nonEmpty: true });
        },
      ],
      [
        1,
        () => {
          const i = this.fresh("i");
          const body = this.gen(of, this.withVar(c, this.varOf(i, INT), 0));
          return node(`builtins.genList (${i}: ${body.s}) ${r.int(1, 5)}`, [body], { bound: [i], nonEmpty: true });
        },
      ],
      [
        1,
        () => {
          const at = this.randomTy(0);
          const xs = this.nonEmptyList(at, c);
          const x = this.fresh("x");
          const body = this.gen(of, this.withVar(c, this.varOf(x, at), 0));
          return node(`map (${x}: ${body.s}) ${par(xs)}`, [xs, body], { bound: [x], nonEmpty: true });
        },
      ],
    ])();
  }

  private list(of: Ty, ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return this.listLiteral(of, ctx);
    const c = this.sub(ctx);
    const forms: [number, () => G][] = [
      [5, () => this.listLiteral(of, c)],
      [
        3,
        () => {
          const a = this.list(of, c);
          const b = this.list(of, c);
          return node(`${par(a)} ++ ${par(b)}`, [a, b], { nonEmpty: a.nonEmpty || b.nonEmpty });
        },
      ],
      [
        4,
        () => {
          const at = this.randomTy(1);
          const xs = this.list(at, c);
          const x = this.fresh("x");
          const body = this.gen(of, this.withVar(c, this.varOf(x, at), 0));
          return node(`${r.chance(0.5) ? "map" : "builtins.map"} (${x}: ${body.s}) ${par(xs)}`, [xs, body], {
            bound: [x],
            nonEmpty: xs.nonEmpty,
          });
        },
      ],
      [
        3,
        () => {
          const xs = this.list(of, c);
          const x = this.fresh("x");
          const p = this.bool(this.withVar(c, this.varOf(x, of), 0));
          return node(`builtins.filter (${x}: ${p.s}) ${par(xs)}`, [xs, p], { bound: [x] });
        },
      ],
      [
        3,
        () => {
          const i = this.fresh("i");
          const body = this.gen(of, this.withVar(c, this.varOf(i, INT), 0));
          const n = r.int(0, 6);
          return node(`builtins.genList (${i}: ${body.s}) ${n}`, [body], { bound: [i], nonEmpty: n > 0 });
        },
      ],
      [
        2,
        () => {
          const xs = this.nonEmptyList(of, c);
          return node(`builtins.tail ${par(xs)}`, [xs]);
        },
      ],
      [
        2,
        () => {
          const a = this.list(of, c);
          const b = this.list(of, c);
          return node(`builtins.concatLists [ ${par(a)} ${par(b)} ]`, [a, b], { nonEmpty: a.nonEmpty || b.nonEmpty });
        },
      ],
      [
        2,
        () => {
          const at = this.randomTy(0);
          const xs = this.list(at, c);
          const x = this.fresh("x");
          const inner = this.withVar(c, this.varOf(x, at), 0);
          const body = this.list(of, inner);
          return node(`builtins.concatMap (${x}: ${body.s}) ${par(xs)}`, [xs, body], { bound: [x] });
        },
      ],
      [
        2,
        () => {
          const xs = this.list(of, c);
          const x = this.fresh("x");
          const p = this.bool(this.withVar(c, this.varOf(x, of), 0));
          return node(`(builtins.partition (${x}: ${p.s}) ${par(xs)}).${r.pick(["right", "wrong"])}`, [xs, p], { bound: [x] });
        },
      ],
      [
        2,
        () => {
          const set = this.attrs(of, c);
          return node(`builtins.attrValues ${par(set)}`, [set]);
        },
      ],
      [
        1,
        () => {
          const sets = [this.attrs(of, c), this.attrs(of, c)];
          const nm = r.pick(this.names(ctx));
          return node(`builtins.catAttrs ${JSON.stringify(nm.name)} [ ${sets.map(par).join(" ")} ]`, sets);
        },
      ],
    ];
    if (of.k === "int" || of.k === "str" || of.k === "float") {
      forms.push([
        3,
        () => {
          const xs = this.list(of, c);
          const cmp = r.pick(["builtins.lessThan", "(a: b: a < b)", "(a: b: a > b)", "(a: b: b < a)"]);
          return node(`builtins.sort ${cmp} ${par(xs)}`, [xs], { nonEmpty: xs.nonEmpty });
        },
      ]);
    }
    if (of.k === "str") {
      forms.push([
        2,
        () => {
          const set = this.attrs(this.randomTy(0), c);
          return node(`builtins.attrNames ${par(set)}`, [set], { nonEmpty: (set.keys?.length ?? 0) > 0 });
        },
      ]);
      forms.push([
        2,
        () => {
          const v = this.versionStr(c);
          return node(`builtins.splitVersion ${par(v)}`, [v]);
        },
      ]);
    }
    if (of.k === "int") {
      forms.push([
        1,
        () => {
          // sort is stable: equal keys keep their order.
          const n = r.int(2, 7);
          const items = Array.from({ length: n }, (_, i) => `{ k = ${r.int(0, 2)}; v = ${i}; }`);
          return leaf(`map (x: x.v) (builtins.sort (p: q: p.k < q.k) [ ${items.join(" ")} ])`, false);
        },
      ]);
      forms.push([
        1,
        () => {
          const a = this.int(c);
          return node(`builtins.genList (i: i * 2 + ${par(a)}) ${r.int(0, 8)}`, [a]);
        },
      ]);
    }
    if (of.k === "any") {
      forms.push([
        3,
        () => {
          const re = r.pick(REGEXES);
          const target = r.pick(REGEX_TARGETS);
          return leaf(`builtins.split "${re}" ${target}`, false);
        },
      ]);
      forms.push([
        2,
        () => {
          const items = [0, 1, 2].map(() => this.gen(this.randomTy(1), c));
          return node(`[ ${items.map(par).join(" ")} ]`, items, { atom: true, nonEmpty: true });
        },
      ]);
    }
    if (of.k === "list") {
      forms.push([
        1,
        () => {
          const et = of.of;
          const xs = this.list(et, c);
          const x = this.fresh("x");
          const k = this.gen(STR, this.withVar(c, this.varOf(x, et), 0));
          return node(`builtins.attrValues (builtins.groupBy (${x}: ${k.s}) ${par(xs)})`, [xs, k], { bound: [x] });
        },
      ]);
    }
    return r.weighted(forms)();
  }

  // ---------------------------------------------------------------- sets

  /** A literal set; `plainOnly` keeps to identifier names (for `inherit`). */
  private attrsLiteral(of: Ty, ctx: Ctx, plainOnly = false): G {
    const r = this.rng;
    const pool = plainOnly ? NAMES.filter(isIdent) : this.names(ctx);
    const n = r.int(plainOnly ? 1 : 0, 4);
    const chosen = new Map<string, Name>();
    for (let i = 0; i < n; i++) {
      const nm = r.pick(pool);
      chosen.set(nm.name, nm);
    }
    const binds: string[] = [];
    const kids: G[] = [];
    for (const nm of chosen.values()) {
      const g = this.gen(of, ctx);
      binds.push(`${nm.src} = ${g.s};`);
      kids.push(g);
    }
    return node(`{ ${binds.join(" ")}${binds.length ? " " : ""}}`, kids, { atom: true, keys: [...chosen.keys()] });
  }

  private attrs(of: Ty, ctx: Ctx): G {
    const r = this.rng;
    if (ctx.depth === 0) return this.attrsLiteral(of, ctx);
    const c = this.sub(ctx);
    const forms: [number, () => G][] = [
      [6, () => this.attrsLiteral(of, c)],
      [
        2,
        () => {
          // rec { a = e; b = a; }, with later names referring to earlier ones.
          const names = uniq([r.pick(NAMES.slice(0, 10)).name, r.pick(NAMES.slice(0, 10)).name]);
          const kids: G[] = [];
          const binds: string[] = [];
          const vars: Var[] = [];
          const localNames: string[] = [];
          for (const nm of names) {
            // Refer to a sibling through a fresh let-free name: rec names are the NAMES themselves.
            const inner: Ctx = { depth: c.depth, vars: [...c.vars.filter((x) => !names.includes(x.name)), ...vars], uni: c.uni };
            const g = this.gen(of, inner);
            binds.push(`${nm} = ${g.s};`);
            kids.push(g);
            if (isIdent(NAMES.find((x) => x.name === nm)!)) {
              vars.push({ name: nm, ty: of, keys: g.keys, nonEmpty: g.nonEmpty, uni: c.uni });
              localNames.push(nm);
            }
          }
          return node(`rec { ${binds.join(" ")} }`, kids, { atom: true, keys: names, bound: localNames });
        },
      ],
      [
        2,
        () => {
          // Dynamic attributes with distinct names: ${"d0"} = …; "d1${""}" = …;
          const kids: G[] = [];
          const binds: string[] = [];
          const keys: string[] = [];
          const n = r.int(1, 3);
          for (let i = 0; i < n; i++) {
            const name = `d${i}`;
            const g = this.gen(of, c);
            kids.push(g);
            keys.push(name);
            const form = r.pick([`\${"${name}"}`, `"\${"d"}${i}"`, `"${name}"`, `\${"d" + "${i}"}`]);
            binds.push(`${form} = ${g.s};`);
          }
          if (r.chance(0.3)) binds.push(`\${null} = 1;`);
          return node(`{ ${binds.join(" ")} }`, kids, { atom: true, keys });
        },
      ],
      [
        2,
        () => {
          // inherit from the enclosing let and from another set.
          const v = this.fresh();
          const val = this.gen(of, c);
          const src = this.attrsLiteral(of, c, true);
          const k = r.pick(src.keys!);
          const other = this.gen(of, c);
          return node(`let ${v} = ${val.s}; in { inherit ${v}; inherit (${src.s}) ${k}; zz = ${other.s}; }`, [val, src, other], {
            keys: [v, k, "zz"],
          });
        },
      ],
      [
        3,
        () => {
          const a = this.attrs(of, c);
          const b = this.attrs(of, c);
          return node(`${par(a)} // ${par(b)}`, [a, b], { keys: uniq([...(a.keys ?? []), ...(b.keys ?? [])]) });
        },
      ],
      [
        2,
        () => {
          const at = this.randomTy(0);
          const set = this.attrs(at, c);
          const n = this.fresh("n");
          const v = this.fresh("v");
          const body = this.gen(of, this.withVar(this.withVar(c, this.varOf(n, STR), 0), this.varOf(v, at), 0));
          return node(`builtins.mapAttrs (${n}: ${v}: ${body.s}) ${par(set)}`, [set, body], { keys: set.keys, bound: [n, v] });
        },
      ],
      [
        2,
        () => {
          const xs = this.list(INT, c);
          const x = this.fresh("x");
          const val = this.gen(of, this.withVar(c, this.varOf(x, INT), 0));
          return node(`builtins.listToAttrs (map (${x}: { name = "k\${toString ${x}}"; value = ${val.s}; }) ${par(xs)})`, [xs, val], {
            bound: [x],
          });
        },
      ],
      [
        1,
        () => {
          const items = [0, 1, 2].map(() => this.gen(of, c));
          const names = [0, 1, 2].map(() => JSON.stringify(r.pick(this.names(ctx)).name));
          return node(`builtins.listToAttrs [ ${items.map((g, i) => `{ name = ${names[i]}; value = ${g.s}; }`).join(" ")} ]`, items);
        },
      ],
      [
        2,
        () => {
          const set = this.attrs(of, c);
          const rm = uniq([r.pick(this.names(ctx)).name, r.pick(this.names(ctx)).name]);
          return node(`builtins.removeAttrs ${par(set)} [ ${rm.map((x) => JSON.stringify(x)).join(" ")} ]`, [set], {
            keys: (set.keys ?? []).filter((k) => !rm.includes(k)),
          });
        },
      ],
      [
        1,
        () => {
          const a = this.attrs(this.randomTy(0), c);
          const b = this.attrs(of, c);
          return node(`builtins.intersectAttrs ${par(a)} ${par(b)}`, [a, b]);
        },
      ],
      [
        1,
        () => {
          const v = this.fresh("w");
          const val = this.attrsLiteral(of, c);
          const body = this.attrs(of, this.withVar(c, this.varOf(v, attrs(of), val), 0));
          return node(`with ${val.s}; let ${v} = ${val.s}; in ${body.s}`, [val, body], { bound: [v], keys: body.keys });
        },
      ],
    ];
    if (of.k === "attrs") {
      forms.push([
        3,
        () => {
          // Dotted bindings merged into nested sets: { a.b = …; a.c = …; d = { e = …; }; d.f = …; }
          const inner = of.of;
          const outer = uniq([r.pick(NAMES.slice(0, 8)).src, r.pick(NAMES.slice(0, 8)).src]);
          const binds: string[] = [];
          const kids: G[] = [];
          for (const o of outer) {
            const innerNames = uniq([r.pick(this.names(ctx)).src, r.pick(this.names(ctx)).src, r.pick(this.names(ctx)).src]);
            if (r.chance(0.3) && innerNames.length > 1) {
              const g = this.gen(inner, c);
              kids.push(g);
              binds.push(`${o} = { ${innerNames[0]} = ${g.s}; };`);
              for (const n of innerNames.slice(1)) {
                const h = this.gen(inner, c);
                kids.push(h);
                binds.push(`${o}.${n} = ${h.s};`);
              }
            } else {
              for (const n of innerNames) {
                const h = this.gen(inner, c);
                kids.push(h);
                binds.push(`${o}.${n} = ${h.s};`);
              }
            }
          }
          const keys = outer.map((o) => NAMES.find((n) => n.src === o)!.name);
          return node(`{ ${binds.join(" ")} }`, kids, { atom: true, keys });
        },
      ]);
      forms.push([
        1,
        () => {
          const sets = [this.attrs(of.of, c), this.attrs(of.of, c)];
          const nm = r.pick(NAMES.slice(0, 8));
          return node(`{ ${nm.src} = ${sets[0]!.s}; } // { ${nm.src} = ${sets[1]!.s}; }`, sets, { atom: false, keys: [nm.name] });
        },
      ]);
    }
    if (of.k === "list") {
      forms.push([
        2,
        () => {
          const et = of.of;
          const xs = this.list(et, c);
          const x = this.fresh("x");
          const k = this.gen(STR, this.withVar(c, this.varOf(x, et), 0));
          return node(`builtins.groupBy (${x}: ${k.s}) ${par(xs)}`, [xs, k], { bound: [x] });
        },
      ]);
      forms.push([
        2,
        () => {
          const et = of.of;
          const xs = this.list(et, c);
          const x = this.fresh("x");
          const p = this.bool(this.withVar(c, this.varOf(x, et), 0));
          return node(`builtins.partition (${x}: ${p.s}) ${par(xs)}`, [xs, p], { bound: [x], keys: ["right", "wrong"] });
        },
      ]);
      forms.push([
        1,
        () => {
          const sets = [this.attrs(of.of, c), this.attrs(of.of, c)];
          return node(`builtins.zipAttrsWith (n: vs: vs) [ ${sets.map(par).join(" ")} ]`, sets);
        },
      ]);
    }
    if (of.k === "bool") {
      forms.push([
        1,
        () => {
          const f = r.pick(["{ a, b ? 1 }: a", "{ x ? 2, ... }@s: x", "{ }: 1", "x: x", "{ a, b, c ? null, ... }: a"]);
          return leaf(`builtins.functionArgs (${f})`, false);
        },
      ]);
    }
    if (of.k === "int" || of.k === "str") {
      forms.push([
        1,
        () => {
          const vals = of.k === "int" ? ["1", "-2", "300"] : ['"s"', '"\\u0041"', '"a\\nb"'];
          const ks = uniq([r.pick(this.names(ctx)).name, r.pick(this.names(ctx)).name]);
          const json = `{${ks.map((k, i) => `${JSON.stringify(k)}:${vals[i % vals.length]}`).join(",")}}`;
          return leaf(`(builtins.fromJSON ${JSON.stringify(json)})`, true, { keys: ks });
        },
      ]);
    }
    return r.weighted(forms)();
  }

  /** `set.name` for a set of type attrs(t) with a known key, or null if none came out. */
  private selectKnown(t: Ty, ctx: Ctx): G | null {
    const r = this.rng;
    const set = this.attrs(t, ctx);
    const ks = set.keys ?? [];
    if (ks.length === 0) return null;
    const k = r.pick(ks);
    const nm = NAMES.find((n) => n.name === k);
    const src = nm ? nm.src : /^[a-zA-Z_][a-zA-Z0-9_'-]*$/.test(k) ? k : JSON.stringify(k);
    if (r.chance(0.25)) return node(`builtins.getAttr ${JSON.stringify(k)} ${par(set)}`, [set]);
    if (r.chance(0.2)) return node(`${par(set)}.\${${JSON.stringify(k)}}`, [set]);
    return node(`${par(set)}.${src}`, [set]);
  }

  // ---------------------------------------------------------------- functions

  private fn(arg: Ty, ret: Ty, ctx: Ctx): G {
    const r = this.rng;
    const c = this.sub(ctx);
    const prims: [number, () => G | null][] = [
      [
        6,
        () => {
          const x = this.fresh("x");
          const body = this.gen(ret, this.withVar(c, this.varOf(x, arg), 0));
          return node(`${x}: ${body.s}`, [body], { bound: [x] });
        },
      ],
      [
        2,
        () => {
          const x = this.fresh("x");
          const y = this.fresh("y");
          const bt = this.randomTy(0);
          const b = this.gen(bt, c);
          const body = this.gen(ret, this.withVar(this.withVar(c, this.varOf(x, bt), 0), this.varOf(y, arg), 0));
          return node(`(${x}: ${y}: ${body.s}) ${par(b)}`, [b, body], { bound: [x, y] });
        },
      ],
    ];
    if (arg.k === "int" && ret.k === "int")
      prims.push([2, () => leaf(r.pick(["(builtins.add 1)", "(builtins.mul 2)", "(builtins.sub 10)", "(builtins.bitAnd 7)"]))]);
    if (arg.k === "int" && ret.k === "str") prims.push([2, () => leaf(r.pick(["toString", "builtins.toString"]))]);
    if (arg.k === "str" && ret.k === "int") prims.push([2, () => leaf("builtins.stringLength")]);
    if (ret.k === "str") prims.push([1, () => leaf("builtins.typeOf")]);
    if (ret.k === "bool") prims.push([1, () => leaf(r.pick(["builtins.isInt", "builtins.isString", "builtins.isList"]))]);
    if (arg.k === "str" && ret.k === "str") prims.push([1, () => leaf(`(builtins.replaceStrings [ "a" ] [ "A" ])`)]);
    for (;;) {
      const g = r.weighted(prims)();
      if (g) return g;
    }
  }
}

/** All closed sub-expressions of g (including g), smallest source first. */
export function closedSubExpressions(g: G): G[] {
  const out: G[] = [];
  const seen = new Set<string>();
  const walk = (x: G): void => {
    if (x.free.length === 0 && !seen.has(x.s)) {
      seen.add(x.s);
      out.push(x);
    }
    for (const k of x.kids) walk(k);
  };
  walk(g);
  return out.sort((a, b) => a.s.length - b.s.length);
}

/** Generate `count` cases from `seed`. */
export function generateCases(seed: number, count: number, depth = 4): { expr: G; ty: Ty }[] {
  const rng = new Rng(seed);
  const out: { expr: G; ty: Ty }[] = [];
  for (let i = 0; i < count; i++) out.push(new ExprGen(rng.fork()).generate(depth));
  return out;
}
