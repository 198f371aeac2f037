/**
 * The machinery behind `lib.fileset`: the file set representation (an
 * attribute set tagged `_type = "fileset"`, internal version 3, with a base
 * path and a lazy tree), coercion of paths and older representations, and
 * the tree algebra (union, intersection, difference), listing, filtering,
 * source-filter conversion both ways, and pretty-printing.
 *
 * A tree is `null` (nothing), a file type string (everything at that path:
 * "directory", "regular", "symlink", "unknown") or a set from entry names to
 * subtrees. Subtrees stay thunks until an operation needs them, so
 * combinators only read the file system where the result depends on it.
 * The field names are the ones nixpkgs uses, so file sets made by nixpkgs'
 * own library (any internal version up to 3) are accepted too.
 */
import { typeOf } from "../nix/values.js";
import {
  attrs,
  call,
  force,
  forceAttrs,
  forceBool,
  fn,
  get,
  lazy,
  NixAttrs,
  NixPath,
  NixString,
  strOf,
  throwError,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

export const CURRENT_VERSION = 3;

/** A coerced, current-version file set, unpacked. */
export interface FileSet {
  readonly value: NixAttrs;
  readonly empty: boolean;
  readonly base: NixPath;
  readonly components: readonly string[];
  readonly tree: Lazy;
}

const NO_EVAL_MESSAGE =
  "lib.fileset: Directly evaluating a file set is not supported.\n" +
  "  To turn it into a usable source, use `lib.fileset.toSource`.\n" +
  "  To pretty-print the contents, use `lib.fileset.trace` or `lib.fileset.traceVal`.";

const noEval = (): Thunk =>
  lazy(() => {
    throw throwError(NO_EVAL_MESSAGE);
  });

const ROOT = new NixPath("/");

export function componentsOf(p: NixPath): string[] {
  return p.path.split("/").filter((c) => c !== "");
}

export function pathOf(components: readonly string[]): NixPath {
  return new NixPath("/" + components.join("/"));
}

/** `path + "/${name}"`. */
export function childPath(p: NixPath, name: string): NixPath {
  return new NixPath(p.path === "/" ? `/${name}` : `${p.path}/${name}`);
}

function dirOf(p: NixPath): NixPath {
  const i = p.path.lastIndexOf("/");
  return new NixPath(i <= 0 ? "/" : p.path.slice(0, i));
}

function baseNameOf(p: NixPath): string {
  return p.path.slice(p.path.lastIndexOf("/") + 1);
}

/** The file set with no files and no base path (`lib.fileset.empty`). */
export const EMPTY: NixAttrs = attrs({
  _type: "fileset",
  _internalVersion: BigInt(CURRENT_VERSION),
  _internalIsEmptyWithoutBase: true,
  _noEval: noEval(),
});

const EMPTY_FILESET: FileSet = { value: EMPTY, empty: true, base: ROOT, components: [], tree: null };

/** A file set with files under `base`. */
export function create(base: NixPath, tree: Lazy): FileSet {
  const components = componentsOf(base);
  const value = attrs({
    _type: "fileset",
    _internalVersion: BigInt(CURRENT_VERSION),
    _internalIsEmptyWithoutBase: false,
    _internalBase: base,
    _internalBaseRoot: ROOT,
    _internalBaseComponents: components,
    _internalTree: tree,
    _noEval: noEval(),
  });
  return { value, empty: false, base, components, tree };
}

export function emptyFileset(): FileSet {
  return EMPTY_FILESET;
}

// ---------------------------------------------------------------- file system access

export function readDir(ctx: LibContext, p: NixPath): NixAttrs {
  return forceAttrs(ctx.B.call("readDir", p));
}

export function pathExists(ctx: LibContext, p: NixPath): boolean {
  return ctx.B.call("pathExists", p) === true;
}

export function pathType(ctx: LibContext, p: NixPath): string {
  return strOf(ctx.B.call("readFileType", p) as string);
}

export const str = (v: Value): string | null => (typeof v === "string" ? v : v instanceof NixString ? v.s : null);

/** `lib.strings.isStringLike` for a forced value. */
export function isStringLike(v: Value): boolean {
  return (
    typeof v === "string" ||
    v instanceof NixString ||
    v instanceof NixPath ||
    (v instanceof NixAttrs && (v.has("outPath") || v.has("__toString")))
  );
}

export function toStr(ctx: LibContext, v: Lazy): string {
  return strOf(ctx.B.toStr(v));
}

// ---------------------------------------------------------------- coercion

/** Unpack a file set value of the current version; its fields are read when first needed. */
function unpack(v: NixAttrs): FileSet {
  let empty: boolean | undefined;
  let base: NixPath | undefined;
  let components: string[] | undefined;
  return {
    value: v,
    get empty() {
      return (empty ??= forceBool(get(v, "_internalIsEmptyWithoutBase")));
    },
    get base() {
      return (base ??= force(get(v, "_internalBase")) as NixPath);
    },
    get components() {
      return (components ??= componentsOf(this.base));
    },
    tree: lazy(() => force(get(v, "_internalTree"))),
  };
}

/** Bring a file set of an older internal version to the current one. */
function migrate(v: NixAttrs, from: number): NixAttrs {
  const m = new Map(v.map);
  if (from < 1) {
    const base = force(get(v, "_internalBase")) as NixPath;
    m.set("_internalBaseRoot", ROOT);
    m.set("_internalBaseComponents", componentsOf(base));
  }
  if (from < 3) m.set("_internalIsEmptyWithoutBase", false);
  m.set("_internalVersion", BigInt(CURRENT_VERSION));
  return new NixAttrs(m);
}

export type Coerced = { ok: true; fileset: FileSet } | { ok: false; message: string };

/** Coerce a value (file set or path) to a file set; `context` starts the error message. */
export function coerceResult(ctx: LibContext, context: string, valueL: Lazy): Coerced {
  const value = force(valueL);
  if (value instanceof NixAttrs && value.has("_type") && str(force(value.get("_type")!)) === "fileset") {
    const version = Number(force(value.get("_internalVersion")!) as bigint);
    if (version > CURRENT_VERSION)
      return {
        ok: false,
        message:
          `${context} is a file set created from a future version of the file set library with a different internal representation:\n` +
          `    - Internal version of the file set: ${version}\n` +
          `    - Internal version of the library: ${CURRENT_VERSION}\n` +
          "    Make sure to update your Nixpkgs to have a newer version of `lib.fileset`.",
      };
    return { ok: true, fileset: unpack(version < CURRENT_VERSION ? migrate(value, version) : value) };
  }
  if (!(value instanceof NixPath)) {
    if (value instanceof NixAttrs && value.has("_isLibCleanSourceWith"))
      return {
        ok: false,
        message:
          `${context} is a \`lib.sources\`-based value, but it should be a file set or a path instead.\n` +
          "    To convert a `lib.sources`-based value to a file set you can use `lib.fileset.fromSource`.\n" +
          "    Note that this only works for sources created from paths.",
      };
    if (isStringLike(value))
      return {
        ok: false,
        message:
          `${context} ("${toStr(ctx, value)}") is a string-like value, but it should be a file set or a path instead.\n` +
          "    Paths represented as strings are not supported by `lib.fileset`, use `lib.sources` or derivations instead.",
      };
    return { ok: false, message: `${context} is of type ${typeOf(value)}, but it should be a file set or a path instead.` };
  }
  if (!pathExists(ctx, value))
    return {
      ok: false,
      message:
        `${context} (${value.path}) is a path that does not exist.\n` +
        "    To create a file set from a path that may not exist, use `lib.fileset.maybeMissing`.",
    };
  return { ok: true, fileset: singleton(ctx, value) };
}

export function coerce(ctx: LibContext, context: string, value: Lazy): FileSet {
  const r = coerceResult(ctx, context, value);
  if (!r.ok) throw throwError(r.message);
  return r.fileset;
}

/**
 * Coerce the arguments of a combinator, in order. All paths share the
 * filesystem root `/` here, so nixpkgs' "Filesystem roots are not the same"
 * error cannot arise.
 */
export function coerceMany(ctx: LibContext, functionContext: string, items: readonly [context: string, value: Lazy][]): FileSet[] {
  return items.map(([context, value]) => coerce(ctx, `${functionContext}: ${context}`, value));
}

/** The file set of one existing path (a whole directory, or one file). */
export function singleton(ctx: LibContext, p: NixPath): FileSet {
  const type = pathType(ctx, p);
  if (type === "directory") return create(p, type);
  return create(dirOf(p), attrs({ [baseNameOf(p)]: type }));
}

// ---------------------------------------------------------------- trees

/** All entries of a directory as a set form tree (entries absent from `tree` are `null`). */
function directoryEntries(ctx: LibContext, p: NixPath, tree: Value): NixAttrs {
  const dir = readDir(ctx, p);
  if (tree === "directory") return dir;
  const m = new Map<string, Lazy>();
  for (const k of dir.map.keys()) m.set(k, null);
  for (const [k, v] of (tree as NixAttrs).map) m.set(k, v);
  return new NixAttrs(m);
}

const isDirTree = (t: Value): boolean => t === "directory" || t instanceof NixAttrs;

function mapEntries(set: NixAttrs, f: (name: string, v: Lazy) => Value): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [k, v] of set.map)
    m.set(
      k,
      lazy(() => f(k, v)),
    );
  return new NixAttrs(m);
}

