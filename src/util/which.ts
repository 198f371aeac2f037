/**
 * `which`: the first executable regular file called `name` in the
 * directories of a search path (`PATH`'s syntax). Shared by the builder (the
 * tools an activation script runs), the package layer (the host backend's
 * programs, whether `nix-build` is installed) and the evaluation cache, which
 * must look programs up exactly as the evaluation did.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function which(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(":")) {
    if (dir === "") continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}
