/**
 * `programs.gpg` and `services.gpg-agent` golden cases, mirroring Home
 * Manager's `tests/modules/programs/gpg` (`override-defaults`,
 * `other-settings`) and `tests/modules/services/gpg-agent`
 * (`default-homedir`, `override-homedir`, `pinentry-program`,
 * `ssh-support`), plus the full texts of the agent's units and of
 * `gpg-agent.conf`, `sshcontrol` and the `set-SSH_AUTH_SOCK` service.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { packageRoot } from "../../src/nix/package-root.js";
import { Case, fileAt, targets, textAt } from "./harness.js";
import { hexToZBase32 } from "../../src/modules/services/gpg-agent.js";

/** Lines writing the stand-in out path of each `pkgs.<name>` (Home Manager's `@name@`) to `stub/<name>`. */
function stubs(...names: string[]): string {
  return names.map((n) => `\n  home.file."stub/${n}".text = "\${pkgs.${n}}";`).join("");
}

/** The stand-in out path written by `stubs`. */
function stubPath(g: ReturnType<Case["gen"]>, name: string): string {
  return textAt(g, `stub/${name}`);
}

test("gpg override-defaults: settings over the defaults, in a homedir of its own", () => {
  const c = new Case();
  const g = c.gen(`
  programs.gpg = {
    enable = true;
    settings = {
      no-comments = false;
      s2k-cipher-algo = "AES128";
      throw-keyids = true;
      trusted-key = [ "0xXXXXXXXXXXXXX" "0xYYYYYYYYYYYYY" ];
    };
    homedir = "\${config.home.homeDirectory}/bar/foopg";
  };`);
  assert.equal(
    textAt(g, "bar/foopg/gpg.conf"),
    `cert-digest-algo SHA512
default-preference-list SHA512 SHA384 SHA256 AES256 AES192 AES ZLIB BZIP2 ZIP Uncompressed
display-charset utf-8
keyid-format 0xlong
list-options show-uid-validity

no-emit-version
no-symkey-cache
personal-cipher-preferences AES256 AES192 AES
personal-compress-preferences ZLIB BZIP2 ZIP Uncompressed
personal-digest-preferences SHA512 SHA384 SHA256
require-cross-certification
s2k-cipher-algo AES128
s2k-digest-algo SHA512
throw-keyids
trusted-key 0xXXXXXXXXXXXXX
trusted-key 0xYYYYYYYYYYYYY
verify-options show-uid-validity
with-fingerprint
`,
  );
  assert.ok(!targets(g).some((t) => t.endsWith("scdaemon.conf")));
});

test("gpg other-settings: scdaemon, dirmngr and gpgsm files", () => {
  const g = new Case().gen(`
  programs.gpg = {
    enable = true;
    scdaemonSettings = {
      disable-ccid = true;
      reader-port = "32769";
      application-priority = "openpgp p15 sc-hsm nks geldkarte dinsig";
    };
    dirmngrSettings = { use-tor = true; keyserver = "ldaps://ldap.example.com"; };
    gpgsmSettings = { cipher-algo = "AES256"; with-md5-fingerprint = true; validation-model = "steed"; };
  };`);
  assert.equal(
    textAt(g, ".gnupg/scdaemon.conf"),
    "application-priority openpgp p15 sc-hsm nks geldkarte dinsig\ndisable-ccid\nreader-port 32769\n",
  );
  assert.equal(textAt(g, ".gnupg/dirmngr.conf"), "keyserver ldaps://ldap.example.com\nuse-tor\n");
  assert.equal(textAt(g, ".gnupg/gpgsm.conf"), "cipher-algo AES256\nvalidation-model steed\nwith-md5-fingerprint\n");
});

