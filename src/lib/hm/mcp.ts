/**
 * `lib.hm.mcp`: helpers the AI-tool modules share to normalise MCP server
 * definitions — resolving `enabled`/`disabled`, adding a `type`, rendering
 * file-backed environment values (`{ file = …; }`) and wrapping a command in
 * a script that reads those files at start-up.
 *
 * The wrapper script text is Home Manager's byte for byte; it is built by
 * `pkgs.writeShellScript`, so the package set decides how it is stored.
 */
import { forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, NixAttrs, type Lazy, type Value } from "../../nix/values.js";
import { apply, attrs, formals, getAttr, isEmptyValue, lazy, prim, str, StrBuf, update, opt } from "./prim.js";
import { escapeShellArg } from "./shell.js";

const P = "lib.hm.mcp.";

function isFileRef(v: Lazy): boolean {
  const x = force(v);
  return x instanceof NixAttrs && x.has("file");
}

function filterAttrs(set: NixAttrs, keep: (name: string, v: Lazy) => boolean): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const n of set.sortedNames()) if (keep(n, set.get(n)!)) m.set(n, set.get(n)!);
  return new NixAttrs(m);
}

function mapAttrs(set: NixAttrs, f: (v: Lazy) => Value): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [n, v] of set.map)
    m.set(
      n,
      lazy(() => f(v)),
    );
  return new NixAttrs(m);
}

function envOf(server: Lazy): NixAttrs {
  const e = forceAttrs(server).get("env");
  return e === undefined ? NixAttrs.empty : forceAttrs(e);
}

function renderEnv(mkFileRef: Lazy, env: Lazy): Value {
  return mapAttrs(forceAttrs(env), (v) => (isFileRef(v) ? apply(mkFileRef, getAttr(v, "file")) : force(v)));
}

/** The `enabled` state from `enabled` or `disabled`, or null. */
function resolveEnabled(server: Lazy): Value {
  const s = forceAttrs(server);
  const en = s.get("enabled");
  if (en !== undefined && force(en) !== null) return force(en);
  const dis = s.get("disabled");
  if (dis !== undefined && force(dis) !== null) return !(force(dis) === true);
  return null;
}

function addType(server: Lazy): Value {
  const s = forceAttrs(server);
  if (s.has("type")) return s;
  const url = s.get("url");
  return update(s, attrs({ type: lazy(() => (url !== undefined && force(url) !== null ? "http" : "stdio")) }));
}

function mkEnvFilesWrapper(st: EvalState, arg: Lazy): Value {
  const a = formals(arg, "mkEnvFilesWrapper", ["pkgs", "name", "server"]);
  const name = getAttr(a, "name");
  const server = getAttr(a, "server");
  const files = filterAttrs(envOf(server), (_, v) => isFileRef(v));
  const b = new StrBuf(st);
  for (const v of files.sortedNames()) {
    const path = getAttr(files.get(v)!, "file");
    b.text(`if ${v}=$(cat `).interp(escapeShellArg(st, path)).text(`); then\n  export ${v}\nelse\n  printf '[`).interp(name);
    b.text(" wrapper ] Failed to read env var %s from %s\\n' \\\n    ").interp(escapeShellArg(st, v)).text(" \\\n    ");
    b.interp(escapeShellArg(st, path)).text(" >&2\nfi\n");
  }
  const s = forceAttrs(server);
  const argv = [getAttr(s, "command"), ...(s.get("args") === undefined ? [] : forceList(s.get("args")!))];
  b.text("\nexec ");
  argv.forEach((x, i) => (i > 0 ? b.text(" ") : b).interp(escapeShellArg(st, x)));
  b.text("\n");
  const scriptName = new StrBuf(st).text("mcp-").interp(name).text("-wrapper").value();
  return apply(getAttr(getAttr(a, "pkgs"), "writeShellScript"), scriptName, b.value());
}

function wrapEnvFilesCommand(st: EvalState, arg: Lazy, server: Lazy): Value {
  const a = formals(arg, "wrapEnvFilesCommand", ["pkgs", "name"]);
  const s = forceAttrs(server);
  const env = envOf(s);
  const hasFiles = env.sortedNames().some((n) => isFileRef(env.get(n)!));
  if (!hasFiles) return s;
  const wrapperArgs = attrs({ pkgs: getAttr(a, "pkgs"), name: getAttr(a, "name"), server: s });
  return update(
    s,
    attrs({
      command: lazy(() => mkEnvFilesWrapper(st, wrapperArgs)),
      args: [],
      env: lazy(() => filterAttrs(env, (_, v) => !isFileRef(v))),
    }),
  );
}

function transformMcpServer(st: EvalState, arg: Lazy): Value {
  const a = formals(arg, "transformMcpServer", ["server", "exclude?", "extraTransforms?", "mkFileRef?"]);
  const server = forceAttrs(getAttr(a, "server"));
  const mkFileRef = opt(
    a,
    "mkFileRef",
    prim(P + "mkFileRef", 1, ([p]) => new StrBuf(st).text("{file:").interp(p!).text("}").value()),
  );
  const url = server.get("url");
  const normalised = update(
    server,
    attrs({
      enabled: lazy(() => resolveEnabled(server)),
      url: lazy(() => {
        if (url !== undefined && force(url) !== null) return force(url);
        const su = server.get("serverUrl");
        return su === undefined ? null : force(su);
      }),
    }),
  );
  let transformed: NixAttrs = normalised;
  for (const t of forceList(opt(a, "extraTransforms", []))) transformed = forceAttrs(apply(t, transformed));
  const envVal = transformed.get("env");
  const withEnv = envVal === undefined ? transformed : update(transformed, attrs({ env: lazy(() => renderEnv(mkFileRef, envVal)) }));
  const excluded = new Set(["disabled", "serverUrl"]);
  for (const x of forceList(opt(a, "exclude", []))) excluded.add(str(x));
  return filterAttrs(withEnv, (n, v) => !excluded.has(n) && !isEmptyValue(force(v)));
}

/** The `lib.hm.mcp` attribute set. */
export function mcpLib(st: EvalState): NixAttrs {
  return attrs({
    renderEnv: prim(P + "renderEnv", 2, ([f, env]) => renderEnv(f!, env!)),
    mkEnvFilesWrapper: prim(P + "mkEnvFilesWrapper", 1, ([a]) => mkEnvFilesWrapper(st, a!)),
    wrapEnvFilesCommand: prim(P + "wrapEnvFilesCommand", 2, ([a, s]) => wrapEnvFilesCommand(st, a!, s!)),
    addType: prim(P + "addType", 1, ([s]) => addType(s!)),
    resolveEnabled: prim(P + "resolveEnabled", 1, ([s]) => resolveEnabled(s!)),
    transformMcpServer: prim(P + "transformMcpServer", 1, ([a]) => transformMcpServer(st, a!)),
  });
}
