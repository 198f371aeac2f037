/**
 * The package backends through real evaluations of `home.nix`: the stub
 * backend's `@pname@` placeholders; the host backend's links to programs on
 * `PATH` and its errors (naming the package and the option that asked);
 * the Nix backend with real Nix and the example package set
 * (examples/nixpkgs, examples/nixpkgs-unstable): one `nix-build` for a cold
 * build, none for an unchanged one (counted by a wrapper on `PATH`), the
 * manual's FAQ answers (`import <nixpkgs-unstable> {}`, a package option with
 * `override`, an overlay), `nixpkgs.config`, GC roots, and a package Nix
 * does not have.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { packageRoot } from "../../src/nix/package-root.js";
import { Case } from "../modules/harness.js";

const EXAMPLES = path.join(packageRoot(), "examples");
const STABLE = path.join(EXAMPLES, "nixpkgs");
const UNSTABLE = path.join(EXAMPLES, "nixpkgs-unstable");

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const p = path.join(dir, name);
    if (dir !== "" && fs.existsSync(p)) return p;
  }
  return undefined;
}

/** A Nix-backend case whose `nix-build` calls are counted (one line each in `<root>/nix-calls`). */
function nixCase(): { c: Case; calls: () => number } {
  const c = new Case({ HOME_MANAGER_PACKAGES: "nix", NIX_PATH: `nixpkgs=${STABLE}:nixpkgs-unstable=${UNSTABLE}` });
  const bin = path.join(c.root, "bin");
  fs.mkdirSync(bin);
  const log = path.join(c.root, "nix-calls");
  fs.writeFileSync(path.join(bin, "nix-build"), `#!/bin/sh\necho call >> '${log}'\nexec '${which("nix-build")}' "$@"\n`, { mode: 0o755 });
  c.env.PATH = `${bin}:${c.env.PATH}`;
  return {
    c,
    calls: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, "utf8")
            .split("\n")
            .filter((l) => l !== "").length
        : 0,
  };
}

test("stub: out paths are @pname@, as Home Manager's tests scrub them", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`  home.packages = [ pkgs.htop pkgs.gitMinimal pkgs.python3Packages.requests (pkgs.emacs.pkgs.withPackages (p: [ p.magit ])) ];
  home.file.a.text = "\${pkgs.git}/bin/git \${pkgs.git.override { withManual = false; }} \${lib.getExe pkgs.ripgrep} \${pkgs.git.man}";`);
  const ev = c.evaluate();
  assert.deepEqual(ev.generation.packages, ["@htop@", "@git@", "@requests@", "@emacs-with-packages@"]);
  const file = ev.generation.files!.find((f) => f.target === "a")!;
  assert.equal(fs.readFileSync(file.source!, "utf8"), "@git@/bin/git @git@ @ripgrep@/bin/rg @git@");
});

// The package set makes a package's entry when it is first looked up, so `//`
// on either side must keep the names not looked up yet.
test("stub: a set updated with the package set, or the package set updated, still has every package", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`  home.packages = let
    under = { _mine = pkgs.htop; hello = pkgs.jq; } // pkgs;
    over = pkgs // { bar = pkgs.tree; };
  in [ under.hello under._mine under.fd over.bar over.ripgrep ];`);
  assert.deepEqual(c.evaluate().generation.packages, ["@hello@", "@htop@", "@fd@", "@tree@", "@ripgrep@"]);
});

test("host: a package is the program on PATH, linked from a small store directory", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "host" });
  const bin = path.join(c.root, "hostbin");
  fs.mkdirSync(bin);
  for (const p of ["htop", "gpg", "gpg-agent"]) fs.writeFileSync(path.join(bin, p), "#!/bin/sh\necho host\n", { mode: 0o755 });
  c.env.PATH = `${bin}:${c.env.PATH}`;
  c.homeNix(`  home.packages = [ pkgs.htop pkgs.gnupg ];`);
  const [htop, gnupg] = c.evaluate().generation.packages!;
  assert.match(path.basename(htop!), /-htop-host$/);
  assert.equal(fs.readlinkSync(path.join(htop!, "bin/htop")), path.join(bin, "htop"));
  // Each program of the package found on PATH is linked: ours first on PATH, so gpg is the fake one.
  assert.equal(fs.readlinkSync(path.join(gnupg!, "bin/gpg")), path.join(bin, "gpg"));
});

