/**
 * `linkGeneration`: first remove the links of the previous generation that the
 * new one no longer has, then link every leaf of the new generation into
 * `$HOME`. Cleaning before linking means the set of links goes from the old
 * set, through their intersection, to the new set, so stopping half-way never
 * loses a link both generations share. Generations whose activation was
 * interrupted after `writeBoundary` (recorded under `gcroots/activating`) are
 * cleaned up like the previous one, so their half-placed links do not linger.
 *
 * Only links into a generation's files are ever deleted; a file in the way is
 * moved aside with the backup command or extension (a move that never
 * replaces anything: a backup never overwrites an earlier one) or, for a
 * forced target, replaced; in every other case the step stops with a message
 * instead of destroying it. Directories on the way are created; a link of ours
 * standing where a directory is now needed is replaced by one; a foreign
 * symlink there is never followed. With `DRY_RUN` every change is printed as
 * the command that would make it; with `VERBOSE` each change is reported the
 * way coreutils' `--verbose` reports it.
 */
import { spawnSync } from "node:child_process";
import type { ActivationSettings } from "./context.js";
import { InjectedFault, type Fs } from "./fs.js";
import { isForced, leaves, parentRel, sameContent, sortBytewise } from "./home-tree.js";
import type { Reporter } from "./messages.js";

export interface LinkInputs {
  /** Resolved `home-files` of the generation being activated. */
  readonly newFiles: string;
  /** Resolved `home-files` of the previous generation (`oldGenPath`), if any. */
  readonly oldFiles?: string | undefined;
  /** Resolved `home-files` of interrupted activations. */
  readonly interruptedFiles: readonly string[];
}

/** A step failed; the message has been printed. */
class Stop extends Error {}

class Linker {
  /** Directories created (or, in a dry run, that would be). */
  private readonly made = new Set<string>();
  /** Directories this run created: empty but for the links it puts there, so nothing needs looking up in them. */
  private readonly fresh = new Set<string>();
  /** Paths moved away in a dry run (so later checks see them gone). */
  private readonly dryGone = new Set<string>();

  constructor(
    private readonly s: ActivationSettings,
    private readonly fs: Fs,
    private readonly out: Reporter,
  ) {}

  private lstat(p: string) {
    return this.s.dryRun && this.dryGone.has(p) ? undefined : this.fs.lstat(p);
  }

  // ---- the changes, each printed (dry run), reported (verbose) or both

  private mkdir(p: string): void {
    if (this.s.dryRun) this.out.echo(`mkdir -p ${p}`);
    else {
      this.fs.mkdir(p);
      this.fresh.add(p);
      this.out.verbose(`mkdir: created directory '${p}'`);
    }
    this.made.add(p);
  }

  private remove(p: string): void {
    if (this.s.dryRun) {
      this.out.echo(`rm ${p}`);
      this.dryGone.add(p);
    } else {
      this.fs.unlink(p);
      this.out.verbose(`removed '${p}'`);
    }
  }

  private link(source: string, target: string, replace: boolean): void {
    if (this.s.dryRun) {
      this.out.echo(`ln -Tsf ${source} ${target}`);
      return;
    }
    if (replace) this.fs.unlink(target);
    this.fs.symlink(source, target);
    this.out.verbose(`'${target}' -> '${source}'`);
  }

  /**
   * Move `p` to `backup` without ever replacing an existing `backup`: a hard
   * link then an unlink (a crash between the two leaves two names of one
   * file, which the next run recognises and finishes); directories, and file
   * systems without hard links, are renamed after checking the name is free.
   */
  private moveAside(p: string, backup: string, isDir: boolean): boolean {
    const existing = this.lstat(backup);
    const resumed = existing !== undefined && !isDir && existing.id === this.fs.lstat(p)?.id;
    if (existing !== undefined && !resumed) {
      this.out.error(`Existing file '${backup}' would be clobbered by backing up '${p}'`);
      throw new Stop();
    }
    if (this.s.dryRun) {
      this.out.echo(`mv ${p} ${backup}`);
      this.dryGone.add(p);
      return true;
    }
    try {
      if (isDir) this.fs.rename(p, backup);
      else {
        if (!resumed) this.linkOrRename(p, backup);
        if (this.fs.lstat(p) !== undefined) this.fs.unlink(p);
      }
    } catch (e) {
      if (e instanceof InjectedFault) throw e;
      this.out.error(`Moving '${p}' failed!`);
      return false;
    }
    this.out.verbose(`renamed '${p}' -> '${backup}'`);
    return true;
  }

