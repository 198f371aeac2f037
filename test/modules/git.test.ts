/**
 * `programs.git` golden cases: the main configuration file (settings merged
 * across definitions, signing defaults by state version, LFS, maintenance,
 * hooks, includes with generated files, ordered list fragments), the
 * ignore and attributes files, the maintenance units, and the warnings of
 * the renamed options. Expected texts were written for these configurations
 * by hand from git-config's syntax as `lib.generators.toGitINI` renders it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

/** `home.file."stub/<name>".text` lines holding Nix expressions' string values (package paths differ per backend). */
function probes(exprs: Readonly<Record<string, string>>): string {
  return Object.entries(exprs)
    .map(([name, e]) => `\n  home.file."probe/${name}".text = ${e};`)
    .join("");
}

/** A case with the stub package backend (packages are `@pname@`-style stand-ins, builders need no Nix). */
const stubCase = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

const probe = (g: ReturnType<Case["gen"]>, name: string) => textAt(g, `probe/${name}`);

test("git: settings merged across definitions, ignores, attributes and includes", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = lib.mkMerge [
    {
      enable = true;
      signing.format = null;
      settings = {
        core.editor = "vi";
        alias = { lg = "log --graph"; br = "branch"; quote = "say \\"hi\\"\\tthere\\\\"; };
        url."git@example.org:".insteadOf = [ "https://example.org/" ];
        color.ui = true;
        pack.threads = 4;
      };
      ignores = [ ".direnv/" "result" ];
      attributes = [ "*.lock -diff" ];
      includes = [
        { path = "~/work.inc"; condition = "gitdir:~/work/"; }
        { path = "/etc/gitconfig.extra"; }
        { contents.user.email = "me@work.example"; condition = "hasconfig:remote.*.url:*work*"; contentSuffix = "work-id"; }
      ];
    }
    {
      settings.alias.br = lib.mkForce "branch -vv";
      settings.url."git@example.org:".insteadOf = [ "ssh://example.org/" ];
      settings.core.pager."less -R" = "unused";
    }
  ];`);
  const text = textAt(g, ".config/git/config");
  const generated = /\[includeIf "hasconfig:remote\.\*\.url:\*work\*"\]\n\tpath = "([^"]+)"\n$/.exec(text);
  assert.ok(generated, text);
  assert.match(generated[1]!, /-hm_workid$/);
  assert.equal(fs.readFileSync(generated[1]!, "utf8"), '[user]\n\temail = "me@work.example"\n');
  assert.equal(
    text,
    `[alias]
\tbr = "branch -vv"
\tlg = "log --graph"
\tquote = "say \\"hi\\"\\tthere\\\\"

[color]
\tui = true

[core]
\teditor = "vi"

[core "pager"]
\tless -R = "unused"

[pack]
\tthreads = 4

[url "git@example.org:"]
\tinsteadOf = "https://example.org/"
\tinsteadOf = "ssh://example.org/"

[includeIf "gitdir:~/work/"]
\tpath = "~/work.inc"

[include]
\tpath = "/etc/gitconfig.extra"

[includeIf "hasconfig:remote.*.url:*work*"]
\tpath = "${generated[1]}"
`,
  );
  assert.equal(textAt(g, ".config/git/ignore"), ".direnv/\nresult\n");
  assert.equal(textAt(g, ".config/git/attributes"), "*.lock -diff\n");
});

test("git: nothing but an empty config file when enabled with no settings (state version 25.05)", () => {
  const c = stubCase();
  const g = c.gen(`programs.git.enable = true;${probes({ git: '"${pkgs.git}"' })}`, { stateVersion: "25.05" });
  assert.equal(textAt(g, ".config/git/config"), "");
  assert.deepEqual(
    targets(g).filter((t) => t.startsWith(".config/git")),
    [".config/git/config"],
  );
  const ev = c.evaluate();
  assert.ok((c.json(ev, "home.packages") as string[]).includes(probe(g, "git")));
});

test("git: the signing format defaults to openpgp before state version 25.05, with gpg as signer", () => {
  const c = stubCase();
  const g = c.gen(`programs.git = { enable = true; signing.key = "ABCD"; };${probes({ gpg: "lib.getExe config.programs.gpg.package" })}`, {
    stateVersion: "24.11",
  });
  assert.equal(
    textAt(g, ".config/git/config"),
    `[gpg]\n\tformat = "openpgp"\n\n[gpg "openpgp"]\n\tprogram = "${probe(g, "gpg")}"\n\n[user]\n\tsigningKey = "ABCD"\n`,
  );
});

test("git: ssh and x509 signing pick ssh-keygen and gpgsm; settings win over signing", () => {
  const c = stubCase();
  const g = c.gen(
    `programs.git = {
    enable = true;
    signing = { format = "ssh"; key = "~/.ssh/id.pub"; signByDefault = false; };
    settings.tag.gpgSign = true;
  };${probes({ keygen: 'lib.getExe\' pkgs.openssh "ssh-keygen"' })}`,
    { stateVersion: "25.05" },
  );
  assert.equal(
    textAt(g, ".config/git/config"),
    `[commit]\n\tgpgSign = false\n\n[gpg]\n\tformat = "ssh"\n\n[gpg "ssh"]\n\tprogram = "${probe(g, "keygen")}"\n\n` +
      `[tag]\n\tgpgSign = true\n\n[user]\n\tsigningKey = "~/.ssh/id.pub"\n`,
  );
  const c2 = stubCase();
  const g2 = c2.gen(
    `programs.git = { enable = true; signing.format = "x509"; };${probes({ gpgsm: 'lib.getExe\' config.programs.gpg.package "gpgsm"' })}`,
  );
  assert.equal(textAt(g2, ".config/git/config"), `[gpg]\n\tformat = "x509"\n\n[gpg "x509"]\n\tprogram = "${probe(g2, "gpgsm")}"\n`);
});

test("git: list settings are fragments in order (mkBefore/mkAfter respected), empty ones dropped", () => {
  const c = stubCase();
  const g = c.gen(`
  imports = [
    { programs.git.settings = lib.mkAfter [ { push.default = "current"; } ]; }
    { programs.git.settings = lib.mkBefore [ { } { credential."https://a.example".helper = "one"; } ]; }
  ];
  programs.git = {
    enable = true;
    signing.format = null;
    settings = [ { credential."https://a.example".helper = "two"; } { } ];
  };`);
  assert.equal(
    textAt(g, ".config/git/config"),
    `[credential "https://a.example"]\n\thelper = "one"\n\n[credential "https://a.example"]\n\thelper = "two"\n\n[push]\n\tdefault = "current"\n`,
  );
});

test("git: lfs filter with skipSmudge, and the bare command when lfs.package is null", () => {
  const c = stubCase();
  const g = c.gen(
    `programs.git = { enable = true; signing.format = null; lfs = { enable = true; skipSmudge = true; }; };${probes({ lfs: "lib.getExe pkgs.git-lfs" })}`,
  );
  const lfs = probe(g, "lfs");
  assert.equal(
    textAt(g, ".config/git/config"),
    `[filter "lfs"]\n\tclean = "${lfs} clean -- %f"\n\tprocess = "${lfs} filter-process --skip"\n\trequired = true\n\tsmudge = "${lfs} smudge --skip -- %f"\n`,
  );
  const c2 = stubCase();
  const g2 = c2.gen(`programs.git = { enable = true; signing.format = null; lfs = { enable = true; package = null; }; };`);
  assert.equal(
    textAt(g2, ".config/git/config"),
    `[filter "lfs"]\n\tclean = "git-lfs clean -- %f"\n\tprocess = "git-lfs filter-process"\n\trequired = true\n\tsmudge = "git-lfs smudge -- %f"\n`,
  );
});

test("git: maintenance writes the repositories, a template service and one timer per schedule", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = {
    enable = true;
    package = null;
    signing.format = null;
    maintenance = { enable = true; repositories = [ "/src/a" "/src/b" ]; timers = { daily = "*-*-* 3:00:00"; }; };
  };`);
  assert.equal(textAt(g, ".config/git/config"), `[maintenance]\n\trepo = "/src/a"\n\trepo = "/src/b"\n`);
  assert.equal(
    textAt(g, ".config/systemd/user/git-maintenance@.service"),
    `[Service]
ExecStart="git" for-each-repo --keep-going --config=maintenance.repo maintenance run --schedule=%i

LockPersonality=yes
MemoryDenyWriteExecute=yes
NoNewPrivileges=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_VSOCK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
Type=oneshot

[Unit]
Description=Optimize Git repositories data
Documentation=man:git-maintenance(1)
`,
  );
  assert.equal(
    textAt(g, ".config/systemd/user/git-maintenance@daily.timer"),
    `[Install]\nWantedBy=timers.target\n\n[Timer]\nOnCalendar=*-*-* 3:00:00\nPersistent=true\n\n[Unit]\nDescription=Optimize Git repositories data\n`,
  );
  assert.deepEqual(
    targets(g).filter((t) => t.includes("git-maintenance")),
    [
      ".config/systemd/user/git-maintenance@.service",
      ".config/systemd/user/git-maintenance@daily.timer",
      ".config/systemd/user/timers.target.wants/git-maintenance@daily.timer",
    ],
  );
});

