/**
 * Golden cases for `programs.ripgrep`, `programs.fd`, `programs.btop`,
 * `programs.lazygit`, `programs.go` and `programs.yazi`: the files they
 * write (ripgreprc, fd's ignore file, btop.conf and themes, lazygit's YAML,
 * Go's env and telemetry files, yazi's TOML files and init.lua), their
 * aliases, session variables and shell wrapper functions, and Go's
 * GOPATH assertion.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { Case, fileAt, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("ripgrep, fd and btop: config files, alias and session variable", () => {
  const c = stub();
  c.file("dark.theme", 'theme[main_fg]="#ffffff"\n');
  c.homeNix(`
  programs.bash.enable = true;
  programs.ripgrep = { enable = true; arguments = [ "--smart-case" "--glob=!.git" ]; };
  programs.fd = { enable = true; hidden = true; extraOptions = [ "--exclude" "*.o" ]; ignores = [ "target/" "node_modules/" ]; };
  programs.btop = {
    enable = true;
    settings = { vim_keys = true; update_ms = 500; color_theme = "nord"; rounded_corners = false; scale = 2.0; ratio = 0.25; };
    extraConfig = "proc_tree = True";
    themes.mine = "theme[main_bg]=\\"#000000\\"\\n";
    themes.file = ./dark.theme;
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(textAt(g, ".config/ripgrep/ripgreprc"), "--smart-case\n--glob=!.git\n");
  assert.equal(c.json(ev, "home.sessionVariables.RIPGREP_CONFIG_PATH"), `${c.home}/.config/ripgrep/ripgreprc`);
  assert.equal(textAt(g, ".config/fd/ignore"), "target/\nnode_modules/\n");
  assert.equal(c.json(ev, "programs.zsh.shellAliases.fd"), "fd --hidden --exclude '*.o'");
  assert.ok(textAt(g, ".bashrc").includes("alias -- fd='fd --hidden --exclude '\\''*.o'\\'''\n"));
  assert.equal(
    textAt(g, ".config/btop/btop.conf"),
    'color_theme = "nord"\nratio = 0.250000\nrounded_corners = False\nscale = 2.000000\nupdate_ms = 500\nvim_keys = True\n\nproc_tree = True\n',
  );
  assert.equal(textAt(g, ".config/btop/themes/mine.theme"), 'theme[main_bg]="#000000"\n');
  assert.equal(textAt(g, ".config/btop/themes/file.theme"), 'theme[main_fg]="#ffffff"\n');
});

test("ripgrep, fd and btop: nothing written without settings", () => {
  const c = stub();
  c.homeNix(`
  programs.ripgrep.enable = true;
  programs.fd.enable = true;
  programs.btop.enable = true;`);
  const ev = c.evaluate();
  const names = targets(ev.generation);
  assert.ok(!names.some((n) => /ripgrep|fd\/ignore|btop/.test(n)), names.join(" "));
  assert.deepEqual(c.json(ev, "programs.bash.shellAliases"), {});
});

test("lazygit: YAML settings and the Bash and fish wrappers", () => {
  const c = stub();
  c.homeNix(`
  programs.bash.enable = true;
  programs.fish.enable = true;
  home.preferXdgDirectories = true;
  programs.lazygit = {
    enable = true;
    shellWrapperName = "lz";
    settings = { gui.showIcons = true; git.paging.pager = "delta"; };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(textAt(g, ".config/lazygit/config.yml"), "%YAML 1.1\n---\ngit:\n  paging:\n    pager: delta\ngui:\n  showIcons: true\n");
  const newDir = `${c.home}/.cache/lazygit/newdir`;
  assert.ok(textAt(g, ".bashrc").includes(`function lz() {\n    export LAZYGIT_NEW_DIR_FILE=${newDir}\n    command lazygit "$@"\n`));
  assert.equal(
    textAt(g, ".config/fish/functions/lz.fish"),
    `function lz\n    set -x LAZYGIT_NEW_DIR_FILE ${newDir}\n    command lazygit $argv\n    if test -f $LAZYGIT_NEW_DIR_FILE\n` +
      "        cd (cat $LAZYGIT_NEW_DIR_FILE)\n        rm -f $LAZYGIT_NEW_DIR_FILE\n    end\nend\n",
  );
});

test("go: env file, telemetry mode and linked packages", () => {
  const c = stub();
  c.file("src/hello/main.go", "package main\n");
  c.homeNix(`
  programs.go = {
    enable = true;
    env = { GOPATH = [ "\${config.home.homeDirectory}/code/go" "/opt/go" ]; GOPRIVATE = "example.org/*"; GOFLAGS = "-mod=mod"; GOTOOLCHAIN = ""; };
    telemetry.mode = "off";
    packages."example.org/hello" = ./src/hello;
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(textAt(g, ".config/go/env"), `GOFLAGS=-mod=mod\nGOPATH=${c.home}/code/go:/opt/go\nGOPRIVATE=example.org/*\n`);
  assert.equal(textAt(g, ".config/go/telemetry/mode"), "off 1970-01-01");
  assert.equal(fs.readFileSync(path.join(fileAt(g, "code/go/src/example.org/hello").source!, "main.go"), "utf8"), "package main\n");
});

test("go: the first GOPATH entry must be inside the home directory", () => {
  const c = stub();
  c.file("pkg/x.go", "package x\n");
  const err = c.error(`
  programs.go = { enable = true; env.GOPATH = "/srv/go"; packages."example.org/x" = ./pkg; };`);
  assert.match(err, /The first element of `programs\.go\.env\.GOPATH must be an absolute path that points to a directory inside /);
});

test("yazi: TOML files, plugin setup calls, flavors and the wrapper name by state version", () => {
  const c = stub();
  c.file("plug/main.lua", "return {}\n");
  c.file("flav/flavor.toml", "[mgr]\n");
  c.homeNix(
    `
  programs.zsh.enable = true;
  programs.yazi = {
    enable = true;
    settings.mgr = { show_hidden = true; ratio = [ 1 3 4 ]; };
    keymap.mgr.prepend_keymap = [ { on = [ "q" ]; run = "quit"; } ];
    plugins = {
      plain = ./plug;
      git = { package = ./plug; setup = true; };
      bar = { package = ./plug; setup = true; settings = { width = 3; }; };
    };
    flavors."dark.yazi" = ./flav;
    initLua = "-- mine\\n";
  };`,
    { stateVersion: "26.05" },
  );
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(textAt(g, ".config/yazi/yazi.toml"), "[mgr]\nratio = [1, 3, 4]\nshow_hidden = true\n");
  assert.equal(textAt(g, ".config/yazi/keymap.toml"), '[[mgr.prepend_keymap]]\non = ["q"]\nrun = "quit"\n');
  assert.equal(textAt(g, ".config/yazi/init.lua"), 'require("bar"):setup({\n  ["width"] = 3\n})\nrequire("git"):setup()\n-- mine\n');
  assert.equal(fs.readFileSync(path.join(fileAt(g, ".config/yazi/plugins/plain.yazi").source!, "main.lua"), "utf8"), "return {}\n");
  assert.equal(fs.readFileSync(path.join(fileAt(g, ".config/yazi/flavors/dark.yazi.yazi").source!, "flavor.toml"), "utf8"), "[mgr]\n");
  assert.ok(textAt(g, "./.zshrc").includes('function y() {\n  local tmp="$(mktemp -t "yazi-cwd.XXXXX")"\n'));
  assert.deepEqual(c.json(ev, "warnings"), [
    'Flavors like `programs.yazi.flavors."dark.yazi"` should no longer have the suffix ".yazi" in their attribute name.\n' +
      "The flavor will be linked to `$XDG_CONFIG_HOME/yazi/flavors/dark.yazi.yazi`.\n" +
      'You probably want to rename it to `programs.yazi.flavors."dark"`.\n',
  ]);
});
