/**
 * `programs.direnv`: direnv, which loads and unloads environment variables
 * per directory. Installs `package`; writes `config` as TOML to
 * `$XDG_CONFIG_HOME/direnv/direnv.toml` and `stdlib` to `direnvrc`; links
 * nix-direnv's `direnvrc` and writes mise's activation into direnv's `lib/`
 * when those are on; quiets direnv's logging with `silent` (through the
 * TOML settings from direnv 2.36, else `DIRENV_LOG_FORMAT`); and hooks direnv
 * into Bash, Zsh, fish and Nushell. Keeps `enableNixDirenvIntegration` as a
 * rename and `nix-direnv.enableFlakes` as a removed option.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/direnv.ts";

/** Nushell code that runs `direnv export json` before each prompt and loads (or hides) what it reports. */
function nushellHook(direnv: string): string {
  return `$env.config = ($env.config? | default {})
$env.config.hooks = ($env.config.hooks? | default {})
$env.config.hooks.pre_prompt = (
    $env.config.hooks.pre_prompt?
    | default []
    | append {||
        let direnv = (
            ${direnv} export json
            | from json --strict
            | default {}
        )

        for key in ($direnv | columns) {
            if ($direnv | get $key) == null {
                hide-env --ignore-errors $key
            }
        }

        $direnv
        | items {|key, value|
            let value = do (
                {
                  "PATH": {
                    from_string: {|s| $s | split row (char esep) | path expand --no-symlink }
                    to_string: {|v| $v | path expand --no-symlink | str join (char esep) }
                  }
                }
                | merge ($env.ENV_CONVERSIONS? | default {})
                | get ([[value, optional, insensitive]; [$key, true, true] [from_string, true, false]] | into cell-path)
                | if ($in | is-empty) { {|x| $x} } else { $in }
            ) $value
            return [ $key $value ]
        }
        | where {|pair| $pair.1 != null }
        | into record
        | load-env
    }
)
`;
}

function makeDirenv(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const settingsType = formatType(a, "toml");
  return defineModule({
    file: FILE,
    path: "programs.direnv",
    options: {
      enable: mkEnableOption("direnv, the environment switcher"),
      package: mkPackageOption("direnv"),
      config: option({
        type: settingsType,
        default: {} as JsValue,
        description: "Settings written as TOML to `$XDG_CONFIG_HOME/direnv/direnv.toml` (see direnv.toml(1)).",
      }),
      stdlib: option({
        type: t.lines,
        default: "",
        description: "Shell code written to `$XDG_CONFIG_HOME/direnv/direnvrc`, direnv's own additions to its stdlib.",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
      "nix-direnv": {
        enable: mkEnableOption("nix-direnv (https://github.com/nix-community/nix-direnv), a faster, caching `use_nix` for direnv"),
        package: mkPackageOption("nix-direnv"),
      },
      mise: {
        enable: mkEnableOption("mise's `use_mise` for direnv (https://mise.jdx.dev/direnv.html)"),
        package: mkPackageOption("mise"),
      },
      silent: mkEnableOption("silent mode, where direnv logs nothing"),
    },
    config: ({ cfg, lib }) => {
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      // direnv 2.36 moved log settings into direnv.toml. A package whose version is unknown (empty, as the stub
      // packages of tests have) is taken to be a current direnv (2.36 or later).
      const recent = () => {
        const v = String(libCall(lib, "getVersion", cfg.package));
        return v === "" || libCall(lib, "versionAtLeast", v, "2.36.0") === true;
      };
      const nd = cfg["nix-direnv"];
      return mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        "programs.direnv.config.global": () => mkIf(cfg.silent && recent(), { log_format: "-", log_filter: "^$" }),
        "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, mkAfter(`eval "$(${exe()} hook bash)"\n`)),
        "programs.fish.interactiveShellInit": () =>
          mkIf(cfg.enableFishIntegration, mkAfter(`if not functions -q __direnv_export_eval\n  ${exe()} hook fish | source\nend\n`)),
        "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, `eval "$(${exe()} hook zsh)"\n`),
        "programs.nushell.extraConfig": () => mkIf(cfg.enableNushellIntegration, mkAfter(nushellHook(exe()))),
        'xdg.configFile."direnv/direnv.toml"': () =>
          mkIf(!isEmpty(cfg.config), { source: callNix(toml().generate, "direnv-config", cfg.config) }),
        'xdg.configFile."direnv/lib/hm-nix-direnv.sh"': () =>
          mkIf(nd.enable, { source: `${nixToString(nd.package)}/share/nix-direnv/direnvrc` }),
        'xdg.configFile."direnv/direnvrc"': () => mkIf(cfg.stdlib !== "", { text: cfg.stdlib }),
        'xdg.configFile."direnv/lib/hm-mise.sh"': () =>
          mkIf(cfg.mise.enable, {
            text: `eval "$(${String(libCall(lib, "getExe", cfg.mise.package))} direnv activate)"\n`,
          }),
        "home.sessionVariables": () => mkIf(cfg.silent && !recent(), { DIRENV_LOG_FORMAT: "" }),
      });
    },
  });
}

/** The module (made per evaluation: the `config` type is this evaluation's `pkgs.formats.toml`), with its renamed and removed options. */
export const direnvModule = perEvaluation(FILE, (a) => [
  makeDirenv(a).value,
  toNix(
    libCall(
      a.lib,
      "mkRenamedOptionModule",
      ["programs", "direnv", "enableNixDirenvIntegration"],
      ["programs", "direnv", "nix-direnv", "enable"],
    ),
  ),
  toNix(
    libCall(a.lib, "mkRemovedOptionModule", ["programs", "direnv", "nix-direnv", "enableFlakes"], "Flake support is now always enabled."),
  ),
]);
