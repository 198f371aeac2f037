/**
 * STUB PACKAGE SET — a stand-in for `pkgs` until the package backends (real
 * Nix, host binaries) exist. Any attribute path (`pkgs.htop`,
 * `pkgs.emacsPackages.magit`, `pkgs.python3.pkgs.requests`) gives a
 * derivation-like set (`type = "derivation"`, `pname` = the last attribute
 * name, `version = "stub"`, `name`, `meta.mainProgram`, and an `outPath`
 * naming a small real directory in the private store whose `bin/<pname>` is a
 * script that says it is a stand-in). Stand-ins support `override`,
 * `overrideAttrs`, `overrideDerivation` and `withPackages`, and can be called
 * (`pkgs.fetchFromGitHub { … }`), each giving another stand-in.
 *
 * Not stand-ins: `lib` (our lib), `stdenv`/`hostPlatform` (the evaluating
 * host, elaborated by `lib.systems.elaborate`), `config` and `overlays`
 * (empty), `callPackage`, the trivial builders that need no Nix
 * (`writeText`, `writeTextFile`, `writeScript(Bin)`,
 * `writeShellScript(Bin)`, `writeShellApplication`, `symlinkJoin`,
 * `buildEnv`, `emptyDirectory`, and `runCommand`/`runCommandLocal` for the
 * one command Home Manager's modules run, `ln -s <path> $out`; other
 * commands give a stand-in), and `home-manager`, which is this installation's
 * own command so that `programs.home-manager.enable` installs a working
 * `home-manager`. Store paths are named during evaluation and written after
 * it succeeds (see `deferred-store.ts`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { callFunction, forceAttrs, forceList } from "../nix/ops.js";
import { force, isFunction, Lambda, NixAttrs, NixPath, PrimOp, type Lazy, type Value } from "../nix/values.js";
import type { EvalState } from "../nix/state.js";
import { attrs, call, functionArgsOf, lazy, nixThrow, prim, select, toStr } from "../module-system/nix-values.js";
import type { DeferredStore } from "./deferred-store.js";

export interface StubPkgsOptions {
  readonly st: EvalState;
  readonly store: DeferredStore;
  /** The `lib` of this evaluation. */
  readonly lib: Lazy;
  /** The shell of `writeShellScript` and friends (nixpkgs' `runtimeShell`). */
  readonly runtimeShell: string;
  /** The command `pkgs.home-manager` runs (this installation's `bin/home-manager`). */
  readonly homeManagerCommand: string;
  /** The version shown for `pkgs.home-manager`. */
  readonly homeManagerVersion: string;
}

/** A map that makes an entry on first lookup of an accepted name. */
class AutoMap extends Map<string, Lazy> {
  private make: ((name: string) => Lazy) | undefined;
  private accepts: ((name: string) => boolean) | undefined;

  static of(entries: Record<string, Lazy>, accepts: (name: string) => boolean, make: (name: string) => Lazy): AutoMap {
    const m = new AutoMap(Object.entries(entries));
    m.make = make;
    m.accepts = accepts;
    return m;
  }

  override get(name: string): Lazy | undefined {
    const v = super.get(name);
    if (v !== undefined || this.make === undefined || !this.accepts!(name)) return v;
    const made = this.make(name);
    super.set(name, made);
    return made;
  }

  override has(name: string): boolean {
    return super.has(name) || (this.accepts !== undefined && this.accepts(name));
  }
}

/** Outputs a stand-in answers with itself (so `lib.getBin` and friends find `bin/`). */
const OUTPUT_NAMES = new Set(["out", "bin", "dev", "lib", "man", "doc", "info", "devdoc", "debug", "static"]);
/** Derivation attributes that nixpkgs code tests with `?` and that a stand-in must not claim. */
const NOT_AUTOMATIC = new Set([
  "outputSpecified",
  "shellPath",
  "outputChecks",
  "requiredSystemFeatures",
  "passAsFile",
  "allowedReferences",
  "disallowedReferences",
]);

