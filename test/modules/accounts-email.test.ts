/**
 * `accounts.email` golden cases: provider flavors filling the servers in,
 * maildir and certificate defaults, password commands, alias identities
 * inheriting from their account, submodule extension by another module, the
 * primary-account assertion, and laziness towards disabled accounts; then
 * the programs reading accounts: `programs.msmtp`'s configuration file and
 * session variables, and `programs.git`'s `sendemail` sections.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, textAt } from "./harness.js";

/** Two accounts: a primary one with defaults, and a fastmail one. */
const ACCOUNTS = `
  accounts.email = {
    maildirBasePath = "Post";
    accounts.home = {
      primary = true;
      address = "ada@example.net";
      realName = "Ada L.";
      userName = "ada";
      passwordCommand = "pass show mail/home";
      imap.host = "imap.example.net";
      smtp = { host = "smtp.example.net"; port = 2465; };
    };
    accounts.fm = {
      flavor = "fastmail.com";
      address = "ada@fastmail.example";
      realName = "Ada at FM";
      passwordCommand = [ "cat" "/run/secret" ];
      smtp.tls.useStartTls = true;
      aliases = [ "root@fastmail.example" { realName = "Ada Ops"; address = "ops@fastmail.example"; } ];
    };
  };`;

test("accounts.email: flavors, maildirs, certificates, password commands and aliases", () => {
  const c = new Case();
  c.homeNix(`${ACCOUNTS}
  accounts.email.accounts.gm = {
    flavor = "gmail.com";
    address = "ada@gmail.example";
    realName = "Ada G.";
    enable = false;
  };`);
  const ev = c.evaluate();
  // Whole accounts cannot be forced: some options of the mail programs have no default (as in Home Manager).
  const fields = ["name", "userName", "passwordCommand", "imap", "smtp", "jmap", "maildir", "folders", "aliases"];
  const fm = Object.fromEntries(fields.map((f) => [f, c.json(ev, `accounts.email.accounts.fm.${f}`)])) as Record<string, unknown>;
  assert.equal(fm.name, "fm");
  assert.equal(fm.userName, "ada@fastmail.example");
  assert.deepEqual(fm.passwordCommand, ["cat", "/run/secret"]);
  assert.deepEqual(fm.imap, {
    host: "imap.fastmail.com",
    port: 993,
    authentication: null,
    tls: { enable: true, useStartTls: false, certificatesFile: "/etc/ssl/certs/ca-certificates.crt" },
  });
  assert.deepEqual(fm.smtp, {
    host: "smtp.fastmail.com",
    port: 587,
    authentication: null,
    tls: { enable: true, useStartTls: true, certificatesFile: "/etc/ssl/certs/ca-certificates.crt" },
  });
  assert.deepEqual(fm.jmap, { host: "fastmail.com", sessionUrl: "https://jmap.fastmail.com/.well-known/jmap" });
  assert.deepEqual(fm.maildir, { path: "fm", absPath: `${c.home}/Post/fm` });
  assert.deepEqual(fm.folders, { inbox: "Inbox", sent: "Sent", drafts: "Drafts", trash: "Trash" });
  const aliases = fm.aliases as [string, Record<string, unknown>];
  assert.equal(aliases[0], "root@fastmail.example");
  assert.equal(aliases[1].name, null);
  assert.equal(aliases[1].userName, "ada@fastmail.example");
  assert.equal((aliases[1].smtp as Record<string, unknown>).host, "smtp.fastmail.com");
  assert.equal((aliases[1].signature as Record<string, unknown>).showSignature, "none");
  assert.equal(aliases[1].gpg, null);

  assert.deepEqual(c.json(ev, "accounts.email.accounts.home.passwordCommand"), ["pass", "show", "mail/home"]);
  assert.equal(c.json(ev, "accounts.email.accounts.home.userName"), "ada");
  assert.equal(c.json(ev, "accounts.email.accounts.home.smtp.port"), 2465);
  assert.equal(c.json(ev, "accounts.email.accounts.home.jmap"), null);
  assert.equal(c.json(ev, "accounts.email.accounts.gm.smtp.port"), 465);
  assert.equal(c.json(ev, "accounts.email.accounts.gm.imap.host"), "imap.gmail.com");
  assert.equal(c.json(ev, "accounts.email.maildirBasePath"), `${c.home}/Post`);
  assert.deepEqual(c.warnings, []);
});

