/**
 * Configuration errors through the real command: an option that does not
 * exist (with "Did you mean"), a value of the wrong type (the manual's own
 * `programs.emacs.enable = "yes"` example), a failed assertion, a bad
 * state version and a syntax error. Each is printed as Nix prints it,
 * pointing at the user's file and line, pinned verbatim; the exit status is
 * 1; and nothing in the home directory (nor the private store) is touched.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, test } from "node:test";
import { Home } from "./helpers.js";

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));

function failing(body: string, argv: string[] = ["switch"]): { stderr: string; stdout: string; home: Home } {
  const h = new Home();
  homes.push(h);
  h.config(`{ config, pkgs, ... }:

{
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";

${body}
}
`);
  const before = h.snapshot();
  const r = h.run(argv);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.stdout, "");
  assert.deepEqual(h.snapshot(), before, "the home directory is untouched");
  assert.equal(fs.existsSync(h.p(".local/state/home-manager/store")), false, "nothing was written to the store");
  return { stderr: r.stderr, stdout: r.stdout, home: h };
}

test("an option that does not exist", () => {
  const { stderr } = failing(`  programs.gti.enable = true;`);
  assert.equal(
    stderr,
    `error: The option \`programs.gti' does not exist. Definition values:
       - In \`@ROOT@/home/.config/home-manager/home.nix:8:3':
           {
             enable = true;
           }
       
       Did you mean \`programs.gh', \`programs.git' or \`programs.go'?
       at @ROOT@/home/.config/home-manager/home.nix:8:3:
            7|
            8|   programs.gti.enable = true;
             |   ^
            9| }
`,
  );
});

test("a value of the wrong type: the manual's own example", () => {
  const { stderr } = failing(`  programs.emacs.enable = "yes";`);
  assert.equal(
    stderr,
    `error: A definition for option \`programs.emacs.enable' is not of type \`boolean'. Definition values:
       - In \`@ROOT@/home/.config/home-manager/home.nix:8:3': "yes"
       at @ROOT@/home/.config/home-manager/home.nix:8:3:
            7|
            8|   programs.emacs.enable = "yes";
             |   ^
            9| }
`,
  );
});

test("the same error from build", () => {
  const { stderr } = failing(`  xdg.enable = "yes";`, ["build"]);
  assert.equal(stderr.split("\n")[0], "error: A definition for option `xdg.enable' is not of type `boolean'. Definition values:");
});

test("a failed assertion lists its message and points at it", () => {
  const { stderr } = failing(`  assertions = [ { assertion = false; message = "This configuration is not ready."; } ];`);
  assert.equal(
    stderr,
    `error:
       Failed assertions:
       - This configuration is not ready.
       at @ROOT@/home/.config/home-manager/home.nix:8:20:
            7|
            8|   assertions = [ { assertion = false; message = "This configuration is not ready."; } ];
             |                    ^
            9| }
`,
  );
});

test("two home.file entries with one target fail Home Manager's assertion", () => {
  const { stderr } = failing(`  home.file.a = { text = "1"; target = "same"; };
  home.file.b = { text = "2"; target = "same"; };`);
  assert.ok(stderr.startsWith("error:\n       Failed assertions:\n       - Conflicting managed target files: same\n"), stderr);
});

test("a state version Home Manager does not know", () => {
  const h = new Home();
  homes.push(h);
  h.config(`{ ... }: { home.username = "jdoe"; home.homeDirectory = "@HOME@"; home.stateVersion = "1.0"; }\n`);
  const r = h.run(["switch"]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.startsWith('error: A definition for option `home.stateVersion\' is not of type `one of "18.09", '), r.stderr);
  assert.ok(r.stderr.includes(`- In \`@ROOT@/home/.config/home-manager/home.nix:1:`), r.stderr);
});

test("a syntax error in home.nix", () => {
  const { stderr } = failing(`  home.file.a.text = "unterminated;`);
  assert.match(stderr, /^error: .*\n {7}at @ROOT@\/home\/\.config\/home-manager\/home\.nix:/);
});
