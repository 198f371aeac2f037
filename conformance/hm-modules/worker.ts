/**
 * Worker thread of the hm-modules runner: receives one case at a time from
 * the pool and answers with its outcome. Every case gets a fresh evaluation
 * state (see `run-case.ts`); the worker only saves the start-up cost.
 */
import { parentPort } from "node:worker_threads";
import { runCase, type CaseOutcome, type CaseTask } from "./run-case.js";

const port = parentPort;
if (port) {
  port.on("message", (msg: { id: number; task: CaseTask }) => {
    let outcome: CaseOutcome;
    try {
      outcome = runCase(msg.task);
    } catch (e) {
      outcome = { status: "failed", ms: 0, detail: `runner error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
    }
    port.postMessage({ id: msg.id, outcome });
  });
}
