/**
 * The package layer of one evaluation: the backend (chosen by
 * `--packages`, `HOME_MANAGER_PACKAGES`, or automatically: `nix` when
 * `nix-build` is on `PATH` and a nixpkgs tree is on the search path, else
 * `host`), the package sets (`pkgs` of the configuration, one per
 * `import <nixpkgs…> {…}`), and what is provided natively in every set
 * (trivial builders, `formats`, this installation's `home-manager`).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { forceAttrs } from "../nix/ops.js";
import type { EvalState } from "../nix/state.js";
import { force, NixAttrs, NixPath, NixString, PrimOp, type Lazy, type Value } from "../nix/values.js";
import { attrs, lazy } from "../module-system/nix-values.js";
import type { DeferredStore } from "../home/deferred-store.js";
import { currentOptionLoc } from "../module-system/option-decls.js";
import {
  BACKEND_NAMES,
  PackageError,
  type PackageFacts,
  relevantProblems,
  renderProblems,
  type Backend,
  type BackendName,
  type PackageProblem,
  type PackageSource,
} from "./backend.js";
import { HostBackend, which } from "./host-backend.js";
import { NixBackend, PackageCache, type NixSetDesc } from "./nix-backend.js";
import { attrName, nixString } from "./nix-expr.js";
import { PackageSet, overlayList } from "./package-set.js";
import { paramRef } from "./ref.js";
import { StubBackend } from "./stub-backend.js";
import { nativeBuilders, type BuilderContext } from "./builders/index.js";
import { pkgsFormats } from "./formats/index.js";

export { PackageError, BACKEND_NAMES, type BackendName } from "./backend.js";
export { NixCallError } from "./nix-backend.js";

export interface PackageLayerOptions {
  readonly st: EvalState;
  readonly store: DeferredStore;
  readonly lib: Lazy;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--packages` (overrides `HOME_MANAGER_PACKAGES`). */
  readonly backend?: BackendName | undefined;
  readonly runtimeShell: string;
  readonly homeManagerCommand: string;
  readonly homeManagerVersion: string;
  /** The package cache and Nix's GC roots live here. */
  readonly statePath: string;
  readonly nixArgs: readonly string[];
  /** The cache shared by the evaluations of one command (so a second pass finds what the first resolved). */
  readonly cache?: PackageCache;
  /** Where to report what the layer learns from outside (the evaluation cache's facts). */
  readonly facts?: PackageFacts | undefined;
  /** The configuration is a flake (its nixpkgs is an input, not `<nixpkgs>`). */
  readonly flake?: boolean;
}

/** Does this directory look like a nixpkgs tree? */
function isNixpkgsTree(st: EvalState, dir: string): boolean {
  return (
    st.io.fileType(path.join(dir, "pkgs", "top-level", "all-packages.nix")) !== null &&
    st.io.fileType(path.join(dir, "default.nix")) !== null
  );
}

/** Where `<name>` points: the search path (`-I`, `NIX_PATH`), then the user's channels. */
function findNixpkgs(st: EvalState, env: PackageLayerOptions["env"], name = "nixpkgs"): string | undefined {
  for (const e of st.searchPath) {
    if (e.prefix === name) return path.resolve(e.path);
    if (e.prefix === "" && st.io.fileType(path.join(e.path, name)) !== null) return path.resolve(e.path, name);
    if (name.startsWith(`${e.prefix}/`) && e.prefix !== "") return path.resolve(e.path, name.slice(e.prefix.length + 1));
  }
  if (env.HOME !== undefined) {
    const ch = path.join(env.HOME, ".nix-defexpr", "channels", name);
    if (st.io.fileType(ch) !== null) return ch;
  }
  return undefined;
}

