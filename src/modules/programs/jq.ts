/**
 * `programs.jq`: the jq JSON processor. Installs `package` (nullable) and,
 * when `colors` is set, exports `JQ_COLORS`: the eight colors joined by `:`
 * in jq's order (null, false, true, numbers, strings, arrays, objects,
 * object keys).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, submoduleOf, t } from "../../module-system/index.js";

const FILE = "modules/programs/jq.ts";

/** The color names, in the order `JQ_COLORS` lists them. */
const COLOR_NAMES = ["null", "false", "true", "numbers", "strings", "arrays", "objects", "objectKeys"] as const;

const colorOption = () => option({ type: t.str, example: "1;31", visible: false, description: "An ANSI color (SGR) sequence." });

const colorsType = submoduleOf(
  Object.fromEntries(COLOR_NAMES.map((n) => [n, colorOption()])) as Record<(typeof COLOR_NAMES)[number], ReturnType<typeof colorOption>>,
  `${FILE}#colors`,
);

export const jqModule = defineModule({
  file: FILE,
  path: "programs.jq",
  options: {
    enable: mkEnableOption("the jq command-line JSON processor"),
    package: mkPackageOption("jq", { nullable: true }),
    colors: option({
      type: t.nullOr(colorsType),
      default: null,
      example: {
        null: "1;30",
        false: "0;31",
        true: "0;32",
        numbers: "0;36",
        strings: "0;33",
        arrays: "1;35",
        objects: "1;37",
        objectKeys: "1;34",
      },
      description:
        "The colors of jq's colored output, each an ANSI color sequence; null keeps jq's defaults. " +
        "See the Colors section of the jq manual (<https://jqlang.github.io/jq/manual/#Colors>).",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "home.sessionVariables": () => {
        const c = cfg.colors;
        return mkIf(c !== null, c === null ? {} : { JQ_COLORS: COLOR_NAMES.map((n) => c[n]).join(":") });
      },
    }),
});
