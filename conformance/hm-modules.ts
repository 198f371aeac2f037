/**
 * `npm run conformance -- hm-modules DIR [--only NAME,...] [--jobs N] [--verbose]`:
 * Home Manager's own test suite (`tests/modules/**` of the checkout DIR) run
 * against our module catalog. Discovery follows `tests/default.nix` on
 * Linux (`hm-modules/discover.ts`); every case is evaluated with our module
 * system and catalog plus our test framework, built into a scratch
 * generation and checked by its `nmt.script` in bash
 * (`hm-modules/run-case.ts`), in worker threads (`hm-modules/pool.ts`);
 * the report (`hm-modules/report.ts`) ends with `N passed, M failed`
 * over the modules we implement. `--only` takes group names
 * (`programs.git`, `services.gpg-agent`, `modules/files` or `files`,
 * `lib/types`, `modules/misc/xdg` — which includes `modules/misc/xdg/linux`)
 * or case names (`git-with-email`). Skips come from
 * conformance/hm-modules-skips.txt (`CASE-NAME REASON` lines).
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { discover, groupSelected } from "./hm-modules/discover.js";
import { runAll, Slot } from "./hm-modules/pool.js";
import { printReport, type CaseResult } from "./hm-modules/report.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SKIPS_FILE = join(ROOT, "../conformance/hm-modules-skips.txt");
/** Per-case time limit (override with HM_MODULES_TIMEOUT_MS). */
const CASE_TIMEOUT_MS = Number(process.env.HM_MODULES_TIMEOUT_MS) || 120_000;

export interface HmModulesOptions {
  readonly only?: readonly string[] | undefined;
  readonly verbose?: boolean;
  readonly jobs?: number | undefined;
  /** Keep each case's scratch directory (HM_MODULES_KEEP=1). */
  readonly keep?: boolean;
  /** Where the report goes (default: stdout). */
  readonly out?: (line: string) => void;
  /** The skip list (default: conformance/hm-modules-skips.txt). */
  readonly skipsFile?: string;
}

function loadSkips(file: string): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(file)) return m;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const sp = t.search(/\s/);
    m.set(sp < 0 ? t : t.slice(0, sp), sp < 0 ? "" : t.slice(sp).trim());
  }
  return m;
}

/** Run the selected cases of the Home Manager checkout `dirArg`; returns the exit status. */
export async function hmModules(dirArg: string, opts: HmModulesOptions): Promise<number> {
  const out = opts.out ?? ((l: string) => console.log(l));
  const dir = realpathSync(resolve(dirArg));
  let groups;
  try {
    groups = discover(dir, opts.only);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  let removeScratch: (dir: string) => void;
  try {
    // Load what the workers load, once, so that a broken build stops the run instead of failing every case.
    ({ removeScratch } = await import("./hm-modules/run-case.js"));
  } catch (e) {
    console.error(`the runner cannot load the implementation: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const skips = loadSkips(opts.skipsFile ?? SKIPS_FILE);
  const tasks: { group: string; file: string; name: string }[] = [];
  const order: string[] = [];
  const groupErrors = [];
  for (const g of groups) {
    const whole = groupSelected(g.name, opts.only);
    const cases = whole ? g.cases : g.cases.filter((c) => opts.only!.includes(c));
    if (g.error !== undefined) {
      if (whole) {
        order.push(g.name);
        groupErrors.push({ group: g.name, error: g.error });
      }
      continue;
    }
    if (cases.length === 0) continue;
    order.push(g.name);
    for (const name of cases) tasks.push({ group: g.name, file: g.file, name });
  }
  // Each case removes its scratch directory; a case whose worker was stopped cannot, so all live in one root.
  const scratchRoot = mkdtempSync(join(tmpdir(), "hm-conformance-"));
  const results: CaseResult[] = [];
  const slots = Array.from({ length: Math.max(1, opts.jobs ?? 2) }, () => new Slot());
  await runAll(slots, tasks, async (slot, t) => {
    const reason = skips.get(t.name);
    if (reason !== undefined) return void results.push({ group: t.group, name: t.name, status: "skipped", detail: reason, ms: 0 });
    const o = await slot.run({ file: t.file, name: t.name, keep: opts.keep === true, scratchRoot }, CASE_TIMEOUT_MS);
    const detail = o.scratch === undefined ? o.detail : `${o.detail ?? ""}\n(scratch: ${o.scratch})`;
    results.push({ group: t.group, name: t.name, status: o.status, ms: o.ms, ...(detail === undefined ? {} : { detail }) });
    if (process.stderr.isTTY) process.stderr.write(`\r${results.length}/${tasks.length} cases`);
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  for (const s of slots) s.close();
  if (opts.keep !== true) removeScratch(scratchRoot);
  return printReport(order, results, groupErrors, opts.verbose ?? false, out);
}
