/**
 * `xsession`: an X session run by Home Manager. `~/.xprofile` (or
 * `xsession.profilePath`) loads the session variables and `~/.profile`,
 * stops what is left of a previous graphical session and imports the
 * session's variables into systemd; `~/.xsession` (or `scriptPath`, made
 * executable) sources the profile when the display manager did not, starts
 * `hm-graphical-session.target`, runs `initExtra` and the window manager,
 * then stops the graphical targets, waits for the units to go and unsets the
 * imported variables. The targets `hm-graphical-session` and `tray` are
 * defined here, and `home.keyboard`, when set, gives the `setxkbmap` service
 * (plus `xplugd` to re-run it when a keyboard is plugged in).
 */
import { defineModule, mkIf, option, t, TsType, type JsValue } from "../../module-system/index.js";
import { callFn, escapeShellArg, isDeclared, libCall, nixToString } from "../module-kit.js";

const FILE = "modules/misc/xsession.ts";

/** The variables every X session hands to systemd. */
const SESSION_VARIABLES = [
  "DBUS_SESSION_BUS_ADDRESS",
  "DISPLAY",
  "SSH_AUTH_SOCK",
  "XAUTHORITY",
  "XDG_DATA_DIRS",
  "XDG_RUNTIME_DIR",
  "XDG_SESSION_ID",
];

/** The keyboard as `home.keyboard` holds it. */
interface Keyboard {
  readonly layout: string | null;
  readonly variant: string | null;
  readonly model: string | null;
  readonly options: readonly string[];
}

/** The arguments of `setxkbmap` for a keyboard: layout, variant and model when set, then the options after a reset. */
export function setxkbmapArgs(k: Keyboard): string {
  const args: string[] = [];
  if (k.layout !== null) args.push(`-layout '${k.layout}'`);
  if (k.variant !== null) args.push(`-variant '${k.variant}'`);
  if (k.model !== null) args.push(`-model '${k.model}'`);
  args.push("-option ''");
  for (const o of k.options) args.push(`-option '${o}'`);
  return args.join(" ");
}

/** `~/.xprofile`. */
export function xprofileText(profileDirectory: string, imported: readonly string[], profileExtra: string): string {
  const importLine = imported.length > 0 ? `systemctl --user import-environment ${imported.map(escapeShellArg).join(" ")}` : "";
  return [
    `. "${profileDirectory}/etc/profile.d/hm-session-vars.sh"`,
    "",
    'if [ -e "$HOME/.profile" ]; then',
    '  . "$HOME/.profile"',
    "fi",
    "",
    "# If there are any running services from a previous session.",
    "# Need to run this in xprofile because the NixOS xsession",
    "# script starts up graphical-session.target.",
    "systemctl --user stop graphical-session.target graphical-session-pre.target",
    "",
    importLine,
    "",
    profileExtra,
    "",
    "export HM_XPROFILE_SOURCED=1",
    "",
  ].join("\n");
}

/** `~/.xsession`. */
export function xsessionText(profileFile: string, imported: readonly string[], initExtra: string, windowManager: string): string {
  const unsetLine = imported.length > 0 ? `systemctl --user unset-environment ${imported.map(escapeShellArg).join(" ")}` : "";
  return [
    'if [ -z "$HM_XPROFILE_SOURCED" ]; then',
    `  . "${profileFile}"`,
    "fi",
    "unset HM_XPROFILE_SOURCED",
    "",
    "systemctl --user start hm-graphical-session.target",
    "",
    initExtra,
    "",
    windowManager,
    "",
    "systemctl --user stop graphical-session.target",
    "systemctl --user stop graphical-session-pre.target",
    "",
    "# Wait until the units actually stop.",
    'while [ -n "$(systemctl --user --no-legend --state=deactivating list-units)" ]; do',
    "  sleep 0.5",
    "done",
    "",
    unsetLine,
    "",
  ].join("\n");
}

const XPLUGRC = `case "$1,$3" in
  keyboard,connected)
  systemctl --user restart setxkbmap.service
  ;;
esac
`;

