/**
 * Golden cases of `programs.mcp`, `programs.rofi`, `services.dunst` and
 * `programs.waybar`: the generated `mcp.json`, rasi configuration and
 * theme, `dunstrc` with a custom icon theme, and Waybar's JSON, style and
 * user service (whose reload triggers are the generated files).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("mcp: servers written with their type, file references and extra fields", () => {
  const c = stub();
  const g = c.gen(`
  programs.mcp = {
    enable = true;
    servers = {
      local = { command = "my-server"; args = [ "--stdio" ]; env = { A = "1"; B.file = "/run/b"; }; timeout = 5; };
      remote = { url = "https://example.org/mcp"; headers.X = "y"; };
    };
  };`);
  assert.equal(
    textAt(g, ".config/mcp/mcp.json"),
    `{
  "mcpServers": {
    "local": {
      "args": [
        "--stdio"
      ],
      "command": "my-server",
      "env": {
        "A": "1",
        "B": "{file:/run/b}"
      },
      "timeout": 5,
      "type": "stdio"
    },
    "remote": {
      "headers": {
        "X": "y"
      },
      "type": "http",
      "url": "https://example.org/mcp"
    }
  }
}
`,
  );
});

test("mcp: a server with both command and url fails its assertion", () => {
  const err = stub().error(`programs.mcp = { enable = true; servers.both = { command = "x"; url = "https://y"; }; };`);
  assert.match(err, /programs\.mcp\.servers\.both: exactly one of `command` or `url` must be set\./);
});

test("rofi: configuration, literal values and a theme file of its own", () => {
  const c = stub();
  const g = c.gen(`
  programs.rofi = {
    enable = true;
    location = "top-right";
    xoffset = -4;
    terminal = "foot";
    modes = [ "run" { name = "calc"; path = "/bin/calc"; } ];
    extraConfig = { show-icons = true; "drun" = { display-name = "apps"; }; };
    theme = let l = config.lib.formats.rasi.mkLiteral; in {
      "@import" = "base";
      window = { width = 600; border-color = l "#ff0000"; padding = map l [ "1px" "2px" ]; };
    };
  };`);
  assert.equal(
    textAt(g, ".config/rofi/config.rasi"),
    `configuration {
drun {
display-name: "apps";
}
location: 3;
modes: [ "run","calc:/bin/calc" ];
show-icons: true;
terminal: "foot";
xoffset: -4;
yoffset: 0;
}
@theme "custom"
`,
  );
  assert.equal(
    textAt(g, ".local/share/rofi/themes/custom.rasi"),
    `@import "base"

window {
border-color: #ff0000;
padding: [ 1px,2px ];
width: 600;
}
`,
  );
});

test("dunst: settings in DAG order, values, custom icon theme and service", () => {
  const c = stub();
  const g = c.gen(`
  services.dunst = {
    enable = true;
    package = pkgs.writeTextDir "share/dbus-1/services/org.knopwob.dunst.service" "[D-BUS Service]\n";
    waylandDisplay = "wayland-1";
    configFile = "/tmp/my dunstrc";
    iconTheme = { package = pkgs.adwaita-icon-theme; name = "Adwaita"; size = "16x16"; };
    settings = {
      global = { follow = "mouse"; markup = true; offset = [ "1" "2" ]; };
      zz = lib.hm.dag.entryBefore [ "global" ] { timeout = 3; };
    };
  };`);
  const rc = textAt(g, ".config/dunst/dunstrc");
  const paths = [];
  for (const base of ["/run/current-system/sw", `${c.home}/.nix-profile`, "@adwaita-icon-theme@", "@hicolor-icon-theme@"])
    for (const cat of ["actions", "animations"])
      paths.push(`${base}/share/icons/Adwaita/16x16/${cat}`, `${base}/share/icons/hicolor/16x16/${cat}`);
  assert.ok(rc.startsWith(`[zz]\ntimeout=3\n\n[global]\nfollow="mouse"\n`), rc);
  assert.ok(rc.endsWith(`"\nmarkup=yes\noffset=1 2\n`), rc);
  const iconPath = /^icon_path="([^"]*)"$/m.exec(rc)![1]!.split(":");
  assert.equal(iconPath.length, 4 * 14 * 2);
  assert.deepEqual(iconPath.slice(0, 4), paths.slice(0, 4));
  assert.equal(iconPath[2 * 14 * 2], paths[2 * 2 * 2]);
  const service = textAt(g, ".config/systemd/user/dunst.service");
  assert.match(service, /^Environment=WAYLAND_DISPLAY=wayland-1$/m);
  assert.match(service, /^ExecStart=\/\S+-org\.knopwob\.dunst\.service\/bin\/dunst -config '\/tmp\/my dunstrc'$/m);
  assert.match(service, /^X-Reload-Triggers=\S+-hm_dunstdunstrc$/m);
  assert.equal(textAt(g, ".local/share/dbus-1/services/org.knopwob.dunst.service"), "[D-BUS Service]\n");
});

test("waybar: bars by name, style text and a service reloaded on their changes", () => {
  const c = stub();
  const g = c.gen(`
  programs.waybar = {
    enable = true;
    systemd = { enable = true; enableDebug = true; enableInspect = true; target = "sway-session.target"; };
    settings = {
      b = { position = "bottom"; clock.format = "{:%H}"; };
      a = { layer = "top"; height = 20; modules-left = [ "clock" ]; };
    };
    style = "* { color: red; }";
  };`);
  assert.equal(
    textAt(g, ".config/waybar/config"),
    `[
  {
    "height": 20,
    "layer": "top",
    "modules-left": [
      "clock"
    ]
  },
  {
    "clock": {
      "format": "{:%H}"
    },
    "position": "bottom"
  }
]
`,
  );
  assert.equal(textAt(g, ".config/waybar/style.css"), "* { color: red; }");
  const service = textAt(g, ".config/systemd/user/waybar.service");
  const triggers = [...service.matchAll(/^X-Reload-Triggers=(\S+)$/gm)].map((m) => m[1]!);
  assert.equal(triggers.length, 2);
  assert.match(triggers[0]!, /-waybar-config\.json$/);
  assert.match(triggers[1]!, /-waybar\/style\.css$|style\.css$/);
  assert.match(service, /^ExecStart=@waybar@\/bin\/waybar -l debug$/m);
  assert.match(service, /^Environment=GTK_DEBUG=interactive$/m);
  assert.match(service, /^After=sway-session\.target$/m);
  assert.match(service, /^WantedBy=tray\.target\nWantedBy=sway-session\.target$/m);
  assert.ok(targets(g).includes(".config/systemd/user/sway-session.target.wants/waybar.service"));
});
