/**
 * `programs.eza`: eza, a modern `ls`. Installs `package` (nullable), writes
 * `theme` as YAML to `$XDG_CONFIG_HOME/eza/theme.yml`, and defines shell
 * aliases in Bash, Zsh, fish, Ion (when that module is in the catalog) and
 * Nushell: `eza` itself with the flags of `icons`, `colors`, `git` and
 * `extraOptions` (shell-quoted, only when there are some), plus `ls`, `ll`,
 * `la`, `lt`, `lla` (at `mkDefault` priority) for shells whose integration is
 * on; fish gets the latter as abbreviations when it prefers them. Keeps the
 * old `programs.exa.*` options as renames, `enableAliases` as a removed
 * option, and a Boolean `icons` with a deprecation warning.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, escapeShellArg, formatType, isEmpty, libCall, perEvaluation, type EvalArgs } from "../module-kit.js";
import { renames } from "./git/integration.js";

const FILE = "modules/programs/eza.ts";

type Icons = null | boolean | "auto" | "always" | "never";

/** The command-line flags the options ask for, in eza's alias order. */
export function ezaFlags(c: {
  readonly icons: Icons;
  readonly colors: string | null;
  readonly git: boolean;
  readonly extraOptions: readonly string[];
}): string[] {
  const icons = typeof c.icons === "boolean" ? (c.icons ? "auto" : null) : c.icons;
  return [
    ...(icons !== null ? ["--icons", icons] : []),
    ...(c.colors !== null ? ["--color", c.colors] : []),
    ...(c.git ? ["--git"] : []),
    ...c.extraOptions,
  ];
}

const ALIASES: Readonly<Record<string, string>> = { ls: "eza", ll: "eza -l", la: "eza -a", lt: "eza --tree", lla: "eza -la" };

const REMOVED_ALIASES =
  "'programs.eza.enableAliases' has been deprecated and replaced with integration\n" +
  "options per shell, for example, 'programs.eza.enableBashIntegration'.\n\n" +
  "Note, the default for these options is 'true' so if you want to enable the\n" +
  "aliases you can simply remove 'programs.eza.enableAliases' from your\n" +
  "configuration.";

/**
 * Is `programs.ion.shellAliases` declared? Only the sets above the option are read (reading the option would
 * ask every module for its definitions, this one included, while they are being listed).
 */
function ionDeclared(options: JsValue): boolean {
  const programs = (options as AttrsView).programs as AttrsView | undefined;
  return programs !== undefined && "ion" in programs && "shellAliases" in (programs.ion as AttrsView);
}

const integration = (shell: string) =>
  option({
    type: t.bool,
    default: (a) => (a.arg("config") as { home: { shell: Record<string, boolean> } }).home.shell[`enable${shell}Integration`]!,
    defaultText: `config.home.shell.enable${shell}Integration`,
    example: false,
    description: `Whether to enable ${shell} integration.`,
  });

function makeEza(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const themeType = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.eza",
    options: {
      enable: mkEnableOption("eza, a modern replacement for {command}`ls`"),
      enableBashIntegration: integration("Bash"),
      enableFishIntegration: integration("Fish"),
      enableIonIntegration: integration("Ion"),
      enableNushellIntegration: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether to enable Nushell integration.",
      }),
      enableZshIntegration: integration("Zsh"),
      extraOptions: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--group-directories-first", "--header"],
        description: "More command-line flags for eza, added to the `eza` alias.",
      }),
      icons: option({
        type: new TsType<Icons>((ms) => ms.types.enum([null, true, false, "auto", "always", "never"])),
        default: null,
        description:
          "When eza shows icons next to names (its `--icons` flag); null leaves eza's default. " +
          'Booleans are deprecated: `true` means `"auto"`.',
      }),
      colors: option({
        type: new TsType<string | null>((ms) => ms.types.enum([null, "auto", "always", "never"])),
        default: null,
        description: "When eza colors its output (its `--color` flag); null leaves eza's default.",
      }),
      git: option({
        type: t.bool,
        default: false,
        description: "Whether eza shows the Git status of each file (its `--git` flag).",
      }),
      package: mkPackageOption("eza", { nullable: true }),
      theme: option({
        type: themeType,
        default: {} as JsValue,
        description:
          "eza's color theme, written as YAML to {file}`$XDG_CONFIG_HOME/eza/theme.yml` (see eza's documentation on custom themes).",
      }),
    },
    config: ({ cfg, config, arg }) => {
      const optionsAlias = (): Record<string, unknown> => {
        const flags = ezaFlags(cfg);
        return flags.length > 0 ? { eza: `eza ${flags.map(escapeShellArg).join(" ")}` } : {};
      };
      const aliases = (on: boolean): Record<string, unknown> =>
        on ? Object.fromEntries(Object.entries(ALIASES).map(([k, v]) => [k, mkDefault(v)])) : {};
      const preferAbbrs = () => config.bool("programs.fish.preferAbbrs");
      return mkIf(() => cfg.enable, {
        warnings: () =>
          typeof cfg.icons === "boolean"
            ? [
                "Setting programs.eza.icons to a Boolean is deprecated.\n" +
                  "Please update your configuration so that\n\n" +
                  `  programs.eza.icons = ${cfg.icons ? '"auto"' : "null"}`,
              ]
            : [],
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        'xdg.configFile."eza/theme.yml"': () =>
          isEmpty(cfg.theme) ? mkIf(false, {}) : { source: callNix(yaml().generate, "eza-theme", cfg.theme) },
        "programs.bash.shellAliases": () => ({ ...optionsAlias(), ...aliases(cfg.enableBashIntegration) }),
        "programs.zsh.shellAliases": () => ({ ...optionsAlias(), ...aliases(cfg.enableZshIntegration) }),
        "programs.fish.shellAliases": () => (preferAbbrs() ? optionsAlias() : { ...optionsAlias(), ...aliases(cfg.enableFishIntegration) }),
        "programs.fish.shellAbbrs": () => mkIf(preferAbbrs(), aliases(cfg.enableFishIntegration)),
        ...(ionDeclared(arg("options"))
          ? { "programs.ion.shellAliases": () => ({ ...optionsAlias(), ...aliases(cfg.enableIonIntegration) }) }
          : {}),
        "programs.nushell.shellAliases": () => ({ ...optionsAlias(), ...aliases(cfg.enableNushellIntegration) }),
      });
    },
  });
}

/** The module, with the old `programs.exa` options renamed and `enableAliases` removed. */
export const ezaModule = perEvaluation(FILE, (a) => {
  return [
    makeEza(a).value,
    ...renames(
      a.lib,
      ["enable", "extraOptions", "icons", "git"].map((o) => [`programs.exa.${o}`, `programs.eza.${o}`] as const),
    ),
    toNix(libCall(a.lib, "mkRemovedOptionModule", ["programs", "eza", "enableAliases"], REMOVED_ALIASES)),
  ];
});