test("host: missing programs and what needs Nix fail together, naming the package and the option", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "host", PATH: "/nonexistent-bin" });
  const msg = c.error(`  home.packages = [ pkgs.htop (pkgs.git.override { withManual = false; }) ];
  home.file.x.text = "\${pkgs.fortune}/bin/fortune";`);
  assert.equal(msg.split("\n")[0], "3 packages could not be provided by the 'host' package backend:");
  assert.match(
    msg,
    /^- `pkgs\.htop' \(asked for by the option `home\.packages'\): it is not installed on this machine \(no 'htop' on PATH\)\./m,
  );
  assert.match(
    msg,
    /^- `\(pkgs\.git\.override …\)' \(asked for by the option `home\.packages'\): building or changing a package needs Nix, and Nix is not installed\./m,
  );
  assert.match(msg, /^- `pkgs\.fortune' \(asked for by the option `home\.file\.x\.text'\): it is not installed/m);
});

test("the backend named by HOME_MANAGER_PACKAGES must exist", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "brew" });
  assert.equal(
    c.error(`  home.packages = [ ];`),
    "unknown package backend 'brew' (HOME_MANAGER_PACKAGES or --packages): expected one of nix, host, stub",
  );
});

const haveNix = which("nix-build") !== undefined;

test(
  "nix: one nix-build for a cold build, none when nothing changed; real programs; a GC root",
  { skip: !haveNix && "nix-build is not installed" },
  () => {
    const { c, calls } = nixCase();
    c.homeNix(`  home.packages = [ pkgs.htop pkgs.fortune ];
  home.file.hello.text = "\${pkgs.hello}/bin/hello \${pkgs.htop.version} \${lib.getExe pkgs.fortune}";`);
    const first = c.evaluate().generation;
    assert.equal(calls(), 1);
    const [htop, fortune] = first.packages!;
    assert.match(htop!, /^\/nix\/store\/[a-z0-9]{32}-htop-3\.3\.0$/);
    assert.ok(fs.existsSync(path.join(fortune!, "bin/fortune")));
    const text = fs.readFileSync(first.files!.find((f) => f.target === "hello")!.source!, "utf8");
    assert.match(
      text,
      /^\/nix\/store\/[a-z0-9]{32}-hello-2\.12\.1\/bin\/hello 3\.3\.0 \/nix\/store\/[a-z0-9]{32}-fortune-mod-3\.20\.0\/bin\/fortune$/,
    );
    const roots = fs.readdirSync(path.join(c.home, ".local/state/home-manager/gcroots/nix-packages"));
    assert.equal(roots.length, 1);
    const manifest = fs.readFileSync(path.join(c.home, ".local/state/home-manager/gcroots/nix-packages", roots[0]!), "utf8");
    assert.ok(manifest.includes(htop!), "the GC root's manifest refers to every package");

    const again = c.evaluate().generation;
    assert.equal(calls(), 1, "an unchanged configuration calls Nix zero times");
    assert.deepEqual(again.packages, first.packages);
  },
);

