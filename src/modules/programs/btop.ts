/**
 * `programs.btop`: the btop resource monitor. Installs `package` (unless
 * null); when `settings` is not empty writes `$XDG_CONFIG_HOME/btop/btop.conf`
 * as `name = value` lines in name order (Booleans `True`/`False`, strings in
 * double quotes, numbers as Nix's `toString` prints them, floats with six
 * decimals), a blank line, then `extraConfig`; and links each of `themes` to
 * `btop/themes/<name>.theme` (a path or store path as given, text through
 * `pkgs.writeText`).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixPath } from "../../nix/values.js";
import { selectPath } from "../../module-system/nix-values.js";
import { callNix, libCall, perEvaluation, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/btop.ts";

type BtopSetting = boolean | number | string;

/** One value as btop.conf spells it; `isFloat` tells a float from an int (the view has plain numbers for both). */
function btopValue(v: BtopSetting, isFloat: boolean): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `"${v}"`;
  return isFloat ? floatToString(v) : String(v);
}

/** The text of btop.conf for `settings` and `extraConfig`; `isFloat` tells which numeric settings are floats. */
export function btopConfigText(
  settings: Readonly<Record<string, BtopSetting>>,
  extraConfig: string,
  isFloat: (name: string) => boolean = () => false,
): string {
  const keys = Object.keys(settings).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs = keys.map((k) => `${k} = ${btopValue(settings[k]!, typeof settings[k] === "number" && isFloat(k))}\n`).join("");
  return `${pairs}\n${extraConfig}\n`;
}

function makeBtop(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.btop",
    options: {
      enable: mkEnableOption("btop"),
      package: mkPackageOption("btop", { nullable: true }),
      settings: option({
        type: t.attrsOf(ty.oneOf<BtopSetting>([t.bool, t.float, t.int, t.str])),
        default: {},
        example: { color_theme: "Default", theme_background: false },
        description: "Settings for {file}`btop.conf`; btop's README lists them (https://github.com/aristocratos/btop#configurability).",
      }),
      themes: option({
        type: t.lazyAttrsOf(t.either(t.path, t.lines)),
        default: {},
        example: "{ my-theme = ''\n  theme[main_bg]=\"#282a36\"\n  theme[main_fg]=\"#f8f8f2\"\n''; }",
        description: "Color themes by name, each a file or the theme's text, linked to {file}`$XDG_CONFIG_HOME/btop/themes/<name>.theme`.",
      }),
      extraConfig: option({
        type: t.lines,
        default: "",
        description: "Lines appended to {file}`btop.conf` after `settings`.",
      }),
    },
    config: ({ cfg, pkgs }) => {
      /** The Nix value of an option below `programs.btop`. */
      const raw = (...path: string[]) => force(selectPath(a.config, ["programs", "btop", ...path]));
      /** A theme that is a file: a path, or a string naming a store path. */
      const isFile = (name: string, text: string) => {
        const v = raw("themes", name);
        return v instanceof NixPath || libCall(a.lib, "isStorePath", text) === true;
      };
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "xdg.configFile": () => {
          const files: Record<string, unknown> = {};
          if (Object.keys(cfg.settings).length > 0)
            files["btop/btop.conf"] = {
              text: btopConfigText(cfg.settings, cfg.extraConfig, (k) => typeof raw("settings", k) === "number"),
            };
          for (const [name, theme] of Object.entries(cfg.themes)) {
            files[`btop/themes/${name}.theme`] = {
              source: isFile(name, theme) ? theme : callNix(pkgs.writeText, "btop-theme.theme", theme),
            };
          }
          return files;
        },
      });
    },
  });
}

/** The module (made per evaluation, to read the Nix values behind `settings` and `themes`). */
export const btopModule = perEvaluation(FILE, (a) => makeBtop(a));
