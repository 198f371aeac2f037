/**
 * "Keeping your ~ safe from harm": a file in the way stops the activation
 * before anything is written, with Home Manager's messages; identical content
 * passes; `-b EXT` (or `$HOME_MANAGER_BACKUP_EXT`) moves files aside, but never
 * over an earlier backup; `-B CMD` runs a command; `force` replaces a file;
 * foreign symlinks are never backed up; a symlink planted where a directory is
 * expected is never followed; targets outside home are refused at build time.
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

const HINT =
  "(or run 'home-manager switch -b backup' to move them aside automatically, or set 'force = true' on the file option to replace them)";

const GIT = "[user]\n  name = Jane Doe\n  email = jane.doe@example.org\n";

test("the manual's git collision: nothing changes, then -b backup succeeds", () => {
  const sb = box();
  sb.write(".config/git/config", "my painstakingly created config\n");
  const g = sb.withFiles([
    { target: ".config/git/config", text: GIT },
    { target: ".other", text: "o" },
  ]);
  const before = sb.snapshot();
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 1);
  const out = lines(r.stdout);
  assert.deepEqual(out.slice(out.indexOf("Activating checkLinkTargets")), [
    "Activating checkLinkTargets",
    `Existing file '${sb.p(".config/git/config")}' is in the way`,
    "Please move the above files and try again",
    HINT,
  ]);
  assert.deepEqual(sb.snapshot(), before, "nothing in home changed");
  assert.equal(sb.currentGeneration(), undefined);

  const b = sb.run(["switch", "-b", "backup"], g);
  assert.equal(b.code, 0, b.stdout);
  const src = `${fs.realpathSync(path.join(sb.currentGeneration()!, "home-files"))}/.config/git/config`;
  assert.ok(
    lines(b.stdout).includes(
      `Existing file '${sb.p(".config/git/config")}' is in the way of '${src}', will be moved to '${sb.p(".config/git/config.backup")}'`,
    ),
  );
  assert.equal(sb.read(".config/git/config.backup"), "my painstakingly created config\n");
  assert.equal(sb.read(".config/git/config"), GIT);
});

test("identical content is not a collision", () => {
  const sb = box();
  sb.write(".same", "same\n");
  const r = sb.run(["switch"], sb.withFiles([{ target: ".same", text: "same\n" }]));
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Existing file '.*\/\.same' is in the way of '.*\/\.same', will be skipped since they are the same\n/);
  assert.equal(sb.read(".same"), "same\n");
});

test("$HOME_MANAGER_BACKUP_EXT works like -b", () => {
  const sb = box();
  sb.write(".x", "mine");
  const r = sb.run(["switch"], sb.withFiles([{ target: ".x", text: "ours" }]), { HOME_MANAGER_BACKUP_EXT: "bak" });
  assert.equal(r.code, 0);
  assert.equal(sb.read(".x.bak"), "mine");
  assert.equal(sb.read(".x"), "ours");
});

test("a backup never overwrites an earlier backup: the switch fails naming both files", () => {
  const sb = box();
  sb.write(".x", "second version");
  sb.write(".x.backup", "first backup");
  const g = sb.withFiles([{ target: ".x", text: "ours" }]);
  for (const env of [{}, { HOME_MANAGER_BACKUP_OVERWRITE: "1" }]) {
    const before = sb.snapshot();
    const r = sb.run(["switch", "-b", "backup"], g, env);
    assert.equal(r.code, 1);
    assert.ok(lines(r.stdout).includes(`Existing file '${sb.p(".x.backup")}' would be clobbered by backing up '${sb.p(".x")}'`));
    assert.deepEqual(sb.snapshot(), before);
  }
  assert.equal(sb.read(".x.backup"), "first backup");
  assert.equal(sb.read(".x"), "second version");
});

test("-B runs the backup command on each colliding file", () => {
  const sb = box();
  sb.write(".x", "mine");
  const cmd = `mv -t ${sb.root}`;
  const r = sb.run(["switch", "-B", cmd, "-v"], sb.withFiles([{ target: ".x", text: "ours" }]));
  assert.equal(r.code, 0, r.stdout);
  assert.ok(lines(r.stdout).includes(`Running '${cmd}' on '${sb.p(".x")}'.`));
  assert.equal(fs.readFileSync(path.join(sb.root, ".x"), "utf8"), "mine");
  assert.equal(sb.read(".x"), "ours");
});

test("a backup command that leaves the file in place does not make us delete it", () => {
  const sb = box();
  sb.write(".x", "mine");
  const r = sb.run(["switch", "-B", "true"], sb.withFiles([{ target: ".x", text: "ours" }]));
  assert.equal(r.code, 1);
  assert.ok(lines(r.stdout).includes(`Existing file '${sb.p(".x")}' is in the way`));
  assert.equal(sb.read(".x"), "mine");
});

test("force replaces a file without a collision check; a forced directory is reported up front", () => {
  const sb = box();
  sb.write(".forced", "mine");
  const r = sb.run(["switch", "-v"], sb.withFiles([{ target: ".forced", text: "ours", force: true }]));
  assert.equal(r.code, 0, r.stdout);
  assert.ok(lines(r.stdout).includes(`Skipping collision check for ${sb.p(".forced")}`));
  assert.equal(sb.read(".forced"), "ours");

  const sb2 = box();
  sb2.write(".d/inside", "keep");
  const before = sb2.snapshot();
  const d = sb2.run(["switch"], sb2.withFiles([{ target: ".d", text: "ours", force: true }]));
  assert.equal(d.code, 1);
  assert.match(d.stdout, /Existing directory '.*\/\.d' is in the way of '.*\/\.d' and cannot be replaced by a link\n/);
  assert.deepEqual(sb2.snapshot(), before);
});

test("a foreign symlink is in the way even with -b; a dangling one is replaced", () => {
  const sb = box();
  fs.writeFileSync(path.join(sb.root, "elsewhere"), "theirs");
  fs.symlinkSync(path.join(sb.root, "elsewhere"), sb.p(".link"));
  fs.symlinkSync(path.join(sb.root, "missing"), sb.p(".dangling"));
  const g = sb.withFiles([
    { target: ".link", text: "ours" },
    { target: ".dangling", text: "ours" },
  ]);
  const r = sb.run(["switch", "-b", "backup"], g);
  assert.equal(r.code, 1);
  assert.ok(lines(r.stdout).includes(`Existing file '${sb.p(".link")}' is in the way`));
  fs.rmSync(sb.p(".link"));
  assert.equal(sb.run(["switch"], g).code, 0);
  assert.equal(sb.read(".dangling"), "ours");
});

test("a symlink planted where a directory is expected is never followed", () => {
  const sb = box();
  const outside = path.join(sb.root, "outside");
  fs.mkdirSync(outside);
  fs.symlinkSync(outside, sb.p(".config/app"));
  const g = sb.withFiles([{ target: ".config/app/settings", text: "x" }]);
  for (const args of [["switch"], ["switch", "-b", "bak"]]) {
    const r = sb.run(args, g);
    assert.equal(r.code, 1);
    assert.ok(
      lines(r.stdout).includes(
        `Path '${sb.p(".config/app")}' is a symbolic link where a directory is expected for '${sb.p(".config/app/settings")}'; it will not be followed`,
      ),
    );
    assert.deepEqual(fs.readdirSync(outside), []);
  }
});

test("a file where a directory is needed is a collision, moved aside by -b", () => {
  const sb = box();
  sb.write(".app", "not a directory");
  const g = sb.withFiles([{ target: ".app/conf/x", text: "x" }]);
  const r = sb.run(["switch"], g);
  assert.equal(r.code, 1);
  assert.ok(lines(r.stdout).includes(`Existing file '${sb.p(".app")}' is in the way`));
  const b = sb.run(["switch", "-b", "old"], g);
  assert.equal(b.code, 0, b.stdout);
  assert.equal(sb.read(".app.old"), "not a directory");
  assert.equal(sb.read(".app/conf/x"), "x");
});

test("targets outside home are rejected when building", () => {
  const sb = box();
  for (const target of ["../escape", "/etc/passwd", "a/../../escape", ".", sb.home]) {
    const r = sb.run(["build", "--no-out-link"], sb.withFiles([{ target, text: "x" }]));
    assert.equal(r.code, 1, target);
    assert.equal(r.stderr, `error: Error installing file '${target}' outside $HOME\n`);
  }
  const ok = sb.run(
    ["build", "--no-out-link"],
    sb.withFiles([
      { target: `${sb.home}/inside`, text: "x" },
      { target: "a/../b", text: "y" },
    ]),
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(fs.existsSync(path.join(sb.root, "escape")), false);
});

test("cleaning up never follows a symlink planted where a directory was", () => {
  const sb = box();
  assert.equal(sb.run(["switch"], sb.withFiles([{ target: ".app/x", text: "x" }])).code, 0);
  const ours = sb.readlink(".app/x")!;
  // Somebody replaces the directory by a link to a look-alike holding a link of ours.
  const elsewhere = path.join(sb.root, "elsewhere");
  fs.mkdirSync(elsewhere);
  fs.symlinkSync(ours, path.join(elsewhere, "x"));
  fs.rmSync(sb.p(".app"), { recursive: true });
  fs.symlinkSync(elsewhere, sb.p(".app"));
  const r = sb.run(["switch"], sb.withFiles([{ target: ".other", text: "o" }]));
  assert.equal(r.code, 0, r.stdout);
  assert.equal(fs.readlinkSync(path.join(elsewhere, "x")), ours, "nothing deleted through the planted link");
  assert.equal(fs.readlinkSync(sb.p(".app")), elsewhere);
});
