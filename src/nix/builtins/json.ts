/**
 * JSON for `builtins.fromJSON` and `builtins.toJSON`.
 *
 * The parser reproduces the library Nix uses (nlohmann/json) closely enough
 * that error messages match byte for byte: it reads UTF-8 bytes, tracks
 * line/column the same way (columns count bytes), keeps the same "last read"
 * token text, and reports the same syntax errors. Integers become bigints;
 * an unsigned integer above int64 is an error (as in Nix), other overflowing
 * integers become floats. Objects and arrays are built with an explicit stack,
 * so nesting depth costs no JS stack.
 *
 * `formatJsonFloat` prints a double as nlohmann's `dump` does (shortest
 * round-trip digits, `1.0`, `1e+100`, …).
 */
import { NixError } from "../errors.js";
import { INT64_MAX, INT64_MIN, NixAttrs, type Lazy, type Value } from "../values.js";

const EOF = -1;

/** Thrown for malformed JSON; the message is nlohmann's `what()`. */
export class JsonSyntaxError extends Error {}

const enum Tok {
  BeginArray,
  EndArray,
  BeginObject,
  EndObject,
  NameSeparator,
  ValueSeparator,
  True,
  False,
  Null,
  String,
  Unsigned,
  Integer,
  Float,
  ParseError,
  EndOfInput,
  /** Only used in "expected …" messages. */
  LiteralOrValue,
  Uninitialized,
}

function tokenName(t: Tok): string {
  switch (t) {
    case Tok.True:
      return "true";
    case Tok.False:
      return "false";
    case Tok.Null:
      return "null";
    case Tok.String:
      return "string literal";
    case Tok.Unsigned:
    case Tok.Integer:
    case Tok.Float:
      return "number literal";
    case Tok.BeginArray:
      return "'['";
    case Tok.BeginObject:
      return "'{'";
    case Tok.EndArray:
      return "']'";
    case Tok.EndObject:
      return "'}'";
    case Tok.NameSeparator:
      return "':'";
    case Tok.ValueSeparator:
      return "','";
    case Tok.ParseError:
      return "<parse error>";
    case Tok.EndOfInput:
      return "end of input";
    case Tok.LiteralOrValue:
      return "'[', '{', or a literal";
    case Tok.Uninitialized:
      return "<uninitialized>";
  }
}

const CONTROL_NAMES =
  "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split(" ");
const SHORT_ESCAPES: Record<number, string> = { 8: "b", 9: "t", 10: "n", 12: "f", 13: "r" };

