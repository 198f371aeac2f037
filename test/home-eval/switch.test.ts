/**
 * The real `home-manager` on a real `home.nix` in a scratch home: `switch`
 * of a configuration using `home.file`, `xdg.configFile`,
 * `home.sessionVariables`, `home.packages` (real Nix packages of examples/nixpkgs),
 * `systemd.user.services` and `home.activation`; then a changed
 * configuration (a file changed, one removed, a package added, an `onChange`
 * hook); then `switch --rollback`. Also the minimal configuration that
 * `home-manager init` writes, a no-op switch, `build`, and the compiled
 * command run as a separate process.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { Home, lines } from "./helpers.js";

const homes: Home[] = [];
function scratch(): Home {
  const h = new Home();
  homes.push(h);
  return h;
}
after(() => homes.forEach((h) => h.cleanup()));

const FIRST = `{ config, pkgs, lib, ... }:

{
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";

  home.packages = [ pkgs.htop pkgs.fortune ];

  home.file.".bashrc".text = ''
    export FROM_HM=1
  '';
  home.file."bin/hello" = {
    text = "#!/bin/sh\\necho hello\\n";
    executable = true;
  };
  xdg.configFile."git/config".text = ''
    [user]
      name = J. Doe
  '';
  xdg.configFile."old/settings".text = "old";

  home.sessionVariables = {
    EDITOR = "emacs";
    PAGER = "less";
  };

  systemd.user.services.backup = {
    Unit.Description = "Backup";
    Service.ExecStart = "\${pkgs.restic}/bin/restic backup";
    Install.WantedBy = [ "default.target" ];
  };

  home.activation.sayHello = lib.hm.dag.entryAfter [ "writeBoundary" ] ''
    run echo "hello from activation"
  '';

  programs.home-manager.enable = true;
}
`;

const SECOND = FIRST.replace("name = J. Doe", "name = Jane Doe")
  .replace(`  xdg.configFile."old/settings".text = "old";\n`, "")
  .replace("pkgs.htop pkgs.fortune", "pkgs.htop pkgs.fortune pkgs.ripgrep")
  .replace(
    `  xdg.configFile."git/config".text = ''`,
    `  xdg.configFile."git/config".onChange = "echo git config changed";\n  xdg.configFile."git/config".text = ''`,
  )
  .replace('PAGER = "less";', 'PAGER = "most";');

test("switch, change, rollback: a real home.nix end to end", () => {
  const h = scratch();
  h.config(FIRST);

  // First switch.
  const r1 = h.run(["switch"]);
  assert.equal(r1.code, 0, r1.stderr + r1.stdout);
  assert.deepEqual(lines(r1.stdout), [
    "Starting Home Manager activation",
    "Activating checkFilesChanged",
    "Activating checkLinkTargets",
    "Activating writeBoundary",
    "Activating installPackages",
    "Activating linkGeneration",
    `Creating home file links in @ROOT@/home`,
    "Activating onFilesChange",
    "Activating reloadSystemd",
    "User systemd daemon not running. Skipping reload.",
    "Suggested commands:",
    "systemctl --user daemon-reload",
    "systemctl --user start backup.service",
    // Home Manager's topological sort puts this entry (after writeBoundary, named after the others) last.
    "Activating sayHello",
    "hello from activation",
  ]);
  assert.equal(r1.stderr, "");
  assert.equal(h.read(".bashrc"), "export FROM_HM=1\n");
  assert.equal(h.read(".config/git/config"), "[user]\n  name = J. Doe\n");
  assert.equal(h.read(".config/old/settings"), "old");
  assert.notEqual(fs.statSync(h.p("bin/hello")).mode & 0o111, 0);
  const unit = h.read(".config/systemd/user/backup.service");
  assert.match(
    unit,
    /^\[Install\]\nWantedBy=default\.target\n\n\[Service\]\nExecStart=.*-restic-0\.17\.3\/bin\/restic backup\n\n\[Unit\]\nDescription=Backup\n$/,
  );
  assert.ok(h.exists(".config/systemd/user/default.target.wants/backup.service"));
  const vars = h.read(".nix-profile/etc/profile.d/hm-session-vars.sh");
  // i18n.glibcLocales (Linux): the locale archive of the example package set's glibcLocales.
  assert.match(
    vars,
    /\nexport EDITOR="emacs"\nexport LOCALE_ARCHIVE_2_27="\/nix\/store\/[a-z0-9]{32}-glibc-locales-2\.40\/lib\/locale\/locale-archive"\nexport PAGER="less"\n/,
  );
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["fortune", "home-manager", "htop"]);
  assert.ok(h.exists(".cache/.keep") && h.exists(".local/state/.keep"));
  const gen1 = h.run(["generations"]);
  assert.equal(gen1.code, 0);
  assert.equal(lines(gen1.stdout).length, 1);

  // A changed configuration.
  h.config(SECOND);
  const r2 = h.run(["switch"]);
  assert.equal(r2.code, 0, r2.stderr + r2.stdout);
  assert.ok(lines(r2.stdout).includes("git config changed"), r2.stdout);
  assert.equal(h.read(".config/git/config"), "[user]\n  name = Jane Doe\n");
  assert.equal(h.exists(".config/old/settings"), false);
  assert.equal(h.exists(".config/old"), false);
  assert.ok(h.read(".nix-profile/etc/profile.d/hm-session-vars.sh").includes('export PAGER="most"'));
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["fortune", "home-manager", "htop", "ripgrep"]);
  assert.equal(lines(h.run(["generations"]).stdout).length, 2);

  // Nothing changed: no activation at all.
  const r3 = h.run(["switch"]);
  assert.equal(r3.code, 0);
  assert.deepEqual(lines(r3.stdout), ["No change so reusing latest profile generation"]);

  // Roll back to the first generation.
  const r4 = h.run(["switch", "--rollback"]);
  assert.equal(r4.code, 0, r4.stderr + r4.stdout);
  assert.equal(h.read(".config/git/config"), "[user]\n  name = J. Doe\n");
  assert.equal(h.read(".config/old/settings"), "old");
  assert.ok(h.read(".nix-profile/etc/profile.d/hm-session-vars.sh").includes('export PAGER="less"'));
  assert.deepEqual(fs.readdirSync(h.p(".nix-profile/bin")).sort(), ["fortune", "home-manager", "htop"]);
});

test("the configuration home-manager init writes switches on an empty home", () => {
  const h = scratch();
  h.config(`{ config, pkgs, ... }:

{
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";

  # Let Home Manager install and manage itself.
  programs.home-manager.enable = true;
}
`);
  const r = h.run(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.ok(h.exists(".nix-profile/bin/home-manager"));
  const script = fs.readFileSync(h.p(".nix-profile/bin/home-manager"), "utf8");
  assert.match(script, /exec '.*\/bin\/home-manager' "\$@"/);
});

test("build prints the generation path and links ./result; the generation holds the files", () => {
  const h = scratch();
  h.config(FIRST);
  const r = h.run(["build"]);
  assert.equal(r.code, 0, r.stderr);
  const gen = lines(r.stdout).at(-1)!;
  assert.match(gen, /^@ROOT@\/home\/\.local\/state\/home-manager\/store\/[0-9a-z]{32}-home-manager-generation$/);
  const real = gen.replace("@ROOT@", h.root);
  assert.equal(fs.readlinkSync(path.join(h.root, "result")), real);
  assert.equal(fs.readFileSync(path.join(real, "home-files/.config/git/config"), "utf8"), "[user]\n  name = J. Doe\n");
  assert.equal(fs.readFileSync(path.join(real, "hm-version"), "utf8"), "26.11\n");
  // Nothing in the home directory itself changed.
  assert.equal(h.exists(".bashrc"), false);
});

test("the compiled command evaluates home.nix by itself (child process)", () => {
  const h = scratch();
  h.config(FIRST);
  const r = h.runChild(["switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(h.read(".bashrc"), "export FROM_HM=1\n");
  assert.ok(r.stdout.includes("hello from activation"));
});

test("-f, -A and -I find the configuration as Home Manager does", () => {
  const h = scratch();
  fs.mkdirSync(path.join(h.root, "lib"));
  fs.writeFileSync(path.join(h.root, "lib/default.nix"), `{ text = "from the search path"; }`);
  fs.writeFileSync(
    path.join(h.root, "homes.nix"),
    `{ work = { ... }: {
    home.username = "jdoe"; home.homeDirectory = "${h.home}"; home.stateVersion = "24.11";
    home.file.note.text = (import <mylib>).text;
  }; }`,
  );
  const r = h.run(["switch", "-f", "homes.nix", "-A", "work", "-I", `mylib=${h.root}/lib`]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(h.read("note"), "from the search path");
});
