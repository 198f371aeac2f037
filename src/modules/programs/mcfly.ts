/**
 * `programs.mcfly`: the McFly shell-history search. Installs `package`
 * (listed a second time when the fzf front end is on, as Home Manager does),
 * writes `settings` as TOML to `$XDG_DATA_HOME/mcfly/config.toml` (McFly
 * reads it from its data directory) when there are any, sets the
 * `MCFLY_*` session variables of the key scheme, view, light theme and fuzzy
 * factor, and runs `mcfly init` (then `mcfly-fzf init`, when `fzf.enable`,
 * guarded by an interactivity test in Bash and Zsh) from Bash, Zsh and fish.
 * The old Boolean `enableFuzzySearch` becomes a factor of 2 or 0.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, isEmpty, libCall, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { formatType } from "../accounts/email-programs/kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/mcfly.ts";

/** The shell snippets for `mcfly` (at `exe`) and, when `fzfExe` is given, `mcfly-fzf`. */
export function mcflyInit(shell: "bash" | "zsh" | "fish", exe: string, fzfExe: string | null): string {
  if (shell === "fish") return `${exe} init fish | source\n` + (fzfExe === null ? "" : `${fzfExe} init fish | source\n`);
  const own = `eval "$(${exe} init ${shell})"\n`;
  if (fzfExe === null) return own;
  // mcfly-fzf's own interactivity test misfires, hence the explicit guard.
  return shell === "bash"
    ? `${own}if [[ $- =~ i ]]; then\n  eval "$(${fzfExe} init bash)"\nfi\n`
    : `${own}if [[ -o interactive ]]; then\neval "$(${fzfExe} init zsh)"\nfi\n`;
}

function makeMcfly(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.mcfly",
    options: {
      enable: mkEnableOption("mcfly"),
      package: mkPackageOption("mcfly"),
      mcflyFzfPackage: mkPackageOption("mcfly-fzf"),
      settings: option({
        type: formatType(a, "toml"),
        default: {} as JsValue,
        example: { colors: { menubar: { bg: "black", fg: "red" }, darkmode: { prompt: "cyan", timing: "yellow" } } },
        description:
          "McFly settings, written as TOML to `$XDG_DATA_HOME/mcfly/config.toml`. They are ignored while McFly's " +
          "database still lives in `~/.mcfly`; move it to the data directory first (see " +
          "<https://github.com/cantino/mcfly#database-location>).",
      }),
      keyScheme: option({
        type: t.enum(["emacs", "vim"]),
        default: "emacs",
        description: "The key bindings McFly uses (`MCFLY_KEY_SCHEME`).",
      }),
      interfaceView: option({
        type: t.enum(["TOP", "BOTTOM"]),
        default: "TOP",
        description: "Where McFly draws its interface (`MCFLY_INTERFACE_VIEW`).",
      }),
      fzf: { enable: mkEnableOption("McFly fzf integration") },
      enableLightTheme: option({
        type: t.bool,
        default: false,
        description: "Whether McFly uses its light colour theme (`MCFLY_LIGHT`).",
      }),
      fuzzySearchFactor: option({
        type: ty.unsigned,
        default: 0,
        description: "Fuzzy matching (`MCFLY_FUZZY`): 0 turns it off; larger values favour shorter matches more, and 2 to 5 work well.",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableZshIntegration: integrationOption("Zsh"),
    },
    config: ({ cfg, lib }) => {
      const exe = (p: JsValue) => String(libCall(lib, "getExe", p));
      const init = (shell: "bash" | "zsh" | "fish") => mcflyInit(shell, exe(cfg.package), cfg.fzf.enable ? exe(cfg.mcflyFzfPackage) : null);
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => (cfg.fzf.enable ? [cfg.package, cfg.package] : [cfg.package]),
          'xdg.dataFile."mcfly/config.toml"': () =>
            mkIf(!isEmpty(cfg.settings), { source: callNix(toml().generate, "mcfly-config.toml", cfg.settings) }),
          "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, init("bash")),
          "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, init("zsh")),
          "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, init("fish")),
          "home.sessionVariables.MCFLY_KEY_SCHEME": () => cfg.keyScheme,
          "home.sessionVariables.MCFLY_INTERFACE_VIEW": () => cfg.interfaceView,
        }),
        mkIf(() => cfg.enable && cfg.enableLightTheme, { "home.sessionVariables.MCFLY_LIGHT": "TRUE" }),
        mkIf(() => cfg.enable && cfg.fuzzySearchFactor > 0, { "home.sessionVariables.MCFLY_FUZZY": () => cfg.fuzzySearchFactor }),
      ]);
    },
  });
}

/** The module, with the old Boolean `enableFuzzySearch` changed into `fuzzySearchFactor`. */
export const mcflyModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(
      a.lib,
      "mkChangedOptionModule",
      ["programs", "mcfly", "enableFuzzySearch"],
      ["programs", "mcfly", "fuzzySearchFactor"],
      (config: JsValue) => ((((config as AttrsView).programs as AttrsView).mcfly as AttrsView).enableFuzzySearch === true ? 2 : 0),
    ),
  ),
  makeMcfly(a).value,
]);
