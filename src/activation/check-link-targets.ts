/**
 * `checkLinkTargets`: before anything is written, make sure every link the new
 * generation will place can be placed without destroying a file the user did
 * not hand over. For each leaf of the new `home-files`, with target
 * `$HOME/<rel>`: forced targets are skipped; a link into a generation's files
 * is ours; a dangling link or a missing target is fine; anything else is a
 * collision. A collision passes when the contents are identical, or when a
 * backup command or extension will move it aside (a symlink is never backed
 * up); otherwise it is reported and the activation stops. Beyond Home Manager:
 * the way to each target is checked too (a file or a foreign symlink where a
 * directory is needed is a collision: we never write through a planted link),
 * a backup that already exists always stops the activation (an earlier backup
 * is never overwritten, whatever `HOME_MANAGER_BACKUP_OVERWRITE` says), a
 * backup name that is itself a managed target is refused, and a real
 * directory at a forced target is reported instead of failing half-way.
 */
import type { ActivationSettings } from "./context.js";
import type { Fs } from "./fs.js";
import { isForced, leaves, sameContent, wayTo, type Obstacle } from "./home-tree.js";
import type { Reporter } from "./messages.js";

// The manual's wording ("Keeping your ~ safe from harm"), then a hint of our own.
const AFTER_LIST = "Please move the above files and try again";
const HINT =
  "(or run 'home-manager switch -b backup' to move them aside automatically, or set 'force = true' on the file option to replace them)";

class Checker {
  readonly errors: string[] = [];
  private readonly seenObstacles = new Set<string>();
  /** What lies on the way into each directory looked at (nothing changes while checking). */
  private readonly wayInto = new Map<string, ReturnType<typeof wayTo>>();

  constructor(
    private readonly s: ActivationSettings,
    private readonly fs: Fs,
    private readonly out: Reporter,
    private readonly managed: ReadonlySet<string>,
  ) {}

  /** An existing file or symlink at `target` stands where `source` should go. */
  private collision(source: string, target: string, isLink: boolean): void {
    const { backupCommand, backupExt } = this.s;
    if (sameContent(this.fs, source, target)) {
      this.out.warn(`Existing file '${target}' is in the way of '${source}', will be skipped since they are the same`);
    } else if (!isLink && backupCommand !== undefined) {
      this.out.verbose(
        `Existing file '${target}' exists and differs from '${source}'. '${backupCommand}' will be used to backup the file.`,
      );
    } else if (!isLink && backupExt !== undefined) {
      const backup = `${target}.${backupExt}`;
      const existing = this.fs.lstat(backup);
      const resumed = existing !== undefined && existing.kind !== "dir" && existing.id === this.fs.lstat(target)?.id;
      if (existing !== undefined && !resumed) {
        this.errors.push(`Existing file '${backup}' would be clobbered by backing up '${target}'`);
        if (this.s.backupOverwrite)
          this.out.warn(`HOME_MANAGER_BACKUP_OVERWRITE is set, but earlier backups are never overwritten: move '${backup}' away first.`);
      } else if (this.managed.has(backup.slice(this.s.home.length + 1))) {
        this.errors.push(`Existing file '${target}' cannot be backed up to '${backup}': that path is managed by Home Manager`);
      } else {
        this.out.warn(`Existing file '${target}' is in the way of '${source}', will be moved to '${backup}'`);
      }
    } else {
      this.errors.push(`Existing file '${target}' is in the way`);
    }
  }

  /** "clear", "missing" (the target cannot exist), or "stop" (an obstacle, handled here). */
  private checkWay(rel: string, source: string): "clear" | "missing" | "stop" {
    const slash = rel.lastIndexOf("/");
    if (slash < 0) return "clear";
    const dir = rel.slice(0, slash);
    let ob = this.wayInto.get(dir);
    if (ob === undefined) {
      ob = wayTo(this.fs, this.s.home, rel);
      this.wayInto.set(dir, ob);
    }
    if (ob === "clear" || ob === "missing") return ob;
    this.obstacle(rel, source, ob);
    return "stop";
  }

  /** Report an obstacle on the way, once (the targets behind it are not checked further). */
  private obstacle(rel: string, source: string, ob: Obstacle): void {
    if (this.seenObstacles.has(ob.at)) return;
    this.seenObstacles.add(ob.at);
    if (ob.linkTarget !== undefined) {
      if (this.s.ownership.isOurs(ob.linkTarget)) return; // an old whole-directory link of ours: replaced by a directory
      this.errors.push(
        `Path '${ob.at}' is a symbolic link where a directory is expected for '${this.s.home}/${rel}'; it will not be followed`,
      );
      return;
    }
    this.collision(source, ob.at, false);
  }

  check(newFiles: string, rel: string): void {
    const target = `${this.s.home}/${rel}`;
    const source = `${newFiles}/${rel}`;
    const way = this.checkWay(rel, source);
    if (way === "stop") return;
    const st = way === "missing" ? undefined : this.fs.lstat(target);
    if (isForced(this.s.forced, rel)) {
      if (st?.kind === "dir" && this.s.backupExt === undefined && this.s.backupCommand === undefined)
        this.errors.push(`Existing directory '${target}' is in the way of '${source}' and cannot be replaced by a link`);
      else this.out.verbose(`Skipping collision check for ${target}`);
      return;
    }
    if (st === undefined) return;
    if (st.kind === "symlink") {
      if (this.fs.stat(target) === undefined) return; // dangling: replaced
      if (this.s.ownership.isOurs(this.fs.readlink(target))) return;
      this.collision(source, target, true);
      return;
    }
    this.collision(source, target, false);
  }
}

/** Run the check over a generation's `home-files`; returns the exit status (0 or 1). */
export function checkLinkTargets(s: ActivationSettings, fs: Fs, out: Reporter, newFiles: string): number {
  const rels = leaves(fs, newFiles);
  const checker = new Checker(s, fs, out, new Set(rels));
  for (const rel of rels) checker.check(newFiles, rel);
  if (checker.errors.length === 0) return 0;
  for (const e of checker.errors) out.error(e);
  out.error(AFTER_LIST);
  out.error(HINT);
  return 1;
}
