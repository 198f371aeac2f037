/**
 * The streams and environment a CLI command runs with. `bin/` wires them to the
 * process; tests pass their own and read what was written.
 */
import { readFileSync } from "node:fs";
import { nodeIO, type EvalIO } from "../nix/io.js";

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly evalIO: EvalIO;
  /** True when stdout is a terminal (colours, prompts). */
  readonly isTTY: boolean;
}

/** The real process's streams. */
export function processIO(): CliIO {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readStdin: () => readFileSync(0, "utf8"),
    env: process.env,
    cwd: process.cwd(),
    evalIO: nodeIO,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
