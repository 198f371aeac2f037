/**
 * The smaller core modules: `news` (entries, default ids, conditions,
 * `news.display`), `manual`, `uninstall`, `targets.genericLinux`,
 * `programs.home-manager`, `assertions`/`warnings` (Home Manager's failed
 * assertion list and its warning lines), `lib` (`config.lib` holds
 * `lib.hm`; user modules get `lib.hm`), the `nixpkgs` options, module
 * arguments (`osConfig` and friends default to null), and finding the
 * configuration with `-A` and `-I`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/nix/package-root.js";
import { test } from "node:test";
import { sessionVarsText } from "../../src/build/session-vars.js";
import { Case, textAt } from "./harness.js";

/** The ids of the entries this project ships (news-entries.ts), oldest first. */
const BUILT_IN_NEWS = [
  "hm-ts-2026-09-14-package-backends",
  "hm-ts-2026-10-20-upstream-test-suite",
  "hm-ts-2026-11-25-gpg-immutable-keyring",
];
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
type Entry = { id: string; time: string; condition: boolean; message: string };

test("news: entries get an id from their message, after the built-in ones; display defaults to notify", () => {
  const c = new Case();
  c.homeNix(`news.entries = [
    { time = "2025-01-01T00:00:00+00:00"; message = "hello"; }
    { id = "custom"; time = "2025-02-01T00:00:00+00:00"; condition = false; message = "bye"; }
  ];`);
  const ev = c.evaluate();
  const entries = c.json(ev, "news.entries") as Entry[];
  assert.deepEqual(
    entries.map((e) => e.id),
    [...BUILT_IN_NEWS, sha256("hello"), "custom"],
  );
  assert.deepEqual(entries.slice(-2), [
    { condition: true, id: sha256("hello"), message: "hello", time: "2025-01-01T00:00:00+00:00" },
    { condition: false, id: "custom", message: "bye", time: "2025-02-01T00:00:00+00:00" },
  ]);
  assert.equal(c.json(ev, "news.display"), "notify");
  const out = c.json(ev, "news.json.output") as string;
  assert.deepEqual(JSON.parse(fs.readFileSync(out, "utf8")), { display: "notify", entries });
});

