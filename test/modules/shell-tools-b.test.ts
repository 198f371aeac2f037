/**
 * Golden cases for `programs.bat`, `programs.eza`, `programs.htop` and
 * `programs.fzf`: the files they write (bat's flags file, eza's aliases in
 * each shell, htop's `htoprc`), fzf's session variables, per-shell widget
 * overrides and the Ctrl-R conflict warning (with Atuin as the history
 * manager), and their deprecation warnings.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("bat: flags file, themes and the string-theme warning", () => {
  const c = stub();
  c.homeNix(`
  programs.bat = {
    enable = true;
    config = {
      style = "numbers,changes";
      italic-text = "always";
      map-syntax = [ "*.conf:INI" "Dockerfile.*:Dockerfile" ];
      paging = "never";
      wrap = "character";
      unbuffered = true;
      squeeze-blank = true;
      quiet-empty = false;
    };
    themes.plain = "<plist/>\\n";
    syntaxes.mine = { src = builtins.toFile "syntaxes" "x"; };
  };`);
  const ev = c.evaluate();
  assert.equal(
    textAt(ev.generation, ".config/bat/config"),
    "--italic-text=always\n" +
      "--map-syntax='*.conf:INI'\n" +
      "--map-syntax='Dockerfile.*:Dockerfile'\n" +
      "--paging=never\n" +
      "--style=numbers,changes\n" +
      "--wrap=character\n" +
      "--squeeze-blank\n" +
      "--unbuffered\n",
  );
  assert.equal(textAt(ev.generation, ".config/bat/themes/plain.tmTheme"), "<plist/>\n");
  assert.equal(textAt(ev.generation, ".config/bat/syntaxes/mine.sublime-syntax"), "x");
  assert.deepEqual(c.json(ev, "warnings"), [
    "Using programs.bat.themes as a string option is deprecated and will be\n" +
      "removed in the future. Please change to using it as an attribute set\n" +
      "instead.\n",
  ]);
});

test("eza: aliases per shell, fish abbreviations, Boolean icons", () => {
  const c = stub();
  c.homeNix(`
  programs.bash.enable = true;
  programs.fish = { enable = true; generateCompletions = false; preferAbbrs = true; };
  programs.eza = {
    enable = true;
    icons = true;
    colors = "always";
    extraOptions = [ "--sort=size" "--time-style" "long-iso" ];
    enableZshIntegration = false;
  };`);
  const ev = c.evaluate();
  const bashrc = textAt(ev.generation, ".bashrc");
  // `=` is not among the characters left unquoted, so `--sort=size` is quoted inside the alias, then again by Bash's.
  assert.ok(bashrc.includes("\nalias -- eza='eza --icons auto --color always '\\''--sort=size'\\'' --time-style long-iso'\n"));
  assert.match(bashrc, /\nalias -- lla='eza -la'\n/);
  assert.match(bashrc, /\nalias -- ls=eza\n/);
  const fish = textAt(ev.generation, ".config/fish/config.fish");
  assert.ok(fish.includes("\n    alias eza 'eza --icons auto --color always '\\''--sort=size'\\'' --time-style long-iso'\n"));
  assert.match(fish, /\n {4}abbr --add -- lt 'eza --tree'\n/);
  assert.doesNotMatch(fish, /alias lt /);
  assert.deepEqual(c.json(ev, "programs.zsh.shellAliases"), {
    eza: "eza --icons auto --color always '--sort=size' --time-style long-iso",
  });
  assert.deepEqual(c.json(ev, "warnings"), [
    'Setting programs.eza.icons to a Boolean is deprecated.\nPlease update your configuration so that\n\n  programs.eza.icons = "auto"',
  ]);
  assert.ok(!targets(ev.generation).includes(".config/eza/theme.yml"));
});

test("htop: htoprc with the header layout first, meters and default fields", () => {
  const c = stub();
  c.homeNix(`
  programs.htop = {
    enable = true;
    settings = {
      tree_view = true;
      hide_kernel_threads = false;
      delay = 10;
      header_layout = "two_67_33";
      sort_key = config.lib.htop.fields.PERCENT_MEM;
    } // (with config.lib.htop; leftMeters [ (led "CPU") blank (graph "Memory") ])
      // (with config.lib.htop; rightMeters [ (text "Clock") ]);
  };`);
  const g = c.evaluate().generation;
  const dir = fileAt(g, ".config/htop").source!;
  assert.equal(
    fs.readFileSync(path.join(dir, "htoprc"), "utf8"),
    "header_layout=two_67_33\n" +
      "delay=10\n" +
      "fields=0 48 17 18 38 39 40 2 46 47 49 1\n" +
      "hide_kernel_threads=0\n" +
      "left_meter_modes=4 2 3\n" +
      "left_meters=CPU Blank Memory\n" +
      "right_meter_modes=2\n" +
      "right_meters=Clock\n" +
      "sort_key=47\n" +
      "tree_view=1\n",
  );
  const none = stub().gen(`programs.htop.enable = true;`);
  assert.ok(!targets(none).includes(".config/htop"));
});

test("fzf: variables, per-shell overrides and the Ctrl-R conflict warning", () => {
  const c = stub();
  c.homeNix(`
  programs.atuin = { enable = true; package = pkgs.writeShellScriptBin "atuin" "true"; };
  programs.bash.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };
  programs.fzf = {
    enable = true;
    package = pkgs.fzf // { version = "0.73.0"; };
    enableNushellIntegration = false;
    defaultOptions = [ "--layout=reverse" ];
    colors = { "fg+" = "#ffffff"; bg = "#000000"; };
    changeDirWidget.options = [ "--walker-skip .git" ];
    fileWidget.bash.command = "fd --hidden";
    historyWidget.fish.command = "";
    historyWidget.fish.options = [ ];
  };`);
  const ev = c.evaluate();
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.deepEqual(Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith("FZF_"))), {
    FZF_ALT_C_OPTS: "--walker-skip .git",
    FZF_DEFAULT_OPTS: "--layout=reverse --color bg:#000000,fg+:#ffffff",
  });
  assert.match(
    textAt(ev.generation, ".bashrc"),
    /\nif \[\[ :\$SHELLOPTS: =~ :\(vi\|emacs\): \]\]; then\nexport FZF_CTRL_T_COMMAND="fd --hidden"\n {2}eval "\$\(@fzf@\/bin\/fzf --bash\)"\nfi\n/,
  );
  assert.match(
    textAt(ev.generation, ".config/fish/config.fish"),
    /\n *set -gx FZF_CTRL_R_COMMAND ''\n *set -gx FZF_CTRL_R_OPTS ''\n *@fzf@\/bin\/fzf --fish \| source\n/,
  );
  const home = `${c.configDir}/home.nix`;
  assert.deepEqual(c.json(ev, "warnings"), [
    "programs.fzf and a history manager both configure Ctrl-R for bash.\n\n" +
      "Definitions:\n" +
      "  bash:\n" +
      `    \`programs.fzf.enable\` defined in \`${home}'\n` +
      `    \`programs.atuin.enable\` defined in \`${home}'\n\n` +
      "The history manager integration is sourced after fzf and owns Ctrl-R.\n" +
      "Choose which integration should own Ctrl-R.\n" +
      "To keep the history manager on Ctrl-R, disable fzf's binding:\n" +
      '  programs.fzf.historyWidget.command = "";\n' +
      "or disable it for one shell:\n" +
      '  programs.fzf.historyWidget.bash.command = "";\n' +
      "To keep fzf on Ctrl-R with Atuin, disable Atuin's Ctrl-R binding:\n" +
      '  programs.atuin.flags = [ "--disable-ctrl-r" ];\n' +
      "McFly has no Ctrl-R-only option in Home Manager. Disable McFly's\n" +
      "shell integration for that shell if fzf should own Ctrl-R.\n" +
      "To use another key, disable one default Ctrl-R binding and add a\n" +
      "shell-specific key binding in your shell configuration.\n",
  ]);
});
