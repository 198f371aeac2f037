/**
 * Fuzz test: seed Nix texts are mutated thousands of times (gen/mutate.ts) and
 * each result is parsed, evaluated strictly and printed in a worker thread with
 * a time limit (gen/worker-pool.ts). The only acceptable outcomes are a value
 * or a NixError: any other JS exception (TypeError, RangeError from a stack
 * overflow, …), a worker crash or a hang (no answer within FUZZ_HANG_MS,
 * default 2 s) fails the test.
 *
 * Seeds: test/nix/cases/*.nix, Nix's own language tests when a checkout is at
 * /work/upstream/NixOS+nix (or FUZZ_UPSTREAM=DIR; CI has none), and generated
 * expressions (gen/expr-gen.ts). A fixed list of deep-structure cases (a
 * million-element list, recursion 10,000 deep, 100,000-deep nested values
 * through deepSeq/toJSON, 10,000 nested brackets, …) runs with a larger time
 * limit.
 *
 * Environment: FUZZ_SEED (default: fixed under CI, random otherwise; printed),
 * FUZZ_COUNT (mutations, default 5000), FUZZ_HANG_MS, FUZZ_SAVE=DIR (write the
 * failing inputs there).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { generateCases } from "./gen/expr-gen.js";
import { mutate } from "./gen/mutate.js";
import { Rng, seedFromEnv } from "./gen/rng.js";
import { WorkerPool, type PoolResult } from "./gen/worker-pool.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES_DIR = resolve(HERE, "../../../test/nix/cases");
const WORKER = new URL("./gen/fuzz-worker.js", import.meta.url);

interface Seed {
  readonly text: string;
  /** File the text pretends to be (imports resolve next to it). */
  readonly path: string;
}

/** Builtins that reach outside (network, processes); seeds using them are left out. */
const UNSAFE = /\bfetch|\bexec\b|importNative|\bderivation\b/;

function loadSeeds(): { seeds: Seed[]; upstream: number } {
  const seeds: Seed[] = [];
  const addDir = (dir: string): number => {
    let n = 0;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".nix")) continue;
      const path = join(dir, f);
      const text = readFileSync(path, "utf8");
      if (UNSAFE.test(text) || text.length > 20_000) continue;
      seeds.push({ text, path });
      n++;
    }
    return n;
  };
  addDir(CASES_DIR);
  const up = process.env.FUZZ_UPSTREAM ?? "/work/upstream/NixOS+nix";
  const langDir = existsSync(join(up, "tests/functional/lang")) ? join(up, "tests/functional/lang") : up;
  const upstream = existsSync(langDir) && langDir !== CASES_DIR ? addDir(langDir) : 0;
  // Generated expressions: well-formed programs exercising most of the language.
  for (const c of generateCases(7, 300, 4)) seeds.push({ text: c.expr.s, path: join(CASES_DIR, "generated.nix") });
  return { seeds, upstream };
}

