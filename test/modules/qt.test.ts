/**
 * Golden cases of `qt`: session variables and packages from the platform
 * theme and a case-insensitive style name, the qt6ct INI file (lists joined by
 * commas), Kvantum's kvconfig, the KDE settings written by kwriteconfig6 at
 * activation, and the deprecated string `platformTheme` with its warnings.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

test("qt: variables, packages, qt6ct, Kvantum and KDE settings", () => {
  const c = new Case();
  c.homeNix(`
  qt = {
    enable = true;
    platformTheme.name = "qtct";
    style.name = "Kvantum";
    qt6ctSettings.Appearance = { style = "kvantum"; icon_themes = [ "Papirus" "hicolor" ]; };
    kvantum = { enable = true; settings.General.theme = "KvArc"; settings.Applications.KvFlat = [ "a" "b" ]; };
    kde.settings.kdeglobals = { KDE.SingleClick = false; General."font size" = 10; Icons.Theme = null; };
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { QT_QPA_PLATFORMTHEME: "qt5ct", QT_STYLE_OVERRIDE: "Kvantum" });
  assert.deepEqual(c.json(ev, "home.packages"), ["@qt5ct@", "@qt6ct@", "@qtstyleplugin-kvantum@", "@qtstyleplugin-kvantum@"]);
  const sys = c.json(ev, "systemd.user.sessionVariables") as Record<string, string>;
  assert.equal(sys.QT_STYLE_OVERRIDE, "Kvantum");
  assert.match(sys.QT_PLUGIN_PATH!, /^\/\S+\/\S+:\/\S+\/\S+$/);
  assert.deepEqual(c.json(ev, "xsession.importedVariables"), [
    "QT_PLUGIN_PATH",
    "QML2_IMPORT_PATH",
    "QT_QPA_PLATFORMTHEME",
    "QT_STYLE_OVERRIDE",
  ]);
  assert.equal(textAt(g, ".config/qt6ct/qt6ct.conf"), "[Appearance]\nicon_themes=Papirus, hicolor\nstyle=kvantum\n");
  assert.ok(!targets(g).includes(".config/qt5ct/qt5ct.conf"));
  assert.equal(textAt(g, ".config/Kvantum/kvantum.kvconfig"), "[Applications]\nKvFlat=a, b\n\n[General]\ntheme=KvArc\n");
  const act = String(c.json(ev, "home.activation.kconfig.data"));
  const kw = "run @kconfig@/bin/kwriteconfig6 --file '" + c.home + "/.config/kdeglobals'";
  assert.ok(act.includes(`${kw} --group General --key 'font size' -- 10\n`), act);
  assert.ok(act.includes(`${kw} --group Icons --key Theme --delete\n`), act);
  assert.ok(act.includes(`${kw} --group KDE --key SingleClick --type bool -- false\n`), act);
});

test("qt: the string platformTheme and kde6 are still accepted, with warnings", () => {
  const c = new Case();
  c.homeNix(`qt = { enable = true; platformTheme = "kde6"; };`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { QT_QPA_PLATFORMTHEME: "kde" });
  assert.equal(c.warnings.length, 2);
  assert.match(c.warnings[0]!, /`qt\.platformTheme` has been renamed to `qt\.platformTheme\.name`/);
  assert.match(c.warnings[1]!, /"kde6" for `qt\.platformTheme` is deprecated/);
});

test("qt: useGtkTheme becomes the gtk2 platform theme with its packages", () => {
  const c = new Case();
  c.homeNix(`qt = { enable = true; useGtkTheme = true; };`);
  const ev = c.evaluate();
  assert.deepEqual(c.json(ev, "home.sessionVariables"), { QT_QPA_PLATFORMTHEME: "gtk2" });
  assert.deepEqual(c.json(ev, "home.packages"), ["@qtstyleplugins@", "@qt6gtk2@"]);
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, /`qt\.useGtkTheme' defined in .* has been changed to `qt\.platformTheme' that has a different type/);
});
