/**
 * `fonts.fontconfig`: lets fontconfig find the fonts and configuration that
 * the profile provides, and writes per-user configuration files into
 * `~/.config/fontconfig/conf.d/`. Each entry of `configFile` becomes
 * `<priority>-hm-<label>.conf` (or its `target`); its `source` is derived
 * from `settings` (XML through `pkgs.formats.xml`, wrapped in
 * `<fontconfig>`) or `text`, at the priority those were defined with, so
 * that exactly one of the three wins. Three entries are always defined when
 * the module is on: `fonts` (the profile's font directories), `rendering`
 * (antialiasing, hinting, sub-pixel order; only when one is set) and
 * `default-fonts`. The profile builder also builds a font cache when the
 * profile holds fonts (`home.extraProfileCommands`).
 *
 * Deviation: Home Manager points the `fonts` entry at `home.path`, the
 * profile built during evaluation. Here the profile is built after
 * evaluation, so while `home.path` has no value the profile directory
 * (`home.profileDirectory`, which then resolves to that profile) is used
 * instead, and the duplicate directories are left out.
 *
 * An entry's `enable` defaults to true from state version 26.11 and to
 * false before (with Home Manager's state-version warning).
 */
import { defineModule, mkIf, mkMerge, mkOverride, option, t, TsType, type AttrsView, type JsValue } from "../../module-system/index.js";
import { call, lazy, select } from "../../module-system/nix-values.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/misc/fontconfig.ts";

const CONTENT_NOTE =
  " The file's `source` is computed from `settings` or `text` when they are set, keeping the priority they were defined " +
  "with; so exactly one of `settings`, `text` and `source` must be defined at the highest priority.";

/** One configuration file (the value of `fonts.fontconfig.configFile.<name>`). */
export interface FontconfigFile {
  readonly enable: boolean;
  readonly label: string;
  readonly priority: number;
  readonly target: string;
  readonly settings: JsValue;
  readonly text: string | null;
  readonly source: string;
}

const priorityType = new TsType<number>((ms) => ms.types.intsBetween(0n, 99n));

/** The default of an entry's `enable`: Home Manager's state-version switch (false before 26.11). */
function enableDefault(a: EvalArgs, name: string): boolean {
  const d = libCall(a.lib, "hm.deprecations.mkStateVersionOptionDefault", {
    stateVersion: a.get("home.stateVersion"),
    since: "26.11",
    optionPath: ["fonts", "fontconfig", "configFile", name, "enable"],
    legacy: { value: false },
    current: { value: true },
  }) as AttrsView;
  return d.default as boolean;
}

/** `mkOverride` at the priority the named option of the entry was defined with. */
function derived(options: AttrsView, name: string, value: () => JsValue) {
  const opt = options[name] as AttrsView;
  const prio = (opt.highestPrio as number | undefined) ?? 100;
  return mkOverride(prio, value());
}