function autoName(name: string): boolean {
  return name !== "" && !name.startsWith("_") && !NOT_AUTOMATIC.has(name);
}

/** The interpreter a package set belongs to: `emacs` for `emacs.pkgs` and `emacsPackages`. */
function interpreterName(attrPath: readonly string[]): string {
  const last = attrPath[attrPath.length - 1]!;
  if (last === "pkgs" && attrPath.length > 1) return attrPath[attrPath.length - 2]!;
  return last.endsWith("Packages") && last.length > "Packages".length ? last.slice(0, -"Packages".length) : last;
}

function standInScript(pname: string, attrPath: string): string {
  return `#!/bin/sh
echo "${pname}: this is a stand-in for the package 'pkgs.${attrPath}'. No package backend is configured yet, so Home Manager installed this placeholder instead of the real program." >&2
exit 0
`;
}

export class StubPkgs {
  private readonly o: StubPkgsOptions;
  private readonly cache = new Map<string, NixAttrs>();
  private root: NixAttrs | undefined;

  constructor(o: StubPkgsOptions) {
    this.o = o;
  }

  /** The package set. */
  pkgs(): NixAttrs {
    return (this.root ??= this.makeRoot());
  }

  private makeRoot(): NixAttrs {
    const { lib } = this.o;
    const platform = lazy(() => call(select(select(lib, "systems"), "elaborate"), this.o.st.system));
    const trivial = this.trivialBuilders();
    const entries: Record<string, Lazy> = {
      lib,
      config: NixAttrs.empty,
      overlays: [],
      system: this.o.st.system,
      hostPlatform: platform,
      buildPlatform: platform,
      targetPlatform: platform,
      stdenv: lazy(() => this.stdenv(platform)),
      stdenvNoCC: lazy(() => this.stdenv(platform)),
      runtimeShell: this.o.runtimeShell,
      callPackage: prim("pkgs.callPackage", 2, ([fn, args]) => this.callPackage(fn!, args!)),
      "home-manager": lazy(() => this.homeManager()),
      // `emacsPackagesFor emacs`: the stand-in Emacs package set, whatever the Emacs.
      emacsPackagesFor: prim("pkgs.emacsPackagesFor", 1, () => this.standIn(["emacsPackages"])),
      nix: lazy(() => this.standIn(["nix"], { "etc/profile.d/nix.sh": "# stand-in: no Nix environment to set up\n" })),
      ...trivial,
    };
    return new NixAttrs(
      AutoMap.of(
        entries,
        (n) => autoName(n) && !["outPath", "type", "drvPath", "name"].includes(n),
        (n) => lazy(() => this.standIn([n])),
      ),
    );
  }

  private stdenv(platform: Lazy): NixAttrs {
    const entries: Record<string, Lazy> = {
      hostPlatform: platform,
      buildPlatform: platform,
      targetPlatform: platform,
      system: this.o.st.system,
      isLinux: lazy(() => force(select(platform, "isLinux"))),
      isDarwin: lazy(() => force(select(platform, "isDarwin"))),
      shell: this.o.runtimeShell,
      mkDerivation: prim("stdenv.mkDerivation", 1, ([a]) => this.fromDerivationArgs(a!, ["stdenv", "mkDerivation"])),
    };
    return new NixAttrs(AutoMap.of(entries, autoName, (n) => lazy(() => this.standIn(["stdenv", n]))));
  }

  /** A stand-in named after `pname`/`name` in a set of derivation arguments (or a function of the final attributes). */
  private fromDerivationArgs(a: Lazy, fallback: readonly string[]): NixAttrs {
    let v = force(a);
    if (isFunction(v)) v = force(callFunction(v, NixAttrs.empty));
    const pname = this.nameIn(v);
    return this.standIn(pname === undefined ? fallback : [...fallback.slice(0, -1), pname]);
  }

  private nameIn(v: Value): string | undefined {
    if (!(v instanceof NixAttrs)) return undefined;
    for (const key of ["pname", "name"]) {
      const x = v.get(key);
      if (x === undefined) continue;
      const s = force(x);
      if (typeof s === "string") return s;
    }
    return undefined;
  }

