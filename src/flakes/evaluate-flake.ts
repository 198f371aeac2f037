/**
 * Flakes evaluated by our evaluator, as Nix evaluates them: `flake.nix` is
 * read, its `inputs` are resolved (through `flake.lock` for what is not on
 * this machine, see `fetch-input.ts`), and `outputs` is called with every
 * input plus `self`. Each input is the input flake's outputs together with
 * `outPath`, `sourceInfo`, `inputs`, `outputs`, `lastModified`, `narHash`, …
 * (or only the source attributes, for `flake = false`). Two inputs are
 * provided natively, never fetched: Home Manager (this program: its `lib`
 * with `homeManagerConfiguration` and `hm`, see `home-manager-flake.ts`) and
 * any nixpkgs tree (its `lib` is ours and `legacyPackages.<system>` is a
 * package set of the package layer, as `import <nixpkgs> {}` is). Local
 * sources are used in place rather than copied into the store, so errors
 * name the user's files and lines.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { forceAttrs } from "../nix/ops.js";
import type { EvalState } from "../nix/state.js";
import { force, NixAttrs, NixString, type Lazy, type Value } from "../nix/values.js";
import { attrs, call, functionArgsOf, lazy, nixThrow, updateAttrs } from "../module-system/nix-values.js";
import { FetchError, fetchLocked, fetchWithNix, type FetchContext, type Source } from "./fetch-input.js";
import { describe, flakeRefOfAttrs, isHomeManagerRef, localDir, parseFlakeRef, type FlakeAttrs, type FlakeRef } from "./flake-ref.js";
import { inputOf, lockedAttrs, lockFileText, nodeAt, parseLockFile, withInput, type LockFile } from "./lock-file.js";

export class FlakeError extends Error {}

export interface FlakeHost {
  readonly st: EvalState;
  readonly fetch: FetchContext;
  /** `inputs.home-manager`: this program as a flake. */
  homeManager(info: Source): NixAttrs;
  /** A nixpkgs tree as a flake (undefined when `dir` is not one). */
  nixpkgs(info: Source): NixAttrs | undefined;
  /** `--override-input NAME REF` (top-level inputs). */
  readonly overrides: ReadonlyMap<string, string>;
  /** Lock file flags (`--update-input NAME`, `--recreate-lock-file`, `--no-write-lock-file`, `--no-update-lock-file`). */
  readonly lockFlags: readonly string[];
  /** Where a notice goes at once (changes to `flake.lock`), even from an evaluation pass that is run again. */
  readonly notice: (line: string) => void;
}

/** An input as `flake.nix` declares it. */
interface InputSpec {
  readonly ref?: FlakeRef;
  readonly follows?: readonly string[];
  readonly flake: boolean;
  /** Overrides of the input's own inputs (`inputs.x.inputs.nixpkgs.follows = "nixpkgs"`). */
  readonly inputs: ReadonlyMap<string, InputSpec>;
}

function strOf(v: Value, what: string): string {
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  throw new FlakeError(`${what} must be a string`);
}

function specOf(st: EvalState, l: Lazy, base: string, where: string): InputSpec {
  const v = force(l);
  if (typeof v === "string" || v instanceof NixString) return { ref: parseFlakeRef(strOf(v, where), base), flake: true, inputs: new Map() };
  if (!(v instanceof NixAttrs)) throw new FlakeError(`${where} must be an attribute set`);
  let ref: FlakeRef | undefined;
  let follows: string[] | undefined;
  let flake = true;
  const nested = new Map<string, InputSpec>();
  const refAttrs: Record<string, string | number | boolean> = {};
  for (const name of v.sortedNames()) {
    const x = force(v.get(name)!);
    if (name === "url") ref = parseFlakeRef(strOf(x, `${where}.url`), base);
    else if (name === "follows")
      follows = strOf(x, `${where}.follows`)
        .split("/")
        .filter((s) => s !== "");
    else if (name === "flake") flake = x === true;
    else if (name === "inputs") {
      const ins = forceAttrs(x);
      for (const n of ins.sortedNames()) nested.set(n, specOf(st, ins.get(n)!, base, `${where}.inputs.${n}`));
    } else if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") refAttrs[name] = x;
    else if (x instanceof NixString) refAttrs[name] = x.s;
    else if (typeof x === "bigint") refAttrs[name] = Number(x);
  }
  if (ref === undefined && refAttrs.type !== undefined) ref = flakeRefOfAttrs(refAttrs, base);
  return { ...(ref !== undefined ? { ref } : {}), ...(follows !== undefined ? { follows } : {}), flake, inputs: nested };
}

