/**
 * `lib.sources`: filtered sources (`cleanSource`, `cleanSourceWith`,
 * `sourceByRegex`, `sourceFilesBySuffices`, `sourceByGlobs`, `trace`), whose
 * `outPath` is `builtins.path` with the combined filter; git metadata
 * (`pathIsGitRepo`, `commitIdFromGitRepo`, following `gitdir:` files,
 * symbolic refs and packed refs); and naming helpers (`urlToName`,
 * `shortRev`, `revOrTag`, `repoRevToName`).
 */
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  get,
  interpolate,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

const str = (ctx: LibContext, v: Lazy) => strOf(ctx.B.toStr(v));

function cleanSourceFilter(ctx: LibContext, name: Lazy, typeL: Lazy): boolean {
  const base = strOf(ctx.B.call("baseNameOf", name) as string);
  const type = strOf(force(typeL) as string);
  const vcs = base === ".git" || (type === "directory" && [".svn", "CVS", ".hg", ".jj", ".pijul", "_darcs"].includes(base));
  return !(
    vcs ||
    base.endsWith("~") ||
    /^\.sw[a-z]$/.test(base) ||
    /^\..*\.sw[a-z]$/s.test(base) ||
    base.endsWith(".o") ||
    base.endsWith(".so") ||
    (type === "symlink" && base.startsWith("result")) ||
    type === "unknown"
  );
}

interface SourceAttrs {
  origSrc: Lazy;
  filter: Lazy;
  name: Lazy;
}

const ALWAYS = fn("lib.sources.allFiles", 2, () => true);

function toSourceAttributes(src: Lazy): SourceAttrs {
  const s = force(src);
  if (s instanceof NixAttrs && s.has("_isLibCleanSourceWith"))
    return { origSrc: get(s, "origSrc"), filter: get(s, "filter"), name: get(s, "name") };
  return { origSrc: s, filter: ALWAYS, name: "source" };
}

function fromSourceAttributes(ctx: LibContext, a: SourceAttrs): NixAttrs {
  return attrs({
    _isLibCleanSourceWith: true,
    origSrc: a.origSrc,
    filter: a.filter,
    name: a.name,
    outPath: lazy(() => ctx.B.call("path", attrs({ filter: a.filter, name: a.name, path: a.origSrc }))),
  });
}

function cleanSourceWith(ctx: LibContext, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  const orig = toSourceAttributes(get(args, "src"));
  const userFilter = args.get("filter") ?? ALWAYS;
  const nameArg = args.get("name");
  return fromSourceAttributes(ctx, {
    origSrc: orig.origSrc,
    filter: fn(
      "lib.sources.cleanSourceWith.filter",
      2,
      ([p, t]) => forceBool(call(userFilter, p!, t!)) && forceBool(call(orig.filter, p!, t!)),
    ),
    name: lazy(() => (nameArg !== undefined && force(nameArg) !== null ? force(nameArg) : force(orig.name))),
  });
}

function withFilter(ctx: LibContext, src: Lazy, filter: (p: Lazy, t: Lazy) => boolean): Value {
  return cleanSourceWith(ctx, attrs({ src, filter: fn("lib.sources.filter", 2, ([p, t]) => filter(p!, t!)) }));
}

function origSrcString(ctx: LibContext, src: Lazy): string {
  const s = force(src);
  const orig = s instanceof NixAttrs && s.has("_isLibCleanSourceWith") ? get(s, "origSrc") : s;
  return str(ctx, orig);
}

function globMatcher(pattern: string): (path: string, type: string) => boolean {
  const split = (p: string) => p.split("/");
  const toRe = (g: string) => (g === "**" ? ".*" : g.split(/\*+/).map(escapeRe).join("[^/]*"));
  const globs = split(pattern).map(toRe);
  return (path, type) => {
    const parts = split(path);
    const full = (re: string, s: string) => new RegExp(`^(?:${re})$`, "s").test(s);
    const rec = (gi: number, pi: number): boolean => {
      if (pi >= parts.length) return gi >= globs.length || type === "directory" || type === "symlink";
      if (gi >= globs.length) return false;
      const g = globs[gi]!;
      const p = parts[pi]!;
      if (g === ".*") {
        if (gi + 1 === globs.length) return true;
        if (full(globs[gi + 1]!, p)) return rec(gi + 1, pi);
        return full(g, p) ? rec(gi, pi + 1) : false;
      }
      return full(g, p) ? rec(gi + 1, pi + 1) : false;
    };
    return rec(0, 0);
  };
}

