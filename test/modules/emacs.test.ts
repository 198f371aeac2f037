/**
 * `programs.emacs` cases. Home Manager's own `emacs-extra-config` case runs
 * a real Emacs (a big test); with stand-in packages we check the shape
 * instead: `finalPackage` comes from `emacsWithPackages` of the Emacs package
 * set, sees every package `extraPackages` picks (plus the `default` package
 * made from `extraConfig`), and is what `home.packages` installs.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case } from "./harness.js";

function finalPackage(c: Case, body: string): { outPath: string; packages: string[] } {
  c.homeNix(body);
  const ev = c.evaluate();
  const outPath = String(c.json(ev, "programs.emacs.finalPackage"));
  const pkgs = c.json(ev, "home.packages") as string[];
  assert.deepEqual(pkgs, [outPath]);
  const listed = fs.readFileSync(path.join(outPath, "share/stand-in/packages"), "utf8");
  return { outPath, packages: listed.split("\n").filter((l) => l !== "") };
}

test("emacs: extraPackages picked from the package set, an emacs in the result", () => {
  const c = new Case();
  const r = finalPackage(c, `  programs.emacs = { enable = true; extraPackages = epkgs: [ epkgs.nix-mode epkgs.magit ]; };`);
  assert.match(path.basename(r.outPath), /-emacs-with-packages-stub$/);
  assert.deepEqual(r.packages, ["nix-mode", "magit"]);
  assert.notEqual(fs.statSync(path.join(r.outPath, "bin/emacs")).mode & 0o111, 0);
});

test("emacs extra-config: a `default` package joins the extra packages", () => {
  const r = finalPackage(
    new Case(),
    `  programs.emacs = {
    enable = true;
    extraConfig = ''
      (require 'hm-test)
      (setq hm 'home-manager)
    '';
    extraPackages = epkgs: [ (epkgs.trivialBuild { pname = "hm-test"; version = "0.1.0"; src = ./x; }) ];
  };`,
  );
  assert.deepEqual(r.packages, ["hm-test", "default"]);
});

test("emacs: disabled installs nothing; overrides and extraPackages merge", () => {
  const c = new Case();
  c.homeNix(`  programs.emacs.extraPackages = epkgs: [ epkgs.magit ];`);
  assert.deepEqual(c.json(c.evaluate(), "home.packages"), []);
  const r = finalPackage(
    new Case(),
    `  imports = [ { programs.emacs.extraPackages = epkgs: [ epkgs.evil ]; } ];
  programs.emacs = {
    enable = true;
    overrides = self: super: { };
    extraPackages = epkgs: [ epkgs.magit ];
  };`,
  );
  assert.deepEqual([...r.packages].sort(), ["evil", "magit"]);
});