test("news: the built-in entries are well formed; the gpg one concerns only immutable keyrings", () => {
  const c = new Case();
  c.homeNix("");
  const entries = c.json(c.evaluate(), "news.entries") as Entry[];
  assert.deepEqual(
    entries.map((e) => e.id),
    BUILT_IN_NEWS,
  );
  for (const e of entries) {
    assert.match(e.time, /^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.ok(!Number.isNaN(Date.parse(e.time)), e.time);
    assert.ok(e.message.length > 0 && !e.message.endsWith("\n"), e.id);
  }
  assert.deepEqual(
    entries.map((e) => e.condition),
    [true, true, false],
  );
  const key = path.join(packageRoot(), "test/fixtures/gpg/two-keys.asc");
  const gpgNews = (gpg: string) => {
    c.homeNix(`programs.gpg = { enable = true; ${gpg} };`);
    return (c.json(c.evaluate(), "news.entries") as Entry[])[2]!.condition;
  };
  // Immutable trust without any trust to set builds nothing; immutable keys do.
  assert.equal(gpgNews(`mutableTrust = false; publicKeys = [ { source = ${key}; } ];`), false);
  // (The keyring is built by the gpg on PATH under the stub backend.)
  if (spawnSync("gpg", ["--version"]).status === 0)
    assert.equal(gpgNews(`mutableKeys = false; publicKeys = [ { source = ${key}; } ];`), true);
});

test("news: the relevant entries, newest first, as the command shows them", () => {
  const c = new Case();
  c.homeNix(`news.display = "silent";
  news.entries = [
    { time = "2025-01-01T00:00:00+00:00"; message = "old"; }
    { time = "2027-03-01T00:00:00+00:00"; message = "new"; }
    { time = "2025-02-01T00:00:00+00:00"; condition = config.xdg.enable; message = "only with xdg"; }
  ];`);
  const news = c.evaluate().news();
  assert.equal(news.display, "silent");
  assert.deepEqual(
    news.entries.map((e) => e.id),
    [sha256("new"), BUILT_IN_NEWS[1], BUILT_IN_NEWS[0], sha256("old")],
  );
});

test("option documentation: every option of the catalog renders, a null default included", () => {
  const c = new Case();
  c.homeNix(
    `{ lib, options, ... }: {
  home.username = "hm-user";
  home.homeDirectory = "${c.home}";
  home.stateVersion = "24.11";
  lib.docsProbe.docs = lib.optionAttrSetToDocList options;
}`,
    { raw: true },
  );
  const docs = c.json(c.evaluate(), "lib.docsProbe.docs") as { name: string; default?: { _type: string; text: string } }[];
  assert.ok(docs.length > 1000, String(docs.length));
  const byName = new Map(docs.map((d) => [d.name, d]));
  assert.deepEqual(byName.get("systemd.user.services.<name>.Unit.X-SwitchMethod")!.default, { _type: "literalExpression", text: "null" });
  assert.equal(byName.get("programs.firefox.profiles.<name>.search.file")!.default!._type, "literalExpression");
});

test("manual options have Home Manager's defaults", () => {
  const c = new Case({}, { manpages: true });
  c.homeNix("");
  assert.deepEqual(c.json(c.evaluate(), "manual"), { html: { enable: false }, json: { enable: false }, manpages: { enable: true } });
});

test("uninstall forces an empty configuration and adds the uninstall step after the links are gone", () => {
  const c = new Case();
  c.homeNix(`uninstall = true; home.file.foo.text = "x"; home.packages = [ pkgs.hello ];`);
  const ev = c.evaluate();
  assert.deepEqual(ev.generation.files, []);
  assert.deepEqual(ev.generation.packages, []);
  assert.equal(ev.generation.stateVersion, "26.05");
  assert.equal(c.json(ev, "news.display"), "silent");
  const step = ev.generation.activation!.find((a) => a.name === "uninstall")!;
  assert.deepEqual(step.after, ["installPackages", "linkGeneration"]);
  assert.match(step.data, /run rm \$VERBOSE_ARG -r "\$hmDataPath"/);
});

test("targets.genericLinux: data dirs, cursor path, nix.sh and the systemd environment", () => {
  const c = new Case();
  const g = c.gen("targets.genericLinux.enable = true;");
  const p = `${c.home}/.nix-profile`;
  assert.equal(
    g.sessionVariables!.XDG_DATA_DIRS,
    `\${NIX_STATE_DIR:-/nix/var/nix}/profiles/default/share:${p}/share:/usr/share/ubuntu:/usr/local/share:/usr/share:/var/lib/snapd/desktop\${XDG_DATA_DIRS:+:$XDG_DATA_DIRS}`,
  );
  assert.deepEqual(g.sessionSearchVariables!.XCURSOR_PATH, [`${p}/share/icons`, "/usr/share/icons", "/usr/share/pixmaps"]);
  assert.equal(
    g.sessionVariablesExtra!,
    `. "@nix@/etc/profile.d/nix.sh"\n\n# reset TERM with new TERMINFO available (if any)\nexport TERM="$TERM"\n`,
  );
  const env = textAt(g, ".config/environment.d/10-home-manager.conf");
  assert.ok(env.includes("NIX_PATH=$HOME/.nix-defexpr/channels${NIX_PATH:+:}$NIX_PATH\n"), env);
  assert.ok(
    env.includes(`TERMINFO_DIRS=${p}/share/terminfo:$TERMINFO_DIRS\${TERMINFO_DIRS:+:}/etc/terminfo:/lib/terminfo:/usr/share/terminfo\n`),
    env,
  );
  assert.ok(sessionVarsText(g).includes("export XCURSOR_PATH="));
});

test("targets.genericLinux.extraXdgDataDirs is renamed to xdg.systemDirs.data", () => {
  const c = new Case();
  c.homeNix(`targets.genericLinux.extraXdgDataDirs = [ "/opt/share" ];`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "xdg.systemDirs.data"), ["/opt/share"]);
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, /targets\.genericLinux\.extraXdgDataDirs/);
});

