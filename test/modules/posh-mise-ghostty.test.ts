/**
 * Golden cases of `programs.oh-my-posh`, `programs.mise` and
 * `programs.ghostty`: the files they write, their shell start-up lines and
 * their activation steps, with configurations of our own.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const SHELLS = `
  programs.bash.enable = true;
  programs.zsh.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };`;

test("oh-my-posh: settings as JSON, --config in each shell, cache cleared on package change", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`${SHELLS}
  programs.oh-my-posh = { enable = true; settings = { version = 3; final_space = false; }; };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const conf = `${c.home}/.config/oh-my-posh/config.json`;
  assert.equal(textAt(g, ".config/oh-my-posh/config.json"), '{\n  "final_space": false,\n  "version": 3\n}\n');
  assert.ok(textAt(g, ".bashrc").endsWith(`\neval "$(@oh-my-posh@/bin/oh-my-posh init bash --config ${conf})"\n\n`));
  assert.ok(textAt(g, "./.zshrc").endsWith(`\neval "$(@oh-my-posh@/bin/oh-my-posh init zsh --config ${conf})"\n`));
  // fish: in the general start-up part, before the login and interactive blocks.
  assert.ok(
    textAt(g, ".config/fish/config.fish").includes(`\n@oh-my-posh@/bin/oh-my-posh init fish --config ${conf} | source\n\nstatus is-login`),
  );
  const step = c.json(ev, "home.activation.ohMyPoshClearCache") as { after: string[]; data: string };
  assert.deepEqual(step.after, ["writeBoundary"]);
  assert.match(step.data, /^set -eu\nnixver="@oh-my-posh@"\ncache="[^"]+\/\.cache\/oh-my-posh"\nstate="\$cache\/pkg-path"\n/);
  assert.match(step.data, /\n {2}rm -rf "\$cache"\nfi\n\nmkdir -p "\$cache"\nprintf '%s' "\$nixver" > "\$state"\n$/);
});

test("mise: global configuration as TOML, mutable config.toml, activation in each shell", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`${SHELLS}
  programs.mise = {
    enable = true;
    enableBashIntegration = false;
    enableMutableConfig = true;
    globalConfig = { tools.node = "22"; settings.experimental = true; };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.deepEqual(
    targets(g).filter((t) => t.includes("mise")),
    [".config/mise/conf.d/50-home-manager.toml"],
  );
  assert.equal(textAt(g, ".config/mise/conf.d/50-home-manager.toml"), '[settings]\nexperimental = true\n\n[tools]\nnode = "22"\n');
  assert.doesNotMatch(textAt(g, ".bashrc"), /mise/);
  assert.ok(textAt(g, "./.zshrc").endsWith('\neval "$(@mise@/bin/mise activate zsh)"\n'));
  assert.ok(
    textAt(g, ".config/fish/config.fish").includes("# Interactive shell initialisation\n    @mise@/bin/mise activate fish | source\n"),
  );
  const file = `${c.home}/.config/mise/config.toml`;
  const step = c.json(ev, "home.activation.miseMutableConfig") as { after: string[]; data: string };
  assert.deepEqual(step.after, ["linkGeneration"]);
  assert.equal(step.data, `if [[ ! -e ${file} && ! -L ${file} ]]; then\n  run mkdir -p ${c.home}/.config/mise\n  run touch ${file}\nfi\n`);
});

test("ghostty: key = value files, cleared key bindings, service override, shell integration", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`${SHELLS}
  programs.ghostty = {
    enable = true;
    package = pkgs.runCommand "ghostty" { } ''
      mkdir -p $out/bin $out/share/systemd/user
      touch $out/bin/ghostty
      echo "[Unit]" > $out/share/systemd/user/app-com.mitchellh.ghostty.service
    '';
    clearDefaultKeybinds = true;
    settings = { font-size = 12; keybind = [ "ctrl+t=new_tab" ]; };
    themes.night = { background = "000000"; palette = [ "0=#111111" "1=#222222" ]; };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const service = ".config/systemd/user/app-com.mitchellh.ghostty.service";
  assert.deepEqual(
    targets(g).filter((t) => t.includes("ghostty")),
    [".config/ghostty/config", ".config/ghostty/themes/night", service, `${service}.d/overrides.conf`],
  );
  assert.equal(textAt(g, ".config/ghostty/config"), "font-size = 12\nkeybind = clear\nkeybind = ctrl+t=new_tab\n");
  assert.equal(textAt(g, ".config/ghostty/themes/night"), "background = 000000\npalette = 0=#111111\npalette = 1=#222222\n");
  assert.equal(textAt(g, service), "[Unit]\n");
  assert.match(
    textAt(g, `${service}.d/overrides.conf`),
    /^\[Unit\]\nX-SwitchMethod=keep-old\nX-Reload-Triggers=\/\S+-ghostty-config \/\S+-ghostty-night-theme\n$/,
  );
  // Bash: right after the completion set-up (order 101).
  assert.ok(
    textAt(g, ".bashrc").includes(
      'bash_completion.sh"\nfi\n\nif [[ -r "${GHOSTTY_RESOURCES_DIR}/shell-integration/bash/ghostty.bash" ]]; then\n' +
        '  builtin source "${GHOSTTY_RESOURCES_DIR}/shell-integration/bash/ghostty.bash"\nfi\n',
    ),
  );
  assert.ok(textAt(g, "./.zshrc").endsWith('  source "$GHOSTTY_RESOURCES_DIR"/shell-integration/zsh/ghostty-integration\nfi\n'));
  assert.match(
    textAt(g, ".config/fish/config.fish"),
    /\n {8}source "\$GHOSTTY_RESOURCES_DIR\/shell-integration\/fish\/vendor_conf\.d\/ghostty-shell-integration\.fish"\n {4}end\n/,
  );
  assert.match((c.json(ev, "dbus.packages") as string[])[0]!, /-ghostty$/);
});
