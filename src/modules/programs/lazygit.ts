/**
 * `programs.lazygit`: lazygit, a terminal UI for git. Installs `package`
 * (unless null); writes `settings` as YAML (`pkgs.formats.yaml`) to
 * `lazygit/config.yml` under `$XDG_CONFIG_HOME` (on Darwin without
 * `xdg.enable`, under `~/Library/Application Support`); and defines the
 * shell function `shellWrapperName` that runs lazygit and then changes to
 * the directory lazygit was left in (Bash, Zsh, fish, Nushell), the
 * directory being passed through the file `LAZYGIT_NEW_DIR_FILE`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, formatType, isEmpty, perEvaluation, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/lazygit.ts";

/** The Bash and Zsh wrapper function. */
function posixWrapper(name: string, newDirFile: string): string {
  return (
    `function ${name}() {\n` +
    `    export LAZYGIT_NEW_DIR_FILE=${newDirFile}\n` +
    '    command lazygit "$@"\n' +
    "    if [ -f $LAZYGIT_NEW_DIR_FILE ]; then\n" +
    '      cd "$(cat $LAZYGIT_NEW_DIR_FILE)"\n' +
    "      rm -f $LAZYGIT_NEW_DIR_FILE > /dev/null\n" +
    "    fi\n" +
    "}\n"
  );
}

/** The body of the fish function. */
function fishWrapper(newDirFile: string): string {
  return (
    `set -x LAZYGIT_NEW_DIR_FILE ${newDirFile}\n` +
    "command lazygit $argv\n" +
    "if test -f $LAZYGIT_NEW_DIR_FILE\n" +
    "  cd (cat $LAZYGIT_NEW_DIR_FILE)\n" +
    "  rm -f $LAZYGIT_NEW_DIR_FILE\n" +
    "end\n"
  );
}

/** The Nushell wrapper command. */
function nushellWrapper(name: string, newDirFile: string): string {
  return (
    `def --env ${name} [...args] {\n` +
    `  $env.LAZYGIT_NEW_DIR_FILE = "${newDirFile}" | path expand\n` +
    "  lazygit ...$args\n" +
    "  if ($env.LAZYGIT_NEW_DIR_FILE | path exists) {\n" +
    "    cd (open $env.LAZYGIT_NEW_DIR_FILE)\n" +
    "    rm -f $env.LAZYGIT_NEW_DIR_FILE\n" +
    "  }\n" +
    "}\n"
  );
}

function makeLazygit(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const settingsType = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.lazygit",
    options: {
      enable: mkEnableOption("lazygit, a simple terminal UI for git commands"),
      package: mkPackageOption("lazygit", { nullable: true }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        defaultText: "{ }",
        example: '{ gui.theme = { lightTheme = true; activeBorderColor = [ "blue" "bold" ]; inactiveBorderColor = [ "black" ]; }; }',
        description:
          "lazygit's configuration, written as YAML to {file}`$XDG_CONFIG_HOME/lazygit/config.yml` (on Darwin without " +
          "`xdg.enable`, to {file}`~/Library/Application Support/lazygit/config.yml`). lazygit's docs/Config.md lists the settings.",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
      shellWrapperName: option({
        type: t.str,
        default: "lg",
        example: "lg",
        description: "The name of the shell function that runs lazygit and follows it to its last directory.",
      }),
    },
    config: ({ cfg, config, pkgs }) => {
      const configDir = () => {
        const darwin = ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
        return darwin && !config.bool("xdg.enable") ? "Library/Application Support" : config.str("xdg.configHome");
      };
      const newDirFile = () =>
        config.bool("home.preferXdgDirectories") ? `${config.str("xdg.cacheHome")}/lazygit/newdir` : "~/.lazygit/newdir";
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "home.file": () => ({
          [`${configDir()}/lazygit/config.yml`]: {
            enable: !isEmpty(cfg.settings),
            source: callNix(yaml().generate, "lazygit-config", cfg.settings),
          },
        }),
        "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, posixWrapper(cfg.shellWrapperName, newDirFile())),
        "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, posixWrapper(cfg.shellWrapperName, newDirFile())),
        "programs.fish.functions": () => ({ [cfg.shellWrapperName]: mkIf(cfg.enableFishIntegration, fishWrapper(newDirFile())) }),
        "programs.nushell.extraConfig": () => mkIf(cfg.enableNushellIntegration, nushellWrapper(cfg.shellWrapperName, newDirFile())),
      });
    },
  });
}

/** The module (made per evaluation: the `settings` type is this evaluation's `pkgs.formats.yaml`). */
export const lazygitModule = perEvaluation(FILE, (a) => makeLazygit(a));