test("git: hooks set core.hooksPath to a linkFarm of the hook files", () => {
  const c = stubCase();
  c.file("hooks/pre-push", "#!/bin/sh\nexit 0\n");
  c.file("hooks/commit-msg", "#!/bin/sh\nexit 1\n");
  const g = c.gen(
    `programs.git = { enable = true; signing.format = null; hooks = { pre-push = ./hooks/pre-push; commit-msg = ./hooks/commit-msg; }; };` +
      probes({
        farm: `"\${pkgs.linkFarm "git-hooks" [ { name = "commit-msg"; path = ./hooks/commit-msg; } { name = "pre-push"; path = ./hooks/pre-push; } ]}"`,
      }),
  );
  assert.equal(textAt(g, ".config/git/config"), `[core]\n\thooksPath = "${probe(g, "farm")}"\n`);
});

test("git: renamed options keep working and warn", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = {
    enable = true;
    signing.format = null;
    userName = "Jane";
    aliases.s = "status";
    extraConfig.init.defaultBranch = "main";
  };`);
  assert.equal(textAt(g, ".config/git/config"), `[alias]\n\ts = "status"\n\n[init]\n\tdefaultBranch = "main"\n\n[user]\n\tname = "Jane"\n`);
  const home = `${c.configDir}/home.nix`;
  assert.deepEqual(
    c.warnings.map((w) =>
      w
        .replace(/^trace: warning: /, "")
        .split(home)
        .join("HOME_NIX"),
    ),
    [
      // In reverse order of the rename modules' imports, as nixpkgs' module system gives them.
      "The option `programs.git.aliases' defined in `HOME_NIX' has been renamed to `programs.git.settings.alias'.",
      "The option `programs.git.userName' defined in `HOME_NIX' has been renamed to `programs.git.settings.user.name'.",
      "The option `programs.git.extraConfig' defined in `HOME_NIX' has been renamed to `programs.git.settings'.",
    ],
  );
});

test("git: nothing is written when disabled", () => {
  const c = stubCase();
  const g = c.gen(`programs.git.settings.user.name = "x";`);
  assert.deepEqual(
    targets(g).filter((t) => t.includes("git")),
    [],
  );
});

test("git: at most one diff tool may take over git's diffs", () => {
  const c = stubCase();
  const err = c.error(`
  programs.delta = { enable = true; enableGitIntegration = true; };
  programs.difftastic = { enable = true; git.enable = true; };
  programs.diff-highlight.enable = true;`);
  assert.equal(
    err.replace(/^\s+/gm, ""),
    "Failed assertions:\n- Only one of the following options can be enabled at a time.\n" +
      "- `programs.delta.enableGitIntegration'\n- `programs.difftastic.git.enable'\n",
  );
});

