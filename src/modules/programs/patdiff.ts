/**
 * `programs.patdiff`: Jane Street's patdiff. Installs `package`; with git
 * integration, turns git on (by default) and makes `patdiff-git-wrapper`
 * git's external diff command. Keeps the old `programs.git.patdiff.*`
 * options as renames.
 */
import { defineModule, mkDefault, mkIf, mkMerge, mkPackageOption, option, t } from "../../module-system/index.js";
import { libCall, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/patdiff.ts";

function makePatdiff(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.patdiff",
    options: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether to install the patdiff differ (https://opensource.janestreet.com/patdiff/).",
      }),
      package: mkPackageOption("patdiff"),
      enableGitIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make patdiff git's external diff command.",
      }),
    },
    config: ({ cfg, arg }) =>
      mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.package],
          ...legacyIntegration(
            () => arg("options"),
            "patdiff",
            "enableGitIntegration",
            () => cfg.enableGitIntegration,
          ),
        }),
        mkIf(() => cfg.enable && cfg.enableGitIntegration, {
          "programs.git.enable": () => mkDefault(true),
          "programs.git.iniContent": () => ({
            diff: { external: String(libCall(a.lib, "getExe'", cfg.package, "patdiff-git-wrapper")) },
          }),
        }),
      ]),
  });
}

/** The module, with the old `programs.git.patdiff.*` options renamed. */
export const patdiffModule = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makePatdiff(a).value,
  ...renames(a.lib, [
    ["programs.git.patdiff.enable", "programs.patdiff.enable"],
    ["programs.git.patdiff.package", "programs.patdiff.package"],
  ]),
]);
