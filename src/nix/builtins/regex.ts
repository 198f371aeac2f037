/**
 * POSIX extended regular expressions as Nix runs them (libstdc++'s
 * `std::regex::extended`), translated to JavaScript RegExps.
 *
 * Nix strings are byte strings and libstdc++ matches bytes, so patterns and
 * subjects are handled as "byte strings" (one UTF-16 unit per UTF-8 byte,
 * `latin1`); for ASCII text that is the string itself, so the common case costs
 * nothing. The translator parses the ERE itself, rejecting what libstdc++
 * rejects (unknown escapes such as `\d`, `{` without an atom, `[z-a]`,
 * quantifiers after anchors, unbalanced parentheses…), and emits a JS pattern:
 * `.` matches any byte including newline, backslashes in bracket expressions
 * are literal, `[[:alpha:]]` classes use the C locale, stacked quantifiers
 * (`a**`) are wrapped in groups. Searching is leftmost as in libstdc++; where
 * the pattern has alternatives, the match found is extended to the longest one
 * at that position (POSIX's leftmost-longest): exactly when the pattern's
 * matches have a bounded length, within a window otherwise.
 */

/** A compiled pattern and the JS regexps derived from it. */
export interface CompiledRegex {
  /** Number of capture groups. */
  readonly groups: number;
  /** Anchored at both ends: `builtins.match`. */
  readonly full: RegExp;
  /** Global, for searching: `builtins.split`. */
  readonly search: RegExp;
  /** The pattern has `|`, so a longer match may exist at the same start. */
  readonly hasAlternation: boolean;
  /** The longest match possible, in bytes (Infinity when unbounded). */
  readonly maxLength: number;
}

/** Thrown for a pattern libstdc++ would reject. */
export class RegexSyntaxError extends Error {}

// ------------------------------------------------------------ byte strings

const NON_ASCII = /[^\x00-\x7f]/;

export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** UTF-8 bytes of `s` as a latin1 string (identity for ASCII). */
export function toByteString(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/** Inverse of `toByteString`; invalid UTF-8 becomes U+FFFD. */
export function fromByteString(b: string): string {
  return isAscii(b) ? b : Buffer.from(b, "latin1").toString("utf8");
}

// ------------------------------------------------------------ translation

/** The characters a backslash may escape in an ERE (libstdc++'s extended set). */
const ESCAPABLE = new Set([..."^$\\.[]()*+?{}|"].filter((c) => c !== "]" && c !== "}"));

/** C-locale character classes, as JS class bodies. */
const CLASSES: ReadonlyMap<string, string> = new Map([
  ["alnum", "0-9A-Za-z"],
  ["alpha", "A-Za-z"],
  ["blank", " \\t"],
  ["cntrl", "\\x00-\\x1f\\x7f"],
  ["digit", "0-9"],
  ["d", "0-9"],
  ["graph", "\\x21-\\x7e"],
  ["lower", "a-z"],
  ["print", "\\x20-\\x7e"],
  ["punct", "!-\\/:-@\\[-`{-~"],
  ["space", " \\t\\n\\x0b\\x0c\\r"],
  ["s", " \\t\\n\\x0b\\x0c\\r"],
  ["upper", "A-Z"],
  ["xdigit", "0-9A-Fa-f"],
  ["w", "0-9A-Za-z_"],
]);

/** POSIX collating-element names accepted in `[.name.]` (a useful subset). */
const COLLATING_NAMES: ReadonlyMap<string, string> = new Map([
  ["NUL", "\0"],
  ["tab", "\t"],
  ["newline", "\n"],
  ["vertical-tab", "\v"],
  ["form-feed", "\f"],
  ["carriage-return", "\r"],
  ["space", " "],
  ["exclamation-mark", "!"],
  ["quotation-mark", '"'],
  ["number-sign", "#"],
  ["dollar-sign", "$"],
  ["percent-sign", "%"],
  ["ampersand", "&"],
  ["apostrophe", "'"],
  ["left-parenthesis", "("],
  ["right-parenthesis", ")"],
  ["asterisk", "*"],
  ["plus-sign", "+"],
  ["comma", ","],
  ["hyphen", "-"],
  ["hyphen-minus", "-"],
  ["period", "."],
  ["full-stop", "."],
  ["slash", "/"],
  ["solidus", "/"],
  ["zero", "0"],
  ["colon", ":"],
  ["semicolon", ";"],
  ["less-than-sign", "<"],
  ["equals-sign", "="],
  ["greater-than-sign", ">"],
  ["question-mark", "?"],
  ["commercial-at", "@"],
  ["left-square-bracket", "["],
  ["backslash", "\\"],
  ["reverse-solidus", "\\"],
  ["right-square-bracket", "]"],
  ["circumflex", "^"],
  ["circumflex-accent", "^"],
  ["underscore", "_"],
  ["low-line", "_"],
  ["grave-accent", "`"],
  ["left-brace", "{"],
  ["left-curly-bracket", "{"],
  ["vertical-line", "|"],
  ["right-brace", "}"],
  ["right-curly-bracket", "}"],
  ["tilde", "~"],
  ["DEL", "\x7f"],
]);

/** A byte as a JS pattern atom that means exactly that byte. */
function lit(code: number): string {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
    return String.fromCharCode(code);
  }
  return "\\x" + code.toString(16).padStart(2, "0");
}

