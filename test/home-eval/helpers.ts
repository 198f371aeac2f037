/**
 * A scratch home for end-to-end runs of the real `home-manager` command on a
 * real `home.nix`: `<root>/home` with `~/.config/home-manager/home.nix`, a
 * fake `systemctl` first on PATH (logging its calls; the user manager is
 * "offline"), and two ways to run the command — `run` calls `cli()`
 * in-process with `evaluateHome` installed as the evaluator, `runChild`
 * starts the compiled entry as a separate process (which installs it through
 * its own import of `src/home/register.ts`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/nix/package-root.js";
import { fileURLToPath } from "node:url";
import { cli } from "../../src/cli/home-manager.js";
import { resetHomeEvaluator } from "../../src/cli/config-evaluator.js";
import { nodeIO } from "../../src/nix/io.js";
import { installHomeEvaluator } from "../../src/home/register.js";

export const USER = "jdoe";

/** The compiled command entry. */
export const MAIN = fileURLToPath(new URL("../../src/cli/home-manager-main.js", import.meta.url));

const FAKE_SYSTEMCTL = `#!/bin/sh
echo "$*" >> "$FAKE_SYSTEMD_DIR/log"
case "$*" in
  "--user is-system-running") echo offline ;;
esac
exit 0
`;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class Home {
  readonly root: string;
  readonly home: string;
  readonly env: Record<string, string>;

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hm-eval-")));
    this.home = path.join(this.root, "home");
    const bin = path.join(this.root, "bin");
    const systemd = path.join(this.root, "systemd");
    fs.mkdirSync(path.join(this.home, ".config/home-manager"), { recursive: true });
    fs.mkdirSync(path.join(this.home, ".local/state"), { recursive: true });
    fs.mkdirSync(bin);
    fs.mkdirSync(systemd);
    fs.writeFileSync(path.join(bin, "systemctl"), FAKE_SYSTEMCTL, { mode: 0o755 });
    this.env = {
      HOME: this.home,
      USER,
      PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      FAKE_SYSTEMD_DIR: systemd,
      NO_COLOR: "1",
      LC_ALL: "C",
      HOME_MANAGER_LOCK_TIMEOUT: "5",
      // Packages come from real Nix, out of the example package set (examples/nixpkgs).
      NIX_PATH: `nixpkgs=${path.join(packageRoot(), "examples", "nixpkgs")}`,
    };
  }

  /** Write `~/.config/home-manager/home.nix`; `@HOME@` stands for the home directory. */
  config(text: string): void {
    fs.writeFileSync(path.join(this.home, ".config/home-manager/home.nix"), text.split("@HOME@").join(this.home));
  }

  /** Run `home-manager argv…` in-process. */
  run(argv: string[]): RunResult {
    let stdout = "";
    let stderr = "";
    installHomeEvaluator();
    try {
      const code = cli(argv, {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        readStdin: () => "",
        env: this.env,
        cwd: this.root,
        evalIO: nodeIO,
        isTTY: false,
      });
      return { code, stdout: this.scrub(stdout), stderr: this.scrub(stderr) };
    } finally {
      resetHomeEvaluator();
    }
  }

  /** Run the compiled command as a child process. */
  runChild(argv: string[]): RunResult {
    const r = spawnSync(process.execPath, ["--stack-size=20000", MAIN, ...argv], { env: this.env, cwd: this.root, encoding: "utf8" });
    return { code: r.status ?? 1, stdout: this.scrub(r.stdout), stderr: this.scrub(r.stderr) };
  }

  /** Output with the scratch directory shown as `@ROOT@`. */
  scrub(s: string): string {
    return s.split(this.root).join("@ROOT@");
  }

  p(rel: string): string {
    return path.join(this.home, rel);
  }

  read(rel: string): string {
    return fs.readFileSync(this.p(rel), "utf8");
  }

  exists(rel: string): boolean {
    return fs.lstatSync(this.p(rel), { throwIfNoEntry: false }) !== undefined;
  }

  /** Every path under home (relative), with link targets, except Home Manager's state. */
  snapshot(): string[] {
    const out: string[] = [];
    const walk = (dir: string, rel: string): void => {
      for (const name of fs.readdirSync(dir).sort()) {
        const r = rel === "" ? name : `${rel}/${name}`;
        if (r === ".local/state/home-manager") continue;
        const p = path.join(dir, name);
        const st = fs.lstatSync(p);
        if (st.isSymbolicLink()) out.push(`${r} -> ${fs.readlinkSync(p)}`);
        else if (st.isDirectory()) {
          out.push(`${r}/`);
          walk(p, r);
        } else out.push(r);
      }
    };
    walk(this.home, "");
    return out;
  }

  cleanup(): void {
    const chmod = (p: string): void => {
      const st = fs.lstatSync(p, { throwIfNoEntry: false });
      if (st === undefined || st.isSymbolicLink() || !st.isDirectory()) return;
      fs.chmodSync(p, 0o755);
      for (const n of fs.readdirSync(p)) chmod(path.join(p, n));
    };
    chmod(this.root);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}
