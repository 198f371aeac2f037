/**
 * `programs.neovim`: Neovim wrapped with its plugins and providers. As in
 * Home Manager, `finalPackage` is nixpkgs' `wrapNeovimUnstable package { … }`
 * (with the plugins, providers, aliases and wrapper arguments, and without
 * the packpath arguments, since the plugins are linked into
 * `$XDG_DATA_HOME/nvim/site/pack/hm` from `neovimUtils.packDir`), installed
 * in `home.packages`. `init.lua` gets the wrapper's Lua preamble (provider
 * settings, Lua search paths, a `source` of the Vimscript configuration;
 * see `lua-rc.ts`), `initLua`, and the Lua plugin configurations in a folded
 * block; `sideloadInitLua` passes it through wrapper arguments instead.
 * Plugins' `runtime` files go under `$XDG_CONFIG_HOME/nvim`, Fennel plugin
 * configurations are compiled to `nvim/lua/fennel-plugins.lua`, and coc.nvim
 * gets `coc-settings.json`. Before state version 26.05 a plugin's `type`
 * defaults to `viml` (with a warning for each entry that relies on it) and
 * the Python 3 and Ruby providers are on by default.
 */
import { force, type Lazy, type NixAttrs } from "../../../nix/values.js";
import { lazy } from "../../../module-system/nix-values.js";
import {
  defineModule,
  mkAfter,
  mkIf,
  mkMerge,
  mkOrder,
  toNix,
  type AttrsView,
  type JsValue,
  type Values,
} from "../../../module-system/index.js";
import { libCall, nixToString, perEvaluation, type EvalArgs } from "../../module-kit.js";
import { luaRcContent } from "./lua-rc.js";
import { call, isPackage, later } from "./nix-call.js";
import { FILE, jsonFormat, neovimOptions, pluginTypeDefault, SINCE, type PluginEntry } from "./options.js";

type Cfg = Values<ReturnType<typeof neovimOptions>>;

/** What the parts of the configuration share. */
interface Ctx {
  readonly a: EvalArgs;
  readonly cfg: Cfg;
  readonly lib: NixAttrs;
  readonly pkgs: () => AttrsView;
  /** `plugins`, plus coc.nvim when enabled. */
  readonly allPlugins: () => readonly unknown[];
  /** Every plugin as a full entry set. */
  readonly normalized: () => readonly PluginEntry[];
  /** The entries as nixpkgs' wrapper takes them: a config only for Vimscript. */
  readonly compatible: () => readonly { plugin: AttrsView | null; optional: boolean; config: string | null }[];
}

function makeCtx(a: EvalArgs, cfg: Cfg, lib: NixAttrs): Ctx {
  const allPlugins = (): unknown[] => [
    ...cfg.plugins,
    ...(cfg.coc.enable ? [{ type: "viml", plugin: cfg.coc.package, config: cfg.coc.pluginConfig, optional: false }] : []),
  ];
  let normalized: PluginEntry[] | undefined;
  const normalize = (): PluginEntry[] =>
    (normalized ??= allPlugins().map((x) => {
      const base = { type: pluginTypeDefault(a).effectiveDefault as string, plugin: null, config: null, optional: false, runtime: {} };
      return isPackage(x as JsValue) ? { ...base, plugin: x as AttrsView } : { ...base, ...(x as Partial<PluginEntry>) };
    }));
  return {
    a,
    cfg,
    lib,
    pkgs: () => a.pkgs(),
    allPlugins,
    normalized: normalize,
    compatible: () => normalize().map((p) => ({ plugin: p.plugin, optional: p.optional, config: p.type === "viml" ? p.config : null })),
  };
}

