/**
 * The parser's view of the token arrays: a cursor with one-token lookahead (and
 * a little more where Nix's LALR automaton decides later than recursive descent
 * can), span helpers, bison-style "unexpected … expecting …" errors, and the
 * diagnostics that Nix's parser emits (path/URL lints, the "cursed or" warning).
 */
import type * as A from "./ast.js";
import { NixError } from "./errors.js";
import type { LexOptions, Tokens, TokenValue } from "./lexer.js";
import { formatPos, span, type Source, type Span } from "./source.js";
import { T, tokenName } from "./tokens.js";

export type Diagnose = "ignore" | "warn" | "fatal";

export interface ParseOptions extends LexOptions {
  /** Nix's `lint-url-literals` (default ignore). */
  readonly lintUrlLiterals?: Diagnose;
  /** Nix's `lint-short-path-literals`: relative paths not starting with `.` (default ignore). */
  readonly lintShortPathLiterals?: Diagnose;
  /** Nix's `lint-absolute-path-literals`: `/…` and `~/…` paths (default ignore). */
  readonly lintAbsolutePathLiterals?: Diagnose;
  /** Pure evaluation: `~/…` paths are an error, as in Nix. */
  readonly pureEval?: boolean;
  /** Receives warnings (lints at level `warn`, the "cursed or" deprecation). */
  readonly warn?: (message: string, span?: Span) => void;
}

const CURSED_OR =
  "This expression uses `or` as an identifier in a way that will change in a future Nix release.\n" +
  "Wrap this entire expression in parentheses to preserve its current meaning:\n";

export class TokenCursor {
  protected i = 0;
  protected lastEnd = 0;
  protected readonly kinds: Uint8Array;
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;
  protected readonly values: TokenValue[];
  protected readonly lastIndex: number;

  constructor(
    protected readonly source: Source,
    protected readonly toks: Tokens,
    protected readonly options: ParseOptions,
  ) {
    this.kinds = toks.kind;
    this.starts = toks.start;
    this.ends = toks.end;
    this.values = toks.value;
    this.lastIndex = toks.count - 1;
  }

  protected peek(k = 0): number {
    const j = Math.min(this.i + k, this.lastIndex);
    const kind = this.kinds[j]!;
    if (kind === T.ERROR) throw this.toks.error!;
    return kind;
  }

  protected advance(): number {
    const j = this.i++;
    this.lastEnd = this.ends[j]!;
    return j;
  }

  protected value(j: number): TokenValue {
    return this.values[j];
  }

  protected text(j: number): string {
    return this.values[j] as string;
  }

  protected start(): number {
    return this.starts[Math.min(this.i, this.lastIndex)]!;
  }

  protected sp(start: number, end = this.lastEnd): Span {
    return span(this.source, start, end);
  }

  protected tokSpan(j: number): Span {
    return span(this.source, this.starts[j]!, this.ends[j]!);
  }

  protected expect(kind: number, expected?: readonly number[]): number {
    if (this.peek() !== kind) throw this.unexpected(expected ?? [kind]);
    return this.advance();
  }

  /** A bison-style syntax error at the current token. */
  protected unexpected(expected: readonly number[] | null): NixError {
    const kind = this.peek();
    let msg = `syntax error, unexpected ${tokenName(kind)}`;
    if (expected && expected.length > 0 && expected.length <= 4) {
      msg += `, expecting ${[...expected]
        .sort((a, b) => a - b)
        .map(tokenName)
        .join(" or ")}`;
    }
    const j = Math.min(this.i, this.lastIndex);
    const at = kind === T.EOF ? this.sp(this.source.text.length, this.source.text.length) : this.tokSpan(j);
    return new NixError("parse", msg, at);
  }

  protected warnCursedOr(e: A.Expr): void {
    const snippet = this.source.text.slice(e.span.start, e.span.end);
    const msg = `at ${formatPos(e.span)}: ${CURSED_OR}    (${snippet})\nGive feedback at https://github.com/NixOS/nix/pull/11121`;
    this.options.warn?.(msg);
  }

  protected lintPath(literal: string, origin: A.PathLit["origin"], at: Span): void {
    const o = this.options;
    if (origin === "absolute") {
      this.diagnose(
        o.lintAbsolutePathLiterals,
        "lint-absolute-path-literals",
        `absolute path literals are not portable. Consider replacing path literal '${literal}' by a string, relative path, or parameter`,
        at,
      );
    } else if (origin === "home") {
      if (o.pureEval) throw new NixError("restricted", `the path '${literal}' can not be resolved in pure mode`);
      this.diagnose(
        o.lintAbsolutePathLiterals,
        "lint-absolute-path-literals",
        `home path literals are not portable. Consider replacing path literal '${literal}' by a string, relative path, or parameter`,
        at,
      );
    } else if (!literal.startsWith(".")) {
      this.diagnose(
        o.lintShortPathLiterals,
        "lint-short-path-literals",
        `relative path literal '${literal}' should be prefixed with '.' for clarity: './${literal}'`,
        at,
      );
    }
  }

  protected parseUri(): A.Expr {
    const j = this.advance();
    const uri = this.text(j);
    const at = this.tokSpan(j);
    const level = this.options.lintUrlLiterals;
    const word = level === "fatal" ? "disallowed" : "discouraged";
    this.diagnose(level, "lint-url-literals", `URL literals are ${word}. Consider using a string literal "${uri}" instead`, at);
    return { kind: "str", span: at, parts: [uri], uri: true };
  }

  /** Nix's `diagnose`: ignore, warn, or fail, naming the setting after the message. */
  protected diagnose(level: Diagnose | undefined, setting: string, message: string, at: Span): void {
    if (level === undefined || level === "ignore") return;
    const full = `${message} (${setting})`;
    if (level === "fatal") throw new NixError("parse", full, at);
    this.options.warn?.(full, at);
  }
}
