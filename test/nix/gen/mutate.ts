/**
 * Mutations of Nix source text for the fuzz test: byte flips, deletions,
 * duplicated or transplanted slices, inserted tokens, truncation, and deep
 * nesting (thousands of `[`, `(`, `{ a =`, `let … in`, `"${`, …), balanced or
 * not. Every mutation is a pure function of the text and the generator, so a
 * run is reproducible from its seed.
 */
import type { Rng } from "./rng.js";

/** Tokens worth inserting: structure, keywords, string/interpolation openers, operators. */
export const TOKENS: readonly string[] = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  "${",
  "''",
  '"',
  "rec",
  "let",
  "in",
  "with",
  "inherit",
  "assert",
  "if",
  "then",
  "else",
  "or",
  ";",
  "=",
  ":",
  ".",
  "?",
  ",",
  "@",
  "...",
  "//",
  "++",
  "->",
  "==",
  "!=",
  "&&",
  "||",
  "!",
  "-",
  "+",
  "*",
  "/",
  "<",
  ">",
  "|>",
  "<|",
  "./x",
  "/abs/path",
  "~/h",
  "<nixpkgs>",
  "http://example.org/x",
  "\\",
  "#",
  "/*",
  "*/",
  "\n",
  "\t",
  " ",
  "x",
  "a.b.c",
  "1",
  "0",
  "-1",
  "9223372036854775807",
  "9223372036854775808",
  "1.5",
  "1e5",
  ".5e-3",
  '"${',
  "''${",
  "$",
  "'''",
  "''$",
  "''\\",
  "__curPos",
  "builtins",
  "null",
  "true",
  "throw",
  'abort "x"',
  "builtins.tryEval",
  "builtins.deepSeq",
  "x: x",
  "{ a, b ? 1, ... }@c:",
  "let x = x; in x",
  "rec { a = a; }",
  "\u00e9",
  "\u{1F600}",
  "\u0000",
];

/** Openers for deep nesting, each with the text that closes it. */
const NESTERS: readonly (readonly [string, string])[] = [
  ["[", "]"],
  ["(", ")"],
  ["{ a = ", "; }"],
  ["rec { a = ", "; }"],
  ["let a = 1; in ", ""],
  ['"${', '}"'],
  ["''${", "}''"],
  ["x: ", ""],
  ["-", ""],
  ["!", ""],
  ["if true then ", " else 0"],
  ["assert true; ", ""],
  ["with {}; ", ""],
  ["[ 1 ", " ]"],
  ["{ a.b.c = ", "; }"],
  ["builtins.seq 1 (", ")"],
  ["f (", ")"],
  ["1 + ", ""],
  ["[ 1 ] ++ ", ""],
  ["{ } // ", ""],
];

export type MutationName =
  "flip" | "delete" | "duplicate" | "insert-token" | "truncate" | "swap" | "splice" | "nest" | "repeat-token" | "stack";

function pos(r: Rng, text: string): number {
  return r.int(0, text.length);
}

function randomChar(r: Rng): string {
  return r.weighted<() => string>([
    [6, () => String.fromCharCode(r.int(32, 126))],
    [1, () => r.pick(["\n", "\t", "\r", "\u0000", "\u00ff", "\u00e9", "\u{1F600}"])],
  ])();
}

/** Apply one named mutation. `donor` is another seed text (for splicing). */
export function mutateWith(name: MutationName, r: Rng, text: string, donor: string): string {
  switch (name) {
    case "flip": {
      if (text.length === 0) return randomChar(r);
      const i = r.int(0, text.length - 1);
      return text.slice(0, i) + randomChar(r) + text.slice(i + 1);
    }
    case "delete": {
      const i = pos(r, text);
      const n = r.int(1, 24);
      return text.slice(0, i) + text.slice(i + n);
    }
    case "duplicate": {
      const i = pos(r, text);
      const j = Math.min(text.length, i + r.int(1, 64));
      const at = pos(r, text);
      return text.slice(0, at) + text.slice(i, j) + text.slice(at);
    }
    case "insert-token": {
      const at = pos(r, text);
      const tok = r.pick(TOKENS);
      const pad = r.chance(0.5) ? " " : "";
      return text.slice(0, at) + pad + tok + pad + text.slice(at);
    }
    case "truncate":
      return text.slice(0, pos(r, text));
    case "swap": {
      const a = pos(r, text);
      const b = pos(r, text);
      const [i, j] = a < b ? [a, b] : [b, a];
      const mid = i + Math.floor((j - i) / 2);
      return text.slice(0, i) + text.slice(mid, j) + text.slice(i, mid) + text.slice(j);
    }
    case "splice": {
      const i = pos(r, donor);
      const piece = donor.slice(i, i + r.int(1, 120));
      const at = pos(r, text);
      return text.slice(0, at) + piece + text.slice(at);
    }
    case "nest": {
      const [open, close] = r.pick(NESTERS);
      const n = r.pick([50, 500, 3000, 10000]);
      const balanced = r.chance(0.7);
      const at = pos(r, text);
      const end = balanced ? Math.max(at, pos(r, text)) : at;
      const inner = r.chance(0.5) ? text.slice(at, end) : "1";
      return text.slice(0, at) + open.repeat(n) + inner + (balanced ? close.repeat(n) : "") + text.slice(r.chance(0.5) ? end : at);
    }
    case "repeat-token": {
      const tok = r.pick(TOKENS);
      const n = r.pick([100, 1000, 10000]);
      const at = pos(r, text);
      return text.slice(0, at) + (tok + " ").repeat(n) + text.slice(at);
    }
    case "stack": {
      // Several small mutations in a row.
      let t = text;
      for (let k = r.int(2, 5); k > 0; k--) t = mutateWith(r.pick(SMALL), r, t, donor);
      return t;
    }
  }
}

const SMALL: readonly MutationName[] = ["flip", "delete", "duplicate", "insert-token", "swap", "splice"];

/** A random mutation, weighted toward the small ones. */
export function mutate(r: Rng, text: string, donor: string): { name: MutationName; text: string } {
  const name = r.weighted<MutationName>([
    [5, "flip"],
    [4, "delete"],
    [3, "duplicate"],
    [6, "insert-token"],
    [1, "truncate"],
    [2, "swap"],
    [2, "splice"],
    [2, "nest"],
    [1, "repeat-token"],
    [3, "stack"],
  ]);
  return { name, text: mutateWith(name, r, text, donor) };
}
