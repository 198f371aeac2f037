/**
 * A TOML 1.0 parser for `builtins.fromTOML`.
 *
 * Tables become sets, arrays lists, integers bigints (int64, overflow is an
 * error), floats numbers (`inf`, `nan` included), strings strings. Date and
 * time values are an error ("Dates and times are not supported") unless the
 * `parse-toml-timestamps` feature is on; then they become
 * `{ _type = "timestamp"; value = "…"; }` with the text normalised as Nix
 * does (upper-case `T`, seconds always present, fractional seconds padded to
 * 3, 6 or 9 digits, `Z` for a zero offset). The whole document is parsed
 * before values are built, so syntax errors win over unsupported dates.
 *
 * Error messages follow toml11's layout (`[error] toml::…: …` followed by a
 * `--> fromTOML` excerpt with a caret); the wording of syntax errors is ours.
 */
import { INT64_MAX, INT64_MIN, NixAttrs, type Lazy, type Value } from "../values.js";

/** A malformed document (or a value Nix refuses); `message` is the text after "while parsing TOML: ". */
export class TomlError extends Error {}

interface Table {
  readonly kind: "table";
  readonly map: Map<string, Node>;
  /** Defined by a `[header]` (or `[[header]]`). */
  header: boolean;
  /** Created by a dotted key. */
  readonly dotted: boolean;
  /** An inline table `{ … }`: closed to additions. */
  readonly inline: boolean;
}

interface TArray {
  readonly kind: "array";
  readonly items: Node[];
  /** An array of tables (`[[…]]`), which later headers may extend. */
  readonly tables: boolean;
}

type Node = Table | TArray | { readonly kind: "value"; readonly v: Value } | { readonly kind: "datetime"; readonly text: string };

