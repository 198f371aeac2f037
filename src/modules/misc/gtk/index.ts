/**
 * `gtk`: the look of GTK applications. `gtk.font`, `theme`, `iconTheme`,
 * `cursorTheme` and `colorScheme` are defaults that each version
 * (`gtk.gtk2`, `gtk.gtk3`, `gtk.gtk4`) takes unless it sets its own. When
 * `gtk.enable` is on, each enabled version gets its file:
 * GTK 2 `~/.gtkrc-2.0` (or `gtk2.configLocation`, exported as
 * `GTK2_RC_FILES`), GTK 3 and 4 `$XDG_CONFIG_HOME/gtk-{3,4}.0/settings.ini`
 * plus `gtk.css` (`extraCss`; for GTK 4 also an import of the theme's own
 * stylesheet, since GTK 4 ignores `gtk-theme-name`), GTK 3 `bookmarks`; the
 * GTK 3 look is also written to dconf's `org/gnome/desktop/interface`.
 * The themes' and fonts' packages of the enabled versions are installed.
 *
 * GTK 4 takes `gtk.theme` by default only before state version 26.05
 * (with Home Manager's state-version warning when it does).
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  option,
  t,
  type AttrsView,
  type JsValue,
  type TsType,
} from "../../../module-system/index.js";
import { originOf } from "../../../module-system/ts-view.js";
import type { Lazy } from "../../../nix/values.js";
import { libCall } from "../../module-kit.js";
import {
  fontType,
  gtk2Lines,
  gtkPackages,
  gtkSettings,
  settingsIni,
  themeType,
  type ColorScheme,
  type Font,
  type Theme,
  type VersionLook,
} from "./gtk-settings.js";

const FILE = "modules/misc/gtk/index.ts";

const colorSchemeType = t.nullOr(t.enum(["dark", "light"] as const));

/** The global value of `gtk.<name>`, the default of a version's own. */
const globalOf = (d: { arg(name: string): JsValue }, name: string) => ((d.arg("config") as AttrsView).gtk as AttrsView)[name]!;

/** The look of a version, read from its options. */
function lookOf(c: Omit<VersionLook, "colorScheme">, colorScheme: ColorScheme | null): VersionLook {
  return { font: c.font, theme: c.theme, iconTheme: c.iconTheme, cursorTheme: c.cursorTheme, colorScheme };
}

/** `font`, `iconTheme`, `cursorTheme` (and `theme` unless given) of version `v`, defaulting to the global ones. */
function lookOptions(v: number) {
  const inherited = <T>(name: string, type: TsType<T>, what: string) =>
    option({
      type,
      default: (d) => globalOf(d, name) as unknown as T,
      defaultText: `config.gtk.${name}`,
      description: `${what} of GTK ${v} applications.`,
    });
  return {
    font: inherited("font", t.nullOr(fontType), "Font"),
    iconTheme: inherited("iconTheme", t.nullOr(themeType("icon theme")), "Icon theme"),
    cursorTheme: inherited("cursorTheme", t.nullOr(themeType("cursor theme", true)), "Cursor theme"),
  };
}

const enableVersion = (v: number) =>
  option({ type: t.bool, default: true, example: false, description: `Whether to write the configuration of GTK ${v}.` });

const rootModule = defineModule({
  file: FILE,
  path: "gtk",
  options: {
    enable: mkEnableOption("GTK theming and configuration"),
    font: option({ type: t.nullOr(fontType), default: null, description: "Font of every GTK version (unless a version sets its own)." }),
    theme: option({
      type: t.nullOr(themeType("theme")),
      default: null,
      description: "Theme of GTK 2 and 3 (unless a version sets its own).",
    }),
    iconTheme: option({
      type: t.nullOr(themeType("icon theme")),
      default: null,
      description: "Icon theme of every GTK version (unless a version sets its own).",
    }),
    cursorTheme: option({
      type: t.nullOr(themeType("cursor theme", true)),
      default: null,
      description: "Cursor theme of every GTK version (unless a version sets its own).",
    }),
    colorScheme: option({
      type: colorSchemeType,
      default: null,
      description: "Preferred colour scheme of every GTK version (unless a version sets its own).",
    }),
  },
  config: ({ cfg, config, lib }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () =>
        gtkPackages(
          lib,
          ["gtk2", "gtk3", "gtk4"].map((v) => {
            const c = config.get(`gtk.${v}`) as AttrsView;
            return {
              enable: c.enable as boolean,
              font: c.font as Font | null,
              theme: c.theme as Theme | null,
              iconTheme: c.iconTheme as Theme | null,
              cursorTheme: c.cursorTheme as Theme | null,
              colorScheme: null,
            };
          }),
        ),
    }),
});

