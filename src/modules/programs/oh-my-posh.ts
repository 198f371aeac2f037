/**
 * `programs.oh-my-posh`: the oh-my-posh prompt engine. Installs `package`;
 * writes `settings` as JSON to `$XDG_CONFIG_HOME/oh-my-posh/config.json`;
 * starts the prompt from Bash, Zsh, fish and Nushell with `--config` naming
 * that file, a theme shipped with the package (`useTheme`) or `configFile`
 * (at most one of the three may be set); and empties oh-my-posh's cache on
 * activation whenever the package's store path changes.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/oh-my-posh.ts";

const ONE_SOURCE = "oh-my-posh: Only one of 'settings', 'useTheme', or 'configFile' can be configured at a time.";

function makeOhMyPosh(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.oh-my-posh",
    options: {
      enable: mkEnableOption("oh-my-posh, a prompt theme engine for many shells"),
      package: mkPackageOption("oh-my-posh"),
      settings: option({
        type: formatType(a, "json"),
        default: {} as JsValue,
        example: "{ version = 2; final_space = true; blocks = [ ]; }",
        description:
          "oh-my-posh configuration, written as JSON to `$XDG_CONFIG_HOME/oh-my-posh/config.json` " +
          "(see https://ohmyposh.dev/docs/configuration/overview). Cannot be combined with `useTheme` or `configFile`.",
      }),
      useTheme: option({
        type: t.nullOr(t.str),
        default: null,
        example: "jandedobbeleer",
        description: "Name of a theme shipped with oh-my-posh (https://ohmyposh.dev/docs/themes) to use as the configuration.",
      }),
      configFile: option({
        type: t.nullOr(t.either(t.str, t.path)),
        default: null,
        description: "Path of a configuration file of your own (JSON, YAML or TOML).",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      const hasSettings = () => !isEmpty(cfg.settings);
      const configArg = () => {
        if (hasSettings()) return `--config ${config.str("xdg.configHome")}/oh-my-posh/config.json`;
        if (cfg.useTheme !== null) return `--config ${nixToString(cfg.package)}/share/oh-my-posh/themes/${cfg.useTheme}.omp.json`;
        if (cfg.configFile !== null) return `--config ${nixToString(cfg.configFile as JsValue)}`;
        return "";
      };
      const nushell = () => {
        const major = libCall(lib, "versions.major", (cfg.package as AttrsView).version);
        if (libCall(lib, "versionAtLeast", major, "26") === true) return `${exe()} init nu ${configArg()}\n`;
        const script = `${exe()} init nu ${configArg()} --print >> "$out"\n`;
        return `source ${nixToString(callNix(pkgs.runCommand, "oh-my-posh-nushell-config.nu", {}, script))}\n`;
      };
      return mkMerge([
        mkIf(() => cfg.enable, {
          assertions: () => [
            {
              assertion: [hasSettings(), cfg.useTheme !== null, cfg.configFile !== null].filter((x) => x).length <= 1,
              message: ONE_SOURCE,
            },
          ],
          "home.packages": () => [cfg.package],
          "xdg.configFile": () =>
            mkIf(hasSettings(), {
              "oh-my-posh/config.json": { source: callNix(json().generate, "oh-my-posh-settings", cfg.settings) },
            }),
          "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, `eval "$(${exe()} init bash ${configArg()})"\n`),
          "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, `eval "$(${exe()} init zsh ${configArg()})"\n`),
          "programs.fish.shellInit": () => mkIf(cfg.enableFishIntegration, `${exe()} init fish ${configArg()} | source\n`),
          "home.activation.ohMyPoshClearCache": () =>
            libCall(
              lib,
              "hm.dag.entryAfter",
              ["writeBoundary"],
              "set -eu\n" +
                `nixver="${nixToString(cfg.package)}"\n` +
                `cache="${config.str("xdg.cacheHome")}/oh-my-posh"\n` +
                'state="$cache/pkg-path"\n\n' +
                'if [ ! -f "$state" ] || [ "$(cat "$state")" != "$nixver" ]; then\n' +
                '  rm -rf "$cache"\n' +
                "fi\n\n" +
                'mkdir -p "$cache"\n' +
                'printf \'%s\' "$nixver" > "$state"\n',
            ),
        }),
        // A block of its own, so a build-time init file is made only when the integration is on.
        mkIf(() => cfg.enable && cfg.enableNushellIntegration, {
          "programs.nushell.extraConfig": () => nushell(),
        }),
      ]);
    },
  });
}

/** The module (made per evaluation: the `settings` type is this evaluation's `pkgs.formats.json`). */
export const ohMyPoshModule = perEvaluation(FILE, (a) => makeOhMyPosh(a));
