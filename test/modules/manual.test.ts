/**
 * `manual.*`: the documents installed into the profile. The man pages are
 * there by default (`home-configuration.nix(5)` with the catalog's options,
 * each with its type, default and declaring file; `home-manager(1)`), not
 * when `manual.manpages.enable` is false; `manual.json.enable` adds
 * `options.json` in nixpkgs' `optionsJSON` shape; `manual.html.enable` the
 * HTML manual and `home-manager-help`. The documents do not depend on the
 * configuration, so their store entry keeps its name when it changes. The
 * man page's command list is checked against `home-manager --help`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { buildGeneration } from "../../src/build/generation.js";
import { helpText } from "../../src/cli/hm-args.js";
import { CLI_COMMANDS } from "../../src/modules/manual/cli-page.js";
import { blocksToRoff } from "../../src/modules/manual/man-page.js";
import { blocksToHtml } from "../../src/modules/manual/html-pages.js";
import { parseMarkdown } from "../../src/modules/manual/markdown.js";
import { HomeStore } from "../../src/store/home-store.js";
import { hmPaths } from "../../src/store/state-paths.js";
import { Case } from "./harness.js";

/** Build the generation of a module body; returns its `home-path`. */
function homePath(c: Case, body: string): string {
  const g = c.gen(body);
  const built = buildGeneration(g, { store: HomeStore.open(hmPaths(c.env).storeDir), env: c.env, warn: () => {} });
  return path.join(built.path, "home-path");
}

const read = (p: string): string => fs.readFileSync(p, "utf8");

