/**
 * Golden cases for `programs.ion`, `programs.mcfly`, `programs.carapace`,
 * `programs.broot` and `programs.atuin`: the files they write (Ion's
 * `initrc`, McFly's and Atuin's TOML, broot's configuration directory, Atuin
 * themes and daemon units), the lines each adds to the shells, their session
 * variables, and McFly's changed `enableFuzzySearch` option.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { listedCommands } from "../../src/modules/programs/carapace.js";
import { Case, fileAt, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("ion: initrc with quoted aliases and extra lines; the starship prompt", () => {
  const c = stub();
  c.homeNix(`
  programs.ion = {
    enable = true;
    shellAliases = { ll = "ls -l"; g = "git"; };
    initExtra = "let x = 1";
  };`);
  assert.equal(textAt(c.evaluate().generation, ".config/ion/initrc"), "# Aliases\nalias g = git\nalias ll = 'ls -l'\n\nlet x = 1\n");
  const d = stub();
  d.homeNix(`
  programs.ion.enable = true;
  programs.starship = { enable = true; enableIonIntegration = true; };`);
  assert.equal(
    textAt(d.evaluate().generation, ".config/ion/initrc"),
    '# Aliases\n\n\nif test $TERM != "dumb"\n  eval $(@starship@/bin/starship init ion)\nend\n\n',
  );
});

test("mcfly: shell hooks with mcfly-fzf, data-directory TOML and session variables", () => {
  const c = stub();
  c.homeNix(`
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.mcfly = {
    enable = true;
    fzf.enable = true;
    keyScheme = "vim";
    enableLightTheme = true;
    enableFuzzySearch = true;
    settings.colors.menubar = { bg = "black"; fg = "red"; };
  };`);
  const ev = c.evaluate();
  const bashrc = textAt(ev.generation, ".bashrc");
  assert.ok(
    bashrc.includes('eval "$(@mcfly@/bin/mcfly init bash)"\nif [[ $- =~ i ]]; then\n  eval "$(@mcfly-fzf@/bin/mcfly-fzf init bash)"\nfi\n'),
  );
  const zshrc = textAt(ev.generation, "./.zshrc");
  assert.ok(
    zshrc.includes(
      'eval "$(@mcfly@/bin/mcfly init zsh)"\nif [[ -o interactive ]]; then\neval "$(@mcfly-fzf@/bin/mcfly-fzf init zsh)"\nfi\n',
    ),
  );
  assert.equal(textAt(ev.generation, ".local/share/mcfly/config.toml"), '[colors.menubar]\nbg = "black"\nfg = "red"\n');
  const vars = c.json(ev, "home.sessionVariables") as Record<string, unknown>;
  assert.deepEqual(
    { k: vars.MCFLY_KEY_SCHEME, v: vars.MCFLY_INTERFACE_VIEW, l: vars.MCFLY_LIGHT, f: vars.MCFLY_FUZZY },
    { k: "vim", v: "TOP", l: "TRUE", f: 2 },
  );
  const warnings = c.json(ev, "warnings") as string[];
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /programs\.mcfly\.enableFuzzySearch.*has been changed to `programs\.mcfly\.fuzzySearchFactor'/s);
});

test("carapace: completion hooks, the case-insensitive wrapper and the Nushell file", () => {
  const c = stub();
  c.homeNix(`
  nixpkgs.overlays = [
    (final: prev: { carapace = final.writeShellScriptBin "carapace" "echo \\"source \\\\\\"/homeless-shelter/x\\\\\\" # $CARAPACE_MATCH\\""; })
  ];
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.nushell.enable = true;
  programs.carapace = { enable = true; ignoreCase = true; };`);
  const g = c.evaluate().generation;
  assert.match(textAt(g, ".bashrc"), /\nsource <\(\/\S+-carapace-wrapped\/bin\/carapace _carapace bash\)\n/);
  assert.match(textAt(g, "./.zshrc"), /\nsource <\(\/\S+-carapace-wrapped\/bin\/carapace _carapace zsh\)\n/);
  const nu = textAt(g, ".config/nushell/config.nu");
  const m = /source (\/\S+-carapace-nushell-config\.nu)\n/.exec(nu);
  assert.ok(m, nu);
  // The wrapper sets CARAPACE_MATCH; the build's home directory becomes Nushell's $env.HOME.
  assert.equal(fs.readFileSync(m[1]!, "utf8"), 'source $"($env.HOME)/x" # 1\n');
});

test("carapace: the commands of `carapace --list` that get empty fish completions", () => {
  assert.deepEqual(listedCommands("git Git version control\nkubectl-x the kube\nUpper case\nlonely\n7z archiver\n"), [
    "git",
    "kubectl-x",
    "7z",
  ]);
});

test("broot: configuration directory and late shell functions", () => {
  const c = stub();
  // Stand-ins: hjson-go names the file it converts, jq prints the inputs of `--slurp add` one after the other.
  c.homeNix(`
  nixpkgs.overlays = [
    (final: prev: {
      hjson-go = final.writeShellScriptBin "hjson-go" "echo \\"defaults of $2\\"";
      jq = final.writeShellScriptBin "jq" "shift 2; cat \\"$@\\"";
    })
  ];
  programs.bash.enable = true;
  programs.nushell.enable = true;
  programs.broot = {
    enable = true;
    package = pkgs.writeShellScriptBin "broot" "echo \\"$2 function\\"; echo 'export def --env main ['" // {
      src = pkgs.runCommand "broot-src" { } ''
        mkdir -p $out/resources/default-conf/skins
        echo '{}' > $out/resources/default-conf/conf.hjson
        echo '{}' > $out/resources/default-conf/skins/dark.hjson
      '';
    };
    modal = true;
    settings.verbs = [ { invocation = "p"; execution = ":parent"; leave_broot = false; } ];
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const settings = { modal: true, skin: {}, verbs: [{ execution: ":parent", invocation: "p", leave_broot: false }] };
  assert.deepEqual(c.json(ev, "programs.broot.settings"), settings);
  const dir = fileAt(g, ".config/broot");
  assert.equal(dir.recursive, true);
  assert.ok(fs.existsSync(path.join(dir.source!, "skins/dark.hjson")));
  assert.equal(fs.readFileSync(path.join(dir.source!, "launcher/installed-v1"), "utf8"), "");
  const conf = fs.readFileSync(path.join(dir.source!, "conf.hjson"), "utf8");
  const [first, ...rest] = conf.split("\n");
  assert.match(first!, /^defaults of \/\S+-broot-src\/resources\/default-conf\/conf\.hjson$/);
  assert.deepEqual(JSON.parse(rest.join("\n")), settings);
  const bashrc = textAt(g, ".bashrc");
  const bash = /\nsource (\/\S+-br\.bash)\n/.exec(bashrc);
  assert.ok(bash, bashrc);
  assert.equal(fs.readFileSync(bash[1]!, "utf8"), "bash function\nexport def --env main [\n");
  const nu = /source (\/\S+-br\.nushell)\n/.exec(textAt(g, ".config/nushell/config.nu"));
  assert.ok(nu);
  assert.equal(fs.readFileSync(nu[1]!, "utf8"), "nushell function\nexport def --env br [\n");
});

test("atuin: settings, themes, flags, fish file and the daemon units", () => {
  const c = stub();
  c.homeNix(`
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };
  home.preferXdgDirectories = true;
  programs.atuin = {
    enable = true;
    package = pkgs.writeShellScriptBin "atuin" "echo atuin $*" // { version = "18.4.0"; };
    flags = [ "--disable-up-arrow" "--x=it's" ];
    settings = { auto_sync = true; sync_frequency = "5m"; };
    themes = { plain = "[theme]\\nname = \\"plain\\"\\n"; set = { theme.name = "Set"; colors.Base = "#000000"; }; };
    daemon = { enable = true; logLevel = "info"; };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(
    textAt(g, ".config/atuin/config.toml"),
    'auto_sync = true\nsync_frequency = "5m"\n\n[daemon]\nenabled = true\nsystemd_socket = true\n\n' +
      `[logs]\ndir = "${c.home}/.local/state/atuin/logs"\n`,
  );
  assert.equal(textAt(g, ".config/atuin/themes/plain.toml"), '[theme]\nname = "plain"\n');
  assert.equal(textAt(g, ".config/atuin/themes/set.toml"), '[colors]\nBase = "#000000"\n\n[theme]\nname = "Set"\n');
  const bashrc = textAt(g, ".bashrc");
  assert.match(
    bashrc,
    /\nif \[\[ :\$SHELLOPTS: =~ :\(vi\|emacs\): \]\]; then\n {2}source "@bash-preexec@\/share\/bash\/bash-preexec\.sh"\n {2}eval "\$\(\/\S+-atuin\/bin\/atuin init bash --disable-up-arrow '--x=it'\\''s'\)"\nfi\n/,
  );
  assert.match(
    textAt(g, "./.zshrc"),
    /\nif \[\[ \$options\[zle\] = on \]\]; then\n {2}eval "\$\(\/\S+\/bin\/atuin init zsh --disable-up-arrow/,
  );
  const fish = /source (\/\S+-atuin-fish-config\.fish)\n/.exec(textAt(g, ".config/fish/config.fish"));
  assert.ok(fish);
  assert.equal(fs.readFileSync(fish[1]!, "utf8"), "atuin init fish --disable-up-arrow --x=it's\n");
  const service = textAt(g, ".config/systemd/user/atuin-daemon.service");
  assert.match(service, /\nExecStart=\/\S+\/bin\/atuin daemon\nRestart=on-failure\n/);
  assert.match(service, /\nEnvironment=ATUIN_LOG=info\n/);
  assert.match(
    textAt(g, ".config/systemd/user/atuin-daemon.socket"),
    /\nListenStream=%t\/atuin\.sock\nRemoveOnStop=true\nSocketMode=0600\n/,
  );
});