  /** A stand-in for the package at `attrPath` (cached per path). */
  standIn(attrPath: readonly string[], extraFiles: Readonly<Record<string, string>> = {}): NixAttrs {
    const key = attrPath.join(".");
    const cacheKey = Object.keys(extraFiles).length === 0 ? key : `${key} ${JSON.stringify(extraFiles)}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const pname = attrPath[attrPath.length - 1]!;
    const name = `${pname}-stub`;
    const files: Record<string, { text: string; executable?: boolean }> = {
      [`bin/${pname}`]: { text: standInScript(pname, key), executable: true },
    };
    for (const [rel, text] of Object.entries(extraFiles)) files[rel] = rel.startsWith("bin/") ? { text, executable: true } : { text };
    const outPath = lazy(() => this.o.store.textTree(name, files));
    const entries: Record<string, Lazy> = {
      type: "derivation",
      pname,
      version: "stub",
      name,
      system: this.o.st.system,
      outPath,
      drvPath: lazy(() => `${force(outPath) as string}.drv`),
      outputName: "out",
      outputs: ["out"],
      meta: attrs({
        mainProgram: pname,
        description: `Stand-in for pkgs.${key}`,
        available: true,
        broken: false,
        insecure: false,
        unfree: false,
        platforms: [],
      }),
      passthru: NixAttrs.empty,
      override: prim(`${key}.override`, 1, () => this.standIn(attrPath, extraFiles)),
      overrideDerivation: prim(`${key}.overrideDerivation`, 1, () => this.standIn(attrPath, extraFiles)),
      withPackages: prim(`${key}.withPackages`, 1, ([f]) => this.withPackages(attrPath, f!)),
      // Emacs package sets (`emacsPackagesFor e`): `emacsWithPackages` as `withPackages`, `overrideScope` a no-op.
      emacsWithPackages: prim(`${key}.emacsWithPackages`, 1, ([f]) => this.withPackages(attrPath, f!)),
      overrideScope: prim(`${key}.overrideScope`, 1, () => this.standIn(attrPath, extraFiles)),
      __functor: prim(`${key}.__functor`, 2, ([, arg]) => {
        const n = this.nameIn(force(arg!));
        return this.standIn(n === undefined ? attrPath : [...attrPath, n]);
      }),
    };
    const map = AutoMap.of(entries, autoName, (n) => lazy(() => this.standIn([...attrPath, n])));
    const result = new NixAttrs(map);
    for (const o of OUTPUT_NAMES) map.set(o, result);
    map.set("all", [result]);
    map.set(
      "overrideAttrs",
      prim(`${key}.overrideAttrs`, 1, ([f]) => this.overrideAttrs(attrPath, result, f!)),
    );
    this.cache.set(cacheKey, result);
    return result;
  }

  /**
   * `withPackages f` of an interpreter or its package set: a stand-in named
   * `<interpreter>-with-packages` with a `bin/<interpreter>` and, in
   * `share/stand-in/packages`, the names of the packages `f` picked (so `f`
   * is evaluated, as a real build would).
   */
  private withPackages(attrPath: readonly string[], f: Lazy): NixAttrs {
    const interp = interpreterName(attrPath);
    const last = attrPath[attrPath.length - 1]!;
    const isSet = last === "pkgs" || last.endsWith("Packages");
    const set = isSet ? this.standIn(attrPath) : this.standIn([...attrPath, "pkgs"]);
    const fn = force(f);
    const picked = isFunction(fn) ? forceList(callFunction(fn, set)) : forceList(f);
    const names = picked.map((p) => this.nameIn(force(p)) ?? "?");
    return this.standIn([...attrPath.slice(0, -1), `${interp}-with-packages`], {
      [`bin/${interp}`]: standInScript(interp, `${attrPath.join(".")}.withPackages`),
      "share/stand-in/packages": names.map((n) => `${n}\n`).join(""),
    });
  }

  private overrideAttrs(attrPath: readonly string[], self: NixAttrs, f: Lazy): NixAttrs {
    let v = force(f);
    if (isFunction(v)) {
      v = force(callFunction(v, self));
      if (isFunction(v)) v = force(callFunction(v, self));
    }
    const n = this.nameIn(v);
    return n === undefined || n === attrPath[attrPath.length - 1] ? this.standIn(attrPath) : this.standIn([...attrPath.slice(0, -1), n]);
  }

  /** `callPackage fn args`: `fn` (a path is imported) called with its named arguments from the set and `args`. */
  private callPackage(fnL: Lazy, argsL: Lazy): Value {
    let fn = force(fnL);
    if (fn instanceof NixPath) fn = this.o.st.evalFile(fn.path);
    const given = forceAttrs(argsL);
    if (!(fn instanceof Lambda) && !(fn instanceof PrimOp) && !(fn instanceof NixAttrs))
      throw nixThrow("callPackage: expected a function or a path");
    const wanted = functionArgsOf(fn);
    const pkgs = this.pkgs();
    const m = new Map<string, Lazy>();
    for (const [name, hasDefault] of wanted.map) {
      const v = given.get(name) ?? (pkgs.map.has(name) ? pkgs.get(name) : undefined);
      if (v !== undefined) m.set(name, v);
      else if (force(hasDefault) !== true)
        m.set(
          name,
          lazy(() => this.standIn([name])),
        );
    }
    for (const [k, v] of given.map) m.set(k, v);
    return callFunction(fn, new NixAttrs(m));
  }

  /** This installation's `home-manager` command as a package. */
  private homeManager(): NixAttrs {
    const cmd = this.o.homeManagerCommand;
    const script = `#!/bin/sh\nexec '${cmd.replace(/'/g, "'\\''")}' "$@"\n`;
    const outPath = lazy(() => this.o.store.textTree("home-manager", { "bin/home-manager": { text: script, executable: true } }));
    const self = attrs({
      type: "derivation",
      pname: "home-manager",
      version: this.o.homeManagerVersion,
      name: `home-manager-${this.o.homeManagerVersion}`,
      outPath,
      outputName: "out",
      outputs: ["out"],
      meta: attrs({ mainProgram: "home-manager", description: "Home Manager (this installation)" }),
    });
    self.map.set("out", self);
    self.map.set("bin", self);
    return self;
  }

