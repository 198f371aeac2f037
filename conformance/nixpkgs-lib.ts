/**
 * Runner for nixpkgs' own lib tests against our `lib` and module system:
 * `npm run conformance -- nixpkgs-lib DIR` with DIR a checkout of
 * nix-community/nixpkgs.lib (or of nixpkgs).
 *
 * - lib/tests/modules.sh is read, not executed: its top-level
 *   `checkConfigOutput REGEX ATTR FILES…`, `checkConfigError REGEX ATTR FILES…`
 *   and `checkExpression FILE` calls (with `set --` positional parameters,
 *   `ABORT_ON_WARN=1`/`STRICT_EVAL=1`/`REQUIRE_INFINITE_RECURSION_HINT=1`
 *   prefixes and line continuations) become cases. Each evaluates
 *   `import ./default.nix { modules = [ FILES ]; }` in-process, with
 *   DIR/lib/default.nix replaced by our `lib`, selects ATTR as `-A` does and
 *   prints it as `nix-instantiate --eval --json`. Outputs are matched line by
 *   line as `grep -E`; errors (rendered with the trace, as `--show-trace`)
 *   are matched over the whole text as `grep -zP`, after the script's own
 *   check on the infinite-recursion hint.
 * - lib/tests/misc.nix is evaluated with `lib.runTests` replaced by a
 *   function that captures its argument; every test it would run is then
 *   compared on its own (`expr == expected`), so one broken test fails alone.
 *
 * Cases run in worker threads, one at a time per worker, each under a time
 * limit; a worker that hangs or crashes is replaced and the case fails with
 * the reason. Skips come from conformance/nixpkgs-lib-skips.txt
 * (`ID REASON`, ID being `modules:ATTR:FILE,…` or `misc:TESTNAME`).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { buildLib, defaultProviders, type LibProviders } from "../src/lib/index.js";
import { selectAttrPath } from "../src/nix/auto-call.js";
import { NixError, renderError } from "../src/nix/errors.js";
import { deepForce } from "../src/nix/force-deep.js";
import { nodeIO } from "../src/nix/io.js";
import { eqValues, forceAttrs, forceList, forceString } from "../src/nix/ops.js";
import { printValueShort } from "../src/nix/print-short.js";
import { valueToJSONText } from "../src/nix/serialize.js";
import { EvalState } from "../src/nix/state.js";
import { NixAttrs, PrimOp, Thunk } from "../src/nix/values.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SKIPS_FILE = join(ROOT, "conformance/nixpkgs-lib-skips.txt");
/** Per-case time limit (override with NIXPKGS_LIB_TIMEOUT_MS). */
const CASE_TIMEOUT_MS = Number(process.env.NIXPKGS_LIB_TIMEOUT_MS) || 30_000;
const WORKER_ROLE = "nixpkgs-lib-worker";
/**
 * NIXPKGS_LIB_BASELINE=1 evaluates the checkout's own lib (no substitution):
 * a check of this runner and of the evaluator, independent of our lib.
 */
const BASELINE = process.env.NIXPKGS_LIB_BASELINE === "1";

// ---------------------------------------------------------------- cases

type ModulesKind = "output" | "error" | "expression";

interface ModulesCase {
  suite: "modules";
  kind: ModulesKind;
  line: number;
  regex: string;
  attr: string;
  files: string[];
  strict: boolean;
  abortOnWarn: boolean;
  requireRecursionHint: boolean;
}

interface MiscCase {
  suite: "misc";
  name: string;
}

type Task = ModulesCase | MiscCase | { suite: "misc-list" };

interface EvalOutcome {
  /** Evaluation succeeded (exit code 0). */
  ok: boolean;
  stdout: string;
  stderr: string;
  /** For misc tests: the failure explanation. */
  detail?: string;
  /** The worker timed out or crashed. */
  fatal?: string;
  names?: string[];
}

interface Result {
  suite: "modules" | "misc";
  id: string;
  status: "passed" | "failed" | "skipped";
  detail?: string;
}

// ---------------------------------------------------------------- modules.sh parsing

