/**
 * Garbage collection of the private store. Live paths are those reachable,
 * through recorded (or scanned) references, from the roots: every generation
 * link in the profile directory, the GC roots of activation (`current-home`,
 * `new-home`, `activating/*`) and the indirect roots of `home-manager build`
 * (`auto/*` → a `result` link → a store path; an indirect root whose `result`
 * link is gone or points elsewhere is dropped). Everything else in the store,
 * including temporaries of interrupted builds, is deleted. The caller holds the
 * activation lock, so no build or activation runs meanwhile.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { storePathOf, type HomeStore } from "../store/home-store.js";
import { ACTIVATING_ROOTS, AUTO_ROOTS, CURRENT_HOME_ROOT, NEW_HOME_ROOT, type HmPaths } from "../store/state-paths.js";
import { removeTree } from "../nix/store/local-store.js";
import { listGenerations } from "./profiles.js";

export interface GcResult {
  readonly deleted: readonly string[];
  readonly bytesFreed: number;
}

function readlinkOrUndefined(p: string): string | undefined {
  try {
    return fs.readlinkSync(p);
  } catch {
    return undefined;
  }
}

function linksIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** Store paths that are roots right now. */
export function gcRoots(paths: HmPaths, store: HomeStore): string[] {
  const roots: string[] = [];
  const add = (target: string | undefined): void => {
    if (target === undefined) return;
    const sp = storePathOf(path.resolve(target), store.storeDir);
    if (sp !== undefined) roots.push(sp);
  };
  for (const g of listGenerations(paths.profilesDir)) add(g.target);
  for (const name of [CURRENT_HOME_ROOT, NEW_HOME_ROOT]) add(readlinkOrUndefined(path.join(paths.gcrootsDir, name)));
  for (const l of linksIn(path.join(paths.gcrootsDir, ACTIVATING_ROOTS))) add(readlinkOrUndefined(l));
  for (const l of linksIn(path.join(paths.gcrootsDir, AUTO_ROOTS))) {
    const resultLink = readlinkOrUndefined(l);
    const target = resultLink === undefined ? undefined : readlinkOrUndefined(resultLink);
    const sp = target === undefined ? undefined : storePathOf(path.resolve(path.dirname(resultLink!), target), store.storeDir);
    if (sp === undefined) fs.rmSync(l, { force: true });
    else roots.push(sp);
  }
  return [...new Set(roots)].sort();
}

/** The closure of the roots. */
export function liveClosure(roots: readonly string[], store: HomeStore): Set<string> {
  const live = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (live.has(p) || !store.has(p)) continue;
    live.add(p);
    for (const r of store.references(p)) if (!live.has(r)) todo.push(r);
  }
  return live;
}

/** Delete every store path no root reaches. */
export function collectGarbage(paths: HmPaths, store: HomeStore): GcResult {
  const live = liveClosure(gcRoots(paths, store), store);
  const deleted: string[] = [];
  let bytesFreed = 0;
  for (const base of store.listBaseNames()) {
    const p = path.join(store.storeDir, base);
    if (live.has(p)) continue;
    bytesFreed += store.deletePath(p);
    deleted.push(p);
  }
  for (const t of store.listTemporaries()) removeTree(t);
  store.pruneRecords();
  return { deleted, bytesFreed };
}
