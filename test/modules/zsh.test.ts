/**
 * `programs.zsh` golden cases, with configurations of our own: the full
 * `.zshrc` with every ordered part (zprof, keymap, local variables,
 * completion, autosuggestions, history, options, deprecated `initExtra`,
 * site functions, named directories, substring search), `.zshenv` and
 * `.zprofile` with session variables, a `dotDir` under XDG with oh-my-zsh and
 * a plugin, prezto's `.zpreztorc`, zsh-abbr, and the assertions and warnings
 * Home Manager gives (shell variables or relative paths in `dotDir`, two
 * highlighters, the legacy default, deprecated options).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const STUB = { HOME_MANAGER_PACKAGES: "stub" };

/** The text with the scratch home shown as `/HOME` and store hashes as `HASH`. */
function scrub(c: Case, text: string): string {
  return text
    .split(c.home)
    .join("/HOME")
    .replace(/\/store\/[0-9a-z]{32}-/g, "/store/HASH-");
}

const FPATH = `for profile in \${(z)NIX_PROFILES}; do
  fpath+=($profile/share/zsh/site-functions $profile/share/zsh/$ZSH_VERSION/functions $profile/share/zsh/vendor-completions)
done

HELPDIR="@zsh@/share/zsh/$ZSH_VERSION/help"
`;

const HISTORY_HEAD = `# History options should be set in .zshrc and after oh-my-zsh sourcing.
# See https://github.com/nix-community/home-manager/issues/177.
`;

const DEFAULT_OPTIONS = `# Set shell options
set_opts=(
  HIST_FCNTL_LOCK HIST_IGNORE_DUPS HIST_IGNORE_SPACE SHARE_HISTORY
  NO_APPEND_HISTORY NO_EXTENDED_HISTORY NO_HIST_EXPIRE_DUPS_FIRST
  NO_HIST_FIND_NO_DUPS NO_HIST_IGNORE_ALL_DUPS NO_HIST_SAVE_NO_DUPS
)
for opt in "\${set_opts[@]}"; do
  setopt "$opt"
done
unset opt set_opts
`;

test("zsh: every ordered part of .zshrc", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.zsh = {
    enable = true;
    autocd = true;
    cdpath = [ "$HOME/src" "/a b" ];
    defaultKeymap = "viins";
    localVariables = { ZSH_X = [ "a" "b c" ]; Y = 1; };
    autosuggestion = { enable = true; strategy = [ "history" "completion" ]; highlight = "fg=8"; };
    dirHashes.dl = "$HOME/Downloads";
    siteFunctions.greet = "echo hi\\n";
    initContent = lib.mkMerge [ (lib.mkOrder 550 "echo before-compinit") "echo general" ];
    initExtra = "echo legacy";
    historySubstringSearch.enable = true;
    zprof.enable = true;
    history = { ignorePatterns = [ "ls *" ]; path = "\${config.xdg.dataHome}/zsh/history"; extended = true; };
  };`);
  assert.equal(
    scrub(c, textAt(g, "./.zshrc")),
    `zmodload zsh/zprof

typeset -U path cdpath fpath manpath
cdpath+=("$HOME/src" "/a b")

${FPATH}
# Use viins keymap as the default.
bindkey -v

Y="1"
ZSH_X=(
  a 'b c'
)
echo before-compinit
autoload -U compinit && compinit
source @zsh-autosuggestions@/share/zsh-autosuggestions/zsh-autosuggestions.zsh
ZSH_AUTOSUGGEST_STRATEGY=(history completion)
ZSH_AUTOSUGGEST_HIGHLIGHT_STYLE="fg=8"


${HISTORY_HEAD}HISTSIZE="10000"
SAVEHIST="10000"
HISTORY_IGNORE='(ls *)'
HISTFILE="/HOME/.local/share/zsh/history"
mkdir -p "$(dirname "$HISTFILE")"

# Set shell options
set_opts=(
  HIST_FCNTL_LOCK EXTENDED_HISTORY HIST_IGNORE_DUPS HIST_IGNORE_SPACE
  SHARE_HISTORY autocd NO_APPEND_HISTORY NO_HIST_EXPIRE_DUPS_FIRST
  NO_HIST_FIND_NO_DUPS NO_HIST_IGNORE_ALL_DUPS NO_HIST_SAVE_NO_DUPS
)
for opt in "\${set_opts[@]}"; do
  setopt "$opt"
done
unset opt set_opts

echo legacy
autoload -Uz -- greet
echo general
# Named Directory Hashes
hash -d dl="$HOME/Downloads"

source @zsh-history-substring-search@/share/zsh-history-substring-search/zsh-history-substring-search.zsh
bindkey "^[[A" history-substring-search-up
bindkey "^[[B" history-substring-search-down

zprof`,
  );
  assert.deepEqual(c.warnings, [
    "evaluation warning: `programs.zsh.initExtra` is deprecated, use `programs.zsh.initContent` instead.\n\n" +
      'Example: programs.zsh.initContent = "your content here";\n',
  ]);
});

test("zsh: aliases, global aliases and syntax highlighting with main added last", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  home.shellAliases.g = "git";
  programs.zsh = {
    enable = true;
    enableCompletion = false;
    shellAliases = { "l l" = "ls -l"; };
    shellGlobalAliases = { G = "| grep"; };
    syntaxHighlighting = { enable = true; highlighters = [ "brackets" ]; styles.alias = "fg=green"; patterns."rm *" = "fg=red"; };
  };`);
  assert.equal(
    scrub(c, textAt(g, "./.zshrc")),
    `typeset -U path cdpath fpath manpath
${FPATH}
${HISTORY_HEAD}HISTSIZE="10000"
SAVEHIST="10000"

HISTFILE="/HOME/.zsh_history"
mkdir -p "$(dirname "$HISTFILE")"

${DEFAULT_OPTIONS}
alias -- g=git
alias -- 'l l'='ls -l'
alias -g -- G='| grep'
source @zsh-syntax-highlighting@/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh
ZSH_HIGHLIGHT_HIGHLIGHTERS=(brackets main)
ZSH_HIGHLIGHT_STYLES[alias]='fg=green'
ZSH_HIGHLIGHT_PATTERNS+=('rm *' 'fg=red')
`,
  );
});

