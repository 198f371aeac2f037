/**
 * Nix evaluation errors as data: a kind, a message, the span where it arose and a
 * chain of context frames ("while evaluating …"), innermost first. Errors are
 * rendered late (see `renderError`) as Nix renders them: the message, the
 * position as `file:line:col`, the source line with a caret, then the frames.
 */
import { formatPos, type Span } from "./source.js";

export type ErrorKind =
  | "parse" // syntax error or undefined variable found while binding names
  | "type" // a value of the wrong type
  | "eval" // generic evaluation error (missing attribute, bad argument, …)
  | "throw" // builtins.throw: caught by tryEval
  | "assert" // failed `assert`: caught by tryEval
  | "abort" // builtins.abort: never caught
  | "infinite-recursion"
  | "stack-overflow"
  | "io"
  | "restricted";

export interface ErrorFrame {
  readonly message: string;
  readonly span?: Span;
  /** Frames that only `--show-trace` shows (internal, not from the user's files). */
  readonly hidden?: boolean;
}

export class NixError extends Error {
  readonly frames: ErrorFrame[] = [];
  /** Set while an argument-binding error leaves the call that raised it (see callLambda). */
  argumentError = false;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    public span?: Span,
    /** Extra lines shown after the position, e.g. "Did you mean one of …?" */
    readonly notes: string[] = [],
  ) {
    super(message);
    this.name = "NixError";
  }

  /** True for the errors `builtins.tryEval` turns into `{ success = false; }`. */
  get catchable(): boolean {
    return this.kind === "throw" || this.kind === "assert";
  }

  /** Attach a span when none is known yet; returns this for `throw e.at(s)`. */
  at(s: Span | undefined): this {
    if (!this.span && s) this.span = s;
    return this;
  }

  /** Add a context frame (outermost frames are pushed last). */
  addFrame(message: string, s?: Span, hidden = false): this {
    this.frames.push({ message, span: s, hidden });
    return this;
  }
}

export function typeError(message: string, s?: Span): NixError {
  return new NixError("type", message, s);
}

export function evalError(message: string, s?: Span): NixError {
  return new NixError("eval", message, s);
}

/** Source excerpt as Nix shows it: the line before, the line with a caret under the span, the line after. */
function excerpt(s: Span): string[] {
  const { line, column } = s.source.position(s.start);
  const total = s.source.position(s.source.text.length).line;
  const first = Math.max(1, line - 1);
  const last = Math.min(total, line + 1);
  // Nix right-aligns line numbers in a fixed gutter of 13 columns.
  const gutter = (n: string) => n.padStart(13, " ");
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = s.source.lineText(n).trimEnd();
    out.push(text === "" ? `${gutter(String(n))}|` : `${gutter(String(n))}| ${text}`);
    if (n === line) {
      const pad = text.slice(0, column - 1).replace(/[^\t]/g, " ");
      out.push(`${gutter("")}| ${pad}^`);
    }
  }
  return out;
}

function location(s: Span, indent: string): string[] {
  const lines = [`${indent}at ${formatPos(s)}:`];
  if (s.source.text.length > 0) lines.push(...excerpt(s));
  return lines;
}

function frameLines(f: ErrorFrame): string[] {
  const [first, ...rest] = f.message.split("\n");
  const out = [`       … ${first}`, ...rest.map((l) => `         ${l}`)];
  if (f.span) out.push(...location(f.span, "         "));
  out.push("");
  return out;
}

/**
 * The frames Nix prints, outermost first: without `showTrace` only the first few
 * (then a note that the trace was truncated); runs of frames already shown are
 * folded into "(N duplicate frames omitted)" when there are more than five.
 */
function renderFrames(e: NixError, showTrace: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let skipped: ErrorFrame[] = [];
  let count = 0;
  let truncated = false;
  const flush = () => {
    if (skipped.length > 0 && skipped.length <= 5) {
      for (const f of skipped) out.push(...frameLines(f));
    } else if (skipped.length > 5) {
      out.push(`       (${skipped.length} duplicate frames omitted)`, "");
      seen.clear();
    }
    skipped = [];
  };
  for (let i = e.frames.length - 1; i >= 0; i--) {
    const f = e.frames[i]!;
    if (f.hidden && !showTrace) continue;
    if (!showTrace && count > 3) {
      truncated = true;
      break;
    }
    const key = `${f.message}\0${f.span ? `${f.span.source.path}:${f.span.start}` : ""}`;
    if (seen.has(key)) {
      skipped.push(f);
      continue;
    }
    seen.add(key);
    flush();
    count++;
    out.push(...frameLines(f));
  }
  flush();
  if (truncated) out.push("       (stack trace truncated; use '--show-trace' to show the full, detailed trace)", "");
  return out;
}

/** Render an error as `nix-instantiate` does. `showTrace` shows every frame. */
export function renderError(e: NixError, showTrace = false): string {
  const msg = e.kind === "abort" ? `evaluation aborted with the following error message: '${e.message}'` : e.message;
  // Continuation lines of a multi-line message line up under its first line.
  const head = msg.split("\n").join("\n       ");
  const frames = renderFrames(e, showTrace);
  const out: string[] = [];
  if (frames.length === 0) out.push(`error: ${head}`);
  else out.push("error:", ...frames, `       error: ${head}`);
  if (e.span) out.push(...location(e.span, "       "));
  for (const n of e.notes) out.push(`       ${n}`);
  return out.join("\n") + "\n";
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to `max` candidates close to `name`, closest first (Nix's "Did you mean"). */
export function suggestions(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3) + 1));
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d <= limit) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return scored.slice(0, max).map((s) => s[1]);
}

/** "Did you mean one of a, b or c?" as Nix phrases it, or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): string[] {
  const s = suggestions(name, candidates);
  if (s.length === 0) return [];
  if (s.length === 1) return [`Did you mean ${s[0]}?`];
  return [`Did you mean one of ${s.slice(0, -1).join(", ")} or ${s[s.length - 1]}?`];
}

/** A warning with its position, as Nix prints lint warnings. */
export function renderWarning(message: string, s?: Span): string {
  const out = [`warning: ${message}`];
  if (s) out.push(...location(s, "         ").map((l, i) => (i === 0 ? l : "  " + l)));
  return out.join("\n") + "\n";
}
