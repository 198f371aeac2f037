/**
 * `programs.vim` golden cases with the stub package set (Home Manager has no
 * test cases of its own for this module): the vimrc text made from
 * `settings` and `extraConfig`, the installed `customize`d Vim, the plugins
 * (always with `vim-sensible`), `defaultEditor`, and the warning for
 * plugins named by strings.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case } from "./harness.js";
import { setLine, vimrcText } from "../../src/modules/programs/vim.js";

test("vim: set lines for booleans, lists and numbers; unset settings left out", () => {
  assert.equal(setLine("number", true), "set number");
  assert.equal(setLine("expandtab", false), "set noexpandtab");
  assert.equal(setLine("backupdir", ["~/.vim/backup", "."]), "set backupdir=~/.vim/backup,.");
  assert.equal(setLine("history", 1000), "set history=1000");
  assert.equal(setLine("mouse", null), "");
  assert.equal(
    vimrcText({ tabstop: 4, background: "dark", number: null, undofile: false }, "set nobackup\n"),
    "set background=dark\nset tabstop=4\nset noundofile\n\nset nobackup\n\n",
  );
  assert.equal(vimrcText({}, ""), "\n\n\n");
});

test("vim: the customized vim is installed, vim-sensible always among the plugins", () => {
  const c = new Case();
  c.homeNix(`  programs.vim = {
    enable = true;
    defaultEditor = true;
    plugins = [ pkgs.vimPlugins.vim-airline ];
    settings = { number = true; tabstop = 2; };
  };`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "home.packages"), ["@vim@"]);
  assert.deepEqual(c.json(ev, "programs.vim.plugins"), ["@vim-sensible@", "@vim-airline@"]);
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { EDITOR: "vim", VISUAL: "vim" });
  assert.deepEqual(c.json(ev, "warnings"), []);
});

test("vim: plugins named by strings are deprecated", () => {
  const c = new Case();
  c.homeNix(`  programs.vim = { enable = true; plugins = [ "vim-nix" ]; };`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "warnings"), ['Specifying VIM plugins using strings is deprecated, found "vim-nix" as strings.\n']);
  assert.deepEqual(c.json(ev, "programs.vim.plugins"), ["@vim-sensible@", "vim-nix"]);
});