test(
  "nix: the FAQ's answers — import <nixpkgs-unstable> {}, a module's package option, an overlay",
  { skip: !haveNix && "nix-build is not installed" },
  () => {
    const { c, calls } = nixCase();
    // The manual's FAQ, "How do I install packages from Nixpkgs unstable?" and "How do I change the package used by a module?".
    c.file(
      "home.nix",
      `{ pkgs, config, ... }:

let
  pkgsUnstable = import <nixpkgs-unstable> {};
in
{
  home.username = "hm-user";
  home.homeDirectory = "${c.home}";
  home.stateVersion = "24.11";

  home.packages = [
    pkgsUnstable.foo
    pkgs.gitMinimal
  ];

  programs.beets.enable = true;
  programs.beets.package = pkgs.beets.override { pluginOverrides = { beatport.enabled = true; }; };

  programs.skim.enable = true;
  nixpkgs.overlays = [
    (self: super: {
      skim = pkgsUnstable.skim;
    })
  ];
  nixpkgs.config.allowUnfree = true;
}
`,
    );
    const g = c.evaluate().generation;
    assert.equal(calls(), 1);
    const names = g.packages!.map((p) => path.basename(p).slice(33));
    assert.ok(names.includes("foo-2.0"), names.join(" "));
    assert.ok(names.includes("skim-0.15.0"), `the overlay's skim comes from unstable: ${names.join(" ")}`);
    assert.ok(names.includes("beets-2.0.0"), names.join(" "));
    const git = g.packages!.find((p) => p.endsWith("-git-2.47.0"))!;
    assert.equal(fs.readFileSync(path.join(git, "bin/git"), "utf8").includes("minimal"), true);
  },
);

test(
  "nix: a package the nixpkgs does not have is an error naming it and the option",
  { skip: !haveNix && "nix-build is not installed" },
  () => {
    const { c } = nixCase();
    const msg = c.error(`  home.packages = [ pkgs.htop pkgs.no-such-package ];`);
    assert.equal(
      msg.split("@HOME@").join(""),
      `1 package could not be provided by the 'nix' package backend:\n- \`pkgs.no-such-package' (asked for by the option \`home.packages'): there is no such package in <nixpkgs> (${STABLE}).`,
    );
  },
);

test("nix: without a nixpkgs on the search path the error says how to add one", { skip: !haveNix && "nix-build is not installed" }, () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "nix", NIX_PATH: "" });
  assert.match(
    c.error(`  home.packages = [ pkgs.htop ];`),
    /the Nix package backend needs a nixpkgs to take packages from, and none was found: add one with `-I nixpkgs=PATH`/,
  );
});

test(
  "nix: home.extraOutputsToInstall adds the outputs a package has (git's doc), as buildEnv does",
  { skip: !haveNix && "nix-build is not installed" },
  () => {
    const { c } = nixCase();
    c.homeNix(`  home.packages = [ pkgs.git pkgs.htop ];
  home.extraOutputsToInstall = [ "doc" "info" ];`);
    const g = c.evaluate().generation;
    const names = g.packages!.map((p) => path.basename(p).slice(33));
    assert.deepEqual(names, ["git-2.47.0", "git-2.47.0-doc", "htop-3.3.0"]);
    assert.equal(fs.readFileSync(path.join(g.packages![1]!, "share/doc/git/README"), "utf8"), "git manual\n");
  },
);

test(
  "nix: overrideAttrs with a function that reads the old attributes goes to Nix as its own text",
  { skip: !haveNix && "nix-build is not installed" },
  () => {
    const { c } = nixCase();
    c.homeNix(`  home.packages = [ (pkgs.htop.overrideAttrs (old: { extra = (old.extra or "") + " patched"; })) ];`);
    const [htop] = c.evaluate().generation.packages!;
    assert.equal(spawnSync(path.join(htop!, "bin/htop"), { encoding: "utf8" }).stdout, "htop 3.3.0 (stable) patched\n");
    // A function that needs a variable from around it cannot be handed over; the error says which.
    const { c: c2 } = nixCase();
    const msg = c2.error(`  home.packages = [ (let suffix = " x"; in pkgs.htop.overrideAttrs (old: { extra = old.extra + suffix; })) ];`);
    assert.match(msg, /it refers to suffix from around it, which cannot be passed to Nix/);
  },
);
