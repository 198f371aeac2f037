/**
 * Where Home Manager keeps its state on a user's machine. Everything lives under
 * `$XDG_STATE_HOME/home-manager` (default `~/.local/state/home-manager`): the
 * private store, the profile links (`profiles/home-manager-<N>-link`), the GC
 * roots and the activation lock. The functions here only compute paths; the
 * directories are created (mode 0700) by whoever first writes into them.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The environment variables that decide the layout. */
export interface StateEnv {
  readonly HOME?: string | undefined;
  readonly XDG_STATE_HOME?: string | undefined;
  readonly XDG_DATA_HOME?: string | undefined;
  readonly XDG_CONFIG_HOME?: string | undefined;
}

export interface HmPaths {
  readonly home: string;
  /** `$XDG_STATE_HOME/home-manager`, the activation script's `$hmStatePath`. */
  readonly statePath: string;
  /** `$XDG_DATA_HOME/home-manager`, the activation script's `$hmDataPath`. */
  readonly dataPath: string;
  /** The private store directory (not yet resolved through symlinks). */
  readonly storeDir: string;
  /** Holds `home-manager` (the profile) and `home-manager-<N>-link`. */
  readonly profilesDir: string;
  /** `current-home`, `new-home`, `activating/`, `auto/`. */
  readonly gcrootsDir: string;
  /** The lock that serialises activations, builds and garbage collection. */
  readonly lockFile: string;
}

/** Thrown when the environment does not say where home is. */
export class StateEnvError extends Error {}

function xdg(env: StateEnv, name: "XDG_STATE_HOME" | "XDG_DATA_HOME" | "XDG_CONFIG_HOME", fallback: string): string {
  const v = env[name];
  // The XDG spec: relative values are invalid and ignored.
  return v !== undefined && v !== "" && path.isAbsolute(v) ? v : path.join(requireHome(env), fallback);
}

function requireHome(env: StateEnv): string {
  const home = env.HOME;
  if (home === undefined || home === "") throw new StateEnvError("HOME is not set");
  return home;
}

/** `${XDG_CONFIG_HOME:-$HOME/.config}`. */
export function configHome(env: StateEnv): string {
  return xdg(env, "XDG_CONFIG_HOME", ".config");
}

/** The state layout for this environment. */
export function hmPaths(env: StateEnv): HmPaths {
  const home = requireHome(env);
  const statePath = path.join(xdg(env, "XDG_STATE_HOME", ".local/state"), "home-manager");
  return {
    home,
    statePath,
    dataPath: path.join(xdg(env, "XDG_DATA_HOME", ".local/share"), "home-manager"),
    storeDir: path.join(statePath, "store"),
    profilesDir: path.join(statePath, "profiles"),
    gcrootsDir: path.join(statePath, "gcroots"),
    lockFile: path.join(statePath, "lock"),
  };
}

/** Names inside a generation directory and the GC-root directory. */
export const GENERATION_NAME = "home-manager-generation";
export const HOME_FILES_NAME = "home-manager-files";
export const HOME_PATH_NAME = "home-manager-path";
export const CURRENT_HOME_ROOT = "current-home";
export const NEW_HOME_ROOT = "new-home";
/** Generations whose activation passed `writeBoundary` and has not finished. */
export const ACTIVATING_ROOTS = "activating";
/** Indirect roots: links to `result` links made by `home-manager build`. */
export const AUTO_ROOTS = "auto";

/** Create `dir` private to the user (0700); missing parents get the usual mode. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  fs.chmodSync(dir, 0o700);
}
