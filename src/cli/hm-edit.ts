/**
 * `home-manager edit`: open the configuration file (found as every command
 * finds it; flakes are not followed) in `$VISUAL`, else `$EDITOR`, else the
 * first of `nano` and `vi` on PATH. The editor value is split on blanks, as
 * Home Manager leaves it unquoted, so `code --wait` works. Its exit status is
 * the command's.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { locateConfigFile } from "./config-file.js";
import type { HmContext } from "./hm-context.js";

function onPath(name: string, envPath: string | undefined): boolean {
  return (envPath ?? "").split(":").some((d) => {
    if (d === "") return false;
    try {
      fs.accessSync(path.join(d, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The editor command words, or undefined when there is none. */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const chosen = [env.VISUAL, env.EDITOR].find((v) => v !== undefined && v.trim() !== "");
  if (chosen !== undefined) return chosen.trim().split(/\s+/);
  const fallback = ["nano", "vi"].find((n) => onPath(n, env.PATH));
  return fallback === undefined ? undefined : [fallback];
}

/** `home-manager edit`. */
export function doEdit(ctx: HmContext): number {
  const editor = editorCommand(ctx.env);
  if (editor === undefined) {
    ctx.err("Please set the $EDITOR or $VISUAL environment variable");
    return 1;
  }
  const loc = locateConfigFile({ env: ctx.env, cwd: ctx.io.cwd, file: ctx.args.file, warn: (m) => ctx.warn(m) });
  if (loc.kind !== "file") {
    ctx.err(loc.kind === "error" ? loc.message : "No configuration file found.");
    return 1;
  }
  const r = spawnSync(editor[0]!, [...editor.slice(1), loc.file], {
    env: ctx.env as NodeJS.ProcessEnv,
    cwd: ctx.io.cwd,
    stdio: ctx.io.inheritStdio === true ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  if (r.stdout !== null && r.stdout !== undefined) ctx.io.stdout(r.stdout.toString());
  if (r.stderr !== null && r.stderr !== undefined) ctx.io.stderr(r.stderr.toString());
  if (r.error !== undefined) {
    ctx.error(`${ctx.prog}: cannot run '${editor[0]!}': ${r.error.message}`);
    return 1;
  }
  return r.status ?? 1;
}
