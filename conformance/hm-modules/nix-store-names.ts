/**
 * `node nix-store-names.js STORE-DIR FILE`: prints FILE with each path of
 * our store that is a `builtins.toFile` result (a regular file whose path is
 * the text path of its name and contents, with no references) replaced by
 * the path the same call gives in `/nix/store`. Store paths hash the store
 * directory in, so a case whose expected file holds such a path literally
 * (`Match exec "/nix/store/…-predicate"`) cannot match our private store's;
 * `assertFileContent` (nmt-lib.sh) compares once more through this when the
 * files differ. Any other path is left as it is.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { makeTextPath } from "../../src/nix/store/paths.js";

const NIX_STORE = "/nix/store";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The `/nix/store` path of our store's `p` when it is a reference-free text path, else undefined. */
function nixStoreTextPath(storeDir: string, p: string): string | undefined {
  const base = path.basename(p);
  const name = base.slice(33);
  let st;
  try {
    st = fs.lstatSync(p);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hash = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
  if (makeTextPath(name, hash, [], storeDir) !== p) return undefined;
  return makeTextPath(name, hash, [], NIX_STORE);
}

/** `text` with our store's reference-free text paths given their `/nix/store` names. */
export function withNixStoreNames(text: string, storeDir: string): string {
  const re = new RegExp(`${escapeRegExp(storeDir)}/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+`, "g");
  return text.replace(re, (p) => nixStoreTextPath(storeDir, p) ?? p);
}

const [storeDir, file] = process.argv.slice(2);
if (storeDir !== undefined && file !== undefined && path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  process.stdout.write(withNixStoreNames(fs.readFileSync(file, "utf8"), storeDir));
}
