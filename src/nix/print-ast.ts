/**
 * Prints an AST the way `nix-instantiate --parse` of current Nix does (the `show`
 * methods of Nix's expression classes): operators that Nix desugars into calls
 * come out as calls (`(__sub 0 x)`, `(__lessThan a b)`), nested applications are
 * flattened as Nix's parser flattens them, bindings and formals are sorted, and
 * path literals print as canonical absolute paths (relative ones resolved
 * against the directory of their source file, or the working directory).
 */
import { dirname } from "node:path";
import { homedir } from "node:os";
import type { AttrName, Attrs, Binding, Expr, Lambda, Let, PathLit, Str } from "./ast.js";
import { NixError } from "./errors.js";
import { canonPath } from "./paths.js";
import { formatFloat, printIdentifier, printLiteralString } from "./print-short.js";
import { compareStrings } from "./values.js";

export interface PrintOptions {
  /** Directory that relative paths resolve against (default: the source file's directory, else cwd). */
  readonly baseDir?: string;
  /** Home directory for `~/…` paths (default: $HOME). */
  readonly home?: string;
}

/** Render an expression as `nix-instantiate --parse` does (without the trailing newline). */
export function printAst(e: Expr, options: PrintOptions = {}): string {
  const p = new Printer(options);
  try {
    p.show(e);
  } catch (err) {
    if (err instanceof RangeError) throw new NixError("stack-overflow", "stack overflow (possible infinite recursion)");
    throw err;
  }
  return p.out.join("");
}

/** The absolute path a path literal's first piece denotes, as Nix's parser computes it. */
export function resolvePathStart(first: string, origin: PathLit["origin"], baseDir: string, home: string): string {
  if (origin === "home") return home + first.slice(1);
  let path = origin === "absolute" ? canonPath(first) : canonPath(baseDir + "/" + first);
  if (first.length > 1 && first.endsWith("/")) path += "/";
  return path;
}

type CallItem = Expr | string;

class Printer {
  readonly out: string[] = [];
  constructor(private readonly options: PrintOptions) {}

  private w(s: string): void {
    this.out.push(s);
  }

  show(e: Expr): void {
    switch (e.kind) {
      case "int":
        return this.w(e.value.toString());
      case "float":
        return this.w(formatFloat(e.value));
      case "str":
        return this.showStr(e);
      case "path":
        return this.showPath(e);
      case "var":
        return this.w(printIdentifier(e.name));
      case "curPos":
        return this.w("__curPos");
      case "select":
        this.w("(");
        this.show(e.expr);
        this.w(").");
        this.showAttrPath(e.path);
        if (e.default) {
          this.w(" or (");
          this.show(e.default);
          this.w(")");
        }
        return;
      case "hasAttr":
        this.w("((");
        this.show(e.expr);
        this.w(") ? ");
        this.showAttrPath(e.path);
        return this.w(")");
      case "attrs":
        return this.showAttrs(e);
      case "list":
        this.w("[ ");
        for (const item of e.items) {
          this.w("(");
          this.show(item);
          this.w(") ");
        }
        return this.w("]");
      case "let":
        return this.showLet(e);
      case "with":
        this.w("(with ");
        this.show(e.scope);
        this.w("; ");
        this.show(e.body);
        return this.w(")");
      case "if":
        this.w("(if ");
        this.show(e.cond);
        this.w(" then ");
        this.show(e.then);
        this.w(" else ");
        this.show(e.else);
        return this.w(")");
      case "assert":
        this.w("assert ");
        this.show(e.cond);
        this.w("; ");
        return this.show(e.body);
      case "lambda":
        return this.showLambda(e);
      case "unary":
        if (e.op === "!") {
          this.w("(! ");
          this.show(e.expr);
          return this.w(")");
        }
        return this.showCall(e);
      case "binary":
        return this.showBinary(e);
      case "call":
      case "searchPath":
        return this.showCall(e);
    }
  }

  private showStr(e: Str): void {
    const parts = e.printParts ?? e.parts;
    if (parts.length === 0) return this.w('""');
    if (parts.length === 1 && typeof parts[0] === "string") return this.w(printLiteralString(parts[0]));
    this.w("(");
    parts.forEach((p, i) => {
      if (i > 0) this.w(" + ");
      if (typeof p === "string") this.w(printLiteralString(p));
      else this.show(p);
    });
    this.w(")");
  }

  private showPath(e: PathLit): void {
    const src = e.span.source;
    const baseDir = this.options.baseDir ?? (src.isFile ? dirname(src.path) : process.cwd());
    const home = this.options.home ?? process.env["HOME"] ?? homedir();
    const first = e.parts[0];
    const rest = typeof first === "string" ? e.parts.slice(1) : e.parts;
    const start = typeof first === "string" ? resolvePathStart(first, e.origin, baseDir, home) : "";
    if (rest.length === 0) return this.w(start);
    this.w("(");
    this.w(start);
    for (const p of rest) {
      this.w(" + ");
      if (typeof p === "string") this.w(printLiteralString(p));
      else this.show(p);
    }
    this.w(")");
  }

