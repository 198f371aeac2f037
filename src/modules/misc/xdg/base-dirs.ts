/**
 * `misc/xdg` (base directories): `xdg.enable`, the `xdg.*Home` paths and the
 * `xdg.configFile`/`dataFile`/`cacheFile`/`stateFile` options. The paths
 * default to `~/.cache`, `~/.config`, `~/.local/share`, `~/.local/state` and
 * `~/.local/bin` (for state versions before 20.09 without `xdg.enable`, to
 * the `XDG_*_HOME` variables of the evaluating environment). With
 * `xdg.enable` the `XDG_*_HOME` variables are exported to the session and to
 * systemd, and `xdg.localBinInPath` puts `xdg.binHome` on PATH. Files of the
 * `xdg.*File` options become `home.file` entries under their base directory;
 * `.keep` files keep the cache and state directories in existence.
 */
import {
  defineModule,
  mkAfter,
  mkIf,
  mkMerge,
  mkOptionDefault,
  option,
  t,
  type JsValue,
  type TsType,
} from "../../../module-system/index.js";
import { libCall, perEvaluation, versionAtLeast } from "../../module-kit.js";
import { fileType, type HomeFileValue } from "../../lib/file-type.js";

const FILE = "modules/misc/xdg/base-dirs.ts";

type FileSet = Readonly<Record<string, HomeFileValue>>;

const HOMES = {
  cacheHome: { dflt: ".cache", env: "XDG_CACHE_HOME", text: "~/.cache", what: "caches" },
  configHome: { dflt: ".config", env: "XDG_CONFIG_HOME", text: "~/.config", what: "configuration files" },
  dataHome: { dflt: ".local/share", env: "XDG_DATA_HOME", text: "~/.local/share", what: "data files" },
  stateHome: { dflt: ".local/state", env: "XDG_STATE_HOME", text: "~/.local/state", what: "state files" },
  binHome: { dflt: ".local/bin", env: "XDG_BIN_HOME", text: "~/.local/bin", what: "executables" },
} as const;

type HomeName = keyof typeof HOMES;

function homeOption(name: HomeName) {
  const h = HOMES[name];
  return option({
    type: t.path,
    defaultText: h.text,
    apply: (p: string) => String(p),
    description: `The absolute path of the directory for the user's ${h.what}. Exported as \`${h.env}\` when \`xdg.enable\` is set.`,
  });
}

export const xdgBaseDirsModule = perEvaluation(FILE, (a) => {
  const homeDirectory = () => a.get("home.homeDirectory") as string;
  const ctx = { homeDirectory, pkgs: a.pkgs, lib: a.lib };
  const files = (opt: string, desc: string, home: HomeName, what: string) =>
    option({
      type: fileType(opt, desc, () => a.get(`xdg.${home}`) as string, ctx) as TsType<FileSet>,
      default: {},
      description: `Files to link into the user's ${what} directory (\`xdg.${home}\`), by name.`,
    });
  return defineModule({
    file: FILE,
    key: `${FILE}#module`,
    path: "xdg",
    options: {
      enable: option({ type: t.bool, default: false, example: true, description: "Whether to enable management of XDG base directories." }),
      cacheFile: files("xdg.cacheFile", "{var}`xdg.cacheHome`", "cacheHome", "cache"),
      configFile: files("xdg.configFile", "{var}`xdg.configHome`", "configHome", "configuration"),
      dataFile: files("xdg.dataFile", "{var}`xdg.dataHome`", "dataHome", "data"),
      stateFile: files("xdg.stateFile", "{var}`xdg.stateHome`", "stateHome", "state"),
      cacheHome: homeOption("cacheHome"),
      configHome: homeOption("configHome"),
      dataHome: homeOption("dataHome"),
      stateHome: homeOption("stateHome"),
      binHome: homeOption("binHome"),
      localBinInPath: option({
        type: t.bool,
        default: false,
        description: "Whether to add `xdg.binHome` to PATH when `xdg.enable` is set.",
      }),
    },
    config: ({ cfg, config, lib }) => {
      const stateVersion = () => config.str("home.stateVersion");
      const dflt = (name: HomeName) => `${homeDirectory()}/${HOMES[name].dflt}`;
      const defaults = (value: (name: HomeName) => string) =>
        Object.fromEntries((Object.keys(HOMES) as HomeName[]).map((n) => [`xdg.${n}`, () => mkOptionDefault(value(n))]));
      const variables = () => ({
        XDG_BIN_HOME: cfg.binHome,
        XDG_CACHE_HOME: cfg.cacheHome,
        XDG_CONFIG_HOME: cfg.configHome,
        XDG_DATA_HOME: cfg.dataHome,
        XDG_STATE_HOME: cfg.stateHome,
      });
      const under = (base: string, set: FileSet): Record<string, JsValue> =>
        Object.fromEntries(Object.keys(set).map((n) => [`${base}/${n}`, set[n] as unknown as JsValue]));
      return mkMerge([
        mkIf(() => cfg.enable, {
          ...defaults(dflt),
          "home.sessionVariables": () => variables(),
          "systemd.user.sessionVariables": () => variables(),
          "home.sessionPath": () => mkIf(cfg.localBinInPath, mkAfter([cfg.binHome])),
        }),
        // Before 20.09 the defaults came from the evaluating environment.
        mkIf(
          () => !cfg.enable && !versionAtLeast(stateVersion(), "20.09"),
          defaults((n) => libCall(lib, "maybeEnv", HOMES[n].env, dflt(n)) as string),
        ),
        mkIf(() => !cfg.enable && versionAtLeast(stateVersion(), "20.09"), defaults(dflt)),
        {
          "home.file": () =>
            mkMerge([
              under(cfg.cacheHome, cfg.cacheFile),
              under(cfg.configHome, cfg.configFile),
              under(cfg.dataHome, cfg.dataFile),
              under(cfg.stateHome, cfg.stateFile),
              { [`${cfg.cacheHome}/.keep`]: { text: "" } },
              { [`${cfg.stateHome}/.keep`]: { text: "" } },
            ]),
        },
      ]);
    },
  });
});