function newTable(opts: { header?: boolean; dotted?: boolean; inline?: boolean } = {}): Table {
  return { kind: "table", map: new Map(), header: opts.header ?? false, dotted: opts.dotted ?? false, inline: opts.inline ?? false };
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const DATE = /(\d{4})-(\d{2})-(\d{2})/y;
const TIME = /(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/y;
const OFFSET = /[Zz]|[+-](\d{2}):(\d{2})/y;
const DEC_INT = /^[+-]?(?:0|[1-9](?:_?\d)*)$/;
const FLOAT = /^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/;
const RADIX_INT: Record<string, RegExp> = { x: /^[0-9A-Fa-f](?:_?[0-9A-Fa-f])*$/, o: /^[0-7](?:_?[0-7])*$/, b: /^[01](?:_?[01])*$/ };
const RADIX_NAME: Record<string, string> = { x: "hex", o: "oct", b: "bin" };

class TomlParser {
  private i = 0;
  readonly root = newTable({ header: true });
  private current: Table = this.root;

  constructor(private readonly src: string) {}

  // ------------------------------------------------------------ errors

  error(where: string, message: string, hint: string, at = this.i): TomlError {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < this.src.length; k++) {
      if (this.src.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    let lineEnd = this.src.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = this.src.length;
    const text = this.src.slice(lineStart, lineEnd).replace(/\r$/, "");
    const num = String(line);
    const pad = " ".repeat(num.length);
    const caret = " ".repeat(Math.max(0, at - lineStart));
    return new TomlError(
      `[error] toml::${where}: ${message}\n --> fromTOML\n ${pad} |\n ${num} | ${text}\n ${pad} | ${caret}^-- ${hint}\n`,
    );
  }

  // ------------------------------------------------------------ lexing helpers

  private peek(off = 0): string {
    return this.src[this.i + off] ?? "";
  }

  private eof(): boolean {
    return this.i >= this.src.length;
  }

  private skipWs(): void {
    while (this.peek() === " " || this.peek() === "\t") this.i++;
  }

  private comment(): void {
    if (this.peek() !== "#") return;
    this.i++;
    while (!this.eof() && this.peek() !== "\n") {
      const c = this.src.charCodeAt(this.i);
      if ((c < 0x20 && c !== 9 && !(c === 13 && this.peek(1) === "\n")) || c === 0x7f) {
        throw this.error("parse_comment", "control characters are not allowed in comments", "here");
      }
      this.i++;
    }
  }

  /** A newline (LF or CRLF), or false. */
  private newline(): boolean {
    if (this.peek() === "\n") {
      this.i++;
      return true;
    }
    if (this.peek() === "\r" && this.peek(1) === "\n") {
      this.i += 2;
      return true;
    }
    return false;
  }

  /** Whitespace, comment, then a newline or the end. */
  private endOfLine(where: string): void {
    this.skipWs();
    this.comment();
    if (!this.eof() && !this.newline()) throw this.error(where, "expected newline, but got '" + this.peek() + "'", "expected newline");
  }

  /** Blank space inside arrays: whitespace, comments and newlines. */
  private skipArraySpace(): void {
    for (;;) {
      this.skipWs();
      this.comment();
      if (!this.newline()) return;
    }
  }

  // ------------------------------------------------------------ document

  parse(): Table {
    for (;;) {
      this.skipWs();
      if (this.eof()) return this.root;
      const c = this.peek();
      if (c === "#" || c === "\n" || c === "\r") this.endOfLine("parse_toml_file");
      else if (c === "[") {
        if (this.peek(1) === "[") this.arrayTableHeader();
        else this.tableHeader();
        this.endOfLine("parse_table_key");
      } else {
        this.keyValue(this.current, false);
        this.endOfLine("parse_key_value_pair");
      }
    }
  }

  /** Follow all but the last key of a header from the root, creating implicit tables. */
  private descend(keys: string[], start: number): Table {
    let t = this.root;
    for (let k = 0; k < keys.length - 1; k++) {
      const n = t.map.get(keys[k]!);
      if (n === undefined) {
        const nt = newTable();
        t.map.set(keys[k]!, nt);
        t = nt;
      } else if (n.kind === "table" && !n.inline) t = n;
      else if (n.kind === "array" && n.tables) t = n.items[n.items.length - 1] as Table;
      else throw this.error("parse_table_key", `key "${keys[k]}" is already defined as a value`, "here", start);
    }
    return t;
  }

  private tableHeader(): void {
    const start = this.i;
    this.i++;
    this.skipWs();
    const keys = this.key();
    this.skipWs();
    if (this.peek() !== "]") throw this.error("parse_table_key", "expected ']'", "here");
    this.i++;
    const t = this.descend(keys, start);
    const last = keys[keys.length - 1]!;
    const n = t.map.get(last);
    if (n === undefined) {
      const nt = newTable({ header: true });
      t.map.set(last, nt);
      this.current = nt;
    } else if (n.kind === "table" && !n.header && !n.dotted && !n.inline) {
      n.header = true;
      this.current = n;
    } else {
      throw this.error("parse_table_key", `table "${keys.join(".")}" is already defined`, "here", start);
    }
  }

  private arrayTableHeader(): void {
    const start = this.i;
    this.i += 2;
    this.skipWs();
    const keys = this.key();
    this.skipWs();
    if (this.peek() !== "]" || this.peek(1) !== "]") throw this.error("parse_array_table_key", "expected ']]'", "here");
    this.i += 2;
    const t = this.descend(keys, start);
    const last = keys[keys.length - 1]!;
    let n = t.map.get(last);
    if (n === undefined) {
      n = { kind: "array", items: [], tables: true };
      t.map.set(last, n);
    } else if (n.kind !== "array" || !n.tables) {
      throw this.error("parse_array_table_key", `"${keys.join(".")}" is already defined and is not an array of tables`, "here", start);
    }
    const nt = newTable({ header: true });
    n.items.push(nt);
    this.current = nt;
  }

  /** `key = value` into `table`. */
  private keyValue(table: Table, inline: boolean): void {
    const start = this.i;
    const keys = this.key();
    this.skipWs();
    if (this.peek() !== "=") throw this.error("parse_key_value_pair", "expected '=' after key", "expected '='");
    this.i++;
    this.skipWs();
    const value = this.value();
    let t = table;
    for (let k = 0; k < keys.length - 1; k++) {
      const n = t.map.get(keys[k]!);
      if (n === undefined) {
        const nt = newTable({ dotted: true });
        t.map.set(keys[k]!, nt);
        t = nt;
      } else if (n.kind === "table" && n.dotted && !n.inline) t = n;
      else
        throw this.error(
          "parse_key_value_pair",
          `cannot add key "${keys.slice(0, k + 2).join(".")}": "${keys[k]}" is already defined`,
          "here",
          start,
        );
    }
    const last = keys[keys.length - 1]!;
    if (t.map.has(last)) {
      throw this.error(inline ? "parse_inline_table" : "parse_key_value_pair", `duplicate key "${keys.join(".")}"`, "here", start);
    }
    t.map.set(last, value);
  }

  /** A possibly dotted key. */
  private key(): string[] {
    const keys = [this.simpleKey()];
    for (;;) {
      const save = this.i;
      this.skipWs();
      if (this.peek() !== ".") {
        this.i = save;
        return keys;
      }
      this.i++;
      this.skipWs();
      keys.push(this.simpleKey());
    }
  }

  private simpleKey(): string {
    const c = this.peek();
    if (c === '"') return this.peek(1) === '"' && this.peek(2) === '"' ? this.keyError() : this.basicString();
    if (c === "'") return this.peek(1) === "'" && this.peek(2) === "'" ? this.keyError() : this.literalString();
    const start = this.i;
    while (BARE_KEY.test(this.peek())) this.i++;
    if (this.i === start) return this.keyError();
    return this.src.slice(start, this.i);
  }

  private keyError(): never {
    throw this.error("parse_key", "invalid key", "expected a key");
  }

  // ------------------------------------------------------------ values

  private value(): Node {
    const c = this.peek();
    if (c === '"') return { kind: "value", v: this.peek(1) === '"' && this.peek(2) === '"' ? this.multiBasicString() : this.basicString() };
    if (c === "'")
      return { kind: "value", v: this.peek(1) === "'" && this.peek(2) === "'" ? this.multiLiteralString() : this.literalString() };
    if (c === "[") return this.array();
    if (c === "{") return this.inlineTable();
    if (this.src.startsWith("true", this.i) && !BARE_KEY.test(this.peek(4))) {
      this.i += 4;
      return { kind: "value", v: true };
    }
    if (this.src.startsWith("false", this.i) && !BARE_KEY.test(this.peek(5))) {
      this.i += 5;
      return { kind: "value", v: false };
    }
    const dt = this.dateTime();
    if (dt !== null) return dt;
    return this.number();
  }

  private array(): Node {
    this.i++;
    const items: Node[] = [];
    for (;;) {
      this.skipArraySpace();
      if (this.peek() === "]") break;
      items.push(this.value());
      this.skipArraySpace();
      if (this.peek() === ",") {
        this.i++;
        continue;
      }
      if (this.peek() === "]") break;
      throw this.error("parse_array", "expected ',' or ']'", "here");
    }
    this.i++;
    return { kind: "array", items, tables: false };
  }

  private inlineTable(): Node {
    this.i++;
    const t = newTable();
    this.skipWs();
    if (this.peek() === "}") {
      this.i++;
      return { ...t, inline: true };
    }
    for (;;) {
      this.skipWs();
      this.keyValue(t, true);
      this.skipWs();
      if (this.peek() === ",") {
        this.i++;
        continue;
      }
      if (this.peek() === "}") break;
      throw this.error("parse_inline_table", "expected ',' or '}'", "here");
    }
    this.i++;
    return { ...t, inline: true };
  }

  // ------------------------------------------------------------ strings

  private controlCheck(c: number, multiline: boolean): void {
    if ((c < 0x20 && c !== 9 && !(multiline && (c === 10 || c === 13))) || c === 0x7f) {
      throw this.error("parse_string", "control characters are not allowed in strings", "here");
    }
  }

  private escape(): string {
    const c = this.peek();
    this.i++;
    const simple: Record<string, string> = { b: "\b", t: "\t", n: "\n", f: "\f", r: "\r", '"': '"', "\\": "\\" };
    if (simple[c] !== undefined) return simple[c];
    if (c === "u" || c === "U") {
      const len = c === "u" ? 4 : 8;
      const hex = this.src.slice(this.i, this.i + len);
      if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) throw this.error("parse_escape_sequence", "invalid unicode escape", "here");
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw this.error("parse_escape_sequence", "not a valid UTF-8 codepoint", "here");
      this.i += len;
      return String.fromCodePoint(cp);
    }
    throw this.error(
      "parse_escape_sequence",
      `unknown escape sequence "\\${c}"`,
      'escape sequence is one of \\, ", b, t, n, f, r, uxxxx, Uxxxxxxxx',
    );
  }

  private basicString(): string {
    this.i++;
    let out = "";
    for (;;) {
      if (this.eof() || this.peek() === "\n") throw this.error("parse_basic_string", "the string is not closed", "here");
      const c = this.peek();
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === "\\") {
        this.i++;
        out += this.escape();
        continue;
      }
      this.controlCheck(c.charCodeAt(0), false);
      out += c;
      this.i++;
    }
  }

  private literalString(): string {
    this.i++;
    const start = this.i;
    for (;;) {
      if (this.eof() || this.peek() === "\n") throw this.error("parse_literal_string", "the string is not closed", "here");
      const c = this.peek();
      if (c === "'") break;
      this.controlCheck(c.charCodeAt(0), false);
      this.i++;
    }
    this.i++;
    return this.src.slice(start, this.i - 1);
  }

  /** Closing delimiter of a multi-line string, allowing up to two extra quotes before it. */
  private closeMulti(q: string): number {
    let n = 0;
    while (this.peek(n) === q) n++;
    if (n < 3) return -1;
    if (n > 5) throw this.error("parse_ml_string", "too many quotes", "here");
    return n - 3;
  }

  private multiBasicString(): string {
    this.i += 3;
    this.newline();
    let out = "";
    for (;;) {
      if (this.eof()) throw this.error("parse_ml_basic_string", "the string is not closed", "here");
      const c = this.peek();
      const extra = c === '"' ? this.closeMulti('"') : -1;
      if (extra >= 0) {
        this.i += 3 + extra;
        return out + '"'.repeat(extra);
      }
      if (c === "\\") {
        this.i++;
        if (this.lineEndingBackslash()) continue;
        out += this.escape();
        continue;
      }
      if (c === "\r" && this.peek(1) === "\n") {
        out += "\n";
        this.i += 2;
        continue;
      }
      this.controlCheck(c.charCodeAt(0), true);
      if (c === "\r") this.controlCheck(13, false);
      out += c;
      this.i++;
    }
  }

  /** After `\` in a multi-line basic string: skip a line ending and following blanks. */
  private lineEndingBackslash(): boolean {
    let j = this.i;
    while (this.src[j] === " " || this.src[j] === "\t") j++;
    if (this.src[j] !== "\n" && !(this.src[j] === "\r" && this.src[j + 1] === "\n")) return false;
    this.i = j;
    for (;;) {
      if (this.peek() === " " || this.peek() === "\t") this.i++;
      else if (!this.newline()) return true;
    }
  }

  private multiLiteralString(): string {
    this.i += 3;
    this.newline();
    let out = "";
    for (;;) {
      if (this.eof()) throw this.error("parse_ml_literal_string", "the string is not closed", "here");
      const c = this.peek();
      const extra = c === "'" ? this.closeMulti("'") : -1;
      if (extra >= 0) {
        this.i += 3 + extra;
        return out + "'".repeat(extra);
      }
      if (c === "\r" && this.peek(1) === "\n") {
        out += "\n";
        this.i += 2;
        continue;
      }
      this.controlCheck(c.charCodeAt(0), true);
      if (c === "\r") this.controlCheck(13, false);
      out += c;
      this.i++;
    }
  }

  // ------------------------------------------------------------ numbers and dates

  private number(): Node {
    const start = this.i;
    while (/[0-9A-Za-z_+\-.]/.test(this.peek())) this.i++;
    const tok = this.src.slice(start, this.i);
    if (tok === "") throw this.error("parse_value", "unknown value appeared", "here");
    if (/^[+-]?(inf|nan)$/.test(tok)) {
      const neg = tok.startsWith("-");
      return { kind: "value", v: tok.endsWith("nan") ? NaN : neg ? -Infinity : Infinity };
    }
    const radix = /^0([xob])(.*)$/.exec(tok);
    if (radix) return this.radixInteger(radix[1]!, radix[2]!);
    if (DEC_INT.test(tok)) return this.integer(BigInt(tok.replaceAll("_", "")), "parse_dec_integer", "2^63");
    if (FLOAT.test(tok)) return { kind: "value", v: Number(tok.replaceAll("_", "")) };
    throw this.error("parse_value", `invalid value "${tok}"`, "here", start);
  }

  private radixInteger(r: string, digits: string): Node {
    if (!RADIX_INT[r]!.test(digits)) throw this.error(`parse_${RADIX_NAME[r]}_integer`, "invalid integer", "here");
    const prefix = r === "x" ? "0x" : r === "o" ? "0o" : "0b";
    return this.integer(BigInt(prefix + digits.replaceAll("_", "")), `parse_${RADIX_NAME[r]}_integer`, "2^63");
  }

  private integer(n: bigint, where: string, limit: string): Node {
    if (n > INT64_MAX || n < INT64_MIN) {
      throw this.error(where, `too large integer: current max digits = ${limit}`, `must be < ${limit}`);
    }
    return { kind: "value", v: n };
  }

  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    return re.exec(this.src);
  }

  private dateTime(): Node | null {
    const d = this.match(DATE);
    if (d) {
      this.i = DATE.lastIndex;
      checkDate(this, +d[1]!, +d[2]!, +d[3]!);
      const date = `${d[1]}-${d[2]}-${d[3]}`;
      const sep = this.peek();
      if ((sep === "T" || sep === "t" || sep === " ") && /\d\d:/.test(this.src.slice(this.i + 1, this.i + 4))) {
        this.i++;
        return { kind: "datetime", text: `${date}T${this.time()}${this.offset()}` };
      }
      return { kind: "datetime", text: date };
    }
    if (/^\d\d:/.test(this.src.slice(this.i, this.i + 3))) return { kind: "datetime", text: this.time() };
    return null;
  }

  private time(): string {
    const t = this.match(TIME);
    if (!t) throw this.error("parse_local_time", "invalid time", "here");
    this.i = TIME.lastIndex;
    if (+t[1]! > 23 || +t[2]! > 59 || +t[3]! > 60) throw this.error("parse_local_time", "invalid time", "here");
    return `${t[1]}:${t[2]}:${t[3]}${subsecond(t[4] ?? "")}`;
  }

  private offset(): string {
    const o = this.match(OFFSET);
    if (!o) return "";
    this.i = OFFSET.lastIndex;
    if (o[0] === "Z" || o[0] === "z") return "Z";
    if (+o[1]! > 23 || +o[2]! > 59) throw this.error("parse_time_offset", "invalid offset", "here");
    return o[1] === "00" && o[2] === "00" ? "Z" : o[0];
  }
}

