/**
 * `lib.fileset`: sets of local files built from paths and combinators
 * (`union`, `unions`, `intersection`, `difference`, `maybeMissing`,
 * `fileFilter`, `fromSource`, `gitTracked`, `gitTrackedWith`, `empty`),
 * inspected with `toList`, `isFileset`, `trace` and `traceVal`, and turned
 * into a store path by `toSource` (a `lib.sources.cleanSourceWith` value
 * whose filter admits exactly the set's files). Argument checks and their
 * messages follow nixpkgs; the representation is in fileset-internal.ts.
 */
import { isFunction, typeOf } from "../nix/values.js";
import {
  coerce,
  coerceMany,
  coerceResult,
  childPath,
  difference,
  EMPTY,
  fileFilter,
  fromSourceFilter,
  intersection,
  isStringLike,
  mirrorStorePath,
  pathExists,
  pathType,
  printLines,
  singleton,
  toList,
  toSourceFilter,
  toStr,
  unionMany,
  type FileSet,
} from "./fileset-internal.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceList,
  get,
  NixAttrs,
  NixPath,
  select,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function isFunctionLike(v: Value): boolean {
  return isFunction(v) || (v instanceof NixAttrs && v.has("__functor"));
}

function trace(ctx: LibContext, fs: FileSet): void {
  for (const line of printLines(ctx, fs)) ctx.B.call("trace", line, null);
}

/** Check the `{ root, fileset }` argument pattern of `toSource`. */
function patternArgs(argsL: Lazy, fname: string, names: readonly string[]): NixAttrs {
  const a = forceAttrs(argsL);
  for (const n of names) if (!a.has(n)) throw throwError(`function '${fname}' called without required argument '${n}'`);
  for (const k of a.sortedNames()) if (!names.includes(k)) throw throwError(`function '${fname}' called with unexpected argument '${k}'`);
  return a;
}

function toSource(ctx: LibContext, argsL: Lazy): Value {
  const args = patternArgs(argsL, "toSource", ["root", "fileset"]);
  const root = force(get(args, "root"));
  if (!(root instanceof NixPath)) {
    if (root instanceof NixAttrs && root.has("_isLibCleanSourceWith"))
      throw throwError(
        "lib.fileset.toSource: `root` is a `lib.sources`-based value, but it should be a path instead.\n" +
          "    To use a `lib.sources`-based value, convert it to a file set using `lib.fileset.fromSource` and pass it as `fileset`.\n" +
          "    Note that this only works for sources created from paths.",
      );
    if (isStringLike(root))
      throw throwError(
        `lib.fileset.toSource: \`root\` (${toStr(ctx, root)}) is a string-like value, but it should be a path instead.\n` +
          "    Paths in strings are not supported by `lib.fileset`, use `lib.sources` or derivations instead.",
      );
    throw throwError(`lib.fileset.toSource: \`root\` is of type ${typeOf(root)}, but it should be a path instead.`);
  }
  const fileset = coerce(ctx, "lib.fileset.toSource: `fileset`", get(args, "fileset"));
  if (!pathExists(ctx, root)) throw throwError(`lib.fileset.toSource: \`root\` (${root.path}) is a path that does not exist.`);
  if (pathType(ctx, root) !== "directory") {
    const parent = root.path.slice(0, Math.max(root.path.lastIndexOf("/"), 1));
    throw throwError(
      `lib.fileset.toSource: \`root\` (${root.path}) is a file, but it should be a directory instead. Potential solutions:\n` +
        "    - If you want to import the file into the store _without_ a containing directory, use string interpolation or `builtins.path` instead of this function.\n" +
        `    - If you want to import the file into the store _with_ a containing directory, set \`root\` to the containing directory, such as ${parent}, and set \`fileset\` to the file path.`,
    );
  }
  const rootComponents = root.path.split("/").filter((c) => c !== "");
  if (!fileset.empty && !rootComponents.every((c, i) => fileset.components[i] === c)) {
    const base = fileset.base.path;
    throw throwError(
      `lib.fileset.toSource: \`fileset\` could contain files in ${base}, which is not under the \`root\` (${root.path}). Potential solutions:\n` +
        `    - Set \`root\` to ${base} or any directory higher up. This changes the layout of the resulting store path.\n` +
        `    - Set \`fileset\` to a file set that cannot contain files outside the \`root\` (${root.path}). This could change the files included in the result.`,
    );
  }
  const filter = toSourceFilter(ctx, fileset);
  const filterFn = fn("lib.fileset.toSource.filter", 2, ([p, t]) => filter(toStr(ctx, p!), toStr(ctx, t!)));
  return call(select(ctx.self(), "sources", "cleanSourceWith"), attrs({ name: "source", src: root, filter: filterFn }));
}