/** Translated JS source of a part of the pattern, and the most bytes it can match. */
interface Piece {
  src: string;
  max: number;
}

/** Recursive-descent translator over a byte-string pattern. */
class Translator {
  private i = 0;
  groups = 0;
  hasAlternation = false;
  hasAnchors = false;
  constructor(private readonly p: string) {}

  fail(): never {
    throw new RegexSyntaxError();
  }

  run(): Piece {
    const out = this.disjunction();
    if (this.i < this.p.length) this.fail(); // a stray ')'
    return out;
  }

  private disjunction(): Piece {
    const out = this.alternative();
    while (this.p[this.i] === "|") {
      this.i++;
      this.hasAlternation = true;
      const alt = this.alternative();
      out.src += "|" + alt.src;
      out.max = Math.max(out.max, alt.max);
    }
    return out;
  }

  private alternative(): Piece {
    const out = { src: "", max: 0 };
    for (;;) {
      const c = this.p[this.i];
      if (c === undefined || c === "|" || c === ")") return out;
      const t = this.term();
      out.src += t.src;
      out.max += t.max;
    }
  }

  private term(): Piece {
    const c = this.p[this.i]!;
    if (c === "^" || c === "$") {
      this.i++;
      this.hasAnchors = true;
      if (this.isQuantifierStart()) this.fail();
      return { src: c, max: 0 };
    }
    const atom = this.atom();
    let quantified = false;
    while (this.isQuantifierStart()) {
      const q = this.quantifier();
      atom.src = (quantified ? `(?:${atom.src})` : atom.src) + q.src;
      atom.max = atom.max === 0 ? 0 : atom.max * q.reps;
      quantified = true;
    }
    return atom;
  }

  private isQuantifierStart(): boolean {
    const c = this.p[this.i];
    return c === "*" || c === "+" || c === "?" || c === "{";
  }

  private atom(): Piece {
    const c = this.p[this.i]!;
    this.i++;
    switch (c) {
      case "*":
      case "+":
      case "?":
      case "{":
        return this.fail();
      case ".":
        return { src: "[^]", max: 1 };
      case "(": {
        this.groups++;
        const inner = this.disjunction();
        if (this.p[this.i] !== ")") this.fail();
        this.i++;
        return { src: `(${inner.src})`, max: inner.max };
      }
      case "[":
        return { src: this.bracket(), max: 1 };
      case "\\": {
        const e = this.p[this.i];
        if (e === undefined || !ESCAPABLE.has(e)) this.fail();
        this.i++;
        return { src: lit(e.charCodeAt(0)), max: 1 };
      }
      default:
        return { src: lit(c.charCodeAt(0)), max: 1 };
    }
  }

