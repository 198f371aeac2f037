/**
 * Golden cases of `services.mako`, `services.udiskie`, `services.playerctld`,
 * `services.flameshot`, `services.redshift` and `services.gammastep`: the
 * files they write (mako's config with sections and extra lines, udiskie's
 * YAML, Flameshot's INI, the redshift/gammastep INI with float coordinates)
 * and their systemd user units; plus the assertion redshift-like services
 * make when they cannot tell when to act, and an old option renamed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("mako: global keys, sections by name, then the extra lines; reloaded on change", () => {
  const c = stub();
  const g = c.gen(`
  services.mako = {
    enable = true;
    settings = {
      anchor = "bottom-right";
      default-timeout = 4000;
      icons = false;
      "urgency=critical" = { default-timeout = 0; border-color = "#ff0000"; };
      "app-name=mpv" = { invisible = 1; };
    };
    extraConfig = ''
      [mode=dnd]
      invisible=1
    '';
  };`);
  assert.equal(
    textAt(g, ".config/mako/config"),
    "anchor=bottom-right\ndefault-timeout=4000\nicons=false\n\n[app-name=mpv]\ninvisible=1\n\n[urgency=critical]\n" +
      "border-color=#ff0000\ndefault-timeout=0\n\n[mode=dnd]\ninvisible=1\n",
  );
  assert.equal(fileAt(g, ".config/mako/config").onChange, "@mako@/bin/makoctl reload || true");
});

test("udiskie: program options merged with settings, tray and appindicator in the unit", () => {
  const c = stub();
  const g = c.gen(`
  xsession.preferStatusNotifierItems = true;
  services.udiskie = {
    enable = true;
    automount = false;
    tray = "always";
    settings.icon_names.media = [ "media-optical" ];
  };`);
  assert.equal(
    textAt(g, ".config/udiskie/config.yml"),
    "%YAML 1.1\n---\nicon_names:\n  media:\n  - media-optical\nprogram_options:\n  automount: false\n  notify: true\n  tray: true\n",
  );
  assert.equal(
    textAt(g, ".config/systemd/user/udiskie.service"),
    `[Install]
WantedBy=graphical-session.target

[Service]
ExecStart=@udiskie@/bin/udiskie --appindicator

[Unit]
After=graphical-session.target
After=tray.target
Description=udiskie mount daemon
PartOf=graphical-session.target
Requires=tray.target
`,
  );
});

test("playerctld and flameshot: their units, Flameshot's INI and its restart trigger", () => {
  const c = stub();
  const g = c.gen(`
  services.playerctld.enable = true;
  services.flameshot = {
    enable = true;
    settings.General = { savePath = "/tmp/shots"; showHelp = false; };
  };`);
  assert.equal(
    textAt(g, ".config/systemd/user/playerctld.service"),
    `[Install]
WantedBy=default.target

[Service]
BusName=org.mpris.MediaPlayer2.playerctld
ExecStart=@playerctl@/bin/playerctld
Type=dbus

[Unit]
Description=MPRIS media player daemon
`,
  );
  assert.equal(textAt(g, ".config/flameshot/flameshot.ini"), "[General]\nsavePath=/tmp/shots\nshowHelp=false\n");
  const unit = textAt(g, ".config/systemd/user/flameshot.service");
  const ini = fileAt(g, ".config/flameshot/flameshot.ini").source!;
  assert.match(unit, /^X-Restart-Triggers=(.*)$/m);
  assert.equal(/^X-Restart-Triggers=(.*)$/m.exec(unit)![1], ini);
  assert.match(unit, /^Environment=PATH=.*\/\.nix-profile\/bin$/m);
  assert.ok(targets(g).includes(".config/systemd/user/graphical-session.target.wants/flameshot.service"));
});

test("redshift: float coordinates as Nix prints them; gammastep with geoclue2, verbose and a renamed option", () => {
  const c = stub();
  const g = c.gen(`
  services.redshift = { enable = true; latitude = 52.5; longitude = -13.4; temperature.night = 3000; };
  services.gammastep = {
    enable = true;
    provider = "geoclue2";
    enableVerboseLogging = true;
    brightness.day = 0.9;
  };`);
  assert.equal(
    textAt(g, ".config/redshift/redshift.conf"),
    "[manual]\nlat=52.500000\nlon=-13.400000\n\n[redshift]\nlocation-provider=manual\ntemp-day=5500\ntemp-night=3000\n",
  );
  assert.equal(
    textAt(g, ".config/gammastep/config.ini"),
    "[general]\nbrightness-day=0.900000\nlocation-provider=geoclue2\ntemp-day=5500\ntemp-night=3700\n",
  );
  assert.equal(
    textAt(g, ".config/systemd/user/gammastep.service"),
    `[Install]
WantedBy=graphical-session.target

[Service]
ExecStart=@gammastep@/bin/gammastep -c${c.home}/.config/gammastep/config.ini -v
Restart=on-failure
RestartSec=3

[Unit]
After=graphical-session.target
After=geoclue-agent.service
Description=Gammastep colour temperature adjuster
Documentation=https://gitlab.com/chinstrap/gammastep/
PartOf=graphical-session.target
Wants=geoclue-agent.service
`,
  );
  assert.ok(c.warnings.some((w) => w.includes("services.gammastep.brightness.day") && w.includes("settings.general.brightness-day")));
});

test("redshift: without times, coordinates or geoclue2 the assertion fails", () => {
  const err = stub().error(`services.redshift.enable = true;`);
  assert.match(err, /Redshift needs to know when to act/);
  assert.match(err, /services\.redshift\.dawnTime and \.duskTime/);
});
