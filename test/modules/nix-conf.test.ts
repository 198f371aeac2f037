/**
 * `nix` golden cases: `nix.conf` from `nix.settings` and `nix.extraOptions`
 * (header, name order, how each kind of value is spelled, the package
 * requirement), `NIX_PATH` from `nix.nixPath` with and without the old
 * value, `registry.json`, the remote builders' `machines` file and the
 * `builders` setting, declarative channels and where they go with and
 * without the XDG base directories, and `nix.useXdg`.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

/** A Nix package of a known version, independent of the package backend. */
const nixPkg = (version: string) =>
  `nix.package = { type = "derivation"; name = "nix-${version}"; version = "${version}"; outPath = "/opt/nix-${version}"; };`;

const HEADER =
  "# WARNING: this file is generated from the nix.settings option in\n" +
  "# your Home Manager configuration at $XDG_CONFIG_HOME/nix/nix.conf.\n" +
  "# Do not edit it!\n";

test("nix.conf: settings in name order, each kind of value as Nix reads it, then extraOptions", () => {
  const g = new Case().gen(`${nixPkg("2.24.9")}
  nix.settings = {
    sandbox = false;
    cores = 4;
    ratio = 0.5;
    nothing = null;
    "odd=key" = "v";
    trusted-users = [ "root" "@wheel" ];
    flags = [ true false 2 ];
    substituters = "https://cache.example.org";
  };
  nix.extraOptions = ''
    keep-outputs = true
  '';`);
  assert.equal(
    textAt(g, ".config/nix/nix.conf"),
    HEADER +
      "cores = 4\nflags = 1  2\nnothing = \nodd\\=key = v\nratio = 0.500000\nsandbox = false\n" +
      "substituters = https://cache.example.org\ntrusted-users = root @wheel\nkeep-outputs = true\n\n",
  );
});

test("nix.conf: extraOptions alone make the file; nothing set makes none", () => {
  const c = new Case();
  const g = c.gen(`${nixPkg("2.24.9")} nix.extraOptions = "max-jobs = 2";`);
  assert.equal(textAt(g, ".config/nix/nix.conf"), HEADER + "\nmax-jobs = 2\n");
  const none = c.gen(nixPkg("2.24.9"));
  assert.ok(!targets(none).some((t) => t.startsWith(".config/nix")));
});

test("nix.conf needs nix.package", () => {
  const msg = new Case().error(`nix.settings.sandbox = true;`).replace(/\n\s+/g, "\n");
  assert.ok(
    msg.includes("Failed assertions:\n- A corresponding Nix package must be specified via `nix.package` for generating\nnix.conf.\n"),
    msg,
  );
});

test("nixPath: in front of the old NIX_PATH, or replacing it", () => {
  const c = new Case();
  assert.equal(
    c.gen(`nix.nixPath = [ "nixpkgs=/src/nixpkgs" "/x" ];`).sessionVariables!.NIX_PATH,
    "nixpkgs=/src/nixpkgs:/x${NIX_PATH:+:$NIX_PATH}",
  );
  assert.equal(c.gen(`nix.nixPath = [ "/only" ]; nix.keepOldNixPath = false;`).sessionVariables!.NIX_PATH, "/only");
  assert.equal(c.gen("").sessionVariables!.NIX_PATH, undefined);
});

test("registry.json: the default `from`, an explicit `to`, and a flake's path and revision", () => {
  const g = new Case().gen(`
  nix.registry.stable.to = { type = "github"; owner = "NixOS"; repo = "nixpkgs"; ref = "nixos-24.11"; };
  nix.registry.pinned = {
    exact = false;
    from = { type = "indirect"; id = "pin"; };
    flake = { outPath = "/src/pinned"; rev = "abc123"; lastModified = 1700000000; description = "left out"; };
  };`);
  assert.equal(
    textAt(g, ".config/nix/registry.json"),
    `{
  "flakes": [
    {
      "exact": false,
      "from": {
        "id": "pin",
        "type": "indirect"
      },
      "to": {
        "lastModified": 1700000000,
        "path": "/src/pinned",
        "rev": "abc123",
        "type": "path"
      }
    },
    {
      "exact": true,
      "from": {
        "id": "stable",
        "type": "indirect"
      },
      "to": {
        "owner": "NixOS",
        "ref": "nixos-24.11",
        "repo": "nixpkgs",
        "type": "github"
      }
    }
  ],
  "version": 2
}
`,
  );
});

