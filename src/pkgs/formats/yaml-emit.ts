/**
 * YAML output as nixpkgs' `formats.yaml` writes it (remarshal's `json2yaml`
 * through ruamel.yaml, YAML 1.1): a `%YAML 1.1` directive and `---`, block
 * style with two-space indentation, sequences inside mappings not indented
 * (`key:` then `- item`), `{}`/`[]` for empty collections, `null` for null,
 * keys in the order of the JSON input. Strings are plain unless they would
 * read back as something else (YAML 1.1 booleans such as `yes`/`on`/`y`,
 * numbers, dates, `null`, `~`) or start with or contain an indicator; then
 * single-quoted, or double-quoted when they contain a `'` or a line break
 * or characters only double quotes can hold. Long plain and quoted scalars
 * are folded at column 80 as the emitter folds them. This is our own
 * implementation of those rules, checked against the library's output.
 */
import { isIntLiteral, isNumber, parseJsonText, type JNumber, type JValue } from "./json-text.js";

const WIDTH = 80;
const INDENT = 2;

/** YAML 1.1 implicit resolvers (tag ≠ str means a plain scalar would not read back as a string). */
const RESOLVERS: readonly { first: string; re: RegExp }[] = [
  { first: "yYnNtTfFoO", re: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/ },
  {
    first: "-+0123456789.",
    re: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  },
  {
    first: "-+0123456789",
    re: /^(?:[-+]?0b[0-1_]+|[-+]?0?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  },
  { first: "<", re: /^<<$/ },
  { first: "~nN", re: /^(?:~|null|Null|NULL)$/ },
  {
    first: "0123456789",
    re: /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  },
  { first: "=", re: /^=$/ },
];

/** YAML 1.2 (core schema as ruamel.yaml resolves it): fewer booleans, no sexagesimal numbers. */
const RESOLVERS_12: readonly { first: string; re: RegExp }[] = [
  { first: "tTfF", re: /^(?:true|True|TRUE|false|False|FALSE)$/ },
  {
    first: "-+0123456789.",
    re: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  },
  { first: "-+0123456789", re: /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/ },
  ...RESOLVERS.slice(3),
];

export type YamlVersion = "1.1" | "1.2";

function plainIsString(s: string, version: YamlVersion): boolean {
  if (s === "") return false;
  const c = s[0]!;
  return !(version === "1.1" ? RESOLVERS : RESOLVERS_12).some((r) => r.first.includes(c) && r.re.test(s));
}

const BREAKS = "\n\x85\u2028\u2029";
const SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029";

interface Analysis {
  empty: boolean;
  multiline: boolean;
  plain: boolean;
  singleQuoted: boolean;
}

function printable(c: number): boolean {
  return c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Which styles can hold this scalar (the emitter's analysis, block context). */
function analyze(chars: readonly string[]): Analysis {
  if (chars.length === 0) return { empty: true, multiline: false, plain: true, singleQuoted: true };
  let block = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  const text = chars.join("");
  if (text.startsWith("---") || text.startsWith("...")) block = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]!);
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) block = true;
      if ("?:".includes(ch) && followedByWs) block = true;
      if (ch === "-" && followedByWs) block = true;
    } else {
      if (ch === ":" && followedByWs) block = true;
      if (ch === "#" && precededByWs) block = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const code = ch.codePointAt(0)!;
    if (!(ch === "\n" || (code >= 0x20 && code <= 0x7e))) {
      if (!(printable(code) && ch !== "\ufeff")) special = true;
    }
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = i + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[i + 2]!);
  }
  let plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let singleQuoted = true;
  if (breakSpace) plain = singleQuoted = false;
  if (special || spaceBreak) plain = singleQuoted = false;
  if (lineBreaks || block) plain = false;
  return { empty: false, multiline: lineBreaks, plain, singleQuoted };
}

const ESCAPES: Record<string, string> = {
  "\0": "0",
  "\x07": "a",
  "\x08": "b",
  "\x09": "t",
  "\x0A": "n",
  "\x0B": "v",
  "\x0C": "f",
  "\x0D": "r",
  "\x1B": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xA0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

/** Python's `repr` of a float; `yaml11` adds the `.0` YAML 1.1 needs before an exponent (`1.0e+16`). */
export function pyFloat(x: number, yaml11 = true): string {
  if (Number.isNaN(x)) return ".nan";
  if (x === Infinity) return ".inf";
  if (x === -Infinity) return "-.inf";
  const [mant, expS] = x.toExponential().split("e") as [string, string];
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const exp = Number(expS);
  const decpt = exp + 1;
  let s: string;
  if (decpt > 16 || decpt < -3) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    s = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  } else if (decpt <= 0) s = `0.${"0".repeat(-decpt)}${digits}`;
  else if (decpt >= digits.length) s = `${digits}${"0".repeat(decpt - digits.length)}.0`;
  else s = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  if (neg) s = `-${s}`;
  if (yaml11 && !s.includes(".") && s.includes("e")) s = s.replace("e", ".0e");
  return s;
}

function numberText(n: JNumber, version: YamlVersion): string {
  if (isIntLiteral(n)) return BigInt(n.raw).toString();
  return pyFloat(Number(n.raw), version === "1.1");
}

class Emitter {
  constructor(private readonly version: YamlVersion) {}
  out = "";
  column = 0;
  whitespace = true;
  indention = true;
  /** The current indentation; undefined at the top level. */
  indent: number | undefined = undefined;

