/**
 * The host backend, for machines without Nix: a package is the program the
 * machine already has. `pkgs.git` becomes a small directory in the private
 * store whose `bin/git` links to the `git` found on `PATH`; a package with
 * several programs (`gnupg`: `gpg`, `gpg-agent`, …) links each one found,
 * from a table of main programs of common packages (`ripgrep` is `rg`).
 * A package that is not installed, or anything only Nix can build
 * (`override`, `withPackages`, `stdenv.mkDerivation`, a call such as
 * `fetchFromGitHub`), is a problem reported after the evaluation, naming
 * the package, the option that asked for it and what to do.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { DeferredStore } from "../home/deferred-store.js";
import { which } from "../util/which.js";
import { placeholderFor, type Backend, type PackageFacts, type PackageInfo, type PackageProblem } from "./backend.js";
import { attrPathOf, describeRef, hasApply, type Ref } from "./ref.js";
import { OUTPUT_NAMES } from "./stub-backend.js";
import { PROGRAMS } from "./main-programs.js";

export { which };

/**
 * A private-store directory whose `bin/` links to the programs of `progs`
 * found on `searchPath` (an empty one for a package without programs), or
 * undefined when it has programs and none is there.
 */
export function hostPackage(
  store: DeferredStore,
  searchPath: string,
  attr: string,
  progs: readonly string[],
  facts?: PackageFacts,
  /** Appended to the store name (`htop-host`); the stub backend's kept-real packages use none, as Home Manager's tests name them. */
  suffix = "-host",
): string | undefined {
  const links: [string, string][] = [];
  for (const prog of progs) {
    const at = which(prog, searchPath);
    facts?.program(prog, searchPath, at);
    if (at !== undefined) links.push([prog, at]);
  }
  if (progs.length > 0 && links.length === 0) return undefined;
  return store.add(`${attr}${suffix}`, { kind: "host-package", links }, (tmp) => {
    fs.mkdirSync(path.join(tmp, "bin"), { recursive: true });
    for (const [prog, at] of links) fs.symlinkSync(at, path.join(tmp, "bin", prog));
  });
}

export interface HostBackendOptions {
  readonly store: DeferredStore;
  /** `PATH` to look programs up in. */
  readonly searchPath: string;
  /** The option being computed when a package is first needed (for messages). */
  readonly currentOption: () => string | undefined;
  /** Is Nix installed (then the advice is to give it a nixpkgs, not to install it)? */
  readonly nixInstalled: boolean;
  readonly facts?: PackageFacts | undefined;
  /** Where a package the host lacks comes from instead of being a problem (the stub backend, for the hm-modules runner's `realPkgs`). */
  readonly fallback?: Backend | undefined;
}

export class HostBackend implements Backend {
  readonly name = "host";
  readonly nativeCallPackage = true;
  readonly problems: PackageProblem[] = [];
  private readonly found = new Map<string, string>();
  private readonly reported = new Set<string>();

  constructor(private readonly o: HostBackendOptions) {}

  /** The attribute that names the package (`git` for `pkgs.git.man`), or undefined for what needs Nix. */
  private attrOf(r: Ref): string | undefined {
    const p = attrPathOf(r);
    if (p === undefined || hasApply(r) || p.length === 0) return undefined;
    while (p.length > 1 && OUTPUT_NAMES.has(p[p.length - 1]!)) p.pop();
    return p[p.length - 1];
  }

  /** Record a problem (once per package); returns the placeholder out path standing for the package. */
  private problem(r: Ref, message: string): string {
    if (this.o.fallback !== undefined) return this.o.fallback.outPath(r, 0);
    const key = this.attrOf(r) ?? describeRef(r);
    const placeholder = placeholderFor(key, key);
    if (this.reported.has(key)) return placeholder;
    this.reported.add(key);
    const option = this.o.currentOption();
    const asker = option === undefined ? "" : ` (asked for by the option \`${option}')`;
    this.problems.push({ ref: r, option, placeholder, message: `\`${describeRef(this.packageRef(r))}'${asker}: ${message}` });
    return placeholder;
  }

  /** The package a reference is an output of (`pkgs.fortune` for `pkgs.fortune.bin`). */
  private packageRef(r: Ref): Ref {
    let cur = r;
    while (cur.kind === "select" && OUTPUT_NAMES.has(cur.name) && cur.of.kind === "select") cur = cur.of;
    return cur;
  }

  private programs(attr: string): readonly string[] {
    return PROGRAMS[attr] ?? [attr];
  }

  outPath(r: Ref): string {
    const attr = this.attrOf(r);
    if (attr === undefined) {
      return this.problem(
        r,
        this.o.nixInstalled
          ? "building or changing a package needs Nix and a nixpkgs to build from; Nix is installed, but no nixpkgs was found. Add one (`-I nixpkgs=PATH`, `NIX_PATH`, or a `nixpkgs` channel) and Home Manager will use Nix (`--packages nix`), or use a package the machine already has."
          : "building or changing a package needs Nix, and Nix is not installed. Install Nix (then Home Manager uses it: `--packages nix`), or use a package the machine already has.",
      );
    }
    const cached = this.found.get(attr);
    if (cached !== undefined) return cached;
    const progs = this.programs(attr);
    const out = hostPackage(this.o.store, this.o.searchPath, attr, progs, this.o.facts);
    if (out === undefined) {
      return this.problem(
        r,
        `it is not installed on this machine (no ${progs.map((p) => `'${p}'`).join(" or ")} on PATH). Install it with the system's package manager, or ${this.o.nixInstalled ? "give Home Manager a nixpkgs to build it from (`-I nixpkgs=PATH` or a channel; `--packages nix`)" : "install Nix so that Home Manager can build it (`--packages nix`)"}.`,
      );
    }
    this.found.set(attr, out);
    return out;
  }

  info(r: Ref): PackageInfo {
    const attr = this.attrOf(r) ?? "unknown";
    const main = this.programs(attr)[0] ?? attr;
    return { name: attr, pname: attr, version: "", mainProgram: main, outputs: ["out"] };
  }
}
