/**
 * `babelfish`: translates a bash script into fish the way the `babelfish`
 * tool does, which Home Manager runs over `hm-session-vars.sh` to make
 * `hm-session-vars.fish`. `export A="x"` becomes `set -gx A 'x'`,
 * `${A:+:}` becomes `(test -n "$A" && echo ':' || echo)`, `if … then … fi`
 * becomes `if … end` (two-space indents), `source f` becomes
 * `<babelfish> < f | source`, and so on; quoted text is written in single
 * quotes with `\` and `'` escaped. Constructs babelfish cannot translate
 * are errors here too (`ShSyntaxError`).
 */
import {
  parseSh,
  ShSyntaxError,
  type Assign,
  type Command,
  type ParamExp,
  type Stmt,
  type TestExpr,
  type Word,
  type WordPart,
} from "./sh-syntax.js";

const SPECIAL_VARIABLES: Readonly<Record<string, string>> = {
  "?": "status",
  $: "fish_pid",
  BASH_PID: "fish_pid",
  "*": "argv",
  "@": "argv",
  HOSTNAME: "hostname",
};

const LITERAL_VARIABLES: Readonly<Record<string, string>> = {
  UID: "(id -ru)",
  EUID: "(id -u)",
  GROUPS: "(id -G | string split ' ')",
};

const UNARY_TESTS = new Set([
  "-e",
  "-f",
  "-d",
  "-c",
  "-b",
  "-p",
  "-S",
  "-L",
  "-h",
  "-k",
  "-g",
  "-u",
  "-G",
  "-O",
  "-r",
  "-w",
  "-x",
  "-s",
  "-t",
  "-z",
  "-n",
  "!",
]);
const COMPARISONS = new Set(["-eq", "-ne", "-le", "-ge", "-lt", "-gt"]);

function unsupported(what: string): never {
  throw new ShSyntaxError(`babelfish cannot translate ${what}`);
}

/** `'…'` with `\` and `'` escaped. */
function escaped(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Drop the backslash of `\/`, `\"`, `\\`, `\$` and `` \` `` (as babelfish does for quoted literals). */
function unescape(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length && '/"\\$`'.includes(s[i + 1]!)) continue;
    out += s[i];
  }
  return out;
}

