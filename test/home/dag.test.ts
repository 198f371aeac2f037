/**
 * The activation DAG's order. The orders Home Manager computes for its core
 * entries in various configurations (inventory §4.5), the worked example from
 * `dag.nix`, cycle reports, and agreement with the Nix-value sorter behind
 * `lib.hm.dag.topoSort` on random DAGs (with dangling names and cycles).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { topoSort, type DagEntry } from "../../src/activation/dag.js";
import { topoSort as nixTopoSort } from "../../src/lib/hm/dag.js";
import { attrs } from "../../src/lib/hm/prim.js";
import { force, NixAttrs, type Lazy } from "../../src/nix/values.js";

type Spec = [name: string, after: string[], before: string[]];

const CORE: Spec[] = [
  ["writeBoundary", [], []],
  ["installPackages", ["writeBoundary"], []],
  ["checkLinkTargets", [], ["writeBoundary"]],
  ["linkGeneration", ["writeBoundary"], []],
  ["checkFilesChanged", [], ["linkGeneration"]],
  ["onFilesChange", ["linkGeneration"], []],
];
const SYSTEMD: Spec = ["reloadSystemd", ["linkGeneration"], []];

function order(specs: Spec[]): string[] {
  const r = topoSort(specs.map(([name, after, before]) => ({ name, after, before })));
  assert.ok("result" in r);
  return r.result.map((e) => e.name);
}

const SCENARIOS: [label: string, specs: Spec[], expected: string][] = [
  ["minimal core", CORE, "checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, linkGeneration, onFilesChange"],
  [
    "default Linux",
    [...CORE, SYSTEMD],
    "checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, linkGeneration, onFilesChange, reloadSystemd",
  ],
  [
    "Linux with dconf, user-dirs, GPU, kconfig and xfconf",
    [
      ...CORE,
      SYSTEMD,
      ["dconfSettings", ["installPackages"], []],
      ["xfconfSettings", ["installPackages"], []],
      ["kconfig", ["writeBoundary"], []],
      ["createXdgUserDirectories", ["linkGeneration"], []],
      ["checkExistingGpuDrivers", [], []],
    ],
    "checkExistingGpuDrivers, checkFilesChanged, checkLinkTargets, writeBoundary, linkGeneration, createXdgUserDirectories, installPackages, dconfSettings, kconfig, onFilesChange, reloadSystemd, xfconfSettings",
  ],
  [
    "Darwin with launchd, defaults, keybindings and copyApps",
    [
      ...CORE,
      ["setupLaunchAgents", ["writeBoundary"], []],
      ["setDarwinDefaults", ["writeBoundary"], []],
      ["setCocoaKeybindings", ["writeBoundary"], []],
      ["checkAppManagementPermission", [], ["copyApps"]],
      ["copyApps", ["installPackages", "linkGeneration"], []],
    ],
    "checkAppManagementPermission, checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, linkGeneration, copyApps, onFilesChange, setCocoaKeybindings, setDarwinDefaults, setupLaunchAgents",
  ],
  [
    "uninstall",
    [...CORE, SYSTEMD, ["uninstall", ["installPackages", "linkGeneration"], []]],
    "checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, linkGeneration, onFilesChange, reloadSystemd, uninstall",
  ],
  [
    "dconf only",
    [...CORE, SYSTEMD, ["dconfSettings", ["installPackages"], []]],
    "checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, dconfSettings, linkGeneration, onFilesChange, reloadSystemd",
  ],
  [
    "user dirs only",
    [...CORE, SYSTEMD, ["createXdgUserDirectories", ["linkGeneration"], []]],
    "checkFilesChanged, checkLinkTargets, writeBoundary, linkGeneration, createXdgUserDirectories, installPackages, onFilesChange, reloadSystemd",
  ],
  [
    "kconfig only",
    [...CORE, SYSTEMD, ["kconfig", ["writeBoundary"], []]],
    "checkFilesChanged, checkLinkTargets, writeBoundary, installPackages, kconfig, linkGeneration, onFilesChange, reloadSystemd",
  ],
  [
    "gpg",
    [...CORE, SYSTEMD, ["createGpgHomedir", ["writeBoundary"], ["linkGeneration"]]],
    "checkFilesChanged, checkLinkTargets, writeBoundary, createGpgHomedir, installPackages, linkGeneration, onFilesChange, reloadSystemd",
  ],
  [
    "dag.nix worked example",
    [
      ["a", [], []],
      ["b", ["a", "c"], []],
      ["c", [], ["d"]],
      ["d", [], ["e"]],
      ["e", [], []],
    ],
    "a, c, b, d, e",
  ],
];

test("Home Manager's activation orders", () => {
  for (const [label, specs, expected] of SCENARIOS) assert.equal(order(specs).join(", "), expected, label);
});

test("a cycle is reported with nixpkgs' cycle and loops", () => {
  const r = topoSort<DagEntry>([
    { name: "a", after: ["c"], before: [] },
    { name: "b", after: ["a"], before: [] },
    { name: "c", after: ["b"], before: [] },
  ]);
  assert.ok("cycle" in r);
  assert.deepEqual(
    r.cycle.map((n) => n.name),
    ["a", "c", "b"],
  );
  assert.deepEqual(
    r.loops.map((n) => n.name),
    ["a"],
  );
});

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function names(v: Lazy): string[] {
  return (force(v) as Lazy[]).map((e) => force((force(e) as NixAttrs).get("name")!) as string);
}

test("agrees with lib.hm.dag.topoSort on random DAGs", () => {
  const rand = rng(42);
  const pool = ["a", "B", "c", "dd", "e", "f1", "g", "h", "Z", "zz", "missing"];
  for (let round = 0; round < 300; round++) {
    const n = 1 + Math.floor(rand() * 9);
    const chosen = [...new Set(Array.from({ length: n }, () => pool[Math.floor(rand() * (pool.length - 1))]!))];
    // Mostly acyclic: edges point "forward" in a random rank, sometimes backwards.
    const rank = new Map(chosen.map((c) => [c, rand()]));
    const pick = (self: string, forward: boolean) =>
      pool.filter(
        (p) =>
          p !== self && rand() < 0.25 && (p === "missing" || !rank.has(p) || rank.get(p)! < rank.get(self)! === forward || rand() < 0.05),
      );
    const entries = chosen.map((name) => ({ name, after: pick(name, true), before: pick(name, false) }));
    const ours = topoSort(entries);
    const dag = attrs(
      Object.fromEntries(entries.map((e) => [e.name, attrs({ data: e.name, after: [...e.after], before: [...e.before] })])),
    );
    const theirs = force(nixTopoSort(dag)) as NixAttrs;
    if ("result" in ours) {
      assert.ok(theirs.has("result"), `round ${round}: Nix found a cycle`);
      assert.deepEqual(
        ours.result.map((e) => e.name),
        names(theirs.get("result")!),
        `round ${round}`,
      );
    } else {
      assert.ok(theirs.has("cycle"), `round ${round}: we found a cycle`);
      assert.deepEqual(
        ours.cycle.map((e) => e.name),
        names(theirs.get("cycle")!),
        `round ${round}`,
      );
      assert.deepEqual(
        ours.loops.map((e) => e.name),
        names(theirs.get("loops")!),
        `round ${round}`,
      );
    }
  }
});
