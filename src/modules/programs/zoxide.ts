/**
 * `programs.zoxide`: the zoxide directory jumper. Installs `package` and
 * runs `zoxide init <shell>` (with the extra `options`) from each shell that
 * has its integration on: Bash (late, order 2000), Zsh (order 851, after
 * completion is set up), fish (interactive start) and Nushell (sourcing a
 * file made at build time by `zoxide init nushell`).
 */
import { defineModule, mkEnableOption, mkIf, mkMerge, mkOrder, mkPackageOption, option, t } from "../../module-system/index.js";
import { callNix, libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/zoxide.ts";

export const zoxideModule = defineModule({
  file: FILE,
  path: "programs.zoxide",
  options: {
    enable: mkEnableOption("zoxide"),
    package: mkPackageOption("zoxide"),
    options: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--no-cmd"],
      description: "Extra command-line arguments of `zoxide init`.",
    }),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableNushellIntegration: integrationOption("Nushell"),
    enableZshIntegration: integrationOption("Zsh"),
  },
  config: ({ cfg, lib, pkgs }) => {
    const exe = () => String(libCall(lib, "getExe", cfg.package));
    const opts = () => cfg.options.join(" ");
    return mkMerge([
      mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, mkOrder(2000, `eval "$(${exe()} init bash ${opts()})"\n`)),
        "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, mkOrder(851, `eval "$(${exe()} init zsh ${opts()})"\n`)),
        "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, `${exe()} init fish ${opts()} | source\n`),
      }),
      // A block of its own, so the init file is made only when the integration is on.
      mkIf(() => cfg.enable && cfg.enableNushellIntegration, {
        "programs.nushell.extraConfig": () => {
          const script = `${exe()} init nushell ${opts()} >> "$out"\n`;
          return `source ${nixToString(callNix(pkgs.runCommand, "zoxide-nushell-config.nu", {}, script))}\n`;
        },
      }),
    ]);
  },
});
