/**
 * The options of `programs.neovim` and of one `plugins` entry, with Home
 * Manager's names, types and defaults. They are made per evaluation: the
 * plugin `type` and the Ruby and Python 3 provider defaults depend on
 * `home.stateVersion` (through `lib.hm.deprecations`), `runtime` is a file
 * set whose type closes over the home directory, and `coc.settings` has
 * the type of this evaluation's `pkgs.formats.json`.
 */
import {
  defineModule,
  mkEnableOption,
  mkPackageOption,
  option,
  t,
  TsType,
  toNix,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import { libCall, ty, type EvalArgs } from "../../module-kit.js";
import { fileType, type HomeFileValue } from "../../lib/file-type.js";
import { call } from "./nix-call.js";

export const FILE = "modules/programs/neovim/index.ts";
export const SINCE = "26.05";

type Fn = (arg: unknown) => JsValue;
type FileSet = Readonly<Record<string, HomeFileValue>>;

/** One entry of `plugins` given as a set (a plain package is normalised to one). */
export interface PluginEntry {
  readonly plugin: AttrsView | null;
  readonly config: string | null;
  readonly type: string;
  readonly optional: boolean;
  readonly runtime: FileSet;
}

/** `lib.hm.deprecations.mkStateVersionOptionDefault` for a default that changed in 26.05. */
export function stateVersionDefault(a: EvalArgs, optionPath: readonly string[], legacy: JsValue, current: JsValue): AttrsView {
  return libCall(a.lib, "hm.deprecations.mkStateVersionOptionDefault", {
    stateVersion: a.get("home.stateVersion"),
    since: SINCE,
    optionPath,
    legacy: { value: legacy },
    current: { value: current },
  }) as AttrsView;
}

export function pluginTypeDefault(a: EvalArgs): AttrsView {
  return stateVersionDefault(a, ["programs", "neovim", "plugins", "PLUGIN", "type"], "viml", "lua");
}

/** A provider switch whose default is on before 26.05 (through Home Manager's deprecation helper, which warns then). */
function providerOption(a: EvalArgs, name: string, description: string) {
  return option({
    type: t.bool,
    default: () => stateVersionDefault(a, ["programs", "neovim", name], true, false).default as boolean,
    defaultText: `if lib.versionAtLeast config.home.stateVersion "${SINCE}" then false else true`,
    description,
  });
}

/** `functionTo (listOf package)`: a function from a package set to packages. */
const selector = new TsType<Fn>((ms) => ms.types.functionTo(ms.types.listOf(ms.types.package)));

/** The type of `coc.settings`: that of `pkgs.formats.json { }`. */
function jsonType(a: EvalArgs) {
  return new TsType<JsValue>((ms) => wrapType(ms, toNix(jsonFormat(a).type)));
}

export function jsonFormat(a: EvalArgs): AttrsView {
  return call((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
}

/** One entry of `plugins` given as a set; its `type` default depends on the state version. */
function pluginModule(a: EvalArgs) {
  const ctx = { homeDirectory: () => a.get("home.homeDirectory") as string, pkgs: a.pkgs, lib: a.lib };
  return defineModule({
    file: FILE,
    key: `${FILE}#plugin`,
    options: {
      config: option({
        type: t.nullOr(t.lines),
        default: null,
        description: "Configuration of this plugin, in the language named by `type`.",
      }),
      type: option({
        type: t.either(t.enum(["lua", "viml", "teal", "fennel"] as const), t.str),
        default: () => pluginTypeDefault(a).effectiveDefault as string,
        defaultText: `if lib.versionAtLeast config.home.stateVersion "${SINCE}" then "lua" else "viml"`,
        description: "The language of `config`. Configurations of one language are gathered together.",
      }),
      optional: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether the plugin stays out of the start-up set (load it with `:packadd`).",
      }),
      plugin: option({
        type: t.nullOr(t.package),
        default: null,
        example: "pkgs.vimPlugins.nvim-treesitter",
        description: "The plugin package (usually from `pkgs.vimPlugins`).",
      }),
      runtime: option({
        type: fileType("programs.neovim.plugins._.runtime", "{var}`xdg.configHome/nvim`", () => "nvim", ctx) as TsType<FileSet>,
        default: {},
        example: { "ftplugin/c.vim": { text: "setlocal omnifunc=v:lua.vim.lsp.omnifunc" } },
        description: "Files this plugin needs in the Neovim configuration directory, by path below it.",
      }),
    },
  });
}

/** The options below `programs.neovim`. */
export function neovimOptions(a: EvalArgs) {
  const pkgs = () => a.pkgs();
  return {
    enable: mkEnableOption("Neovim"),
    package: mkPackageOption("neovim-unwrapped"),
    finalPackage: option({
      type: t.package,
      readOnly: true,
      description: "The Neovim that gets installed: `package` wrapped with the plugins, providers and wrapper arguments.",
    }),
    viAlias: option({ type: t.bool, default: false, description: "Whether `vi` runs `nvim` (a link in the wrapped package)." }),
    vimAlias: option({ type: t.bool, default: false, description: "Whether `vim` runs `nvim` (a link in the wrapped package)." }),
    vimdiffAlias: option({ type: t.bool, default: false, description: "Whether to add the shell alias `vimdiff` for `nvim -d`." }),
    defaultEditor: option({
      type: t.bool,
      default: false,
      description: "Whether to make `nvim` the default editor by setting `EDITOR` and `VISUAL` in the session.",
    }),
    withNodeJs: option({
      type: t.bool,
      default: false,
      description: "Whether to enable the Node.js provider (for plugins written for Node).",
    }),
    withPerl: option({ type: t.bool, default: false, description: "Whether to enable the Perl provider (for plugins written in Perl)." }),
    withPython3: providerOption(a, "withPython3", "Whether to enable the Python 3 provider (for plugins written in Python)."),
    withRuby: providerOption(a, "withRuby", "Whether to enable the Ruby provider (for plugins written in Ruby)."),
    extraPython3Packages: option({
      type: selector,
      default: () => ((_ps: unknown) => []) as unknown as Fn,
      defaultText: "ps: [ ]",
      example: "pyPkgs: with pyPkgs; [ python-language-server ]",
      description: "A function from the Python 3 package set to the packages the Python provider should have.",
    }),
    extraLuaPackages: option({
      type: selector,
      default: () => ((_ps: unknown) => []) as unknown as Fn,
      defaultText: "ps: [ ]",
      example: "luaPkgs: with luaPkgs; [ luautf8 ]",
      description: "A function from Neovim's Lua package set to Lua packages made available to `require`.",
    }),
    extraName: option({ type: t.str, default: "", description: "A suffix for the name of the wrapped package." }),
    autowrapRuntimeDeps: option({
      type: t.bool,
      default: true,
      description: "Whether the wrapper puts the runtime dependencies the plugins declare on `PATH`.",
    }),
    waylandSupport: option({
      type: t.bool,
      default: () => (pkgs().stdenv as AttrsView).isLinux as boolean,
      defaultText: "pkgs.stdenv.hostPlatform.isLinux",
      description: "Whether the wrapper provides Wayland clipboard support.",
    }),
    extraWrapperArgs: option({
      type: t.listOf(t.str),
      default: [],
      example: '[ "--suffix" "LIBRARY_PATH" ":" "${lib.makeLibraryPath [ pkgs.stdenv.cc.cc pkgs.zlib ]}" ]',
      description:
        "More arguments for `makeWrapper` when the wrapper is made, e.g. environment variables that tools installing " +
        "binaries themselves (mason.nvim) need.",
    }),
    extraPackages: option({
      type: t.listOf(t.package),
      default: [],
      example: "[ pkgs.shfmt ]",
      description: "Packages whose programs `nvim` finds on its `PATH` (added by the wrapper).",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "set nobackup\n",
      description: "Vimscript run at start-up, after the Vimscript plugin configurations.",
    }),
    sideloadInitLua: option({
      type: t.bool,
      default: false,
      description:
        "Whether to load `initLua` through the wrapper's arguments instead of writing `$XDG_CONFIG_HOME/nvim/init.lua`, " +
        "leaving that file to be managed by hand.",
    }),
    initLua: option({
      type: t.lines,
      default: "",
      example: "vim.opt.signcolumn = 'auto:1-3'\n",
      description:
        "Lua for `init.lua`. It already holds the wrapper's preamble and the Lua plugin configurations; " +
        "use `lib.mkBefore`, `lib.mkAfter` or `lib.mkOrder` to place your own lines.",
    }),
    plugins: option({
      type: t.listOf(t.either(t.package, ty.submodule<PluginEntry>(pluginModule(a)))),
      default: [],
      example: 'with pkgs.vimPlugins; [ vim-nix { plugin = vim-startify; config = "let g:startify_change_to_vcs_root = 0"; } ]',
      description:
        "Plugins to install: packages, or sets with the `plugin` and its `config` (in the language named by `type`), " +
        "whether it is `optional`, and `runtime` files.",
    }),
    coc: {
      enable: mkEnableOption("Coc"),
      package: mkPackageOption(["vimPlugins", "coc-nvim"]),
      settings: option({
        type: jsonType(a),
        default: {},
        example: { "suggest.noselect": true, languageserver: { haskell: { command: "haskell-language-server-wrapper" } } },
        description: "Settings written as JSON to `$XDG_CONFIG_HOME/nvim/coc-settings.json`.",
      }),
      pluginConfig: option({ type: t.lines, default: "", description: "Vimscript configuring coc.nvim." }),
    },
    generatedConfigViml: option({
      type: t.lines,
      visible: true,
      readOnly: true,
      description: "The Vimscript configuration this module generates.",
    }),
    generatedConfigs: option({
      type: t.attrsOf(t.lines),
      visible: true,
      readOnly: true,
      example: '{ viml = "map <leader> ,"; lua = "vim.opt.background = \\"dark\\""; }',
      description: "The plugin configurations this module gathered, by language (the plugins' `type`).",
    }),
  };
}