  /** `link(p, backup)`, or, where hard links are not supported, a rename into the free name. */
  private linkOrRename(p: string, backup: string): void {
    try {
      this.fs.link(p, backup);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "EMLINK") throw e;
      this.fs.rename(p, backup);
    }
  }

  private runBackupCommand(cmd: string, p: string): void {
    this.out.verbose(`Running '${cmd}' on '${p}'.`);
    if (this.s.dryRun) {
      this.out.echo(`${cmd} ${p}`);
      this.dryGone.add(p);
      return;
    }
    // Word-split the command as the shell does for an unquoted expansion.
    const r = spawnSync("bash", ["-c", '$HM_BACKUP_COMMAND "$1"', "backup", p], {
      env: { ...process.env, HM_BACKUP_COMMAND: cmd },
      stdio: "inherit",
    });
    if (r.status !== 0) this.out.error(`Running '${cmd}' on '${p}' failed.`);
  }

  /** Move a file in the way aside, if backups are configured. */
  private backUp(p: string, isDir: boolean): void {
    if (this.s.backupCommand !== undefined) this.runBackupCommand(this.s.backupCommand, p);
    else if (this.s.backupExt !== undefined) this.moveAside(p, `${p}.${this.s.backupExt}`, isDir);
  }

  // ---- cleaning up the previous generation

  /** `rmdir -p --ignore-fail-on-non-empty` of `relDir` below home (never home itself). */
  private removeEmptyParents(relDir: string): void {
    if (relDir === "") return;
    if (this.s.dryRun) {
      this.out.echo(`rmdir -p --ignore-fail-on-non-empty ${relDir}`);
      return;
    }
    for (let d = relDir; d !== ""; d = parentRel(d)) {
      const abs = `${this.s.home}/${d}`;
      const st = this.fs.lstat(abs);
      if (st === undefined) continue; // removed already by a run that stopped half-way
      if (st.kind !== "dir") return;
      try {
        this.fs.rmdir(abs);
      } catch (e) {
        if (e instanceof InjectedFault) throw e;
        return; // not empty (or not ours to remove): stop here, as rmdir -p does
      }
      this.out.verbose(`rmdir: removing directory, '${abs}'`);
    }
  }

  /** Is every component on the way a real directory ("clear"), is one missing, or is one something else? */
  private wayTo(rel: string): "clear" | "missing" | "blocked" {
    let cur = this.s.home;
    const parts = rel.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      cur += "/" + parts[i];
      const st = this.lstat(cur);
      if (st === undefined) return "missing";
      if (st.kind !== "dir") return "blocked";
    }
    return "clear";
  }

  cleanUp(inputs: LinkInputs): void {
    if (inputs.oldFiles === undefined && inputs.interruptedFiles.length === 0) return;
    this.out.echo(`Cleaning up orphan links from ${this.s.home}`);
    const sources = [inputs.oldFiles, ...inputs.interruptedFiles].filter((x): x is string => x !== undefined && x !== inputs.newFiles);
    const rels = new Set<string>();
    for (const dir of sources) for (const rel of leaves(this.fs, dir)) rels.add(rel);
    for (const rel of sortBytewise([...rels])) {
      const target = `${this.s.home}/${rel}`;
      if (this.fs.lstat(`${inputs.newFiles}/${rel}`) !== undefined) {
        this.out.verbose(`Checking ${target}: exists`);
        continue;
      }
      const way = this.wayTo(rel);
      if (way === "blocked") continue;
      const st = way === "missing" ? undefined : this.lstat(target);
      if (st === undefined) {
        // Already gone (an earlier run stopped half-way): finish removing its emptied parents.
        if (!this.s.dryRun) this.removeEmptyParents(parentRel(rel));
        continue;
      }
      if (st.kind !== "symlink" || !this.s.ownership.isOurs(this.fs.readlink(target))) {
        this.out.warn(`Path '${target}' does not link into a Home Manager generation. Skipping delete.`);
        continue;
      }
      this.out.verbose(`Checking ${target}: gone (deleting)`);
      this.remove(target);
      this.removeEmptyParents(parentRel(rel));
    }
  }

  // ---- linking the new generation

  /** Make every directory on the way to `rel` a real directory. */
  private prepareWay(rel: string, source: string): void {
    let cur = this.s.home;
    const parts = rel.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      cur += "/" + parts[i];
      if (this.made.has(cur)) continue;
      const st = this.lstat(cur);
      if (st === undefined) {
        this.mkdir(cur);
        continue;
      }
      if (st.kind === "dir") {
        this.made.add(cur);
        continue;
      }
      if (st.kind === "symlink") {
        const to = this.fs.readlink(cur);
        if (!this.s.ownership.isOurs(to)) {
          this.out.error(
            `Path '${cur}' is a symbolic link where a directory is expected for '${this.s.home}/${rel}'; it will not be followed`,
          );
          throw new Stop();
        }
        this.remove(cur); // an old whole-directory link of ours
        this.mkdir(cur);
        continue;
      }
      if (this.s.backupExt === undefined && this.s.backupCommand === undefined) {
        this.out.error(`Existing file '${cur}' is in the way`);
        throw new Stop();
      }
      this.backUp(cur, false);
      if (this.lstat(cur) !== undefined) {
        this.out.error(`Existing file '${cur}' is still in the way of '${source}'`);
        throw new Stop();
      }
      this.mkdir(cur);
    }
  }

  /** A file or directory (not a symlink) stands at the target. */
  private occupied(rel: string, source: string, target: string, isDir: boolean): void {
    this.backUp(target, isDir);
    const st = this.lstat(target);
    if (st === undefined) return this.link(source, target, false);
    if (st.kind === "symlink") return this.link(source, target, true);
    if (sameContent(this.fs, source, target)) {
      this.out.verbose(`Skipping '${target}' as it is identical to '${source}'`);
      return;
    }
    if (st.kind !== "dir" && isForced(this.s.forced, rel)) return this.link(source, target, true);
    this.out.error(
      st.kind === "dir"
        ? `Existing directory '${target}' is in the way of '${source}' and cannot be replaced by a link`
        : `Existing file '${target}' is in the way`,
    );
    throw new Stop();
  }

  linkNew(newFiles: string): void {
    this.out.echo(`Creating home file links in ${this.s.home}`);
    for (const rel of leaves(this.fs, newFiles)) {
      const target = `${this.s.home}/${rel}`;
      const source = `${newFiles}/${rel}`;
      this.prepareWay(rel, source);
      const st = this.fresh.has(target.slice(0, target.lastIndexOf("/"))) ? undefined : this.lstat(target);
      if (st === undefined) this.link(source, target, false);
      else if (st.kind === "symlink") {
        const cur = this.fs.readlink(target);
        if (cur === source) continue;
        const foreignLive = !this.s.ownership.isOurs(cur) && this.fs.stat(target) !== undefined;
        if (foreignLive && !isForced(this.s.forced, rel)) {
          this.out.error(`Existing file '${target}' is in the way`);
          throw new Stop();
        }
        this.link(source, target, true);
      } else this.occupied(rel, source, target, st.kind === "dir");
    }
  }
}

/** Clean up after the previous generation and link the new one; returns the exit status. */
export function linkGeneration(s: ActivationSettings, fs: Fs, out: Reporter, inputs: LinkInputs): number {
  const linker = new Linker(s, fs, out);
  try {
    linker.cleanUp(inputs);
    linker.linkNew(inputs.newFiles);
    return 0;
  } catch (e) {
    if (e instanceof Stop) return 1;
    throw e;
  }
}