test("programs.home-manager installs a home-manager command that runs this installation", () => {
  // Not the stub backend: there `pkgs.home-manager` is the placeholder `@home-manager@`, as in Home Manager's tests.
  const c = new Case({ HOME_MANAGER_PACKAGES: "host" });
  const g = c.gen("programs.home-manager.enable = true;");
  assert.equal(g.packages!.length, 1);
  const script = fs.readFileSync(path.join(g.packages![0]!, "bin/home-manager"), "utf8");
  assert.match(script, /^#!\/bin\/sh\nexec '.*\/bin\/home-manager' "\$@"\n$/);
});

test("assertions: every failed one is listed, pointing at the first the user wrote", () => {
  const c = new Case();
  const msg = c.error(`assertions = [
    { assertion = true; message = "fine"; }
    { assertion = false; message = "first problem"; }
    { assertion = 1 == 2; message = "second problem"; }
  ];`);
  assert.equal(
    msg,
    "\n       Failed assertions:\n       - first problem\n       - second problem\n" +
      "       at @HOME@/.config/home-manager/home.nix:8:7:\n" +
      '            7|     { assertion = true; message = "fine"; }\n' +
      '            8|     { assertion = false; message = "first problem"; }\n' +
      "             |       ^\n" +
      '            9|     { assertion = 1 == 2; message = "second problem"; }',
  );
});

test("warnings are printed as Home Manager traces them", () => {
  const c = new Case();
  c.gen(`warnings = [ "one" "two" ];`);
  assert.deepEqual(c.warnings, ["trace: warning: one", "trace: warning: two"]);
  const colored = new Case();
  delete colored.env.NO_COLOR;
  colored.gen(`warnings = [ "one" ];`);
  assert.deepEqual(colored.warnings, ["trace: \x1b[1;31mwarning: one\x1b[0m"]);
});

test("lib.hm is available to user modules and config.lib holds it", () => {
  const c = new Case();
  c.homeNix(`home.sessionVariables.A = lib.hm.strings.storeFileName "a b";
  home.sessionVariables.B = config.lib.strings.storeFileName "c d";
  home.sessionVariables.C = builtins.toString (builtins.isFunction config.lib.file.mkOutOfStoreSymlink);`);
  const g = c.evaluate().generation;
  assert.deepEqual(g.sessionVariables, { A: "hm_ab", B: "hm_cd", C: "1" });
});

test("module arguments: osConfig, nixosConfig and darwinConfig are null", () => {
  const c = new Case();
  c.homeNix(
    `{ osConfig, nixosConfig, darwinConfig, ... }: {
    home.username = "u"; home.homeDirectory = "/home/u"; home.stateVersion = "24.11";
    home.sessionVariables.X = builtins.toJSON [ osConfig nixosConfig darwinConfig ];
  }`,
    { raw: true },
  );
  assert.equal(c.evaluate().generation.sessionVariables!.X, "[null,null,null]");
});

test("nixpkgs.config and nixpkgs.overlays are accepted (and merged)", () => {
  const c = new Case();
  c.homeNix(`imports = [ { nixpkgs.config.permittedInsecurePackages = [ "a" ]; } ];
  nixpkgs.config.allowUnfree = true;
  nixpkgs.overlays = [ (final: prev: { }) ];`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "nixpkgs.config"), { allowUnfree: true, permittedInsecurePackages: ["a"] });
});

test("-A selects one attribute of the file; errors still name the file", () => {
  const c = new Case();
  const file = c.file(
    "homes.nix",
    `{ alice = { ... }: { home.username = "alice"; home.homeDirectory = "/home/alice"; home.stateVersion = "24.11"; };
  bob = { home.username = "bob"; home.homeDirectory = "/home/bob"; home.stateVersion = "24.11"; home.nope = 1; }; }`,
  );
  assert.equal(c.evaluate({ file, attr: "alice" }).generation.username, "alice");
  try {
    c.evaluate({ file, attr: "bob" });
    assert.fail("expected an error");
  } catch (e) {
    assert.match((e as Error).message, /^The option `home\.nope' does not exist\. Definition values:\n {7}- In `.*\/homes\.nix:2:/);
  }
  try {
    c.evaluate({ file, attr: "carol" });
    assert.fail("expected an error");
  } catch (e) {
    assert.equal((e as Error).message.split("\n")[0], "attribute 'carol' missing");
  }
});

test("-I entries are on the search path; import <nixpkgs> {} gives a package set of the backend", () => {
  const c = new Case();
  const lib = path.join(c.root, "extra");
  fs.mkdirSync(lib);
  fs.writeFileSync(path.join(lib, "default.nix"), `{ greeting = "hi"; }`);
  const nixpkgs = path.join(packageRoot(), "examples", "nixpkgs");
  c.homeNix(`home.sessionVariables.G = (import <extra>).greeting;
  home.packages = [ (import <nixpkgs> { }).ripgrep ];`);
  const g = c.evaluate({ includePaths: [`extra=${lib}`, `nixpkgs=${nixpkgs}`] }).generation;
  assert.equal(g.sessionVariables!.G, "hi");
  assert.deepEqual(g.packages, ["@ripgrep@"]);
});

test("an unknown option is reported at the user's line with a suggestion", () => {
  const c = new Case();
  assert.equal(
    c.error(`home.sesionVariables.EDITOR = "vim";`),
    "The option `home.sesionVariables' does not exist. Definition values:\n" +
      "       - In `@HOME@/.config/home-manager/home.nix:6:1':\n" +
      "           {\n" +
      '             EDITOR = "vim";\n' +
      "           }\n" +
      "       \n" +
      "       Did you mean `home.sessionVariables', `home.sessionVariablesExtra' or `home.sessionSearchVariables'?\n" +
      "       at @HOME@/.config/home-manager/home.nix:6:1:\n" +
      '            5|   home.stateVersion = lib.mkDefault "24.11";\n' +
      '            6| home.sesionVariables.EDITOR = "vim";\n' +
      "             | ^\n" +
      "            7| }",
  );
});
