/**
 * The evaluation cache (src/home/eval-cache.ts) with the real command: an
 * unchanged configuration is not evaluated again, and every kind of change
 * the evaluation depended on is seen — the configuration, a file it imports,
 * a file it links (`home.file.<n>.source`), an environment variable it reads,
 * a directory it lists; an evaluation that reads the clock is never reused;
 * `HOME_MANAGER_EVAL_CACHE=0` turns the cache off.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, test } from "node:test";
import { Home } from "./helpers.js";

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));

const CACHED = /Using the cached evaluation/;

function home(): Home {
  const h = new Home();
  homes.push(h);
  h.env.HOME_MANAGER_PACKAGES = "stub";
  return h;
}

function switched(h: Home, env: Record<string, string> = {}): string {
  Object.assign(h.env, env);
  const r = h.runChild(["-v", "switch"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r.stdout + r.stderr;
}

const CONFIG = `{ config, pkgs, lib, ... }:
{
  imports = [ ./extra.nix ];
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.file.".linked".source = ./linked.txt;
  home.file.".env".text = builtins.getEnv "GREETING";
  home.file.".listing".text = builtins.concatStringsSep "," (builtins.attrNames (builtins.readDir ./dir));
}
`;

test("an unchanged configuration is not evaluated again; each change it depends on is seen", () => {
  const h = home();
  const dir = `${h.home}/.config/home-manager`;
  h.config(CONFIG);
  fs.writeFileSync(`${dir}/extra.nix`, `{ home.file.".extra".text = "one"; }\n`);
  fs.writeFileSync(`${dir}/linked.txt`, "linked one\n");
  fs.mkdirSync(`${dir}/dir`);
  fs.writeFileSync(`${dir}/dir/a`, "");

  assert.doesNotMatch(switched(h, { GREETING: "hello" }), CACHED);
  assert.match(switched(h), CACHED);
  assert.equal(h.read(".env"), "hello");

  fs.writeFileSync(`${dir}/extra.nix`, `{ home.file.".extra".text = "two"; }\n`);
  assert.doesNotMatch(switched(h), CACHED, "an imported file changed");
  assert.equal(h.read(".extra"), "two");
  assert.match(switched(h), CACHED);

  fs.writeFileSync(`${dir}/linked.txt`, "linked two\n");
  // A linked source is read when the generation is built: the cached evaluation stays valid and the new text arrives.
  switched(h);
  assert.equal(h.read(".linked"), "linked two\n");

  assert.doesNotMatch(switched(h, { GREETING: "bonjour" }), CACHED, "an environment variable read changed");
  assert.equal(h.read(".env"), "bonjour");

  fs.writeFileSync(`${dir}/dir/b`, "");
  assert.doesNotMatch(switched(h), CACHED, "a listed directory changed");
  assert.equal(h.read(".listing"), "a,b");

  h.config(
    CONFIG.replace('"one"', '"x"').replace("imports = [ ./extra.nix ];", 'imports = [ ./extra.nix ]; home.file.".more".text = "more";'),
  );
  assert.doesNotMatch(switched(h), CACHED, "the configuration changed");
  assert.equal(h.read(".more"), "more");
  assert.match(switched(h), CACHED);

  assert.doesNotMatch(switched(h, { HOME_MANAGER_EVAL_CACHE: "0" }), CACHED, "the cache can be turned off");
});

test("an evaluation that reads the clock is never reused", () => {
  const h = home();
  h.config(`{ ... }: {
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.file.".t".text = toString builtins.currentTime;
}
`);
  // A linked source is read when the generation is built: the cached evaluation stays valid and the new text arrives.
  switched(h);
  assert.doesNotMatch(switched(h), CACHED);
});
