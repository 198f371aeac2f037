/**
 * `programs.starship`: the starship prompt. Installs `package` (wrapped so
 * `extraPackages` are on its `PATH` when there are any); points
 * `STARSHIP_CONFIG` at `configPath` and writes `settings` there as TOML,
 * merged over the chosen `presets` (shipped with starship) when there are
 * any; and starts starship from Bash, Zsh, fish (interactive start, or last
 * in `config.fish` when `enableInteractive` is off, optionally with
 * transient prompts), Ion (when the catalog has it) and Nushell (a `use` of
 * a file made at build time by `starship init nu`).
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/starship.ts";

/** Is `programs.<shell>.<name>` declared? Reads only the declaration sets, never an option. */
function declared(options: JsValue, shell: string, name: string): boolean {
  const programs = (options as Record<string, JsValue>).programs as Record<string, JsValue> | undefined;
  if (programs === undefined || !(shell in programs)) return false;
  return name in (programs[shell] as Record<string, JsValue>);
}

function makeStarship(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const settingsType = formatType(a, "toml");
  return defineModule({
    file: FILE,
    path: "programs.starship",
    options: {
      enable: mkEnableOption("starship"),
      package: mkPackageOption("starship"),
      extraPackages: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.jj-starship ]",
        description: "Packages put on starship's `PATH` (starship is then wrapped).",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: '{ add_newline = false; scan_timeout = 10; character.success_symbol = "➜"; }',
        description: "Settings written as TOML to `$XDG_CONFIG_HOME/starship.toml` (see https://starship.rs/config/).",
      }),
      presets: option({
        type: t.listOf(t.str),
        default: [],
        example: ["nerd-font-symbols"],
        description: "Names of starship's presets (https://starship.rs/presets/), merged in this order, with `settings` merged last.",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableIonIntegration: integrationOption("Ion"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
      enableInteractive: option({
        type: t.bool,
        default: true,
        description:
          "Whether fish starts starship only in interactive shells (fish only). Turn it off for plugins that need " +
          "starship in every fish shell.",
      }),
      enableTransience: option({
        type: t.bool,
        default: false,
        description:
          "Whether fish replaces earlier prompts with a short transient one (starship's TransientPrompt; fish only). " +
          "See https://starship.rs/advanced-config/#transientprompt-and-transientrightprompt-in-cmd.",
      }),
      configPath: option({
        type: t.str,
        default: (d) => `${String((d.arg("config") as { xdg: { configHome: string } }).xdg.configHome)}/starship.toml`,
        defaultText: "${config.xdg.configHome}/starship.toml",
        description: "Where the generated configuration is written (and `STARSHIP_CONFIG` points).",
      }),
    },
    config: ({ cfg, lib, pkgs, arg }) => {
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      const pkg = () => nixToString(cfg.package);
      const generated = () => !isEmpty(cfg.settings) || cfg.presets.length > 0;
      const installed = () => {
        if (cfg.extraPackages.length === 0) return [cfg.package];
        const name = `${String(libCall(lib, "getName", cfg.package))}-wrapped-${String(libCall(lib, "getVersion", cfg.package))}`;
        const binPath = String(libCall(lib, "makeBinPath", cfg.extraPackages));
        return [
          callNix(pkgs.symlinkJoin, {
            name,
            paths: [cfg.package],
            preferLocalBuild: true,
            nativeBuildInputs: [pkgs.makeWrapper],
            postBuild: `wrapProgram $out/bin/starship \\\n  --suffix PATH : ${binPath}\n`,
          }),
        ];
      };
      const configFile = () => {
        const settingsFile = callNix(toml().generate, "starship-config", cfg.settings);
        if (cfg.presets.length === 0) return { source: settingsFile };
        const presets = cfg.presets.map((p) => `${pkg()}/share/starship/presets/${p}.toml`).join(" ");
        const script = `tomlq -s -t 'reduce .[] as $item ({}; . * $item)' \\\n  ${presets} \\\n  ${nixToString(settingsFile)} \\\n  > $out\n`;
        return { source: callNix(pkgs.runCommand, "starship.toml", { nativeBuildInputs: [pkgs.yq] }, script) };
      };
      const fishText = () =>
        `if test "$TERM" != "dumb"\n  ${exe()} init fish | source\n  ${cfg.enableTransience ? "enable_transience" : ""}\nend\n`;
      const ion = declared(arg("options"), "ion", "initExtra");
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => installed(),
          "home.sessionVariables.STARSHIP_CONFIG": () => cfg.configPath,
          "home.file": () => mkIf(generated(), { [cfg.configPath]: configFile() }),
          "programs.bash.initExtra": () =>
            mkIf(
              cfg.enableBashIntegration,
              mkOrder(1900, `if [[ $TERM != "dumb" ]]; then\n  eval "$(${exe()} init bash --print-full-init)"\nfi\n`),
            ),
          "programs.zsh.initContent": () =>
            mkIf(cfg.enableZshIntegration, `if [[ $TERM != "dumb" ]]; then\n  eval "$(${exe()} init zsh)"\nfi\n`),
          "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration && cfg.enableInteractive, fishText()),
          "programs.fish.shellInitLast": () => mkIf(cfg.enableFishIntegration && !cfg.enableInteractive, fishText()),
          ...(ion
            ? {
                "programs.ion.initExtra": () =>
                  mkIf(cfg.enableIonIntegration, `if test $TERM != "dumb"\n  eval $(${exe()} init ion)\nend\n`),
              }
            : {}),
        }),
        // A block of its own, so the init file is made only when the integration is on.
        mkIf(() => cfg.enable && cfg.enableNushellIntegration, {
          "programs.nushell.extraConfig": () => {
            const made = callNix(pkgs.runCommand, "starship-nushell-config.nu", {}, `${exe()} init nu >> "$out"\n`);
            return `use ${nixToString(made)}\n`;
          },
        }),
      ]);
    },
  });
}

/** The module (made per evaluation: the `settings` type is this evaluation's `pkgs.formats.toml`). */
export const starshipModule = perEvaluation(FILE, (a) => makeStarship(a));
