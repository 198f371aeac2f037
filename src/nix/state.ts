/**
 * EvalState: one evaluation session. It owns the I/O interface, the store, the
 * search path, the base scope (builtins), the parse and import caches and the
 * path-to-store copy cache. Everything an evaluation touches outside pure
 * values goes through here, so two states never share mutable data.
 */
import type * as ast from "./ast.js";
import { ALL_BUILTINS } from "./builtins/index.js";
import { BuiltinRegistry } from "./builtins/registry.js";
import type { CoercionHost } from "./coerce.js";
import { Compiler, Scope } from "./compile.js";
import { NixError, renderWarning } from "./errors.js";
import { nodeIO, type EvalIO } from "./io.js";
import { callLimits } from "./ops.js";
import { parse } from "./parser.js";
import { baseNameOf } from "./paths.js";
import { Source, type Span } from "./source.js";
import { ComputingStore } from "./store/computing-store.js";
import type { Store } from "./store/store.js";
import { asNixError, Env, NixAttrs, Thunk, force, type Lazy, type Value } from "./values.js";

export interface SearchPathEntry {
  /** The `prefix` of `prefix=path`, or "" for a bare path. */
  readonly prefix: string;
  readonly path: string;
}

export interface EvalOptions {
  io?: EvalIO;
  store?: Store;
  /** `-I` entries first, then `NIX_PATH`'s. */
  searchPath?: SearchPathEntry[];
  /** `builtins.currentSystem`. */
  system?: string;
  /** Directory for relative paths in `-E` expressions and stdin. */
  baseDir?: string;
  /** Pure evaluation: no `getEnv`, `currentTime`, `currentSystem`, unlisted paths. */
  pure?: boolean;
  /** Enabled experimental features (e.g. `pipe-operators`). */
  features?: string[];
  /** Turn `warn` into errors (`--abort-on-warn`). */
  abortOnWarn?: boolean;
  /**
   * Values that `import` returns for given absolute file paths instead of
   * evaluating them (e.g. our TypeScript `lib` in place of nixpkgs' `lib/default.nix`).
   */
  importOverrides?: Map<string, Lazy>;
  /** Nix's `max-call-depth` (default 10000). */
  maxCallDepth?: number;
  /** Lints (`--lint-absolute-path-literals warn`, …) by name without the `lint-` prefix. */
  lints?: Map<string, "warn" | "fatal">;
}

export const NIX_VERSION = "2.31.0";
export const LANG_VERSION = 6n;

export class EvalState implements CoercionHost {
  readonly io: EvalIO;
  readonly store: Store;
  readonly searchPath: SearchPathEntry[];
  readonly system: string;
  readonly baseDir: string;
  readonly pure: boolean;
  readonly features: Set<string>;
  readonly abortOnWarn: boolean;
  readonly lints: Map<string, "warn" | "fatal">;
  readonly importOverrides: Map<string, Lazy>;
  /**
   * Consulted for each file `import` is about to evaluate (after overrides):
   * a value replaces the file's evaluation (the package layer answers
   * `import <nixpkgs>` with its package set this way).
   */
  importHook: ((file: string) => Value | undefined) | undefined;
  /** Told when the evaluation depends on something it cannot record (a fetch through real Nix). */
  onImpure: ((what: string) => void) | undefined;
  readonly compiler: Compiler;
  readonly builtins: NixAttrs;
  readonly baseScope: Scope;
  readonly baseEnv: Env;
  private readonly importCache = new Map<string, Value>();
  private readonly parseCache = new Map<string, ast.Expr>();
  private readonly storeCopies = new Map<string, string>();

  constructor(opts: EvalOptions = {}) {
    this.io = opts.io ?? nodeIO;
    this.store = opts.store ?? new ComputingStore();
    this.searchPath = opts.searchPath ?? [];
    this.system = opts.system ?? defaultSystem();
    this.baseDir = opts.baseDir ?? process.cwd();
    this.pure = opts.pure ?? false;
    this.features = new Set(opts.features ?? []);
    this.abortOnWarn = opts.abortOnWarn ?? false;
    this.lints = opts.lints ?? new Map();
    this.importOverrides = opts.importOverrides ?? new Map();
    callLimits.max = opts.maxCallDepth ?? 10000;
    this.compiler = new Compiler(this);

    const reg = new BuiltinRegistry();
    for (const group of ALL_BUILTINS) group(reg, this);
    const builtinsMap = new Map(reg.builtins);
    this.builtins = new NixAttrs(builtinsMap);
    builtinsMap.set("builtins", this.builtins);
    const globals = new Map<string, Lazy>(reg.globals);
    globals.set("builtins", this.builtins);
    globals.set("true", true);
    globals.set("false", false);
    globals.set("null", null);
    const names = new Map<string, number>();
    const vals: Lazy[] = [];
    for (const [k, v] of globals) {
      names.set(k, vals.length);
      vals.push(v);
    }
    this.baseScope = new Scope(names, null);
    this.baseEnv = new Env(vals, null);
  }