function fromSource(ctx: LibContext, sourceL: Lazy): Value {
  const source = force(sourceL);
  const filtered = source instanceof NixAttrs && source.has("_isLibCleanSourceWith");
  const path = filtered ? force(get(source, "origSrc")) : source;
  if (!(path instanceof NixPath)) {
    if (isStringLike(path))
      throw throwError(
        `lib.fileset.fromSource: The source origin of the argument is a string-like value ("${toStr(ctx, path)}"), but it should be a path instead.\n` +
          "    Sources created from paths in strings cannot be turned into file sets, use `lib.sources` or derivations instead.",
      );
    throw throwError(
      `lib.fileset.fromSource: The source origin of the argument is of type ${typeOf(path)}, but it should be a path instead.`,
    );
  }
  if (!pathExists(ctx, path))
    throw throwError(`lib.fileset.fromSource: The source origin (${path.path}) of the argument is a path that does not exist.`);
  return (filtered ? fromSourceFilter(ctx, path, get(source, "filter")) : singleton(ctx, path)).value;
}

function fromFetchGit(ctx: LibContext, fname: string, argument: string, pathL: Lazy, extra: Record<string, Value>): Value {
  const path = force(pathL);
  if (!(path instanceof NixPath))
    throw throwError(`lib.fileset.${fname}: Expected the ${argument} to be a path, but it's a ${typeOf(path)} instead.`);
  if (pathType(ctx, path) !== "directory")
    throw throwError(`lib.fileset.${fname}: Expected the ${argument} (${path.path}) to be a directory, but it's a file instead.`);
  const hasGit = pathExists(ctx, childPath(path, ".git"));
  if (call(select(ctx.self(), "path", "hasStorePathPrefix"), path) === true) {
    if (hasGit)
      throw throwError(
        `lib.fileset.${fname}: The ${argument} (${path.path}) is a store path within a working tree of a Git repository.\n` +
          '    This indicates that a source directory was imported into the store using a method such as `import "${./.}"` or `path:.`.\n' +
          "    This function currently does not support such a use case, since it currently relies on `builtins.fetchGit`.\n" +
          "    You could make this work by using a fetcher such as `fetchGit` instead of copying the whole repository.\n" +
          "    If you can't avoid copying the repo to the store, see https://github.com/NixOS/nix/issues/9292.",
      );
    return singleton(ctx, path).value;
  }
  if (!hasGit)
    throw throwError(
      `lib.fileset.${fname}: Expected the ${argument} (${path.path}) to point to a local working tree of a Git repository, but it's not.`,
    );
  const result = ctx.B.call("fetchGit", attrs({ url: path, shallow: true, ...extra }));
  // The evaluator's fetchGit (handed to an external Nix) may return the bare store path.
  const outPath = result instanceof NixAttrs ? force(get(result, "outPath")) : result;
  return mirrorStorePath(ctx, path, outPath).value;
}

function combine2(ctx: LibContext, name: string, c1: string, c2: string, a: Lazy, b: Lazy): [FileSet, FileSet] {
  const [x, y] = coerceMany(ctx, `lib.fileset.${name}`, [
    [c1, a],
    [c2, b],
  ]);
  return [x!, y!];
}

