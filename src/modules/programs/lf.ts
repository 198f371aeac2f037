/**
 * `programs.lf`: the lf terminal file manager. Installs `package` and writes
 * `$XDG_CONFIG_HOME/lf/lfrc` as six blocks separated by blank lines, in this
 * order: `set` lines from `settings`, `cmd` lines from `commands`, `map`
 * lines from `keybindings`, `cmap` lines from `cmdKeybindings`, the
 * previewer lines and `extraConfig`. Each block lists its names sorted; a
 * command or key whose value is null or empty is written bare (which makes
 * lf delete it).
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { libCall, nixToString, rawAttr, ty } from "../module-kit.js";

const FILE = "modules/programs/lf.ts";

type LfSetting = string | number | boolean | readonly (string | number)[];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One `set` line: booleans as `name`/`noname`, lists joined by `:` and quoted, strings quoted. */
export function lfSettingLine(name: string, v: LfSetting): string {
  if (typeof v === "boolean") return `set ${v ? "" : "no"}${name}`;
  if (Array.isArray(v)) return `set ${name} "${v.map(String).join(":")}"`;
  if (typeof v === "number" || typeof v === "bigint") return `set ${name} ${String(v)}`;
  return `set ${name} "${String(v)}"`;
}

/** The lines `<word> <name>[ <value>]` of a command or key table, sorted by name. */
function bindingLines(word: string, table: Readonly<Record<string, string | null>>): string {
  return Object.keys(table)
    .sort(byName)
    .map((k) => {
      const v = table[k];
      return `${word} ${k}${v === null || v === undefined || v === "" ? "" : ` ${v}`}`;
    })
    .join("\n");
}

const bindingsOption = (description: string, example: Record<string, string | null>) =>
  option({ type: t.attrsOf(t.nullOr(t.str)), default: {}, example, description });

export const lfModule = defineModule({
  file: FILE,
  path: "programs.lf",
  options: {
    enable: mkEnableOption("lf"),
    package: mkPackageOption("lf"),
    settings: option({
      type: t.attrsOf(ty.oneOf<LfSetting>([t.str, t.int, t.listOf(t.either(t.str, t.int)), t.bool])),
      default: {},
      example: { tabstop: 4, number: true, ratios: [1, 1, 2] },
      description:
        "lf options, written as `set` lines (see lf's documentation): strings are double-quoted, lists joined " +
        "with `:`, and `false` gives `set no<name>`. Use `previewer.*` rather than a `previewer` setting.",
    }),
    commands: bindingsOption("Commands to define, by name; a null or empty value deletes the command.", {
      "get-mime-type": '%xdg-mime query filetype "$f"',
      open: "$$OPENER $f",
    }),
    keybindings: bindingsOption("Key bindings (`map`); a null or empty value unbinds the key.", {
      gh: "cd ~",
      D: "trash",
      gg: null,
    }),
    cmdKeybindings: bindingsOption(
      "Key bindings of the command line (`cmap`), each to one of lf's built-in commands; a null or empty value unbinds the key.",
      { "<c-g>": "cmd-escape" },
    ),
    previewer: {
      source: option({
        type: t.nullOr(t.path),
        default: null,
        example: 'pkgs.writeShellScript "pv.sh" "cat \\"$1\\""',
        description: "A script or program lf runs to preview files (lf's `previewer` option).",
      }),
      keybinding: option({
        type: t.nullOr(t.str),
        default: null,
        example: "i",
        description: "A key that runs the previewer on the current file and pages its output with `less -R`; null binds none.",
      }),
    },
    extraConfig: option({ type: t.lines, default: "", example: "$mkdir -p ~/.trash\n", description: "Lines appended to lfrc." }),
  },
  config: ({ cfg, config, lib }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "xdg.configFile": () => {
        const settings = Object.keys(cfg.settings)
          .sort(byName)
          .map((k) => lfSettingLine(k, cfg.settings[k]!))
          .join("\n");
        let previewer = "";
        if (cfg.previewer.source !== null) {
          // Interpolated as Nix would: a path is copied to the store first.
          const src = nixToString(libCall(lib, "concatStrings", [rawAttr(config.get("programs.lf.previewer"), "source")]));
          const key = cfg.previewer.keybinding;
          previewer = `set previewer ${src}\n` + (key === null ? "" : `map ${key} $${src} "$f" | less -R\n`) + "\n";
        }
        const blocks = [
          settings,
          bindingLines("cmd", cfg.commands),
          bindingLines("map", cfg.keybindings),
          bindingLines("cmap", cfg.cmdKeybindings),
          previewer,
          cfg.extraConfig,
        ];
        return { "lf/lfrc": { text: blocks.join("\n\n") + "\n" } };
      },
    }),
});
