/**
 * The activation's fast paths keep their behaviour: the link farm built
 * without look-ups (text files in fresh nested directories, read-only, with
 * their executable bits, the tree canonical without being walked), the activation helper run once as a coprocess (its
 * request protocol; the variables a snippet exports before checkLinkTargets
 * reach it, ones it only sets do not, as for a separate process; a snippet's
 * bare `wait` does not wait for it), and a
 * missing `home-files` refused instead of being taken as an empty one.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { buildGeneration } from "../../src/build/generation.js";
import { nodeFs } from "../../src/activation/fs.js";
import { runHelper } from "../../src/activation/helper.js";
import { HomeStore } from "../../src/store/home-store.js";
import { Sandbox } from "./helpers.js";

const HELPER_MAIN = fileURLToPath(new URL("../../src/activation/helper-main.js", import.meta.url));

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

test("a farm of text files in fresh nested directories is laid out read-only with the asked bits", () => {
  const sb = box();
  const store = HomeStore.open(path.join(sb.statePath, "store"));
  const g = sb.withFiles([
    { target: ".a/b/c/deep", text: "deep\n" },
    { target: ".a/b/side", text: "side\n", executable: true },
    { target: ".a/top", text: "top\n" },
    { target: "plain", text: "plain\n" },
  ]);
  const farm = buildGeneration(g, { store, env: sb.env, warn: (s) => assert.fail(s) }).homeFiles;
  assert.equal(fs.readFileSync(path.join(farm, ".a/b/c/deep"), "utf8"), "deep\n");
  assert.equal(fs.readFileSync(path.join(farm, ".a/b/side"), "utf8"), "side\n");
  assert.equal(fs.statSync(path.join(farm, ".a/b/side")).mode & 0o777, 0o555);
  assert.equal(fs.statSync(path.join(farm, ".a/top")).mode & 0o777, 0o444);
  assert.equal(fs.statSync(path.join(farm, ".a/b/c")).mode & 0o777, 0o555);
  assert.equal(fs.statSync(path.join(farm, ".a")).mode & 0o777, 0o555);
  assert.equal(fs.statSync(farm).mode & 0o777, 0o555);
  assert.equal(fs.lstatSync(farm).mtimeMs, 1000, "the root's mtime is 1, as for every store path");
  assert.deepEqual(fs.readdirSync(farm).sort(), [".a", "plain"]);
  assert.deepEqual(fs.readdirSync(path.join(farm, ".a")).sort(), ["b", "top"]);
});

test("the helper answers requests on descriptor 3, one per line, until quit", () => {
  const sb = box();
  const field = (xs: string[]) => [String(xs.length), ...xs].map((x) => x + "\0").join("");
  const input =
    field(["HOME=" + sb.home, "DRY_RUN", "--", "no-such-command"]) +
    field(["HOME=" + sb.home, "--", "check-link-targets", "--store-dir", sb.root, "--new-files", sb.root]) +
    field(["--", "quit"]);
  const r = spawnSync("bash", ["-c", `exec "$0" "$1" serve 3>&1 1>/dev/null`, process.execPath, HELPER_MAIN], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "2\n0\n");
  assert.match(r.stderr, /unknown command 'no-such-command'/);
});

test("variables a snippet exports before checkLinkTargets reach the helper; variables it only sets do not", () => {
  const snippet = (data: string) => ({ name: "setBackup", data, after: [], before: ["checkLinkTargets"] });
  const files = [{ target: ".x", text: "ours" }];

  const exported = box();
  exported.write(".x", "mine");
  const r1 = exported.run(["switch"], exported.withFiles(files, { activation: [snippet("export HOME_MANAGER_BACKUP_EXT=bak")] }));
  assert.equal(r1.code, 0, r1.stdout + r1.stderr);
  assert.equal(exported.read(".x.bak"), "mine");
  assert.equal(exported.read(".x"), "ours");

  const onlySet = box();
  onlySet.write(".x", "mine");
  const r2 = onlySet.run(["switch"], onlySet.withFiles(files, { activation: [snippet("HOME_MANAGER_BACKUP_EXT=bak")] }));
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /Existing file '.*\/\.x' is in the way/);
  assert.equal(onlySet.read(".x"), "mine");
  assert.equal(onlySet.exists(".x.bak"), false);
});

test("a snippet's bare wait between the helper's two steps does not wait for the helper", { timeout: 30_000 }, () => {
  const sb = box();
  const waiter = { name: "waiter", data: "sleep 0.1 &\nwait\necho waited", after: ["writeBoundary"], before: ["linkGeneration"] };
  const r = sb.run(["switch"], sb.withFiles([{ target: ".w", text: "w" }], { activation: [waiter] }));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /waited\n/);
  assert.equal(sb.read(".w"), "w");
});

test("a missing home-files is an error, never an empty generation whose linking would remove every old link", () => {
  const sb = box();
  const io = { env: { HOME: sb.home }, fs: nodeFs, stdout: () => {}, stderr: () => {}, isTTY: false };
  const missing = path.join(sb.root, "gone-home-manager-files");
  for (const command of ["check-link-targets", "link-generation"])
    assert.throws(() => runHelper([command, "--store-dir", sb.root, "--new-files", missing], io), /are missing/);
});
