/**
 * The `home-manager` subcommands beyond build and switch, each on a real
 * `home.nix` in a scratch home, driven through `cli()` in-process: `init`
 * (the template, refusing to overwrite, XDG lines, `--switch`), `edit`
 * (`$VISUAL`/`$EDITOR` and the message when there is none), `option` (the
 * pinned nixos-option-like layout, `--recursive`, sets, unknown names,
 * flakes refused), `instantiate` (a built generation, nothing activated),
 * `news` (layout, read ids, "No news.", the built-in entries), `uninstall` (the question, `-n`,
 * the real removal) and `repl` (expressions, bindings, errors, `:q`).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { cli } from "../../src/cli/home-manager.js";
import { resetHomeEvaluator } from "../../src/cli/config-evaluator.js";
import { LATEST_STATE_VERSION } from "../../src/cli/hm-init.js";
import { nodeIO } from "../../src/nix/io.js";
import { installHomeEvaluator } from "../../src/home/register.js";
import { Home, lines, type RunResult } from "./helpers.js";

const homes: Home[] = [];
function scratch(): Home {
  const h = new Home();
  homes.push(h);
  return h;
}
after(() => homes.forEach((h) => h.cleanup()));

/** `home-manager argv…` in-process with this input and extra environment. */
function run(h: Home, argv: string[], stdin = "", env: Record<string, string | undefined> = {}): RunResult {
  let stdout = "";
  let stderr = "";
  installHomeEvaluator();
  try {
    const code = cli(argv, {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      readStdin: () => stdin,
      env: { ...h.env, ...env },
      cwd: h.root,
      evalIO: nodeIO,
      isTTY: false,
    });
    return { code, stdout: h.scrub(stdout), stderr: h.scrub(stderr) };
  } finally {
    resetHomeEvaluator();
  }
}

const HOME_NIX = ".config/home-manager/home.nix";

const BASIC = `{ pkgs, ... }:
{
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  home.file.".hello".text = "hi";
  programs.home-manager.enable = true;
}
`;