/** `(wrapNeovimUnstable package { … }).overrideAttrs { … }`, as Home Manager calls it. */
function wrappedNeovim(c: Ctx): AttrsView {
  const { cfg } = c;
  const extraMakeWrapperArgs = () =>
    cfg.extraPackages.length > 0 ? ["--suffix", "PATH", ":", libCall(c.lib, "makeBinPath", cfg.extraPackages) as string] : [];
  const w = call(c.pkgs().wrapNeovimUnstable, cfg.package, {
    withNodeJs: cfg.withNodeJs || cfg.coc.enable,
    plugins: c.compatible(),
    extraLuaPackages: cfg.extraLuaPackages,
    extraName: cfg.extraName,
    withPython3: cfg.withPython3,
    withRuby: cfg.withRuby,
    withPerl: cfg.withPerl,
    viAlias: cfg.viAlias,
    vimAlias: cfg.vimAlias,
    autowrapRuntimeDeps: cfg.autowrapRuntimeDeps,
    waylandSupport: cfg.waylandSupport,
    // The wrapper adds the Python dependencies the plugins declare to these itself.
    extraPython3Packages: cfg.extraPython3Packages,
    neovimRcContent: cfg.extraConfig,
    // Lazy: with `sideloadInitLua` these arguments depend on `initLua`, which reads attributes of this package.
    wrapperArgs: lazy(() => force(toNix([...cfg.extraWrapperArgs, ...extraMakeWrapperArgs()]))),
    wrapRc: false,
  }) as AttrsView;
  // Keep the wrapper from adding packpath/rtp arguments: the plugins are linked into the data directory.
  return call(w.overrideAttrs, { packpathDirs: { myNeovimPackages: { start: [], opt: [] } } }) as AttrsView;
}

/** The wrapper's `luaRcContent` when the package layer knows it, else the same text assembled here. */
function initLuaPreamble(c: Ctx): string {
  const { cfg, pkgs } = c;
  const fin = cfg.finalPackage;
  if (typeof fin.luaRcContent === "string") return fin.luaRcContent;
  const lua = cfg.package.lua as AttrsView;
  const vimrc = [...c.compatible().flatMap((p) => (p.config !== null ? [p.config] : [])), cfg.extraConfig].join("\n");
  const luaPkgs = call(cfg.extraLuaPackages, lua.pkgs) as readonly JsValue[];
  return luaRcContent({
    withNodeJs: cfg.withNodeJs || cfg.coc.enable,
    withPerl: cfg.withPerl,
    withRuby: cfg.withRuby,
    withPython3: cfg.withPython3,
    hosts: {
      node: () => `${nixToString(pkgs()["neovim-node-client"]!)}/bin/neovim-node-host`,
      perl: () => {
        const env = call((pkgs().perl as AttrsView).withPackages, (p: AttrsView) => [p.NeovimExt, p.Appcpanminus]);
        return `${nixToString(env)}/bin/perl`;
      },
      ruby: () => `${nixToString(fin.rubyEnv!)}/bin/neovim-ruby-host`,
      python3: () => `${nixToString(fin.python3Env!)}/bin/nvim-python3`,
    },
    luaEnv: luaPkgs.length > 0 ? () => nixToString(call(lua.withPackages, cfg.extraLuaPackages)) : undefined,
    vimrcFile: vimrc !== "" ? () => nixToString(call(pkgs().writeText, "init.vim", vimrc)) : undefined,
  });
}

/** Home Manager's warnings for plugin entries with a `config` but no `type` before 26.05. */
function pluginTypeWarnings(c: Ctx, options: JsValue): JsValue {
  const opts = options as { programs: { neovim: { plugins: AttrsView } } };
  return libCall(c.a.lib, "hm.deprecations.mkStateVersionListSubmoduleWarnings", {
    stateVersion: c.a.get("home.stateVersion"),
    since: SINCE,
    baseWarning: pluginTypeDefault(c.a).warning,
    definitions: opts.programs.neovim.plugins.definitionsWithLocations,
    shouldWarnEntry: libCall(c.a.lib, "hm.deprecations.mkListEntryOmittedFieldPredicate", { omittedField: "type", triggerField: "config" }),
    describeEntry: (entry: { value: JsValue }) => {
      const v = entry.value;
      const p = v !== null && typeof v === "object" && !Array.isArray(v) && "plugin" in v ? (v as AttrsView).plugin : null;
      return p !== null && p !== undefined ? `plugin \`${libCall(c.lib, "getName", p) as string}\`` : "a plugin entry";
    },
    extraEntryWarning: () => 'Set `type = "viml"` or `type = "lua"` on that plugin entry to make the config language explicit.',
  });
}

