/**
 * `home-files`: the link farm of a generation, `<store>/<hash>-home-manager-
 * files`, built the way Home Manager's builder does it. Per entry, in order of
 * target length: a repeated target is skipped; a target already provided by a
 * recursively linked directory is a conflict resolved by
 * `home.fileOverlapResolution` (ignore, error, override); a target whose
 * parents resolve outside the farm (inside a directory linked as a whole) is
 * an error; a directory is linked whole, or, with `recursive`, mirrored with
 * one link per file (`lndir`), executable bits forced by copying when
 * `executable` is set; a file is linked, or copied when its executable bit
 * must change; a text is written in place. Every file is created read-only.
 * The path is named after a description of all inputs, so an
 * unchanged configuration reuses the existing farm without building anything.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { HomeStore } from "../store/home-store.js";
import { HOME_FILES_NAME } from "../store/state-paths.js";
import { BuildError } from "./home-config.js";
import type { LinkSpec } from "./file-specs.js";

/** Bump when the farm's layout changes, so old paths are not reused. */
const FARM_VERSION = "hm-ts-home-files-2";

export type OverlapResolution = "ignore" | "error" | "override";

/** Directory names `lndir` leaves out (version-control metadata). */
const LNDIR_SKIP_DIRS = new Set(["BitKeeper", "RCS", "SCCS", "CVS", "CVS.adm", ".svn", ".git", ".hg"]);

function isDir(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isExecutable(p: string): boolean {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  return st !== undefined && (st.mode & 0o111) !== 0;
}

/** `realpath -m`: resolve existing components (symlinks included), keep the rest as written. */
function realpathMissing(p: string): string {
  const parts = p.split("/").filter((x) => x !== "");
  let cur = "/";
  for (let i = 0; i < parts.length; i++) {
    const next = path.join(cur, parts[i]!);
    const st = fs.lstatSync(next, { throwIfNoEntry: false });
    if (st === undefined) return path.join(next, ...parts.slice(i + 1));
    cur = st.isSymbolicLink() ? realpathMissing(path.resolve(cur, fs.readlinkSync(next))) : next;
  }
  return cur;
}

/** A read-only copy with the executable bit as asked. */
function copyWithMode(source: string, target: string, executable: boolean): void {
  fs.copyFileSync(source, target);
  fs.chmodSync(target, executable ? 0o555 : 0o444);
}

/** Mirror `source` into `target` with links to its files (`lndir -silent [-ignorelinks]`). */
function lndir(source: string, target: string, ignorelinks: boolean): void {
  for (const name of fs.readdirSync(source).sort()) {
    if (name.endsWith("~")) continue;
    const from = path.join(source, name);
    const to = path.join(target, name);
    const st = fs.lstatSync(from);
    if (st.isDirectory()) {
      if (LNDIR_SKIP_DIRS.has(name)) continue;
      if (!fs.existsSync(to)) fs.mkdirSync(to);
      lndir(from, to, ignorelinks);
    } else if (fs.lstatSync(to, { throwIfNoEntry: false }) === undefined) {
      fs.symlinkSync(st.isSymbolicLink() && !ignorelinks ? fs.readlinkSync(from) : from, to);
    }
  }
}

/** Replace linked files whose executable bit differs by copies with the right bit. */
function fixExecutableBits(dir: string, executable: boolean): void {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (st.isDirectory()) fixExecutableBits(p, executable);
    else if (fs.existsSync(p) && !isDir(p) && isExecutable(p) !== executable) {
      const tmp = p + ".hm-tmp";
      copyWithMode(p, tmp, executable);
      fs.renameSync(tmp, p);
    }
  }
}

class FarmBuilder {
  private readonly seen = new Set<string>();
  /**
   * Directories (relative, "" for the root) this builder made itself. While
   * `simple` holds, nothing but these directories and the files at `seen`
   * targets exists in the farm, so a new entry whose parents are such
   * directories (or do not exist yet) needs no look-up at all.
   */
  private readonly dirs = new Set<string>([""]);
  /** No directory has been linked or mirrored into the farm (so there are no paths we did not track). */
  private simple = true;

