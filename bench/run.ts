/**
 * `npm run bench`: the evaluator against real Nix, side by side, on the
 * workloads of the performance issue. For each workload:
 *
 * - whole-process wall time of `bin/hm-nix instantiate --eval --strict -E …`
 *   and of `nix-instantiate --eval --strict -E …`, BENCH_REPS runs each
 *   (default 5), interleaved; min / median / max and the ratio of medians;
 * - peak resident memory of each process: read from GNU time
 *   (`/usr/bin/time -f %M`) when it is installed, otherwise by polling
 *   `/proc/PID/status` (VmHWM, the kernel's high-water mark, which only grows)
 *   every 2 ms while the process runs;
 * - our in-process evaluation time (EvalState + parse + evaluate + deepForce +
 *   print, without process start and module loading): "cold" is the first
 *   evaluation in a fresh process (what the CLI pays; the JIT has not warmed
 *   up), measured in a child `node dist/bench/run.js --eval-once EXPR`;
 *   "warm" is the median of repeated evaluations in this process.
 *
 * Both evaluators must print the same result; a difference is reported.
 * Options: `--only NAME[,NAME]`, `--reps N`, `--json FILE` (write the figures),
 * `--profile DIR` (also run each workload once under `node --cpu-prof` and
 * print the functions with the most self time), `--baseline CMD` (an older
 * `hm-nix`, e.g. a copy of bin/ and dist/bundle/ from before a change, timed in
 * the same rounds: before/after figures from one run).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deepForce } from "../src/nix/force-deep.js";
import { printAmbiguous } from "../src/nix/print.js";
import { EvalState } from "../src/nix/state.js";
import { summariseProfile } from "./profile.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HM_NIX = join(ROOT, "bin/hm-nix");
const HM_NIX_MAIN = join(ROOT, "dist/src/cli/hm-nix-main.js");
const GNU_TIME = "/usr/bin/time";

export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly expr: string;
}

export const WORKLOADS: readonly Workload[] = [
  {
    name: "fib27",
    description: "naive recursion: fib 27 (≈ 630,000 calls)",
    expr: "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 27",
  },
  {
    name: "genlist-foldl",
    description: "genList of 1,000,000 integers, then a foldl' sum",
    expr: "builtins.foldl' (a: b: a + b) 0 (builtins.genList (i: i) 1000000)",
  },
  {
    name: "attrs-100k",
    description: "100,000-attribute set from listToAttrs, then 100,000 lookups",
    expr:
      'let n = 100000; s = builtins.listToAttrs (builtins.genList (i: { name = "k${toString i}"; value = i; }) n); ' +
      'in builtins.foldl\' (acc: i: acc + s."k${toString i}") 0 (builtins.genList (i: i) n)',
  },
  {
    name: "concat-100k",
    description: "100,000 string concatenations (foldl' with +)",
    expr: 'builtins.stringLength (builtins.foldl\' (acc: i: acc + "x") "" (builtins.genList (i: i) 100000))',
  },
  {
    name: "fixpoint-200",
    description: "lib.fix-style fixed point over 200 attribute-set modules reading each other",
    expr: [
      "let",
      "  fix = f: let x = f x; in x;",
      '  name = i: "m${toString i}";',
      "  mkModule = i: self: {",
      "    ${name i} = {",
      "      enable = i / 3 * 3 != i;",
      "      value = if i == 0 then 1 else builtins.bitAnd 1048575 (self.${name (i - 1)}.value + self.${name (i / 2)}.value + i);",
      "      deps = builtins.filter (j: self.${name j}.enable) (builtins.genList (j: j) i);",
      "      weight = builtins.foldl' (acc: j: acc + self.${name j}.options.opt1) 0 (builtins.genList (j: j) i);",
      '      options = builtins.listToAttrs (builtins.genList (j: { name = "opt${toString j}"; value = j * i; }) 10);',
      "    };",
      "  };",
      "  config = fix (self: builtins.foldl' (acc: m: acc // m self) { } (builtins.genList mkModule 200));",
      "in",
      "builtins.foldl' (acc: k: acc + config.${k}.value + config.${k}.weight + builtins.length config.${k}.deps + config.${k}.options.opt9) 0 (builtins.attrNames config)",
    ].join("\n"),
  },
];

interface Run {
  ms: number;
  rssKb: number | null;
  stdout: string;
  ok: boolean;
}

interface Stats {
  min: number;
  median: number;
  max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s[s.length - 1]! };
}

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Run one process; wall time from the parent, peak RSS via GNU time or /proc polling. */
async function measure(cmd: string, args: string[], useGnuTime: boolean): Promise<Run> {
  if (useGnuTime) {
    const dir = mkdtempSync(join(tmpdir(), "bench-"));
    const out = join(dir, "time.txt");
    const t0 = performance.now();
    const r = spawnSync(GNU_TIME, ["-f", "%M", "-o", out, cmd, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const ms = performance.now() - t0;
    const text = existsSync(out) ? readFileSync(out, "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    const kb = Number(text.trim().split("\n").pop());
    return { ms, rssKb: Number.isFinite(kb) ? kb : null, stdout: r.stdout, ok: r.status === 0 };
  }
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "ignore"] });
    let peak = 0;
    let stdout = "";
    const poll = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        /* process gone */
      }
    };
    const timer = setInterval(poll, 2);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("exit", () => poll());
    child.on("close", (code) => {
      clearInterval(timer);
      done({ ms: performance.now() - t0, rssKb: peak || null, stdout, ok: code === 0 });
    });
  });
}

