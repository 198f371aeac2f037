/**
 * `home-environment` and `misc/version` golden cases: session variables (Home
 * Manager's `home-environment/session-variables` case, whose expected
 * `hm-session-vars.sh` is checked through the builder's renderer — less the
 * `LOCALE_ARCHIVE_2_27` line of the i18n module this catalog does not have
 * yet), `session-path`, `session-search-variables`, `home.language`,
 * `home.keyboard` and the other defaults that depend on `home.stateVersion`,
 * the legacy `$USER`/`$HOME` defaults, `home.uid`, and the state-version and
 * missing-option errors, pinned verbatim.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sessionVarsText } from "../../src/build/session-vars.js";
import { sessionVarsScript } from "../../src/modules/index.js";
import { Case } from "./harness.js";

test("session variables: Home Manager's session-variables case", () => {
  const c = new Case();
  const g = c.gen(`
  xdg.enable = true;
  home.sessionVariables = {
    V1 = "v1";
    V2 = "v2-\${config.home.sessionVariables.V1}";
    IS_EMPTY = "";
    IS_NULL = null;
    IS_TRUE = true;
    IS_FALSE = false;
  };`);
  const h = c.home;
  assert.equal(
    sessionVarsText(g),
    `# Only source this once.
if [ -n "\${__HM_SESS_VARS_SOURCED-}" ]; then return; fi
export __HM_SESS_VARS_SOURCED=1

export IS_EMPTY=""
export IS_FALSE="false"
export IS_TRUE="true"
export V1="v1"
export V2="v2-v1"
export XDG_BIN_HOME="${h}/.local/bin"
export XDG_CACHE_HOME="${h}/.cache"
export XDG_CONFIG_HOME="${h}/.config"
export XDG_DATA_HOME="${h}/.local/share"
export XDG_STATE_HOME="${h}/.local/state"

`,
  );
});

test("session variables: numbers, floats and paths as Nix's toString shows them", () => {
  const g = new Case().gen(`home.sessionVariables = { N = 42; F = 1.5; G = 2.0; P = ./.; };`);
  const vars = g.sessionVariables!;
  assert.equal(vars.N, 42);
  assert.equal(vars.F, "1.500000");
  assert.equal(vars.G, "2.000000");
  assert.match(String(vars.P), /\/home\/\.config\/home-manager$/);
});

test("the module's own hm-session-vars.sh package has the builder's text", () => {
  const c = new Case();
  c.homeNix(`home.sessionVariables.A = "1"; home.sessionPath = [ "/x" ];`);
  const ev = c.evaluate();
  const script = sessionVarsScript({ A: "1" }, { PATH: ["/x"] }, "");
  assert.equal(script, sessionVarsText(ev.generation));
});

test("session path: Home Manager's session-path case", () => {
  const g = new Case().gen(`home.sessionPath = [ "bar" "baz" "foo" ];`);
  assert.deepEqual(g.sessionSearchVariables, { PATH: ["bar", "baz", "foo"] });
  assert.ok(sessionVarsText(g).includes('export PATH="bar:baz:foo${PATH:+:}$PATH"'));
});

test("session search variables: Home Manager's session-search-variables case", () => {
  const g = new Case().gen(`home.sessionSearchVariables.TEST = [ "bar" "baz" "foo" ];`);
  assert.ok(sessionVarsText(g).includes('export TEST="bar:baz:foo${TEST:+:}$TEST"'));
  assert.deepEqual(g.sessionPath, []);
});

test("home.language sets LANG and the LC_* variables; null leaves them out", () => {
  const g = new Case().gen(`home.language = { base = "en_US.UTF-8"; time = "de_DE.UTF-8"; measurement = null; };`);
  assert.deepEqual(g.sessionVariables, { LANG: "en_US.UTF-8", LC_TIME: "de_DE.UTF-8" });
});

test("home.keyboard defaults by state version: null from 21.11, {} with layout us before 19.09", () => {
  const c = new Case();
  c.homeNix("", { stateVersion: "21.11" });
  assert.equal(c.json(c.evaluate(), "home.keyboard"), null);
  c.homeNix("", { stateVersion: "21.05" });
  assert.deepEqual(c.json(c.evaluate(), "home.keyboard"), { layout: null, model: null, options: [], variant: null });
  c.homeNix("", { stateVersion: "19.03" });
  assert.deepEqual(c.json(c.evaluate(), "home.keyboard"), { layout: "us", model: null, options: [], variant: "" });
});

test("home.emptyActivationPath is true from 22.11, false before", () => {
  assert.equal(new Case().gen("", { stateVersion: "22.11" }).emptyActivationPath, true);
  assert.equal(new Case().gen("", { stateVersion: "22.05" }).emptyActivationPath, false);
});

test("before 20.09 home.username and home.homeDirectory default to $USER and $HOME", () => {
  const c = new Case({ USER: "legacy-user" });
  c.homeNix(`{ ... }: { home.stateVersion = "20.03"; }`, { raw: true });
  const g = c.evaluate().generation;
  assert.equal(g.username, "legacy-user");
  assert.equal(g.homeDirectory, c.home);
});

test("from 20.09 a missing home.username is an error", () => {
  const c = new Case();
  assert.equal(
    c.error(`{ ... }: { home.homeDirectory = "/home/x"; home.stateVersion = "24.05"; }`, { raw: true }),
    "The option `home.username' was accessed but has no value defined. Try setting the option.",
  );
});

test("home.stateVersion must be one of Home Manager's versions", () => {
  const c = new Case();
  assert.equal(
    c.error(`{ ... }: { home.username = "u"; home.homeDirectory = "/home/u"; home.stateVersion = "24.12"; }`, { raw: true }),
    "A definition for option `home.stateVersion' is not of type `one of " +
      '"18.09", "19.03", "19.09", "20.03", "20.09", "21.03", "21.05", "21.11", "22.05", "22.11", "23.05", "23.11", "24.05", "24.11", "25.05", "25.11", "26.05", "26.11"' +
      "'. Definition values:\n" +
      `       - In \`@HOME@/.config/home-manager/home.nix:1:65': "24.12"\n` +
      "       at @HOME@/.config/home-manager/home.nix:1:65:\n" +
      `            1| { ... }: { home.username = "u"; home.homeDirectory = "/home/u"; home.stateVersion = "24.12"; }\n` +
      "             |                                                                 ^",
  );
});

test("home.uid, profile directory, version and the generation basics", () => {
  const c = new Case();
  const g = c.gen(`home.uid = 1000;`);
  assert.equal(g.uid, 1000);
  assert.equal(g.username, "hm-user");
  assert.equal(g.homeDirectory, c.home);
  assert.equal(g.stateVersion, "24.11");
  assert.equal(g.profileDirectory, `${c.home}/.nix-profile`);
  assert.equal(g.hmVersion, "26.11");
  assert.equal(g.xdgConfigHome, `${c.home}/.config`);
  assert.equal(g.fileOverlapResolution, "ignore");
  assert.deepEqual(g.activation, []);
  assert.deepEqual(c.warnings, []);
});

test("home.activation entries keep their DAG edges; home.extraActivationPath gives store paths", () => {
  const g = new Case().gen(`
  home.activation.first = lib.hm.dag.entryAfter [ "writeBoundary" ] "echo one";
  home.activation.second = lib.hm.dag.entryBefore [ "checkLinkTargets" ] "echo two";
  home.activation.plain = "echo three";
  home.extraActivationPath = [ pkgs.jq ];`);
  assert.deepEqual(g.activation, [
    { name: "first", data: "echo one", after: ["writeBoundary"], before: [] },
    { name: "plain", data: "echo three", after: [], before: [] },
    { name: "second", data: "echo two", after: [], before: ["checkLinkTargets"] },
  ]);
  // jq is one of the packages Home Manager's tests keep real: the host's jq when it has one, else a store path; never `@jq@`.
  assert.match(g.extraActivationPath![0]!, /-jq$/);
});

test("the removed home.sessionVariableSetter fails with Home Manager's explanation", () => {
  const c = new Case();
  const msg = c.error(`home.sessionVariableSetter = "pam";`).replace(/\n {7}/g, "\n");
  assert.ok(
    msg.startsWith(
      "\nFailed assertions:\n- The option definition `home.sessionVariableSetter' in `@HOME@/.config/home-manager/home.nix' no longer has any effect; please remove it.\n",
    ),
    msg,
  );
  assert.ok(msg.includes(`  @HOME@/.nix-profile/etc/profile.d/hm-session-vars.sh`), msg);
});

test("no release-mismatch warning when Home Manager and Nixpkgs releases agree", () => {
  const c = new Case();
  c.gen("");
  assert.deepEqual(c.warnings, []);
});
