/**
 * Golden cases for `programs.powerline-go` (the fish prompt function with its
 * argument line), `programs.qutebrowser` (`config.py`, quickmarks and the
 * reload hook) and `services.home-manager.autoUpgrade` (timer, service and
 * the upgrade script, with the pre-26.05 flake warning).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, fileAt, textAt } from "./harness.js";

test("powerline-go: fish prompt with eval mode, aliases and settings", () => {
  const c = new Case();
  c.homeNix(`
  programs.fish.enable = true;
  xdg.dataFile."fish/home-manager/generated_completions".source = lib.mkForce (builtins.toFile "empty" "");
  programs.powerline-go = {
    enable = true;
    modules = [ "cwd" "git" ];
    modulesRight = [ "exit" ];
    pathAliases = { "\\\\~/src" = "src"; };
    settings = { numeric-exit-codes = true; cwd-max-depth = 3; theme = "solarized"; };
    extraUpdatePS1 = "set -g x 1";
  };`);
  const fish = textAt(c.evaluate().generation, ".config/fish/config.fish");
  // The fish module indents interactive initialisation by four spaces.
  const eval_ =
    "    function fish_prompt\n" +
    "        eval @powerline-go@/bin/powerline-go -error $status -jobs (count (jobs -p)) -eval -modules cwd,git -modules-right exit" +
    " -path-aliases \\~/src=src -cwd-max-depth 3 -numeric-exit-codes -theme solarized\n";
  assert.ok(fish.includes(eval_), fish);
  assert.ok(fish.includes("        set -g x 1\n    end\n"), fish);
});

test("qutebrowser: config.py, quickmarks and the reload hook", () => {
  const c = new Case();
  c.homeNix(`
  programs.qutebrowser = {
    enable = true;
    loadAutoconfig = true;
    settings = { zoom.default = "90%"; content.javascript.enabled = false; fonts.size = [ 1 2 ]; };
    aliases = { q = "close"; };
    searchEngines = { DEFAULT = "https://ddg.gg/?q={}"; };
    keyBindings.normal = { "x" = null; "<Ctrl-q>" = lib.mkMerge [ "tab-close" "message-info \\"bye\\"" ]; };
    perDomainSettings."example.org".content.images = false;
    quickmarks = { b = "https://b.example"; a = "https://a.example"; };
  };`);
  const g = c.evaluate().generation;
  assert.equal(
    textAt(g, ".config/qutebrowser/config.py"),
    [
      "config.load_autoconfig()",
      'config.set("content.javascript.enabled", False)',
      'config.set("fonts.size", [1, 2])',
      'config.set("zoom.default", "90%")',
      "c.aliases['q'] = \"close\"",
      "c.url.searchengines['DEFAULT'] = \"https://ddg.gg/?q={}\"",
      'config.bind("<Ctrl-q>", "tab-close ;; message-info \\"bye\\"", mode="normal")\nconfig.unbind("x", mode="normal")',
      'config.set("content.images", False, "example.org")',
    ].join("\n"),
  );
  assert.equal(textAt(g, ".config/qutebrowser/quickmarks"), "a https://a.example\nb https://b.example");
  const onChange = fileAt(g, ".config/qutebrowser/config.py").onChange ?? "";
  assert.ok(onChange.includes(`command='{"args":[":config-source"],"protocol_version":1,"target_arg":null}'`), onChange);
  assert.ok(onChange.includes("@socat@/bin/socat -lf /dev/null - UNIX-CONNECT:"), onChange);
});

test("home-manager auto-upgrade: flake timer, service and script; legacy default warns", () => {
  const c = new Case();
  c.homeNix(
    `
  services.home-manager.autoUpgrade = {
    enable = true;
    frequency = "weekly";
    useFlake = true;
    flakeDir = "/srv/conf";
    flags = [ "-b" "bak up" ];
  };`,
    { stateVersion: "25.05" },
  );
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(
    textAt(g, ".config/systemd/user/home-manager-auto-upgrade.timer"),
    "[Install]\nWantedBy=timers.target\n\n[Timer]\nOnCalendar=weekly\nPersistent=true\nUnit=home-manager-auto-upgrade.service\n\n" +
      "[Unit]\nDescription=Home Manager upgrade timer\n",
  );
  const service = textAt(g, ".config/systemd/user/home-manager-auto-upgrade.service");
  assert.match(service, /^Environment=FLAKE_DIR=\/srv\/conf$/m);
  assert.match(service, /^X-SwitchMethod=keep-old$/m);
  const script = fs.readFileSync(/^ExecStart=(.+)$/m.exec(service)![1]!, "utf8");
  assert.ok(
    script.includes(
      'cd "$FLAKE_DIR"\n\necho "Running pre-switch commands"\nset -o xtrace\nnix flake update\n\n' +
        "echo \"Upgrade Home Manager\"\nhome-manager switch --flake . -b 'bak up'\n",
    ),
    script,
  );
  const warnings = c.json(ev, "warnings") as string[];
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^The default value of `services\.home-manager\.autoUpgrade\.preSwitchCommands` has changed/);
});
