/**
 * Builders that make trees of symbolic links: `symlinkJoin` (every input
 * merged as `lndir -silent` merges it: real directories, one link per file,
 * links in an input copied as links, the first input wins), `buildEnv`
 * (nixpkgs' buildenv builder: `pathsToLink`, `extraOutputsToInstall`,
 * `meta.priority`, a directory only one package has linked whole, collisions
 * between different files reported naming both, identical ones accepted),
 * `linkFarm` (list or set form) and `linkFarmFromDrvs`. `postBuild` runs in
 * bash with `$out` set once the links exist. Inputs that are not absolute
 * paths (e.g. stand-in packages named `@pkg@`) are skipped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NixError } from "../../nix/errors.js";
import { forceAttrs, forceList } from "../../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../../nix/values.js";
import { lazy } from "../../module-system/nix-values.js";
import { attrs, formals, prim } from "../../lib/hm/prim.js";
import type { BuilderContext } from "./index.js";
import { ArgReader, makeDerivation, storeRefs } from "./derivation.js";
import { BuilderError, commandSpec, runBuild } from "./run-command.js";

function lstat(p: string): fs.Stats | undefined {
  return fs.lstatSync(p, { throwIfNoEntry: false });
}

function isDir(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** `lndir -silent from to`: directories made, files linked, links copied; existing names kept. */
export function lndir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from).sort()) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    const st = lstat(src)!;
    if (st.isDirectory()) {
      const existing = lstat(dst);
      if (existing === undefined || existing.isDirectory()) lndir(src, dst);
      continue;
    }
    if (lstat(dst) !== undefined) continue;
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else fs.symlinkSync(src, dst);
  }
}

/** Run `postBuild` (if any) with `$out` already made. */
function postBuild(ctx: BuilderContext, name: string, script: string, env: NixAttrs, out: string): void {
  if (script.trim() === "") return;
  runBuild(commandSpec(ctx, name, script, env), out, ctx.runtimeShell, ctx.store.storeDir);
}

function flatPaths(r: ArgReader, l: Lazy): string[] {
  const out: string[] = [];
  for (const p of forceList(l)) {
    const v = force(p);
    if (v === null) continue;
    if (Array.isArray(v)) out.push(...flatPaths(r, v));
    else out.push(r.interp(v));
  }
  return out;
}

function symlinkJoin(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = forceAttrs(arg);
  const nameL = a.get("name");
  const name =
    nameL !== undefined
      ? r.interp(nameL)
      : a.has("pname") && a.has("version")
        ? `${r.interp(a.get("pname")!)}-${r.interp(a.get("version")!)}`
        : (() => {
            throw new NixError("throw", "symlinkJoin requires either a `name` OR `pname` and `version`");
          })();
  const strip = r.optText(a, "stripPrefix", "");
  if (strip !== "" && (!strip.startsWith("/") || strip === "/"))
    throw new NixError(
      "throw",
      "stripPrefix must be either an empty string (disable stripping behavior), or relative path prefixed with /.\n\nEnsure that the path starts with / and specifies path to the subdirectory.\n",
    );
  const extra: Record<string, Lazy> = {};
  for (const [k, v] of a.map)
    if (!["name", "postBuild", "stripPrefix", "paths", "failOnMissing", "meta", "passthru"].includes(k)) extra[k] = v;
  return makeDerivation({
    name,
    meta: a.get("meta"),
    passthru: a.get("passthru"),
    extra: { ...extra, paths: a.get("paths")! },
    outPath: () => {
      const failOnMissing = r.bool(a, "failOnMissing", strip === "");
      const paths = flatPaths(r, a.get("paths")!).map((p) => p + strip);
      const post = r.optText(a, "postBuild", "");
      const envArgs = new NixAttrs(new Map(Object.entries({ ...extra, paths })));
      const build = (tmp: string) => {
        fs.mkdirSync(tmp);
        for (const p of paths) {
          if (!p.startsWith("/")) continue;
          if (!isDir(p)) {
            if (failOnMissing) throw new BuilderError(`builder for '${name}' failed: ${p}: No such file or directory`);
            continue;
          }
          lndir(p, tmp);
        }
        postBuild(ctx, name, post, envArgs, tmp);
      };
      return ctx.store.add(name, { kind: "symlinkJoin", paths, post, failOnMissing }, build, storeRefs(ctx.store.storeDir, paths));
    },
  });
}

interface EnvInput {
  readonly paths: string[];
  readonly priority: number;
}