test("git: a diff tool's git integration (delta pager, riff by its bare command)", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = { enable = true; signing.format = null; };
  programs.delta = { enable = true; enableGitIntegration = true; options = { navigate = true; decorations.file-style = "bold"; }; };${probes({ delta: "lib.getExe pkgs.delta" })}`);
  const d = probe(g, "delta");
  assert.equal(
    textAt(g, ".config/git/config"),
    `[delta]\n\tnavigate = true\n\n[delta "decorations"]\n\tfile-style = "bold"\n\n[interactive]\n\tdiffFilter = "${d} --color-only"\n\n` +
      `[pager]\n\tblame = "${d}"\n\tdiff = "${d}"\n\tlog = "${d}"\n\tshow = "${d}"\n`,
  );
  const c2 = stubCase();
  const g2 = c2.gen(
    `programs.riff = { enable = true; enableGitIntegration = true; package = pkgs.riffdiff // { meta.mainProgram = "rf"; }; };`,
    {
      stateVersion: "25.05",
    },
  );
  assert.equal(
    textAt(g2, ".config/git/config"),
    `[interactive]\n\tdiffFilter = "rf --color=on"\n\n[pager]\n\tdiff = "rf"\n\tlog = "rf"\n\tshow = "rf"\n`,
  );
});

