/**
 * The XDG user directories, autostart entries and desktop portal
 * configuration: `user-dirs.dirs` with a directory left out and an extra
 * one, the deprecated `XDG_…_DIR` key form with its warning before 26.05,
 * the session variables by state version, autostart as a recursive or a
 * read-only link, and the portal's `<desktop>-portals.conf` files.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, fileAt, targets, textAt } from "./harness.js";

test("user-dirs: well-known directories, one left out, one added, sorted", () => {
  const c = new Case();
  const g = c.gen(
    `
  xdg.userDirs = {
    enable = true;
    music = null;
    videos = "/srv/films";
    extraConfig.SCANS = "\${config.home.homeDirectory}/Scans";
  };`,
    { stateVersion: "26.05" },
  );
  const h = c.home;
  assert.equal(
    textAt(g, ".config/user-dirs.dirs"),
    [
      `XDG_DESKTOP_DIR="${h}/Desktop"`,
      `XDG_DOCUMENTS_DIR="${h}/Documents"`,
      `XDG_DOWNLOAD_DIR="${h}/Downloads"`,
      `XDG_PICTURES_DIR="${h}/Pictures"`,
      `XDG_PROJECTS_DIR="${h}/Projects"`,
      `XDG_PUBLICSHARE_DIR="${h}/Public"`,
      `XDG_SCANS_DIR="${h}/Scans"`,
      `XDG_TEMPLATES_DIR="${h}/Templates"`,
      `XDG_VIDEOS_DIR="/srv/films"`,
      "",
    ].join("\n"),
  );
  assert.equal(textAt(g, ".config/user-dirs.conf"), "enabled=False");
  // From 26.05 the directories are not session variables unless asked.
  const ev = c.evaluate();
  assert.equal((c.json(ev, "home.sessionVariables") as Record<string, string>).XDG_DESKTOP_DIR, undefined);
  assert.deepEqual(c.warnings, []);
});

test("user-dirs before 26.05: old key form accepted with a warning, session variables on", () => {
  const c = new Case();
  c.homeNix(
    `
  xdg.userDirs = { enable = true; extraConfig.XDG_SCANS_DIR = "/srv/scans"; };`,
    { stateVersion: "25.11" },
  );
  const ev = c.evaluate();
  assert.match(textAt(ev.generation, ".config/user-dirs.dirs"), /^XDG_SCANS_DIR="\/srv\/scans"$/m);
  assert.equal((c.json(ev, "home.sessionVariables") as Record<string, string>).XDG_SCANS_DIR, "/srv/scans");
  assert.ok(
    c.warnings.some((w) =>
      w.includes(
        "Using `xdg.userDirs.extraConfig` as keys like `XDG_SCANS_DIR` is deprecated and will be\nremoved in a future release. Please use keys like `SCANS` instead.",
      ),
    ),
    c.warnings.join("\n"),
  );
});

test("autostart: nothing without entries, a recursive link with them, one link when read-only", () => {
  const c = new Case();
  assert.ok(!targets(c.gen(`xdg.autostart.enable = true;`)).includes(".config/autostart"));
  const entry = `xdg.autostart.entries = [ "\${pkgs.writeText "a.desktop" "[Desktop Entry]"}" ];`;
  const g = c.gen(`xdg.autostart.enable = true; ${entry}`);
  assert.equal(fileAt(g, ".config/autostart").recursive, true);
  const ro = c.gen(`xdg.autostart = { enable = true; readOnly = true; };`);
  assert.equal(fileAt(ro, ".config/autostart").recursive, false);
});

test("portal: one INI file per desktop, lists joined by ';', common as portals.conf", () => {
  const c = new Case();
  const g = c.gen(`
  xdg.portal = {
    enable = true;
    extraPortals = [ pkgs.xdg-desktop-portal-gtk ];
    config = {
      common.default = "gtk";
      sway = { default = [ "wlr" "gtk" ]; "org.freedesktop.impl.portal.Secret" = "gnome-keyring"; };
      empty = { };
    };
  };`);
  assert.equal(textAt(g, ".config/xdg-desktop-portal/portals.conf"), "[preferred]\ndefault=gtk\n");
  assert.equal(
    textAt(g, ".config/xdg-desktop-portal/sway-portals.conf"),
    "[preferred]\ndefault=wlr;gtk\norg.freedesktop.impl.portal.Secret=gnome-keyring\n",
  );
  assert.ok(!targets(g).some((t) => t.includes("empty-portals")));
});

test("portal without an implementation fails its assertion", () => {
  const c = new Case();
  assert.match(c.error(`xdg.portal.enable = true; xdg.portal.config.common.default = "*";`), /requires a portal implementation/);
});

test("mimeApps: the three INI sections, single names as lists, also under the data directory", () => {
  const c = new Case();
  const g = c.gen(`
  xdg.mimeApps = {
    enable = true;
    associations.added = { "text/plain" = [ "a.desktop" "b.desktop" ]; "image/gif" = "c.desktop"; };
    associations.removed."text/plain" = "d.desktop";
    defaultApplications."application/pdf" = "reader.desktop";
  };`);
  const expected = [
    "[Added Associations]",
    "image/gif=c.desktop",
    "text/plain=a.desktop;b.desktop",
    "",
    "[Default Applications]",
    "application/pdf=reader.desktop",
    "",
    "[Removed Associations]",
    "text/plain=d.desktop",
    "",
  ].join("\n");
  assert.equal(textAt(g, ".config/mimeapps.list"), expected);
  assert.equal(textAt(g, ".local/share/applications/mimeapps.list"), expected);
});
