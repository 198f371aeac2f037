/**
 * `programs.neovim` golden cases with the stub package set: the generated
 * `init.lua` (the wrapper's provider preamble, a `source` of the Vimscript
 * configuration, `initLua`, the folded block of Lua plugin configurations),
 * the `init.vim` it sources, `sideloadInitLua`, plugin `runtime` files,
 * `generatedConfigs`, the session variables and aliases, the renamed
 * `extraLuaConfig`, and the warning for plugin entries relying on the
 * legacy `viml` type. Cases with plugins switch the `site/pack/hm` link off,
 * because the stub set's `neovimUtils.packDir` is a placeholder, not a path.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const PROVIDERS_OFF =
  "vim.g.loaded_node_provider=0;vim.g.loaded_perl_provider=0;vim.g.loaded_ruby_provider=0;vim.g.loaded_python3_provider=0";

/** The file a `vim.cmd.source "…"` line of `init.lua` names. */
function sourcedFile(initLua: string): string {
  const m = /^vim\.cmd\.source "([^"]+)"$/m.exec(initLua);
  assert.ok(m, `no vim.cmd.source line in:\n${initLua}`);
  return m[1]!;
}

test("neovim: init.lua holds the provider settings, a source of the Vimscript config and initLua", () => {
  const c = new Case();
  c.homeNix(
    `  programs.neovim = {
    enable = true;
    defaultEditor = true;
    vimdiffAlias = true;
    extraConfig = "set nobackup\\n";
    initLua = "vim.opt.number = true\\n";
  };`,
    { stateVersion: "26.05" },
  );
  const ev = c.evaluate();
  const g = ev.generation;
  const init = textAt(g, ".config/nvim/init.lua");
  const vimrc = sourcedFile(init);
  assert.equal(init, `${PROVIDERS_OFF}\nvim.cmd.source "${vimrc}"\n\nvim.opt.number = true\n`);
  assert.equal(fs.readFileSync(vimrc, "utf8"), "set nobackup\n");
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { EDITOR: "nvim", VISUAL: "nvim" });
  assert.deepEqual(c.json(ev, "home.shellAliases"), { vimdiff: "nvim -d" });
  assert.deepEqual(c.json(ev, "home.packages"), ["@neovim@"]);
  assert.equal(c.json(ev, "programs.neovim.generatedConfigViml"), "set nobackup\n");
  assert.ok(!targets(g).includes(".config/nvim/coc-settings.json"));
  assert.deepEqual(c.warnings, []);
});

test("neovim: before 26.05 the Ruby and Python 3 providers are on; enabled providers name their hosts", () => {
  const c = new Case();
  const g = c.gen(`  programs.neovim = { enable = true; withNodeJs = true; };`, { stateVersion: "25.11" });
  const init = textAt(g, ".config/nvim/init.lua");
  assert.match(
    init,
    /^vim\.g\.node_host_prog='[^']+\/bin\/neovim-node-host';vim\.g\.loaded_perl_provider=0;vim\.g\.ruby_host_prog='[^']+\/bin\/neovim-ruby-host';vim\.g\.python3_host_prog='[^']+\/bin\/nvim-python3'$/,
  );
});

test("neovim: sideloadInitLua keeps init.lua out of the config directory and loads it from the wrapper", () => {
  const c = new Case();
  c.homeNix(`  programs.neovim = { enable = true; sideloadInitLua = true; extraLuaConfig = "-- mine\\n"; };`, { stateVersion: "26.05" });
  const ev = c.evaluate();
  assert.ok(!targets(ev.generation).some((t) => t.startsWith(".config/nvim")));
  assert.equal(c.json(ev, "programs.neovim.initLua"), `${PROVIDERS_OFF}\n-- mine\n`);
  const args = c.json(ev, "programs.neovim.extraWrapperArgs") as string[];
  assert.equal(args.length, 2);
  assert.equal(args[0], "--add-flags");
  const m = /^--cmd 'lua dofile\("([^"]+)"\)' $/.exec(args[1]!);
  assert.ok(m, args[1]);
  assert.equal(fs.readFileSync(m[1]!, "utf8"), `${PROVIDERS_OFF}\n-- mine\n`);
});

test("neovim: plugin configurations by language, runtime files and coc settings", () => {
  const c = new Case();
  c.homeNix(
    `  xdg.dataFile."nvim/site/pack/hm".enable = lib.mkForce false;
  programs.neovim = {
    enable = true;
    plugins = with pkgs.vimPlugins; [
      vim-nix
      { plugin = vim-commentary; type = "viml"; config = "let g:a = 1\\n"; }
      { plugin = telescope-nvim; config = "require('telescope').setup({})\\n"; runtime."after/ftplugin/c.vim".text = "setlocal cindent\\n"; }
      { plugin = vim-surround; type = "teal"; }
    ];
    coc = { enable = true; settings."suggest.noselect" = true; pluginConfig = "let g:coc = 1\\n"; };
  };`,
    { stateVersion: "26.05" },
  );
  const ev = c.evaluate();
  const g = ev.generation;
  assert.deepEqual(c.json(ev, "programs.neovim.generatedConfigs"), {
    lua: "require('telescope').setup({})\n",
    teal: "",
    viml: "let g:a = 1\n\nlet g:coc = 1\n",
  });
  const init = textAt(g, ".config/nvim/init.lua");
  const vimrc = sourcedFile(init);
  assert.equal(
    init,
    "vim.g.node_host_prog='@neovim-node-client@/bin/neovim-node-host';vim.g.loaded_perl_provider=0;" +
      "vim.g.loaded_ruby_provider=0;vim.g.loaded_python3_provider=0\n" +
      `vim.cmd.source "${vimrc}"\n` +
      "\n-- user-associated plugin config {{{\nrequire('telescope').setup({})\n\n-- }}}\n",
  );
  // The Vimscript plugin configurations, then `extraConfig` (empty here), joined by newlines.
  assert.equal(fs.readFileSync(vimrc, "utf8"), "let g:a = 1\n\nlet g:coc = 1\n\n");
  assert.equal(textAt(g, ".config/nvim/after/ftplugin/c.vim"), "setlocal cindent\n");
  assert.equal(textAt(g, ".config/nvim/coc-settings.json"), '{\n  "suggest.noselect": true\n}\n');
  assert.deepEqual(c.warnings, []);
});

test("neovim: before 26.05 a plugin config without a type is Vimscript, with a warning naming the entry", () => {
  const c = new Case();
  c.homeNix(
    `  xdg.dataFile."nvim/site/pack/hm".enable = lib.mkForce false;
  programs.neovim = {
    enable = true;
    withRuby = false;
    withPython3 = false;
    plugins = [ pkgs.vimPlugins.vim-fugitive { plugin = pkgs.vimPlugins.vim-nix; config = "let g:x = 1"; } ];
  };`,
    { stateVersion: "25.11" },
  );
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "programs.neovim.generatedConfigs"), { viml: "let g:x = 1" });
  const warnings = c.json(ev, "warnings") as string[];
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^The default value of `programs\.neovim\.plugins\.PLUGIN\.type` has changed from `"viml"` to `"lua"`\./);
  assert.match(warnings[0]!, /\nTriggered by plugin `vim-nix` defined in `home\.nix` at list index 2\.\n/);
});
