/**
 * Module-system benchmark: 200 generated Nix modules declaring 5,000 options of
 * mixed types (bool, int, str, lists, attribute sets, submodules) with
 * `mkIf`, `mkDefault`/`mkForce`, `mkBefore`/`mkAfter` and cross-references,
 * evaluated with `evalModules` and forced deeply — by real Nix running the
 * nixpkgs.lib checkout's own `lib.evalModules`, and by `bin/hm-nix` with the
 * same `import CHECKOUT/lib` served by our TypeScript lib (`--lib-override`).
 * Whole-process wall time, alternately, N runs each; the checkout is taken
 * from `NIXPKGS_LIB` (a nix-community/nixpkgs.lib checkout). `--baseline CMD`
 * (or `BENCH_BASELINE`): an older `hm-nix` timed in the same rounds.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MODULES = 200;
const OPTIONS_PER_MODULE = 25;

function optionDecl(j: number): string {
  const d = `description = "option ${j}";`;
  switch (j % 6) {
    case 0:
      return `o${j} = mkOption { type = types.bool; default = false; ${d} };`;
    case 1:
      return `o${j} = mkOption { type = types.int; default = ${j}; ${d} };`;
    case 2:
      return `o${j} = mkOption { type = types.str; default = "s${j}"; ${d} };`;
    case 3:
      return `o${j} = mkOption { type = types.listOf types.str; default = [ ]; ${d} };`;
    case 4:
      return `o${j} = mkOption { type = types.attrsOf types.int; default = { }; ${d} };`;
    default:
      return `o${j} = mkOption { type = types.attrsOf (types.submodule { options.x = mkOption { type = types.int; default = 1; }; options.y = mkOption { type = types.str; default = "y"; }; }); default = { }; ${d} };`;
  }
}

function moduleText(i: number): string {
  const prev = (i + MODULES - 1) % MODULES;
  const opts = Array.from({ length: OPTIONS_PER_MODULE }, (_, j) => `    ${optionDecl(j)}`);
  return [
    "{ config, lib, ... }:",
    `let inherit (lib) mkOption mkIf mkDefault mkForce mkMerge mkBefore mkAfter types; cfg = config.m${i}; in {`,
    `  options.m${i} = {`,
    ...opts,
    "  };",
    "  config = mkMerge [",
    `    { m${i}.o0 = mkDefault true; m${i}.o3 = [ "a${i}" ]; m${i}.o4.k${i} = ${i}; }`,
    `    (mkIf config.m${prev}.o0 { m${i}.o9 = mkBefore [ "b${i}" ]; m${i}.o1 = mkForce 7; m${i}.o5.e${i} = { x = 2; }; m${i}.o11.f${i}.y = "z"; })`,
    `    { m${i}.o2 = "v" + toString cfg.o1; m${i}.o15 = mkAfter [ "c" ]; m${i}.o10.q = config.m${prev}.o1; }`,
    "  ];",
    "}",
    "",
  ].join("\n");
}

/** Write the modules and an entry `eval.nix { lib }` into a fresh directory. */
export function generateModules(): string {
  const dir = mkdtempSync(join(tmpdir(), "hm-bench-modules-"));
  mkdirSync(join(dir, "mods"));
  const names: string[] = [];
  for (let i = 0; i < MODULES; i++) {
    writeFileSync(join(dir, "mods", `m${i}.nix`), moduleText(i));
    names.push(`./mods/m${i}.nix`);
  }
  writeFileSync(
    join(dir, "eval.nix"),
    `{ lib }:\nlet r = lib.evalModules { modules = [ ${names.join(" ")} ]; }; in\nbuiltins.deepSeq r.config (builtins.length (builtins.attrNames r.config))\n`,
  );
  return dir;
}

function timeRun(cmd: string, args: string[]): { ms: number; out: string; ok: boolean } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return { ms: performance.now() - t, out: (r.stdout ?? "").trim(), ok: r.status === 0 };
}

function stats(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

function main(): number {
  const checkout = process.env.NIXPKGS_LIB;
  if (!checkout || !existsSync(join(checkout, "lib/default.nix"))) {
    console.log("modules benchmark: skipped (set NIXPKGS_LIB to a nix-community/nixpkgs.lib checkout)");
    return 0;
  }
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const dir = generateModules();
  const libDir = resolve(checkout, "lib");
  const file = join(dir, "eval.nix");
  const argLib = ["--arg", "lib", `import ${libDir}`];
  const baseline = process.argv.includes("--baseline")
    ? resolve(process.argv[process.argv.indexOf("--baseline") + 1] ?? "")
    : process.env.BENCH_BASELINE
      ? resolve(process.env.BENCH_BASELINE)
      : null;
  const ours: number[] = [];
  const nix: number[] = [];
  const base: number[] = [];
  let oursOut = "";
  let nixOut = "";
  for (let i = 0; i < reps; i++) {
    const a = timeRun(join(ROOT, "bin/hm-nix"), ["instantiate", "--eval", "--lib-override", libDir, ...argLib, file]);
    if (!a.ok) throw new Error(`hm-nix failed on the module benchmark: ${a.out}`);
    ours.push(a.ms);
    oursOut = a.out;
    const b = timeRun("nix-instantiate", ["--eval", ...argLib, file]);
    if (b.ok) {
      nix.push(b.ms);
      nixOut = b.out;
    }
    if (baseline) {
      const c = timeRun(baseline, ["instantiate", "--eval", "--lib-override", libDir, ...argLib, file]);
      if (!c.ok) throw new Error(`the baseline failed on the module benchmark: ${c.out}`);
      base.push(c.ms);
    }
  }
  const o = stats(ours);
  const fmt = (s: { min: number; median: number; max: number }) => `${s.min.toFixed(0)} / ${s.median.toFixed(0)} / ${s.max.toFixed(0)} ms`;
  console.log(`modules (${MODULES} modules, ${MODULES * OPTIONS_PER_MODULE} options): ours ${fmt(o)} (result ${oursOut})`);
  if (nix.length > 0) {
    const n = stats(nix);
    console.log(`modules: nix ${fmt(n)} (result ${nixOut}); ratio of medians ours/nix ${(o.median / n.median).toFixed(2)} (target ≤ 0.5)`);
    if (oursOut !== nixOut) console.log("modules: RESULTS DIFFER");
  } else console.log("modules: nix-instantiate not available; our figures only");
  if (baseline) {
    const b = stats(base);
    const ratio = nix.length > 0 ? ` (ratio ${(b.median / stats(nix).median).toFixed(2)})` : "";
    console.log(`modules: before (${baseline}) ${fmt(b)}${ratio}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
