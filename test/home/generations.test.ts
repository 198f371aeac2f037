/**
 * Generations: the `generations` listing format, `switch --rollback`, the
 * manual's "Rollbacks" walk-through (running an old generation's `activate`
 * by hand), `remove-generations`, `expire-generations` (timestamps read as
 * `date -d` reads them) and garbage collection of what no generation reaches.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { Sandbox, lines } from "./helpers.js";

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

const LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d) : id (\d+) -> (\S+-home-manager-generation)( \(current\))?$/;

function setLinkTime(sb: Sandbox, id: number, date: Date): void {
  fs.lutimesSync(path.join(sb.profilesDir, `home-manager-${id}-link`), date, date);
}

function storeEntries(sb: Sandbox): string[] {
  return fs.readdirSync(path.join(sb.statePath, "store")).filter((n) => !n.startsWith("."));
}

test("generations lists newest first in Home Manager's format, marking the current one", () => {
  const sb = box();
  for (const v of ["1", "2", "3"]) assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".v", text: v }])).code, 0);
  setLinkTime(sb, 1, new Date(2018, 0, 1, 12, 21));
  setLinkTime(sb, 2, new Date(2018, 0, 3, 10, 29));
  setLinkTime(sb, 3, new Date(2018, 0, 4, 11, 56));
  const out = lines(sb.run(["generations"]).stdout);
  assert.equal(out.length, 3);
  const parsed = out.map((l) => LINE.exec(l));
  assert.ok(
    parsed.every((m) => m !== null),
    out.join("\n"),
  );
  assert.deepEqual(
    parsed.map((m) => [m![1], m![2], m![4] ?? ""]),
    [
      ["2018-01-04 11:56", "3", " (current)"],
      ["2018-01-03 10:29", "2", ""],
      ["2018-01-01 12:21", "1", ""],
    ],
  );
  assert.equal(parsed[0]![3], sb.currentGeneration());
});

test("the Rollbacks walk-through: switch --rollback, then an old generation's activate run by hand", () => {
  const sb = box();
  const gA = sb.withFiles([
    { target: ".a", text: "A" },
    { target: ".shared", text: "1" },
  ]);
  const gB = sb.withFiles([
    { target: ".b", text: "B" },
    { target: ".shared", text: "2" },
  ]);
  assert.equal(sb.run(["switch"], gA).code, 0);
  const pathA = sb.currentGeneration()!;
  assert.equal(sb.run(["switch"], gB).code, 0);
  const pathB = sb.currentGeneration()!;
  assert.equal(sb.read(".shared"), "2");

  const rb = sb.run(["switch", "--rollback"]);
  assert.equal(rb.code, 0, rb.stdout + rb.stderr);
  assert.equal(rb.stderr, "switching profile from version 2 to 1\n");
  assert.equal(sb.currentGeneration(), pathA);
  assert.equal(sb.activeGeneration(), pathA);
  assert.equal(sb.read(".a"), "A");
  assert.equal(sb.read(".shared"), "1");
  assert.equal(sb.exists(".b"), false, "links only in the newer generation are cleaned up");
  const gens = lines(sb.run(["generations"]).stdout);
  assert.ok(gens.some((l) => l.includes(": id 1 -> ") && l.endsWith(" (current)")));

  const none = sb.run(["switch", "--rollback"]);
  assert.equal(none.code, 1);
  assert.equal(none.stderr, "error: no generation older than the current (1) exists\n");

  // Step 3 of the manual: run the activate script of generation 2 by hand.
  const listed = gens.map((l) => LINE.exec(l)!).find((m) => m[2] === "2")!;
  assert.equal(listed[3], pathB);
  const byHand = sb.activateByHand(pathB);
  assert.equal(byHand.code, 0, byHand.stdout + byHand.stderr);
  assert.ok(lines(byHand.stdout).includes("Starting Home Manager activation"));
  assert.ok(lines(byHand.stdout).includes("Creating new profile generation"));
  assert.equal(sb.read(".b"), "B");
  assert.equal(sb.exists(".a"), false);
  // As nix-env --set does: the newest generation already points there, so it is reused.
  assert.equal(fs.readlinkSync(path.join(sb.profilesDir, "home-manager")), "home-manager-2-link");
  assert.equal(sb.currentGeneration(), pathB);
  assert.equal(sb.activeGeneration(), pathB);

  const again = sb.activateByHand(pathB);
  assert.equal(again.code, 0);
  assert.ok(lines(again.stdout).includes("No change so reusing latest profile generation"));
  assert.equal(fs.readlinkSync(path.join(sb.profilesDir, "home-manager")), "home-manager-2-link");

  // Running generation 1 by hand now makes a new profile generation pointing at it.
  const old = sb.activateByHand(pathA);
  assert.equal(old.code, 0, old.stdout + old.stderr);
  assert.ok(lines(old.stdout).includes("Creating new profile generation"));
  assert.equal(fs.readlinkSync(path.join(sb.profilesDir, "home-manager")), "home-manager-3-link");
  assert.equal(sb.currentGeneration(), pathA);
  assert.equal(sb.read(".a"), "A");
});

test("activate rejects unknown arguments and bad driver versions with Home Manager's messages", () => {
  const sb = box();
  assert.equal(sb.run(["switch"], sb.config()).code, 0);
  const gen = sb.currentGeneration()!;
  const act = path.join(gen, "activate");
  assert.deepEqual(sb.activateByHand(gen, ["--driver-version"]), { code: 1, stdout: "", stderr: `${act}: no driver version specified\n` });
  assert.deepEqual(sb.activateByHand(gen, ["--driver-version", "2"]), {
    code: 1,
    stdout: "",
    stderr: `${act}: unexpected driver version 2\n`,
  });
  assert.deepEqual(sb.activateByHand(gen, ["--frobnicate"]), { code: 1, stdout: "", stderr: `${act}: unknown option '--frobnicate'\n` });
  const wrongUser = sb.activateByHand(gen, [], { USER: "bob" });
  assert.equal(wrongUser.code, 1);
  assert.ok(lines(wrongUser.stdout).includes('USER is "bob", expected "alice"'));
});

test("remove-generations reports each id and collects what no generation reaches", () => {
  const sb = box();
  for (const v of ["1", "2", "3"]) assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".v", text: v }])).code, 0);
  const gen1 = fs.readlinkSync(path.join(sb.profilesDir, "home-manager-1-link"));
  const before = storeEntries(sb).length;
  const r = sb.run(["remove-generations", "1", "3", "7"]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "Removing generation 1\n");
  assert.equal(r.stderr, "Cannot remove the current generation 3\nNo generation with ID 7\n");
  assert.equal(fs.existsSync(path.join(sb.profilesDir, "home-manager-1-link")), false);
  assert.equal(fs.existsSync(gen1), false, "generation 1 was garbage-collected");
  assert.ok(storeEntries(sb).length < before);
  assert.equal(sb.read(".v"), "3");
  // Everything the remaining generations need is still there.
  for (const id of [2, 3]) {
    const g = fs.readlinkSync(path.join(sb.profilesDir, `home-manager-${id}-link`));
    assert.ok(fs.existsSync(path.join(g, "home-files/.v")));
    assert.ok(fs.existsSync(path.join(g, "home-path/etc/profile.d/hm-session-vars.sh")));
  }
});

test("expire-generations removes generations not newer than a date -d timestamp", () => {
  const sb = box();
  for (const v of ["1", "2", "3", "4"]) assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".v", text: v }])).code, 0);
  const now = Date.now();
  setLinkTime(sb, 1, new Date(now - 40 * 86400_000));
  setLinkTime(sb, 2, new Date(now - 35 * 86400_000));
  setLinkTime(sb, 4, new Date(now - 50 * 86400_000)); // the current one: never removed
  const r = sb.run(["expire-generations", "-30 days"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "Removing generation 1\nRemoving generation 2\n");
  assert.equal(r.stderr, "Cannot remove the current generation 4\n");
  assert.deepEqual(fs.readdirSync(sb.profilesDir).sort(), ["home-manager", "home-manager-3-link", "home-manager-4-link"]);

  const v = sb.run(["expire-generations", "-v", "2000-01-01"]);
  assert.equal(v.stdout, "No generations to expire\n");
  const bad = sb.run(["expire-generations", "not a date at all"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid date/);
  assert.equal(sb.run(["expire-generations"]).stderr, "expire-generations expects one argument, got 0.\n");
  assert.equal(sb.run(["expire-generations", "a", "b"]).stderr, "expire-generations expects one argument, got 2.\n");
});

test("build makes ./result (an indirect GC root) unless --no-out-link, and an unchanged build is the same path", () => {
  const sb = box();
  const g = sb.withFiles([{ target: ".a", text: "a" }]);
  const r = sb.run(["build"], g);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim();
  assert.equal(fs.readlinkSync(path.join(sb.root, "result")), out);
  for (const f of [
    "activate",
    "bin/home-manager-generation",
    "gen-version",
    "hm-version",
    "home-files/.a",
    "home-path/etc/profile.d/hm-session-vars.sh",
    "extra-dependencies",
  ])
    assert.ok(fs.existsSync(path.join(out, f)), f);
  assert.equal(fs.readFileSync(path.join(out, "gen-version"), "utf8"), "1\n");
  assert.equal(fs.readlinkSync(path.join(out, "bin/home-manager-generation")), `${out}/activate`);
  assert.ok((fs.statSync(path.join(out, "activate")).mode & 0o111) !== 0);
  assert.equal(sb.exists(".a"), false, "build activates nothing");
  assert.equal(sb.currentGeneration(), undefined);

  fs.rmSync(path.join(sb.root, "result"));
  const again = sb.run(["build", "--no-out-link"], g);
  assert.equal(again.stdout.trim(), out);
  assert.equal(fs.existsSync(path.join(sb.root, "result")), false);

  // The result link keeps the build alive through garbage collection; without it, it goes.
  assert.equal(sb.run(["build"], g).code, 0);
  assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".b", text: "b" }])).code, 0);
  assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".c", text: "c" }])).code, 0);
  assert.equal(sb.run(["remove-generations", "1"]).code, 0);
  assert.ok(fs.existsSync(out), "kept by ./result");
  fs.rmSync(path.join(sb.root, "result"));
  assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".d", text: "d" }])).code, 0);
  assert.equal(sb.run(["remove-generations", "2"]).code, 0);
  assert.equal(fs.existsSync(out), false, "collected once ./result is gone");
});
