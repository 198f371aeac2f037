/**
 * `home.packages` and a profile that Nix already manages (`~/.nix-profile`
 * linking to a nix-env profile with packages installed by hand): the
 * switch installs Home Manager's packages into that profile as
 * `home-manager-path`, keeping what nix-env installed, and the FAQ's
 * collision case ("Why is there a collision error when switching
 * generation?") fails with an error naming both packages' files. Real Nix,
 * real nix-env, the example package set.
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

const haveNix = spawnSync("sh", ["-c", "command -v nix-env"]).status === 0;

function nix(h: Home, args: string[]): string {
  const r = spawnSync(args[0]!, args.slice(1), { env: h.env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const config = (pkgs: string) => `{ pkgs, ... }: {
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.packages = [ ${pkgs} ];
}`;

test("a nix-env profile keeps its packages; the FAQ's collision names both files", { skip: !haveNix && "nix-env is not installed" }, () => {
  const h = new Home();
  homes.push(h);
  // `hello` installed by hand with nix-env, in a profile of its own that ~/.nix-profile links to.
  const hello = nix(h, ["nix-build", "--no-out-link", path.join(packageRoot(), "examples", "nixpkgs"), "-A", "hello"]);
  const profile = path.join(h.root, "profiles", "profile");
  fs.mkdirSync(path.dirname(profile));
  nix(h, ["nix-env", "--profile", profile, "--install", hello]);
  fs.symlinkSync(profile, path.join(h.home, ".nix-profile"));

  h.config(config("pkgs.htop"));
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const installed = nix(h, ["nix-env", "--profile", profile, "--query"]).split("\n").sort();
  assert.deepEqual(installed, ["hello-2.12.1", "home-manager-path"]);
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["hello", "htop"]);
  assert.equal(fs.readlinkSync(path.join(h.home, ".nix-profile")), profile, "the link to the Nix profile is kept");
  assert.equal(spawnSync(h.p(".nix-profile/bin/htop"), { encoding: "utf8" }).stdout, "htop 3.3.0 (stable)\n");

  // The FAQ's case: home.packages has hello too.
  h.config(config("pkgs.htop pkgs.hello"));
  const bad = h.run(["switch"]);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  const out = bad.stdout + bad.stderr;
  // Nix's own message names the two files of the first collision it meets. Which
  // file that is, and how it spells each side, depends on the order Nix meets the
  // packages and their directories: a directory that home-manager-path links whole
  // is shown by its target, in hello's own store path. Both sides are the same file
  // of the two packages; hello's store path is named (checked below).
  assert.match(
    out,
    /error: packages '\/nix\/store\/[a-z0-9]{32}-(?:home-manager-path|hello-2\.12\.1)\/(\S+)' and '\/nix\/store\/[a-z0-9]{32}-(?:home-manager-path|hello-2\.12\.1)\/\1' have the same priority/,
  );
  assert.match(out, /Home Manager could not install its packages into the Nix profile/);
  assert.ok(out.includes(hello), out);
  // Nothing was lost: the profile is as it was.
  assert.deepEqual(nix(h, ["nix-env", "--profile", profile, "--query"]).split("\n").sort(), ["hello-2.12.1", "home-manager-path"]);
});

test("a `nix profile` profile keeps its packages too; a collision rolls it back", { skip: !haveNix && "nix-env is not installed" }, () => {
  const h = new Home();
  homes.push(h);
  const nixCmd = ["nix", "--extra-experimental-features", "nix-command"];
  const hello = nix(h, ["nix-build", "--no-out-link", path.join(packageRoot(), "examples", "nixpkgs"), "-A", "hello"]);
  const profile = path.join(h.root, "profiles", "profile");
  fs.mkdirSync(path.dirname(profile));
  nix(h, [...nixCmd, "profile", "install", "--profile", profile, hello]);
  // (Nix may have made its own ~/.nix-profile link while installing; ours points at this profile.)
  fs.rmSync(path.join(h.home, ".nix-profile"), { force: true });
  fs.symlinkSync(profile, path.join(h.home, ".nix-profile"));
  const listed = () => nix(h, [...nixCmd, "profile", "list", "--profile", profile]);

  h.config(config("pkgs.htop"));
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(listed(), /-hello-2\.12\.1/);
  assert.match(listed(), /-home-manager-path/);
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["hello", "htop"]);

  // A second switch with another package replaces the home-manager-path element, keeping hello.
  h.config(config("pkgs.htop pkgs.fortune"));
  assert.equal(h.run(["switch"]).code, 0);
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["fortune", "hello", "htop"]);
  assert.equal(
    listed()
      .split("\n")
      .filter((l) => l.includes("home-manager-path")).length,
    1,
  );

  h.config(config("pkgs.htop pkgs.hello"));
  const bad = h.run(["switch"]);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout + bad.stderr, /could not install its packages into the Nix profile/);
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["fortune", "hello", "htop"], "rolled back: nothing lost");
});
