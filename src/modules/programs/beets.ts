/**
 * `programs.beets`: the beets music library manager. Installs `package`,
 * writes `settings` as YAML (`pkgs.formats.yaml`) to
 * `$XDG_CONFIG_HOME/beets/config.yaml`, and with `mpdIntegration` adds the
 * `mpdstats`/`mpdupdate` plugins and their `mpd` host and port to the
 * settings; `enableStats` also runs `beet mpdstats` as a user service
 * (ordered after `mpd.service` when `services.mpd` is enabled). Before
 * state version 19.03 beets is enabled whenever `settings` is not empty,
 * with Home Manager's deprecation warning.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/beets.ts";

/** The port of `services.mpd` when that module is part of the catalog, else mpd's own default. */
function mpdPort(a: EvalArgs): number {
  return a.has("services.mpd.network.port") ? (a.get("services.mpd.network.port") as number) : 6600;
}

function makeBeets(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const settingsType = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.beets",
    options: {
      enable: option({
        type: t.bool,
        default: () => {
          const d = libCall(a.lib, "hm.deprecations.mkStateVersionOptionDefault", {
            stateVersion: a.get("home.stateVersion"),
            since: "19.03",
            optionPath: ["programs", "beets", "enable"],
            legacy: { value: !isEmpty(a.get("programs.beets.settings")), text: "config.programs.beets.settings != { }" },
            current: { value: false },
          }) as AttrsView;
          return d.default as boolean;
        },
        defaultText: 'if lib.versionAtLeast config.home.stateVersion "19.03" then false else config.programs.beets.settings != { }',
        description:
          "Whether to enable the beets music library manager. Off by default from state version 19.03; before that, " +
          "on whenever `programs.beets.settings` is not empty.",
      }),
      package: mkPackageOption("beets", {
        extraDescription: "Use an overridden beets (e.g. `pkgs.beets.override { pluginOverrides = …; }`) for other plugins.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        description: "Configuration written as YAML to `$XDG_CONFIG_HOME/beets/config.yaml`.",
      }),
      mpdIntegration: {
        enableStats: mkEnableOption("the mpdstats plugin and its service"),
        enableUpdate: mkEnableOption("the mpdupdate plugin"),
        host: option({
          type: t.str,
          default: "localhost",
          example: "10.0.0.42",
          description: "The host of the mpd server the plugins talk to.",
        }),
        port: option({
          type: t.port,
          default: () => mpdPort(a),
          defaultText: "config.services.mpd.network.port",
          example: 6601,
          description: "The port of the mpd server the plugins talk to.",
        }),
      },
    },
    config: ({ cfg }) => {
      const mpd = cfg.mpdIntegration;
      const mpdEnabled = () => a.has("services.mpd.enable") && a.get("services.mpd.enable") === true;
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.package],
          'xdg.configFile."beets/config.yaml".source': () => callNix(yaml().generate, "beets-config", cfg.settings),
        }),
        mkIf(() => mpd.enableStats || mpd.enableUpdate, {
          "programs.beets.settings.mpd": () => ({ host: mpd.host, port: mpd.port }),
        }),
        mkIf(() => mpd.enableStats, { "programs.beets.settings.plugins": () => ["mpdstats"] }),
        mkIf(() => mpd.enableUpdate, { "programs.beets.settings.plugins": () => ["mpdupdate"] }),
        mkIf(() => cfg.enable && mpd.enableStats, {
          'systemd.user.services."beets-mpdstats"': () => ({
            Unit: {
              Description: "Beets MPDStats daemon",
              After: mpdEnabled() ? ["mpd.service"] : [],
              Requires: mpdEnabled() ? ["mpd.service"] : [],
            },
            Service: { ExecStart: `${nixToString(cfg.package)}/bin/beet mpdstats` },
            Install: { WantedBy: ["default.target"] },
          }),
        }),
      ]);
    },
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.yaml`). */
export const beetsModule = perEvaluation(FILE, (a) => makeBeets(a));
