/**
 * Golden cases of the status bars and screen-locking modules:
 * `programs.i3status` (general block, order by position, disabled modules
 * left out), `programs.i3status-rust` (flat or nested theme/icons by package
 * version, the refused 0.31.0/0.31.1), `programs.swaylock` (bare keys,
 * skipped `false`, floats as Nix prints them, paths copied to the store, the
 * pre-23.05 implicit enable) and `services.swayidle` (the service's command
 * line and targets, the deprecated event list and `systemdTarget`).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

test("i3status: general block, modules ordered by position, disabled modules left out", () => {
  const g = new Case().gen(`
  programs.i3status = {
    enable = true;
    enableDefault = false;
    general = { interval = 2; colors = false; };
    modules = {
      "tztime utc" = { position = 3; settings = { format = "%H:%M"; timezone = "UTC"; }; };
      cpu_usage = { position = 1.5; settings = { format = "CPU %usage"; max_threshold = 90; }; };
      load = { position = 2; enable = false; };
    };
  };`);
  assert.equal(
    textAt(g, ".config/i3status/config"),
    `general {
  colors = false
  interval = 2
}

order += "cpu_usage"
order += "tztime utc"
cpu_usage {
  format = "CPU %usage"
  max_threshold = 90
}

tztime utc {
  format = "%H:%M"
  timezone = "UTC"
}
`,
  );
});

test("i3status: the stock modules can be overridden one setting at a time", () => {
  const g = new Case().gen(`
  programs.i3status = { enable = true; general.interval = 1; modules."tztime local".settings.format = "%T"; modules.ipv6.enable = false; };`);
  const text = textAt(g, ".config/i3status/config");
  assert.ok(text.startsWith('general {\n  colors = true\n  interval = 1\n}\n\norder += "wireless _first_"\n'), text);
  assert.ok(
    text.endsWith(
      'tztime local {\n  format = "%T"\n}\n\nwireless _first_ {\n  format_down = "W: down"\n  format_up = "W: (%quality at %essid) %ip"\n}\n',
    ),
    text,
  );
  assert.ok(!text.includes("ipv6"));
});

test("swaylock: bare keys, false left out, floats and paths", () => {
  const c = new Case();
  c.file("bg.png", "not really a picture");
  const g = c.gen(`
  programs.swaylock = {
    enable = true;
    settings = { color = "1d2021"; daemonize = true; ignore-empty-password = false; scaling = 1.5; ring = 2.0; radius = 80; image = ./bg.png; };
  };`);
  const text = textAt(g, ".config/swaylock/config");
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 2), ["color=1d2021", "daemonize"]);
  assert.match(lines[2]!, /^image=\/.*\/store\/[a-z0-9]{32}-bg\.png$/);
  assert.deepEqual(lines.slice(3), ["radius=80", "ring=2.000000", "scaling=1.500000", ""]);
});

test("swaylock: settings enable it only before state version 23.05", () => {
  const before = new Case().gen(`programs.swaylock.settings.color = "000000";`, { stateVersion: "22.11" });
  assert.equal(textAt(before, ".config/swaylock/config"), "color=000000\n");
  const after = new Case().gen(`programs.swaylock.settings.color = "000000";`, { stateVersion: "23.05" });
  assert.ok(!targets(after).includes(".config/swaylock/config"));
});

test("swayidle: command line, escaping and several targets", () => {
  const g = new Case().gen(`
  services.swayidle = {
    enable = true;
    extraArgs = [ "-d" ];
    systemdTargets = [ "river-session.target" "tray.target" ];
    timeouts = [ { timeout = 120; command = "lock it"; resumeCommand = "echo 'back'"; } ];
    events.unlock = "notify-send hi";
  };`);
  assert.ok(targets(g).includes(".config/systemd/user/tray.target.wants/swayidle.service"));
  assert.equal(
    textAt(g, ".config/systemd/user/swayidle.service"),
    `[Install]
WantedBy=river-session.target
WantedBy=tray.target

[Service]
Environment=PATH=@bash-interactive@/bin
ExecStart=@swayidle@/bin/swayidle -d timeout 120 'lock it' resume 'echo '\\''back'\\''' unlock 'notify-send hi'
Restart=always
Type=simple

[Unit]
After=river-session.target
After=tray.target
ConditionEnvironment=WAYLAND_DISPLAY
Description=Idle manager for Wayland
Documentation=man:swayidle(1)
PartOf=river-session.target
PartOf=tray.target
`,
  );
});

test("swayidle: the event list and systemdTarget still work, with warnings", () => {
  const c = new Case();
  const g = c.gen(`
  services.swayidle = { enable = true; systemdTarget = "sway-session.target"; events = [ { event = "lock"; command = "swaylock"; } ]; };`);
  const unit = textAt(g, ".config/systemd/user/swayidle.service");
  assert.match(unit, /^ExecStart=@swayidle@\/bin\/swayidle -w lock swaylock$/m);
  assert.match(unit, /^WantedBy=sway-session\.target$/m);
  assert.equal(c.warnings.length, 2);
  assert.match(c.warnings[0]!, /`services\.swayidle\.events` as a list is deprecated/);
  assert.match(c.warnings[1]!, /`services\.swayidle\.systemdTarget' .* changed to `services\.swayidle\.systemdTargets'/);
});

test("i3status-rust: theme and icons nested from 0.30.0 on, flat before", () => {
  const withVersion = (v: string) =>
    `nixpkgs.overlays = [ (final: prev: { i3status-rust = prev.i3status-rust // { version = "${v}"; }; }) ];`;
  const bar = `programs.i3status-rust = { enable = true; bars.top = { icons = "material"; theme = "nord"; blocks = [ { block = "cpu"; interval = 2; } { block = "battery"; warning = 15.5; } ]; settings.scrolling = "natural"; }; };`;
  const blocks = '[[block]]\nblock = "cpu"\ninterval = 2\n\n[[block]]\nblock = "battery"\nwarning = 15.5\n';
  const old = new Case().gen(withVersion("0.29.0") + bar);
  assert.equal(
    textAt(old, ".config/i3status-rust/config-top.toml"),
    `icons = "material"\nscrolling = "natural"\ntheme = "nord"\n\n${blocks}`,
  );
  const recent = new Case().gen(withVersion("0.34.1") + bar);
  assert.equal(
    textAt(recent, ".config/i3status-rust/config-top.toml"),
    `scrolling = "natural"\n\n${blocks}\n[icons]\nicons = "material"\n\n[theme]\ntheme = "nord"\n`,
  );
  assert.match(
    new Case().error(withVersion("0.31.1") + "programs.i3status-rust.enable = true;"),
    /Only i3status-rust <0\.31\.0 or ≥0\.31\.2 is supported/,
  );
});
