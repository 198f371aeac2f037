/**
 * `programs.foot`: the foot Wayland terminal (Linux only). Installs
 * `package`, writes `settings` to `$XDG_CONFIG_HOME/foot/foot.ini` as INI
 * (`pkgs.formats.ini`, a list repeating its key) when they are not empty,
 * and with `server.enable` adds the `foot` systemd user service running
 * `foot --server`, tied to `server.systemdTarget` (by default
 * `wayland.systemd.target`).
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs, waylandSystemdTarget } from "../module-kit.js";

const FILE = "modules/programs/foot.ts";

/** What `wayland.systemd.target` defaults to, used while no module declares that option. */

function makeFoot(a: EvalArgs) {
  const ini = () => callNix((a.pkgs().formats as AttrsView).ini, { listsAsDuplicateKeys: true }) as AttrsView;
  const settingsType = new TsType<JsValue>((ms) => wrapType(ms, toNix(ini().type)));
  return defineModule({
    file: FILE,
    path: "programs.foot",
    options: {
      enable: mkEnableOption("Foot terminal"),
      package: mkPackageOption("foot"),
      server: {
        enable: mkEnableOption("Foot terminal server"),
        systemdTarget: option({
          type: t.str,
          default: (d) => waylandSystemdTarget(d),
          defaultText: "config.wayland.systemd.target",
          example: "sway-session.target",
          description:
            "The systemd target whose start also starts the foot server. With `sway-session.target`, " +
            "also turn on `wayland.windowManager.sway.systemd.enable`, or that target may never be reached.",
        }),
      },
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: {
          main: { term: "xterm-256color", font: "Fira Code:size=11", "dpi-aware": "yes" },
          mouse: { "hide-when-typing": "yes" },
        },
        description:
          "foot's configuration, written as INI to `$XDG_CONFIG_HOME/foot/foot.ini`; the options are " +
          "described in <https://codeberg.org/dnkl/foot/src/branch/master/foot.ini>.",
      }),
    },
    config: ({ cfg, lib, pkgs }) =>
      mkIf(() => cfg.enable, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "programs.foot", pkgs, libCall(lib, "platforms.linux"))],
        "home.packages": () => [cfg.package],
        'xdg.configFile."foot/foot.ini"': () =>
          isEmpty(cfg.settings) ? mkIf(false, {}) : { source: callNix(ini().generate, "foot.ini", cfg.settings) },
        "systemd.user.services": () =>
          mkIf(cfg.server.enable, {
            foot: {
              Unit: {
                Description: "Fast, lightweight and minimalistic Wayland terminal emulator.",
                Documentation: "man:foot(1)",
                PartOf: [cfg.server.systemdTarget],
                After: [cfg.server.systemdTarget],
                ConditionEnvironment: "WAYLAND_DISPLAY",
              },
              Service: {
                ExecStart: `${nixToString(cfg.package)}/bin/foot --server`,
                Restart: "on-failure",
                OOMPolicy: "continue",
              },
              Install: { WantedBy: [cfg.server.systemdTarget] },
            },
          }),
      }),
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.ini`). */
export const footModule = perEvaluation(FILE, (a) => makeFoot(a));
