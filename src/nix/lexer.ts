/**
 * The Nix tokenizer. It follows the start-condition machine of Nix's flex lexer
 * (DEFAULT, STRING, IND_STRING, INPATH, INPATH_SLASH with a state stack driven by
 * `{`, `${`, `}` and quotes) and its longest-match rules, so quirks such as `x:x`
 * being a URI, `a/b` a path and `$${` a literal survive. The whole text is
 * tokenized up front into parallel typed arrays (kind, start, end, value); a
 * lexical error becomes a final ERROR token that the parser raises when it reaches
 * it, so errors come out in source order as with Nix's pull-based lexer.
 */
import { NixError } from "./errors.js";
import { lookupName } from "./lex-names.js";
import { floatValue, intValue, matchFloat } from "./lex-numbers.js";
import { span, type Source } from "./source.js";
import { SINGLE_CODE, T } from "./tokens.js";

export { T, tokenName } from "./tokens.js";

// Character classes of the flex definitions, as bit flags over ASCII.
const PATH_CHAR = 1; // [a-zA-Z0-9._\-+]
const ID_START = 2; // [a-zA-Z_]
const ID_CHAR = 4; // [a-zA-Z0-9_'\-]
const SCHEME_CHAR = 8; // [a-zA-Z0-9+\-.]
const URI_CHAR = 16; // [a-zA-Z0-9%/?:@&=+$,\-_.!~*']
const DIGIT = 32;
const LETTER = 64;
const CLASS = new Uint8Array(128);
function setClass(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) CLASS[chars.charCodeAt(i)] |= flag;
}
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
setClass(LETTERS + DIGITS + "._-+", PATH_CHAR);
setClass(LETTERS + "_", ID_START);
setClass(LETTERS + DIGITS + "_'-", ID_CHAR);
setClass(LETTERS + DIGITS + "+-.", SCHEME_CHAR);
setClass(LETTERS + DIGITS + "%/?:@&=+$,-_.!~*'", URI_CHAR);
setClass(DIGITS, DIGIT);
setClass(LETTERS, LETTER);

// Lexer start conditions.
const S_DEFAULT = 0;
const S_STRING = 1;
const S_IND = 2;
const S_INPATH = 3;
const S_INPATH_SLASH = 4;

export type TokenValue = string | bigint | number | undefined;

/** The token stream: parallel arrays indexed by token number. */
export interface Tokens {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly value: TokenValue[];
  /** Set when the last token is T.ERROR. */
  readonly error?: NixError;
}

export interface LexOptions {
  /** Accept `|>` and `<|` (Nix's experimental `pipe-operators`). */
  readonly pipeOperators?: boolean;
}

/** Tokenize a whole source. Never throws: lexical errors end the stream with T.ERROR. */
export function tokenize(source: Source, options: LexOptions = {}): Tokens {
  return new Lexer(source, options).run();
}

class Lexer {
  private readonly text: string;
  private readonly len: number;
  private pos = 0;
  private readonly stack: number[] = [];
  private count = 0;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private readonly values: TokenValue[];
  private error: NixError | undefined;

  constructor(
    private readonly source: Source,
    private readonly options: LexOptions,
  ) {
    this.text = source.text;
    this.len = source.text.length;
    const cap = ((this.len / 3) | 0) + 16; // dense Nix code has about one token per 3.5 characters
    this.kinds = new Uint8Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    // Holey from the start (most tokens have no value), and sized so that it
    // rarely grows; small enough to stay a fast (not dictionary) array.
    this.values = new Array<TokenValue>(Math.min(cap, 16384));
  }

  run(): Tokens {
    for (;;) {
      const st = this.stack.length === 0 ? S_DEFAULT : this.stack[this.stack.length - 1]!;
      let done: boolean;
      if (st === S_DEFAULT) done = this.lexDefault();
      else if (st === S_STRING) done = this.lexString();
      else if (st === S_IND) done = this.lexIndString();
      else done = this.lexInPath(st === S_INPATH_SLASH);
      if (done) break;
    }
    return {
      count: this.count,
      kind: this.kinds,
      start: this.starts,
      end: this.ends,
      value: this.values,
      error: this.error,
    };
  }

