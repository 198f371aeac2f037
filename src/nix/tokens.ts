/**
 * Token kinds of the Nix lexer and their names as Nix's bison parser reports
 * them. Kinds are numbered in the order of the bison grammar's symbols, so a
 * list of expected tokens sorted by kind reads exactly like Nix's
 * "syntax error, unexpected X, expecting A or B" messages.
 */

/** Token kinds, numbered in the order of Nix's bison symbols (used to order "expecting" lists). */
export const T = {
  EOF: 0,
  INVALID: 2,
  ID: 3,
  STR: 4,
  IND_STR: 5,
  INT: 6,
  FLOAT: 7,
  PATH: 8,
  HPATH: 9,
  SPATH: 10,
  PATH_END: 11,
  URI: 12,
  IF: 13,
  THEN: 14,
  ELSE: 15,
  ASSERT: 16,
  WITH: 17,
  LET: 18,
  IN: 19,
  REC: 20,
  INHERIT: 21,
  EQ: 22,
  NEQ: 23,
  LEQ: 24,
  GEQ: 25,
  UPDATE: 26,
  CONCAT: 27,
  AND: 28,
  OR: 29,
  IMPL: 30,
  OR_KW: 31,
  PIPE_FROM: 32,
  PIPE_INTO: 33,
  DOLLAR_CURLY: 34,
  IND_OPEN: 35,
  IND_CLOSE: 36,
  ELLIPSIS: 37,
  LT: 39,
  GT: 40,
  PLUS: 42,
  MINUS: 43,
  STAR: 44,
  SLASH: 45,
  QUESTION: 46,
  COLON: 48,
  AT: 49,
  SEMI: 50,
  BANG: 51,
  DOT: 52,
  QUOTE: 53,
  LPAREN: 54,
  RPAREN: 55,
  LBRACE: 56,
  RBRACE: 57,
  LBRACKET: 58,
  RBRACKET: 59,
  ASSIGN: 60,
  COMMA: 61,
  /** An indented-string piece that does not count for indentation (`''$`, `'''`, `''\x`, lone `$`/`'`). */
  IND_STR_LIT: 62,
  /** A lexical error; the parser throws `Tokens.error` when it reaches it. */
  ERROR: 63,
} as const;

const NAMES: Record<number, string> = {
  [T.EOF]: "end of file",
  [T.INVALID]: "invalid token",
  [T.ID]: "identifier",
  [T.STR]: "string",
  [T.IND_STR]: "indented string",
  [T.IND_STR_LIT]: "indented string",
  [T.INT]: "integer",
  [T.FLOAT]: "floating-point literal",
  [T.PATH]: "path",
  [T.HPATH]: "'~/…' path",
  [T.SPATH]: "'<…>' path",
  [T.PATH_END]: "end of path",
  [T.URI]: "URI",
  [T.IF]: "'if'",
  [T.THEN]: "'then'",
  [T.ELSE]: "'else'",
  [T.ASSERT]: "'assert'",
  [T.WITH]: "'with'",
  [T.LET]: "'let'",
  [T.IN]: "'in'",
  [T.REC]: "'rec'",
  [T.INHERIT]: "'inherit'",
  [T.EQ]: "'=='",
  [T.NEQ]: "'!='",
  [T.LEQ]: "'<='",
  [T.GEQ]: "'>='",
  [T.UPDATE]: "'//'",
  [T.CONCAT]: "'++'",
  [T.AND]: "'&&'",
  [T.OR]: "'||'",
  [T.IMPL]: "'->'",
  [T.OR_KW]: "'or'",
  [T.PIPE_FROM]: "'<|'",
  [T.PIPE_INTO]: "'|>'",
  [T.DOLLAR_CURLY]: "'${'",
  [T.IND_OPEN]: "start of an indented string",
  [T.IND_CLOSE]: "end of an indented string",
  [T.ELLIPSIS]: "'...'",
  [T.ERROR]: "invalid token",
};

/** The name bison gives a token kind in "unexpected …" / "expecting …". */
export function tokenName(kind: number): string {
  const n = NAMES[kind];
  if (n !== undefined) return n;
  const ch = SINGLE_BY_KIND.get(kind);
  return ch === undefined ? "invalid token" : `'${ch}'`;
}

const SINGLE: Record<string, number> = {
  "<": T.LT,
  ">": T.GT,
  "+": T.PLUS,
  "-": T.MINUS,
  "*": T.STAR,
  "/": T.SLASH,
  "?": T.QUESTION,
  ":": T.COLON,
  "@": T.AT,
  ";": T.SEMI,
  "!": T.BANG,
  ".": T.DOT,
  '"': T.QUOTE,
  "(": T.LPAREN,
  ")": T.RPAREN,
  "{": T.LBRACE,
  "}": T.RBRACE,
  "[": T.LBRACKET,
  "]": T.RBRACKET,
  "=": T.ASSIGN,
  ",": T.COMMA,
};
const SINGLE_BY_KIND = new Map<number, string>(Object.entries(SINGLE).map(([c, k]) => [k, c]));
export const SINGLE_CODE = new Int8Array(128).fill(-1);
for (const [c, k] of Object.entries(SINGLE)) SINGLE_CODE[c.charCodeAt(0)] = k;

export const KEYWORDS = new Map<string, number>([
  ["if", T.IF],
  ["then", T.THEN],
  ["else", T.ELSE],
  ["assert", T.ASSERT],
  ["with", T.WITH],
  ["let", T.LET],
  ["in", T.IN],
  ["rec", T.REC],
  ["inherit", T.INHERIT],
  ["or", T.OR_KW],
]);
