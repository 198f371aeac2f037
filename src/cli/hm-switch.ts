/**
 * `home-manager build` and `home-manager switch [--rollback]`. A build
 * evaluates the configuration, builds the generation into the private store
 * (nothing is rebuilt when nothing changed), prints its path and, unless
 * `--no-out-link`, points `./result` at it (kept alive as an indirect GC
 * root). A switch takes the activation lock, builds, and runs the
 * generation's own `activate --driver-version 1`; only when that succeeded is
 * the profile moved to it (`home-manager-<N>-link`), so a failed activation
 * leaves the profile where it was. When the configuration builds to the
 * generation that is already active and every link is still in place, the
 * activation is skipped altogether. `--rollback` activates the previous
 * generation and then moves the profile back to it. `--specialisation NAME`
 * runs the named variant's `activate` (`<generation>/specialisation/NAME`)
 * instead, the profile still moving to the main generation. Under `-n` the activation
 * only prints what it would do and the profile is not touched.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildGeneration, type BuiltGeneration } from "../build/generation.js";
import { BuildError } from "../build/home-config.js";
import type { HomeGeneration } from "../build/home-config.js";
import { DagCycleError } from "../activation/activate-script.js";
import { nodeFs } from "../activation/fs.js";
import { ownedStoreDirs } from "../activation/helper.js";
import { verifyGeneration } from "../activation/verify.js";
import { HomeStore } from "../store/home-store.js";
import { LockBusyError, releaseLock, type LockHandle } from "../store/lock.js";
import { ACTIVATING_ROOTS, AUTO_ROOTS, CURRENT_HOME_ROOT, ensurePrivateDir } from "../store/state-paths.js";
import {
  atomicSymlink,
  currentGeneration,
  previousGeneration,
  ProfileError,
  pruneTemporaryLinks,
  setProfile,
  switchProfile,
} from "../generations/profiles.js";
import { EvaluationError, homeEvaluator } from "./config-evaluator.js";
import { locateConfig } from "./config-file.js";
import type { HmContext } from "./hm-context.js";

/** Stop the command with this exit status (messages already printed). */
export class CommandExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Evaluate the configuration found as Home Manager finds it. */
function evaluate(ctx: HmContext): HomeGeneration {
  const loc = locateConfig({ env: ctx.env, cwd: ctx.io.cwd, file: ctx.args.file, flake: ctx.args.flake, warn: (m) => ctx.warn(m) });
  if (loc.kind === "error") {
    ctx.err(loc.message);
    throw new CommandExit(1);
  }
  try {
    return homeEvaluator()({
      file: loc.kind === "file" ? loc.file : undefined,
      flake: loc.kind === "flake" ? { uri: loc.uri, name: loc.name, names: loc.names } : undefined,
      attr: ctx.args.attr,
      includePaths: ctx.args.includePaths,
      packages: ctx.args.packages,
      passthrough: ctx.args.passthrough,
      env: ctx.env,
      cwd: ctx.io.cwd,
      verbose: ctx.verbose,
    });
  } catch (e) {
    if (e instanceof EvaluationError) {
      // A rendered Nix error with frames starts on its own line ("error:\n  … while …").
      ctx.err(e.message.startsWith("\n") ? `error:${e.message}` : `error: ${e.message}`);
      throw new CommandExit(1);
    }
    throw e;
  }
}

/** Build the generation (the caller holds the lock). */
function build(ctx: HmContext, g: HomeGeneration): BuiltGeneration {
  ensurePrivateDir(ctx.paths.statePath);
  const store = HomeStore.open(ctx.paths.storeDir);
  try {
    return buildGeneration(g, { store, env: ctx.env, warn: (s) => ctx.err(s) });
  } catch (e) {
    if (e instanceof BuildError || e instanceof DagCycleError) {
      ctx.err(`error: ${e.message}`);
      throw new CommandExit(1);
    }
    throw e;
  }
}

function withLock<T>(ctx: HmContext, f: (lock: LockHandle) => T): T {
  let lock: LockHandle;
  try {
    lock = ctx.lock();
  } catch (e) {
    if (e instanceof LockBusyError) {
      ctx.error(e.message);
      throw new CommandExit(1);
    }
    throw e;
  }
  try {
    return f(lock);
  } finally {
    releaseLock(lock);
  }
}

/** Test hook for child-process tests: die here as a crash would. */
function killPoint(ctx: HmContext, name: string): void {
  if (ctx.env.HOME_MANAGER_TEST_KILL_AT === name) process.kill(process.pid, "SIGKILL");
}

