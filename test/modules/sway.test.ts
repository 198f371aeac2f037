/**
 * `wayland.windowManager.sway` golden cases: a configuration touching most of
 * the `config` submodule (fonts, borders, focus, key bindings merged with the
 * defaults, key codes, modes, assigns, gaps, startup, input/output blocks,
 * a bar, workspace outputs, bindswitches), the broker session import, the
 * session target with XDG autostart, the checkConfig assertion and a null
 * `config`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("sway: config file, session target, packages and warnings", () => {
  const c = stub();
  c.homeNix(`
  wayland.windowManager.sway = {
    enable = true;
    checkConfig = false;
    xwayland = false;
    systemd.dbusImplementation = "broker";
    systemd.variables = [ "WAYLAND_DISPLAY" ];
    systemd.xdgAutostart = true;
    extraConfig = "include /etc/sway/config.d/*";
    config = {
      modifier = "Mod4";
      terminal = "kitty";
      menu = "fuzzel";
      left = "n";
      fonts = [ "Iosevka" "Noto Sans" ];
      window = {
        titlebar = false;
        border = 1;
        hideEdgeBorders = "smart";
        commands = [ { command = "inhibit_idle fullscreen"; criteria = { app_id = "mpv"; floating = true; }; } ];
      };
      floating.criteria = [ { title = "Picture-in-Picture"; } ];
      focus = { followMouse = false; mouseWarping = "container"; };
      keybindings = lib.mkOptionDefault { "Mod4+Return" = "exec foot"; "Mod4+Shift+e" = null; "Mod4+p" = "exec grim"; };
      keycodebindings = { "214" = "exec lock"; };
      modes = { passthru = { "Mod4+Escape" = "mode default"; }; };
      assigns = { "2: web" = [ { app_id = "firefox"; } ]; };
      gaps = { inner = 6; smartGaps = true; };
      startup = [ { command = "mako"; } { command = "kanshi"; always = true; } ];
      input."type:keyboard".xkb_layout = "de";
      output."DP-1" = { scale = "2"; };
      bars = [
        {
          fonts = { names = [ "Iosevka" ]; style = "Bold"; size = 10.5; };
          position = "top";
          statusCommand = "i3status-rs";
          trayPadding = 3;
          colors.background = "#101010";
          extraConfig = "gaps 4";
        }
      ];
      workspaceOutputAssign = [ { workspace = "1"; output = [ "DP-1" "eDP-1" ]; } ];
      bindswitches."lid:on" = { action = "output eDP-1 disable"; locked = true; };
    };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(
    textAt(g, ".config/sway/config"),
    `font pango:Iosevka, Noto Sans
floating_modifier Mod4
default_border pixel 1
default_floating_border normal 2
hide_edge_borders smart
focus_wrapping no
focus_follows_mouse no
focus_on_window_activation smart
mouse_warping container
workspace_layout default
workspace_auto_back_and_forth no
client.focused #4c7899 #285577 #ffffff #2e9ef4 #285577
client.focused_inactive #333333 #5f676a #ffffff #484e50 #5f676a
client.unfocused #333333 #222222 #888888 #292d2e #222222
client.urgent #2f343a #900000 #ffffff #900000 #900000
client.placeholder #000000 #0c0c0c #ffffff #000000 #0c0c0c
client.background #ffffff

bindsym Mod4+0 workspace number 10
bindsym Mod4+1 workspace number 1
bindsym Mod4+2 workspace number 2
bindsym Mod4+3 workspace number 3
bindsym Mod4+4 workspace number 4
bindsym Mod4+5 workspace number 5
bindsym Mod4+6 workspace number 6
bindsym Mod4+7 workspace number 7
bindsym Mod4+8 workspace number 8
bindsym Mod4+9 workspace number 9
bindsym Mod4+Down focus down
bindsym Mod4+Left focus left
bindsym Mod4+Return exec foot
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

bindsym Mod4+Shift+j move down
bindsym Mod4+Shift+k move up
bindsym Mod4+Shift+l move right
bindsym Mod4+Shift+minus move scratchpad
bindsym Mod4+Shift+n move left
bindsym Mod4+Shift+q kill
bindsym Mod4+Shift+space floating toggle
bindsym Mod4+Up focus up
bindsym Mod4+a focus parent
bindsym Mod4+b splith
bindsym Mod4+d exec fuzzel
bindsym Mod4+e layout toggle split
bindsym Mod4+f fullscreen toggle
bindsym Mod4+j focus down
bindsym Mod4+k focus up
bindsym Mod4+l focus right
bindsym Mod4+minus scratchpad show
bindsym Mod4+n focus left
bindsym Mod4+p exec grim
bindsym Mod4+r mode resize
bindsym Mod4+s layout stacking
bindsym Mod4+space focus mode_toggle
bindsym Mod4+v splitv
bindsym Mod4+w layout tabbed
bindcode 214 exec lock
bindswitch --locked  lid:on output eDP-1 disable
input "type:keyboard" {
  xkb_layout de
}

output "DP-1" {
  scale 2
}

mode "passthru" {
  bindsym Mod4+Escape mode default
}

assign [app_id="firefox"] 2: web
bar {
  font pango:Iosevka Bold 10.500000
  position top
  status_command i3status-rs
  swaybar_command @sway@/bin/swaybar
  tray_padding 3
  colors {
    background #101010
  }
  gaps 4
}

gaps inner 6
smart_gaps on
for_window [title="Picture-in-Picture"] floating enable
for_window [app_id="mpv" floating] inhibit_idle fullscreen
exec mako

exec_always kanshi

workspace "1" output "DP-1" "eDP-1"
exec "systemctl --user import-environment WAYLAND_DISPLAY; systemctl --user reset-failed && systemctl --user start sway-session.target && swaymsg -mt subscribe '[]' || true && systemctl --user stop sway-session.target"
xwayland disable
include /etc/sway/config.d/*`,
  );
  assert.equal(
    textAt(g, ".config/systemd/user/sway-session.target"),
    `[Unit]
After=graphical-session-pre.target
Before=xdg-desktop-autostart.target
BindsTo=graphical-session.target
Description=sway compositor session
Documentation=man:systemd.special(7)
Wants=graphical-session-pre.target
Wants=xdg-desktop-autostart.target
`,
  );
  assert.deepEqual(c.json(ev, "home.packages"), ["@sway@"]);
  assert.deepEqual(c.warnings, ["trace: warning: Specifying sway.config.fonts as a list is deprecated. Use the attrset version instead."]);
});

test("sway: checkConfig without a package fails its assertion; a null config", () => {
  assert.match(
    stub().error(`
  wayland.windowManager.sway = { enable = true; package = null; checkConfig = true; };`),
    /programs\.sway\.checkConfig requires non-null programs\.sway\.package/,
  );
  const g = stub().gen(`
  wayland.windowManager.sway = {
    enable = true;
    package = null;
    config = null;
    systemd.enable = false;
    extraConfigEarly = "set $mod Mod4";
  };`);
  assert.equal(textAt(g, ".config/sway/config"), "set $mod Mod4\n");
  assert.ok(!targets(g).some((t) => t.endsWith("sway-session.target")));
});