  private emit(kind: number, start: number, end: number, value?: TokenValue): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    if (value !== undefined) this.values[i] = value;
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    const s = new Int32Array(cap);
    s.set(this.starts);
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.kinds = k;
    this.starts = s;
    this.ends = e;
  }

  /** End the stream with a lexical error at [start, end). Returns true (done). */
  private fail(message: string, start: number, end: number): boolean {
    this.error = new NixError("parse", message, span(this.source, start, end));
    this.emit(T.ERROR, start, end);
    return true;
  }

  private eof(): boolean {
    this.emit(T.EOF, this.len, this.len);
    return true;
  }

  private code(i: number): number {
    return i < this.len ? this.text.charCodeAt(i) : -1;
  }

  private isClass(i: number, flag: number): boolean {
    const c = i < this.len ? this.text.charCodeAt(i) : 128;
    return c < 128 && (CLASS[c]! & flag) !== 0;
  }

  private push(state: number): void {
    this.stack.push(state);
  }

  private pop(): void {
    this.stack.pop();
  }

  /** Skip whitespace and comments. */
  private skipTrivia(): void {
    const t = this.text;
    const len = this.len;
    let i = this.pos;
    while (i < len) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
      } else if (c === 35 /* # */) {
        i++;
        while (i < len) {
          const d = t.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
      } else if (c === 47 /* / */ && this.code(i + 1) === 42 /* * */) {
        const close = t.indexOf("*/", i + 2);
        if (close < 0) break; // not a comment: `/` then `*`
        i = close + 2;
      } else {
        break;
      }
    }
    this.pos = i;
  }

  private lexDefault(): boolean {
    this.skipTrivia();
    const p = this.pos;
    if (p >= this.len) return this.eof();
    const c = this.text.charCodeAt(p);
    if (c < 128 && (CLASS[c]! & PATH_CHAR) !== 0) return this.lexWord(p, c);
    switch (c) {
      case 47 /* / */:
        return this.lexSlash(p);
      case 126 /* ~ */:
        return this.lexHome(p);
      case 60 /* < */:
        return this.lexLess(p);
      case 34 /* " */:
        this.push(S_STRING);
        return this.single(T.QUOTE, p, 1);
      case 39 /* ' */:
        return this.lexIndOpen(p);
      case 36 /* $ */:
        if (this.code(p + 1) === 123) {
          this.push(S_DEFAULT);
          return this.single(T.DOLLAR_CURLY, p, 2);
        }
        return this.single(T.INVALID, p, 1);
      case 123 /* { */:
        this.push(S_DEFAULT);
        return this.single(T.LBRACE, p, 1);
      case 125 /* } */:
        if (this.stack.length > 0) this.pop();
        return this.single(T.RBRACE, p, 1);
      default:
        return this.lexOperator(p, c);
    }
  }

  private single(kind: number, p: number, n: number): boolean {
    this.pos = p + n;
    this.emit(kind, p, p + n);
    return false;
  }

  private lexOperator(p: number, c: number): boolean {
    const d = this.code(p + 1);
    switch (c) {
      case 61 /* = */:
        return d === 61 ? this.single(T.EQ, p, 2) : this.single(T.ASSIGN, p, 1);
      case 33 /* ! */:
        return d === 61 ? this.single(T.NEQ, p, 2) : this.single(T.BANG, p, 1);
      case 62 /* > */:
        return d === 61 ? this.single(T.GEQ, p, 2) : this.single(T.GT, p, 1);
      case 38 /* & */:
        return d === 38 ? this.single(T.AND, p, 2) : this.single(T.INVALID, p, 1);
      case 124 /* | */:
        if (d === 124) return this.single(T.OR, p, 2);
        if (d === 62) return this.pipe(T.PIPE_INTO, p);
        return this.single(T.INVALID, p, 1);
    }
    const k = c < 128 ? SINGLE_CODE[c]! : -1;
    return this.single(k >= 0 ? k : T.INVALID, p, 1);
  }

  private pipe(kind: number, p: number): boolean {
    if (!this.options.pipeOperators) {
      return this.fail(
        "experimental Nix feature 'pipe-operators' is disabled; add '--extra-experimental-features pipe-operators' to enable it",
        p,
        p + 2,
      );
    }
    return this.single(kind, p, 2);
  }

  /** Set by `matchPath`: the length flex compares (it includes the `${` lookahead). */
  private pathEffective = 0;

  /**
   * Match `{PATH}` (or `{PATH_SEG}` directly followed by `${`) at p, starting the
   * scan at `from` (after a prefix such as `~`). Returns the end of the token (and
   * sets `pathEffective`), or -1.
   */
  private matchPath(p: number, from: number, allowPrefix: boolean): number {
    let i = from;
    if (allowPrefix) while (this.isClass(i, PATH_CHAR)) i++;
    let segs = 0;
    while (this.code(i) === 47 && this.isClass(i + 1, PATH_CHAR)) {
      i += 2;
      while (this.isClass(i, PATH_CHAR)) i++;
      segs++;
    }
    if (segs > 0) {
      const end = this.code(i) === 47 ? i + 1 : i;
      this.pathEffective = end - p;
      return end;
    }
    if (this.code(i) === 47 && this.code(i + 1) === 36 && this.code(i + 2) === 123) {
      this.pathEffective = i + 3 - p;
      return i + 1;
    }
    return -1;
  }

  /** Emit a PATH/HPATH token and enter INPATH or INPATH_SLASH. */
  private emitPath(kind: number, p: number, end: number): boolean {
    this.pos = end;
    this.emit(kind, p, end, this.text.slice(p, end));
    this.push(this.text.charCodeAt(end - 1) === 47 ? S_INPATH_SLASH : S_INPATH);
    return false;
  }

  /** Tokens starting with a path character: identifiers, keywords, numbers, paths, URIs, `.` `...` `+` `++` `-` `->`. */
  private lexWord(p: number, c: number): boolean {
    const t = this.text;
    const len = this.len;
    let best = 0;
    let kind: number = T.INVALID;
    if ((CLASS[c]! & ID_START) !== 0) {
      let i = p + 1;
      while (i < len) {
        const d = t.charCodeAt(i);
        if (d >= 128 || (CLASS[d]! & ID_CHAR) === 0) break;
        i++;
      }
      // A longer PATH needs a `/` right after a run of path characters from p
      // (`'` is not one), a URI a `:` right after a run of scheme characters (a
      // subset of them): if the run of path characters from i ends elsewhere,
      // this is an identifier (or keyword) and those matchers can be skipped.
      let k = i;
      while (k < len) {
        const d = t.charCodeAt(k);
        if (d >= 128 || (CLASS[d]! & PATH_CHAR) === 0) break;
        k++;
      }
      const n = k < len ? t.charCodeAt(k) : -1;
      if (n !== 47 && n !== 58) return this.emitName(p, i);
      best = i - p;
      kind = T.ID;
    } else if ((CLASS[c]! & DIGIT) !== 0) {
      let i = p + 1;
      while (i < len) {
        const d = t.charCodeAt(i);
        if (d < 48 || d > 57) break;
        i++;
      }
      // A float or a path needs a path character or `/` after the digits.
      const n = i < len ? t.charCodeAt(i) : -1;
      if (n !== 47 && (n < 0 || n >= 128 || (CLASS[n]! & PATH_CHAR) === 0)) {
        this.pos = i;
        return this.emitInt(p, i);
      }
      best = i - p;
      kind = T.INT;
    } else {
      const d = this.code(p + 1);
      if (c === 46 && d === 46 && this.code(p + 2) === 46) {
        best = 3;
        kind = T.ELLIPSIS;
      } else if (c === 43 && d === 43) {
        best = 2;
        kind = T.CONCAT;
      } else if (c === 45 && d === 62) {
        best = 2;
        kind = T.IMPL;
      } else {
        best = 1;
        kind = SINGLE_CODE[c]!;
      }
    }
    const fl = matchFloat(this.text, p);
    if (fl > best) {
      best = fl;
      kind = T.FLOAT;
    }
    // A PATH and a URI never both match at one position (a scheme has no `/`).
    const path = this.matchPath(p, p, true);
    if (path >= 0 && this.pathEffective > best) return this.emitPath(T.PATH, p, path);
    if ((CLASS[c]! & LETTER) !== 0) {
      const uri = this.matchUri(p);
      if (uri > best) return this.literal(T.URI, p, p + uri);
    }
    return this.emitWord(kind, p, p + best);
  }

  private emitWord(kind: number, p: number, end: number): boolean {
    this.pos = end;
    if (kind === T.ID) return this.emitName(p, end);
    if (kind === T.INT) return this.emitInt(p, end);
    if (kind === T.FLOAT) return this.emitFloat(p, end);
    this.emit(kind, p, end);
    return false;
  }

  /** An identifier or keyword at [p, end); names come from the shared table (see lex-names.ts). */
  private emitName(p: number, end: number): boolean {
    this.pos = end;
    const found = lookupName(this.text, p, end);
    if (typeof found === "string") this.emit(T.ID, p, end, found);
    else this.emit(found, p, end);
    return false;
  }

  private literal(kind: number, p: number, end: number): boolean {
    this.pos = end;
    this.emit(kind, p, end, this.text.slice(p, end));
    return false;
  }

  private emitInt(p: number, end: number): boolean {
    const v = intValue(this.text, p, end);
    if (v === null) return this.fail(`invalid integer '${this.text.slice(p, end)}'`, p, end);
    this.emit(T.INT, p, end, v);
    return false;
  }

  private emitFloat(p: number, end: number): boolean {
    const s = this.text.slice(p, end);
    const v = floatValue(s);
    if (v === null) return this.fail(`invalid float '${s}'`, p, end);
    this.emit(T.FLOAT, p, end, v);
    return false;
  }

  /** `[a-zA-Z][a-zA-Z0-9+\-.]*:[URI chars]+`; returns the match length or 0. */
  private matchUri(p: number): number {
    if (!this.isClass(p, LETTER)) return 0;
    let i = p + 1;
    while (this.isClass(i, SCHEME_CHAR)) i++;
    if (this.code(i) !== 58) return 0;
    let j = i + 1;
    while (this.isClass(j, URI_CHAR)) j++;
    return j === i + 1 ? 0 : j - p;
  }

  private lexSlash(p: number): boolean {
    const path = this.matchPath(p, p, false);
    if (path >= 0) return this.emitPath(T.PATH, p, path);
    if (this.code(p + 1) === 47) return this.single(T.UPDATE, p, 2);
    return this.single(T.SLASH, p, 1);
  }

  private lexHome(p: number): boolean {
    const path = this.matchPath(p, p + 1, false);
    if (path >= 0) return this.emitPath(T.HPATH, p, path);
    return this.single(T.INVALID, p, 1);
  }

  private lexLess(p: number): boolean {
    // SPATH: \<{PATH_CHAR}+(\/{PATH_CHAR}+)*\>
    let i = p + 1;
    if (this.isClass(i, PATH_CHAR)) {
      while (this.isClass(i, PATH_CHAR)) i++;
      while (this.code(i) === 47 && this.isClass(i + 1, PATH_CHAR)) {
        i += 2;
        while (this.isClass(i, PATH_CHAR)) i++;
      }
      if (this.code(i) === 62) {
        this.pos = i + 1;
        this.emit(T.SPATH, p, i + 1, this.text.slice(p + 1, i));
        return false;
      }
    }
    const d = this.code(p + 1);
    if (d === 61) return this.single(T.LEQ, p, 2);
    if (d === 124) return this.pipe(T.PIPE_FROM, p);
    return this.single(T.LT, p, 1);
  }

  /** `''` optionally followed by spaces and a newline (which the opener swallows). */
  private lexIndOpen(p: number): boolean {
    if (this.code(p + 1) !== 39) return this.single(T.INVALID, p, 1);
    let i = p + 2;
    while (this.code(i) === 32) i++;
    const end = this.code(i) === 10 ? i + 1 : p + 2;
    this.push(S_IND);
    this.pos = end;
    this.emit(T.IND_OPEN, p, end);
    return false;
  }

  /** Inside `"…"`: one STR token (unescaped, CR/CRLF normalised), `${`, the closing quote, or EOF. */
  private lexString(): boolean {
    const t = this.text;
    const p = this.pos;
    const c = this.code(p);
    if (c === 34) {
      this.pop();
      return this.single(T.QUOTE, p, 1);
    }
    if (c === 36 && this.code(p + 1) === 123) {
      this.push(S_DEFAULT);
      return this.single(T.DOLLAR_CURLY, p, 2);
    }
    let out = "";
    let run = p;
    let i = p;
    while (i < this.len) {
      const d = t.charCodeAt(i);
      if (d === 34) break;
      if (d === 92 /* \ */) {
        if (i + 1 >= this.len) break;
        out += t.slice(run, i) + unescapeChar(t.charCodeAt(i + 1));
        i += 2;
        run = i;
      } else if (d === 36 /* $ */) {
        const e = this.code(i + 1);
        if (e === 123 || e === -1) break;
        i += e === 36 ? 2 : 1; // `$$` is literal even before `{`
      } else if (d === 13) {
        out += t.slice(run, i) + "\n";
        i += this.code(i + 1) === 10 ? 2 : 1;
        run = i;
      } else {
        i++;
      }
    }
    if (i > p) {
      out += t.slice(run, i);
      if (out.includes("\0")) return this.nullByte(out, p, i);
      this.pos = i;
      this.emit(T.STR, p, i, out);
      return false;
    }
    // At EOF, or a lone `$` / `\` before EOF: Nix's lexer returns end of file.
    return this.eof();
  }

  private nullByte(s: string, p: number, end: number): boolean {
    const shown = s.replaceAll("\0", "␀");
    return this.fail(`input string '${shown}' cannot be represented as Nix string because it contains null bytes`, p, end);
  }

  /** Inside `''…''`: raw text, escapes (`''$`, `'''`, `''\x`), `${`, the closer, or EOF. */
  private lexIndString(): boolean {
    const p = this.pos;
    const c = this.code(p);
    if (c === -1) return this.eof();
    const d = this.code(p + 1);
    if (c === 39 && d === 39) {
      const e = this.code(p + 2);
      if (e === 36) return this.indLit(p, 3, "$");
      if (e === 39) return this.indLit(p, 3, "''");
      if (e === 92 && p + 3 < this.len) {
        const s = unescapeChar(this.text.charCodeAt(p + 3));
        if (s === "\0") return this.nullByte(s, p, p + 4);
        return this.indLit(p, 4, s);
      }
      this.pop();
      return this.single(T.IND_CLOSE, p, 2);
    }
    if (c === 36 && d === 123) {
      this.push(S_DEFAULT);
      return this.single(T.DOLLAR_CURLY, p, 2);
    }
    if (c === 36 && (d === 39 || d === -1)) return this.indLit(p, 1, "$");
    if (c === 39 && (d === 36 || d === -1)) return this.indLit(p, 1, "'");
    // Raw text: ([^$']|\$[^{']|'[^'$])+
    let i = p;
    for (;;) {
      const x = this.code(i);
      if (x === -1) break;
      if (x === 36 || x === 39) {
        const y = this.code(i + 1);
        if (y === -1 || y === 39 || (x === 36 ? y === 123 : y === 36)) break;
        i += 2;
      } else {
        i++;
      }
    }
    const s = this.text.slice(p, i);
    if (s.includes("\0")) return this.nullByte(s, p, i);
    this.pos = i;
    this.emit(T.IND_STR, p, i, s);
    return false;
  }

  private indLit(p: number, n: number, value: string): boolean {
    this.pos = p + n;
    this.emit(T.IND_STR_LIT, p, p + n, value);
    return false;
  }

  /** After a path piece: more pieces, `${`, or the end of the path. */
  private lexInPath(afterSlash: boolean): boolean {
    const p = this.pos;
    const c = this.code(p);
    if (c === 36 && this.code(p + 1) === 123) {
      this.pop();
      this.push(S_INPATH);
      this.push(S_DEFAULT);
      return this.single(T.DOLLAR_CURLY, p, 2);
    }
    // {PATH}|{PATH_SEG}|{PATH_CHAR}+
    let i = p;
    while (this.isClass(i, PATH_CHAR)) i++;
    let end = i > p ? i : -1;
    if (this.code(i) === 47) {
      end = i + 1; // PATH_SEG
      let j = i;
      let segs = 0;
      while (this.code(j) === 47 && this.isClass(j + 1, PATH_CHAR)) {
        j += 2;
        while (this.isClass(j, PATH_CHAR)) j++;
        segs++;
      }
      if (segs > 0) end = this.code(j) === 47 ? j + 1 : j;
    }
    if (end > p) {
      this.pop();
      this.push(this.text.charCodeAt(end - 1) === 47 ? S_INPATH_SLASH : S_INPATH);
      return this.literal(T.STR, p, end);
    }
    if (afterSlash) return this.fail("path has a trailing slash", p, Math.min(p + 1, this.len));
    this.pop();
    this.emit(T.PATH_END, p, p);
    return false;
  }
}

/** The character an escape `\c` stands for in Nix strings. */
function unescapeChar(c: number): string {
  if (c === 110) return "\n";
  if (c === 114) return "\r";
  if (c === 116) return "\t";
  return String.fromCharCode(c);
}