/** The outputs of one `buildEnv` input and its priority (as nixpkgs' `chosenOutputs`). */
function envInput(r: ArgReader, l: Lazy, extraOutputs: readonly string[]): EnvInput {
  const v = force(l);
  if (!(v instanceof NixAttrs)) return { paths: [r.interp(v)], priority: 5 };
  const metaL = v.get("meta");
  const meta = metaL === undefined ? NixAttrs.empty : forceAttrs(metaL);
  const specified = v.get("outputSpecified");
  const toInstall = meta.get("outputsToInstall");
  const chosen: Lazy[] =
    (specified === undefined || force(specified) !== true) && toInstall !== undefined && force(toInstall) !== null
      ? forceList(toInstall).map((o) => v.get(r.interp(o)) ?? v)
      : [v];
  for (const o of extraOutputs) {
    const out = v.get(o);
    if (out !== undefined) chosen.push(out);
  }
  const prio = meta.get("priority");
  const p = prio === undefined ? 5 : Number(force(prio));
  return { paths: chosen.map((c) => r.interp(c)), priority: p };
}

type Link = { target: string; priority: number } | { dir: true; priority: number };

/** nixpkgs' buildenv builder, for the options it has. */
class EnvBuilder {
  readonly links = new Map<string, Link>();
  private readonly done = new Set<string>();

  constructor(
    private readonly pathsToLink: readonly string[],
    private readonly checkContents: boolean,
    private readonly warn: (m: string) => void,
  ) {
    this.links.set("", { dir: true, priority: 0 });
    for (const p of pathsToLink) {
      let cur = "";
      for (const part of p.split("/").filter((x) => x !== "")) {
        cur += `/${part}`;
        this.links.set(cur, { dir: true, priority: 0 });
      }
    }
  }

  inPathsToLink(rel: string): boolean {
    const p = rel === "" ? "/" : rel;
    return this.pathsToLink.some((e) => e === "/" || p === e || p.startsWith(`${e}/`));
  }

  private mayContain(rel: string): boolean {
    return this.pathsToLink.some((e) => rel === "" || e === rel || e.startsWith(`${rel}/`));
  }

  addPkg(dir: string, priority: number, ignore: boolean): void {
    if (this.done.has(dir)) return;
    this.done.add(dir);
    this.find("", dir, "", priority, ignore);
  }

