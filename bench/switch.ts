/**
 * Switch benchmark, whole processes side by side in one run:
 * - a no-op `bin/home-manager switch` (nothing changed) against `node -e ''`
 *   (target: at most 3×);
 * - a first `switch` of 2,000 `home.file` entries into an empty home against
 *   GNU Stow linking the same 2,000 files (`stow --no-folding`, one link per
 *   file as we make, and plain `stow`, which may link whole directories)
 *   (target: ratio at most 1.0).
 * The configuration is handed over as an evaluated generation
 * (`HOME_MANAGER_GENERATION_JSON`), so this measures build and activation,
 * not evaluation.
 *
 * Fairness: on ext4 without a journal (this VM's disk), creating an inode
 * right after many were deleted is slow (the allocator skips every inode
 * freed in the last minute, one look-up each), so whichever command runs
 * first after a clean-up pays for it. The scratch trees are therefore all
 * removed at the end, not between repetitions, and the order of our switch
 * and Stow alternates from one repetition to the next.
 * `BENCH_REPS` (default 5) sets the repetitions.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HM = join(ROOT, "bin/home-manager");
const FILES = 2000;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): { ms: number; ok: boolean; out: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, cwd, encoding: "utf8" });
  return { ms: performance.now() - t, ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A scratch home with a configuration of `FILES` text files spread over 20 directories. */
function scratch(): { root: string; home: string; env: NodeJS.ProcessEnv; source: string } {
  const root = mkdtempSync(join(tmpdir(), "hm-bench-switch-"));
  const home = join(root, "home");
  mkdirSync(join(home, ".config/home-manager"), { recursive: true });
  mkdirSync(join(home, ".local/state"), { recursive: true });
  writeFileSync(join(home, ".config/home-manager/home.nix"), "{ }\n");
  const files = Array.from({ length: FILES }, (_, i) => ({ target: `.bench/d${i % 20}/f${i}`, text: `file ${i}\n` }));
  const gen = { username: "bench", homeDirectory: home, stateVersion: "24.11", files };
  const json = join(root, "generation.json");
  writeFileSync(json, JSON.stringify(gen));
  // The same tree as a Stow package.
  const source = join(root, "stow", "pkg");
  for (const f of files) {
    mkdirSync(dirname(join(source, f.target)), { recursive: true });
    writeFileSync(join(source, f.target), f.text);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USER: "bench",
    XDG_STATE_HOME: join(home, ".local/state"),
    HOME_MANAGER_GENERATION_JSON: json,
  };
  delete env.XDG_CONFIG_HOME;
  return { root, home, env, source };
}

function main(): number {
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const first: number[] = [];
  const noop: number[] = [];
  const nodeEmpty: number[] = [];
  const stowNoFold: number[] = [];
  const stowFold: number[] = [];
  const haveStow = spawnSync("stow", ["--version"]).status === 0;
  const roots: string[] = [];
  try {
    measure();
  } finally {
    for (const r of roots) if (existsSync(r)) rmSync(r, { recursive: true, force: true });
  }

  function measure(): void {
    for (let i = 0; i < reps; i++) {
      const s = scratch();
      roots.push(s.root);
      const stow = (): void => {
        if (!haveStow) return;
        const t1 = join(s.root, "t1");
        const t2 = join(s.root, "t2");
        mkdirSync(t1);
        mkdirSync(t2);
        stowNoFold.push(run("stow", ["--no-folding", "-d", join(s.root, "stow"), "-t", t1, "pkg"], process.env).ms);
        stowFold.push(run("stow", ["-d", join(s.root, "stow"), "-t", t2, "pkg"], process.env).ms);
      };
      if (i % 2 === 1) stow();
      const a = run(HM, ["switch"], s.env);
      if (!a.ok) throw new Error(`first switch failed: ${a.out.slice(0, 500)}`);
      first.push(a.ms);
      const b = run(HM, ["switch"], s.env);
      if (!b.ok) throw new Error(`no-op switch failed: ${b.out.slice(0, 500)}`);
      noop.push(b.ms);
      nodeEmpty.push(run(process.execPath, ["-e", ""], process.env).ms);
      if (i % 2 === 0) stow();
    }
  }
  const f = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    `switch: no-op ${f(median(noop))}, node -e '' ${f(median(nodeEmpty))}, ratio ${(median(noop) / median(nodeEmpty)).toFixed(2)} (target ≤ 3)`,
  );
  console.log(`switch: first switch of ${FILES} files ${f(median(first))}`);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  console.log(`switch: runs (ms): first switch ${list(first)}; no-op ${list(noop)}; stow --no-folding ${list(stowNoFold)}`);
  if (haveStow) {
    console.log(
      `switch: stow --no-folding ${f(median(stowNoFold))} (ratio ${(median(first) / median(stowNoFold)).toFixed(2)}), stow ${f(median(stowFold))} (ratio ${(median(first) / median(stowFold)).toFixed(2)}) (target ≤ 1.0)`,
    );
  } else console.log("switch: GNU Stow not installed; no comparison");
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
