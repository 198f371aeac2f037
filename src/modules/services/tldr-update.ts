/**
 * `services.tldr-update`: refresh a tldr client's page cache on a schedule.
 * On Linux a `tldr-update` oneshot systemd user service runs
 * `<package> --update`, started by a persistent timer on `period`; on macOS a
 * launchd agent runs the same command at the calendar interval of `period`.
 * Turned on by `programs.tealdeer.enableAutoUpdates`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { libCall, nixToString } from "../module-kit.js";

const FILE = "modules/services/tldr-update.ts";

export const tldrUpdateModule = defineModule({
  file: FILE,
  path: "services.tldr-update",
  options: {
    enable: mkEnableOption("scheduled cache updates of the tldr client"),
    package: mkPackageOption("tldr", { extraDescription: "Any client that accepts `--update` works, `tlrc` for one." }),
    period: option({
      type: t.str,
      default: "weekly",
      description:
        "How often to update: a calendar event in the format of systemd.time(7) on Linux; on macOS an interval " +
        "that can be turned into a launchd calendar interval.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const exe = () => nixToString(libCall(lib, "getExe", cfg.package));
    const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    return mkIf(() => cfg.enable, {
      "systemd.user.services.tldr-update": () => ({
        Unit: { Description: "Update tldr CLI cache", Documentation: "https://tldr.sh/" },
        Service: { Type: "oneshot", ExecStart: `${exe()} --update\n` },
      }),
      "systemd.user.timers.tldr-update": () => ({
        Unit: { Description: "Update tldr CLI cache" },
        Timer: { OnCalendar: cfg.period, Persistent: true },
        Install: { WantedBy: ["timers.target"] },
      }),
      assertions: () => [libCall(lib, "hm.darwin.assertInterval", "services.tldr-update.period", cfg.period, pkgs)],
      "launchd.agents.tldr-update": () =>
        mkIf(isDarwin(), {
          enable: true,
          config: {
            ProgramArguments: [exe(), "--update"],
            StartCalendarInterval: libCall(lib, "hm.darwin.mkCalendarInterval", cfg.period),
          },
        }),
    });
  },
});
