/**
 * `programs.bash`: GNU Bash, with the files Home Manager writes for it.
 * `~/.bash_profile` reads `~/.profile` and `~/.bashrc`; `~/.profile` sources
 * `hm-session-vars.sh` and exports `sessionVariables`, then `profileExtra`;
 * `~/.bashrc` holds `bashrcExtra`, returns early for non-interactive shells,
 * then sets history variables, `shopt` options, aliases and `initExtra`;
 * `~/.bash_logout` holds `logoutExtra` when it is not empty. Each file is a
 * store text file named as Home Manager names it (`bashrc`, `profile`, …),
 * and every part is laid out byte for byte as Home Manager lays it out (an
 * empty part leaves its blank lines). Completion, when enabled, is sourced
 * first in `initExtra` (order 100), so other modules' snippets can rely on it.
 */
import { defineModule, mkEnableOption, mkIf, mkOrder, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/bash.ts";

const sessionValueType = t.nullOr(ty.oneOf<string | number | boolean>([t.str, t.path, t.int, t.float, t.bool]));

/** The `shopt` lines: a leading `-` unsets the option, anything else sets it. */
export function shoptLines(options: readonly string[]): string {
  return options.map((o) => (o.startsWith("-") ? `shopt -u ${o.slice(1)}` : `shopt -s ${o}`)).join("\n");
}

/** The history part of `.bashrc`: the variables in name order, then the history file's directory creation. */
export function historyLines(c: {
  historySize: number | null;
  historyFile: string | null;
  historyFileSize: number | null;
  historyControl: readonly string[];
  historyIgnore: readonly string[];
}): string {
  const vars: Record<string, string> = {};
  if (c.historyFileSize !== null) vars.HISTFILESIZE = String(c.historyFileSize);
  if (c.historySize !== null) vars.HISTSIZE = String(c.historySize);
  if (c.historyFile !== null) vars.HISTFILE = `"${c.historyFile}"`;
  if (c.historyControl.length > 0) vars.HISTCONTROL = c.historyControl.join(":");
  if (c.historyIgnore.length > 0) vars.HISTIGNORE = escapeShellArg(c.historyIgnore.join(":"));
  const lines = Object.keys(vars)
    .sort()
    .map((k) => `${k}=${vars[k]!}`);
  if (c.historyFile !== null) lines.push('mkdir -p "$(dirname "$HISTFILE")"');
  return lines.join("\n");
}

/** `alias -- name=value` lines, the value quoted for the shell. */
export function bashAliasLines(aliases: Readonly<Record<string, string>>): string {
  return Object.keys(aliases)
    .map((k) => `alias -- ${k}=${escapeShellArg(aliases[k]!)}`)
    .join("\n");
}

const lines = (description: string) => option({ type: t.lines, default: "", description });

export const bashModule = defineModule({
  file: FILE,
  path: "programs.bash",
  options: {
    enable: mkEnableOption("GNU Bourne-Again SHell"),
    package: option({
      type: t.nullOr(t.package),
      default: (a) => a.pkgs.bashInteractive as AttrsView,
      defaultText: "pkgs.bashInteractive",
      description: "The Bash package to install, or null to install none.",
    }),
    enableCompletion: option({
      type: t.bool,
      default: true,
      description:
        "Whether interactive shells load Bash completion. On NixOS or nix-darwin without system-wide Bash completion, " +
        'add `environment.pathsToLink = [ "/share/bash-completion" ];` to the system configuration so that system ' +
        "packages complete too (the legacy `/etc/bash_completion.d` is not read).",
    }),
    historySize: option({ type: t.nullOr(t.int), default: 10000, description: "How many history lines a shell keeps in memory." }),
    historyFile: option({ type: t.nullOr(t.str), default: null, description: "Where the history is saved (`HISTFILE`)." }),
    historyFileSize: option({ type: t.nullOr(t.int), default: 100000, description: "How many history lines the history file keeps." }),
    historyControl: option({
      type: t.listOf(t.enum(["erasedups", "ignoredups", "ignorespace", "ignoreboth"] as const)),
      default: [],
      description: "What the history list leaves out (`HISTCONTROL`).",
    }),
    historyIgnore: option({
      type: t.listOf(t.str),
      default: [],
      example: ["ls", "cd", "exit"],
      description: "Commands never saved to the history list (`HISTIGNORE`).",
    }),
    shellOptions: option({
      type: t.listOf(t.str),
      default: ["histappend", "extglob", "globstar", "checkjobs"],
      example: ["extglob", "-cdspell"],
      description: "`shopt` options to set; a leading `-` unsets the option instead.",
    }),
    sessionVariables: option({
      type: t.lazyAttrsOf(sessionValueType),
      default: {},
      example: { MAILCHECK: 30 },
      description: "Environment variables exported by login shells (in `~/.profile`). A null value leaves the variable out.",
    }),
    shellAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { ll: "ls -l", "..": "cd .." },
      description: "Aliases of interactive shells: each name stands for its command line.",
    }),
    profileExtra: lines("Commands run by login shells, at the end of `~/.profile`."),
    initExtra: lines("Commands run by interactive shells, at the end of `~/.bashrc`."),
    bashrcExtra: lines("Commands at the top of `~/.bashrc`, run by every shell reading it, interactive or not."),
    logoutExtra: lines("Commands run when a login shell exits (`~/.bash_logout`)."),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    // A store text file named as Home Manager names it. (Home Manager also runs `bash -n` on it at build time;
    // the syntax check needs a real Bash from the package set, which not every backend provides.)
    const script = (name: string, text: string): JsValue => callFn(pkgs.writeTextFile, { name, text });
    return mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "programs.bash.initExtra": () =>
        mkIf(
          cfg.enableCompletion,
          mkOrder(
            100,
            "if [[ ! -v BASH_COMPLETION_VERSINFO ]]; then\n" +
              `  . "${nixToString(pkgs["bash-completion"]!)}/etc/profile.d/bash_completion.sh"\n` +
              "fi\n",
          ),
        ),
      "home.file": () => {
        const sessionVars = libCall(lib, "hm.shell.exportAll", cfg.sessionVariables) as string;
        const hmVars = nixToString(config.get("home.sessionVariablesPackage"));
        const files: Record<string, JsValue> = {
          ".bash_profile": {
            source: script(
              "bash_profile",
              "# include .profile if it exists\n[[ -f ~/.profile ]] && . ~/.profile\n\n" +
                "# include .bashrc if it exists\n[[ -f ~/.bashrc ]] && . ~/.bashrc\n",
            ),
          },
          ".profile": {
            source: script("profile", `. "${hmVars}/etc/profile.d/hm-session-vars.sh"\n\n${sessionVars}\n\n${cfg.profileExtra}\n`),
          },
          ".bashrc": {
            source: script(
              "bashrc",
              `${cfg.bashrcExtra}\n\n# Commands that should be applied only for interactive shells.\n[[ $- == *i* ]] || return\n\n` +
                `${historyLines(cfg)}\n\n${shoptLines(cfg.shellOptions)}\n\n${bashAliasLines(cfg.shellAliases)}\n\n${cfg.initExtra}\n`,
            ),
          },
        };
        if (cfg.logoutExtra !== "") files[".bash_logout"] = { source: script("bash_logout", cfg.logoutExtra) };
        return files;
      },
    });
  },
});
