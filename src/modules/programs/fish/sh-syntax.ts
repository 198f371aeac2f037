/**
 * A parser for the part of bash that session-variable scripts use
 * (`hm-session-vars.sh` and what modules add to it): comments, simple
 * commands with assignments and redirections, `export`/`local`, `&&`, `||`,
 * pipes, `!`, `if`/`elif`/`else`, `for`, `while`/`until`, `case`, functions,
 * `{ }` groups, `( )` subshells and `[[ ]]` tests; words made of literals,
 * single and double quotes, `$name`, `${…}` expansions (defaults,
 * alternatives, pattern removal, replacement, length) and `$( )` or
 * backtick substitutions. The tree has the shape `babelfish.ts` translates.
 * Anything else is a `ShSyntaxError`.
 */

export class ShSyntaxError extends Error {}

export type WordPart =
  | { readonly t: "lit"; readonly v: string }
  | { readonly t: "sgl"; readonly v: string }
  | { readonly t: "dbl"; readonly parts: readonly WordPart[] }
  | { readonly t: "param"; readonly p: ParamExp }
  | { readonly t: "cmdsubst"; readonly stmts: readonly Stmt[] }
  | { readonly t: "procsubst"; readonly stmts: readonly Stmt[] };

export interface Word {
  readonly parts: readonly WordPart[];
}

export interface ParamExp {
  readonly name: string;
  readonly length?: boolean;
  readonly excl?: boolean;
  readonly index?: string;
  readonly op?: string;
  readonly word?: Word;
  /** `${a/x/y}`: the pattern and replacement (`all` for `//`). */
  readonly repl?: { readonly all: boolean; readonly orig: Word | undefined; readonly with: Word | undefined };
}

export interface Assign {
  readonly name: string;
  readonly append: boolean;
  readonly naked: boolean;
  readonly value?: Word;
  readonly array?: readonly Word[];
}

export interface Redir {
  readonly n?: string;
  readonly op: string;
  readonly word: Word;
}

export type Command =
  | { readonly t: "call"; readonly assigns: readonly Assign[]; readonly args: readonly Word[] }
  | { readonly t: "decl"; readonly variant: string; readonly args: readonly Assign[] }
  | { readonly t: "binary"; readonly op: string; readonly x: Stmt; readonly y: Stmt }
  | { readonly t: "if"; readonly cond: readonly Stmt[]; readonly then: readonly Stmt[]; readonly else?: ElseBranch }
  | { readonly t: "for"; readonly name: string; readonly items?: readonly Word[]; readonly body: readonly Stmt[] }
  | { readonly t: "while"; readonly until: boolean; readonly cond: readonly Stmt[]; readonly body: readonly Stmt[] }
  | { readonly t: "case"; readonly word: Word; readonly items: readonly { patterns: readonly Word[]; stmts: readonly Stmt[] }[] }
  | { readonly t: "func"; readonly name: string; readonly body: Stmt }
  | { readonly t: "block"; readonly stmts: readonly Stmt[] }
  | { readonly t: "subshell"; readonly stmts: readonly Stmt[] }
  | { readonly t: "test"; readonly x: TestExpr }
  | { readonly t: "time"; readonly stmt: Stmt };

export type ElseBranch =
  { readonly t: "elif"; readonly clause: Command & { t: "if" } } | { readonly t: "else"; readonly stmts: readonly Stmt[] };

export type TestExpr =
  | { readonly t: "word"; readonly w: Word }
  | { readonly t: "unary"; readonly op: string; readonly x: TestExpr }
  | { readonly t: "binary"; readonly op: string; readonly x: TestExpr; readonly y: TestExpr }
  | { readonly t: "paren"; readonly x: TestExpr };

export interface Stmt {
  readonly comments: readonly string[];
  readonly negated: boolean;
  readonly cmd: Command;
  readonly redirs: readonly Redir[];
  /** Source lines the statement starts and ends on (for blank lines after functions). */
  readonly line: number;
  readonly endLine: number;
}

