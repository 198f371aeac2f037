/**
 * The evaluation cache: an unchanged configuration is not evaluated again.
 *
 * While `evaluateHome` evaluates, everything the evaluation learns from
 * outside is recorded as a *fact*: each file read (by content hash), each
 * file type, directory listing, link and real path looked up, each
 * environment variable read, each path copied into the store (by the store
 * path it gave), each program the host backend found, each nixpkgs tree's
 * identity, the out paths of Nix packages used. The result (the generation
 * and the warnings printed) is stored with the facts under a key made of the
 * command's options, its whole environment (volatile shell variables left
 * out) and this installation's code. The next time, if every fact still
 * holds and every store path the generation names still exists, the stored
 * generation is used as is.
 *
 * Anything that cannot be recorded makes the evaluation uncacheable: the
 * clock (`builtins.currentTime`), a filtered `builtins.path`, fetchers (real
 * Nix), a failed evaluation. `HOME_MANAGER_EVAL_CACHE=0` turns the cache
 * off. The cache is a single JSON file in the state directory
 * (`home-manager/eval-cache.json`), with the last few entries.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EvalIO, FileType } from "../nix/io.js";
import type { HomeGeneration } from "../build/home-config.js";

const VERSION = 1;
const MAX_ENTRIES = 8;

/** Shell variables that change between shells without changing what the configuration means. */
const VOLATILE_ENV = new Set(["PWD", "OLDPWD", "SHLVL", "_", "COLUMNS", "LINES", "TERM_SESSION_ID", "WINDOWID", "TMUX_PANE", "SSH_TTY"]);

export interface Facts {
  files: [string, string | null][];
  types: [string, FileType | null][];
  dirs: [string, string][];
  links: [string, string | null][];
  reals: [string, string | null][];
  env: [string, string | null][];
  /** Paths copied into the store: source, recursive, name, resulting store path. */
  copies: [string, boolean, string, string][];
  /** Programs looked up on a search path: name, search path, where found (null: nowhere). */
  programs: [string, string, string | null][];
  /** Other facts with their own check: kind, argument, value (e.g. a nixpkgs tree's identity). */
  other: [string, string, string][];
  /** Paths that must still exist (Nix out paths used). */
  exists: string[];
}

interface Entry {
  readonly key: string;
  readonly facts: Facts;
  readonly generation: HomeGeneration;
  readonly warnings: readonly string[];
}

interface CacheFile {
  readonly version: number;
  entries: Entry[];
}

function sha(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Collects facts during one evaluation. */
export class FactRecorder {
  readonly facts: Facts = {
    files: [],
    types: [],
    dirs: [],
    links: [],
    reals: [],
    env: [],
    copies: [],
    programs: [],
    other: [],
    exists: [],
  };
  /** Why this evaluation cannot be cached (the first reason met). */
  uncacheable: string | undefined;

  /** Mark the evaluation as depending on something that cannot be checked later. */
  taint(why: string): void {
    this.uncacheable ??= why;
  }

  /** `io`, recording what it answers. */
  wrap(io: EvalIO): EvalIO {
    const f = this.facts;
    const rec = <T>(list: [string, T][], p: string, run: () => T, none: T): T => {
      try {
        const v = run();
        list.push([p, v]);
        return v;
      } catch (e) {
        list.push([p, none]);
        throw e;
      }
    };
    return {
      readFile: (p) => {
        try {
          const b = io.readFile(p);
          f.files.push([p, sha(b)]);
          return b;
        } catch (e) {
          f.files.push([p, null]);
          throw e;
        }
      },
      fileType: (p) => {
        const t = io.fileType(p);
        f.types.push([p, t]);
        return t;
      },
      readDir: (p) => {
        const d = io.readDir(p);
        f.dirs.push([p, JSON.stringify(d)]);
        return d;
      },
      readLink: (p) => rec<string | null>(f.links, p, () => io.readLink(p), null) as string,
      realPath: (p) => rec<string | null>(f.reals, p, () => io.realPath(p), null) as string,
      getEnv: (n) => {
        const v = io.getEnv(n);
        f.env.push([n, v ?? null]);
        return v;
      },
      printErr: (line) => io.printErr(line),
      now: () => {
        this.taint("builtins.currentTime");
        return io.now();
      },
    };
  }
}

/** Checks a fact of kind `other` (registered by the parts that record them). */
export type OtherCheck = (arg: string) => string;

export interface CacheContext {
  /** The cache file. */
  readonly file: string;
  /** What identifies the request: options, environment and code. */
  readonly key: string;
  /** The real file system (facts are checked against it). */
  readonly io: EvalIO;
  /** Recomputes a store copy's path (undefined when the source cannot be read). */
  readonly copyPath: (src: string, recursive: boolean, name: string) => string | undefined;
  /** Finds a program on a search path. */
  readonly which: (name: string, searchPath: string) => string | undefined;
  readonly others: Readonly<Record<string, OtherCheck>>;
}

/** The key of a request: its options, the environment without volatile variables, and the code's fingerprint. */
export function cacheKey(parts: unknown, env: Readonly<Record<string, string | undefined>>, code: string): string {
  const envEntries = Object.entries(env)
    .filter(([k, v]) => v !== undefined && !VOLATILE_ENV.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha(JSON.stringify({ v: VERSION, parts, env: envEntries, code }));
}

/** A fingerprint of the code in `dir` (names, sizes and modification times of its files). */
export function codeFingerprint(dirs: readonly string[]): string {
  const h = createHash("sha256");
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      try {
        const st = fs.statSync(path.join(dir, n));
        if (st.isFile()) h.update(`${dir}/${n} ${st.size} ${st.mtimeMs}\0`);
      } catch {
        // vanished: part of the fingerprint by absence
      }
    }
  }
  return h.digest("hex");
}

