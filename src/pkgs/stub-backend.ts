/**
 * The stub backend, for tests and for the runner of Home Manager's own
 * tests: nothing is built or looked up, and a package's out path is
 * `@pname@`, the placeholder Home Manager's test framework puts in place of
 * every store path (so `"${pkgs.git}/bin/git"` is `@git@/bin/git`). Names
 * follow what nixpkgs would call the package: a variant attribute such as
 * `gitMinimal` is still `git`, an output (`pkgs.git.man`) is its package,
 * `emacs.pkgs.withPackages f` is `emacs-with-packages`, a call such as
 * `fetchFromGitHub { repo = "x"; … }` is named by its `pname`/`name`/`repo`.
 */
import { callFunction } from "../nix/ops.js";
import { force, isFunction, NixAttrs, NixString, type Value } from "../nix/values.js";
import type { Backend, PackageFacts, PackageInfo } from "./backend.js";
import type { Ref } from "./ref.js";
import { PROGRAMS } from "./main-programs.js";
import { hostPackage } from "./host-backend.js";
import type { DeferredStore } from "../home/deferred-store.js";

/** Attributes whose nixpkgs package is named differently (`lib.getName pkgs.gitMinimal` is `git`). */
const PNAMES: Readonly<Record<string, string>> = {
  gitMinimal: "git",
  gitFull: "git",
  gitSVN: "git",
  "emacs-nox": "emacs",
  emacs30: "emacs",
  emacs29: "emacs",
  emacs28: "emacs",
  "emacs-gtk": "emacs",
  "emacs-pgtk": "emacs",
  "emacs-unstable": "emacs",
  gnupg24: "gnupg",
  "neovim-unwrapped": "neovim",
  python3: "python3",
  python311: "python3",
  python312: "python3",
  python313: "python3",
  openssh_hpn: "openssh",
  "firefox-bin": "firefox",
  "firefox-esr": "firefox",
  // Current nixpkgs: `bash` is the interactive bash, whose name Home Manager's tests show.
  "syncthingtray-minimal": "syncthingtray",
  bash: "bash-interactive",
  bashInteractive: "bash-interactive",
  "zsh-powerlevel10k": "powerlevel10k",
};

/** Packages Home Manager's test framework leaves unscrubbed (real store paths in its tests). */
const UNSCRUBBED = new Set([
  "coreutils",
  "crudini",
  "jq",
  "desktop-file-utils",
  "diffutils",
  "findutils",
  "glibcLocales",
  "gettext",
  "gnugrep",
  "gnused",
  "shared-mime-info",
  "babelfish",
  "fish",
  "lndir",
]);

/** Outputs of a derivation: selecting one gives the same package (and the same placeholder). */
export const OUTPUT_NAMES: ReadonlySet<string> = new Set([
  "out",
  "bin",
  "dev",
  "lib",
  "man",
  "doc",
  "info",
  "devdoc",
  "debug",
  "static",
  "terminfo",
]);

/** Sets of packages whose `pname`s nixpkgs prefixes. */
const SET_PREFIXES: Readonly<Record<string, string>> = { tmuxPlugins: "tmuxplugin-" };

/** The attribute names of functions that give a changed copy of the same package. */
const SAME_PACKAGE = new Set(["override", "overrideDerivation", "overrideScope", "overrideScope'", "overridePythonAttrs"]);

const WITH_PACKAGES = new Set(["withPackages", "emacsWithPackages", "withPlugins"]);

/** The interpreter a package set belongs to: `emacs` for `emacs.pkgs`, `emacsPackages`, `emacsPackagesFor e`. */
function interpreterOf(r: Ref): string {
  if (r.kind === "select") {
    if (r.name === "pkgs" || OUTPUT_NAMES.has(r.name) || SAME_PACKAGE.has(r.name)) return interpreterOf(r.of);
    for (const suffix of ["PackagesFor", "Packages"])
      if (r.name.endsWith(suffix) && r.name.length > suffix.length) return r.name.slice(0, -suffix.length);
    return PNAMES[r.name] ?? r.name;
  }
  if (r.kind === "apply") return interpreterOf(r.of);
  return "pkgs";
}

