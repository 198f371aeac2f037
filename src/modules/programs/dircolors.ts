/**
 * `programs.dircolors`: manages GNU dircolors' database file and sets
 * `LS_COLORS` from it. The file holds `settings` as `NAME value` lines in name
 * order (with the database GNU ships as `mkDefault` entries), an empty line,
 * then `extraConfig`; it goes to `~/.dir_colors`, or to
 * `$XDG_CONFIG_HOME/dir_colors` when `home.preferXdgDirectories` is set.
 * Bash and Zsh (order 550, before Oh My Zsh) evaluate `dircolors -b`, fish
 * `dircolors -c`, and Nushell sources an env file made at build time.
 */
import { defineModule, mkDefault, mkIf, mkMerge, mkOrder, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/dircolors.ts";

/** GNU's default database (`dircolors --print-database`), as names grouped by their color. */
const DEFAULTS: ReadonlyArray<readonly [string, string]> = [
  ["0", "RESET"],
  ["01;34", "DIR"],
  ["01;36", "LINK"],
  ["00", "MULTIHARDLINK MISSING"],
  ["40;33", "FIFO"],
  ["01;35", "SOCK DOOR"],
  ["40;33;01", "BLK CHR"],
  ["40;31;01", "ORPHAN"],
  ["37;41", "SETUID"],
  ["30;43", "SETGID"],
  ["30;41", "CAPABILITY"],
  ["30;42", "STICKY_OTHER_WRITABLE"],
  ["34;42", "OTHER_WRITABLE"],
  ["37;44", "STICKY"],
  ["01;32", "EXEC"],
  [
    "01;31",
    ".tar .tgz .arc .arj .taz .lha .lz4 .lzh .lzma .tlz .txz .tzo .t7z .zip .z .dz .gz .lrz .lz .lzo .xz .zst .tzst " +
      ".bz2 .bz .tbz .tbz2 .tz .deb .rpm .jar .war .ear .sar .rar .alz .ace .zoo .cpio .7z .rz .cab .wim .swm .dwm .esd",
  ],
  [
    "01;35",
    ".jpg .jpeg .mjpg .mjpeg .gif .bmp .pbm .pgm .ppm .tga .xbm .xpm .tif .tiff .png .svg .svgz .mng .pcx .mov .mpg " +
      ".mpeg .m2v .mkv .webm .ogm .mp4 .m4v .mp4v .vob .qt .nuv .wmv .asf .rm .rmvb .flc .avi .fli .flv .gl .dl .xcf " +
      ".xwd .yuv .cgm .emf .ogv .ogx",
  ],
  ["00;36", ".aac .au .flac .m4a .mid .midi .mka .mp3 .mpc .ogg .ra .wav .oga .opus .spx .xspf"],
];

/** The default settings, each at `mkDefault` priority. */
function defaultSettings(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [color, names] of DEFAULTS) for (const n of names.split(" ")) out[n] = mkDefault(color);
  return out;
}

/** The text of the database file: sorted `NAME value` lines, an empty line, then `extraConfig` (when not empty). */
export function dircolorsText(settings: Readonly<Record<string, string>>, extraConfig: string): string {
  const keys = Object.keys(settings).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [...keys.map((k) => `${k} ${settings[k]!}`), ""];
  if (extraConfig !== "") lines.push(extraConfig);
  return lines.join("\n");
}

export const dircolorsModule = defineModule({
  file: FILE,
  path: "programs.dircolors",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      description: "Whether to manage {file}`.dir_colors` and set `LS_COLORS` from it.",
    }),
    package: option({
      type: t.package,
      default: (args) => (args.pkgs as AttrsView).coreutils as AttrsView,
      defaultText: "pkgs.coreutils",
      description: "The package that provides {command}`dircolors`.",
    }),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableZshIntegration: integrationOption("Zsh"),
    enableNushellIntegration: integrationOption("Nushell"),
    settings: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { OTHER_WRITABLE: "30;46", ".sh": "01;32", ".csh": "01;32" },
      description:
        "Entries of the dircolors database, by name (a file type or an extension); they override GNU's defaults. " +
        "{command}`dircolors --print-database` shows what there is.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Lines added at the end of the dircolors database file.",
    }),
  },
  config: ({ cfg, config, lib, pkgs }) => {
    const preferXdg = () => config.bool("home.preferXdgDirectories");
    const dbPath = () => (preferXdg() ? `${config.str("xdg.configHome")}/dir_colors` : "~/.dir_colors");
    const exe = () => nixToString(libCall(lib, "getExe'", cfg.package, "dircolors"));
    const dbFile = (): JsValue => callNix(pkgs.writeText, "dir_colors", dircolorsText(cfg.settings, cfg.extraConfig));
    return mkIf(
      () => cfg.enable,
      mkMerge([
        {
          "programs.dircolors.settings": () => defaultSettings(),
          "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, `eval $(${exe()} -b ${dbPath()})\n`),
          "programs.fish.shellInit": () => mkIf(cfg.enableFishIntegration, `eval (${exe()} -c ${dbPath()})\n`),
          // Before Oh My Zsh and the user's own lines, so that they see `LS_COLORS`.
          "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, mkOrder(550, `eval $(${exe()} -b ${dbPath()})\n`)),
        },
        // A block of its own, so the env file is made only when the integration is on.
        mkIf(() => cfg.enableNushellIntegration, {
          "programs.nushell.extraEnv": () => {
            const script =
              `eval "$(${exe()} -b ${nixToString(dbFile())})"\n` + 'echo "export-env { \\$env.LS_COLORS = \\"$LS_COLORS\\" }" >> $out\n';
            return `source ${nixToString(callNix(pkgs.runCommand, "dircolors.nu", {}, script))}\n`;
          },
        }),
        mkIf(() => !preferXdg(), { 'home.file.".dir_colors".source': () => dbFile() }),
        mkIf(() => preferXdg(), { "xdg.configFile.dir_colors.source": () => dbFile() }),
      ]),
    );
  },
});
