/**
 * The options of `programs.zsh` itself (Home Manager's `zsh/default.nix`):
 * package, `dotDir`, aliases, completion, the two syntax highlighters (as
 * submodules whose packages default from this evaluation's `pkgs`),
 * autosuggestions, keymap, variables and the `.zshrc`/`.zshenv`/… contents.
 * History, plugins, oh-my-zsh, prezto, zprof and zsh-abbr declare theirs in
 * their own files.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView, type OptionsDecl } from "../../../module-system/index.js";
import { ty, versionAtLeast } from "../../module-kit.js";

const FILE = "modules/programs/zsh/options.ts";

/** A package option defaulting to `pkgs.<name>` of this evaluation. */
export function pkgOption(pkgs: () => AttrsView, name: string, shown = name) {
  return option({
    type: t.package,
    default: () => pkgs()[name] as AttrsView,
    defaultText: `pkgs.${name}`,
    description: `The ${shown} package to use.`,
  });
}

function syntaxHighlighting(pkgs: () => AttrsView) {
  return defineModule({
    file: FILE,
    key: `${FILE}#syntaxHighlighting`,
    options: {
      enable: mkEnableOption("zsh syntax highlighting"),
      package: pkgOption(pkgs, "zsh-syntax-highlighting"),
      highlighters: option({
        type: t.listOf(t.str),
        default: [],
        defaultText: '[ "main" ]',
        example: ["brackets"],
        description:
          "Highlighters to turn on (see zsh-syntax-highlighting's `docs/highlighters.md`). The `main` highlighter " +
          "is always added; to leave it out, define this option with `mkForce`.",
      }),
      patterns: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { "rm -rf *": "fg=white,bold,bg=red" },
        description: "Styles of command lines matching a pattern (the `pattern` highlighter), by pattern.",
      }),
      styles: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { comment: "fg=black,bold" },
        description: "Styles of the highlighters' token kinds, by kind.",
      }),
    },
  });
}

function fastSyntaxHighlighting(pkgs: () => AttrsView) {
  return defineModule({
    file: FILE,
    key: `${FILE}#fastSyntaxHighlighting`,
    options: {
      enable: mkEnableOption("zsh fast syntax highlighting"),
      package: pkgOption(pkgs, "zsh-fast-syntax-highlighting"),
      theme: option({
        type: t.nullOr(t.str),
        default: null,
        example: "clean",
        description:
          "A theme selected at shell start with `fast-theme -q`. The choice persists in the plugin's own state, so " +
          "going back to null stops selecting it without undoing it (`fast-theme -r` does).",
      }),
      settings: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { use_brackets: "0", "chroma-,": "→chroma/-precommand.ch" },
        description: "Entries added to the `FAST_HIGHLIGHT` table, such as chroma handlers.",
      }),
    },
  });
}

const sessionValueType = t.nullOr(ty.oneOf<string | number | boolean>([t.str, t.path, t.int, t.float, t.bool]));

const lines = (what: string) => option({ type: t.lines, default: "", description: `Commands added to ${what}.` });

