/**
 * Core builtins: importing, failing and catching (`throw`, `abort`, `tryEval`,
 * `addErrorContext`), strictness (`seq`, `deepSeq`), tracing and warnings, the
 * environment (`getEnv`, `currentTime`, `currentSystem`, versions), the search
 * path (`__nixPath`, `findFile`) and reflection (`functionArgs`,
 * `unsafeGetAttrPos`). Impure builtins refuse to run in pure mode.
 */
import { coerceToPath, coerceToString } from "../coerce.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { Scope } from "../compile.js";
import { encodeNix32 as nix32, hashString } from "../store/hash.js";
import { NixError } from "../errors.js";
import { deepForce } from "../force-deep.js";
import { forceAttrs, forceFunction, forceList, forceString, forceStringNoContext } from "../ops.js";
import { canonPath } from "../paths.js";
import { printValueShort } from "../print-short.js";
import type { Span } from "../source.js";
import { LANG_VERSION, NIX_VERSION, type EvalState } from "../state.js";
import { Env, force, Lambda, NixAttrs, NixPath, PrimOp, PrimOpApp, showType, type Lazy, type Value } from "../values.js";
import type { BuiltinRegistry } from "./registry.js";

export function coreBuiltins(reg: BuiltinRegistry, st: EvalState): void {
  reg.prim("import", 1, ([p], s) => st.evalFile(importPath(st, p!, s), s), { global: true });

  reg.prim(
    "scopedImport",
    2,
    ([scope, p], s) => {
      const file = st.resolveImportPath(importPath(st, p!, s), s);
      const attrs = forceAttrs(scope!, s);
      const expr = st.parseFile(file, s);
      // The scope's attributes are lexical bindings just outside the file,
      // shadowing the base scope (unlike `with`).
      const names = new Map<string, number>();
      const vals: Lazy[] = [];
      for (const [k, v] of attrs.map) {
        names.set(k, vals.length);
        vals.push(v);
      }
      const env = new Env(vals, st.baseEnv);
      const code = st.compiler.code(expr, new Scope(names, st.baseScope));
      return code(env);
    },
    { global: true },
  );

  reg.prim(
    "throw",
    1,
    ([m], s) => {
      throw new NixError("throw", coerceToString(st, m!, { coerceMore: true }, s));
    },
    { global: true },
  );
  reg.prim(
    "abort",
    1,
    ([m], s) => {
      throw new NixError("abort", coerceToString(st, m!, { coerceMore: true }, s));
    },
    { global: true },
  );

  reg.prim("tryEval", 1, ([e]) => {
    try {
      const v = force(e!);
      return NixAttrs.from([
        ["success", true],
        ["value", v],
      ]);
    } catch (err) {
      if (err instanceof NixError && err.catchable) {
        return NixAttrs.from([
          ["success", false],
          ["value", false],
        ]);
      }
      throw err;
    }
  });

  reg.prim("addErrorContext", 2, ([msg, e], s) => {
    try {
      return force(e!);
    } catch (err) {
      if (err instanceof NixError) err.addFrame(coerceToString(st, msg!, { coerceMore: true }, s), undefined);
      throw err;
    }
  });

  reg.prim("seq", 2, ([a, b]) => {
    force(a!);
    return force(b!);
  });
  reg.prim("deepSeq", 2, ([a, b]) => {
    deepForce(a!);
    return force(b!);
  });

  reg.prim("trace", 2, ([m, e], s) => {
    const v = force(m!);
    st.io.printErr(`trace: ${typeof v === "string" ? v : printValueShort(v)}`);
    void s;
    return force(e!);
  });
  reg.prim("traceVerbose", 2, ([, e]) => force(e!));
  reg.prim("warn", 2, ([m, e], s) => {
    const v = force(m!);
    if (typeof v !== "string" && !(typeof v === "object" && v !== null && "s" in v)) {
      throw new NixError("type", `expected a string but found ${showType(v)}: ${printValueShort(v)}`, s);
    }
    st.evalWarn(forceString(v, s), s);
    return force(e!);
  });
  reg.prim("break", 1, ([v]) => force(v!), { global: true });

  reg.prim("getEnv", 1, ([n], s) => {
    const name = forceStringNoContext(n!, s);
    if (st.pure) return "";
    return st.io.getEnv(name) ?? "";
  });
  defineImpure(reg, st, "currentTime", () => BigInt(st.io.now()));
  defineImpure(reg, st, "currentSystem", () => st.system);
  reg.value("nixVersion", NIX_VERSION);
  reg.value("langVersion", LANG_VERSION);
  reg.value("storeDir", st.store.storeDir);
  reg.value(
    "nixPath",
    st.thunk(() =>
      st.searchPath.map((e) =>
        NixAttrs.from([
          ["prefix", e.prefix],
          ["path", e.path],
        ]),
      ),
    ),
  );
  reg.prim("findFile", 2, ([sp, p], s) => new NixPath(findFile(st, forceList(sp!, s), forceStringNoContext(p!, s), s)));

  reg.prim("functionArgs", 1, ([f], s) => {
    const v = forceFunction(f!, s);
    if (v instanceof PrimOp || v instanceof PrimOpApp || v instanceof NixAttrs) return NixAttrs.empty;
    return functionArgs(v);
  });

  reg.prim("unsafeGetAttrPos", 2, ([n, a], s) => {
    const name = forceStringNoContext(n!, s);
    const attrs = forceAttrs(a!, s);
    const p = attrs.pos?.get(name);
    if (!p || !attrs.has(name)) return null;
    return posAttrs(p);
  });

  reg.prim("placeholder", 1, ([o], s) => placeholder(forceStringNoContext(o!, s)), { global: true });
  reg.prim("importNative", 2, (_a, s) => {
    throw new NixError("restricted", "importNative is not supported", s);
  });
  reg.prim("exec", 1, (_a, s) => {
    throw new NixError("restricted", "'builtins.exec' is not allowed (it needs the allow-unsafe-native-code-during-evaluation setting)", s);
  });
}