  private trivialBuilders(): Record<string, Lazy> {
    const st = this.o.st;
    const store = this.o.store;
    const shebang = `#!${this.o.runtimeShell}\n`;
    const drv = (name: string, outPath: () => string): NixAttrs => {
      const self = attrs({
        type: "derivation",
        name,
        outPath: lazy(outPath),
        outputName: "out",
        outputs: ["out"],
        meta: NixAttrs.empty,
      });
      self.map.set("out", self);
      return self;
    };
    const text = (l: Lazy) => toStr(st, l);
    const optStr = (a: NixAttrs, k: string): string | undefined => (a.has(k) ? text(a.get(k)!) : undefined);
    const writeTextFile = (a: NixAttrs): NixAttrs => {
      const name = text(select(a, "name"));
      const body = text(select(a, "text"));
      const executable = a.has("executable") && force(a.get("executable")!) === true;
      const destination = optStr(a, "destination") ?? "";
      return drv(name, () =>
        destination === ""
          ? store.textFile(name, body, executable)
          : store.textTree(name, { [destination.replace(/^\/+/, "")]: { text: body, executable } }),
      );
    };
    const bin = (name: string, body: string) =>
      drv(name, () => store.textTree(name, { [`bin/${name}`]: { text: body, executable: true } }));
    const join = (a: NixAttrs): NixAttrs => {
      const name = text(select(a, "name"));
      const strip = optStr(a, "stripPrefix") ?? "";
      const paths = forceList(select(a, "paths")).map((p) => text(p));
      return drv(name, () =>
        store.add(
          name,
          { kind: "join", paths, strip },
          (tmp) =>
            linkTrees(
              paths.map((p) => p + strip),
              tmp,
            ),
          paths,
        ),
      );
    };
    return {
      writeTextFile: prim("pkgs.writeTextFile", 1, ([a]) => writeTextFile(forceAttrs(a!))),
      writeText: prim("pkgs.writeText", 2, ([n, t]) => writeTextFile(attrs({ name: n!, text: t! }))),
      writeTextDir: prim("pkgs.writeTextDir", 2, ([p, t]) => {
        const rel = text(p!);
        return writeTextFile(attrs({ name: rel.split("/").pop() ?? rel, text: t!, destination: `/${rel}` }));
      }),
      writeScript: prim("pkgs.writeScript", 2, ([n, t]) => writeTextFile(attrs({ name: n!, text: t!, executable: true }))),
      writeScriptBin: prim("pkgs.writeScriptBin", 2, ([n, t]) => bin(text(n!), text(t!))),
      writeShellScript: prim("pkgs.writeShellScript", 2, ([n, t]) =>
        writeTextFile(attrs({ name: n!, text: shebang + text(t!), executable: true })),
      ),
      writeShellScriptBin: prim("pkgs.writeShellScriptBin", 2, ([n, t]) => bin(text(n!), shebang + text(t!))),
      writeShellApplication: prim("pkgs.writeShellApplication", 1, ([a]) => {
        const s = forceAttrs(a!);
        const name = text(select(s, "name"));
        const inputs = s.has("runtimeInputs") ? forceList(s.get("runtimeInputs")!).map((p) => `${text(p)}/bin`) : [];
        const pathLine = inputs.length > 0 ? `export PATH="${inputs.join(":")}:$PATH"\n` : "";
        return bin(name, `${shebang}set -o errexit\nset -o nounset\nset -o pipefail\n\n${pathLine}\n${text(select(s, "text"))}`);
      }),
      symlinkJoin: prim("pkgs.symlinkJoin", 1, ([a]) => join(forceAttrs(a!))),
      buildEnv: prim("pkgs.buildEnv", 1, ([a]) => join(forceAttrs(a!))),
      emptyDirectory: lazy(() => drv("empty-directory", () => store.add("empty-directory", { kind: "empty" }, (tmp) => fs.mkdirSync(tmp)))),
      runCommand: prim("pkgs.runCommand", 3, ([n, , c]) => this.runCommand(text(n!), text(c!))),
      runCommandLocal: prim("pkgs.runCommandLocal", 3, ([n, , c]) => this.runCommand(text(n!), text(c!))),
      runCommandNoCC: prim("pkgs.runCommandNoCC", 3, ([n, , c]) => this.runCommand(text(n!), text(c!))),
    };
  }

