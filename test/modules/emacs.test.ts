/**
 * `programs.emacs` cases, built for real: the Nix package backend with the
 * example package set (examples/nixpkgs), whose Emacs packages are one
 * `.el` file each in `share/emacs/site-lisp`. `finalPackage` comes from
 * `emacsWithPackages` of the Emacs package set, holds every package
 * `extraPackages` picks (plus the `default` package made from
 * `extraConfig`), and is what `home.packages` installs. (Home Manager's own
 * `emacs-extra-config` case runs a real Emacs, a big test.)
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { packageRoot } from "../../src/nix/package-root.js";
import { Case } from "./harness.js";

const NIX = { HOME_MANAGER_PACKAGES: "nix", NIX_PATH: `nixpkgs=${path.join(packageRoot(), "examples", "nixpkgs")}` };

function finalPackage(c: Case, body: string): { outPath: string; packages: string[] } {
  c.homeNix(body);
  const ev = c.evaluate();
  const outPath = String(c.json(ev, "programs.emacs.finalPackage"));
  const pkgs = c.json(ev, "home.packages") as string[];
  assert.deepEqual(pkgs, [outPath]);
  const lisp = path.join(outPath, "share/emacs/site-lisp");
  const listed = fs.existsSync(lisp) ? fs.readdirSync(lisp).map((f) => f.replace(/\.el$/, "")) : [];
  return { outPath, packages: listed };
}

test("emacs: extraPackages picked from the package set, an emacs in the result", () => {
  const c = new Case(NIX);
  const r = finalPackage(c, `  programs.emacs = { enable = true; extraPackages = epkgs: [ epkgs.nix-mode epkgs.magit ]; };`);
  assert.match(r.outPath, /^\/nix\/store\/[a-z0-9]{32}-emacs-with-packages-30\.1$/);
  assert.deepEqual(r.packages.sort(), ["magit", "nix-mode"]);
  assert.notEqual(fs.statSync(path.join(r.outPath, "bin/emacs")).mode & 0o111, 0);
});

test("emacs extra-config: a `default` package joins the extra packages", () => {
  const c = new Case(NIX);
  c.file("hm-test.el", "(provide 'hm-test)\n");
  const r = finalPackage(
    c,
    `  programs.emacs = {
    enable = true;
    extraConfig = ''
      (require 'hm-test)
      (setq hm 'home-manager)
    '';
    extraPackages = epkgs: [ (epkgs.trivialBuild { pname = "hm-test"; version = "0.1.0"; src = ./hm-test.el; }) ];
  };`,
  );
  assert.deepEqual(r.packages.sort(), ["default", "hm-test"]);
  // `default.el` holds extraConfig, written by our writeText and copied into Nix's store by the build.
  assert.equal(
    fs.readFileSync(path.join(r.outPath, "share/emacs/site-lisp/default.el"), "utf8"),
    "(require 'hm-test)\n(setq hm 'home-manager)\n",
  );
});

test("emacs: disabled installs nothing; overrides and extraPackages merge", () => {
  const c = new Case();
  c.homeNix(`  programs.emacs.extraPackages = epkgs: [ epkgs.magit ];`);
  assert.deepEqual(c.json(c.evaluate(), "home.packages"), []);
  const r = finalPackage(
    new Case(NIX),
    `  imports = [ { programs.emacs.extraPackages = epkgs: [ epkgs.evil ]; } ];
  programs.emacs = {
    enable = true;
    overrides = self: super: { };
    extraPackages = epkgs: [ epkgs.magit ];
  };`,
  );
  assert.deepEqual(r.packages.sort(), ["evil", "magit"]);
});

test("emacs: the default overrides leave a fixed-point package scope alone (no infinite recursion)", () => {
  const c = new Case();
  c.homeNix(`  nixpkgs.overlays = [
    (self: super: {
      my-emacs = super.writeText "my-emacs" "";
      emacsPackagesFor = _: lib.makeScope super.newScope (scope: {
        emacsWithPackages = f: if f scope == [ ] then self.my-emacs else throw "unexpected packages";
      });
    })
  ];
  programs.emacs.enable = true;`);
  const ev = c.evaluate();
  const out = String(c.json(ev, "programs.emacs.finalPackage"));
  assert.match(out, /-my-emacs$/);
  assert.deepEqual(c.json(ev, "home.packages"), [out]);
});
