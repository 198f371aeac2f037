/**
 * `pkgs` as configurations see it. Every attribute that is not provided
 * natively (`lib`, `system`, `stdenv.hostPlatform`, the trivial builders,
 * `formats`, `callPackage` where the backend allows) is a package reference
 * (`ref.ts`) dressed as a derivation: `type = "derivation"`, `outPath`,
 * `name`/`pname`/`version`, `meta.mainProgram`, `outputs`, any attribute
 * below it (`pkgs.emacsPackages.magit`, `pkg.man`) another reference, and
 * calling it (`pkg.override {…}`, `ps.withPackages f`,
 * `pkgs.emacsPackagesFor e`) a reference that records the call. The backend
 * answers `outPath` and the descriptive attributes when they are read.
 * Overlays (`nixpkgs.overlays`, `import <nixpkgs> { overlays = …; }`) are
 * applied here, over the references, so that every backend sees them.
 */
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, NixPath, UPDATE_UNDER, UPDATE_WITH, type Lazy, type OpenAttrsMap, type Value } from "../nix/values.js";
import type { EvalState } from "../nix/state.js";
import { attrs, call, lazy, prim, select } from "../module-system/nix-values.js";
import type { Backend, PackageSource } from "./backend.js";
import { applyRef, rootRef, selectRef, type Ref } from "./ref.js";

/** A map that makes an entry on first lookup of an accepted name. */
export class AutoMap extends Map<string, Lazy> implements OpenAttrsMap {
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

  /** `set // upper`: the names not made yet stay reachable (a plain copy would list only the made ones). */
  [UPDATE_WITH](upper: NixAttrs): Map<string, Lazy> {
    return new LayerMap(new NixAttrs(this), upper);
  }

  /** `lower // set`: the same, with this set on top. */
  [UPDATE_UNDER](lower: NixAttrs): Map<string, Lazy> {
    return new LayerMap(lower, new NixAttrs(this));
  }
}

/** Derivation attributes nixpkgs code tests with `?` and that a reference must not claim. */
const NOT_AUTOMATIC = new Set([
  "outputSpecified",
  "shellPath",
  "outputChecks",
  "requiredSystemFeatures",
  "passAsFile",
  "allowedReferences",
  "disallowedReferences",
  "outPath",
  "drvPath",
  "type",
  "name",
]);

function autoName(name: string): boolean {
  return name !== "" && !name.startsWith("_") && !NOT_AUTOMATIC.has(name);
}

/** What `callPackage` and the top level need besides references. */
export interface PackageSetContext {
  readonly st: EvalState;
  readonly lib: Lazy;
  readonly backend: Backend;
  /** Attributes provided natively at the top level (trivial builders, `formats`, `home-manager`, …). */
  readonly natives: () => Record<string, Lazy>;
  /** Remember which reference a value stands for (so the Nix backend can write it back as an expression). */
  readonly register: (value: NixAttrs, ref: Ref) => void;
}

/** One package set: a nixpkgs tree with a configuration and overlays. */
export class PackageSet {
  private top: NixAttrs | undefined;
  private readonly refValues = new WeakMap<object, NixAttrs>();

  constructor(
    private readonly ctx: PackageSetContext,
    readonly id: number,
    readonly source: PackageSource,
    /** `config` of the set (a Nix attribute set). */
    readonly config: Lazy,
    readonly overlays: readonly Lazy[],
  ) {}

  /** The package set with its overlays applied. */
  pkgs(): NixAttrs {
    if (this.top !== undefined) return this.top;
    // `final` is the finished set; `prev` of each overlay is the layer below it.
    let current = this.base(() => this.top!);
    for (const ov of this.overlays) {
      const prev = current;
      current = new NixAttrs(
        new LayerMap(
          prev,
          lazy(() => call(ov, this.top!, prev)),
        ),
      );
    }
    this.top = current;
    return current;
  }

  private base(final: () => NixAttrs): NixAttrs {
    const { lib, st } = this.ctx;
    const platform = lazy(() => call(select(select(lib, "systems"), "elaborate"), st.system));
    const root = rootRef(this.id);
    const stdenv = (): NixAttrs => {
      const r = selectRef(root, "stdenv");
      const entries: Record<string, Lazy> = {
        hostPlatform: platform,
        buildPlatform: platform,
        targetPlatform: platform,
        system: st.system,
        isLinux: lazy(() => force(select(platform, "isLinux"))),
        isDarwin: lazy(() => force(select(platform, "isDarwin"))),
        shell: lazy(() => force(select(final(), "runtimeShell"))),
      };
      return new NixAttrs(AutoMap.of(entries, autoName, (n) => lazy(() => this.refValue(selectRef(r, n)))));
    };
    const entries: Record<string, Lazy> = {
      lib,
      config: this.config,
      overlays: [...this.overlays],
      system: st.system,
      hostPlatform: platform,
      buildPlatform: platform,
      targetPlatform: platform,
      stdenv: lazy(stdenv),
      stdenvNoCC: lazy(stdenv),
      pkgs: lazy(final),
      buildPackages: lazy(final),
      pkgsBuildHost: lazy(final),
      ...(this.source.dir !== undefined ? { path: new NixPath(this.source.dir) } : {}),
      ...(this.ctx.backend.nativeCallPackage
        ? { callPackage: prim("pkgs.callPackage", 2, ([fn, args]) => this.callPackage(fn!, args!, final)) }
        : {}),
      ...this.ctx.natives(),
    };
    return new NixAttrs(AutoMap.of(entries, autoName, (n) => lazy(() => this.refValue(selectRef(root, n)))));
  }

