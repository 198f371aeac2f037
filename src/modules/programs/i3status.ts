/**
 * `programs.i3status`: the i3status bar generator. Installs `package` (when
 * not null) and writes `$XDG_CONFIG_HOME/i3status/config`: the `general`
 * block (when not empty), one `order += "<name>"` line per enabled module by
 * ascending `position`, then each enabled module's block, blocks and keys in
 * attribute-name order. With `enableDefault` (the default) a stock set of
 * modules and general settings is defined at `mkDefault` priority.
 */
import { defineModule, mkDefault, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { floatToString } from "../../nix/coerce.js";
import { submoduleOf } from "../../module-system/ts-module.js";
import { ty } from "../module-kit.js";

const FILE = "modules/programs/i3status.ts";

type Setting = boolean | number | string;
type Settings = Readonly<Record<string, Setting>>;

const settingsType = t.attrsOf(ty.oneOf<Setting>([t.bool, t.int, t.str]));

/** Attribute names in Nix's order (byte-wise). */
const nixSorted = (names: readonly string[]): string[] => [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

function settingText(v: Setting): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return `"${v}"`;
  return Number.isInteger(v) ? String(v) : floatToString(v);
}

/** One `name { … }` block followed by an empty line. */
function blockText(name: string, settings: Settings): string {
  const lines = nixSorted(Object.keys(settings)).map((k) => `${k} = ${settingText(settings[k]!)}`);
  return `${name} {\n  ${lines.join("\n  ")}\n}\n`;
}

export interface I3statusModuleValue {
  readonly enable: boolean;
  readonly position: number;
  readonly settings: Settings;
}

/** The text of the i3status `config` file. */
export function i3statusConfigText(general: Settings, modules: Readonly<Record<string, I3statusModuleValue>>): string {
  const names = nixSorted(Object.keys(modules)).filter((n) => modules[n]!.enable);
  const byPosition = [...names].sort((a, b) => modules[a]!.position - modules[b]!.position);
  const parts: string[] = [];
  if (Object.keys(general).length > 0) parts.push(blockText("general", general));
  for (const n of byPosition) parts.push(`order += "${n}"`);
  for (const n of names) parts.push(blockText(n, modules[n]!.settings));
  return parts.join("\n");
}

const moduleType = submoduleOf(
  {
    enable: option({ type: t.bool, default: true, description: "Whether this i3status module is shown." }),
    position: option({
      type: t.either(t.int, t.float),
      description: "Where this module comes in i3status' `order` (lower values first).",
    }),
    settings: option({
      type: settingsType,
      default: {},
      example: { format: "♪ %volume", format_muted: "♪ muted (%volume)", device: "pulse:1" },
      description: "The settings of this module's block; see i3status(1).",
    }),
  },
  FILE,
);

/** What `enableDefault` adds: position and settings per module. */
const DEFAULT_MODULES: Readonly<Record<string, readonly [number, Readonly<Record<string, string>>]>> = {
  ipv6: [1, {}],
  "wireless _first_": [2, { format_up: "W: (%quality at %essid) %ip", format_down: "W: down" }],
  "ethernet _first_": [3, { format_up: "E: %ip (%speed)", format_down: "E: down" }],
  "battery all": [4, { format: "%status %percentage %remaining" }],
  "disk /": [5, { format: "%avail" }],
  load: [6, { format: "%1min" }],
  memory: [7, { format: "%used | %available", threshold_degraded: "1G", format_degraded: "MEMORY < %available" }],
  "tztime local": [8, { format: "%Y-%m-%d %H:%M:%S" }],
};

function defaultModules(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, [position, settings]] of Object.entries(DEFAULT_MODULES)) {
    const s = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, mkDefault(v)]));
    out[name] = Object.keys(s).length > 0 ? { position: mkDefault(position), settings: s } : { position: mkDefault(position) };
  }
  return out;
}

export const i3statusModule = defineModule({
  file: FILE,
  path: "programs.i3status",
  options: {
    enable: mkEnableOption("i3status"),
    enableDefault: option({
      type: t.bool,
      default: true,
      description: "Whether to start from this module's stock general settings and modules.",
    }),
    general: option({
      type: settingsType,
      default: {},
      example: { colors: true, color_good: "#e0e0e0", color_degraded: "#d7ae00", color_bad: "#f69d6a", interval: 1 },
      description: "The settings of the `general` block of i3status' `config`; see i3status(1).",
    }),
    modules: option({
      type: t.attrsOf(moduleType),
      default: {},
      example: {
        "volume master": {
          position: 1,
          settings: { format: "♪ %volume", format_muted: "♪ muted (%volume)", device: "pulse:1" },
        },
        "disk /": { position: 2, settings: { format: "/ %avail" } },
      },
      description: "The i3status modules, by name (such as `disk /`), each a block of i3status' `config`; see i3status(1).",
    }),
    package: mkPackageOption("i3status", { nullable: true }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "programs.i3status.general": () => mkIf(cfg.enableDefault, { colors: mkDefault(true), interval: mkDefault(5) }),
      "programs.i3status.modules": () => mkIf(cfg.enableDefault, defaultModules()),
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      'xdg.configFile."i3status/config".text': () =>
        i3statusConfigText(cfg.general as Settings, cfg.modules as Readonly<Record<string, I3statusModuleValue>>),
    }),
});