/** Deep and large structures: each must give a value or a NixError. */
const DEEP_CASES: readonly (readonly [string, string])[] = [
  ["1e6-element list", "builtins.length (builtins.genList (x: x) 1000000)"],
  ["foldl' over 1e6", "builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)"],
  ["print a 1e5-element list", "builtins.genList (x: x) 100000"],
  ["recursion 10,000 deep", "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 10000"],
  ["recursion 1,000,000 deep", "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000000"],
  [
    "deepSeq of a 100,000-deep list",
    "let l = builtins.foldl' (acc: x: [ acc ]) [ ] (builtins.genList (x: x) 100000); in builtins.deepSeq l true",
  ],
  [
    "toJSON of a 100,000-deep list",
    "let l = builtins.foldl' (acc: x: [ acc ]) [ ] (builtins.genList (x: x) 100000); in builtins.stringLength (builtins.toJSON l)",
  ],
  [
    "deepSeq of a 100,000-deep set",
    "let s = builtins.foldl' (acc: x: { a = acc; }) { } (builtins.genList (x: x) 100000); in builtins.deepSeq s true",
  ],
  [
    "toJSON of a 100,000-deep set",
    "let s = builtins.foldl' (acc: x: { a = acc; }) { } (builtins.genList (x: x) 100000); in builtins.stringLength (builtins.toJSON s)",
  ],
  ["print a 100,000-deep set", "builtins.foldl' (acc: x: { a = acc; }) { } (builtins.genList (x: x) 100000)"],
  ["compare 100,000-deep lists", "let l = builtins.foldl' (acc: x: [ acc ]) [ ] (builtins.genList (x: x) 100000); in l == l"],
  [
    "lazy chain 100,000 deep",
    "let ys = builtins.foldl' (acc: x: [ (builtins.head acc + 1) ]) [ 0 ] (builtins.genList (x: x) 100000); in builtins.head ys",
  ],
  ["closure chain 100,000 deep", "let f = builtins.foldl' (acc: x: (y: acc y + 1)) (y: 0) (builtins.genList (x: x) 100000); in f 0"],
  ["10,000 nested [", "[".repeat(10000) + "]".repeat(10000)],
  ["10,000 nested (", "(".repeat(10000) + "1" + ")".repeat(10000)],
  ["10,000 unclosed [", "[".repeat(10000)],
  ["10,000 nested sets", "{ a = ".repeat(10000) + "1" + "; }".repeat(10000)],
  ["10,000 nested lets", "let a = 1; in ".repeat(10000) + "a"],
  ["10,000 nested withs", "with { a = 1; }; ".repeat(10000) + "a"],
  ["10,000 nested lambdas", "x: ".repeat(10000) + "x"],
  ["10,000 nested interpolations", '"${'.repeat(10000) + '"x"' + '}"'.repeat(10000)],
  ["10,000 unary minus", "-".repeat(10000) + "1"],
  ["10,000 negations", "!".repeat(10000) + "true"],
  ["100,000-term sum", "1" + " + 1".repeat(100000)],
  ["10,000-term ++ chain", "builtins.length (" + "[ 1 ] ++ ".repeat(10000) + "[ ])"],
  ["10,000-term // chain", "builtins.length (builtins.attrNames (" + "{ a = 1; } // ".repeat(10000) + "{ }))"],
  ["select path 10,000 long", "let s = { a = s; }; in s" + ".a".repeat(10000)],
  ["10,000 nested ifs", "if true then ".repeat(10000) + "1" + " else 0".repeat(10000)],
  ["string of 1e6 characters", 'builtins.stringLength (builtins.concatStringsSep "" (builtins.genList (x: "x") 1000000))'],
  ["sort 100,000", "builtins.length (builtins.sort (a: b: a < b) (builtins.genList (x: 100000 - x) 100000))"],
  ["infinite recursion", "let x = x; in x"],
  ["self-referencing set", "let s = { a = s; }; in builtins.deepSeq s true"],
  ["huge genList", "builtins.length (builtins.genList (x: x) 10000000000)"],
  ["huge genList (int64 max)", "builtins.genList (x: x) 9223372036854775807"],
];

function defaultSeed(): number {
  return process.env.CI ? 424242 : Math.floor(Math.random() * 2 ** 31);
}

interface Failure {
  readonly label: string;
  readonly text: string;
  readonly result: PoolResult;
}

function isFailure(r: PoolResult): boolean {
  return r.kind === "js-error" || r.kind === "hang" || r.kind === "crash";
}

function preview(text: string): string {
  const t = text.length > 300 ? text.slice(0, 150) + ` …[${text.length} chars]… ` + text.slice(-100) : text;
  return t.replace(/\n/g, "⏎");
}

function summarise(title: string, results: PoolResult[], ms: number): string {
  const count = (k: PoolResult["kind"]) => results.filter((r) => r.kind === k).length;
  return `${title}: ${results.length} cases in ${(ms / 1000).toFixed(1)}s: ${count("value")} values, ${count("nix-error")} NixErrors, ${count("js-error")} JS exceptions, ${count("hang")} hangs, ${count("crash")} crashes`;
}

