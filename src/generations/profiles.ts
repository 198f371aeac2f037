/**
 * Profile links, as `nix-env --profile` keeps them: `<profiles>/home-manager` is
 * a relative symlink to `home-manager-<N>-link`, which points at a generation
 * in the store; the link's own mtime is the generation's date. Every change is
 * atomic (a new link under a temporary name renamed over the old one), so a
 * crash leaves either the old or the new profile, never none. As in Nix,
 * setting the profile to the path the newest generation already has reuses
 * that generation instead of numbering a new one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";

export const PROFILE_NAME = "home-manager";

export interface Generation {
  readonly id: number;
  /** `<profiles>/home-manager-<id>-link`. */
  readonly linkPath: string;
  /** The store path it points at. */
  readonly target: string;
  /** The link's own modification time (the generation's date). */
  readonly mtimeMs: number;
}

/** A profile operation that cannot be done, with the message to show. */
export class ProfileError extends Error {}

export function generationLinkName(id: number): string {
  return `${PROFILE_NAME}-${id}-link`;
}

const LINK_RE = /^home-manager-(\d+)-link$/;

/** Replace (or create) the symlink `linkPath` → `target` atomically. */
export function atomicSymlink(target: string, linkPath: string): void {
  const tmp = `${linkPath}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  fs.symlinkSync(target, tmp);
  try {
    fs.renameSync(tmp, linkPath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** All generations, oldest id first. */
export function listGenerations(profilesDir: string): Generation[] {
  let names: string[];
  try {
    names = fs.readdirSync(profilesDir);
  } catch {
    return [];
  }
  const out: Generation[] = [];
  for (const name of names) {
    const m = LINK_RE.exec(name);
    if (!m) continue;
    const linkPath = path.join(profilesDir, name);
    try {
      const st = fs.lstatSync(linkPath);
      if (!st.isSymbolicLink()) continue;
      out.push({ id: Number(m[1]), linkPath, target: fs.readlinkSync(linkPath), mtimeMs: st.mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The generation the profile points at, if any. */
export function currentGeneration(profilesDir: string): Generation | undefined {
  let name: string;
  try {
    name = fs.readlinkSync(path.join(profilesDir, PROFILE_NAME));
  } catch {
    return undefined;
  }
  const m = LINK_RE.exec(path.basename(name));
  if (!m) return undefined;
  return listGenerations(profilesDir).find((g) => g.id === Number(m[1]));
}

/** Point the profile at generation `id` (which must exist). */
export function switchProfile(profilesDir: string, id: number): void {
  atomicSymlink(generationLinkName(id), path.join(profilesDir, PROFILE_NAME));
}

/**
 * Make `genPath` the current generation: reuse the newest generation if it
 * already points there, else create generation max+1. Returns its id and
 * whether a new one was created.
 */
export function setProfile(profilesDir: string, genPath: string): { id: number; created: boolean } {
  fs.mkdirSync(profilesDir, { recursive: true, mode: 0o700 });
  const gens = listGenerations(profilesDir);
  const last = gens[gens.length - 1];
  let id: number;
  let created = false;
  if (last !== undefined && last.target === genPath) id = last.id;
  else {
    id = (last?.id ?? 0) + 1;
    atomicSymlink(genPath, path.join(profilesDir, generationLinkName(id)));
    created = true;
  }
  switchProfile(profilesDir, id);
  return { id, created };
}

/** The generation `nix-env --rollback` would switch to: the newest one older than the current. */
export function previousGeneration(profilesDir: string): Generation {
  const cur = currentGeneration(profilesDir);
  const gens = listGenerations(profilesDir);
  if (cur === undefined) throw new ProfileError(`no generation older than the current exists`);
  const older = gens.filter((g) => g.id < cur.id);
  const prev = older[older.length - 1];
  if (prev === undefined) throw new ProfileError(`no generation older than the current (${cur.id}) exists`);
  return prev;
}

/** Delete one generation link (the caller checks it is not current). */
export function removeGenerationLink(profilesDir: string, id: number): void {
  fs.rmSync(path.join(profilesDir, generationLinkName(id)), { force: true });
}

/** Leftover temporary links of interrupted updates. */
export function pruneTemporaryLinks(profilesDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(profilesDir);
  } catch {
    return;
  }
  for (const n of names) if (n.includes(".tmp-")) fs.rmSync(path.join(profilesDir, n), { force: true });
}
