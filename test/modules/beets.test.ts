/**
 * `programs.beets` golden cases: the YAML configuration, the legacy
 * enable-by-settings default before state version 19.03, the mpd plugins'
 * settings and the `beets-mpdstats` user service.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

// The module's plugin definitions come before the user's, as with nixpkgs' module system.
test("beets: settings as YAML, mpdupdate and mpdstats with a service", () => {
  const c = stub();
  const g = c.gen(`
  programs.beets = {
    enable = true;
    settings = { directory = "~/Music"; import.move = true; plugins = [ "fetchart" ]; };
    mpdIntegration = { enableStats = true; enableUpdate = true; host = "music.local"; port = 6601; };
  };`);
  assert.equal(
    textAt(g, ".config/beets/config.yaml"),
    `%YAML 1.1
---
directory: ~/Music
import:
  move: true
mpd:
  host: music.local
  port: 6601
plugins:
- mpdstats
- mpdupdate
- fetchart
`,
  );
  const unit = textAt(g, ".config/systemd/user/beets-mpdstats.service");
  assert.match(
    unit,
    /^\[Install\]\nWantedBy=default.target\n\n\[Service\]\nExecStart=\S+\/bin\/beet mpdstats\n\n\[Unit\]\nDescription=Beets MPDStats daemon\n$/,
  );
});

test("beets: enabled by settings before 19.03 only", () => {
  const legacy = stub().gen(`  programs.beets.settings.directory = "~/Music";`, { stateVersion: "18.09" });
  assert.equal(textAt(legacy, ".config/beets/config.yaml"), "%YAML 1.1\n---\ndirectory: ~/Music\n");
  const current = stub().gen(`  programs.beets.settings.directory = "~/Music";`, { stateVersion: "19.03" });
  assert.ok(!targets(current).includes(".config/beets/config.yaml"));
});
