/**
 * `programs.zsh.plugins`, `programs.zsh.zprof` and `programs.zsh.zsh-abbr`
 * (Home Manager's `zsh/plugins/{default,zprof,zsh-abbr}.nix`). Each plugin's
 * `src` is linked under the plugin directory (`<dotDir>/plugins`, or
 * `~/.zsh/plugins`); `.zshrc` adds the plugin directories to `path` and
 * `fpath` at order 560 and sources the plugin files at order 900. The
 * plugins' old `completions` option is renamed `functions`, with Home
 * Manager's warning naming the files that used it. zprof loads first (400)
 * and reports last (1450); zsh-abbr is a plugin plus its abbreviations file.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import { escapeShellArg, libCall, ty, type EvalArgs } from "../../module-kit.js";
import { zshPathsOf } from "./paths.js";
import type { Lazy } from "../../../nix/values.js";

const FILE = "modules/programs/zsh/plugins.ts";

interface Plugin {
  readonly src: string;
  readonly name: string;
  readonly file: string;
  readonly functions: readonly string[];
}

function pluginModule(a: EvalArgs) {
  return defineModule({
    file: FILE,
    key: `${FILE}#plugin`,
    imports: [toNix(libCall(a.lib, "mkRenamedOptionModule", ["completions"], ["functions"]))],
    options: {
      src: option({ type: t.path, description: "The plugin's directory, added to `fpath` and `PATH`." }),
      name: option({ type: t.str, description: "The plugin's name." }),
      file: option({
        type: t.str,
        description: "The script to source, relative to `src`; by default `<name>.plugin.zsh`.",
      }),
      functions: option({
        type: t.listOf(t.str),
        default: [],
        description: "Directories inside `src` added to `fpath` as well.",
      }),
    },
    config: ({ cfg }) => ({ file: () => mkDefault(`${cfg.name}.plugin.zsh`) }),
  });
}

/** The plugin directory set-up of `.zshrc` (order 560). */
export function pluginDirsText(lib: Parameters<typeof libCall>[0], dir: string, plugins: readonly Plugin[]): string {
  const define = (n: string, v: readonly string[]) => libCall(lib, "hm.zsh.define", n, v) as string;
  const functionPaths = plugins.flatMap((p) => p.functions.map((f) => `${p.name}/${f}`));
  return (
    `# Add plugin directories to PATH and fpath\n${define(
      "plugin_dirs",
      plugins.map((p) => p.name),
    )}\n` +
    'for plugin_dir in "${plugin_dirs[@]}"; do\n' +
    `  path+="${dir}/$plugin_dir"\n  fpath+="${dir}/$plugin_dir"\n` +
    "  for plugin_fpath_dir in \\\n" +
    '    "$plugin_dir/share/zsh/plugins/$plugin_dir" \\\n' +
    '    "$plugin_dir/share/zsh/site-functions" \\\n' +
    '    "$plugin_dir/share/zsh/vendor-completions"; do\n' +
    `    [[ -d "${dir}/$plugin_fpath_dir" ]] && fpath+="${dir}/$plugin_fpath_dir"\n` +
    "  done\ndone\nunset plugin_dir plugin_dirs plugin_fpath_dir\n" +
    (functionPaths.length > 0
      ? `# Add additional function paths to fpath\n${define("function_paths", functionPaths)}\n` +
        'for function_path in "${function_paths[@]}"; do\n' +
        `  fpath+="${dir}/$function_path"\ndone\nunset function_path function_paths\n`
      : "") +
    "\n"
  );
}

/** The plugin sourcing of `.zshrc` (order 900). */
export function pluginSourceText(lib: Parameters<typeof libCall>[0], dir: string, plugins: readonly Plugin[]): string {
  const list = libCall(
    lib,
    "hm.zsh.define",
    "plugins",
    plugins.map((p) => `${p.name}/${p.file}`),
  ) as string;
  return (
    `# Source plugins\n${list}\n` +
    'for plugin in "${plugins[@]}"; do\n' +
    `  [[ -f "${dir}/$plugin" ]] && source "${dir}/$plugin"\n` +
    "done\nunset plugin plugins\n"
  );
}

