/**
 * The README's example configuration (htop, fortune, emacs with nix-mode and
 * magit, a Firefox profile with smooth scrolling off, gpg-agent with SSH
 * support, programs.home-manager), switched with the real command and real
 * Nix (the example package set) into a scratch home: the files Home Manager
 * would make are there — Firefox's `profiles.ini` and `user.js`, the
 * gpg-agent units and configuration — and the programs run from the profile.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { packageRoot } from "../../src/nix/package-root.js";
import { Home } from "./helpers.js";

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));

const haveNix = spawnSync("sh", ["-c", "command -v nix-build"]).status === 0;

// The README's example (test/fixtures/readme/example.nix, shared with the Firefox module's tests), imported
// by a home.nix that says whose home it is.
const README = `{ ... }:
{
  imports = [ ${path.join(packageRoot(), "test/fixtures/readme/example.nix")} ];
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
}
`;

test("README's example switches end to end with real Nix", { skip: !haveNix && "nix-build is not installed" }, () => {
  const h = new Home();
  homes.push(h);
  h.config(README);
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const ffDir = fs.existsSync(h.p(".mozilla/firefox/profiles.ini")) ? ".mozilla/firefox" : ".config/mozilla/firefox";
  const ini = h.read(`${ffDir}/profiles.ini`);
  assert.match(ini, /\[Profile0\]\nDefault=1\nIsRelative=1\nName=myprofile\nPath=myprofile\n/);
  assert.match(h.read(`${ffDir}/myprofile/user.js`), /user_pref\("general\.smoothScroll", false\);/);
  assert.equal(h.read(".gnupg/gpg-agent.conf"), "enable-ssh-support\ngrab\ndefault-cache-ttl 1800\n");
  assert.ok(h.exists(".config/systemd/user/gpg-agent-ssh.socket"));
  const bin = fs.readdirSync(h.p(".nix-profile/bin")).sort();
  for (const p of ["emacs", "firefox", "fortune", "home-manager", "htop"]) assert.ok(bin.includes(p), bin.join(" "));
  assert.equal(spawnSync(h.p(".nix-profile/bin/firefox"), { encoding: "utf8" }).stdout, "firefox 133.0 (stable)\n");
});
