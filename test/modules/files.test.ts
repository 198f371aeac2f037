/**
 * `home.file` golden cases, mirroring Home Manager's `tests/modules/files`:
 * `text` (a store file `hm_<name>` with the text, not executable),
 * `executable`, `disabled`, `target-conflict` (the assertion, verbatim),
 * `target-with-shellvar`, `source-with-spaces`, `hidden-source`,
 * `out-of-store-symlink`, plus the pass-through of `recursive`,
 * `ignorelinks`, `onChange` and `force`, absolute targets, and the type of
 * `home.file` in errors.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

test("text: Home Manager's files/text case", () => {
  const g = new Case().gen(`home.file."using-text".text = ''
    This is the
    expected text.
  '';`);
  const f = fileAt(g, "using-text");
  assert.equal(textAt(g, "using-text"), "This is the\nexpected text.\n");
  assert.match(f.source!, /\/[0-9a-z]{32}-hm_usingtext$/);
  assert.equal(fs.statSync(f.source!).mode & 0o111, 0);
  assert.equal(f.executable, null);
});

test("executable: a text file with executable = true is executable in the store", () => {
  const g = new Case().gen(`home.file."executable" = { text = ""; executable = true; };`);
  const f = fileAt(g, "executable");
  assert.equal(f.executable, true);
  assert.notEqual(fs.statSync(f.source!).mode & 0o111, 0);
});

test("disabled: a file with enable = false is left out", () => {
  const g = new Case().gen(`home.file."disabled" = { enable = false; text = "This file should not exist\\n"; };`);
  assert.ok(!targets(g).includes("disabled"));
});

test("target-conflict: Home Manager's assertion, verbatim", () => {
  const c = new Case();
  c.file("target-conflict.nix", "{ }\n");
  const msg = c.error(`home.file = {
    conflict1 = { text = ""; target = "baz"; };
    conflict2 = { source = ./target-conflict.nix; target = "baz"; };
  };`);
  assert.equal(
    msg.replace(/\n {7}/g, "\n"),
    `
Failed assertions:
- Conflicting managed target files: baz

This may happen, for example, if you have a configuration similar to

    home.file = {
      conflict1 = { source = ./foo.nix; target = "baz"; };
      conflict2 = { source = ./bar.nix; target = "baz"; };
    }`,
  );
});

test("target-with-shellvar: names with $ and spaces are kept as written", () => {
  const g = new Case().gen(`home.file."$HOME/$FOO/bar baz".text = "blah";`);
  assert.equal(textAt(g, "$HOME/$FOO/bar baz"), "blah");
});

test("source-with-spaces and hidden-source: a path source is passed as its absolute path", () => {
  const c = new Case();
  const spaced = c.file("source with spaces!", "contents\n");
  const hidden = c.file(".hidden", "hidden\n");
  const g = c.gen(`home.file."source with spaces!".source = ./. + "/source with spaces!";
  home.file.".hidden".source = ./.hidden;`);
  assert.equal(fileAt(g, "source with spaces!").source, spaced);
  assert.equal(fileAt(g, ".hidden").source, hidden);
});

test("out-of-store-symlink: the source is a store entry linking to the path outside the store", () => {
  const c = new Case();
  const target = c.file("source with spaces!", "x\n");
  const g = c.gen(`home.file."oos".source = config.lib.file.mkOutOfStoreSymlink (./. + "/source with spaces!");`);
  const src = fileAt(g, "oos").source!;
  assert.match(path.basename(src), /^[0-9a-z]{32}-hm_sourcewithspaces$/);
  assert.ok(fs.lstatSync(src).isSymbolicLink());
  assert.equal(fs.readlinkSync(src), target);
});

test("mkOutOfStoreSymlink takes a string path too", () => {
  const g = new Case().gen(`home.file."dotfiles".source = config.lib.file.mkOutOfStoreSymlink "/srv/dotfiles/";`);
  const src = fileAt(g, "dotfiles").source!;
  assert.equal(fs.readlinkSync(src), "/srv/dotfiles/");
  assert.match(path.basename(src), /-hm_dotfiles$/);
});

test("recursive, ignorelinks, onChange and force are passed to the builder", () => {
  const c = new Case();
  fs.mkdirSync(path.join(c.configDir, "dir"));
  c.file("dir/a", "a\n");
  const g = c.gen(
    `home.file.".config/dir" = { source = ./dir; recursive = true; ignorelinks = true; onChange = "echo changed"; force = true; executable = false; };`,
  );
  const f = fileAt(g, ".config/dir");
  assert.deepEqual(
    { recursive: f.recursive, ignorelinks: f.ignorelinks, onChange: f.onChange, force: f.force, executable: f.executable },
    { recursive: true, ignorelinks: true, onChange: "echo changed", force: true, executable: false },
  );
});

test("targets: relative to home, absolute inside home made relative, text source wins over nothing", () => {
  const c = new Case();
  const g = c.gen(`home.file.a.text = "1";
  home.file.b = { target = "\${config.home.homeDirectory}/deep/b"; text = "2"; };
  home.file.c = { target = "sub/c"; text = "3"; };`);
  assert.deepEqual(
    targets(g).filter((t) => !t.endsWith(".keep")),
    ["a", "deep/b", "sub/c"],
  );
  assert.equal(fileAt(g, "deep/b").name, "b");
});

test("an explicit source wins over the one made from text", () => {
  const c = new Case();
  const src = c.file("real", "real\n");
  const g = c.gen(`home.file.x = { text = "ignored"; source = ./real; };`);
  assert.equal(fileAt(g, "x").source, src);
});

test("the .keep files of the cache and state directories are always there", () => {
  const g = new Case().gen("");
  assert.deepEqual(targets(g), [".cache/.keep", ".local/state/.keep"]);
  assert.equal(textAt(g, ".cache/.keep"), "");
});

test("a wrong type inside home.file names the option and the user's line", () => {
  const c = new Case();
  const msg = c.error(`home.file.foo = { text = "x"; executable = "yes"; };`);
  assert.equal(
    msg,
    "A definition for option `home.file.foo.executable' is not of type `null or boolean'. Definition values:\n" +
      '       - In `@HOME@/.config/home-manager/home.nix:6:31\': "yes"\n' +
      "       at @HOME@/.config/home-manager/home.nix:6:31:\n" +
      '            5|   home.stateVersion = lib.mkDefault "24.11";\n' +
      '            6| home.file.foo = { text = "x"; executable = "yes"; };\n' +
      "             |                               ^\n" +
      "            7| }",
  );
});

test("a file with neither text nor source fails when it is linked", () => {
  const c = new Case();
  const msg = c.error(`home.file.foo.executable = true;`);
  assert.equal(msg.split("\n")[0], "The option `home.file.foo.source' was accessed but has no value defined. Try setting the option.");
});
