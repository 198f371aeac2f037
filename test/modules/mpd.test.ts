/**
 * `services.mpd` golden cases: the generated `mpd.conf` (as the file the
 * service starts mpd with, and as `generatedConfig`), the user service and
 * its socket with `network.startWhenNeeded`, the session variables, the
 * music directory's defaults (XDG music directory, `~/music` before 22.11,
 * none otherwise) and the beets mpdstats service ordered after mpd.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";
import type { HomeGeneration } from "../../src/build/home-config.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

/** The `mpd.conf` the service starts mpd with. */
function confOf(g: HomeGeneration): string {
  const service = textAt(g, ".config/systemd/user/mpd.service");
  const m = /--no-daemon (\S+-mpd\.conf)/.exec(service);
  assert.ok(m, `no mpd.conf in:\n${service}`);
  return fs.readFileSync(m[1]!, "utf8");
}

test("mpd: socket activation, network settings and extra configuration", () => {
  const c = stub();
  c.homeNix(`
  services.mpd = {
    enable = true;
    musicDirectory = "/srv/music";
    dataDir = "/var/lib/my-mpd";
    dbFile = null;
    network = { listenAddress = "any"; port = 6601; startWhenNeeded = true; };
    extraArgs = [ "--stderr" "a b" ];
    extraConfig = ''
      audio_output {
        type "pulse"
        name "speakers"
      }
    '';
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const conf = `music_directory     "/srv/music"
playlist_directory  "/var/lib/my-mpd/playlists"
state_file          "/var/lib/my-mpd/state"
sticker_file        "/var/lib/my-mpd/sticker.sql"

port                "6601"
audio_output {
  type "pulse"
  name "speakers"
}

`;
  assert.equal(confOf(g), conf);
  assert.equal(c.json(ev, "services.mpd.generatedConfig"), conf);
  const service = textAt(g, ".config/systemd/user/mpd.service");
  assert.match(
    service,
    new RegExp(
      String.raw`^\[Service\]\nEnvironment=PATH=${c.home}/\.nix-profile/bin\n` +
        String.raw`ExecStart=@mpd@/bin/mpd --no-daemon \S+-mpd\.conf --stderr 'a b'\n` +
        String.raw`ExecStartPre=\S+/bin/bash -c "\S+/bin/mkdir -p '/var/lib/my-mpd' '/var/lib/my-mpd/playlists'"\n` +
        String.raw`Type=notify\n\n` +
        String.raw`\[Unit\]\nAfter=network\.target\nAfter=sound\.target\nAfter=mpd\.socket\nDescription=Music Player Daemon\nRequires=mpd\.socket\n$`,
    ),
  );
  assert.equal(
    textAt(g, ".config/systemd/user/mpd.socket"),
    "[Install]\nWantedBy=sockets.target\n\n[Socket]\nBacklog=5\nKeepAlive=true\nListenStream=6601\nListenStream=%t/mpd/socket\n",
  );
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.equal(vars.MPD_PORT, "6601");
  assert.equal(vars.MPD_HOST, undefined);
});

test("mpd: defaults, started with the session; the XDG music directory", () => {
  const c = stub();
  c.homeNix(`
  xdg.userDirs = { enable = true; music = "${"$"}{config.home.homeDirectory}/Audio"; };
  services.mpd = { enable = true; enableSessionVariables = false; };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const data = `${c.home}/.local/share/mpd`;
  assert.equal(
    confOf(g),
    `music_directory     "${c.home}/Audio"
playlist_directory  "${data}/playlists"
db_file             "${data}/tag_cache"
state_file          "${data}/state"
sticker_file        "${data}/sticker.sql"

bind_to_address     "127.0.0.1"
`,
  );
  const service = textAt(g, ".config/systemd/user/mpd.service");
  assert.match(service, /^\[Install\]\nWantedBy=default\.target\n\n\[Service\]\n/);
  assert.match(service, /\nExecStart=@mpd@\/bin\/mpd --no-daemon \S+-mpd\.conf \n/);
  assert.match(service, /\n\[Unit\]\nAfter=network\.target\nAfter=sound\.target\nDescription=Music Player Daemon\n$/);
  assert.ok(!targets(g).includes(".config/systemd/user/mpd.socket"));
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.equal(vars.MPD_PORT, undefined);
});

test("mpd: ~/music before state version 22.11, no default after", () => {
  const old = stub().gen(`  services.mpd.enable = true;`, { stateVersion: "22.05" });
  assert.match(confOf(old), /^music_directory {5}"\S+\/home\/music"\n/);
  const err = stub().error(`  services.mpd.enable = true;`, { stateVersion: "23.05" });
  assert.match(err, /The option `services\.mpd\.musicDirectory' was accessed but has no value defined/);
});

test("mpd: beets' mpdstats uses mpd's port and runs after it", () => {
  const c = stub();
  const g = c.gen(`
  services.mpd = { enable = true; musicDirectory = "/srv/music"; network.port = 6611; };
  programs.beets = { enable = true; mpdIntegration.enableStats = true; };`);
  assert.equal(textAt(g, ".config/beets/config.yaml"), "%YAML 1.1\n---\nmpd:\n  host: localhost\n  port: 6611\nplugins:\n- mpdstats\n");
  assert.equal(
    textAt(g, ".config/systemd/user/beets-mpdstats.service"),
    "[Install]\nWantedBy=default.target\n\n[Service]\nExecStart=@beets@/bin/beet mpdstats\n\n" +
      "[Unit]\nAfter=mpd.service\nDescription=Beets MPDStats daemon\nRequires=mpd.service\n",
  );
});
