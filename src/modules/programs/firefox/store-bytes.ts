/**
 * Binary files for the store, and JSON text as `builtins.toJSON` writes it. A
 * module can only hand text to `pkgs.writeText` (UTF-8), so bytes (the
 * compressed `search.json.mozlz4`) are written to a private temporary file
 * and added with `builtins.path` (through `lib.sources.cleanSourceWith`):
 * the store path is content-addressed, so the same bytes give the same path.
 * `toJsonText` is `builtins.toJSON` (keys sorted, paths copied to the store);
 * `jq .`-style printing of such text is `jsonPretty` of `pkgs.formats`
 * (src/pkgs/formats/json-text.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NixPath, type Lazy, type NixAttrs } from "../../../nix/values.js";
import type { AttrsView } from "../../../module-system/index.js";
import { libCall, nixToString } from "../../module-kit.js";

/** Add `bytes` to the store as a file named `name`; returns its store path. */
export function storeBytes(lib: Lazy | NixAttrs, name: string, bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hm-store-bytes-"));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes, { mode: 0o644 });
    const src = libCall(lib, "sources.cleanSourceWith", { src: new NixPath(file), name }) as AttrsView;
    return nixToString(src.outPath!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `builtins.toJSON` of a value (a view, a raw Nix value, or plain TypeScript data). */
export function toJsonText(lib: Lazy | NixAttrs, value: unknown): string {
  return libCall(lib, "generators.toJSON", {}, value) as string;
}
