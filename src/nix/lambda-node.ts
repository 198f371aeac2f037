/**
 * The syntax node a `Lambda` value keeps: its span, argument name and formals,
 * but not its body. Compiled code never needs the tree again, and a body kept
 * here would keep the whole tree of every file alive for the whole run (a
 * module file's function is one lambda). The few readers of the body (printing
 * a closed lambda as Nix text) get it by parsing the lambda's source again and
 * finding the node at the same span: the same Source, so the same spans, paths
 * and text as the first parse. Invariant: `span` is the span the parser gave
 * the lambda, and its source text has not changed (Source text is immutable).
 */
import type * as ast from "./ast.js";
import type { ParseOptions } from "./parse-cursor.js";
import { parse } from "./parser.js";
import type { Span } from "./source.js";

export class LambdaNode implements ast.Lambda {
  readonly kind = "lambda";
  readonly span: Span;
  readonly arg?: string;
  readonly argSpan?: Span;
  readonly formals?: ast.Lambda["formals"];
  private reparsed: ast.Expr | undefined = undefined;

  /** `opts`: the options of the first parse that decide the tree (lints and warnings aside). */
  constructor(
    e: ast.Lambda,
    private readonly opts: ParseOptions,
  ) {
    this.span = e.span;
    if (e.arg !== undefined) this.arg = e.arg;
    if (e.argSpan !== undefined) this.argSpan = e.argSpan;
    if (e.formals !== undefined) this.formals = e.formals;
  }

  /** The body, parsed again on first use. */
  get body(): ast.Expr {
    if (this.reparsed === undefined) {
      const found = findLambda(parse(this.span.source, this.opts), this.span);
      if (found === undefined)
        throw new Error(`internal error: no lambda at ${this.span.start}-${this.span.end} in ${this.span.source.path}`);
      this.reparsed = found.body;
    }
    return this.reparsed;
  }
}

/** The lambda node of `root` with exactly the span `s` (a lambda's span is unique among lambdas). */
function findLambda(root: ast.Expr, s: Span): ast.Lambda | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== "object" || x === null) continue;
    if (Array.isArray(x)) {
      for (const y of x) stack.push(y);
      continue;
    }
    const node = x as { kind?: unknown; span?: Span };
    if (node.kind === "lambda" && node.span !== undefined && node.span.start === s.start && node.span.end === s.end) return x as ast.Lambda;
    // Every child, spans aside (desugared nodes need not nest by span, so no pruning).
    for (const [k, v] of Object.entries(x)) if (k !== "span" && k !== "opSpan" && k !== "argSpan") stack.push(v);
  }
  return undefined;
}