test("git: the old programs.git.difftastic options migrate, with their warnings in Home Manager's order", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = {
    enable = true;
    signing.format = null;
    difftastic = { enable = true; enableAsDifftool = true; options.context = 2; };
  };
  programs.difftastic.package = pkgs.difftastic // { meta.mainProgram = "difft"; };${probes({ difft: "lib.getExe config.programs.difftastic.package" })}`);
  const d = probe(g, "difft");
  assert.equal(
    textAt(g, ".config/git/config"),
    `[diff]\n\texternal = "${d} '--context=2'"\n\ttool = "difftastic"\n\n[difftool "difftastic"]\n\tcmd = "${d} '--context=2' $LOCAL $REMOTE"\n`,
  );
  const home = `${c.configDir}/home.nix`;
  assert.deepEqual(
    c.warnings.map((w) =>
      w
        .replace(/^trace: warning: /, "")
        .split(home)
        .join("HOME_NIX"),
    ),
    [
      "The option `programs.git.difftastic.options' defined in `HOME_NIX' has been renamed to `programs.difftastic.options'.",
      "The option `programs.git.difftastic.enableAsDifftool' defined in `HOME_NIX' has been changed to `programs.difftastic.git.mode' " +
        "that has a different type. Please read `programs.difftastic.git.mode' documentation and update your configuration accordingly.",
      "The option `programs.git.difftastic.enable' defined in `HOME_NIX' has been renamed to `programs.difftastic.enable'.",
      "`programs.difftastic.git.enable` automatic enablement is deprecated. Please explicitly set `programs.difftastic.git.enable = true`.",
    ],
  );
});

test("git: git-credential-oauth comes after other credential helpers", () => {
  const c = stubCase();
  const g = c.gen(`
  programs.git = { enable = true; signing.format = null; settings.credential.helper = [ "cache" ]; };
  programs.git-credential-oauth = { enable = true; extraFlags = [ "-device" ]; };${probes({ oauth: '"${pkgs.git-credential-oauth}"' })}`);
  assert.equal(
    textAt(g, ".config/git/config"),
    `[credential]\n\thelper = "cache"\n\thelper = "${probe(g, "oauth")}/bin/git-credential-oauth -device"\n`,
  );
});

test("git: an include given as a Nix path is copied to the store", () => {
  const c = stubCase();
  c.file("extra.inc", "[core]\n\tx = 1\n");
  const g = c.gen(`programs.git = { enable = true; signing.format = null; includes = [ { path = ./extra.inc; } ]; };`);
  const m = /^\n\[include\]\n\tpath = "([^"]+)"\n$/.exec(textAt(g, ".config/git/config"));
  assert.ok(m, textAt(g, ".config/git/config"));
  assert.match(m[1]!, /-extra\.inc$/);
  assert.notEqual(m[1], `${c.configDir}/extra.inc`);
  assert.equal(fs.readFileSync(m[1]!, "utf8"), "[core]\n\tx = 1\n");
});

test("git: sendemail sections for email accounts with SMTP (msmtp, STARTTLS, TLS by state version, port)", () => {
  const c = stubCase();
  const body = `
  accounts.email.accounts = {
    "me@example.org" = { primary = true; address = "me@example.org"; realName = "Me"; userName = "me"; smtp = { host = "smtp.example.org"; port = 465; }; };
    work = { address = "me@work.example"; realName = "Me At Work"; userName = "me2"; smtp = { host = "mail.work.example"; tls.useStartTls = true; }; };
    relay = { address = "r@example.net"; realName = "R"; msmtp.enable = true; smtp.host = "x"; };
    plain = { address = "p@example.net"; realName = "P"; userName = "p"; smtp = { host = "p.example.net"; tls.enable = false; }; };
    nosmtp = { address = "n@example.net"; realName = "N"; };
    off = { enable = false; address = "o@example.net"; smtp.host = "o"; };
  };
  programs.git = { enable = true; signing.format = null; };${probes({ msmtp: "lib.getExe config.programs.msmtp.package" })}`;
  const g = c.gen(body, { stateVersion: "20.09" });
  const section = (enc: string) =>
    `[sendemail "me@example.org"]\n\tfrom = "Me <me@example.org>"\n\tsmtpEncryption = "${enc}"\n\tsmtpServer = "smtp.example.org"\n` +
    `\tsmtpServerPort = 465\n\tsmtpSslCertPath = "/etc/ssl/certs/ca-certificates.crt"\n\tsmtpUser = "me"\n\n`;
  const rest =
    `[sendemail "plain"]\n\tfrom = "P <p@example.net>"\n\tsmtpEncryption = ""\n\tsmtpServer = "p.example.net"\n\tsmtpUser = "p"\n\n` +
    `[sendemail "relay"]\n\tenvelopeSender = "auto"\n\tfrom = "R <r@example.net>"\n\tsendmailCmd = "${probe(g, "msmtp")}"\n\n` +
    `[sendemail "work"]\n\tfrom = "Me At Work <me@work.example>"\n\tsmtpEncryption = "tls"\n\tsmtpServer = "mail.work.example"\n` +
    `\tsmtpSslCertPath = "/etc/ssl/certs/ca-certificates.crt"\n\tsmtpUser = "me2"\n`;
  assert.equal(textAt(g, ".config/git/config"), section("ssl") + rest);
  const c2 = stubCase();
  assert.equal(textAt(c2.gen(body, { stateVersion: "20.03" }), ".config/git/config"), section("tls") + rest);
});
