/**
 * `services.dunst`: the dunst notification daemon (Linux only). Installs
 * `package`, links its D-Bus service file into `$XDG_DATA_HOME/dbus-1/services`,
 * runs it as a D-Bus activated systemd user service bound to the Wayland
 * session target (reloaded with `dunstctl reload` when `dunstrc` changes),
 * and writes `settings` (a DAG of sections, so their order can be chosen)
 * to `$XDG_CONFIG_HOME/dunst/dunstrc` in dunst's INI dialect: strings
 * quoted, booleans `yes`/`no`. `global.icon_path` is filled in with the
 * icon directories of `iconTheme` (and of hicolor when another theme is
 * chosen) in the system profile, the user profile and the theme package.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callFn, escapeShellArg, isDeclared, libCall, nixToString, ty } from "../module-kit.js";

const FILE = "modules/services/dunst.ts";

/** What `wayland.systemd.target` defaults to, used while no module declares that option. */
const GRAPHICAL_SESSION = "graphical-session.target";

/** The icon categories searched in each theme directory. */
const ICON_CATEGORIES = [
  "actions",
  "animations",
  "apps",
  "categories",
  "devices",
  "emblems",
  "emotes",
  "filesystem",
  "intl",
  "legacy",
  "mimetypes",
  "places",
  "status",
  "stock",
];

/** One `key=value` line of dunstrc: booleans as yes/no, strings quoted, lists space-separated. */
export function dunstKeyValue(key: string, value: JsValue): string {
  let v: string;
  if (typeof value === "boolean") v = value ? "yes" : "no";
  else if (typeof value === "string") v = `"${value}"`;
  else v = nixToString(value);
  return `${key}=${v}`;
}

const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** One INI section with its keys in order, ending with a newline. */
export function dunstSection(name: string, values: AttrsView): string {
  const lines = Object.keys(values)
    .sort(byName)
    .map((k) => `${dunstKeyValue(k, values[k]!)}\n`);
  return `[${name}]\n${lines.join("")}`;
}

const themeType = ty.submodule<AttrsView>(
  defineModule({
    file: FILE,
    key: `${FILE}#theme`,
    options: {
      package: option({ type: t.package, description: "The package holding the icon theme." }),
      name: option({ type: t.str, example: "Adwaita", description: "The theme's directory name in that package." }),
      size: option({ type: t.str, default: "32x32", example: "16x16", description: "Which size of icons to use." }),
    },
  }),
);

const valueType = t.either(t.str, t.either(t.bool, t.either(t.int, t.listOf(t.str))));
const sectionType = ty.submodule<AttrsView>(defineModule({ file: FILE, key: `${FILE}#section` }), t.attrsOf(valueType));

export const dunstModule = defineModule({
  file: FILE,
  path: "services.dunst",
  options: {
    enable: mkEnableOption("the dunst notification daemon"),
    package: mkPackageOption("dunst"),
    configFile: option({
      type: t.nullOr(t.either(t.str, t.path)),
      default: null,
      description:
        "A configuration file for dunst to read instead of its usual one. The generated configuration is " +
        "still written to {file}`$XDG_CONFIG_HOME/dunst/dunstrc`, so it can serve as the base of a mutable copy.",
    }),
    iconTheme: option({
      type: themeType,
      default: (d) => ({ package: (d.pkgs as AttrsView)["hicolor-icon-theme"]!, name: "hicolor", size: "32x32" }),
      description: "The icon theme dunst shows icons from.",
    }),
    waylandDisplay: option({
      type: t.str,
      default: "",
      description: "The {env}`WAYLAND_DISPLAY` of the service (left unset when empty).",
    }),
    settings: option({
      type: ty.dagOf(sectionType),
      default: {},
      description: "Sections of {file}`$XDG_CONFIG_HOME/dunst/dunstrc`; use DAG entries (`lib.hm.dag.entryAfter`, …) to order them.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const pkg = () => nixToString(cfg.package);
    const target = () => (isDeclared(arg("options"), "wayland.systemd.target") ? config.str("wayland.systemd.target") : GRAPHICAL_SESSION);
    const hasSettings = () => Object.keys(cfg.settings).length > 0;
    const iconPath = () => {
      const hicolor = { package: nixToString(pkgs["hicolor-icon-theme"]!), name: "hicolor", size: "32x32" };
      const theme = cfg.iconTheme as AttrsView;
      const mine = { package: nixToString(theme.package!), name: String(theme.name), size: String(theme.size) };
      const custom = mine.package !== hicolor.package || mine.name !== hicolor.name || mine.size !== hicolor.size;
      const bases = ["/run/current-system/sw", config.str("home.profileDirectory"), mine.package, ...(custom ? [hicolor.package] : [])];
      const themes = [mine, ...(custom ? [{ ...hicolor, size: mine.size }] : [])];
      const paths: string[] = [];
      for (const base of bases)
        for (const category of ICON_CATEGORIES)
          for (const th of themes) paths.push(`${base}/share/icons/${th.name}/${th.size}/${category}`);
      return paths.join(":");
    };
    const dunstrc = () => {
      const sections = libCall(
        lib,
        "hm.generators.sortDAGEntries",
        { cycleErrorMessage: "Dependency cycle in dunst settings" },
        cfg.settings,
      );
      return (sections as readonly AttrsView[]).map((s) => dunstSection(String(s.name), s.value as AttrsView)).join("\n");
    };
    const dunstrcSource = () =>
      nixToString(
        callFn(pkgs.writeTextFile, {
          text: dunstrc(),
          executable: false,
          name: libCall(lib, "hm.strings.storeFileName", "dunst/dunstrc"),
        }),
      );
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.dunst", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.package],
      'xdg.dataFile."dbus-1/services/org.knopwob.dunst.service".source': () => `${pkg()}/share/dbus-1/services/org.knopwob.dunst.service`,
      'xdg.configFile."dunst/dunstrc"': () => mkIf(hasSettings(), { text: dunstrc() }),
      "services.dunst.settings.global.icon_path": () => iconPath(),
      "systemd.user.services.dunst.Unit": () => ({
        Description: "Dunst notification daemon",
        After: [target()],
        PartOf: [target()],
      }),
      // The unit files are made while `xdg.configFile` is computed, so the trigger is the file that
      // `xdg.configFile."dunst/dunstrc".text` yields (same builder, name and text), not a read of that option.
      "systemd.user.services.dunst.Unit.X-Reload-Triggers": () => mkIf(hasSettings(), [dunstrcSource()]),
      "systemd.user.services.dunst.Service": () => ({
        Type: "dbus",
        BusName: "org.freedesktop.Notifications",
        ExecStart: [`${pkg()}/bin/dunst`, ...(cfg.configFile !== null ? ["-config", nixToString(cfg.configFile)] : [])]
          .map(escapeShellArg)
          .join(" "),
        ExecReload: `${pkg()}/bin/dunstctl reload`,
        Environment: cfg.waylandDisplay !== "" ? `WAYLAND_DISPLAY=${cfg.waylandDisplay}` : "",
      }),
    });
  },
});
