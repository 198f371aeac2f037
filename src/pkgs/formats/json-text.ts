/**
 * JSON as the format generators see it: a parser that keeps object key order
 * and the literal text of numbers (as jq 1.7 prints unchanged numbers as
 * written, and Python's `json` reads integers exactly), and `jsonPretty`,
 * which prints a document as `jq .` does: two-space indentation, `"key": value`,
 * `[]`/`{}` for empty containers, control characters escaped (`\b \t \n \f
 * \r` short, others and DEL as `\u00XX`), other characters as they are.
 */

export type JValue = null | boolean | string | JNumber | JValue[] | JObject;

export interface JNumber {
  readonly kind: "number";
  /** The literal as written in the JSON text. */
  readonly raw: string;
}

export interface JObject {
  readonly kind: "object";
  readonly entries: [string, JValue][];
}

export function isNumber(v: JValue): v is JNumber {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.kind === "number";
}

export function isObject(v: JValue): v is JObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.kind === "object";
}

/** Is this number literal an integer (no fraction, no exponent)? */
export function isIntLiteral(n: JNumber): boolean {
  return /^-?\d+$/.test(n.raw);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new Error(`invalid JSON at offset ${this.i}: ${what}`);
  }

  ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i]!)) this.i++;
  }

  value(): JValue {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (this.s.startsWith("true", this.i)) return ((this.i += 4), true);
    if (this.s.startsWith("false", this.i)) return ((this.i += 5), false);
    if (this.s.startsWith("null", this.i)) return ((this.i += 4), null);
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m === null) this.fail("unexpected character");
    this.i += m[0].length;
    return { kind: "number", raw: m[0] };
  }

  object(): JObject {
    this.i++;
    const entries: [string, JValue][] = [];
    this.ws();
    if (this.s[this.i] === "}") return (this.i++, { kind: "object", entries });
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a key");
      const k = this.string();
      this.ws();
      if (this.s[this.i++] !== ":") this.fail("expected ':'");
      const idx = entries.findIndex((e) => e[0] === k);
      const v = this.value();
      if (idx >= 0) entries[idx] = [k, v];
      else entries.push([k, v]);
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return { kind: "object", entries };
      if (c !== ",") this.fail("expected ',' or '}'");
    }
  }

  array(): JValue[] {
    this.i++;
    const out: JValue[] = [];
    this.ws();
    if (this.s[this.i] === "]") return (this.i++, out);
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.fail("expected ',' or ']'");
    }
  }

  string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === "\\" ? 2 : 1;
    if (this.i >= this.s.length) this.fail("unterminated string");
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  document(): JValue {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) this.fail("trailing characters");
    return v;
  }
}

/** Parse a JSON text, keeping key order and number literals. */
export function parseJsonText(text: string): JValue {
  return new Parser(text).document();
}

/** A JSON string literal as jq writes it. */
export function jqString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function pretty(v: JValue, indent: string, out: string[]): void {
  if (v === null) out.push("null");
  else if (typeof v === "boolean") out.push(v ? "true" : "false");
  else if (typeof v === "string") out.push(jqString(v));
  else if (Array.isArray(v)) {
    if (v.length === 0) return void out.push("[]");
    const inner = `${indent}  `;
    out.push("[\n");
    v.forEach((x, i) => {
      out.push(inner);
      pretty(x, inner, out);
      out.push(i < v.length - 1 ? ",\n" : "\n");
    });
    out.push(`${indent}]`);
  } else if (v.kind === "number") out.push(v.raw);
  else {
    if (v.entries.length === 0) return void out.push("{}");
    const inner = `${indent}  `;
    out.push("{\n");
    v.entries.forEach(([k, x], i) => {
      out.push(`${inner}${jqString(k)}: `);
      pretty(x, inner, out);
      out.push(i < v.entries.length - 1 ? ",\n" : "\n");
    });
    out.push(`${indent}}`);
  }
}

/** `jq . file`: the document pretty-printed, with a final newline. */
export function jsonPretty(text: string): string {
  const out: string[] = [];
  pretty(parseJsonText(text), "", out);
  return `${out.join("")}\n`;
}
