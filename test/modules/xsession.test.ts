/**
 * `xsession` golden cases: `~/.xprofile` and the executable `~/.xsession`
 * with imported variables and extra commands, other script paths, the
 * graphical-session and tray targets, and the `setxkbmap` service built from
 * `home.keyboard` (the old state version's `us` layout, options only, none
 * at all when the keyboard is left to the system).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

const SESSION = `xsession = {
    enable = true;
    windowManager.command = "exec my-wm --replace";
    importedVariables = [ "GTK_THEME" "DISPLAY" ];
    initExtra = "xset r rate 200 40";
    profileExtra = "export MY_VAR=1\\nexport OTHER=2";
  };`;

const IMPORTED = "DBUS_SESSION_BUS_ADDRESS DISPLAY SSH_AUTH_SOCK XAUTHORITY XDG_DATA_DIRS XDG_RUNTIME_DIR XDG_SESSION_ID GTK_THEME";

test("xprofile and xsession: session variables, imports (each once), extra commands, window manager", () => {
  const c = new Case();
  const g = c.gen(SESSION);
  const h = c.home;
  assert.equal(
    textAt(g, ".xprofile"),
    `. "${h}/.nix-profile/etc/profile.d/hm-session-vars.sh"

if [ -e "$HOME/.profile" ]; then
  . "$HOME/.profile"
fi

# If there are any running services from a previous session.
# Need to run this in xprofile because the NixOS xsession
# script starts up graphical-session.target.
systemctl --user stop graphical-session.target graphical-session-pre.target

systemctl --user import-environment ${IMPORTED}

export MY_VAR=1
export OTHER=2

export HM_XPROFILE_SOURCED=1
`,
  );
  assert.equal(
    textAt(g, ".xsession"),
    `if [ -z "$HM_XPROFILE_SOURCED" ]; then
  . "${h}/.xprofile"
fi
unset HM_XPROFILE_SOURCED

systemctl --user start hm-graphical-session.target

xset r rate 200 40

exec my-wm --replace

systemctl --user stop graphical-session.target
systemctl --user stop graphical-session-pre.target

# Wait until the units actually stop.
while [ -n "$(systemctl --user --no-legend --state=deactivating list-units)" ]; do
  sleep 0.5
done

systemctl --user unset-environment ${IMPORTED}
`,
  );
  assert.equal(fileAt(g, ".xsession").executable, true);
});

test("the session targets", () => {
  const g = new Case().gen(SESSION);
  assert.equal(
    textAt(g, ".config/systemd/user/hm-graphical-session.target"),
    "[Unit]\nBindsTo=graphical-session.target\nBindsTo=tray.target\nDescription=Home Manager X session\nRequires=graphical-session-pre.target\n",
  );
  assert.equal(
    textAt(g, ".config/systemd/user/tray.target"),
    "[Unit]\nDescription=Home Manager System Tray\nRequires=graphical-session-pre.target\n",
  );
});

test("scriptPath and profilePath move the scripts; the session sources the moved profile", () => {
  const c = new Case();
  const g = c.gen(`xsession = { enable = true; scriptPath = ".xsession-hm"; profilePath = ".config/xprofile"; };`);
  assert.ok(targets(g).includes(".xsession-hm") && targets(g).includes(".config/xprofile"));
  assert.ok(!targets(g).includes(".xsession"));
  assert.ok(textAt(g, ".xsession-hm").includes(`  . "${c.home}/.config/xprofile"\n`));
  assert.ok(textAt(g, ".xsession-hm").includes('\ntest -n "$1" && eval "$@"\n'));
});

/** A case with the stub package backend, whose packages are `@name@`. */
const stubCase = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

/** The `ExecStart` of setxkbmap.service. */
function setxkbmapExec(text: string): string {
  return text
    .split("\n")
    .find((l) => l.startsWith("ExecStart="))!
    .slice("ExecStart=".length);
}

test("setxkbmap: before 19.09 the keyboard is { } with layout us and an empty variant", () => {
  const g = stubCase().gen(SESSION, { stateVersion: "18.09" });
  assert.equal(
    textAt(g, ".config/systemd/user/setxkbmap.service"),
    "[Install]\nWantedBy=graphical-session.target\n\n[Service]\n" +
      "ExecStart=@setxkbmap@/bin/setxkbmap -layout 'us' -variant '' -option ''\nRemainAfterExit=true\nType=oneshot\n\n" +
      "[Unit]\nAfter=graphical-session-pre.target\nDescription=Set up keyboard in X\nPartOf=graphical-session.target\n",
  );
  assert.ok(targets(g).includes(".config/systemd/user/graphical-session.target.wants/xplugd.service"));
  assert.match(textAt(g, ".config/systemd/user/xplugd.service"), /\nExecStart=@xplugd@\/bin\/xplugd \/\S+-xplugrc\n/);
});

test("setxkbmap: options only (19.09), all fields, and no service when the keyboard is null (21.11)", () => {
  const c = stubCase();
  const only = c.gen(`${SESSION} home.keyboard.options = [ "ctrl:nocaps" "compose:ralt" ];`, { stateVersion: "19.09" });
  assert.equal(
    setxkbmapExec(textAt(only, ".config/systemd/user/setxkbmap.service")),
    "@setxkbmap@/bin/setxkbmap -option '' -option 'ctrl:nocaps' -option 'compose:ralt'",
  );
  const all = c.gen(`${SESSION} home.keyboard = { layout = "de"; variant = "nodeadkeys"; model = "pc105"; };`, { stateVersion: "24.11" });
  assert.equal(
    setxkbmapExec(textAt(all, ".config/systemd/user/setxkbmap.service")),
    "@setxkbmap@/bin/setxkbmap -layout 'de' -variant 'nodeadkeys' -model 'pc105' -option ''",
  );
  const none = c.gen(SESSION, { stateVersion: "24.11" });
  assert.ok(!targets(none).some((t) => t.includes("setxkbmap") || t.includes("xplugd")));
});

test("nothing without xsession.enable", () => {
  const g = new Case().gen(`xsession.initExtra = "x";`, { stateVersion: "18.09" });
  assert.ok(!targets(g).some((t) => t.startsWith(".x") || t.includes("graphical")));
});
