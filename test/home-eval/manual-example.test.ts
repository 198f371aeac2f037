/**
 * The manual's "Configuration Example" end to end: the `home.nix` of the
 * manual verbatim (only `home.username`/`home.homeDirectory` point at a
 * scratch home) switched with the real `home-manager` command. Checks what
 * Home Manager produces for it: htop, fortune, home-manager and an Emacs
 * built by `emacsWithPackages` (with nix-mode and magit) in the profile;
 * `~/.gnupg/gpg-agent.conf`; the gpg-agent service and its sockets (and the
 * `sockets.target.wants` links); and, for SSH support, the ssh socket and
 * the `set-SSH_AUTH_SOCK` service. Packages come from real Nix, out of the example package set (examples/nixpkgs).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { after, test } from "node:test";
import { Home } from "./helpers.js";

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));

/** The manual's example, verbatim but for the user and home directory. */
const EXAMPLE = `{ config, pkgs, ... }:

{
  # Home Manager needs a bit of information about you and the
  # paths it should manage.
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";

  # Packages that should be installed to the user profile.
  home.packages = [
    pkgs.htop
    pkgs.fortune
  ];

  # This value determines the Home Manager release that your
  # configuration is compatible with. This helps avoid breakage
  # when a new Home Manager release introduces backwards
  # incompatible changes.
  #
  # You can update Home Manager without changing this value. See
  # the Home Manager release notes for a list of state version
  # changes in each release.
  home.stateVersion = "24.11";

  # Let Home Manager install and manage itself.
  programs.home-manager.enable = true;

  programs.emacs = {
    enable = true;
    extraPackages = epkgs: [
      epkgs.nix-mode
      epkgs.magit
    ];
  };

  services.gpg-agent = {
    enable = true;
    defaultCacheTtl = 1800;
    enableSshSupport = true;
  };
}
`;

