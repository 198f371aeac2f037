/**
 * `programs.fish` golden cases: `config.fish` with abbreviations, aliases
 * and handler functions, function and completion files, plugins, key
 * bindings and `hm-session-vars.fish`; plus the formatter (`fish_indent`)
 * and the bash-to-fish translation (`babelfish`) on their own. Expected
 * texts were produced by this implementation and checked line by line
 * against fish 3.6's `fish_indent` and babelfish's documented output.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";
import { fishIndent } from "../../src/modules/programs/fish/fish-indent.js";
import { babelfish } from "../../src/modules/programs/fish/babelfish.js";

test("fish_indent: blocks, semicolons, quotes, redirections, comments", () => {
  const src = `
function demo --description "A demo"   # trailing
  set -l tmp (mktemp -t "x.XXXXX")
      if read cwd < "$tmp"; and [ -n "$cwd" ]
    echo "plain" 'also' "not plain!"; echo done
  else if test -f a
  switch $x


  case "*"
      echo star


  end
      end



  # comment
  command ls | \\
    cat
  foo |
  bar
end
`;
  assert.equal(
    fishIndent(src),
    `function demo --description "A demo" # trailing
    set -l tmp (mktemp -t "x.XXXXX")
    if read cwd <"$tmp"; and [ -n "$cwd" ]
        echo plain also "not plain!"
        echo done
    else if test -f a
        switch $x
            case "*"
                echo star

        end
    end

    # comment
    command ls | cat
    foo |
        bar
end
`,
  );
  assert.equal(fishIndent(""), "\n");
  assert.equal(fishIndent("a;\nand b\na; and b\nbegin; echo; end\n"), "a\nand b\na; and b\nbegin\n    echo\nend\n");
  assert.equal(fishIndent("echo a \\\n  b\n"), "echo a \\\n    b\n");
});

test("babelfish: exports, defaults, alternatives, conditions, sourcing", () => {
  const sh = `# Only source this once.
if [ -n "\${__HM_SESS_VARS_SOURCED-}" ]; then return; fi
export __HM_SESS_VARS_SOURCED=1

export EDITOR="emacs -nw"
export PATH="$HOME/bin\${PATH:+:}$PATH"
. "/nix/store/x-nix/etc/profile.d/nix.sh"
unset -f foo -v bar
`;
  assert.equal(
    babelfish(sh, "@babelfish@/bin/babelfish"),
    `# Only source this once.
if [ -n (set -q __HM_SESS_VARS_SOURCED && echo "$__HM_SESS_VARS_SOURCED" || echo '') ]
  return
end
set -gx __HM_SESS_VARS_SOURCED '1'
set -gx EDITOR 'emacs -nw'
set -gx PATH "$HOME"'/bin'(test -n "$PATH" && echo ':' || echo)"$PATH"
@babelfish@/bin/babelfish < '/nix/store/x-nix/etc/profile.d/nix.sh' | source
functions -e foo; set -e bar
`,
  );
  assert.throws(() => babelfish("cat <<EOF\nx\nEOF\n", "b"), /here-documents are not supported/);
});

test("fish: config.fish, functions, completions, plugins, binds", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  const g = c.gen(`
  home.sessionVariables.V1 = "v1";
  programs.fish = {
    enable = true;
    generateCompletions = false;
    shellAliases = { ll = "ls -l"; };
    shellAbbrs = {
      gco = "git checkout";
      L = { position = "anywhere"; setCursor = true; expansion = "% | less"; };
      s = { command = [ "git" "hg" ]; expansion = "status"; };
    };
    shellInit = "set -g fish_greeting";
    interactiveShellInit = ''
      if test "$TERM" != dumb
          starship init fish | source
      end
    '';
    functions = {
      hello = ''echo "Hello"'';
      on-ev = { body = "echo hi"; onEvent = [ "a" "b" ]; argumentNames = [ "x" "y" ]; };
    };
    completions.my-prog = "complete -c myprog -s o -l output\\n";
    plugins = [ { name = "foo"; src = pkgs.writeText "fooPluginSrc" ""; } ];
    binds = {
      "ctrl-g".command = [ "git diff" "repaint" ];
      "alt-s" = { erase = true; operate = "preset"; command = "fish_commandline_prepend sudo"; };
      "x" = { enable = false; command = "nope"; };
    };
  };`);
  const config = textAt(g, ".config/fish/config.fish");
  const session = /^source (\S+)\/etc\/profile\.d\/hm-session-vars\.fish$/m.exec(config);
  assert.ok(session !== null, config);
  assert.equal(
    config.replace(session[1]!, "@SESSION@"),
    `# ~/.config/fish/config.fish: DO NOT EDIT -- this file has been generated
# automatically by home-manager.

# Only execute this file once per shell.
set -q __fish_home_manager_config_sourced; and exit
set -g __fish_home_manager_config_sourced 1

source @SESSION@/etc/profile.d/hm-session-vars.fish

# Source handler functions
source ${c.home}/.config/fish/functions/on-ev.fish

set -g fish_greeting

status is-login; and begin

    # Login shell initialisation

end

status is-interactive; and begin

    # Abbreviations
    abbr --add --position anywhere --set-cursor -- L '% | less'
    abbr --add -- gco 'git checkout'
    abbr --add --command git --command hg -- s status

    # Aliases
    alias ll 'ls -l'

    # Interactive shell initialisation
    if test "$TERM" != dumb
        starship init fish | source
    end

end
`,
  );
  assert.equal(textAt(g, ".config/fish/functions/hello.fish"), "function hello\n    echo Hello\nend\n");
  assert.equal(
    textAt(g, ".config/fish/functions/on-ev.fish"),
    'function on-ev --on-event="a" --on-event="b" --argument-names=x y\n    echo hi\nend\n',
  );
  assert.equal(
    textAt(g, ".config/fish/functions/fish_user_key_bindings.fish"),
    "function fish_user_key_bindings\n    bind -e --preset alt-s\n    bind --preset alt-s 'fish_commandline_prepend sudo'\n    bind ctrl-g 'git diff' repaint\nend\n",
  );
  assert.equal(textAt(g, ".config/fish/completions/my-prog.fish"), "complete -c myprog -s o -l output\n");
  const plugin = textAt(g, ".config/fish/conf.d/plugin-foo.fish");
  assert.match(
    plugin,
    /^# Plugin foo\nset -l plugin_dir \S+fooPluginSrc\n\n# Set paths to import plugin components\nif test -d \$plugin_dir\/functions\n {4}set fish_function_path/,
  );
  assert.match(plugin, /\nif test -d \$plugin_dir\/conf.d\n {4}for f in \$plugin_dir\/conf.d\/\*.fish\n {8}source \$f\n {4}end\nend\n/);
  assert.ok(!targets(g).some((t) => t.includes("generated_completions")));
});

test("fish: hm-session-vars.fish, home.shellAliases, generated completions in fish_complete_path", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`
  home.sessionVariables = { V1 = "v1"; V2 = "v2-\${config.home.sessionVariables.V1}"; };
  home.sessionPath = [ "$HOME/bin" ];
  home.shellAliases.ll = "ls -l";
  programs.fish.enable = true;`);
  const ev = c.evaluate();
  const pkg = c.json(ev, "programs.fish.sessionVariablesPackage") as string;
  const text = fs.readFileSync(`${pkg}/etc/profile.d/hm-session-vars.fish`, "utf8");
  assert.equal(
    text,
    `function setup_hm_session_vars;
# Only source this once.
if [ -n (set -q __HM_SESS_VARS_SOURCED && echo "$__HM_SESS_VARS_SOURCED" || echo '') ]
  return
end
set -gx __HM_SESS_VARS_SOURCED '1'
set -gx V1 'v1'
set -gx V2 'v2-v1'
set -gx PATH "$HOME"'/bin'(test -n "$PATH" && echo ':' || echo)"$PATH"
end
setup_hm_session_vars
`,
  );
  const config = textAt(ev.generation, ".config/fish/config.fish");
  assert.match(config, /\n {4}alias ll 'ls -l'\n/);
  assert.ok(
    config.includes(
      `\n    # add completions generated by Home Manager to $fish_complete_path
    begin
        set -l joined (string join " " $fish_complete_path)
        set -l prev_joined (string replace --regex "[^\\s]*generated_completions.*" "" $joined)
        set -l post_joined (string replace $prev_joined "" $joined)
        set -l prev (string split " " (string trim $prev_joined))
        set -l post (string split " " (string trim $post_joined))
        set fish_complete_path $prev "${c.home}/.local/share/fish/home-manager/generated_completions" $post
    end\n`,
    ),
    config,
  );
  assert.ok(targets(ev.generation).includes(".local/share/fish/home-manager/generated_completions"));
});

test("fish: an enabled binding needs a command unless it erases", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  const err = c.error(`
  programs.fish = { enable = true; generateCompletions = false; binds.ctrl-x.mode = "insert"; };`);
  assert.match(
    err,
    /A definition for option `programs\.fish\.binds\.ctrl-x\.command' is not of type `string or list of string \(optional when erase is set to true\)'/,
  );
});
