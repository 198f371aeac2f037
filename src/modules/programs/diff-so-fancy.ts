/**
 * `programs.diff-so-fancy`: the diff-so-fancy colorizer. Installs
 * `pkgs.diff-so-fancy`; with git integration, turns git on (by default),
 * makes `diff-so-fancy | less <pagerOpts>` git's pager for diff, log and
 * show and `diff-so-fancy --patch` its interactive diff filter, and writes
 * `settings` as git's `[diff-so-fancy]` section. Keeps the old
 * `programs.git.diff-so-fancy.*` and top-level setting options as renames.
 */
import { defineModule, mkDefault, mkEnableOption, mkIf, mkMerge, option, t, type AttrsView } from "../../module-system/index.js";
import { escapeShellArg, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/diff-so-fancy.ts";

/** Settings that used to be options of their own. */
const RENAMED_SETTINGS = ["markEmptyLines", "changeHunkIndicators", "stripLeadingSymbols", "useUnicodeRuler", "rulerWidth"];

function makeDiffSoFancy() {
  return defineModule({
    file: FILE,
    path: "programs.diff-so-fancy",
    options: {
      enable: mkEnableOption("diff-so-fancy, a diff colorizer"),
      pagerOpts: option({
        type: t.listOf(t.str),
        default: ["--tabs=4", "-RFX"],
        description: "Arguments for `less`, which pages diff-so-fancy's output.",
      }),
      settings: option({
        type: t.attrsOf(t.either(t.str, t.either(t.bool, t.int))),
        default: {},
        example: { markEmptyLines: true, changeHunkIndicators: true, rulerWidth: 80 },
        description:
          "diff-so-fancy's settings, written to git's `[diff-so-fancy]` section " +
          "(see https://github.com/so-fancy/diff-so-fancy#configuration).",
      }),
      enableGitIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make diff-so-fancy git's pager for diff, log and show, and its interactive diff filter.",
      }),
    },
    config: ({ cfg, pkgs, arg }) => {
      const dsf = () => `${nixToString(pkgs["diff-so-fancy"] as AttrsView)}/bin/diff-so-fancy`;
      const pager = () => `${dsf()} | ${nixToString(pkgs.less as AttrsView)}/bin/less ${cfg.pagerOpts.map(escapeShellArg).join(" ")}`;
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [pkgs["diff-so-fancy"]],
          ...legacyIntegration(
            () => arg("options"),
            "diff-so-fancy",
            "enableGitIntegration",
            () => cfg.enableGitIntegration,
          ),
        }),
        mkIf(() => cfg.enable && cfg.enableGitIntegration, {
          "programs.git.enable": () => mkDefault(true),
          "programs.git.iniContent": () => ({
            pager: { diff: pager(), log: pager(), show: pager() },
            interactive: { diffFilter: `${dsf()} --patch` },
            "diff-so-fancy": cfg.settings,
          }),
        }),
      ]);
    },
  });
}

/** The module, with the old option names renamed. */
export const diffSoFancyModule = perEvaluation(FILE, (a: EvalArgs) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makeDiffSoFancy().value,
  ...renames(a.lib, [
    ["programs.git.diff-so-fancy.enable", "programs.diff-so-fancy.enable"],
    ["programs.git.diff-so-fancy.pagerOpts", "programs.diff-so-fancy.pagerOpts"],
    ...RENAMED_SETTINGS.map((s) => [`programs.diff-so-fancy.${s}`, `programs.diff-so-fancy.settings.${s}`] as const),
    ...RENAMED_SETTINGS.map((s) => [`programs.git.diff-so-fancy.${s}`, `programs.diff-so-fancy.settings.${s}`] as const),
  ]),
]);
