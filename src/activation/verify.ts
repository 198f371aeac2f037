/**
 * Is a generation fully in place? Used to make a no-op `switch` cheap: when the
 * configuration builds to the generation that is already current, activation
 * is skipped — but only after checking, with a few system calls per file, that
 * every link of the generation is still in `$HOME` (pointing exactly where it
 * should, with only real directories on the way) and that the profile
 * directory still leads to the generation's packages. Any difference means the
 * activation is run again to repair it.
 */
import * as path from "node:path";
import type { Fs } from "./fs.js";
import { Ownership, leaves, obstacleOnWay, sameContent } from "./home-tree.js";

export interface VerifyInputs {
  readonly home: string;
  /** The generation directory. */
  readonly generation: string;
  readonly storeDirs: readonly string[];
  /** `home.profileDirectory`, if packages are linked there. */
  readonly profileDirectory?: string | undefined;
}

function resolveLink(fs: Fs, p: string): string | undefined {
  try {
    const t = fs.readlink(p);
    return path.resolve(path.dirname(p), t);
  } catch {
    return undefined;
  }
}

/** The first problem found, or undefined when everything is in place. */
export function verifyGeneration(fs: Fs, v: VerifyInputs): string | undefined {
  const files = resolveLink(fs, path.join(v.generation, "home-files"));
  if (files === undefined) return `'${v.generation}' has no home-files`;
  const dirsOk = new Set<string>();
  for (const rel of leaves(fs, files)) {
    const target = `${v.home}/${rel}`;
    const dir = rel.lastIndexOf("/") < 0 ? "" : rel.slice(0, rel.lastIndexOf("/"));
    if (dir !== "" && !dirsOk.has(dir)) {
      const ob = obstacleOnWay(fs, v.home, rel);
      if (ob !== undefined) return `'${ob.at}' is not a directory`;
      for (let d = dir; d !== "" && !dirsOk.has(d); d = d.lastIndexOf("/") < 0 ? "" : d.slice(0, d.lastIndexOf("/"))) dirsOk.add(d);
    }
    // One system call for the common case: the link is there and right.
    if (fs.readlinkIfLink(target) === `${files}/${rel}`) continue;
    if (fs.lstat(target)?.kind === "file" && sameContent(fs, `${files}/${rel}`, target)) continue;
    return `'${target}' is not linked`;
  }
  if (v.profileDirectory !== undefined) {
    const homePath = resolveLink(fs, path.join(v.generation, "home-path"));
    const st = fs.lstat(v.profileDirectory);
    if (st === undefined) return `'${v.profileDirectory}' is missing`;
    if (st.kind === "symlink") {
      const to = fs.readlink(v.profileDirectory);
      if (to !== homePath && new Ownership(v.storeDirs).isOurProfile(to)) return `'${v.profileDirectory}' is out of date`;
    }
  }
  return undefined;
}
