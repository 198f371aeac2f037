/**
 * `i18n.glibcLocales`: the locale archive that Nix-built programs read. The
 * glibc of nixpkgs looks for it through a versioned variable
 * (`LOCALE_ARCHIVE_2_27` from glibc 2.27, `LOCALE_ARCHIVE_2_11` from 2.11), so
 * that glibc versions with incompatible archive formats can live side by
 * side; on Linux this module sets that variable, for the version of the
 * package chosen, in the shell session and in the systemd user session.
 */
import { defineModule, mkIf, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { libCall, nixToString } from "../module-kit.js";

const FILE = "modules/config/i18n.ts";

/** The variable naming the archive, by the package's version (none before glibc 2.11). */
function localeVars(lib: Parameters<typeof libCall>[0], pkg: JsValue): Record<string, string> {
  const version = (pkg as AttrsView).version ?? libCall(lib, "getVersion", pkg);
  const archive = `${nixToString(pkg)}/lib/locale/locale-archive`;
  const atLeast = (v: string) => libCall(lib, "versionAtLeast", version, v) === true;
  if (atLeast("2.27")) return { LOCALE_ARCHIVE_2_27: archive };
  if (atLeast("2.11")) return { LOCALE_ARCHIVE_2_11: archive };
  return {};
}

export const i18nModule = defineModule({
  file: FILE,
  path: "i18n",
  options: {
    glibcLocales: option({
      type: t.path,
      default: (a) => {
        const nixos = a.arg("nixosConfig");
        const fromNixos =
          nixos !== null && typeof nixos === "object" ? ((nixos as AttrsView).i18n as AttrsView | undefined)?.glibcLocales : undefined;
        return (fromNixos ?? a.pkgs.glibcLocales) as string;
      },
      defaultText: "nixosConfig.i18n.glibcLocales or pkgs.glibcLocales",
      example: 'pkgs.glibcLocales.override { allLocales = false; locales = [ "en_US.UTF-8/UTF-8" ]; }',
      description:
        "The `glibcLocales` package whose archive Nix-built programs use (Linux only). Inside a NixOS " +
        "configuration it defaults to the system's `i18n.glibcLocales`.",
    }),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true, {
      "home.sessionVariables": () => localeVars(lib, cfg.glibcLocales),
      "systemd.user.sessionVariables": () => localeVars(lib, cfg.glibcLocales),
    }),
});
