/**
 * Output of the activation steps written in TypeScript, matching the bash
 * library the activation script uses: `errorEcho` (bold red), `warnEcho`
 * (yellow), `noteEcho` (bold cyan), `verboseEcho` (only with `VERBOSE` set).
 * Colours are used only when the output is a terminal and `NO_COLOR` is unset,
 * with the escape sequences `tput` gives for xterm-like terminals.
 */

const BOLD = "\x1b[1m";
const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";
const CYAN = "\x1b[36m";
const RESET = "\x1b(B\x1b[m";

export type Write = (s: string) => void;

export interface ReporterOptions {
  readonly color: boolean;
  readonly verbose: boolean;
}

/** Whether to colour output: a terminal that has colours, and no `NO_COLOR`. */
export function useColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && env.NO_COLOR === undefined && env.TERM !== undefined && env.TERM !== "dumb";
}

export class Reporter {
  constructor(
    private readonly write: Write,
    readonly opts: ReporterOptions,
  ) {}

  private paint(color: string, s: string): string {
    return this.opts.color ? color + s + RESET : s;
  }

  echo(s: string): void {
    this.write(s + "\n");
  }

  error(s: string): void {
    this.echo(this.paint(BOLD + RED, s));
  }

  warn(s: string): void {
    this.echo(this.paint(YELLOW, s));
  }

  note(s: string): void {
    this.echo(this.paint(BOLD + CYAN, s));
  }

  verbose(s: string): void {
    if (this.opts.verbose) this.echo(s);
  }
}
