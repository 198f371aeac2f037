/**
 * The activation helper: the file work of `checkLinkTargets` and
 * `linkGeneration`, the unit comparison of `reloadSystemd`, the lock and the
 * by-hand profile update, run as a short-lived process by the generation's
 * bash `activate` script (the way Home Manager's script runs its own helper
 * scripts and sd-switch). `runHelper` is the command as a function of its
 * arguments, environment, file system and output; `helper-main.ts` wires it to
 * the process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { settingsFromEnv } from "./context.js";
import { checkLinkTargets } from "./check-link-targets.js";
import type { Fs } from "./fs.js";
import { linkGeneration } from "./link-generation.js";
import { Reporter, type Write } from "./messages.js";
import { systemdSwitch } from "./systemd-switch.js";
import { acquireLock, LockBusyError } from "../store/lock.js";
import { setProfile } from "../generations/profiles.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The argv prefix that runs the helper with this Node: when this code runs
 * from the bundle (`dist/bundle/`), the helper's own one-file bundle beside
 * it (`helper-main.cjs`, quicker to load), else the compiled
 * `helper-main.js` beside this module.
 */
export function helperCommand(): string[] {
  const candidates = ["./helper-main.cjs", "./helper-main.js", "../src/activation/helper-main.js"].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  );
  const found = candidates.find((p) => fs.existsSync(p)) ?? candidates[0]!;
  return [process.execPath, found];
}

/** The store directories whose generation files count as ours: the given one and Nix's. */
export function ownedStoreDirs(storeDir: string): string[] {
  const dirs = [storeDir];
  try {
    dirs.push(fs.realpathSync("/nix/store"));
  } catch {
    // no Nix store on this machine
  }
  return dirs;
}

interface Parsed {
  readonly flags: Set<string>;
  readonly values: Map<string, string[]>;
}

const VALUED = new Set([
  "--store-dir",
  "--new-files",
  "--old-generation",
  "--activating-dir",
  "--force",
  "--old-units",
  "--new-units",
  "--file",
  "--pid",
  "--profiles-dir",
  "--generation",
]);

function parseArgs(args: readonly string[]): Parsed {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED.has(a)) {
      const v = args[++i];
      if (v === undefined) throw new Error(`missing argument for ${a}`);
      values.set(a, [...(values.get(a) ?? []), v]);
    } else flags.add(a);
  }
  return { flags, values };
}

function one(p: Parsed, name: string): string {
  const v = p.values.get(name)?.[0];
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

function resolvedFiles(generation: string): string | undefined {
  try {
    return fs.realpathSync(path.join(generation, "home-files"));
  } catch {
    return undefined;
  }
}

/**
 * The `--new-files` directory, resolved as `readlink -e` would (the script
 * may name it through links); a missing one is an error, never an empty set
 * of files (which would make linking remove every old link).
 */
function newFilesDir(p: Parsed): string {
  const given = one(p, "--new-files");
  let dir: string;
  try {
    dir = fs.realpathSync(given);
  } catch {
    throw new Error(`the generation's files '${given}' are missing`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error(`the generation's files '${given}' are not a directory`);
  return dir;
}

/** `home-files` of the generations recorded as interrupted in the activating directory (other than `except`). */
function interruptedFiles(dir: string | undefined, except: string): string[] {
  if (dir === undefined) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => resolvedFiles(path.join(dir, n))).filter((x): x is string => x !== undefined && x !== except);
}

export interface HelperIO {
  readonly env: Env;
  readonly fs: Fs;
  readonly stdout: Write;
  readonly stderr: Write;
  readonly isTTY: boolean;
}

function reporter(io: HelperIO, verbose: boolean): Reporter {
  const color = io.isTTY && io.env.NO_COLOR === undefined;
  return new Reporter(io.stdout, { color, verbose });
}

function lockCommand(p: Parsed, io: HelperIO): number {
  const file = one(p, "--file");
  const timeout = Number(io.env.HOME_MANAGER_LOCK_TIMEOUT ?? "600");
  try {
    const h = acquireLock(file, {
      pid: Number(one(p, "--pid")),
      timeoutMs: Number.isFinite(timeout) ? timeout * 1000 : 600_000,
      onWait: (holder) => io.stderr(`Waiting for another Home Manager activation (process ${holder.pid}) to finish...\n`),
    });
    io.stdout(h.token + "\n");
    return 0;
  } catch (e) {
    if (e instanceof LockBusyError) {
      io.stderr(e.message + "\n");
      return 1;
    }
    throw e;
  }
}

/** Run one helper command; returns the exit status. */
export function runHelper(args: readonly string[], io: HelperIO): number {
  const [command, ...rest] = args;
  const p = parseArgs(rest);
  const forced = p.values.get("--force") ?? [];
  switch (command) {
    case "check-link-targets": {
      const s = settingsFromEnv(io.env, ownedStoreDirs(one(p, "--store-dir")), forced);
      return checkLinkTargets(s, io.fs, reporter(io, s.verbose), newFilesDir(p));
    }
    case "link-generation": {
      const s = settingsFromEnv(io.env, ownedStoreDirs(one(p, "--store-dir")), forced);
      const old = p.values.get("--old-generation")?.[0];
      const newFiles = newFilesDir(p);
      return linkGeneration(s, io.fs, reporter(io, s.verbose), {
        newFiles,
        oldFiles: old === undefined ? undefined : resolvedFiles(old),
        interruptedFiles: interruptedFiles(p.values.get("--activating-dir")?.[0], newFiles),
      });
    }
    case "systemd-switch": {
      const verbose = p.flags.has("--verbose") || io.env.VERBOSE !== undefined;
      return systemdSwitch(io.fs, reporter(io, verbose), {
        oldUnits: p.values.get("--old-units")?.[0],
        newUnits: p.values.get("--new-units")?.[0],
        suggest: p.flags.has("--suggest"),
        dryRun: p.flags.has("--dry-run"),
      });
    }
    case "lock":
      return lockCommand(p, io);
    case "set-profile":
      setProfile(one(p, "--profiles-dir"), one(p, "--generation"));
      return 0;
    default:
      io.stderr(`home-manager activation helper: unknown command '${command ?? ""}'\n`);
      return 2;
  }
}
