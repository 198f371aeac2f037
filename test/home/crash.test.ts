/**
 * Crash safety. The activation (the real bash process, and the helper it
 * runs) is killed with SIGKILL at every step — before each `home.activation`
 * entry, at the commit, and before each single change the link step makes —
 * and the command itself is killed between a finished activation and the
 * profile update. After each crash, the next `switch` must complete the job:
 * every link of the new generation in place, no link of the old one left,
 * the user's colliding file kept (moved to its backup), the profile on the new
 * generation. Before `writeBoundary` nothing in home may have changed. The
 * same is checked in-process by failing the link step's N-th file-system call
 * through the `Fs` interface.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import type { HomeGeneration } from "../../src/build/home-config.js";
import { settingsFromEnv } from "../../src/activation/context.js";
import { FaultFs, InjectedFault, nodeFs } from "../../src/activation/fs.js";
import { ownedStoreDirs } from "../../src/activation/helper.js";
import { linkGeneration } from "../../src/activation/link-generation.js";
import { Reporter } from "../../src/activation/messages.js";
import { Sandbox } from "./helpers.js";

const boxes: Sandbox[] = [];
after(() => boxes.forEach((b) => b.cleanup()));

interface Scenario {
  sb: Sandbox;
  g1: HomeGeneration;
  g2: HomeGeneration;
}

function scenario(): Scenario {
  const sb = new Sandbox();
  boxes.push(sb);
  const g1 = sb.withFiles([
    { target: ".keep", text: "k1" },
    { target: ".old", text: "o" },
    { target: "olddir/deep/.x", text: "x" },
    { target: ".config/app/conf", text: "c1" },
  ]);
  const g2 = sb.withFiles(
    [
      { target: ".keep", text: "k2", onChange: 'echo changed >> "$HOME/.hook-log"' },
      { target: ".new", text: "n" },
      { target: ".clash", text: "ours" },
      { target: "sub/dir/.deep", text: "d" },
      { target: ".config/app/conf", text: "c2" },
    ],
    { activation: [{ name: "userStep", data: 'run touch "$HOME/.user-step"', after: ["linkGeneration"] }] },
  );
  assert.equal(sb.run(["switch"], g1).code, 0);
  sb.write(".clash", "user data");
  return { sb, g1, g2 };
}

/** The state a completed switch to g2 must leave. */
function assertSwitchedToG2(sb: Sandbox, label: string): void {
  const gen = sb.currentGeneration()!;
  const files = fs.realpathSync(path.join(gen, "home-files"));
  for (const rel of [".keep", ".new", ".clash", "sub/dir/.deep", ".config/app/conf"])
    assert.equal(sb.readlink(rel), `${files}/${rel}`, `${label}: ${rel}`);
  assert.equal(sb.read(".keep"), "k2", label);
  assert.equal(sb.exists(".old"), false, `${label}: orphan .old removed`);
  assert.equal(sb.exists("olddir"), false, `${label}: emptied olddir removed`);
  assert.equal(sb.read(".clash.backup"), "user data", `${label}: user file kept`);
  assert.equal(sb.activeGeneration(), gen, label);
  assert.deepEqual(fs.readdirSync(path.join(sb.statePath, "gcroots/activating")), [], label);
  assert.equal(fs.existsSync(path.join(sb.statePath, "lock")), false, `${label}: lock released`);
}

const ENTRY_POINTS = [
  "checkFilesChanged",
  "checkLinkTargets",
  "writeBoundary",
  "linkGeneration",
  "userStep",
  "installPackages",
  "onFilesChange",
  "reloadSystemd",
];
const BEFORE_BOUNDARY = new Set(["entry:checkFilesChanged", "entry:checkLinkTargets", "entry:writeBoundary"]);

test("killing the activation before any step leaves a state the next switch completes", () => {
  for (const point of [...ENTRY_POINTS.map((e) => `entry:${e}`), "commit"]) {
    const { sb, g2 } = scenario();
    const profileBefore = sb.currentGeneration();
    const homeBefore = sb.snapshot();
    const crashed = sb.run(["switch", "-b", "backup"], g2, { HOME_MANAGER_TEST_KILL_AT: point });
    assert.equal(crashed.code, 1, point);
    assert.match(crashed.stderr, /the activation was killed by SIGKILL/, point);
    assert.equal(sb.currentGeneration(), profileBefore, `${point}: profile unchanged`);
    if (BEFORE_BOUNDARY.has(point)) assert.deepEqual(sb.snapshot(), homeBefore, `${point}: nothing touched before writeBoundary`);
    const r = sb.run(["switch", "-b", "backup"], g2);
    assert.equal(r.code, 0, `${point}: ${r.stdout}${r.stderr}`);
    assertSwitchedToG2(sb, point);
    assert.ok(sb.exists(".user-step"), point);
  }
});

