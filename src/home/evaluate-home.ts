/**
 * `evaluateHome`: a user's configuration evaluated as Home Manager evaluates
 * it, into the `HomeGeneration` the builder takes. One evaluation state per
 * pass: its store is the private store (so `builtins.path`, `"${./file}"` and
 * `toFile` land where the builder links from), its search path is `-I`
 * entries then `NIX_PATH`, its environment is the command's. The modules are
 * the user's configuration first, then the catalog (`src/modules`), then the
 * module that provides `pkgs` (the package layer, `src/pkgs`, with the
 * configuration's `nixpkgs.config` and `nixpkgs.overlays`), evaluated with
 * `class = "homeManager"` and `lib` carrying `lib.hm`. With the Nix package
 * backend, an evaluation that used packages Nix has not resolved yet is
 * followed by one batched Nix call and a second evaluation. Unknown options
 * and type errors fail with the module system's messages, pointing at the
 * user's file and line; failed assertions fail with Home Manager's "Failed
 * assertions:" list; packages a backend cannot provide fail with one message
 * naming each package and the option that asked for it; warnings are printed
 * as Home Manager prints them (once, from the final pass). Store paths named
 * during evaluation are written only after it succeeded, so a failed
 * evaluation writes nothing.
 */
import * as path from "node:path";
import { NixError, renderError } from "../nix/errors.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import { nodeIO, type EvalIO } from "../nix/io.js";
import { contentHash } from "../nix/store/computing-store.js";
import { makeFixedOutputPath } from "../nix/store/paths.js";
import type { AddPathOptions } from "../nix/store/store.js";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../nix/package-root.js";
import { parseSearchPath } from "../nix/search-path.js";
import type { Span } from "../nix/source.js";
import { EvalState } from "../nix/state.js";
import { LocalStore } from "../nix/store/local-store.js";
import { force, NixAttrs, PrimOp, type Lazy } from "../nix/values.js";
import { buildLib } from "../lib/index.js";
import { createModuleSystem, toJs, type AttrsView } from "../module-system/index.js";
import { attrs, call, select, str } from "../module-system/nix-values.js";
import { coreModules, HM_RELEASE, type NewsEntry } from "../modules/index.js";
import { hmPaths } from "../store/state-paths.js";
import { defaultEvaluator, EvaluationError, GENERATION_JSON_VAR, type EvaluatorOptions } from "../cli/config-evaluator.js";
import type { HomeGeneration } from "../build/home-config.js";
import { DeferredStore, resolveMissing } from "./deferred-store.js";
import { cacheKey, codeFingerprint, FactRecorder, lookup as lookupCached, store as storeCached, type CacheContext } from "./eval-cache.js";
import { loadConfiguration } from "./load-config.js";
import type { FlakeHost } from "../flakes/evaluate-flake.js";
import { FlakeError } from "../flakes/evaluate-flake.js";
import { homeManagerFlake } from "../flakes/home-manager-flake.js";
import { nixpkgsFlake } from "../flakes/nixpkgs-flake.js";
import { FlakeRefError } from "../flakes/flake-ref.js";
import { LockFileError } from "../flakes/lock-file.js";
import { nixpkgsIdentity, NixCallError, PackageError, PackageLayer, type BackendName } from "../pkgs/index.js";
import { PLACEHOLDER_PREFIX, type PackageFacts } from "../pkgs/backend.js";
import { which } from "../pkgs/host-backend.js";
import { PackageCache } from "../pkgs/nix-backend.js";
import { asPartOfOption } from "../module-system/option-decls.js";
import { toGeneration } from "./to-generation.js";

/** The evaluator's options, plus where warnings go (default: the process's stderr). */
export interface HomeEvaluatorOptions extends EvaluatorOptions {
  readonly warn?: (line: string) => void;
  /** Modules evaluated after the catalog (the test framework's options, for the hm-modules runner). */
  readonly extraModules?: (st: EvalState, lib: Lazy) => readonly Lazy[];
  /** Modules placed before the catalog, right after the configuration (a test case, for the hm-modules runner). */
  readonly leadingModules?: (st: EvalState, lib: Lazy) => readonly Lazy[];
  /** Record what the evaluation learns from outside (for the evaluation cache, `eval-cache.ts`). */
  readonly recordFacts?: boolean;
  /** `false`: failed assertions do not stop the evaluation (the hm-modules runner writes them to files instead). */
  readonly checkAssertions?: boolean;
}

