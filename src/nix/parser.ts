/**
 * The Nix parser: recursive descent over the token arrays of `lexer.ts`, with
 * precedence climbing for operators, reproducing the grammar of Nix's
 * `parser.y` (including `or` as an identifier, legacy `let { }`, pipes at the
 * `if` level, and non-associative comparisons) and its semantic actions
 * (attribute-path merging, duplicate and dynamic-attribute errors, formal
 * checks, indented-string stripping). Syntax errors are worded like bison's
 * (`syntax error, unexpected X, expecting A or B`), listing at most four
 * expected tokens as bison does after its default reductions.
 */
import type * as A from "./ast.js";
import { NixError } from "./errors.js";
import { tokenize } from "./lexer.js";
import { AttrsBuilder, validateFormals, type AttrsNode } from "./parse-attrs.js";
import { TokenCursor, type ParseOptions } from "./parse-cursor.js";
import { constantString, mergeParts, stripIndentation, type IndPiece } from "./parse-strings.js";
import { Source, span, type Span } from "./source.js";
import { T } from "./tokens.js";

export type { Diagnose, ParseOptions } from "./parse-cursor.js";

/**
 * Parse a whole source into an expression; throws NixError (kind "parse") on bad
 * input, or kind "stack-overflow" when nesting is too deep for the JS stack.
 */
export function parse(source: Source, options: ParseOptions = {}): A.Expr {
  const parser = new Parser(source, tokenize(source, options), options);
  try {
    return parser.parseTop();
  } catch (e) {
    if (e instanceof RangeError) throw new NixError("stack-overflow", "stack overflow (possible infinite recursion)", parser.here());
    throw e;
  }
}

// Binding powers of the binary operators (0: not a binary operator).
const P_IMPL = 1;
const P_OR = 2;
const P_AND = 3;
const P_EQ = 4;
const P_CMP = 5;
const P_UPDATE = 6;
const P_NOT = 7;
const P_ADD = 8;
const P_MUL = 9;
const P_CONCAT = 10;
const P_HAS = 11;
const P_NEG = 12;

const PREC = new Uint8Array(64);
const BIN_OP: A.BinaryOp[] = [];
function binop(kind: number, prec: number, op: A.BinaryOp): void {
  PREC[kind] = prec;
  BIN_OP[kind] = op;
}
binop(T.IMPL, P_IMPL, "->");
binop(T.OR, P_OR, "||");
binop(T.AND, P_AND, "&&");
binop(T.EQ, P_EQ, "==");
binop(T.NEQ, P_EQ, "!=");
binop(T.LT, P_CMP, "<");
binop(T.GT, P_CMP, ">");
binop(T.LEQ, P_CMP, "<=");
binop(T.GEQ, P_CMP, ">=");
binop(T.UPDATE, P_UPDATE, "//");
binop(T.PLUS, P_ADD, "+");
binop(T.MINUS, P_ADD, "-");
binop(T.STAR, P_MUL, "*");
binop(T.SLASH, P_MUL, "/");
binop(T.CONCAT, P_CONCAT, "++");
PREC[T.QUESTION] = P_HAS;

/** Tokens that can start an `expr_select` (an argument or a list element). */
const STARTS_SELECT = new Uint8Array(64);
for (const k of [
  T.ID,
  T.INT,
  T.FLOAT,
  T.QUOTE,
  T.IND_OPEN,
  T.PATH,
  T.HPATH,
  T.SPATH,
  T.URI,
  T.LPAREN,
  T.LET,
  T.REC,
  T.LBRACE,
  T.LBRACKET,
]) {
  STARTS_SELECT[k] = 1;
}

/** Where a list of bindings ends, and what bison expects when it does not. */
const enum Binds {
  Attrs,
  Rec,
  Let,
}
const BINDS_END = { [Binds.Attrs]: T.RBRACE, [Binds.Rec]: T.RBRACE, [Binds.Let]: T.IN };
const BINDS_EXPECTED = { [Binds.Attrs]: [T.INHERIT], [Binds.Rec]: [T.INHERIT, T.RBRACE], [Binds.Let]: [T.IN, T.INHERIT] };

/** What bison expects after `{` or `,` in a formal set. */
const AFTER_COMMA = [T.ID, T.ELLIPSIS, T.RBRACE];

