/**
 * A scratch home for the end-to-end tests: a temporary directory with `home/`
 * (an empty `~/.config/home-manager/home.nix` so the configuration is found),
 * a fake `systemctl` first on PATH (it logs its calls and answers from files
 * the test writes), and two ways to run the real command: `run` calls `cli()`
 * in-process with the fixture configuration registered as the evaluator;
 * `runChild` starts the compiled entry (`dist/src/cli/home-manager-main.js`)
 * as a separate process, handing it the fixture through
 * `HOME_MANAGER_GENERATION_JSON` — for tests that kill the command itself.
 * Activation always runs the generation's real `activate` with real bash.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { HomeFileSpec, HomeGeneration } from "../../src/build/home-config.js";
import { cli } from "../../src/cli/home-manager.js";
import { registerHomeEvaluator, resetHomeEvaluator } from "../../src/cli/config-evaluator.js";
import { nodeIO } from "../../src/nix/io.js";

export const USER = "alice";

/** The compiled command entry (`dist/src/cli/home-manager-main.js`). */
export const MAIN = fileURLToPath(new URL("../../src/cli/home-manager-main.js", import.meta.url));

const FAKE_SYSTEMCTL = `#!/bin/sh
d="$FAKE_SYSTEMD_DIR"
echo "$*" >> "$d/log"
case "$*" in
  "--user is-system-running") cat "$d/status" 2>/dev/null || echo offline ;;
  "--user is-active "*)
    u="\${*##* }"
    if grep -qx "$u" "$d/active" 2>/dev/null; then echo active; else echo inactive; exit 3; fi ;;
esac
exit 0
`;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class Sandbox {
  readonly root: string;
  readonly home: string;
  readonly fakeBin: string;
  readonly systemd: string;
  env: Record<string, string>;

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hm-test-")));
    this.home = path.join(this.root, "home");
    this.fakeBin = path.join(this.root, "bin");
    this.systemd = path.join(this.root, "systemd");
    fs.mkdirSync(path.join(this.home, ".config/home-manager"), { recursive: true });
    fs.writeFileSync(path.join(this.home, ".config/home-manager/home.nix"), "{ }\n");
    // As on a real machine, the XDG state directory exists already.
    fs.mkdirSync(path.join(this.home, ".local/state"), { recursive: true });
    fs.mkdirSync(this.fakeBin);
    fs.mkdirSync(this.systemd);
    fs.writeFileSync(path.join(this.fakeBin, "systemctl"), FAKE_SYSTEMCTL, { mode: 0o755 });
    this.env = {
      HOME: this.home,
      USER,
      PATH: `${this.fakeBin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      FAKE_SYSTEMD_DIR: this.systemd,
      NO_COLOR: "1",
      LC_ALL: "C",
      HOME_MANAGER_LOCK_TIMEOUT: "5",
    };
  }

  /** A minimal configuration for this home, extended by `extra`. */
  config(extra: Partial<HomeGeneration> = {}): HomeGeneration {
    return { username: USER, homeDirectory: this.home, stateVersion: "24.11", ...extra };
  }

  /** A configuration with these files. */
  withFiles(files: HomeFileSpec[], extra: Partial<HomeGeneration> = {}): HomeGeneration {
    return this.config({ files, ...extra });
  }

  /** Run `home-manager argv…` in-process with `g` as the evaluated configuration. */
  run(argv: string[], g?: HomeGeneration, env: Record<string, string | undefined> = {}): RunResult {
    let stdout = "";
    let stderr = "";
    registerHomeEvaluator(() => {
      if (g === undefined) throw new Error("no configuration given to the test");
      return g;
    });
    const fullEnv: Record<string, string | undefined> = { ...this.env, ...env };
    for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
    try {
      const code = cli(argv, {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        readStdin: () => "",
        env: fullEnv,
        cwd: this.root,
        evalIO: nodeIO,
        isTTY: false,
      });
      return { code, stdout, stderr };
    } finally {
      resetHomeEvaluator();
    }
  }

  /** Run the real command as a child process; `g` is passed as JSON. */
  runChild(argv: string[], g?: HomeGeneration, env: Record<string, string | undefined> = {}): RunResult {
    const fullEnv: Record<string, string | undefined> = { ...this.env, ...env };
    if (g !== undefined) {
      const json = path.join(this.root, `config-${process.hrtime.bigint()}.json`);
      fs.writeFileSync(json, JSON.stringify(g));
      fullEnv.HOME_MANAGER_GENERATION_JSON = json;
    }
    for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
    const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [MAIN, ...argv], {
      env: fullEnv as NodeJS.ProcessEnv,
      cwd: this.root,
      encoding: "utf8",
    });
    return { code: r.status ?? (r.signal !== null ? 128 + 9 : 1), stdout: r.stdout, stderr: r.stderr };
  }

  /** Run a generation's `activate` by hand, as the manual's "Rollbacks" does. */
  activateByHand(generation: string, args: string[] = [], env: Record<string, string> = {}): RunResult {
    const r = spawnSync(path.join(generation, "activate"), args, { env: { ...this.env, ...env }, cwd: this.root, encoding: "utf8" });
    return { code: r.status ?? 137, stdout: r.stdout, stderr: r.stderr };
  }

  p(rel: string): string {
    return path.join(this.home, rel);
  }

  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(this.p(rel)), { recursive: true });
    fs.writeFileSync(this.p(rel), text);
  }

  read(rel: string): string {
    return fs.readFileSync(this.p(rel), "utf8");
  }

  readlink(rel: string): string | undefined {
    try {
      return fs.readlinkSync(this.p(rel));
    } catch {
      return undefined;
    }
  }

  exists(rel: string): boolean {
    return fs.lstatSync(this.p(rel), { throwIfNoEntry: false }) !== undefined;
  }

  get statePath(): string {
    return path.join(this.home, ".local/state/home-manager");
  }

  get profilesDir(): string {
    return path.join(this.statePath, "profiles");
  }

  /** The generation the profile points at. */
  currentGeneration(): string | undefined {
    try {
      return fs.readlinkSync(path.join(this.profilesDir, fs.readlinkSync(path.join(this.profilesDir, "home-manager"))));
    } catch {
      return undefined;
    }
  }

  /** `current-home`. */
  activeGeneration(): string | undefined {
    try {
      return fs.readlinkSync(path.join(this.statePath, "gcroots/current-home"));
    } catch {
      return undefined;
    }
  }

  /** Every path below home (outside Home Manager's state), with what it is, for before/after comparisons. */
  snapshot(exclude: string[] = [".local/state/home-manager"]): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (rel: string): void => {
      const abs = rel === "" ? this.home : this.p(rel);
      for (const name of fs.readdirSync(abs)) {
        const r = rel === "" ? name : `${rel}/${name}`;
        if (exclude.includes(r)) continue;
        const st = fs.lstatSync(this.p(r));
        if (st.isSymbolicLink()) out.set(r, "-> " + fs.readlinkSync(this.p(r)));
        else if (st.isDirectory()) {
          out.set(r, "dir");
          walk(r);
        } else out.set(r, "file " + fs.readFileSync(this.p(r), "utf8"));
      }
    };
    walk("");
    return out;
  }

  /** Set the fake user manager's answer to `is-system-running` and its active units. */
  systemdState(status: string, active: string[] = []): void {
    fs.writeFileSync(path.join(this.systemd, "status"), status + "\n");
    fs.writeFileSync(path.join(this.systemd, "active"), active.map((u) => u + "\n").join(""));
    fs.rmSync(path.join(this.systemd, "log"), { force: true });
  }

  systemctlCalls(): string[] {
    try {
      return fs
        .readFileSync(path.join(this.systemd, "log"), "utf8")
        .split("\n")
        .filter((l) => l !== "");
    } catch {
      return [];
    }
  }

  cleanup(): void {
    const chmodAll = (p: string): void => {
      const st = fs.lstatSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) {
        fs.chmodSync(p, 0o700);
        for (const n of fs.readdirSync(p)) chmodAll(path.join(p, n));
      }
    };
    chmodAll(this.root);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Lines of output without the store hashes' variability: keep as is (paths are per-sandbox). */
export function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}