test("killing the activation before each change of the link step leaves a state the next switch completes", () => {
  let n = 1;
  for (; n < 60; n++) {
    const { sb, g2 } = scenario();
    const crashed = sb.run(["switch", "-b", "backup"], g2, { HOME_MANAGER_TEST_KILL_AT: `link-generation:${n}` });
    if (crashed.code === 0) {
      assertSwitchedToG2(sb, `past the last change (${n})`);
      break;
    }
    assert.match(crashed.stderr, /killed by SIGKILL/, `link-generation:${n}`);
    const r = sb.run(["switch", "-b", "backup"], g2);
    assert.equal(r.code, 0, `link-generation:${n}: ${r.stdout}${r.stderr}`);
    assertSwitchedToG2(sb, `link-generation:${n}`);
  }
  assert.ok(n > 10, `the link step made ${n - 1} changes`);
});

test("after an interrupted switch, switching elsewhere leaves none of the interrupted generation's links", () => {
  // Find a point where the interrupted switch has placed some of its links.
  let sb: Sandbox | undefined;
  for (let n = 6; n < 60 && sb === undefined; n++) {
    const s = scenario();
    const crashed = s.sb.run(["switch", "-b", "backup"], s.g2, { HOME_MANAGER_TEST_KILL_AT: `link-generation:${n}` });
    assert.equal(crashed.code, 1, `no crash at ${n}`);
    if (s.sb.exists(".new")) sb = s.sb;
  }
  assert.ok(sb !== undefined, "the interrupted switch placed some links");
  const g3 = sb.withFiles([{ target: ".third", text: "3" }]);
  const r = sb.run(["switch"], g3);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const rel of [".keep", ".old", ".new", ".clash", "sub", "olddir", ".config/app"]) assert.equal(sb.exists(rel), false, rel);
  assert.equal(sb.read(".clash.backup"), "user data");
  assert.equal(sb.read(".third"), "3");
});

test("killing the command between a finished activation and the profile update: the next switch finishes it", () => {
  const { sb, g2 } = scenario();
  const gen1 = sb.currentGeneration();
  const crashed = sb.runChild(["switch", "-b", "backup"], g2, { HOME_MANAGER_TEST_KILL_AT: "cli:after-activate" });
  assert.notEqual(crashed.code, 0);
  assert.equal(sb.currentGeneration(), gen1, "profile not yet moved");
  assert.notEqual(sb.activeGeneration(), gen1, "but the activation completed");
  const r = sb.runChild(["switch", "-b", "backup"], g2);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, "No change so reusing latest profile generation\n");
  assertSwitchedToG2(sb, "cli:after-activate");
});

test("a fault at any file-system call of the link step loses nothing, and the next run completes the step", () => {
  let n = 1;
  for (; n < 60; n++) {
    const { sb, g2 } = scenario();
    const built = sb.run(["build", "--no-out-link"], g2);
    assert.equal(built.code, 0, built.stderr);
    const oldGen = sb.activeGeneration()!;
    const newFiles = fs.realpathSync(path.join(built.stdout.trim(), "home-files"));
    const oldFiles = fs.realpathSync(path.join(oldGen, "home-files"));
    const settings = settingsFromEnv(
      { HOME: sb.home, HOME_MANAGER_BACKUP_EXT: "backup" },
      ownedStoreDirs(fs.realpathSync(path.join(sb.statePath, "store"))),
      [],
    );
    const out = new Reporter(() => {}, { color: false, verbose: false });
    const faulty = new FaultFs(nodeFs, n);
    let faulted = false;
    try {
      assert.equal(linkGeneration(settings, faulty, out, { newFiles, oldFiles, interruptedFiles: [] }), 0);
    } catch (e) {
      assert.ok(e instanceof InjectedFault, String(e));
      faulted = true;
    }
    const userFile = sb.exists(".clash") && !fs.lstatSync(sb.p(".clash")).isSymbolicLink() ? sb.read(".clash") : sb.read(".clash.backup");
    assert.equal(userFile, "user data", `fault at call ${n}: the user's file is somewhere`);
    assert.equal(linkGeneration(settings, nodeFs, out, { newFiles, oldFiles, interruptedFiles: [newFiles] }), 0, `after fault ${n}`);
    for (const rel of [".keep", ".new", ".clash", "sub/dir/.deep"])
      assert.equal(sb.readlink(rel), `${newFiles}/${rel}`, `after fault ${n}: ${rel}`);
    assert.equal(sb.exists(".old"), false);
    assert.equal(sb.read(".clash.backup"), "user data");
    if (!faulted) break;
  }
  assert.ok(n > 10);
});
