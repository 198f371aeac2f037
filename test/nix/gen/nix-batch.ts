/**
 * Evaluating many small expressions with the real `nix-instantiate` and with
 * our evaluator, for differential testing.
 *
 * Real Nix: the expressions go into one file as a list with a marker string
 * before each (`[ "@@CASE-0@@" (e0) "@@CASE-1@@" (e1) … ]`), evaluated with
 * `nix-instantiate --eval --strict` in a handful of processes (one process
 * start costs ~15 ms, so one call per case would dominate). The printed list is
 * cut at the markers. A batch that fails as a whole (some case raised an error
 * `tryEval` does not catch) is split in halves until the failing cases are
 * alone; those are recorded as failures with Nix's message.
 *
 * Ours: each expression is evaluated in-process with one EvalState, deeply
 * forced and printed with `printAmbiguous`, as `hm-nix instantiate --eval
 * --strict` does.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { NixError } from "../../../src/nix/errors.js";
import { deepForce } from "../../../src/nix/force-deep.js";
import { printAmbiguous } from "../../../src/nix/print.js";
import type { EvalState } from "../../../src/nix/state.js";

export interface Outcome {
  readonly ok: boolean;
  /** Printed value when ok. */
  readonly out: string;
  /** Error message when not ok. */
  readonly err: string;
  /** Ours only: the failure was a JS exception, not a NixError (always a bug). */
  readonly jsError?: boolean;
}

/** Absolute path of an executable on PATH, or null. */
export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

const MARK = (i: number): string => `"@@CASE-${i}@@"`;
const MARK_RE = /"@@CASE-(\d+)@@" /g;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NIX_PATH: "" } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** First line of Nix's error message (without the `error: ` prefix). */
function nixErrorLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("trace:") && !l.startsWith("warning:"));
  const i = lines.findIndex((l) => /^\s*error: /.test(l) && l.trim() !== "error:");
  const line = i >= 0 ? lines[i]! : (lines[0] ?? "");
  return line.replace(/^\s*error: /, "").trim();
}

export interface NixBatchOptions {
  /** Cases per nix-instantiate call. */
  chunk?: number;
  /** Concurrent nix-instantiate processes. */
  jobs?: number;
  /** Per-process timeout. */
  timeoutMs?: number;
}

/**
 * Evaluate every expression with real Nix. Each expression must be closed and
 * should only fail through errors that abort the whole batch rarely; any
 * failing case is isolated by bisection.
 */
export async function evalWithNix(nix: string, exprs: readonly string[], opts: NixBatchOptions = {}): Promise<Outcome[]> {
  const chunk = opts.chunk ?? 400;
  const jobs = opts.jobs ?? 2;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const dir = mkdtempSync(join(tmpdir(), "nix-diff-"));
  const results: Outcome[] = new Array<Outcome>(exprs.length);
  let fileNo = 0;

  const runBatch = async (idx: number[]): Promise<void> => {
    const file = join(dir, `b${fileNo++}.nix`);
    const body = idx.map((i) => `${MARK(i)}\n(${exprs[i]}\n)`).join("\n");
    writeFileSync(file, `[\n${body}\n]\n`);
    const r = await run(nix, ["--eval", "--strict", file], timeoutMs);
    if (r.code === 0) {
      const text = r.stdout.replace(/\n$/, "");
      if (!text.startsWith("[ ") || !text.endsWith("]")) throw new Error(`unexpected nix-instantiate output: ${text.slice(0, 200)}`);
      const inner = text.slice(2, -1);
      const marks = [...inner.matchAll(MARK_RE)];
      if (marks.length !== idx.length) throw new Error(`expected ${idx.length} markers in nix output, found ${marks.length}`);
      for (let k = 0; k < marks.length; k++) {
        const m = marks[k]!;
        const start = m.index + m[0].length;
        const end = k + 1 < marks.length ? marks[k + 1]!.index : inner.length;
        // Each value is followed by the single space that separates list items.
        const out = inner.slice(start, end).replace(/ $/, "");
        results[Number(m[1])] = { ok: true, out, err: "" };
      }
      return;
    }
    if (idx.length === 1) {
      results[idx[0]!] = { ok: false, out: "", err: r.code === null ? "timed out" : nixErrorLine(r.stderr) };
      return;
    }
    const half = Math.ceil(idx.length / 2);
    await runBatch(idx.slice(0, half));
    await runBatch(idx.slice(half));
  };

  const batches: number[][] = [];
  for (let i = 0; i < exprs.length; i += chunk) batches.push(Array.from({ length: Math.min(chunk, exprs.length - i) }, (_, k) => i + k));
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, batches.length) }, async () => {
        while (next < batches.length) await runBatch(batches[next++]!);
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** Evaluate one expression in-process as `hm-nix instantiate --eval --strict` would. */
export function evalOurs(state: EvalState, text: string): Outcome {
  try {
    const v = state.evalString(text);
    deepForce(v);
    return { ok: true, out: printAmbiguous(v), err: "" };
  } catch (e) {
    if (e instanceof NixError) return { ok: false, out: "", err: e.message };
    const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, out: "", err, jsError: true };
  }
}

/** The wrapper both evaluators run for a generated case: throw/assert become `{ success = false; … }`. */
export function wrapCase(expr: string): string {
  return `let v = (${expr}\n); in builtins.tryEval (builtins.deepSeq v v)`;
}
