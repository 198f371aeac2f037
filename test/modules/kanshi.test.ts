/**
 * Golden cases of `services.kanshi`: the ordered `settings` directives
 * (include, a global output with an alias, profiles with floats, adaptive sync
 * and a single `exec` string), the service unit with its reload trigger, and
 * the assertion against mixing `settings` with the deprecated `profiles`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

test("kanshi: settings directives in order and the service unit", () => {
  const g = new Case().gen(`
  services.kanshi = {
    enable = true;
    systemdTarget = "river-session.target";
    settings = [
      { output = { criteria = "DP-2"; alias = "big"; }; }
      { profile = {
          name = "home";
          outputs = [
            { criteria = "$big"; mode = "2560x1440@144Hz"; scale = 1.25; adaptiveSync = true; }
            { criteria = "eDP-1"; status = "disable"; transform = "90"; }
          ];
          exec = "notify-send docked";
        }; }
      { include = "~/.config/kanshi/local"; }
    ];
  };`);
  assert.equal(
    textAt(g, ".config/kanshi/config"),
    `output "DP-2" alias $big
profile home {
  output "$big" mode 2560x1440@144Hz scale 1.250000 adaptive_sync on
  output "eDP-1" disable transform 90
  exec notify-send docked
}

include "~/.config/kanshi/local"`,
  );
  assert.ok(targets(g).includes(".config/systemd/user/river-session.target.wants/kanshi.service"));
  const unit = textAt(g, ".config/systemd/user/kanshi.service");
  assert.match(unit, /^ExecStart=@kanshi@\/bin\/kanshi$/m);
  assert.match(unit, /^ExecReload=@kanshi@\/bin\/kanshictl reload$/m);
  assert.match(unit, /^Requires=river-session\.target$/m);
  assert.match(unit, /^X-Reload-Triggers=\/\S*\/[0-9a-z]{32}-hm_kanshiconfig$/m);
});

test("kanshi: settings cannot be mixed with the deprecated profiles", () => {
  const err = new Case().error(`
  services.kanshi = {
    enable = true;
    profiles.solo.outputs = [ { criteria = "*"; } ];
    settings = [ { include = "x"; } ];
  };`);
  assert.match(err, /Cannot mix kanshi\.settings with kanshi\.profiles or kanshi\.extraConfig/);
});
