/**
 * A small pool of fuzz workers (gen/fuzz-worker.ts) with a per-case time
 * limit. A case that exceeds its limit is a "hang": its worker is terminated
 * and replaced. A worker that dies (uncaught error, out of memory) is a
 * "crash" and is replaced too. Workers get a 4 MB stack, the same budget as the
 * test runner's `--stack-size=4000` and `bin/hm-nix`'s `--stack-size=3900`.
 */
import { Worker } from "node:worker_threads";
import type { FuzzReply, FuzzRequest } from "./fuzz-worker.js";

export type PoolResult = FuzzReply | { readonly id: number; readonly kind: "hang" | "crash"; readonly detail: string; readonly ms: number };

interface Task {
  readonly req: FuzzRequest;
  readonly timeoutMs: number;
  readonly resolve: (r: PoolResult) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  started: number;
}

export interface PoolOptions {
  size: number;
  stackSizeMb?: number;
  maxOldGenerationSizeMb?: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;
  private nextId = 0;
  /** Workers replaced after a hang or crash. */
  restarts = 0;

  constructor(
    private readonly file: URL,
    private readonly opts: PoolOptions,
  ) {
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.file, {
      resourceLimits: { stackSizeMb: this.opts.stackSizeMb ?? 4, maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? 3072 },
      stdout: true,
      stderr: true,
    });
    // Drain the worker's own output so it never blocks.
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, task: null, timer: null, started: 0 };
    worker.on("message", (reply: FuzzReply) => this.finish(slot, reply, false));
    worker.on("error", (e: Error) => this.finish(slot, { id: -1, kind: "crash", detail: `${e.name}: ${e.message}`, ms: 0 }, true));
    worker.on("exit", (code) => {
      if (!this.closed && slot.task) this.finish(slot, { id: -1, kind: "crash", detail: `worker exited with code ${code}`, ms: 0 }, true);
    });
    worker.unref();
    return slot;
  }

  private finish(slot: Slot, r: PoolResult, replace: boolean): void {
    const task = slot.task;
    if (!task) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if (replace) this.replace(slot);
    task.resolve({ ...r, id: task.req.id, ms: r.ms || performance.now() - slot.started });
    this.pump();
  }

  private replace(slot: Slot): void {
    this.restarts++;
    const old = slot.worker;
    old.removeAllListeners();
    old.on("error", () => {});
    void old.terminate();
    const fresh = this.spawn();
    const i = this.slots.indexOf(slot);
    this.slots[i] = fresh;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.started = performance.now();
      slot.timer = setTimeout(() => {
        this.finish(slot, { id: task.req.id, kind: "hang", detail: `no answer within ${task.timeoutMs} ms`, ms: task.timeoutMs }, true);
      }, task.timeoutMs);
      slot.worker.postMessage(task.req);
    }
  }

  run(text: string, path: string, baseDir: string, timeoutMs: number): Promise<PoolResult> {
    return new Promise((resolve) => {
      this.queue.push({ req: { id: this.nextId++, text, path, baseDir }, timeoutMs, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