test("gpg: package installed, GNUPGHOME set, homedir created at activation", () => {
  const c = new Case();
  c.homeNix(`  programs.gpg.enable = true;`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { GNUPGHOME: `${c.home}/.gnupg` });
  const packages = c.json(ev, "home.packages") as string[];
  assert.equal(packages.length, 1);
  assert.equal(packages[0], "@gnupg@");
  const act = c.json(ev, "home.activation.createGpgHomedir") as { data: string; after: string[]; before: string[] };
  assert.deepEqual(act, {
    data: `run mkdir -m700 -p $VERBOSE_ARG ${c.home}/.gnupg\n`,
    after: ["writeBoundary"],
    before: ["linkGeneration"],
  });
});

test("gpg mutable keys: imported at activation, trust set", () => {
  const c = new Case();
  c.file("key.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
  c.homeNix(`
  programs.gpg = {
    enable = true;
    publicKeys = [ { source = ./key.asc; trust = "ultimate"; } { text = "KEY"; trust = 3; } { source = ./key.asc; } ];
  };${stubs("gnupg")}`);
  const ev = c.evaluate();
  const gpg = `${fs.readFileSync(fileAt(ev.generation, "stub/gnupg").source!, "utf8")}/bin/gpg`;
  const act = c.json(ev, "home.activation.importGpgKeys") as { data: string; after: string[] };
  assert.deepEqual(act.after, ["linkGeneration"]);
  assert.ok(act.data.startsWith(`export GNUPGHOME=${c.home}/.gnupg\nif [[ ! -v VERBOSE ]]; then\n`), act.data);
  // A path source is used where it is (Home Manager copies it to the store first); a text key is written to the store.
  const file = `${c.configDir}/key.asc`;
  const text = /--import (\S+-gpg-pubkey)\n/.exec(act.data)![1]!;
  assert.equal(fs.readFileSync(text, "utf8"), "KEY");
  assert.ok(
    act.data.endsWith(
      `done\n}\n\n\n` +
        `run ${gpg} $QUIET_ARG --import ${file}\nrun importTrust "${file}" 5\n` +
        `run ${gpg} $QUIET_ARG --import ${text}\nrun importTrust "${text}" 3\n` +
        `run ${gpg} $QUIET_ARG --import ${file}\nunset GNUPGHOME QUIET_ARG keyId importTrust\n`,
    ),
    act.data,
  );
  assert.deepEqual(c.warnings, []);
});

/** Our own two test keys in one armored file (fingerprints below). */
const TWO_KEYS = path.join(packageRoot(), "test/fixtures/gpg/two-keys.asc");
const FPR_ONE = "E86A6CAA6EA37AA6F4EA4B83B15701A9FC7D086E";
const FPR_TWO = "89DB4DC43F1A54C10CB41C1A3FA9958FA59CD6E5";
const hostGpg = spawnSync("gpg", ["--version"]).status === 0;

test("gpg immutable keys and trust: a keyring built by gpg, linked, its trust installed", { skip: !hostGpg && "no gpg on PATH" }, () => {
  const c = new Case();
  c.homeNix(`
  programs.gpg = {
    enable = true;
    mutableKeys = false;
    mutableTrust = false;
    publicKeys = [ { source = ${TWO_KEYS}; trust = "ultimate"; } ];
  };`);
  const ev = c.evaluate();
  const act = c.json(ev, "home.activation.importGpgKeys") as { data: string; after: string[] };
  assert.deepEqual(act.after, ["linkGeneration"]);
  // Nothing is imported at activation; the trust database comes from the keyring's build.
  const m = /^install -m 0700 (\S+-gpg-pubring)\/trustdb\.gpg "(.*)"$/.exec(act.data);
  assert.ok(m !== null, act.data);
  assert.equal(m[2], `${c.home}/.gnupg/trustdb.gpg`);
  const keyring = m[1]!;
  assert.equal(fileAt(ev.generation, ".gnupg/pubring.kbx").source, `${keyring}/pubring.kbx`);
  // Both keys of the file are in the keyring, both ultimately trusted (ownertrust 6).
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "hm-gpg-"));
  try {
    for (const f of ["pubring.kbx", "trustdb.gpg"]) fs.copyFileSync(`${keyring}/${f}`, path.join(home, f));
    fs.chmodSync(home, 0o700);
    const env = { ...process.env, GNUPGHOME: home };
    const trust = spawnSync("gpg", ["-q", "--export-ownertrust"], { env, encoding: "utf8" }).stdout;
    assert.deepEqual(
      trust.split("\n").filter((l) => !l.startsWith("#") && l !== ""),
      [`${FPR_ONE}:6:`, `${FPR_TWO}:6:`],
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  assert.deepEqual(c.warnings, []);
});

test("gpg immutable keys, mutable trust: the keyring linked, trust set at activation", { skip: !hostGpg && "no gpg on PATH" }, () => {
  const c = new Case();
  c.homeNix(`
  programs.gpg = { enable = true; mutableKeys = false; publicKeys = [ { source = ${TWO_KEYS}; trust = 2; } ];
  };${stubs("gnupg")}`);
  const ev = c.evaluate();
  const act = (c.json(ev, "home.activation.importGpgKeys") as { data: string }).data;
  assert.ok(act.endsWith(`\nrun importTrust "${TWO_KEYS}" 2\nunset GNUPGHOME QUIET_ARG keyId importTrust\n`), act);
  assert.ok(!act.includes("--import") && !act.includes("install -m"), act);
  assert.match(fileAt(ev.generation, ".gnupg/pubring.kbx").source!, /-gpg-pubring\/pubring\.kbx$/);
});

test("gpg: no keyring built for mutable keys without trust", () => {
  const c = new Case();
  const g = c.gen(`  programs.gpg = { enable = true; mutableTrust = false; publicKeys = [ { source = ${TWO_KEYS}; } ]; };`);
  assert.ok(!targets(g).includes(".gnupg/pubring.kbx"));
});

test("gpg-agent default-homedir: the units as Home Manager writes them", () => {
  const c = new Case();
  const g = c.gen(`
  services.gpg-agent.enable = true;
  services.gpg-agent.pinentryPackage = pkgs.pinentry-gnome3;
  programs.gpg.enable = true;${stubs("gnupg", "pinentry-gnome3")}`);
  const gnupg = stubPath(g, "gnupg");
  const pinentry = stubPath(g, "pinentry-gnome3");
  assert.equal(textAt(g, ".gnupg/gpg-agent.conf"), `grab\npinentry-program ${pinentry}/bin/pinentry-gnome3\n`);
  assert.equal(
    textAt(g, ".config/systemd/user/gpg-agent.service"),
    `[Service]
Environment=GNUPGHOME=${c.home}/.gnupg
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
  const socket = `[Install]
WantedBy=sockets.target

[Socket]
DirectoryMode=0700
FileDescriptorName=std
ListenStream=%t/gnupg/S.gpg-agent
Service=gpg-agent.service
SocketMode=0600

[Unit]
Description=GnuPG cryptographic agent and passphrase cache
Documentation=man:gpg-agent(1)
`;
  assert.equal(textAt(g, ".config/systemd/user/gpg-agent.socket"), socket);
  assert.equal(textAt(g, ".config/systemd/user/sockets.target.wants/gpg-agent.socket"), socket);
  assert.ok(!targets(g).some((t) => t.includes("gpg-agent-ssh") || t.includes("set-SSH_AUTH_SOCK")));
  // The renamed option warns as Home Manager's does.
  assert.ok(
    c.warnings.some((w) => w.includes("`services.gpg-agent.pinentryPackage'") && w.includes("`services.gpg-agent.pinentry.package'")),
  );
});

test("gpg-agent override-homedir: the socket under gnupg's hashed directory", () => {
  assert.equal(hexToZBase32("ffff"), "99");
  const c = new Case();
  c.homeNix(`
  services.gpg-agent.enable = true;
  programs.gpg = { enable = true; homedir = "/path/to/hash"; };`);
  const ev = c.evaluate();
  assert.equal(c.json(ev, "systemd.user.sockets.gpg-agent.Socket.ListenStream"), "%t/gnupg/d.wp4h7ks5zxy4dodqadgpbbpz/S.gpg-agent");
});

test("gpg-agent pinentry-program: a program of the pinentry package", () => {
  const c = new Case();
  const g = c.gen(`
  services.gpg-agent.enable = true;
  services.gpg-agent.pinentry = { package = pkgs.pinentry-all; program = "pinentry-qt"; };
  programs.gpg.enable = true;${stubs("pinentry-all")}`);
  const p = stubPath(g, "pinentry-all");
  assert.match(
    textAt(g, ".gnupg/gpg-agent.conf"),
    new RegExp(`^pinentry-program ${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/bin/pinentry-qt$`, "m"),
  );
});

test("gpg-agent ssh support: conf, ssh socket, sshcontrol, extra socket, set-SSH_AUTH_SOCK", () => {
  const c = new Case();
  const g = c.gen(`
  services.gpg-agent = {
    enable = true;
    enableSshSupport = true;
    enableExtraSocket = true;
    defaultCacheTtl = 1800;
    defaultCacheTtlSsh = 60;
    maxCacheTtl = 7200;
    maxCacheTtlSsh = 120;
    enableScDaemon = false;
    grabKeyboardAndMouse = false;
    noAllowExternalCache = true;
    verbose = true;
    sshKeys = [ "ABCDEF" "012345" ];
    extraConfig = "allow-loopback-pinentry";
  };${stubs("gnupg", "dbus")}`);
  const gnupg = stubPath(g, "gnupg");
  const dbus = stubPath(g, "dbus");
  assert.equal(
    textAt(g, ".gnupg/gpg-agent.conf"),
    "enable-ssh-support\ndisable-scdaemon\nno-allow-external-cache\ndefault-cache-ttl 1800\ndefault-cache-ttl-ssh 60\n" +
      "max-cache-ttl 7200\nmax-cache-ttl-ssh 120\nallow-loopback-pinentry",
  );
  assert.equal(textAt(g, ".gnupg/sshcontrol"), "ABCDEF\n012345\n");
  assert.match(textAt(g, ".config/systemd/user/gpg-agent.service"), /^ExecStart=.*\/bin\/gpg-agent --supervised --verbose$/m);
  assert.equal(
    textAt(g, ".config/systemd/user/gpg-agent-ssh.socket"),
    `[Install]
WantedBy=sockets.target

[Socket]
DirectoryMode=0700
FileDescriptorName=ssh
ListenStream=%t/gnupg/S.gpg-agent.ssh
Service=gpg-agent.service
SocketMode=0600

[Unit]
Description=GnuPG cryptographic agent (ssh-agent emulation)
Documentation=man:gpg-agent(1) man:ssh-add(1) man:ssh-agent(1) man:ssh(1)
`,
  );
  assert.match(textAt(g, ".config/systemd/user/gpg-agent-extra.socket"), /^ListenStream=%t\/gnupg\/S\.gpg-agent\.extra$/m);
  const unit = textAt(g, ".config/systemd/user/set-SSH_AUTH_SOCK.service");
  const script = /^ExecStart=(.*)$/m.exec(unit)![1]!;
  assert.equal(
    unit,
    `[Install]
WantedBy=default.target

[Service]
ExecStart=${script}
Type=oneshot

[Unit]
Description=Sets SSH_AUTH_SOCK in the D-BUS daemon and systemd
`,
  );
  assert.ok(fileAt(g, ".config/systemd/user/default.target.wants/set-SSH_AUTH_SOCK.service"));
  assert.match(
    fs.readFileSync(script, "utf8"),
    new RegExp(
      "^#!.*\\n" +
        escape(`if [ -z "$SSH_AUTH_SOCK" -o -z "$SSH_CONNECTION" ]; then
  unset SSH_AGENT_PID
  if [ "\${gnupg_SSH_AUTH_SOCK_by:-0}" -ne $$ ]; then
    export SSH_AUTH_SOCK="$(${gnupg}/bin/gpgconf --list-dirs agent-ssh-socket)"
  fi

fi

${dbus}/bin/dbus-update-activation-environment --systemd SSH_AUTH_SOCK
`) +
        // writeShellScript ends the text with a newline of its own, as nixpkgs' does.
        "\\n$",
    ),
  );
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
