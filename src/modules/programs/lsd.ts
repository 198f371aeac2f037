/**
 * `programs.lsd`: lsd, an `ls` with colors and icons. Installs `package`
 * (nullable); writes `settings`, `colors` and `icons` as YAML to
 * `$XDG_CONFIG_HOME/lsd/{config,colors,icons}.yaml` when they are not empty
 * (`colors` and `icons` may also be files, linked as they are); non-empty
 * `colors` switch lsd to its custom theme (`settings.color.theme`). Defines
 * the aliases `ls`, `ll`, `la`, `lt`, `lla`, `llt` in Bash, Zsh and fish
 * (abbreviations when fish prefers them) for shells whose integration is on.
 * The old `enableAliases` is a removed option.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { selectPath } from "../../module-system/nix-values.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/lsd.ts";

/** The aliases, as flags added to the lsd executable. */
const ALIASES: Readonly<Record<string, string>> = {
  ls: "",
  ll: " -l",
  la: " -A",
  lt: " --tree",
  lla: " -lA",
  llt: " -l --tree",
};

const REMOVED_ALIASES =
  "'programs.lsd.enableAliases' has been deprecated and replaced with integration\n" +
  "options per shell, for example, 'programs.lsd.enableBashIntegration'.\n\n" +
  "Note, the default for these options is 'true' so if you want to enable the\n" +
  "aliases you can simply remove 'programs.lsd.enableAliases' from your\n" +
  "configuration.";

function makeLsd(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const yamlType = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.lsd",
    options: {
      enable: mkEnableOption("lsd"),
      package: mkPackageOption("lsd", { nullable: true }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableZshIntegration: integrationOption("Zsh"),
      settings: option({
        type: yamlType,
        default: {} as JsValue,
        example: { date: "relative", "ignore-globs": [".git", ".hg"] },
        description:
          "lsd's settings, written as YAML to {file}`$XDG_CONFIG_HOME/lsd/config.yaml` " +
          "(lsd's README lists them: <https://github.com/lsd-rs/lsd#config-file-content>).",
      }),
      colors: option({
        type: ty.oneOf<JsValue>([yamlType, t.path]),
        default: {} as JsValue,
        example: { size: { none: "grey", small: "yellow", large: "dark_yellow" } },
        description:
          "lsd's color theme, written as YAML (or linked, when a file) to {file}`$XDG_CONFIG_HOME/lsd/colors.yaml`. " +
          'When not empty, `settings.color.theme` becomes `"custom"` so that lsd reads it.',
      }),
      icons: option({
        type: ty.oneOf<JsValue>([yamlType, t.path]),
        default: {} as JsValue,
        example: { name: { ".trash": "" }, filetype: { dir: "📂", file: "📄" } },
        description: "lsd's icon theme, written as YAML (or linked, when a file) to {file}`$XDG_CONFIG_HOME/lsd/icons.yaml`.",
      }),
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const aliases = (): Record<string, string> => {
        const exe = `${nixToString(pkgs.lsd as JsValue)}/bin/lsd`;
        return Object.fromEntries(Object.entries(ALIASES).map(([k, flags]) => [k, exe + flags]));
      };
      /** The file behind `colors` or `icons`: the file itself, or its YAML. */
      const themeSource = (name: "colors" | "icons"): JsValue => {
        const raw = selectPath(a.config, ["programs", "lsd", name]);
        if (libCall(lib, "types.path.check", raw) === true) return raw as JsValue;
        return callNix(yaml().generate, `lsd-${name}`, cfg[name]);
      };
      const preferAbbrs = () => config.bool("programs.fish.preferAbbrs");
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "programs.bash.shellAliases": () => mkIf(cfg.enableBashIntegration, aliases()),
        "programs.zsh.shellAliases": () => mkIf(cfg.enableZshIntegration, aliases()),
        "programs.fish.shellAliases": () => mkIf(!preferAbbrs() && cfg.enableFishIntegration, aliases()),
        "programs.fish.shellAbbrs": () => mkIf(preferAbbrs() && cfg.enableFishIntegration, aliases()),
        "programs.lsd.settings": () => mkIf(!isEmpty(cfg.colors), { color: { theme: "custom" } }),
        "xdg.configFile": () => ({
          "lsd/colors.yaml": mkIf(!isEmpty(cfg.colors), { source: themeSource("colors") }),
          "lsd/config.yaml": mkIf(!isEmpty(cfg.settings), { source: callNix(yaml().generate, "lsd-config", cfg.settings) }),
          "lsd/icons.yaml": mkIf(!isEmpty(cfg.icons), { source: themeSource("icons") }),
        }),
      });
    },
  });
}

/** The module (made per evaluation: its types are this evaluation's `pkgs.formats.yaml`). */
export const lsdModule = perEvaluation(FILE, (a) => [
  makeLsd(a).value,
  toNix(libCall(a.lib, "mkRemovedOptionModule", ["programs", "lsd", "enableAliases"], REMOVED_ALIASES)),
]);
