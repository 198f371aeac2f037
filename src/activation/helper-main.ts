/**
 * Process entry of the activation helper (see `helper.ts`). Run with a
 * command, it does that one command and exits. Run as `serve` (the way the
 * activation script starts it, as a bash coprocess, so that one Node start-up
 * serves both `checkLinkTargets` and `linkGeneration`), it answers requests
 * read from standard input until `quit` or end of input: each request is a
 * NUL-terminated count, then that many NUL-terminated fields: the variables
 * the helper reads (`NAME=VALUE` when exported, `NAME` alone when not), `--`,
 * and the command's arguments. Messages go to standard output and error as
 * usual; the exit status of each request is answered on descriptor 3, one
 * line each, after everything it printed was written.
 * The test hook `HOME_MANAGER_TEST_KILL_AT=<command>:<n>` kills the
 * activation (this process and the script that ran it) just before the
 * helper's n-th change to the file system in that command, the way a crash
 * or a power cut would.
 */
import * as fs from "node:fs";
import { FaultFs, nodeFs, type Fs } from "./fs.js";
import { runHelper } from "./helper.js";

function fileSystem(command: string | undefined): Fs {
  const hook = process.env.HOME_MANAGER_TEST_KILL_AT;
  const m = hook === undefined ? null : /^(.+):(\d+)$/.exec(hook);
  if (m === null || m[1] !== command) return nodeFs;
  return new FaultFs(nodeFs, Number(m[2]), "kill", () => process.kill(process.ppid, "SIGKILL"));
}

/** Run one command; returns its exit status (errors are printed, never thrown). */
function runOne(args: readonly string[]): number {
  try {
    return runHelper(args, {
      env: process.env,
      fs: fileSystem(args[0]),
      stdout: (s) => void fs.writeSync(1, s),
      stderr: (s) => void fs.writeSync(2, s),
      isTTY: Boolean(process.stdout.isTTY),
    });
  } catch (e) {
    fs.writeSync(2, `home-manager: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** NUL-terminated fields read from a descriptor, blocking. */
class FieldReader {
  private buf = Buffer.alloc(0);
  private eof = false;

  constructor(private readonly fd: number) {}

  next(): string | undefined {
    for (;;) {
      const nul = this.buf.indexOf(0);
      if (nul >= 0) {
        const field = this.buf.subarray(0, nul).toString("utf8");
        this.buf = this.buf.subarray(nul + 1);
        return field;
      }
      if (this.eof) return undefined;
      const chunk = Buffer.alloc(65536);
      let n: number;
      try {
        n = fs.readSync(this.fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (n === 0) this.eof = true;
      else this.buf = Buffer.concat([this.buf, chunk.subarray(0, n)]);
    }
  }
}

function serve(): void {
  const input = new FieldReader(0);
  for (;;) {
    const count = input.next();
    if (count === undefined) return;
    const fields: string[] = [];
    for (let i = Number(count); i > 0; i--) {
      const f = input.next();
      if (f === undefined) return;
      fields.push(f);
    }
    const dash = fields.indexOf("--");
    const vars = dash < 0 ? [] : fields.slice(0, dash);
    const args = dash < 0 ? fields : fields.slice(dash + 1);
    if (args[0] === "quit") return;
    for (const v of vars) {
      const eq = v.indexOf("=");
      if (eq < 0) delete process.env[v];
      else process.env[v.slice(0, eq)] = v.slice(eq + 1);
    }
    const status = runOne(args);
    fs.writeSync(3, `${status}\n`);
  }
}

const args = process.argv.slice(2);
if (args[0] === "serve") serve();
else process.exitCode = runOne(args);
