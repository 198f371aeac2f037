/**
 * `services.gpg-agent`: the GnuPG agent as socket-activated systemd user
 * units, as Home Manager writes them: `gpg-agent.conf` in the GnuPG home
 * (`programs.gpg.homedir`), `sshcontrol` when `sshKeys` is set, the
 * `gpg-agent` service and its `gpg-agent`, `gpg-agent-ssh` and
 * `gpg-agent-extra` sockets. Socket paths mimic `gpgconf --list-dirs`
 * (`%t/gnupg/…`, or `%t/gnupg/d.<hash>/…` for a home other than the default,
 * the hash being GnuPG's z-base-32 of the SHA-1 of the home's path). SSH
 * support enables `sshAuthSock` with the gpgconf-based initialisation.
 * The shell integrations set `GPG_TTY` in Bash, Zsh, fish and Nushell (and,
 * with SSH support, tell the agent the current terminal). launchd (Darwin)
 * agents are not made.
 */
import { createHash } from "node:crypto";
import { defineModule, mkEnableOption, mkIf, mkOptionDefault, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { libCall, nixToString, perEvaluation } from "../module-kit.js";
import { toNix } from "../../module-system/index.js";

const FILE = "modules/services/gpg-agent.ts";

/** GnuPG's z-base-32 alphabet. */
const ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

/** The hex digest as z-base-32, four bits at a time, exactly as Home Manager's conversion does it. */
export function hexToZBase32(hex: string): string {
  let ret = "";
  let buf = 0;
  let bufBits = 0;
  for (const c of hex.toLowerCase()) {
    const next = buf * 16 + parseInt(c, 16);
    const nextBits = bufBits + 4;
    const extra = nextBits - 5;
    if (bufBits >= 5) {
      ret += ZBASE32[Math.floor(next / 2 ** extra)]!;
      buf = next % 2 ** extra;
      bufBits = nextBits - 5;
    } else {
      buf = next;
      bufBits = nextBits;
    }
  }
  return ret;
}

/** Where `gpgconf --list-dirs` puts a socket for this GnuPG home (`%t` = the runtime directory). */
export function gpgSocketPath(homedir: string, defaultHomedir: string, name: string, darwin = false): string {
  const hash = hexToZBase32(createHash("sha1").update(homedir).digest("hex")).slice(0, 24);
  const sub = homedir === defaultHomedir ? name : `d.${hash}/${name}`;
  return darwin ? `/private/var/run/org.nix-community.home.gpg-agent/${sub}` : `%t/gnupg/${sub}`;
}

function socketUnit(listen: string, description: string, docs: string, fdName: string): Record<string, JsValue> {
  return {
    Unit: { Description: description, Documentation: docs },
    Socket: {
      ListenStream: listen,
      FileDescriptorName: fdName,
      Service: "gpg-agent.service",
      SocketMode: "0600",
      DirectoryMode: "0700",
    },
    Install: { WantedBy: ["sockets.target"] },
  };
}

/** The interactive-shell snippet of each shell: `GPG_TTY`, then with SSH support the `updatestartuptty` call. */
export function shellInitTexts(gpgPkg: string, sshSupport: boolean): { bash: string; zsh: string; fish: string; nushell: string } {
  const update = `${gpgPkg}/bin/gpg-connect-agent --quiet updatestartuptty /bye`;
  const ssh = (sink: string) => (sshSupport ? `${update} ${sink}\n` : "");
  return {
    bash: `GPG_TTY="$(tty)"\nexport GPG_TTY\n${ssh("> /dev/null")}`,
    zsh: `export GPG_TTY=$TTY\n${ssh("> /dev/null")}`,
    fish: `set -gx GPG_TTY (tty)\n${ssh("> /dev/null")}`,
    nushell: `$env.GPG_TTY = (tty)\n${ssh("| ignore")}`,
  };
}

/** `gpg-agent.conf`: one directive a line, then `extraConfig`, joined by newlines. */
export function agentConfText(c: {
  enableSshSupport: boolean;
  grabKeyboardAndMouse: boolean;
  enableScDaemon: boolean;
  noAllowExternalCache: boolean;
  defaultCacheTtl: number | null;
  defaultCacheTtlSsh: number | null;
  maxCacheTtl: number | null;
  maxCacheTtlSsh: number | null;
  pinentry: string | null;
  extraConfig: string;
}): string {
  const lines: string[] = [];
  if (c.enableSshSupport) lines.push("enable-ssh-support");
  if (c.grabKeyboardAndMouse) lines.push("grab");
  if (!c.enableScDaemon) lines.push("disable-scdaemon");
  if (c.noAllowExternalCache) lines.push("no-allow-external-cache");
  if (c.defaultCacheTtl !== null) lines.push(`default-cache-ttl ${c.defaultCacheTtl}`);
  if (c.defaultCacheTtlSsh !== null) lines.push(`default-cache-ttl-ssh ${c.defaultCacheTtlSsh}`);
  if (c.maxCacheTtl !== null) lines.push(`max-cache-ttl ${c.maxCacheTtl}`);
  if (c.maxCacheTtlSsh !== null) lines.push(`max-cache-ttl-ssh ${c.maxCacheTtlSsh}`);
  if (c.pinentry !== null) lines.push(`pinentry-program ${c.pinentry}`);
  lines.push(c.extraConfig);
  return lines.join("\n");
}

const ttl = (what: string) =>
  option({ type: t.nullOr(t.int), default: null, description: `${what}, in seconds; null leaves gpg-agent's own default.` });

const bool = (dflt: boolean, description: string) => option({ type: t.bool, default: dflt, description });

const integration = (shell: string) =>
  option({
    type: t.bool,
    default: (a) =>
      ((a.arg("config") as AttrsView).home as { shell: Readonly<Record<string, boolean>> }).shell[`enable${shell}Integration`]!,
    defaultText: `config.home.shell.enable${shell}Integration`,
    example: false,
    description: `Whether to enable ${shell} integration (sets \`GPG_TTY\`; with SSH support, tells the agent the current terminal).`,
  });

const gpgAgent = defineModule({
  file: FILE,
  path: "services.gpg-agent",
  options: {
    enable: mkEnableOption("the GnuPG private key agent"),
    defaultCacheTtl: ttl("How long a cache entry stays valid after its last use"),
    defaultCacheTtlSsh: ttl("How long a cache entry for an SSH key stays valid after its last use"),
    maxCacheTtl: ttl("How long a cache entry stays valid at most, used or not"),
    maxCacheTtlSsh: ttl("How long a cache entry for an SSH key stays valid at most, used or not"),
    enableSshSupport: bool(false, "Whether the agent also serves SSH keys, standing in for ssh-agent."),
    sshKeys: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      description: "Keygrips of the GnuPG keys offered as SSH keys (written to `sshcontrol`).",
    }),
    enableExtraSocket: bool(false, "Whether to open the restricted extra socket, as used to forward the agent."),
    verbose: bool(false, "Whether the agent logs verbosely."),
    grabKeyboardAndMouse: bool(
      true,
      "Whether pinentry grabs keyboard and mouse while asking, against snooping by other X clients. When false, `no-grab` is in effect.",
    ),
    enableScDaemon: bool(true, "Whether the agent uses scdaemon for smartcards. When false, `disable-scdaemon` is written."),
    noAllowExternalCache: bool(
      false,
      "Whether pinentry is told not to use an external passphrase cache (such as a desktop keyring) and to always ask.",
    ),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "allow-emacs-pinentry\nallow-loopback-pinentry\n",
      description: "Lines added at the end of `gpg-agent.conf`.",
    }),
    pinentry: {
      package: option({
        type: t.nullOr(t.package),
        default: null,
        defaultText: "null",
        example: "pkgs.pinentry-gnome3",
        description: "The pinentry package. When set, `pinentry-program` in `gpg-agent.conf` names its `program`.",
      }),
      program: option({
        type: t.nullOr(t.str),
        example: "pinentry-wayprompt",
        description: "The program of `pinentry.package` to run; by default the package's main program.",
      }),
    },
    enableBashIntegration: integration("Bash"),
    enableFishIntegration: integration("Fish"),
    enableNushellIntegration: integration("Nushell"),
    enableZshIntegration: integration("Zsh"),
  },
  config: ({ cfg, config, pkgs, arg }) => {
    const gpgPkg = () => nixToString(config.get("programs.gpg.package"));
    const homedir = () => config.str("programs.gpg.homedir");
    const shellInit = () => shellInitTexts(gpgPkg(), cfg.enableSshSupport);
    const listen = (name: string) => {
      const opts = arg("options") as { programs: { gpg: { homedir: { default: JsValue } } } };
      const darwin = ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      return gpgSocketPath(homedir(), nixToString(opts.programs.gpg.homedir.default), name, darwin);
    };
    return mkIf(() => cfg.enable, {
      "services.gpg-agent.pinentry.program": () => {
        const p = cfg.pinentry.package;
        const main = p === null ? undefined : ((p.meta as AttrsView | undefined)?.mainProgram as string | undefined);
        return mkOptionDefault(main ?? "pinentry");
      },
      "home.file": () => {
        const p = cfg.pinentry.package;
        const conf = agentConfText({ ...cfg, pinentry: p === null ? null : `${nixToString(p)}/bin/${cfg.pinentry.program ?? ""}` });
        const files: Record<string, JsValue> = { [`${homedir()}/gpg-agent.conf`]: { text: conf } };
        if (cfg.sshKeys !== null) files[`${homedir()}/sshcontrol`] = { text: cfg.sshKeys.map((k) => `${k}\n`).join("") };
        return files;
      },
      sshAuthSock: () =>
        mkIf(cfg.enableSshSupport, {
          enable: true,
          initialization: {
            bash:
              "unset SSH_AGENT_PID\n" +
              'if [ "${gnupg_SSH_AUTH_SOCK_by:-0}" -ne $$ ]; then\n' +
              `  export SSH_AUTH_SOCK="$(${gpgPkg()}/bin/gpgconf --list-dirs agent-ssh-socket)"\n` +
              "fi\n",
            fish:
              "set -e SSH_AGENT_PID\n\nbegin\n  set -l gnupg_val 0\n  if set -q gnupg_SSH_AUTH_SOCK_by\n" +
              "    set gnupg_val $gnupg_SSH_AUTH_SOCK_by\n  end\n\n  if test $gnupg_val -ne %self\n" +
              `    set -x SSH_AUTH_SOCK (${gpgPkg()}/bin/gpgconf --list-dirs agent-ssh-socket)\n  end\nend\n`,
            nushell: `$env.SSH_AUTH_SOCK = $"(${gpgPkg()}/bin/gpgconf --list-dirs agent-ssh-socket)"\n`,
          },
          systemd: { socketProviderUnit: "gpg-agent-ssh.socket" },
        }),
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, shellInit().bash),
      "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, shellInit().zsh),
      "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, shellInit().fish),
      "programs.nushell.extraConfig": () => mkIf(cfg.enableNushellIntegration, shellInit().nushell),
      "systemd.user.services": () => ({
        "gpg-agent": {
          Unit: {
            Description: "GnuPG cryptographic agent and passphrase cache",
            Documentation: "man:gpg-agent(1)",
            Requires: "gpg-agent.socket",
            After: "gpg-agent.socket",
            RefuseManualStart: true,
          },
          Service: {
            ExecStart: `${gpgPkg()}/bin/gpg-agent --supervised${cfg.verbose ? " --verbose" : ""}`,
            ExecReload: `${gpgPkg()}/bin/gpgconf --reload gpg-agent`,
            Environment: [`GNUPGHOME=${homedir()}`],
          },
        },
      }),
      "systemd.user.sockets": () => {
        const sockets: Record<string, JsValue> = {
          "gpg-agent": socketUnit(listen("S.gpg-agent"), "GnuPG cryptographic agent and passphrase cache", "man:gpg-agent(1)", "std"),
        };
        if (cfg.enableSshSupport)
          sockets["gpg-agent-ssh"] = socketUnit(
            listen("S.gpg-agent.ssh"),
            "GnuPG cryptographic agent (ssh-agent emulation)",
            "man:gpg-agent(1) man:ssh-add(1) man:ssh-agent(1) man:ssh(1)",
            "ssh",
          );
        if (cfg.enableExtraSocket)
          sockets["gpg-agent-extra"] = socketUnit(
            listen("S.gpg-agent.extra"),
            "GnuPG cryptographic agent and passphrase cache (restricted)",
            "man:gpg-agent(1) man:ssh(1)",
            "extra",
          );
        return sockets;
      },
    });
  },
});

/** The module, with Home Manager's renamed `pinentryPackage` and removed `pinentryFlavor`. */
export const gpgAgentModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(a.lib, "mkRemovedOptionModule", ["services", "gpg-agent", "pinentryFlavor"], "Use services.gpg-agent.pinentryPackage instead"),
  ),
  toNix(
    libCall(a.lib, "mkRenamedOptionModule", ["services", "gpg-agent", "pinentryPackage"], ["services", "gpg-agent", "pinentry", "package"]),
  ),
  gpgAgent.value,
]);
