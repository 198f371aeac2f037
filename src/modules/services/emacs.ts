/**
 * `services.emacs`: the Emacs daemon as a systemd user service, as Home
 * Manager writes it (`emacs.service`, run through a login shell so Emacs
 * gets the user's environment; with `socketActivation`, `emacs.socket` at
 * `%t/emacs/server`, and for Emacs older than 28 the read-only socket
 * directory workaround), an `emacsclient.desktop` entry (`client.enable`),
 * and `EDITOR`/`VISUAL` (`defaultEditor`). The Emacs is
 * `programs.emacs.finalPackage` when that module is on. launchd (Darwin)
 * agents are not made.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString } from "../module-kit.js";

const FILE = "modules/services/emacs.ts";
const SOCKET_DIR = "%t/emacs";
const SOCKET_PATH = `${SOCKET_DIR}/server`;
const DOCS = "info:emacs man:emacs(1) https://gnu.org/software/emacs/";

export const servicesEmacsModule = defineModule({
  file: FILE,
  path: "services.emacs",
  options: {
    enable: mkEnableOption("the Emacs daemon"),
    package: option({
      type: t.package,
      default: (a) => {
        const emacs = ((a.arg("config") as AttrsView).programs as AttrsView).emacs as AttrsView;
        return (emacs.enable === true ? emacs.finalPackage : a.pkgs.emacs) as AttrsView;
      },
      defaultText: "if config.programs.emacs.enable then config.programs.emacs.finalPackage else pkgs.emacs",
      description: "The Emacs the daemon runs.",
    }),
    extraOptions: option({
      type: t.listOf(t.str),
      default: [],
      example: ["-f", "exwm-enable"],
      description: "More command-line arguments for `emacs --fg-daemon`.",
    }),
    client: {
      enable: mkEnableOption("a desktop entry for the Emacs client"),
      arguments: option({
        type: t.listOf(t.str),
        default: ["-c"],
        description: "Command-line arguments of `emacsclient` in the desktop entry.",
      }),
    },
    socketActivation: {
      enable: mkEnableOption("starting the Emacs daemon on first use of its socket (systemd socket activation)"),
    },
    startWithUserSession: option({
      type: t.either(t.bool, t.enum(["graphical"] as const)),
      default: (a) => !((((a.arg("config") as AttrsView).services as AttrsView).emacs as AttrsView).socketActivation as AttrsView).enable,
      defaultText: "!config.services.emacs.socketActivation.enable",
      example: "graphical",
      description:
        "When the daemon starts: with the user session (`true`, wanted by `default.target`), with the graphical session " +
        '(`"graphical"`, wanted by `graphical-session.target`), or only on demand (`false`).',
    }),
    defaultEditor: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether `EDITOR` and `VISUAL` run `emacsclient` (opening a new frame when given no file).",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const bin = () => `${nixToString(cfg.package)}/bin`;
    const oldEmacs = () => libCall(lib, "versionOlder", libCall(lib, "getVersion", cfg.package), "28") === true;
    const workaround = () => oldEmacs() && cfg.socketActivation.enable;
    const graphical = () => cfg.startWithUserSession === "graphical";
    return mkIf(() => cfg.enable, {
      "home.sessionVariables": () => {
        const script = `exec ${nixToString(libCall(lib, "getBin", cfg.package))}/bin/emacsclient "\${@:---create-frame}"`;
        const editor = nixToString(libCall(lib, "getBin", callFn(pkgs.writeShellScript, "editor", script)));
        return mkIf(cfg.defaultEditor, { EDITOR: editor, VISUAL: editor });
      },
      "home.packages": () => {
        const isLinux = ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true;
        if (!(cfg.client.enable && isLinux)) return [];
        const ini = libCall(
          lib,
          "generators.toINI",
          {},
          {
            "Desktop Entry": {
              Type: "Application",
              Exec: `${bin()}/emacsclient ${cfg.client.arguments.join(" ")} %F`,
              Terminal: false,
              Name: "Emacs Client",
              Icon: "emacs",
              Comment: "Edit text",
              GenericName: "Text Editor",
              MimeType:
                "text/english;text/plain;text/x-makefile;text/x-c++hdr;text/x-c++src;text/x-chdr;text/x-csrc;text/x-java;" +
                "text/x-moc;text/x-pascal;text/x-tcl;text/x-tex;application/x-shellscript;text/x-c;text/x-c++;",
              Categories: "Development;TextEditor;",
              Keywords: "Text;Editor;",
              StartupWMClass: oldEmacs() ? "Emacs" : "Emacsd",
            },
          },
        );
        return [libCall(lib, "hiPrio", callFn(pkgs.writeTextDir, "share/applications/emacsclient.desktop", ini))];
      },
      "systemd.user.services": () => {
        const daemonArg = cfg.socketActivation.enable ? `=${escapeShellArg(SOCKET_PATH)}` : "";
        const args = cfg.extraOptions.map(escapeShellArg).join(" ");
        const unit: Record<string, JsValue> = {
          Unit: {
            Description: "Emacs text editor",
            Documentation: DOCS,
            After: graphical() ? ["graphical-session.target"] : [],
            PartOf: graphical() ? ["graphical-session.target"] : [],
            "X-RestartIfChanged": false,
            ...(workaround() ? { RefuseManualStart: true } : {}),
          },
          Service: {
            Type: "notify",
            ExecStart: `${nixToString(pkgs.runtimeShell!)} -l -c "${bin()}/emacs --fg-daemon${daemonArg} ${args}"`,
            SuccessExitStatus: 15,
            Restart: "on-failure",
            ...(workaround()
              ? {
                  ExecStartPost: `${nixToString(pkgs.coreutils!)}/bin/chmod --changes -w ${SOCKET_DIR}`,
                  ExecStopPost: `${nixToString(pkgs.coreutils!)}/bin/chmod --changes +w ${SOCKET_DIR}`,
                }
              : {}),
          },
        };
        if (cfg.startWithUserSession !== false)
          unit.Install = { WantedBy: [cfg.startWithUserSession === true ? "default.target" : "graphical-session.target"] };
        return { emacs: unit };
      },
      "systemd.user.sockets": () =>
        mkIf(cfg.socketActivation.enable, {
          emacs: {
            Unit: { Description: "Emacs text editor", Documentation: DOCS },
            Socket: {
              ListenStream: SOCKET_PATH,
              FileDescriptorName: "server",
              SocketMode: "0600",
              DirectoryMode: "0700",
              FlushPending: true,
            },
            Install: { WantedBy: ["sockets.target"], RequiredBy: ["emacs.service"] },
          },
        }),
    });
  },
});
