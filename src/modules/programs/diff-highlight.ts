/**
 * `programs.diff-highlight`: the diff-highlight script from git's contrib
 * folder. With git integration (which needs `programs.git.package`, an
 * assertion says so), turns git on (by default) and makes
 * `diff-highlight | less <pagerOpts>` git's pager for diff, log and show and
 * diff-highlight its interactive diff filter. Keeps the old
 * `programs.git.diff-highlight.*` options as renames.
 */
import { defineModule, mkDefault, mkIf, mkMerge, option, t, type AttrsView } from "../../module-system/index.js";
import { escapeShellArg, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/diff-highlight.ts";

function makeDiffHighlight(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.diff-highlight",
    options: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether to use the `diff-highlight` script that git ships in its contrib folder.",
      }),
      pagerOpts: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--tabs=4", "-RFX"],
        description: "Arguments for `less`, which pages diff-highlight's output.",
      }),
      enableGitIntegration: option({
        type: t.bool,
        default: false,
        description: "Whether to make diff-highlight git's pager for diff, log and show, and its interactive diff filter.",
      }),
    },
    config: ({ cfg, config, pkgs, arg }) => {
      const gitPackage = () => config.get("programs.git.package");
      const script = () => `${nixToString(gitPackage())}/share/git/contrib/diff-highlight/diff-highlight`;
      const pager = () =>
        `${script()} | ${String(libCall(a.lib, "getExe", pkgs.less as AttrsView))} ${cfg.pagerOpts.map(escapeShellArg).join(" ")}`;
      return mkMerge([
        mkIf(() => cfg.enable, {
          assertions: () => [
            {
              assertion: !cfg.enableGitIntegration || gitPackage() !== null,
              message:
                "programs.diff-highlight.enableGitIntegration requires programs.git.package to be set.\n" +
                "Please set programs.git.package to a valid git package.\n",
            },
          ],
          ...legacyIntegration(
            () => arg("options"),
            "diff-highlight",
            "enableGitIntegration",
            () => cfg.enableGitIntegration,
          ),
        }),
        mkIf(() => cfg.enable && cfg.enableGitIntegration && gitPackage() !== null, {
          "programs.git.enable": () => mkDefault(true),
          "programs.git.iniContent": () => ({
            pager: { diff: pager(), log: pager(), show: pager() },
            interactive: { diffFilter: script() },
          }),
        }),
      ]);
    },
  });
}

/** The module, with the old `programs.git.diff-highlight.*` options renamed. */
export const diffHighlightModule = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makeDiffHighlight(a).value,
  ...renames(a.lib, [
    ["programs.git.diff-highlight.enable", "programs.diff-highlight.enable"],
    ["programs.git.diff-highlight.pagerOpts", "programs.diff-highlight.pagerOpts"],
  ]),
]);
