/**
 * `xdg.systemDirs`: extra system directories for `XDG_CONFIG_DIRS` and
 * `XDG_DATA_DIRS`, prepended in the session (`hm-session-vars.sh`) and in
 * the systemd user environment, keeping what the variables held before.
 * Linux only (an assertion says so elsewhere).
 */
import { defineModule, mkIf, mkMerge, option, t } from "../../../module-system/index.js";
import { libCall } from "../../module-kit.js";

const FILE = "modules/misc/xdg/system-dirs.ts";

export const xdgSystemDirsModule = defineModule({
  file: FILE,
  path: "xdg.systemDirs",
  options: {
    config: option({
      type: t.listOf(t.str),
      default: [],
      example: ["/etc/xdg"],
      description: "Directories to add in front of `XDG_CONFIG_DIRS` in the user session.",
    }),
    data: option({
      type: t.listOf(t.str),
      default: [],
      example: ["/usr/share", "/usr/local/share"],
      description: "Directories to add in front of `XDG_DATA_DIRS` in the user session.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const value = (dirs: readonly string[], v: string) => `${dirs.join(":")}\${${v}:+:$${v}}`;
    return mkMerge([
      mkIf(() => cfg.config.length > 0 || cfg.data.length > 0, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "xdg.systemDirs", pkgs, libCall(lib, "platforms.linux"))],
      }),
      mkIf(() => cfg.config.length > 0, {
        "home.sessionVariables.XDG_CONFIG_DIRS": () => value(cfg.config, "XDG_CONFIG_DIRS"),
        "systemd.user.sessionVariables.XDG_CONFIG_DIRS": () => value(cfg.config, "XDG_CONFIG_DIRS"),
      }),
      mkIf(() => cfg.data.length > 0, {
        "home.sessionVariables.XDG_DATA_DIRS": () => value(cfg.data, "XDG_DATA_DIRS"),
        "systemd.user.sessionVariables.XDG_DATA_DIRS": () => value(cfg.data, "XDG_DATA_DIRS"),
      }),
    ]);
  },
});
