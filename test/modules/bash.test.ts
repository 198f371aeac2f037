/**
 * `programs.bash` golden cases: the full texts of `.bashrc`, `.profile`,
 * `.bash_profile` and `.bash_logout` for configurations of our own (history
 * settings, `shopt` options set and unset, aliases from both
 * `home.shellAliases` and `programs.bash.shellAliases`, session variables of
 * every kind, the completion snippet ahead of `initExtra`), and which files
 * exist when parts are empty. The stand-in package set gives `@name@` paths.
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

test("bash: every part of .bashrc, in Home Manager's layout", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  home.shellAliases.g = "git";
  programs.bash = {
    enable = true;
    historyControl = [ "ignoredups" "ignorespace" ];
    historyIgnore = [ "ls" "exit" "cd *" ];
    historyFile = "\${config.xdg.stateHome}/bash/history";
    historySize = 500;
    shellOptions = [ "autocd" "-cdspell" ];
    shellAliases = { ll = "ls -l"; ".." = "cd .."; say = "echo 'hi there'"; };
    bashrcExtra = "export EARLY=1";
    initExtra = lib.mkBefore "echo interactive";
  };`);
  assert.equal(
    scrub(c, textAt(g, ".bashrc")),
    `export EARLY=1

# Commands that should be applied only for interactive shells.
[[ $- == *i* ]] || return

HISTCONTROL=ignoredups:ignorespace
HISTFILE="/HOME/.local/state/bash/history"
HISTFILESIZE=100000
HISTIGNORE='ls:exit:cd *'
HISTSIZE=500
mkdir -p "$(dirname "$HISTFILE")"

shopt -s autocd
shopt -u cdspell

alias -- ..='cd ..'
alias -- g=git
alias -- ll='ls -l'
alias -- say='echo '\\''hi there'\\'''

if [[ ! -v BASH_COMPLETION_VERSINFO ]]; then
  . "@bash-completion@/etc/profile.d/bash_completion.sh"
fi

echo interactive
`,
  );
  assert.deepEqual(c.warnings, []);
});

test("bash: .profile sources the session variables, then exports its own, then profileExtra", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.bash = {
    enable = true;
    sessionVariables = { EDITOR = "vi"; COUNT = 3; RATIO = 0.5; ON = true; OFF = false; GONE = null; };
    profileExtra = "umask 022";
  };`);
  assert.match(textAt(g, ".profile"), /^\. "\/.*-hm-session-vars\.sh\/etc\/profile\.d\/hm-session-vars\.sh"\n/);
  assert.equal(
    textAt(g, ".profile").replace(/^[^\n]*\n/, ""),
    `
export COUNT="3"
export EDITOR="vi"
export OFF="false"
export ON="true"
export RATIO="0.500000"

umask 022
`,
  );
  assert.equal(
    textAt(g, ".bash_profile"),
    "# include .profile if it exists\n[[ -f ~/.profile ]] && . ~/.profile\n\n# include .bashrc if it exists\n[[ -f ~/.bashrc ]] && . ~/.bashrc\n",
  );
});

test("bash: empty parts keep their blank lines; no completion, no history, no .bash_logout", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.bash = { enable = true; enableCompletion = false; historySize = null; historyFileSize = null; shellOptions = [ ]; };`);
  assert.equal(
    textAt(g, ".bashrc"),
    "\n\n# Commands that should be applied only for interactive shells.\n[[ $- == *i* ]] || return\n\n\n\n\n\n\n\n\n",
  );
  assert.ok(!targets(g).includes(".bash_logout"));
});

test("bash: logoutExtra makes .bash_logout, verbatim", () => {
  const g = new Case(STUB).gen(`
  programs.bash = { enable = true; logoutExtra = "history -a\\nclear"; };`);
  assert.equal(textAt(g, ".bash_logout"), "history -a\nclear");
});

test("bash: nothing is written while disabled", () => {
  const g = new Case(STUB).gen(`
  programs.bash.initExtra = "echo unused";`);
  assert.ok(!targets(g).some((t) => t.startsWith(".bash") || t === ".profile"));
});
