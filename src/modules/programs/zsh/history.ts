/**
 * `programs.zsh.history` and `programs.zsh.historySubstringSearch` (Home
 * Manager's `zsh/history.nix`): history size, file and patterns at order 910
 * of `.zshrc`, the history options added first to `setOptions`
 * (`HIST_FCNTL_LOCK`, then those turned on, then `NO_` those turned off, each
 * group in name order), and zsh-history-substring-search with its key
 * bindings at order 1250. A relative history path is deprecated (a warning);
 * one with shell variables is kept for the shell to expand.
 */
import { defineModule, mkEnableOption, mkMerge, mkOrder, option, t, type AttrsView } from "../../../module-system/index.js";
import type { EvalArgs } from "../../module-kit.js";
import { escapeShellArg, nixToString, ty } from "../../module-kit.js";
import { zshPaths } from "./paths.js";

const FILE = "modules/programs/zsh/history.ts";

interface History {
  readonly append: boolean;
  readonly size: number;
  readonly save: number;
  readonly path: string;
  readonly ignorePatterns: readonly string[];
  readonly ignoreDups: boolean;
  readonly ignoreAllDups: boolean;
  readonly saveNoDups: boolean;
  readonly findNoDups: boolean;
  readonly ignoreSpace: boolean;
  readonly expireDuplicatesFirst: boolean;
  readonly extended: boolean;
  readonly share: boolean;
}

interface SubstringSearch {
  readonly enable: boolean;
  readonly searchUpKey: string | readonly string[];
  readonly searchDownKey: string | readonly string[];
}

const flag = (dflt: boolean, description: string) => option({ type: t.bool, default: dflt, description });

function historyModule(defaultPath: () => string) {
  return defineModule({
    file: FILE,
    key: `${FILE}#history`,
    options: {
      append: flag(
        false,
        "Whether sessions append their history to the file as they exit instead of replacing it, so parallel sessions " +
          "all add their entries. The file is still rewritten to trim it once it grows 20% beyond `save` lines.",
      ),
      size: option({ type: t.int, default: 10000, description: "How many history lines a session keeps." }),
      save: option({
        type: t.int,
        default: (a) => (a.arg("config") as { size: number }).size,
        defaultText: "10000",
        description: "How many history lines the history file keeps.",
      }),
      path: option({
        type: t.str,
        default: () => `${defaultPath()}/.zsh_history`,
        defaultText: "`${config.programs.zsh.dotDir}/.zsh_history`",
        example: "`${config.xdg.dataHome}/zsh/zsh_history`",
        description: "The history file.",
      }),
      ignorePatterns: option({
        type: t.listOf(t.str),
        default: [],
        example: ["rm *", "pkill *"],
        description: "Shell patterns of command lines never entered into the history.",
      }),
      ignoreDups: flag(true, "Whether a command line equal to the previous one is left out of the history."),
      ignoreAllDups: flag(false, "Whether entering a command line removes its older duplicates from the history."),
      saveNoDups: flag(false, "Whether duplicates are left out when the history file is written."),
      findNoDups: flag(false, "Whether history search skips lines already found."),
      ignoreSpace: flag(true, "Whether command lines starting with a space are left out of the history."),
      expireDuplicatesFirst: flag(false, "Whether duplicates go first when the history is trimmed."),
      extended: flag(false, "Whether the history file records timestamps."),
      share: flag(true, "Whether sessions share their history as they go."),
    },
  });
}

const substringSearchModule = defineModule({
  file: FILE,
  key: `${FILE}#historySubstringSearch`,
  options: {
    enable: mkEnableOption("history substring search"),
    searchUpKey: option({
      type: t.either(t.listOf(t.str), t.str),
      default: ["^[[A"],
      description: "Key codes searching upwards. `^[[A` is often the Up key; if not, try `$terminfo[kcuu1]`.",
    }),
    searchDownKey: option({
      type: t.either(t.listOf(t.str), t.str),
      default: ["^[[B"],
      description: "Key codes searching downwards. `^[[B` is often the Down key; if not, try `$terminfo[kcud1]`.",
    }),
  },
});