test("accounts.email: the certificate file and maildir base have defaults of their own", () => {
  const c = new Case();
  c.homeNix(`
  accounts.email.certificatesFile = "/etc/my-cas.pem";
  accounts.email.accounts.a = {
    primary = true;
    flavor = "posteo.de";
    address = "a@posteo.example";
    realName = "A";
    maildir.path = "posteo";
    smtp.tls.certificatesFile = null;
  };`);
  const ev = c.evaluate();
  assert.equal(c.json(ev, "accounts.email.accounts.a.imap.tls.certificatesFile"), "/etc/my-cas.pem");
  assert.equal(c.json(ev, "accounts.email.accounts.a.smtp.tls.certificatesFile"), null);
  assert.equal(c.json(ev, "accounts.email.accounts.a.smtp.host"), "posteo.de");
  assert.equal(c.json(ev, "accounts.email.accounts.a.maildir.absPath"), `${c.home}/Maildir/posteo`);
});

test("accounts.email: exactly one enabled account must be primary", () => {
  const account = (name: string, primary: boolean, enable = true) =>
    `accounts.email.accounts.${name} = { primary = ${primary}; enable = ${enable}; address = "${name}@x.example"; realName = "${name}"; };`;
  const none = new Case().error(`  ${account("a", false)}\n  ${account("b", true, false)}`);
  assert.match(none, /Failed assertions:\n\s*- Must have exactly one primary mail account but found 0$/m);
  const two = new Case().error(`  ${account("b", true)}\n  ${account("a", true)}`);
  assert.match(two, /^\s*- Must have exactly one primary mail account but found 2, namely a, b$/m);
  // Only disabled accounts: no assertion at all.
  const c = new Case();
  assert.doesNotThrow(() => c.gen(`  ${account("a", false, false)}`));
});

test("accounts.email: a disabled account's settings are never read", () => {
  const c = new Case();
  const g = c.gen(`${ACCOUNTS}
  accounts.email.accounts.off = {
    enable = false;
    address = throw "address read";
    realName = throw "realName read";
    smtp = throw "smtp read";
    msmtp.enable = throw "msmtp.enable read";
  };
  programs.msmtp.enable = true;
  accounts.email.accounts.home.msmtp.enable = true;
  programs.git.enable = true;`);
  assert.match(textAt(g, ".config/msmtp/config"), /^account home$/m);
  assert.match(textAt(g, ".config/git/config"), /\[sendemail "home"\]/);
});

test("accounts.email: other modules extend the account submodule", () => {
  const c = new Case();
  c.homeNix(`
  imports = [
    ({ lib, ... }: {
      options.accounts.email.accounts = lib.mkOption {
        type = lib.types.attrsOf (lib.types.submodule ({ config, ... }: {
          options.mailer.greeting = lib.mkOption { type = lib.types.str; default = "Hello " + config.realName; };
        }));
      };
    })
  ];
  accounts.email.accounts.a = { primary = true; address = "a@x.example"; realName = "Ann"; };`);
  const ev = c.evaluate();
  assert.equal(c.json(ev, "accounts.email.accounts.a.mailer.greeting"), "Hello Ann");
  assert.equal(c.json(ev, "accounts.email.accounts.a.msmtp.enable"), false);
});

