/**
 * String helpers of the parser: Nix's `stripIndentation` for `''…''` strings
 * (minimum indentation over the lines, interpolations and escapes counting as
 * text, whitespace-only lines ignored, a final whitespace-only line dropped) and
 * the test for a string literal without interpolation, which Nix treats as a
 * static attribute name even when written as `${"a"}`.
 */
import type { Expr, Str } from "./ast.js";
import type { Span } from "./source.js";

/**
 * One token of an indented string: `raw` text (subject to indentation
 * stripping), a `lit` piece from an escape (`''$`, `'''`, `''\n`, a lone `$` or
 * `'`), or an interpolated expression.
 */
export type IndPiece = { readonly kind: "raw" | "lit"; readonly text: string } | { readonly kind: "expr"; readonly expr: Expr };

/** True for a string node that Nix keeps as a plain ExprString (no interpolation). */
export function constantString(e: Expr): string | null {
  if (e.kind !== "str") return null;
  const parts = e.printParts ?? e.parts;
  if (parts.length === 0) return "";
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  return null;
}

/**
 * Merge adjacent literal parts; drop empty literals. Returns `parts` itself when
 * there is nothing to do, otherwise a new array of exactly the merged length.
 */
export function mergeParts(parts: (string | Expr)[]): (string | Expr)[] {
  if (!needsMerge(parts)) return parts;
  const out: (string | Expr)[] = [];
  for (const p of parts) {
    if (typeof p === "string") {
      if (p === "") continue;
      const last = out.length - 1;
      if (last >= 0 && typeof out[last] === "string") out[last] = (out[last] as string) + p;
      else out.push(p);
    } else {
      out.push(p);
    }
  }
  return out.slice(); // exact size (see `indentedStr`)
}

function needsMerge(parts: readonly (string | Expr)[]): boolean {
  let prevString = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === "string") {
      if (p === "" || prevString) return true;
      prevString = true;
    } else {
      prevString = false;
    }
  }
  return false;
}

/** The smallest indentation of a line that has text (`raw` pieces count spaces; anything else is text). */
function minIndentation(pieces: readonly IndPiece[]): number {
  let atStartOfLine = true;
  let minIndent = 1000000;
  let curIndent = 0;
  for (const piece of pieces) {
    if (piece.kind !== "raw") {
      if (atStartOfLine) {
        atStartOfLine = false;
        if (curIndent < minIndent) minIndent = curIndent;
      }
      continue;
    }
    const s = piece.text;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (atStartOfLine) {
        if (c === 32) curIndent++;
        else if (c === 10) curIndent = 0;
        else {
          atStartOfLine = false;
          if (curIndent < minIndent) minIndent = curIndent;
        }
      } else if (c === 10) {
        atStartOfLine = true;
        curIndent = 0;
      }
    }
  }
  return minIndent;
}

/** Build the Str node of an indented string, stripping indentation exactly as Nix does. */
export function stripIndentation(pieces: readonly IndPiece[], span: Span): Str {
  const minIndent = minIndentation(pieces);
  const es2: (string | Expr)[] = [];
  let atStartOfLine = true;
  let curDropped = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.kind === "expr") {
      atStartOfLine = false;
      curDropped = 0;
      es2.push(piece.expr);
      continue;
    }
    const s = piece.text;
    let out = "";
    let j = 0;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (!atStartOfLine) {
        // Copy through the end of the line in one go.
        const nl = s.indexOf("\n", j);
        const stop = nl < 0 ? s.length : nl + 1;
        out += s.slice(j, stop);
        j = stop;
        if (nl >= 0) atStartOfLine = true;
        continue;
      }
      if (c === 32) {
        if (curDropped++ >= minIndent) out += " ";
      } else if (c === 10) {
        curDropped = 0;
        out += "\n";
      } else {
        atStartOfLine = false;
        curDropped = 0;
        out += s[j];
      }
      j++;
    }
    if (i === pieces.length - 1) out = dropTrailingSpaceLine(out);
    if (out !== "") es2.push(out);
  }
  return indentedStr(es2, span);
}

/** Remove the last line when it consists only of spaces (keeping the newline before it). */
function dropTrailingSpaceLine(s: string): string {
  const p = s.lastIndexOf("\n");
  if (p < 0) return s;
  for (let k = p + 1; k < s.length; k++) if (s.charCodeAt(k) !== 32) return s;
  return s.slice(0, p + 1);
}

/**
 * The Str node; its arrays are exact-size copies of `es2`, which was grown by
 * `push` and so has spare slots (the AST lives as long as the program).
 */
function indentedStr(es2: (string | Expr)[], span: Span): Str {
  if (es2.length === 0) return { kind: "str", span, parts: [], indented: true };
  if (es2.length === 1 && typeof es2[0] === "string") return { kind: "str", span, parts: [es2[0]], indented: true };
  const parts = mergeParts(es2);
  if (parts === es2) return { kind: "str", span, parts: es2.slice(), indented: true };
  return { kind: "str", span, parts, indented: true, printParts: es2.slice() };
}
