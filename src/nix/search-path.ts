/**
 * The Nix search path: `NIX_PATH` and `-I` entries (`prefix=path` or `path`,
 * colon-separated; the `:` of a URL such as `https://…` does not split).
 */
import type { SearchPathEntry } from "./state.js";

export function parseSearchPath(s: string): SearchPathEntry[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ":" && s.slice(i, i + 3) !== "://") {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return eq === -1 ? { prefix: "", path: p } : { prefix: p.slice(0, eq), path: p.slice(eq + 1) };
    });
}