test("programs.msmtp: one block per account, aliases, extra settings and the queue variables", () => {
  const c = new Case();
  const g = c.gen(`${ACCOUNTS}
  accounts.email.accounts.home.msmtp = {
    enable = true;
    tls.fingerprint = "AB:CD:01";
    extraConfig = { auth = "login"; logfile = "~/.msmtp.log"; };
  };
  accounts.email.accounts.fm.msmtp.enable = true;
  programs.msmtp = {
    enable = true;
    configContent = lib.mkAfter "# the end";
  };`);
  assert.equal(
    textAt(g, ".config/msmtp/config"),
    `# Generated by Home Manager.
account fm
auth on
from ada@fastmail.example
host smtp.fastmail.com
passwordeval cat /run/secret
port 587
tls on
tls_starttls on
tls_trust_file /etc/ssl/certs/ca-certificates.crt
user ada@fastmail.example

account root@fastmail.example : fm
from root@fastmail.example


account ops@fastmail.example : fm
from ops@fastmail.example


account home
auth login
from ada@example.net
host smtp.example.net
logfile ~/.msmtp.log
passwordeval pass show mail/home
port 2465
tls on
tls_fingerprint AB:CD:01
tls_starttls off
tls_trust_file /etc/ssl/certs/ca-certificates.crt
user ada
account default : home
# the end`,
  );
  const vars = c.json(c.evaluate(), "home.sessionVariables") as Record<string, string>;
  assert.equal(vars.MSMTPQ_Q, `${c.home}/.local/share/msmtp/queue`);
  assert.equal(vars.MSMTPQ_LOG, `${c.home}/.local/share/msmtp/queue.log`);
  assert.deepEqual(c.warnings, []);
});

test("programs.msmtp: the old extraConfig and extraAccounts still work, with warnings", () => {
  const c = new Case();
  const g = c.gen(`
  programs.msmtp = { enable = true; extraConfig = "defaults"; extraAccounts = "account x"; };`);
  assert.equal(textAt(g, ".config/msmtp/config"), "# Generated by Home Manager.\ndefaults\n\naccount x");
  assert.equal(c.warnings.length, 2);
  assert.match(c.warnings.join("\n"), /`programs.msmtp.extraConfig` is deprecated, use `programs.msmtp.configContent` instead\./);
  assert.match(c.warnings.join("\n"), /Example: programs.msmtp.configContent = lib.mkAfter "set syslog";/);
});

test("programs.git: sendemail sections from SMTP servers and from msmtp", () => {
  const c = new Case();
  const g = c.gen(
    `${ACCOUNTS}
  accounts.email.accounts.fm.msmtp.enable = true;
  accounts.email.accounts.plain = {
    address = "p@x.example";
    realName = "P";
    userName = "p";
    smtp = { host = "mx.x.example"; tls.enable = false; };
  };
  accounts.email.accounts.noSmtp = { address = "n@x.example"; realName = "N"; };
  home.file."msmtp-path".text = "\${pkgs.msmtp}";
  programs.git.enable = true;`,
    { stateVersion: "25.05" },
  );
  const msmtp = textAt(g, "msmtp-path");
  assert.equal(
    textAt(g, ".config/git/config"),
    `[sendemail "fm"]
\tenvelopeSender = "auto"
\tfrom = "Ada at FM <ada@fastmail.example>"
\tsendmailCmd = "${msmtp}/bin/msmtp"

[sendemail "home"]
\tfrom = "Ada L. <ada@example.net>"
\tsmtpEncryption = "ssl"
\tsmtpServer = "smtp.example.net"
\tsmtpServerPort = 2465
\tsmtpSslCertPath = "/etc/ssl/certs/ca-certificates.crt"
\tsmtpUser = "ada"

[sendemail "plain"]
\tfrom = "P <p@x.example>"
\tsmtpEncryption = ""
\tsmtpServer = "mx.x.example"
\tsmtpUser = "p"
`,
  );
});

