/**
 * A tokenizer for fish scripts, enough for re-indenting them as
 * `fish_indent` does: words (with their quotes, escapes, command
 * substitutions and brace expansions kept verbatim), pipes, `&&`, `||`,
 * background `&`, redirection operators, statement ends (`;` or newline),
 * comments and escaped newlines between words. Every token carries its
 * source offsets; concatenating the tokens and the skipped blanks gives the
 * source back, so nothing is lost.
 */

export type FishTokenKind = "word" | "pipe" | "andand" | "oror" | "amp" | "redir" | "end" | "comment" | "escnl";

export interface FishToken {
  readonly kind: FishTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const WORD_BREAK = new Set([" ", "\t", "\r", "\n", ";", "|", "&", "<", ">"]);

/** Offset just past a single-quoted string starting at `i` (the quote). */
function skipSingle(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && src[j] !== "'") j += src[j] === "\\" ? 2 : 1;
  return Math.min(j + 1, src.length);
}

/** Offset just past a double-quoted string starting at `i`; `$(…)` inside it is a command substitution. */
function skipDouble(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && src[j] !== '"') {
    if (src[j] === "\\") j += 2;
    else if (src[j] === "$" && src[j + 1] === "(") j = skipParen(src, j + 1);
    else j++;
  }
  return Math.min(j + 1, src.length);
}

/** Offset just past a parenthesized command substitution starting at `i` (the `(`). */
function skipParen(src: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j]!;
    if (c === "\\") j += 2;
    else if (c === "'") j = skipSingle(src, j);
    else if (c === '"') j = skipDouble(src, j);
    else if (c === "#" && (j === 0 || /[\s;(]/.test(src[j - 1]!))) {
      while (j < src.length && src[j] !== "\n") j++;
    } else {
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j + 1;
      j++;
    }
  }
  return src.length;
}

/** Offset just past a word starting at `i`. */
function skipWord(src: string, i: number): number {
  let j = i;
  let braces = 0;
  while (j < src.length) {
    const c = src[j]!;
    if (c === "\\") j += 2;
    else if (c === "'") j = skipSingle(src, j);
    else if (c === '"') j = skipDouble(src, j);
    else if (c === "(") j = skipParen(src, j);
    else if (c === "{" && !(j === i && /[\s;]/.test(src[j + 1] ?? " "))) {
      braces++;
      j++;
    } else if (c === "}" && braces > 0) {
      braces--;
      j++;
    } else if (braces > 0 && /[ \t\r\n]/.test(c)) j++;
    else if (WORD_BREAK.has(c) && j > i) break;
    else j++;
  }
  return Math.min(j, src.length);
}

/** A redirection operator (`>`, `2>>`, `&>`, `>&`, `<`, `>?`) or fd pipe (`2>|`, `&|`) at `i`, if any. */
function redirection(src: string, i: number): { kind: "redir" | "pipe"; end: number } | undefined {
  let j = i;
  if (src[j] === "&") j++;
  else while (j < src.length && /[0-9]/.test(src[j]!)) j++;
  const op = src[j];
  if (op !== ">" && op !== "<") {
    if (src[i] === "&" && src[i + 1] === "|") return { kind: "pipe", end: i + 2 };
    return undefined;
  }
  j++;
  if (op === ">" && src[j] === ">") j++;
  else if (op === ">" && src[j] === "|") return { kind: "pipe", end: j + 1 };
  if (src[j] === "&" && src[i] !== "&") j++;
  else if (src[j] === "?") j++;
  return { kind: "redir", end: j };
}

/** Split fish source into tokens. */
export function tokenizeFish(src: string): FishToken[] {
  const out: FishToken[] = [];
  const push = (kind: FishTokenKind, start: number, end: number) => out.push({ kind, text: src.slice(start, end), start, end });
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "\\" && src[i + 1] === "\n") {
      push("escnl", i, i + 2);
      i += 2;
    } else if (c === "\n" || c === ";") {
      push("end", i, i + 1);
      i++;
    } else if (c === "#") {
      let j = i;
      while (j < src.length && src[j] !== "\n") j++;
      push("comment", i, j);
      i = j;
    } else if (c === "|") {
      const two = src[i + 1] === "|";
      push(two ? "oror" : "pipe", i, i + (two ? 2 : 1));
      i += two ? 2 : 1;
    } else if (c === "&" && src[i + 1] === "&") {
      push("andand", i, i + 2);
      i += 2;
    } else {
      const r = c === "&" || c === "<" || c === ">" || /[0-9]/.test(c) ? redirection(src, i) : undefined;
      if (r !== undefined) {
        push(r.kind, i, r.end);
        i = r.end;
      } else if (c === "&") {
        push("amp", i, i + 1);
        i++;
      } else {
        const j = skipWord(src, i);
        push("word", i, j);
        i = j;
      }
    }
  }
  return out;
}

const GOOD_CHAR = /^[\p{L}\p{N}_\-/]+$/u;

/**
 * `fish_indent`'s quote cleanup: a word whose unquoted text is only letters,
 * digits, `_`, `-` and `/` is written without its quotes (`"foo"` → `foo`);
 * anything else (escapes, expansions, other characters) is kept verbatim.
 */
export function cleanWord(text: string): string {
  if (text.includes("\\") || !/['"]/.test(text)) return text;
  let plain = "";
  let quote: string | undefined;
  for (const ch of text) {
    if (quote === undefined && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === quote) quote = undefined;
    else plain += ch;
  }
  return quote === undefined && GOOD_CHAR.test(plain) ? plain : text;
}

/** The keyword a word spells once quotes and escaped newlines are removed (`'begin'` is `begin`), if it is plain. */
export function wordKeyword(text: string): string | undefined {
  const t = text.replace(/\\\n/g, "");
  let plain = "";
  let quote: string | undefined;
  for (const ch of t) {
    if (quote === undefined && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === quote) quote = undefined;
    else plain += ch;
  }
  return /^[a-z!]+$/.test(plain) ? plain : undefined;
}
