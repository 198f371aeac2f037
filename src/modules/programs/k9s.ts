/**
 * `programs.k9s`: k9s, a terminal UI for Kubernetes clusters. Installs
 * `package` (unless null) and writes, as YAML (`pkgs.formats.yaml`), each
 * non-empty one of `settings` (`config.yaml`), `aliases`, `hotKeys`,
 * `plugins` and `views` (each nested under its own name in its file), plus
 * one `skins/<name>.yaml` per skin (YAML settings, or a file linked as it
 * is). When skins exist and `settings` names none in `k9s.ui.skin`, the
 * first skin by name is chosen. Files go under `$XDG_CONFIG_HOME/k9s`, or on
 * macOS without `xdg.enable` under `~/Library/Application Support/k9s`.
 * The old `skin`, `hotkey` and `plugin` options are renamed; nested
 * `alias`, `plugin` and `k9s.views` keys draw deprecation warnings.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, isEmpty, libCall, perEvaluation, rawAttr, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/k9s.ts";

const has = (v: JsValue, ...path: string[]): boolean => {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !(p in (cur as AttrsView))) return false;
    cur = (cur as AttrsView)[p]!;
  }
  return true;
};

function makeK9s(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const yamlType = new TsType<JsValue>((ms) => wrapType(ms, toNix(yaml().type)));
  const yamlOption = (file: string, what: string, example?: JsValue) =>
    option({
      type: yamlType,
      default: {} as JsValue,
      ...(example === undefined ? {} : { example }),
      description:
        `${what}, written as YAML to \`k9s/${file}\` in \`$XDG_CONFIG_HOME\` (macOS without \`xdg.enable\`: ` +
        "in `~/Library/Application Support`).",
    });
  return defineModule({
    file: FILE,
    path: "programs.k9s",
    options: {
      enable: mkEnableOption("k9s - Kubernetes CLI To Manage Your Clusters In Style"),
      package: mkPackageOption("k9s", { nullable: true }),
      settings: yamlOption("config.yaml", "k9s' settings (see <https://k9scli.io/topics/config/>)", { k9s: { refreshRate: 2 } }),
      skins: option({
        type: t.attrsOf(t.either(yamlType, t.path)),
        default: {},
        example: '{ my_blue_skin = { k9s = { body = { fgColor = "dodgerblue"; }; }; }; my_red_skin = ./red_skin.yaml; }',
        description:
          "Skins by name, each YAML settings or a YAML file, written to `k9s/skins/<name>.yaml` " +
          "(see <https://k9scli.io/topics/skins/>).",
      }),
      aliases: yamlOption("aliases.yaml", "Resource aliases (see <https://k9scli.io/topics/aliases/>)", { pp: "v1/pods" }),
      hotKeys: yamlOption("hotkeys.yaml", "Hot keys (see <https://k9scli.io/topics/hotkeys/>)", {
        "shift-0": { shortCut: "Shift-0", description: "Viewing pods", command: "pods" },
      }),
      plugins: yamlOption("plugins.yaml", "Plugins (see <https://k9scli.io/topics/plugins/>)"),
      views: yamlOption("views.yaml", "Column layouts of resource views (see <https://k9scli.io/topics/columns/>)", {
        "v1/pods": { columns: ["AGE", "NAMESPACE", "NAME", "IP", "NODE", "STATUS", "READY"] },
      }),
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const xdgConfig = () => !isDarwin() || config.bool("xdg.enable");
      const gen = (name: string, v: JsValue) => callNix(yaml().generate, name, v);
      const skinSetting = (): JsValue => {
        const names = Object.keys(cfg.skins).sort();
        return !has(cfg.settings, "k9s", "ui", "skin") && names.length > 0 ? { k9s: { ui: { skin: names[0]! } } } : {};
      };
      const skinFiles = () => {
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(cfg.skins)) {
          const raw = rawAttr(cfg.skins, name);
          const isPath = libCall(lib, "types.path.check", raw) === true;
          const key = xdgConfig() ? `k9s/skins/${name}.yaml` : `Library/Application Support/k9s/skins/${name}.yaml`;
          out[key] = { source: isPath ? raw : gen(`k9s-skin-${name}.yaml`, cfg.skins[name]!) };
        }
        return out;
      };
      const files = (prefix: string) => ({
        [`${prefix}config.yaml`]: mkIf(!isEmpty(cfg.settings), {
          source: gen("k9s-config", libCall(lib, "recursiveUpdate", skinSetting(), cfg.settings)),
        }),
        [`${prefix}aliases.yaml`]: mkIf(!isEmpty(cfg.aliases), { source: gen("k9s-aliases", { aliases: cfg.aliases }) }),
        [`${prefix}hotkeys.yaml`]: mkIf(!isEmpty(cfg.hotKeys), { source: gen("k9s-hotkeys", { hotKeys: cfg.hotKeys }) }),
        [`${prefix}plugins.yaml`]: mkIf(!isEmpty(cfg.plugins), { source: gen("k9s-plugins", { plugins: cfg.plugins }) }),
        [`${prefix}views.yaml`]: mkIf(!isEmpty(cfg.views), { source: gen("k9s-views", { views: cfg.views }) }),
        ...skinFiles(),
      });
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        warnings: () => [
          ...(has(cfg.aliases, "alias")
            ? ["Nested 'alias' key in programs.k9s.aliases is deprecated, move the contents directly under programs.k9s.aliases"]
            : []),
          ...(has(cfg.plugins, "plugin")
            ? ["Nested 'plugin' key in programs.k9s.plugins is deprecated, move the contents directly under programs.k9s.plugins"]
            : []),
          ...(has(cfg.views, "k9s", "views")
            ? ["Nested 'k9s.views' structure in programs.k9s.views is deprecated, move the contents directly under programs.k9s.views"]
            : []),
        ],
        "xdg.configFile": () => mkIf(xdgConfig(), files("k9s/")),
        "home.file": () => mkIf(!xdgConfig(), files("Library/Application Support/k9s/")),
      });
    },
  });
}

/** The module (made per evaluation: the settings types are this evaluation's `pkgs.formats.yaml`), with its renamed options. */
export const k9sModule = perEvaluation(FILE, (a) => [
  makeK9s(a).value,
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "k9s", "skin"], ["programs", "k9s", "skins", "skin"])),
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "k9s", "hotkey"], ["programs", "k9s", "hotKeys"])),
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "k9s", "plugin"], ["programs", "k9s", "plugins"])),
]);
