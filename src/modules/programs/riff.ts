/**
 * `programs.riff`: the riff diff highlighter. Installs `package` (pkgs'
 * `riffdiff`) and puts `commandLineOptions` (joined by spaces) in the `RIFF`
 * variable; with git integration, turns git on (by default) and makes riff
 * git's pager for diff, log and show and its interactive diff filter, named
 * by its bare command. Keeps the old `programs.git.riff.*` options as renames.
 */
import { defineModule, mkDefault, mkIf, mkMerge, mkPackageOption, option, t } from "../../module-system/index.js";
import { libCall, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/riff.ts";

function makeRiff(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.riff",
    options: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether to install the riff diff highlighter (https://github.com/walles/riff).",
      }),
      package: mkPackageOption("riffdiff"),
      commandLineOptions: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--no-adds-only-special"],
        apply: (v: readonly string[]) => v.join(" "),
        description: "Arguments for riff, passed in the `RIFF` environment variable (see `riff --help`).",
      }),
      enableGitIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make riff git's pager for diff, log and show, and its interactive diff filter.",
      }),
    },
    config: ({ cfg, arg }) => {
      const args = () => cfg.commandLineOptions as unknown as string;
      const exe = () =>
        String(libCall(a.lib, "getExe", cfg.package))
          .split("/")
          .pop()!;
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.package],
          "home.sessionVariables": () => mkIf(args() !== "", { RIFF: args() }),
          ...legacyIntegration(
            () => arg("options"),
            "riff",
            "enableGitIntegration",
            () => cfg.enableGitIntegration,
          ),
        }),
        mkIf(() => cfg.enable && cfg.enableGitIntegration, {
          "programs.git.enable": () => mkDefault(true),
          "programs.git.iniContent": () => ({
            pager: { diff: exe(), log: exe(), show: exe() },
            interactive: { diffFilter: `${exe()} --color=on` },
          }),
        }),
      ]);
    },
  });
}

/** The module, with the old `programs.git.riff.*` options renamed. */
export const riffModule = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makeRiff(a).value,
  ...renames(a.lib, [
    ["programs.git.riff.enable", "programs.riff.enable"],
    ["programs.git.riff.package", "programs.riff.package"],
    ["programs.git.riff.commandLineOptions", "programs.riff.commandLineOptions"],
  ]),
]);