export interface ShFile {
  readonly stmts: readonly Stmt[];
  readonly last: readonly string[];
}

const DECL_WORDS = new Set(["export", "local", "declare", "typeset", "readonly", "nameref"]);
const STOP_WORDS = new Set(["then", "else", "elif", "fi", "do", "done", "esac", "}"]);
const META = new Set([" ", "\t", "\n", ";", "&", "|", "<", ">", "(", ")"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class Parser {
  private i = 0;
  private comments: string[] = [];

  constructor(private readonly src: string) {}

  private get c(): string | undefined {
    return this.src[this.i];
  }

  /** The character at the cursor (a method, so that checks before a move do not narrow it). */
  private at(): string | undefined {
    return this.src[this.i];
  }

  private fail(what: string): never {
    const line = this.lineAt(this.i);
    throw new ShSyntaxError(`line ${line}: ${what}`);
  }

  private lineAt(pos: number): number {
    let n = 1;
    for (let k = 0; k < pos && k < this.src.length; k++) if (this.src[k] === "\n") n++;
    return n;
  }

  /** Skip blanks (and escaped newlines) on the line. */
  private blanks(): void {
    for (;;) {
      if (this.c === " " || this.c === "\t" || this.c === "\r") this.i++;
      else if (this.c === "\\" && this.src[this.i + 1] === "\n") this.i += 2;
      else return;
    }
  }

  /** Skip blanks, newlines, `;` separators and comments (collected for the next statement). */
  private separators(semis = true): void {
    for (;;) {
      this.blanks();
      if (this.c === "\n" || (semis && this.c === ";" && this.src[this.i + 1] !== ";")) this.i++;
      else if (this.c === "#") {
        const end = this.src.indexOf("\n", this.i);
        const stop = end < 0 ? this.src.length : end;
        this.comments.push(this.src.slice(this.i + 1, stop));
        this.i = stop;
      } else return;
    }
  }

  private peekWord(): string {
    const m = /^[^\s;&|<>()]+/.exec(this.src.slice(this.i));
    return m ? m[0] : "";
  }

  private atStop(extra: readonly string[]): boolean {
    const w = this.peekWord();
    return (
      this.i >= this.src.length ||
      STOP_WORDS.has(w) ||
      extra.includes(w) ||
      this.c === ")" ||
      (this.c === ";" && this.src[this.i + 1] === ";")
    );
  }

  file(): ShFile {
    const stmts = this.stmtList([]);
    if (this.i < this.src.length) this.fail(`unexpected ${JSON.stringify(this.src.slice(this.i, this.i + 10))}`);
    const last = this.comments;
    this.comments = [];
    return { stmts, last };
  }

  /** Statements until a reserved word that closes the enclosing construct. */
  private stmtList(stops: readonly string[]): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      this.separators();
      if (this.atStop(stops)) return out;
      out.push(this.andOr());
      this.blanks();
      if (this.c === "&" && this.src[this.i + 1] !== "&") this.fail("background jobs are not supported");
    }
  }

  private keyword(w: string): void {
    this.separators();
    if (this.peekWord() !== w) this.fail(`expected '${w}'`);
    this.i += w.length;
  }

  private andOr(): Stmt {
    let x = this.pipeline();
    for (;;) {
      this.blanks();
      const op = this.src.startsWith("&&", this.i) ? "&&" : this.src.startsWith("||", this.i) ? "||" : undefined;
      if (op === undefined) return x;
      this.i += 2;
      this.separators(false);
      const y = this.andOr();
      x = { comments: [], negated: false, cmd: { t: "binary", op, x, y }, redirs: [], line: x.line, endLine: y.endLine };
    }
  }

  private pipeline(): Stmt {
    let x = this.statement();
    for (;;) {
      this.blanks();
      if (this.c !== "|" || this.src[this.i + 1] === "|") return x;
      if (this.src[this.i + 1] === "&") this.fail("'|&' is not supported");
      this.i++;
      this.separators(false);
      const y = this.statement();
      x = { comments: [], negated: false, cmd: { t: "binary", op: "|", x, y }, redirs: [], line: x.line, endLine: y.endLine };
    }
  }

  private statement(): Stmt {
    const comments = this.comments;
    this.comments = [];
    this.blanks();
    const line = this.lineAt(this.i);
    let negated = false;
    if (this.c === "!" && /[\s]/.test(this.src[this.i + 1] ?? "")) {
      negated = true;
      this.i++;
      this.blanks();
    }
    const redirs: Redir[] = [];
    const cmd = this.command(redirs);
    for (;;) {
      this.blanks();
      const r = this.redirection();
      if (r === undefined) break;
      redirs.push(r);
    }
    return { comments, negated, cmd, redirs, line, endLine: this.lineAt(this.i) };
  }

  private command(redirs: Redir[]): Command {
    const w = this.peekWord();
    switch (w) {
      case "if":
        this.i += 2;
        return this.ifClause();
      case "for":
        return this.forClause();
      case "while":
      case "until": {
        this.i += w.length;
        const cond = this.stmtList(["do"]);
        this.keyword("do");
        const body = this.stmtList([]);
        this.keyword("done");
        return { t: "while", until: w === "until", cond, body };
      }
      case "case":
        return this.caseClause();
      case "function": {
        this.i += w.length;
        this.blanks();
        const name = this.peekWord().replace(/\(\)$/, "");
        this.i += this.peekWord().length;
        this.blanks();
        if (this.src.startsWith("()", this.i)) this.i += 2;
        this.separators(false);
        return { t: "func", name, body: this.statement() };
      }
      case "{": {
        this.i++;
        const stmts = this.stmtList([]);
        this.keyword("}");
        return { t: "block", stmts };
      }
      case "[[":
        this.i += 2;
        return this.testClause();
      case "time":
        this.i += 4;
        this.blanks();
        return { t: "time", stmt: this.statement() };
    }
    if (this.src.startsWith("((", this.i)) this.fail("arithmetic commands are not supported");
    if (this.c === "(") {
      this.i++;
      const stmts = this.stmtList([]);
      this.blanks();
      if (this.at() !== ")") this.fail("expected ')'");
      this.i++;
      return { t: "subshell", stmts };
    }
    const fn = /^([A-Za-z_][A-Za-z0-9_:.-]*)\s*\(\s*\)/.exec(this.src.slice(this.i));
    if (fn) {
      this.i += fn[0].length;
      this.separators(false);
      return { t: "func", name: fn[1]!, body: this.statement() };
    }
    if (DECL_WORDS.has(w)) return this.declClause(w);
    return this.callExpr(redirs);
  }

  private ifClause(): Command & { t: "if" } {
    const cond = this.stmtList(["then"]);
    this.keyword("then");
    const then = this.stmtList([]);
    this.separators();
    const w = this.peekWord();
    let branch: ElseBranch | undefined;
    if (w === "elif") {
      this.i += 4;
      branch = { t: "elif", clause: this.ifClause() };
      return { t: "if", cond, then, else: branch };
    }
    if (w === "else") {
      this.i += 4;
      branch = { t: "else", stmts: this.stmtList([]) };
    }
    this.keyword("fi");
    return branch === undefined ? { t: "if", cond, then } : { t: "if", cond, then, else: branch };
  }

  private forClause(): Command {
    this.i += 3;
    this.blanks();
    if (this.src.startsWith("((", this.i)) this.fail("C-style for loops are not supported");
    const name = this.peekWord();
    this.i += name.length;
    this.separators(false);
    let items: Word[] | undefined;
    if (this.peekWord() === "in") {
      this.i += 2;
      items = [];
      for (;;) {
        this.blanks();
        if (this.c === ";" || this.c === "\n" || this.i >= this.src.length) break;
        items.push(this.word());
      }
    }
    this.separators();
    this.keyword("do");
    const body = this.stmtList([]);
    this.keyword("done");
    return items === undefined ? { t: "for", name, body } : { t: "for", name, items, body };
  }

  private caseClause(): Command {
    this.i += 4;
    this.blanks();
    const word = this.word();
    this.separators(false);
    this.keyword("in");
    const items: { patterns: Word[]; stmts: Stmt[] }[] = [];
    for (;;) {
      this.separators(false);
      if (this.peekWord() === "esac") break;
      if (this.c === "(") this.i++;
      const patterns: Word[] = [];
      for (;;) {
        this.blanks();
        patterns.push(this.word());
        this.blanks();
        if (this.c === "|") this.i++;
        else break;
      }
      if (this.c !== ")") this.fail("expected ')' in a case pattern");
      this.i++;
      const stmts = this.stmtList(["esac"]);
      this.blanks();
      if (this.src.startsWith(";;", this.i)) this.i += 2;
      else if (this.src.startsWith(";&", this.i) || this.src.startsWith(";;&", this.i)) this.fail("case fall-through is not supported");
      items.push({ patterns, stmts });
    }
    this.keyword("esac");
    return { t: "case", word, items };
  }

  private testClause(): Command {
    const x = this.testOr();
    this.blanks();
    if (!this.src.startsWith("]]", this.i)) this.fail("expected ']]'");
    this.i += 2;
    return { t: "test", x };
  }

  private testOr(): TestExpr {
    let x = this.testAnd();
    for (;;) {
      this.blanks();
      if (!this.src.startsWith("||", this.i)) return x;
      this.i += 2;
      x = { t: "binary", op: "||", x, y: this.testAnd() };
    }
  }

  private testAnd(): TestExpr {
    let x = this.testPrimary();
    for (;;) {
      this.blanks();
      if (!this.src.startsWith("&&", this.i)) return x;
      this.i += 2;
      x = { t: "binary", op: "&&", x, y: this.testPrimary() };
    }
  }

  private testPrimary(): TestExpr {
    this.blanks();
    if (this.c === "(") {
      this.i++;
      const x = this.testOr();
      this.blanks();
      if (this.at() !== ")") this.fail("expected ')'");
      this.i++;
      return { t: "paren", x };
    }
    const w = this.peekWord();
    if (w === "!") {
      this.i++;
      return { t: "unary", op: "!", x: this.testPrimary() };
    }
    if (/^-[a-zA-Z]$/.test(w)) {
      this.i += 2;
      this.blanks();
      return { t: "unary", op: w, x: { t: "word", w: this.word() } };
    }
    const x: TestExpr = { t: "word", w: this.word() };
    this.blanks();
    const op = /^(==|=~|!=|=|<|>|-eq|-ne|-lt|-le|-gt|-ge|-nt|-ot|-ef)(?=\s)/.exec(this.src.slice(this.i));
    if (!op) return x;
    this.i += op[0].length;
    this.blanks();
    return { t: "binary", op: op[0], x, y: { t: "word", w: this.word() } };
  }

  private declClause(variant: string): Command {
    this.i += variant.length;
    const args: Assign[] = [];
    for (;;) {
      this.blanks();
      if (this.c === undefined || META.has(this.c) || this.c === "#") break;
      args.push(this.assignOrNaked());
    }
    return { t: "decl", variant, args };
  }

  private assignOrNaked(): Assign {
    const a = this.assignment();
    if (a !== undefined) return a;
    const m = NAME.exec(this.src.slice(this.i));
    const word = this.word();
    if (m && word.parts.length === 1 && word.parts[0]!.t === "lit" && word.parts[0]!.v === m[0])
      return { name: m[0], append: false, naked: true };
    this.fail("unsupported declaration argument");
  }

  /** `NAME=value`, `NAME+=value` or `NAME=(a b)` at the cursor, if there is one. */
  private assignment(): Assign | undefined {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    const name = m[1]!;
    const append = m[2] === "+";
    if (this.c === "(") {
      this.i++;
      const array: Word[] = [];
      for (;;) {
        this.separators(false);
        if (this.at() === ")") break;
        if (this.c === undefined) this.fail("unterminated array");
        array.push(this.word());
      }
      this.i++;
      return { name, append, naked: false, array };
    }
    const value = this.word();
    return value.parts.length === 0 ? { name, append, naked: false } : { name, append, naked: false, value };
  }

  private callExpr(redirs: Redir[]): Command {
    const assigns: Assign[] = [];
    const args: Word[] = [];
    for (;;) {
      this.blanks();
      const r = this.redirection();
      if (r !== undefined) {
        redirs.push(r);
        continue;
      }
      if (this.c === undefined || META.has(this.c) || (this.c === "#" && args.length + assigns.length > 0) || this.c === "#") break;
      if (args.length === 0) {
        const a = this.assignment();
        if (a !== undefined) {
          assigns.push(a);
          continue;
        }
      }
      if (args.length === 0 && assigns.length === 0 && (STOP_WORDS.has(this.peekWord()) || this.peekWord() === "")) break;
      args.push(this.word());
    }
    if (args.length === 0 && assigns.length === 0) this.fail(`unexpected ${JSON.stringify(this.src.slice(this.i, this.i + 10))}`);
    return { t: "call", assigns, args };
  }

  private redirection(): Redir | undefined {
    const m = /^([0-9]*)(<<<|<<-?|&>>?|>>|>&|<&|<>|>\||>|<)/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    if (m[2]!.startsWith("<<") && m[2] !== "<<<") this.fail("here-documents are not supported");
    this.i += m[0].length;
    this.blanks();
    const word = this.word();
    return m[1] ? { n: m[1], op: m[2]!, word } : { op: m[2]!, word };
  }

  /** A word: literal runs, quotes and expansions up to an unquoted metacharacter. */
  word(stop: (c: string) => boolean = (c) => META.has(c)): Word {
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit !== "") parts.push({ t: "lit", v: lit });
      lit = "";
    };
    while (this.c !== undefined && !stop(this.c)) {
      const c = this.c;
      if (c === "\\") {
        if (this.src[this.i + 1] === "\n") this.i += 2;
        else {
          lit += this.src.slice(this.i, this.i + 2);
          this.i += 2;
        }
      } else if (c === "'") {
        flush();
        parts.push({ t: "sgl", v: this.singleQuoted() });
      } else if (c === "$" && this.src[this.i + 1] === "'") {
        flush();
        this.i++;
        parts.push({ t: "sgl", v: this.singleQuoted() });
      } else if (c === '"') {
        flush();
        parts.push({ t: "dbl", parts: this.doubleQuoted() });
      } else if (c === "$" || c === "`") {
        const p = this.dollar();
        if (p === undefined) {
          lit += c;
          this.i++;
        } else {
          flush();
          parts.push(p);
        }
      } else if ((c === "<" || c === ">") && this.src[this.i + 1] === "(") {
        flush();
        if (c === ">") this.fail("output process substitution is not supported");
        this.i += 2;
        const stmts = this.stmtList([]);
        this.blanks();
        if (this.c !== ")") this.fail("expected ')'");
        this.i++;
        parts.push({ t: "procsubst", stmts });
      } else {
        lit += c;
        this.i++;
      }
    }
    flush();
    return { parts };
  }

  private singleQuoted(): string {
    const end = this.src.indexOf("'", this.i + 1);
    if (end < 0) this.fail("unterminated single quote");
    const v = this.src.slice(this.i + 1, end);
    this.i = end + 1;
    return v;
  }

  private doubleQuoted(): WordPart[] {
    this.i++;
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit !== "") parts.push({ t: "lit", v: lit });
      lit = "";
    };
    for (;;) {
      const c = this.c;
      if (c === undefined) this.fail("unterminated double quote");
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === "\\") {
        lit += this.src.slice(this.i, this.i + 2);
        this.i += 2;
      } else if (c === "$" || c === "`") {
        const p = this.dollar();
        if (p === undefined) {
          lit += c;
          this.i++;
        } else {
          flush();
          parts.push(p);
        }
      } else {
        lit += c;
        this.i++;
      }
    }
    flush();
    return parts;
  }

  /** `$name`, `${…}`, `$(…)` or a backtick substitution at the cursor; undefined for a lone `$`. */
  private dollar(): WordPart | undefined {
    if (this.c === "`") {
      const end = this.src.indexOf("`", this.i + 1);
      if (end < 0) this.fail("unterminated backquote");
      const inner = new Parser(this.src.slice(this.i + 1, end)).file();
      this.i = end + 1;
      return { t: "cmdsubst", stmts: inner.stmts };
    }
    const next = this.src[this.i + 1];
    if (next === "(") {
      if (this.src[this.i + 2] === "(") this.fail("arithmetic expansion is not supported");
      this.i += 2;
      const stmts = this.stmtList([]);
      this.separators();
      if (this.c !== ")") this.fail("expected ')'");
      this.i++;
      return { t: "cmdsubst", stmts };
    }
    if (next === "{") {
      this.i += 2;
      return { t: "param", p: this.braced() };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?$@*#!-])/.exec(this.src.slice(this.i + 1));
    if (!m) return undefined;
    this.i += 1 + m[0].length;
    return { t: "param", p: { name: m[0] } };
  }

  /** The inside of `${…}` (after the brace). */
  private braced(): ParamExp {
    let length = false;
    let excl = false;
    if (this.c === "#" && this.src[this.i + 1] !== "}") {
      length = true;
      this.i++;
    } else if (this.c === "!") {
      excl = true;
      this.i++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$@*#!-])/.exec(this.src.slice(this.i));
    if (!m) this.fail("bad substitution");
    const name = m[0];
    this.i += name.length;
    let index: string | undefined;
    if (this.c === "[") {
      const end = this.src.indexOf("]", this.i);
      if (end < 0) this.fail("bad substitution");
      index = this.src.slice(this.i + 1, end);
      this.i = end + 1;
    }
    const base: ParamExp = { name, ...(length ? { length } : {}), ...(excl ? { excl } : {}), ...(index !== undefined ? { index } : {}) };
    if (this.c === "}") {
      this.i++;
      return base;
    }
    const op = /^(:-|:\+|:=|:\?|##|%%|\/\/|\/|-|\+|=|\?|#|%|:|\^\^|\^|,,|,)/.exec(this.src.slice(this.i));
    if (!op) this.fail("bad substitution");
    this.i += op[0].length;
    if (op[0] === "/" || op[0] === "//") {
      const orig = this.word((c) => c === "/" || c === "}");
      let withWord: Word | undefined;
      if (this.c === "/") {
        this.i++;
        withWord = this.word((c) => c === "}");
      }
      this.closeBrace();
      const opt = (w: Word | undefined) => (w === undefined || w.parts.length === 0 ? undefined : w);
      return { ...base, repl: { all: op[0] === "//", orig: opt(orig), with: opt(withWord) } };
    }
    const word = this.word((c) => c === "}");
    this.closeBrace();
    return word.parts.length === 0 ? { ...base, op: op[0] } : { ...base, op: op[0], word };
  }

  private closeBrace(): void {
    if (this.c !== "}") this.fail("bad substitution");
    this.i++;
  }
}

/** Parse a bash script (the subset described above). */
export function parseSh(src: string): ShFile {
  return new Parser(src).file();
}
