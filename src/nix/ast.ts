/**
 * The typed syntax tree of the Nix language. Every node carries a Span. The parser
 * already does the desugaring that Nix's own parser does and that changes meaning:
 * nested attribute paths in bindings are merged into nested `Attrs` nodes
 * (`a.b = 1; a.c = 2;`), indented strings are stripped, `let { ...; body = e; }` becomes a
 * select of `body` from a recursive set, and `<name>` becomes `SearchPath`. Operators
 * stay as `Binary`/`Unary` nodes so the compiler can evaluate them directly.
 */
import type { Span } from "./source.js";

export type Expr =
  | IntLit
  | FloatLit
  | Str
  | PathLit
  | SearchPath
  | Var
  | Select
  | HasAttr
  | Attrs
  | ListLit
  | Let
  | With
  | If
  | Assert
  | Lambda
  | Call
  | Unary
  | Binary
  | CurPos;

export interface IntLit {
  readonly kind: "int";
  readonly span: Span;
  readonly value: bigint;
}

export interface FloatLit {
  readonly kind: "float";
  readonly span: Span;
  readonly value: number;
}

/**
 * A string: literal pieces and interpolations. `parts` of only strings is a
 * constant. `indented` records the `''…''` form (for `--parse` printing only).
 * URIs (`http://x`) are parsed as a Str with one literal part and `uri: true`.
 */
export interface Str {
  readonly kind: "str";
  readonly span: Span;
  readonly parts: readonly (string | Expr)[];
  readonly indented?: boolean;
  readonly uri?: boolean;
  /**
   * `--parse` printing only: the pieces as Nix keeps them, when they differ from
   * `parts` (an indented string's escapes stay separate literal pieces in Nix).
   */
  readonly printParts?: readonly (string | Expr)[];
}

/**
 * A path literal. `parts` are literal text and interpolations, exactly as written
 * (`./foo/${x}.nix` is [`./foo/`, x, `.nix`]). `origin` says how it starts:
 * `home` for `~/…`, `absolute` for `/…`, `relative` for everything else; relative
 * paths resolve against the directory of `span.source`.
 */
export interface PathLit {
  readonly kind: "path";
  readonly span: Span;
  readonly parts: readonly (string | Expr)[];
  readonly origin: "relative" | "absolute" | "home";
}

/** `<nixpkgs/lib>`: evaluated as `__findFile __nixPath "nixpkgs/lib"`. */
export interface SearchPath {
  readonly kind: "searchPath";
  readonly span: Span;
  readonly path: string;
}

export interface Var {
  readonly kind: "var";
  readonly span: Span;
  readonly name: string;
}

/** One element of an attribute path: `a`, `"a${b}"` or `${e}`. */
export type AttrName =
  | { readonly kind: "static"; readonly name: string; readonly span: Span }
  | { readonly kind: "dynamic"; readonly expr: Expr; readonly span: Span };

/** `e.a.b` or `e.a.b or d`. */
export interface Select {
  readonly kind: "select";
  readonly span: Span;
  readonly expr: Expr;
  readonly path: readonly AttrName[];
  readonly default?: Expr;
}

/** `e ? a.b` */
export interface HasAttr {
  readonly kind: "hasAttr";
  readonly span: Span;
  readonly expr: Expr;
  readonly path: readonly AttrName[];
}

/**
 * How a binding gets its value:
 * - `plain`: `name = value;` evaluated in the set's own scope when `rec`/`let`,
 *   else in the enclosing scope;
 * - `inherit`: `inherit name;` — a variable looked up in the *enclosing* scope
 *   (never the set's own, even for `rec` and `let`);
 * - `inheritFrom`: `inherit (e) name;` — `from` indexes `inheritFrom` of the
 *   owning Attrs/Let; that expression is evaluated once, in the set's own scope.
 */
export type BindingKind = "plain" | "inherit" | "inheritFrom";

export interface Binding {
  readonly name: string;
  /** Position of the attribute name (for `unsafeGetAttrPos`, duplicate errors). */
  readonly span: Span;
  readonly kind: BindingKind;
  /** For `plain`: the value. For `inherit`: a Var. For `inheritFrom`: unused (see `from`). */
  readonly value: Expr;
  /** For `inheritFrom`: index into the owner's `inheritFrom`. */
  readonly from?: number;
}

/** A binding whose name is computed: `${e} = v;` or `"a${b}" = v;` (never in `let`). */
export interface DynamicBinding {
  readonly name: Expr;
  readonly span: Span;
  readonly value: Expr;
}

/**
 * `{ … }` or `rec { … }`. Static bindings keep source order; names are unique
 * (the parser reports duplicates as Nix does). Nested paths are already merged:
 * `a.b = 1; a.c = 2;` is `a = Attrs{ b = 1; c = 2; }` with `rec: false`.
 */
export interface Attrs {
  readonly kind: "attrs";
  readonly span: Span;
  readonly rec: boolean;
  readonly bindings: readonly Binding[];
  readonly dynamic: readonly DynamicBinding[];
  readonly inheritFrom: readonly Expr[];
}

export interface ListLit {
  readonly kind: "list";
  readonly span: Span;
  readonly items: readonly Expr[];
}

/** `let … in body`. Bindings are all static (Nix forbids dynamic ones in let). */
export interface Let {
  readonly kind: "let";
  readonly span: Span;
  readonly bindings: readonly Binding[];
  readonly inheritFrom: readonly Expr[];
  readonly body: Expr;
}

export interface With {
  readonly kind: "with";
  readonly span: Span;
  readonly scope: Expr;
  readonly body: Expr;
}

export interface If {
  readonly kind: "if";
  readonly span: Span;
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface Assert {
  readonly kind: "assert";
  readonly span: Span;
  readonly cond: Expr;
  readonly body: Expr;
}

export interface Formal {
  readonly name: string;
  readonly span: Span;
  readonly default?: Expr;
}

/**
 * `x: body`, `{ a, b ? 1, ... }: body`, `args@{ … }: body`, `{ … }@args: body`.
 * `arg` is the bound identifier (plain or `@`), `formals` the attribute pattern.
 * Formals keep source order; the parser rejects duplicates.
 */
export interface Lambda {
  readonly kind: "lambda";
  readonly span: Span;
  readonly arg?: string;
  readonly argSpan?: Span;
  readonly formals?: { readonly entries: readonly Formal[]; readonly ellipsis: boolean };
  readonly body: Expr;
}

/** `f a b c`: application with the arguments of one juxtaposition chain. */
export interface Call {
  readonly kind: "call";
  readonly span: Span;
  readonly fn: Expr;
  readonly args: readonly Expr[];
}

/** `!e` and `-e` (`-e` means `__sub 0 e`). */
export interface Unary {
  readonly kind: "unary";
  readonly span: Span;
  readonly op: "!" | "-";
  readonly expr: Expr;
}

export type BinaryOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" | "->" | "//" | "+" | "-" | "*" | "/" | "++" | "|>" | "<|";

/** Binary operators. `span` covers both operands; `opSpan` the operator itself. */
export interface Binary {
  readonly kind: "binary";
  readonly span: Span;
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

/** `__curPos`: an attribute set `{ file, line, column }` of its own position. */
export interface CurPos {
  readonly kind: "curPos";
  readonly span: Span;
}
