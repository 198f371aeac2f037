/**
 * Golden cases of `services.picom`, `services.gnome-keyring`, `xresources`
 * and `services.polybar`: picom's libconfig file (floats kept as floats,
 * groups at the top level, settings over the dedicated options, the renamed
 * `opacityRule`, a removed option) and unit; the keyring
 * daemon's components; the resources file, its `xrdb` merge and a custom
 * path; Polybar's INI built from an included file and nested settings.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, fileAt, textAt } from "./harness.js";

test("picom: dedicated options and settings in libconfig syntax, then extraConfig; the unit", () => {
  const c = new Case();
  const g = c.gen(`
  services.picom = {
    enable = true;
    activeOpacity = 0.95;
    menuOpacity = 0.9;
    opacityRule = [ "90:class_g = 'URxvt'" ];
    settings = {
      blur = { method = "gaussian"; size = 10; deviation = 5.0; };
      corner-radius = 4;
      backend = "glx";
      log-file = "a\\"b";
    };
    extraConfig = "# tail";
    extraArgs = [ "--daemon-off" ];
  };`);
  assert.equal(
    textAt(g, ".config/picom/picom.conf"),
    [
      "active-opacity = 0.950000;",
      'backend = "glx";',
      'blur: { deviation = 5.000000; method = "gaussian"; size = 10; };',
      "corner-radius = 4;",
      "fade-delta = 10;",
      "fade-exclude = [  ];",
      "fade-in-step = 0.028000;",
      "fade-out-step = 0.030000;",
      "fading = false;",
      "inactive-opacity = 1.000000;",
      'log-file = "a\\"b";',
      "opacity-rule = [ \"90:class_g = 'URxvt'\" ];",
      "shadow = false;",
      "shadow-exclude = [  ];",
      "shadow-offset-x = -15;",
      "shadow-offset-y = -15;",
      "shadow-opacity = 0.750000;",
      "vsync = false;",
      "wintypes: { dropdown_menu = { opacity = 0.900000; }; popup_menu = { opacity = 0.900000; }; };",
      "# tail",
    ].join("\n"),
  );
  const unit = textAt(g, ".config/systemd/user/picom.service");
  assert.match(unit, /^ExecStart=@picom@\/bin\/picom --config \/\S+-hm_picompicom\.conf --daemon-off$/m);
  assert.match(unit, /^Restart=always\nRestartSec=3$/m);
  assert.match(unit, /^WantedBy=graphical-session\.target$/m);
  assert.ok(c.warnings.some((w) => w.includes("services.picom.opacityRule") && w.includes("services.picom.opacityRules")));
});

test("picom: a removed option is an error with upstream's reason", () => {
  const err = new Case().error(`services.picom = { enable = true; refreshRate = 60; };`);
  assert.match(err, /services\.picom\.refreshRate/);
  assert.match(err, /The option `refresh-rate` has been deprecated by upstream\./);
});

test("gnome-keyring: the chosen components on the daemon's command line", () => {
  const g = new Case().gen(`
  services.gnome-keyring = { enable = true; components = [ "secrets" "ssh" ]; };`);
  assert.equal(
    textAt(g, ".config/systemd/user/gnome-keyring.service"),
    `[Install]
WantedBy=graphical-session-pre.target

[Service]
ExecStart=@gnome-keyring@/bin/gnome-keyring-daemon --start --foreground --components=secrets,ssh
Restart=on-abort

[Unit]
Description=GNOME Keyring
PartOf=graphical-session-pre.target
`,
  );
});

test("xresources: extra text then sorted properties at a custom path, merged with xrdb", () => {
  const c = new Case();
  c.homeNix(`
  xresources = {
    path = "\${config.home.homeDirectory}/.config/X11/resources";
    extraConfig = "#include \\"colors\\"";
    properties = { "XTerm*faceSize" = 10.5; "*cursorBlink" = false; "URxvt*font" = [ "xft:Mono" 12 ]; };
  };`);
  const ev = c.evaluate();
  const file = fileAt(ev.generation, ".config/X11/resources");
  assert.equal(
    textAt(ev.generation, ".config/X11/resources"),
    '#include "colors"\n*cursorBlink: false\nURxvt*font: xft:Mono, 12\nXTerm*faceSize: 10.500000\n',
  );
  const merge = `@xrdb@/bin/xrdb -merge ${c.home}/.config/X11/resources`;
  assert.equal(file.onChange, `if [[ -v DISPLAY ]]; then\n  ${merge}\nfi\n`);
  assert.ok(String(c.json(ev, "xsession.profileExtra")).includes(merge));
});

test("polybar: an included file and nested settings in the config; the unit runs the script", () => {
  const c = new Case();
  c.file("bar.ini", "[colors]\nbg=#000\n");
  const g = c.gen(`
  services.polybar = {
    enable = true;
    script = "polybar main &";
    config = ./bar.ini;
    settings."bar/main" = {
      width = "100%";
      dim-value = 0.5;
      enable-ipc = true;
      label = { text = " padded "; foreground = "#fff"; };
      modules.left = [ "a" "b" ];
    };
  };`);
  const ini = textAt(g, ".config/polybar/config.ini");
  const m = /^\[section\/base\]\ninclude-file=(\/\S+-bar\.ini)\n\n/.exec(ini);
  assert.ok(m, ini);
  assert.equal(
    ini.slice(m[0].length),
    '[bar/main]\ndim-value=0.500000\nenable-ipc=true\nlabel=" padded "\nlabel-foreground=#fff\nmodules-left-0=a\nmodules-left-1=b\nwidth=100%\n\n\n',
  );
  const unit = textAt(g, ".config/systemd/user/polybar.service");
  assert.match(unit, /^ExecStart=\/\S+-polybar-start\/bin\/polybar-start$/m);
  assert.match(unit, /^Environment=PATH=@polybar@\/bin:\/run\/wrappers\/bin$/m);
  assert.match(unit, /^X-Restart-Triggers=\/\S+-polybar\.conf$/m);
  assert.match(unit, /^Type=forking$/m);
});