  private find(rel: string, target: string, base: string, priority: number, ignore: boolean): void {
    if (
      rel === "/propagated-build-inputs" ||
      rel === "/nix-support" ||
      /info\/dir$/.test(rel) ||
      (/^\/share\/mime\//.test(rel) && !/^\/share\/mime\/packages/.test(rel)) ||
      base === "perllocal.pod" ||
      base === "log" ||
      !(this.mayContain(rel) || this.inPathsToLink(rel))
    )
      return;
    const old = this.links.get(rel);
    const oldIsFile = old !== undefined && !("dir" in old) && !isDir(old.target);
    if (old === undefined || (priority < old.priority && oldIsFile)) {
      this.links.set(rel, { target, priority });
      return;
    }
    if (!("dir" in old) && safeReal(target) !== undefined && safeReal(target) === safeReal(old.target)) return;
    if (priority > old.priority && oldIsFile) return;
    if ("dir" in old && !isDir(target)) throw new BuilderError(`not a directory: \`${target}'`);
    if (!(isDir(target) && ("dir" in old || isDir(old.target)))) {
      const oldTarget = "dir" in old ? "" : old.target;
      if (ignore) {
        this.warn(`collision between \`${target}' and \`${oldTarget}'`);
        return;
      }
      if (this.checkContents && sameContents(oldTarget, target)) return;
      throw new BuilderError(`collision between \`${target}' and \`${oldTarget}'`);
    }
    if (!("dir" in old)) this.findIn(rel, old.target, old.priority, ignore);
    this.findIn(rel, target, priority, ignore);
    this.links.set(rel, { dir: true, priority });
  }

  private findIn(rel: string, dir: string, priority: number, ignore: boolean): void {
    for (const name of fs.readdirSync(dir)) this.find(`${rel}/${name}`, path.join(dir, name), name, priority, ignore);
  }

  /** Create the links under `out` (+ `extraPrefix`); the number of links made. */
  write(out: string): number {
    let n = 0;
    for (const rel of [...this.links.keys()].sort()) {
      const l = this.links.get(rel)!;
      if (!this.inPathsToLink(rel)) continue;
      const abs = out + (rel === "" ? "" : rel);
      if ("dir" in l) fs.mkdirSync(abs, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.symlinkSync(l.target, abs);
        n++;
      }
    }
    return n;
  }
}

function safeReal(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function sameContents(a: string, b: string): boolean {
  const sa = fs.statSync(a, { throwIfNoEntry: false });
  const sb = fs.statSync(b, { throwIfNoEntry: false });
  if (sa === undefined || sb === undefined) return false;
  if ((sa.mode & 0o7777) !== (sb.mode & 0o7777)) return false;
  return sa.isFile() && sb.isFile() && fs.readFileSync(a).equals(fs.readFileSync(b));
}

const BUILD_ENV_ARGS = [
  "name?",
  "pname?",
  "version?",
  "paths",
  "manifest?",
  "ignoreCollisions?",
  "ignoreSingleFileOutputs?",
  "includeClosures?",
  "checkCollisionContents?",
  "pathsToLink?",
  "extraOutputsToInstall?",
  "extraPrefix?",
  "postBuild?",
  "derivationArgs?",
  "nativeBuildInputs?",
  "buildInputs?",
  "passthru?",
  "meta?",
];

function buildEnv(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = formals(arg, "buildEnv", BUILD_ENV_ARGS);
  const name = a.has("name")
    ? r.interp(a.get("name")!)
    : `${r.interp(a.get("pname") ?? "env")}${a.has("version") ? `-${r.interp(a.get("version")!)}` : ""}`;
  return makeDerivation({
    name,
    meta: a.get("meta"),
    passthru: lazy(() => attrs({ paths: a.get("paths")!, ...Object.fromEntries(r.attrs(a, "passthru").map) })),
    extra: { paths: a.get("paths")! },
    outPath: () => {
      const extraOutputs = r.list(a, "extraOutputsToInstall").map((o) => r.interp(o));
      const inputs = forceList(a.get("paths")!).map((p) => envInput(r, p, extraOutputs));
      const pathsToLink = a.has("pathsToLink") ? r.list(a, "pathsToLink").map((p) => r.interp(p)) : ["/"];
      const ignore = r.bool(a, "ignoreCollisions", false);
      const check = r.bool(a, "checkCollisionContents", true);
      const extraPrefix = r.optText(a, "extraPrefix", "");
      const manifest = r.optText(a, "manifest", "");
      const post = r.optText(a, "postBuild", "");
      const envArgs = new NixAttrs(new Map([...r.attrs(a, "derivationArgs").map]));
      const description = { kind: "buildEnv", inputs, pathsToLink, ignore, check, extraPrefix, manifest, post };
      const build = (tmp: string) => {
        const env = new EnvBuilder(pathsToLink, check, (m) => ctx.st.warn(m));
        try {
          for (const input of inputs)
            for (const p of input.paths) if (p.startsWith("/") && lstat(p) !== undefined) env.addPkg(p, input.priority, ignore);
        } catch (e) {
          if (e instanceof BuilderError) throw new BuilderError(`builder for '${name}' failed: ${e.message}`);
          throw e;
        }
        fs.mkdirSync(tmp);
        env.write(tmp + extraPrefix);
        if (manifest !== "") fs.symlinkSync(manifest, path.join(tmp, "manifest"));
        postBuild(ctx, name, post, envArgs, tmp);
      };
      const refs = storeRefs(
        ctx.store.storeDir,
        inputs.flatMap((i) => i.paths),
      );
      return ctx.store.add(name, description, build, refs);
    },
  });
}

/** `linkFarm name entries`: a directory of links named as the entries say. */
function linkFarm(ctx: BuilderContext, nameL: Lazy, entriesL: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const name = r.interp(nameL);
  const entries = lazy(() => {
    const v = force(entriesL);
    if (v instanceof NixAttrs) return v;
    if (!Array.isArray(v)) throw new NixError("throw", "linkFarm entries must be either attrs or a list!");
    const m = new Map<string, Lazy>();
    for (const e of v) {
      const set = forceAttrs(e);
      m.set(r.interp(set.get("name")!), set.get("path")!);
    }
    return new NixAttrs(m);
  });
  return makeDerivation({
    name,
    passthru: attrs({ entries }),
    extra: { preferLocalBuild: true, allowSubstitutes: false },
    outPath: () => {
      const set = forceAttrs(entries);
      const links = set.sortedNames().map((n) => [n, r.interp(set.get(n)!)] as const);
      const build = (tmp: string) => {
        fs.mkdirSync(tmp);
        for (const [n, target] of links) {
          const at = path.join(tmp, n);
          fs.mkdirSync(path.dirname(at), { recursive: true });
          fs.symlinkSync(target, at);
        }
      };
      return ctx.store.add(
        name,
        { kind: "linkFarm", links },
        build,
        storeRefs(
          ctx.store.storeDir,
          links.map((l) => l[1]),
        ),
      );
    },
  });
}

/** The link-tree builders, by attribute name of `pkgs`. */
export function linkBuilders(ctx: BuilderContext): Record<string, Lazy> {
  return {
    symlinkJoin: prim("pkgs.symlinkJoin", 1, ([a]) => symlinkJoin(ctx, a!)),
    buildEnv: prim("pkgs.buildEnv", 1, ([a]) => buildEnv(ctx, a!)),
    linkFarm: prim("pkgs.linkFarm", 2, ([n, e]) => linkFarm(ctx, n!, e!)),
    linkFarmFromDrvs: prim("pkgs.linkFarmFromDrvs", 2, ([n, ds]) =>
      linkFarm(
        ctx,
        n!,
        lazy(() => forceList(ds!).map((d) => attrs({ name: lazy(() => force(forceAttrs(d).get("name")!)), path: d }))),
      ),
    ),
  };
}