test("buildMachines: the machines file, with host keys from Nix 2.4; distributedBuilds sets builders", () => {
  const c = new Case();
  const machines = `nix.buildMachines = [
    { hostName = "big.example.org"; protocol = "ssh-ng"; sshUser = "builder"; systems = [ "x86_64-linux" "i686-linux" ];
      maxJobs = 8; speedFactor = 2; supportedFeatures = [ "kvm" ]; mandatoryFeatures = [ "big-parallel" ]; publicHostKey = "S0VZ"; }
    { hostName = "localhost"; protocol = null; }
  ];`;
  const g = c.gen(`${nixPkg("2.18.1")} nix.distributedBuilds = true; ${machines}`);
  assert.equal(
    textAt(g, ".config/nix/machines"),
    "ssh-ng://builder@big.example.org x86_64-linux,i686-linux - 8 2 kvm,big-parallel big-parallel S0VZ\n" + "localhost  - 1 1 - - -\n",
  );
  assert.ok(textAt(g, ".config/nix/nix.conf").includes(`\nbuilders = @${c.home}/.config/nix/machines\n`));
  const old = c.gen(`${nixPkg("2.3.16")} ${machines}`);
  assert.equal(textAt(old, ".config/nix/machines").split("\n")[1], "localhost  - 1 1 - -");
  assert.ok(!targets(old).includes(".config/nix/nix.conf"));
});

test("channels: each linked under ~/.nix-defexpr/50-home-manager, which goes on NIX_PATH", () => {
  const c = new Case();
  const g = c.gen(`nix.channels.mine = pkgs.writeTextDir "default.nix" "{ }";`);
  assert.equal(fs.readFileSync(path.join(fileAt(g, ".nix-defexpr/50-home-manager/mine").source!, "default.nix"), "utf8"), "{ }");
  assert.equal(g.sessionVariables!.NIX_PATH, `${c.home}/.nix-defexpr/50-home-manager\${NIX_PATH:+:$NIX_PATH}`);
  const xdg = c.gen(`nix.channels.mine = pkgs.writeTextDir "default.nix" "{ }"; nix.assumeXdg = true;`);
  assert.ok(targets(xdg).includes(".local/state/nix/defexpr/50-home-manager/mine"));
  assert.equal(xdg.sessionVariables!.NIX_PATH, `${c.home}/.local/state/nix/defexpr/50-home-manager\${NIX_PATH:+:$NIX_PATH}`);
});

test("useXdg: assumed, or from use-xdg-base-directories of an enabled configuration; not both", () => {
  const c = new Case();
  const useXdg = (body: string) => {
    c.homeNix(body);
    return c.json(c.evaluate(), "nix.useXdg");
  };
  assert.equal(useXdg(""), false);
  assert.equal(useXdg("nix.assumeXdg = true;"), true);
  assert.equal(useXdg(`${nixPkg("2.24.9")} nix.settings.use-xdg-base-directories = true;`), true);
  assert.equal(useXdg(`${nixPkg("2.24.9")} nix.enable = false; nix.settings.use-xdg-base-directories = true;`), false);
  assert.match(
    c.error(`${nixPkg("2.24.9")} nix.assumeXdg = true; nix.settings.use-xdg-base-directories = true;`),
    /`nix.assumeXdg` should not be set if `nix.settings.use-xdg-base-directories` is./,
  );
});

test("nix.gc: a oneshot service running nix-collect-garbage of nix.package, and its timer", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  const g = c.gen(`${nixPkg("2.24.9")}
  nix.gc = { automatic = true; dates = [ "weekly" "Sat 03:00" ]; options = "--delete-older-than 14d"; persistent = false; };`);
  const service = textAt(g, ".config/systemd/user/nix-gc.service");
  const script = /^ExecStart=(\S+-nix-gc)$/m.exec(service)![1]!;
  assert.equal(service, `[Service]\nExecStart=${script}\nType=oneshot\n\n[Unit]\nDescription=Nix Garbage Collector\n`);
  assert.match(fs.readFileSync(script, "utf8"), /^#!\S+\nexec \/opt\/nix-2\.24\.9\/bin\/nix-collect-garbage --delete-older-than 14d\n$/);
  assert.equal(
    textAt(g, ".config/systemd/user/nix-gc.timer"),
    "[Install]\nWantedBy=timers.target\n\n[Timer]\nOnCalendar=weekly\nOnCalendar=Sat 03:00\nPersistent=false\n" +
      "RandomizedDelaySec=0\nUnit=nix-gc.service\n\n[Unit]\nDescription=Nix Garbage Collector\n",
  );
  assert.ok(targets(g).includes(".config/systemd/user/timers.target.wants/nix-gc.timer"));
});

test("nix.gc: pkgs.nix without nix.package; the old frequency option still works, with a warning", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  const g = c.gen(`nix.gc = { automatic = true; frequency = "monthly"; };`);
  const script = /^ExecStart=(\S+)$/m.exec(textAt(g, ".config/systemd/user/nix-gc.service"))![1]!;
  assert.match(fs.readFileSync(script, "utf8"), /\nexec @nix@\/bin\/nix-collect-garbage \n$/);
  assert.ok(textAt(g, ".config/systemd/user/nix-gc.timer").includes("\nOnCalendar=monthly\n"));
  assert.ok(
    c.warnings.some((w) => w.includes("The option `nix.gc.frequency' defined in") && w.includes("has been changed to `nix.gc.dates'")),
  );
  assert.ok(!targets(new Case().gen(`nix.gc.options = "-d";`)).some((t) => t.includes("nix-gc")));
});