function controlCharMessage(c: number): string {
  const hex = c.toString(16).toUpperCase().padStart(4, "0");
  const short = SHORT_ESCAPES[c];
  return `invalid string: control character U+${hex} (${CONTROL_NAMES[c]}) must be escaped to \\u${hex}${short ? ` or \\${short}` : ""}`;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** nlohmann's lexer, over UTF-8 bytes. */
class Lexer {
  /** Index of the next byte to read (may pass the end by one for EOF). */
  private i = 0;
  cur = EOF;
  total = 0;
  lineChars = 0;
  lines = 0;
  private tokenStart = 0;
  errorMessage = "";
  /** The value of the last string or number token. */
  str = "";
  numText = "";

  constructor(private readonly buf: Buffer) {}

  private get(): number {
    this.total++;
    this.lineChars++;
    this.cur = this.i < this.buf.length ? this.buf[this.i]! : EOF;
    this.i++;
    if (this.cur === 0x0a) {
      this.lines++;
      this.lineChars = 0;
    }
    return this.cur;
  }

  private unget(): void {
    this.total--;
    if (this.lineChars === 0) {
      if (this.lines > 0) this.lines--;
    } else this.lineChars--;
    this.i--;
  }

  private reset(): void {
    this.tokenStart = this.i - 1;
  }

  /** The bytes read since the last string/number token began, as nlohmann shows them. */
  tokenString(): string {
    const end = Math.min(this.i, this.buf.length);
    const raw = this.buf.toString("utf8", Math.max(0, this.tokenStart), end);
    return raw.replace(/[\x00-\x1f]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  }

  scan(): Tok {
    if (this.total === 0 && !this.skipBom()) {
      this.errorMessage = "invalid BOM; must be 0xEF 0xBB 0xBF if given";
      return Tok.ParseError;
    }
    do this.get();
    while (this.cur === 0x20 || this.cur === 0x09 || this.cur === 0x0a || this.cur === 0x0d);
    switch (this.cur) {
      case 0x5b:
        return Tok.BeginArray;
      case 0x5d:
        return Tok.EndArray;
      case 0x7b:
        return Tok.BeginObject;
      case 0x7d:
        return Tok.EndObject;
      case 0x3a:
        return Tok.NameSeparator;
      case 0x2c:
        return Tok.ValueSeparator;
      case 0x74:
        return this.literal("true", Tok.True);
      case 0x66:
        return this.literal("false", Tok.False);
      case 0x6e:
        return this.literal("null", Tok.Null);
      case 0x22:
        return this.scanString();
      case 0:
      case EOF:
        return Tok.EndOfInput;
    }
    if (this.cur === 0x2d || isDigit(this.cur)) return this.scanNumber();
    this.errorMessage = "invalid literal";
    return Tok.ParseError;
  }

  private skipBom(): boolean {
    if (this.get() === 0xef) return this.get() === 0xbb && this.get() === 0xbf;
    this.unget();
    return true;
  }

  private literal(text: string, tok: Tok): Tok {
    for (let k = 1; k < text.length; k++) {
      if (this.get() !== text.charCodeAt(k)) {
        this.errorMessage = "invalid literal";
        return Tok.ParseError;
      }
    }
    return tok;
  }

  private codepoint(): number {
    let cp = 0;
    for (let k = 0; k < 4; k++) {
      const h = hexValue(this.get());
      if (h < 0) return -1;
      cp = cp * 16 + h;
    }
    return cp;
  }

  private fail(message: string): Tok {
    this.errorMessage = message;
    return Tok.ParseError;
  }

  private scanString(): Tok {
    this.reset();
    const parts: string[] = [];
    for (;;) {
      // Fast path: a run of ordinary bytes.
      const start = this.i;
      while (this.i < this.buf.length) {
        const b = this.buf[this.i]!;
        if (b < 0x20 || b === 0x22 || b === 0x5c) break;
        this.i++;
      }
      if (this.i > start) {
        this.total += this.i - start;
        this.lineChars += this.i - start;
        parts.push(this.buf.toString("utf8", start, this.i));
      }
      const c = this.get();
      if (c === EOF) return this.fail("invalid string: missing closing quote");
      if (c === 0x22) {
        this.str = parts.join("");
        return Tok.String;
      }
      if (c < 0x20) return this.fail(controlCharMessage(c));
      const err = this.escape(parts);
      if (err !== null) return this.fail(err);
    }
  }

  /** After a backslash: append the escaped character, or return an error message. */
  private escape(parts: string[]): string | null {
    const c = this.get();
    const simple: Record<number, string> = { 0x22: '"', 0x5c: "\\", 0x2f: "/", 0x62: "\b", 0x66: "\f", 0x6e: "\n", 0x72: "\r", 0x74: "\t" };
    if (c !== 0x75) {
      const s = simple[c];
      if (s === undefined) return "invalid string: forbidden character after backslash";
      parts.push(s);
      return null;
    }
    const cp1 = this.codepoint();
    if (cp1 < 0) return "invalid string: '\\u' must be followed by 4 hex digits";
    if (cp1 >= 0xd800 && cp1 <= 0xdbff) {
      if (!(this.get() === 0x5c && this.get() === 0x75))
        return "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
      const cp2 = this.codepoint();
      if (cp2 < 0) return "invalid string: '\\u' must be followed by 4 hex digits";
      if (!(cp2 >= 0xdc00 && cp2 <= 0xdfff)) return "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
      parts.push(String.fromCharCode(cp1, cp2));
      return null;
    }
    if (cp1 >= 0xdc00 && cp1 <= 0xdfff) return "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF";
    parts.push(String.fromCharCode(cp1));
    return null;
  }

  private digits(): void {
    while (isDigit(this.get()));
  }

  private scanNumber(): Tok {
    this.reset();
    const start = this.i - 1;
    let type = Tok.Unsigned;
    if (this.cur === 0x2d) {
      type = Tok.Integer;
      if (!isDigit(this.get())) return this.fail("invalid number; expected digit after '-'");
    }
    if (this.cur !== 0x30) this.digits();
    else this.get();
    if (this.cur === 0x2e) {
      type = Tok.Float;
      if (!isDigit(this.get())) return this.fail("invalid number; expected digit after '.'");
      this.digits();
    }
    if (this.cur === 0x65 || this.cur === 0x45) {
      type = Tok.Float;
      const c = this.get();
      if (c === 0x2b || c === 0x2d) {
        if (!isDigit(this.get())) return this.fail("invalid number; expected digit after exponent sign");
      } else if (!isDigit(c)) return this.fail("invalid number; expected '+', '-', or digit after exponent");
      this.digits();
    }
    this.unget();
    this.numText = this.buf.toString("latin1", start, this.i);
    return type;
  }
}

// ---------------------------------------------------------------- parser

const UINT64_MAX = 2n ** 64n - 1n;

function noNullByte(s: string): string {
  if (s.includes("\0")) {
    throw new NixError(
      "eval",
      `input string '${s.replaceAll("\0", "␀")}' cannot be represented as Nix string because it contains null bytes`,
    );
  }
  return s;
}

/** Container being built: an array, or an object with its pending key. */
type Frame = { list: Lazy[] } | { map: Map<string, Lazy>; key: string };

class Parser {
  private readonly lx: Lexer;
  private tok: Tok;

  constructor(text: string) {
    this.lx = new Lexer(Buffer.from(text, "utf8"));
    this.tok = this.lx.scan();
  }

  private next(): Tok {
    return (this.tok = this.lx.scan());
  }

  private error(message: string): JsonSyntaxError {
    const lx = this.lx;
    return new JsonSyntaxError(`[json.exception.parse_error.101] parse error at line ${lx.lines + 1}, column ${lx.lineChars}: ${message}`);
  }

  private unexpected(expected: Tok, context: string): JsonSyntaxError {
    let msg = `syntax error while parsing ${context} - `;
    if (this.tok === Tok.ParseError) msg += `${this.lx.errorMessage}; last read: '${this.lx.tokenString()}'`;
    else msg += `unexpected ${tokenName(this.tok)}`;
    if (expected !== Tok.Uninitialized) msg += `; expected ${tokenName(expected)}`;
    return this.error(msg);
  }

  /** A scalar for the current token, or undefined if it starts a container or is an error. */
  private scalar(): Value | undefined {
    switch (this.tok) {
      case Tok.True:
        return true;
      case Tok.False:
        return false;
      case Tok.Null:
        return null;
      case Tok.String:
        return noNullByte(this.lx.str);
      case Tok.Unsigned:
      case Tok.Integer:
        return this.integer();
      case Tok.Float:
        return this.float();
      default:
        return undefined;
    }
  }

  private integer(): Value {
    const n = BigInt(this.lx.numText);
    if (this.tok === Tok.Unsigned && n <= UINT64_MAX && n > INT64_MAX) {
      throw new NixError("eval", `unsigned json number ${n} outside of Nix integer range`);
    }
    if (n > INT64_MAX || n < INT64_MIN) return Number(this.lx.numText);
    return n;
  }

  private float(): number {
    const x = Number(this.lx.numText);
    if (!Number.isFinite(x)) {
      throw new JsonSyntaxError(`[json.exception.out_of_range.406] number overflow parsing '${this.lx.tokenString()}'`);
    }
    return x;
  }

  private badValue(): JsonSyntaxError {
    if (this.tok === Tok.ParseError) return this.unexpected(Tok.Uninitialized, "value");
    if (this.tok === Tok.EndOfInput && this.lx.total === 1) {
      return this.error("attempting to parse an empty input; check that your input string or stream contains the expected JSON");
    }
    return this.unexpected(Tok.LiteralOrValue, "value");
  }

  /** Read `"key" :` after `{` or `,`; the current token is the key. */
  private key(): string {
    if (this.tok !== Tok.String) throw this.unexpected(Tok.String, "object key");
    const k = noNullByte(this.lx.str);
    if (this.next() !== Tok.NameSeparator) throw this.unexpected(Tok.NameSeparator, "object separator");
    return k;
  }

  parse(): Value {
    const stack: Frame[] = [];
    let value: Value;
    for (;;) {
      // Parse one value starting at the current token.
      if (this.tok === Tok.BeginArray) {
        if (this.next() === Tok.EndArray) value = [];
        else {
          stack.push({ list: [] });
          continue;
        }
      } else if (this.tok === Tok.BeginObject) {
        if (this.next() === Tok.EndObject) value = NixAttrs.empty;
        else {
          stack.push({ map: new Map(), key: this.key() });
          this.next();
          continue;
        }
      } else {
        const v = this.scalar();
        if (v === undefined) throw this.badValue();
        value = v;
      }
      // A value is complete: store it and close containers as far as possible.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (this.next() !== Tok.EndOfInput) throw this.unexpected(Tok.EndOfInput, "value");
          return value;
        }
        if ("list" in top) {
          top.list.push(value);
          if (this.next() === Tok.ValueSeparator) break;
          if (this.tok !== Tok.EndArray) throw this.unexpected(Tok.EndArray, "array");
          stack.pop();
          value = top.list;
        } else {
          top.map.set(top.key, value);
          if (this.next() === Tok.ValueSeparator) {
            this.next();
            top.key = this.key();
            break;
          }
          if (this.tok !== Tok.EndObject) throw this.unexpected(Tok.EndObject, "object");
          stack.pop();
          value = new NixAttrs(top.map);
        }
      }
      this.next();
    }
  }
}

/** Parse JSON text to a Nix value. Throws JsonSyntaxError or NixError. */
export function parseJson(text: string): Value {
  return new Parser(text).parse();
}

// ---------------------------------------------------------------- printing

/** A double as nlohmann's serializer prints it. */
export function formatJsonFloat(x: number): string {
  if (!Number.isFinite(x)) return "null";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, exp] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const k = digits.length;
  const n = Number(exp) + 1;
  if (k <= n && n <= 15) return sign + digits + "0".repeat(n - k) + ".0";
  if (0 < n && n <= 15) return sign + digits.slice(0, n) + "." + digits.slice(n);
  if (-4 < n && n <= 0) return sign + "0." + "0".repeat(-n) + digits;
  const e = n - 1;
  const expStr = (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
  return sign + (k === 1 ? digits : digits[0] + "." + digits.slice(1)) + "e" + expStr;
}