/** The tree of `fs` seen from a base higher up (`target` is a prefix of its components). */
function shortenTreeBase(target: readonly string[], fs: FileSet): Lazy {
  let tree: Lazy = fs.tree;
  for (let i = fs.components.length - 1; i >= target.length; i--) tree = attrs({ [fs.components[i]!]: tree });
  return tree;
}

/** The subtree of `fs` at a base further down (its components are a prefix of `target`). */
function lengthenTreeBase(target: readonly string[], fs: FileSet): Lazy {
  return lazy(() => {
    let tree = force(fs.tree);
    for (let i = fs.components.length; tree instanceof NixAttrs && i < target.length; i++) {
      const next = tree.get(target[i]!);
      tree = next === undefined ? null : force(next);
    }
    return tree;
  });
}

function commonPrefix(a: readonly string[], b: readonly string[]): string[] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function unionTrees(trees: readonly Lazy[]): Value {
  const forced: Value[] = [];
  for (const t of trees) {
    const v = force(t);
    if (typeof v === "string") return v;
    forced.push(v);
  }
  const sets = forced.filter((v): v is NixAttrs => v !== null);
  if (sets.length === 0) return null;
  const byName = new Map<string, Lazy[]>();
  for (const s of sets)
    for (const [k, v] of s.map) {
      const list = byName.get(k);
      if (list) list.push(v);
      else byName.set(k, [v]);
    }
  const m = new Map<string, Lazy>();
  for (const [k, list] of byName)
    m.set(
      k,
      lazy(() => unionTrees(list)),
    );
  return new NixAttrs(m);
}

