/**
 * `dbus.packages`: packages whose D-Bus session services
 * (`<pkg>/share/dbus-1/services/*`) the user's session bus should know.
 * When the list is not empty, their service files are joined (prefix
 * stripped) into one tree linked file by file into
 * `$XDG_DATA_HOME/dbus-1/services`.
 */
import { defineModule, mkIf, option, t, type AttrsView } from "../../module-system/index.js";
import { callNix, nixToString } from "../module-kit.js";

const FILE = "modules/misc/dbus.ts";

export const dbusModule = defineModule({
  file: FILE,
  path: "dbus",
  options: {
    packages: option({
      type: t.listOf(t.package),
      default: [],
      description:
        "Packages with D-Bus session services: the files in {file}`«pkg»/share/dbus-1/services` are linked into " +
        "{file}`$XDG_DATA_HOME/dbus-1/services`, where the session bus finds them.",
    }),
  },
  config: ({ cfg, pkgs }) => ({
    'xdg.dataFile."dbus-1/services"': () =>
      mkIf((cfg.packages as readonly AttrsView[]).length > 0, {
        recursive: true,
        source: nixToString(
          callNix(pkgs.symlinkJoin, { name: "user-dbus-services", paths: cfg.packages, stripPrefix: "/share/dbus-1/services" }),
        ),
      }),
  }),
});