/** The history options in name order (`autocd` last, lower case sorting after upper). */
export function historyOptionNames(h: History, autocd: boolean | null): string[] {
  const opts: Record<string, boolean> = {
    APPEND_HISTORY: h.append,
    HIST_IGNORE_DUPS: h.ignoreDups,
    HIST_IGNORE_ALL_DUPS: h.ignoreAllDups,
    HIST_SAVE_NO_DUPS: h.saveNoDups,
    HIST_FIND_NO_DUPS: h.findNoDups,
    HIST_IGNORE_SPACE: h.ignoreSpace,
    HIST_EXPIRE_DUPS_FIRST: h.expireDuplicatesFirst,
    SHARE_HISTORY: h.share,
    EXTENDED_HISTORY: h.extended,
  };
  if (autocd !== null) opts.autocd = autocd;
  const names = Object.keys(opts).sort();
  return ["HIST_FCNTL_LOCK", ...names.filter((n) => opts[n]), ...names.filter((n) => !opts[n]).map((n) => `NO_${n}`)];
}

const toList = (x: string | readonly string[]): readonly string[] => (typeof x === "string" ? [x] : x);

const RELATIVE_WARNING = (p: string) =>
  "Using relative paths in programs.zsh.history.path is deprecated and will be removed in a future release.\n" +
  "Consider using absolute paths or home-manager config options instead.\n" +
  "You can replace relative paths or environment variables with options like:\n" +
  "- config.home.homeDirectory (user's home directory)\n" +
  "- config.xdg.configHome (XDG config directory)\n" +
  "- config.xdg.dataHome (XDG data directory)\n" +
  "- config.xdg.cacheHome (XDG cache directory)\n" +
  `Current history.path: ${p}\n`;

export function zshHistoryModule(a: EvalArgs) {
  const paths = () => zshPaths(a.get("home.homeDirectory") as string);
  const dotDirAbs = () => paths().mkAbsPathStr((a.get("programs.zsh.dotDir") as string | null) ?? "");
  return defineModule({
    file: FILE,
    path: "programs.zsh",
    options: {
      history: option({
        type: ty.submodule<History>(historyModule(dotDirAbs)),
        default: {} as History,
        description: "Command history.",
      }),
      historySubstringSearch: option({
        type: ty.submodule<SubstringSearch>(substringSearchModule),
        default: {} as SubstringSearch,
        description: "zsh-history-substring-search.",
      }),
    },
    // Unconditional, as in Home Manager: these only reach files when Zsh is enabled.
    config: ({ cfg, config, pkgs }) => ({
      warnings: () => {
        const p = cfg.history.path;
        return !p.startsWith("/") && !p.includes("$") ? [RELATIVE_WARNING(p)] : [];
      },
      "programs.zsh.setOptions": () => historyOptionNames(cfg.history, config.get("programs.zsh.autocd") as boolean | null),
      "programs.zsh.initContent": () => {
        const h = cfg.history;
        const parts: unknown[] = [
          mkOrder(
            910,
            "# History options should be set in .zshrc and after oh-my-zsh sourcing.\n" +
              "# See https://github.com/nix-community/home-manager/issues/177.\n" +
              `HISTSIZE="${h.size}"\nSAVEHIST="${h.save}"\n` +
              (h.ignorePatterns.length > 0 ? `HISTORY_IGNORE=${escapeShellArg(`(${h.ignorePatterns.join("|")})`)}` : "") +
              `\nHISTFILE="${paths().mkShellVarPathStr(h.path)}"\nmkdir -p "$(dirname "$HISTFILE")"\n`,
          ),
        ];
        const s = cfg.historySubstringSearch;
        if (s.enable) {
          const pkg = nixToString((pkgs as AttrsView)["zsh-history-substring-search"]!);
          parts.push(
            mkOrder(
              1250,
              `source ${pkg}/share/zsh-history-substring-search/zsh-history-substring-search.zsh\n` +
                toList(s.searchUpKey)
                  .map((k) => `bindkey "${k}" history-substring-search-up`)
                  .join("\n") +
                "\n" +
                toList(s.searchDownKey)
                  .map((k) => `bindkey "${k}" history-substring-search-down`)
                  .join("\n") +
                "\n",
            ),
          );
        }
        return mkMerge(parts);
      },
    }),
  });
}
