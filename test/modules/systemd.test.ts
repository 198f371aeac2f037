/**
 * `systemd` golden cases, mirroring Home Manager's `tests/modules/systemd`:
 * `services` (a templated service with a script in `ExecStartPre`), `timers`
 * (the `[Install]` section and the `timers.target.wants` link), `slices`,
 * `session-variables` (less the i18n line), `user-config` and
 * `empty-user-config`, `packages`; plus the unit file's store layout (a
 * directory named after the path-safe unit name holding the unit), the
 * `startServices` values, every unit kind, `systemd.user.enable = false`,
 * and the i18n line itself (the locale archive variable by glibc version).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

test("services: Home Manager's services case", () => {
  const c = new Case();
  const g = c.gen(`
  systemd.user.services."test-service@" = {
    Unit = { Description = "A basic test service"; };
    Service = {
      Environment = [ "VAR1=1" "VAR2=2" ];
      ExecStartPre = pkgs.writeShellScript "drv-script.sh" ''
        echo "Just a test"
      '';
      ExecStart = ''/some/exec/start/command --with-arguments "%i"'';
    };
  };`);
  const unit = ".config/systemd/user/test-service@.service";
  const script = fs.readdirSync(path.dirname(path.dirname(fileAt(g, unit).source!))).find((n) => n.endsWith("-drv-script.sh"))!;
  const scriptPath = path.join(path.dirname(path.dirname(fileAt(g, unit).source!)), script);
  assert.equal(
    textAt(g, unit),
    `[Service]
Environment=VAR1=1
Environment=VAR2=2
ExecStart=/some/exec/start/command --with-arguments "%i"
ExecStartPre=${scriptPath}

[Unit]
Description=A basic test service
`,
  );
  assert.match(fs.readFileSync(scriptPath, "utf8"), /^#!\/.*\necho "Just a test"\n\n$/);
  assert.notEqual(fs.statSync(scriptPath).mode & 0o111, 0);
  // The link's final target carries the unit's own name, inside a path-safe store directory.
  const src = fileAt(g, unit).source!;
  assert.equal(path.basename(src), "test-service@.service");
  assert.match(path.basename(path.dirname(src)), /^[0-9a-z]{32}-test-service-.service$/);
});

test("timers: Home Manager's timers case, with the wants link", () => {
  const g = new Case().gen(`
  systemd.user.timers.test-timer = {
    Unit = { Description = "A basic test timer"; };
    Timer = { OnUnitActiveSec = "1h 30m"; };
    Install = { WantedBy = [ "timers.target" ]; };
  };`);
  const unit = ".config/systemd/user/test-timer.timer";
  assert.equal(
    textAt(g, unit),
    "[Install]\nWantedBy=timers.target\n\n[Timer]\nOnUnitActiveSec=1h 30m\n\n[Unit]\nDescription=A basic test timer\n",
  );
  assert.equal(fileAt(g, ".config/systemd/user/timers.target.wants/test-timer.timer").source, fileAt(g, unit).source);
});

test("slices: Home Manager's slices case", () => {
  const g = new Case().gen(`
  systemd.user.slices.app-test = {
    Unit = { Description = "Slice for a test app"; };
    Slice = { MemoryHigh = "30%"; MemoryMax = "40%"; };
  };`);
  assert.equal(
    textAt(g, ".config/systemd/user/app-test.slice"),
    "[Slice]\nMemoryHigh=30%\nMemoryMax=40%\n\n[Unit]\nDescription=Slice for a test app\n",
  );
});

test("every unit kind gets its suffix; RequiredBy makes a requires link", () => {
  const c = new Case();
  const kinds = ["services", "slices", "sockets", "targets", "timers", "paths", "mounts", "automounts"];
  const g = c.gen(
    kinds.map((k) => `systemd.user.${k}.u.Unit.Description = "${k}";`).join("\n") +
      `\nsystemd.user.sockets.u.Install.RequiredBy = [ "x.target" ];`,
  );
  const units = targets(g).filter((t) => t.startsWith(".config/systemd/user/"));
  assert.deepEqual(units.map((u) => u.slice(".config/systemd/user/".length)).sort(), [
    "u.automount",
    "u.mount",
    "u.path",
    "u.service",
    "u.slice",
    "u.socket",
    "u.target",
    "u.timer",
    "x.target.requires/u.socket",
  ]);
});

test("null and empty-list fields and empty sections are left out; booleans and numbers as systemd expects", () => {
  const g = new Case().gen(`
  systemd.user.services.s = {
    Unit = { After = [ ]; Description = null; };
    Service = { Restart = "always"; RestartSec = 5; RemainAfterExit = true; };
    Empty = { };
  };`);
  assert.equal(textAt(g, ".config/systemd/user/s.service"), "[Service]\nRemainAfterExit=true\nRestart=always\nRestartSec=5\n");
});

test("Documentation and Environment accept a single string", () => {
  const g = new Case().gen(`
  systemd.user.services.s = {
    Unit.Documentation = "man:s(1)";
    Service.Environment = "A=1";
    Service.ExecStart = [ "/bin/a" "/bin/b" ];
  };`);
  assert.equal(
    textAt(g, ".config/systemd/user/s.service"),
    "[Service]\nEnvironment=A=1\nExecStart=/bin/a\nExecStart=/bin/b\n\n[Unit]\nDocumentation=man:s(1)\n",
  );
});

test("session-variables: Home Manager's case (environment.d)", () => {
  const c = new Case();
  const g = c.gen(`xdg.enable = true; systemd.user.sessionVariables = { V_int = 1; V_str = "2"; };`);
  const h = c.home;
  assert.equal(
    textAt(g, ".config/environment.d/10-home-manager.conf"),
    `V_int=1\nV_str=2\nXDG_BIN_HOME=${h}/.local/bin\nXDG_CACHE_HOME=${h}/.cache\nXDG_CONFIG_HOME=${h}/.config\nXDG_DATA_HOME=${h}/.local/share\nXDG_STATE_HOME=${h}/.local/state\n`,
  );
});

test("user-config: Home Manager's case (systemd/user.conf)", () => {
  const g = new Case().gen(`
  systemd.user.settings.Manager = {
    LogLevel = "debug";
    DefaultCPUAccounting = true;
    DefaultEnvironment = { TEST = "abc"; PATH = "/bin:/sbin:/some where"; };
  };`);
  assert.equal(
    textAt(g, ".config/systemd/user.conf"),
    "[Manager]\nDefaultCPUAccounting=true\nDefaultEnvironment=PATH='/bin:/sbin:/some where' TEST=abc\nLogLevel=debug\n",
  );
});

test("empty-user-config: no settings, no user.conf", () => {
  const g = new Case().gen("");
  assert.ok(!targets(g).includes(".config/systemd/user.conf"));
  assert.ok(!targets(g).includes(".config/environment.d/10-home-manager.conf"));
});

test("packages: their share/systemd/user is linked recursively under xdg.dataHome", () => {
  const c = new Case();
  const g = c.gen(`systemd.user.packages = [ (pkgs.writeTextDir "share/systemd/user/foo.service" "[Unit]\\n") ];`);
  const f = fileAt(g, ".local/share/systemd/user");
  assert.equal(f.recursive, true);
  assert.equal(fs.readFileSync(path.join(f.source!, "foo.service"), "utf8"), "[Unit]\n");
});

test("startServices: booleans as given, sd-switch is true, suggest is false", () => {
  const c = new Case();
  for (const [v, expected] of [
    ["true", true],
    ['"sd-switch"', true],
    ['"suggest"', false],
    ["false", false],
  ] as const) {
    c.homeNix(`systemd.user.startServices = ${v};`);
    assert.equal(c.json(c.evaluate(), "systemd.user.startServices"), expected);
  }
});

test("systemctlPath is passed on only when the configuration sets it", () => {
  const c = new Case();
  assert.deepEqual(c.gen("").systemd, { enable: true });
  assert.deepEqual(c.gen(`systemd.user.systemctlPath = "/usr/bin/systemctl";`).systemd, {
    enable: true,
    systemctlPath: "/usr/bin/systemctl",
  });
});

test("systemd.user.enable = false writes no units", () => {
  const g = new Case().gen(`systemd.user.enable = false; systemd.user.services.s.Unit.Description = "x";`);
  assert.deepEqual(g.systemd, { enable: false });
  assert.ok(!targets(g).some((t) => t.includes("systemd")));
});

test("a wrong type in a unit names the unit option", () => {
  const msg = new Case().error(`systemd.user.services.s.Unit.X-SwitchMethod = "bounce";`);
  assert.equal(
    msg.split("\n")[0],
    'A definition for option `systemd.user.services.s.Unit.X-SwitchMethod\' is not of type `one of <null>, "reload", "restart", "stop-start", "keep-old"\'. Definition values:',
  );
});

test("i18n: the locale archive variable follows the glibcLocales version, in environment.d and the session", () => {
  const c = new Case();
  const locales = (version: string) =>
    `i18n.glibcLocales = { type = "derivation"; name = "glibc-locales-${version}"; version = "${version}"; outPath = "/opt/locales-${version}"; };`;
  const g = c.gen(locales("2.40"));
  assert.equal(
    textAt(g, ".config/environment.d/10-home-manager.conf"),
    "LOCALE_ARCHIVE_2_27=/opt/locales-2.40/lib/locale/locale-archive\n",
  );
  assert.equal(g.sessionVariables!.LOCALE_ARCHIVE_2_27, "/opt/locales-2.40/lib/locale/locale-archive");
  assert.equal(c.gen(locales("2.26")).sessionVariables!.LOCALE_ARCHIVE_2_11, "/opt/locales-2.26/lib/locale/locale-archive");
  assert.deepEqual(c.gen(locales("2.10")).sessionVariables, {});
});
