/**
 * `qt`: Qt 5/6 theming. Sets `QT_QPA_PLATFORMTHEME` (from
 * `platformTheme.name`, with `gtk` → `gtk3` and `qtct` → `qt5ct`) and
 * `QT_STYLE_OVERRIDE` (from `style.name`) for shells and systemd, adds the
 * profile's Qt plugin and QML directories to the search paths, installs the
 * platform-theme and style packages it knows of (or the given ones), and writes
 * `qt5ct`/`qt6ct` INI settings. The old string form of `platformTheme`, the
 * values `gnome`, `gtk` and `kde6`, and the boolean `useGtkTheme` still work
 * with warnings. Kvantum and KDE settings live in `kvantum.ts`/`kconfig.ts`.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import { submoduleOf } from "../../../module-system/ts-module.js";
import { callNix, formatType, libCall, nixToString, perEvaluation, type EvalArgs } from "../../module-kit.js";
import { kconfigModule } from "./kconfig.js";
import { kvantumModule } from "./kvantum.js";

const FILE = "modules/misc/qt/index.ts";

/** Packages installed for a platform theme, as attribute paths in `pkgs`. */
const PLATFORM_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  gnome: ["qgnomeplatform", "qgnomeplatform-qt6"],
  adwaita: ["qadwaitadecorations", "qadwaitadecorations-qt6"],
  gtk2: ["libsForQt5.qtstyleplugins", "qt6Packages.qt6gtk2"],
  kde: ["kdePackages.kio", "kdePackages.plasma-integration", "kdePackages.systemsettings"],
  lxqt: ["lxqt.lxqt-qtplugin", "lxqt.lxqt-config"],
  qtct: ["libsForQt5.qt5ct", "qt6Packages.qt6ct"],
};

/** Platform themes whose `QT_QPA_PLATFORMTHEME` differs from their name. */
const PLATFORM_VARIABLE: Readonly<Record<string, string>> = { gtk: "gtk3", qtct: "qt5ct" };

const PLUGINS = "libsForQt5.qtstyleplugins";
const ADWAITA = ["adwaita-qt", "adwaita-qt6"];

/** Style packages of known (lower-case) style names; a single path is installed as one package. */
const STYLE_PACKAGES: Readonly<Record<string, string | readonly string[]>> = {
  bb10bright: PLUGINS,
  bb10dark: PLUGINS,
  cleanlooks: PLUGINS,
  gtk2: [PLUGINS, "qt6Packages.qt6gtk2"],
  motif: PLUGINS,
  cde: PLUGINS,
  plastique: PLUGINS,
  adwaita: ADWAITA,
  "adwaita-dark": ADWAITA,
  "adwaita-highcontrast": ADWAITA,
  "adwaita-highcontrastinverse": ADWAITA,
  breeze: ["kdePackages.breeze", "kdePackages.breeze.qt5"],
  kvantum: ["libsForQt5.qtstyleplugin-kvantum", "qt6Packages.qtstyleplugin-kvantum"],
};

const PLATFORM_ENUM = ["gtk", "gtk3", "gnome", "adwaita", "lxqt", "qtct", "kde", "kde6"] as const;

function pkgAt(pkgs: AttrsView, path: string): JsValue {
  let v: JsValue = pkgs;
  for (const p of path.split(".")) v = (v as AttrsView)[p]!;
  return v;
}

const pkgOrList = t.nullOr(t.either(t.package, t.listOf(t.package)));

const platformThemeSubmodule = submoduleOf(
  {
    name: option({
      type: t.nullOr(t.str),
      default: null,
      example: "adwaita",
      description:
        "The Qt platform theme, for example `gtk2` (qtstyleplugins and qt6gtk2), `gtk3` (Qt's GTK 3 plugin), " +
        "`adwaita` (QAdwaitaDecorations), `gnome` (QGnomePlatform, unmaintained), `lxqt`, `qtct` (qt5ct and qt6ct) or `kde`.",
    }),
    package: option({
      type: pkgOrList,
      default: null,
      example: "[ pkgs.adwaita-qt pkgs.adwaita-qt6 ]",
      description: "The platform theme's package(s); found from `qt.platformTheme.name` when possible.",
    }),
  },
  FILE,
);

interface Platform {
  readonly option: string | null;
  readonly name: string | null;
  readonly package: JsValue;
}

