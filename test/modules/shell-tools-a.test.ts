/**
 * Golden cases of `programs.zoxide`, `programs.direnv`, `programs.starship`,
 * `programs.tmux` (with `programs.tmux.tmuxinator`): their shell hooks in
 * Bash, Zsh and fish (in Home Manager's order, only where enabled) and the
 * files they write (TOML, tmux.conf, tmuxinator YAML).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const SHELLS = `
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };`;

test("zoxide, direnv, starship: shell hooks and configuration files", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`${SHELLS}
  programs.zoxide = { enable = true; options = [ "--cmd" "j" ]; };
  programs.direnv = {
    enable = true;
    silent = true;
    stdlib = "use_flake() { :; }";
    config.global.warn_timeout = "30s";
    enableFishIntegration = false;
  };
  programs.starship = {
    enable = true;
    settings = { add_newline = false; character.success_symbol = ">"; };
    enableZshIntegration = false;
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  // Bash: direnv (mkAfter), then starship (1900), then zoxide (2000), each once.
  const bash = textAt(g, ".bashrc");
  assert.match(
    bash,
    /\neval "\$\(@direnv@\/bin\/direnv hook bash\)"\n\nif \[\[ \$TERM != "dumb" \]\]; then\n {2}eval "\$\(@starship@\/bin\/starship init bash --print-full-init\)"\nfi\n\neval "\$\(@zoxide@\/bin\/zoxide init bash --cmd j\)"\n/,
  );
  // Zsh: zoxide right after compinit; direnv in the general part; no starship.
  const zsh = textAt(g, "./.zshrc");
  assert.match(zsh, /\nautoload -U compinit && compinit\neval "\$\(@zoxide@\/bin\/zoxide init zsh --cmd j\)"\n/);
  assert.match(zsh, /\neval "\$\(@direnv@\/bin\/direnv hook zsh\)"\n$/);
  assert.doesNotMatch(zsh, /starship/);
  // fish: starship and zoxide in the interactive block; direnv's fish hook is off.
  const fish = textAt(g, ".config/fish/config.fish");
  assert.match(
    fish,
    /\n {4}# Interactive shell initialisation\n {4}if test "\$TERM" != dumb\n {8}@starship@\/bin\/starship init fish \| source\n\n {4}end\n\n {4}@zoxide@\/bin\/zoxide init fish --cmd j \| source\n\nend\n$/,
  );
  assert.doesNotMatch(fish, /direnv/);
  // Files.
  assert.equal(textAt(g, ".config/starship.toml"), 'add_newline = false\n\n[character]\nsuccess_symbol = ">"\n');
  assert.equal(textAt(g, ".config/direnv/direnv.toml"), '[global]\nlog_filter = "^$"\nlog_format = "-"\nwarn_timeout = "30s"\n');
  assert.equal(textAt(g, ".config/direnv/direnvrc"), "use_flake() { :; }");
  assert.ok(!targets(g).some((t) => t.startsWith(".config/direnv/lib/")));
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.equal(vars.STARSHIP_CONFIG, `${c.home}/.config/starship.toml`);
  assert.equal(vars.DIRENV_LOG_FORMAT, undefined);
});

test("zoxide and starship in Nushell: files made by their init commands at build time", () => {
  const g = new Case({ HOME_MANAGER_PACKAGES: "stub" }).gen(`
  programs.nushell.enable = true;
  programs.zoxide = { enable = true; options = [ "--no-cmd" ]; package = pkgs.writeShellScriptBin "zoxide" "echo \\"# zoxide $*\\""; };
  programs.starship = { enable = true; package = pkgs.writeShellScriptBin "starship" "echo \\"# starship $*\\""; };`);
  const nu = textAt(g, ".config/nushell/config.nu");
  const zoxide = /(?:^|\n)source (\S+-zoxide-nushell-config\.nu)\n/.exec(nu);
  const starship = /(?:^|\n)use (\S+-starship-nushell-config\.nu)\n/.exec(nu);
  assert.ok(zoxide && starship, nu);
  assert.equal(fs.readFileSync(zoxide[1]!, "utf8"), "# zoxide init nushell --no-cmd\n");
  assert.equal(fs.readFileSync(starship[1]!, "utf8"), "# starship init nu\n");
});

test("starship without settings writes no file; fish start-up outside interactive shells with transience", () => {
  const g = new Case({ HOME_MANAGER_PACKAGES: "stub" }).gen(`
  programs.fish = { enable = true; generateCompletions = false; };
  programs.starship = { enable = true; enableInteractive = false; enableTransience = true; };`);
  assert.ok(!targets(g).includes(".config/starship.toml"));
  const fish = textAt(g, ".config/fish/config.fish");
  assert.match(fish, /\nif test "\$TERM" != dumb\n {4}@starship@\/bin\/starship init fish \| source\n {4}enable_transience\nend\n$/);
});

test("tmux: tmux.conf from the options, extraConfig last; tmuxinator projects", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`
  programs.tmux = {
    enable = true;
    keyMode = "vi";
    customPaneNavigationAndResize = true;
    resizeAmount = 3;
    shortcut = "a";
    disableConfirmationPrompt = true;
    mouse = true;
    baseIndex = 1;
    shell = "/bin/sh";
    extraConfig = "set -g status off";
    secureSocket = false;
    tmuxp.enable = true;
    tmuxinator = {
      enable = true;
      projects.work = { root = "~/work"; windows = [ { editor = "vim"; } ]; };
    };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const expected = [
    "",
    'set  -g default-terminal "screen"',
    "set  -g base-index      1",
    "setw -g pane-base-index 1",
    "# We need to set default-shell before calling new-session",
    'set  -g default-shell "/bin/sh"',
    "",
    "",
    "",
    "",
    "",
    "set -g status-keys vi",
    "set -g mode-keys   vi",
    "",
    'bind -N "Select pane to the left of the active pane" h select-pane -L',
    'bind -N "Select pane below the active pane" j select-pane -D',
    'bind -N "Select pane above the active pane" k select-pane -U',
    'bind -N "Select pane to the right of the active pane" l select-pane -R',
    "",
    'bind -r -N "Resize the pane left by 3" \\',
    "  H resize-pane -L 3",
    'bind -r -N "Resize the pane down by 3" \\',
    "  J resize-pane -D 3",
    'bind -r -N "Resize the pane up by 3" \\',
    "  K resize-pane -U 3",
    'bind -r -N "Resize the pane right by 3" \\',
    "  L resize-pane -R 3",
    "",
    "",
    "# rebind main key: C-a",
    "unbind C-b",
    "set -g prefix C-a",
    'bind -N "Send the prefix key through to the application" \\',
    "  C-a send-prefix",
    "",
    "",
    'bind-key -N "Kill the current window" & kill-window',
    'bind-key -N "Kill the current pane" x kill-pane',
    "",
    "",
    "set  -g mouse             on",
    "set  -g focus-events      off",
    "setw -g aggressive-resize off",
    "setw -g clock-mode-style  12",
    "set  -s escape-time       10",
    "set  -g history-limit     2000",
    "",
    "set -g status off",
  ].join("\n");
  assert.equal(textAt(g, ".config/tmux/tmux.conf"), expected);
  assert.equal(textAt(g, ".config/tmuxinator/work.yml"), "%YAML 1.1\n---\nroot: ~/work\nwindows:\n- editor: vim\n");
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.equal(vars.TMUX_TMPDIR, undefined);
  const pkgs = (c.json(ev, "home.packages") as string[]).join(" ");
  for (const p of ["@tmux@", "@tmuxp@", "@tmuxinator@"]) assert.ok(pkgs.includes(p), `${p} in ${pkgs}`);
});

test("tmux: plugins, as packages or with their own configuration, loaded after the options", () => {
  const g = new Case({ HOME_MANAGER_PACKAGES: "stub" }).gen(`
  programs.tmux = {
    enable = true;
    extraConfig = "# mine";
    plugins = [
      (pkgs.tmuxPlugins.cpu.overrideAttrs { pname = "tmuxplugin-cpu"; })
      { plugin = pkgs.tmuxPlugins.resurrect.overrideAttrs { pname = "tmuxplugin-resurrect"; }; extraConfig = "set -g @x 1"; }
    ];
  };`);
  assert.match(
    textAt(g, ".config/tmux/tmux.conf"),
    /\nset  -g history-limit {5}2000\n\n# =+ #\n# Load plugins with Home Manager {16}#\n# -+ #\n\n# tmuxplugin-cpu\n# -{21}\n\nrun-shell \S+\n\n\n# tmuxplugin-resurrect\n# -{21}\nset -g @x 1\nrun-shell \S+\n\n# =+ #\n\n# mine$/,
  );
});

test("tmux: a plugin whose name lacks the tmuxplugin prefix fails the assertion", () => {
  const err = new Case({ HOME_MANAGER_PACKAGES: "stub" }).error(`
  programs.tmux = { enable = true; plugins = [ { plugin = pkgs.hello; extraConfig = "set -g @x 1"; } ]; };`);
  assert.match(err, /Invalid tmux plugin \(not prefixed with "tmuxplugins"\): hello/);
});
