/**
 * `programs.mise`: the mise tool-version manager. Installs `package` (when
 * set) with `usage`, which mise's completions call; writes `globalConfig` as
 * TOML to `$XDG_CONFIG_HOME/mise/config.toml`, or, with
 * `enableMutableConfig`, to `mise/conf.d/50-home-manager.toml` while
 * activation creates an empty, writable `config.toml` if there is none; and
 * activates mise in Bash (plus its completions, made at build time), Zsh,
 * fish and Nushell (a `use` of a file made at build time). Keeps the old
 * `programs.mise.settings` as a renamed option and reports the `programs.rtx`
 * options as removed.
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
import {
  callNix,
  escapeShellArg,
  formatType,
  isEmpty,
  libCall,
  nixToString,
  perEvaluation,
  removedOptionModule,
  type EvalArgs,
} from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/mise.ts";

const RTX_OPTIONS = [
  "enable",
  "package",
  "enableBashIntegration",
  "enableZshIntegration",
  "enableFishIntegration",
  "enableNushellIntegration",
  "settings",
];

const RTX_GONE =
  "The `rtx` package has been replaced by `mise`, please switch over to\n" + "using the options under `programs.mise.*` instead.\n";

const NO_PACKAGE =
  "You have enabled shell integration for `mise` but have not set `package`.\n\n" + "The shell integration will not be added.\n";

function makeMise(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.mise",
    options: {
      enable: mkEnableOption("mise"),
      package: mkPackageOption("mise", { nullable: true }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableZshIntegration: integrationOption("Zsh"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableMutableConfig: option({
        type: t.bool,
        default: false,
        example: true,
        description:
          "Whether `$XDG_CONFIG_HOME/mise/config.toml` stays a writable file of yours (so `mise use --global` " +
          "can change it). `globalConfig` then goes to `mise/conf.d/50-home-manager.toml`, and activation creates " +
          "an empty `config.toml` when there is none. Keep the keys of the two files apart; remove or save the " +
          "writable file before turning this off again while `globalConfig` is set, or it collides with the managed one.",
      }),
      globalConfig: option({
        type: formatType(a, "toml"),
        default: {} as JsValue,
        example: '{ settings.experimental = true; tools = { node = "lts"; python = [ "3.10" "3.11" ]; }; }',
        description:
          "mise's global configuration, written as TOML to `$XDG_CONFIG_HOME/mise/config.toml` (or to " +
          "`mise/conf.d/50-home-manager.toml` with `enableMutableConfig`). See https://mise.jdx.dev/configuration.html.",
      }),
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const hasPkg = () => cfg.package !== null;
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      const configDir = () => `${config.str("xdg.configHome")}/mise`;
      const on = (flag: boolean) => flag && hasPkg();
      const bashText = () => {
        const script = `${exe()} completion bash --include-bash-completion-lib > $out\n`;
        const completion = callNix(pkgs.runCommand, "mise-bash-completion.bash", {}, script);
        return `eval "$(${exe()} activate bash)"\nsource ${nixToString(completion)}\n`;
      };
      return mkMerge([
        mkIf(() => cfg.enable, {
          warnings: () =>
            !hasPkg() &&
            (cfg.enableBashIntegration || cfg.enableZshIntegration || cfg.enableFishIntegration || cfg.enableNushellIntegration)
              ? [NO_PACKAGE]
              : [],
          "home.packages": () => mkIf(hasPkg(), [cfg.package, pkgs.usage]),
          "home.activation.miseMutableConfig": () => {
            const file = escapeShellArg(`${configDir()}/config.toml`);
            return mkIf(
              cfg.enableMutableConfig,
              libCall(
                lib,
                "hm.dag.entryAfter",
                ["linkGeneration"],
                `if [[ ! -e ${file} && ! -L ${file} ]]; then\n` +
                  `  run mkdir -p ${escapeShellArg(configDir())}\n` +
                  `  run touch ${file}\n` +
                  "fi\n",
              ),
            );
          },
          "xdg.configFile": () => {
            const target = cfg.enableMutableConfig ? "mise/conf.d/50-home-manager.toml" : "mise/config.toml";
            return mkIf(!isEmpty(cfg.globalConfig), {
              [target]: { source: callNix(toml().generate, "mise-config", cfg.globalConfig) },
            });
          },
          "programs.bash.initExtra": () => mkIf(on(cfg.enableBashIntegration), on(cfg.enableBashIntegration) ? bashText() : ""),
          "programs.zsh.initContent": () =>
            mkIf(on(cfg.enableZshIntegration), on(cfg.enableZshIntegration) ? `eval "$(${exe()} activate zsh)"\n` : ""),
          "programs.fish.interactiveShellInit": () =>
            mkIf(on(cfg.enableFishIntegration), on(cfg.enableFishIntegration) ? `${exe()} activate fish | source\n` : ""),
        }),
        // A block of its own, so the init file is made only when the integration is on.
        mkIf(() => cfg.enable && on(cfg.enableNushellIntegration), {
          "programs.nushell.extraConfig": () => {
            const made = callNix(pkgs.runCommand, "mise-nushell-config.nu", {}, `${exe()} activate nu > $out\n`);
            return `use ${nixToString(made)}\n`;
          },
        }),
      ]);
    },
  });
}

/** The module (made per evaluation: the `globalConfig` type is this evaluation's `pkgs.formats.toml`), with its renamed and removed options. */
export const miseModule = perEvaluation(FILE, (a) => [
  makeMise(a).value,
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "mise", "settings"], ["programs", "mise", "globalConfig", "settings"])),
  ...RTX_OPTIONS.map((o) => removedOptionModule(FILE, `programs.rtx.${o}`, () => RTX_GONE).value),
]);
