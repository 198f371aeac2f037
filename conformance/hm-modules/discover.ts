/**
 * Finds the cases of Home Manager's test suite in a checkout, as its
 * `tests/default.nix` does on Linux: the core entries it lists (the common
 * list and the Linux list; the Darwin list is left out), then every
 * directory below `tests/modules/programs` and `tests/modules/services`.
 * The lists are read from the text of `tests/default.nix` (it cannot be
 * evaluated: it fetches NMT). Each entry's `default.nix` (or the named
 * `.nix` file) is evaluated with our evaluator, called with `{ lib, pkgs }`
 * when it is a function; only its attribute names are taken here, so the
 * case modules themselves are not evaluated. `pkgs` is a minimal set that
 * answers the platform questions these files ask (`stdenv.hostPlatform`).
 *
 * Names: program and service directories are named after their option
 * (`programs.git`, `services.gpg-agent`); core entries by their path below
 * `tests/` without `.nix` or `/default.nix` (`lib/types`, `modules/files`,
 * `modules/misc/xdg/linux`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { renderError, NixError } from "../../src/nix/errors.js";
import { callFunction, forceAttrs } from "../../src/nix/ops.js";
import { EvalState } from "../../src/nix/state.js";
import { force, isFunction } from "../../src/nix/values.js";
import { buildLib } from "../../src/lib/index.js";
import { attrs } from "../../src/module-system/nix-values.js";

/** One directory (or file) of cases. */
export interface TestGroup {
  /** `programs.git`, `modules/files`, … */
  readonly name: string;
  /** The file that lists the cases (a `default.nix` or a named `.nix` file). */
  readonly file: string;
  /** Case names, sorted; empty when `error` is set. */
  readonly cases: readonly string[];
  /** Why the list could not be read. */
  readonly error?: string;
}

/** The entries of the `tests = …` list: core paths for Linux, and the directories scanned for sub-directories. */
export function parseTestList(text: string): { core: string[]; scanned: string[] } {
  const noComments = text.replace(/#[^\n]*/g, "");
  const start = noComments.indexOf("tests =");
  if (start < 0) throw new Error("tests/default.nix: no `tests =` attribute");
  const body = noComments.slice(start);
  const pathsIn = (s: string) => [...s.matchAll(/\.\/[A-Za-z0-9_./-]+/g)].map((m) => m[0].replace(/^\.\//, ""));
  const first = /\(\s*\[([^\]]*)\]/.exec(body);
  if (first === null) throw new Error("tests/default.nix: the list of core test directories was not found");
  const core = pathsIn(first[1]!);
  for (const m of body.matchAll(/lib\.optionals\s+(isLinux|isDarwin)\s*\[([^\]]*)\]/g))
    if (m[1] === "isLinux") core.push(...pathsIn(m[2]!));
  const concat = body.indexOf("concatMap");
  if (concat < 0) throw new Error("tests/default.nix: the scanned directories were not found");
  const scanned = pathsIn(body.slice(concat)).filter((p) => !core.includes(p));
  return { core, scanned };
}

/** The name of an entry (path relative to `tests/`). */
export function groupName(rel: string): string {
  const scanned = /^modules\/(programs|services)\/([^/]+)$/.exec(rel);
  if (scanned) return `${scanned[1]}.${scanned[2]}`;
  return rel.replace(/\/default\.nix$/, "").replace(/\.nix$/, "");
}

/** Does `--only` select this group (by its name, a prefix ending at `/`, or the name without `modules/`)? */
export function groupSelected(name: string, only: readonly string[] | undefined): boolean {
  if (only === undefined) return true;
  const short = name.replace(/^modules\//, "");
  return only.some((o) => name === o || short === o || name.startsWith(o + "/") || short.startsWith(o + "/"));
}

/** A Nix expression for the `pkgs` that case lists are called with. */
const PLATFORM_PKGS = `lib:
  let p = lib.systems.elaborate builtins.currentSystem; in {
    inherit lib;
    stdenv = { hostPlatform = p; buildPlatform = p; targetPlatform = p; inherit (p) isLinux isDarwin system; };
    hostPlatform = p; buildPlatform = p; inherit (p) system;
  }`;

function describe(e: unknown): string {
  if (e instanceof NixError) return renderError(e, false).replace(/\x1b\[[0-9;]*m/g, "");
  return e instanceof Error ? e.message : String(e);
}

/** The case names that a list file defines. */
function caseNames(file: string): { cases: string[]; error?: string } {
  const st = new EvalState({ searchPath: [] });
  try {
    const lib = buildLib(st);
    const pkgs = callFunction(st.evalString(PLATFORM_PKGS), lib);
    const top = force(st.evalFile(file));
    const v = isFunction(top) ? callFunction(top, attrs({ lib, pkgs })) : top;
    return { cases: forceAttrs(v).sortedNames() };
  } catch (e) {
    return { cases: [], error: describe(e) };
  }
}

function entryFile(testsDir: string, rel: string): string {
  const p = join(testsDir, rel);
  return rel.endsWith(".nix") ? p : join(p, "default.nix");
}

/** All groups of the checkout `dir` that `only` selects, in the suite's order (core first, then sorted). */
export function discover(dir: string, only: readonly string[] | undefined): TestGroup[] {
  const testsDir = join(dir, "tests");
  const index = join(testsDir, "default.nix");
  if (!existsSync(index)) throw new Error(`${index} not found: DIR must be a checkout of nix-community/home-manager`);
  const { core, scanned } = parseTestList(readFileSync(index, "utf8"));
  const rels = [...core];
  for (const s of scanned) {
    const abs = join(testsDir, s);
    const subdirs = readdirSync(abs)
      .filter((n) => statSync(join(abs, n)).isDirectory())
      .sort();
    rels.push(...subdirs.map((n) => relative(testsDir, join(abs, n))));
  }
  const groups: TestGroup[] = [];
  for (const rel of rels) {
    const name = groupName(rel);
    if (!groupSelected(name, only) && !(only ?? []).some((o) => !o.includes(".") && !o.includes("/"))) continue;
    const file = entryFile(testsDir, rel);
    const { cases, error } = existsSync(file) ? caseNames(file) : { cases: [], error: `${file} not found` };
    groups.push(error === undefined ? { name, file, cases } : { name, file, cases, error });
  }
  return groups;
}