/** Split one (continuation-joined) shell command into words, expanding `$@` and simple variables. */
export function shellWords(text: string, positional: string[], vars: Map<string, string>): string[] | null {
  const words: string[] = [];
  let cur: string | null = null;
  const push = (s: string) => (cur = (cur ?? "") + s);
  const varAt = (i: number): [string, number] => {
    if (text[i + 1] === "{") {
      const end = text.indexOf("}", i);
      return [vars.get(text.slice(i + 2, end)) ?? "", end + 1];
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) return ["$", i + 1];
    return [vars.get(m[0]) ?? "", i + 1 + m[0].length];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n") {
      if (cur !== null) words.push(cur);
      cur = null;
      i++;
    } else if (c === "#" && cur === null) break;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      push(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      if (text.startsWith('"$@"', i) && cur === null && /[\s]|$/.test(text[i + 4] ?? "")) {
        words.push(...positional);
        i += 4;
        continue;
      }
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\" && '"\\$`\n'.includes(text[j + 1] ?? "")) {
          if (text[j + 1] !== "\n") s += text[j + 1];
          j += 2;
        } else if (text[j] === "$") {
          const [v, k] = varAt(j);
          s += v;
          j = k;
        } else s += text[j++];
      }
      if (j >= text.length) return null;
      push(s);
      i = j + 1;
    } else if (c === "\\") {
      if (text[i + 1] !== "\n") push(text[i + 1] ?? "");
      i += 2;
    } else if (c === "$") {
      if (text[i + 1] === "@") {
        if (cur !== null) words.push(cur);
        cur = null;
        words.push(...positional);
        i += 2;
        continue;
      }
      const [v, k] = varAt(i);
      push(v);
      i = k;
    } else if (";&|<>()".includes(c)) return null;
    else {
      // Unquoted braces and commas are marked for brace expansion.
      push(c === "{" ? BRACE_OPEN : c === "," ? BRACE_COMMA : c === "}" ? BRACE_CLOSE : c);
      i++;
    }
  }
  if (cur !== null) words.push(cur);
  return words.flatMap(expandBraces);
}

const BRACE_OPEN = "\u0001";
const BRACE_COMMA = "\u0002";
const BRACE_CLOSE = "\u0003";

/** Bash brace expansion of one word (`a/{b,c}.nix` → `a/b.nix a/c.nix`); markers left over become literal. */
function expandBraces(word: string): string[] {
  const open = word.indexOf(BRACE_OPEN);
  if (open >= 0) {
    let depth = 0;
    const commas: number[] = [];
    for (let j = open; j < word.length; j++) {
      const ch = word[j];
      if (ch === BRACE_OPEN) depth++;
      else if (ch === BRACE_COMMA && depth === 1) commas.push(j);
      else if (ch === BRACE_CLOSE && --depth === 0) {
        if (commas.length === 0) break;
        const pre = word.slice(0, open);
        const post = word.slice(j + 1);
        const bounds = [open, ...commas, j];
        const alts = bounds.slice(1).map((b, k) => word.slice(bounds[k]! + 1, b));
        return alts.flatMap((a) => expandBraces(pre + a + post));
      }
    }
  }
  return [word.replaceAll(BRACE_OPEN, "{").replaceAll(BRACE_COMMA, ",").replaceAll(BRACE_CLOSE, "}")];
}

/** A command is complete when no quote is open and it does not end in a backslash. */
function commandComplete(text: string): boolean {
  let q: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q === "'") {
      if (c === "'") q = null;
    } else if (c === "\\") i++;
    else if (q === '"') {
      if (c === '"') q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) break;
  }
  return q === null && !/\\$/.test(text);
}

const CHECKS = new Set(["checkConfigOutput", "checkConfigError", "checkExpression"]);

/** The test cases of modules.sh, plus the top-level calls of other functions (to be skipped). */
export function parseModulesSh(text: string): { cases: ModulesCase[]; others: { line: number; call: string }[] } {
  const lines = text.split("\n");
  const functions = new Set<string>();
  const cases: ModulesCase[] = [];
  const others: { line: number; call: string }[] = [];
  const vars = new Map<string, string>();
  let positional: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const fn = /^([A-Za-z_][\w-]*)\s*\(\)\s*\{/.exec(raw);
    if (fn) {
      functions.add(fn[1]!);
      while (i < lines.length && lines[i] !== "}") i++;
      continue;
    }
    const heredoc = /<<-?\s*'?(\w+)'?/.exec(raw);
    if (heredoc && !raw.trimStart().startsWith("#")) {
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== heredoc[1]) i++;
      i++;
      continue;
    }
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const start = i + 1;
    let cmd = raw;
    while (!commandComplete(cmd) && i + 1 < lines.length) cmd += "\n" + lines[++i];
    const words = shellWords(cmd.replace(/\\\n/g, " "), positional, vars);
    if (!words || words.length === 0) continue;
    const env: Record<string, string> = {};
    while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) {
      const w = words.shift()!;
      env[w.slice(0, w.indexOf("="))] = w.slice(w.indexOf("=") + 1);
    }
    if (words.length === 0) {
      for (const [k, v] of Object.entries(env)) vars.set(k, v);
      continue;
    }
    const [name, ...args] = words;
    if (name === "set" && args[0] === "--") positional = args.slice(1);
    else if (name !== undefined && CHECKS.has(name)) {
      const flags = {
        strict: env.STRICT_EVAL === "1",
        abortOnWarn: env.ABORT_ON_WARN === "1",
        requireRecursionHint: !!env.REQUIRE_INFINITE_RECURSION_HINT,
      };
      if (name === "checkExpression")
        cases.push({ suite: "modules", kind: "expression", line: start, regex: "", attr: "", files: args.slice(0, 1), ...flags });
      else {
        const kind = name === "checkConfigOutput" ? "output" : "error";
        cases.push({ suite: "modules", kind, line: start, regex: args[0] ?? "", attr: args[1] ?? "", files: args.slice(2), ...flags });
      }
    } else if (name !== undefined && functions.has(name)) others.push({ line: start, call: name });
  }
  return { cases, others };
}

export function modulesCaseId(c: ModulesCase): string {
  return c.kind === "expression" ? `modules:expression:${c.files.join(",")}` : `modules:${c.attr}:${c.files.join(",")}`;
}

// ---------------------------------------------------------------- regular expressions

const POSIX_CLASSES: Record<string, string> = {
  alnum: "A-Za-z0-9",
  alpha: "A-Za-z",
  digit: "0-9",
  lower: "a-z",
  upper: "A-Z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
};

/** A grep regular expression as a JavaScript one (POSIX classes expanded; otherwise the syntax agrees here). */
export function toJsRegExp(src: string): RegExp {
  return new RegExp(src.replace(/\[:(\w+):\]/g, (m, n: string) => POSIX_CLASSES[n] ?? m));
}

/** `grep -E`: some line of the output matches. */
function grepLines(re: RegExp, text: string): boolean {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.some((l) => re.test(l));
}

/** `grep -zP`: the whole text is one record; `$` may also match before a final newline. */
function grepWhole(re: RegExp, text: string): boolean {
  return re.test(text) || re.test(text.replace(/\n$/, ""));
}

function judgeModules(c: ModulesCase, o: EvalOutcome): string | null {
  if (c.kind === "expression") return o.ok ? null : `evaluation failed: ${errorSummary(o.stderr)}`;
  let re: RegExp;
  try {
    re = toJsRegExp(c.regex);
  } catch (e) {
    return `regex not understood: ${String(e)}`;
  }
  if (c.kind === "output") {
    if (grepLines(re, o.stdout)) return null;
    return o.ok
      ? `output ${JSON.stringify(o.stdout.slice(0, 300))} does not match ${c.regex}`
      : `evaluation failed: ${errorSummary(o.stderr)}`;
  }
  if (o.ok) return `expected an error, got ${JSON.stringify(o.stdout.slice(0, 200))}`;
  const hint = /if you get an infinite recursion here/i.test(o.stderr);
  if (hint !== c.requireRecursionHint)
    return c.requireRecursionHint ? "expected the infinite recursion hint" : "unexpected infinite recursion hint";
  return grepWhole(re, o.stderr) ? null : `error does not match ${c.regex}: ${errorSummary(o.stderr)}`;
}

function firstLines(s: string, n = 6): string {
  return s.trim().split("\n").slice(0, n).join(" | ").slice(0, 600);
}

/** The innermost message of a rendered error (its last `error:` line) and the position under it. */
function errorSummary(s: string): string {
  const lines = s.split("\n");
  let i = -1;
  lines.forEach((l, k) => {
    if (/^\s*error: /.test(l) || /^JS error: /.test(l)) i = k;
  });
  if (i < 0) return firstLines(s);
  const at = /^\s*at /.test(lines[i + 1] ?? "") ? ` (${lines[i + 1]!.trim()})` : "";
  return (lines[i]!.trim() + at).slice(0, 600);
}

// ---------------------------------------------------------------- evaluation (worker side)

let providersCache: LibProviders | undefined;

/** Our providers, with the module system's namespaces when that folder exports them. */
async function providers(): Promise<LibProviders> {
  if (providersCache) return providersCache;
  let p: LibProviders = defaultProviders;
  if (!p.moduleSystem) {
    try {
      const url = pathToFileURL(join(ROOT, "dist/src/module-system/lib-exports.js")).href;
      const mod: Record<string, unknown> = await import(url);
      const f = mod.moduleSystemNamespaces;
      if (typeof f === "function") p = { ...p, moduleSystem: f as NonNullable<LibProviders["moduleSystem"]> };
    } catch {
      // The module system is not built (yet): lib.modules/options/types are then absent.
    }
  }
  return (providersCache = p);
}

function newState(dir: string, stderr: string[], opts: { abortOnWarn?: boolean; baseDir: string }, p: LibProviders): EvalState {
  const io = { ...nodeIO, printErr: (l: string) => void stderr.push(noColour(l)) };
  const st = new EvalState({ io, baseDir: opts.baseDir, abortOnWarn: opts.abortOnWarn ?? false });
  st.importOverrides.set(
    join(dir, "lib/default.nix"),
    Thunk.of(() => ourLib(st, dir, p)),
  );
  return st;
}

/** Our lib — or, in baseline mode, the checkout's own (evaluated past the override). */
function ourLib(st: EvalState, dir: string, p: LibProviders): NixAttrs {
  if (BASELINE) return forceAttrs(st.evalExpr(st.parseFile(join(dir, "lib/default.nix"))));
  return buildLib(st, p);
}

/** Nix prints no colours when stderr is not a terminal, as under modules.sh. */
function noColour(s: string): string {
  return s.replace(/\x1b\[[0-9;]*m/g, "");
}

function describeError(e: unknown): string {
  if (e instanceof NixError) return noColour(renderError(e, true));
  return `JS error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
}

function runModulesCase(dir: string, c: ModulesCase, p: LibProviders): EvalOutcome {
  const modulesDir = join(dir, "lib/tests/modules");
  const stderr: string[] = [];
  const st = newState(dir, stderr, { abortOnWarn: c.abortOnWarn, baseDir: modulesDir }, p);
  try {
    let text: string;
    if (c.kind === "expression") {
      const v = st.evalFile(resolve(modulesDir, c.files[0] ?? ""));
      deepForce(v);
      text = valueToJSONText(st, v);
    } else {
      const root = st.evalString(`import ./default.nix { modules = [ ${c.files.join(" ")} ]; }`);
      const v = selectAttrPath(root, c.attr, NixAttrs.empty);
      if (c.strict) deepForce(v);
      text = valueToJSONText(st, v);
    }
    return { ok: true, stdout: text + "\n", stderr: stderr.join("\n") };
  } catch (e) {
    stderr.push(describeError(e));
    return { ok: false, stdout: "", stderr: stderr.join("\n") };
  }
}

let miscTests: { st: EvalState; tests: NixAttrs; names: string[] } | undefined;

/** Evaluate misc.nix once per worker with `runTests` capturing its argument. */
function loadMisc(dir: string, p: LibProviders): { st: EvalState; tests: NixAttrs; names: string[] } {
  if (miscTests) return miscTests;
  const stderr: string[] = [];
  const st = newState(dir, stderr, { baseDir: join(dir, "lib/tests") }, p);
  let captured: NixAttrs | undefined;
  const capture = new PrimOp("runTests", 1, ([t]) => {
    captured = forceAttrs(t!);
    return [];
  });
  const base = Thunk.of(() => ourLib(st, dir, p));
  st.importOverrides.set(
    join(dir, "lib/default.nix"),
    Thunk.of(() => {
      const lib = forceAttrs(base);
      const m = new Map(lib.map);
      m.set("runTests", capture);
      if (lib.has("debug"))
        m.set(
          "debug",
          Thunk.of(() => {
            const d = new Map(forceAttrs(lib.get("debug")!).map);
            d.set("runTests", capture);
            return new NixAttrs(d);
          }),
        );
      return new NixAttrs(m);
    }),
  );
  deepForce(st.evalFile(join(dir, "lib/tests/misc.nix")));
  if (!captured) throw new Error("misc.nix did not call runTests");
  const tests = captured;
  const only = tests.get("tests");
  const onlyNames = only === undefined ? null : forceList(only).map((x) => forceString(x));
  const names = tests.sortedNames().filter((n) => (onlyNames ? onlyNames.includes(n) : n.startsWith("test")));
  miscTests = { st, tests, names };
  return miscTests;
}

function runMiscCase(dir: string, name: string, p: LibProviders): EvalOutcome {
  const { tests } = loadMisc(dir, p);
  try {
    const t = forceAttrs(tests.get(name)!);
    const expr = t.get("expr");
    const expected = t.get("expected");
    if (expr === undefined || expected === undefined) return { ok: false, stdout: "", stderr: "", detail: "test has no expr/expected" };
    if (eqValues(expr, expected, undefined, true)) return { ok: true, stdout: "", stderr: "" };
    deepForce(expr);
    return { ok: false, stdout: "", stderr: "", detail: `expected ${printValueShort(expected)}, got ${printValueShort(expr)}` };
  } catch (e) {
    return { ok: false, stdout: "", stderr: "", detail: errorSummary(describeError(e)) };
  }
}

async function runTask(dir: string, t: Task): Promise<EvalOutcome> {
  const p = await providers();
  if (t.suite === "modules") return runModulesCase(dir, t, p);
  if (t.suite === "misc") return runMiscCase(dir, t.name, p);
  try {
    return { ok: true, stdout: "", stderr: "", names: loadMisc(dir, p).names };
  } catch (e) {
    return { ok: false, stdout: "", stderr: describeError(e) };
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE && parentPort) {
  const port = parentPort;
  const { dir } = workerData as { dir: string };
  port.on("message", (msg: { id: number; task: Task }) => {
    runTask(dir, msg.task).then(
      (outcome) => port.postMessage({ id: msg.id, outcome }),
      (e: unknown) => port.postMessage({ id: msg.id, outcome: { ok: false, stdout: "", stderr: describeError(e) } }),
    );
  });
}

// ---------------------------------------------------------------- worker pool (main side)

class Slot {
  private worker: Worker | null = null;
  private pending: { id: number; done: (o: EvalOutcome) => void; timer: NodeJS.Timeout } | null = null;
  private nextId = 0;
  constructor(private readonly dir: string) {}

  private spawn(): Worker {
    const w = new Worker(fileURLToPath(import.meta.url), {
      workerData: { role: WORKER_ROLE, dir: this.dir },
      resourceLimits: { stackSizeMb: 256, maxOldGenerationSizeMb: 4096 },
    });
    // Events of a worker already replaced (after a time-out) are ignored.
    w.on("message", (m: { id: number; outcome: EvalOutcome }) => {
      if (w === this.worker && this.pending && this.pending.id === m.id) this.finish(m.outcome);
    });
    w.on("error", (e) => w === this.worker && this.fail(`worker crashed: ${e.message}`));
    w.on("exit", (code) => w === this.worker && this.fail(`worker exited with code ${code}`));
    return w;
  }

  private finish(o: EvalOutcome): void {
    const p = this.pending!;
    clearTimeout(p.timer);
    this.pending = null;
    p.done(o);
  }

  private fail(message: string): void {
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    if (this.pending) this.finish({ ok: false, stdout: "", stderr: "", fatal: message });
  }

  run(task: Task, timeoutMs: number): Promise<EvalOutcome> {
    this.worker ??= this.spawn();
    const id = this.nextId++;
    return new Promise((done) => {
      const timer = setTimeout(() => this.fail(`timed out after ${timeoutMs / 1000}s`), timeoutMs);
      this.pending = { id, done, timer };
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

async function runAll<T>(slots: Slot[], items: T[], each: (slot: Slot, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (next < items.length) await each(slot, items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------- entry point

function loadSkips(): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(SKIPS_FILE)) return m;
  for (const line of readFileSync(SKIPS_FILE, "utf8").split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const sp = t.search(/\s/);
    m.set(sp < 0 ? t : t.slice(0, sp), sp < 0 ? "" : t.slice(sp).trim());
  }
  return m;
}

function report(suite: string, rs: Result[], verbose: boolean): [number, number] {
  let p = 0;
  let f = 0;
  let s = 0;
  for (const r of rs) {
    if (r.status === "passed") p++;
    else if (r.status === "failed") {
      f++;
      if (verbose) console.log(`FAIL ${r.id}: ${r.detail ?? ""}`);
    } else {
      s++;
      if (verbose) console.log(`SKIP ${r.id}: ${r.detail ?? ""}`);
    }
  }
  console.log(`${suite}: ${p} passed, ${f} failed, ${s} skipped`);
  return [p, f];
}

/** Run modules.sh's and misc.nix's tests from the nixpkgs lib checkout DIR. */
export async function nixpkgsLib(dirArg: string, opts: { only?: string[]; verbose?: boolean; jobs?: number }): Promise<number> {
  const dir = realpathSync(resolve(dirArg));
  const modulesSh = join(dir, "lib/tests/modules.sh");
  if (!existsSync(modulesSh)) {
    console.error(`${modulesSh} not found: DIR must be a checkout of nixpkgs or nix-community/nixpkgs.lib`);
    return 2;
  }
  const skips = loadSkips();
  const wanted = (id: string) => !opts.only || opts.only.some((o) => id.includes(o));
  const slots = Array.from({ length: Math.max(1, opts.jobs ?? availableParallelism()) }, () => new Slot(dir));
  const verbose = opts.verbose ?? false;

  const { cases, others } = parseModulesSh(readFileSync(modulesSh, "utf8"));
  const modules: Result[] = others
    .map((o): Result => ({ suite: "modules", id: `modules.sh:${o.line}`, status: "skipped", detail: `calls the shell function ${o.call}` }))
    .filter((r) => wanted(r.id));
  const todo = cases.filter((c) => wanted(`${modulesCaseId(c)} modules.sh:${c.line}`));
  await runAll(slots, todo, async (slot, c) => {
    const id = `${modulesCaseId(c)} (modules.sh:${c.line})`;
    const reason = skips.get(modulesCaseId(c));
    if (reason !== undefined) {
      modules.push({ suite: "modules", id, status: "skipped", detail: reason });
      return;
    }
    const o = await slot.run(c, CASE_TIMEOUT_MS);
    const why = o.fatal ?? judgeModules(c, o);
    modules.push({ suite: "modules", id, status: why === null ? "passed" : "failed", detail: why ?? undefined });
  });

  const misc: Result[] = [];
  {
    const list = await slots[0]!.run({ suite: "misc-list" }, CASE_TIMEOUT_MS * 4);
    if (!list.ok || !list.names)
      misc.push({ suite: "misc", id: "misc.nix", status: "failed", detail: list.fatal ?? errorSummary(list.stderr) });
    else {
      const names = list.names.filter((n) => wanted(`misc:${n}`));
      await runAll(slots, names, async (slot, name) => {
        const id = `misc:${name}`;
        const reason = skips.get(id);
        if (reason !== undefined) return void misc.push({ suite: "misc", id, status: "skipped", detail: reason });
        const o = await slot.run({ suite: "misc", name }, CASE_TIMEOUT_MS);
        misc.push({ suite: "misc", id, status: o.ok ? "passed" : "failed", detail: o.fatal ?? o.detail });
      });
    }
  }
  for (const s of slots) s.close();

  modules.sort((a, b) => a.id.localeCompare(b.id));
  misc.sort((a, b) => a.id.localeCompare(b.id));
  const [mp, mf] = report("modules", modules, verbose);
  const [xp, xf] = report("misc", misc, verbose);
  console.log(`${mp + xp} passed, ${mf + xf} failed`);
  return mf + xf === 0 ? 0 : 1;
}
