/**
 * Runs one Home Manager test case against our implementation, in a scratch
 * directory of its own: the case module (the attribute `name` of its list
 * file, called with `{ lib, pkgs }` if it is a function) is evaluated by
 * `evaluateHomeFull` with a fresh evaluation state, our catalog and the
 * runner's test framework (`framework.nix`) — in NMT's order: the case
 * before the catalog, the framework after it — with failed assertions left to
 * the asserts files instead of stopping the evaluation; the generation is
 * built into the scratch store as `home-manager build` builds it; then the
 * case's `nmt.script` runs in bash with NMT-compatible helpers
 * (`nmt-lib.sh`), `$TESTED` naming the generation. A case that sets an
 * option whose module we lack (no `programs.foo`, no `gtk`) is "not
 * implemented" rather than failed.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { buildGeneration } from "../../src/build/generation.js";
import type { HomeGeneration } from "../../src/build/home-config.js";
import { EvaluationError } from "../../src/cli/config-evaluator.js";
import { evaluateHomeFull } from "../../src/home/evaluate-home.js";
import { NixError, renderError } from "../../src/nix/errors.js";
import { callFunction, forceAttrs, forceList, forceString } from "../../src/nix/ops.js";
import type { EvalState } from "../../src/nix/state.js";
import { force, isFunction, NixAttrs, Thunk, type Lazy, type Value } from "../../src/nix/values.js";
import { attrs, select } from "../../src/module-system/nix-values.js";
import { HomeStore } from "../../src/store/home-store.js";
import { hmPaths } from "../../src/store/state-paths.js";
import { writeRealTools, type RealTools } from "./real-tools.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The runner's sources (`framework.nix`, `nmt-lib.sh`) stay beside the TypeScript, not in dist/. */
const SOURCES = path.resolve(HERE, "../../../conformance/hm-modules");
const FRAMEWORK = path.join(SOURCES, "framework.nix");
const NMT_LIB = path.join(SOURCES, "nmt-lib.sh");
/** Files of our own put into each case's stand-in nixpkgs tree. */
const NIXPKGS_TREE = path.join(SOURCES, "nixpkgs-tree");
/** The tool giving our store's `toFile` paths their `/nix/store` names (compiled beside this file). */
const STORE_NAMES = path.join(HERE, "nix-store-names.js");
/** Time limit of a case's script. */
const SCRIPT_TIMEOUT_MS = 60_000;

export type CaseStatus = "passed" | "failed" | "not-implemented";

export interface CaseTask {
  /** The list file (`…/default.nix`) that names the case. */
  readonly file: string;
  readonly name: string;
  /** Keep the scratch directory (for debugging). */
  readonly keep?: boolean;
  /** Where the scratch directory is made (default: the system's temporary directory). */
  readonly scratchRoot?: string;
}

export interface CaseOutcome {
  readonly status: CaseStatus;
  /** Why it failed: the assertion's message and diff, or the error. */
  readonly detail?: string;
  readonly ms: number;
  /** The scratch directory, when kept. */
  readonly scratch?: string;
}

/**
 * The case module: the list file's attribute, given to the module system as
 * it is (a path or an inline module), as NMT gives it. Not wrapped in an
 * `imports` list: imported modules come after every module of the top-level
 * list, and the definitions of list options merge in module order, so the
 * case must stay a top-level module placed before the catalog (NMT evaluates
 * `[ initModule nmt.nix test ] ++ modules`).
 */
function caseModule(st: EvalState, lib: Lazy, task: CaseTask): Lazy {
  return Thunk.of(() => {
    const top = force(st.evalFile(task.file));
    const pkgs = Thunk.of(() => callFunction(force(st.evalString("import <nixpkgs>")), NixAttrs.empty));
    const list = forceAttrs(isFunction(top) ? callFunction(top, attrs({ lib, pkgs })) : top);
    const m = list.get(task.name);
    if (m === undefined) throw new Error(`${task.file} has no case '${task.name}'`);
    return force(m);
  });
}

