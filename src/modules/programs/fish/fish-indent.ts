/**
 * `fishIndent`: re-indents a fish script the way fish 4's `fish_indent`
 * does, so Home Manager's generated `config.fish`, functions, completions
 * and plugin files come out byte for byte as Home Manager writes them
 * (it pipes each through `fish_indent`). Blocks (`begin`, `if`, `while`,
 * `for`, `function`, `switch`/`case`) indent their bodies by four spaces;
 * words are separated by one space; `;` becomes a line break except before
 * an `and`/`or` on the same line; runs of blank lines shrink to one (none
 * at the start, before `case` or after a pipe); comments keep their place;
 * escaped line breaks survive before arguments, redirections and
 * operators; redirection targets join their operator (`<"$tmp"`); quotes
 * around plain words go (`"foo"` → `foo`). Text inside quotes and command
 * substitutions is never touched. Unbalanced input is printed as far as it
 * goes, as `fish_indent` does.
 */
import { cleanWord, tokenizeFish, wordKeyword, type FishToken } from "./fish-tokens.js";

const INDENT = "    ";
const BLOCK_OPENERS = new Set(["begin", "if", "while", "for", "function", "switch"]);
const DECORATORS = new Set(["and", "or", "not", "!", "time"]);
const COMMAND_DECORATORS = new Set(["command", "builtin", "exec"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?=/;

/** What ends a job list: the keywords that close or split the block around it. */
interface ListEnd {
  readonly end: boolean;
  readonly else: boolean;
  readonly case: boolean;
}

const TOP: ListEnd = { end: false, else: false, case: false };
const BODY: ListEnd = { end: true, else: false, case: false };
const IF_BODY: ListEnd = { end: true, else: true, case: false };
const CASE_BODY: ListEnd = { end: true, else: false, case: true };

class Printer {
  private out = "";
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly toks: readonly FishToken[],
  ) {}

  run(): string {
    this.jobList(0, TOP);
    // Anything left is unbalanced (a stray `end`): print it at the top level.
    while (this.i < this.toks.length) {
      this.gap(0, true);
      if (this.i < this.toks.length) this.job(0);
    }
    const text = this.out.replace(/\n+$/, "");
    return `${text}\n`;
  }

  private peek(k = 0): FishToken | undefined {
    return this.toks[this.i + k];
  }

  private atLineStart(): boolean {
    return this.out === "" || this.out.endsWith("\n");
  }

  /** Write text on the current line (indented at a line start, after one space otherwise). */
  private put(text: string, indent: number, space = true): void {
    if (this.atLineStart()) this.out += INDENT.repeat(indent);
    else if (space && !this.out.endsWith(" ")) this.out += " ";
    this.out += text;
  }

  private newline(): void {
    this.out += "\n";
  }

  private keywordAt(k = 0): string | undefined {
    const t = this.peek(k);
    return t?.kind === "word" ? wordKeyword(t.text) : undefined;
  }

  /**
   * The gap between jobs: statement ends, comments and escaped newlines.
   * Closes the current line, keeps one blank line where the source had any,
   * keeps comments (trailing ones on their line), and keeps `;` before an
   * `and`/`or` job on the same line.
   */
  private gap(indent: number, allowBlank: boolean, conditionTail = false): void {
    let lineOpen = !this.atLineStart();
    let semiKept = false;
    let newlines = 0;
    for (;;) {
      const t = this.peek();
      if (t === undefined) break;
      if (t.kind === "end") {
        if (t.text === ";" && lineOpen && !semiKept) {
          if (this.andOrFollowsOnLine()) {
            this.i++;
            this.out += ";";
            return;
          }
          // In an `if`/`while` condition, `;` before an `and`/`or` job stays even across lines.
          if (conditionTail && this.andOrFollows()) {
            this.out += ";";
            semiKept = true;
          }
        }
        if (t.text === "\n") {
          if (lineOpen) {
            this.newline();
            lineOpen = false;
          } else newlines++;
        }
        this.i++;
      } else if (t.kind === "comment") {
        if (lineOpen) this.put(t.text, indent);
        else {
          if (newlines > 0 && this.out !== "" && allowBlank) this.newline();
          this.put(t.text, indent);
        }
        lineOpen = true;
        newlines = 0;
        this.i++;
      } else if (t.kind === "escnl") this.i++;
      else break;
    }
    if (lineOpen && !(semiKept && this.i < this.toks.length)) this.newline();
    // fish_indent drops blank lines before a `case`.
    const blank = newlines > 0 && this.out !== "" && allowBlank && this.keywordAt() !== "case";
    if (this.i < this.toks.length && blank) this.newline();
  }

  /** The next job after the `;` at the cursor starts with `and`/`or` (on the same source line if `sameLine`). */
  private andOrFollows(sameLine = false): boolean {
    let k = 1;
    for (;;) {
      const t = this.peek(k);
      if (t === undefined) return false;
      if (t.kind === "end" || t.kind === "escnl" || (t.kind === "comment" && !sameLine)) k++;
      else break;
    }
    const next = this.peek(k)!;
    if (next.kind !== "word") return false;
    const kw = wordKeyword(next.text);
    if (kw !== "and" && kw !== "or") return false;
    return !sameLine || !this.src.slice(this.peek()!.start, next.start).includes("\n");
  }

  private andOrFollowsOnLine(): boolean {
    return this.andOrFollows(true);
  }

  /** Jobs at `indent` until a closing keyword of `ends` (not consumed) or the end of input. */
  private jobList(indent: number, ends: ListEnd, conditionTail = false): void {
    let tail = conditionTail;
    for (;;) {
      this.gap(indent, true, tail);
      if (this.i >= this.toks.length) return;
      const kw = this.keywordAt();
      if ((kw === "end" && ends.end) || (kw === "else" && ends.else) || (kw === "case" && ends.case)) return;
      tail = tail && (kw === "and" || kw === "or");
      this.job(indent);
    }
  }

  /**
   * One job: statements joined by `|`, `&&`, `||`, up to (not including) its
   * statement end. `indent` is the level of its line; a line broken after an
   * operator continues one level deeper.
   */
  private job(indent: number): void {
    const start = this.i;
    let line = indent;
    for (;;) {
      this.statement(line);
      const t = this.peek();
      if (t === undefined) return;
      if (t.kind === "pipe" || t.kind === "andand" || t.kind === "oror") {
        this.put(t.text, line);
        this.i++;
        if (this.continuation(indent + 1)) line = indent + 1;
      } else if (t.kind === "amp") {
        this.put(t.text, line);
        this.i++;
        return;
      } else if (t.kind === "end" || t.kind === "comment") return;
      else if (this.i === start) {
        // Not a statement start (e.g. a stray operator): print it so that nothing is lost.
        this.put(t.kind === "word" ? cleanWord(t.text) : t.text, line);
        this.i++;
      } else if (t.kind === "escnl") this.i++;
      else return;
    }
  }

  /** After an operator: newlines (and comments) move the next statement to a continuation line. */
  private continuation(indent: number): boolean {
    let broke = false;
    for (;;) {
      const t = this.peek();
      if (t === undefined) return broke;
      if (t.kind === "end" && t.text === "\n") {
        if (!broke) this.newline();
        broke = true;
        this.i++;
      } else if (t.kind === "comment") {
        this.put(t.text, indent);
        this.newline();
        broke = true;
        this.i++;
        if (this.peek()?.kind === "end" && this.peek()?.text === "\n") this.i++;
      } else if (t.kind === "escnl") this.i++;
      else return broke;
    }
  }

  /** An escaped line break before the token at the cursor, kept (on a continuation line) or dropped. */
  private escapedBreaks(indent: number, keep: boolean): void {
    let seen = false;
    while (this.peek()?.kind === "escnl") {
      seen = true;
      this.i++;
    }
    if (seen && keep && this.peek() !== undefined && this.peek()!.kind !== "end") {
      if (!this.out.endsWith(" ")) this.out += " ";
      this.out += `\\\n${INDENT.repeat(indent + 1)}`;
    }
  }

  /** Write a word; a word ending in an escaped newline keeps it as a line continuation. */
  private word(t: FishToken, indent: number): void {
    let text = t.text;
    const trailingBreak = /(^|[^\\])(\\\\)*\\\n$/.test(text);
    if (trailingBreak) text = text.slice(0, -2);
    this.put(cleanWord(text), indent);
    this.i++;
    const next = this.peek();
    if (trailingBreak && next !== undefined && next.kind !== "end" && next.kind !== "comment")
      this.out += ` \\\n${INDENT.repeat(indent + 1)}`;
  }

  /** One statement: decorators, variable assignments, then a command with its arguments, or a block. */
  private statement(indent: number): void {
    let assignments = false;
    for (;;) {
      this.escapedBreaks(indent, assignments);
      const t = this.peek();
      if (t === undefined || t.kind !== "word") return this.arguments(indent);
      const kw = wordKeyword(t.text);
      const next = this.peek(1);
      const nextIsOption = next?.kind === "word" && (next.text.startsWith("-") || next.text === "-h");
      const nextEnds = next === undefined || next.kind === "end";
      if (!assignments && kw !== undefined && DECORATORS.has(kw) && !nextIsOption && !nextEnds) {
        this.word(t, indent);
        continue;
      }
      if (kw !== undefined && COMMAND_DECORATORS.has(kw) && !nextIsOption && !nextEnds) {
        this.word(t, indent);
        return this.arguments(indent);
      }
      if (ASSIGNMENT.test(t.text)) {
        this.word(t, indent);
        assignments = true;
        continue;
      }
      if (!assignments && kw !== undefined && BLOCK_OPENERS.has(kw) && !(next?.kind === "word" && /^(-h|--help)$/.test(next.text))) {
        this.word(t, indent);
        this.block(kw, indent);
        return this.arguments(indent);
      }
      this.word(t, indent);
      return this.arguments(indent);
    }
  }

  /** Arguments and redirections up to an operator or statement end. */
  private arguments(indent: number): void {
    for (;;) {
      this.escapedBreaks(indent, true);
      const t = this.peek();
      if (t === undefined) return;
      if (t.kind === "word") this.word(t, indent);
      else if (t.kind === "redir") {
        this.put(t.text, indent);
        this.i++;
        while (this.peek()?.kind === "escnl") this.i++;
        const target = this.peek();
        if (target?.kind === "word") {
          this.out += cleanWord(target.text);
          this.i++;
        }
      } else return;
    }
  }

  /** The rest of a block after its keyword: header, body (and branches), `end`. */
  private block(kw: string, indent: number): void {
    switch (kw) {
      case "begin":
        this.jobList(indent + 1, BODY);
        break;
      case "if":
      case "while":
        this.condition(indent);
        this.jobList(indent + 1, kw === "if" ? IF_BODY : BODY, true);
        while (kw === "if" && this.keywordAt() === "else") {
          this.word(this.peek()!, indent);
          if (this.keywordAt() === "if") {
            this.word(this.peek()!, indent);
            this.condition(indent);
            this.jobList(indent + 1, IF_BODY, true);
          } else this.jobList(indent + 1, IF_BODY);
        }
        break;
      case "switch":
        this.arguments(indent);
        this.caseList(indent);
        break;
      default:
        // for, function: a header of words.
        this.arguments(indent);
        this.jobList(indent + 1, BODY);
    }
    if (this.keywordAt() === "end") this.word(this.peek()!, indent);
  }

  /** An `if`/`while` condition: a job on the header line whose own blocks sit one level in. */
  private condition(indent: number): void {
    this.job(indent + 1);
  }

  /** The items of a `switch`: `case` lines one level in, their bodies two. */
  private caseList(indent: number): void {
    for (;;) {
      this.gap(indent + 1, false);
      const kw = this.keywordAt();
      if (kw === "end" || this.i >= this.toks.length) return;
      if (kw === "case") {
        this.word(this.peek()!, indent + 1);
        this.arguments(indent + 1);
        this.jobList(indent + 2, CASE_BODY);
      } else this.job(indent + 1);
    }
  }
}

/** Format fish source as `fish_indent` does. */
export function fishIndent(src: string): string {
  return new Printer(src, tokenizeFish(src)).run();
}
