/**
 * `programs.tmux.tmuxinator`: tmuxinator, the tmux session manager, when
 * tmux is on. Installs its `package` and writes each of `projects` as YAML
 * to `$XDG_CONFIG_HOME/tmuxinator/<name>.yml`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { callNix, formatType, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/tmuxinator.ts";

function makeTmuxinator(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const projectType = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.tmux.tmuxinator",
    options: {
      enable: mkEnableOption("tmuxinator"),
      package: mkPackageOption("tmuxinator", { nullable: true }),
      projects: option({
        type: t.attrsOf(projectType),
        default: {},
        example: { myproject: { root: "~/code/myproject", windows: [{ server: "bundle exec rails s" }] } },
        description:
          "tmuxinator projects, one YAML file in `$XDG_CONFIG_HOME/tmuxinator` per attribute " +
          "(format: https://github.com/tmuxinator/tmuxinator).",
      }),
    },
    config: ({ cfg, config }) =>
      mkIf(() => config.bool("programs.tmux.enable") && cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "xdg.configFile": () =>
          Object.fromEntries(
            Object.entries(cfg.projects).map(([k, v]) => [`tmuxinator/${k}.yml`, { source: callNix(yaml().generate, `${k}.yml`, v) }]),
          ),
      }),
  });
}

/** The module (made per evaluation: a project's type is this evaluation's `pkgs.formats.yaml`). */
export const tmuxinatorModule = perEvaluation(FILE, (a) => makeTmuxinator(a));