export function unionMany(filesets: readonly FileSet[]): FileSet {
  const withBase = filesets.filter((f) => !f.empty);
  if (withBase.length === 0) return EMPTY_FILESET;
  let common = withBase[0]!.components;
  for (const f of withBase.slice(1)) common = commonPrefix(common, f.components);
  const trees = withBase.map((f) => shortenTreeBase(common, f));
  return create(
    pathOf(common),
    lazy(() => unionTrees(trees)),
  );
}

function intersectTree(lhsL: Lazy, rhsL: Lazy): Value {
  const lhs = force(lhsL);
  if (lhs instanceof NixAttrs) {
    const rhs = force(rhsL);
    if (rhs instanceof NixAttrs) {
      const m = new Map<string, Lazy>();
      for (const [k, r] of rhs.map) {
        const l = lhs.get(k);
        if (l !== undefined)
          m.set(
            k,
            lazy(() => intersectTree(l, r)),
          );
      }
      return new NixAttrs(m);
    }
    return typeof rhs === "string" ? lhs : rhs;
  }
  if (lhs === null) return null;
  const rhs = force(rhsL);
  return typeof rhs === "string" ? lhs : rhs;
}

export function intersection(a: FileSet, b: FileSet): FileSet {
  if (a.empty || b.empty) return EMPTY_FILESET;
  const n = commonPrefix(a.components, b.components).length;
  const longest = n === a.components.length ? b : n === b.components.length ? a : null;
  if (longest === null) return EMPTY_FILESET;
  const t1 = lengthenTreeBase(longest.components, a);
  const t2 = lengthenTreeBase(longest.components, b);
  return create(
    longest.base,
    lazy(() => intersectTree(t1, t2)),
  );
}

