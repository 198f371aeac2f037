/**
 * `programs.autojump`: the autojump directory jumper. Installs `package` and
 * sources its shell script from each shell whose integration is on: Bash
 * (early, `mkBefore`), Zsh and fish (interactive start).
 */
import { defineModule, mkBefore, mkEnableOption, mkIf, mkPackageOption } from "../../module-system/index.js";
import { nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/autojump.ts";

export const autojumpModule = defineModule({
  file: FILE,
  path: "programs.autojump",
  options: {
    enable: mkEnableOption("autojump"),
    package: mkPackageOption("autojump"),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableZshIntegration: integrationOption("Zsh"),
  },
  config: ({ cfg }) => {
    const source = (shell: string) => `. ${nixToString(cfg.package)}/share/autojump/autojump.${shell}\n`;
    return mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, mkBefore(source("bash"))),
      "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, source("zsh")),
      "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, source("fish")),
    });
  },
});
