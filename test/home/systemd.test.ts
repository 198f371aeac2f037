/**
 * `reloadSystemd` against a fake `systemctl`: with no reachable user manager
 * the commands to run are printed; with one, units are started, restarted,
 * reloaded or stopped as sd-switch does (honouring `X-SwitchMethod` and
 * `X-Reload-Triggers`), a degraded session is reported first, and a dry run
 * only prints the commands.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Sandbox, lines } from "./helpers.js";

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

function unit(exec: string, extraUnit = ""): string {
  return `[Unit]\nDescription=Foo${extraUnit}\n\n[Service]\nExecStart=${exec}\n\n[Install]\nWantedBy=default.target\n`;
}

function afterReload(out: string): string[] {
  const l = lines(out);
  return l.slice(l.indexOf("Activating reloadSystemd") + 1);
}

test("without a user manager, the commands to run are suggested", () => {
  const sb = box();
  sb.systemdState("offline");
  const r = sb.run(["switch"], sb.config({ systemd: { units: { "foo.service": unit("/bin/foo") } } }));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(afterReload(r.stdout), [
    "User systemd daemon not running. Skipping reload.",
    "Suggested commands:",
    "systemctl --user daemon-reload",
    "systemctl --user start foo.service",
  ]);
  assert.deepEqual(sb.systemctlCalls(), ["--user is-system-running"]);
  assert.equal(sb.read(".config/systemd/user/foo.service"), unit("/bin/foo"));
  assert.equal(sb.read(".config/systemd/user/default.target.wants/foo.service"), unit("/bin/foo"));

  const r2 = sb.run(["switch"], sb.config({ systemd: { units: { "bar.service": unit("/bin/bar") } } }));
  assert.deepEqual(afterReload(r2.stdout), [
    "User systemd daemon not running. Skipping reload.",
    "Suggested commands:",
    "systemctl --user daemon-reload",
    "systemctl --user stop foo.service",
    "systemctl --user start bar.service",
  ]);
});

test("with a running user manager, units are started, restarted, reloaded and stopped", () => {
  const sb = box();
  sb.systemdState("running", ["default.target"]);
  const cfg = (text: string | undefined) => sb.config({ systemd: { units: text === undefined ? {} : { "foo.service": text } } });
  const r1 = sb.run(["switch"], cfg(unit("/bin/foo")));
  assert.equal(r1.code, 0, r1.stdout + r1.stderr);
  assert.deepEqual(afterReload(r1.stdout), ["Starting units: foo.service"]);
  assert.deepEqual(sb.systemctlCalls(), [
    "--user is-system-running",
    "--user is-active default.target",
    "--user daemon-reload",
    "--user start foo.service",
  ]);

  sb.systemdState("running", ["default.target", "foo.service"]);
  assert.deepEqual(afterReload(sb.run(["switch"], cfg(unit("/bin/foo --v2"))).stdout), ["Restarting units: foo.service"]);
  assert.deepEqual(afterReload(sb.run(["switch"], cfg(unit("/bin/foo --v3", "\nX-SwitchMethod=reload"))).stdout), [
    "Reloading units: foo.service",
  ]);
  assert.deepEqual(afterReload(sb.run(["switch"], cfg(unit("/bin/foo --v4", "\nX-SwitchMethod=keep-old"))).stdout), []);
  const t1 = unit("/bin/foo", "\nX-Reload-Triggers=/nix/store/one");
  sb.run(["switch"], cfg(t1));
  const t2 = unit("/bin/foo", "\nX-Reload-Triggers=/nix/store/two");
  assert.deepEqual(afterReload(sb.run(["switch"], cfg(t2)).stdout), ["Reloading units: foo.service"]);

  sb.systemdState("running", ["default.target", "foo.service"]);
  const gone = sb.run(["switch"], cfg(undefined));
  assert.deepEqual(afterReload(gone.stdout), ["Stopping units: foo.service"]);
  assert.ok(sb.systemctlCalls().includes("--user stop foo.service"));
  assert.equal(sb.exists(".config/systemd"), false, "unit links and emptied directories removed");
});

test("a degraded session is reported, a dry run only prints the commands", () => {
  const sb = box();
  sb.systemdState("degraded", ["default.target"]);
  const r = sb.run(["switch", "-n"], sb.config({ systemd: { units: { "foo.service": unit("/bin/foo") } } }));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(afterReload(r.stdout), [
    "The user systemd session is degraded:",
    "Attempting to reload services anyway...",
    "systemctl --user daemon-reload",
    "systemctl --user start foo.service",
  ]);
  assert.ok(sb.systemctlCalls().includes("--user --no-pager --state=failed"));
  assert.ok(!sb.systemctlCalls().some((c) => c.includes("start") || c.includes("daemon-reload")));
});

test("with systemd.user.enable = false there is no reloadSystemd step", () => {
  const sb = box();
  const r = sb.run(["switch"], sb.config({ systemd: { enable: false, units: { "foo.service": unit("/bin/foo") } } }));
  assert.equal(r.code, 0);
  assert.ok(!r.stdout.includes("reloadSystemd"));
  assert.equal(sb.exists(".config/systemd"), false);
});
