/**
 * `programs.micro`: the micro text editor. Installs `package` (nullable) and
 * writes `settings` as JSON to `$XDG_CONFIG_HOME/micro/settings.json`
 * (always, `{ }` when there are none).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, formatType, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/micro.ts";

function makeMicro(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.micro",
    options: {
      enable: mkEnableOption("micro, a terminal-based text editor"),
      package: mkPackageOption("micro", { nullable: true }),
      settings: option({
        type: formatType(a, "json"),
        default: {} as JsValue,
        example: { autosu: false, cursorline: false },
        description:
          "micro's options, written as JSON to {file}`$XDG_CONFIG_HOME/micro/settings.json` " +
          "(micro's help lists them: <https://github.com/zyedidia/micro/blob/master/runtime/help/options.md>).",
      }),
    },
    config: ({ cfg }) =>
      mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        'xdg.configFile."micro/settings.json".source': () => callNix(json().generate, "micro-settings", cfg.settings),
      }),
  });
}

/** The module (made per evaluation: `settings` has this evaluation's `pkgs.formats.json` type). */
export const microModule = perEvaluation(FILE, (a) => makeMicro(a));