test("the manual's Configuration Example: home-manager switch", () => {
  const h = new Home();
  homes.push(h);
  h.config(EXAMPLE);
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(r.stderr, "");

  // Packages: the profile has htop, fortune, home-manager, gnupg (gpg-agent uses programs.gpg.package but does not
  // install it, as in Home Manager) and an Emacs built by emacsWithPackages.
  const bin = fs.readdirSync(h.p(".nix-profile/bin")).sort();
  assert.deepEqual(bin, ["emacs", "fortune", "home-manager", "htop"]);
  // Real programs, built by real Nix from the example package set.
  const run = (p: string) => spawnSync(h.p(p), { encoding: "utf8" }).stdout;
  assert.equal(run(".nix-profile/bin/htop"), "htop 3.3.0 (stable)\n");
  assert.equal(run(".nix-profile/bin/emacs"), "emacs 30.1 (stable)\n");
  assert.match(fs.realpathSync(h.p(".nix-profile/bin/htop")), /^\/nix\/store\/[a-z0-9]{32}-htop-3\.3\.0\/bin\/htop$/);
  // emacsWithPackages: Emacs with nix-mode and magit on its load path.
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/share/emacs/site-lisp")).sort(), ["magit.el", "nix-mode.el"]);

  // gpg-agent.conf, exactly.
  assert.equal(h.read(".gnupg/gpg-agent.conf"), "enable-ssh-support\ngrab\ndefault-cache-ttl 1800\n");

  // The units, exactly (the gnupg path is the stand-in's).
  const service = h.read(".config/systemd/user/gpg-agent.service");
  const gnupg = /^ExecReload=(.*)\/bin\/gpgconf --reload gpg-agent$/m.exec(service)![1]!;
  assert.match(gnupg, /^\/nix\/store\/[a-z0-9]{32}-gnupg-2\.4\.5$/);
  assert.equal(
    service,
    `[Service]
Environment=GNUPGHOME=${h.home}/.gnupg
ExecReload=${gnupg}/bin/gpgconf --reload gpg-agent
ExecStart=${gnupg}/bin/gpg-agent --supervised

[Unit]
After=gpg-agent.socket
Description=GnuPG cryptographic agent and passphrase cache
Documentation=man:gpg-agent(1)
RefuseManualStart=true
Requires=gpg-agent.socket
`,
  );
  const socket = (fd: string, listen: string, desc: string, docs: string) => `[Install]
WantedBy=sockets.target

[Socket]
DirectoryMode=0700
FileDescriptorName=${fd}
ListenStream=${listen}
Service=gpg-agent.service
SocketMode=0600

[Unit]
Description=${desc}
Documentation=${docs}
`;
  const std = socket("std", "%t/gnupg/S.gpg-agent", "GnuPG cryptographic agent and passphrase cache", "man:gpg-agent(1)");
  const ssh = socket(
    "ssh",
    "%t/gnupg/S.gpg-agent.ssh",
    "GnuPG cryptographic agent (ssh-agent emulation)",
    "man:gpg-agent(1) man:ssh-add(1) man:ssh-agent(1) man:ssh(1)",
  );
  assert.equal(h.read(".config/systemd/user/gpg-agent.socket"), std);
  assert.equal(h.read(".config/systemd/user/gpg-agent-ssh.socket"), ssh);
  assert.equal(h.read(".config/systemd/user/sockets.target.wants/gpg-agent.socket"), std);
  assert.equal(h.read(".config/systemd/user/sockets.target.wants/gpg-agent-ssh.socket"), ssh);
  assert.equal(h.exists(".config/systemd/user/gpg-agent-extra.socket"), false);

  // SSH support: the service that exports SSH_AUTH_SOCK to systemd and D-Bus.
  const setSock = h.read(".config/systemd/user/set-SSH_AUTH_SOCK.service");
  assert.match(
    setSock,
    /^\[Install\]\nWantedBy=default\.target\n\n\[Service\]\nExecStart=\S+-set-SSH_AUTH_SOCK\nType=oneshot\n\n\[Unit\]\nDescription=Sets SSH_AUTH_SOCK in the D-BUS daemon and systemd\n$/,
  );
  const script = fs.readFileSync(/^ExecStart=(.*)$/m.exec(setSock)![1]!, "utf8");
  assert.ok(script.includes(`  export SSH_AUTH_SOCK="$(${gnupg}/bin/gpgconf --list-dirs agent-ssh-socket)"\n`), script);
  assert.match(script, /\/bin\/dbus-update-activation-environment --systemd SSH_AUTH_SOCK\n\n$/);
  assert.ok(h.exists(".config/systemd/user/default.target.wants/set-SSH_AUTH_SOCK.service"));

  // The user manager is offline in the scratch home: the sockets and the service are suggested.
  assert.ok(r.stdout.includes("systemctl --user start"), r.stdout);
  // gpg-agent does not set GNUPGHOME unless programs.gpg is enabled.
  assert.equal(h.read(".nix-profile/etc/profile.d/hm-session-vars.sh").includes("GNUPGHOME"), false);
});

test("the example with programs.gpg on: ~/.gnupg made private, gpg.conf linked, GNUPGHOME set", () => {
  const h = new Home();
  homes.push(h);
  h.config(EXAMPLE.replace("  services.gpg-agent = {", "  programs.gpg.enable = true;\n\n  services.gpg-agent = {"));
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.ok(r.stdout.includes("Activating createGpgHomedir"), r.stdout);
  assert.equal(fs.statSync(h.p(".gnupg")).mode & 0o777, 0o700);
  assert.ok(fs.lstatSync(h.p(".gnupg/gpg.conf")).isSymbolicLink());
  assert.match(h.read(".gnupg/gpg.conf"), /^cert-digest-algo SHA512\n/);
  assert.equal(h.read(".gnupg/gpg-agent.conf"), "enable-ssh-support\ngrab\ndefault-cache-ttl 1800\n");
  assert.ok(h.read(".nix-profile/etc/profile.d/hm-session-vars.sh").includes(`export GNUPGHOME="${h.home}/.gnupg"\n`));
  assert.ok(fs.readdirSync(h.p(".nix-profile/bin")).includes("gpg"));
});