  constructor(
    private readonly out: string,
    private readonly overlap: OverlapResolution,
    private readonly warn: (s: string) => void,
  ) {}

  /** Every directory of the farm, when it is simple (all made by this builder); else undefined. */
  knownDirs(): string[] | undefined {
    return this.simple ? [...this.dirs] : undefined;
  }

  /**
   * The fast way to place an entry while the farm is simple: create the
   * missing parents one by one, recording them. Returns undefined (nothing done)
   * when a parent is a file placed earlier; the general way then reports it.
   */
  private prepareSimple(rel: string): string | undefined {
    // Targets are normalised (no ".", "..", "//"), so plain string work is exact.
    const missing: string[] = [];
    for (let slash = rel.lastIndexOf("/"); slash > 0; slash = rel.lastIndexOf("/", slash - 1)) {
      const d = rel.slice(0, slash);
      if (this.dirs.has(d)) break;
      if (this.seen.has(d)) return undefined;
      missing.push(d);
    }
    for (let i = missing.length - 1; i >= 0; i--) {
      fs.mkdirSync(`${this.out}/${missing[i]!}`);
      this.dirs.add(missing[i]!);
    }
    return `${this.out}/${rel}`;
  }

  insert(spec: LinkSpec): void {
    const rel = spec.target;
    if (this.seen.has(rel)) {
      this.warn(`File conflict for file '${rel}'`);
      return;
    }
    const fast = this.simple && !this.dirs.has(rel) ? this.prepareSimple(rel) : undefined;
    if (fast !== undefined) {
      this.seen.add(rel);
      this.place(spec, fast);
      return;
    }
    const at = path.join(this.out, rel);
    if (fs.existsSync(at) && !isDir(at)) {
      this.warn(`${rel} conflicts with recursively symlinked file`);
      if (this.overlap === "ignore") return;
      if (this.overlap === "error") throw new BuildError(`${rel} conflicts with recursively symlinked file`);
      fs.rmSync(at);
    }
    this.seen.add(rel);
    const target = realpathMissing(at);
    if (!target.startsWith(this.out + "/")) throw new BuildError(`Error installing file '${rel}' outside $HOME`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    this.place(spec, target);
  }

  /** Write or link one entry at `target`, whose parent exists. */
  private place(spec: LinkSpec, target: string): void {
    if (spec.source.kind === "text") {
      fs.writeFileSync(target, spec.source.text, { mode: spec.executable === true ? 0o555 : 0o444 });
      return;
    }
    const source = spec.source.path;
    if (isDir(source)) {
      this.simple = false;
      if (!spec.recursive) return fs.symlinkSync(source, target);
      fs.mkdirSync(target, { recursive: true });
      lndir(source, target, spec.ignorelinks);
      if (spec.executable !== null) fixExecutableBits(target, spec.executable);
      return;
    }
    if (spec.executable === null || isExecutable(source) === spec.executable) fs.symlinkSync(source, target);
    else copyWithMode(source, target, spec.executable);
  }
}

/** The paths in a store the farm links to. */
export function farmReferences(specs: readonly LinkSpec[]): string[] {
  return specs.flatMap((s) => (s.source.kind === "path" ? [s.source.path] : []));
}

/** Build (or reuse) the link farm; returns its store path. */
export function buildHomeFiles(
  store: HomeStore,
  specs: readonly LinkSpec[],
  overlap: OverlapResolution,
  warn: (s: string) => void,
): string {
  const inputs = specs.map((s) => [
    s.target,
    s.source.kind === "path" ? s.source.path : { text: s.source.text },
    s.executable,
    s.recursive,
    s.ignorelinks,
  ]);
  const out = store.outputPath(HOME_FILES_NAME, JSON.stringify({ v: FARM_VERSION, overlap, inputs }));
  let builder: FarmBuilder | undefined;
  store.installOutput(
    out,
    farmReferences(specs),
    (tmp) => {
      fs.mkdirSync(tmp);
      builder = new FarmBuilder(fs.realpathSync(tmp), overlap, warn);
      for (const s of specs) builder.insert(s);
    },
    { filesReadOnly: true, knownDirs: () => builder?.knownDirs() },
  );
  return out;
}
