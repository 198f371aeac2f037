/**
 * `wayland.windowManager.sway.swaynag`: settings of swaynag, sway's message
 * bar, written as an INI file (`pkgs.formats.ini`) to
 * `~/.config/swaynag/config` when there are any. Sections are swaynag types;
 * the `<config>` section overrides every type's defaults.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView } from "../../../../module-system/index.js";
import { callFn, libCall, ty } from "../../../module-kit.js";

const FILE = "modules/services/window-managers/i3-sway/swaynag.ts";
const PATH = "wayland.windowManager.sway.swaynag";

const atom = ty.described(
  t.nullOr(ty.oneOf<string | number | boolean>([t.bool, t.int, t.float, t.str])),
  "Swaynag config atom (null, bool, int, float, str)",
);

export const swaynagModule = defineModule({
  file: FILE,
  path: PATH,
  options: {
    enable: mkEnableOption("configuration of swaynag, a lightweight error bar for sway"),
    settings: option({
      type: t.attrsOf(t.attrsOf(atom)),
      default: {},
      example: { "<config>": { edge: "bottom", font: "Dina 12" }, green: { edge: "top", background: "00AA00", text: "FFFFFF" } },
      description:
        "swaynag's settings, by section, written to {file}`$XDG_CONFIG_HOME/swaynag/config`; see swaynag(5). " +
        "Settings of the `<config>` section override the defaults of every message type.",
    }),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", PATH, pkgs, libCall(lib, "platforms.linux"))],
      'xdg.configFile."swaynag/config"': () =>
        mkIf(Object.keys(cfg.settings).length > 0, {
          source: callFn((callFn((pkgs.formats as AttrsView).ini, {}) as AttrsView).generate, "swaynag.conf", cfg.settings),
        }),
    }),
});