/** A finished evaluation, for callers that want more than the generation (tests, `option`, `repl`). */
export interface HomeEvaluation {
  readonly generation: HomeGeneration;
  /** `config` of the evaluation (a Nix value). */
  readonly config: Lazy;
  /** `options` of the evaluation (a Nix value). */
  readonly options: Lazy;
  readonly state: EvalState;
  /** What the final pass learned from outside, when `recordFacts` was asked for. */
  readonly facts?: FactRecorder;
  /** The flake of a flake configuration. */
  readonly flake?: Lazy;
  /** `newsDisplay` and `newsEntries` of Home Manager: the entries whose condition holds, newest first. */
  news(): { readonly display: string; readonly entries: readonly NewsEntry[] };
}

/** The news of an evaluated configuration, as Home Manager's `newsEntries` selects and orders them. */
function newsOf(config: NixAttrs): { display: string; entries: NewsEntry[] } {
  const news = toJs(select(config, "news")) as AttrsView;
  const entries = (news.entries as unknown as readonly NewsEntry[])
    .filter((e) => e.condition === true)
    .map((e) => ({ id: e.id, time: e.time, condition: true, message: e.message }))
    .sort((a, b) => (a.time > b.time ? -1 : a.time < b.time ? 1 : 0));
  return { display: news.display as string, entries };
}

function evalIO(opts: HomeEvaluatorOptions, warn: (line: string) => void): EvalIO {
  return { ...nodeIO, getEnv: (n) => opts.env[n], printErr: warn };
}

/** The position of a failed assertion the user wrote (`assertion = …;`), when known. */
function assertionSpan(a: Lazy): Span | undefined {
  const v = force(a);
  return v instanceof NixAttrs ? (v.pos?.get("assertion") ?? v.pos?.get("message")) : undefined;
}

/** Home Manager's check: every failed assertion's message, in one error. */
function checkAssertions(config: NixAttrs): void {
  const failed = forceList(select(config, "assertions")).filter((a) => force(select(a, "assertion")) !== true);
  if (failed.length === 0) return;
  const lines = failed.map((a) => `- ${str(select(a, "message"))}`);
  const span = failed.map(assertionSpan).find((s) => s !== undefined);
  throw new NixError("throw", `\nFailed assertions:\n${lines.join("\n")}`, span);
}

function printWarnings(config: NixAttrs, warn: (line: string) => void, color: boolean): void {
  for (const w of forceList(select(config, "warnings"))) {
    const text = str(w);
    warn(color ? `trace: \x1b[1;31mwarning: ${text}\x1b[0m` : `trace: warning: ${text}`);
  }
}

/**
 * The error as Nix renders it, without the leading `error: ` (the command
 * adds it). Without `--show-trace`, only context frames that point into a
 * file are kept: frames naming the catalog's option plumbing say nothing
 * about the user's mistake, which the message and position already show.
 */
function rendered(e: NixError, showTrace: boolean): string {
  if (!showTrace) e.frames.splice(0, e.frames.length, ...e.frames.filter((f) => f.span !== undefined));
  return renderError(e, showTrace)
    .replace(/^error: ?/, "")
    .replace(/\n$/, "");
}

