/**
 * `nix.buildMachines` and `nix.distributedBuilds`: remote builders for Nix.
 * The machines are written to `$XDG_CONFIG_HOME/nix/machines`, one line
 * each in the format of Nix's `builders` setting (URI, systems, SSH key,
 * jobs, speed factor, supported features, mandatory features and, for Nix
 * 2.4 and later, the public host key; `-` for an empty field). With
 * `distributedBuilds`, `nix.settings.builders` points at that file. The file
 * is written whenever machines are listed, so a configuration may point Nix
 * at it some other way.
 */
import { defineModule, mkIf, option, t } from "../../module-system/index.js";
import { ty } from "../module-kit.js";
import { nixAtLeast } from "./nix.js";

const FILE = "modules/misc/nix-remote-build.ts";

const MACHINES_FILE = "nix/machines";

/** One build machine as the configuration holds it. */
export interface BuildMachine {
  readonly hostName: string;
  readonly protocol: "ssh" | "ssh-ng" | null;
  readonly systems: readonly string[];
  readonly sshUser: string | null;
  readonly sshKey: string | null;
  readonly maxJobs: number;
  readonly speedFactor: number;
  readonly mandatoryFeatures: readonly string[];
  readonly supportedFeatures: readonly string[];
  readonly publicHostKey: string | null;
}

const machineModule = defineModule({
  file: FILE,
  key: `${FILE}#machine`,
  options: {
    hostName: option({ type: t.str, example: "nixbuilder.example.org", description: "The host name of the build machine." }),
    protocol: option({
      type: ty.enumOf([null, "ssh", "ssh-ng"] as const),
      default: "ssh",
      example: "ssh-ng",
      description:
        "How Nix talks to the machine: `ssh-ng` is the newer protocol, when both ends support it; `null` gives no " +
        "protocol prefix (for the special `localhost` builder).",
    }),
    systems: option({
      type: t.listOf(t.str),
      default: [],
      example: ["x86_64-linux", "aarch64-linux"],
      description: "The system types the machine builds for.",
    }),
    sshUser: option({
      type: t.nullOr(t.str),
      default: null,
      example: "builder",
      description: "The user to log in as; it must be able to run Nix non-interactively and be trusted by the remote Nix daemon.",
    }),
    sshKey: option({
      type: t.nullOr(t.str),
      default: null,
      example: "/root/.ssh/id_buildhost_builduser",
      description:
        "The private key (without a passphrase) used to log in, a path on the local file system rather than in the store; " +
        "`null` relies on the SSH configuration of the building user.",
    }),
    maxJobs: option({ type: t.int, default: 1, description: "How many builds the machine runs at once." }),
    speedFactor: option({ type: t.int, default: 1, description: "How fast the machine is compared with the others (higher is faster)." }),
    mandatoryFeatures: option({
      type: t.listOf(t.str),
      default: [],
      example: ["big-parallel"],
      description: "Features a derivation must require for this machine to build it (they count as supported too).",
    }),
    supportedFeatures: option({
      type: t.listOf(t.str),
      default: [],
      example: ["kvm", "big-parallel"],
      description: "Features the machine offers; derivations requiring others are not sent to it.",
    }),
    publicHostKey: option({
      type: t.nullOr(t.str),
      default: null,
      description: "The machine's SSH host key, base64-encoded; `null` uses the usual known-hosts file.",
    }),
  },
});

/** One line of the machines file. */
export function machineLine(m: BuildMachine, withHostKey: boolean): string {
  const uri = `${m.protocol !== null ? `${m.protocol}://` : ""}${m.sshUser !== null ? `${m.sshUser}@` : ""}${m.hostName}`;
  const supported = [...m.supportedFeatures, ...m.mandatoryFeatures];
  const fields = [
    uri,
    m.systems.join(","),
    m.sshKey ?? "-",
    String(m.maxJobs),
    String(m.speedFactor),
    supported.length === 0 ? "-" : supported.join(","),
    m.mandatoryFeatures.length === 0 ? "-" : m.mandatoryFeatures.join(","),
  ];
  if (withHostKey) fields.push(m.publicHostKey ?? "-");
  return fields.join(" ") + "\n";
}

export const nixRemoteBuildModule = defineModule({
  file: FILE,
  path: "nix",
  options: {
    buildMachines: option({
      type: t.listOf(ty.submodule<BuildMachine>(machineModule)),
      default: [],
      description:
        "Machines Nix may build on over SSH when `nix.distributedBuilds` is set: inputs are copied there, built, " +
        "and the results copied back.",
    }),
    distributedBuilds: option({
      type: t.bool,
      default: false,
      description: "Whether Nix sends builds to the machines of `nix.buildMachines`.",
    }),
  },
  config: ({ cfg, config, lib }) =>
    mkIf(() => config.bool("nix.enable"), {
      "xdg.configFile": () => {
        if (cfg.buildMachines.length === 0) return {};
        const withKey = nixAtLeast(lib, config.get("nix.package"), "2.4pre");
        return { [MACHINES_FILE]: { text: cfg.buildMachines.map((m) => machineLine(m, withKey)).join("") } };
      },
      "nix.settings": () => mkIf(cfg.distributedBuilds, { builders: `@${config.str("xdg.configHome")}/${MACHINES_FILE}` }),
    }),
});
