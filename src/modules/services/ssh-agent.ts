/**
 * `services.ssh-agent`: OpenSSH's agent as Home Manager runs it. On Linux a
 * systemd user service starts `ssh-agent -D -a %t/<socket>`; on macOS a
 * launchd agent starts it (through Bash) on a socket in the per-user
 * temporary directory. Either way `sshAuthSock` is enabled with shell code
 * pointing `SSH_AUTH_SOCK` at that socket, and `ssh-agent.service` is named
 * as the socket's provider. The old `enable<Shell>Integration` options are
 * kept as removed options.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
} from "../../module-system/index.js";
import { libCall, nixToString, perEvaluation } from "../module-kit.js";

const FILE = "modules/services/ssh-agent.ts";

const positiveInt = new TsType<number>((ms) => ms.types.ints.positive!);

/** The flags after the socket: `-t <lifetime>` and `-P '<patterns>'` when set. */
export function agentExtraFlags(lifetime: number | null, whitelist: readonly string[]): string {
  return (lifetime !== null ? ` -t ${lifetime}` : "") + (whitelist.length > 0 ? ` -P '${whitelist.join(",")}'` : "");
}

const sshAgent = defineModule({
  file: FILE,
  path: "services.ssh-agent",
  options: {
    enable: mkEnableOption("the OpenSSH private key agent"),
    package: mkPackageOption("openssh"),
    socket: option({
      type: t.str,
      default: "ssh-agent",
      example: "ssh-agent/socket",
      description:
        "Where the agent listens, relative to `$XDG_RUNTIME_DIR` on Linux and to " + "`$(getconf DARWIN_USER_TEMP_DIR)` on macOS.",
    }),
    defaultMaximumIdentityLifetime: option({
      type: t.nullOr(positiveInt),
      default: null,
      example: 3600,
      description: "The default upper bound, in seconds, on how long an identity added to the agent stays there (`-t`).",
    }),
    pkcs11Whitelist: option({
      type: t.listOf(t.str),
      default: [],
      example: ["${pkgs.tpm2-pkcs11}/lib/*"],
      description:
        "Path patterns of the PKCS#11 and FIDO middleware libraries the agent accepts from `ssh-add -s`/`-S` " +
        "(the agent's `-P` flag; see ssh-agent(1)).",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const agentBin = () => `${nixToString(cfg.package)}/bin/ssh-agent`;
    const darwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    const getconf = () => nixToString(libCall(lib, "getExe", pkgs.getconf));
    const flags = () => agentExtraFlags(cfg.defaultMaximumIdentityLifetime, cfg.pkcs11Whitelist);
    return mkIf(() => cfg.enable, {
      sshAuthSock: () => {
        const path = darwin() ? `$(${getconf()} DARWIN_USER_TEMP_DIR)/${cfg.socket}` : `$XDG_RUNTIME_DIR/${cfg.socket}`;
        const nuPath = darwin() ? `$"(${getconf()} DARWIN_USER_TEMP_DIR)/${cfg.socket}"` : `$"($env.XDG_RUNTIME_DIR)/${cfg.socket}"`;
        return {
          enable: true,
          initialization: {
            bash: `export SSH_AUTH_SOCK="${path}"`,
            fish: `set -x SSH_AUTH_SOCK "${path}"`,
            nushell: `$env.SSH_AUTH_SOCK = ${nuPath}`,
          },
          systemd: { socketProviderUnit: "ssh-agent.service" },
        };
      },
      "systemd.user.services.ssh-agent": () => ({
        Install: { WantedBy: ["default.target"] },
        Unit: { Description: "SSH authentication agent", Documentation: "man:ssh-agent(1)" },
        Service: { ExecStart: `${agentBin()} -D -a %t/${cfg.socket}${flags()}`, SuccessExitStatus: 2 },
      }),
      "launchd.agents.ssh-agent": () => ({
        enable: true,
        config: {
          ProgramArguments: [
            libCall(lib, "getExe", pkgs.bash),
            "-c",
            `${agentBin()} -D -a "$(${getconf()} DARWIN_USER_TEMP_DIR)/${cfg.socket}"${flags()}`,
          ],
          KeepAlive: { Crashed: true, SuccessfulExit: false },
          ProcessType: "Background",
          RunAtLoad: true,
        },
      }),
    });
  },
});

/** The module, with the removed `enable<Shell>Integration` options. */
export const sshAgentModule = perEvaluation(FILE, (a) => [
  ...["Bash", "Zsh", "Fish", "Nushell"].map((shell) =>
    toNix(libCall(a.lib, "mkRemovedOptionModule", ["services", "ssh-agent", `enable${shell}Integration`], "")),
  ),
  sshAgent.value,
]);