function frameworkModule(st: EvalState, name: string, tools: RealTools): Lazy {
  return Thunk.of(() => {
    const fn = force(st.evalFile(FRAMEWORK));
    return attrs({
      _file: FRAMEWORK,
      key: "hm-test-framework",
      imports: [
        Thunk.of(() => callFunction(fn, attrs({ caseName: name, realTools: attrs(tools.real), standInTools: attrs(tools.standIns) }))),
      ],
    });
  });
}

function hasFailedAssertions(config: Lazy): boolean {
  return forceList(select(config, "assertions")).some((a) => force(select(a, "assertion")) !== true);
}

/** Make store entries writable again so the scratch directory can be removed. */
function makeWritable(p: string): void {
  const s = fs.lstatSync(p, { throwIfNoEntry: false });
  if (s === undefined || s.isSymbolicLink() || !s.isDirectory()) return;
  fs.chmodSync(p, 0o755);
  for (const n of fs.readdirSync(p)) makeWritable(path.join(p, n));
}

/** Remove a scratch directory (store entries inside are read-only). */
export function removeScratch(dir: string): void {
  try {
    makeWritable(dir);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // best effort
  }
}

/**
 * Is the missing option `optPath` one of a module we do not have? Its known
 * prefix is followed down the catalog's options; the module counts as
 * present when that prefix has at least two names and one of its prefixes
 * of two names or more declares an `enable` option (`programs.git.foo`
 * missing is a gap in programs.git; `programs.foo`, `gtk` or
 * `xsession.windowManager.i3` missing is a module we lack).
 */
function missingModule(optPath: string, options: Lazy): boolean {
  const isOption = (v: Value) => v instanceof NixAttrs && v.get("_type") !== undefined;
  let cur = force(options);
  let known = 0;
  let enabled = false;
  for (const p of optPath.split(".")) {
    if (!(cur instanceof NixAttrs) || isOption(cur)) break;
    const next = cur.get(p);
    if (next === undefined) break;
    cur = force(next);
    known++;
    const en = cur instanceof NixAttrs && !isOption(cur) ? cur.get("enable") : undefined;
    if (known >= 2 && en !== undefined && isOption(force(en))) enabled = true;
  }
  return known < 2 || !enabled;
}

let catalogOptions: Lazy | undefined;

/** The options of the catalog alone (once per process), to tell a missing module from a missing option. */
function baselineOptions(scratch: string): Lazy {
  if (catalogOptions !== undefined) return catalogOptions;
  const file = path.join(scratch, "baseline.nix");
  fs.writeFileSync(file, '{ home.username = "hm-user"; home.homeDirectory = "/home/hm-user"; home.stateVersion = "18.09"; }\n');
  const ev = evaluateHomeFull({
    file,
    attr: "",
    includePaths: [],
    passthrough: [],
    env: { HOME: path.join(scratch, "home"), XDG_STATE_HOME: path.join(scratch, "baseline-state"), PATH: process.env.PATH },
    cwd: scratch,
    verbose: false,
    warn: () => undefined,
    checkAssertions: false,
    packages: "stub",
  });
  catalogOptions = ev.options;
  return catalogOptions;
}

/**
 * The missing option, when the error says that the case sets an option of a
 * module we do not have — also when that option sits inside a module we have
 * but the case's own module (its directory, `programs/antidote` for
 * `programs.zsh.antidote`) is not in the catalog.
 */
