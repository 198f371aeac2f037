/**
 * Golden cases for `programs.tealdeer` (with `services.tldr-update`),
 * `programs.nix-index` (with `programs.command-not-found`),
 * `programs.jujutsu`, `programs.k9s` and `programs.chromium` and its sister
 * browsers: the files they write, the shell lines they add, their units and
 * their assertions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("tealdeer: TOML with the filled-in updates section; the tldr-update timer", () => {
  const c = stub();
  const g = c.gen(`
  programs.tealdeer = {
    enable = true;
    settings.style.command_name.foreground = "green";
  };`);
  assert.equal(
    textAt(g, ".config/tealdeer/config.toml"),
    '[style.command_name]\nforeground = "green"\n\n[updates]\nauto_update = false\nauto_update_interval_hours = 720\n',
  );
  assert.match(textAt(g, ".config/systemd/user/tldr-update.service"), /ExecStart=@tealdeer@\/bin\/tealdeer --update/);
  assert.match(textAt(g, ".config/systemd/user/tldr-update.timer"), /OnCalendar=weekly/);
  const d = stub();
  const h = d.gen(`
  programs.tealdeer = { enable = true; enableAutoUpdates = false; };`);
  assert.ok(!targets(h).some((t) => t.includes("tealdeer") || t.includes("tldr-update")));
});

test("nix-index: handler sourced from bash; exclusive with command-not-found", () => {
  const c = stub();
  const g = c.gen(`
  programs.bash.enable = true;
  programs.nix-index = { enable = true; enableZshIntegration = false; };`);
  assert.ok(textAt(g, ".bashrc").includes("source @nix-index@/etc/profile.d/command-not-found.sh\n"));
  const d = stub();
  const msg = d.error(`
  programs.command-not-found.enable = true;
  programs.nix-index = { enable = true; enableBashIntegration = false; };`);
  assert.match(
    msg,
    /The 'programs.command-not-found.enable' option is mutually exclusive\n\s*with the 'programs.nix-index.enableZshIntegration' option./,
  );
  assert.doesNotMatch(msg, /enableBashIntegration/);
});

test("jujutsu: settings as TOML, none without settings", () => {
  const c = stub();
  const g = c.gen(`
  programs.jujutsu = {
    enable = true;
    settings = { ui.editor = "vi"; aliases.l = [ "log" "-r" "all()" ]; };
  };`);
  assert.equal(textAt(g, ".config/jj/config.toml"), '[aliases]\nl = ["log", "-r", "all()"]\n\n[ui]\neditor = "vi"\n');
  const d = stub();
  assert.ok(!targets(d.gen("  programs.jujutsu.enable = true;")).some((t) => t.includes("jj/")));
});

test("k9s: first skin chosen by name, each YAML file nested under its key", () => {
  const c = stub();
  const g = c.gen(`
  programs.k9s = {
    enable = true;
    settings.k9s.refreshRate = 5;
    skins = { zebra.k9s.body.fgColor = "white"; apple.k9s.body.fgColor = "red"; };
    aliases.dp = "apps/v1/deployments";
  };`);
  assert.equal(textAt(g, ".config/k9s/config.yaml"), "%YAML 1.1\n---\nk9s:\n  refreshRate: 5\n  ui:\n    skin: apple\n");
  assert.equal(textAt(g, ".config/k9s/aliases.yaml"), "%YAML 1.1\n---\naliases:\n  dp: apps/v1/deployments\n");
  assert.equal(textAt(g, ".config/k9s/skins/zebra.yaml"), "%YAML 1.1\n---\nk9s:\n  body:\n    fgColor: white\n");
  assert.ok(!targets(g).includes(".config/k9s/views.yaml"));
});

test("chromium: brave package routes files to Brave's directory; a null package with arguments and Chrome extensions on Linux fail", () => {
  const c = stub();
  c.homeNix(`
  programs.chromium = {
    enable = true;
    package = pkgs.brave;
    extensions = [ "abcdefghijklmnopabcdefghijklmnop" ];
  };
  programs.vivaldi = {
    enable = true;
    extensions = [ { id = "ponmlkjihgfedcbaponmlkjihgfedcba"; updateUrl = "https://example.org/u.xml"; } ];
  };`);
  const g = c.evaluate().generation;
  assert.equal(
    textAt(g, ".config/BraveSoftware/Brave-Browser/External Extensions/abcdefghijklmnopabcdefghijklmnop.json"),
    '{"external_update_url":"https://clients2.google.com/service/update2/crx"}',
  );
  assert.equal(
    textAt(g, ".config/vivaldi/External Extensions/ponmlkjihgfedcbaponmlkjihgfedcba.json"),
    '{"external_update_url":"https://example.org/u.xml"}',
  );
  const d = stub();
  const msg = d.error(`
  programs.google-chrome = { enable = true; extensions = [ "abcdefghijklmnopabcdefghijklmnop" ]; };
  programs.chromium = { enable = true; package = null; commandLineArgs = [ "--incognito" ]; };`);
  assert.match(msg, /Cannot set `commandLineArgs` when `package` is null for chromium\./);
  assert.match(msg, /Cannot set `extensions` for `google-chrome` on Linux\./);
});
