/**
 * Fetchers (`fetchurl`, `fetchTarball`, `fetchGit`, `fetchTree`, `fetchMercurial`,
 * `fetchClosure`). Downloading and unpacking belong to real Nix: when
 * `nix-instantiate` is on PATH the call is handed to it (arguments passed as
 * JSON, the result read back as JSON), otherwise the builtin fails with a message
 * that says what is missing. Results are cached per argument set.
 */
import { spawnSync } from "node:child_process";
import { NixError } from "../errors.js";
import { deepForce } from "../force-deep.js";
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import { force, mkString, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../values.js";
import type { BuiltinRegistry } from "./registry.js";

const FETCHERS: [name: string, global: boolean][] = [
  ["fetchurl", false],
  ["fetchTarball", true],
  ["fetchGit", true],
  ["fetchTree", true],
  ["fetchMercurial", true],
  ["fetchClosure", false],
];

export function fetcherBuiltins(reg: BuiltinRegistry, st: EvalState): void {
  const cache = new Map<string, Value>();
  for (const [name, global] of FETCHERS) {
    reg.prim(
      name,
      1,
      ([a], s) => {
        const arg = toPlain(deepForce(a!), s);
        const key = `${name}:${JSON.stringify(arg)}`;
        let v = cache.get(key);
        if (v === undefined) {
          v = delegate(st, name, arg, s);
          cache.set(key, v);
        }
        return v;
      },
      { global },
    );
  }
}

type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

/** Arguments as JSON-able data (fetcher arguments are strings, numbers, Booleans, sets). */
function toPlain(v: Lazy, s?: Span): Plain {
  const x = force(v);
  if (x === null || typeof x === "boolean" || typeof x === "string") return x;
  if (typeof x === "bigint" || typeof x === "number") return Number(x);
  if (x instanceof NixString) return x.s;
  if (x instanceof NixPath) return x.path;
  if (Array.isArray(x)) return x.map((e) => toPlain(e, s));
  if (x instanceof NixAttrs) {
    const o: { [k: string]: Plain } = {};
    for (const n of x.sortedNames()) o[n] = toPlain(x.get(n)!, s);
    return o;
  }
  throw new NixError("type", "fetcher arguments must be strings, numbers, Booleans, lists or sets", s);
}

function delegate(st: EvalState, name: string, arg: Plain, s?: Span): Value {
  st.onImpure?.(`builtins.${name}`);
  // A set with `outPath` would print as that string in JSON, so it travels as `{ attrs; path; }` and is put back together here.
  const expr = `let r = builtins.${name} (builtins.fromJSON ${nixString(JSON.stringify(arg))}); str = v: if builtins.isString v || builtins.isPath v then "\${v}" else v; in if builtins.isAttrs r then { attrs = builtins.mapAttrs (n: str) (builtins.removeAttrs r [ "outPath" ]); path = if r ? outPath then str r.outPath else null; } else "\${r}"`;
  const r = spawnSync("nix-instantiate", ["--eval", "--strict", "--json", "--read-write-mode", "-E", expr], {
    encoding: "utf8",
    env: process.env,
  });
  if (r.error) {
    throw new NixError(
      "eval",
      `'builtins.${name}' needs Nix to download and unpack sources, and 'nix-instantiate' was not found on PATH; install Nix or replace the fetch with a local path`,
      s,
    );
  }
  if (r.status !== 0) {
    const msg = r.stderr.trim().replace(/^error:\s*/, "");
    throw new NixError("eval", `'builtins.${name}' failed in Nix: ${msg}`, s);
  }
  const out = JSON.parse(r.stdout) as Plain;
  if (typeof out === "string") return fromJSONResult(st, out);
  const { attrs, path } = out as { attrs: Plain; path: Plain };
  const v = fromJSONResult(st, attrs) as NixAttrs;
  if (path === null) return v;
  const m = new Map(v.map);
  m.set("outPath", fromJSONResult(st, path));
  return new NixAttrs(m);
}

function fromJSONResult(st: EvalState, j: Plain): Value {
  if (typeof j === "string") return st.store.isStorePath(j) || j.startsWith("/nix/store/") ? mkString(j, new Set([j])) : j;
  if (typeof j === "number") return Number.isInteger(j) ? BigInt(j) : j;
  if (j === null || typeof j === "boolean") return j;
  if (Array.isArray(j)) return j.map((e) => fromJSONResult(st, e));
  const m = new Map<string, Lazy>();
  for (const [k, v] of Object.entries(j)) m.set(k, fromJSONResult(st, v));
  return new NixAttrs(m);
}

function nixString(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${") + '"';
}