/** Evaluate the configuration and keep the evaluation (see `evaluateHome`). */
export function evaluateHomeFull(opts: HomeEvaluatorOptions): HomeEvaluation {
  const warn = opts.warn ?? ((line: string) => void process.stderr.write(line + "\n"));
  const paths = hmPaths(opts.env);
  const cache = new PackageCache(path.join(paths.statePath, "packages", "nix-cache.json"));
  // With the Nix backend, an evaluation that used packages missing from the cache is followed by one
  // batched Nix call and a second evaluation; a third covers packages only that second pass reached.
  for (let pass = 0; ; pass++) {
    const lines: string[] = [];
    const recorder = opts.recordFacts === true ? new FactRecorder() : undefined;
    const attempt = evaluateOnce(opts, cache, (l) => lines.push(l), recorder);
    if (attempt.evaluation === undefined && attempt.layer?.needsResolve(attempt.haystack) === true) {
      if (pass >= 3)
        throw new EvaluationError(
          "the packages of this configuration did not settle after three calls of Nix (each evaluation asked for new ones)",
        );
      if (attempt.error === undefined) {
        // What the packages refer to in the private store (a `writeText` given to `trivialBuild`) must exist for Nix.
        attempt.store.flushExcept(PLACEHOLDER_PREFIX);
        attempt.layer.resolve(attempt.haystack);
      } else {
        // The evaluation failed, perhaps only for want of the packages' real attributes: resolve them, writing
        // nothing to the private store (a failed evaluation leaves no trace); if Nix cannot do it, the
        // evaluation's own error is the one to show.
        try {
          attempt.layer.resolve(attempt.haystack);
        } catch (e) {
          if (e instanceof NixCallError) throw attempt.error;
          throw e;
        }
      }
      continue;
    }
    for (const l of lines) warn(l);
    if (attempt.error !== undefined) throw attempt.error;
    return recorder === undefined ? attempt.evaluation! : { ...attempt.evaluation!, facts: recorder };
  }
}

interface Attempt {
  readonly layer: PackageLayer | undefined;
  readonly store: DeferredStore;
  /** The outputs as text (generation and store entries), when the evaluation got that far. */
  readonly haystack?: string;
  readonly evaluation?: HomeEvaluation;
  readonly error?: unknown;
}

function evaluateOnce(opts: HomeEvaluatorOptions, cache: PackageCache, warn: (line: string) => void, recorder?: FactRecorder): Attempt {
  const paths = hmPaths(opts.env);
  const store = new DeferredStore(paths.storeDir);
  const io = evalIO(opts, warn);
  const st = new EvalState({
    io: recorder === undefined ? io : recorder.wrap(io),
    store: recorder === undefined ? new LocalStore(store.storeDir) : new RecordingStore(store.storeDir, recorder),
    searchPath: [...opts.includePaths.flatMap(parseSearchPath), ...parseSearchPath(opts.env.NIX_PATH ?? "")],
    baseDir: opts.cwd,
    abortOnWarn: opts.env.NIX_ABORT_ON_WARN === "1",
  });
  if (recorder !== undefined) st.onImpure = (what) => recorder.taint(what);
  const lib = buildLib(st);
  const showTrace = opts.passthrough.includes("--show-trace");
  let layer: PackageLayer | undefined;
  try {
    layer = new PackageLayer({
      st,
      store,
      lib,
      env: opts.env,
      backend: opts.packages as BackendName | undefined,
      runtimeShell: which("bash", opts.env.PATH ?? "/usr/bin:/bin") ?? "/bin/sh",
      homeManagerCommand: path.join(packageRoot(), "bin", "home-manager"),
      homeManagerVersion: HM_RELEASE,
      statePath: paths.statePath,
      nixArgs: opts.passthrough.filter((a) => a === "--show-trace"),
      cache,
      facts: recorder === undefined ? undefined : packageFacts(recorder),
      flake: opts.flake !== undefined,
    });
    const pkgsLayer = layer;
    const ms = createModuleSystem(st, () => lib);
    // `pkgs` of the configuration: `<nixpkgs>` with the configuration's `nixpkgs.config` and `nixpkgs.overlays`.
    const mkPkgs = new PrimOp("pkgs of the configuration", 2, ([cfgL, ovsL]) => {
      const cfg = force(cfgL!);
      const ovs = force(ovsL!);
      return pkgsLayer.configPkgs(cfg === null ? NixAttrs.empty : cfg, ovs === null ? [] : ovs);
    });
    const loaded = loadConfiguration(st, opts, () => flakeHost(st, opts, lib, pkgsLayer));
    const basePkgs = loaded.pkgs;
    const pkgsModule =
      basePkgs === undefined
        ? call(st.evalString(PKGS_MODULE, "modules/modules.ts"), mkPkgs)
        : call(
            st.evalString(FLAKE_PKGS_MODULE, "modules/modules.ts"),
            new PrimOp("pkgs of the flake configuration", 2, ([cfgL, ovsL]) => {
              const cfg = force(cfgL!);
              const ovs = force(ovsL!);
              return pkgsLayer.flakeConfigPkgs(forceAttrs(basePkgs), cfg === null ? NixAttrs.empty : cfg, ovs === null ? [] : ovs);
            }),
            basePkgs,
          );
    const modules: Lazy[] = [
      ...loaded.modules,
      ...(opts.leadingModules?.(st, lib) ?? []),
      ...coreModules(),
      ...(opts.extraModules?.(st, lib) ?? []),
      pkgsModule,
      ...(loaded.check ? [] : [attrs({ _module: attrs({ check: false }) })]),
    ];
    const result = ms.evalModules({ modules, class: "homeManager", specialArgs: loaded.specialArgs }).result();
    const config = forceAttrs(result.get("config")!);
    if (opts.checkAssertions !== false) checkAssertions(config);
    printWarnings(config, warn, opts.env.NO_COLOR === undefined);
    const options = result.get("options")!;
    const generation = asPartOfOption(["home", "packages"], () => toGeneration(config, options));
    // The outputs, as text: only packages they mention need to be built (or to exist).
    const haystack = store.closureText(JSON.stringify(generation));
    if (layer.needsResolve(haystack)) return { layer, store, haystack };
    layer.checkProblems(haystack);
    store.flush();
    const evaluation = { generation, config, options, state: st, news: () => newsOf(config) };
    return { layer, store, haystack, evaluation: loaded.flake === undefined ? evaluation : { ...evaluation, flake: loaded.flake } };
  } catch (e) {
    return { layer, store, error: userError(e, showTrace, layer) };
  }
}

