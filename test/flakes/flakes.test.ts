/**
 * Flake configurations end to end with the real command in a scratch home:
 * the manual's standalone setup (a `flake.nix` beside `home.nix`, found
 * automatically; `--flake DIR`, `--flake DIR#NAME`), `init --switch` in flake
 * mode, `USER@HOST` names, `extraSpecialArgs`, `check = false`,
 * `--override-input`, errors that name the user's file and line, and
 * `flake.lock`: an input that is not on this machine is fetched by real Nix
 * and locked in Nix's format (which real Nix then reads), a locked input
 * already in the Nix store needs no Nix at all, and without Nix an unlocked
 * remote input fails with a message saying what to do.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { packageRoot } from "../../src/nix/package-root.js";
import { Home } from "../home-eval/helpers.js";
import { cli } from "../../src/cli/home-manager.js";
import { resetHomeEvaluator } from "../../src/cli/config-evaluator.js";
import { nodeIO } from "../../src/nix/io.js";
import { installHomeEvaluator } from "../../src/home/register.js";

const haveNix = spawnSync("sh", ["-c", "command -v nix && command -v nix-build && command -v git"]).status === 0;
const NIXPKGS = path.join(packageRoot(), "examples", "nixpkgs");
const FEATURES = ["--extra-experimental-features", "nix-command flakes"];

const homes: Home[] = [];
function scratch(): Home {
  const h = new Home();
  homes.push(h);
  return h;
}
after(() => homes.forEach((h) => h.cleanup()));

/** The manual's standalone `flake.nix` (as `init` writes it), with nixpkgs from `nixpkgsUrl`. */
function flakeNix(nixpkgsUrl: string, name = "jdoe", extra = ""): string {
  return `{
  description = "Home Manager configuration of jdoe";

  inputs = {
    nixpkgs.url = "${nixpkgsUrl}";
    home-manager = {
      url = "github:nix-community/home-manager";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs = { nixpkgs, home-manager, ... }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.\${system};
    in {
      homeConfigurations."${name}" = home-manager.lib.homeManagerConfiguration {
        inherit pkgs;
        modules = [ ./home.nix ];
        ${extra}
      };
    };
}
`;
}

const HOME_NIX = `{ config, pkgs, ... }: {
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.packages = [ pkgs.hello ];
  home.file."greeting".text = "hello from \${config.home.username}'s flake";
  programs.home-manager.enable = true;
}
`;

function setup(h: Home, flake: string, homeNix = HOME_NIX): string {
  const dir = h.p(".config/home-manager");
  fs.writeFileSync(path.join(dir, "flake.nix"), flake);
  h.config(homeNix);
  return dir;
}

/** Package backend for these runs: real Nix when installed, else the stubs. */
const PKG = haveNix ? [] : ["--packages", "stub"];

