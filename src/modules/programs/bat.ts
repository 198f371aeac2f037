/**
 * `programs.bat`: bat, a `cat` with syntax highlighting. Installs `package`
 * and `extraPackages`; writes `config` to `$XDG_CONFIG_HOME/bat/config` as
 * command-line flags (`--key=value` with the value shell-quoted, a list as
 * one line per element, keys sorted; then `--key` for each `true` switch,
 * sorted; `false` switches left out); links each of `themes` and `syntaxes`
 * under `bat/themes/<name>.tmTheme` and `bat/syntaxes/<name>.sublime-syntax`
 * (text, or a file under a source directory); and rebuilds bat's cache after
 * linking. Themes or syntaxes given as plain text still work, with a
 * deprecation warning.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, submoduleOf, t, type JsValue } from "../../module-system/index.js";
import { escapeShellArg, libCall, nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/bat.ts";

type BatSetting = string | boolean | readonly string[];

/** The text of bat's config file for `config` (see the header). */
export function batConfigText(config: Readonly<Record<string, BatSetting>>): string {
  const keys = Object.keys(config).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let pairs = "";
  let switches = "";
  for (const k of keys) {
    const v = config[k]!;
    if (typeof v === "boolean") {
      if (v) switches += `--${k}\n`;
    } else {
      for (const x of typeof v === "string" ? [v] : v) pairs += `--${k}=${escapeShellArg(x)}\n`;
    }
  }
  return pairs + switches;
}

/** A theme or syntax given as a directory (`src`) and a file inside it (`file`). */
const assetType = (what: string) =>
  submoduleOf(
    {
      src: option({ type: t.path, description: `The directory (or file) holding the ${what}.` }),
      file: option({
        type: t.nullOr(t.str),
        default: null,
        description: `Where the ${what} file is inside \`src\`; null when \`src\` is the file itself.`,
      }),
    },
    `${FILE}#${what}`,
  );

type Asset = string | { readonly src: string; readonly file: string | null };

const assetOption = (what: string, description: string, example: string) =>
  option({
    type: t.attrsOf<Asset>(t.either(t.lines, assetType(what))),
    default: {},
    example,
    description,
  });

/** The `xdg.configFile` entry of one theme or syntax. */
function assetFile(v: Asset): Record<string, string> {
  if (typeof v === "string") return { text: v };
  return { source: v.file === null ? v.src : `${v.src}/${v.file}` };
}

const deprecation = (option: string) =>
  `Using programs.bat.${option} as a string option is deprecated and will be\n` +
  "removed in the future. Please change to using it as an attribute set\n" +
  "instead.\n";

export const batModule = defineModule({
  file: FILE,
  path: "programs.bat",
  options: {
    enable: mkEnableOption("bat, a cat clone with wings"),
    config: option({
      type: t.attrsOf(ty.oneOf<BatSetting>([t.str, t.listOf(t.str), t.bool])),
      default: {},
      example: { theme: "TwoDark", pager: "less -FR", "map-syntax": ["*.jenkinsfile:Groovy", "*.props:Java Properties"] },
      description:
        "Settings written to bat's config file, each as a long command-line flag: strings and lists give " +
        "`--name=value` lines, `true` a bare `--name`, `false` nothing.",
    }),
    extraPackages: option({
      type: t.listOf(t.package),
      default: [],
      example: "with pkgs.bat-extras; [ batdiff batman batgrep batwatch ];",
      description: "More bat-related packages to install alongside bat.",
    }),
    package: mkPackageOption("bat"),
    themes: assetOption(
      "theme",
      "Extra color themes for bat, by name: each a `src` (and a `file` inside it), or, deprecated, the theme's text.",
      '{ dracula = { src = pkgs.fetchFromGitHub { owner = "dracula"; repo = "sublime"; rev = "…"; sha256 = "…"; }; file = "Dracula.tmTheme"; }; }',
    ),
    syntaxes: assetOption(
      "syntax",
      "Extra syntax definitions for bat, by name: each a `src` (and a `file` inside it), or, deprecated, the syntax's text.",
      '{ gleam = { src = pkgs.fetchFromGitHub { owner = "molnarmark"; repo = "sublime-gleam"; rev = "…"; hash = "…"; }; file = "syntax/gleam.sublime-syntax"; }; }',
    ),
  },
  config: ({ cfg, config, pkgs, lib }) =>
    mkIf(() => cfg.enable, {
      warnings: () => [
        ...(Object.values(cfg.themes).some((v) => typeof v === "string") ? [deprecation("themes")] : []),
        ...(Object.values(cfg.syntaxes).some((v) => typeof v === "string") ? [deprecation("syntaxes")] : []),
      ],
      "home.packages": () => [cfg.package, ...cfg.extraPackages],
      "xdg.configFile": () => {
        const files: Record<string, unknown> = {};
        if (Object.keys(cfg.config).length > 0) files["bat/config"] = { text: batConfigText(cfg.config) };
        for (const [name, v] of Object.entries(cfg.themes)) files[`bat/themes/${name}.tmTheme`] = assetFile(v);
        for (const [name, v] of Object.entries(cfg.syntaxes)) files[`bat/syntaxes/${name}.sublime-syntax`] = assetFile(v);
        return files;
      },
      // bat's `cache --build` misbehaves when the working directory has a `cache` entry, hence the empty directory.
      "home.activation.batCache": () =>
        libCall(
          lib,
          "hm.dag.entryAfter",
          ["linkGeneration"],
          "(\n" +
            `  export XDG_CACHE_HOME=${escapeShellArg(config.str("xdg.cacheHome"))}\n` +
            '  verboseEcho "Rebuilding bat theme cache"\n' +
            `  cd "${nixToString(pkgs.emptyDirectory as JsValue)}"\n` +
            `  run ${nixToString(libCall(lib, "getExe", cfg.package))} cache --build\n` +
            ")\n",
        ),
    }),
});
