/**
 * `sshAuthSock`: set `SSH_AUTH_SOCK` for the session unless an agent was
 * forwarded over SSH, enabled and filled in by SSH agent modules (such as
 * `services.gpg-agent`). It writes the `set-SSH_AUTH_SOCK` systemd user
 * service, which runs the Bash initialisation and hands the variable to
 * systemd and D-Bus, exactly as Home Manager does. The shell snippets, each
 * wrapped so a forwarded agent is kept, go early (order 900) into the Bash
 * and Zsh profiles, `.zshenv` for non-login Zsh, fish's `shellInit` and
 * Nushell's `config.nu`.
 */
import { defineModule, option, t, mkIf, mkOrder } from "../../module-system/index.js";
import { callFn, nixToString } from "../module-kit.js";

const FILE = "modules/misc/ssh-auth-sock.ts";

/** Every non-empty line indented by two spaces; the final newline dropped (Home Manager's `indentNonEmptyLines`). */
export function indentNonEmptyLines(code: string): string {
  const joined = code
    .split("\n")
    .map((l) => (l === "" ? "" : `  ${l}`))
    .map((l) => `${l}\n`)
    .join("");
  return joined.endsWith("\n") ? joined.slice(0, -1) : joined;
}

/** The POSIX-shell wrapper keeping a forwarded agent's socket. */
export function shIntegration(code: string): string {
  return `if [ -z "$SSH_AUTH_SOCK" -o -z "$SSH_CONNECTION" ]; then\n${indentNonEmptyLines(code)}\nfi\n`;
}

/** The fish wrapper keeping a forwarded agent's socket. */
export function fishIntegration(code: string): string {
  return `if test -z "$SSH_AUTH_SOCK"; or test -z "$SSH_CONNECTION"\n${indentNonEmptyLines(code)}\nend\n`;
}

/** The Nushell wrapper keeping a forwarded agent's socket. */
export function nushellIntegration(code: string): string {
  const unsetOrEmpty = (v: string) => `("${v}" not-in $env) or ($env.${v} | is-empty)`;
  return `if ${unsetOrEmpty("SSH_AUTH_SOCK")} or ${unsetOrEmpty("SSH_CONNECTION")} {\n${indentNonEmptyLines(code)}\n}\n`;
}

const init = (shell: string, example: string) =>
  option({ type: t.str, example, description: `The ${shell} code that sets \`SSH_AUTH_SOCK\`.` });

export const sshAuthSockModule = defineModule({
  file: FILE,
  path: "sshAuthSock",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      example: true,
      description:
        "Whether to set `SSH_AUTH_SOCK` in shells, in systemd and in the D-Bus daemon, unless it comes from SSH agent " +
        "forwarding. SSH agent modules usually turn this on and configure it.",
    }),
    initialization: {
      bash: init("Bash", "export SSH_AUTH_SOCK=$HOME/.ssh/agent.sock"),
      fish: init("Fish", "set -x SSH_AUTH_SOCK $HOME/.ssh/agent.sock"),
      nushell: init("Nushell", "$env.SSH_AUTH_SOCK = ($nu.home-dir | path join .ssh agent.sock)"),
      zsh: option({
        type: t.str,
        default: (a) => (a.arg("config") as { sshAuthSock: { initialization: { bash: string } } }).sshAuthSock.initialization.bash,
        defaultText: "config.sshAuthSock.initialization.bash",
        example: "export SSH_AUTH_SOCK=$HOME/.ssh/agent.sock",
        description: "The Zsh code that sets `SSH_AUTH_SOCK`.",
      }),
    },
    systemd: {
      socketProviderUnit: option({
        type: t.str,
        example: "ssh-agent.service",
        description: "The systemd unit that provides the agent socket; services needing the agent can order themselves after it.",
      }),
    },
  },
  config: ({ cfg, pkgs }) =>
    mkIf(() => cfg.enable, {
      "programs.bash.profileExtra": () => mkOrder(900, shIntegration(cfg.initialization.bash)),
      "programs.fish.shellInit": () => mkOrder(900, fishIntegration(cfg.initialization.fish)),
      "programs.nushell.extraConfig": () => mkOrder(900, nushellIntegration(cfg.initialization.nushell)),
      "programs.zsh.envExtra": () =>
        mkOrder(900, `if [[ ! -o login ]]; then\n${indentNonEmptyLines(shIntegration(cfg.initialization.zsh))}\nfi\n`),
      "programs.zsh.profileExtra": () => mkOrder(900, shIntegration(cfg.initialization.zsh)),
      "systemd.user.services": () => {
        const provider = cfg.systemd.socketProviderUnit;
        const ordered = provider.endsWith(".socket") ? [] : [provider];
        const script = `${shIntegration(cfg.initialization.bash)}\n${nixToString(pkgs.dbus!)}/bin/dbus-update-activation-environment --systemd SSH_AUTH_SOCK\n`;
        return {
          "set-SSH_AUTH_SOCK": {
            Unit: { Description: "Sets SSH_AUTH_SOCK in the D-BUS daemon and systemd", Before: ordered },
            Service: { Type: "oneshot", ExecStart: nixToString(callFn(pkgs.writeShellScript, "set-SSH_AUTH_SOCK", script)) },
            Install: { WantedBy: ["default.target", ...ordered] },
          },
        };
      },
    }),
});
