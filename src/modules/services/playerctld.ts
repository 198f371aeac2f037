/**
 * `services.playerctld`: the playerctld daemon of playerctl, which keeps
 * track of the most recently active MPRIS media player (Linux only).
 * Installs `package` and runs `<package>/bin/playerctld` as a D-Bus systemd
 * user service (bus name `org.mpris.MediaPlayer2.playerctld`) wanted by
 * `default.target`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption } from "../../module-system/index.js";
import { libCall, nixToString } from "../module-kit.js";

const FILE = "modules/services/playerctld.ts";

export const playerctldModule = defineModule({
  file: FILE,
  path: "services.playerctld",
  options: {
    enable: mkEnableOption("the playerctld daemon"),
    package: mkPackageOption("playerctl"),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.playerctld", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.package],
      "systemd.user.services.playerctld": () => ({
        Unit: { Description: "MPRIS media player daemon" },
        Install: { WantedBy: ["default.target"] },
        Service: {
          ExecStart: `${nixToString(cfg.package)}/bin/playerctld`,
          Type: "dbus",
          BusName: "org.mpris.MediaPlayer2.playerctld",
        },
      }),
    }),
});
