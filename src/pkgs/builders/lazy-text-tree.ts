/**
 * `pkgs.__lazyTextTree { name; key; files; }`: a directory of text files whose
 * contents are computed only when the store entry is written, not when its
 * path is named. The path is named from `name` and `key` alone, so the caller
 * promises that `key` determines the files (e.g. a fingerprint of the code
 * that renders them); `files` (`{ "rel/path" = { text; executable ? false; }; }`)
 * is forced by the build, at flush time, and never if the path already
 * exists. Used by the `manual` module, whose documents are costly to render
 * and depend only on this installation's code. Not a nixpkgs builder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NixError } from "../../nix/errors.js";
import { forceAttrs } from "../../nix/ops.js";
import { force, type Lazy, type PrimOp } from "../../nix/values.js";
import { formals, prim } from "../../lib/hm/prim.js";
import type { BuilderContext } from "./index.js";
import { ArgReader, makeDerivation } from "./derivation.js";

function writeFiles(st: ArgReader, files: Lazy, out: string): void {
  fs.mkdirSync(out, { recursive: true });
  const set = forceAttrs(files);
  for (const rel of set.sortedNames()) {
    if (rel.startsWith("/") || rel.split("/").includes("..")) throw new NixError("eval", `__lazyTextTree: bad file name '${rel}'`);
    const entry = forceAttrs(set.get(rel)!);
    const text = st.text(entry.get("text")!);
    const executable = entry.has("executable") && force(entry.get("executable")!) === true;
    const target = path.join(out, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, { mode: executable ? 0o755 : 0o644 });
  }
}

/** The native attribute (merged into `pkgs` by `nativeBuilders`). */
export function lazyTextTreeBuilder(ctx: BuilderContext): PrimOp {
  return prim("pkgs.__lazyTextTree", 1, ([arg]) => {
    const a = formals(arg!, "__lazyTextTree", ["name", "key", "files", "meta?"]);
    const r = new ArgReader(ctx.st);
    const name = r.text(a.get("name")!);
    return makeDerivation({
      name,
      meta: a.get("meta"),
      outPath: () => {
        const key = r.text(a.get("key")!);
        return ctx.store.add(name, { kind: "lazyTextTree", key }, (tmp) => writeFiles(r, a.get("files")!, tmp));
      },
    });
  });
}