test("the man pages are installed by default", () => {
  // The harness turns the man pages off unless asked, as Home Manager's test framework does.
  const hp = homePath(new Case({}, { manpages: true }), "");
  const page = read(path.join(hp, "share/man/man5/home-configuration.nix.5"));
  assert.match(page, /^\.TH "HOME\\-CONFIGURATION\.NIX" "5"/);
  assert.ok(page.includes('.SH "OPTIONS"'));
  // An option: heading, description, type, default, example, declaring file.
  const entry = page.slice(page.indexOf("\\fBprograms.git.enable\\fR"));
  assert.ok(
    entry.startsWith(
      [
        "\\fBprograms.git.enable\\fR",
        ".RS 4",
        "Whether to enable Git.",
        ".sp",
        "\\fIType:\\fR",
        "boolean",
        ".sp",
        "\\fIDefault:\\fR",
        ".RS 4",
        ".nf",
        "false",
        ".fi",
        ".RE",
        ".sp",
        "\\fIExample:\\fR",
        ".RS 4",
        ".nf",
        "true",
        ".fi",
        ".RE",
        ".sp",
        "\\fIDeclared by:\\fR",
        ".RS 4",
        "\\fB<home\\-manager/modules/programs/git.ts>\\fP",
        ".RE",
        ".RE",
      ].join("\n"),
    ),
    entry.slice(0, 400),
  );
  // A default shown by its defaultText, and a type with a hyphen escaped.
  const username = page.slice(page.indexOf("\\fBhome.username\\fR"));
  assert.match(username, /^\\fBhome\.username\\fR\n\.RS 4\nThe user's login name\.\n\.sp\n\\fIType:\\fR\nnon\\-empty string\n/);
  assert.ok(!page.includes("\\fBmanual.manpages.enable\\fR\n.RS 4\n.sp"));
  const cmd = read(path.join(hp, "share/man/man1/home-manager.1"));
  assert.match(cmd, /^\.TH "HOME\\-MANAGER" "1"/);
  assert.ok(cmd.includes("\\fBremove\\-generations ID...\\fR"));
  assert.ok(!fs.existsSync(path.join(hp, "share/doc/home-manager")));
});

test("manual.manpages.enable = false installs no man page", () => {
  const c = new Case();
  const g = c.gen("manual.manpages.enable = false;");
  assert.deepEqual(
    (g.packages ?? []).filter((p) => p.includes("home-manager-manpages")),
    [],
  );
});

test("options.json and the HTML manual", () => {
  const c = new Case();
  const hp = homePath(c, "manual.json.enable = true;\n  manual.html.enable = true;");
  const doc = path.join(hp, "share/doc/home-manager");
  const json = JSON.parse(read(path.join(doc, "options.json"))) as Record<string, unknown>;
  assert.deepEqual(json["home.username"], {
    declarations: ["modules/home-environment.ts"],
    default: { _type: "literalExpression", text: "`$USER` for state versions before 20.09, undefined otherwise" },
    description: "The user's login name.",
    example: { _type: "literalExpression", text: '"jane.doe"' },
    loc: ["home", "username"],
    readOnly: false,
    type: "non-empty string",
  });
  assert.deepEqual(json["manual.json.enable"], {
    declarations: ["modules/manual.ts"],
    default: { _type: "literalExpression", text: "false" },
    description:
      "Whether to install every option as JSON at `<profile directory>/share/doc/home-manager/options.json`, for editors and other tools.",
    example: { _type: "literalExpression", text: "true" },
    loc: ["manual", "json", "enable"],
    readOnly: false,
    type: "boolean",
  });
  assert.equal(
    Object.keys(json).some((k) => k.startsWith("news.entries")),
    false,
    "internal options are left out",
  );
  for (const f of ["index.html", "index.xhtml", "options.xhtml", "nixos-options.xhtml", "nix-darwin-options.xhtml", "release-notes.xhtml"])
    assert.ok(fs.existsSync(path.join(doc, f)), f);
  const index = read(path.join(doc, "index.xhtml"));
  assert.ok(
    index.startsWith(
      '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">\n  <head>\n    <meta charset="utf-8" />',
    ),
  );
  assert.ok(index.includes('"sec-news":"contributing/news.html"'));
  assert.ok(fs.existsSync(path.join(doc, "contributing/news.html")));
  const options = read(path.join(doc, "options.xhtml"));
  assert.ok(options.includes('<div class="option" id="opt-home.username">'));
  assert.ok(options.includes('"opt-":"options/home-manager"'));
  assert.ok(read(path.join(doc, "options/home-manager/programs/git.html")).includes('id="opt-programs.git.enable"'));
  assert.ok(read(path.join(doc, "release-notes.xhtml")).includes('id="sec-release-note-hm-ts-2026-09-14-package-backends"'));
  const help = path.join(hp, "bin/home-manager-help");
  assert.ok((fs.statSync(help).mode & 0o111) !== 0);
  const opened = spawnSync(help, [], { env: { PATH: process.env.PATH, BROWSER: "echo" }, encoding: "utf8" });
  assert.equal(opened.status, 0, opened.stderr);
  assert.match(opened.stdout, /^\S+-home-manager-manual\/share\/doc\/home-manager\/index\.html\n$/);
  assert.ok(fs.existsSync(opened.stdout.trim()));
});

test("the documents keep their store entry when the configuration changes", () => {
  const c = new Case({}, { manpages: true });
  const manpages = (body: string) => (c.gen(body).packages ?? []).filter((p) => p.endsWith("-home-manager-manpages"));
  const first = manpages("");
  assert.equal(first.length, 1);
  assert.deepEqual(manpages('programs.git.enable = true;\n  home.sessionVariables.EDITOR = "vi";'), first);
});

test("home-manager(1) lists the commands of home-manager --help", () => {
  const help = helpText("home-manager");
  const commands = help
    .slice(help.indexOf("\nCommands\n"))
    .split("\n")
    .flatMap((l) => (/^ {2}([a-z][a-z-]*)/.exec(l) === null ? [] : [/^ {2}([a-z][a-z-]*)/.exec(l)![1]!]));
  assert.deepEqual(
    CLI_COMMANDS.map((c) => c.usage.split(" ")[0]),
    commands,
  );
});

test("descriptions in Markdown become roff and HTML", () => {
  const blocks = parseMarkdown(
    "Run {command}`home-manager switch` or see [the site](https://example.org).\n\n- one\n- `two`\n\n```\n.hidden\n```",
  );
  assert.equal(
    blocksToRoff(blocks),
    [
      "Run \\fBhome\\-manager switch\\fR or see the site (\\fIhttps://example.org\\fR).",
      ".sp",
      ".RS 4",
      ".IP \\(bu 2",
      "one",
      ".IP \\(bu 2",
      "\\fBtwo\\fR",
      ".RE",
      ".sp",
      ".RS 4",
      ".nf",
      "\\&.hidden",
      ".fi",
      ".RE",
    ].join("\n"),
  );
  assert.equal(
    blocksToHtml(blocks),
    '<p>Run <code class="command">home-manager switch</code> or see <a href="https://example.org">the site</a>.</p>\n<ul><li><p>one</p></li><li><p><code>two</code></p></li></ul>\n<pre><code>.hidden</code></pre>',
  );
});
