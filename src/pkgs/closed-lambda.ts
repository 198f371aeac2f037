/**
 * Functions that can be handed to real Nix as source text: a lambda whose
 * body refers to nothing outside itself but Nix's global names (`builtins`,
 * `map`, `toString`, …). Such a function (`old: { patches = (old.patches or
 * [ ]) ++ [ ./fix.patch ]; }`) is printed as `nix-instantiate --parse`
 * prints it — paths already absolute — and Nix evaluates it against the real
 * package. A lambda with free variables (or `with`, which hides them) is not
 * closed, and the caller says so.
 */
import type * as ast from "../nix/ast.js";
import { printAst } from "../nix/print-ast.js";
import type { Lambda } from "../nix/values.js";

/** Names every Nix expression can use without binding them. */
const GLOBALS = new Set([
  "builtins",
  "true",
  "false",
  "null",
  "import",
  "toString",
  "map",
  "throw",
  "abort",
  "baseNameOf",
  "dirOf",
  "derivation",
  "isNull",
  "removeAttrs",
  "placeholder",
  "fetchTarball",
  "scopedImport",
  "__curPos",
]);

function bindingNames(bs: readonly ast.Binding[]): string[] {
  return bs.map((b) => b.name);
}

/** Free variables of `e` not in `bound` (undefined if `e` uses `with`, whose names cannot be known). */
function freeVars(e: ast.Expr, bound: ReadonlySet<string>, out: Set<string>): boolean {
  const sub = (x: ast.Expr, b: ReadonlySet<string> = bound) => freeVars(x, b, out);
  const attrPath = (p: readonly ast.AttrName[]) => p.every((n) => n.kind === "static" || sub(n.expr));
  switch (e.kind) {
    case "int":
    case "float":
    case "searchPath":
    case "curPos":
      return true;
    case "str":
    case "path":
      return e.parts.every((p) => typeof p === "string" || sub(p));
    case "var":
      if (!bound.has(e.name) && !GLOBALS.has(e.name) && !e.name.startsWith("__")) out.add(e.name);
      return true;
    case "select":
      return sub(e.expr) && attrPath(e.path) && (e.default === undefined || sub(e.default));
    case "hasAttr":
      return sub(e.expr) && attrPath(e.path);
    case "attrs": {
      const inner = e.rec ? new Set([...bound, ...bindingNames(e.bindings)]) : bound;
      return (
        e.bindings.every((b) => sub(b.value, b.kind === "inherit" ? bound : inner)) &&
        e.dynamic.every((d) => sub(d.name, inner) && sub(d.value, inner)) &&
        e.inheritFrom.every((x) => sub(x, inner))
      );
    }
    case "list":
      return e.items.every((x) => sub(x));
    case "let": {
      const inner = new Set([...bound, ...bindingNames(e.bindings)]);
      return e.bindings.every((b) => sub(b.value, inner)) && e.inheritFrom.every((x) => sub(x, inner)) && sub(e.body, inner);
    }
    case "with":
      return false;
    case "if":
      return sub(e.cond) && sub(e.then) && sub(e.else);
    case "assert":
      return sub(e.cond) && sub(e.body);
    case "lambda": {
      const inner = new Set(bound);
      if (e.arg !== undefined) inner.add(e.arg);
      for (const f of e.formals?.entries ?? []) inner.add(f.name);
      return (e.formals?.entries ?? []).every((f) => f.default === undefined || sub(f.default, inner)) && sub(e.body, inner);
    }
    case "call":
      return sub(e.fn) && e.args.every((x) => sub(x));
    case "unary":
      return sub(e.expr);
    case "binary":
      return sub(e.left) && sub(e.right);
  }
}

/** The Nix text of a closed lambda, or the names that keep it from being closed. */
export function closedLambdaText(f: Lambda): { text: string } | { free: string[] } {
  const free = new Set<string>();
  if (!freeVars(f.node, new Set(), free)) return { free: ["(a `with` scope)"] };
  if (free.size > 0) return { free: [...free].sort() };
  return { text: printAst(f.node) };
}
