/**
 * `programs.ripgrep`: the ripgrep searcher. Installs `package` (unless null)
 * and, when `arguments` is not empty, writes them one per line to
 * `$XDG_CONFIG_HOME/ripgrep/ripgreprc` and points `RIPGREP_CONFIG_PATH` at
 * that file.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";

const FILE = "modules/programs/ripgrep.ts";

export const ripgrepModule = defineModule({
  file: FILE,
  path: "programs.ripgrep",
  options: {
    enable: mkEnableOption("Ripgrep"),
    package: mkPackageOption("ripgrep", { nullable: true }),
    arguments: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--max-columns-preview", "--colors=line:style:bold"],
      description:
        "Command-line arguments ripgrep reads from its configuration file, one argument per entry, taken as " +
        "written (see ripgrep's GUIDE.md, section on the configuration file).",
    }),
  },
  config: ({ cfg, config }) => {
    const configPath = () => `${config.str("xdg.configHome")}/ripgrep/ripgreprc`;
    return mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "home.file": () => mkIf(cfg.arguments.length > 0, { [configPath()]: { text: cfg.arguments.map((a) => `${a}\n`).join("") } }),
      "home.sessionVariables": () => mkIf(cfg.arguments.length > 0, { RIPGREP_CONFIG_PATH: configPath() }),
    });
  },
});
