/**
 * Builtins that read the file system or add to the store: `pathExists`,
 * `readFile`, `readFileType`, `readDir`, `hashFile`, `baseNameOf`, `dirOf`,
 * `toPath`, `storePath`, `toFile`, `filterSource` and `path`. Reads go through
 * EvalIO; additions go through the Store (which decides whether to write).
 */
import { createHash } from "node:crypto";
import { coerceToPath, coerceToString } from "../coerce.js";
import { NixError } from "../errors.js";
import type { FileType } from "../io.js";
import { callFunction, forceAttrs, forceBool, forceStringNoContext } from "../ops.js";
import { baseNameOf, canonPath, dirOf } from "../paths.js";
import type { Span } from "../source.js";
import { errnoMessage, type EvalState } from "../state.js";
import { force, mkString, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../values.js";
import type { BuiltinRegistry } from "./registry.js";
import { parseHash, toHex } from "../store/hash.js";

export function storeBuiltins(reg: BuiltinRegistry, st: EvalState): void {
  reg.prim("pathExists", 1, ([p], s) => {
    const v = force(p!);
    let path: string;
    let mustBeDir = false;
    if (v instanceof NixPath) path = v.path;
    else {
      const str = coerceToString(st, v, {}, s);
      if (!str.startsWith("/")) throw new NixError("eval", `string '${str}' doesn't represent an absolute path`, s);
      mustBeDir = str.endsWith("/") || str.endsWith("/.");
      path = canonPath(str);
    }
    // A dangling symlink exists; a trailing slash asks for a directory.
    if (!mustBeDir) return st.io.fileType(path) !== null;
    return followType(st, path) === "directory";
  });

  reg.prim("readFile", 1, ([p], s) => {
    const ctx = new Set<string>();
    const path = coerceToPath(st, p!, s, ctx);
    let buf: Buffer;
    try {
      buf = st.io.readFile(path);
    } catch (e) {
      throw new NixError("io", `opening file '${path}': ${errnoMessage(e)}`, s);
    }
    const text = buf.toString("latin1");
    if (text.includes("\0")) {
      throw new NixError("eval", `the contents of the file '${path}' cannot be represented as a Nix string`, s);
    }
    return mkString(buf.toString("utf8"), st.store.isStorePath(path) ? storeRefs(st, path) : null);
  });

  reg.prim("readFileType", 1, ([p], s) => {
    const path = coerceToPath(st, p!, s);
    const t = st.io.fileType(path);
    if (t === null) throw new NixError("io", `getting status of '${path}': No such file or directory`, s);
    return t;
  });

  reg.prim("readDir", 1, ([p], s) => {
    const path = coerceToPath(st, p!, s);
    let entries: [string, FileType][];
    try {
      entries = st.io.readDir(path);
    } catch (e) {
      throw new NixError("io", `reading directory '${path}': ${errnoMessage(e)}`, s);
    }
    return new NixAttrs(new Map<string, Lazy>(entries.map(([n, t]) => [n, t])));
  });

  reg.prim("hashFile", 2, ([algo, p], s) => {
    const a = forceStringNoContext(algo!, s);
    const path = coerceToPath(st, p!, s);
    if (!["md5", "sha1", "sha256", "sha512"].includes(a)) throw new NixError("eval", `unknown hash algorithm '${a}'`, s);
    let buf: Buffer;
    try {
      buf = st.io.readFile(path);
    } catch (e) {
      throw new NixError("io", `opening file '${path}': ${errnoMessage(e)}`, s);
    }
    return createHash(a).update(buf).digest("hex");
  });

  reg.prim(
    "baseNameOf",
    1,
    ([p], s) => {
      const v = force(p!);
      if (v instanceof NixPath) return baseNameOf(v.path);
      const ctx = new Set<string>();
      const str = coerceToString(st, v, { context: ctx }, s);
      return mkString(baseNameOf(str), ctx);
    },
    { global: true },
  );

  reg.prim(
    "dirOf",
    1,
    ([p], s) => {
      const v = force(p!);
      if (v instanceof NixPath) return new NixPath(dirOf(v.path));
      const ctx = new Set<string>();
      const str = coerceToString(st, v, { context: ctx }, s);
      return mkString(dirOf(str), ctx);
    },
    { global: true },
  );

  reg.prim("toPath", 1, ([p], s) => {
    const ctx = new Set<string>();
    const path = coerceToPath(st, p!, s, ctx);
    return mkString(canonPath(path), ctx);
  });

  reg.prim("storePath", 1, ([p], s) => {
    if (st.pure) throw new NixError("restricted", "'builtins.storePath' is not allowed in pure evaluation mode", s);
    const path = canonPath(coerceToPath(st, p!, s));
    if (!st.store.isStorePath(path)) throw new NixError("eval", `path '${path}' is not in the Nix store`, s);
    const root = storePathRoot(st, path);
    return mkString(path, new Set([root]));
  });

  reg.prim("toFile", 2, ([n, c], s) => {
    const name = forceStringNoContext(n!, s);
    const ctx = new Set<string>();
    const text = coerceToString(st, c!, { context: ctx }, s);
    const refs: string[] = [];
    for (const el of ctx) {
      if (el.startsWith("=") || el.startsWith("!")) {
        throw new NixError(
          "eval",
          `files created by builtins.toFile may not reference derivations, but ${name} references ${el.replace(/^=|^!.*!/, "")}`,
          s,
        );
      }
      refs.push(el);
    }
    const path = st.store.addText(name, text, refs.sort());
    return mkString(path, new Set([path]));
  });

  reg.prim("filterSource", 2, ([f, p], s) => {
    const path = coerceToPath(st, p!, s);
    return addPathValue(st, path, baseNameOf(path), true, force(f!), undefined, s);
  });

  reg.prim("path", 1, ([a], s) => {
    const attrs = forceAttrs(a!, s);
    let path: string | undefined;
    let name: string | undefined;
    let filter: Value | undefined;
    let recursive = true;
    let sha256: string | undefined;
    for (const [k, v] of attrs.map) {
      if (k === "path") path = coerceToPath(st, v, s);
      else if (k === "name") name = forceStringNoContext(v, s);
      else if (k === "filter") filter = force(v);
      else if (k === "recursive") recursive = forceBool(v, s);
      else if (k === "sha256") sha256 = forceStringNoContext(v, s);
      else throw new NixError("eval", `unsupported argument '${k}' to 'builtins.path'`, s);
    }
    if (path === undefined) throw new NixError("eval", "missing required 'path' attribute in the first argument to 'builtins.path'", s);
    return addPathValue(st, path, name ?? baseNameOf(path), recursive, filter, sha256, s);
  });
}

/** Type of a path after following symlinks, or null if it does not exist. */
function followType(st: EvalState, path: string): FileType | null {
  const t = st.io.fileType(path);
  if (t !== "symlink") return t;
  try {
    return st.io.fileType(st.io.realPath(path));
  } catch {
    return null;
  }
}

function addPathValue(
  st: EvalState,
  path: string,
  name: string,
  recursive: boolean,
  filter: Value | undefined,
  sha256: string | undefined,
  s?: Span,
): string | NixString {
  if (st.io.fileType(path) === null) throw new NixError("io", `path '${path}' does not exist`, s);
  const filterFn = filter ? (p: string, t: FileType) => forceBool(callFunction(callFunction(filter, p, s), t, s), s) : undefined;
  let sp: string;
  try {
    sp = st.store.addPath(path, {
      name,
      recursive,
      filter: filterFn,
      expectedSha256: sha256 === undefined ? undefined : toHex(parseHash(sha256, "sha256")),
    });
  } catch (e) {
    throw e instanceof NixError ? e.at(s) : new NixError("io", `adding '${path}' to the store: ${errnoMessage(e)}`, s);
  }
  return mkString(sp, new Set([sp]));
}

/** The top-level store path of a path inside the store (`/nix/store/xxx-name/sub` → `/nix/store/xxx-name`). */
export function storePathRoot(st: EvalState, path: string): string {
  const dir = st.store.storeDir;
  const rest = path.slice(dir.length + 1);
  const i = rest.indexOf("/");
  return `${dir}/${i === -1 ? rest : rest.slice(0, i)}`;
}

function storeRefs(st: EvalState, path: string): Set<string> {
  return new Set([storePathRoot(st, path)]);
}