function fileModule(a: EvalArgs) {
  const xml = () => callNix((a.pkgs().formats as AttrsView).xml, {}) as AttrsView;
  return defineModule({
    file: FILE,
    key: `${FILE}#configFile`,
    options: {
      enable: option({
        type: t.bool,
        default: (d) => enableDefault(a, d.arg("name") as string),
        defaultText: 'if lib.versionAtLeast config.home.stateVersion "26.11" then true else false',
        description: "Whether to write this file (set to false to leave out one file).",
      }),
      label: option({
        type: t.str,
        default: (d) => d.arg("name") as string,
        defaultText: "<name>",
        description: "The label in the file's name.",
      }),
      priority: option({
        type: priorityType,
        default: 90,
        description: "Where the file comes in fontconfig's loading order: 0 is loaded first (highest priority), 99 last.",
      }),
      target: option({
        type: ty.nonEmptyStr,
        default: (d) => {
          const self = d.arg("config") as AttrsView;
          return `${String(self.priority)}-hm-${self.label as string}.conf`;
        },
        defaultText: '"${toString config.priority}-hm-${config.label}.conf"',
        description: "Path of the file, relative to `$XDG_CONFIG_HOME/fontconfig/conf.d/`.",
      }),
      settings: option({
        type: formatType(a, "xml"),
        default: {},
        example: {
          description: "Turn antialiasing on",
          match: { "@target": "font", edit: { "@mode": "assign", "@name": "antialias", bool: "true" } },
        },
        description:
          "Contents of the file as structured XML (in the form `pkgs.formats.xml` takes), placed inside the `<fontconfig>` element." +
          CONTENT_NOTE,
      }),
      text: option({
        type: t.nullOr(t.lines),
        default: null,
        description: "Contents of the file, verbatim." + CONTENT_NOTE,
      }),
      source: option({
        type: ty.coercedTo(
          t.nullOr(t.path),
          (v: string | null) => {
            if (v === null)
              throw new Error(
                "Setting 'fonts.fontconfig.configFile.<name>.source' to null is not\nrequired anymore and disallowed. You can safely remove this definition.\n",
              );
            return v;
          },
          t.path,
        ),
        description: "The file to install." + CONTENT_NOTE,
      }),
    },
    config: ({ cfg, lib, arg }) => {
      const options = arg("options") as AttrsView;
      const fileName = () => libCall(lib, "hm.strings.storeFileName", `hm-fontconfig-${cfg.label}.xml`) as string;
      return {
        source: () => {
          const parts: unknown[] = [];
          if (!isEmpty(cfg.settings))
            parts.push(derived(options, "settings", () => callNix(xml().generate, fileName(), { fontconfig: cfg.settings })));
          if (cfg.text !== null) parts.push(derived(options, "text", () => callNix(a.pkgs().writeText, fileName(), cfg.text)));
          return mkMerge(parts);
        },
      };
    },
  });
}

const fontList = (what: string, more = "") =>
  option({
    type: t.listOf(t.str),
    default: [],
    description: `The user's default ${what} font(s), in order; list several when one does not cover every language needed.${more}`,
  });

/** The `<edit>` assigning one rendering property. */
function assign(name: string, value: boolean | string): Record<string, JsValue> {
  const v: Record<string, JsValue> = typeof value === "boolean" ? { bool: value ? "true" : "false" } : { const: value };
  return { ...v, "@mode": "assign", "@name": name };
}

const PROFILE_COMMANDS = (fcCache: string) => `if [[ -d $out/lib/X11/fonts || -d $out/share/fonts ]]; then
  export FONTCONFIG_FILE="$(pwd)/fonts.conf"

  cat > $FONTCONFIG_FILE << EOF
<?xml version='1.0'?>
<!DOCTYPE fontconfig SYSTEM 'fonts.dtd'>
<fontconfig>
  <dir>$out/lib/X11/fonts</dir>
  <dir>$out/share/fonts</dir>
  <cachedir>$out/lib/fontconfig/cache</cachedir>
</fontconfig>
EOF

  ${fcCache} -f
  rm -f $out/lib/fontconfig/cache/CACHEDIR.TAG
  rmdir --ignore-fail-on-non-empty -p $out/lib/fontconfig/cache

  rm "$FONTCONFIG_FILE"
  unset FONTCONFIG_FILE
fi

# Remove the fontconfig directory if no files were available.
if [[ -d $out/lib/fontconfig ]] ; then
  rmdir --ignore-fail-on-non-empty -p $out/lib/fontconfig
fi
`;