function checkDate(p: TomlParser, y: number, m: number, d: number): void {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]!) throw p.error("parse_local_date", "invalid date", "here");
}

/** Fractional seconds as Nix prints them: none, or 3, 6 or 9 digits. */
function subsecond(frac: string): string {
  const digits = (frac + "000000000").slice(0, 9);
  const ms = digits.slice(0, 3);
  const us = digits.slice(3, 6);
  const ns = digits.slice(6, 9);
  if (ns !== "000") return "." + digits;
  if (us !== "000") return "." + ms + us;
  if (ms !== "000") return "." + ms;
  return "";
}

// ---------------------------------------------------------------- to Nix values

function noNullByte(s: string): string {
  if (s.includes("\0")) {
    throw new TomlError(
      `error: input string '${s.replaceAll("\0", "␀")}' cannot be represented as Nix string because it contains null bytes`,
    );
  }
  return s;
}

function toValue(n: Node, timestamps: boolean): Value {
  switch (n.kind) {
    case "value":
      return typeof n.v === "string" ? noNullByte(n.v) : n.v;
    case "datetime":
      if (!timestamps) throw new TomlError("Dates and times are not supported");
      return NixAttrs.from([
        ["_type", "timestamp"],
        ["value", n.text],
      ]);
    case "array":
      return n.items.map((x) => toValue(x, timestamps));
    case "table": {
      const m = new Map<string, Lazy>();
      for (const [k, v] of n.map) m.set(noNullByte(k), toValue(v, timestamps));
      return new NixAttrs(m);
    }
  }
}

/** Parse a TOML document. Throws TomlError. */
export function parseToml(text: string, timestamps: boolean): Value {
  return toValue(new TomlParser(text).parse(), timestamps);
}