/** The Fennel plugin configurations compiled to Lua (with the Lua interpreter's `fennel`). */
function fennelPlugins(c: Ctx, source: string): JsValue {
  const jq = libCall(c.lib, "getExe", c.pkgs().jq) as string;
  const fennel = libCall(c.lib, "getExe", ((c.cfg.package.lua as AttrsView).pkgs as AttrsView).fennel) as string;
  return call(
    c.pkgs().runCommand,
    "fennel-plugins.lua",
    { fnlSrc: source, __structuredAttrs: true },
    `${jq} -rj '.fnlSrc' "$NIX_ATTRS_JSON_FILE" > fnlSrc\n${fennel} --compile fnlSrc > "$out"\n`,
  );
}

/** `generatedConfigs`: the non-null configurations of each language, joined by newlines. */
function generatedConfigs(c: Ctx): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const p of c.normalized()) {
    const g = groups.get(p.type) ?? [];
    if (p.config !== null) g.push(p.config);
    groups.set(p.type, g);
  }
  return Object.fromEntries([...groups].map(([k, v]) => [k, v.join("\n")]));
}

const folded = (title: string, content: string) => `-- ${title} {{{\n${content}\n-- }}}\n`;

function makeNeovim(a: EvalArgs) {
  return defineModule({
    file: FILE,
    key: `${FILE}#module`,
    path: "programs.neovim",
    options: neovimOptions(a),
    config: ({ cfg, lib, arg }) => {
      const c = makeCtx(a, cfg, lib);
      const generated = (lang: string): string => (cfg.generatedConfigs as Record<string, string>)[lang] ?? "";
      let preamble: string | undefined;
      const luaRc = () => (preamble ??= initLuaPreamble(c));
      return mkIf(() => cfg.enable, {
        warnings: () => pluginTypeWarnings(c, arg("options")),
        "programs.neovim.generatedConfigViml": () => cfg.extraConfig,
        "programs.neovim.generatedConfigs": () => generatedConfigs(c),
        "programs.neovim.finalPackage": () => wrappedNeovim(c),
        "home.packages": () => [cfg.finalPackage],
        "home.sessionVariables": () => mkIf(cfg.defaultEditor, { EDITOR: "nvim", VISUAL: "nvim" }),
        "home.shellAliases": () => mkIf(cfg.vimdiffAlias, { vimdiff: "nvim -d" }),
        "programs.neovim.extraWrapperArgs": () =>
          mkIf(cfg.sideloadInitLua && cfg.initLua !== "", [
            "--add-flags",
            `--cmd 'lua dofile("${nixToString(call(c.pkgs().writeText, "wrapper-init-lua", cfg.initLua))}")' `,
          ]),
        "programs.neovim.initLua": () =>
          mkMerge([
            mkIf(() => luaRc() !== "", mkOrder(200, later(luaRc))),
            mkIf(() => generated("lua") !== "", mkAfter(folded("user-associated plugin config", generated("lua")))),
            mkIf(
              () => generated("fennel") !== "",
              mkAfter("-- user-associated fennel plugin config {{{\nrequire('fennel-plugins')\n-- }}}\n"),
            ),
          ]),
        'xdg.dataFile."nvim/site/pack/hm"': () => ({
          enable: c.allPlugins().length > 0,
          source: later(() => {
            const info = call((c.pkgs().neovimUtils as AttrsView).makeVimPackageInfo, c.compatible()) as AttrsView;
            return `${nixToString(call((c.pkgs().neovimUtils as AttrsView).packDir, { hm: info.vimPackage }))}/pack/hm`;
          }),
        }),
        "xdg.configFile": () =>
          mkMerge([
            ...c.normalized().map((p) => p.runtime as unknown as JsValue),
            {
              "nvim/init.lua": mkIf(cfg.initLua !== "", { enable: !cfg.sideloadInitLua, text: cfg.initLua }),
              "nvim/coc-settings.json": mkIf(cfg.coc.enable, {
                source: later(() => call(jsonFormat(a).generate, "coc-settings.json", cfg.coc.settings)),
              }),
              "nvim/lua/fennel-plugins.lua": mkIf(generated("fennel") !== "", {
                source: later(() => fennelPlugins(c, generated("fennel"))),
              }),
            },
          ]),
      });
    },
  });
}

/** `programs.neovim`, with `extraLuaConfig` renamed to `initLua`. */
export const neovimModule = perEvaluation(FILE, (a): readonly Lazy[] => [
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "neovim", "extraLuaConfig"], ["programs", "neovim", "initLua"])),
  makeNeovim(a).value,
]);
