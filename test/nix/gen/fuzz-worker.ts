/**
 * Worker thread for the fuzz test: parses, evaluates (strictly) and prints one
 * Nix text per message with a fresh EvalState, and reports how it ended —
 * a value, a NixError, or any other JS exception (a bug). The parent enforces
 * the time limit by terminating the worker, so an endless evaluation cannot
 * stall the test.
 */
import { parentPort } from "node:worker_threads";
import { NixError } from "../../../src/nix/errors.js";
import { deepForce } from "../../../src/nix/force-deep.js";
import { nodeIO, type EvalIO } from "../../../src/nix/io.js";
import { printAmbiguous } from "../../../src/nix/print.js";
import { Source } from "../../../src/nix/source.js";
import { EvalState } from "../../../src/nix/state.js";

export interface FuzzRequest {
  readonly id: number;
  readonly text: string;
  /** File the text pretends to be (relative paths and imports resolve next to it). */
  readonly path: string;
  readonly baseDir: string;
}

export interface FuzzReply {
  readonly id: number;
  readonly kind: "value" | "nix-error" | "js-error";
  /** NixError kind, or the JS error's name and message (with the top of its stack). */
  readonly detail: string;
  readonly ms: number;
}

/** Reads work like the real file system; no output, no environment. */
const quietIO: EvalIO = { ...nodeIO, printErr: () => {}, getEnv: () => undefined };

function runOne(req: FuzzRequest): FuzzReply {
  const t0 = performance.now();
  try {
    const st = new EvalState({ baseDir: req.baseDir, io: quietIO });
    const v = st.evalSource(new Source(req.path, req.text, true));
    deepForce(v);
    printAmbiguous(v);
    return { id: req.id, kind: "value", detail: "", ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof NixError) return { id: req.id, kind: "nix-error", detail: e.kind, ms };
    const detail =
      e instanceof Error
        ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 8).join("\n")}`
        : `non-Error thrown: ${String(e)}`;
    return { id: req.id, kind: "js-error", detail, ms };
  }
}

parentPort?.on("message", (req: FuzzRequest) => {
  parentPort!.postMessage(runOne(req));
});