function notImplemented(message: string, scratch: string, listFile: string): string | undefined {
  const m =
    /The option `([^']+)' does not exist/.exec(message) ??
    /definitions for `([^']+)', which is an option that does not exist/.exec(message);
  if (m === null) return undefined;
  try {
    const options = baselineOptions(scratch);
    if (missingModule(m[1]!, options)) return m[1]!;
    const dir = /\/modules\/(programs|services)\/([^/]+)\/default\.nix$/.exec(listFile);
    if (dir !== null && !(force(options) as NixAttrs).has(dir[1]!)) return undefined;
    if (dir !== null && !(force((force(options) as NixAttrs).get(dir[1]!)!) as NixAttrs).has(dir[2]!))
      return `${m[1]!} (module ${dir[1]}.${dir[2]})`;
    return undefined;
  } catch {
    return undefined;
  }
}

function errorText(e: unknown): string {
  if (e instanceof EvaluationError) return e.message;
  if (e instanceof NixError) return renderError(e, true).replace(/\x1b\[[0-9;]*m/g, "");
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}

/**
 * Our store is not `/nix/store`: a literal `/nix/store` in a script (a
 * regex like `/nix/store/[0-9a-z]*-name` or `\(/nix/store[^"]*\)`) is read
 * as our store directory (also written with escaped slashes, as in a `sed`
 * pattern), except the all-zero paths that
 * `normalizeStorePaths` produces and longer names (`/nix/store-x`).
 */
export function mapStorePrefix(script: string, storeDir: string): string {
  // Also the form with escaped slashes of `sed` patterns (`\/nix\/store\/.*-name`).
  const escaped = storeDir.replace(/\//g, "\\/");
  return script
    .replace(/\/nix\/store(?=\/(?!0{32})|[^\w/.-]|$)/g, storeDir)
    .replace(/\\\/nix\\\/store(?=\\\/(?!0{32})|[^\w/.\\-]|$)/g, () => escaped);
}

/** The store name of the shell that stands for nixpkgs' bash (any 32 characters of the store's alphabet). */
const SHELL_ENTRY = "0w6b3qxmm2cvq4v7r3p7y3l1gd6b9bjk-bash-5.2p37";

/**
 * Home Manager's suite keeps nixpkgs' `runtimeShell` real: scripts start
 * with `#!/nix/store/<hash>-bash-<version>/bin/bash`, which its cases expect
 * after `normalizeStorePaths`. The package layer takes `runtimeShell` from
 * the first `bash` on `PATH`; a link to the host's bash inside the scratch
 * store, put first on the evaluation's `PATH`, gives scripts the same
 * shape. Returns the directory to put on `PATH` (undefined without bash).
 */
function storeShell(storeDir: string): string | undefined {
  const bash = (process.env.PATH ?? "/usr/bin:/bin")
    .split(":")
    .map((d) => path.join(d, "bash"))
    .find((p) => {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  if (bash === undefined) return undefined;
  const bin = path.join(storeDir, SHELL_ENTRY, "bin");
  fs.mkdirSync(bin, { recursive: true, mode: 0o700 });
  fs.symlinkSync(fs.realpathSync(bash), path.join(bin, "bash"));
  return bin;
}

/**
 * Home Manager's `home-files` builder puts each file at `$out/$target`, so an
 * absolute target outside home (`programs.gpg.homedir = "/path/to/hash"`
 * places `gpg-agent.conf` there) lands below `home-files` at that path, and
 * only a target climbing out with `..` is refused. Our builder refuses every
 * target outside home, as it must for a real activation; for the suite, which
 * only looks at the built generation, such a target gets the place Home
 * Manager's builder gives it (`..` is still refused by our builder).
 */
function hmBuilderTargets(g: HomeGeneration): HomeGeneration {
  const home = g.homeDirectory.replace(/\/+$/, "");
  const outside = (t: string) => t.startsWith("/") && !path.posix.normalize(t).startsWith(home + "/");
  if (!(g.files ?? []).some((f) => outside(f.target))) return g;
  return { ...g, files: g.files!.map((f) => (outside(f.target) ? { ...f, target: f.target.replace(/^\/+/, "") } : f)) };
}

/** Run the script in bash; null when it passed, else its output. */
function runScript(script: string, tested: string, scratch: string, storeDir: string): string | null {
  const out = path.join(scratch, "out");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(scratch, "nmt-script.sh");
  const text = `set -uo pipefail\n. ${JSON.stringify(NMT_LIB)}\n(\nTESTED=${JSON.stringify(tested)}\n${script}\n)\n`;
  fs.writeFileSync(file, text);
  const r = spawnSync("bash", [file], {
    cwd: scratch,
    encoding: "utf8",
    timeout: SCRIPT_TIMEOUT_MS,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: path.join(scratch, "home"),
      out,
      HM_TEST_STORE_DIR: storeDir,
      HM_TEST_STORE_NAMES: STORE_NAMES,
      HM_TEST_NODE: process.execPath,
      LC_ALL: "C",
    },
  });
  if (r.error) return `cannot run bash: ${r.error.message}`;
  if (r.status === 0) return null;
  const output = (r.stdout + r.stderr).replace(/\n+$/, "");
  return output === "" ? `script exited with status ${r.status ?? r.signal}` : output;
}

/** Evaluate, build and check one case. */
export function runCase(task: CaseTask): CaseOutcome {
  const t0 = performance.now();
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(task.scratchRoot ?? os.tmpdir(), "hm-case-")));
  const ms = () => Math.round(performance.now() - t0);
  const done = (status: CaseStatus, detail?: string): CaseOutcome => {
    if (task.keep !== true) removeScratch(scratch);
    return { status, ms: ms(), ...(detail === undefined ? {} : { detail }), ...(task.keep === true ? { scratch } : {}) };
  };
  try {
    const home = path.join(scratch, "home");
    fs.mkdirSync(home);
    // A stand-in nixpkgs tree on the search path: the package layer answers `import <nixpkgs> {}` with its set.
    fs.mkdirSync(path.join(scratch, "nixpkgs/pkgs/top-level"), { recursive: true });
    fs.writeFileSync(path.join(scratch, "nixpkgs/default.nix"), 'throw "the package set is provided by the evaluator"\n');
    fs.writeFileSync(path.join(scratch, "nixpkgs/pkgs/top-level/all-packages.nix"), "{ }\n");
    // The NixOS modules that cases evaluate on their own through `pkgs.path` (ours, see nixpkgs-tree/).
    fs.cpSync(NIXPKGS_TREE, path.join(scratch, "nixpkgs"), { recursive: true });
    const config = path.join(scratch, "home.nix");
    fs.writeFileSync(config, "{ }\n");
    const stateHome = path.join(scratch, "state");
    const shellDir = storeShell(hmPaths({ HOME: home, XDG_STATE_HOME: stateHome }).storeDir);
    const env = {
      HOME: home,
      USER: "hm-user",
      XDG_STATE_HOME: stateHome,
      PATH: [shellDir, process.env.PATH].filter((p) => p !== undefined).join(":"),
      NO_COLOR: "1",
    };
    let ev;
    try {
      ev = evaluateHomeFull({
        file: config,
        attr: "",
        includePaths: [`nixpkgs=${path.join(scratch, "nixpkgs")}`],
        passthrough: ["--show-trace"],
        env,
        cwd: scratch,
        verbose: false,
        warn: () => undefined,
        checkAssertions: false,
        packages: "stub",
        // NMT's order: the case before Home Manager's modules, the test framework after them.
        leadingModules: (st, lib) => [caseModule(st, lib, task)],
        extraModules: (st) => [frameworkModule(st, task.name, writeRealTools(path.join(scratch, "real-tools")))],
      });
    } catch (e) {
      const text = errorText(e);
      const missing = notImplemented(text, scratch, task.file);
      return missing !== undefined ? done("not-implemented", `no option '${missing}'`) : done("failed", `evaluation failed:\n${text}`);
    }
    let script: string;
    try {
      script = forceString(select(select(ev.config, "nmt"), "script"));
    } catch (e) {
      return done("failed", `nmt.script could not be evaluated:\n${errorText(e)}`);
    }
    const storeDir = hmPaths(env).storeDir;
    let tested: string;
    const build = (g: HomeGeneration) => buildGeneration(g, { store: HomeStore.open(storeDir), env, warn: () => undefined }).path;
    try {
      tested = build(hmBuilderTargets(ev.generation));
    } catch (e) {
      // Home Manager never builds a configuration whose assertions fail; when such a case
      // cannot be built, the asserts files alone are built, which is all it can check.
      try {
        if (!hasFailedAssertions(ev.config)) throw e;
        tested = build({ ...ev.generation, files: (ev.generation.files ?? []).filter((f) => f.target.startsWith("asserts/")) });
      } catch {
        return done("failed", `building the generation failed:\n${errorText(e)}`);
      }
    }
    const realStore = fs.realpathSync(storeDir);
    const failure = runScript(mapStorePrefix(script, realStore), tested, scratch, realStore);
    return failure === null ? done("passed") : done("failed", failure);
  } catch (e) {
    return done("failed", `runner error:\n${errorText(e)}`);
  }
}
