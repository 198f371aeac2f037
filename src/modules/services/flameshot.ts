/**
 * `services.flameshot`: the Flameshot screenshot tool kept running in the
 * tray. Installs `package`; when `settings` is not empty, writes it as INI
 * (`pkgs.formats.ini`) to `$XDG_CONFIG_HOME/flameshot/flameshot.ini` and
 * restarts the service when that file changes. On Linux it runs as a
 * sandboxed systemd user service that needs `tray.target` and lives with the
 * graphical session (with the user profile's `bin` as its `PATH`); on Darwin
 * as a launchd agent restarted after crashes.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/services/flameshot.ts";

function makeFlameshot(a: EvalArgs) {
  const ini = () => callNix((a.pkgs().formats as AttrsView).ini, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "services.flameshot",
    options: {
      enable: mkEnableOption("Flameshot"),
      package: mkPackageOption("flameshot"),
      settings: option({
        type: formatType(a, "ini"),
        default: {} as JsValue,
        defaultText: "{ }",
        example: { General: { disabledTrayIcon: true, showStartupLaunchMessage: false } },
        description:
          "Flameshot's settings by section, written as INI to {file}`$XDG_CONFIG_HOME/flameshot/flameshot.ini`; " +
          "flameshot.example.ini in Flameshot's sources lists them.",
      }),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const iniFile = () => nixToString(callNix(ini().generate, "flameshot.ini", cfg.settings));
      const exe = () => nixToString(libCall(lib, "getExe", cfg.package));
      const hasSettings = () => !isEmpty(cfg.settings);
      return mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        'xdg.configFile."flameshot/flameshot.ini"': () => mkIf(hasSettings(), { source: iniFile() }),
        "systemd.user.services.flameshot": () => ({
          Unit: {
            Description: "Flameshot screenshot tool",
            Requires: ["tray.target"],
            After: ["graphical-session.target", "tray.target"],
            PartOf: ["graphical-session.target"],
            "X-Restart-Triggers": mkIf(hasSettings(), [iniFile()]),
          },
          Install: { WantedBy: ["graphical-session.target"] },
          Service: {
            Environment: [`PATH=${config.str("home.profileDirectory")}/bin`],
            ExecStart: exe(),
            Restart: "on-abort",
            // A sandbox: Flameshot needs none of what these take away.
            LockPersonality: true,
            MemoryDenyWriteExecute: true,
            NoNewPrivileges: true,
            PrivateUsers: true,
            RestrictNamespaces: true,
            SystemCallArchitectures: "native",
            SystemCallFilter: "@system-service",
          },
        }),
        "launchd.agents.flameshot": () =>
          mkIf(isDarwin(), {
            enable: true,
            config: {
              ProgramArguments: [exe()],
              KeepAlive: { Crashed: true, SuccessfulExit: false },
              ProcessType: "Interactive",
              RunAtLoad: true,
            },
          }),
      });
    },
  });
}

/** The module (made per evaluation: `settings` has this evaluation's `pkgs.formats.ini` type). */
export const flameshotModule = perEvaluation(FILE, (a) => makeFlameshot(a));
