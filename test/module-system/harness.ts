/**
 * Test harness for the module system: an in-memory file tree (so fixture
 * modules live at realistic paths such as ~/.config/home-manager/home.nix),
 * an EvalState whose `lib` is our full lib, and helpers that evaluate a
 * configuration to JSON or capture the rendered error and warnings.
 */
import { NixError, renderError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import type { EvalIO, FileType } from "../../src/nix/io.js";
import { valueToJSONText } from "../../src/nix/serialize.js";
import { EvalState } from "../../src/nix/state.js";
import type { Lazy, NixAttrs } from "../../src/nix/values.js";
import { buildLib } from "../../src/lib/index.js";
import { hmLib } from "../../src/lib/hm/index.js";
import { moduleSystemNamespaces } from "../../src/module-system/index.js";

export const HOME = "/home/jdoe/.config/home-manager";

/** A file tree in memory: absolute path → text. */
export function memIO(files: Record<string, string>, log: string[]): EvalIO {
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) {
    let d = f;
    while ((d = d.slice(0, d.lastIndexOf("/")) || "/") !== "/") dirs.add(d);
    dirs.add("/");
  }
  const type = (p: string): FileType | null => (p in files ? "regular" : dirs.has(p) ? "directory" : null);
  return {
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return Buffer.from(files[p]!, "utf8");
    },
    fileType: type,
    readDir: (p) =>
      Object.keys(files)
        .filter((f) => f.startsWith(p + "/") && !f.slice(p.length + 1).includes("/"))
        .map((f): [string, FileType] => [f.slice(p.length + 1), "regular"]),
    readLink: (p) => p,
    realPath: (p) => p,
    getEnv: () => undefined,
    printErr: (line) => log.push(line),
    now: () => 0,
  };
}

export interface Session {
  readonly st: EvalState;
  readonly lib: NixAttrs;
  readonly log: string[];
}

/** An evaluation session over the given files, with `lib` importable as <lib>. */
export function session(files: Record<string, string> = {}, opts: { abortOnWarn?: boolean } = {}): Session {
  const log: string[] = [];
  const overrides = new Map<string, Lazy>();
  const st = new EvalState({
    io: memIO({ "/lib/default.nix": "null", ...files }, log),
    baseDir: HOME,
    importOverrides: overrides,
    abortOnWarn: opts.abortOnWarn,
  });
  const lib = buildLib(st, { moduleSystem: moduleSystemNamespaces, hm: hmLib });
  overrides.set("/lib/default.nix", lib);
  return { st, lib, log };
}

/** A Nix expression (with `lib` in scope, relative paths under HOME) as JSON. */
export function evalExpr(files: Record<string, string>, expr: string): string {
  const s = session(files);
  const v = s.st.evalString(`let lib = import /lib; in ${expr}`, `${HOME}/«test»`);
  deepForce(v);
  return valueToJSONText(s.st, v);
}

/** `(lib.evalModules { modules = [ … ]; }).<attr>` as JSON. */
export function evalJSON(files: Record<string, string>, modules: string, attr = "config"): string {
  return evalExpr(files, `(lib.evalModules { modules = [ ${modules} ]; }).${attr}`);
}

/** The rendered error of evaluating `expr` (strictly), or a failure if it succeeds. */
export function evalError(files: Record<string, string>, modules: string, attr = "config"): NixError {
  try {
    evalJSON(files, modules, attr);
  } catch (e) {
    if (e instanceof NixError) return e;
    throw e;
  }
  throw new Error("expected an evaluation error");
}

export function rendered(e: NixError): string {
  return renderError(e, false);
}