const gtk2Module = defineModule({
  file: FILE,
  key: `${FILE}#gtk2`,
  path: "gtk.gtk2",
  options: {
    enable: enableVersion(2),
    force: mkEnableOption("overwriting the GTK 2 configuration file without a backup"),
    ...lookOptions(2),
    theme: option({
      type: t.nullOr(themeType("theme")),
      default: (d) => globalOf(d, "theme") as unknown as Theme | null,
      defaultText: "config.gtk.theme",
      description: "Theme of GTK 2 applications.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "gtk-can-change-accels = 1",
      description: "More lines for the GTK 2 configuration file.",
    }),
    configLocation: option({
      type: t.path,
      default: (d) => {
        const c = d.arg("config") as AttrsView;
        const home = c.home as AttrsView;
        return home.preferXdgDirectories === true
          ? `${(c.xdg as AttrsView).configHome as string}/gtk-2.0/gtkrc`
          : `${home.homeDirectory as string}/.gtkrc-2.0`;
      },
      defaultText:
        'if config.home.preferXdgDirectories then "${config.xdg.configHome}/gtk-2.0/gtkrc" else "${config.home.homeDirectory}/.gtkrc-2.0"',
      example: "${config.xdg.configHome}/gtk-2.0/gtkrc",
      description: "Where the GTK 2 configuration file is written.",
    }),
  },
  config: ({ cfg, config, lib }) =>
    mkIf(() => config.bool("gtk.enable") && cfg.enable, {
      "home.file": () => ({
        [cfg.configLocation]: {
          text: `${gtk2Lines(gtkSettings(lib, 2, lookOf(cfg, null)))}${cfg.extraConfig}\n`,
          force: cfg.force,
        },
      }),
      "home.sessionVariables": () => ({ GTK2_RC_FILES: cfg.configLocation }),
    }),
});

/** The options GTK 3 and 4 share (a version's `theme` is declared apart). */
function versionOptions(v: number) {
  return {
    enable: enableVersion(v),
    ...lookOptions(v),
    colorScheme: option({
      type: colorSchemeType,
      default: (d) => globalOf(d, "colorScheme") as unknown as ColorScheme | null,
      defaultText: "config.gtk.colorScheme",
      description: `Preferred colour scheme of GTK ${v} applications.`,
    }),
    extraConfig: option({
      type: t.attrsOf(t.either(t.bool, t.either(t.int, t.str))),
      default: {},
      example: { "gtk-cursor-blink": false, "gtk-recent-files-limit": 20 },
      description: `More settings for \`$XDG_CONFIG_HOME/gtk-${v}.0/settings.ini\`.`,
    }),
    extraCss: option({ type: t.lines, default: "", description: `More CSS for \`$XDG_CONFIG_HOME/gtk-${v}.0/gtk.css\`.` }),
  };
}

interface VersionCfg extends VersionLook {
  readonly extraConfig: Readonly<Record<string, JsValue>>;
}

const settingsText = (lib: Parameters<typeof gtkSettings>[0], v: number, cfg: VersionCfg) =>
  settingsIni({ ...gtkSettings(lib, v, lookOf(cfg, cfg.colorScheme)), ...cfg.extraConfig });

