/**
 * The generation's `activate` script: `set -eu -o pipefail`, a fixed PATH,
 * the bash library, the `--driver-version` parser, the init section, the
 * sanity checks and the lock, then every `home.activation` entry in the order
 * `lib.hm.dag.topoSort` gives (each announced with `Activating <name>`), then
 * the commit. A dependency cycle is an error with Home Manager's message.
 * `@GENERATION_DIR@` stands for the generation's own path until the builder
 * substitutes it.
 */
import type { ActivationEntry } from "./builtin-entries.js";
import { ARG_PARSER, BASH_LIB, COMMIT_SECTION, initSection, LOCK_SECTION, sanityChecks } from "./bash-lib.js";
import { topoSort, type DagNode } from "./dag.js";
import { escapeShellArg, escapeShellArgs } from "./shell.js";

export const GENERATION_DIR_PLACEHOLDER = "@GENERATION_DIR@";

export interface ScriptInputs {
  /** The interpreter for the `#!` line. */
  readonly bashPath: string;
  /** The directories of the activation PATH, in order. */
  readonly binPath: readonly string[];
  /** Append the caller's PATH (`home.emptyActivationPath = false`). */
  readonly inheritPath: boolean;
  readonly storeDir: string;
  /** argv prefix that runs the activation helper. */
  readonly helper: readonly string[];
  readonly username: string;
  readonly homeDirectory: string;
  readonly uid: number | null;
  readonly entries: readonly ActivationEntry[];
}

/** The DAG has a cycle; the message is Home Manager's. */
export class DagCycleError extends Error {}

/** `builtins.toJSON` of a node list: attribute names sorted. */
function nodesJson(nodes: readonly DagNode<ActivationEntry>[]): unknown[] {
  return nodes.map((n) => ({ after: n.after, data: n.entry.data, name: n.name }));
}

/** The entries in activation order. */
export function sortEntries(entries: readonly ActivationEntry[]): readonly ActivationEntry[] {
  const r = topoSort(entries);
  if ("result" in r) return r.result;
  throw new DagCycleError(
    "Dependency cycle in activation script: " + JSON.stringify({ cycle: nodesJson(r.cycle), loops: nodesJson(r.loops) }),
  );
}

function doubleQuoted(s: string): string {
  return s.replace(/[\\"$`]/g, (c) => "\\" + c);
}

/** The text of `activate`, with `@GENERATION_DIR@` still in it. */
export function activationScript(inp: ScriptInputs): string {
  const path = inp.binPath.map(doubleQuoted).join(":") + (inp.inheritPath ? "${PATH:+:}$PATH" : "");
  const steps = sortEntries(inp.entries)
    .map((e) => `hmTestKillPoint ${escapeShellArg("entry:" + e.name)}\n_iNote "Activating %s" ${escapeShellArg(e.name)}\n${e.data}`)
    .join("\n");
  return [
    `#!${inp.bashPath}`,
    "set -eu",
    "set -o pipefail",
    "",
    'cd "$HOME"',
    "",
    `export PATH="${path}"`,
    "export TEXTDOMAIN=hm-modules",
    "",
    `hmHelper=(${escapeShellArgs(inp.helper)})`,
    "",
    BASH_LIB,
    ARG_PARSER,
    initSection(inp.storeDir),
    sanityChecks(inp.username, inp.homeDirectory, inp.uid),
    LOCK_SECTION,
    steps,
    COMMIT_SECTION,
  ].join("\n");
}
