/**
 * `qt.kde.settings`: KDE configuration values set at activation with
 * `kwriteconfig6` (file → groups … → key → value; `null` deletes the entry),
 * after which KWin is asked to reconfigure and KGlobalSettings is notified.
 */
import { defineModule, mkIf, option, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { LazyType, type OptionType } from "../../../module-system/option-type.js";
import { escapeShellArg, libCall, nixToString, toStringOfAttr } from "../../module-kit.js";

const FILE = "modules/misc/qt/kconfig.ts";

/** `nullOr (oneOf [ bool int float str path (attrsOf <itself>) ])`, described as a KDE option value. */
const valueType = new TsType<JsValue>((ms) => {
  const T = ms.types;
  const self: OptionType = new LazyType(ms, () => value);
  const value = T.override(T.nullOr(T.oneOf([T.bool, T.int, T.float, T.str, T.path, T.attrsOf(self)])), {
    description: "KDE option value",
  });
  return value;
});

export const kconfigModule = defineModule({
  file: FILE,
  path: "qt.kde",
  options: {
    settings: option({
      type: new TsType<Readonly<Record<string, JsValue>>>((ms) => ms.types.attrsOf(valueType.build(ms))),
      default: {},
      example: { powermanagementprofilesrc: { AC: { HandleButtonEvents: { lidAction: 32 } } } },
      description:
        "Values written with {command}`kwriteconfig6` during activation: the first level names the file in " +
        "`$XDG_CONFIG_HOME`, inner levels the groups, the last the key. A `null` value deletes the entry.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const script = () => {
      const kde = pkgs.kdePackages as AttrsView;
      const kwrite = `${nixToString(kde.kconfig!)}/bin/kwriteconfig6`;
      const configHome = config.str("xdg.configHome");
      const valueArgs = (v: JsValue, parent: AttrsView, key: string) =>
        v === null
          ? "--delete"
          : typeof v === "boolean"
            ? `--type bool -- ${v ? "true" : "false"}`
            : `-- ${escapeShellArg(toStringOfAttr(lib, parent, key))}`;
      const lines: string[] = [];
      const walk = (file: string, path: string[], parent: AttrsView, key: string) => {
        const v = parent[key]!;
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
          const keys = Object.keys(v).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
          for (const k of keys) walk(file, [...path, k], v as AttrsView, k);
          return;
        }
        const groups = path
          .slice(0, -1)
          .map((g) => `--group ${escapeShellArg(g)}`)
          .join(" ");
        lines.push(
          `run ${kwrite} --file '${configHome}/${file}' ${groups} --key ${escapeShellArg(path[path.length - 1]!)} ${valueArgs(v, parent, key)}`,
        );
      };
      const settings = cfg.settings;
      for (const f of Object.keys(settings).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))))
        walk(f, [], settings as AttrsView, f);
      return (
        lines.join("\n") +
        "\n\n" +
        `run ${nixToString((pkgs.kdePackages as AttrsView).qttools!)}/bin/qdbus org.kde.KWin /KWin reconfigure || echo "KWin reconfigure failed"\n` +
        "for changeType in {0..10}; do\n" +
        `  run ${nixToString(pkgs.dbus!)}/bin/dbus-send /KGlobalSettings org.kde.KGlobalSettings.notifyChange int32:$changeType int32:0 || echo "KGlobalSettings.notifyChange $changeType failed"\n` +
        "done\n"
      );
    };
    return mkIf(() => Object.keys(cfg.settings).length > 0, {
      "home.activation.kconfig": () => libCall(lib, "hm.dag.entryAfter", ["writeBoundary"], script()),
    });
  },
});