function escapeRe(s: string): string {
  return s.replace(/[\\[{()^$?*+|.\]}]/g, (c) => "\\" + c);
}

function urlToName(ctx: LibContext, url: Lazy): string {
  const parts = str(ctx, url).split(":");
  let last = parts[parts.length - 1]!;
  if (last.endsWith("/")) last = last.slice(0, -1);
  let base = strOf(ctx.B.call("baseNameOf", last) as string);
  const ext = /^(.*)\.(git|tar|zip|gz|tgz|bz|tbz|bz2|tbz2|lzma|txz|xz|zstd)$/s;
  for (;;) {
    const m = ext.exec(base);
    if (!m || m[1]!.length >= base.length) return base;
    base = m[1]!;
  }
}

function shortRev(ctx: LibContext, rev: Lazy): string {
  const base = strOf(ctx.B.call("baseNameOf", ctx.B.toStr(rev)) as string);
  if (/^[a-f0-9]+$/.test(base)) return base.slice(0, 7);
  const m = ctx.B.call("match", "([A-Za-z]+[-_. ]?)*(v)?([0-9.]+.*)", base);
  if (m !== null) {
    const l = m as Lazy[];
    return strOf(force(l[l.length - 1]!) as string);
  }
  return base;
}

function repoRevToNameFull(ctx: LibContext, repo: Lazy, rev: Lazy, suffix: Lazy): Value {
  const r = force(rev) !== null ? `-${shortRev(ctx, rev)}` : "";
  const sfx = force(suffix) !== null ? interpolate(ctx.st, "-", suffix) : "";
  return interpolate(ctx.st, urlToName(ctx, repo), r, sfx, "-source");
}

/** The commit of a git checkout, or why it cannot be read (nixpkgs' algorithm). */
function commitId(ctx: LibContext, file: string, path: string): { value?: string; error?: string } {
  const { B } = ctx;
  const isFile = (p: string) => (B.call("pathExists", p) as boolean) && strOf(B.call("readFileType", p) as string) === "regular";
  const contents = (p: string) => strOf(B.call("readFile", p) as string).replace(/\n$/, "");
  const absolute = (base: string, p: string) => (p.startsWith("/") ? p : base.startsWith("/") ? `${base}/${p}` : `/${base}/${p}`);
  if (isFile(path)) {
    const m = /^gitdir: (.*)$/s.exec(contents(path));
    if (!m) return { error: "File contains no gitdir reference: " + path };
    const gitDir = absolute(strOf(B.call("dirOf", path) as string), m[1]!);
    const common2 = isFile(`${gitDir}/commondir`) ? contents(`${gitDir}/commondir`) : gitDir;
    const commonDir = absolute(gitDir, common2.replace(/\/$/, ""));
    const full = `${gitDir}/${file}`;
    const refFile = full.startsWith(`${commonDir}/`) ? full.slice(commonDir.length + 1) : full;
    return commitId(ctx, refFile, commonDir);
  }
  const fileName = `${path}/${file}`;
  if (isFile(fileName)) {
    const content = contents(fileName);
    const ref = /^ref: (.*)$/s.exec(content);
    return ref ? commitId(ctx, ref[1]!, path) : { value: content };
  }
  const packed = `${path}/packed-refs`;
  if (isFile(packed)) {
    const line = strOf(B.call("readFile", packed) as string)
      .split("\n")
      .map((l) => new RegExp(`^([a-z0-9]+) ${escapeRe(file)}$`, "s").exec(l))
      .find((x) => x !== null);
    return line ? { value: line[1]! } : { error: "Could not find " + file + " in " + packed };
  }
  return { error: "Not a .git directory: " + path };
}