  /** A quantifier, as JS source and the most repetitions it allows. */
  private quantifier(): { src: string; reps: number } {
    const c = this.p[this.i]!;
    this.i++;
    if (c !== "{") return { src: c, reps: c === "?" ? 1 : Infinity };
    const min = this.number();
    if (min === null) this.fail();
    let max: number | null = min;
    let open = false;
    if (this.p[this.i] === ",") {
      this.i++;
      max = this.number();
      open = max === null;
    }
    if (this.p[this.i] !== "}") this.fail();
    this.i++;
    if (max !== null && max < min) this.fail();
    if (open) return { src: `{${min},}`, reps: Infinity };
    return { src: max === min ? `{${min}}` : `{${min},${max}}`, reps: max! };
  }

  private number(): number | null {
    const start = this.i;
    while (this.i < this.p.length && this.p[this.i]! >= "0" && this.p[this.i]! <= "9") this.i++;
    return this.i === start ? null : Number(this.p.slice(start, this.i));
  }

  /** A bracket expression, after its `[`. */
  private bracket(): string {
    let negate = false;
    if (this.p[this.i] === "^") {
      negate = true;
      this.i++;
    }
    let body = "";
    let first = true;
    // The previous single character, which may start a range.
    let prev: number | null = null;
    for (;;) {
      const c = this.p[this.i];
      if (c === undefined) this.fail();
      if (c === "]" && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === "-" && prev !== null && this.p[this.i + 1] !== "]" && this.p[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.bracketChar();
        if (hi === null || hi < prev) this.fail();
        body = body.slice(0, body.length - lit(prev).length) + lit(prev) + "-" + lit(hi);
        prev = null;
        continue;
      }
      if (c === "-" && prev === null && body !== "" && this.p[this.i + 1] !== "]") this.fail();
      const named = this.bracketClass();
      if (named !== null) {
        body += named;
        prev = null;
        continue;
      }
      const ch = this.bracketChar()!;
      body += lit(ch);
      prev = ch;
    }
    return `[${negate ? "^" : ""}${body}]`;
  }

  /** `[:class:]` inside brackets, or null if not at one. */
  private bracketClass(): string | null {
    if (this.p[this.i] !== "[" || this.p[this.i + 1] !== ":") return null;
    const end = this.p.indexOf(":]", this.i + 2);
    if (end < 0) this.fail();
    const name = this.p.slice(this.i + 2, end);
    const cls = CLASSES.get(name);
    if (cls === undefined) this.fail();
    this.i = end + 2;
    return cls;
  }

  /** One character inside brackets (plain, `[.x.]` or `[=x=]`), or null at `[:`. */
  private bracketChar(): number | null {
    const c = this.p[this.i];
    if (c === undefined) this.fail();
    if (c === "[" && (this.p[this.i + 1] === "." || this.p[this.i + 1] === "=")) {
      const kind = this.p[this.i + 1]!;
      const end = this.p.indexOf(kind + "]", this.i + 2);
      if (end < 0) this.fail();
      const name = this.p.slice(this.i + 2, end);
      const ch = name.length === 1 ? name : kind === "." ? COLLATING_NAMES.get(name) : undefined;
      if (ch === undefined) this.fail();
      this.i = end + 2;
      return ch.charCodeAt(0);
    }
    if (c === "[" && this.p[this.i + 1] === ":") return null;
    this.i++;
    return c.charCodeAt(0);
  }
}

// ------------------------------------------------------------ cache

const cache = new Map<string, CompiledRegex | RegexSyntaxError>();
const CACHE_LIMIT = 4096;

/** Compile (or fetch from the cache) a Nix regex. Throws RegexSyntaxError. */
export function compileRegex(pattern: string): CompiledRegex {
  const hit = cache.get(pattern);
  if (hit instanceof RegexSyntaxError) throw hit;
  if (hit) return hit;
  let result: CompiledRegex | RegexSyntaxError;
  try {
    const t = new Translator(toByteString(pattern));
    const { src, max } = t.run();
    result = {
      groups: t.groups,
      full: new RegExp(`^(?:${src})$`),
      search: new RegExp(src, "g"),
      // Extending a match re-runs the pattern on a slice, where anchors would lie.
      hasAlternation: t.hasAlternation && !t.hasAnchors,
      maxLength: max,
    };
    // V8 compiles a pattern on its first use and may only then find it too
    // large ("Regular expression too large"); use both once here, so that such
    // a pattern is an invalid regular expression rather than a JS exception.
    result.full.exec("");
    result.search.exec("");
  } catch (e) {
    if (!(e instanceof RegexSyntaxError) && !(e instanceof SyntaxError)) throw e;
    result = new RegexSyntaxError();
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, result);
  if (result instanceof RegexSyntaxError) throw result;
  return result;
}

// ------------------------------------------------------------ matching

/** Capture groups of a match, `null` for groups that did not participate. */
export type Captures = (string | null)[];

function captures(m: RegExpExecArray, groups: number, decode: boolean): Captures {
  const out: Captures = [];
  for (let g = 1; g <= groups; g++) {
    const x = m[g];
    out.push(x === undefined ? null : decode ? fromByteString(x) : x);
  }
  return out;
}

/** `builtins.match`: captures if the whole string matches, else null. */
export function regexMatch(re: CompiledRegex, s: string): Captures | null {
  const ascii = isAscii(s);
  const m = re.full.exec(ascii ? s : toByteString(s));
  return m ? captures(m, re.groups, !ascii) : null;
}

/** One match found by `regexSplit`: its span in the byte string and its captures. */
interface Found {
  start: number;
  end: number;
  caps: Captures;
}

/** How far past the first match a longer alternative is looked for, for unbounded patterns. */
const LONGEST_WINDOW = 256;
/** Anchored attempts one `split` may spend on extending matches. */
const LONGEST_BUDGET = 200_000;

/**
 * Extend a match at `start` to the longest one (POSIX), when alternatives make
 * that possible: try the anchored pattern on longer slices, longest first,
 * up to the pattern's maximum length (or a window when unbounded).
 */
function longest(re: CompiledRegex, b: string, start: number, m: RegExpExecArray, decode: boolean, budget: { left: number }): Found {
  const end0 = start + m[0].length;
  const limit = Math.min(b.length, start + re.maxLength, end0 + LONGEST_WINDOW);
  for (let e = limit; e > end0 && budget.left > 0; e--, budget.left--) {
    const m2 = re.full.exec(b.slice(start, e));
    if (m2) return { start, end: e, caps: captures(m2, re.groups, decode) };
  }
  return { start, end: end0, caps: captures(m, re.groups, decode) };
}

/**
 * `builtins.split`: the matches of `re` in `s`, left to right, as libstdc++'s
 * regex iterator finds them (after an empty match the search resumes one
 * byte further). Returns the pieces between matches and the captures.
 */
export function regexSplit(re: CompiledRegex, s: string): { pieces: string[]; caps: Captures[] } {
  const ascii = isAscii(s);
  const b = ascii ? s : toByteString(s);
  const search = re.search;
  const pieces: string[] = [];
  const caps: Captures[] = [];
  let pos = 0;
  let prevEnd = 0;
  const budget = { left: LONGEST_BUDGET };
  while (pos <= b.length) {
    search.lastIndex = pos;
    const m = search.exec(b);
    if (!m) break;
    const f = re.hasAlternation
      ? longest(re, b, m.index, m, !ascii, budget)
      : { start: m.index, end: m.index + m[0].length, caps: captures(m, re.groups, !ascii) };
    const piece = b.slice(prevEnd, f.start);
    pieces.push(ascii ? piece : fromByteString(piece));
    caps.push(f.caps);
    prevEnd = f.end;
    pos = f.end === f.start ? f.end + 1 : f.end;
  }
  const rest = b.slice(prevEnd);
  pieces.push(ascii ? rest : fromByteString(rest));
  return { pieces, caps };
}
