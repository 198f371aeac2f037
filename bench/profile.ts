/**
 * Summaries of V8 CPU profiles (`node --cpu-prof` writes `.cpuprofile` JSON):
 * self time per function (sample time deltas attributed to the sampled node)
 * and per source file, largest first. Used by `npm run bench -- --profile DIR`
 * and runnable alone: `node dist/bench/profile.js FILE.cpuprofile [N]`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string, root: string): string {
  const p = url.replace(/^file:\/\//, "");
  if (p === "") return "(native)";
  return p.startsWith(root + "/") ? p.slice(root.length + 1) : p.replace(/^node:/, "node:");
}

/** A text table of the top `n` functions and files by self time. */
export function summariseProfile(json: string, root: string, n = 15): string {
  const prof = JSON.parse(json) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const node of prof.nodes) byId.set(node.id, node);
  const selfUs = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample; charge it to this sample's node.
    const dt = Math.max(0, prof.timeDeltas[i] ?? 0);
    selfUs.set(prof.samples[i]!, (selfUs.get(prof.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    const file = shortUrl(cf.url, root);
    const fn = `${cf.functionName || "(anonymous)"}  ${file}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const f = cf.url ? file : cf.functionName || "(native)";
    byFile.set(f, (byFile.get(f) ?? 0) + us);
  }
  const line = (us: number, what: string) =>
    `  ${((100 * us) / Math.max(total, 1)).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${what}`;
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => line(us, k));
  let nodeUs = 0;
  let gcUs = 0;
  for (const [f, us] of byFile) {
    if (f.startsWith("node:")) nodeUs += us;
    if (f === "(garbage collector)") gcUs += us;
  }
  return [
    `  total ${(total / 1000).toFixed(0)} ms sampled; Node internals (bootstrap, module loading) ${(nodeUs / 1000).toFixed(0)} ms, ` +
      `garbage collector ${(gcUs / 1000).toFixed(0)} ms`,
    "  by function (self time):",
    ...top(byFn),
    "  by file (self time):",
    ...top(byFile),
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]).endsWith("bench/profile.js")) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node dist/bench/profile.js FILE.cpuprofile [N]");
    process.exitCode = 2;
  } else {
    console.log(summariseProfile(readFileSync(file, "utf8"), resolve("."), Number(process.argv[3] ?? 25)));
  }
}