/** The module that gives the configuration its `pkgs` (a function of `config`, so the module system passes only what it names). */
const PKGS_MODULE = `mkPkgs: { config, lib, ... }: {
  _file = "modules/modules.ts";
  key = "modules/modules.ts#pkgs";
  config._module.args.pkgs = lib.mkDefault (mkPkgs config.nixpkgs.config config.nixpkgs.overlays);
}`;

/** A flake configuration's `pkgs`: the set it was given, with the configuration's `nixpkgs.config` and `nixpkgs.overlays` (defaulting to the set's own). */
const FLAKE_PKGS_MODULE = `mkPkgs: base: { config, lib, ... }: {
  _file = "modules/modules.ts";
  key = "modules/modules.ts#pkgs";
  config._module.args.pkgs = lib.mkDefault (mkPkgs config.nixpkgs.config config.nixpkgs.overlays);
  config.nixpkgs.config = lib.mkDefault (base.config or { });
  config.nixpkgs.overlays = base.overlays or [ ];
}`;

const noticed = new WeakMap<object, Set<string>>();

/** What flake evaluation needs from this evaluation: its state, Nix, and the native inputs. */
function flakeHost(st: EvalState, opts: HomeEvaluatorOptions, lib: Lazy, layer: PackageLayer): FlakeHost {
  const overrides = new Map<string, string>();
  const lockFlags: string[] = [];
  const p = opts.passthrough;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "--override-input") {
      overrides.set(p[i + 1]!, p[i + 2]!);
      i += 2;
    } else if (p[i] === "--update-input") {
      lockFlags.push(p[i]!, p[i + 1]!);
      i++;
    } else if (["--recreate-lock-file", "--no-update-lock-file", "--no-write-lock-file", "--commit-lock-file"].includes(p[i]!))
      lockFlags.push(p[i]!);
  }
  return {
    st,
    fetch: { nix: which("nix", opts.env.PATH ?? ""), env: opts.env, onNix: (what) => st.onImpure?.(what) },
    homeManager: () => homeManagerFlake(lib, () => layer.homeManager(), packageRoot()),
    nixpkgs: (src) => {
      const pkgs = layer.flakePackages(src.dir);
      return pkgs === undefined ? undefined : nixpkgsFlake(lib, src, pkgs);
    },
    overrides,
    lockFlags,
    notice: (line) => {
      // Once per command, however many evaluation passes print it.
      let seen = noticed.get(opts);
      if (seen === undefined) noticed.set(opts, (seen = new Set()));
      if (seen.has(line)) return;
      seen.add(line);
      (opts.warn ?? ((l: string) => void process.stderr.write(l + "\n")))(line);
    },
  };
}

