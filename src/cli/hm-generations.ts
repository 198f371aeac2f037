/**
 * `home-manager generations`, `remove-generations ID…`,
 * `expire-generations TIMESTAMP` and `packages`, with Home Manager's output:
 * generations newest first as `YYYY-MM-DD HH:MM : id N -> PATH`, the current
 * one marked `(current)`; removal refuses the current generation and reports
 * each id; expiry removes what is not newer than the `date -d` timestamp.
 * After generations are removed, store paths no generation reaches any more
 * are garbage-collected. `packages` lists what the current generation's
 * `home-path` was built from, without store hashes, sorted ignoring case.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HomeStore } from "../store/home-store.js";
import { HASH_PART_LEN } from "../nix/store/paths.js";
import { collectGarbage } from "../generations/gc.js";
import { DateParseError, generationsNotNewerThan, parseDate } from "../generations/expire.js";
import { currentGeneration, generationLinkName, listGenerations, removeGenerationLink } from "../generations/profiles.js";
import type { HmContext } from "./hm-context.js";
import { CommandExit } from "./hm-switch.js";
import { LockBusyError, releaseLock } from "../store/lock.js";

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** `ls --time-style=long-iso` time: local `YYYY-MM-DD HH:MM`. */
export function longIso(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** `home-manager generations`. */
export function doListGenerations(ctx: HmContext): number {
  const dir = ctx.paths.profilesDir;
  const current = currentGeneration(dir);
  // ls --sort time: newest first; equal times by name.
  const gens = listGenerations(dir).sort((a, b) => b.mtimeMs - a.mtimeMs || (generationLinkName(a.id) < generationLinkName(b.id) ? -1 : 1));
  for (const g of gens) ctx.out(`${longIso(g.mtimeMs)} : id ${g.id} -> ${g.target}${g.id === current?.id ? " (current)" : ""}`);
  return 0;
}

/** Delete unreachable store paths (the caller holds the lock). */
function collect(ctx: HmContext): void {
  const store = HomeStore.openExisting(ctx.paths.storeDir);
  if (store === undefined) return;
  const r = collectGarbage(ctx.paths, store);
  if (r.deleted.length > 0) ctx.verboseOut(`Deleted ${r.deleted.length} store paths, ${(r.bytesFreed / 1024).toFixed(1)} KiB freed`);
}

/** `home-manager remove-generations ID…`. */
export function doRemoveGenerations(ctx: HmContext, ids: readonly string[]): number {
  const dir = ctx.paths.profilesDir;
  let lock;
  try {
    lock = ctx.dryRun ? undefined : ctx.lock();
  } catch (e) {
    if (e instanceof LockBusyError) {
      ctx.error(e.message);
      throw new CommandExit(1);
    }
    throw e;
  }
  try {
    const current = currentGeneration(dir);
    let removed = 0;
    for (const id of ids) {
      const name = `home-manager-${id}-link`;
      if (!/^\d+$/.test(id) || !fs.existsSync(path.join(dir, name))) ctx.err(`No generation with ID ${id}`);
      else if (current !== undefined && Number(id) === current.id) ctx.err(`Cannot remove the current generation ${id}`);
      else {
        ctx.out(`Removing generation ${id}`);
        if (ctx.dryRun) ctx.out(`rm ${ctx.verbose ? "--verbose " : ""}${name}`);
        else {
          removeGenerationLink(dir, Number(id));
          ctx.verboseOut(`removed '${name}'`);
          removed++;
        }
      }
    }
    if (removed > 0) collect(ctx);
  } finally {
    if (lock !== undefined) releaseLock(lock);
  }
  return 0;
}

/** `home-manager expire-generations TIMESTAMP`. */
export function doExpireGenerations(ctx: HmContext, timestamp: string): number {
  let ms: number;
  try {
    ms = parseDate(timestamp, ctx.env);
  } catch (e) {
    if (e instanceof DateParseError) {
      ctx.err(e.message);
      return 1;
    }
    throw e;
  }
  const ids = generationsNotNewerThan(ctx.paths.profilesDir, ms);
  if (ids.length > 0) return doRemoveGenerations(ctx, ids.map(String));
  ctx.verboseOut("No generations to expire");
  return 0;
}

/** A package's name as `packages` shows it: the store hash taken off. */
function packageName(p: string): string {
  const base = path.basename(p);
  return /^[0-9a-z]{32}-/.test(base) ? base.slice(HASH_PART_LEN + 1) : base;
}

/** `home-manager packages`. */
export function doListPackages(ctx: HmContext): number {
  const cur = currentGeneration(ctx.paths.profilesDir);
  const store = HomeStore.openExisting(ctx.paths.storeDir);
  let homePath: string | undefined;
  try {
    if (cur !== undefined) homePath = fs.realpathSync(path.join(cur.target, "home-path"));
  } catch {
    homePath = undefined;
  }
  const refs = homePath === undefined ? undefined : store?.recordedReferences(homePath);
  if (refs === undefined) {
    ctx.err("No home-manager packages seem to be installed.");
    return 0;
  }
  const names = refs.map(packageName).sort((a, b) => {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  for (const n of names) ctx.out(n);
  return 0;
}
