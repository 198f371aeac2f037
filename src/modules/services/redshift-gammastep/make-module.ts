/**
 * What `services.redshift` and `services.gammastep` share (the two programs
 * are a fork apart): the options, the INI file written from `settings`
 * (`pkgs.formats.ini`; the main section gets the temperatures, the location
 * provider and the dawn/dusk times, the `manual` section the coordinates),
 * the assertion that the program can tell when to act, and the systemd user
 * service running the program (or its tray applet) with `-c <config file>`.
 * Each program supplies its names in a `ProgramSpec`.
 */
import { defineModule, mkIf, option, t, toNix, type AttrsView } from "../../../module-system/index.js";
import { callNix, formatType, libCall, nixToString, perEvaluation, toStringOfAttr, ty, type EvalArgs } from "../../module-kit.js";

/** How one program differs from the other. */
export interface ProgramSpec {
  /** The name under `services` (and of the unit and the man page). */
  readonly moduleName: string;
  /** The program's name in prose. */
  readonly programName: string;
  /** The INI section holding the main settings. */
  readonly mainSection: string;
  readonly packageName: string;
  readonly mainExecutable: string;
  readonly appletExecutable: string;
  /** Where the configuration goes, relative to `$XDG_CONFIG_HOME`. */
  readonly configPath: string;
  readonly documentation: string;
  /** The file named in the module's definitions. */
  readonly file: string;
}

const GRAPHICAL = "graphical-session.target";

function makeOptions(a: EvalArgs, p: ProgramSpec) {
  const settingsType = ty.submodule<AttrsView>(defineModule({ file: p.file, key: `${p.file}#settings` }), formatType(a, "ini"));
  const coordinate = (range: string, other: string) =>
    option({
      type: t.nullOr(t.either(t.str, t.float)),
      default: null,
      description: `Your ${range}; give it together with ${other}.`,
    });
  return {
    enable: option({ type: t.bool, default: false, example: true, description: `Whether to enable ${p.programName}.` }),
    dawnTime: option({
      type: t.nullOr(t.str),
      default: null,
      example: "6:00-7:45",
      description: "The interval of dawn, as two HH:MM times (24-hour clock), instead of one computed from a location.",
    }),
    duskTime: option({
      type: t.nullOr(t.str),
      default: null,
      example: "18:35-20:15",
      description: "The interval of dusk, as two HH:MM times (24-hour clock), instead of one computed from a location.",
    }),
    latitude: coordinate("latitude (from `-90.0` to `90.0`)", "`longitude`"),
    longitude: coordinate("longitude (from `-180.0` to `180.0`)", "`latitude`"),
    provider: option({
      type: t.enum(["manual", "geoclue2"]),
      default: "manual",
      description:
        "Where the location comes from: `manual`, from `latitude` and `longitude`; or `geoclue2`, from the " +
        "Geoclue2 service (which must be enabled separately).",
    }),
    temperature: {
      day: option({ type: t.int, default: 5500, description: "The colour temperature by day, in K (1000 to 25000)." }),
      night: option({ type: t.int, default: 3700, description: "The colour temperature by night, in K (1000 to 25000)." }),
    },
    package: option({
      type: t.package,
      default: (d) => (d.pkgs as AttrsView)[p.packageName]!,
      defaultText: `pkgs.${p.packageName}`,
      description: `The ${p.programName} package.`,
    }),
    enableVerboseLogging: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether to enable verbose service logging.",
    }),
    tray: option({
      type: t.bool,
      default: false,
      example: true,
      description: `Whether the service runs the tray applet ${p.appletExecutable} instead of ${p.mainExecutable}.`,
    }),
    settings: option({
      type: settingsType,
      default: {},
      example: { [p.mainSection]: { "adjustment-method": "randr" }, randr: { screen: 0 } },
      description: `${p.programName}'s configuration by INI section; ${p.moduleName}(1) describes the settings.`,
    }),
  };
}

/** Can the program tell when to act (fixed times, Geoclue2, or coordinates)? */
function knowsWhen(settings: AttrsView, mainSection: string): boolean {
  const main = (settings[mainSection] ?? {}) as AttrsView;
  const manual = (settings.manual ?? {}) as AttrsView;
  if ("dawn-time" in main || "dusk-time" in main) return true;
  const provider = main["location-provider"];
  return provider === "geoclue2" || (provider === "manual" && ("lat" in manual || "lon" in manual));
}

