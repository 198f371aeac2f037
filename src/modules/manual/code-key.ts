/**
 * A fingerprint of this installation's code (names, sizes and modification
 * times of its compiled files), which the manual's store entries are named
 * after: their contents depend on the code only, so an unchanged
 * installation names the same entries and never renders them again, and a
 * rebuilt one names new ones. Running from the bundle, the bundle's files
 * are fingerprinted; running from the compiled tree (tests), the whole
 * `dist/src` tree. Computed once per process.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

let memo: string | undefined;

function addTree(h: ReturnType<typeof createHash>, dir: string, recursive: boolean): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = path.join(dir, n);
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st === undefined) continue;
    if (st.isFile()) h.update(`${p} ${st.size} ${st.mtimeMs}\0`);
    else if (st.isDirectory() && recursive) addTree(h, p, true);
  }
}

/** The fingerprint (hex). */
export function codeKey(): string {
  if (memo !== undefined) return memo;
  const here = fileURLToPath(import.meta.url);
  const h = createHash("sha256");
  const bundle = here.lastIndexOf(`${path.sep}dist${path.sep}bundle${path.sep}`);
  if (bundle >= 0) {
    const dir = here.slice(0, bundle) + `${path.sep}dist${path.sep}bundle`;
    addTree(h, dir, false);
    addTree(h, path.join(dir, "chunks"), false);
  } else {
    const src = here.lastIndexOf(`${path.sep}src${path.sep}`);
    addTree(h, src >= 0 ? here.slice(0, src + 4) : path.dirname(here), true);
  }
  memo = h.digest("hex");
  return memo;
}