  /** Parse a source (cached per file path). */
  parse(src: Source): ast.Expr {
    const lint = (name: string) => this.lints.get(name) ?? "ignore";
    return parse(src, {
      pipeOperators: this.features.has("pipe-operators"),
      lintUrlLiterals: lint("url-literals"),
      lintShortPathLiterals: lint("short-path-literals"),
      lintAbsolutePathLiterals: lint("absolute-path-literals"),
      pureEval: this.pure,
      warn: (message, span) => this.io.printErr(renderWarning(message, span).replace(/\n$/, "")),
    });
  }

  /** Evaluate an expression text to weak head normal form. */
  evalString(text: string, name = "«string»"): Value {
    const src = new Source(name, text, false);
    return this.evalSource(src);
  }

  /** Evaluate a parsed source in the base scope. */
  evalSource(src: Source): Value {
    return this.evalExpr(this.parse(src));
  }

  /** Compile and evaluate an expression in the base scope (used by `import` and the CLI). */
  evalExpr(expr: ast.Expr): Value {
    try {
      return this.compiler.code(expr, this.baseScope)(this.baseEnv);
    } catch (e) {
      throw asNixError(e);
    }
  }

  /** Evaluate a file as `import` does: `default.nix` for directories, cached per path. */
  evalFile(path: string, s?: Span): Value {
    if (this.importOverrides.size > 0) {
      const o = this.importOverrides.get(path) ?? this.importOverrides.get(`${path}/default.nix`);
      if (o !== undefined) return force(o);
    }
    const file = this.resolveImportPath(path, s);
    const override = this.importOverrides.get(file);
    if (override !== undefined) return force(override);
    if (this.importHook !== undefined) {
      const hooked = this.importHook(file);
      if (hooked !== undefined) {
        this.importCache.set(file, hooked);
        return hooked;
      }
    }
    const cached = this.importCache.get(file);
    if (cached !== undefined) return cached;
    // The import cache keeps the value; a syntax tree kept in the parse cache
    // too would stay alive for the whole run, unused.
    const expr = this.parseFile(file, s, false);
    const v = this.evalExpr(expr);
    this.importCache.set(file, v);
    return v;
  }

  /** Parse a file, for `import` and `scopedImport` (cached if `keep`, for the next `scopedImport`). */
  parseFile(file: string, s?: Span, keep = true): ast.Expr {
    let expr = this.parseCache.get(file);
    if (!expr) {
      let text: string;
      try {
        text = this.io.readFile(file).toString("utf8");
      } catch (e) {
        throw new NixError("io", `opening file '${file}': ${errnoMessage(e)}`, s);
      }
      expr = this.parse(new Source(file, text, true));
      if (keep) this.parseCache.set(file, expr);
    }
    return expr;
  }

  resolveImportPath(path: string, s?: Span): string {
    let p = path;
    const t = this.io.fileType(p);
    if (t === null) throw new NixError("io", `path '${p}' does not exist`, s);
    if (t === "symlink") {
      try {
        p = this.io.realPath(p);
      } catch (e) {
        throw new NixError("io", `path '${p}' does not exist: ${errnoMessage(e)}`, s);
      }
    }
    if (this.io.fileType(p) === "directory") p = p + "/default.nix";
    return p;
  }

  /** Copy a path into the store once per evaluation; returns the store path. */
  copyPathToStore(path: string, s?: Span): string {
    if (this.store.isStorePath(path)) return path;
    let sp = this.storeCopies.get(path);
    if (sp === undefined) {
      if (this.io.fileType(path) === null) throw new NixError("io", `path '${path}' does not exist`, s);
      try {
        sp = this.store.addPath(path, { name: baseNameOf(path), recursive: true });
      } catch (e) {
        throw e instanceof NixError ? e.at(s) : new NixError("io", `copying '${path}' to the store: ${errnoMessage(e)}`, s);
      }
      this.storeCopies.set(path, sp);
    }
    return sp;
  }

  /** Print a warning (or fail under `--abort-on-warn`). */
  warn(message: string, s?: Span): void {
    if (this.abortOnWarn) throw new NixError("eval", message, s);
    this.io.printErr(`warning: ${message}`);
  }

  /** `builtins.warn`: an "evaluation warning" (or an error under `--abort-on-warn`). */
  evalWarn(message: string, s?: Span): void {
    if (this.abortOnWarn) throw new NixError("eval", message, s);
    this.io.printErr(message.startsWith("\n") ? `evaluation warning:${message}` : `evaluation warning: ${message}`);
  }

  /** A lazy value from native code. */
  thunk(fn: () => Value, s?: Span): Thunk {
    return Thunk.of(fn, s);
  }
}

export function defaultSystem(): string {
  const arch = process.arch === "x64" ? "x86_64" : process.arch === "arm64" ? "aarch64" : process.arch === "ia32" ? "i686" : process.arch;
  const os = process.platform === "darwin" ? "darwin" : process.platform;
  return `${arch}-${os}`;
}

export function errnoMessage(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: string }).code;
    if (code === "ENOENT") return "No such file or directory";
    if (code === "EACCES") return "Permission denied";
    if (code === "EISDIR") return "Is a directory";
    if (code === "ENOTDIR") return "Not a directory";
  }
  return e instanceof Error ? e.message : String(e);
}
