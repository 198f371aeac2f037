/**
 * Building generations: `hm-session-vars.sh` byte for byte, `storeFileName`,
 * the link farm (text, sources, executable copies, recursive directories and
 * their overlaps), `home-path` merging packages as `buildEnv` does, store
 * paths that depend only on the inputs (an unchanged configuration writes
 * nothing), read-only canonical store entries, and the activate script's
 * shape (`bash -n` clean, HM's init and entries).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { buildGeneration } from "../../src/build/generation.js";
import { storeFileName } from "../../src/build/file-specs.js";
import type { HomeGeneration } from "../../src/build/home-config.js";
import { sessionVarsText } from "../../src/build/session-vars.js";
import { HomeStore } from "../../src/store/home-store.js";
import { Sandbox } from "./helpers.js";

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => boxes.forEach((b) => b.cleanup()));

function build(sb: Sandbox, g: HomeGeneration, warnings: string[] = []) {
  const store = HomeStore.open(path.join(sb.statePath, "store"));
  return buildGeneration(g, { store, env: sb.env, warn: (s) => warnings.push(s) });
}

const BASE = { username: "u", homeDirectory: "/home/u", stateVersion: "24.11" };

test("hm-session-vars.sh is written exactly as Home Manager writes it", () => {
  assert.equal(
    sessionVarsText({
      ...BASE,
      sessionVariables: { ZED: "last", EDITOR: "emacs", FLAG: true, OFF: false, N: 42, GONE: null, HOME_BIN: "$HOME/bin" },
    }),
    '# Only source this once.\nif [ -n "${__HM_SESS_VARS_SOURCED-}" ]; then return; fi\nexport __HM_SESS_VARS_SOURCED=1\n\n' +
      'export EDITOR="emacs"\nexport FLAG="true"\nexport HOME_BIN="$HOME/bin"\nexport N="42"\nexport OFF="false"\nexport ZED="last"\n\n',
  );
  assert.equal(
    sessionVarsText({
      ...BASE,
      sessionPath: ["$HOME/.local/bin", "/opt/bin"],
      sessionSearchVariables: { MANPATH: ["$HOME/man"] },
      sessionVariablesExtra: "source ~/.extra\n",
    }),
    '# Only source this once.\nif [ -n "${__HM_SESS_VARS_SOURCED-}" ]; then return; fi\nexport __HM_SESS_VARS_SOURCED=1\n\n\n' +
      'export MANPATH="$HOME/man${MANPATH:+:}$MANPATH"\nexport PATH="$HOME/.local/bin:/opt/bin${PATH:+:}$PATH"\nsource ~/.extra\n',
  );
});

test("storeFileName keeps only safe characters", () => {
  assert.equal(storeFileName(".config/git/config"), "hm_.configgitconfig");
  assert.equal(storeFileName("a b-c@d+e=f?g_h"), "hm_abcd+e=f?g_h");
});

test("an unchanged configuration builds to the same path without writing; a change gives a new one", () => {
  const sb = box();
  const g = sb.withFiles([{ target: ".a", text: "a" }]);
  const first = build(sb, g);
  const storeDir = path.join(sb.statePath, "store");
  const mtime = fs.statSync(storeDir).mtimeMs;
  const entries = fs.readdirSync(storeDir).sort();
  const second = build(sb, g);
  assert.deepEqual(second, first);
  assert.deepEqual(fs.readdirSync(storeDir).sort(), entries);
  assert.equal(fs.statSync(storeDir).mtimeMs, mtime);
  const third = build(sb, sb.withFiles([{ target: ".a", text: "b" }]));
  assert.notEqual(third.path, first.path);
  assert.equal(third.homePath, first.homePath, "same packages, same home-path");
  // Store entries are read-only; a path's root has the canonical mtime.
  assert.equal(fs.lstatSync(path.join(first.path, "activate")).mode & 0o777, 0o555);
  assert.equal(fs.lstatSync(path.join(first.homeFiles, ".a")).mode & 0o777, 0o444);
  assert.equal(fs.statSync(first.path).mode & 0o777, 0o555);
  assert.equal(fs.statSync(first.path).mtimeMs, 1000);
});

test("the link farm follows Home Manager's rules for sources, executables and recursive directories", () => {
  const sb = box();
  const src = path.join(sb.root, "src");
  fs.mkdirSync(path.join(src, "sub"), { recursive: true });
  fs.mkdirSync(path.join(src, ".git"));
  fs.writeFileSync(path.join(src, "a"), "A");
  fs.writeFileSync(path.join(src, "a~"), "backup");
  fs.writeFileSync(path.join(src, ".git/HEAD"), "ref");
  fs.writeFileSync(path.join(src, "sub/b"), "B", { mode: 0o755 });
  fs.symlinkSync("a", path.join(src, "rel-link"));
  const warnings: string[] = [];
  const g = sb.withFiles([
    { target: ".rec", source: src, recursive: true, executable: false },
    { target: ".rec/a", text: "explicit" },
    { target: "exe", text: "#!/bin/sh\n", executable: true },
    { target: "plain", source: path.join(src, "sub/b") },
  ]);
  const built = build(sb, g, warnings);
  const farm = built.homeFiles;
  assert.deepEqual(warnings, [".rec/a conflicts with recursively symlinked file"]);
  assert.equal(fs.readFileSync(path.join(farm, ".rec/a"), "utf8"), "A", "overlap ignored by default: the recursive file stays");
  assert.equal(fs.existsSync(path.join(farm, ".rec/a~")), false);
  assert.equal(fs.existsSync(path.join(farm, ".rec/.git")), false);
  assert.equal(fs.readlinkSync(path.join(farm, ".rec/rel-link")), "a", "symlinks are copied, not followed");
  assert.ok(fs.lstatSync(path.join(farm, ".rec/sub/b")).isFile(), "executable bit changed: copied");
  assert.equal(fs.statSync(path.join(farm, ".rec/sub/b")).mode & 0o111, 0);
  assert.ok((fs.statSync(path.join(farm, "exe")).mode & 0o111) !== 0);
  assert.ok(fs.lstatSync(path.join(farm, "plain")).isSymbolicLink());

  const over = build(sb, { ...g, fileOverlapResolution: "override" });
  assert.equal(fs.readFileSync(path.join(over.homeFiles, ".rec/a"), "utf8"), "explicit");
  assert.throws(() => build(sb, { ...g, fileOverlapResolution: "error" }), /\.rec\/a conflicts with recursively symlinked file/);
  assert.throws(
    () =>
      build(
        sb,
        sb.withFiles([
          { target: "d", source: src },
          { target: "d/inner", text: "x" },
        ]),
      ),
    /Error installing file 'd\/inner' outside \$HOME/,
  );
});

test("home-path merges packages like buildEnv", () => {
  const sb = box();
  const pkg = (name: string, files: Record<string, string>) => {
    const p = path.join(sb.root, "pkgs", name);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(p, rel)), { recursive: true });
      fs.writeFileSync(path.join(p, rel), text);
    }
    return p;
  };
  const a = pkg("a-1.0", { "bin/a": "a", "share/man/man1/a.1": "a", "share/doc/a/README": "r" });
  const b = pkg("b-2.0", { "bin/b": "b", "share/man/man1/b.1": "b", "share/same": "same" });
  const c = pkg("c-3.0", { "share/same": "same" });
  const hp = build(sb, sb.config({ packages: [a, b, c] })).homePath;
  assert.ok(fs.lstatSync(path.join(hp, "bin")).isDirectory(), "shared directory expanded");
  assert.equal(fs.readlinkSync(path.join(hp, "bin/a")), path.join(a, "bin/a"));
  assert.equal(fs.readlinkSync(path.join(hp, "share/doc")), path.join(a, "share/doc"), "a directory only one package has is linked whole");
  assert.ok(fs.lstatSync(path.join(hp, "share/man/man1")).isDirectory());
  assert.equal(fs.readFileSync(path.join(hp, "etc/profile.d/hm-session-vars.sh"), "utf8").split("\n")[0], "# Only source this once.");
  const d = pkg("d-4.0", { "bin/a": "different" });
  assert.throws(
    () => build(sb, sb.config({ packages: [a, d] })),
    new RegExp(`collision between '${path.join(a, "bin/a")}' and '${path.join(d, "bin/a")}'`),
  );
  // Priorities (`lib.hiPrio`/`lib.lowPrio`, meta.priority): the lower number wins a collision, whatever the order.
  const hi = build(sb, sb.config({ packages: [a, d], packagePriorities: { [d]: -10 } })).homePath;
  assert.equal(fs.readlinkSync(path.join(hi, "bin/a")), path.join(d, "bin/a"));
  const lo = build(sb, sb.config({ packages: [d, a], packagePriorities: { [d]: 10 } })).homePath;
  assert.equal(fs.readlinkSync(path.join(lo, "bin/a")), path.join(a, "bin/a"));
});

test("the activate script is valid bash with Home Manager's structure", () => {
  const sb = box();
  const built = build(
    sb,
    sb.withFiles([{ target: ".a", text: "a", onChange: "echo 'changed a'" }], {
      uid: 1234,
      emptyActivationPath: false,
      extraActivationPath: ["/opt/tool"],
    }),
  );
  const script = fs.readFileSync(path.join(built.path, "activate"), "utf8");
  assert.equal(spawnSync("bash", ["-n", path.join(built.path, "activate")]).status, 0);
  assert.match(script, /^#!\/\S*bash\nset -eu\nset -o pipefail\n/);
  assert.ok(script.includes(`declare -r newGenPath='${built.path}'`));
  assert.ok(!script.includes("@GENERATION_DIR@"));
  assert.ok(script.includes('checkStringEq UID "$(id -u)" 1234'));
  assert.match(script, /export PATH="[^"]*:\/opt\/tool\/bin\$\{PATH:\+:\}\$PATH"/);
  assert.ok(script.includes('_iNote "Activating %s" checkLinkTargets'));
  assert.ok(script.includes("changedFiles['.a']") || script.includes("changedFiles[.a]"));
});

test("basic settings are validated", () => {
  const sb = box();
  assert.throws(
    () => build(sb, { ...sb.config(), stateVersion: "latest" }),
    /home\.stateVersion must be a release like "24\.11", not 'latest'/,
  );
  assert.throws(() => build(sb, { ...sb.config(), homeDirectory: "relative" }), /home\.homeDirectory must be an absolute path/);
  assert.throws(() => build(sb, sb.withFiles([{ target: ".a" }])), /The option `home\.file\."\.a"\.source' is used but not defined\./);
  assert.throws(() => build(sb, sb.withFiles([{ target: ".a", source: path.join(sb.root, "nope") }])), /does not exist/);
});