  showAttrPath(path: readonly AttrName[]): void {
    path.forEach((a, i) => {
      if (i > 0) this.w(".");
      if (a.kind === "static") {
        this.w(printIdentifier(a.name));
      } else {
        this.w('"${');
        this.show(a.expr);
        this.w('}"');
      }
    });
  }

  private showAttrs(e: Attrs): void {
    if (e.rec) this.w("rec ");
    this.w("{ ");
    this.showBindings(e.bindings, e.inheritFrom);
    for (const d of e.dynamic) {
      this.w('"${');
      this.show(d.name);
      this.w('}" = ');
      this.show(d.value);
      this.w("; ");
    }
    this.w("}");
  }

  private showLet(e: Let): void {
    this.w("(let ");
    this.showBindings(e.bindings, e.inheritFrom);
    this.w("in ");
    this.show(e.body);
    this.w(")");
  }

  private showBindings(bindings: readonly Binding[], inheritFrom: readonly Expr[]): void {
    const sorted = [...bindings].sort((a, b) => compareStrings(a.name, b.name));
    const inherits = sorted.filter((b) => b.kind === "inherit");
    if (inherits.length > 0) {
      this.w("inherit");
      for (const b of inherits) this.w(" " + printIdentifier(b.name));
      this.w("; ");
    }
    const groups = new Map<number, string[]>();
    for (const b of sorted) {
      if (b.kind !== "inheritFrom") continue;
      const from = b.from ?? 0;
      const g = groups.get(from);
      if (g) g.push(b.name);
      else groups.set(from, [b.name]);
    }
    for (const from of [...groups.keys()].sort((a, b) => a - b)) {
      this.w("inherit (");
      const src = inheritFrom[from];
      if (src) this.show(src);
      this.w(")");
      for (const name of groups.get(from)!) this.w(" " + printIdentifier(name));
      this.w("; ");
    }
    for (const b of sorted) {
      if (b.kind !== "plain") continue;
      this.w(printIdentifier(b.name) + " = ");
      this.show(b.value);
      this.w("; ");
    }
  }

  private showLambda(e: Lambda): void {
    this.w("(");
    if (e.formals) {
      this.w("{ ");
      const sorted = [...e.formals.entries].sort((a, b) => compareStrings(a.name, b.name));
      sorted.forEach((f, i) => {
        if (i > 0) this.w(", ");
        this.w(printIdentifier(f.name));
        if (f.default) {
          this.w(" ? ");
          this.show(f.default);
        }
      });
      if (e.formals.ellipsis) this.w(sorted.length > 0 ? ", ..." : "...");
      this.w(" }");
      if (e.arg !== undefined) this.w(" @ ");
    }
    if (e.arg !== undefined) this.w(printIdentifier(e.arg));
    this.w(": ");
    this.show(e.body);
    this.w(")");
  }

  private showBinary(e: Expr & { kind: "binary" }): void {
    switch (e.op) {
      case "<=":
      case ">=": {
        const [a, b] = e.op === "<=" ? [e.right, e.left] : [e.left, e.right];
        this.w("(! (__lessThan ");
        this.show(a);
        this.w(" ");
        this.show(b);
        return this.w("))");
      }
      case "-":
      case "*":
      case "/":
      case "<":
      case ">":
      case "|>":
      case "<|":
        return this.showCall(e);
      default:
        this.w("(");
        this.show(e.left);
        this.w(` ${e.op} `);
        this.show(e.right);
        this.w(")");
    }
  }

  private showCall(e: Expr): void {
    const items = callItems(e) ?? [e];
    this.w("(");
    items.forEach((it, i) => {
      if (i > 0) this.w(" ");
      if (typeof it === "string") this.w(it);
      else this.show(it);
    });
    this.w(")");
  }
}

/**
 * The function and arguments of an expression that Nix represents as an ExprCall,
 * with nested calls flattened the way Nix's `makeCall` appends arguments to an
 * existing call (`(f a) b`, pipes). Null for expressions that are not calls.
 */
function callItems(e: Expr): CallItem[] | null {
  switch (e.kind) {
    case "call": {
      const head = callItems(e.fn) ?? [e.fn];
      return head.concat(e.args);
    }
    case "unary":
      return e.op === "-" ? ["__sub", "0", e.expr] : null;
    case "searchPath":
      return ["__findFile", "__nixPath", printLiteralString(e.path)];
    case "binary":
      switch (e.op) {
        case "-":
          return ["__sub", e.left, e.right];
        case "*":
          return ["__mul", e.left, e.right];
        case "/":
          return ["__div", e.left, e.right];
        case "<":
          return ["__lessThan", e.left, e.right];
        case ">":
          return ["__lessThan", e.right, e.left];
        case "|>":
          return (callItems(e.right) ?? [e.right]).concat([e.left]);
        case "<|":
          return (callItems(e.left) ?? [e.left]).concat([e.right]);
        default:
          return null;
      }
    default:
      return null;
  }
}
