/**
 * Errors a user can act on, pinned verbatim: nixpkgs' wording, with every
 * definition shown as `file:line:col` (the position of the attribute in the
 * user's file), a "Did you mean" for unknown options, and the frames that
 * name the option being evaluated.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalError, HOME, rendered } from "./harness.js";

const common = `{ lib, ... }: with lib; {
  options.programs.git.enable = mkEnableOption "Git";
  options.programs.emacs.enable = mkEnableOption "Emacs";
  options.name = mkOption { type = types.str; };
  options.uid = mkOption { type = types.int; readOnly = true; default = 1000; };
  options.ports = mkOption { type = types.attrsOf types.port; default = { }; };
}
`;

function error(home: string, attr = "config"): string {
  const files = { [`${HOME}/common.nix`]: common, [`${HOME}/home.nix`]: home };
  return rendered(evalError(files, "./home.nix", attr));
}

// As in nixpkgs, up to three siblings are suggested, nearest first, whatever their distance when there are few.
test("unknown option: definitions with file:line:col and suggestions", () => {
  const msg = error(`{ imports = [ ./common.nix ];\n  programs.gti.enable = true;\n}\n`);
  assert.equal(
    msg,
    [
      "error: The option `programs.gti' does not exist. Definition values:",
      "       - In `/home/jdoe/.config/home-manager/home.nix:2:3':",
      "           {",
      "             enable = true;",
      "           }",
      "       ",
      "       Did you mean `programs.git' or `programs.emacs'?",
      "       at /home/jdoe/.config/home-manager/home.nix:2:3:",
      "            1| { imports = [ ./common.nix ];",
      "            2|   programs.gti.enable = true;",
      "             |   ^",
      "            3| }",
      "",
    ].join("\n"),
  );
});

test("wrong type, as in the manual", () => {
  const msg = error(`{ imports = [ ./common.nix ];\n  programs.emacs.enable = "yes";\n}\n`, "config.programs.emacs.enable");
  assert.match(
    msg,
    /^error:\n {7}… while evaluating the option `programs\.emacs\.enable':\n\n {7}error: A definition for option `programs\.emacs\.enable' is not of type `boolean'\. Definition values:\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/home\.nix:2:3': "yes"\n/,
  );
});

test("conflicting definitions list every definition", () => {
  const msg = error(
    `{ imports = [ ./common.nix ./other.nix ];\n  name = "jdoe";\n}\n`.replace(" ./other.nix", ' { name = "john"; }'),
    "config.name",
  );
  assert.match(
    msg,
    /error: The option `name' has conflicting definition values:\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/home\.nix:1:\d+': "john"\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/home\.nix:2:3': "jdoe"\n {7}Use `lib\.mkForce value` or `lib\.mkDefault value` to change the priority on any of these definitions\./,
  );
});

test("used but not defined", () => {
  assert.match(
    error(`{ imports = [ ./common.nix ]; }`, "config.name"),
    /error: The option `name' was accessed but has no value defined\. Try setting the option\./,
  );
});

test("read-only set twice", () => {
  const msg = error(`{ imports = [ ./common.nix ];\n  uid = 1001;\n}\n`, "config.uid");
  assert.match(
    msg,
    /error: The option `uid' is read-only, but it's set multiple times\. Definition values:\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/common\.nix:5:\d+': 1000\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/home\.nix:2:3': 1001/,
  );
});

test("a bad element of an attribute set names the element and its line", () => {
  const msg = error(`{ imports = [ ./common.nix ];\n  ports.ssh = 22;\n  ports.web = 99999;\n}\n`, "config.ports");
  assert.match(
    msg,
    /A definition for option `ports\.web' is not of type `16 bit unsigned integer; between 0 and 65535 \(both inclusive\)'\. Definition values:\n {7}- In `\/home\/jdoe\/\.config\/home-manager\/home\.nix:3:3': 99999/,
  );
});

test("infinite recursion names the option being evaluated", () => {
  const msg = error(`{ config, ... }: { imports = [ ./common.nix ];\n  name = config.name + "!";\n}\n`, "config.name");
  assert.match(msg, /… while evaluating the option `name':[\s\S]*error: infinite recursion encountered/);
});

test("a missing module argument says where it was looked for", () => {
  const msg = error(`{ pkgs, ... }: { imports = [ ./common.nix ];\n  name = pkgs.hello;\n}\n`, "config.name");
  assert.match(msg, /while evaluating the module argument `pkgs' in "\/home\/jdoe\/\.config\/home-manager\/home\.nix":/);
  assert.match(msg, /error: attribute 'pkgs' missing/);
  assert.match(msg, /The module argument `pkgs' was not found: it is neither in `specialArgs' nor defined in `_module\.args'\./);
});

test("a module with unknown top-level attributes next to config", () => {
  assert.match(
    error(`{ config = { }; foo = 1; }`),
    /error: Module `\/home\/jdoe\/\.config\/home-manager\/home\.nix' has an unsupported attribute `foo'\. This is caused by introducing a top-level `config' or `options' attribute\. Add configuration attributes immediately on the top level instead, or move all of them \(namely: foo\) into the explicit `config' attribute\./,
  );
});

test("an option declared twice with incompatible types", () => {
  assert.match(
    error(`{ lib, ... }: { imports = [ ./common.nix ]; options.name = lib.mkOption { type = lib.types.int; }; }`, "config.name"),
    /error: The option `name' in `\/home\/jdoe\/\.config\/home-manager\/home\.nix' is already declared in `\/home\/jdoe\/\.config\/home-manager\/common\.nix'\./,
  );
});

test("mkIf with a non-Boolean condition", () => {
  assert.match(
    error(`{ lib, ... }: { imports = [ ./common.nix ]; name = lib.mkIf "yes" "x"; }`, "config.name"),
    /error: ‘mkIf’ called with a non-Boolean condition/,
  );
});
