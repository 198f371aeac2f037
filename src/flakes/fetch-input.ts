/**
 * Where a flake input's source is on this machine. Local references (`path:`,
 * a plain directory, `git+file:` without a revision) are read in place, so
 * errors name the user's own files. A locked input whose `narHash` is already
 * in the Nix store (`/nix/store/…-source`, where Nix itself keeps fetched
 * sources) is used from there without running anything. Anything else is
 * fetched by real Nix (`builtins.fetchTree` of the locked attributes), and
 * without Nix it is an error that says so.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { DEFAULT_STORE_DIR, makeFixedOutputPath } from "../nix/store/paths.js";
import { describe, type FlakeAttrs } from "./flake-ref.js";

export interface Source {
  /** The directory holding the source. */
  readonly dir: string;
  /** `lastModified`, `narHash`, `rev`, … as Nix gives them to `outputs`. */
  readonly info: Readonly<Record<string, string | number | boolean>>;
}

export class FetchError extends Error {}

export interface FetchContext {
  /** `nix` on PATH, if any. */
  readonly nix: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Called before Nix is run (the evaluation cache stops trusting the result). */
  readonly onNix?: (what: string) => void;
}

export const FLAKE_FEATURES = ["--extra-experimental-features", "nix-command flakes"];

/** `/nix/store/<hash>-source` of a recursive SHA-256 `narHash` (SRI form). */
export function sourcePathOfNarHash(narHash: string): string | undefined {
  const m = /^sha256-([A-Za-z0-9+/]+=*)$/.exec(narHash);
  if (m === null) return undefined;
  const hex = Buffer.from(m[1]!, "base64").toString("hex");
  if (hex.length !== 64) return undefined;
  return makeFixedOutputPath("source", "recursive", "sha256", hex, [], DEFAULT_STORE_DIR);
}

/** Nix's `sourceInfo` attributes of a locked node. */
function infoOf(locked: FlakeAttrs): Record<string, string | number | boolean> {
  const info: Record<string, string | number | boolean> = {};
  for (const k of ["lastModified", "narHash", "rev", "revCount", "submodules"]) if (locked[k] !== undefined) info[k] = locked[k]!;
  if (typeof info.rev === "string") info.shortRev = info.rev.slice(0, 7);
  return info;
}

/** The source of a locked input (attributes as in `flake.lock`'s `locked`). */
export function fetchLocked(locked: FlakeAttrs, ctx: FetchContext): Source {
  const info = infoOf(locked);
  if (locked.type === "path" && typeof locked.path === "string" && fs.existsSync(locked.path)) return { dir: locked.path, info };
  if (typeof locked.narHash === "string") {
    const p = sourcePathOfNarHash(locked.narHash);
    if (p !== undefined && fs.existsSync(p)) return { dir: p, info };
  }
  return fetchWithNix(locked, ctx, info);
}

/** Run real Nix's `fetchTree`; its answer gives the store path and the source's attributes. */
export function fetchWithNix(attrs: FlakeAttrs, ctx: FetchContext, known: Record<string, string | number | boolean> = {}): Source {
  const what = describe(attrs);
  if (ctx.nix === undefined)
    throw new FetchError(
      `the flake input '${what}' is not on this machine, and fetching it needs Nix, which is not installed; install Nix, or point the input at a local directory (e.g. \`inputs.NAME.url = "path:/some/dir";\` or \`--override-input NAME /some/dir\`)`,
    );
  ctx.onNix?.(`fetching ${what}`);
  const fetchAttrs: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (k !== "__final") fetchAttrs[k] = v;
  const expr = `let t = builtins.fetchTree (builtins.fromJSON ${JSON.stringify(JSON.stringify(fetchAttrs))}); in { path = t.outPath; info = removeAttrs t [ "outPath" ]; }`;
  const r = spawnSync(ctx.nix, [...FLAKE_FEATURES, "eval", "--impure", "--json", "--expr", expr], {
    encoding: "utf8",
    env: ctx.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0) {
    const msg = (r.stderr ?? "").trim() || (r.error?.message ?? `exit status ${String(r.status)}`);
    throw new FetchError(`Nix could not fetch the flake input '${what}':\n${msg}`);
  }
  const out = JSON.parse(r.stdout) as { path: string; info: Record<string, string | number | boolean> };
  return { dir: out.path, info: { ...known, ...out.info } };
}
