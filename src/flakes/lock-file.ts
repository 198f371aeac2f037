/**
 * `flake.lock` as Nix writes it (version 5 to 7): a graph of nodes, each with
 * the `locked` attributes of an input, its `original` reference, `flake =
 * false` for plain sources, and its own `inputs` (a node's key, or a
 * `follows` path of input names starting from the root).
 */
import type { FlakeAttrs } from "./flake-ref.js";

export interface LockNode {
  readonly inputs?: Readonly<Record<string, string | readonly string[]>>;
  readonly locked?: FlakeAttrs;
  readonly original?: FlakeAttrs;
  readonly flake?: boolean;
}

export interface LockFile {
  readonly nodes: Readonly<Record<string, LockNode>>;
  readonly root: string;
  readonly version: number;
}

export class LockFileError extends Error {}

/** Parse the text of a `flake.lock`; `file` names it in errors. */
export function parseLockFile(text: string, file: string): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LockFileError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<LockFile>;
  if (typeof d !== "object" || d === null || typeof d.nodes !== "object" || typeof d.root !== "string")
    throw new LockFileError(`${file} is not a flake lock file (it has no 'nodes' and 'root')`);
  if (typeof d.version !== "number" || d.version < 5 || d.version > 7)
    throw new LockFileError(`${file} has lock file version ${String(d.version)}, which this version does not read (5 to 7 are supported)`);
  return d as LockFile;
}

/** The key of the node reached from the root by following `names` (each an input name). */
export function nodeAt(lock: LockFile, names: readonly string[]): string | undefined {
  let key = lock.root;
  for (let i = 0; i < names.length; i++) {
    const ref = lock.nodes[key]?.inputs?.[names[i]!];
    if (ref === undefined) return undefined;
    if (typeof ref === "string") key = ref;
    else {
      const target = nodeAt(lock, ref);
      if (target === undefined) return undefined;
      key = target;
    }
  }
  return key;
}

/** The key of input `name` of node `key` (following `follows` paths). */
export function inputOf(lock: LockFile, key: string, name: string): string | undefined {
  const ref = lock.nodes[key]?.inputs?.[name];
  if (ref === undefined) return undefined;
  return typeof ref === "string" ? ref : nodeAt(lock, ref);
}

/** The `locked` attributes of a reference Nix just fetched (`info`: what `fetchTree` answered). */
export function lockedAttrs(original: FlakeAttrs, info: Readonly<Record<string, string | number | boolean>>): FlakeAttrs {
  const out: Record<string, string | number | boolean> = { ...original };
  if (original.type === "github" || original.type === "gitlab" || original.type === "sourcehut") delete out.ref;
  for (const k of ["lastModified", "narHash", "rev", "revCount"]) if (info[k] !== undefined) out[k] = info[k]!;
  return out;
}

/** `lock` (or a new one) with the root's input `name` set to a node of its own. */
export function withInput(lock: LockFile | undefined, name: string, node: LockNode): LockFile {
  const nodes: Record<string, LockNode> = { ...(lock?.nodes ?? { root: {} }) };
  const rootKey = lock?.root ?? "root";
  const root = nodes[rootKey] ?? {};
  let key = name;
  // A key another node already uses (not this input's own) gets Nix's `_2`, `_3` suffix.
  const current = root.inputs?.[name];
  if (typeof current === "string") key = current;
  else for (let i = 2; nodes[key] !== undefined; i++) key = `${name}_${i}`;
  nodes[key] = node;
  nodes[rootKey] = { ...root, inputs: { ...(root.inputs ?? {}), [name]: key } };
  return { nodes, root: rootKey, version: lock?.version ?? 7 };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The lock file as Nix writes it: keys sorted, two-space indentation, a final newline. */
export function lockFileText(lock: LockFile): string {
  return JSON.stringify(sortKeys(lock), null, 2) + "\n";
}
