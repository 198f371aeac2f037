/**
 * `programs.keychain`: the keychain front end to ssh-agent and gpg-agent.
 * Installs `package` and evaluates `keychain --eval <flags> <keys>` at shell
 * start in Bash, Zsh, fish and Nushell (each behind its integration switch)
 * and in `~/.xsession`. With a keychain of version 2.9.0 or later, setting
 * the deprecated `agents` or `inheritType` gives Home Manager's warnings.
 */
import { defineModule, mkEnableOption, mkIf, mkMerge, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/keychain.ts";

/** The `keychain --eval …` command line. */
export function keychainCommand(
  pkg: string,
  c: { extraFlags: readonly string[]; agents: readonly string[]; inheritType: string | null; keys: readonly string[] },
): string {
  const flags = [...c.extraFlags];
  if (c.agents.length > 0) flags.push(`--agents ${c.agents.join(",")}`);
  if (c.inheritType !== null) flags.push(`--inherit ${c.inheritType}`);
  return `${pkg}/bin/keychain --eval ${flags.join(" ")} ${c.keys.join(" ")}`;
}

const deprecated = (name: string) =>
  `Option \`programs.keychain.${name}\` is deprecated and will be removed in the future.\n` +
  "Please avoid using it.\n" +
  "See https://github.com/funtoo/keychain/releases/tag/2.9.0 for more information\n";

export const keychainModule = defineModule({
  file: FILE,
  path: "programs.keychain",
  options: {
    enable: mkEnableOption("keychain"),
    package: mkPackageOption("keychain"),
    keys: option({ type: t.listOf(t.str), default: ["id_rsa"], description: "The keys keychain loads into the agent." }),
    agents: option({ type: t.listOf(t.str), default: [], description: "The agents keychain starts (`--agents`)." }),
    inheritType: option({
      type: t.nullOr(t.enum(["local", "any", "local-once", "any-once"])),
      default: null,
      description: "Which agent found in the environment keychain may take over (`--inherit`).",
    }),
    extraFlags: option({ type: t.listOf(t.str), default: ["--quiet"], description: "Further command-line flags for keychain." }),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableNushellIntegration: integrationOption("Nushell"),
    enableZshIntegration: integrationOption("Zsh"),
    enableXsessionIntegration: option({
      type: t.bool,
      default: true,
      description: "Whether keychain is run from `~/.xsession`.",
    }),
  },
  config: ({ cfg, lib }) => {
    const cmd = () => keychainCommand(nixToString(cfg.package), cfg);
    const recent = () => libCall(lib, "versionAtLeast", (cfg.package as AttrsView).version ?? "", "2.9.0") === true;
    return mkIf(() => cfg.enable, {
      warnings: () =>
        mkMerge([
          mkIf(cfg.agents.length > 0 && recent(), [deprecated("agents")]),
          mkIf(cfg.inheritType !== null && recent(), [deprecated("inheritType")]),
        ]),
      "home.packages": () => [cfg.package],
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, `eval "$(SHELL=bash ${cmd()})"\n`),
      "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, `SHELL=fish eval (${cmd()})\n`),
      "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, `eval "$(SHELL=zsh ${cmd()})"\n`),
      "programs.nushell.extraConfig": () =>
        mkIf(
          cfg.enableNushellIntegration,
          `let keychain_shell_command = (SHELL=bash ${cmd()}| parse -r '(\\w+)="?(.*?)"?; export \\1' | transpose -ird)\n` +
            "if not ($keychain_shell_command|is-empty) {\n" +
            "  $keychain_shell_command | load-env\n" +
            "}\n",
        ),
      "xsession.initExtra": () => mkIf(cfg.enableXsessionIntegration, `eval "$(SHELL=bash ${cmd()})"\n`),
    });
  },
});
