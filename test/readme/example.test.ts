/**
 * README's first command must stay true: `scripts/example.sh` (what
 * `npm run example` runs after building) switches examples/home.nix into the
 * scratch home `./.example-home` with the real bundled command, switches again
 * with nothing to do, and lists the generation.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

test("README: npm run example switches the bundled example into a scratch home", () => {
  const r = spawnSync("bash", [join(ROOT, "scripts/example.sh")], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const home = join(ROOT, ".example-home");
  assert.match(readFileSync(join(home, ".hello"), "utf8"), /^Hello from Home Manager in TypeScript, .+!\n$/);
  assert.equal(readFileSync(join(home, ".config/example/settings.ini"), "utf8"), "[general]\ngreeting=hello\nverbose=true\n");
  assert.ok(existsSync(join(home, ".config/systemd/user/example.service")));
  assert.equal(readFileSync(join(home, ".gnupg/gpg-agent.conf"), "utf8"), "enable-ssh-support\ngrab\ndefault-cache-ttl 1800\n");
  assert.ok(existsSync(join(home, ".config/systemd/user/gpg-agent.socket")));
  assert.ok(existsSync(join(home, ".nix-profile/bin/emacs")));
  // With Nix (CI installs it): real programs from the example package set, built by Nix.
  assert.match(realpathSync(join(home, ".nix-profile/bin/htop")), /^\/nix\/store\/[a-z0-9]{32}-htop-3\.3\.0\/bin\/htop$/);
  assert.match(r.stdout, /\nhtop 3\.3\.0 \(stable\)\n/);
  assert.match(r.stdout, /No change so reusing latest profile generation/);
  assert.match(r.stdout, /: id 1 -> .*-home-manager-generation \(current\)/);
});