/**
 * The span a set literal has until its `}` is reached (nothing reads it before);
 * the set that collects a `let`'s bindings, which is not in the AST, keeps it.
 */
const PENDING_SPAN = span(new Source("«pending»", "", false), 0, 0);

class Parser extends TokenCursor {
  private readonly attrs = new AttrsBuilder();
  /**
   * The `e or` call (`expr_simple OR_KW`) that the last `parseSelect` made, if
   * it is still to be checked: it warns when used as an argument or list item.
   * Only the caller of that `parseSelect` looks at it, so one slot is enough.
   */
  private cursed: A.Expr | null = null;
  /**
   * Elements of the lists under construction, all nesting levels stacked: a list
   * is pushed from some `base` and copied out with `take(base)`, so the AST's
   * arrays have no spare capacity (an array grown by `push` keeps ≥ 17 slots).
   */
  private readonly scratch: unknown[] = [];

  // ---- expressions ----------------------------------------------------------

  /** The current token's span (for errors raised outside the grammar). */
  here(): Span {
    return this.tokSpan(Math.min(this.i, this.lastIndex));
  }

  parseTop(): A.Expr {
    const e = this.parseExpr();
    if (this.peek() !== T.EOF) throw this.unexpected([T.EOF]);
    return e;
  }

  /** `expr_function`: lambdas, assert, with, let … in, or an `expr_if`. */
  private parseExpr(): A.Expr {
    const k = this.peek();
    if (k === T.ID) {
      const next = this.peek(1);
      if (next === T.COLON) return this.parseSimpleLambda();
      if (next === T.AT) return this.parseAtLambda();
    } else if (k === T.LBRACE) {
      if (this.isFormalSet()) return this.parseFormalsLambda();
    } else if (k === T.ASSERT || k === T.WITH) {
      return this.parseAssertOrWith(k);
    } else if (k === T.LET && this.peek(1) !== T.LBRACE) {
      return this.parseLet();
    }
    if (k === T.IF) return this.parseIf();
    // `expr_op`, possibly the first operand of a pipe chain (inlined: nesting depth matters).
    const left = this.parseOp(0);
    const next = this.peek();
    return next === T.PIPE_INTO || next === T.PIPE_FROM ? this.parsePipes(left) : left;
  }

  private parseAssertOrWith(k: number): A.Expr {
    const start = this.start();
    this.advance();
    const cond = this.parseExpr();
    this.expect(T.SEMI);
    const body = this.parseExpr();
    return k === T.ASSERT
      ? { kind: "assert", span: this.sp(start), cond, body }
      : { kind: "with", span: this.sp(start), scope: cond, body };
  }

  private parseLet(): A.Expr {
    const start = this.start();
    this.advance();
    const b = this.attrs.create(PENDING_SPAN);
    this.parseBinds(b, Binds.Let);
    this.advance(); // `in`
    const body = this.parseExpr();
    if (b.dynamic.length > 0) throw new NixError("parse", "dynamic attributes not allowed in let", this.sp(start, start + 3));
    return { kind: "let", span: this.sp(start), bindings: b.bindings, inheritFrom: b.inheritFrom, body };
  }

  private parseIf(): A.Expr {
    const start = this.start();
    this.advance();
    const cond = this.parseExpr();
    this.expect(T.THEN);
    const then = this.parseExpr();
    this.expect(T.ELSE);
    const otherwise = this.parseExpr();
    return { kind: "if", span: this.sp(start), cond, then, else: otherwise };
  }

  /** `a |> f |> g` (left-associative) or `f <| g <| a` (right-associative); never mixed. */
  private parsePipes(first: A.Expr): A.Expr {
    let left = first;
    const k = this.peek();
    if (k === T.PIPE_INTO) {
      while (this.peek() === T.PIPE_INTO) {
        const op = this.advance();
        left = this.binary("|>", left, this.parseOp(0), op);
      }
    } else if (k === T.PIPE_FROM) {
      const operands = [left];
      const ops: number[] = [];
      while (this.peek() === T.PIPE_FROM) {
        ops.push(this.advance());
        operands.push(this.parseOp(0));
      }
      let right = operands[operands.length - 1]!;
      for (let n = operands.length - 2; n >= 0; n--) right = this.binary("<|", operands[n]!, right, ops[n]!);
      left = right;
    }
    return left;
  }

