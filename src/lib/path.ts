/**
 * `lib.path`: operations on path values and relative "subpath" strings:
 * `append`, `hasPrefix`, `removePrefix`, `splitRoot`, `hasStorePathPrefix`,
 * and `subpath.{isValid, join, components, normalise}`. Subpaths are
 * normalised to `./a/b` form (no `..`, no empty or `.` components); every
 * misuse fails with nixpkgs' message.
 */
import { addValues } from "../nix/operators.js";
import { NixPath } from "../nix/values.js";
import { attrs, fn, force, forceList, NixString, strOf, throwError, type Lazy, type LibContext, type Value } from "./prim.js";

function invalidReason(ctx: LibContext, v: Value): string | null {
  if (!(typeof v === "string" || v instanceof NixString)) {
    return `The given value is of type ${strOf(ctx.B.call("typeOf", v) as string)}, but a string was expected`;
  }
  const s = strOf(v);
  if (s === "") return "The given string is empty";
  if (s.startsWith("/")) return `The given string "${s}" starts with a \`/\`, representing an absolute path`;
  if (/^(.*\/)?\.\.(\/.*)?$/s.test(s)) return `The given string "${s}" contains a \`..\` component, which is not allowed in subpaths`;
  return null;
}

/** Components of a valid subpath (`./a//b/./c/` → a, b, c). */
function splitRel(s: string): string[] {
  if (s === ".") return [];
  return s.split(/\/+(?:\.\/+)*/).filter((p, i, all) => !((i === 0 && p === ".") || (i === all.length - 1 && (p === "." || p === ""))));
}

function joinRel(components: string[]): string {
  return "./" + (components.length === 0 ? "." : components.join("/"));
}

/** Root and components of a path value (the root is always `/` here). */
function deconstruct(p: NixPath): { root: NixPath; components: string[] } {
  return { root: new NixPath("/"), components: p.path.split("/").filter((c) => c !== "") };
}

function requirePath(ctx: LibContext, v: Lazy, msg: (type: string) => string): NixPath {
  const x = force(v);
  if (!(x instanceof NixPath)) throw throwError(msg(strOf(ctx.B.call("typeOf", x) as string)));
  return x;
}

function requireSubpath(ctx: LibContext, v: Lazy, prefix: string): string {
  const x = force(v);
  const reason = invalidReason(ctx, x);
  if (reason !== null) throw throwError(`${prefix}\n    ${reason}`);
  return strOf(x as string);
}

function storePathPrefix(ctx: LibContext, components: string[]): boolean {
  const store = splitRel("./" + strOf(ctx.B.get("storeDir") as string));
  const hasPrefix = store.every((c, i) => components[i] === c);
  const next = components[store.length];
  if (hasPrefix && components.length !== store.length && next !== undefined && /^.{32}-.+$/s.test(next)) return true;
  return components.length > 0 && /^[0-9a-z]{52}$/.test(components[0]!);
}

export function path(ctx: LibContext): Value {
  const isValid = (v: Lazy) => invalidReason(ctx, force(v)) === null;
  return attrs({
    append: fn("lib.path.append", 2, ([p, s]) => {
      const base = requirePath(ctx, p!, (t) => `lib.path.append: The first argument is of type ${t}, but a path was expected`);
      const sub = requireSubpath(ctx, s!, "lib.path.append: Second argument is not a valid subpath string:");
      return addValues(ctx.st, base, `/${sub}`);
    }),
    hasPrefix: fn("lib.path.hasPrefix", 2, ([a, b]) => {
      const p1 = requirePath(ctx, a!, (t) => `lib.path.hasPrefix: First argument is of type ${t}, but a path was expected`);
      const p2 = requirePath(ctx, b!, (t) => `lib.path.hasPrefix: Second argument is of type ${t}, but a path was expected`);
      const c1 = deconstruct(p1).components;
      const c2 = deconstruct(p2).components;
      return c1.every((c, i) => c2[i] === c);
    }),
    removePrefix: fn("lib.path.removePrefix", 2, ([a, b]) => {
      const p1 = requirePath(ctx, a!, (t) => `lib.path.removePrefix: First argument is of type ${t}, but a path was expected.`);
      const p2 = requirePath(ctx, b!, (t) => `lib.path.removePrefix: Second argument is of type ${t}, but a path was expected.`);
      const c1 = deconstruct(p1).components;
      const c2 = deconstruct(p2).components;
      if (!c1.every((c, i) => c2[i] === c)) {
        throw throwError(
          `lib.path.removePrefix: The first path argument "${p1.path}" is not a component-wise prefix of the second path argument "${p2.path}".`,
        );
      }
      return joinRel(c2.slice(c1.length));
    }),
    splitRoot: fn("lib.path.splitRoot", 1, ([p]) => {
      const x = requirePath(ctx, p!, (t) => `lib.path.splitRoot: Argument is of type ${t}, but a path was expected`);
      const d = deconstruct(x);
      return attrs({ root: d.root, subpath: joinRel(d.components) });
    }),
    hasStorePathPrefix: fn("lib.path.hasStorePathPrefix", 1, ([p]) => {
      const x = requirePath(ctx, p!, (t) => `lib.path.hasStorePathPrefix: Argument is of type ${t}, but a path was expected`);
      return storePathPrefix(ctx, deconstruct(x).components);
    }),
    subpath: attrs({
      isValid: fn("lib.path.subpath.isValid", 1, ([v]) => isValid(v!)),
      join: fn("lib.path.subpath.join", 1, ([l]) => {
        const list = forceList(l!);
        list.forEach((p, i) => {
          const reason = invalidReason(ctx, force(p));
          if (reason !== null)
            throw throwError(`lib.path.subpath.join: Element at index ${i} is not a valid subpath string:\n    ${reason}`);
        });
        return joinRel(list.flatMap((p) => splitRel(strOf(force(p) as string))));
      }),
      components: fn("lib.path.subpath.components", 1, ([s]) =>
        splitRel(requireSubpath(ctx, s!, "lib.path.subpath.components: Argument is not a valid subpath string:")),
      ),
      normalise: fn("lib.path.subpath.normalise", 1, ([s]) =>
        joinRel(splitRel(requireSubpath(ctx, s!, "lib.path.subpath.normalise: Argument is not a valid subpath string:"))),
      ),
    }),
  });
}