test("accounts.email: the mail programs' per-account options and their defaults", () => {
  const c = new Case();
  c.homeNix(`
  accounts.email.accounts.a = {
    primary = true;
    flavor = "gmail.com";
    address = "a@gmail.example";
    realName = "A";
    msmtp.enable = true;
    notmuch.enable = true;
    lieer.timeout = 30;
    mbsync.groups.inboxes.channels.main.farPattern = "INBOX";
    mujmap.settings.password_command = [ "pass" "show" "it's mine" ];
  };
  home.file."tb.json".text = builtins.toJSON (config.accounts.email.accounts.a.thunderbird.settings "7");`);
  const ev = c.evaluate();
  const groups = [
    "neomutt",
    "mblaze",
    "alot",
    "astroid",
    "meli",
    "notmuch",
    "mbsync",
    "lieer",
    "mujmap",
    "aerc",
    "imapnotify",
    "offlineimap",
  ];
  const a = Object.fromEntries([...groups, "warnings"].map((g) => [g, c.json(ev, `accounts.email.accounts.a.${g}`)])) as Record<
    string,
    Record<string, unknown>
  >;
  const msmtpq = "msmtpq --read-envelope-from --read-recipients";
  assert.equal(a.neomutt!.sendMailCommand, msmtpq);
  assert.equal(a.mblaze!.sendMailCommand, msmtpq);
  assert.equal(a.alot!.sendMailCommand, msmtpq);
  assert.equal(a.astroid!.sendMailCommand, msmtpq);
  assert.deepEqual(a.meli!.mailboxes, ["Inbox", "Sent", "Trash", "Drafts"]);
  assert.deepEqual((a.notmuch!.neomutt as Record<string, unknown>).virtualMailboxes, [
    { name: "My INBOX", query: "tag:inbox", limit: null, type: null },
  ]);
  assert.deepEqual(a.mbsync!.groups, {
    inboxes: { name: "inboxes", channels: { main: { name: "main", farPattern: "INBOX", nearPattern: "", patterns: [], extraConfig: {} } } },
  });
  assert.equal((a.lieer!.settings as Record<string, unknown>).timeout, 30);
  assert.deepEqual(a.warnings, [
    // The renames live inside the account submodule, so (as in nixpkgs) they name paths relative to it.
    `The option \`lieer.timeout' defined in \`${c.configDir}/home.nix' has been renamed to \`lieer.settings.timeout'.`,
  ]);
  assert.equal((a.mujmap!.settings as Record<string, unknown>).password_command, "pass show 'it'\\''s mine'");
  assert.equal(a.aerc!.smtpAuth, "plain");
  assert.equal(a.imapnotify!.onNotify, "");
  assert.equal(a.offlineimap!.postSyncHookCommand, "");
  assert.deepEqual(JSON.parse(textAt(ev.generation, "tb.json")), {
    "mail.server.server_7.authMethod": 10,
    "mail.server.server_7.is_gmail": true,
    "mail.smtpserver.smtp_7.authMethod": 10,
  });
});

test("programs.getmail: one configuration per account that turns it on", () => {
  const c = new Case();
  const g = c.gen(`${ACCOUNTS}
  accounts.email.accounts.home.getmail = { enable = true; mailboxes = [ "INBOX" ]; destinationCommand = "/bin/deliver"; };
  accounts.email.accounts.other = {
    address = "o@x.example";
    realName = "O";
    userName = "o";
    imap = { host = "imap.x.example"; tls.enable = false; };
    getmail = { enable = true; mailboxes = [ "ALL" ]; delete = true; readAll = false; };
  };`);
  assert.equal(
    textAt(g, ".getmail/getmailrc"),
    `# Generated by Home-Manager.
[retriever]
type = SimpleIMAPSSLRetriever
server = imap.example.net

username = ada
password_command = ('pass', 'show', 'mail/home')
mailboxes = ( 'INBOX',  )

[destination]
type = MDA_external
path = /bin/deliver

[options]
delete = false
read_all = true
`,
  );
  assert.equal(
    textAt(g, ".getmail/getmailother"),
    `# Generated by Home-Manager.
[retriever]
type = SimpleIMAPRetriever
server = imap.x.example

username = o
password_command = ()
mailboxes = ( 'ALL',  )

[destination]
type = Maildir
path = ${c.home}/Post/other/

[options]
delete = true
read_all = false
`,
  );
});

test("programs.msmtp: a certificate file given as a Nix path is copied to the store", () => {
  const c = new Case();
  c.file("cas.pem", "-----BEGIN CERTIFICATE-----\n");
  const g = c.gen(`
  accounts.email.accounts.a = {
    primary = true;
    address = "a@x.example";
    realName = "A";
    userName = "a";
    smtp = { host = "smtp.x.example"; tls.certificatesFile = ./cas.pem; };
    msmtp.enable = true;
  };
  programs.msmtp.enable = true;`);
  const m = /^tls_trust_file (.*)$/m.exec(textAt(g, ".config/msmtp/config"));
  assert.ok(m);
  assert.match(m[1]!, /^\/.*-cas\.pem$/);
  assert.notEqual(m[1], `${c.configDir}/cas.pem`);
});
