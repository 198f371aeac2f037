/**
 * `npm run conformance -- SUITE DIR [--only a,b] [--verbose] [--jobs N]`: runs an
 * upstream test suite against this implementation. Suites: `nix-lang` (Nix's
 * language tests). DIR is a checkout of the upstream repository.
 */
import { nixLang } from "./nix-lang.js";
import { nixpkgsLib } from "./nixpkgs-lib.js";

const USAGE = "usage: npm run conformance -- nix-lang DIR [--only NAME,...] [--verbose] [--jobs N]";

async function main(argv: string[]): Promise<number> {
  const [suite, dir, ...rest] = argv;
  if (!suite || !dir) {
    console.error(USAGE);
    return 2;
  }
  let only: string[] | undefined;
  let verbose = false;
  let jobs: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--only") only = (rest[++i] ?? "").split(",").filter((x) => x);
    else if (a === "--verbose") verbose = true;
    else if (a === "--jobs") jobs = Number(rest[++i]);
    else {
      console.error(`unknown argument '${a}'\n${USAGE}`);
      return 2;
    }
  }
  switch (suite) {
    case "nix-lang":
      return nixLang(dir, { only, verbose, jobs });
    case "nixpkgs-lib":
      return nixpkgsLib(dir, { only, verbose, jobs });
    default:
      console.error(`unknown suite '${suite}'\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