/** `lib.unique`: the first of each value, in order. */
function unique(xs: readonly string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

export const xsessionModule = defineModule({
  file: FILE,
  path: "xsession",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether to enable the X session managed by Home Manager.",
    }),
    trayTarget: option({
      type: t.attrs,
      readOnly: true,
      internal: true,
      visible: false,
      default: { Unit: { Description: "Home Manager System Tray", Requires: ["graphical-session-pre.target"] } },
      description: "The `tray.target` unit, shared by X and Wayland sessions.",
    }),
    scriptPath: option({
      type: t.str,
      default: ".xsession",
      example: ".xsession-hm",
      description: "Where the X session script is written, relative to the home directory.",
    }),
    profilePath: option({
      type: t.str,
      default: ".xprofile",
      example: ".xprofile-hm",
      description: "Where the X profile script is written, relative to the home directory.",
    }),
    windowManager: {
      command: option({
        type: t.str,
        default: 'test -n "$1" && eval "$@"',
        example: '"${pkgs.i3}/bin/i3"',
        description:
          "The command that starts the window manager. The default runs the session's arguments, which is how " +
          "NixOS's generated X server configuration hands over its own. Other start-up commands go to `xsession.initExtra`.",
      }),
    },
    preferStatusNotifierItems: option({
      type: t.bool,
      default: false,
      example: true,
      description:
        "Whether tray applets should prefer the Status Notifier Items protocol (also called App Indicators); " +
        "not every applet or bar supports it.",
    }),
    profileExtra: option({ type: t.lines, default: "", description: "Shell commands run in the X profile, before the session starts." }),
    initExtra: option({
      type: t.lines,
      default: "",
      description: "Shell commands run in the X session script, before the window manager.",
    }),
    importedVariables: option({
      type: t.listOf(new TsType<string>((ms) => ms.types.strMatching("[a-zA-Z_][a-zA-Z0-9_]*"))),
      apply: (v: readonly string[]) => unique(v),
      example: ["GDK_PIXBUF_ICON_LOADER"],
      visible: false,
      description: "Environment variables handed to the systemd user session, for graphical services.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "xsession", pkgs, libCall(lib, "platforms.linux"))],
      "xsession.importedVariables": () => SESSION_VARIABLES,
      "systemd.user.services": () => {
        const keyboard = config.get("home.keyboard") as Keyboard | null;
        if (keyboard === null) return {};
        const xplugrc = nixToString(callFn(pkgs.writeShellScript, "xplugrc", XPLUGRC));
        const graphical = { After: ["graphical-session-pre.target"], PartOf: ["graphical-session.target"] };
        const install = { WantedBy: ["graphical-session.target"] };
        return {
          setxkbmap: {
            Unit: { Description: "Set up keyboard in X", ...graphical },
            Install: install,
            Service: {
              Type: "oneshot",
              RemainAfterExit: true,
              ExecStart: `${nixToString(libCall(lib, "getExe", pkgs.setxkbmap))} ${setxkbmapArgs(keyboard)}`,
            },
          },
          xplugd: {
            Unit: { Description: "Rerun setxkbmap.service when I/O is changed", ...graphical },
            Install: install,
            Service: { Type: "forking", Restart: "on-failure", ExecStart: `${nixToString(pkgs.xplugd!)}/bin/xplugd ${xplugrc}` },
          },
        };
      },
      "systemd.user.targets": () => {
        const autostart = isDeclared(arg("options"), "xdg.autostart.enable") && config.bool("xdg.autostart.enable");
        return {
          "hm-graphical-session": {
            Unit: {
              Description: "Home Manager X session",
              Requires: [...(autostart ? ["xdg-desktop-autostart.target"] : []), "graphical-session-pre.target"],
              BindsTo: ["graphical-session.target", "tray.target"],
            },
          },
          tray: cfg.trayTarget as JsValue,
        };
      },
      "home.file": () => ({
        [cfg.profilePath]: { text: xprofileText(config.str("home.profileDirectory"), cfg.importedVariables, cfg.profileExtra) },
        [cfg.scriptPath]: {
          executable: true,
          text: xsessionText(
            `${config.str("home.homeDirectory")}/${cfg.profilePath}`,
            cfg.importedVariables,
            cfg.initExtra,
            cfg.windowManager.command,
          ),
        },
      }),
    }),
});
