/**
 * Runner for Nix's own language tests (`tests/functional/lang` of a NixOS/nix
 * checkout). Each case runs the real `bin/hm-nix instantiate` as Nix's
 * `lang.sh` runs `nix-instantiate`: same flags, same environment, same working
 * directory, output with the working directory replaced by `/pwd`.
 * eval-okay must print the `.exp` text; eval-fail must fail; parse-okay must
 * parse; parse-fail must not. Where Nix's expected error text exists, matching
 * it is reported as an extra, informational figure.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HM_NIX = join(ROOT, "bin/hm-nix");
const SKIPS_FILE = join(ROOT, "conformance/nix-lang-skips.txt");

type Category = "eval-okay" | "eval-fail" | "parse-okay" | "parse-fail";
const CATEGORIES: Category[] = ["eval-okay", "eval-fail", "parse-okay", "parse-fail"];

interface Result {
  name: string;
  category: Category;
  status: "passed" | "failed" | "skipped";
  detail?: string;
  /** For fail/parse cases: did our message equal Nix's expected one? */
  messageMatches?: boolean;
}

interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(args: string[], cwd: string, stdin: string | null, timeoutMs: number): Promise<RunOutput> {
  return new Promise((done) => {
    const child = spawn(HM_NIX, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        NIX_PATH: "lang/dir3:lang/dir4",
        HOME: "/fake-home",
        TEST_VAR: "foo",
        NIX_STORE_DIR: "/nix/store",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut });
    });
    child.stdin.end(stdin ?? "");
  });
}

function readFlags(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .replace(/#.*/g, "")
    .split(/\s+/)
    .filter((x) => x !== "");
}

function loadSkips(): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(SKIPS_FILE)) return m;
  for (const line of readFileSync(SKIPS_FILE, "utf8").split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const [name, ...reason] = t.split(/\s+/);
    m.set(name!, reason.join(" "));
  }
  return m;
}

async function runCase(dir: string, name: string, category: Category): Promise<Result> {
  const base = resolve(dir, "..");
  const lang = (ext: string) => join(dir, `${name}.${ext}`);
  const pwdFix = (s: string) => s.split(base).join("/pwd");
  const timeout = 30_000;
  const r: Result = { name, category, status: "failed" };
  if (category === "parse-okay" || category === "parse-fail") {
    const out = await run(["instantiate", "--parse", "-"], base, readFileSync(lang("nix"), "utf8"), timeout);
    if (out.timedOut) return { ...r, detail: "timed out" };
    if (category === "parse-okay") {
      if (out.code !== 0) return { ...r, detail: out.stderr.trim().split("\n").slice(0, 3).join(" | ") };
      if (existsSync(lang("exp"))) r.messageMatches = pwdFix(out.stdout) === readFileSync(lang("exp"), "utf8");
      return { ...r, status: "passed" };
    }
    if (out.code !== 1) return { ...r, detail: `exit code ${out.code}` };
    if (existsSync(lang("err.exp"))) r.messageMatches = pwdFix(out.stderr) === readFileSync(lang("err.exp"), "utf8");
    return { ...r, status: "passed" };
  }
  if (category === "eval-fail") {
    // Nix's test harness turns show-trace on globally; a case's flags may turn it off.
    const flags = ["--show-trace", ...(existsSync(lang("flags")) ? readFlags(lang("flags")) : ["--eval", "--strict"])];
    const out = await run(["instantiate", ...flags, `lang/${name}.nix`], base, null, timeout);
    if (out.timedOut) return { ...r, detail: "timed out" };
    if (out.code !== 1) return { ...r, detail: `exit code ${out.code}: ${out.stdout.slice(0, 200)}` };
    if (existsSync(lang("err.exp"))) r.messageMatches = pwdFix(out.stderr) === readFileSync(lang("err.exp"), "utf8");
    return { ...r, status: "passed" };
  }
  // eval-okay
  if (existsSync(lang("exp-disabled"))) return { ...r, status: "skipped", detail: "disabled upstream (.exp-disabled)" };
  const xml = existsSync(lang("exp.xml"));
  const flags = xml ? ["--eval", "--xml", "--no-location", "--strict"] : [...readFlags(lang("flags")), "--eval", "--strict"];
  const out = await run(["instantiate", ...flags, `lang/${name}.nix`], base, null, timeout);
  if (out.timedOut) return { ...r, detail: "timed out" };
  if (out.code !== 0) return { ...r, detail: out.stderr.trim().split("\n").slice(0, 4).join(" | ") };
  const expected = readFileSync(xml ? lang("exp.xml") : lang("exp"), "utf8");
  const got = pwdFix(out.stdout);
  if (got !== expected)
    return { ...r, detail: `expected ${JSON.stringify(expected.slice(0, 300))}, got ${JSON.stringify(got.slice(0, 300))}` };
  return { ...r, status: "passed" };
}

/** Run all cases under DIR; print per-category lines and the closing `N passed, M failed`. */
export async function nixLang(dir: string, opts: { only?: string[]; verbose?: boolean; jobs?: number }): Promise<number> {
  const langDir = existsSync(join(dir, "tests/functional/lang")) ? join(dir, "tests/functional/lang") : dir;
  const skips = loadSkips();
  const cases: { name: string; category: Category }[] = [];
  for (const f of readdirSync(langDir).sort()) {
    if (!f.endsWith(".nix")) continue;
    const name = f.slice(0, -4);
    const category = CATEGORIES.find((c) => name.startsWith(c + "-"));
    if (!category) continue;
    if (opts.only && !opts.only.some((o) => name.includes(o))) continue;
    cases.push({ name, category });
  }
  const results: Result[] = new Array(cases.length);
  let next = 0;
  const jobs = opts.jobs ?? 4;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i]!;
        const reason = skips.get(c.name);
        results[i] = reason !== undefined ? { ...c, status: "skipped", detail: reason } : await runCase(langDir, c.name, c.category);
      }
    }),
  );
  let passed = 0;
  let failed = 0;
  for (const cat of CATEGORIES) {
    const rs = results.filter((r) => r.category === cat);
    const p = rs.filter((r) => r.status === "passed").length;
    const f = rs.filter((r) => r.status === "failed").length;
    const s = rs.filter((r) => r.status === "skipped").length;
    const withMsg = rs.filter((r) => r.messageMatches !== undefined);
    const msg = withMsg.length
      ? ` (expected output text matched in ${withMsg.filter((r) => r.messageMatches).length} of ${withMsg.length})`
      : "";
    for (const r of rs) {
      if (r.status === "failed") console.log(`FAIL ${r.name}: ${r.detail ?? ""}`);
      else if (opts.verbose && r.status === "skipped") console.log(`SKIP ${r.name}: ${r.detail ?? ""}`);
    }
    console.log(`${cat}: ${p} passed, ${f} failed, ${s} skipped${msg}`);
    passed += p;
    failed += f;
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