  /** The scratch elements from `base` on, as an exact-size array; pops them. */
  private take<E>(base: number): E[] {
    const items = this.scratch.slice(base) as E[];
    this.scratch.length = base;
    return items;
  }

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr, opTok: number): A.Binary {
    const s = this.sp(left.span.start, right.span.end);
    return { kind: "binary", span: s, op, opSpan: this.tokSpan(opTok), left, right };
  }

  /**
   * `expr_op` (with `expr_app` inlined): prefix `!`/`-`, application, binary
   * operators and `?`, by precedence climbing.
   */
  private parseOp(minPrec: number): A.Expr {
    const start = this.start();
    const k = this.peek();
    let left: A.Expr;
    if (k === T.BANG || k === T.MINUS) {
      this.advance();
      const operand = this.parseOp(k === T.BANG ? P_NOT + 1 : P_NEG);
      left = { kind: "unary", span: this.sp(start), op: k === T.BANG ? "!" : "-", expr: operand };
    } else {
      // `expr_app`: one or more `expr_select`s; juxtaposition is application.
      left = this.parseSelect();
      if (STARTS_SELECT[this.peek()] === 1) {
        const first = this.parseArgument();
        let args: A.Expr[];
        if (STARTS_SELECT[this.peek()] !== 1) {
          args = [first];
        } else {
          const base = this.scratch.length;
          this.scratch.push(first);
          while (STARTS_SELECT[this.peek()] === 1) this.scratch.push(this.parseArgument());
          args = this.take(base);
        }
        left = { kind: "call", span: this.sp(start), fn: left, args };
      }
    }
    let nonassoc = 0;
    for (;;) {
      const op = this.peek();
      const prec = PREC[op]!;
      if (prec === 0 || prec < minPrec) return left;
      if (op === T.QUESTION) {
        this.advance();
        const path = this.parseAttrPath();
        left = { kind: "hasAttr", span: this.sp(start), expr: left, path };
        continue;
      }
      if (prec === nonassoc) throw this.unexpected(null);
      const opTok = this.advance();
      const rightAssoc = op === T.IMPL || op === T.UPDATE || op === T.CONCAT;
      const right = this.parseOp(rightAssoc ? prec : prec + 1);
      left = this.binary(BIN_OP[op]!, left, right, opTok);
      nonassoc = prec === P_EQ || prec === P_CMP ? prec : 0;
    }
  }

  /** An `expr_select` in argument/list/default position (where a "cursed or" warns). */
  private parseArgument(): A.Expr {
    const e = this.parseSelect();
    if (e === this.cursed) this.warnCursedOr(e);
    return e;
  }

  /** `expr_select`: `e.a.b`, `e.a.b or d`, the legacy `e or` call, or a simple expression. */
  private parseSelect(): A.Expr {
    const start = this.start();
    const e = this.parseSimple();
    this.cursed = null;
    const k = this.peek();
    if (k === T.DOT) {
      this.advance();
      const path = this.parseAttrPath();
      if (this.peek() !== T.OR_KW) return { kind: "select", span: this.sp(start), expr: e, path };
      this.advance();
      const def = this.parseArgument();
      return { kind: "select", span: this.sp(start), expr: e, path, default: def };
    }
    if (k === T.OR_KW) {
      const orTok = this.advance();
      const orVar: A.Var = { kind: "var", span: this.tokSpan(orTok), name: "or" };
      const call: A.Call = { kind: "call", span: this.sp(start), fn: e, args: [orVar] };
      this.cursed = call;
      return call;
    }
    return e;
  }

  private parseSimple(): A.Expr {
    const k = this.peek();
    const start = this.start();
    switch (k) {
      case T.ID: {
        const j = this.advance();
        const name = this.text(j);
        if (name === "__curPos") return { kind: "curPos", span: this.tokSpan(j) };
        return { kind: "var", span: this.tokSpan(j), name };
      }
      case T.INT: {
        const j = this.advance();
        return { kind: "int", span: this.tokSpan(j), value: this.value(j) as bigint };
      }
      case T.FLOAT: {
        const j = this.advance();
        return { kind: "float", span: this.tokSpan(j), value: this.value(j) as number };
      }
      case T.QUOTE:
        return this.parseString();
      case T.IND_OPEN:
        return this.parseIndString();
      case T.PATH:
      case T.HPATH:
        return this.parsePath();
      case T.SPATH: {
        const j = this.advance();
        return { kind: "searchPath", span: this.tokSpan(j), path: this.text(j) };
      }
      case T.URI:
        return this.parseUri();
      case T.LPAREN: {
        this.advance();
        const e = this.parseExpr();
        this.expect(T.RPAREN);
        return e;
      }
      case T.LET:
      case T.REC:
        return this.parseRecSet(k, start);
      case T.LBRACE:
        return this.parseAttrSet(start);
      case T.LBRACKET:
        return this.parseList(start);
      default:
        throw this.unexpected(null);
    }
  }

  private parseList(start: number): A.Expr {
    this.advance();
    const base = this.scratch.length;
    while (this.peek() !== T.RBRACKET) {
      if (STARTS_SELECT[this.peek()] !== 1) throw this.unexpected(null);
      const item = this.parseSelect();
      if (item === this.cursed) this.warnCursedOr(item);
      this.scratch.push(item);
    }
    this.advance();
    return { kind: "list", span: this.sp(start), items: this.take(base) };
  }

  /** `{ … }` (at least one binding) or `{ }`. */
  private parseAttrSet(start: number): A.Expr {
    this.advance();
    const b = this.attrs.create(PENDING_SPAN);
    if (this.peek() !== T.RBRACE) this.parseBinds(b, Binds.Attrs);
    this.advance();
    b.span = this.sp(start);
    return b;
  }

  /** `rec { … }`, or legacy `let { … }` which is `(rec { … }).body`. */
  private parseRecSet(k: number, start: number): A.Expr {
    this.advance();
    this.expect(T.LBRACE);
    const b = this.attrs.create(PENDING_SPAN, true);
    this.parseBinds(b, Binds.Rec);
    this.advance();
    b.span = this.sp(start);
    if (k === T.REC) return b;
    const body: A.AttrName = { kind: "static", name: "body", span: this.sp(start, start + 3) };
    return { kind: "select", span: b.span, expr: b, path: [body] };
  }

  // ---- bindings -------------------------------------------------------------

  private parseBinds(b: AttrsNode, mode: Binds): void {
    const end = BINDS_END[mode];
    for (;;) {
      const k = this.peek();
      if (k === T.INHERIT) {
        this.parseInherit(b);
      } else if (k === T.ID && this.peek(1) === T.ASSIGN) {
        // `name = expr;`, the common case: no attribute path to build.
        const j = this.advance();
        const nameSpan = this.tokSpan(j);
        this.advance();
        const value = this.parseExpr();
        this.expect(T.SEMI);
        this.attrs.addName(b, this.text(j), nameSpan, value);
      } else if (k === T.ID || k === T.OR_KW || k === T.QUOTE || k === T.DOLLAR_CURLY) {
        // `attrpath = expr;` (inlined: nesting depth matters)
        const start = this.start();
        const path = this.parseAttrPath();
        const pathSpan = this.sp(start);
        if (this.peek() !== T.ASSIGN) throw this.unexpected([T.DOT, T.ASSIGN]);
        this.advance();
        const value = this.parseExpr();
        this.expect(T.SEMI);
        this.attrs.addPath(b, path, pathSpan, value);
      } else if (k === end) {
        this.attrs.finish(b);
        return;
      } else {
        throw this.unexpected(BINDS_EXPECTED[mode]);
      }
    }
  }

  private parseInherit(b: AttrsNode): void {
    this.advance();
    let fromExpr: A.Expr | undefined;
    if (this.peek() === T.LPAREN) {
      this.advance();
      fromExpr = this.parseExpr();
      this.expect(T.RPAREN);
    }
    // All names are parsed before any is added (a syntax error comes before a
    // duplicate), stacked on the scratch as name, span, name, span, …
    const base = this.scratch.length;
    for (;;) {
      const k = this.peek();
      if (k === T.SEMI) break;
      const start = this.start();
      if (k === T.ID || k === T.OR_KW) {
        const j = this.advance();
        this.scratch.push(k === T.OR_KW ? "or" : this.text(j), this.tokSpan(j));
      } else if (k === T.QUOTE || k === T.DOLLAR_CURLY) {
        const attr = this.parseAttr();
        if (attr.kind === "dynamic") throw new NixError("parse", "dynamic attributes not allowed in inherit", this.sp(start, start + 1));
        this.scratch.push(attr.name, attr.span);
      } else {
        throw this.unexpected(null);
      }
    }
    this.advance();
    let from: number | undefined;
    if (fromExpr) {
      from = b.inheritFrom.length;
      b.inheritFrom.push(fromExpr);
    }
    const top = this.scratch.length;
    for (let n = base; n < top; n += 2) {
      const name = this.scratch[n] as string;
      this.attrs.addInherited(b, this.inherited(name, this.scratch[n + 1] as Span, fromExpr, from));
    }
    this.scratch.length = base;
  }

  private inherited(name: string, s: Span, fromExpr: A.Expr | undefined, from: number | undefined): A.Binding {
    if (fromExpr === undefined) return { name, span: s, kind: "inherit", value: { kind: "var", span: s, name } };
    const value: A.Select = { kind: "select", span: s, expr: fromExpr, path: [{ kind: "static", name, span: s }] };
    return { name, span: s, kind: "inheritFrom", value, from };
  }

  private parseAttrPath(): A.AttrName[] {
    const first = this.parseAttr();
    if (this.peek() !== T.DOT) return [first];
    const base = this.scratch.length;
    this.scratch.push(first);
    while (this.peek() === T.DOT) {
      this.advance();
      this.scratch.push(this.parseAttr());
    }
    return this.take(base);
  }

  /** `attr` or `string_attr`; a string without interpolation (even as `${"a"}`) is static. */
  private parseAttr(): A.AttrName {
    const k = this.peek();
    const start = this.start();
    let e: A.Expr;
    if (k === T.ID || k === T.OR_KW) {
      const j = this.advance();
      return { kind: "static", name: k === T.OR_KW ? "or" : this.text(j), span: this.tokSpan(j) };
    } else if (k === T.QUOTE) {
      e = this.parseString();
    } else if (k === T.DOLLAR_CURLY) {
      this.advance();
      e = this.parseExpr();
      this.expect(T.RBRACE);
    } else {
      throw this.unexpected([T.ID, T.OR_KW, T.DOLLAR_CURLY, T.QUOTE]);
    }
    const c = constantString(e);
    if (c !== null) return { kind: "static", name: c, span: this.sp(start) };
    return { kind: "dynamic", expr: e, span: this.sp(start) };
  }

  // ---- lambdas --------------------------------------------------------------

  /** At `{`: does a formal set (rather than an attribute set) start here? */
  private isFormalSet(): boolean {
    const k1 = this.peek(1);
    if (k1 === T.RBRACE) {
      const k2 = this.peek(2);
      return k2 === T.COLON || k2 === T.AT;
    }
    if (k1 === T.ELLIPSIS) return true;
    if (k1 !== T.ID) return false;
    const k2 = this.peek(2);
    return k2 === T.COMMA || k2 === T.QUESTION || k2 === T.RBRACE;
  }

  private parseSimpleLambda(): A.Expr {
    const start = this.start();
    const id = this.advance();
    this.advance(); // `:`
    const body = this.parseExpr();
    return { kind: "lambda", span: this.sp(start), arg: this.text(id), argSpan: this.tokSpan(id), body };
  }

  /** `x @ { … }: body` */
  private parseAtLambda(): A.Expr {
    const start = this.start();
    const id = this.advance();
    this.advance(); // `@`
    if (this.peek() !== T.LBRACE) throw this.unexpected([T.LBRACE]);
    const formals = this.parseFormalSet();
    this.expect(T.COLON);
    return this.finishLambda(start, formals, this.text(id), this.tokSpan(id));
  }

  /** `{ … }: body` or `{ … } @ x: body` */
  private parseFormalsLambda(): A.Expr {
    const start = this.start();
    const formals = this.parseFormalSet();
    const k = this.peek();
    if (k === T.COLON) {
      this.advance();
      return this.finishLambda(start, formals, undefined, undefined);
    }
    if (k !== T.AT) throw this.unexpected([T.COLON, T.AT]);
    this.advance();
    const id = this.expect(T.ID);
    this.expect(T.COLON);
    return this.finishLambda(start, formals, this.text(id), this.tokSpan(id));
  }

  private finishLambda(start: number, formals: NonNullable<A.Lambda["formals"]>, arg?: string, argSpan?: Span): A.Expr {
    const body = this.parseExpr();
    const s = this.sp(start);
    validateFormals(formals.entries, arg, s);
    return { kind: "lambda", span: s, arg, argSpan, formals, body };
  }

  /** `formal_set`, at its `{`. */
  private parseFormalSet(): NonNullable<A.Lambda["formals"]> {
    this.advance();
    const k = this.peek();
    if (k === T.RBRACE) {
      this.advance();
      return { entries: [], ellipsis: false };
    }
    if (k === T.ELLIPSIS) {
      this.advance();
      this.expect(T.RBRACE);
      return { entries: [], ellipsis: true };
    }
    if (k !== T.ID) throw this.unexpected(AFTER_COMMA);
    const base = this.scratch.length;
    for (;;) {
      this.scratch.push(this.parseFormal());
      const sep = this.peek();
      if (sep === T.RBRACE) break;
      if (sep !== T.COMMA) throw this.unexpected([T.RBRACE, T.COMMA]);
      this.advance();
      const next = this.peek();
      if (next === T.RBRACE) break;
      if (next === T.ELLIPSIS) {
        this.advance();
        this.expect(T.RBRACE);
        return { entries: this.take(base), ellipsis: true };
      }
      if (next !== T.ID) throw this.unexpected(AFTER_COMMA);
    }
    this.advance();
    return { entries: this.take(base), ellipsis: false };
  }

  private parseFormal(): A.Formal {
    const id = this.advance();
    const name = this.text(id);
    if (this.peek() !== T.QUESTION) return { name, span: this.tokSpan(id) };
    this.advance();
    const def = this.parseExpr();
    return { name, span: this.tokSpan(id), default: def };
  }

  // ---- strings, paths, URIs -------------------------------------------------

  private parseString(): A.Str {
    const start = this.start();
    this.advance();
    if (this.peek() === T.STR && this.peek(1) === T.QUOTE) {
      // `"text"`, the common case (a STR token is never empty).
      const text = this.text(this.advance());
      this.advance();
      return { kind: "str", span: this.sp(start), parts: [text] };
    }
    const base = this.scratch.length;
    for (;;) {
      const k = this.peek();
      if (k === T.STR) {
        this.scratch.push(this.text(this.advance()));
      } else if (k === T.DOLLAR_CURLY) {
        this.advance();
        this.scratch.push(this.parseExpr());
        this.expect(T.RBRACE);
      } else if (k === T.QUOTE) {
        this.advance();
        const parts = mergeParts(this.take<string | A.Expr>(base));
        return { kind: "str", span: this.sp(start), parts };
      } else {
        throw this.unexpected([T.QUOTE]);
      }
    }
  }

  private parseIndString(): A.Str {
    const start = this.start();
    this.advance();
    const pieces: IndPiece[] = [];
    for (;;) {
      const k = this.peek();
      if (k === T.IND_STR || k === T.IND_STR_LIT) {
        pieces.push({ kind: k === T.IND_STR ? "raw" : "lit", text: this.text(this.advance()) });
      } else if (k === T.DOLLAR_CURLY) {
        this.advance();
        pieces.push({ kind: "expr", expr: this.parseExpr() });
        this.expect(T.RBRACE);
      } else if (k === T.IND_CLOSE) {
        this.advance();
        return stripIndentation(pieces, this.sp(start));
      } else {
        throw this.unexpected([T.IND_STR, T.DOLLAR_CURLY, T.IND_CLOSE]);
      }
    }
  }

  private parsePath(): A.Expr {
    const start = this.start();
    const home = this.peek() === T.HPATH;
    const j = this.advance();
    const literal = this.text(j);
    const origin = home ? "home" : literal.startsWith("/") ? "absolute" : "relative";
    this.lintPath(literal, origin, this.tokSpan(j));
    const base = this.scratch.length;
    this.scratch.push(literal);
    for (;;) {
      const k = this.peek();
      if (k === T.STR) {
        this.scratch.push(this.text(this.advance()));
      } else if (k === T.DOLLAR_CURLY) {
        this.advance();
        this.scratch.push(this.parseExpr());
        this.expect(T.RBRACE);
      } else if (k === T.PATH_END) {
        this.advance();
        return { kind: "path", span: this.sp(start), parts: this.take(base), origin };
      } else {
        throw this.unexpected([T.PATH_END]);
      }
    }
  }
}
