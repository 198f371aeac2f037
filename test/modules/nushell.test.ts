/**
 * `programs.nushell` golden cases: `config.nu` (environment variables,
 * flattened settings, the config file from a source file, extra lines and
 * aliases, in that order), `env.nu` and `login.nu`, another `configDir`,
 * the plugin registry built by running `nu`, the warning for plugins
 * without a package, and the Nushell (and other shells') integrations of
 * `services.gpg-agent` and `sshAuthSock`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("nushell: config.nu, env.nu and login.nu", () => {
  const c = stub();
  c.file("my-config.nu", "$env.config.edit_mode = 'vi'\n");
  c.homeNix(`
  home.shellAliases.la = "ls -a";
  programs.nushell = {
    enable = true;
    configFile.source = ./my-config.nu;
    extraConfig = "# the end";
    shellAliases = { "g st" = "git status"; };
    settings = {
      show_banner = false;
      history = { format = "sqlite"; max_size = 5000; };
      hooks.env_change.PWD = [ (lib.hm.nushell.mkNushellInline "{|before, after| print $after}") ];
    };
    environmentVariables = {
      EDITOR = "hx";
      DIRS = [ "a" "b" ];
      PROMPT_INDICATOR = lib.hm.nushell.mkNushellInline ''{|| "$ "}'';
    };
    envFile.text = "$env.A = 1\\n";
    extraEnv = "$env.B = 2";
    extraLogin = "print 'logged in'";
  };`);
  const g = c.evaluate().generation;
  assert.equal(
    textAt(g, ".config/nushell/config.nu"),
    `load-env {
    "DIRS": [
        "a"
        "b"
    ]
    "EDITOR": "hx"
    "PROMPT_INDICATOR": ({|| "$ "})
}

$env.config.history.format = "sqlite"
$env.config.history.max_size = 5000
$env.config.hooks.env_change.PWD = [
    ({|before, after| print $after})
]
$env.config.show_banner = false

$env.config.edit_mode = 'vi'

# the end
alias "g st" = git status
alias "la" = ls -a
`,
  );
  // `lines` joins definitions with a newline: the file's text, then the extra lines.
  assert.equal(textAt(g, ".config/nushell/env.nu"), "$env.A = 1\n\n$env.B = 2");
  assert.equal(textAt(g, ".config/nushell/login.nu"), "print 'logged in'");
  assert.ok(!targets(g).includes(".config/nushell/plugin.msgpackz"));
});

test("nushell: another directory; nothing written without content", () => {
  const g = stub().gen(`
  programs.nushell = { enable = true; configDir = "${"$"}{config.xdg.configHome}/nu"; loginFile.text = "print hi\\n"; };`);
  assert.deepEqual(
    targets(g).filter((t) => t.includes("nu")),
    [".config/nu/login.nu"],
  );
  assert.equal(textAt(g, ".config/nu/login.nu"), "print hi\n\n");
  const empty = stub().gen(`  programs.nushell.enable = true;`);
  assert.deepEqual(
    targets(empty).filter((t) => t.includes("nushell")),
    [],
  );
});

test("nushell: plugins registered by nu; a warning without a package", () => {
  const c = stub();
  const g = c.gen(`
  programs.nushell = {
    enable = true;
    package = pkgs.writeShellScriptBin "nu" ''
      [ "$1" = --plugin-config ] && [ "$3" = --commands ] && printf '%s\\n' "$4" > "$2"
    '';
    plugins = [ (pkgs.writeShellScriptBin "nu_plugin_a" "") (pkgs.writeShellScriptBin "nu_plugin_b" "") ];
  };`);
  assert.match(
    textAt(g, ".config/nushell/plugin.msgpackz"),
    /^plugin add \S+-nu_plugin_a\/bin\/nu_plugin_a; plugin add \S+-nu_plugin_b\/bin\/nu_plugin_b\n$/,
  );
  const w = stub();
  w.homeNix(`  programs.nushell = { enable = true; package = null; plugins = [ (pkgs.writeText "nu_plugin_c" "") ]; };`);
  w.evaluate();
  assert.ok(
    w.warnings.some((l) =>
      l.includes("You have configured `plugins` for `nushell` but have not set `package`.\n\nThe listed plugins will not be installed."),
    ),
    w.warnings.join("\n"),
  );
});

test("gpg-agent: SSH support and TTY in Nushell, Bash, Zsh and fish", () => {
  const g = stub().gen(`
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };
  programs.nushell = { enable = true; extraConfig = "# mine"; };
  services.gpg-agent = { enable = true; enableSshSupport = true; };`);
  // sshAuthSock's block comes first (order 900); its body keeps the blank line Home Manager's indentation leaves.
  assert.equal(
    textAt(g, ".config/nushell/config.nu"),
    `if ("SSH_AUTH_SOCK" not-in $env) or ($env.SSH_AUTH_SOCK | is-empty) or ("SSH_CONNECTION" not-in $env) or ($env.SSH_CONNECTION | is-empty) {
  $env.SSH_AUTH_SOCK = $"(@gnupg@/bin/gpgconf --list-dirs agent-ssh-socket)"

}

$env.GPG_TTY = (tty)
@gnupg@/bin/gpg-connect-agent --quiet updatestartuptty /bye | ignore

# mine
`,
  );
  const update = "@gnupg@/bin/gpg-connect-agent --quiet updatestartuptty /bye > /dev/null\n";
  assert.ok(textAt(g, ".bashrc").includes(`GPG_TTY="$(tty)"\nexport GPG_TTY\n${update}`));
  assert.ok(textAt(g, "./.zshrc").includes(`export GPG_TTY=$TTY\n${update}`));
  // fish's configuration is re-indented by fish_indent.
  const fish = textAt(g, ".config/fish/config.fish");
  assert.ok(fish.includes("    set -gx GPG_TTY (tty)\n    @gnupg@/bin/gpg-connect-agent --quiet updatestartuptty /bye >/dev/null\n"));
  const sock = 'export SSH_AUTH_SOCK="$(@gnupg@/bin/gpgconf --list-dirs agent-ssh-socket)"';
  assert.ok(textAt(g, ".profile").includes(`if [ -z "$SSH_AUTH_SOCK" -o -z "$SSH_CONNECTION" ]; then\n  unset SSH_AGENT_PID\n`));
  assert.ok(textAt(g, ".profile").includes(sock));
  assert.ok(textAt(g, "./.zshenv").includes(`if [[ ! -o login ]]; then\n  if [ -z "$SSH_AUTH_SOCK" -o -z "$SSH_CONNECTION" ]; then\n`));
  assert.ok(fish.includes("set -x SSH_AUTH_SOCK (@gnupg@/bin/gpgconf --list-dirs agent-ssh-socket)"));
  const off = stub().gen(`
  programs.nushell = { enable = true; extraConfig = "# mine"; };
  services.gpg-agent = { enable = true; enableNushellIntegration = false; };`);
  assert.equal(textAt(off, ".config/nushell/config.nu"), "# mine\n");
});
