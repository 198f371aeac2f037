/**
 * The stub package set (until real package backends exist): any attribute
 * path is a derivation-like stand-in with a real `bin/<name>` script in the
 * private store; `override`, `overrideAttrs`, `withPackages`, calling and
 * `callPackage` give stand-ins; `lib.getExe` works; the trivial builders
 * write real files; store paths are named during evaluation and written only
 * when it succeeds; an unchanged configuration names the same paths and
 * writes nothing new.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case } from "./harness.js";

test("any attribute path is a stand-in package with a bin/<name> script", () => {
  const c = new Case();
  c.homeNix(`home.packages = [ pkgs.htop pkgs.emacsPackages.magit pkgs.python3.pkgs.requests ];`);
  const ev = c.evaluate();
  const [htop, magit, requests] = ev.generation.packages!;
  assert.match(htop!, /\/[0-9a-z]{32}-htop-stub$/);
  assert.match(magit!, /-magit-stub$/);
  assert.match(requests!, /-requests-stub$/);
  const out = execFileSync(path.join(htop!, "bin/htop"), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.equal(out, "");
  const err = (() => {
    try {
      return execFileSync("sh", ["-c", `'${path.join(magit!, "bin/magit")}' 2>&1`], { encoding: "utf8" });
    } catch (e) {
      return String(e);
    }
  })();
  assert.match(err, /^magit: this is a stand-in for the package 'pkgs\.emacsPackages\.magit'/);
  assert.deepEqual(c.json(ev, "home.packages"), ev.generation.packages);
});

test("stand-in attributes: name, pname, version, meta.mainProgram, outputs; lib.getExe works", () => {
  const c = new Case();
  c.homeNix(`home.sessionVariables = {
    N = pkgs.ripgrep.name; P = pkgs.ripgrep.pname; V = pkgs.ripgrep.version;
    M = pkgs.ripgrep.meta.mainProgram;
    E = lib.getExe pkgs.ripgrep;
    D = builtins.toString (lib.isDerivation pkgs.ripgrep);
    B = builtins.toString (lib.getBin pkgs.ripgrep == pkgs.ripgrep);
  };`);
  const v = c.evaluate().generation.sessionVariables!;
  assert.equal(v.N, "ripgrep-stub");
  assert.equal(v.P, "ripgrep");
  assert.equal(v.V, "stub");
  assert.equal(v.M, "ripgrep");
  assert.match(String(v.E), /-ripgrep-stub\/bin\/ripgrep$/);
  assert.equal(v.D, "1");
  assert.equal(v.B, "1");
});

test("override, overrideAttrs, withPackages and calls give stand-ins", () => {
  const c = new Case();
  c.homeNix(`home.packages = [
    (pkgs.htop.override { withSensors = true; })
    (pkgs.vim.overrideAttrs (old: { pname = "vim-custom"; }))
    (pkgs.emacs.pkgs.withPackages (epkgs: [ epkgs.magit ]))
    (pkgs.python3.withPackages (ps: [ ps.requests ]))
    (pkgs.fetchFromGitHub { owner = "o"; repo = "r"; rev = "v1"; hash = ""; })
    (pkgs.callPackage ({ stdenv, hello }: stdenv.mkDerivation { pname = "mine"; version = "1"; }) { })
  ];`);
  const names = c.evaluate().generation.packages!.map((p) => path.basename(p).slice(33));
  assert.deepEqual(names, [
    "htop-stub",
    "vim-custom-stub",
    "emacs-with-packages-stub",
    "python3-with-packages-stub",
    "fetchFromGitHub-stub",
    "mine-stub",
  ]);
});

test("trivial builders write real files: writeShellScriptBin, writeText, symlinkJoin", () => {
  const c = new Case();
  c.homeNix(`home.packages = [
    (pkgs.writeShellScriptBin "greet" "echo hello")
    (pkgs.symlinkJoin { name = "joined"; paths = [ (pkgs.writeTextDir "share/a" "A") (pkgs.writeTextDir "share/b" "B") ]; })
  ];
  home.file.t.source = pkgs.writeText "t.txt" "text";`);
  const g = c.evaluate().generation;
  const [greet, joined] = g.packages!;
  assert.equal(execFileSync(path.join(greet!, "bin/greet"), { encoding: "utf8" }), "hello\n");
  assert.equal(fs.readFileSync(path.join(joined!, "share/a"), "utf8"), "A");
  assert.equal(fs.readFileSync(path.join(joined!, "share/b"), "utf8"), "B");
  assert.equal(fs.readFileSync(g.files!.find((f) => f.target === "t")!.source!, "utf8"), "text");
});

test("a failed evaluation writes nothing into the store", () => {
  const c = new Case();
  c.homeNix(`home.packages = [ pkgs.htop ]; home.file.a.text = "x"; home.nope = true;`);
  assert.throws(() => c.evaluate());
  assert.equal(fs.existsSync(path.join(c.home, ".local/state/home-manager/store")), false);
});

test("an unchanged configuration names the same paths and writes nothing new", () => {
  const c = new Case();
  c.homeNix(
    `home.packages = [ pkgs.htop ]; home.file.a.text = "x"; systemd.user.services.s.Service.ExecStart = "\${pkgs.hello}/bin/hello";`,
  );
  const first = c.evaluate().generation;
  const store = path.join(c.home, ".local/state/home-manager/store");
  const before = fs.readdirSync(store).sort();
  const mtimes = before.map((n) => fs.lstatSync(path.join(store, n)).ctimeMs);
  const second = c.evaluate().generation;
  assert.deepEqual(second, first);
  assert.deepEqual(fs.readdirSync(store).sort(), before);
  assert.deepEqual(
    before.map((n) => fs.lstatSync(path.join(store, n)).ctimeMs),
    mtimes,
  );
});

test("pkgs.lib is lib, stdenv describes the host, config and overlays are empty", () => {
  const c = new Case();
  c.homeNix(`home.sessionVariables = {
    L = builtins.toString (pkgs.lib.versionAtLeast "2" "1");
    S = pkgs.stdenv.hostPlatform.system;
    C = builtins.toJSON [ pkgs.config pkgs.overlays ];
  };`);
  const v = c.evaluate().generation.sessionVariables!;
  assert.equal(v.L, "1");
  assert.match(String(v.S), /^[a-z0-9_]+-(linux|darwin)$/);
  assert.equal(v.C, "[{},[]]");
});