  write(data: string): void {
    this.out += data;
    this.column += [...data].length;
  }

  indicator(ind: string, needWs: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWs ? ind : ` ${ind}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  lineBreak(): void {
    this.out += "\n";
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.out += " ".repeat(indent - this.column);
      this.column = indent;
    }
  }

  private increase(indentless: boolean): void {
    if (this.indent === undefined) this.indent = 0;
    else if (!indentless) this.indent += INDENT;
  }

  /** A scalar; strings get the style the emitter would choose, other values are plain. */
  scalar(text: string, isString: boolean, simpleKey: boolean, inSequence: boolean): void {
    const saved = this.indent;
    this.indent = saved === undefined ? undefined : saved + INDENT;
    const chars = [...text];
    const a = analyze(chars);
    let style: "" | "'" | '"';
    if (!isString) style = "";
    else if (plainIsString(text, this.version) && !(simpleKey && (a.empty || a.multiline)) && a.plain) style = "";
    else if (text.includes("'") || text.includes("\n")) style = '"';
    else if (a.singleQuoted && !(simpleKey && a.multiline)) style = "'";
    else style = '"';
    const split = !simpleKey;
    if (inSequence) this.writeIndent();
    if (style === '"') this.doubleQuoted(chars, split);
    else if (style === "'") this.singleQuoted(chars, split);
    else this.plain(chars, split);
    this.indent = saved;
  }

  plain(chars: readonly string[], split: boolean): void {
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (ch === undefined || ch === " ") {
        this.write(chars.slice(start, end).join(""));
        start = end;
      }
      if (ch !== undefined) spaces = ch === " ";
    }
  }

  singleQuoted(chars: readonly string[], split: boolean): void {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== " ") {
          if (start + 1 === end && this.column > WIDTH && split && start !== 0 && end !== chars.length) this.writeIndent();
          else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === "\n") this.lineBreak();
          for (const br of chars.slice(start, end)) {
            this.out += br === "\n" ? "\n" : br;
            this.whitespace = true;
            this.indention = true;
            this.column = 0;
          }
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ch === " " || BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  doubleQuoted(chars: readonly string[], split: boolean): void {
    this.indicator('"', true);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      const code = ch === undefined ? 0 : ch.codePointAt(0)!;
      if (
        ch === undefined ||
        '"\\\x85\u2028\u2029\ufeff'.includes(ch) ||
        !((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd))
      ) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
        if (ch !== undefined) {
          const e = ESCAPES[ch];
          const hex = code.toString(16).toUpperCase();
          this.write(
            e !== undefined
              ? `\\${e}`
              : code <= 0xff
                ? `\\x${hex.padStart(2, "0")}`
                : code <= 0xffff
                  ? `\\u${hex.padStart(4, "0")}`
                  : `\\U${hex.padStart(8, "0")}`,
          );
          start = end + 1;
        }
      }
      if (0 < end && end < chars.length - 1 && (ch === " " || start >= end) && this.column + (end - start) > WIDTH && split) {
        const data = `${chars.slice(start, end).join("")}\\`;
        if (start < end) start = end;
        this.write(data);
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === " ") this.write("\\");
      }
    }
    this.indicator('"', false);
  }

  node(v: JValue, ctx: { mapping?: boolean; sequence?: boolean }): void {
    const seq = ctx.sequence === true;
    if (v === null) return this.scalar("null", false, false, seq);
    if (typeof v === "boolean") return this.scalar(v ? "true" : "false", false, false, seq);
    if (typeof v === "string") return this.scalar(v, true, false, seq);
    if (isNumber(v)) return this.scalar(numberText(v, this.version), false, false, seq);
    if (Array.isArray(v)) {
      if (v.length === 0) return this.indicator("[]", true);
      return this.sequence(v, ctx.mapping === true);
    }
    if (v.entries.length === 0) return this.indicator("{}", true);
    return this.mapping(v.entries);
  }

  sequence(items: readonly JValue[], inMapping: boolean): void {
    const saved = this.indent;
    this.increase(inMapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(item, { sequence: true });
    }
    this.indent = saved;
  }

  mapping(entries: readonly [string, JValue][]): void {
    const saved = this.indent;
    this.increase(false);
    for (const [k, v] of entries) {
      this.writeIndent();
      // A simple key's length counts its `!!str` tag (5 characters) against the limit of 128.
      if ([...k].length + 5 < 128 && !/[\n\x85\u2028\u2029]/.test(k)) {
        this.scalar(k, true, true, false);
        this.indicator(":", false);
      } else {
        this.indicator("?", true, false, true);
        this.node(k, { mapping: true });
        this.writeIndent();
        this.indicator(":", true, false, true);
      }
      this.node(v, { mapping: true });
    }
    this.indent = saved;
  }
}

/** The document for a JSON value, as `json2yaml` writes it for this YAML version. */
export function yamlDocument(v: JValue, version: YamlVersion = "1.1"): string {
  const e = new Emitter(version);
  e.write(`%YAML ${version}`);
  e.lineBreak();
  e.indicator("---", true);
  e.node(v, {});
  const plainRoot = typeof v === "boolean" || v === null || isNumber(v) || (typeof v === "string" && e.out.endsWith(` ${v}`));
  if (e.column > 0) e.lineBreak();
  return plainRoot ? `${e.out}...\n` : e.out;
}

/** `json2yaml` of a JSON text. */
export function jsonToYaml(text: string, version: YamlVersion = "1.1"): string {
  return yamlDocument(parseJsonText(text), version);
}
