/**
 * `programs.nix-index`: nix-index, a database of the files in nixpkgs, and
 * its command-not-found handler. Installs `package` and sources the handler
 * script shipped in the package from Bash and Zsh; fish gets a
 * `fish_command_not_found` event function calling a small bash wrapper
 * script, and Nushell a `command_not_found` hook sourcing the `.nu` version.
 * Each shell only when its integration is on. The Bash and Zsh integrations
 * cannot be combined with `programs.command-not-found` (assertions).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, type AttrsView } from "../../module-system/index.js";
import { callFn, isDeclared, libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/nix-index.ts";

export const nixIndexModule = defineModule({
  file: FILE,
  path: "programs.nix-index",
  options: {
    enable: mkEnableOption("nix-index, a file database for nixpkgs"),
    package: mkPackageOption("nix-index"),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableZshIntegration: integrationOption("Zsh"),
    enableNushellIntegration: integrationOption("Nushell"),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    // programs.command-not-found may be absent from the catalog: then it is off.
    const cnfEnabled = () =>
      isDeclared(arg("options"), "programs.command-not-found.enable") && config.bool("programs.command-not-found.enable");
    const handler = (ext: string) => `${nixToString(cfg.package)}/etc/profile.d/command-not-found.${ext}`;
    const exclusive = (name: string) => ({
      assertion: !(cfg as unknown as Record<string, boolean>)[name] || !cnfEnabled(),
      message: "The 'programs.command-not-found.enable' option is mutually exclusive\n" + `with the 'programs.nix-index.${name}' option.\n`,
    });
    const fishWrapper = () =>
      nixToString(
        callFn(
          pkgs.writeScript,
          "command-not-found",
          `#!${nixToString(pkgs.bash as AttrsView)}/bin/bash\nsource ${handler("sh")}\ncommand_not_found_handle "$@"\n`,
        ),
      );
    return mkIf(() => cfg.enable, {
      assertions: () => [exclusive("enableBashIntegration"), exclusive("enableZshIntegration")],
      "home.packages": () => [cfg.package],
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, `source ${handler("sh")}\n`),
      "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, `source ${handler("sh")}\n`),
      "programs.fish.interactiveShellInit": () =>
        mkIf(
          cfg.enableFishIntegration,
          "function __fish_command_not_found_handler --on-event fish_command_not_found\n" + `    ${fishWrapper()} $argv\nend\n`,
        ),
      "programs.nushell.settings.hooks.command_not_found": () =>
        mkIf(cfg.enableNushellIntegration, libCall(lib, "hm.nushell.mkNushellInline", `source ${handler("nu")}`)),
    });
  },
});
