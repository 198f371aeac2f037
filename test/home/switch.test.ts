/**
 * `home-manager switch` end to end in a scratch home, with real bash and the
 * real file system: the first switch, the no-op switch, a changed
 * configuration (orphan links removed, emptied directories removed, links
 * that are not ours left alone), onChange hooks only for changed files, a dry
 * run that changes nothing, verbose output, user activation snippets, and a
 * broken link repaired by the next switch. Messages are pinned verbatim.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { Sandbox, lines } from "./helpers.js";

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

test("first switch links files, creates generation 1 and the GC root, with Home Manager's messages", () => {
  const sb = box();
  const g = sb.withFiles([
    { target: ".config/git/config", text: "[user]\n  name = alice\n" },
    { target: ".bashrc", text: "echo hi\n" },
  ]);
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.deepEqual(lines(r.stdout), [
    "Starting Home Manager activation",
    "Activating checkFilesChanged",
    "Activating checkLinkTargets",
    "Activating writeBoundary",
    "Activating installPackages",
    "Activating linkGeneration",
    `Creating home file links in ${sb.home}`,
    "Activating onFilesChange",
    "Activating reloadSystemd",
    "User systemd daemon not running. Skipping reload.",
  ]);
  assert.equal(sb.read(".config/git/config"), "[user]\n  name = alice\n");
  const gen = sb.currentGeneration()!;
  assert.match(gen, /\/[0-9a-z]{32}-home-manager-generation$/);
  assert.equal(sb.activeGeneration(), gen);
  assert.equal(fs.readlinkSync(path.join(sb.profilesDir, "home-manager")), "home-manager-1-link");
  const files = fs.realpathSync(path.join(gen, "home-files"));
  assert.equal(sb.readlink(".bashrc"), `${files}/.bashrc`);
  assert.equal(sb.readlink(".nix-profile"), fs.realpathSync(path.join(gen, "home-path")));
  assert.ok(fs.existsSync(sb.p(".nix-profile/etc/profile.d/hm-session-vars.sh")));
  assert.equal(fs.statSync(sb.statePath).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(sb.statePath, "store")).mode & 0o777, 0o700);
  assert.deepEqual(fs.readdirSync(path.join(sb.statePath, "gcroots/activating")), []);
});

test("a no-op switch is recognised, changes nothing and does not activate", () => {
  const sb = box();
  const g = sb.withFiles([{ target: ".profile", text: "x\n", onChange: "touch $HOME/hook-ran" }]);
  assert.equal(sb.run(["switch"], g).code, 0);
  fs.rmSync(sb.p("hook-ran"));
  const before = sb.snapshot();
  const t0 = performance.now();
  const r = sb.run(["switch"], g);
  const ms = performance.now() - t0;
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "No change so reusing latest profile generation\n");
  assert.deepEqual(sb.snapshot(), before);
  assert.equal(sb.exists("hook-ran"), false);
  assert.deepEqual(fs.readdirSync(sb.profilesDir).sort(), ["home-manager", "home-manager-1-link"]);
  assert.ok(ms < 1000, `no-op switch took ${ms} ms`);
});

test("a no-op switch still repairs a removed link", () => {
  const sb = box();
  const g = sb.withFiles([
    { target: ".a", text: "a" },
    { target: "dir/.b", text: "b" },
  ]);
  assert.equal(sb.run(["switch"], g).code, 0);
  fs.rmSync(sb.p("dir/.b"));
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Creating home file links in/);
  assert.equal(sb.read("dir/.b"), "b");
  assert.deepEqual(fs.readdirSync(sb.profilesDir).sort(), ["home-manager", "home-manager-1-link"]);
});

test("switching to a changed configuration removes orphan links and emptied directories, but only links into our store", () => {
  const sb = box();
  const g1 = sb.withFiles([
    { target: ".config/old/file", text: "old" },
    { target: ".config/shared/keep", text: "k" },
    { target: ".config/shared/gone", text: "g" },
  ]);
  assert.equal(sb.run(["switch"], g1).code, 0);
  // The user replaced one of our links by their own file: it must survive.
  fs.rmSync(sb.p(".config/shared/gone"));
  sb.write(".config/shared/gone", "mine");
  const g2 = sb.withFiles([{ target: ".config/shared/keep", text: "k" }]);
  const r = sb.run(["switch"], g2);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(lines(r.stdout).includes(`Cleaning up orphan links from ${sb.home}`));
  assert.ok(
    lines(r.stdout).includes(`Path '${sb.p(".config/shared/gone")}' does not link into a Home Manager generation. Skipping delete.`),
  );
  assert.equal(sb.exists(".config/old"), false, "emptied directory removed");
  assert.equal(sb.read(".config/shared/gone"), "mine");
  assert.equal(sb.read(".config/shared/keep"), "k");
  assert.equal(fs.readlinkSync(path.join(sb.profilesDir, "home-manager")), "home-manager-2-link");
});

test("onChange runs only for files whose content changed", () => {
  const sb = box();
  const hook = (n: string) => `echo ${n} >> "$HOME/hooks.log"`;
  const mk = (a: string, b: string) =>
    sb.withFiles([
      { target: ".a", text: a, onChange: hook("a") },
      { target: ".b", text: b, onChange: hook("b") },
    ]);
  assert.equal(sb.run(["switch"], mk("1", "1")).code, 0);
  assert.equal(sb.read("hooks.log"), "a\nb\n");
  fs.rmSync(sb.p("hooks.log"));
  const r = sb.run(["switch"], mk("2", "1"));
  assert.equal(r.code, 0);
  assert.equal(sb.read("hooks.log"), "a\n");
  assert.ok(!r.stdout.includes("Running onChange hook for"), "not verbose: no announcement");
  const v = sb.run(["switch", "-v"], mk("3", "1"));
  assert.ok(lines(v.stdout).includes("Running onChange hook for .a"));
});

test("a dry run changes nothing in home, runs no hook and leaves the profile alone", () => {
  const sb = box();
  assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".a", text: "1" }])).code, 0);
  sb.write(".clash", "user data");
  const before = sb.snapshot();
  const profileBefore = sb.currentGeneration();
  const g = sb.withFiles(
    [
      { target: ".a", text: "2", onChange: "touch $HOME/hook-ran" },
      { target: "new/dir/.b", text: "b" },
    ],
    {
      activation: [
        { name: "mine", data: 'run touch "$HOME/snippet-ran"\n$DRY_RUN_CMD touch "$HOME/old-style-ran"', after: ["writeBoundary"] },
      ],
    },
  );
  const r = sb.run(["switch", "-n"], g);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(sb.snapshot(), before);
  assert.equal(sb.currentGeneration(), profileBefore);
  const out = lines(r.stdout);
  assert.ok(out.includes("This is a dry run"));
  assert.ok(out.includes("Running onChange hook for .a"));
  assert.ok(out.includes(`touch ${sb.home}/snippet-ran`));
  assert.ok(out.includes(`mkdir -p ${sb.p("new")}`));
  assert.ok(out.some((l) => l.startsWith("ln -Tsf ") && l.endsWith(` ${sb.p(".a")}`)));
});

test("-v explains each step; user snippets see run, $VERBOSE_ARG, verboseEcho and friends", () => {
  const sb = box();
  const g = sb.withFiles([{ target: ".a", text: "1" }], {
    activation: [
      {
        name: "greet",
        data: 'verboseEcho "verbose: yes"\nnoteEcho "note"\nwarnEcho "warn"\nerrorEcho "error"\nrun echo "arg=[$VERBOSE_ARG]"',
        after: ["linkGeneration"],
      },
    ],
  });
  const r = sb.run(["switch", "-v"], g);
  assert.equal(r.code, 0, r.stderr);
  const out = lines(r.stdout);
  for (const l of [
    "This is a live run",
    "Activation variables:",
    "  oldGenPath undefined (first run?)",
    "verbose: yes",
    "note",
    "warn",
    "error",
    "arg=[--verbose]",
  ])
    assert.ok(out.includes(l), `missing ${l}`);
  assert.ok(out.some((l) => l.startsWith(`'${sb.p(".a")}' -> '`)));
  // As in Home Manager, an entry after linkGeneration pulls linkGeneration before installPackages.
  const order = [
    "checkFilesChanged",
    "checkLinkTargets",
    "writeBoundary",
    "linkGeneration",
    "greet",
    "installPackages",
    "onFilesChange",
    "reloadSystemd",
  ];
  assert.deepEqual(
    out.filter((l) => l.startsWith("Activating ")).map((l) => l.slice(11)),
    order,
  );
});

test("recursive directories, executable bits and whole-directory links land as Home Manager lays them out", () => {
  const sb = box();
  const src = path.join(sb.root, "src");
  fs.mkdirSync(path.join(src, "sub"), { recursive: true });
  fs.writeFileSync(path.join(src, "a"), "A");
  fs.writeFileSync(path.join(src, "sub/b"), "B");
  fs.writeFileSync(path.join(sb.root, "script"), "#!/bin/sh\n", { mode: 0o644 });
  const g = sb.withFiles([
    { target: ".rec", source: src, recursive: true },
    { target: ".whole", source: src },
    { target: "bin/script", source: path.join(sb.root, "script"), executable: true },
  ]);
  sb.write(".rec/user-file", "mine");
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(sb.read(".rec/sub/b"), "B");
  assert.equal(sb.read(".rec/user-file"), "mine");
  assert.ok(fs.lstatSync(sb.p(".rec")).isDirectory());
  assert.ok(fs.lstatSync(sb.p(".whole")).isSymbolicLink());
  assert.equal(sb.read(".whole/sub/b"), "B");
  assert.ok((fs.statSync(sb.p("bin/script")).mode & 0o111) !== 0);
});

test("packages lists what home-path was built from", () => {
  const sb = box();
  const pkg = path.join(sb.root, "pkgs/hello-2.12.1");
  fs.mkdirSync(path.join(pkg, "bin"), { recursive: true });
  fs.writeFileSync(path.join(pkg, "bin/hello"), "#!/bin/sh\necho hello\n", { mode: 0o755 });
  assert.equal(sb.run(["packages"]).stderr, "No home-manager packages seem to be installed.\n");
  assert.equal(sb.run(["switch"], sb.config({ packages: [pkg] })).code, 0);
  assert.equal(sb.run(["packages"]).stdout, "hello-2.12.1\nhm-session-vars.sh\n");
  assert.ok(fs.existsSync(sb.p(".nix-profile/bin/hello")));
});

test("run hides output with --quiet and --silence, and only prints under -n", () => {
  const sb = box();
  const data = ["run --quiet echo hidden-out", "run --silence sh -c 'echo hidden-out; echo hidden-err >&2'", "run echo shown"].join("\n");
  const g = sb.config({ activation: [{ name: "quiet", data, after: ["writeBoundary"] }] });
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes("hidden") && !r.stderr.includes("hidden"));
  assert.ok(lines(r.stdout).includes("shown"));
  const n = sb.run(["switch", "-n"], sb.config({ activation: [{ name: "quiet", data: data + "\n", after: ["writeBoundary"] }] }));
  assert.ok(lines(n.stdout).includes("echo hidden-out"));
  assert.ok(lines(n.stdout).includes("sh -c echo hidden-out; echo hidden-err >&2"));
});

test("a profile directory Home Manager does not manage is left alone", () => {
  const sb = box();
  fs.mkdirSync(sb.p(".nix-profile"));
  const r = sb.run(["switch"], sb.config());
  assert.equal(r.code, 0);
  assert.ok(
    lines(r.stdout).includes(`Packages are not linked into '${sb.p(".nix-profile")}': it exists and Home Manager does not manage it.`),
  );
  assert.ok(fs.lstatSync(sb.p(".nix-profile")).isDirectory());
  assert.equal(sb.run(["switch"], sb.config()).stdout, "No change so reusing latest profile generation\n");
});
