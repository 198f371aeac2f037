/**
 * What activation knows about paths: the leaves of a generation's link farm
 * (regular files and symlinks, found without following symlinks, in bytewise
 * order), whether a link in `$HOME` is ours (it points into
 * `<store>/*-home-manager-files/`, in our store or in Nix's), and what lies on
 * the way from `$HOME` to a target. The walk never follows a symlink: a
 * symlink or a file where a directory is expected is reported, so nothing is
 * ever read, written or deleted through a link somebody planted.
 */
import * as path from "node:path";
import type { Fs, FsStat } from "./fs.js";

/** Sort strings in bytewise (UTF-8) order, converting each only once. */
export function sortBytewise(xs: string[]): string[] {
  // For ASCII, UTF-16 code-unit order is byte order: the common case needs no conversion.
  if (xs.every((x) => /^[\x00-\x7f]*$/.test(x))) return xs.sort();
  const keyed = xs.map((x) => ({ x, b: Buffer.from(x, "utf8") }));
  keyed.sort((p, q) => Buffer.compare(p.b, q.b));
  return keyed.map((k) => k.x);
}

/** Relative paths of the leaves below `root`, bytewise sorted. */
export function leaves(fs: Fs, root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const [name, kind] of fs.readdirTypes(dir)) {
      const r = rel === "" ? name : rel + "/" + name;
      if (kind === "dir") walk(dir + "/" + name, r);
      else if (kind === "file" || kind === "symlink") out.push(r);
    }
  };
  if (fs.lstat(root)?.kind === "dir") walk(root, "");
  return sortBytewise(out);
}

/** Recognises links that belong to a Home Manager generation. */
export class Ownership {
  private readonly prefixes: string[];

  /** `storeDirs`: resolved store directories whose `*-home-manager-files` trees are ours. */
  constructor(storeDirs: readonly string[]) {
    this.prefixes = storeDirs.map((d) => d.replace(/\/+$/, "") + "/");
  }

  /** Does a link with this target point into a generation's files? */
  isOurs(linkTarget: string): boolean {
    for (const pre of this.prefixes) {
      if (!linkTarget.startsWith(pre)) continue;
      const rest = linkTarget.slice(pre.length);
      const slash = rest.indexOf("/");
      if (slash > 0 && rest.slice(0, slash).endsWith("-home-manager-files") && slash < rest.length - 1) return true;
    }
    return false;
  }

  /** Does a link with this target point at a profile we installed (`*-home-manager-path`)? */
  isOurProfile(linkTarget: string): boolean {
    return this.prefixes.some(
      (pre) => linkTarget.startsWith(pre) && !linkTarget.slice(pre.length).includes("/") && linkTarget.endsWith("-home-manager-path"),
    );
  }
}

/** The first component on the way to a target that is not a real directory. */
export interface Obstacle {
  /** Absolute path of the component. */
  readonly at: string;
  readonly stat: FsStat;
  /** For a symlink: its target. */
  readonly linkTarget?: string;
}

/**
 * Walk from `home` towards `home/rel` (exclusive) with lstat only. Returns
 * undefined when every existing parent is a real directory (missing ones are
 * fine), else the first obstacle.
 */
export function obstacleOnWay(fs: Fs, home: string, rel: string): Obstacle | undefined {
  const way = wayTo(fs, home, rel);
  return way === "clear" || way === "missing" ? undefined : way;
}

/**
 * What lies on the way from `home` to `home/rel` (exclusive), with lstat only:
 * "clear" (every parent is a real directory), "missing" (a parent does not
 * exist, so neither does the target), or the first obstacle.
 */
export function wayTo(fs: Fs, home: string, rel: string): "clear" | "missing" | Obstacle {
  const parts = rel.split("/");
  let cur = home;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur + "/" + parts[i];
    const st = fs.lstat(cur);
    if (st === undefined) return "missing";
    if (st.kind === "dir") continue;
    return st.kind === "symlink" ? { at: cur, stat: st, linkTarget: fs.readlink(cur) } : { at: cur, stat: st };
  }
  return "clear";
}

/** `cmp -s a b`: both resolve to regular files with the same bytes. */
export function sameContent(fs: Fs, a: string, b: string): boolean {
  const sa = fs.stat(a);
  const sb = fs.stat(b);
  if (sa?.kind !== "file" || sb?.kind !== "file" || sa.size !== sb.size) return false;
  try {
    return fs.readFile(a).equals(fs.readFile(b));
  } catch {
    return false;
  }
}

/** Is `rel` a forced target or inside one? */
export function isForced(forced: ReadonlySet<string>, rel: string): boolean {
  if (forced.has(rel)) return true;
  for (let i = rel.lastIndexOf("/"); i > 0; i = rel.lastIndexOf("/", i - 1)) if (forced.has(rel.slice(0, i))) return true;
  return false;
}

/** `a/b/c` → `a/b`, `a` → "" */
export function parentRel(rel: string): string {
  const d = path.posix.dirname(rel);
  return d === "." ? "" : d;
}