function mainModule(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "fonts.fontconfig",
    options: {
      enable: option({
        type: t.bool,
        default: (d) => {
          const nixos = d.arg("nixosConfig") as AttrsView | null;
          if (nixos === null || nixos === undefined) return false;
          const hm = nixos["home-manager"] as AttrsView;
          const fc = (nixos.fonts as AttrsView).fontconfig as AttrsView;
          return hm.useUserPackages === true && fc.enable === true;
        },
        defaultText: "nixosConfig != null && nixosConfig.home-manager.useUserPackages && nixosConfig.fonts.fontconfig.enable",
        description:
          "Whether to set up fontconfig so that it finds the fonts and configuration installed in the profile (through " +
          "`home.packages` or `nix-env`). As a NixOS module with `home-manager.useUserPackages`, the default follows NixOS' " +
          "`fonts.fontconfig.enable`.",
      }),
      defaultFonts: {
        monospace: fontList("monospace"),
        sansSerif: fontList("sans-serif"),
        serif: fontList("serif"),
        emoji: fontList(
          "emoji",
          " fontconfig prefers color emoji fonts whatever their place in the list, so a black and white font is only used when no color one is installed.",
        ),
      },
      antialiasing: option({ type: t.nullOr(t.bool), default: null, example: true, description: "Whether fonts are antialiased." }),
      hinting: option({
        type: t.nullOr(t.enum(["none", "slight", "medium", "full"] as const)),
        default: null,
        example: "slight",
        description: "How strongly fonts are hinted.",
      }),
      subpixelRendering: option({
        type: t.nullOr(t.enum(["none", "rgb", "bgr", "vertical-rgb", "vertical-bgr"] as const)),
        default: null,
        example: "rgb",
        description: "The order of the screen's sub-pixels, for sub-pixel rendering.",
      }),
      configFile: option({
        type: t.attrsOf(ty.submodule<FontconfigFile>(fileModule(a))),
        default: {},
        example: { "bitmap-no-antialias": { priority: 80, source: "./fontconfig/bitmap.conf" } },
        description: "Configuration files to install in `~/.config/fontconfig/conf.d/`, by name.",
      }),
    },
    config: ({ cfg, config, pkgs, lib, arg }) => {
      // `home.path` has a value only where the profile is built during evaluation; here it is built
      // afterwards, and the profile directory (which then points at it) stands in for it.
      const homePathDefined = () => {
        const home = (arg("options") as AttrsView).home as AttrsView;
        return (home.path as AttrsView).isDefined === true;
      };
      const homePath = () => (homePathDefined() ? nixToString(config.get("home.path")) : profile());
      const profile = () => config.str("home.profileDirectory");
      const rendering = (): JsValue[] => {
        const out: JsValue[] = [];
        if (cfg.antialiasing !== null) out.push(assign("antialias", cfg.antialiasing));
        if (cfg.hinting !== null) out.push(assign("hinting", true), assign("hintstyle", `hint${cfg.hinting}`));
        if (cfg.subpixelRendering !== null) out.push(assign("rgba", cfg.subpixelRendering.replace("ertical-", "")));
        return out;
      };
      const dummy = (n: number) => callNix(pkgs.runCommandLocal, `dummy-fc-dir${n}`, {}, "mkdir -p $out/lib/fontconfig");
      return mkIf(() => cfg.enable, {
        "home.packages": () => [dummy(1), dummy(2)],
        "home.extraProfileCommands": () => PROFILE_COMMANDS(`${nixToString(libCall(lib, "getBin", pkgs.fontconfig))}/bin/fc-cache`),
        "fonts.fontconfig.configFile": () => ({
          fonts: {
            enable: true,
            priority: 10,
            settings: {
              description: "Add fonts in the Nix user profile",
              include: [`${homePath()}/etc/fonts/conf.d`, `${homePath()}/etc/fonts/fonts.conf`].map((p) => ({
                "@ignore_missing": "yes",
                "#text": p,
              })),
              dir: [
                ...new Set([
                  `${homePath()}/lib/X11/fonts`,
                  `${homePath()}/share/fonts`,
                  `${profile()}/lib/X11/fonts`,
                  `${profile()}/share/fonts`,
                ]),
              ],
              cachedir: `${homePath()}/lib/fontconfig/cache`,
            },
          },
          rendering: {
            enable: rendering().length > 0,
            priority: 10,
            settings: { description: "Set the rendering mode", match: { "@target": "font", edit: rendering() } },
          },
          "default-fonts": {
            enable: true,
            priority: 52,
            settings: {
              description: "Set default fonts",
              alias: Object.entries(cfg.defaultFonts)
                .filter(([, fonts]) => fonts.length > 0)
                .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
                .map(([name, fonts]) => ({
                  "@binding": "same",
                  family: name === "sansSerif" ? "sans-serif" : name,
                  prefer: { family: fonts },
                })),
            },
          },
        }),
        "xdg.configFile": () =>
          Object.fromEntries(
            Object.values(cfg.configFile).map((f) => [`fontconfig/conf.d/${f.target}`, { enable: f.enable, source: f.source }]),
          ),
      });
    },
  });
}

export const fontconfigModule = perEvaluation(FILE, (a) => [
  mainModule(a).value,
  // `fonts.fontconfig.enableProfileFonts` is the old name of `enable`.
  lazy(() =>
    call(select(a.lib, "mkRenamedOptionModule"), ["fonts", "fontconfig", "enableProfileFonts"], ["fonts", "fontconfig", "enable"]),
  ),
]);
