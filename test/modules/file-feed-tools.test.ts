/**
 * Golden cases for `programs.lsd`, `programs.dircolors`, `programs.jq`,
 * `programs.autojump`, `programs.micro` and `programs.newsboat`: the files
 * they write (YAML, the dircolors database, JSON, Newsboat's `config` and
 * `urls`), the lines and aliases they add to the shells, their session
 * variables and Newsboat's timers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const stub = () => new Case({ HOME_MANAGER_PACKAGES: "stub" });

test("lsd: YAML files, the custom theme and aliases per shell (fish abbreviations)", () => {
  const c = stub();
  c.homeNix(`
  programs.bash.enable = true;
  programs.fish = { enable = true; preferAbbrs = true; };
  programs.lsd = {
    enable = true;
    enableZshIntegration = false;
    settings = { date = "relative"; blocks = [ "name" "size" ]; };
    colors.size.large = "red";
  };`);
  const ev = c.evaluate();
  assert.equal(
    textAt(ev.generation, ".config/lsd/config.yaml"),
    "%YAML 1.1\n---\nblocks:\n- name\n- size\ncolor:\n  theme: custom\ndate: relative\n",
  );
  assert.equal(textAt(ev.generation, ".config/lsd/colors.yaml"), "%YAML 1.1\n---\nsize:\n  large: red\n");
  assert.ok(!targets(ev.generation).includes(".config/lsd/icons.yaml"));
  assert.ok(textAt(ev.generation, ".bashrc").includes("alias -- llt='@lsd@/bin/lsd -l --tree'\n"));
  assert.equal((c.json(ev, "programs.zsh.shellAliases") as Record<string, string>).ll, undefined);
  assert.deepEqual(c.json(ev, "programs.fish.shellAbbrs.la"), "@lsd@/bin/lsd -A");
  assert.equal((c.json(ev, "programs.fish.shellAliases") as Record<string, string>).la, undefined);
});

test("dircolors: the database in the XDG directory and the shell lines", () => {
  const c = stub();
  c.homeNix(`
  home.preferXdgDirectories = true;
  programs.bash.enable = true;
  programs.fish.enable = true;
  programs.dircolors = {
    enable = true;
    settings = { DIR = "01;33"; ".nix" = "00;32"; };
    extraConfig = "TERM xterm*";
  };`);
  const ev = c.evaluate();
  const db = textAt(ev.generation, ".config/dir_colors");
  assert.ok(db.startsWith(".7z 01;31\n"));
  assert.ok(db.includes("\n.nix 00;32\n"));
  assert.ok(db.includes("\nDIR 01;33\n"));
  assert.ok(db.endsWith("\nSTICKY_OTHER_WRITABLE 30;42\n\nTERM xterm*"));
  assert.equal(db.split("\n").length, 132);
  assert.ok(!targets(ev.generation).includes(".dir_colors"));
  const home = c.json(ev, "home.homeDirectory") as string;
  assert.ok(
    textAt(ev.generation, ".bashrc").includes(
      `eval $(${c.json(ev, "programs.dircolors.package")}/bin/dircolors -b ${home}/.config/dir_colors)\n`,
    ),
  );
  assert.match(c.json(ev, "programs.fish.shellInit") as string, /^eval \(\S+-coreutils\/bin\/dircolors -c \S+\/\.config\/dir_colors\)\n$/);
});

test("jq: JQ_COLORS in jq's order; nothing without colors", () => {
  const c = stub();
  c.homeNix(`
  programs.jq = {
    enable = true;
    colors = { null = "1;30"; false = "0;31"; true = "0;32"; numbers = "0;36"; strings = "0;33"; arrays = "1;35"; objects = "1;37"; objectKeys = "34;1"; };
  };`);
  assert.equal(c.json(c.evaluate(), "home.sessionVariables.JQ_COLORS"), "1;30:0;31:0;32:0;36:0;33:1;35:1;37:34;1");
  const d = stub();
  d.homeNix("programs.jq.enable = true;");
  assert.equal((d.json(d.evaluate(), "home.sessionVariables") as Record<string, unknown>).JQ_COLORS, undefined);
});

test("autojump: sourced early in Bash, and in Zsh and fish", () => {
  const c = stub();
  c.homeNix(`
  programs.bash = { enable = true; initExtra = "echo late"; };
  programs.autojump = { enable = true; enableFishIntegration = false; };`);
  const ev = c.evaluate();
  const bashrc = textAt(ev.generation, ".bashrc");
  assert.ok(bashrc.includes(". @autojump@/share/autojump/autojump.bash\n\necho late\n"));
  assert.ok((c.json(ev, "programs.zsh.initContent") as string).endsWith("\n. @autojump@/share/autojump/autojump.zsh\n"));
  assert.equal(c.json(ev, "programs.fish.interactiveShellInit"), "");
});

test("micro: settings as JSON, `{}` when there are none", () => {
  const c = stub();
  c.homeNix(`programs.micro = { enable = true; settings = { tabsize = 2; colorscheme = "simple"; }; };`);
  assert.equal(textAt(c.evaluate().generation, ".config/micro/settings.json"), '{\n  "colorscheme": "simple",\n  "tabsize": 2\n}\n');
  const d = stub();
  d.homeNix("programs.micro.enable = true;");
  assert.equal(textAt(d.evaluate().generation, ".config/micro/settings.json"), "{}\n");
});

test("newsboat: config and urls in the XDG directory, timers; the old location and order", () => {
  const c = stub();
  c.homeNix(
    `
  programs.newsboat = {
    enable = true;
    reloadThreads = 2;
    autoReload = true;
    reloadTime = null;
    browser = "firefox";
    urls = [ { url = "https://a.example/rss"; title = "A"; } { url = "https://b.example/atom"; tags = [ "x" ]; } ];
    queries = { zz = "unread = \\"yes\\""; aa = "tags # \\"x\\""; };
    extraConfig = "color background default default";
    autoVacuum = { enable = true; onCalendar = "monthly"; };
  };`,
    { stateVersion: "24.05" },
  );
  const ev = c.evaluate();
  assert.equal(
    textAt(ev.generation, ".config/newsboat/config"),
    "max-items 0\nbrowser firefox\nreload-threads 2\nauto-reload yes\n\nprepopulate-query-feeds yes\n\ncolor background default default\n",
  );
  assert.equal(
    textAt(ev.generation, ".config/newsboat/urls"),
    '"query:aa:tags # \\"x\\""\n"query:zz:unread = \\"yes\\""\nhttps://a.example/rss "~A"\nhttps://b.example/atom "x"\n',
  );
  assert.ok(!targets(ev.generation).some((t) => t.startsWith(".newsboat/")));
  const unit = textAt(ev.generation, ".config/systemd/user/newsboat-vacuum.timer");
  assert.ok(unit.includes("OnCalendar=monthly\n"));
  assert.ok(
    textAt(ev.generation, ".config/systemd/user/newsboat-vacuum.service").includes(
      "ExecStart=@flock@/bin/flock %t/newsboat.lock @newsboat@/bin/newsboat --vacuum\n",
    ),
  );
  assert.ok(!targets(ev.generation).includes(".config/systemd/user/newsboat-fetch-articles.timer"));
  const d = stub();
  d.homeNix(`programs.newsboat = { enable = true; urls = [ { url = "u"; } ]; queries.q = "x"; };`, { stateVersion: "19.09" });
  const old = d.evaluate().generation;
  assert.equal(textAt(old, ".newsboat/urls"), 'u\n"query:q:x"\n');
  assert.ok(
    textAt(old, ".newsboat/config").startsWith(
      "max-items 0\nbrowser @xdg-utils@/bin/xdg-open\nreload-threads 5\nauto-reload no\nreload-time 60\n",
    ),
  );
});
