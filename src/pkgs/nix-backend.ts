/**
 * The Nix backend: packages come from real Nix, against the nixpkgs tree the
 * configuration names (`<nixpkgs>`, `import <nixpkgs-unstable> {}`).
 *
 * An evaluation never waits for Nix. Each reference is looked up in a cache
 * keyed by (nixpkgs identity, configuration, expression); a miss answers
 * with a placeholder and is remembered. After the evaluation, if anything
 * missed, every package the evaluation used is resolved by one `nix-build`
 * of a small manifest derivation whose inputs are those packages: building
 * it realises them, its output lists their out paths and attributes, and the
 * `--out-link` it leaves in our state directory is the GC root that keeps
 * them alive. The evaluation then runs again and finds everything in the
 * cache, so an unchanged configuration calls Nix zero times.
 */
import { spawnSync } from "node:child_process";
import { NixError } from "../nix/errors.js";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  nameWithoutVersion,
  placeholderFor,
  relevantProblems,
  type Backend,
  type PackageFacts,
  type PackageInfo,
  type PackageProblem,
} from "./backend.js";
import { attrPathOf, describeRef, lastName, rootOf, type Ref } from "./ref.js";
import { ExprError, ExprWriter, nixString, setNameFor, type ExprContext } from "./nix-expr.js";
import { OUTPUT_NAMES } from "./stub-backend.js";

interface CachedPackage extends PackageInfo {
  readonly outPath: string;
  /** Was it realised (else only its attributes were read)? */
  readonly built: boolean;
  /** The nixpkgs has no such attribute (remembered, so the next evaluation reports it without calling Nix). */
  readonly missing?: true;
}

interface CacheFile {
  readonly version: 1;
  entries: Record<string, CachedPackage>;
}

/** The on-disk cache of resolved packages. */
export class PackageCache {
  private data: CacheFile | undefined;

  constructor(readonly file: string) {}

  private load(): CacheFile {
    if (this.data !== undefined) return this.data;
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as CacheFile;
      if (parsed.version === 1 && typeof parsed.entries === "object") return (this.data = parsed);
    } catch {
      // missing or unreadable: start afresh
    }
    return (this.data = { version: 1, entries: {} });
  }

  get(key: string): CachedPackage | undefined {
    return this.load().entries[key];
  }

  putAll(entries: Iterable<[string, CachedPackage]>): void {
    const d = this.load();
    for (const [k, v] of entries) d.entries[k] = v;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(d));
    fs.renameSync(tmp, this.file);
  }
}

/** A package set as Nix must import it. */
export interface NixSetDesc {
  /** The nixpkgs tree. */
  readonly dir: string;
  readonly label: string;
  /** Identifies the tree's contents (its store path, or a hash of it). */
  readonly identity: string;
  /** The configuration as a Nix expression (`{ allowUnfree = true; }`). */
  readonly configExpr: string;
}

export interface NixBackendOptions {
  readonly cache: PackageCache;
  /** The set of an id (throws a user-facing error when there is no nixpkgs). */
  readonly set: (id: number) => NixSetDesc;
  readonly exprContext: Omit<ExprContext, "setName" | "outPaths">;
  /** `nix-build` to run. */
  readonly nixBuild: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where GC roots of resolved packages go. */
  readonly gcRootDir: string;
  readonly currentOption: () => string | undefined;
  readonly facts?: PackageFacts | undefined;
  /** Extra arguments for Nix (`--show-trace`, `--option k v`). */
  readonly nixArgs: readonly string[];
}

interface Use {
  readonly ref: Ref;
  readonly set: number;
  /** The cache key. */
  readonly key: string;
  readonly expr: string;
  readonly option: string | undefined;
  /** Out path given while unresolved (unique per package, so the outputs tell whether it was used). */
  readonly placeholder: string;
  /** Its out path was asked for and the cache could not answer. */
  missedBuild: boolean;
  /** Its attributes were asked for and the cache could not answer. */
  missedMeta: boolean;
}

export class NixBackend implements Backend {
  readonly name = "nix";
  readonly nativeCallPackage = false;
  readonly problems: PackageProblem[] = [];
  /** References looked up in this evaluation, by cache key. */
  private readonly uses = new Map<string, Use>();
  /** Known out paths → package expressions (strings embedding them become interpolations). */
  private readonly outPaths = new Map<string, string>();
  private readonly writer: ExprWriter;
  private readonly exprs = new WeakMap<Ref, { key: string; expr: string } | ExprError>();
  /** Number of `nix-build` calls made (for `--verbose` and tests). */
  calls = 0;