/** Attribute values of a source's `sourceInfo`. */
export function infoAttrs(src: Source): Record<string, Lazy> {
  const out: Record<string, Lazy> = {};
  for (const [k, v] of Object.entries(src.info)) out[k] = typeof v === "number" ? BigInt(v) : v;
  const lm = typeof src.info.lastModified === "number" ? src.info.lastModified : 0;
  out.lastModifiedDate = new Date(lm * 1000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  out.lastModified = BigInt(lm);
  out.outPath = src.dir;
  return out;
}

/** One flake being loaded: its directory, its lock context and the inputs it has resolved. */
interface Loaded {
  readonly value: Lazy;
  readonly inputs: NixAttrs;
}

export class FlakeLoader {
  private lock: LockFile | undefined;
  private lockFile = "";
  private readonly updateInputs: ReadonlySet<string>;
  private root: Loaded | undefined;

  constructor(private readonly host: FlakeHost) {
    const f = host.lockFlags;
    this.updateInputs = new Set(f.flatMap((x, i) => (x === "--update-input" && f[i + 1] !== undefined ? [f[i + 1]!] : [])));
  }

  /** The root flake named by `ref` (a `--flake` argument or the configuration directory). */
  loadRoot(ref: FlakeRef): NixAttrs {
    const local = localDir(ref);
    const src: Source = local !== undefined ? { dir: local, info: {} } : this.fetchRoot(ref);
    const dir = path.join(src.dir, ref.dir);
    this.lockFile = path.join(dir, "flake.lock");
    this.readLock();
    this.root = this.load(dir, src, [], new Map(), true);
    return forceAttrs(this.root.value);
  }

  private fetchRoot(ref: FlakeRef): Source {
    try {
      return fetchWithNix(ref.attrs, this.host.fetch);
    } catch (e) {
      if (e instanceof FetchError) throw new FlakeError(e.message);
      throw e;
    }
  }

  private readLock(): void {
    const io = this.host.st.io;
    if (this.host.lockFlags.includes("--recreate-lock-file")) this.lock = undefined;
    else
      this.lock =
        io.fileType(this.lockFile) === "regular" ? parseLockFile(io.readFile(this.lockFile).toString("utf8"), this.lockFile) : undefined;
  }

  /**
   * Lock a top-level input that `flake.lock` does not have: Nix fetches the
   * reference as it stands (`nix flake lock` would fetch every input,
   * Home Manager's own included, which is not needed here), and the result
   * is recorded in `flake.lock` in Nix's format — unless
   * `--no-write-lock-file` (nothing written) or `--no-update-lock-file`
   * (an error) says otherwise.
   */
  private lockInput(name: string, ref: FlakeRef, where: string): Source {
    const flags = this.host.lockFlags;
    if (flags.includes("--no-update-lock-file"))
      throw new FlakeError(
        `the flake input ${where} (${describe(ref.attrs)}) is not locked in ${this.lockFile}, and --no-update-lock-file forbids adding it`,
      );
    let src: Source;
    try {
      src = fetchWithNix(ref.attrs, this.host.fetch);
    } catch (e) {
      if (e instanceof FetchError) throw new FlakeError(`the flake input ${where} is not locked in ${this.lockFile}; ${e.message}`);
      throw e;
    }
    if (!flags.includes("--no-write-lock-file")) {
      const locked = lockedAttrs(ref.attrs, src.info);
      const creating = this.lock === undefined;
      this.lock = withInput(this.lock, name, { locked, original: ref.attrs });
      fs.writeFileSync(this.lockFile, lockFileText(this.lock));
      const rev = typeof locked.rev === "string" ? ` at ${locked.rev.slice(0, 12)}` : "";
      const when = typeof locked.lastModified === "number" ? ` (${new Date(locked.lastModified * 1000).toISOString().slice(0, 10)})` : "";
      this.host.notice(
        `warning: ${creating ? "creating" : "updating"} lock file '${this.lockFile}': locked the input '${name}' to '${describe(ref.attrs)}'${rev}${when}`,
      );
    }
    return src;
  }

  /**
   * Load the flake in `dir`. `lockPath` is the path of input names from the
   * root to this flake (its node in `flake.lock`); `overrides` are the
   * parent's `inputs.<this>.inputs.*` declarations.
   */
  private load(dir: string, src: Source, lockPath: readonly string[], overrides: ReadonlyMap<string, InputSpec>, isRoot: boolean): Loaded {
    const st = this.host.st;
    const file = path.join(dir, "flake.nix");
    if (st.io.fileType(file) === null) throw new FlakeError(`path '${file}' does not exist: '${dir}' is not a flake`);
    const top = forceAttrs(st.evalFile(file));
    const outputsFn = top.get("outputs");
    if (outputsFn === undefined) throw new FlakeError(`flake '${dir}' lacks attribute 'outputs'`);
    const declared = new Map<string, InputSpec>();
    const ins = top.get("inputs");
    if (ins !== undefined) {
      const a = forceAttrs(ins);
      for (const n of a.sortedNames()) declared.set(n, specOf(st, a.get(n)!, dir, `inputs.${n}`));
    }
    // Inputs named only as arguments of `outputs` are registry references (`nixpkgs`, `home-manager`).
    for (const n of functionArgsOf(force(outputsFn)).sortedNames())
      if (n !== "self" && !declared.has(n)) declared.set(n, { ref: parseFlakeRef(n, dir), flake: true, inputs: new Map() });
    for (const [n, o] of overrides) declared.set(n, { ...(declared.get(n) ?? { flake: true, inputs: new Map() }), ...o });
    if (isRoot)
      for (const [n, r] of this.host.overrides)
        declared.set(n, {
          ...(declared.get(n) ?? { flake: true, inputs: new Map() }),
          ref: parseFlakeRef(r, process.cwd()),
          follows: undefined as never,
        });

    const inputEntries: [string, Lazy][] = [...declared].map(([name, spec]) => [name, lazy(() => this.input(name, spec, dir, lockPath))]);
    const inputs = attrs(inputEntries);
    const info = infoAttrs(src);
    info.outPath = dir;
    const sourceInfo = attrs(info);
    let out: NixAttrs | undefined;
    // `outputs` receives `self` unevaluated: the outputs with the source attributes on top.
    const outputs = (): NixAttrs => (out ??= forceAttrs(call(outputsFn, updateAttrs(inputs, attrs({ self })))));
    const base = attrs({ ...info, _type: "flake", inputs, sourceInfo, outputs: lazy(() => outputs()) });
    const self: Lazy = lazy(() => updateAttrs(outputs(), base));
    return { value: self, inputs };
  }

  /** The value of input `name` declared by the flake in `dir` (whose lock node is at `lockPath`). */
  private input(name: string, spec: InputSpec, dir: string, lockPath: readonly string[]): Value {
    if (spec.follows !== undefined) return force(this.byPath(spec.follows));
    const ref = spec.ref ?? parseFlakeRef(name, dir);
    const where = lockPath.length === 0 ? `'${name}'` : `'${[...lockPath, name].join("/")}'`;
    if (isHomeManagerRef(ref)) return this.host.homeManager({ dir: "", info: {} });
    const local = localDir(ref);
    if (local !== undefined && this.isHomeManagerTree(local)) return this.host.homeManager({ dir: local, info: {} });
    const src = this.sourceOf(name, ref, lockPath, where);
    if (!spec.flake) return attrs(infoAttrs(src));
    const nixpkgs = this.host.nixpkgs(src);
    if (nixpkgs !== undefined) return nixpkgs;
    return force(this.load(path.join(src.dir, ref.dir), src, [...lockPath, name], spec.inputs, false).value);
  }

  private sourceOf(name: string, ref: FlakeRef, lockPath: readonly string[], where: string): Source {
    const local = localDir(ref);
    if (local !== undefined) return { dir: local, info: {} };
    const node = (): FlakeAttrs | undefined => {
      if (this.lock === undefined) return undefined;
      const parent = nodeAt(this.lock, lockPath);
      const key = parent === undefined ? undefined : inputOf(this.lock, parent, name);
      const n = key === undefined ? undefined : this.lock.nodes[key];
      if (n?.locked === undefined) return undefined;
      // A lock entry for another reference than the one declared now is stale; `--update-input NAME` ignores it too.
      if (n.original !== undefined && lockPath.length === 0 && !sameRef(n.original, ref.attrs)) return undefined;
      if (lockPath.length === 0 && this.updateInputs.has(name)) return undefined;
      return n.locked;
    };
    const locked = node();
    if (locked === undefined) {
      if (lockPath.length === 0) return this.lockInput(name, ref, where);
      try {
        return fetchWithNix(ref.attrs, this.host.fetch);
      } catch (e) {
        if (e instanceof FetchError) throw new FlakeError(`flake input ${where}: ${e.message}`);
        throw e;
      }
    }
    try {
      return fetchLocked(locked, this.host.fetch);
    } catch (e) {
      if (e instanceof FetchError) throw new FlakeError(`flake input ${where}: ${e.message}`);
      throw e;
    }
  }

  /**
   * A Home Manager source tree given as a local input (`--override-input
   * home-manager ~/devel/home-manager`): this program stands in for it, with
   * a warning, since its Nix modules are not what this program evaluates.
   */
  private isHomeManagerTree(dir: string): boolean {
    const io = this.host.st.io;
    const has = (f: string) => io.fileType(path.join(dir, f)) !== null;
    if (!has("flake.nix") || !has("modules/home-environment.nix") || !has("home-manager/home-manager.nix")) return false;
    this.host.notice(
      `warning: the input '${dir}' is a Home Manager source tree; this program provides Home Manager itself and does not evaluate that tree's modules`,
    );
    return true;
  }

  /** An input reached by a `follows` path from the root flake. */
  private byPath(names: readonly string[]): Lazy {
    if (this.root === undefined) throw new FlakeError("'follows' used before the root flake was loaded");
    if (names.length === 0) return this.root.value;
    let cur: NixAttrs = this.root.inputs;
    let v: Lazy | undefined;
    for (let i = 0; i < names.length; i++) {
      v = cur.get(names[i]!);
      if (v === undefined) throw nixThrow(`input '${names.slice(0, i + 1).join("/")}' (a 'follows' target) does not exist`);
      if (i < names.length - 1) cur = forceAttrs(forceAttrs(v).get("inputs") ?? NixAttrs.empty);
    }
    return v!;
  }
}

function canonical(a: FlakeAttrs): string {
  return JSON.stringify(
    Object.entries(a)
      .filter(([k]) => k !== "dir")
      .sort(([x], [y]) => (x < y ? -1 : 1)),
  );
}

function sameRef(original: FlakeAttrs, declared: FlakeAttrs): boolean {
  return canonical(original) === canonical(declared);
}