/** `<nix/…>` files Nix ships with itself (`<nix/fetchurl.nix>`), from our corepkgs/ folder. */
function corePackage(p: string): string | null {
  if (!p.startsWith("nix/")) return null;
  const file = join(packageRoot(), "corepkgs", p.slice(4));
  return existsSync(file) ? file : null;
}

function defineImpure(reg: BuiltinRegistry, st: EvalState, name: string, get: () => Value): void {
  reg.value(
    name,
    st.thunk(() => {
      if (st.pure) throw new NixError("restricted", `attribute '${name}' missing`);
      return get();
    }),
  );
}

function importPath(st: EvalState, p: Lazy, s?: Span): string {
  const path = coerceToPath(st, p, s);
  return canonPath(path);
}

/** `{ file, line, column }` of a position, as `unsafeGetAttrPos` and `__curPos` give. */
export function posAttrs(p: Span): NixAttrs {
  const { line, column } = p.source.position(p.start);
  return NixAttrs.from([
    ["file", p.source.path],
    ["line", BigInt(line)],
    ["column", BigInt(column)],
  ]);
}

function functionArgs(l: Lambda): NixAttrs {
  const f = l.node.formals;
  if (!f) return NixAttrs.empty;
  const pos = new Map<string, Span>();
  const m = new Map<string, Lazy>();
  for (const e of f.entries) {
    m.set(e.name, e.default !== undefined);
    pos.set(e.name, e.span);
  }
  return new NixAttrs(m, pos);
}

/** Resolve `<p>` against the search path: longest matching prefix first in list order. */
export function findFile(st: EvalState, sp: Lazy[], p: string, s?: Span): string {
  for (const entryL of sp) {
    const entry = forceAttrs(entryL, s);
    const prefixL = entry.get("prefix");
    const pathL = entry.get("path");
    if (pathL === undefined) throw new NixError("eval", "attribute 'path' missing", s);
    const prefix = prefixL === undefined ? "" : forceStringNoContext(prefixL, s);
    let rest: string;
    if (prefix === "") rest = p;
    else if (p === prefix) rest = "";
    else if (p.startsWith(prefix + "/")) rest = p.slice(prefix.length + 1);
    else continue;
    let base = coerceToString(st, pathL, {}, s);
    if (!base.startsWith("/")) base = `${st.baseDir}/${base}`;
    const candidate = canonPath(rest === "" ? base : `${base}/${rest}`);
    if (st.io.fileType(candidate) !== null) return candidate;
  }
  const core = corePackage(p);
  if (core !== null) return core;
  // Catchable, as in Nix: `tryEval <missing>` is `{ success = false; }`.
  throw new NixError("throw", `file '${p}' was not found in the Nix search path (add it using $NIX_PATH or -I)`, s);
}

/** The placeholder string for an output, as Nix computes it: `/` + nix32(sha256("nix-output:" + name)). */
function placeholder(output: string): string {
  return "/" + nix32(sha256Bytes(`nix-output:${output}`));
}

function sha256Bytes(s: string): Buffer {
  return hashString("sha256", s).bytes;
}
