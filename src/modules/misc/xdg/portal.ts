/**
 * `xdg.portal`: XDG desktop portals for the user session. Installs
 * xdg-desktop-portal, the portal implementations (`extraPortals`) and the
 * packages carrying portal configuration (`configPackages`), points
 * `NIX_XDG_DESKTOP_PORTAL_DIR` (session and systemd) at the profile's
 * `share/xdg-desktop-portal/portals`, optionally makes `xdg-open` use the
 * portal, and writes `xdg.portal.config.<desktop>` as
 * `$XDG_CONFIG_HOME/xdg-desktop-portal/<desktop>-portals.conf` (`common`:
 * `portals.conf`), a `[preferred]` INI section whose lists are joined by `;`.
 */
import { defineModule, mkIf, mkMerge, option, t, type AttrsView, type JsValue, type TsType } from "../../../module-system/index.js";
import { libCall, ty } from "../../module-kit.js";

const FILE = "modules/misc/xdg/portal.ts";

/** A list of names (or one name), stored joined by `;`. */
const joined = ty.coercedTo(
  t.either(t.listOf(t.str), t.str),
  (v: JsValue) => (Array.isArray(v) ? (v as readonly string[]).join(";") : (v as string)),
  t.str,
) as TsType<string>;

const LEGACY_WARNING = `xdg-desktop-portal 1.17 reworked how portal implementations are loaded, you
should either set \`xdg.portal.config\` or \`xdg.portal.configPackages\`
to specify which portal backend to use for the requested interface.

https://github.com/flatpak/xdg-desktop-portal/blob/1.18.1/doc/portals.conf.rst.in

If you simply want to keep the behaviour in < 1.17, which uses the first
portal implementation found in lexicographical order, use the following:

xdg.portal.config.common.default = "*";
`;

const LINK_MESSAGE = `xdg.portal: since you installed Home Manager via its NixOS module and
'home-manager.useUserPackages' is enabled, you need to add

environment.pathsToLink = [ \`/share/applications\` \`/share/xdg-desktop-portal\` ];

to your NixOS configuration so that the portal definitions and DE
provided configurations get linked.
`;

export const xdgPortalModule = defineModule({
  file: FILE,
  path: "xdg.portal",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      example: true,
      description:
        "Whether to enable XDG desktop integration through xdg-desktop-portal. Under the NixOS module with `home-manager.useUserPackages`, NixOS must link `/share/xdg-desktop-portal` and `/share/applications`.",
    }),
    extraPortals: option({
      type: t.listOf(t.package),
      default: [],
      description: "Portal implementations to install; at least one is needed.",
    }),
    xdgOpenUsePortal: option({
      type: t.bool,
      default: false,
      description: "Whether `xdg-open` goes through the portal (sets `NIXOS_XDG_OPEN_USE_PORTAL=1`).",
    }),
    config: option({
      type: t.attrsOf(t.attrsOf(joined)),
      default: {},
      example: { common: { default: ["gtk"] } },
      description:
        "Which portal backend serves which interface, per desktop: written to `<desktop>-portals.conf` (`portals.conf` for `common`), see portals.conf(5).",
    }),
    configPackages: option({
      type: t.listOf(t.package),
      default: [],
      description:
        "Packages providing portal configuration (`share/xdg-desktop-portal/<desktop>-portals.conf`); `config` takes precedence.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const portalsDir = () => `${config.str("home.profileDirectory")}/share/xdg-desktop-portal/portals`;
    return mkIf(() => cfg.enable, {
      assertions: () => {
        const submodule = config.get("submoduleSupport.enable") === true;
        const isLinux = ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true;
        let linked = true;
        if (isLinux && submodule) {
          const os = arg("osConfig") as AttrsView;
          const useUser = ((os["home-manager"] as AttrsView | undefined)?.useUserPackages as boolean | undefined) === true;
          const toLink = (((os.environment as AttrsView | undefined)?.pathsToLink as readonly string[] | undefined) ?? []).slice();
          linked = !useUser || (toLink.includes("/share/applications") && toLink.includes("/share/xdg-desktop-portal"));
        }
        return [
          libCall(lib, "hm.assertions.assertPlatform", "xdg.portal", pkgs, libCall(lib, "platforms.linux")),
          {
            assertion: cfg.extraPortals.length > 0,
            message:
              "Setting xdg.portal.enable to true requires a portal implementation in xdg.portal.extraPortals such as xdg-desktop-portal-gtk or xdg-desktop-portal-kde.",
          },
          { assertion: linked, message: LINK_MESSAGE },
        ];
      },
      warnings: () => (cfg.configPackages.length === 0 && Object.keys(cfg.config).length === 0 ? [LEGACY_WARNING] : []),
      "home.packages": () => [(pkgs as AttrsView)["xdg-desktop-portal"] as AttrsView, ...cfg.extraPortals, ...cfg.configPackages],
      "home.sessionVariables": () =>
        mkMerge([mkIf(cfg.xdgOpenUsePortal, { NIXOS_XDG_OPEN_USE_PORTAL: "1" }), { NIX_XDG_DESKTOP_PORTAL_DIR: portalsDir() }]),
      "systemd.user.sessionVariables": () => ({ NIX_XDG_DESKTOP_PORTAL_DIR: portalsDir() }),
      "xdg.configFile": () => {
        const files: Record<string, JsValue> = {};
        for (const desktop of Object.keys(cfg.config)) {
          const conf = cfg.config[desktop]!;
          if (Object.keys(conf).length === 0) continue;
          const name = `xdg-desktop-portal/${desktop === "common" ? "" : `${desktop}-`}portals.conf`;
          files[name] = { text: libCall(lib, "generators.toINI", {}, { preferred: conf }) };
        }
        return files;
      },
    });
  },
});