function makeCore(a: EvalArgs, p: ProgramSpec) {
  return defineModule({
    file: p.file,
    path: `services.${p.moduleName}`,
    options: makeOptions(a, p),
    config: ({ cfg, config, pkgs, lib, arg }) => {
      // The options as Nix values (`cfg` is a TypeScript view, without them).
      const nixCfg = () => ((arg("config") as AttrsView).services as AttrsView)[p.moduleName];
      const geoclue = () => (cfg.provider === "geoclue2" ? ["geoclue-agent.service"] : []);
      const iniFile = () =>
        nixToString(callNix((callNix((pkgs.formats as AttrsView).ini, {}) as AttrsView).generate, p.configPath, cfg.settings));
      const execStart = () => {
        const command = cfg.tray ? p.appletExecutable : p.mainExecutable;
        const flags = libCall(
          lib,
          "cli.toCommandLineShellGNU",
          {},
          {
            v: cfg.enableVerboseLogging,
            c: `${config.str("xdg.configHome")}/${p.configPath}`,
          },
        );
        return `${nixToString(cfg.package)}/bin/${command} ${nixToString(flags)}`;
      };
      return mkIf(() => cfg.enable, {
        assertions: () => [
          libCall(lib, "hm.assertions.assertPlatform", `services.${p.moduleName}`, pkgs, libCall(lib, "platforms.linux")),
          {
            assertion: knowsWhen(cfg.settings as AttrsView, p.mainSection),
            message:
              `${p.programName} needs to know when to act; set one of\n` +
              `  - services.${p.moduleName}.provider = "geoclue2", to find your location automatically\n` +
              "    (the Geoclue2 service must be enabled as well)\n" +
              `  - services.${p.moduleName}.latitude and .longitude, to give your location\n` +
              `  - services.${p.moduleName}.dawnTime and .duskTime, to give the times themselves\n`,
          },
        ],
        [`services.${p.moduleName}.settings`]: () => ({
          [p.mainSection]: {
            "temp-day": cfg.temperature.day,
            "temp-night": cfg.temperature.night,
            "location-provider": cfg.provider,
            "dawn-time": mkIf(cfg.dawnTime !== null, cfg.dawnTime),
            "dusk-time": mkIf(cfg.duskTime !== null, cfg.duskTime),
          },
          manual: mkIf(cfg.provider === "manual", {
            lat: mkIf(cfg.latitude !== null, cfg.latitude !== null ? toStringOfAttr(lib, nixCfg(), "latitude") : ""),
            lon: mkIf(cfg.longitude !== null, cfg.longitude !== null ? toStringOfAttr(lib, nixCfg(), "longitude") : ""),
          }),
        }),
        [`xdg.configFile."${p.configPath}".source`]: () => iniFile(),
        "home.packages": () => [cfg.package],
        [`systemd.user.services.${p.moduleName}`]: () => ({
          Unit: {
            Description: `${p.programName} colour temperature adjuster`,
            Documentation: p.documentation,
            After: [GRAPHICAL, ...(cfg.tray ? ["tray.target"] : []), ...geoclue()],
            Wants: geoclue(),
            Requires: mkIf(cfg.tray, "tray.target"),
            PartOf: [GRAPHICAL],
          },
          Install: { WantedBy: [GRAPHICAL] },
          Service: { ExecStart: execStart(), RestartSec: 3, Restart: "on-failure" },
        }),
      });
    },
  });
}

/** The module of one program, with its removed `extraOptions` and renamed `brightness.*` options. */
export function redshiftLikeModule(p: ProgramSpec) {
  return perEvaluation(p.file, (a) => {
    const base = ["services", p.moduleName];
    const renamed = (old: string, key: string) =>
      toNix(libCall(a.lib, "mkRenamedOptionModule", [...base, "brightness", old], [...base, "settings", p.mainSection, key]));
    return [
      toNix(
        libCall(
          a.lib,
          "mkRemovedOptionModule",
          [...base, "extraOptions"],
          `All ${p.programName} configuration is now available through services.${p.moduleName}.settings instead.`,
        ),
      ),
      renamed("day", "brightness-day"),
      renamed("night", "brightness-night"),
      makeCore(a, p).value,
    ];
  });
}