/** In-process: parse, evaluate, force deeply and print, as the CLI does. */
function inProcess(expr: string): { ms: number; out: string } {
  const st = new EvalState({ baseDir: ROOT });
  const t0 = performance.now();
  const v = st.evalString(expr);
  deepForce(v);
  const out = printAmbiguous(v);
  return { ms: performance.now() - t0, out };
}

/** Child mode: one cold in-process evaluation; prints its time in ms. */
function evalOnceChild(expr: string): void {
  const r = inProcess(expr);
  process.stdout.write(`${JSON.stringify({ ms: r.ms })}\n`);
}

function coldInProcess(expr: string): number {
  const r = spawnSync(process.execPath, ["--stack-size=3900", fileURLToPath(import.meta.url), "--eval-once", expr], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`in-process child failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { ms: number }).ms;
}

interface Row {
  name: string;
  ours: Stats;
  nix: Stats | null;
  ratio: number | null;
  inProcCold: Stats;
  inProc: Stats;
  oursRssKb: number | null;
  nixRssKb: number | null;
  memRatio: number | null;
  agree: boolean | null;
  /** With `--baseline`: the older hm-nix's wall times and peak RSS. */
  baseline?: { ms: Stats; ratio: number | null; rssKb: number | null };
}

function fmtMs(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

function fmtMb(kb: number | null): string {
  return kb === null ? "n/a" : (kb / 1024).toFixed(0);
}

interface Options {
  only: string[] | null;
  reps: number;
  json: string | null;
  profile: string | null;
  baseline: string | null;
}

function parseArgs(argv: string[]): Options {
  let only: string[] | null = null;
  let reps = Number(process.env.BENCH_REPS ?? 5);
  let json: string | null = null;
  let profile: string | null = null;
  let baseline: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--only") only = (argv[++i] ?? "").split(",");
    else if (a === "--reps") reps = Number(argv[++i]);
    else if (a === "--json") json = argv[++i] ?? null;
    else if (a === "--profile") profile = argv[++i] ?? null;
    else if (a === "--baseline") baseline = resolve(argv[++i] ?? "");
    else throw new Error(`unknown argument '${a}'`);
  }
  return { only, reps, json, profile, baseline };
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const haveNix = onPath("nix-instantiate");
  const gnuTime = existsSync(GNU_TIME);
  const workloads = WORKLOADS.filter((w) => !opts.only || opts.only.includes(w.name));
  console.log(
    `benchmarks: ${workloads.length} workloads, ${opts.reps} runs each; memory from ${gnuTime ? "GNU time (%M)" : "/proc/PID/status VmHWM polling"}` +
      (haveNix ? "" : "; nix-instantiate not found, our figures only"),
  );
  const rows: Row[] = [];
  for (const w of workloads) {
    const ours: Run[] = [];
    const nix: Run[] = [];
    const base: Run[] = [];
    const args = ["instantiate", "--eval", "--strict", "-E", w.expr];
    for (let i = 0; i < opts.reps; i++) {
      ours.push(await measure(HM_NIX, args, gnuTime));
      if (haveNix) nix.push(await measure("nix-instantiate", ["--eval", "--strict", "-E", w.expr], gnuTime));
      if (opts.baseline) base.push(await measure(opts.baseline, args, gnuTime));
    }
    const cold: number[] = [];
    for (let i = 0; i < opts.reps; i++) cold.push(coldInProcess(w.expr));
    const inProc: number[] = [];
    let inProcOut = "";
    for (let i = 0; i < opts.reps; i++) {
      const r = inProcess(w.expr);
      inProc.push(r.ms);
      inProcOut = r.out;
    }
    const oursOut = ours[0]!.stdout.trim();
    if (!ours.every((r) => r.ok)) console.log(`  ${w.name}: hm-nix failed: ${oursOut.slice(0, 200)}`);
    if (inProcOut !== oursOut)
      console.log(`  ${w.name}: in-process result ${inProcOut.slice(0, 80)} differs from the CLI's ${oursOut.slice(0, 80)}`);
    const maxRss = (rs: Run[]): number | null => (rs.some((r) => r.rssKb !== null) ? Math.max(...rs.map((r) => r.rssKb ?? 0)) : null);
    const o = stats(ours.map((r) => r.ms));
    const n = haveNix ? stats(nix.map((r) => r.ms)) : null;
    const oursRssKb = maxRss(ours);
    const nixRssKb = haveNix ? maxRss(nix) : null;
    const agree = haveNix ? nix[0]!.stdout.trim() === oursOut : null;
    if (agree === false)
      console.log(`  ${w.name}: results differ: ours ${oursOut.slice(0, 80)}, nix ${nix[0]!.stdout.trim().slice(0, 80)}`);
    const row: Row = {
      name: w.name,
      ours: o,
      nix: n,
      ratio: n ? o.median / n.median : null,
      inProcCold: stats(cold),
      inProc: stats(inProc),
      oursRssKb,
      nixRssKb,
      memRatio: oursRssKb !== null && nixRssKb ? oursRssKb / nixRssKb : null,
      agree,
    };
    if (opts.baseline) {
      const b = stats(base.map((r) => r.ms));
      row.baseline = { ms: b, ratio: n ? b.median / n.median : null, rssKb: maxRss(base) };
      if (base[0]!.stdout.trim() !== oursOut)
        console.log(`  ${w.name}: the baseline's result differs: ${base[0]!.stdout.trim().slice(0, 80)}`);
    }
    rows.push(row);
    console.log(
      `  ${w.name}: ours ${fmtMs(o.median)} ms, nix ${n ? fmtMs(n.median) : "n/a"} ms, ratio ${row.ratio?.toFixed(2) ?? "n/a"}, ` +
        `in-process cold ${fmtMs(row.inProcCold.median)} ms, warm ${fmtMs(row.inProc.median)} ms, RSS ${fmtMb(oursRssKb)} / ${fmtMb(nixRssKb)} MB`,
    );
  }

  console.log("");
  console.log(
    "| workload | ours min / median / max (ms) | Nix min / median / max (ms) | ratio of medians | ours in-process cold / warm (ms) | peak RSS ours / Nix (MB) | memory ratio |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const s = (x: Stats | null) => (x ? `${fmtMs(x.min)} / ${fmtMs(x.median)} / ${fmtMs(x.max)}` : "n/a");
    console.log(
      `| ${r.name} | ${s(r.ours)} | ${s(r.nix)} | ${r.ratio?.toFixed(2) ?? "n/a"} | ${fmtMs(r.inProcCold.median)} / ${fmtMs(r.inProc.median)} | ${fmtMb(r.oursRssKb)} / ${fmtMb(r.nixRssKb)} | ${r.memRatio?.toFixed(2) ?? "n/a"} |`,
    );
  }
  if (opts.baseline) {
    console.log("");
    console.log(`before: ${opts.baseline}`);
    console.log(
      "| workload | before min / median / max (ms) | after min / median / max (ms) | Nix median (ms) | ratio before → after | peak RSS before → after (MB) |",
    );
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const r of rows) {
      const s = (x: Stats) => `${fmtMs(x.min)} / ${fmtMs(x.median)} / ${fmtMs(x.max)}`;
      const b = r.baseline!;
      console.log(
        `| ${r.name} | ${s(b.ms)} | ${s(r.ours)} | ${r.nix ? fmtMs(r.nix.median) : "n/a"} | ${b.ratio?.toFixed(2) ?? "n/a"} → ${r.ratio?.toFixed(2) ?? "n/a"} | ${fmtMb(b.rssKb)} → ${fmtMb(r.oursRssKb)} |`,
      );
    }
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), reps: opts.reps, rows }, null, 2) + "\n");

  if (opts.profile) {
    mkdirSync(opts.profile, { recursive: true });
    for (const w of workloads) {
      const dir = join(opts.profile, w.name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      spawnSync(
        process.execPath,
        ["--stack-size=3900", "--cpu-prof", `--cpu-prof-dir=${dir}`, HM_NIX_MAIN, "instantiate", "--eval", "--strict", "-E", w.expr],
        {
          stdio: "ignore",
        },
      );
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) continue;
      console.log(`\nprofile ${w.name} (${join(dir, file)}):`);
      console.log(summariseProfile(readFileSync(join(dir, file), "utf8"), ROOT, 15));
    }
  }
  return 0;
}

if (process.argv[2] === "--eval-once") evalOnceChild(process.argv[3] ?? "null");
else process.exitCode = await main();
