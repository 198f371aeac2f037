/**
 * `parseFlakeRef` and `flakeRefToString`: flake references between their URL
 * form (`github:NixOS/nixpkgs/23.05?dir=lib`, `path:/x`, `git+https://…`,
 * `https://…/x.tar.gz`, `nixpkgs`) and their attribute-set form. Only the
 * syntax is handled here; nothing is fetched.
 */
import { NixError } from "../errors.js";
import { forceAttrs, forceStringNoContext } from "../ops.js";
import type { Span } from "../source.js";
import type { EvalState } from "../state.js";
import { force, NixAttrs, NixString, sortNames, type Lazy, type Value } from "../values.js";
import type { BuiltinRegistry } from "./registry.js";

const FORGES = new Set(["github", "gitlab", "sourcehut"]);
const HEX40 = /^[0-9a-f]{40}$/;
const INT_PARAMS = new Set(["revCount", "lastModified"]);
const BOOL_PARAMS = new Set(["submodules", "shallow", "allRefs", "exportIgnore", "lfs"]);

export function flakeRefBuiltins(reg: BuiltinRegistry, _st: EvalState): void {
  reg.prim("parseFlakeRef", 1, ([r], s) => toAttrs(parseFlakeRef(forceStringNoContext(r!, s), s)));
  reg.prim("flakeRefToString", 1, ([a], s) => flakeRefToString(forceAttrs(a!, s), s));
}

type Attrs = Map<string, string | bigint | boolean>;

function toAttrs(m: Attrs): NixAttrs {
  return new NixAttrs(new Map<string, Lazy>(m));
}

function parseQuery(q: string, out: Attrs): void {
  if (q === "") return;
  for (const kv of q.split("&")) {
    const i = kv.indexOf("=");
    const k = decodeURIComponent(i === -1 ? kv : kv.slice(0, i));
    const v = decodeURIComponent(i === -1 ? "" : kv.slice(i + 1));
    if (INT_PARAMS.has(k) && /^[0-9]+$/.test(v)) out.set(k, BigInt(v));
    else if (BOOL_PARAMS.has(k)) out.set(k, v === "1" || v === "true");
    else out.set(k, v);
  }
}

export function parseFlakeRef(ref: string, s?: Span): Attrs {
  const out: Attrs = new Map();
  const q = ref.indexOf("?");
  const main = q === -1 ? ref : ref.slice(0, q);
  const query = q === -1 ? "" : ref.slice(q + 1);
  const colon = main.indexOf(":");
  const scheme = colon === -1 ? "" : main.slice(0, colon);
  const rest = colon === -1 ? main : main.slice(colon + 1);
  if (FORGES.has(scheme)) {
    const parts = rest.split("/").filter((x) => x !== "");
    if (parts.length < 2 || parts.length > 3) throw new NixError("eval", `'${ref}' is not a valid URL`, s);
    out.set("type", scheme);
    out.set("owner", parts[0]!);
    out.set("repo", parts[1]!);
    if (parts[2] !== undefined) out.set(HEX40.test(parts[2]) ? "rev" : "ref", parts[2]);
  } else if (scheme === "path" || (scheme === "" && (main.startsWith("/") || main.startsWith(".")))) {
    out.set("type", "path");
    out.set("path", rest);
  } else if (scheme === "flake" || (scheme === "" && /^[a-zA-Z][a-zA-Z0-9_-]*(\/[^/]+){0,2}$/.test(main))) {
    const parts = rest.split("/");
    out.set("type", "indirect");
    out.set("id", parts[0]!);
    if (parts[1] !== undefined) out.set(HEX40.test(parts[1]) ? "rev" : "ref", parts[1]);
    if (parts[2] !== undefined) out.set("rev", parts[2]);
  } else if (scheme.startsWith("git+") || scheme.startsWith("hg+")) {
    out.set("type", scheme.startsWith("git+") ? "git" : "mercurial");
    out.set("url", `${scheme.slice(scheme.indexOf("+") + 1)}:${rest}`);
  } else if (scheme.startsWith("tarball+") || scheme.startsWith("file+")) {
    out.set("type", scheme.startsWith("tarball+") ? "tarball" : "file");
    out.set("url", `${scheme.slice(scheme.indexOf("+") + 1)}:${rest}`);
  } else if (scheme === "http" || scheme === "https" || scheme === "file") {
    out.set("type", /\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tar\.zst|zip)$/.test(rest) ? "tarball" : "file");
    out.set("url", main);
  } else {
    throw new NixError("eval", `'${ref}' is not a valid URL`, s);
  }
  parseQuery(query, out);
  return out;
}

function attrString(a: NixAttrs, name: string, s?: Span): string | undefined {
  const l = a.get(name);
  if (l === undefined) return undefined;
  const v = force(l);
  if (typeof v === "bigint") {
    if (v < 0n) throw new NixError("eval", `negative value given for flake ref attr ${name}: ${v}`, s);
    return v.toString();
  }
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "string" || v instanceof NixString) return typeof v === "string" ? v : v.s;
  throw new NixError(
    "eval",
    `flake reference attribute sets may only contain integers, Booleans, and strings, but attribute '${name}' is ${typeName(v)}`,
    s,
  );
}

function typeName(v: Value): string {
  return Array.isArray(v) ? "a list" : v instanceof NixAttrs ? "a set" : "another type";
}

export function flakeRefToString(a: NixAttrs, s?: Span): string {
  const values = new Map<string, string>();
  for (const n of sortNames([...a.map.keys()])) values.set(n, attrString(a, n, s)!);
  const type = values.get("type");
  if (type === undefined) throw new NixError("eval", "flake reference attribute sets must have a 'type' attribute", s);
  const used = new Set(["type"]);
  const take = (k: string): string | undefined => {
    used.add(k);
    return values.get(k);
  };
  let head: string;
  if (FORGES.has(type)) {
    const path = [take("owner"), take("repo")];
    const rr = take("rev") ?? take("ref");
    if (rr !== undefined) path.push(rr);
    head = `${type}:${path.join("/")}`;
  } else if (type === "path") head = `path:${take("path")}`;
  else if (type === "indirect") {
    const parts = [take("id"), take("ref"), take("rev")].filter((x) => x !== undefined);
    head = `flake:${parts.join("/")}`;
  } else if (type === "git" || type === "mercurial") head = `${type === "git" ? "git" : "hg"}+${take("url")}`;
  else if (type === "tarball" || type === "file") head = take("url") ?? "";
  else throw new NixError("eval", `unsupported flake reference type '${type}'`, s);
  const query = [...values].filter(([k]) => !used.has(k)).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return query.length ? `${head}?${query.join("&")}` : head;
}