function load(file: string): CacheFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as CacheFile;
    if (parsed.version === VERSION && Array.isArray(parsed.entries)) return parsed;
  } catch {
    // no cache yet, or unreadable: start afresh
  }
  return { version: VERSION, entries: [] };
}

function holds(ctx: CacheContext, facts: Facts): boolean {
  const why = explain(ctx, facts);
  if (why !== undefined && ctx.io.getEnv("HOME_MANAGER_EVAL_CACHE_DEBUG") === "1") ctx.io.printErr(`eval cache: ${why}`);
  return why === undefined;
}

/** The first fact that no longer holds, described; undefined when all hold. */
function explain(ctx: CacheContext, facts: Facts): string | undefined {
  const io = ctx.io;
  const attempt = <T>(run: () => T, none: T): T => {
    try {
      return run();
    } catch {
      return none;
    }
  };
  for (const [p, h] of facts.files) if (attempt(() => sha(io.readFile(p)), null) !== h) return `file ${p}`;
  for (const [p, t] of facts.types) if (io.fileType(p) !== t) return `type of ${p}`;
  for (const [p, d] of facts.dirs) if (attempt(() => JSON.stringify(io.readDir(p)), "") !== d) return `directory ${p}`;
  for (const [p, l] of facts.links) if (attempt(() => io.readLink(p), null) !== l) return `link ${p}`;
  for (const [p, r] of facts.reals) if (attempt(() => io.realPath(p), null) !== r) return `real path of ${p}`;
  for (const [n, v] of facts.env) if ((io.getEnv(n) ?? null) !== v) return `environment variable ${n}`;
  for (const [src, rec, name, out] of facts.copies)
    if (ctx.copyPath(src, rec, name) !== out || io.fileType(out) === null) return `copy of ${src}`;
  for (const [name, sp, at] of facts.programs) if ((ctx.which(name, sp) ?? null) !== at) return `program ${name}`;
  for (const [kind, arg, value] of facts.other) {
    const check = ctx.others[kind];
    if (check === undefined || attempt(() => check(arg), "\0") !== value) return `${kind} of ${arg}`;
  }
  for (const p of facts.exists) if (io.fileType(p) === null) return `path ${p}`;
  return undefined;
}

/** Store paths a generation names (they must still exist for it to be reused). */
function namedPaths(gen: HomeGeneration, storeDirs: readonly string[]): string[] {
  const text = JSON.stringify(gen);
  const out = new Set<string>();
  for (const dir of storeDirs) {
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      const m = /^[0-9a-z]{32}-[A-Za-z0-9+\-._?=]+/.exec(text.slice(at + prefix.length));
      if (m !== null) out.add(prefix + m[0]);
    }
  }
  return [...out];
}

/** The cached result of this request, if its facts still hold. */
export function lookup(
  ctx: CacheContext,
  storeDirs: readonly string[],
): { generation: HomeGeneration; warnings: readonly string[] } | undefined {
  const debug = (why: string) => {
    if (ctx.io.getEnv("HOME_MANAGER_EVAL_CACHE_DEBUG") === "1") ctx.io.printErr(`eval cache: ${why}`);
  };
  const entry = load(ctx.file).entries.find((e) => e.key === ctx.key);
  if (entry === undefined) return (debug("no entry for this request"), undefined);
  if (!holds(ctx, entry.facts)) return undefined;
  for (const p of namedPaths(entry.generation, storeDirs)) if (ctx.io.fileType(p) === null) return (debug(`missing ${p}`), undefined);
  return { generation: entry.generation, warnings: entry.warnings };
}

/** Remember a result (unless the evaluation was uncacheable). */
export function store(ctx: CacheContext, rec: FactRecorder, generation: HomeGeneration, warnings: readonly string[]): void {
  if (rec.uncacheable !== undefined) return;
  const data = load(ctx.file);
  data.entries = [{ key: ctx.key, facts: rec.facts, generation, warnings }, ...data.entries.filter((e) => e.key !== ctx.key)].slice(
    0,
    MAX_ENTRIES,
  );
  try {
    fs.mkdirSync(path.dirname(ctx.file), { recursive: true });
    const tmp = `${ctx.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, ctx.file);
  } catch {
    // a cache that cannot be written is only a slower next run
  }
}
