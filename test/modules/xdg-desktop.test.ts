/**
 * Desktop entries and the MIME databases, built into the profile:
 * `xdg.desktopEntries` become `share/applications/<name>.desktop` of
 * `home-path` through the native `makeDesktopItem`, and `xdg.mime`'s
 * `home.extraProfileCommands` run on the merged profile (`$out`), with
 * stand-in programs for `update-mime-database` and
 * `update-desktop-database` that record what they were asked to do.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { buildGeneration } from "../../src/build/generation.js";
import { HomeStore } from "../../src/store/home-store.js";
import { hmPaths } from "../../src/store/state-paths.js";
import { Case } from "./harness.js";

/** Build the generation of a module body; returns its `home-path`. */
function homePath(c: Case, body: string): string {
  const g = c.gen(body);
  const built = buildGeneration(g, { store: HomeStore.open(hmPaths(c.env).storeDir), env: c.env, warn: () => {} });
  return path.join(built.path, "home-path");
}

test("desktop entries are desktop files of the profile", () => {
  const c = new Case();
  const hp = homePath(
    c,
    `
  xdg.desktopEntries.notes = {
    name = "Notes";
    exec = "notes %f";
    mimeType = [ "text/plain" ];
    categories = [ "Office" ];
    settings.Keywords = "memo;todo";
    actions.quick = { name = "Quick Note"; exec = "notes --quick"; };
  };`,
  );
  assert.equal(
    fs.readFileSync(path.join(hp, "share/applications/notes.desktop"), "utf8"),
    "[Desktop Entry]\nActions=quick\nCategories=Office\nExec=notes %f\nKeywords=memo;todo\nMimeType=text/plain\nName=Notes\n" +
      "Terminal=false\nType=Application\nVersion=1.5\n\n[Desktop Action quick]\nExec=notes --quick\nName=Quick Note\n",
  );
});

test("xdg.mime: the database programs run on the merged profile", () => {
  const c = new Case();
  const hp = homePath(
    c,
    `
  xdg.mime.enable = true;
  xdg.mime.sharedMimeInfoPackage = pkgs.writeShellScriptBin "update-mime-database" ''
    echo "$@" > "$out/share/mime/args"
  '';
  xdg.mime.desktopFileUtilsPackage = pkgs.writeShellScriptBin "update-desktop-database" ''
    ls "$1" > "$1/listing"
  '';
  xdg.desktopEntries.viewer = { name = "Viewer"; mimeType = [ "image/png" ]; };`,
  );
  // `$out` names the profile while it is built (a temporary name in the store).
  assert.match(fs.readFileSync(path.join(hp, "share/mime/args"), "utf8"), /^-V \/.+\/share\/mime\n$/);
  assert.equal(fs.readFileSync(path.join(hp, "share/applications/listing"), "utf8"), "listing\nviewer.desktop\n");
});
