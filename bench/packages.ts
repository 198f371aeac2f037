/**
 * Package benchmark, whole processes side by side in one run:
 * - a configuration of 50 packages (a generated nixpkgs-like tree of 50
 *   small derivations), `home-manager build` on the Nix backend: the first
 *   build (empty package cache; must make exactly one `nix-build` call) and
 *   a rebuild with nothing changed (must make none), next to `nix-build` of
 *   the same 50 attributes (already built, so it measures evaluation and
 *   checks, as our cold build does);
 * - `home-manager build` of the manual's Configuration Example
 *   (examples/home.nix) on each backend (nix, host, stub), cold (fresh
 *   state) and with nothing changed (target for the unchanged rebuild:
 *   under 300 ms).
 * `nix-build` calls are counted by a wrapper first on `PATH`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HM = join(ROOT, "bin/home-manager");
const N = 50;

function which(name: string): string | undefined {
  for (const d of (process.env.PATH ?? "").split(":")) if (d !== "" && existsSync(join(d, name))) return join(d, name);
  return undefined;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): { ms: number; ok: boolean; out: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: "utf8" });
  return { ms: performance.now() - t, ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A nixpkgs-like tree with `pkg1` … `pkg50`, each a tiny derivation built by /bin/sh. */
function packageTree(root: string): string {
  const dir = join(root, "nixpkgs");
  mkdirSync(join(dir, "pkgs/top-level"), { recursive: true });
  const pkgs = Array.from({ length: N }, (_, i) => `  pkg${i + 1} = mk "pkg${i + 1}";`).join("\n");
  writeFileSync(
    join(dir, "pkgs/top-level/all-packages.nix"),
    `{ system ? builtins.currentSystem, ... }:
let
  mk = pname: derivation {
    name = "\${pname}-1.0"; inherit system; builder = "/bin/sh"; allowSubstitutes = false; preferLocalBuild = true;
    args = [ "-c" "/bin/mkdir -p $out/bin && echo 'echo \${pname}' > $out/bin/\${pname} && /bin/chmod +x $out/bin/\${pname}" ];
  } // { inherit pname; version = "1.0"; };
in {
${pkgs}
  # Home Manager's i18n module asks for it on Linux.
  glibcLocales = derivation {
    name = "glibc-locales-2.40"; inherit system; builder = "/bin/sh"; allowSubstitutes = false;
    args = [ "-c" "/bin/mkdir -p $out/lib/locale && : > $out/lib/locale/locale-archive" ];
  } // { pname = "glibc-locales"; version = "2.40"; };
}
`,
  );
  writeFileSync(join(dir, "default.nix"), "{ ... }@args: import ./pkgs/top-level/all-packages.nix args\n");
  return dir;
}

function home(root: string, name: string, config: string): { env: NodeJS.ProcessEnv; calls: () => number } {
  const h = join(root, name);
  mkdirSync(join(h, ".config/home-manager"), { recursive: true });
  mkdirSync(join(h, ".local/state"), { recursive: true });
  writeFileSync(join(h, ".config/home-manager/home.nix"), config.replace("@HOME@", h));
  const bin = join(root, `${name}-bin`);
  mkdirSync(bin);
  const log = join(root, `${name}-calls`);
  const real = which("nix-build");
  if (real !== undefined) writeFileSync(join(bin, "nix-build"), `#!/bin/sh\necho x >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: h,
    USER: "bench",
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    XDG_STATE_HOME: join(h, ".local/state"),
  };
  delete env.XDG_CONFIG_HOME;
  delete env.HOME_MANAGER_PACKAGES;
  return {
    env,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter((l) => l !== "").length
        : 0,
  };
}

function main(): number {
  if (which("nix-build") === undefined) {
    console.log("packages: nix-build is not installed; skipped");
    return 0;
  }
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const root = mkdtempSync(join(tmpdir(), "hm-bench-pkgs-"));
  try {
    const tree = packageTree(root);
    const attrs = Array.from({ length: N }, (_, i) => `pkgs.pkg${i + 1}`).join(" ");
    const config = `{ pkgs, ... }: { home.username = "bench"; home.homeDirectory = "@HOME@"; home.stateVersion = "24.11"; home.packages = [ ${attrs} ]; }\n`;
    // Build the 50 derivations once, so that every measurement below finds them in the store.
    const nixArgs = ["--no-out-link", tree, ...Array.from({ length: N }, (_, i) => ["-A", `pkg${i + 1}`]).flat()];
    if (!run("nix-build", nixArgs, process.env).ok) throw new Error("nix-build of the package tree failed");
    const cold: number[] = [];
    const warm: number[] = [];
    const peer: number[] = [];
    let coldCalls = 0;
    let warmCalls = 0;
    for (let i = 0; i < reps; i++) {
      const h = home(root, `h50-${i}`, config);
      const env = { ...h.env, NIX_PATH: `nixpkgs=${tree}` };
      const a = run(HM, ["build", "--no-out-link"], env);
      if (!a.ok) throw new Error(`first build failed: ${a.out.slice(0, 800)}`);
      cold.push(a.ms);
      coldCalls = h.calls();
      const b = run(HM, ["build", "--no-out-link"], env);
      if (!b.ok) throw new Error(`rebuild failed: ${b.out.slice(0, 800)}`);
      warm.push(b.ms);
      warmCalls = h.calls() - coldCalls;
      peer.push(run("nix-build", nixArgs, process.env).ms);
    }
    const f = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `packages: ${N} packages, first build ${f(median(cold))} (${coldCalls} nix-build call), unchanged rebuild ${f(median(warm))} (${warmCalls} calls); ` +
        `nix-build of the same ${N} attributes ${f(median(peer))}; ratios ${(median(cold) / median(peer)).toFixed(2)} and ${(median(warm) / median(peer)).toFixed(2)}`,
    );

    // The manual's Configuration Example on each backend.
    const example = readFileSync(join(ROOT, "examples/home.nix"), "utf8");
    for (const backend of ["nix", "host", "stub"]) {
      const c: number[] = [];
      const w: number[] = [];
      let failed = "";
      for (let i = 0; i < reps; i++) {
        const h = home(root, `ex-${backend}-${i}`, example);
        const env = { ...h.env, NIX_PATH: `nixpkgs=${join(ROOT, "examples/nixpkgs")}`, USER: "bench" };
        const a = run(HM, ["-f", join(ROOT, "examples/home.nix"), "build", "--no-out-link", "--packages", backend], env);
        if (!a.ok) {
          failed = a.out.split("\n")[0] ?? "";
          break;
        }
        c.push(a.ms);
        w.push(run(HM, ["-f", join(ROOT, "examples/home.nix"), "build", "--no-out-link", "--packages", backend], env).ms);
      }
      if (failed !== "") console.log(`packages: Configuration Example, ${backend} backend: build fails here (${failed.slice(0, 120)})`);
      else
        console.log(
          `packages: Configuration Example, ${backend} backend: cold ${f(median(c))}, unchanged ${f(median(w))} (target < 300 ms)`,
        );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