function differenceTree(ctx: LibContext, p: NixPath, lhsL: Lazy, rhsL: Lazy): Value {
  const lhs = force(lhsL);
  if (lhs === null) return null;
  const rhs = force(rhsL);
  if (typeof rhs === "string") return null;
  if (rhs === null) return lhs;
  const rhsSet = rhs as NixAttrs;
  return mapEntries(directoryEntries(ctx, p, lhs), (name, l) => differenceTree(ctx, childPath(p, name), l, rhsSet.get(name) ?? null));
}

export function difference(ctx: LibContext, positive: FileSet, negative: FileSet): FileSet {
  if (positive.empty) return EMPTY_FILESET;
  if (negative.empty) return positive;
  const n = commonPrefix(positive.components, negative.components).length;
  const negTree =
    n === positive.components.length
      ? shortenTreeBase(positive.components, negative)
      : n === negative.components.length
        ? lengthenTreeBase(positive.components, negative)
        : null;
  return create(
    positive.base,
    lazy(() => differenceTree(ctx, positive.base, positive.tree, negTree)),
  );
}

// ---------------------------------------------------------------- listing, filtering

export function toList(ctx: LibContext, fs: FileSet): NixPath[] {
  const out: NixPath[] = [];
  const walk = (p: NixPath, tree: Value): void => {
    if (tree instanceof NixAttrs) {
      for (const name of tree.sortedNames()) walk(childPath(p, name), force(tree.get(name)!));
    } else if (tree === "directory") walk(p, readDir(ctx, p));
    else if (tree !== null) out.push(p);
  };
  if (!fs.empty) walk(fs.base, force(fs.tree));
  return out;
}

const EXTRA_ATTR =
  "lib.fileset.fileFilter: The predicate function passed as the first argument must be able to handle extra attributes for future compatibility. If you're using `{ name, file, hasExt }:`, use `{ name, file, hasExt, ... }:` instead.";

/** The files under `root` (an existing path) for which `predicate { name, type, hasExt, … }` holds. */
export function fileFilter(ctx: LibContext, predicate: Lazy, root: NixPath): FileSet {
  const fromFile = (name: string, type: string): Value => {
    const arg = attrs({
      name,
      type,
      hasExt: fn("lib.fileset.fileFilter.hasExt", 1, ([ext]) => name.endsWith(`.${toStr(ctx, ext!)}`)),
      [EXTRA_ATTR]: null,
    });
    return forceBool(call(predicate, arg)) ? type : null;
  };
  const fromDir = (p: NixPath): NixAttrs =>
    mapEntries(readDir(ctx, p), (name, t) => {
      const type = strOf(force(t) as string);
      return type === "directory" ? fromDir(childPath(p, name)) : fromFile(name, type);
    });
  const rootType = pathType(ctx, root);
  if (rootType === "directory")
    return create(
      root,
      lazy(() => fromDir(root)),
    );
  const name = baseNameOf(root);
  return create(dirOf(root), attrs({ [name]: () => fromFile(name, rootType) }));
}

/** The files a `builtins.path`-style filter keeps below `root` (an existing path). */
export function fromSourceFilter(ctx: LibContext, root: NixPath, filter: Lazy): FileSet {
  const fromDir = (p: NixPath, ps: string): NixAttrs =>
    mapEntries(readDir(ctx, p), (name, t) => {
      const type = strOf(force(t) as string);
      const childString = `${ps}/${name}`;
      if (!forceBool(call(filter, childString, type))) return null;
      return type === "directory" ? fromDir(childPath(p, name), childString) : type;
    });
  const rootType = pathType(ctx, root);
  if (rootType === "directory") {
    const rootString = "/" + componentsOf(root).join("/");
    return create(
      root,
      lazy(() => fromDir(root, rootString)),
    );
  }
  return create(dirOf(root), attrs({ [baseNameOf(root)]: rootType }));
}

// ---------------------------------------------------------------- toSource filter