/** The declarations (under `programs.zsh`). */
export function zshOptions(pkgs: () => AttrsView) {
  return {
    enable: mkEnableOption("Z shell (Zsh)"),
    package: pkgOption(pkgs, "zsh"),
    autocd: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Whether typing a directory's name changes into it (`AUTO_CD`); null leaves Zsh's setting.",
    }),
    cdpath: option({ type: t.listOf(t.str), default: [], description: "Directories `cd` looks in for relative names (`cdpath`)." }),
    dotDir: option({
      type: t.nullOr(t.str),
      default: (a) => {
        const c = a.arg("config") as { home: AttrsView; xdg: AttrsView };
        const home = String(c.home.homeDirectory).replace(/\/$/, "");
        return c.xdg.enable === true && versionAtLeast(String(c.home.stateVersion), "26.05") ? `${String(c.xdg.configHome)}/zsh` : home;
      },
      defaultText:
        'if config.xdg.enable && lib.versionAtLeast config.home.stateVersion "26.05" then "${config.xdg.configHome}/zsh" ' +
        "else config.home.homeDirectory",
      example: '"${config.xdg.configHome}/zsh"',
      description:
        "The directory holding Zsh's startup files (`ZDOTDIR`). When it is not the home directory, `~/.zshenv` " +
        "only sources the one in this directory. Absolute, or (deprecated) relative to the home directory.",
    }),
    shellAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { ll: "ls -l", "..": "cd .." },
      description: "Aliases of interactive shells: each name stands for its command line.",
    }),
    shellGlobalAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { UUID: "$(uuidgen | tr -d \\n)", G: "| grep" },
      description: "Global aliases (`alias -g`), replaced wherever they appear on a command line.",
    }),
    dirHashes: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { docs: "$HOME/Documents", dl: "$HOME/Downloads" },
      description: "Named directories (`hash -d`), usable as `~name`.",
    }),
    enableCompletion: option({
      type: t.bool,
      default: true,
      description:
        'Whether to turn on completion. On NixOS, add `environment.pathsToLink = [ "/share/zsh" ];` to the system ' +
        "configuration so that system packages complete too.",
    }),
    completionInit: option({
      type: t.lines,
      default: "autoload -U compinit && compinit",
      description: "The commands that start completion, when it is on.",
    }),
    syntaxHighlighting: option({
      type: ty.submodule<{
        enable: boolean;
        package: AttrsView;
        highlighters: readonly string[];
        patterns: Readonly<Record<string, string>>;
        styles: Readonly<Record<string, string>>;
      }>(syntaxHighlighting(pkgs)),
      default: {} as never,
      description: "zsh-syntax-highlighting.",
    }),
    fastSyntaxHighlighting: option({
      type: ty.submodule<{ enable: boolean; package: AttrsView; theme: string | null; settings: Readonly<Record<string, string>> }>(
        fastSyntaxHighlighting(pkgs),
      ),
      default: {} as never,
      description: "zsh-fast-syntax-highlighting.",
    }),
    autosuggestion: {
      enable: option({ type: t.bool, default: false, description: "Whether to suggest completions from history as you type." }),
      highlight: option({
        type: t.nullOr(t.str),
        default: null,
        example: "fg=#ff00ff,bg=cyan,bold,underline",
        description: "The style of suggestions (see zshzle(1)).",
      }),
      strategy: option({
        type: t.listOf(t.enum(["history", "completion", "match_prev_cmd"] as const)),
        default: ["history"],
        description:
          "Where suggestions come from, tried in order (`ZSH_AUTOSUGGEST_STRATEGY`): `history`, `completion` " +
          "(needs the `zpty` module) or `match_prev_cmd`. An empty list leaves the variable unset, to be set elsewhere.",
      }),
    },
    defaultKeymap: option({
      type: t.nullOr(t.enum(["emacs", "viins", "vicmd"] as const)),
      default: null,
      example: "emacs",
      description: "The keymap selected at start.",
    }),
    sessionVariables: option({
      type: t.lazyAttrsOf(sessionValueType),
      default: {},
      example: { MAILCHECK: 30 },
      description: "Environment variables exported by Zsh sessions. A null value leaves the variable out.",
    }),
    initContent: option({
      type: t.lines,
      default: "",
      example: 'lib.mkOrder 1200 "echo hello"',
      description:
        "The contents of `.zshrc`, placed by order (`lib.mkOrder`): 500 (`mkBefore`) for early set-up, 550 before " +
        "completion starts, 1000 (the default) for general configuration, 1500 (`mkAfter`) last.",
    }),
    envExtra: lines("`.zshenv`"),
    profileExtra: lines("`.zprofile`"),
    loginExtra: lines("`.zlogin`"),
    logoutExtra: lines("`.zlogout`"),
    localVariables: option({
      type: t.attrs,
      default: {},
      example: { POWERLEVEL9K_LEFT_PROMPT_ELEMENTS: ["dir", "vcs"] },
      description: "Variables defined (not exported) near the top of `.zshrc`.",
    }),
    setOptions: option({
      type: t.listOf(t.str),
      default: [],
      example: ["EXTENDED_HISTORY", "RM_STAR_WAIT", "NO_BEEP"],
      description: "Zsh options to set (see zshoptions(1)); a `NO_` prefix unsets one.",
    }),
    siteFunctions: option({
      type: t.attrsOf(t.lines),
      default: {},
      example: { mkcd: 'mkdir --parents "$1" && cd "$1"\n' },
      description: "Functions installed in `share/zsh/site-functions` for autoloading (and marked with `autoload -Uz`), by name.",
    }),
  } satisfies OptionsDecl;
}
