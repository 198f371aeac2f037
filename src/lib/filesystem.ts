/**
 * `lib.filesystem`: file-type tests (`pathType`, `pathIsDirectory`,
 * `pathIsRegularFile`), directory walks (`listFilesRecursive`,
 * `locateDominatingFile`, `haskellPathsInDir`), `resolveDefaultNix`, and
 * `packagesFromDirectoryRecursive` (a package set mirroring a directory tree:
 * `package.nix` or `<name>.nix` files become `callPackage` results, folders
 * become nested sets or, with `newScope`, nested scopes). All file access
 * goes through the evaluator's builtins, so it honours its I/O layer.
 */
import { makeScopeValue } from "./customisation-scopes.js";
import { plus } from "./strings.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  get,
  lazy,
  NixAttrs,
  NixString,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function pathIs(ctx: LibContext, p: Lazy, type: string): boolean {
  if (!(ctx.B.call("pathExists", p) as boolean)) return false;
  return strOf(ctx.B.call("readFileType", p) as string) === type;
}

/** `p + "/${name}"`. */
function child(ctx: LibContext, p: Lazy, name: string): Value {
  return plus(ctx, force(p), `/${name}`);
}

function readDir(ctx: LibContext, p: Lazy): NixAttrs {
  return forceAttrs(ctx.B.call("readDir", p));
}

function listFilesRecursive(ctx: LibContext, dir: Lazy, out: Lazy[]): void {
  const entries = readDir(ctx, dir);
  for (const name of entries.sortedNames()) {
    const type = strOf(force(entries.get(name)!) as string);
    const p = child(ctx, dir, name);
    if (type === "directory") listFilesRecursive(ctx, p, out);
    else out.push(p);
  }
}

function locateDominatingFile(ctx: LibContext, pattern: Lazy, file: Lazy): Value {
  const { B } = ctx;
  const f = force(file);
  const parent = B.call("dirOf", f);
  const base = strOf(B.call("baseNameOf", f) as string);
  const isDir =
    strOf(B.toStr(f)) === "/" ||
    (() => {
      const t = readDir(ctx, parent).get(base);
      return t !== undefined && strOf(force(t) as string) === "directory";
    })();
  let path: Value = isDir ? f : parent;
  for (;;) {
    const files = readDir(ctx, path).sortedNames();
    const matches = files.map((n) => B.call("match", pattern, n)).filter((m) => m !== null);
    if (matches.length !== 0) return attrs({ path, matches });
    if (strOf(B.toStr(path)) === "/") return null;
    path = B.call("dirOf", path);
  }
}

function packagesFromDirectory(ctx: LibContext, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  for (const k of args.map.keys()) {
    if (!["callPackage", "newScope", "directory"].includes(k)) {
      throw throwError(`function 'packagesFromDirectoryRecursive' called with unexpected argument '${k}'`);
    }
  }
  const directory = get(args, "directory");
  const callPackage = get(args, "callPackage");
  const defaultPath = lazy(() => child(ctx, directory, "package.nix"));
  if (ctx.B.call("pathExists", defaultPath) as boolean) return call(callPackage, defaultPath, NixAttrs.empty);
  if (args.has("newScope")) {
    const recurse = (set: Value) => {
      const m = new Map(forceAttrs(set).map);
      m.set("recurseForDerivations", true);
      return new NixAttrs(m);
    };
    return recurse(
      makeScopeValue(
        get(args, "newScope"),
        fn("lib.filesystem.packagesFromDirectoryRecursive.scope", 1, ([self]) => {
          const m = new Map(args.map);
          m.set(
            "callPackage",
            lazy(() => force(get(self!, "callPackage"))),
          );
          m.set(
            "newScope",
            lazy(() => force(get(self!, "newScope"))),
          );
          return processDir(ctx, new NixAttrs(m));
        }),
      ),
    );
  }
  return processDir(ctx, args);
}

function processDir(ctx: LibContext, args: NixAttrs): Value {
  const directory = get(args, "directory");
  const callPackage = get(args, "callPackage");
  const entries = readDir(ctx, directory);
  const m = new Map<string, Lazy>();
  for (const name of entries.sortedNames()) {
    const type = strOf(force(entries.get(name)!) as string);
    const path = lazy(() => child(ctx, directory, name));
    if (type === "directory") {
      const sub = new Map(args.map);
      sub.set("directory", path);
      m.set(
        name,
        lazy(() => packagesFromDirectory(ctx, new NixAttrs(sub))),
      );
    } else if (type === "regular" && name.endsWith(".nix")) {
      m.set(
        name.slice(0, -4),
        lazy(() => call(callPackage, path, NixAttrs.empty)),
      );
    } else if (type !== "regular") {
      throw throwError(
        `lib.filesystem.packagesFromDirectoryRecursive: Unsupported file type ${type} at path ${strOf(ctx.B.toStr(path))}\n`,
      );
    }
  }
  return new NixAttrs(m);
}

export function filesystem(ctx: LibContext): Value {
  const { B } = ctx;
  const pathIsDirectory = fn("lib.filesystem.pathIsDirectory", 1, ([p]) => pathIs(ctx, p!, "directory"));
  return attrs({
    baseNameOf: B.get("baseNameOf"),
    dirOf: B.get("dirOf"),
    isPath: B.get("isPath"),
    readDir: B.get("readDir"),
    readFileType: B.get("readFileType"),
    hashFile: B.get("hashFile"),
    pathType: B.get("readFileType"),
    pathIsDirectory,
    pathIsRegularFile: fn("lib.filesystem.pathIsRegularFile", 1, ([p]) => pathIs(ctx, p!, "regular")),
    haskellPathsInDir: fn("lib.filesystem.haskellPathsInDir", 1, ([root]) => {
      const m = new Map<string, Lazy>();
      for (const name of readDir(ctx, root!).sortedNames()) {
        const value = child(ctx, root!, name);
        if (B.call("pathExists", plus(ctx, value, `/${name}.cabal`)) as boolean) m.set(name, value);
      }
      return new NixAttrs(m);
    }),
    locateDominatingFile: fn("lib.filesystem.locateDominatingFile", 2, ([p, f]) => locateDominatingFile(ctx, p!, f!)),
    listFilesRecursive: fn("lib.filesystem.listFilesRecursive", 1, ([d]) => {
      const out: Lazy[] = [];
      listFilesRecursive(ctx, d!, out);
      return out;
    }),
    packagesFromDirectoryRecursive: fn("lib.filesystem.packagesFromDirectoryRecursive", 1, ([a]) => packagesFromDirectory(ctx, a!)),
    resolveDefaultNix: fn("lib.filesystem.resolveDefaultNix", 1, ([v]) => {
      const x = force(v!);
      if (pathIs(ctx, x, "directory")) return plus(ctx, x, "/default.nix");
      if ((typeof x === "string" || x instanceof NixString) && strOf(x).endsWith("/")) return plus(ctx, x, "default.nix");
      return x;
    }),
  });
}
