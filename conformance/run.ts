/**
 * `npm run conformance -- SUITE DIR [--only a,b] [--verbose] [--jobs N]`: runs an
 * upstream test suite against this implementation. Suites: `nix-lang` (Nix's
 * language tests), `nixpkgs-lib` (nixpkgs' lib tests), `hm-modules` (Home
 * Manager's module tests). DIR is a checkout of the upstream repository.
 */
import { nixLang } from "./nix-lang.js";
import { nixpkgsLib } from "./nixpkgs-lib.js";
import { hmModules } from "./hm-modules.js";

const USAGE = [
  "usage: npm run conformance -- nix-lang DIR [--only NAME,...] [--verbose] [--jobs N]",
  "       npm run conformance -- hm-modules DIR [--only NAME,...] [--verbose] [--jobs N]",
  "         DIR: a checkout of nix-community/home-manager; NAME: programs.git, services.gpg-agent,",
  "         a core directory below tests/ (lib/types, modules/files or files, modules/misc/xdg), or a case name",
].join("\n");

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
    case "hm-modules":
      return hmModules(dir, { only, verbose, jobs, keep: process.env.HM_MODULES_KEEP === "1" });
    default:
      console.error(`unknown suite '${suite}'\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
