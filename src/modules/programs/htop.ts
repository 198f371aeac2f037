/**
 * `programs.htop`: the htop process viewer. Installs `package`, publishes
 * helpers under `config.lib.htop` (column numbers `fields`, `defaultFields`,
 * meter `modes`, `leftMeters`/`rightMeters` and the meter makers `bar`,
 * `text`, `graph`, `led`, `blank`), and when `settings` is not empty links
 * `$XDG_CONFIG_HOME/htop` to a directory holding `htoprc`: `header_layout`
 * first if set, then every other setting in name order (with htop's default
 * `fields` unless given), one `name=value` line each, Booleans as `1`/`0`
 * and lists joined with spaces.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callFn, nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/htop.ts";

/** htop's column numbers, by name (some names share a number). */
export const HTOP_FIELDS: Readonly<Record<string, number>> = {
  PID: 0,
  COMM: 1,
  STATE: 2,
  PPID: 3,
  PGRP: 4,
  SESSION: 5,
  TTY: 6,
  TTY_NR: 6,
  TPGID: 7,
  MINFLT: 9,
  CMINFLT: 10,
  MAJFLT: 11,
  CMAJFLT: 12,
  UTIME: 13,
  STIME: 14,
  CUTIME: 15,
  CSTIME: 16,
  PRIORITY: 17,
  NICE: 18,
  STARTTIME: 20,
  PROCESSOR: 37,
  M_VIRT: 38,
  M_SIZE: 38,
  M_RESIDENT: 39,
  M_SHARE: 40,
  M_TRS: 41,
  M_DRS: 42,
  M_LRS: 43,
  M_DT: 44,
  ST_UID: 45,
  PERCENT_CPU: 46,
  PERCENT_MEM: 47,
  USER: 48,
  TIME: 49,
  NLWP: 50,
  TGID: 51,
  PERCENT_NORM_CPU: 52,
  ELAPSED: 53,
  SCHEDULERPOLICY: 54,
  CTID: 99,
  VPID: 100,
  RCHAR: 102,
  VXID: 102,
  WCHAR: 103,
  SYSCR: 104,
  SYSCW: 105,
  RBYTES: 106,
  WBYTES: 107,
  CNCLWB: 108,
  IO_READ_RATE: 109,
  IO_WRITE_RATE: 110,
  IO_RATE: 111,
  CGROUP: 112,
  OOM: 113,
  IO_PRIORITY: 114,
  M_PSS: 118,
  M_SWAP: 119,
  M_PSSWP: 120,
  CTXT: 121,
  SECATTR: 122,
  PROC_COMM: 123,
  PROC_EXE: 124,
  CWD: 125,
  AUTOGROUP_ID: 126,
  AUTOGROUP_NICE: 127,
  CCGROUP: 128,
  CONTAINER: 129,
  M_PRIV: 130,
  GPU_TIME: 131,
  GPU_PERCENT: 132,
  ISCONTAINER: 133,
};

const DEFAULT_FIELD_NAMES = [
  "PID",
  "USER",
  "PRIORITY",
  "NICE",
  "M_SIZE",
  "M_RESIDENT",
  "M_SHARE",
  "STATE",
  "PERCENT_CPU",
  "PERCENT_MEM",
  "TIME",
  "COMM",
] as const;

/** The columns htop shows by default. */
export const HTOP_DEFAULT_FIELDS: readonly number[] = DEFAULT_FIELD_NAMES.map((n) => HTOP_FIELDS[n]!);

/** Meter display modes. */
export const HTOP_MODES: Readonly<Record<string, number>> = { Bar: 1, Text: 2, Graph: 3, LED: 4 };

type Setting = boolean | number | string | readonly (number | string)[];

/** One `name=value` line's value: Booleans as 1/0, lists space-separated. */
function settingValue(v: Setting): string {
  return typeof v === "boolean" ? (v ? "1" : "0") : nixToString(v as JsValue);
}

/** The text of `htoprc` for `settings`, with `defaultFields` when `fields` is not set. */
export function htoprcText(settings: Readonly<Record<string, Setting>>, defaultFields: readonly number[]): string {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rest: Record<string, Setting> = { fields: defaultFields };
  for (const [k, v] of Object.entries(settings)) if (k !== "header_layout") rest[k] = v;
  const lines: string[] = [];
  if ("header_layout" in settings) lines.push(`header_layout=${settingValue(settings.header_layout!)}`);
  for (const k of Object.keys(rest).sort(byName)) lines.push(`${k}=${settingValue(rest[k]!)}`);
  return lines.join("\n") + "\n";
}

/** `{ <side>_meters = [names]; <side>_meter_modes = [modes]; }` from a list of one-meter sets. */
function sideMeters(side: string) {
  return (meters: readonly AttrsView[]) => {
    const names: string[] = [];
    const modes: JsValue[] = [];
    for (const m of meters)
      for (const k of Object.keys(m)) {
        names.push(k);
        modes.push(m[k]!);
      }
    return { [`${side}_meters`]: names, [`${side}_meter_modes`]: modes };
  };
}

const meter = (mode: number) => (name: string) => ({ [name]: mode });

const settingType = ty.oneOf<Setting>([t.bool, t.int, t.str, t.listOf(ty.oneOf<number | string>([t.int, t.str]))]);

export const htopModule = defineModule({
  file: FILE,
  path: "programs.htop",
  options: {
    enable: mkEnableOption("htop"),
    settings: option({
      type: t.attrsOf(settingType),
      default: {},
      example:
        "{ color_scheme = 6; delay = 15; fields = with config.lib.htop.fields; [ PID USER PERCENT_CPU PERCENT_MEM TIME COMM ]; } " +
        '// (with config.lib.htop; leftMeters [ (bar "AllCPUs2") (bar "Memory") ]) ' +
        '// (with config.lib.htop; rightMeters [ (text "Tasks") (text "Uptime") ])',
      description:
        "Settings written to {file}`$XDG_CONFIG_HOME/htop/htoprc`, one `name=value` line each. " +
        "`config.lib.htop` has helpers for columns and meters.",
    }),
    package: mkPackageOption("htop"),
  },
  config: ({ cfg, pkgs }) => {
    const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    return mkIf(() => cfg.enable, {
      "lib.htop": () => ({
        fields: HTOP_FIELDS,
        defaultFields: HTOP_DEFAULT_FIELDS,
        modes: HTOP_MODES,
        leftMeters: sideMeters("left"),
        rightMeters: sideMeters("right"),
        bar: meter(HTOP_MODES.Bar!),
        text: meter(HTOP_MODES.Text!),
        graph: meter(HTOP_MODES.Graph!),
        led: meter(HTOP_MODES.LED!),
        blank: meter(HTOP_MODES.Text!)("Blank"),
      }),
      "home.packages": () => [cfg.package],
      'xdg.configFile."htop"': () => {
        if (Object.keys(cfg.settings).length === 0) return mkIf(false, {});
        const fields = isDarwin() ? HTOP_DEFAULT_FIELDS.filter((f) => f !== HTOP_FIELDS.M_SHARE) : HTOP_DEFAULT_FIELDS;
        return { source: callFn(pkgs.writeTextDir, "htoprc", htoprcText(cfg.settings, fields)) };
      },
    });
  },
});