function makeQt(a: EvalArgs) {
  const qtctFormat = () =>
    callNix((a.pkgs().formats as AttrsView).ini, { listToValue: (v: readonly string[]) => v.join(", ") }) as AttrsView;
  const qtctType = formatType(a, "ini", { listToValue: (v: readonly string[]) => v.join(", ") });
  const qtctOption = (name: string) =>
    option({
      type: t.nullOr(qtctType),
      default: null,
      example: { Appearance: { style: "kvantum", icon_theme: "Papirus-Dark" } },
      description: `Settings written to {file}\`${name}/${name}.conf\` (lists become comma-separated values; quote fonts).`,
    });
  return defineModule({
    file: FILE,
    path: "qt",
    options: {
      enable: mkEnableOption("Qt 5 and 6 configuration"),
      platformTheme: option({
        type: t.nullOr(t.either(t.enum(PLATFORM_ENUM), platformThemeSubmodule)),
        default: null,
        description: "The platform theme: set `qt.platformTheme.name` (the plain string form is deprecated).",
      }),
      style: {
        name: option({
          type: t.nullOr(t.str),
          default: null,
          example: "adwaita-dark",
          description:
            "The Qt style (case-insensitive), e.g. `adwaita`, `adwaita-dark`, `breeze`, `kvantum`, or a qtstyleplugins style such as `gtk2`.",
        }),
        package: option({
          type: pkgOrList,
          default: null,
          example: "pkgs.adwaita-qt",
          description: "The style's package(s); found from `qt.style.name` when possible.",
        }),
      },
      qt5ctSettings: qtctOption("qt5ct"),
      qt6ctSettings: qtctOption("qt6ct"),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const platform = (): Platform => {
        const p = cfg.platformTheme as unknown;
        const fix = (n: string | null) => (n === "kde6" ? "kde" : n);
        if (typeof p === "string") return { option: "qt.platformTheme", name: fix(p), package: null };
        if (p === null) return { option: null, name: null, package: null };
        const s = p as { name: string | null; package: JsValue };
        return { option: "qt.platformTheme.name", name: fix(s.name), package: s.package };
      };
      const kde6Option = (): string[] | null => {
        const p = cfg.platformTheme as unknown;
        if (typeof p === "string") return p === "kde6" ? ["qt", "platformTheme"] : null;
        if (p !== null && (p as { name: string | null }).name === "kde6") return ["qt", "platformTheme", "name"];
        return null;
      };
      const envVars = (): Record<string, string> => {
        const out: Record<string, string> = {};
        const n = platform().name;
        if (n !== null) out.QT_QPA_PLATFORMTHEME = PLATFORM_VARIABLE[n] ?? n;
        if (cfg.style.name !== null) out.QT_STYLE_OVERRIDE = cfg.style.name;
        return out;
      };
      const qtPaths = (prefix: string) =>
        ["qt5", "qt6"].map((q) => {
          const base = (pkgs[q] as AttrsView).qtbase as AttrsView;
          return `${config.str("home.profileDirectory")}/${nixToString(base[prefix]!)}`;
        });
      const toList = (v: JsValue): JsValue[] => (v === null ? [] : Array.isArray(v) ? [...(v as JsValue[])] : [v]);
      return mkIf(() => cfg.enable, {
        assertions: () => [
          {
            assertion: platform().name !== "gnome" || (cfg.style.name !== null && cfg.style.package !== null),
            message:
              '`qt.platformTheme.name` "gnome" must have `qt.style` set to a theme that\n' +
              'supports both Qt and Gtk, for example "adwaita", "adwaita-dark", or "breeze".\n',
          },
        ],
        warnings: () => {
          const p = platform();
          const w: JsValue[] = [];
          if (p.option === "qt.platformTheme") w.push("The option `qt.platformTheme` has been renamed to `qt.platformTheme.name`.");
          if (p.name === "gnome" && p.package === null)
            w.push(`The value \`gnome\` for option \`${p.option}\` is deprecated. Use \`adwaita\` instead.`);
          const k = kde6Option();
          if (k !== null)
            w.push(
              libCall(lib, "hm.deprecations.mkDeprecatedOptionValueRenameWarning", { option: k, old: '"kde6"', replacement: '"kde"' }),
            );
          if (p.name === "gtk")
            w.push(
              `The value \`gtk\` for option \`${p.option}\` is deprecated. Use \`gtk2\` to keep the legacy qtstyleplugins ` +
                "or `gtk3` to use the modern native Qt GTK3 plugin.",
            );
          return w;
        },
        "qt.style.package": () => {
          const n = cfg.style.name;
          if (n === null) return mkIf(false, null);
          const known = STYLE_PACKAGES[n.toLowerCase()];
          const v = known === undefined ? null : typeof known === "string" ? pkgAt(pkgs, known) : known.map((x) => pkgAt(pkgs, x));
          return mkDefault(v);
        },
        "home.sessionVariables": () => envVars(),
        "home.sessionSearchVariables": () => ({ QT_PLUGIN_PATH: qtPaths("qtPluginPrefix"), QML2_IMPORT_PATH: qtPaths("qtQmlPrefix") }),
        "systemd.user.sessionVariables": () => ({
          ...envVars(),
          QT_PLUGIN_PATH: qtPaths("qtPluginPrefix").join(":"),
          QML2_IMPORT_PATH: qtPaths("qtQmlPrefix").join(":"),
        }),
        "home.packages": () => {
          const p = platform();
          const given = toList(p.package);
          const themed = given.length > 0 ? given : p.name !== null ? (PLATFORM_PACKAGES[p.name] ?? []).map((x) => pkgAt(pkgs, x)) : [];
          return [...themed, ...toList(cfg.style.package as JsValue)];
        },
        "xsession.importedVariables": () => [
          "QT_PLUGIN_PATH",
          "QML2_IMPORT_PATH",
          ...(platform().name !== null ? ["QT_QPA_PLATFORMTHEME"] : []),
          ...(cfg.style.name !== null ? ["QT_STYLE_OVERRIDE"] : []),
        ],
        "xdg.configFile": () => {
          const out: Record<string, JsValue> = {};
          for (const q of ["qt5ct", "qt6ct"] as const) {
            const s = q === "qt5ct" ? cfg.qt5ctSettings : cfg.qt6ctSettings;
            if (s !== null) out[`${q}/${q}.conf`] = { source: callNix(qtctFormat().generate, `${q}-config`, s) };
          }
          return out;
        },
      });
    },
  });
}

/** The module with its Kvantum and KDE parts, and `useGtkTheme = true` turned into `platformTheme.name = "gtk2"`. */
export const qtModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(a.lib, "mkChangedOptionModule", ["qt", "useGtkTheme"], ["qt", "platformTheme"], (c: JsValue) =>
      libCall(a.lib, "getAttrFromPath", ["qt", "useGtkTheme"], c) === true ? { name: "gtk2" } : null,
    ),
  ),
  makeQt(a).value,
  kvantumModule,
  kconfigModule.value,
]);
