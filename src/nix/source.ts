/**
 * Source files and spans. A span is a pair of byte-free UTF-16 offsets into one
 * Source; offsets are turned into line/column only when a diagnostic is shown,
 * so parsing never pays for position bookkeeping beyond two integers per node.
 */

/** One piece of Nix text: a file, a `-E` expression or standard input. */
export class Source {
  private lineStarts: number[] | null = null;
  constructor(
    /** Absolute path of the file, or a pseudo-name such as `«string»` / `«stdin»`. */
    readonly path: string,
    readonly text: string,
    /** True when `path` names a real file (relative paths resolve against its directory). */
    readonly isFile: boolean = true,
  ) {}

  /** Line and column (both 1-based, column in UTF-16 units) of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.getLineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    const start = starts[line - 1];
    if (start === undefined) return "";
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text[end - 1] === "\r") end--;
    return this.text.slice(start, end);
  }

  private getLineStarts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    for (let i = t.indexOf("\n"); i >= 0; i = t.indexOf("\n", i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }
}

/** A region of a Source: [start, end) in UTF-16 offsets. */
export interface Span {
  readonly source: Source;
  readonly start: number;
  readonly end: number;
}

export function span(source: Source, start: number, end: number): Span {
  return { source, start, end };
}

/** `file:line:col` as Nix prints positions. */
export function formatPos(s: Span): string {
  const { line, column } = s.source.position(s.start);
  return `${s.source.path}:${line}:${column}`;
}