const gtk3Module = defineModule({
  file: FILE,
  key: `${FILE}#gtk3`,
  path: "gtk.gtk3",
  options: {
    ...versionOptions(3),
    theme: option({
      type: t.nullOr(themeType("theme")),
      default: (d) => globalOf(d, "theme") as unknown as Theme | null,
      defaultText: "config.gtk.theme",
      description: "Theme of GTK 3 applications.",
    }),
    bookmarks: option({
      type: t.listOf(t.str),
      default: [],
      example: ["file:///home/jane/Documents"],
      description: "Bookmarks of the file chooser and file browsers.",
    }),
  },
  config: ({ cfg, config, lib }) =>
    mkIf(() => config.bool("gtk.enable") && cfg.enable, {
      "xdg.configFile": () =>
        mkMerge([
          { "gtk-3.0/settings.ini": { text: settingsText(lib, 3, cfg) } },
          mkIf(cfg.extraCss !== "", { "gtk-3.0/gtk.css": { text: cfg.extraCss } }),
          mkIf(cfg.bookmarks.length > 0, { "gtk-3.0/bookmarks": { text: cfg.bookmarks.map((l) => `${l}\n`).join("") } }),
        ]),
      "dconf.settings": () => {
        const s = gtkSettings(lib, 3, lookOf(cfg, cfg.colorScheme));
        const keys: Record<string, JsValue> = {};
        const put = (k: string, v: JsValue | undefined) => {
          if (v !== undefined && v !== null) keys[k] = v;
        };
        put("font-name", s["gtk-font-name"]);
        put("gtk-theme", s["gtk-theme-name"]);
        put("icon-theme", s["gtk-icon-theme-name"]);
        put("cursor-theme", s["gtk-cursor-theme-name"]);
        put("cursor-size", s["gtk-cursor-theme-size"]);
        put("color-scheme", cfg.colorScheme === null ? null : `prefer-${cfg.colorScheme}`);
        return { "org/gnome/desktop/interface": keys };
      },
    }),
});

const THEME4_TEXT = "config.gtk.theme";

const gtk4Module = defineModule({
  file: FILE,
  key: `${FILE}#gtk4`,
  path: "gtk.gtk4",
  options: {
    ...versionOptions(4),
    theme: option({
      type: t.nullOr(themeType("theme")),
      default: (d) => {
        const c = d.arg("config") as AttrsView;
        const r = libCall((originOf(d.arg("lib")) ?? d.arg("lib")) as Lazy, "hm.deprecations.mkStateVersionOptionDefault", {
          stateVersion: (c.home as AttrsView).stateVersion,
          since: "26.05",
          optionPath: ["gtk", "gtk4", "theme"],
          legacy: { value: (c.gtk as AttrsView).theme, text: THEME4_TEXT },
          current: { value: null },
        }) as AttrsView;
        return r.default as Theme | null;
      },
      defaultText: `if lib.versionAtLeast config.home.stateVersion "26.05" then null else ${THEME4_TEXT}`,
      description:
        "Theme of GTK 4 applications. GTK 4 does not support themes: this one is applied by importing its stylesheet " +
        "into the user's `gtk.css`, which some applications may not cope with.",
    }),
  },
  config: ({ cfg, config, lib }) => {
    const themed = () => cfg.theme !== null && cfg.theme.package !== null;
    const themeImport = () => {
      const th = cfg.theme!;
      return (
        "/**\n" +
        " * GTK 4 reads the theme configured by gtk-theme-name, but ignores it.\n" +
        " * It does however respect user CSS, so import the theme from here.\n" +
        "**/\n" +
        `@import url("file://${String(th.package)}/share/themes/${th.name}/gtk-4.0/gtk.css");\n`
      );
    };
    return mkIf(() => config.bool("gtk.enable") && cfg.enable, {
      "xdg.configFile": () =>
        mkMerge([
          { "gtk-4.0/settings.ini": { text: settingsText(lib, 4, cfg) } },
          mkIf(cfg.extraCss !== "" || themed(), {
            "gtk-4.0/gtk.css": { text: (themed() ? themeImport() : "") + cfg.extraCss },
          }),
        ]),
    });
  },
});

export const gtkModules = [rootModule.value, gtk2Module.value, gtk3Module.value, gtk4Module.value];
