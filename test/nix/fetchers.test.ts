/**
 * Fetchers delegate to real Nix: the value must be what Nix gives — for
 * `fetchGit` and `fetchTree` a set with `outPath`, `rev`, `revCount`, …
 * (not the bare store path), for `fetchTarball` a store path — compared with
 * `nix-instantiate` on a local git repository (no network).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { EvalState } from "../../src/nix/state.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { printAmbiguous } from "../../src/nix/print.js";

const haveNix = spawnSync("sh", ["-c", "command -v nix-instantiate && command -v git"]).status === 0;
const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function repo(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "hm-fetch-"));
  dirs.push(d);
  fs.writeFileSync(path.join(d, "a"), "hi\n");
  const git = (...a: string[]) =>
    assert.equal(spawnSync("git", ["-c", "user.email=t@e.org", "-c", "user.name=t", ...a], { cwd: d }).status, 0);
  git("init", "-q");
  git("add", "a");
  git("commit", "-qm", "x");
  return d;
}

test("fetchGit gives Nix's set (outPath, rev, revCount, …), equal to nix-instantiate's", { skip: !haveNix && "needs Nix and git" }, () => {
  const d = repo();
  const expr = `let r = builtins.fetchGit { url = "file://${d}"; }; in [ (builtins.isAttrs r) r.outPath r.revCount r.shortRev (builtins.attrNames r) "\${r}" (builtins.readFile "\${r}/a") ]`;
  const st = new EvalState();
  const ours = printAmbiguous(deepForce(st.evalString(expr)));
  const nix = spawnSync("nix-instantiate", ["--eval", "--strict", "--read-write-mode", "-E", expr], { encoding: "utf8" });
  assert.equal(nix.status, 0, nix.stderr);
  assert.equal(ours, nix.stdout.trim());
  assert.match(ours, /^\[ true "\/nix\/store\/[a-z0-9]{32}-source" 1 /);
});
