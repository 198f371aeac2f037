/**
 * `programs.ssh` golden cases: the `~/.ssh/config` text for the old default
 * `"*"` block, for `settings` (DAG order, literal and explicit headers,
 * comma and space lists, repeated directives, forwards, `SetEnv` escaping,
 * `IgnoreUnknown` first, overrides, includes, `extraConfig`), for the
 * deprecated `matchBlocks` and renamed top-level options, and the
 * assertions and warnings with their exact texts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, textAt } from "./harness.js";

/** Packages are stand-ins (`@name@` out paths), as in Home Manager's own tests. */
const STUB = { HOME_MANAGER_PACKAGES: "stub" };

const DEFAULTS_WARNING =
  "trace: warning: `programs.ssh` default values will be removed in the future.\n" +
  "Consider setting `programs.ssh.enableDefaultConfig` to false,\n" +
  "and manually set the default values you want to keep at\n" +
  '`programs.ssh.settings."*"`.\n';

const OLD_DEFAULTS = `Host *
  AddKeysToAgent no
  Compression no
  ControlMaster no
  ControlPath ~/.ssh/master-%r@%n:%p
  ControlPersist no
  ForwardAgent no
  HashKnownHosts no
  ServerAliveCountMax 3
  ServerAliveInterval 0
  UserKnownHostsFile ~/.ssh/known_hosts
`;

test('ssh: enabling gives the old defaults in a "*" block, with a warning', () => {
  const c = new Case(STUB);
  const g = c.gen(`  programs.ssh.enable = true;`);
  assert.equal(textAt(g, ".ssh/config"), OLD_DEFAULTS);
  assert.deepEqual(c.warnings, [DEFAULTS_WARNING]);
});

