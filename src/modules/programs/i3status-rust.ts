/**
 * `programs.i3status-rust`: the i3status-rust status bar (Linux only).
 * Installs `package` and writes one TOML file per bar,
 * `$XDG_CONFIG_HOME/i3status-rust/config-<bar>.toml` (`pkgs.formats.toml`):
 * the bar's `blocks` as `[[block]]`, its `theme` and `icons` (as
 * `[theme] theme = …` / `[icons] icons = …` from version 0.30.0 on, as plain
 * strings before), overridden by the bar's `settings`. Changing a file
 * signals running bars to reload. Versions 0.31.0 and 0.31.1 are refused.
 */
import {
  defineModule,
  float,
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
import { submoduleOf } from "../../module-system/ts-module.js";
import { callNix, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/i3status-rust.ts";

/** The blocks of a bar that does not list its own. */
const DEFAULT_BAR_BLOCKS = [
  { block: "cpu" },
  {
    block: "disk_space",
    path: "/",
    info_type: "available",
    interval: 20,
    warning: float(20),
    alert: float(10),
    format: " $icon root: $available.eng(w:2) ",
  },
  {
    block: "memory",
    format: " $icon $mem_total_used_percents.eng(w:2) ",
    format_alt: " $icon_swap $swap_used_percents.eng(w:2) ",
  },
  { block: "sound", click: [{ button: "left", cmd: "pavucontrol" }] },
  { block: "time", interval: 5, format: " $timestamp.datetime(f:'%a %d/%m %R') " },
];

/** The bars when none are given: a single bar named `default`. */
const DEFAULT_BARS = {
  default: {
    blocks: [
      { block: "disk_space", path: "/", info_type: "available", interval: 60, warning: float(20), alert: float(10) },
      { block: "memory", format: " $icon mem_used_percents ", format_alt: " $icon $swap_used_percents " },
      { block: "cpu", interval: 1 },
      { block: "load", interval: 1, format: " $icon $1m " },
      { block: "sound" },
      { block: "time", interval: 60, format: " $timestamp.datetime(f:'%a %d/%m %R') " },
    ],
  },
};

interface Bar {
  readonly blocks: JsValue;
  readonly settings: AttrsView;
  readonly icons: string;
  readonly theme: string;
}

function makeI3statusRust(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const settingsType = new TsType<JsValue>((ms) => wrapType(ms, toNix(toml().type)));
  const barType = submoduleOf(
    {
      blocks: option({
        type: settingsType,
        default: DEFAULT_BAR_BLOCKS as unknown as JsValue,
        example: [
          { block: "disk_space", path: "/", info_type: "available", interval: 60, warning: float(20), alert: float(10) },
          {
            block: "sound",
            format: " $icon $output_name {$volume.eng(w:2) |}",
            click: [{ button: "left", cmd: "pavucontrol --tab=3" }],
          },
        ] as unknown as JsValue,
        description:
          "The bar's blocks, each written as a `[[block]]` table; the blocks and their options are listed at " +
          "<https://github.com/greshake/i3status-rust/blob/master/blocks.md>.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: { theme: { theme: "solarized-dark", overrides: { idle_bg: "#123456", idle_fg: "#abcdef" } } },
        description: "More top-level settings of the bar's file; they take precedence over `theme` and `icons`.",
      }),
      icons: option({
        type: t.str,
        default: "none",
        example: "awesome6",
        description: "The icon set of the bar (see <https://github.com/greshake/i3status-rust/blob/master/doc/themes.md>).",
      }),
      theme: option({
        type: t.str,
        default: "plain",
        example: "gruvbox-dark",
        description: "The theme of the bar (see <https://github.com/greshake/i3status-rust/blob/master/doc/themes.md>).",
      }),
    },
    FILE,
  );
  return defineModule({
    file: FILE,
    path: "programs.i3status-rust",
    options: {
      enable: mkEnableOption("a replacement for i3-status written in Rust"),
      bars: option({
        type: t.attrsOf(barType),
        default: DEFAULT_BARS as unknown as Readonly<Record<string, never>>,
        example: { bottom: { icons: "awesome5", theme: "gruvbox-dark" } },
        description:
          "The bars, by name: each bar `<name>` gets its own file, `config-<name>.toml`, so that several bars " +
          "(say a top and a bottom one) can be configured. See i3status-rust(1).",
      }),
      package: mkPackageOption("i3status-rust"),
    },
    config: ({ cfg, pkgs, lib }) => {
      const version = () => String((cfg.package as AttrsView).version);
      const atLeast = (v: string) => libCall(lib, "versionAtLeast", version(), v) === true;
      return mkIf(() => cfg.enable, {
        assertions: () => [
          libCall(lib, "hm.assertions.assertPlatform", "programs.i3status-rust", pkgs, libCall(lib, "platforms.linux")),
          {
            assertion: libCall(lib, "versionOlder", version(), "0.31.0") === true || atLeast("0.31.2"),
            message: "Only i3status-rust <0.31.0 or ≥0.31.2 is supported due to a config format incompatibility.",
          },
        ],
        "home.packages": () => [cfg.package],
        "xdg.configFile": () => {
          const bars = cfg.bars as unknown as Readonly<Record<string, Bar>>;
          const nested = atLeast("0.30.0");
          const out: Record<string, unknown> = {};
          for (const [name, bar] of Object.entries(bars)) {
            const content = {
              theme: nested ? { theme: bar.theme } : bar.theme,
              icons: nested ? { icons: bar.icons } : bar.icons,
              block: bar.blocks,
              ...bar.settings,
            };
            out[`i3status-rust/config-${name}.toml`] = {
              onChange: `${nixToString(pkgs.procps!)}/bin/pkill -u $USER -USR2 i3status-rs || true\n`,
              source: callNix(toml().generate, `config-${name}.toml`, content),
            };
          }
          return out;
        },
      });
    },
  });
}

/** The module (made per evaluation: the block and settings type is this evaluation's `pkgs.formats.toml`). */
export const i3statusRustModule = perEvaluation(FILE, (a) => makeI3statusRust(a));
