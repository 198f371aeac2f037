/**
 * The directory this package is installed in (the one holding package.json),
 * found from this module's own location so that it works both from `dist/`
 * and from the single-file bundles in `dist/bundle/`.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  cached = dir;
  return dir;
}
