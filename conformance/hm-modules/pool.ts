/**
 * A small pool of worker threads for the hm-modules runner. Each slot runs
 * one case at a time under a time limit; a worker that times out, crashes
 * or exits is replaced and its case fails with the reason. Workers are
 * recycled after a number of cases so that memory kept by one case's
 * evaluation cannot pile up.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CaseOutcome, CaseTask } from "./run-case.js";

const WORKER_FILE = fileURLToPath(new URL("./worker.js", import.meta.url));
/** Cases a worker runs before it is replaced. */
const CASES_PER_WORKER = 40;

interface Pending {
  readonly id: number;
  readonly done: (o: CaseOutcome) => void;
  readonly timer: NodeJS.Timeout;
  readonly started: number;
}

export class Slot {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 0;
  private used = 0;

  private spawn(): Worker {
    const w = new Worker(WORKER_FILE, { resourceLimits: { stackSizeMb: 256, maxOldGenerationSizeMb: 4096 } });
    // Events of a worker already replaced are ignored.
    w.on("message", (m: { id: number; outcome: CaseOutcome }) => {
      if (w === this.worker && this.pending?.id === m.id) this.finish(m.outcome);
    });
    w.on("error", (e) => w === this.worker && this.fail(`worker crashed: ${e.message}`));
    w.on("exit", (code) => w === this.worker && this.fail(`worker exited with code ${code}`));
    this.used = 0;
    return w;
  }

  private finish(o: CaseOutcome): void {
    const p = this.pending!;
    clearTimeout(p.timer);
    this.pending = null;
    p.done(o);
  }

  private fail(message: string): void {
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    const p = this.pending;
    if (p) this.finish({ status: "failed", ms: Math.round(performance.now() - p.started), detail: message });
  }

  run(task: CaseTask, timeoutMs: number): Promise<CaseOutcome> {
    if (this.worker !== null && this.used >= CASES_PER_WORKER) this.close();
    this.worker ??= this.spawn();
    this.used++;
    const id = this.nextId++;
    return new Promise((done) => {
      const timer = setTimeout(() => this.fail(`timed out after ${timeoutMs / 1000}s`), timeoutMs);
      this.pending = { id, done, timer, started: performance.now() };
      this.worker!.postMessage({ id, task });
    });
  }

  close(): void {
    const w = this.worker;
    this.worker = null;
    w?.removeAllListeners("exit");
    void w?.terminate();
  }
}

/** Run `each` over `items` with one loop per slot. */
export async function runAll<T>(slots: readonly Slot[], items: readonly T[], each: (slot: Slot, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (next < items.length) await each(slot, items[next++]!);
    }),
  );
}