/** The backend the options and environment ask for. */
function chooseBackend(o: Pick<PackageLayerOptions, "backend" | "env" | "flake">, st: EvalState): BackendName {
  const asked = o.backend ?? (o.env.HOME_MANAGER_PACKAGES || undefined);
  if (asked !== undefined) {
    if (!(BACKEND_NAMES as readonly string[]).includes(asked))
      throw new PackageError(
        `unknown package backend '${asked}' (HOME_MANAGER_PACKAGES or --packages): expected one of ${BACKEND_NAMES.join(", ")}`,
      );
    return asked as BackendName;
  }
  // A flake brings its own nixpkgs (its input); otherwise `<nixpkgs>` must be found.
  return which("nix-build", o.env.PATH ?? "") !== undefined && (o.flake === true || findNixpkgs(st, o.env) !== undefined) ? "nix" : "host";
}

/** A hash of a tree's names, modes and contents (skipping `.git`), for trees outside the Nix store. */
function treeHash(dir: string): string {
  const h = createHash("sha256");
  const walk = (p: string, rel: string): void => {
    const s = fs.lstatSync(p);
    if (s.isSymbolicLink()) h.update(`l ${rel} ${fs.readlinkSync(p)}\0`);
    else if (s.isDirectory()) {
      h.update(`d ${rel}\0`);
      for (const n of fs.readdirSync(p).sort()) if (n !== ".git") walk(path.join(p, n), `${rel}/${n}`);
    } else {
      h.update(`f ${rel} ${s.mode & 0o111 ? "x" : "-"} ${s.size}\0`);
      h.update(fs.readFileSync(p));
    }
  };
  walk(dir, "");
  return h.digest("hex");
}

/** What identifies a nixpkgs tree's contents: its store path, or a hash of the tree. */
export function nixpkgsIdentity(dir: string): string {
  const real = fs.realpathSync(dir);
  const m = /^(\/nix\/store\/[^/]+)/.exec(real);
  return m !== null ? `${m[1]}${real.slice(m[1]!.length)}` : `${real}#${treeHash(real)}`;
}

/** Nixpkgs configuration as a Nix expression: data only. */
function configExpr(l: Lazy, where: string, depth = 0): string {
  const v: Value = force(l);
  if (depth > 50) throw new PackageError(`${where} is nested too deeply`);
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "bigint") return v < 0n ? `(${v})` : String(v);
  if (typeof v === "number") return Number.isInteger(v) ? `${v}.0` : String(v);
  if (typeof v === "string") return nixString(v);
  if (v instanceof NixString) return nixString(v.s);
  if (v instanceof NixPath) return `(/. + ${nixString(v.path)})`;
  if (Array.isArray(v)) return `[ ${v.map((x, i) => `(${configExpr(x, `${where}[${i}]`, depth + 1)})`).join(" ")} ]`;
  if (v instanceof NixAttrs)
    return `{ ${v
      .sortedNames()
      .map((k) => `${attrName(k)} = ${configExpr(v.get(k)!, `${where}.${k}`, depth + 1)};`)
      .join(" ")} }`;
  throw new PackageError(
    `${where} is a function; the Nix package backend passes nixpkgs' configuration to Nix as data only. Use a plain value (e.g. \`allowUnfree = true;\`) instead.`,
  );
}

export class PackageLayer {
  readonly backendName: BackendName;
  readonly backend: Backend;
  private readonly sets: PackageSet[] = [];
  /** The set of the configuration's `pkgs` (made once per evaluation). */
  private configSet: PackageSet | undefined;
  private readonly identities = new Map<string, string>();
  private readonly refByValue = new WeakMap<NixAttrs, import("./ref.js").Ref>();
  readonly cache: PackageCache;