test("init writes home.nix from $USER and $HOME with the newest state version, and never overwrites it", () => {
  const h = scratch();
  fs.rmSync(h.p(".config/home-manager"), { recursive: true });
  const r = run(h, ["init"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Creating @ROOT@/home/${HOME_NIX}...\n`);
  const text = h.read(HOME_NIX);
  assert.equal(LATEST_STATE_VERSION, "26.11");
  assert.match(text, /^\{ config, pkgs, \.\.\. \}:\n/);
  assert.ok(text.includes(`  home.username = "jdoe";\n`));
  assert.ok(text.includes(`  home.homeDirectory = "${h.home}";\n`));
  assert.ok(text.includes(`  home.stateVersion = "26.11";`));
  assert.ok(text.includes("  programs.home-manager.enable = true;\n"));
  assert.ok(!text.includes("xdg."));

  fs.writeFileSync(h.p(HOME_NIX), "# mine\n");
  const again = run(h, ["init"]);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, `The file @ROOT@/home/${HOME_NIX} already exists, leaving it unchanged...\n`);
  assert.equal(h.read(HOME_NIX), "# mine\n");
});

test("init escapes the user's name for Nix, writes non-default XDG homes, and takes a directory", () => {
  const h = scratch();
  const dir = path.join(h.root, "conf");
  const r = run(h, ["init", dir], "", { USER: 'j"d$e\\', XDG_DATA_HOME: path.join(h.root, "data"), XDG_CACHE_HOME: `${h.home}/.cache` });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "Creating @ROOT@/conf/home.nix...\n");
  const text = fs.readFileSync(path.join(dir, "home.nix"), "utf8");
  assert.ok(text.includes(`  home.username = "j\\"d\\$e\\\\";\n`));
  assert.ok(text.includes(`  xdg.dataHome = "${h.root}/data";\n`));
  assert.ok(!text.includes("xdg.cacheHome"));

  const bad = run(h, ["init", "--bogus"]);
  assert.deepEqual([bad.code, bad.stderr], [1, "home-manager: unknown option '--bogus'\n"]);
  const two = run(h, ["init", "a", "b"]);
  assert.deepEqual([two.code, two.stderr], [1, "Run 'home-manager --help' for usage help\n"]);
});

test("init --switch activates the new configuration", () => {
  const h = scratch();
  const r = run(h, ["init", "--switch"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const out = lines(r.stdout);
  assert.deepEqual(out.slice(0, 3), [
    `Creating @ROOT@/home/${HOME_NIX}...`,
    "Creating initial Home Manager generation...",
    "Starting Home Manager activation",
  ]);
  assert.ok(
    r.stdout.endsWith(
      "All done! The home-manager tool should now be installed and you can edit\n\n" +
        `    @ROOT@/home/${HOME_NIX}\n\nto configure Home Manager. Run 'man home-configuration.nix' to\nsee all available options.\n`,
    ),
  );
  const gens = run(h, ["generations"]);
  assert.equal(lines(gens.stdout).length, 1);
  assert.match(gens.stdout, /: id 1 -> .*-home-manager-generation \(current\)\n$/);
});

test("init --switch that fails prints Home Manager's failure message", () => {
  const h = scratch();
  fs.writeFileSync(h.p(HOME_NIX), "{ home.usernam = 1; }\n");
  const r = run(h, ["init", "--switch"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: /);
  assert.ok(
    r.stdout.endsWith(
      "Uh oh, the installation failed! Please create an issue at\n\n    https://github.com/nix-community/home-manager/issues\n\nif the error seems to be the fault of Home Manager.\n",
    ),
  );
});

test("edit runs $VISUAL, else $EDITOR (split on blanks), on the configuration file", () => {
  const h = scratch();
  h.config(BASIC);
  const editor = path.join(h.root, "bin", "fake-editor");
  fs.writeFileSync(editor, `#!/bin/sh\necho "$0 $*" >> "${h.root}/edited"\n`, { mode: 0o755 });
  const r = run(h, ["edit"], "", { EDITOR: `${editor} --wait` });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(h.root, "edited"), "utf8"), `${editor} --wait ${h.p(HOME_NIX)}\n`);
  run(h, ["edit"], "", { EDITOR: "false", VISUAL: editor });
  assert.equal(lines(fs.readFileSync(path.join(h.root, "edited"), "utf8"))[1], `${editor} ${h.p(HOME_NIX)}`);
  const failing = run(h, ["edit"], "", { EDITOR: "false" });
  assert.equal(failing.code, 1);

  const none = run(h, ["edit"], "", { PATH: path.join(h.root, "bin") });
  assert.deepEqual([none.code, none.stderr], [1, "Please set the $EDITOR or $VISUAL environment variable\n"]);
});

test("option prints value, type, default, example, description, declarations and definitions", () => {
  const h = scratch();
  h.config(BASIC);
  const r = run(h, ["option", "programs.home-manager.enable"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "Value:",
      "  true",
      "",
      "Type:",
      "  boolean",
      "",
      "Default:",
      "  false",
      "",
      "Example:",
      "  true",
      "",
      "Description:",
      "  Whether to enable Home Manager.",
      "",
      "Declared by:",
      "  modules/programs/home-manager.ts",
      "",
      "Defined by:",
      `  @ROOT@/home/${HOME_NIX}:7:3`,
      "",
    ].join("\n"),
  );
  const u = run(h, ["option", "home.username."]);
  assert.equal(u.code, 0, u.stderr);
  assert.ok(u.stdout.startsWith('Value:\n  "jdoe"\n\nType:\n  non-empty string\n\n'), u.stdout);
  assert.ok(u.stdout.endsWith(`Defined by:\n  @ROOT@/home/${HOME_NIX}:3:3\n`), u.stdout);
});

test("option --recursive, option sets, unknown options and flakes", () => {
  const h = scratch();
  h.config(BASIC);
  const rec = run(h, ["option", "--recursive", "programs.home-manager"]);
  assert.equal(rec.code, 0, rec.stderr);
  assert.deepEqual(lines(rec.stdout), [
    "programs.home-manager.enable = true;",
    "programs.home-manager.package = <derivation home-manager-26.11>;",
    "programs.home-manager.path = null;",
  ]);
  const set = run(h, ["option", "programs.home-manager"]);
  assert.equal(set.stdout, "This attribute set contains:\nenable\npackage\npath\n");
  const none = run(h, ["option", "no.such.option"]);
  assert.deepEqual([none.code, none.stdout, none.stderr], [1, "", "error: The option 'no.such.option' does not exist.\n"]);

  fs.writeFileSync(h.p(".config/home-manager/flake.nix"), "{ outputs = _: { }; }\n");
  // Unlike Home Manager, `option` evaluates a flake configuration (this flake has none for the user).
  const flake = run(h, ["option", "home.username"]);
  assert.equal(flake.code, 1);
  assert.match(flake.stderr, /does not provide homeConfigurations\.[^;]*; it has no homeConfigurations/);
  const inst = run(h, ["instantiate"]);
  assert.deepEqual([inst.code, inst.stderr], [1, "Can't instantiate a flake configuration\n"]);
});

test("instantiate builds the generation and prints its path without activating anything", () => {
  const h = scratch();
  h.config(BASIC);
  const r = run(h, ["instantiate"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^@ROOT@\/home\/\.local\/state\/home-manager\/store\/[0-9a-z]{32}-home-manager-generation\n$/);
  assert.ok(fs.existsSync(path.join(h.root, r.stdout.trim().replace("@ROOT@/", ""), "activate")));
  assert.ok(!fs.existsSync(path.join(h.root, "result")));
  assert.ok(!h.exists(".hello"));
  assert.equal(run(h, ["generations"]).stdout, "");
  const b = run(h, ["build", "--no-out-link"]);
  assert.equal(b.stdout, r.stdout);
});

/** BASIC with `news.entries` set to exactly `entries` (the built-in ones dropped). */
function withNews(entries: string): string {
  return BASIC.replace(
    "programs.home-manager.enable = true;",
    `programs.home-manager.enable = true;\n  news.entries = pkgs.lib.mkForce [ ${entries} ];`,
  );
}

test("news shows relevant entries with their read flag, then marks every entry read", () => {
  const h = scratch();
  h.config(withNews(""));
  const empty = run(h, ["news"]);
  assert.deepEqual([empty.code, empty.stdout], [0, "No news.\n"]);
  assert.equal(h.read(".local/share/home-manager/news-read-ids"), "");

  h.config(
    withNews(`
    { id = "b-2"; time = "2024-02-01T10:00:00+00:00"; message = "Second entry,\\nover two lines."; }
    { id = "a-1"; time = "2024-01-01T09:30:00+00:00"; message = "First entry."; }
    { id = "c-hidden"; time = "2024-03-01T00:00:00+00:00"; condition = false; message = "Not for you."; }
  `),
  );
  const r = run(h, ["news"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "* 2024-02-01 10:00:00 [unread]\n\n  Second entry,\n  over two lines.\n\n\n* 2024-01-01 09:30:00 [unread]\n\n  First entry.\n\n",
  );
  assert.equal(h.read(".local/share/home-manager/news-read-ids"), "a-1\nb-2\nc-hidden\n");
  const again = run(h, ["news"]);
  assert.match(again.stdout, /^\* 2024-02-01 10:00:00 \[read\]\n/);
  assert.match(again.stdout, /\* 2024-01-01 09:30:00 \[read\]\n/);
});

test("news lists the built-in entries that concern the configuration, newest first", () => {
  const h = scratch();
  h.config(BASIC);
  const r = run(h, ["news"]);
  assert.equal(r.code, 0, r.stderr);
  const heads = r.stdout.split("\n").filter((l) => l.startsWith("* "));
  assert.deepEqual(heads, ["* 2026-10-20 12:00:00 [unread]", "* 2026-09-14 09:00:00 [unread]"]);
  assert.match(r.stdout, /^\* 2026-10-20 12:00:00 \[unread\]\n\n  The module catalog is now checked/);
  // Every id is marked read, the one whose condition is false (programs.gpg's) included.
  assert.equal(
    h.read(".local/share/home-manager/news-read-ids"),
    "hm-ts-2026-09-14-package-backends\nhm-ts-2026-10-20-upstream-test-suite\nhm-ts-2026-11-25-gpg-immutable-keyring\n",
  );
  assert.match(run(h, ["news"]).stdout, /^\* 2026-10-20 12:00:00 \[read\]\n/);
});

test("uninstall asks first, honours -n, then removes every managed file and our state", () => {
  const h = scratch();
  h.config(BASIC);
  assert.equal(run(h, ["switch"]).code, 0);
  assert.ok(h.exists(".hello"));

  const no = run(h, ["uninstall"], "n\n");
  assert.deepEqual(
    [no.code, no.stdout, no.stderr],
    [0, "This will remove Home Manager from your system.\n\nYay!\n", "Really uninstall Home Manager? [y/n] "],
  );

  const dry = run(h, ["-n", "uninstall"], "y\n");
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(lines(dry.stdout).slice(0, 3), [
    "This will remove Home Manager from your system.",
    "This is a dry run, nothing will actually be uninstalled.",
    "Switching to empty Home Manager configuration...",
  ]);
  assert.ok(dry.stdout.includes("rm @ROOT@/home/.hello\n"));
  assert.ok(h.exists(".hello"));
  assert.ok(h.exists(".local/state/home-manager/profiles"));

  const yes = run(h, ["uninstall"], "Y");
  assert.equal(yes.code, 0, yes.stderr);
  const out = lines(yes.stdout);
  assert.equal(out[1], "Switching to empty Home Manager configuration...");
  assert.ok(out.includes("Activating uninstall"));
  assert.equal(out[out.length - 1], "Home Manager is uninstalled but your home.nix is left untouched.");
  assert.ok(!h.exists(".hello"));
  assert.ok(!h.exists(".nix-profile"));
  assert.ok(!h.exists(".local/state/home-manager"));
  assert.ok(!h.exists(".local/share/home-manager"));
  assert.equal(h.read(HOME_NIX), BASIC.replace("@HOME@", h.home));
});

test("repl evaluates lines with config, options, pkgs and lib in scope until :q", () => {
  const h = scratch();
  h.config(BASIC);
  const input = [
    "config.home.username",
    "x = 1 + 2",
    "x * 2",
    "lib.id [ 1 { a = 2; } ]",
    "options.home.username.type.description",
    "pkgs.hello",
    "{ b = 1; a = { c = 2; }; }",
    "undefinedThing",
    ":q",
    "config.never",
  ].join("\n");
  const r = run(h, ["repl"], input + "\n");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    "Welcome to the Home Manager REPL. Type :? for help.",
    "Added 4 variables: config, options, pkgs, lib",
    '"jdoe"',
    "6",
    "[ 1 { ... } ]",
    '"non-empty string"',
    "«derivation hello»",
    "{ a = { ... }; b = 1; }",
  ]);
  assert.match(r.stderr, /^error: undefined variable 'undefinedThing'\n/);
});