/** Strictly simplify a tree for filtering: empty directories become null, complete ones "directory". */
function normaliseTreeFilter(ctx: LibContext, p: NixPath, tree: Value): Value {
  if (!isDirTree(tree)) return tree;
  const entries = directoryEntries(ctx, p, tree);
  const m = new Map<string, Lazy>();
  let allNull = true;
  let allString = true;
  for (const name of entries.sortedNames()) {
    const v = normaliseTreeFilter(ctx, childPath(p, name), force(entries.get(name)!));
    if (v !== null) allNull = false;
    if (typeof v !== "string") allString = false;
    m.set(name, v);
  }
  if (allNull) return null;
  if (allString) return "directory";
  return new NixAttrs(m);
}

/** The `builtins.path` filter selecting exactly the files of `fs`. */
export function toSourceFilter(ctx: LibContext, fs: FileSet): (path: string, type: string) => boolean {
  if (fs.empty) return () => false;
  const tree = normaliseTreeFilter(ctx, fs.base, force(fs.tree));
  if (tree === null) return () => false;
  const baseString = fs.components.length === 0 ? "/" : `/${fs.components.join("/")}/`;
  const inTree = (components: string[]): boolean => {
    let local: Value = tree;
    for (const c of components) {
      if (!(local instanceof NixAttrs)) break;
      const next = local.get(c);
      local = next === undefined ? null : force(next);
    }
    return local !== null;
  };
  return (path, type) => {
    const pathSlash = path + "/";
    const included = baseString.startsWith(pathSlash)
      ? true
      : pathSlash.startsWith(baseString)
        ? inTree(path.slice(baseString.length).split("/"))
        : false;
    if (included && type === "unknown")
      throw throwError(
        `lib.fileset.toSource: \`fileset\` contains a file that cannot be added to the store: ${path}\n` +
          "    This file is neither a regular file nor a symlink, the only file types supported by the Nix store.\n" +
          "    Therefore the file set cannot be added to the Nix store as is. Make sure to not include that file to avoid this error.",
      );
    return included;
  };
}

// ---------------------------------------------------------------- pretty-printing

/** Simplify a tree for printing: complete directories become "directory", empty ones "emptyDir". */
function normaliseTreeMinimal(ctx: LibContext, p: NixPath, tree: Value): Value {
  if (!isDirTree(tree)) return tree;
  const entries = directoryEntries(ctx, p, tree);
  const m = new Map<string, Lazy>();
  const values: Value[] = [];
  for (const name of entries.sortedNames()) {
    const v = normaliseTreeMinimal(ctx, childPath(p, name), force(entries.get(name)!));
    values.push(v);
    m.set(name, v);
  }
  if (values.every((v) => v === "emptyDir")) return "emptyDir";
  if (tree === "directory" || values.every((v) => typeof v === "string")) return "directory";
  if (values.every((v) => v === null || v === "emptyDir")) return null;
  return new NixAttrs(m);
}

/** The lines `lib.fileset.trace` prints for a file set. */
export function printLines(ctx: LibContext, fs: FileSet): string[] {
  if (fs.empty) return ["(empty)"];
  const tree = normaliseTreeMinimal(ctx, fs.base, force(fs.tree));
  const suffix = (t: Value): string =>
    t instanceof NixAttrs ? "" : t === "directory" ? " (all files in directory)" : ` (${str(t as string)})`;
  if (tree === null || tree === "emptyDir") return ["(empty)"];
  const lines = [`${fs.base.path}${suffix(tree)}`];
  const walk = (indent: string, t: NixAttrs): void => {
    for (const name of t.sortedNames()) {
      const sub = force(t.get(name)!);
      if (sub === null || sub === "emptyDir") continue;
      lines.push(`${indent}- ${name}${suffix(sub)}`);
      if (sub instanceof NixAttrs) walk(`${indent}  `, sub);
    }
  };
  if (tree instanceof NixAttrs) walk("", tree);
  return lines;
}

/** A tree mirroring the directory `storePath` (used for the result of `fetchGit`), based at `local`. */
export function mirrorStorePath(ctx: LibContext, local: NixPath, storePath: Value): FileSet {
  const walk = (p: Value): NixAttrs =>
    mapEntries(forceAttrs(ctx.B.call("readDir", p)), (name, t) => {
      const type = strOf(force(t) as string);
      return type === "directory" ? walk(`${toStr(ctx, p)}/${name}`) : type;
    });
  return create(
    local,
    lazy(() => walk(storePath)),
  );
}