/** What kind of failure this is: outcome, error name and the source file of the innermost frame. */
function signature(r: PoolResult): string {
  const [head = "", ...stack] = r.detail.split("\n");
  const name = head.split(":")[0];
  const file = stack.map((l) => /\/([\w-]+\.js):\d+:\d+\)?$/.exec(l)?.[1]).find((f) => f !== undefined) ?? "?";
  return r.kind === "js-error" ? `${name} in ${file}` : r.kind;
}

/** Failures grouped by signature, each with its count and smallest input. */
function report(failures: Failure[]): string {
  const dir = process.env.FUZZ_SAVE;
  if (dir) mkdirSync(dir, { recursive: true });
  const groups = new Map<string, Failure[]>();
  failures.forEach((f, i) => {
    if (dir) writeFileSync(join(dir, `failure-${i}-${f.result.kind}.nix`), f.text);
    const k = signature(f.result);
    groups.set(k, [...(groups.get(k) ?? []), f]);
  });
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([sig, fs]) => {
      const f = fs.reduce((a, b) => (b.text.length < a.text.length ? b : a));
      const detail = f.result.detail.split("\n").slice(0, 4).join(" | ");
      return `- ${fs.length} × ${sig}\n    e.g. ${f.label} [${f.result.ms.toFixed(0)} ms]: ${detail}\n    input: ${preview(f.text)}`;
    })
    .join("\n");
}

test("fuzz: deep and large structures end in a value or a NixError", { timeout: 600_000 }, async () => {
  const pool = new WorkerPool(WORKER, { size: 2 });
  const t0 = performance.now();
  try {
    const results = await Promise.all(DEEP_CASES.map(([, text]) => pool.run(text, join(CASES_DIR, "deep.nix"), CASES_DIR, 30_000)));
    const lines = DEEP_CASES.map(
      ([label], i) =>
        `  ${label}: ${results[i]!.kind}${results[i]!.kind === "nix-error" ? ` (${results[i]!.detail})` : ""}, ${results[i]!.ms.toFixed(0)} ms`,
    );
    console.log(summarise("fuzz deep cases", results, performance.now() - t0) + "\n" + lines.join("\n"));
    const failures = DEEP_CASES.flatMap(([label, text], i) => (isFailure(results[i]!) ? [{ label, text, result: results[i]! }] : []));
    assert.equal(failures.length, 0, `deep-structure cases failed:\n${report(failures)}`);
  } finally {
    await pool.close();
  }
});

test("fuzz: mutated sources end in a value or a NixError", { timeout: 600_000 }, async () => {
  const seed = seedFromEnv("FUZZ_SEED", defaultSeed);
  const count = Number(process.env.FUZZ_COUNT ?? 5000);
  const hangMs = Number(process.env.FUZZ_HANG_MS ?? 2000);
  const { seeds, upstream } = loadSeeds();
  const rng = new Rng(seed);
  const inputs: { label: string; text: string; seed: Seed }[] = [];
  for (let i = 0; i < count; i++) {
    const s = rng.pick(seeds);
    const donor = rng.pick(seeds).text;
    const m = mutate(rng, s.text, donor);
    inputs.push({ label: `#${i} ${m.name} of ${s.path.split("/").pop()}`, text: m.text, seed: s });
  }
  const pool = new WorkerPool(WORKER, { size: 2 });
  const t0 = performance.now();
  try {
    const results = await Promise.all(inputs.map((c) => pool.run(c.text, c.seed.path, dirname(c.seed.path), hangMs)));
    const failures = inputs.flatMap((c, i) => (isFailure(results[i]!) ? [{ label: c.label, text: c.text, result: results[i]! }] : []));
    console.log(
      `${summarise("fuzz mutations", results, performance.now() - t0)} (FUZZ_SEED=${seed}, ${seeds.length} seeds of which ${upstream} upstream, ${pool.restarts} worker restarts)`,
    );
    if (failures.length) console.log(report(failures));
    assert.equal(failures.length, 0, `${failures.length} mutated inputs ended in a JS exception, a crash or a hang (FUZZ_SEED=${seed})`);
  } finally {
    await pool.close();
  }
});
