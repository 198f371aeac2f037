/**
 * `programs.vim`: Vim with plugins and a generated vimrc. As in Home
 * Manager, the installed `package` is `packageConfigurable.customize`
 * (nixpkgs' `vim-full` by default) named `vim`, with a vimrc made of the
 * known `settings` (one `set` line each, in name order; `set x`/`set nox`
 * for booleans, lists joined by commas), a blank line and `extraConfig`,
 * and the plugins started from a `home-manager` package. `vim-sensible` is
 * always among the plugins. Plugins named by strings are looked up in
 * `pkgs.vimPlugins`, with a deprecation warning.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { toJs, toNix, TsType } from "../../module-system/index.js";
import { callFunction } from "../../nix/ops.js";
import { force } from "../../nix/values.js";
import { libCall } from "../module-kit.js";

const FILE = "modules/programs/vim.ts";

/** The settings `programs.vim.settings` knows, with their types. */
const KNOWN: Readonly<Record<string, TsType<unknown>>> = {
  background: t.enum(["dark", "light"] as const),
  backupdir: t.listOf(t.str),
  copyindent: t.bool,
  directory: t.listOf(t.str),
  expandtab: t.bool,
  hidden: t.bool,
  history: t.int,
  ignorecase: t.bool,
  modeline: t.bool,
  mouse: t.enum(["n", "v", "i", "c", "h", "a", "r"] as const),
  mousefocus: t.bool,
  mousehide: t.bool,
  mousemodel: t.enum(["extend", "popup", "popup_setpos"] as const),
  number: t.bool,
  relativenumber: t.bool,
  shiftwidth: t.int,
  smartcase: t.bool,
  tabstop: t.int,
  undodir: t.listOf(t.str),
  undofile: t.bool,
};

type Setting = boolean | number | string | readonly string[] | null;

const settingsModule = defineModule({
  file: FILE,
  key: `${FILE}#settings`,
  options: Object.fromEntries(
    Object.entries(KNOWN).map(([name, type]) => [name, option({ type: t.nullOr(type), default: null, visible: false })]),
  ),
});

const settingsType = new TsType<Readonly<Record<string, Setting>>>((ms) => ms.types.submodule([settingsModule.value]));

/** The `set` line of one setting ("" when it is unset). */
export function setLine(name: string, value: Setting): string {
  if (value === null) return "";
  if (typeof value === "boolean") return `set ${value ? "" : "no"}${name}`;
  return `set ${name}=${Array.isArray(value) ? value.join(",") : String(value)}`;
}

/** The vimrc: the `set` lines of the known settings in name order, a blank line, `extraConfig`. */
export function vimrcText(settings: Readonly<Record<string, Setting>>, extraConfig: string): string {
  const lines = Object.keys(KNOWN)
    .sort()
    .filter((n) => n in settings)
    .map((n) => setLine(n, settings[n]!))
    .filter((l) => l !== "");
  return `${lines.join("\n")}\n\n${extraConfig}\n`;
}

function call(f: JsValue | undefined, arg: unknown): JsValue {
  return toJs(callFunction(force(toNix(f)), toNix(arg)));
}

const quoted = (xs: readonly string[]) => xs.map((p) => `"${p}"`).join(", ");

export const vimModule = defineModule({
  file: FILE,
  path: "programs.vim",
  options: {
    enable: mkEnableOption("Vim"),
    plugins: option({
      type: t.listOf(t.either(t.str, t.package)),
      default: (args) => [((args.pkgs.vimPlugins as AttrsView)["vim-sensible"] as AttrsView)!],
      defaultText: "[ pkgs.vimPlugins.vim-sensible ]",
      example: "[ pkgs.vimPlugins.YankRing ]",
      description:
        "Plugins Vim starts with (packages from `pkgs.vimPlugins`). Names given as strings are looked up there, but that form is deprecated.",
    }),
    settings: option({
      type: settingsType,
      default: {},
      example: { expandtab: true, history: 1000, background: "dark" },
      description:
        "Vim options written as `set` lines at the top of the vimrc. Only these are known: " +
        `${Object.keys(KNOWN)
          .sort()
          .map((n) => `\`${n}\``)
          .join(", ")}. ` +
        "Put any other option in `programs.vim.extraConfig`.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "set nocompatible\nset nobackup\n",
      description: "Lines added to the vimrc after the settings.",
    }),
    package: option({
      type: t.package,
      readOnly: true,
      description: "The Vim that gets installed: `packageConfigurable` customised with the vimrc and the plugins.",
    }),
    packageConfigurable: mkPackageOption("vim-full", { extraDescription: "It is customised with the vimrc and the plugins." }),
    defaultEditor: option({
      type: t.bool,
      default: false,
      description: "Whether to make `vim` the default editor by setting `EDITOR` and `VISUAL` in the session.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const strings = () => cfg.plugins.filter((p): p is string => typeof p === "string");
    const plugins = () => {
      const vpkgs = pkgs.vimPlugins as AttrsView;
      return cfg.plugins.flatMap((p) => {
        if (typeof p !== "string") return [p];
        return libCall(lib, "hasAttr", p, vpkgs) === true ? [vpkgs[p]!] : [];
      });
    };
    return mkIf(() => cfg.enable, {
      assertions: () => {
        const vpkgs = pkgs.vimPlugins as AttrsView;
        const missing = strings().filter((p) => libCall(lib, "hasAttr", p, vpkgs) !== true);
        return [{ assertion: missing.length === 0, message: `Following VIM plugin not found in pkgs.vimPlugins: ${quoted(missing)}` }];
      },
      warnings: () =>
        strings().length > 0 ? [`Specifying VIM plugins using strings is deprecated, found ${quoted(strings())} as strings.\n`] : [],
      "home.packages": () => [cfg.package],
      "home.sessionVariables": () => mkIf(cfg.defaultEditor, { EDITOR: "vim", VISUAL: "vim" }),
      "programs.vim.package": () =>
        call((cfg.packageConfigurable as AttrsView).customize, {
          name: "vim",
          vimrcConfig: {
            customRC: vimrcText(cfg.settings, cfg.extraConfig),
            packages: { "home-manager": { start: plugins() } },
          },
        }),
      "programs.vim.plugins": () => [(pkgs.vimPlugins as AttrsView)["vim-sensible"]!],
    });
  },
});
