/**
 * Pure path-string helpers with Nix's semantics: `canonPath` (collapse `.`,
 * `..`, repeated and trailing slashes, never following symlinks), `baseNameOf`
 * and `dirOf` as the builtins define them.
 */

/** Canonicalise an absolute path lexically, as Nix's `canonPath` does. */
export function canonPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return "/" + out.join("/");
}

/** Directory part of a path string (`dirOf`): "/a/b" → "/a", "a" → ".", "/a" → "/". */
export function dirOf(p: string): string {
  const i = p.lastIndexOf("/");
  if (i === -1) return ".";
  if (i === 0) return "/";
  return p.slice(0, i);
}

/** Last component (`baseNameOf`): a trailing slash is ignored. */
export function baseNameOf(p: string): string {
  let end = p.length;
  if (end > 0 && p[end - 1] === "/") end--;
  const i = p.lastIndexOf("/", end - 1);
  return p.slice(i + 1, end);
}

/** Resolve `rel` against directory `dir` and canonicalise. */
export function resolvePath(dir: string, rel: string): string {
  return canonPath(rel.startsWith("/") ? rel : dir + "/" + rel);
}
