/**
 * `qt.kvantum`: Kvantum's global settings, written as INI to
 * `Kvantum/kvantum.kvconfig` (lists become comma-separated values), and theme
 * packages whose `share/Kvantum` contents are linked into `Kvantum/`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import { callNix, isEmpty, libCall, perEvaluation, ty, type EvalArgs } from "../../module-kit.js";

const FILE = "modules/misc/qt/kvantum.ts";

function makeKvantum(a: EvalArgs) {
  const listToValue = (v: readonly JsValue[]) => v.map((x) => String(libCall(a.lib, "generators.mkValueStringDefault", {}, x))).join(", ");
  const format = () => callNix((a.pkgs().formats as AttrsView).ini, { listToValue }) as AttrsView;
  const atom = new TsType<JsValue>((ms) => wrapType(ms, toNix(((format().lib as AttrsView).types as AttrsView).atom)));
  const section = ty.described(t.attrsOf(atom), "section of a kvconfig file");
  const general = defineModule({
    file: FILE,
    options: {
      theme: option({ type: t.nullOr(t.str), default: null, example: "KvAdapta", description: "The Kvantum theme used by default." }),
    },
  });
  const settingsModule = defineModule({
    file: FILE,
    options: {
      General: option({
        type: ty.submodule<AttrsView>(general, section),
        default: {},
        example: { theme: "KvAdapta" },
        description: "Kvantum's `General` section.",
      }),
      Applications: option({
        type: t.attrsOf(t.listOf(t.str)),
        default: {},
        example: { KvArc: ["app1", "app2"], KvFlat: ["app3"] },
        description: "Themes by application, overriding `qt.kvantum.settings.General.theme` for those applications.",
      }),
    },
  });
  return defineModule({
    file: FILE,
    path: "qt.kvantum",
    options: {
      enable: mkEnableOption("Kvantum configuration"),
      settings: option({
        type: ty.submodule<AttrsView>(settingsModule, t.attrsOf(section)),
        default: {},
        example: { General: { theme: "KvAdapta" }, SomethingElse: { foo: "bar" } },
        description: "Global settings written to {file}`$XDG_CONFIG_HOME/Kvantum/kvantum.kvconfig`.",
      }),
      themes: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.gruvbox-kvantum ]",
        description: "Theme packages whose `share/Kvantum` is linked into {file}`$XDG_CONFIG_HOME/Kvantum/`.",
      }),
    },
    config: ({ cfg, pkgs }) =>
      mkIf(() => cfg.enable, {
        'xdg.configFile."Kvantum"': () =>
          mkIf(cfg.themes.length > 0, {
            recursive: true,
            source: callNix(pkgs.symlinkJoin, { name: "kvantum-themes", paths: cfg.themes, stripPrefix: "/share/Kvantum" }),
          }),
        'xdg.configFile."Kvantum/kvantum.kvconfig"': () =>
          mkIf(!isEmpty(cfg.settings), { source: callNix(format().generate, "kvantum-config", cfg.settings) }),
      }),
  });
}

export const kvantumModule = perEvaluation(FILE, (a) => makeKvantum(a));
