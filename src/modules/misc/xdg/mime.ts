/**
 * `xdg.mime`: support for the shared MIME-info and MIME applications
 * specifications in the profile. When on, the profile gets shared-mime-info
 * and two empty packages providing `share/applications` and
 * `share/mime/packages` (so that these directories are writable copies in
 * the merged profile), and the profile builder then runs
 * `update-mime-database` and `update-desktop-database` over them
 * (`home.extraProfileCommands`).
 *
 * Deviation: Home Manager turns this on by default on Linux. Here the
 * default is off, because it installs packages into every profile, which
 * the host package backend (no Nix) cannot always provide.
 */
import { defineModule, mkIf, mkPackageOption, option, t, type AttrsView } from "../../../module-system/index.js";
import { callFn, libCall, nixToString } from "../../module-kit.js";

const FILE = "modules/misc/xdg/mime.ts";

export const xdgMimeModule = defineModule({
  file: FILE,
  path: "xdg.mime",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      defaultText: "false (Home Manager: true on Linux)",
      description:
        "Whether to install what the XDG shared MIME-info and MIME applications specifications need, and to build their caches in the profile.",
    }),
    sharedMimeInfoPackage: mkPackageOption("shared-mime-info", { extraDescription: "It runs update-mime-database." }),
    desktopFileUtilsPackage: mkPackageOption("desktop-file-utils", { extraDescription: "It runs update-desktop-database." }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const dirs = (n: number) =>
      callFn((pkgs as AttrsView).runCommandLocal, `dummy-xdg-mime-dirs${n}`, {}, "mkdir -p $out/share/{applications,mime/packages}\n");
    /** The build platform's package when the set distinguishes it (`__spliced.buildHost`). */
    const buildHost = (p: AttrsView): AttrsView => {
      const spliced = p.__spliced as AttrsView | undefined;
      return (spliced?.buildHost as AttrsView | undefined) ?? p;
    };
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "xdg.mime", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.sharedMimeInfoPackage, dirs(1), dirs(2)],
      "home.extraProfileCommands": () => {
        const updateMime = nixToString(libCall(lib, "getExe", buildHost(cfg.sharedMimeInfoPackage)));
        const updateDesktop = nixToString(libCall(lib, "getExe'", buildHost(cfg.desktopFileUtilsPackage), "update-desktop-database"));
        return (
          "if [[ -w $out/share/mime && -w $out/share/mime/packages && -d $out/share/mime/packages ]]; then\n" +
          `  XDG_DATA_DIRS=$out/share PKGSYSTEM_ENABLE_FSYNC=0 ${updateMime} -V $out/share/mime > /dev/null\n` +
          "fi\n\n" +
          "if [[ -w $out/share/applications ]]; then\n" +
          `  ${updateDesktop} $out/share/applications\n` +
          "fi\n"
        );
      },
    });
  },
});