  /** The derivation-like value of a reference. */
  refValue(ref: Ref): NixAttrs {
    const cached = this.refValues.get(ref);
    if (cached !== undefined) return cached;
    const backend = this.ctx.backend;
    let infoCache: ReturnType<Backend["info"]> | undefined;
    const info = () => (infoCache ??= backend.info(ref, this.id));
    const outPath = lazy(() => backend.outPath(ref, this.id));
    const meta = attrs({
      mainProgram: lazy(() => info().mainProgram),
      description: lazy(() => `${info().pname}`),
      available: true,
      broken: false,
      insecure: false,
      unfree: false,
    });
    const entries: Record<string, Lazy> = {
      type: "derivation",
      outPath,
      name: lazy(() => info().name),
      pname: lazy(() => info().pname),
      version: lazy(() => info().version),
      drvPath: lazy(() => `${force(outPath) as string}.drv`),
      system: this.ctx.st.system,
      outputName: "out",
      outputs: lazy(() => [...info().outputs]),
      meta,
      passthru: NixAttrs.empty,
      __functor: prim("package", 2, ([, arg]) => this.refValue(applyRef(ref, arg!))),
    };
    const map = AutoMap.of(entries, autoName, (n) => lazy(() => this.refValue(selectRef(ref, n))));
    const value = new NixAttrs(map);
    map.set(
      "all",
      lazy(() => [value]),
    );
    this.refValues.set(ref, value);
    this.ctx.register(value, ref);
    return value;
  }

  /** `callPackage fn args` in our evaluator: `fn` (a path is imported) called with its named arguments from the set and `args`. */
  private callPackage(fnL: Lazy, argsL: Lazy, final: () => NixAttrs): Value {
    let fn = force(fnL);
    if (fn instanceof NixPath) fn = this.ctx.st.evalFile(fn.path);
    const given = forceAttrs(argsL);
    const wanted = forceAttrs(call(select(select(this.ctx.lib, "trivial"), "functionArgs") as Lazy, fn));
    const pkgs = final();
    const m = new Map<string, Lazy>();
    for (const [name, hasDefault] of wanted.map) {
      const v = given.get(name) ?? (pkgs.has(name) ? pkgs.get(name) : undefined);
      if (v !== undefined) m.set(name, v);
      else if (force(hasDefault) !== true)
        m.set(
          name,
          lazy(() => force(select(pkgs, name))),
        );
    }
    for (const [k, v] of given.map) m.set(k, v);
    return call(fn, new NixAttrs(m));
  }
}

/**
 * The set `prev` extended by an overlay's result `ext`: a name the overlay
 * defines comes from it, any other from `prev`. Listing the names (for
 * `attrNames pkgs`) lists the names known so far.
 */
class LayerMap extends Map<string, Lazy> implements OpenAttrsMap {
  private done = false;

  constructor(
    private readonly prev: NixAttrs,
    private readonly ext: Lazy,
  ) {
    super();
  }

  private extAttrs(): NixAttrs {
    return forceAttrs(this.ext);
  }

  /** `set // upper`, keeping the names of the layers below reachable (see `AutoMap`). */
  [UPDATE_WITH](upper: NixAttrs): Map<string, Lazy> {
    return new LayerMap(new NixAttrs(this), upper);
  }

  /** `lower // set`, the same with this set on top. */
  [UPDATE_UNDER](lower: NixAttrs): Map<string, Lazy> {
    return new LayerMap(lower, new NixAttrs(this));
  }

  override get(name: string): Lazy | undefined {
    const own = super.get(name);
    if (own !== undefined) return own;
    const v = this.extAttrs().get(name) ?? this.prev.get(name);
    if (v !== undefined) super.set(name, v);
    return v;
  }

  override has(name: string): boolean {
    return super.has(name) || this.extAttrs().has(name) || this.prev.has(name);
  }

  private fill(): void {
    if (this.done) return;
    this.done = true;
    for (const [k, v] of this.prev.map) if (!super.has(k)) super.set(k, v);
    for (const [k, v] of this.extAttrs().map) super.set(k, v);
  }

  override get size(): number {
    this.fill();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override entries(): MapIterator<[string, Lazy]> {
    this.fill();
    return super.entries();
  }

  override values(): MapIterator<Lazy> {
    this.fill();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Lazy]> {
    this.fill();
    return super[Symbol.iterator]();
  }

  override forEach(cb: (v: Lazy, k: string, m: Map<string, Lazy>) => void): void {
    this.fill();
    super.forEach(cb);
  }
}

/** The overlays of a `nixpkgs.overlays`-like value (a list of functions). */
export function overlayList(l: Lazy | undefined): Lazy[] {
  return l === undefined ? [] : forceList(l).slice();
}
