/**
 * `hm-session-vars.sh`, byte for byte as Home Manager writes it: a guard so
 * the file is sourced once, one `export NAME="value"` per session variable
 * (sorted by name, null values left out, booleans as `true`/`false`), then one
 * line per search variable prepending its directories (`export
 * PATH="a:b${PATH:+:}$PATH"`), then `home.sessionVariablesExtra`. Values go
 * inside double quotes unchanged, so the shell expands `$HOME` and friends.
 */
import { compareNames } from "../activation/dag.js";
import type { HomeGeneration, SessionValue } from "./home-config.js";

/** `toString` of a session value, as Nix prints it. */
function valueText(v: Exclude<SessionValue, null>): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(6);
  return v;
}

/** `config.lib.shell.exportAll`. */
export function exportAll(vars: Readonly<Record<string, SessionValue>>): string {
  return Object.keys(vars)
    .sort(compareNames)
    .filter((k) => vars[k] !== null && vars[k] !== undefined)
    .map((k) => `export ${k}="${valueText(vars[k] as Exclude<SessionValue, null>)}"`)
    .join("\n");
}

/** The search variables with `sessionPath` folded into PATH when PATH is not given. */
export function searchVariables(g: HomeGeneration): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = { ...(g.sessionSearchVariables ?? {}) };
  if (out.PATH === undefined && g.sessionPath !== undefined && g.sessionPath.length > 0) out.PATH = g.sessionPath;
  return out;
}

/** The text of `etc/profile.d/hm-session-vars.sh`. */
export function sessionVarsText(g: HomeGeneration): string {
  const search = searchVariables(g);
  const prepends = Object.keys(search)
    .sort(compareNames)
    .map((n) => `export ${n}="${search[n]!.join(":")}\${${n}:+:}$${n}"`)
    .join("\n");
  return (
    "# Only source this once.\n" +
    'if [ -n "${__HM_SESS_VARS_SOURCED-}" ]; then return; fi\n' +
    "export __HM_SESS_VARS_SOURCED=1\n" +
    "\n" +
    exportAll(g.sessionVariables ?? {}) +
    "\n" +
    prepends +
    "\n" +
    (g.sessionVariablesExtra ?? "")
  );
}
