/**
 * `services.home-manager.autoUpgrade`: a systemd user timer and service that
 * periodically run `home-manager switch` (after `nix-channel --update`, or
 * from a flake directory), with optional commands run just before the switch.
 * The default of `preSwitchCommands` for flakes depends on
 * `home.stateVersion` (before 26.05 it updates the flake's lock file, with a
 * warning).
 */
import { defineModule, mkEnableOption, mkIf, mkOptionDefault, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import type { Lazy } from "../../nix/values.js";
import { callNix, libCall, nixToString } from "../module-kit.js";
import { originOf } from "../../module-system/ts-view.js";

const FILE = "modules/services/home-manager-auto-upgrade.ts";

/** The script the service runs; `preSwitch` is empty or the pre-switch block. */
export function upgradeScript(useFlake: boolean, preSwitch: string, extraArgs: string): string {
  const head = useFlake
    ? [
        "set -euo pipefail",
        "",
        'if [[ ! -f "$FLAKE_DIR/flake.nix" ]]; then',
        '  echo "No flake.nix found in $FLAKE_DIR." >&2',
        "  exit 1",
        "fi",
        "",
        'echo "Changing to flake directory $FLAKE_DIR"',
        'cd "$FLAKE_DIR"',
      ]
    : ["set -euo pipefail", "", 'echo "Update Nix channels"', "nix-channel --update"];
  const command = useFlake ? `home-manager switch --flake . ${extraArgs}` : `home-manager switch ${extraArgs}`;
  return [...head, "", preSwitch, "", 'echo "Upgrade Home Manager"', command, ""].join("\n");
}

export const homeManagerAutoUpgradeModule = defineModule({
  file: FILE,
  path: "services.home-manager.autoUpgrade",
  options: {
    enable: mkEnableOption("a service that regularly upgrades the configuration with `home-manager switch`"),
    frequency: option({
      type: t.str,
      example: "weekly",
      description: "When the upgrade runs: the `OnCalendar` value of the timer (see systemd.time(7)).",
    }),
    useFlake: option({
      type: t.bool,
      default: false,
      description: "Whether the configuration is a flake (in `flakeDir`, with a `user@host` entry of `homeConfigurations` for this host).",
    }),
    flakeDir: option({
      type: t.str,
      default: (a) => `${((a.arg("config") as AttrsView).xdg as AttrsView).configHome as string}/home-manager`,
      defaultText: '"${config.xdg.configHome}/home-manager"',
      example: "/home/user/dotfiles",
      description: "The directory holding `flake.nix` (used when `useFlake` is set).",
    }),
    flags: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--impure", "-b", "hmbak"],
      description: "More command-line arguments of `home-manager switch`.",
    }),
    preSwitchCommands: option({
      type: t.listOf(t.str),
      default: [],
      defaultText:
        'if lib.versionAtLeast config.home.stateVersion "26.05" || !config.services.home-manager.autoUpgrade.useFlake then [ ] else [ "nix flake update" ]',
      example: ["git pull", "nix flake update"],
      description: "Shell commands run before `home-manager switch`.",
    }),
  },
  config: ({ cfg, config, lib, pkgs, arg }) => {
    const deprecation = () => {
      const cfgView = arg("config") as AttrsView;
      return libCall((originOf(lib) ?? lib) as Lazy, "hm.deprecations.mkStateVersionOptionDefault", {
        stateVersion: (cfgView.home as AttrsView).stateVersion,
        config: cfgView,
        options: arg("options"),
        since: "26.05",
        optionPath: ["services", "home-manager", "autoUpgrade", "preSwitchCommands"],
        legacy: { value: ["nix flake update"] },
        current: { value: [] },
        deferWarningToConfig: true,
        shouldWarn: (x: JsValue) => cfg.useFlake && (x as AttrsView).optionUsesDefaultPriority === true,
      }) as AttrsView;
    };
    const app = () => {
      const pre = cfg.preSwitchCommands;
      const preSwitch = pre.length > 0 ? ['echo "Running pre-switch commands"', "set -o xtrace", ...pre].join("\n") : "";
      const text = upgradeScript(cfg.useFlake, preSwitch, String(libCall(lib, "escapeShellArgs", cfg.flags)));
      return callNix(pkgs.writeShellApplication, {
        name: "home-manager-auto-upgrade",
        runtimeInputs: [config.get("programs.home-manager.package"), pkgs.nix!],
        text,
      });
    };
    return mkIf(() => cfg.enable, {
      warnings: () => {
        const d = deprecation();
        return d.shouldWarn === true ? [d.warning as string] : [];
      },
      assertions: () => [
        libCall(lib, "hm.assertions.assertPlatform", "services.home-manager.autoUpgrade", pkgs, libCall(lib, "platforms.linux")),
      ],
      "services.home-manager.autoUpgrade.preSwitchCommands": () =>
        mkIf(cfg.useFlake, mkOptionDefault(deprecation().effectiveDefault as JsValue)),
      "systemd.user.timers.home-manager-auto-upgrade": () => ({
        Unit: { Description: "Home Manager upgrade timer" },
        Install: { WantedBy: ["timers.target"] },
        Timer: { OnCalendar: cfg.frequency, Unit: "home-manager-auto-upgrade.service", Persistent: true },
      }),
      "systemd.user.services.home-manager-auto-upgrade": () => ({
        Unit: { Description: "Home Manager upgrade", "X-SwitchMethod": "keep-old" },
        Service: {
          ExecStart: `${nixToString(app())}/bin/home-manager-auto-upgrade`,
          ...(cfg.useFlake ? { Environment: [`FLAKE_DIR=${cfg.flakeDir}`] } : {}),
        },
      }),
    });
  },
});
