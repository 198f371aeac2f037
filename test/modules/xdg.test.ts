/**
 * `misc/xdg` golden cases, mirroring Home Manager's `tests/modules/misc/xdg`:
 * `file-gen` (custom base directories given as paths), `default-locations`
 * (state version 20.09 without `xdg.enable`), `local-bin-in-path` /
 * `local-bin-not-in-path`, `system-dirs` (the `environment.d` file and the
 * session variables, less the i18n line), plus the `XDG_*_HOME` exports of
 * `xdg.enable` and the legacy defaults taken from the environment.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sessionVarsText } from "../../src/build/session-vars.js";
import { Case, fileAt, targets, textAt } from "./harness.js";

test("file-gen: files under custom base directories given as paths", () => {
  const c = new Case();
  const g = c.gen(`
  xdg.configHome = /. + "\${config.home.homeDirectory}/.dummy-config";
  xdg.dataHome = /. + "\${config.home.homeDirectory}/.dummy-data";
  xdg.cacheHome = /. + "\${config.home.homeDirectory}/.dummy-cache";
  xdg.stateHome = /. + "\${config.home.homeDirectory}/.dummy-state";
  xdg.configFile.test.text = "config";
  xdg.dataFile.test.text = "data";
  xdg.stateFile.test.text = "state";
  home.file."\${config.xdg.cacheHome}/test".text = "cache";`);
  assert.equal(textAt(g, ".dummy-config/test"), "config");
  assert.equal(textAt(g, ".dummy-data/test"), "data");
  assert.equal(textAt(g, ".dummy-cache/test"), "cache");
  assert.equal(textAt(g, ".dummy-state/test"), "state");
  assert.equal(g.xdgConfigHome, `${c.home}/.dummy-config`);
});

test("default-locations: state version 20.09 without xdg.enable uses the standard paths", () => {
  const g = new Case({ XDG_CONFIG_HOME: "/elsewhere" }).gen(
    `xdg.enable = false;
  xdg.configFile.test.text = "config";
  xdg.dataFile.test.text = "data";
  home.file."\${config.xdg.cacheHome}/test".text = "cache";
  home.file."\${config.xdg.stateHome}/test".text = "state";`,
    { stateVersion: "20.09" },
  );
  assert.equal(textAt(g, ".config/test"), "config");
  assert.equal(textAt(g, ".local/share/test"), "data");
  assert.equal(textAt(g, ".cache/test"), "cache");
  assert.equal(textAt(g, ".local/state/test"), "state");
});

test("before 20.09 without xdg.enable the directories come from the environment", () => {
  const c = new Case();
  c.env.XDG_DATA_HOME = `${c.home}/data-from-env`;
  const g = c.gen(`xdg.dataFile.test.text = "data";`, { stateVersion: "20.03" });
  assert.equal(textAt(g, "data-from-env/test"), "data");
});

test("xdg.enable exports XDG_*_HOME to the session and to systemd", () => {
  const c = new Case();
  const g = c.gen("xdg.enable = true;");
  const h = c.home;
  assert.deepEqual(g.sessionVariables, {
    XDG_BIN_HOME: `${h}/.local/bin`,
    XDG_CACHE_HOME: `${h}/.cache`,
    XDG_CONFIG_HOME: `${h}/.config`,
    XDG_DATA_HOME: `${h}/.local/share`,
    XDG_STATE_HOME: `${h}/.local/state`,
  });
  assert.equal(
    textAt(g, ".config/environment.d/10-home-manager.conf"),
    `XDG_BIN_HOME=${h}/.local/bin\nXDG_CACHE_HOME=${h}/.cache\nXDG_CONFIG_HOME=${h}/.config\nXDG_DATA_HOME=${h}/.local/share\nXDG_STATE_HOME=${h}/.local/state\n`,
  );
});

test("local-bin-in-path: xdg.binHome goes on PATH", () => {
  const c = new Case();
  const g = c.gen("xdg.enable = true; xdg.localBinInPath = true;");
  assert.ok(sessionVarsText(g).includes(`export PATH="${c.home}/.local/bin\${PATH:+:}$PATH"`));
});

test("local-bin-not-in-path: without localBinInPath PATH is left alone", () => {
  const g = new Case().gen("xdg.enable = true;");
  assert.ok(!sessionVarsText(g).includes("export PATH="));
});

test("xdg.binHome is appended after other session path entries", () => {
  const c = new Case();
  const g = c.gen(`xdg.enable = true; xdg.localBinInPath = true; home.sessionPath = [ "/opt/bin" ];`);
  assert.deepEqual(g.sessionPath, ["/opt/bin", `${c.home}/.local/bin`]);
});

test("system-dirs: Home Manager's system-dirs case", () => {
  const c = new Case();
  const g = c.gen(`
  xdg.enable = true;
  xdg.systemDirs.config = [ "/etc/xdg" "/foo/bar" ];
  xdg.systemDirs.data = [ "/usr/local/share" "/usr/share" "/baz/quux" ];`);
  const h = c.home;
  assert.equal(
    textAt(g, ".config/environment.d/10-home-manager.conf"),
    `XDG_BIN_HOME=${h}/.local/bin
XDG_CACHE_HOME=${h}/.cache
XDG_CONFIG_DIRS=/etc/xdg:/foo/bar\${XDG_CONFIG_DIRS:+:$XDG_CONFIG_DIRS}
XDG_CONFIG_HOME=${h}/.config
XDG_DATA_DIRS=/usr/local/share:/usr/share:/baz/quux\${XDG_DATA_DIRS:+:$XDG_DATA_DIRS}
XDG_DATA_HOME=${h}/.local/share
XDG_STATE_HOME=${h}/.local/state
`,
  );
  const vars = sessionVarsText(g);
  assert.ok(vars.includes('export XDG_CONFIG_DIRS="/etc/xdg:/foo/bar${XDG_CONFIG_DIRS:+:$XDG_CONFIG_DIRS}"'));
  assert.ok(vars.includes('export XDG_DATA_DIRS="/usr/local/share:/usr/share:/baz/quux${XDG_DATA_DIRS:+:$XDG_DATA_DIRS}"'));
});

test("xdg files keep their own options through home.file", () => {
  const c = new Case();
  const g = c.gen(`xdg.configFile."app/run.sh" = { text = "echo"; executable = true; onChange = "echo hi"; };
  xdg.configFile."app/other".target = "app/renamed";
  xdg.configFile."app/other".text = "x";`);
  const f = fileAt(g, ".config/app/run.sh");
  assert.equal(f.executable, true);
  assert.equal(f.onChange, "echo hi");
  assert.match(f.source!, /-hm_apprun.sh$/);
  assert.ok(targets(g).includes(".config/app/renamed"));
});
