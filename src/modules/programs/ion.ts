/**
 * `programs.ion`: the Ion shell. Installs `package` and writes
 * `$XDG_CONFIG_HOME/ion/initrc`: a `# Aliases` header, one
 * `alias NAME = VALUE` line per entry of `shellAliases` (in attribute-name
 * order, the value shell-quoted), a blank line, then `initExtra` (which
 * other modules, such as starship and eza, extend).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { escapeShellArg } from "../module-kit.js";

const FILE = "modules/programs/ion.ts";

/** The text of `initrc` for these aliases and extra lines. */
export function ionInitrc(aliases: Readonly<Record<string, string>>, initExtra: string): string {
  const lines = Object.keys(aliases)
    .sort()
    .map((name) => `alias ${name} = ${escapeShellArg(aliases[name]!)}`);
  return `# Aliases\n${lines.join("\n")}\n\n${initExtra}\n`;
}

export const ionModule = defineModule({
  file: FILE,
  path: "programs.ion",
  options: {
    enable: mkEnableOption("the Ion Shell. Compatible with Redox and Linux"),
    package: mkPackageOption("ion"),
    initExtra: option({
      type: t.lines,
      default: "",
      description: "Ion commands run when the shell starts (after the aliases).",
    }),
    shellAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { g: "git" },
      description: "Aliases defined in every Ion shell: each name is mapped to the command it stands for.",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      'xdg.configFile."ion/initrc".text': () => ionInitrc(cfg.shellAliases, cfg.initExtra),
    }),
});
