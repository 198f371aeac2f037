/**
 * The hm-modules conformance runner against a miniature of Home Manager's
 * test tree (`test/fixtures/hm-tests`, our own cases): discovery as
 * `tests/default.nix` does it on Linux, a passing and a failing case of a
 * core module with the failure's message and diff, the asserts files of
 * warnings and assertions, a target outside home and a `toFile` path in an
 * expected file (as on Home Manager's test machine), a catalog module
 * (programs.gpg), a module we do not have ("not implemented"), a case list
 * that cannot be evaluated, `--only` by group and by case name, and the skip
 * list.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { hmModules } from "../../conformance/hm-modules.js";
import { discover, groupName, parseTestList } from "../../conformance/hm-modules/discover.js";
import { mapStorePrefix } from "../../conformance/hm-modules/run-case.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = path.join(ROOT, "test/fixtures/hm-tests");
const NO_SKIPS = path.join(FIXTURE, "no-such-skips.txt");

async function run(only?: string[], skipsFile = NO_SKIPS): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await hmModules(FIXTURE, { only, jobs: 2, skipsFile, out: (l) => lines.push(l) });
  return { status, lines };
}

test("the test list is read as tests/default.nix lists it on Linux", () => {
  const text = `{ tests = foldl' f { } ([ ./lib/types ./modules/files # ./modules/commented
  ] ++ lib.optionals isDarwin [ ./modules/launchd ] ++ lib.optionals isLinux [ ./modules/misc/xdg/linux.nix ]
  ++ (lib.concatMap (dir: x) [ ./modules/services ./modules/programs ])); }`;
  assert.deepEqual(parseTestList(text), {
    core: ["lib/types", "modules/files", "modules/misc/xdg/linux.nix"],
    scanned: ["modules/services", "modules/programs"],
  });
  assert.equal(groupName("modules/programs/git"), "programs.git");
  assert.equal(groupName("modules/services/gpg-agent"), "services.gpg-agent");
  assert.equal(groupName("modules/misc/xdg/linux.nix"), "modules/misc/xdg/linux");
  assert.equal(groupName("modules/misc/ssh-auth-sock/default.nix"), "modules/misc/ssh-auth-sock");
});

test("discovery: Linux entries and cases only, a broken list reported", () => {
  const groups = discover(FIXTURE, undefined);
  assert.deepEqual(
    groups.map((g) => [g.name, g.cases.join(" "), g.error === undefined]),
    [
      ["modules/files", "files-asserts files-like-hm-builder files-text-fail files-text-pass", true],
      ["modules/linux-only", "linux-only-case", true],
      ["services.broken-list", "", false],
      ["programs.gpg", "gpg-fixture-settings", true],
      ["programs.no-such-module", "no-such-module-basic", true],
    ],
  );
  assert.match(groups[2]!.error!, /this list is broken/);
});

test("store paths of scripts are mapped to our store, normalised ones are kept", () => {
  const zeros = "/nix/store/00000000000000000000000000000000-foo";
  assert.equal(mapStorePrefix(`grep '/nix/store/[a-z0-9]*-x' ${zeros}`, "/s"), `grep '/s/[a-z0-9]*-x' ${zeros}`);
  assert.equal(mapStorePrefix(`sed 's|^.*\\(/nix/store[^"]*\\).*|\\1|'`, "/s"), `sed 's|^.*\\(/s[^"]*\\).*|\\1|'`);
  assert.equal(mapStorePrefix("/nix/store-x /nix/store", "/s"), "/nix/store-x /s");
});

test("the whole fixture: passes, a failure with its diff, not implemented, a broken list", async () => {
  const { status, lines } = await run();
  assert.equal(status, 1);
  const text = lines.join("\n");
  assert.ok(lines.includes("modules/files: 3 passed, 1 failed"), text);
  assert.ok(lines.includes("  FAIL files-text-fail"), text);
  assert.match(text, /Expected home-files\/notes\/hello\.txt to be same as \S+-goodbye-expected\.txt but were different:/);
  assert.match(text, /--- actual\n\s+\+\+\+ expected\n\s+@@ -1 \+1 @@\n\s+-hello from the fixture\n\s+\+goodbye from the fixture/);
  assert.ok(lines.includes("modules/linux-only: 1 passed, 0 failed"), text);
  assert.ok(lines.includes("services.broken-list: the case list could not be evaluated"), text);
  assert.ok(lines.includes("programs.gpg: 1 passed, 0 failed"), text);
  assert.ok(lines.includes("programs.no-such-module: not implemented (1 case)"), text);
  assert.ok(lines.includes("cases not implemented: 1"), text);
  assert.match(text, /median time per case: \d+ ms/);
  assert.equal(lines.at(-1), "5 passed, 2 failed");
});

test("--only by group and by case name, and the skip list", async () => {
  const a = await run(["files-asserts", "programs.gpg"]);
  assert.equal(a.status, 0);
  assert.ok(a.lines.includes("modules/files: 1 passed, 0 failed"), a.lines.join("\n"));
  assert.equal(a.lines.at(-1), "2 passed, 0 failed");
  const b = await run(["files"], path.join(FIXTURE, "skips.txt"));
  assert.ok(b.lines.includes("modules/files: 3 passed, 0 failed, 1 skipped"), b.lines.join("\n"));
  assert.equal(b.lines.at(-1), "3 passed, 0 failed");
});