export function sources(ctx: LibContext): Value {
  const { B } = ctx;
  const pathHasContext = B.get("hasContext");
  return attrs({
    cleanSourceFilter: fn("lib.sources.cleanSourceFilter", 2, ([n, t]) => cleanSourceFilter(ctx, n!, t!)),
    cleanSource: fn("lib.sources.cleanSource", 1, ([src]) => withFilter(ctx, src!, (p, t) => cleanSourceFilter(ctx, p, t))),
    cleanSourceWith: fn("lib.sources.cleanSourceWith", 1, ([a]) => cleanSourceWith(ctx, a!)),
    trace: fn("lib.sources.trace", 1, ([src]) => {
      const a = toSourceAttributes(src!);
      const traced = fromSourceAttributes(ctx, {
        ...a,
        filter: fn("lib.sources.trace.filter", 2, ([p, t]) => {
          const r = forceBool(call(a.filter, p!, t!));
          B.call(
            "trace",
            lazy(() => interpolate(ctx.st, a.name, ".filter ", p!, ` = ${r ? "true" : "false"}`)),
            null,
          );
          return r;
        }),
      });
      const s = force(src!);
      const sat = s instanceof NixAttrs && s.has("satisfiesSubpathInvariant") && forceBool(get(s, "satisfiesSubpathInvariant"));
      const m = new Map(traced.map);
      m.set("satisfiesSubpathInvariant", sat);
      return new NixAttrs(m);
    }),
    sourceByRegex: fn("lib.sources.sourceByRegex", 2, ([src, regexes]) => {
      const root = origSrcString(ctx, src!) + "/";
      return withFilter(ctx, src!, (p) => {
        const path = str(ctx, p);
        const rel = path.startsWith(root) ? path.slice(root.length) : path;
        return forceList(regexes!).some((re) => B.call("match", re, rel) !== null);
      });
    }),
    sourceFilesBySuffices: fn("lib.sources.sourceFilesBySuffices", 2, ([src, exts]) =>
      withFilter(ctx, src!, (p, t) => {
        const base = strOf(B.call("baseNameOf", p) as string);
        return strOf(force(t) as string) === "directory" || forceList(exts!).some((e) => base.endsWith(str(ctx, e)));
      }),
    ),
    sourceByGlobs: fn("lib.sources.sourceByGlobs", 2, ([src, patterns]) => {
      const root = `${str(ctx, src!)}/`;
      const matchers = forceList(patterns!).map((p) => globMatcher(str(ctx, p)));
      return withFilter(ctx, src!, (p, t) => {
        const name = str(ctx, p);
        const rel = name.startsWith(root) ? name.slice(root.length) : name;
        return matchers.some((m) => m(rel, strOf(force(t) as string)));
      });
    }),
    pathIsGitRepo: fn("lib.sources.pathIsGitRepo", 1, ([p]) => commitId(ctx, "HEAD", str(ctx, p!)).value !== undefined),
    commitIdFromGitRepo: fn("lib.sources.commitIdFromGitRepo", 1, ([p]) => {
      const r = commitId(ctx, "HEAD", str(ctx, p!));
      if (r.value === undefined) throw throwError(r.error!);
      return r.value;
    }),
    pathHasContext,
    canCleanSource: fn("lib.sources.canCleanSource", 1, ([src]) => {
      const s = force(src!);
      if (s instanceof NixAttrs && s.has("_isLibCleanSourceWith")) return true;
      return !(B.call("hasContext", B.toStr(s)) as boolean);
    }),
    urlToName: fn("lib.sources.urlToName", 1, ([u]) => urlToName(ctx, u!)),
    shortRev: fn("lib.sources.shortRev", 1, ([r]) => shortRev(ctx, r!)),
    revOrTag: fn("lib.sources.revOrTag", 2, ([rev, tag]) =>
      force(tag!) !== null ? force(tag!) : force(rev!) !== null ? force(rev!) : "HEAD",
    ),
    repoRevToName: fn("lib.sources.repoRevToName", 1, ([k]) => {
      const kind = str(ctx, k!);
      if (kind === "source") return fn("lib.sources.repoRevToName.source", 3, () => "source");
      if (kind === "versioned")
        return fn("lib.sources.repoRevToName.versioned", 3, ([repo, rev]) => repoRevToNameFull(ctx, repo!, rev!, null));
      if (kind === "full") return fn("lib.sources.repoRevToName.full", 3, ([repo, rev, sfx]) => repoRevToNameFull(ctx, repo!, rev!, sfx!));
      throw throwError("repoRevToName: invalid kind");
    }),
    filterSource: B.get("filterSource"),
  });
}