/** An error of the evaluation as the command shows it. */
function userError(e: unknown, showTrace: boolean, layer: PackageLayer | undefined): unknown {
  // A package backend's problems explain a failure better than what the evaluation tripped over afterwards.
  if (layer !== undefined && layer.problems().length > 0 && !(e instanceof PackageError)) {
    try {
      layer.checkProblems();
    } catch (p) {
      return new EvaluationError((p as Error).message);
    }
  }
  if (e instanceof NixError) return new EvaluationError(rendered(e, showTrace));
  if (e instanceof PackageError || e instanceof NixCallError) return new EvaluationError(e.message);
  if (e instanceof FlakeError || e instanceof FlakeRefError || e instanceof LockFileError) return new EvaluationError(e.message);
  if (e instanceof RangeError && /call stack/.test(e.message)) return new EvaluationError("stack overflow (possible infinite recursion)");
  return e;
}

/**
 * `home-manager`'s evaluator: the configuration named by `opts` as a
 * `HomeGeneration`. A generation given as JSON (`HOME_MANAGER_GENERATION_JSON`)
 * is used as is, as by the built-in evaluator.
 */
export function evaluateHome(opts: EvaluatorOptions): HomeGeneration {
  const json = opts.env[GENERATION_JSON_VAR];
  if (json !== undefined && json !== "") return defaultEvaluator(opts);
  if (opts.env.HOME_MANAGER_EVAL_CACHE === "0") return evaluateHomeFull(opts).generation;
  const warn = (line: string) => void process.stderr.write(line + "\n");
  const paths = hmPaths(opts.env);
  const ctx = cacheContext(opts, path.join(paths.statePath, "eval-cache.json"), resolveMissing(paths.storeDir));
  const storeDirs = [resolveMissing(paths.storeDir), "/nix/store"];
  const hit = lookupCached(ctx, storeDirs);
  if (hit !== undefined) {
    if (opts.verbose) warn("Using the cached evaluation: nothing the configuration depends on has changed");
    for (const l of hit.warnings) warn(l);
    return hit.generation;
  }
  const lines: string[] = [];
  const ev = evaluateHomeFull({ ...opts, recordFacts: true, warn: (l) => (lines.push(l), warn(l)) });
  storeCached(ctx, ev.facts!, ev.generation, lines);
  return ev.generation;
}

/** The evaluation cache's view of this request (see `eval-cache.ts`). */
function cacheContext(opts: EvaluatorOptions, file: string, storeDir: string): CacheContext {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const code = codeFingerprint([here, path.join(packageRoot(), "dist", "bundle")]);
  const parts = {
    file: opts.file,
    flake: opts.flake,
    attr: opts.attr,
    includePaths: opts.includePaths,
    passthrough: opts.passthrough,
    packages: opts.packages,
    cwd: opts.cwd,
  };
  return {
    file,
    key: cacheKey(parts, opts.env, code),
    io: { ...nodeIO, getEnv: (n) => opts.env[n] },
    copyPath: (src, recursive, name) => {
      try {
        const hash = contentHash(src, { name, recursive });
        return makeFixedOutputPath(name, recursive ? "recursive" : "flat", "sha256", hash, [], storeDir);
      } catch {
        return undefined;
      }
    },
    which,
    others: { "nixpkgs-identity": (dir) => nixpkgsIdentity(dir) },
  };
}

/** The package layer's facts, into the recorder. */
function packageFacts(rec: FactRecorder): PackageFacts {
  return {
    program: (name, searchPath, found) => void rec.facts.programs.push([name, searchPath, found ?? null]),
    exists: (p) => void rec.facts.exists.push(p),
    other: (kind, arg, value) => void rec.facts.other.push([kind, arg, value]),
  };
}

/** The private store, recording the paths copied into it (a filtered copy cannot be checked later). */
class RecordingStore extends LocalStore {
  constructor(
    storeDir: string,
    private readonly recorder: FactRecorder,
  ) {
    super(storeDir);
  }

  override addPath(src: string, opts: AddPathOptions): string {
    if (opts.filter !== undefined || opts.expectedSha256 !== undefined) this.recorder.taint("a filtered or fixed-hash builtins.path");
    const out = super.addPath(src, opts);
    this.recorder.facts.copies.push([src, opts.recursive, opts.name, out]);
    return out;
  }
}