export function fileset(ctx: LibContext): Value {
  return attrs({
    maybeMissing: fn("lib.fileset.maybeMissing", 1, ([p]) => {
      const path = force(p!);
      if (!(path instanceof NixPath)) {
        if (isStringLike(path))
          throw throwError(
            `lib.fileset.maybeMissing: Argument ("${toStr(ctx, path)}") is a string-like value, but it should be a path instead.`,
          );
        throw throwError(`lib.fileset.maybeMissing: Argument is of type ${typeOf(path)}, but it should be a path instead.`);
      }
      return pathExists(ctx, path) ? singleton(ctx, path).value : EMPTY;
    }),
    trace: fn("lib.fileset.trace", 1, ([f]) => {
      trace(ctx, coerce(ctx, "lib.fileset.trace: Argument", f!));
      return fn("lib.fileset.trace.result", 1, ([x]) => force(x!));
    }),
    traceVal: fn("lib.fileset.traceVal", 1, ([f]) => {
      const fs = coerce(ctx, "lib.fileset.traceVal: Argument", f!);
      trace(ctx, fs);
      return fs.value;
    }),
    toSource: fn("lib.fileset.toSource", 1, ([a]) => toSource(ctx, a!)),
    toList: fn("lib.fileset.toList", 1, ([f]) => toList(ctx, coerce(ctx, "lib.fileset.toList: Argument", f!))),
    union: fn("lib.fileset.union", 2, ([a, b]) => unionMany(combine2(ctx, "union", "First argument", "Second argument", a!, b!)).value),
    unions: fn("lib.fileset.unions", 1, ([l]) => {
      const list = force(l!);
      if (!Array.isArray(list))
        throw throwError(`lib.fileset.unions: Argument is of type ${typeOf(list)}, but it should be a list instead.`);
      const items = forceList(list).map((v, i): [string, Lazy] => [`Element ${i}`, v]);
      return unionMany(coerceMany(ctx, "lib.fileset.unions", items)).value;
    }),
    intersection: fn("lib.fileset.intersection", 2, ([a, b]) => {
      const [x, y] = combine2(ctx, "intersection", "First argument", "Second argument", a!, b!);
      return intersection(x, y).value;
    }),
    difference: fn("lib.fileset.difference", 2, ([a, b]) => {
      const [x, y] = combine2(ctx, "difference", "First argument (positive set)", "Second argument (negative set)", a!, b!);
      return difference(ctx, x, y).value;
    }),
    fileFilter: fn("lib.fileset.fileFilter", 2, ([pred, p]) => {
      const predicate = force(pred!);
      if (!isFunctionLike(predicate))
        throw throwError(`lib.fileset.fileFilter: First argument is of type ${typeOf(predicate)}, but it should be a function instead.`);
      const path = force(p!);
      if (!(path instanceof NixPath)) {
        const isSet = path instanceof NixAttrs && path.has("_type") && force(path.get("_type")!) === "fileset";
        if (isSet)
          throw throwError(
            "lib.fileset.fileFilter: Second argument is a file set, but it should be a path instead.\n" +
              "    If you need to filter files in a file set, use `intersection fileset (fileFilter pred ./.)` instead.",
          );
        throw throwError(`lib.fileset.fileFilter: Second argument is of type ${typeOf(path)}, but it should be a path instead.`);
      }
      if (!pathExists(ctx, path)) throw throwError(`lib.fileset.fileFilter: Second argument (${path.path}) is a path that does not exist.`);
      return fileFilter(ctx, predicate, path).value;
    }),
    fromSource: fn("lib.fileset.fromSource", 1, ([s]) => fromSource(ctx, s!)),
    gitTracked: fn("lib.fileset.gitTracked", 1, ([p]) => fromFetchGit(ctx, "gitTracked", "argument", p!, {})),
    gitTrackedWith: fn("lib.fileset.gitTrackedWith", 2, ([o, p]) => {
      const opts = forceAttrs(o!);
      for (const k of opts.sortedNames())
        if (k !== "recurseSubmodules") throw throwError(`function 'gitTrackedWith' called with unexpected argument '${k}'`);
      const recurse = opts.has("recurseSubmodules") ? force(opts.get("recurseSubmodules")!) : false;
      if (typeof recurse !== "boolean")
        throw throwError(
          `lib.fileset.gitTrackedWith: Expected the attribute \`recurseSubmodules\` of the first argument to be a boolean, but it's a ${typeOf(recurse)} instead.`,
        );
      return fromFetchGit(ctx, "gitTrackedWith", "second argument", p!, { submodules: recurse });
    }),
    empty: EMPTY,
    isFileset: fn("lib.fileset.isFileset", 1, ([x]) => coerceResult(ctx, "", x!).ok),
  });
}