export function zshPluginsModule(a: EvalArgs, imports: readonly Lazy[]) {
  return defineModule({
    file: FILE,
    path: "programs.zsh",
    imports,
    options: {
      plugins: option({
        type: t.listOf(ty.submodule<Plugin>(pluginModule(a))),
        default: [],
        example: '[ { name = "wd"; src = pkgs.zsh-wd; file = "share/wd/wd.plugin.zsh"; functions = [ "share/zsh/site-functions" ]; } ]',
        description: "Plugins sourced in `.zshrc`.",
      }),
    },
    config: ({ cfg, config, lib, arg }) => {
      const dir = () => zshPathsOf(config).pluginsDir;
      return mkIf(() => cfg.plugins.length > 0, {
        warnings: () => {
          const opts = arg("options") as { programs: { zsh: { plugins: AttrsView } } };
          const defs = opts.programs.zsh.plugins.definitionsWithLocations as readonly { file: string; value: JsValue }[];
          const out: string[] = [];
          for (const d of defs) {
            if (!Array.isArray(d.value)) continue;
            for (const v of d.value as readonly JsValue[]) {
              if (v !== null && typeof v === "object" && !Array.isArray(v) && "completions" in v)
                out.push(
                  `The option \`programs.zsh.plugins.*.completions' defined in ${libCall(lib, "showFiles", [d.file]) as string} ` +
                    "has been renamed to `programs.zsh.plugins.*.functions'.",
                );
            }
          }
          return out;
        },
        "home.file": () =>
          mkIf(config.bool("programs.zsh.enable"), Object.fromEntries(cfg.plugins.map((p) => [`${dir()}/${p.name}`, { source: p.src }]))),
        "programs.zsh.enableCompletion": () => mkDefault(true),
        "programs.zsh.initContent": () =>
          mkMerge([mkOrder(560, pluginDirsText(lib, dir(), cfg.plugins)), mkOrder(900, pluginSourceText(lib, dir(), cfg.plugins))]),
      });
    },
  });
}

export const zprofModule = defineModule({
  file: "modules/programs/zsh/plugins.ts#zprof",
  path: "programs.zsh.zprof",
  options: {
    enable: option({ type: t.bool, default: false, description: "Whether `.zshrc` profiles its own start-up with zprof." }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "programs.zsh.initContent": () => mkMerge([mkOrder(400, "zmodload zsh/zprof\n"), mkOrder(1450, "zprof")]),
    }),
});

export function zshAbbrModule(pkgs: () => AttrsView) {
  return defineModule({
    file: "modules/programs/zsh/plugins.ts#zsh-abbr",
    path: "programs.zsh.zsh-abbr",
    options: {
      enable: mkEnableOption("zsh-abbr - zsh manager for auto-expanding abbreviations"),
      package: option({
        type: t.package,
        default: () => pkgs()["zsh-abbr"] as AttrsView,
        defaultText: "pkgs.zsh-abbr",
        description: "The zsh-abbr package to use.",
      }),
      abbreviations: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { l: "less", gco: "git checkout" },
        description: "Abbreviations, expanded into their phrase once typed, by abbreviation.",
      }),
      globalAbbreviations: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { G: "| grep", L: "| less -R" },
        description: "Abbreviations expanded anywhere on a command line, by abbreviation.",
      }),
    },
    config: ({ cfg }) =>
      mkIf(() => cfg.enable, {
        "programs.zsh.plugins": () => [{ name: "zsh-abbr", src: cfg.package, file: "share/zsh/zsh-abbr/zsh-abbr.plugin.zsh" }],
        "xdg.configFile": () => {
          const lines = (flag: string, abbrs: Readonly<Record<string, string>>) =>
            Object.keys(abbrs).map((k) => `abbr ${flag}${escapeShellArg(k)}=${escapeShellArg(abbrs[k]!)}`);
          const all = [...lines("", cfg.abbreviations), ...lines("-g ", cfg.globalAbbreviations)];
          return { "zsh-abbr/user-abbreviations": { text: `${all.join("\n")}\n` } };
        },
      }),
  });
}
