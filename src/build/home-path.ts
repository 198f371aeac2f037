/**
 * `home-path`: the packages of `home.packages` merged into one tree, as
 * nixpkgs' `buildEnv` merges them. A name only one package provides becomes a
 * link to that package's file or whole directory; where two packages provide
 * the same directory, it becomes a real directory holding both packages'
 * entries (an earlier whole-directory link is expanded); two different files
 * at one name are an error, identical ones are fine. `hm-session-vars.sh` is
 * the last package, as Home Manager appends it. `home.extraProfileCommands`
 * then run in bash (as buildEnv's `postBuild`) with `$out` naming the merged
 * tree, which they may change where it has real directories. Named after
 * its inputs and those commands, so an unchanged profile reuses the
 * existing tree.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { HomeStore } from "../store/home-store.js";
import { HOME_PATH_NAME } from "../store/state-paths.js";
import { BuildError } from "./home-config.js";

const ENV_VERSION = "hm-ts-buildenv-1";

type EnvNode = { kind: "link"; target: string; dir: boolean; prio: number } | { kind: "dir"; children: Map<string, EnvNode> };

/** buildEnv's default priority of a package. */
const DEFAULT_PRIORITY = 5;

function statFollow(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function sameFile(a: string, b: string): boolean {
  const sa = statFollow(a);
  const sb = statFollow(b);
  if (sa === undefined || sb === undefined || !sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
  if ((sa.mode & 0o111) !== (sb.mode & 0o111)) return false;
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}

function addDir(node: Extract<EnvNode, { kind: "dir" }>, dir: string, prio: number): void {
  for (const name of fs.readdirSync(dir).sort()) {
    const src = path.join(dir, name);
    const isDir = statFollow(src)?.isDirectory() ?? false;
    const existing = node.children.get(name);
    if (existing === undefined) node.children.set(name, { kind: "link", target: src, dir: isDir, prio });
    else if (existing.kind === "dir" && isDir) addDir(existing, src, prio);
    else if (existing.kind === "link" && existing.dir && isDir) {
      const expanded: EnvNode = { kind: "dir", children: new Map() };
      addDir(expanded, existing.target, existing.prio);
      addDir(expanded, src, prio);
      node.children.set(name, expanded);
    } else if (existing.kind === "link" && (existing.target === src || sameFile(existing.target, src))) {
      continue;
    } else if (existing.kind === "link" && !existing.dir && !isDir && existing.prio !== prio) {
      // buildEnv: of two files at one name, the package with the lower priority number wins.
      if (prio < existing.prio) node.children.set(name, { kind: "link", target: src, dir: false, prio });
    } else {
      const first = existing.kind === "link" ? existing.target : `a directory from another package`;
      throw new BuildError(`collision between '${first}' and '${src}'`);
    }
  }
}

function materialise(node: EnvNode, at: string): void {
  if (node.kind === "link") return fs.symlinkSync(node.target, at);
  fs.mkdirSync(at);
  for (const [name, child] of node.children) materialise(child, path.join(at, name));
}

/** A package path of the stub backend: `@name@`, or a store-path-shaped name that does not exist. */
export function isPlaceholder(p: string): boolean {
  return (
    /^@[^/]*@$/.test(p) || ((p.startsWith(`/nix/store/${"0".repeat(32)}-`) || p.startsWith("/nix/store/00000000")) && !fs.existsSync(p))
  );
}

/** Run the profile's extra commands in bash with `$out` set to the tree being built. */
function runProfileCommands(commands: string, out: string): void {
  const r = spawnSync("bash", ["-e", "-c", commands], {
    cwd: out,
    encoding: "utf8",
    env: { ...process.env, out },
  });
  if (r.error !== undefined) throw new BuildError(`cannot run the profile's extra commands: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout}${r.stderr}`.trimEnd().split("\n").slice(-10).join("\n");
    throw new BuildError(
      `the profile's extra commands (home.extraProfileCommands) failed with exit code ${r.status ?? r.signal}${tail === "" ? "" : `:\n${tail}`}`,
    );
  }
}

/** Build (or reuse) the merged profile of `packages`; returns its store path. */
export function buildHomePath(
  store: HomeStore,
  allPackages: readonly string[],
  extraProfileCommands = "",
  priorities: Readonly<Record<string, number>> = {},
): string {
  // The stub package backend's placeholders (`@htop@`) name packages that have no files.
  const packages = allPackages.filter((p) => !isPlaceholder(p));
  for (const p of packages) {
    if (!path.isAbsolute(p)) throw new BuildError(`package path must be absolute: '${p}'`);
    if (!statFollow(p)?.isDirectory()) throw new BuildError(`package '${p}' is not a directory`);
  }
  const commands = extraProfileCommands.trim() === "" ? "" : extraProfileCommands;
  const prios = Object.fromEntries(packages.filter((p) => priorities[p] !== undefined).map((p) => [p, priorities[p]!]));
  const description = {
    v: ENV_VERSION,
    packages,
    ...(commands === "" ? {} : { commands }),
    ...(Object.keys(prios).length === 0 ? {} : { priorities: prios }),
  };
  const out = store.outputPath(HOME_PATH_NAME, JSON.stringify(description));
  store.installOutput(out, packages, (tmp) => {
    const root: EnvNode = { kind: "dir", children: new Map() };
    for (const p of packages) addDir(root, p, priorities[p] ?? DEFAULT_PRIORITY);
    materialise(root, tmp);
    if (commands !== "") runProfileCommands(commands, tmp);
  });
  return out;
}