  constructor(private readonly o: PackageLayerOptions) {
    o.facts?.program("nix-build", o.env.PATH ?? "", which("nix-build", o.env.PATH ?? ""));
    this.backendName = chooseBackend(o, o.st);
    this.cache = o.cache ?? new PackageCache(path.join(o.statePath, "packages", "nix-cache.json"));
    const currentOption = () => {
      const loc = currentOptionLoc();
      return loc === undefined ? undefined : loc.join(".");
    };
    switch (this.backendName) {
      case "stub":
        this.backend = new StubBackend((r) => this.valueOfRef(r), { store: o.store, searchPath: o.env.PATH ?? "", facts: o.facts });
        break;
      case "host":
        this.backend = new HostBackend({
          store: o.store,
          searchPath: o.env.PATH ?? "",
          currentOption,
          nixInstalled: which("nix-build", o.env.PATH ?? "") !== undefined,
          facts: o.facts,
        });
        break;
      case "nix":
        this.backend = new NixBackend({
          cache: this.cache,
          set: (id) => this.nixSet(id),
          exprContext: { refOf: (v) => this.refByValue.get(v), param: (n) => this.valueOfRef(paramRef(n)) },
          nixBuild: which("nix-build", o.env.PATH ?? "") ?? "nix-build",
          env: o.env,
          gcRootDir: path.join(o.statePath, "gcroots", "nix-packages"),
          currentOption,
          nixArgs: o.nixArgs,
          facts: o.facts,
        });
        break;
    }
    o.st.importHook = (file) => this.importHook(file);
  }

  /** The value of a reference (through the first set: references carry their own set). */
  private valueOfRef(r: import("./ref.js").Ref): NixAttrs {
    return this.anySet().refValue(r);
  }

  private anySet(): PackageSet {
    return this.sets[0] ?? this.packageSet(this.defaultSource(), NixAttrs.empty, []);
  }

  defaultSource(): PackageSource {
    const dir = findNixpkgs(this.o.st, this.o.env);
    return { dir, label: dir === undefined ? "<nixpkgs>" : `<nixpkgs> (${dir})` };
  }

  /** A package set of `source` with a configuration and overlays (the same arguments give the same set). */
  packageSet(source: PackageSource, config: Lazy, overlays: readonly Lazy[], backend: Backend = this.backend): PackageSet {
    const id = this.sets.length;
    const set = new PackageSet(
      {
        st: this.o.st,
        lib: this.o.lib,
        backend,
        natives: () => this.natives(),
        register: (v, r) => this.refByValue.set(v, r),
      },
      id,
      source,
      config,
      overlays,
    );
    this.sets.push(set);
    return set;
  }

  /** `pkgs` of the configuration: `<nixpkgs>` with `nixpkgs.config` and `nixpkgs.overlays`. */
  configPkgs(config: Lazy, overlays: Lazy): NixAttrs {
    this.configSet ??= this.packageSet(this.defaultSource(), config, overlayList(overlays));
    return this.configSet.pkgs();
  }

  private readonly setByPkgs = new WeakMap<NixAttrs, PackageSet>();
  private readonly flakeSets = new Map<string, NixAttrs>();

  /** `legacyPackages.<system>` of a nixpkgs flake input in `dir` (undefined when `dir` is not a nixpkgs tree). */
  flakePackages(dir: string): NixAttrs | undefined {
    let v = this.flakeSets.get(dir);
    if (v === undefined) {
      if (!isNixpkgsTree(this.o.st, dir)) return undefined;
      const set = this.packageSet({ dir, label: dir }, NixAttrs.empty, []);
      v = set.pkgs();
      this.setByPkgs.set(v, set);
      this.flakeSets.set(dir, v);
    }
    return v;
  }

  /**
   * `pkgs` of a flake configuration: the package set given to
   * `homeManagerConfiguration` with the configuration's `nixpkgs.config` and
   * `nixpkgs.overlays` (which default to the given set's), or the given value
   * itself when it is not one of ours.
   */
  flakeConfigPkgs(base: NixAttrs, config: Lazy, overlays: Lazy): NixAttrs {
    const set = this.setByPkgs.get(base);
    if (set === undefined) return base;
    this.configSet ??= this.packageSet(set.source, config, overlayList(overlays));
    return this.configSet.pkgs();
  }

