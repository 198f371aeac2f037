/**
 * `lib.mkRemovedOptionModule`: its instructions are read only when a
 * message needs them, so they may mention `config` of the module whose
 * `imports` call it (as Home Manager's home-environment.nix does) without
 * the collection of modules recursing; defining the removed option still
 * fails its assertion with those instructions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalJSON, HOME } from "./harness.js";

const MODULE = `{ config, lib, ... }: {
  imports = [ (lib.mkRemovedOptionModule [ "old" "opt" ] "Use \${config.new.name} instead.") ];
  options.new.name = lib.mkOption { type = lib.types.str; default = "new.opt"; };
  options.assertions = lib.mkOption { type = lib.types.listOf lib.types.unspecified; default = [ ]; };
}`;

test("instructions that read config do not make the imports recurse", () => {
  assert.equal(evalJSON({ [`${HOME}/m.nix`]: MODULE }, "./m.nix", "config.new"), '{"name":"new.opt"}');
});

test("defining the removed option fails its assertion, with the instructions", () => {
  const json = evalJSON({ [`${HOME}/m.nix`]: MODULE }, './m.nix { old.opt = 1; new.name = "other"; }', "config.assertions");
  const [a] = JSON.parse(json) as { assertion: boolean; message: string }[];
  assert.equal(a!.assertion, false);
  assert.match(a!.message, /^The option definition `old\.opt' in .* no longer has any effect; please remove it\.\nUse other instead\.\n$/);
});
