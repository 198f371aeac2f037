/**
 * `services.udiskie`: the udiskie removable-media mount daemon (Linux only).
 * Writes `$XDG_CONFIG_HOME/udiskie/config.yml` (`pkgs.formats.yaml`): the
 * `program_options` made from `automount`, `notify` and `tray` (`always` →
 * true, `never` → false, `auto` as is), recursively updated with `settings`;
 * and runs udiskie as a systemd user service of the graphical session,
 * needing `tray.target` unless `tray` is `never`, with `--appindicator` when
 * `xsession.preferStatusNotifierItems` is set. The old `sni` option is removed.
 */
import { defineModule, mkIf, mkPackageOption, option, t, toNix, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, formatType, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/services/udiskie.ts";

const SNI_REMOVED =
  "Status Notifier Items are now chosen for all services at once with the option\n\n" +
  "  xsession.preferStatusNotifierItems\n\n" +
  "which replaces this one.\n";

/** What `tray` becomes in udiskie's `program_options`. */
function trayValue(tray: string): boolean | string {
  return tray === "always" ? true : tray === "never" ? false : "auto";
}

function makeUdiskie(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "services.udiskie",
    options: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description:
          "Whether to enable the udiskie mount daemon.\n\nOn NixOS, mounting also needs the system's udisks2 D-Bus " +
          "service: set `services.udisks2.enable = true` in the system configuration.",
      }),
      package: mkPackageOption("udiskie"),
      settings: option({
        type: formatType(a, "yaml"),
        default: {} as JsValue,
        defaultText: "{ }",
        example: { program_options: { udisks_version: 2, tray: true }, icon_names: { media: ["media-optical"] } },
        description:
          "Settings merged over the generated ones in {file}`$XDG_CONFIG_HOME/udiskie/config.yml`; udiskie's manual " +
          "page (udiskie.8) describes them.",
      }),
      automount: option({ type: t.bool, default: true, description: "Whether new devices are mounted as they appear." }),
      notify: option({ type: t.bool, default: true, description: "Whether udiskie shows pop-up notifications." }),
      tray: option({
        type: t.enum(["always", "auto", "never"]),
        default: "auto",
        description: "When udiskie shows its tray icon: `always`; `auto`, only while a device is available; or `never`.",
      }),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const withTray = () => cfg.tray !== "never";
      const configYml = () => {
        const base = { program_options: { automount: cfg.automount, tray: trayValue(cfg.tray), notify: cfg.notify } };
        const merged = libCall(lib, "recursiveUpdate", base, cfg.settings);
        return nixToString(callNix(yaml().generate, "udiskie-config.yml", merged));
      };
      return mkIf(() => cfg.enable, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.udiskie", pkgs, libCall(lib, "platforms.linux"))],
        'xdg.configFile."udiskie/config.yml".source': () => configYml(),
        "systemd.user.services.udiskie": () => ({
          Unit: {
            Description: "udiskie mount daemon",
            Requires: withTray() ? ["tray.target"] : [],
            After: ["graphical-session.target", ...(withTray() ? ["tray.target"] : [])],
            PartOf: ["graphical-session.target"],
          },
          Service: {
            ExecStart: [
              nixToString(libCall(lib, "getExe'", cfg.package, "udiskie")),
              ...(config.bool("xsession.preferStatusNotifierItems") ? ["--appindicator"] : []),
            ].join(" "),
          },
          Install: { WantedBy: ["graphical-session.target"] },
        }),
      });
    },
  });
}

/** The module (per evaluation, for the `pkgs.formats.yaml` type), with the removed `sni` option. */
export const udiskieModule = perEvaluation(FILE, (a) => [
  toNix(libCall(a.lib, "mkRemovedOptionModule", ["services", "udiskie", "sni"], SNI_REMOVED)),
  makeUdiskie(a).value,
]);