test('ssh: settings blocks in DAG order, overrides and includes first, the "*" block and extraConfig last', () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.ssh = {
    enable = true;
    enableDefaultConfig = false;
    includes = [ "~/.ssh/config.d/*" ];
    extraOptionOverrides = { StrictHostKeyChecking = "ask"; VisualHostKey = true; };
    extraConfig = "LogLevel INFO\\nTCPKeepAlive yes\\n";
    settings = {
      "*" = { ServerAliveInterval = 30; };
      work = {
        HostName = "work.example.com";
        Port = 2222;
        User = "me";
        IdentityFile = [ "~/.ssh/work" "~/.ssh/work-old" ];
        ProxyJump = [ "jump1" "jump2" ];
        SendEnv = [ "LANG" "LC_*" ];
        SetEnv = { EDITOR = "vim"; MSG = "say \\"hi\\" \\\\o/"; };
        LocalForward = [ { bind.port = 5432; host.address = "db.internal"; host.port = 5432; } "8000 localhost:80" ];
        RemoteForward = { bind.address = "/run/user/1000/gnupg/S.gpg-agent"; host.address = "/run/user/1000/gnupg/S.gpg-agent.extra"; };
        DynamicForward = [ { port = 1080; } ];
        IgnoreUnknown = "UseKeychain";
        UseKeychain = true;
        ForwardAgent = false;
      };
      "Match host *.lan exec \\"true\\"" = lib.hm.dag.entryAfter [ "work" ] { User = "lan"; };
      early = lib.hm.dag.entryBefore [ "work" ] { header = "Host early early.example.com"; Compression = true; };
    };
  };`);
  assert.equal(
    textAt(g, ".ssh/config"),
    `StrictHostKeyChecking ask
VisualHostKey yes
Include ~/.ssh/config.d/*

Host early early.example.com
  Compression yes

Host work
  IgnoreUnknown UseKeychain
  DynamicForward [localhost]:1080
  ForwardAgent no
  HostName work.example.com
  IdentityFile ~/.ssh/work
  IdentityFile ~/.ssh/work-old
  LocalForward [localhost]:5432 [db.internal]:5432
  LocalForward 8000 localhost:80
  Port 2222
  ProxyJump jump1,jump2
  RemoteForward /run/user/1000/gnupg/S.gpg-agent /run/user/1000/gnupg/S.gpg-agent.extra
  SendEnv LANG LC_*
  SetEnv EDITOR="vim" MSG="say \\"hi\\" \\\\o/"
  UseKeychain yes
  User me

Match host *.lan exec "true"
  User lan

Host *
  ServerAliveInterval 30

  LogLevel INFO
  TCPKeepAlive yes
`,
  );
  assert.deepEqual(c.warnings, []);
});

test("ssh: deprecated matchBlocks become settings blocks, with warnings", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.ssh = {
    enable = true;
    enableDefaultConfig = false;
    matchBlocks = {
      legacy = {
        hostname = "legacy.example.org";
        user = "old";
        port = 2200;
        identityFile = "~/.ssh/legacy";
        identitiesOnly = true;
        forwardX11 = true;
        checkHostIP = false;
        proxyCommand = "nc -x proxy:1080 %h %p";
        localForwards = [ { bind.port = 8080; host.address = "10.0.0.1"; host.port = 80; } ];
        dynamicForwards = [ { address = "127.0.0.1"; port = 1080; } ];
        remoteForwards = [ { bind.port = 9000; host.port = 22; } ];
        setEnv = { A = 1; };
        extraOptions = { Tunnel = "yes"; };
      };
      both = lib.hm.dag.entryBefore [ "legacy" ] { host = "h"; match = "host m"; addressFamily = "inet"; };
    };
  };`);
  assert.equal(
    textAt(g, ".ssh/config"),
    `Match host m
  AddressFamily inet

Host legacy
  CheckHostIP no
  DynamicForward [127.0.0.1]:1080
  ForwardX11 yes
  HostName legacy.example.org
  IdentitiesOnly yes
  IdentityFile ~/.ssh/legacy
  LocalForward [localhost]:8080 [10.0.0.1]:80
  Port 2200
  ProxyCommand nc -x proxy:1080 %h %p
  RemoteForward [localhost]:9000 22
  SetEnv A="1"
  User old
  Tunnel yes

`,
  );
  const file = `\`${c.configDir}/home.nix'`;
  assert.deepEqual(c.warnings, [
    `trace: warning: \`programs.ssh.matchBlocks\` defined in ${file} is deprecated. Use \`programs.ssh.settings\`.\n`,
    "trace: warning: The SSH config match block `programs.ssh.matchBlocks.both` sets both of the host and match options.\nThe match option takes precedence.",
    `trace: warning: \`programs.ssh.matchBlocks.legacy.extraOptions\` defined in ${file} is deprecated. Move these OpenSSH options to \`programs.ssh.settings.legacy\` using upstream directive names.\n`,
  ]);
});

test('ssh: the old top-level options are renamed into the "*" block', () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.ssh = {
    enable = true;
    enableDefaultConfig = false;
    forwardAgent = true;
    controlPersist = "5m";
  };`);
  assert.equal(textAt(g, ".ssh/config"), "Host *\n  ControlPersist 5m\n  ForwardAgent yes\n");
  const file = `\`${c.configDir}/home.nix'`;
  assert.deepEqual(c.warnings, [
    `trace: warning: The option \`programs.ssh.controlPersist' defined in ${file} has been renamed to \`programs.ssh.settings.*.ControlPersist'.`,
    `trace: warning: The option \`programs.ssh.forwardAgent' defined in ${file} has been renamed to \`programs.ssh.settings.*.ForwardAgent'.`,
  ]);
});

test("ssh: nothing configured gives an empty file", () => {
  const g = new Case(STUB).gen(`  programs.ssh = { enable = true; enableDefaultConfig = false; };`);
  assert.equal(textAt(g, ".ssh/config"), "");
});

test("ssh: a socket path with a port fails an assertion", () => {
  const err = new Case(STUB).error(`
  programs.ssh = {
    enable = true;
    enableDefaultConfig = false;
    settings.s.LocalForward = [ { bind.address = "/tmp/sock"; bind.port = 1; host.port = 2; } ];
  };`);
  assert.match(err, /Failed assertions:\n\s*- Forwarded paths cannot have ports\.$/);
});

test('ssh: extraConfig needs a "*" block', () => {
  const err = new Case(STUB).error(`
  programs.ssh = { enable = true; enableDefaultConfig = false; extraConfig = "LogLevel INFO"; };`);
  assert.ok(
    err.includes('- Cannot set `programs.ssh.extraConfig` if `programs.ssh.settings."*"` (default host config) is not declared.'),
    err,
  );
});

test("ssh: extraOptions inside settings is refused, naming the files", () => {
  const c = new Case(STUB);
  const err = c.error(`
  programs.ssh = { enable = true; enableDefaultConfig = false; settings.x.extraOptions = { User = "u"; }; };`);
  assert.ok(
    err.includes(
      "- `programs.ssh.settings.*.extraOptions` defined in `modules/programs/ssh.ts' and `@HOME@/.config/home-manager/home.nix' is not supported. " +
        "Move these OpenSSH options directly into `programs.ssh.settings.*` using upstream directive names.\n",
    ),
    err,
  );
});

test("ssh: a dependency cycle between blocks is an error", () => {
  const err = new Case(STUB).error(`
  programs.ssh = {
    enable = true;
    enableDefaultConfig = false;
    settings.a = lib.hm.dag.entryAfter [ "b" ] { User = "a"; };
    settings.b = lib.hm.dag.entryAfter [ "a" ] { User = "b"; };
  };`);
  assert.match(err, /Dependency cycle in SSH match blocks: /);
});

test("ssh: package is installed only when set", () => {
  const c = new Case(STUB);
  c.homeNix(`  programs.ssh = { enable = true; enableDefaultConfig = false; package = pkgs.openssh; };`);
  const ev = c.evaluate();
  const names = (c.json(ev, "home.packages") as unknown[]).length;
  c.homeNix(`  programs.ssh = { enable = true; enableDefaultConfig = false; };`);
  const without = (c.json(c.evaluate(), "home.packages") as unknown[]).length;
  assert.equal(names, without + 1);
});
