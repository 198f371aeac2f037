/**
 * `home-manager uninstall`: after Home Manager's warning and a `[y/n]`
 * question (one answer read from the input; `y` or `Y` goes on, anything
 * else gets "Yay!"), switch to an empty configuration — `uninstall = true`,
 * which forces no files and no packages and adds the `uninstall` activation
 * step — written to a temporary `home.nix` that names the user and home
 * directory. When that activation succeeded, our state directory (store,
 * generations, profile links, GC roots) is removed; the user's own `home.nix`
 * is left alone. Under `-n` the activation only tells what it would do and
 * nothing is removed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HmContext } from "./hm-context.js";
import { escapeForNix } from "./hm-init.js";
import { inputLines } from "./hm-repl.js";
import { CommandExit, doSwitch } from "./hm-switch.js";

/** The configuration that removes everything. */
export function uninstallHomeNix(env: Readonly<Record<string, string | undefined>>): string {
  return `{
  uninstall = true;
  home.username = "${escapeForNix(env.USER ?? "")}";
  home.homeDirectory = "${escapeForNix(env.HOME ?? "")}";
  home.stateVersion = "26.05";
}
`;
}

/** `home-manager uninstall`. */
export function doUninstall(ctx: HmContext): number {
  const statePath = ctx.paths.statePath;
  ctx.out("This will remove Home Manager from your system.");
  if (ctx.dryRun) ctx.out("This is a dry run, nothing will actually be uninstalled.");
  ctx.io.stderr("Really uninstall Home Manager? [y/n] ");
  const answer = (inputLines(ctx)() ?? "").charAt(0);
  ctx.out("");
  if (answer !== "y" && answer !== "Y") {
    ctx.out("Yay!");
    return 0;
  }
  ctx.out("Switching to empty Home Manager configuration...");
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "home-manager."));
  const conf = path.join(tmpDir, "home.nix");
  let code: number;
  try {
    fs.writeFileSync(conf, uninstallHomeNix(ctx.env));
    const sub = new HmContext(
      ctx.io,
      { ...ctx.args, command: "switch", commandArgs: [], file: conf, flake: undefined, attr: "" },
      ctx.prog,
    );
    try {
      code = doSwitch(sub);
    } catch (e) {
      if (e instanceof CommandExit) code = e.code;
      else throw e;
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  if (code !== 0) return code;
  if (!ctx.dryRun) {
    const chmod = (p: string): void => {
      const st = fs.lstatSync(p, { throwIfNoEntry: false });
      if (st === undefined || st.isSymbolicLink() || !st.isDirectory()) return;
      fs.chmodSync(p, 0o755);
      for (const n of fs.readdirSync(p)) chmod(path.join(p, n));
    };
    chmod(statePath);
    fs.rmSync(statePath, { recursive: true, force: true });
  }
  ctx.out("Home Manager is uninstalled but your home.nix is left untouched.");
  return 0;
}
