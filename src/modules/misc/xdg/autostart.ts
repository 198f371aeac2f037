/**
 * `xdg.autostart`: desktop entries started with the graphical session. The
 * files named by `entries` are gathered (as links) into one store directory
 * that becomes `$XDG_CONFIG_HOME/autostart`: linked file by file, so other
 * programs may still add entries there, or, with `readOnly`, linked as a
 * whole so that nothing else can. Nothing is written while the module is
 * off, or on with no entries and not read-only.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView } from "../../../module-system/index.js";
import { callFn, escapeShellArg, nixToString } from "../../module-kit.js";

const FILE = "modules/misc/xdg/autostart.ts";

export const xdgAutostartModule = defineModule({
  file: FILE,
  path: "xdg.autostart",
  options: {
    enable: mkEnableOption("creation of XDG autostart entries"),
    readOnly: option({
      type: t.bool,
      default: false,
      example: true,
      description:
        "Whether `$XDG_CONFIG_HOME/autostart` is one link to a read-only directory, so that programs cannot add entries of their own.",
    }),
    entries: option({
      type: t.listOf(t.path),
      default: [],
      example: ['"${pkgs.evolution}/share/applications/org.gnome.Evolution.desktop"'],
      description: "Desktop files to link into `$XDG_CONFIG_HOME/autostart`.",
    }),
  },
  config: ({ cfg, pkgs }) =>
    mkIf(() => cfg.enable && (cfg.readOnly || cfg.entries.length > 0), {
      "xdg.configFile.autostart": () => {
        const links = cfg.entries.map((e) => `ln -s ${escapeShellArg(nixToString(e))} $out`).join("\n");
        const source = callFn((pkgs as AttrsView).runCommandLocal, "xdg-autostart-entries", {}, `mkdir -p $out\n${links}\n`);
        return { source, recursive: !cfg.readOnly };
      },
    }),
});
