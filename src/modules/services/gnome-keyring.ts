/**
 * `services.gnome-keyring`: the GNOME Keyring daemon as a systemd user
 * service (Linux only), started in the foreground with the chosen
 * `components` (all of its defaults when the list is empty) and tied to
 * `graphical-session-pre.target`. Asserts that `services.pass-secret-service`
 * (another secrets service) is not enabled too, when that option exists.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { isDeclared, libCall, nixToString } from "../module-kit.js";

const FILE = "modules/services/gnome-keyring.ts";
const PRE_SESSION = "graphical-session-pre.target";

/** The daemon's arguments after the executable. */
export function gnomeKeyringArgs(components: readonly string[]): string[] {
  const args = ["--start", "--foreground"];
  if (components.length > 0) args.push(`--components=${components.join(",")}`);
  return args;
}

export const gnomeKeyringModule = defineModule({
  file: FILE,
  path: "services.gnome-keyring",
  options: {
    enable: mkEnableOption("GNOME Keyring"),
    package: mkPackageOption("gnome-keyring"),
    components: option({
      type: t.listOf(t.enum(["pkcs11", "secrets", "ssh"])),
      default: [],
      description: "Which components of the keyring daemon to start; when empty, the daemon starts its default ones.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [
        libCall(lib, "hm.assertions.assertPlatform", "services.gnome-keyring", pkgs, libCall(lib, "platforms.linux")),
        {
          assertion: !(
            isDeclared(arg("options"), "services.pass-secret-service.enable") && config.bool("services.pass-secret-service.enable")
          ),
          message: "Only one secrets service per user can be enabled at a time.\nOther services enabled:\n- pass-secret-service\n",
        },
      ],
      "systemd.user.services.gnome-keyring": () => ({
        Unit: { Description: "GNOME Keyring", PartOf: [PRE_SESSION] },
        Service: {
          ExecStart: [nixToString(libCall(lib, "getExe'", cfg.package, "gnome-keyring-daemon")), ...gnomeKeyringArgs(cfg.components)].join(
            " ",
          ),
          Restart: "on-abort",
        },
        Install: { WantedBy: [PRE_SESSION] },
      }),
    }),
});
