/**
 * Golden cases of `fonts.fontconfig`, `gtk` and `programs.man`: the
 * rendering and default-font files fontconfig gets, a configuration file
 * given as XML settings with its priority and label; GTK 2/3/4 files from
 * global settings with a per-version override, bookmarks and the GTK 4
 * theme import; the man-db manpath file with extra configuration, and the
 * assertion against two viewers at once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

/** Packages are stand-ins (`@name@` out paths), as in Home Manager's own tests. */
const STUB = { HOME_MANAGER_PACKAGES: "stub" };

test("fontconfig: rendering, default fonts and a settings file", () => {
  const c = new Case(STUB);
  const g = c.gen(
    `
  fonts.fontconfig = {
    enable = true;
    hinting = "slight";
    subpixelRendering = "rgb";
    defaultFonts.monospace = [ "Iosevka" "Noto Sans Mono" ];
    configFile.no-bitmaps = {
      priority = 70;
      label = "bitmaps";
      settings.selectfont.rejectfont.pattern.patelt = { "@name" = "scalable"; bool = "false"; };
    };
  };`,
    { stateVersion: "26.11" },
  );
  const dir = ".config/fontconfig/conf.d";
  assert.deepEqual(
    targets(g).filter((t) => t.startsWith(dir)),
    ["10-hm-fonts.conf", "10-hm-rendering.conf", "52-hm-default-fonts.conf", "70-hm-bitmaps.conf"].map((f) => `${dir}/${f}`),
  );
  assert.equal(
    textAt(g, `${dir}/10-hm-rendering.conf`),
    `<?xml version="1.0" encoding="utf-8"?>
<fontconfig>
  <description>Set the rendering mode</description>
  <match target="font">
    <edit mode="assign" name="hinting">
      <bool>true</bool>
    </edit>
    <edit mode="assign" name="hintstyle">
      <const>hintslight</const>
    </edit>
    <edit mode="assign" name="rgba">
      <const>rgb</const>
    </edit>
  </match>
</fontconfig>
`,
  );
  assert.equal(
    textAt(g, `${dir}/52-hm-default-fonts.conf`),
    `<?xml version="1.0" encoding="utf-8"?>
<fontconfig>
  <alias binding="same">
    <family>monospace</family>
    <prefer>
      <family>Iosevka</family>
      <family>Noto Sans Mono</family>
    </prefer>
  </alias>
  <description>Set default fonts</description>
</fontconfig>
`,
  );
  assert.equal(
    textAt(g, `${dir}/70-hm-bitmaps.conf`),
    `<?xml version="1.0" encoding="utf-8"?>
<fontconfig>
  <selectfont>
    <rejectfont>
      <pattern>
        <patelt name="scalable">
          <bool>false</bool>
        </patelt>
      </pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
`,
  );
});

test("fontconfig before 26.11: an entry without enable is left out, with a warning", () => {
  const c = new Case(STUB);
  c.homeNix(`fonts.fontconfig = { enable = true; configFile.old-style.text = "<fontconfig/>"; };`, { stateVersion: "26.05" });
  const g = c.evaluate().generation;
  assert.ok(!targets(g).includes(".config/fontconfig/conf.d/90-hm-old-style.conf"));
  assert.ok(targets(g).includes(".config/fontconfig/conf.d/10-hm-fonts.conf"));
  assert.equal(c.warnings.length, 1);
  assert.match(c.warnings[0]!, /`fonts\.fontconfig\.configFile\.old-style\.enable` has changed from `false` to `true`/);
});

test("gtk: global look, a GTK 3 override, bookmarks and the GTK 4 theme import", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  gtk = {
    enable = true;
    font = { name = "Inter"; size = 10; };
    theme = { name = "Arc"; package = pkgs.arc-theme; };
    cursorTheme = { name = "Bibata"; size = 32; };
    gtk2.extraConfig = "gtk-menu-images = 1";
    gtk3 = {
      colorScheme = "dark";
      extraConfig.gtk-recent-files-limit = 5;
      bookmarks = [ "file:///srv/music Music" ];
    };
    gtk4.theme = { name = "Arc"; package = pkgs.arc-theme; };
  };`);
  assert.equal(
    textAt(g, ".gtkrc-2.0"),
    'gtk-cursor-theme-name = "Bibata"\ngtk-cursor-theme-size = 32\ngtk-font-name = "Inter 10"\ngtk-theme-name = "Arc"\ngtk-menu-images = 1\n',
  );
  assert.equal(
    textAt(g, ".config/gtk-3.0/settings.ini"),
    "[Settings]\ngtk-application-prefer-dark-theme=true\ngtk-cursor-theme-name=Bibata\ngtk-cursor-theme-size=32\n" +
      "gtk-font-name=Inter 10\ngtk-recent-files-limit=5\ngtk-theme-name=Arc\n",
  );
  assert.equal(textAt(g, ".config/gtk-3.0/bookmarks"), "file:///srv/music Music\n");
  assert.equal(
    textAt(g, ".config/gtk-4.0/settings.ini"),
    "[Settings]\ngtk-cursor-theme-name=Bibata\ngtk-cursor-theme-size=32\ngtk-font-name=Inter 10\ngtk-theme-name=Arc\n",
  );
  assert.match(textAt(g, ".config/gtk-4.0/gtk.css"), /^@import url\("file:\/\/@arc-theme@\/share\/themes\/Arc\/gtk-4\.0\/gtk\.css"\);$/m);
  assert.ok(!targets(g).includes(".config/gtk-3.0/gtk.css"));
});

test("man: man-db manpath with extra configuration; two viewers are refused", () => {
  const c = new Case(STUB);
  const g = c.gen(`
  programs.man = {
    enable = true;
    generateCaches = true;
    man-db.extraConfig = "SECTION 1 8";
  };`);
  const text = textAt(g, ".manpath");
  // The extra configuration is a single line without a newline, and is written as such.
  const m = /^MANDB_MAP (\S+) (\/\S+-man-cache)\n\nSECTION 1 8$/.exec(text);
  assert.ok(m !== null, text);
  assert.equal(m[1], `${c.home}/.nix-profile/share/man`);
  const err = c.error(`
  programs.man = { enable = true; mandoc.enable = true; };`);
  assert.match(err, /man-db and mandoc can't be used as the man page viewer at the same time!/);
});