  /** `import <nixpkgs-…> {}`: a package set instead of nixpkgs' own evaluation. */
  private importHook(file: string): Value | undefined {
    if (path.basename(file) !== "default.nix") return undefined;
    const dir = path.dirname(file);
    if (!isNixpkgsTree(this.o.st, dir)) return undefined;
    const source: PackageSource = { dir, label: dir };
    return new PrimOp("nixpkgs", 1, ([argL]) => {
      const args = forceAttrs(argL!);
      const config = args.get("config") ?? NixAttrs.empty;
      // `__hmHostPackages = true` (ours, for the hm-modules runner's `realPkgs`): the host's programs, whatever the backend.
      const host = args.has("__hmHostPackages") && force(args.get("__hmHostPackages")!) === true;
      const set = this.packageSet(source, config, overlayList(args.get("overlays")), host ? this.hostBackend() : this.backend);
      const pkgs = set.pkgs();
      this.setByPkgs.set(pkgs, set);
      return pkgs;
    });
  }

  private nixSet(id: number): NixSetDesc {
    const set = this.sets[id]!;
    const dir = set.source.dir;
    if (dir === undefined)
      throw new PackageError(
        "the Nix package backend needs a nixpkgs to take packages from, and none was found: add one with `-I nixpkgs=PATH`, `NIX_PATH=nixpkgs=PATH` or a `nixpkgs` channel (`nix-channel --add https://nixos.org/channels/nixpkgs-unstable nixpkgs`), or choose another backend with `--packages host`.",
      );
    let identity = this.identities.get(dir);
    if (identity === undefined) {
      identity = nixpkgsIdentity(dir);
      this.identities.set(dir, identity);
      this.o.facts?.other("nixpkgs-identity", dir, identity);
    }
    return { dir, label: set.source.label, identity, configExpr: configExpr(set.config, "nixpkgs.config") };
  }

  private natives(): Record<string, Lazy> {
    const ctx: BuilderContext = {
      st: this.o.st,
      store: this.o.store,
      lib: this.o.lib,
      runtimeShell: this.o.runtimeShell,
      system: this.o.st.system,
    };
    const out: Record<string, Lazy> = { ...nativeBuilders(ctx), formats: lazy(() => pkgsFormats(ctx)), runtimeShell: this.o.runtimeShell };
    if (this.backendName !== "stub") out["home-manager"] = lazy(() => this.homeManager());
    return out;
  }

  /** This installation's `home-manager` command as a package. */
  homeManager(): NixAttrs {
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

  private host: HostBackend | undefined;

  /** A host backend beside the chosen one (for `__hmHostPackages`). */
  private hostBackend(): HostBackend {
    if (this.backend instanceof HostBackend) return this.backend;
    return (this.host ??= new HostBackend({
      store: this.o.store,
      searchPath: this.o.env.PATH ?? "",
      currentOption: () => currentOptionLoc()?.join("."),
      nixInstalled: which("nix-build", this.o.env.PATH ?? "") !== undefined,
      facts: this.o.facts,
      fallback: this.backend instanceof StubBackend ? this.backend : undefined,
    }));
  }

  /**
   * Problems the backend collected (host: missing programs; nix: packages
   * Nix lacks) that matter for outputs described by `haystack` (the
   * generation and every store entry's description, as text); all of them
   * without one.
   */
  problems(haystack?: string): readonly PackageProblem[] {
    const b = this.backend as { problems?: PackageProblem[] };
    return relevantProblems([...(b.problems ?? []), ...(this.host?.problems ?? [])], haystack);
  }

  /** Throw the relevant problems as one user-facing error. */
  checkProblems(haystack?: string): void {
    const p = this.problems(haystack);
    if (p.length > 0) throw new PackageError(renderProblems(this.backendName, p));
  }

  /** For the Nix backend: did this evaluation use packages not yet resolved? */
  needsResolve(haystack: string | undefined): boolean {
    return this.backend instanceof NixBackend && this.backend.needsResolve(haystack);
  }

  /** Resolve (one `nix-build`) what this evaluation used. */
  resolve(haystack: string | undefined): void {
    if (this.backend instanceof NixBackend) this.backend.resolve(haystack);
  }

  /** `nix-build` calls made by this layer. */
  get nixCalls(): number {
    return this.backend instanceof NixBackend ? this.backend.calls : 0;
  }
}
