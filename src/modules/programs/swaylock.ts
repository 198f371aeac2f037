/**
 * `programs.swaylock`: the swaylock screen locker (Linux only). Installs
 * `package` (when not null) and, when `settings` is not empty, writes
 * `$XDG_CONFIG_HOME/swaylock/config`: one line per setting in attribute
 * order, `true` as the bare key, `false` left out, anything else as
 * `key=value`. Before state version 23.05 the module is enabled by default
 * when settings are given.
 */
import { defineModule, mkIf, mkPackageOption, option, t, toJs } from "../../module-system/index.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixPath, type NixAttrs, type Value } from "../../nix/values.js";
import { libCall, rawAttr, textOfValue, ty, versionAtLeast } from "../module-kit.js";

const FILE = "modules/programs/swaylock.ts";

type Setting = boolean | number | string;

/** Attribute names in Nix's order (byte-wise). */
const nixSorted = (names: readonly string[]): string[] => [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

/**
 * The text of swaylock's `config` file, from settings whose values other than
 * booleans are already rendered as Nix's string interpolation would.
 */
export function swaylockConfigText(settings: Readonly<Record<string, boolean | string>>): string {
  let out = "";
  for (const k of nixSorted(Object.keys(settings))) {
    const v = settings[k]!;
    if (v === false) continue;
    out += v === true ? `${k}\n` : `${k}=${v}\n`;
  }
  return out;
}

/** A setting's value as text: integers and floats as `toString` prints them, paths copied to the store. */
function settingText(lib: NixAttrs, raw: Value): boolean | string {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "bigint") return String(raw);
  if (typeof raw === "number") return floatToString(raw);
  if (raw instanceof NixPath) return String(libCall(lib, "concatStrings", [raw]));
  return textOfValue(raw) ?? String(toJs(raw));
}

type Cfg = { home: { stateVersion: string }; programs: { swaylock: { settings: Readonly<Record<string, Setting>> } } };

export const swaylockModule = defineModule({
  file: FILE,
  path: "programs.swaylock",
  options: {
    enable: option({
      type: t.bool,
      default: (a) => {
        const c = a.arg("config") as Cfg;
        return !versionAtLeast(c.home.stateVersion, "23.05") && Object.keys(c.programs.swaylock.settings).length > 0;
      },
      defaultText: "true  if state version < 23.05 and settings ≠ { },\nfalse otherwise\n",
      example: true,
      description:
        "Whether to enable swaylock.\n\n" +
        "swaylock authenticates through PAM, which has to be set up for it outside Home Manager " +
        "(on NixOS for instance with `security.pam.services.swaylock = {};`, which the NixOS sway module " +
        "already does). On other distributions, prefer the distribution's swaylock: set " +
        "{option}`programs.swaylock.package` to `null` so Home Manager does not install its own.",
    }),
    package: mkPackageOption("swaylock", { nullable: true }),
    settings: option({
      type: t.attrsOf(ty.oneOf<Setting>([t.bool, t.float, t.int, t.path, t.str])),
      default: {},
      example: {
        color: "808080",
        "font-size": 24,
        "indicator-idle-visible": false,
        "indicator-radius": 100,
        "line-color": "ffffff",
        "show-failed-attempts": true,
      },
      description:
        "Default command-line options of {command}`swaylock`, written to its configuration file; " + "leave empty to write no file.",
    }),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "programs.swaylock", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      'xdg.configFile."swaylock/config"': () =>
        mkIf(Object.keys(cfg.settings).length > 0, {
          text: swaylockConfigText(
            Object.fromEntries(Object.keys(cfg.settings).map((k) => [k, settingText(lib, force(rawAttr(cfg.settings, k)))])),
          ),
        }),
    }),
});