  constructor(private readonly o: NixBackendOptions) {
    this.writer = new ExprWriter({
      ...o.exprContext,
      setName: (id) => setNameFor(this.setKey(id)),
      outPaths: this.outPaths,
    });
  }

  private setKey(id: number): string {
    const s = this.o.set(id);
    return `${s.identity}\n${s.configExpr}`;
  }

  /** The cache key and expression of a reference, or the reason it cannot be written. */
  private exprOf(r: Ref, set: number): { key: string; expr: string } | ExprError {
    const known = this.exprs.get(r);
    if (known !== undefined) return known;
    let result: { key: string; expr: string } | ExprError;
    try {
      const expr = this.writer.ref(r);
      result = { key: `${this.setKey(set)}\n${expr}`, expr };
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      result = e;
    }
    this.exprs.set(r, result);
    return result;
  }

  /** The cached answer for a reference, or its use's placeholder when there is none (recorded as a miss). */
  private lookup(r: Ref, set: number, build: boolean): CachedPackage | string {
    const e = this.exprOf(r, set);
    if (e instanceof ExprError) {
      const placeholder = placeholderFor(describeRef(r), this.guessName(r));
      this.problem(r, `it cannot be passed to Nix: ${e.message}.`, build ? placeholder : undefined);
      return placeholder;
    }
    let use = this.uses.get(e.key);
    if (use === undefined) {
      use = {
        ref: r,
        set,
        key: e.key,
        expr: e.expr,
        option: this.o.currentOption(),
        placeholder: placeholderFor(e.key, this.guessName(r)),
        missedBuild: false,
        missedMeta: false,
      };
      this.uses.set(e.key, use);
    }
    const hit = this.o.cache.get(e.key);
    if (hit?.missing === true) {
      this.problem(r, `there is no such package in ${this.o.set(set).label}.`, build ? use.placeholder : undefined, use.option);
      return use.placeholder;
    }
    if (hit !== undefined && (!build || (hit.built && fs.existsSync(hit.outPath)))) {
      if (hit.built) {
        this.outPaths.set(hit.outPath, e.expr);
        this.o.facts?.exists(hit.outPath);
      }
      return hit;
    }
    if (build) use.missedBuild = true;
    else use.missedMeta = true;
    return use.placeholder;
  }

  private problem(r: Ref, message: string, placeholder: string | undefined, option = this.o.currentOption()): void {
    const asker = option === undefined ? "" : ` (asked for by the option \`${option}')`;
    this.problems.push({ ref: r, option, placeholder, message: `\`${describeRef(r)}'${asker}: ${message}` });
  }

  private guessName(r: Ref): string {
    let name = lastName(r) ?? "package";
    const p = attrPathOf(r);
    if (p !== undefined) {
      while (p.length > 1 && OUTPUT_NAMES.has(p[p.length - 1]!)) p.pop();
      name = p[p.length - 1] ?? name;
    }
    return name;
  }

  outPath(r: Ref, set: number): string {
    // A function's parameter, read while the function is written for Nix: using it as a value means
    // the function needs the real argument (the writer then hands the function over as text).
    if (rootOf(r) === undefined) throw new NixError("eval", `the function uses ${describeRef(r)} as a value`);
    const found = this.lookup(r, set, true);
    return typeof found === "string" ? found : found.outPath;
  }

  info(r: Ref, set: number): PackageInfo {
    if (rootOf(r) === undefined) throw new NixError("eval", `the function reads the attributes of ${describeRef(r)}`);
    const found = this.lookup(r, set, false);
    if (typeof found !== "string") return found;
    const n = this.guessName(r);
    return { name: n, pname: n, version: "", mainProgram: n, outputs: ["out"] };
  }

  /** The uses Nix must answer for outputs described by `haystack`: attributes read, or out paths that the outputs contain. */
  private pending(haystack: string | undefined): Use[] {
    return [...this.uses.values()].filter(
      (u) => u.missedMeta || (u.missedBuild && (haystack === undefined || haystack.includes(u.placeholder))),
    );
  }

  /** Did the evaluation use packages the cache does not have (so `resolve` and another evaluation are needed)? */
  needsResolve(haystack: string | undefined): boolean {
    return this.pending(haystack).length > 0 && relevantProblems(this.problems, haystack).length === 0;
  }

