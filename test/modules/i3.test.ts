/**
 * `xsession.windowManager.i3` golden cases. The package is a small script
 * standing in for i3 (its `-C` check rejects a file holding `BAD`), so the
 * build-time validation really runs: a configuration touching the i3
 * specific parts (key bindings merged with the defaults, the default
 * workspace, the resize mode, startup lines with and without notification,
 * a bar, workspace outputs), the reload on change, the X session command,
 * the deprecation warning; a rejected file failing the build; a null `config`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, fileAt, textAt } from "./harness.js";

/** An i3 stand-in whose config check fails on a file containing `BAD` (`i3 -c FILE -C -d all`). */
const fakeI3 = `package = pkgs.writeShellScriptBin "i3" ''if grep -q BAD "$2"; then echo "bad config"; exit 1; fi'';`;

test("i3: config file, window manager command, reload and warnings", () => {
  const c = new Case();
  c.homeNix(`
  xsession.enable = true;
  xsession.windowManager.i3 = {
    enable = true;
    ${fakeI3}
    extraConfig = "popup_during_fullscreen smart";
    config = {
      modifier = "Mod4";
      terminal = "xterm";
      menu = "rofi -show run";
      defaultWorkspace = "workspace number 2";
      fonts = { names = [ "Hack" ]; size = 9.0; };
      focus.followMouse = false;
      keybindings = lib.mkOptionDefault { "Mod4+Shift+r" = null; "Mod4+x" = "exec xlock"; };
      modes = { resize = { Escape = "mode default"; }; };
      startup = [
        { command = "nm-applet"; notification = false; }
        { command = "feh --bg-scale ~/bg.png"; always = true; }
        { command = "firefox"; workspace = "3"; }
      ];
      bars = [ { statusCommand = "i3blocks"; position = "top"; } ];
      workspaceOutputAssign = [ { workspace = "9"; output = "HDMI-1"; } ];
    };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const i3 = String(c.json(ev, "xsession.windowManager.i3.package"));
  assert.match(i3, /-i3$/);
  assert.equal(
    textAt(g, ".config/i3/config"),
    `font pango:Hack 9.000000
floating_modifier Mod4
default_border normal 2
default_floating_border normal 2
hide_edge_borders none
focus_wrapping yes
focus_follows_mouse no
focus_on_window_activation smart
mouse_warping output
workspace_layout default
workspace_auto_back_and_forth no
client.focused #4c7899 #285577 #ffffff #2e9ef4 #285577
client.focused_inactive #333333 #5f676a #ffffff #484e50 #5f676a
client.unfocused #333333 #222222 #888888 #292d2e #222222
client.urgent #2f343a #900000 #ffffff #900000 #900000
client.placeholder #000000 #0c0c0c #ffffff #000000 #0c0c0c
client.background #ffffff
bindsym Mod4+2 workspace number 2
bindsym Mod4+0 workspace number 10
bindsym Mod4+1 workspace number 1
bindsym Mod4+3 workspace number 3
bindsym Mod4+4 workspace number 4
bindsym Mod4+5 workspace number 5
bindsym Mod4+6 workspace number 6
bindsym Mod4+7 workspace number 7
bindsym Mod4+8 workspace number 8
bindsym Mod4+9 workspace number 9
bindsym Mod4+Down focus down
bindsym Mod4+Left focus left
bindsym Mod4+Return exec xterm
bindsym Mod4+Right focus right
bindsym Mod4+Shift+0 move container to workspace number 10
bindsym Mod4+Shift+1 move container to workspace number 1
bindsym Mod4+Shift+2 move container to workspace number 2
bindsym Mod4+Shift+3 move container to workspace number 3
bindsym Mod4+Shift+4 move container to workspace number 4
bindsym Mod4+Shift+5 move container to workspace number 5
bindsym Mod4+Shift+6 move container to workspace number 6
bindsym Mod4+Shift+7 move container to workspace number 7
bindsym Mod4+Shift+8 move container to workspace number 8
bindsym Mod4+Shift+9 move container to workspace number 9
bindsym Mod4+Shift+Down move down
bindsym Mod4+Shift+Left move left
bindsym Mod4+Shift+Right move right
bindsym Mod4+Shift+Up move up
bindsym Mod4+Shift+c reload
bindsym Mod4+Shift+e exec i3-nagbar -t warning -m 'Do you want to exit i3?' -b 'Yes' 'i3-msg exit'
bindsym Mod4+Shift+minus move scratchpad
bindsym Mod4+Shift+q kill

bindsym Mod4+Shift+space floating toggle
bindsym Mod4+Up focus up
bindsym Mod4+a focus parent
bindsym Mod4+d exec rofi -show run
bindsym Mod4+e layout toggle split
bindsym Mod4+f fullscreen toggle
bindsym Mod4+h split h
bindsym Mod4+minus scratchpad show
bindsym Mod4+r mode resize
bindsym Mod4+s layout stacking
bindsym Mod4+space focus mode_toggle
bindsym Mod4+v split v
bindsym Mod4+w layout tabbed
bindsym Mod4+x exec xlock

mode "resize" {
  bindsym Escape mode default
}

bar {
  font pango:monospace 8.000000
  position top
  status_command i3blocks
  i3bar_command ${i3}/bin/i3bar
}

exec --no-startup-id nm-applet
exec_always  feh --bg-scale ~/bg.png
exec --no-startup-id i3-msg 'workspace 3; exec firefox'
workspace "9" output "HDMI-1"
popup_during_fullscreen smart`,
  );
  assert.match(fileAt(g, ".config/i3/config").onChange ?? "", new RegExp(`${i3}/bin/i3-msg -s \\$i3Socket reload`));
  assert.match(textAt(g, ".xsession"), new RegExp(`^${i3}/bin/i3$`, "m"));
  assert.deepEqual(c.json(ev, "home.packages"), [i3]);
  assert.deepEqual(c.warnings, [
    "trace: warning: 'xsession.windowManager.i3.config.startup.*.workspace' is deprecated, use 'xsession.windowManager.i3.config.assigns' instead.See https://github.com/nix-community/home-manager/issues/265.",
  ]);
});

test("i3: a file the check rejects fails the build; a null config leaves only extraConfig", () => {
  assert.throws(
    () => new Case().gen(`xsession.windowManager.i3 = { enable = true; ${fakeI3} extraConfig = "BAD"; };`),
    /builder for 'i3-config' failed[\s\S]*bad config/,
  );
  const g = new Case().gen(`xsession.windowManager.i3 = { enable = true; ${fakeI3} config = null; extraConfig = "exec true"; };`);
  assert.equal(textAt(g, ".config/i3/config"), "exec true");
});
