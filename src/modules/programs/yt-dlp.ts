/**
 * `programs.yt-dlp`: yt-dlp, a video downloader. Installs `package`; when
 * `settings` or `extraConfig` is not empty writes
 * `$XDG_CONFIG_HOME/yt-dlp/config`: one line per setting in name order
 * (`--name value`; `true` gives `--name`, `false` `--no-name`; a list one
 * line per element), then `extraConfig`, empty parts left out, the whole
 * ending with a newline.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { ty } from "../module-kit.js";

const FILE = "modules/programs/yt-dlp.ts";

type Atom = boolean | number | string;
export type YtDlpSettings = Readonly<Record<string, Atom | readonly Atom[]>>;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One command-line flag of the config file. */
function flag(name: string, v: Atom): string {
  if (typeof v === "boolean") return v ? `--${name}` : `--no-${name}`;
  return `--${name} ${String(v)}`;
}

/** The text of yt-dlp's config file. */
export function ytDlpConfigText(settings: YtDlpSettings, extraConfig: string): string {
  const parts = Object.keys(settings)
    .sort(byCodeUnits)
    .map((k) => {
      const v = settings[k]!;
      return (Array.isArray(v) ? (v as readonly Atom[]) : [v as Atom]).map((x) => flag(k, x)).join("\n");
    });
  return [...parts, extraConfig].filter((p) => p !== "").join("\n") + "\n";
}

const atom = ty.oneOf<Atom>([t.bool, t.int, t.str]);

export const ytDlpModule = defineModule({
  file: FILE,
  path: "programs.yt-dlp",
  options: {
    enable: mkEnableOption("yt-dlp"),
    package: mkPackageOption("yt-dlp"),
    settings: option({
      type: t.attrsOf(t.either(atom, t.listOf(atom))),
      default: {},
      example: {
        "embed-thumbnail": true,
        "sub-langs": "all",
        downloader: "aria2c",
        color: ["stdout:no_color", "stderr:always"],
      },
      description:
        "Options for {file}`$XDG_CONFIG_HOME/yt-dlp/config`, by their long names (`update = true;`, not `U`); " +
        "`false` writes the `--no-` form. Short options go in `extraConfig`. yt-dlp's README explains the options " +
        "(https://github.com/yt-dlp/yt-dlp#configuration).",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "--update\n-F\n",
      description: "Lines added to {file}`$XDG_CONFIG_HOME/yt-dlp/config` after `settings`.",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "xdg.configFile": () =>
        mkIf(Object.keys(cfg.settings).length > 0 || cfg.extraConfig !== "", {
          "yt-dlp/config": { text: ytDlpConfigText(cfg.settings, cfg.extraConfig) },
        }),
    }),
});