/** Run `<generation>/activate --driver-version 1`; returns its exit status. */
function activate(ctx: HmContext, generation: string, lock: LockHandle | undefined): number {
  const env: Record<string, string | undefined> = { ...ctx.env, VERBOSE_ARG: ctx.verbose ? "--verbose" : "" };
  if (lock !== undefined) env.HOME_MANAGER_LOCK_TOKEN = lock.token;
  else delete env.HOME_MANAGER_LOCK_TOKEN;
  const r = spawnSync(path.join(generation, "activate"), ["--driver-version", "1"], {
    env: env as NodeJS.ProcessEnv,
    cwd: ctx.io.cwd,
    stdio: ctx.io.inheritStdio === true ? "inherit" : ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  if (r.stdout !== null && r.stdout !== undefined) ctx.io.stdout(r.stdout.toString());
  if (r.stderr !== null && r.stderr !== undefined) ctx.io.stderr(r.stderr.toString());
  if (r.error !== undefined) {
    ctx.error(`${ctx.prog}: cannot run '${generation}/activate': ${r.error.message}`);
    return 1;
  }
  if (r.signal !== null) {
    ctx.error(`${ctx.prog}: the activation was killed by ${r.signal}`);
    return 1;
  }
  return r.status ?? 1;
}

function readlinkOr(p: string): string | undefined {
  try {
    return fs.readlinkSync(p);
  } catch {
    return undefined;
  }
}

/** Is `built` already active, with nothing half-done and every link in place? */
function alreadyActive(ctx: HmContext, built: BuiltGeneration): boolean {
  const { gcrootsDir, storeDir, home } = ctx.paths;
  if (readlinkOr(path.join(gcrootsDir, CURRENT_HOME_ROOT)) !== built.path) return false;
  try {
    if (fs.readdirSync(path.join(gcrootsDir, ACTIVATING_ROOTS)).length > 0) return false;
  } catch {
    // no activation ever got past writeBoundary unfinished
  }
  const problem = verifyGeneration(nodeFs, {
    home,
    generation: built.path,
    storeDirs: ownedStoreDirs(fs.realpathSync(storeDir)),
    profileDirectory: built.profileDirectory,
  });
  if (problem !== undefined) ctx.verboseOut(`Activating again: ${problem}`);
  return problem === undefined;
}

/** `home-manager build`. */
export function doBuild(ctx: HmContext): number {
  try {
    fs.accessSync(ctx.io.cwd, fs.constants.W_OK);
  } catch {
    ctx.err("Cannot run build in read-only directory");
    return 1;
  }
  const g = evaluate(ctx);
  return withLock(ctx, () => {
    const built = build(ctx, g);
    if (!ctx.args.noOutLink) {
      const result = path.join(ctx.io.cwd, "result");
      atomicSymlink(built.path, result);
      const auto = path.join(ctx.paths.gcrootsDir, AUTO_ROOTS);
      fs.mkdirSync(auto, { recursive: true });
      const name = crypto.createHash("sha256").update(result).digest("hex").slice(0, 32);
      atomicSymlink(result, path.join(auto, name));
    }
    ctx.out(built.path);
    return 0;
  });
}

function doRollback(ctx: HmContext, variant: string | undefined): number {
  return withLock(ctx, (lock) => {
    const cur = currentGeneration(ctx.paths.profilesDir);
    let prev;
    try {
      prev = previousGeneration(ctx.paths.profilesDir);
    } catch (e) {
      if (e instanceof ProfileError) {
        ctx.error(`error: ${e.message}`);
        return 1;
      }
      throw e;
    }
    if (ctx.dryRun)
      ctx.out(`nix-env${ctx.verbose ? " --verbose" : ""} --profile ${path.join(ctx.paths.profilesDir, "home-manager")} --rollback`);
    const target = variant === undefined ? prev.target : specialisationOf(ctx, prev.target, variant);
    if (target === undefined) return 1;
    const code = activate(ctx, target, ctx.dryRun ? undefined : lock);
    if (code !== 0 || ctx.dryRun) return code;
    switchProfile(ctx.paths.profilesDir, prev.id);
    ctx.err(`switching profile from version ${cur?.id ?? "?"} to ${prev.id}`);
    return 0;
  });
}

/** `<generation>/specialisation/<name>`, or undefined (after saying so) when the generation has no such variant. */
function specialisationOf(ctx: HmContext, generation: string, name: string): string | undefined {
  const dir = path.join(generation, "specialisation", name);
  try {
    fs.accessSync(path.join(dir, "activate"), fs.constants.X_OK);
    return dir;
  } catch {
    ctx.error(`The configuration does not contain the specialisation "${name}"`);
    return undefined;
  }
}

/** `home-manager switch [--rollback] [-c NAME]`. */
export function doSwitch(ctx: HmContext): number {
  const a = ctx.args.commandArgs;
  const spec = a.indexOf("--specialisation");
  const variant = spec >= 0 ? (a[spec + 1] ?? "") : undefined;
  if (a.includes("--rollback")) return doRollback(ctx, variant);
  const g = evaluate(ctx);
  return withLock(ctx, (lock) => {
    const built = build(ctx, g);
    const target = variant === undefined ? built.path : specialisationOf(ctx, built.path, variant);
    if (target === undefined) return 1;
    if (ctx.dryRun) return activate(ctx, target, undefined);
    const profiles = ctx.paths.profilesDir;
    if (variant === undefined && alreadyActive(ctx, built)) {
      if (currentGeneration(profiles)?.target !== built.path) setProfile(profiles, built.path);
      ctx.out("No change so reusing latest profile generation");
      return 0;
    }
    const code = activate(ctx, target, lock);
    if (code !== 0) return code;
    killPoint(ctx, "cli:after-activate");
    pruneTemporaryLinks(profiles);
    setProfile(profiles, built.path);
    return 0;
  });
}