  /**
   * Resolve every package this evaluation used with one `nix-build`, fill
   * the cache, and keep the results alive with a GC root. Packages Nix does
   * not have become problems.
   */
  resolve(haystack: string | undefined): void {
    const uses = this.pending(haystack);
    if (uses.length === 0) return;
    // Realised only if the outputs refer to them; otherwise their attributes are enough.
    // Also realised: an out path asked for while the package's attributes were unknown too, since what
    // the configuration does with it may depend on them (`glibcLocales` by its version) — saves a pass.
    const build = (u: Use) => u.missedBuild && (haystack === undefined || haystack.includes(u.placeholder) || u.missedMeta);
    const sets = new Map<number, NixSetDesc>();
    for (const u of uses) if (!sets.has(u.set)) sets.set(u.set, this.o.set(u.set));
    // One binding per distinct set (two imports of one tree with one configuration are the same set).
    const bindings = new Map<string, string>();
    for (const [id, s] of sets) {
      const name = setNameFor(this.setKey(id));
      bindings.set(name, `  ${name} = import (/. + ${nixString(s.dir)}) { config = ${s.configExpr}; overlays = [ ]; };`);
    }
    const items = uses.map((u) => {
      const guard = this.guard(u.ref);
      const item = `(info ${build(u) ? "true" : "false"} (${u.expr}))`;
      return guard === undefined ? item : `(if ${guard} then ${item} else { missing = true; })`;
    });
    const expr = [
      "let",
      ...bindings.values(),
      '  name = p: p.name or "";',
      "  split = p: builtins.parseDrvName (name p);",
      "  info = build: p: {",
      "    name = name p;",
      "    pname = p.pname or (split p).name;",
      "    version = p.version or (split p).version;",
      "    mainProgram = p.meta.mainProgram or (p.pname or (split p).name);",
      '    outputs = p.outputs or [ "out" ];',
      // Not `outPath`: `toJSON` would write such a set as that string.
      '    path = if build then "${p}" else builtins.unsafeDiscardStringContext "${p}";',
      "  };",
      "  items = [",
      ...items.map((i) => `    ${i}`),
      "  ];",
      "in derivation {",
      '  name = "home-manager-packages";',
      "  system = builtins.currentSystem;",
      '  builder = "/bin/sh";',
      `  args = [ "-c" ${nixString('while IFS= read -r line || [ -n "$line" ]; do printf \'%s\\n\' "$line"; done < "$manifestPath" > "$out"')} ];`,
      "  manifest = builtins.toJSON items;",
      '  passAsFile = [ "manifest" ];',
      // Built here in a moment: never worth asking a binary cache for.
      "  allowSubstitutes = false;",
      "  preferLocalBuild = true;",
      "}",
      "",
    ].join("\n");
    const hash = createHash("sha256").update(expr).digest("hex").slice(0, 16);
    fs.mkdirSync(this.o.gcRootDir, { recursive: true });
    const link = path.join(this.o.gcRootDir, `packages-${hash}`);
    this.calls++;
    const r = spawnSync(this.o.nixBuild, ["--expr", expr, "--out-link", link, ...this.o.nixArgs], {
      env: this.o.env as NodeJS.ProcessEnv,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error !== undefined || r.status !== 0) {
      const detail = (r.stderr ?? String(r.error ?? "")).trim().split("\n").slice(-30).join("\n");
      throw new NixCallError(
        `Nix could not build the packages of this configuration (nix-build exited with ${r.status ?? "an error"}):\n${detail}`,
      );
    }
    const manifest = fs.readFileSync(r.stdout.trim().split("\n").pop()!, "utf8");
    const results = JSON.parse(manifest) as ({ missing: true } | (PackageInfo & { path: string }))[];
    const fresh: [string, CachedPackage][] = [];
    uses.forEach((u, i) => {
      const res = results[i]!;
      const key = u.key;
      if ("missing" in res) {
        fresh.push([key, { name: "", pname: "", version: "", mainProgram: "", outputs: [], outPath: "", built: false, missing: true }]);
        return;
      }
      const { path: outPath, ...info } = res;
      fresh.push([key, { ...info, outPath, pname: info.pname || nameWithoutVersion(info.name), built: build(u) }]);
    });
    this.o.cache.putAll(fresh);
  }

  /** `s ? a.b.c` for a reference made of selections (so a missing package is reported by name, not as a Nix error). */
  private guard(r: Ref): string | undefined {
    const p = attrPathOf(r);
    // An output (`pkgs.git.man`) is written as `x.man or x.out or x` (see nix-expr.ts): only the package must exist.
    while (p !== undefined && p.length > 1 && OUTPUT_NAMES.has(p[p.length - 1]!)) p.pop();
    if (p === undefined || p.length === 0) return undefined;
    let root: Ref = r;
    while (root.kind === "select") root = root.of;
    return `(${this.writer.ref(root)} ? ${p.map((n) => (/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(n) ? n : nixString(n))).join(".")})`;
  }
}

/** `nix-build` failed; the message is for the user. */
export class NixCallError extends Error {}