test("zsh: .zshenv and .zprofile export the session variables once", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.zsh = { enable = true; sessionVariables = { A = "x y"; B = false; C = null; }; profileExtra = "echo login"; };`);
  const vars = (indent: string) =>
    [
      "# Environment variables",
      '. "/HOME/.local/state/home-manager/store/HASH-hm-session-vars.sh/etc/profile.d/hm-session-vars.sh"',
      "",
      "# Only source this once",
      'if [[ -z "${__HM_ZSH_SESS_VARS_SOURCED-}" ]]; then',
      "  export __HM_ZSH_SESS_VARS_SOURCED=1",
      '  export A="x y"',
      "  export B=false",
      "fi",
    ]
      .map((l) => (l === "" ? l : indent + l))
      .join("\n");
  assert.equal(scrub(c, textAt(g, "./.zshenv")), `if [[ ! -o login ]]; then\n${vars("  ")}\nfi\n`);
  assert.equal(scrub(c, textAt(g, "./.zprofile")), `${vars("")}\n\necho login\n`);
  assert.ok(!targets(g).includes(".zshenv"));
});

test("zsh: a dotDir under XDG, with oh-my-zsh and a plugin", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  xdg.enable = true;
  programs.zsh = {
    enable = true;
    dotDir = "\${config.xdg.configHome}/zsh";
    envExtra = "export E=1";
    oh-my-zsh = { enable = true; plugins = [ "git" "sudo" ]; theme = "robbyrussell"; custom = "$HOME/omz"; extraConfig = "zstyle :omz:update mode disabled\\n"; };
    plugins = [ { name = "foo"; src = pkgs.writeTextDir "foo.plugin.zsh" "echo foo"; functions = [ "fn" ]; } ];
  };`);
  assert.equal(scrub(c, textAt(g, ".zshenv")), "source /HOME/.config/zsh/.zshenv\n");
  const env = scrub(c, textAt(g, ".config/zsh/.zshenv"));
  assert.ok(
    env.endsWith(
      '  fi\nfi\n\nexport ZDOTDIR="/HOME/.config/zsh"\n\nexport E=1\nZSH=@oh-my-zsh@/share/oh-my-zsh;\nZSH_CACHE_DIR=/HOME/.cache/oh-my-zsh;\n',
    ),
    env,
  );
  assert.ok(targets(g).includes(".cache/oh-my-zsh/.keep"));
  assert.ok(targets(g).includes(".config/zsh/plugins/foo"));
  const rc = scrub(c, textAt(g, ".config/zsh/.zshrc"));
  const dir = "/HOME/.config/zsh/plugins";
  assert.ok(!rc.includes("compinit"), "oh-my-zsh runs compinit itself");
  assert.ok(
    rc.includes(
      `unset plugin_dir plugin_dirs plugin_fpath_dir
# Add additional function paths to fpath
function_paths=(
  foo/fn
)
for function_path in "\${function_paths[@]}"; do
  fpath+="${dir}/$function_path"
done
unset function_path function_paths


# oh-my-zsh extra settings for plugins
zstyle :omz:update mode disabled

# oh-my-zsh configuration generated by NixOS
plugins=(git sudo)
ZSH_CUSTOM="$HOME/omz"
ZSH_THEME=robbyrussell
source $ZSH/oh-my-zsh.sh

# Source plugins
plugins=(
  foo/foo.plugin.zsh
)
for plugin in "\${plugins[@]}"; do
  [[ -f "${dir}/$plugin" ]] && source "${dir}/$plugin"
done
unset plugin plugins
`,
    ),
    rc,
  );
  assert.ok(rc.includes('HISTFILE="/HOME/.config/zsh/.zsh_history"\n'));
});