test("the manual's standalone flake: switch finds ~/.config/home-manager/flake.nix, packages come from its nixpkgs input", () => {
  const h = scratch();
  setup(h, flakeNix(`path:${NIXPKGS}`));
  const r = h.run(["switch", ...PKG]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(h.read("greeting"), "hello from jdoe's flake");
  if (haveNix) {
    const hello = fs.realpathSync(h.p(".nix-profile/bin/hello"));
    assert.match(hello, /^\/nix\/store\/[a-z0-9]{32}-hello-2\.12\.1\/bin\/hello$/);
  }
  // Nothing fetched, so nothing locked.
  assert.equal(h.exists(".config/home-manager/flake.lock"), false);
  const gens = h.run(["generations"]);
  assert.match(gens.stdout, /: id 1 -> .*home-manager-generation \(current\)\n$/);
});

test("--flake DIR and --flake DIR#NAME from elsewhere; USER@HOST is preferred over USER; a missing name lists those there are", () => {
  const h = scratch();
  const short = os.hostname().split(".")[0]!;
  const both = flakeNix(`path:${NIXPKGS}`).replace(
    'homeConfigurations."jdoe" = home-manager.lib.homeManagerConfiguration {',
    `homeConfigurations."jdoe@${short}" = home-manager.lib.homeManagerConfiguration {
        inherit pkgs;
        modules = [ ./home.nix { home.file."which".text = "host"; } ];
      };
      homeConfigurations."jdoe" = home-manager.lib.homeManagerConfiguration {`,
  );
  const dir = setup(h, both);
  const moved = path.join(h.root, "elsewhere");
  fs.renameSync(dir, moved);
  const r = h.run(["switch", "--flake", moved, ...PKG]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(h.read("which"), "host");
  const named = h.run(["switch", "--flake", `${moved}#jdoe`, ...PKG]);
  assert.equal(named.code, 0, named.stderr);
  assert.equal(h.exists("which"), false);
  assert.equal(h.read("greeting"), "hello from jdoe's flake");
  const missing = h.run(["build", "--no-out-link", "--flake", `${moved}#nobody`, ...PKG]);
  assert.equal(missing.code, 1);
  assert.equal(
    missing.stderr,
    `error: flake 'path:@ROOT@/elsewhere' does not provide homeConfigurations.nobody; it has homeConfigurations 'jdoe', 'jdoe@${short}' (name one with --flake '@ROOT@/elsewhere#NAME')\n`,
  );
});

test("errors in a flake's modules name the user's file and line; removed homeManagerConfiguration arguments are explained", () => {
  const h = scratch();
  setup(
    h,
    flakeNix(`path:${NIXPKGS}`),
    HOME_NIX.replace("programs.home-manager.enable = true;", "programs.home-manager.enable = true;\n  programs.gti.enable = true;"),
  );
  const r = h.run(["build", "--no-out-link", ...PKG]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /The option `programs\.gti' does not exist\. Definition values:\n\s+- In `@ROOT@\/home\/\.config\/home-manager\/home\.nix:8:3'/,
  );
  assert.match(r.stderr, /Did you mean `programs\.gh', `programs\.git' or `programs\.go'\?/);

  setup(h, flakeNix(`path:${NIXPKGS}`, "jdoe", 'username = "jdoe";'));
  const old = h.run(["build", "--no-out-link", ...PKG]);
  assert.equal(old.code, 1);
  assert.match(
    old.stderr,
    /homeManagerConfiguration no longer takes 'username': set home\.username, home\.homeDirectory and home\.stateVersion in a module listed in 'modules'/,
  );
  assert.match(old.stderr, /flake\.nix:\d+:\d+/);
});

test("extraSpecialArgs reach every module; check = false lets unknown options pass; --override-input replaces an input", () => {
  const h = scratch();
  const homeNix = `{ greeting, pkgs, ... }: {
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.file."greeting".text = greeting;
  no.such.option = 1;
}
`;
  setup(h, flakeNix(`path:${NIXPKGS}`, "jdoe", 'extraSpecialArgs = { greeting = "from specialArgs"; }; check = false;'), homeNix);
  const r = h.run(["switch", ...PKG]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(h.read("greeting"), "from specialArgs");

  // An input pointing nowhere, replaced on the command line.
  setup(h, flakeNix("path:/nonexistent/nixpkgs", "jdoe", 'extraSpecialArgs = { greeting = "overridden"; }; check = false;'), homeNix);
  const bad = h.run(["build", "--no-out-link", ...PKG]);
  assert.equal(bad.code, 1);
  const ok = h.run(["switch", "--override-input", "nixpkgs", NIXPKGS, ...PKG]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(h.read("greeting"), "overridden");
});

test("option, news and repl (with `flake` bound) evaluate a flake configuration", () => {
  const h = scratch();
  setup(h, flakeNix(`path:${NIXPKGS}`));
  const o = h.run(["option", "home.username", ...PKG]);
  assert.equal(o.code, 0, o.stderr);
  assert.match(o.stdout, /^Value:\n {2}"jdoe"\n/);
  assert.match(o.stdout, /Defined by:\n {2}@ROOT@\/home\/\.config\/home-manager\/home\.nix:2:3\n/);
  const n = h.run(["news", ...PKG]);
  assert.equal(n.code, 0, n.stderr);
  // `repl` binds the flake too, as Home Manager's does.
  let out = "";
  installHomeEvaluator();
  try {
    const code = cli(["repl", ...PKG], {
      stdout: (x) => void (out += x),
      stderr: (x) => void (out += x),
      readStdin: () => "builtins.attrNames flake.inputs\nconfig.home.username\n",
      env: h.env,
      cwd: h.root,
      evalIO: nodeIO,
      isTTY: false,
    });
    assert.equal(code, 0, out);
  } finally {
    resetHomeEvaluator();
  }
  assert.match(out, /Added 5 variables: config, options, pkgs, lib, flake\n/);
  assert.match(out, /\[ "home-manager" "nixpkgs" \]\n"jdoe"\n/);
});

test("init --switch in flake mode writes flake.nix and home.nix and activates the flake", { skip: !haveNix && "needs Nix" }, () => {
  const h = scratch();
  fs.rmSync(h.p(".config/home-manager"), { recursive: true });
  const env = { ...h.env, NIX_CONFIG: "experimental-features = nix-command flakes" };
  const r = spawnSync(process.execPath, ["--stack-size=20000", fileURLToMain(), "init", "--switch", "--nixpkgs-url", `path:${NIXPKGS}`], {
    env,
    cwd: h.root,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const flake = h.read(".config/home-manager/flake.nix");
  assert.match(flake, /description = "Home Manager configuration of jdoe";/);
  assert.match(flake, new RegExp(`nixpkgs\\.url = "path:${NIXPKGS.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}";`));
  assert.match(flake, /url = "github:nix-community\/home-manager";\n\s+inputs\.nixpkgs\.follows = "nixpkgs";/);
  assert.match(flake, /homeConfigurations\."jdoe" = home-manager\.lib\.homeManagerConfiguration \{/);
  assert.match(r.stdout, /Creating .*flake\.nix\.\.\./);
  assert.match(r.stdout, /All done!/);
  assert.equal(fs.realpathSync(h.p(".nix-profile/bin/home-manager")).endsWith("/bin/home-manager"), true);
  // Without flakes enabled in Nix (or with --no-flake), only home.nix is written.
  const h2 = scratch();
  fs.rmSync(h2.p(".config/home-manager"), { recursive: true });
  const plain = h2.run(["init", "--no-flake"]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(h2.exists(".config/home-manager/flake.nix"), false);
  assert.equal(h2.exists(".config/home-manager/home.nix"), true);
});

function fileURLToMain(): string {
  return path.join(packageRoot(), "dist", "src", "cli", "home-manager-main.js");
}

/** A PATH with the scratch bin directory and everything of the system's except Nix's commands. */
function pathWithoutNix(h: Home): string {
  const dir = path.join(h.root, "no-nix-bin");
  fs.mkdirSync(dir);
  for (const d of ["/usr/local/bin", "/usr/bin", "/bin"]) {
    if (!fs.existsSync(d)) continue;
    for (const n of fs.readdirSync(d))
      if (!n.startsWith("nix") && !fs.existsSync(path.join(dir, n))) fs.symlinkSync(path.join(d, n), path.join(dir, n));
  }
  return `${path.join(h.root, "bin")}:${dir}`;
}

test(
  "an input that is not on this machine: Nix fetches and locks it; locked and in the store, it needs no Nix; unlocked without Nix, a clear error",
  { skip: !haveNix && "needs Nix and git" },
  () => {
    const h = scratch();
    // A nixpkgs tree in a git repository, named by a reference with a branch (so not read in place).
    const repo = path.join(h.root, "nixpkgs-repo");
    fs.cpSync(NIXPKGS, repo, { recursive: true });
    const git = (...args: string[]) => {
      const r = spawnSync("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", ...args], { cwd: repo, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
    };
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "nixpkgs");
    const url = `git+file://${repo}?ref=main`;
    const dir = setup(h, flakeNix(url));
    const lockFile = path.join(dir, "flake.lock");

    const noNix = { ...h.env, PATH: pathWithoutNix(h) };
    const unlocked = spawnSync(process.execPath, ["--stack-size=20000", fileURLToMain(), "build", "--no-out-link", "--packages", "stub"], {
      env: noNix,
      cwd: h.root,
      encoding: "utf8",
    });
    assert.equal(unlocked.status, 1);
    assert.match(
      unlocked.stderr,
      /the flake input 'nixpkgs' is not locked in .*flake\.lock; the flake input 'git\+file:\/\/.*\?ref=main' is not on this machine, and fetching it needs Nix, which is not installed/,
    );
    assert.equal(fs.existsSync(lockFile), false);

    const first = h.runChild(["switch"]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stderr,
      /warning: creating lock file '.*flake\.lock': locked the input 'nixpkgs' to 'git\+file:\/\/.*\?ref=main' at [0-9a-f]{12}/,
    );
    const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")) as {
      nodes: Record<string, { locked?: Record<string, unknown>; original?: Record<string, unknown> }>;
      version: number;
    };
    assert.equal(lock.version, 7);
    assert.deepEqual(Object.keys(lock.nodes.nixpkgs!.locked!).sort(), ["lastModified", "narHash", "ref", "rev", "revCount", "type", "url"]);
    assert.deepEqual(lock.nodes.nixpkgs!.original, { ref: "main", type: "git", url: `file://${repo}` });
    assert.match(fs.realpathSync(h.p(".nix-profile/bin/hello")), /^\/nix\/store\/.*-hello-2\.12\.1\/bin\/hello$/);

    // Real Nix reads the lock file as it is (it would refuse to change it).
    const plain = path.join(h.root, "plain");
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, "flake.nix"), `{ inputs.nixpkgs.url = "${url}"; outputs = { self, nixpkgs }: { }; }\n`);
    fs.copyFileSync(lockFile, path.join(plain, "flake.lock"));
    const nixMeta = spawnSync("nix", [...FEATURES, "flake", "metadata", "--json", "--no-update-lock-file", `path:${plain}`], {
      encoding: "utf8",
    });
    assert.equal(nixMeta.status, 0, nixMeta.stderr);
    assert.equal((JSON.parse(nixMeta.stdout) as { locks: typeof lock }).locks.nodes.nixpkgs!.locked!.rev, lock.nodes.nixpkgs!.locked!.rev);

    // Locked and already in the Nix store: no Nix needed to evaluate.
    const offline = spawnSync(process.execPath, ["--stack-size=20000", fileURLToMain(), "build", "--no-out-link", "--packages", "stub"], {
      env: noNix,
      cwd: h.root,
      encoding: "utf8",
    });
    assert.equal(offline.status, 0, offline.stderr);
    assert.doesNotMatch(offline.stderr, /lock file/);
  },
);