  /** `runCommand`: `ln -s <path> $out` is done natively; anything else gives a stand-in. */
  private runCommand(name: string, cmd: string): NixAttrs {
    const m = /^\s*ln -s (?:'((?:[^']|'\\'')*)'|([A-Za-z0-9,._+:@%/-]+)) \$out\s*$/.exec(cmd);
    if (m === null) return this.standIn([name]);
    const target = m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!;
    const self = attrs({
      type: "derivation",
      name,
      outPath: lazy(() => this.o.store.symlink(name, target)),
      outputName: "out",
      outputs: ["out"],
    });
    self.map.set("out", self);
    return self;
  }
}

/** Merge directory trees as `symlinkJoin` does: one link per file, directories merged, the first wins. */
function linkTrees(sources: readonly string[], out: string): void {
  fs.mkdirSync(out, { recursive: true });
  for (const src of sources) {
    if (!fs.statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const name of fs.readdirSync(src).sort()) {
      const from = path.join(src, name);
      const to = path.join(out, name);
      const isDir = fs.statSync(from, { throwIfNoEntry: false })?.isDirectory() ?? false;
      if (isDir) linkTrees([from], to);
      else if (fs.lstatSync(to, { throwIfNoEntry: false }) === undefined) fs.symlinkSync(from, to);
    }
  }
}