/** A shell glob (`*`, `?`, `[…]`) as a regular expression; `shortest` makes `*` lazy. */
function globRegexp(pat: string, shortest: boolean): string {
  let out = "";
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === "*") out += shortest ? ".*?" : ".*";
    else if (c === "?") out += ".";
    else if (c === "\\" && i + 1 < pat.length) out += pat[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "[") {
      const end = pat.indexOf("]", i + 2);
      if (end < 0) out += "\\[";
      else {
        let cls = pat.slice(i + 1, end);
        if (cls.startsWith("!")) cls = `^${cls.slice(1)}`;
        out += `[${cls}]`;
        i = end;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}

class Translator {
  private buf = "";
  private level = 0;

  constructor(private readonly location: () => string) {}

  file(stmts: readonly Stmt[], last: readonly string[]): string {
    stmts.forEach((s, i) => {
      this.stmt(s);
      this.nl();
      const next = stmts[i + 1];
      if (s.cmd.t === "func" && next !== undefined && s.endLine < next.line - 1) this.nl();
    });
    for (const c of last) this.comment(c);
    return this.buf;
  }

  private str(s: string): void {
    this.buf += s;
  }

  private nl(): void {
    this.buf += `\n${"  ".repeat(this.level)}`;
  }

  private indent(): void {
    this.level++;
    this.nl();
  }

  private outdent(): void {
    this.level--;
    this.nl();
  }

  private comment(c: string): void {
    this.str(`#${c}`);
    this.nl();
  }

  stmt(s: Stmt): void {
    for (const c of s.comments) this.comment(c);
    if (s.negated) this.str("! ");
    this.command(s.cmd);
    for (const r of s.redirs) {
      this.str(" ");
      if (r.n !== undefined) this.str(r.n);
      if (r.op === "<<<") {
        this.str("<(echo ");
        this.word(r.word, true);
        this.str("| psub)");
      } else if (["<>", "<", ">", ">>", "<&", ">&"].includes(r.op)) {
        this.str(r.op);
        this.word(r.word, false);
      } else unsupported(`the redirection ${r.op}`);
    }
  }

  private stmts(list: readonly Stmt[]): void {
    list.forEach((s, i) => {
      if (i > 0) this.str("; ");
      this.stmt(s);
    });
  }

  private body(list: readonly Stmt[]): void {
    list.forEach((s, i) => {
      if (i > 0) this.nl();
      this.stmt(s);
    });
  }

  private command(c: Command): void {
    switch (c.t) {
      case "binary":
        this.stmt(c.x);
        this.str(` ${c.op} `);
        this.stmt(c.y);
        return;
      case "block":
        this.body(c.stmts);
        return;
      case "call":
        return this.call(c.assigns, c.args);
      case "case":
        this.str("switch ");
        this.word(c.word, true);
        this.nl();
        for (const item of c.items) {
          this.str("case");
          for (const p of item.patterns) {
            this.str(" ");
            this.word(p, true);
          }
          this.indent();
          this.body(item.stmts);
          this.outdent();
        }
        this.str("end");
        return;
      case "decl":
        return this.decl(c.variant, c.args);
      case "for":
        this.str(`for ${c.name}`);
        if (c.items === undefined) this.str(" in $argv");
        else {
          this.str(" in");
          for (const w of c.items) {
            this.str(" ");
            this.word(w, false);
          }
        }
        this.indent();
        this.body(c.body);
        this.outdent();
        this.str("end");
        return;
      case "func":
        this.str(`function ${c.name}`);
        this.indent();
        this.stmt(c.body);
        this.outdent();
        this.str("end");
        return;
      case "if":
        return this.ifClause(c, false);
      case "subshell": {
        this.str("fish -c ");
        const saved = this.buf;
        this.buf = "";
        this.stmts(c.stmts);
        const inner = this.buf;
        this.buf = saved + escaped(inner);
        return;
      }
      case "test":
        this.str("test ");
        return this.testExpr(c.x);
      case "time":
        this.str("time ");
        return this.stmt(c.stmt);
      case "while":
        this.str("while ");
        if (c.until) this.str("not ");
        this.stmts(c.cond);
        this.indent();
        this.body(c.body);
        this.outdent();
        this.str("end");
        return;
    }
  }

  private ifClause(c: Command & { t: "if" }, elif: boolean): void {
    this.str(elif ? "else if " : "if ");
    this.stmts(c.cond);
    this.indent();
    this.body(c.then);
    this.outdent();
    const e = c.else;
    if (e?.t === "elif") return this.ifClause(e.clause, true);
    if (e?.t === "else") {
      this.str("else");
      this.indent();
      this.body(e.stmts);
      this.outdent();
    }
    this.str("end");
  }

  private testExpr(e: TestExpr): void {
    switch (e.t) {
      case "binary":
        this.testExpr(e.x);
        if (e.op === "&&") this.str(" && test ");
        else if (e.op === "||") this.str(" || test ");
        else if (e.op === "==" || e.op === "=") this.str(" = ");
        else if (e.op === "!=") this.str(" != ");
        else if (COMPARISONS.has(e.op)) this.str(` ${e.op} `);
        else unsupported(`the test ${e.op}`);
        return this.testExpr(e.y);
      case "paren":
        this.str("\\( ");
        this.testExpr(e.x);
        this.str(" \\)");
        return;
      case "unary":
        if (!UNARY_TESTS.has(e.op)) unsupported(`the test ${e.op}`);
        this.str(`${e.op} `);
        return this.testExpr(e.x);
      case "word":
        return this.word(e.w, true);
    }
  }

  private assign(prefix: string, a: Assign): void {
    const p = a.append ? `${prefix} -a` : prefix;
    if (a.naked) this.str(`set${p} ${a.name} $${a.name}`);
    else if (a.array !== undefined) {
      this.str(`set${p} ${a.name}`);
      for (const w of a.array) {
        this.str(" ");
        this.word(w, false);
      }
    } else if (a.value !== undefined) {
      this.str(`set${p} ${a.name} `);
      this.word(a.value, true);
    }
  }

  private call(assigns: readonly Assign[], args: readonly Word[]): void {
    if (args.length === 0) {
      assigns.forEach((a, n) => {
        if (n > 0) this.str("; ");
        this.assign("", a);
      });
      return;
    }
    for (const a of assigns) {
      this.str(`${a.name}=`);
      if (a.value !== undefined) this.word(a.value, true);
      this.str(" ");
    }
    const first = args[0]!;
    switch (literal(first)) {
      case "shift":
        this.str("set -e argv[1]");
        break;
      case "unset": {
        let isFirst = true;
        let func = false;
        for (const a of args.slice(1)) {
          const l = literal(a);
          if (l === "-f" || l === "-v") {
            func = l === "-f";
            continue;
          }
          if (!isFirst) this.str("; ");
          isFirst = false;
          this.str(func ? "functions -e " : "set -e ");
          this.word(a, false);
        }
        return;
      }
      case "hash":
        this.str("true");
        return;
      case "source":
      case ".":
        if (args.length === 2) {
          this.str(`${this.location()} < `);
          this.word(args[1]!, false);
          this.str(" | source");
          return;
        }
        this.word(first, false);
        break;
      default:
        this.word(first, false);
    }
    for (const a of args.slice(1)) {
      this.str(" ");
      this.word(a, false);
    }
  }

  private decl(variant: string, args: readonly Assign[]): void {
    const prefix = variant === "export" ? " -gx" : variant === "local" ? " -l" : unsupported(`'${variant}'`);
    args.forEach((a, i) => {
      if (i > 0) this.str("; ");
      this.assign(prefix, a);
    });
  }

  private word(w: Word | undefined, quoted: boolean): void {
    if (w === undefined) {
      this.str("''");
      return;
    }
    for (const p of w.parts) this.wordPart(p, quoted);
  }

  private wordPart(p: WordPart, quoted: boolean): void {
    switch (p.t) {
      case "lit":
        this.str(quoted ? escaped(unescape(p.v)) : p.v);
        return;
      case "sgl":
        this.str(escaped(p.v));
        return;
      case "dbl":
        if (p.parts.length === 0) this.str("''");
        for (const x of p.parts) this.wordPart(x, true);
        return;
      case "param":
        return this.paramExp(p.p, quoted);
      case "cmdsubst":
        this.str("(");
        this.stmts(p.stmts);
        if (quoted) this.str(" | string collect; or echo");
        this.str(")");
        return;
      case "procsubst":
        this.str("(");
        this.stmts(p.stmts);
        this.str(" | psub)");
        return;
    }
  }

  private paramExp(p: ParamExp, quotedIn: boolean): void {
    let quoted = quotedIn;
    let param = p.name;
    const literalVar = LITERAL_VARIABLES[param];
    if (literalVar !== undefined) return this.str(literalVar);
    if (/^[0-9]+$/.test(param)) return this.str(`$argv[${param}]`);
    const special = SPECIAL_VARIABLES[param];
    if (special !== undefined) {
      if (param === "*") quoted = true;
      param = special;
    }
    if (p.excl) unsupported("${!name}");
    if (p.length) {
      const index = p.name === "@" || p.name === "*" ? p.name : p.index;
      if (index !== undefined) {
        if (index === "@" || index === "*") return this.str(`(count $${param})`);
        unsupported("${#name[index]}");
      }
      return this.str(`(string length "$${param}")`);
    }
    if (p.index !== undefined) {
      if (p.index === "@") return this.str(`$${param}`);
      if (p.index === "*") return this.str(`"$${param}"`);
      unsupported("${name[index]}");
    }
    if (p.repl !== undefined) {
      this.str("(string replace ");
      if (p.repl.all) this.str("--all ");
      this.word(p.repl.orig, true);
      this.str(" ");
      this.word(p.repl.with, true);
      this.str(` "$${param}")`);
      return;
    }
    if (p.op !== undefined) return this.expansion(p, param);
    this.str(quoted ? `"$${param}"` : `$${param}`);
  }

  private expansion(p: ParamExp, param: string): void {
    switch (p.op) {
      case ":+":
        this.str(`(test -n "$${param}" && echo `);
        this.word(p.word, true);
        this.str(" || echo)");
        return;
      case "+":
        this.str(`(set -q ${param} && echo `);
        this.word(p.word, true);
        this.str(" || echo)");
        return;
      case ":-":
        this.str(`(test -n "$${param}" && echo "$${param}" || echo `);
        this.word(p.word, true);
        this.str(")");
        return;
      case "-":
        this.str(`(set -q ${param} && echo "$${param}" || echo `);
        this.word(p.word, true);
        this.str(")");
        return;
      case "#":
      case "##":
      case "%":
      case "%%": {
        const suffix = p.op.startsWith("%");
        const small = p.op.length === 1;
        const pat = p.word === undefined ? "" : literal(p.word);
        if (pat === undefined) unsupported("a pattern with expansions");
        let expr = globRegexp(unescape(pat), small);
        const isPath = param.endsWith("PATH");
        const dot = isPath && ((suffix && expr.endsWith(":")) || (!suffix && expr.startsWith(":"))) ? "\\.?" : "";
        expr = suffix ? `(${expr}${dot})$` : `^(${dot}${expr})`;
        this.str("(string replace -r ");
        this.str(escaped(expr));
        this.str(` '' "$${param}")`);
        return;
      }
      default:
        unsupported(`\${name${p.op}word}`);
    }
  }
}

/** The text of a word made only of unquoted literals. */
function literal(w: Word): string | undefined {
  let out = "";
  for (const p of w.parts) {
    if (p.t !== "lit") return undefined;
    out += p.v;
  }
  return out;
}

/**
 * Translate a bash script to fish. `location` gives the `babelfish` command
 * that nested `source`/`.` lines pipe through (babelfish uses its own path);
 * it is only asked for when the script sources another.
 */
export function babelfish(src: string, location: string | (() => string)): string {
  const f = parseSh(src);
  return new Translator(typeof location === "string" ? () => location : location).file(f.stmts, f.last);
}

export { ShSyntaxError };