test("zsh: prezto writes .zpreztorc and sources its run commands", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.zsh = {
    enable = true;
    prezto = {
      enable = true;
      caseSensitive = false;
      color = null;
      pmodules = [ "environment" "prompt" ];
      editor.dotExpansion = true;
      ssh.identities = [ "id_ed25519" "id rsa" ];
      syntaxHighlighting.styles = { builtin = "bg=blue"; command = "fg=red"; };
      prompt.theme = "pure";
      extraConfig = "# end";
    };
  };`);
  const blank = (n: number) => "\n".repeat(n);
  assert.equal(
    textAt(g, "./.zpreztorc"),
    "# Generated by Nix\n" +
      "zstyle ':prezto:*:*' case-sensitive 'no'\n" +
      blank(5) +
      "zstyle ':prezto:load' pmodule \\\n  environment \\\n  prompt\n" +
      blank(3) +
      "zstyle ':prezto:module:editor' key-bindings 'emacs'\n\n" +
      "zstyle ':prezto:module:editor' dot-expansion 'yes'\n" +
      blank(8) +
      "zstyle ':prezto:module:prompt' theme 'pure'\n" +
      blank(8) +
      "zstyle ':prezto:module:ssh:load' identities \\\n  id_ed25519 'id rsa'\n" +
      blank(2) +
      "zstyle ':prezto:module:syntax-highlighting' styles \\\n  builtin 'bg=blue' \\\ncommand 'fg=red'\n" +
      blank(11) +
      "# end\n",
  );
  assert.equal(textAt(g, "./.zlogin"), "# Generated by Nix\nsource @zsh-prezto@/share/zsh-prezto/runcoms/zlogin\n");
  assert.ok(textAt(g, "./.zshenv").endsWith("fi\n\n# Generated by Nix\nsource @zsh-prezto@/share/zsh-prezto/runcoms/zshenv\n"));
  const rc = textAt(g, "./.zshrc");
  assert.ok(rc.includes("# Load prezto\nsource @zsh-prezto@/share/zsh-prezto/runcoms/zshrc\n"));
  assert.ok(!rc.includes("compinit"));
});

test("zsh: zsh-abbr is a plugin with its abbreviations file", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.zsh = {
    enable = true;
    zsh-abbr = {
      enable = true;
      # A real directory: a plugin's src must be an absolute path.
      package = pkgs.writeTextDir "share/zsh/zsh-abbr/zsh-abbr.plugin.zsh" "";
      abbreviations = { gs = "git status"; };
      globalAbbreviations = { L = "| less"; };
    };
  };`);
  assert.equal(textAt(g, ".config/zsh-abbr/user-abbreviations"), "abbr gs='git status'\nabbr -g L='| less'\n");
  assert.ok(textAt(g, "./.zshrc").includes("  zsh-abbr/share/zsh/zsh-abbr/zsh-abbr.plugin.zsh\n"));
});

test("zsh: assertions on dotDir and highlighters", () => {
  const msg = new Case(STUB).error(`
  programs.zsh = { enable = true; dotDir = "$HOME/.zsh"; syntaxHighlighting.enable = true; fastSyntaxHighlighting.enable = true; };`);
  assert.ok(msg.includes("- programs.zsh.dotDir cannot contain shell variables as it is used for file creation at build time.\n"), msg);
  assert.ok(msg.includes("Current dotDir: $HOME/.zsh\n"), msg);
  assert.ok(msg.includes("- Only one Zsh syntax highlighter can be enabled at a time.\n"), msg);
});

test("zsh: warnings for a relative dotDir and for the legacy default under XDG", () => {
  const rel = new Case(STUB);
  const g = rel.gen(`  programs.zsh = { enable = true; dotDir = "zdot"; };`);
  assert.ok(targets(g).includes("zdot/.zshrc"));
  assert.equal(scrub(rel, textAt(g, ".zshenv")), "source /HOME/zdot/.zshenv\n");
  assert.equal(rel.warnings.length, 1);
  assert.ok(rel.warnings[0]!.includes("Using relative paths in programs.zsh.dotDir is deprecated"), rel.warnings[0]);
  assert.ok(rel.warnings[0]!.includes("Current dotDir: zdot\n"));

  const legacy = new Case(STUB);
  legacy.gen(`  xdg.enable = true; programs.zsh.enable = true;`, { stateVersion: "25.05" });
  assert.equal(legacy.warnings.length, 1);
  assert.ok(legacy.warnings[0]!.includes("The default value of `programs.zsh.dotDir` will change in future versions."));

  const fresh = new Case(STUB);
  const g2 = fresh.gen(`  xdg.enable = true; programs.zsh.enable = true;`, { stateVersion: "26.05" });
  assert.deepEqual(fresh.warnings, []);
  assert.ok(targets(g2).includes(".config/zsh/.zshrc"));
});