/** The `pname` or `name` of a derivation-like value or argument set. */
function nameIn(v: Value): string | undefined {
  if (!(v instanceof NixAttrs)) return undefined;
  for (const key of ["pname", "name", "repo"]) {
    const x = v.get(key);
    if (x === undefined) continue;
    const s = force(x);
    if (typeof s === "string") return s;
    if (s instanceof NixString) return s.s;
  }
  return undefined;
}

export class StubBackend implements Backend {
  readonly name = "stub";
  readonly nativeCallPackage = true;

  private readonly real = new Map<string, string>();

  constructor(
    private readonly valueOf: (r: Ref) => NixAttrs,
    /** Where the packages Home Manager's tests keep real come from: the host's programs. */
    private readonly host: { readonly store: DeferredStore; readonly searchPath: string; readonly facts?: PackageFacts | undefined },
  ) {}

  pname(r: Ref): string {
    switch (r.kind) {
      case "root":
      case "param":
        return "pkgs";
      case "select":
        if (OUTPUT_NAMES.has(r.name) || r.name === "pkgs") return r.of.kind === "root" ? r.name : this.pname(r.of);
        // Package sets whose builders prefix the names (`tmuxPlugins.logging` is `tmuxplugin-logging`).
        if (r.of.kind === "select" && SET_PREFIXES[r.of.name] !== undefined) return `${SET_PREFIXES[r.of.name]!}${r.name}`;
        return PNAMES[r.name] ?? r.name;
      case "apply": {
        const fn = r.of;
        if (fn.kind === "select") {
          if (SAME_PACKAGE.has(fn.name)) return this.pname(fn.of);
          if (WITH_PACKAGES.has(fn.name)) return `${interpreterOf(fn.of)}-with-packages`;
          if (fn.name === "overrideAttrs") return this.overrideAttrsName(fn.of, r.arg) ?? this.pname(fn.of);
          const arg = force(r.arg);
          return nameIn(arg) ?? this.pname(fn);
        }
        return this.pname(fn);
      }
    }
  }

  private overrideAttrsName(of: Ref, argL: import("../nix/values.js").Lazy): string | undefined {
    let v = force(argL);
    if (isFunction(v)) {
      const self = this.valueOf(of);
      v = force(callFunction(v, self));
      if (isFunction(v)) v = force(callFunction(v, self));
    }
    if (!(v instanceof NixAttrs)) return undefined;
    const p = v.get("pname");
    if (p !== undefined) {
      const s = force(p);
      if (typeof s === "string") return s;
    }
    return undefined;
  }

  outPath(r: Ref): string {
    const pname = this.pname(r);
    // Packages Home Manager's tests keep real get a store-path-shaped placeholder (a path, as options typed `path` require).
    // An output of a kept-real package (`pkgs.jq.bin`, as `lib.getExe` reaches it) is that package.
    let base: Ref = r;
    // (and so is a changed copy of one: `pkgs.glibcLocales.override { … }`).
    for (;;) {
      if (base.kind === "select" && OUTPUT_NAMES.has(base.name) && base.of.kind === "select") base = base.of;
      else if (base.kind === "apply" && base.of.kind === "select" && SAME_PACKAGE.has(base.of.name)) base = base.of.of;
      else break;
    }
    if (base.kind === "select" && base.of.kind === "root" && UNSCRUBBED.has(base.name)) {
      const name = base.name;
      // Real where the host has the programs (so a test's `${pkgs.jq}/bin/jq` runs), else a store-path-shaped name.
      let out = this.real.get(name);
      if (out === undefined) {
        out =
          hostPackage(this.host.store, this.host.searchPath, name, PROGRAMS[name] ?? [name], this.host.facts, "") ??
          `/nix/store/${"0".repeat(32)}-${pname}`;
        this.real.set(name, out);
      }
      return out;
    }
    return `@${pname}@`;
  }

  info(r: Ref): PackageInfo {
    const pname = this.pname(r);
    const main = PROGRAMS[pname]?.[0] ?? pname;
    return { name: pname, pname, version: "", mainProgram: main, outputs: ["out"] };
  }
}
