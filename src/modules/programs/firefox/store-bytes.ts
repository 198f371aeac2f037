/**
 * Binary files for the store, and JSON text as Home Manager writes it. A
 * module can only hand text to `pkgs.writeText` (UTF-8), so bytes (the
 * compressed `search.json.mozlz4`) are written to a private temporary file
 * and added with `builtins.path` (through `lib.sources.cleanSourceWith`):
 * the store path is content-addressed, so the same bytes give the same path.
 * `toJsonText` is `builtins.toJSON` (keys sorted, paths copied to the store);
 * `prettyJson` re-indents such text the way `jq .` prints it
 * (`pkgs.formats.json`'s output), keeping the key order.
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

/** Compact JSON text re-indented by two spaces per level, as `jq .` prints it (no trailing newline). */
export function prettyJson(compact: string): string {
  let out = "";
  let depth = 0;
  const nl = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (c === '"') {
      let j = i + 1;
      while (compact[j] !== '"') j += compact[j] === "\\" ? 2 : 1;
      out += compact.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      if (compact[i + 1] === close) {
        out += c + close;
        i++;
      } else {
        depth++;
        out += c + nl();
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += nl() + c;
    } else if (c === ",") out += "," + nl();
    else if (c === ":") out += ": ";
    else if (c !== " " && c !== "\n" && c !== "\t" && c !== "\r") out += c;
  }
  return out;
}
