/**
 * What a package backend answers about a reference (`ref.ts`): its out path
 * and the few attributes configurations read (`name`, `pname`, `version`,
 * `meta.mainProgram`, `outputs`). Backends may defer a failure (a program
 * missing from the host, a package Nix cannot evaluate) to the end of the
 * evaluation, so that one build reports every problem at once and names the
 * option that asked for each package.
 */
import { createHash } from "node:crypto";
import type { Ref } from "./ref.js";

export type BackendName = "nix" | "host" | "stub";

export const BACKEND_NAMES: readonly BackendName[] = ["nix", "host", "stub"];

export interface PackageInfo {
  readonly name: string;
  readonly pname: string;
  readonly version: string;
  readonly mainProgram: string;
  readonly outputs: readonly string[];
}

/** A nixpkgs tree that `pkgs` (or `import <nixpkgs-unstable> {}`) stands for. */
export interface PackageSource {
  /** The tree's directory (undefined: no nixpkgs was found on the search path). */
  readonly dir: string | undefined;
  /** How the user named it, for messages (`<nixpkgs>`, `/path/to/nixpkgs`). */
  readonly label: string;
}

/** A failure a backend reports after the evaluation. */
export interface PackageProblem {
  readonly ref: Ref;
  /** The option that asked for the package, when known (`home.packages`). */
  readonly option: string | undefined;
  readonly message: string;
  /**
   * The stand-in out path given for the package: the problem matters only if
   * the build's outputs mention it (a package forced by code whose result
   * nothing uses, as under a false `mkIf` written eagerly, is not needed).
   */
  readonly placeholder?: string | undefined;
}

/** A unique out path standing for an unresolved package: `/nix/store/00000000<hash>-name`. */
export function placeholderFor(key: string, name: string): string {
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 24);
  return `${PLACEHOLDER_PREFIX}${hash}-${name.replace(/[^A-Za-z0-9+._?=-]/g, "-") || "package"}`;
}

export const PLACEHOLDER_PREFIX = "/nix/store/00000000";

/** The problems that matter for outputs described by `haystack` (all of them without one). */
export function relevantProblems(problems: readonly PackageProblem[], haystack: string | undefined): PackageProblem[] {
  return problems.filter((p) => haystack === undefined || p.placeholder === undefined || haystack.includes(p.placeholder));
}

export interface Backend {
  readonly name: BackendName;
  /** Does `callPackage` run in our evaluator (else it becomes part of a reference for Nix)? */
  readonly nativeCallPackage: boolean;
  /** The out path of a package (recorded as needed for the build). */
  outPath(ref: Ref, set: number): string;
  /** The package's descriptive attributes (no build needed). */
  info(ref: Ref, set: number): PackageInfo;
}

/** The name part of a `name` (`hello-2.12` → `hello`), as `lib.getName`/`parseDrvName` split it. */
export function nameWithoutVersion(name: string): string {
  const m = /-[0-9]/.exec(name);
  return m === null ? name : name.slice(0, m.index);
}

/** Raised after an evaluation for the problems a backend collected; the message is for the user. */
export class PackageError extends Error {}

/** The user-facing list of problems: one paragraph per package. */
export function renderProblems(backend: BackendName, problems: readonly PackageProblem[]): string {
  const head =
    problems.length === 1
      ? `1 package could not be provided by the '${backend}' package backend:`
      : `${problems.length} packages could not be provided by the '${backend}' package backend:`;
  return [head, ...problems.map((p) => `- ${p.message}`)].join("\n");
}

/** Where the package layer reports what it learned from outside (for the evaluation cache). */
export interface PackageFacts {
  program(name: string, searchPath: string, found: string | undefined): void;
  exists(path: string): void;
  other(kind: string, arg: string, value: string): void;
}
