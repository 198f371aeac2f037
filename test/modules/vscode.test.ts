/**
 * `programs.vscode` golden cases: settings with the update switches, key
 * bindings (nulls dropped), tasks and snippets per profile, the immutable
 * extensions directory and profile registration when a second profile
 * exists, the top-level aliases of the default profile, and the MCP merge
 * with `programs.mcp.servers` (declared here by a small stand-in module).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

const userDir = ".config/Code/User";

test("vscode: profiles, settings, keybindings, snippets and extensions", () => {
  const c = new Case();
  c.homeNix(`
  programs.vscode = {
    enable = true;
    argvSettings."enable-crash-reporter" = false;
    profiles.default = {
      userSettings = { "editor.tabSize" = 4; "[nix]"."editor.formatOnSave" = true; };
      enableUpdateCheck = false;
      keybindings = [ { key = "ctrl+k"; command = "workbench.action.quickOpen"; } ];
      languageSnippets.nix.letin = { prefix = "let"; body = [ "let $1 in $0" ]; };
    };
    profiles.work = {
      userTasks = { version = "2.0.0"; tasks = [ ]; };
      globalSnippets.todo = { prefix = "todo"; body = "TODO: $0"; };
      enableExtensionUpdateCheck = true;
    };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.equal(
    textAt(g, `${userDir}/settings.json`),
    '{\n  "[nix]": {\n    "editor.formatOnSave": true\n  },\n  "editor.tabSize": 4,\n  "update.mode": "none"\n}\n',
  );
  assert.equal(
    textAt(g, `${userDir}/keybindings.json`),
    '[\n  {\n    "command": "workbench.action.quickOpen",\n    "key": "ctrl+k"\n  }\n]\n',
  );
  assert.equal(
    textAt(g, `${userDir}/snippets/nix.json`),
    '{\n  "letin": {\n    "body": [\n      "let $1 in $0"\n    ],\n    "prefix": "let"\n  }\n}\n',
  );
  assert.equal(textAt(g, `${userDir}/profiles/work/tasks.json`), '{\n  "tasks": [],\n  "version": "2.0.0"\n}\n');
  assert.equal(
    textAt(g, `${userDir}/profiles/work/snippets/global.code-snippets`),
    '{\n  "todo": {\n    "body": "TODO: $0",\n    "prefix": "todo"\n  }\n}\n',
  );
  assert.equal(textAt(g, `${userDir}/profiles/work/extensions.json`), "[]");
  assert.equal(textAt(g, ".vscode/argv.json"), '{\n  "enable-crash-reporter": false\n}\n');
  const all = targets(g);
  assert.ok(all.includes(".vscode/extensions"));
  assert.ok(!all.includes(`${userDir}/profiles/work/settings.json`));
  assert.deepEqual(c.json(ev, "warnings"), [
    "The option programs.vscode.profiles.*.enableExtensionUpdateCheck and option " +
      "programs.vscode.profiles.*.enableUpdateCheck is invalid for all profiles except default.",
  ]);
  const activation = c.json(ev, "home.activation.vscodeProfiles") as { after: string[]; data: string };
  assert.deepEqual(activation.after, ["writeBoundary"]);
});

test("vscode: mcp.json merges programs.mcp servers under the profile's own", () => {
  const c = new Case();
  c.homeNix(`
  programs.mcp = {
    enable = true;
    servers.fs = { command = "mcp-fs"; args = [ "--root" "/srv" ]; };
    servers.web = { url = "https://example.org/mcp"; disabled = true; };
  };
  programs.vscode = {
    enable = true;
    package = null;
    profiles.default.enableMcpIntegration = true;
    userMcp = { inputs = [ ]; servers.web.url = "https://override.example/mcp"; };
  };`);
  const g = c.evaluate().generation;
  assert.equal(
    textAt(g, `${userDir}/mcp.json`),
    `{
  "inputs": [],
  "servers": {
    "fs": {
      "args": [
        "--root",
        "/srv"
      ],
      "command": "mcp-fs",
      "type": "stdio"
    },
    "web": {
      "url": "https://override.example/mcp"
    }
  }
}
`,
  );
  // No package: no `.extensions-immutable.json` whose change would run it.
  assert.ok(!targets(g).some((t) => t.endsWith(".extensions-immutable.json")));
});

test("vscode: a fork's package is warned about", () => {
  const c = new Case();
  c.homeNix(`
  programs.vscode = {
    enable = true;
    package = pkgs.writeShellScriptBin "codium" "" // { pname = "vscodium"; };
  };`);
  const warnings = c.json(c.evaluate(), "warnings") as string[];
  assert.deepEqual(warnings, [
    'programs.vscode.package is set to a known VSCode fork (pname: "vscodium"),\n' +
      "but programs.vscode now always writes to Visual Studio Code's paths\n" +
      '(e.g. ~/.vscode, "Code/User"). Use programs.vscodium instead so that\n' +
      "configuration is written to the fork's own paths.\n",
  ]);
});
