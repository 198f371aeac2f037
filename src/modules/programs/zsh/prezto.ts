/**
 * `programs.zsh.prezto` (Home Manager's `zsh/plugins/prezto.nix`): installs
 * Prezto, makes `.zprofile`, `.zlogin`, `.zlogout` and (after the session
 * variables) `.zshenv` source Prezto's run commands, loads Prezto from
 * `.zshrc` at order 850, and writes `.zpreztorc`: one `zstyle` line per set
 * option, in Home Manager's order, each unset option leaving an empty line
 * where its line would be, then `extraConfig`. While Prezto is on, `.zshrc`
 * does not run `completionInit` itself.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkOrder,
  option,
  t,
  type AttrsView,
  type OptionsDecl,
} from "../../../module-system/index.js";
import { escapeShellArg, nixToString, ty } from "../../module-kit.js";
import { zshPathsOf } from "./paths.js";

const FILE = "modules/programs/zsh/prezto.ts";

const nullable = <T>(type: ReturnType<typeof t.nullOr<T>>, description: string, example?: unknown, dflt: T | null = null) =>
  option({ type, default: dflt, example, description });
const nBool = (description: string) => nullable(t.nullOr(t.bool), description, true);
const nStr = (description: string, example?: string) => nullable(t.nullOr(t.str), description, example);
const strList = (description: string, example: readonly string[]) => option({ type: t.listOf(t.str), default: [], example, description });
const strAttrs = (description: string) => option({ type: t.attrsOf(t.str), default: {}, description });

function preztoOptions(pkgs: () => AttrsView) {
  return {
    enable: mkEnableOption("prezto"),
    package: option({
      type: t.package,
      default: () => pkgs()["zsh-prezto"] as AttrsView,
      defaultText: "pkgs.zsh-prezto",
      description: "The prezto package to use.",
    }),
    caseSensitive: nullable(t.nullOr(t.bool), "Whether completion, history lookup and the like are case-sensitive.", true, true),
    color: nullable(t.nullOr(t.bool), "Whether output is coloured (never on dumb terminals).", false, true),
    pmoduleDirs: option({ type: t.listOf(t.path), default: [], description: "More directories to load Prezto modules from." }),
    extraConfig: option({ type: t.lines, default: "", description: "Lines added at the end of `.zpreztorc`." }),
    extraModules: strList("Zsh modules to load (see zshmodules(1)).", ["attr", "stat"]),
    extraFunctions: strList("Zsh functions to load (see zshcontrib(1)).", ["zargs", "zmv"]),
    pmodules: option({
      type: t.listOf(t.str),
      default: ["environment", "terminal", "editor", "history", "directory", "spectrum", "utility", "completion", "prompt"],
      description: "The Prezto modules to load, in this order.",
    }),
    autosuggestions: { color: nStr("The colour of found suggestions.", "fg=blue") },
    completions: { ignoredHosts: strList("Entries of `/etc/hosts` left out of host completion.", ["0.0.0.0", "127.0.0.1"]) },
    editor: {
      keymap: nullable(t.nullOr(t.enum(["emacs", "vi"] as const)), "The key binding style.", "vi", "emacs"),
      dotExpansion: nBool("Whether `....` is turned into `../..` as you type."),
      promptContext: nBool("Whether the prompt shows the editor context."),
    },
    git: {
      submoduleIgnore: nullable(
        t.nullOr(t.enum(["dirty", "untracked", "all", "none"] as const)),
        "Which submodule changes git status ignores.",
        "all",
      ),
    },
    gnuUtility: { prefix: nStr("The prefix of GNU commands on systems whose own are not GNU.", "g") },
    historySubstring: {
      foundColor: nStr("The colour of found matches.", "fg=blue"),
      notFoundColor: nStr("The colour shown when nothing matches.", "fg=red"),
      globbingFlags: nStr("The globbing flags of the search."),
    },
    macOS: { dashKeyword: nStr("The keyword `mand` uses to open man pages in Dash.app.", "manpages") },
    prompt: {
      theme: nullable(t.nullOr(t.str), "The prompt theme (`random` picks one; dumb terminals get `off`).", "pure", "sorin"),
      pwdLength: nullable(
        t.nullOr(t.enum(["short", "long", "full"] as const)),
        "How much of the working directory the prompt shows.",
        "short",
      ),
      showReturnVal: nBool("Whether the prompt shows the last command's exit status when it is not zero (where supported)."),
    },
    python: {
      virtualenvAutoSwitch: nBool("Whether changing directory switches Python virtualenvs."),
      virtualenvInitialize: nBool("Whether virtualenvwrapper is initialised when available."),
    },
    ruby: { chrubyAutoSwitch: nBool("Whether changing directory switches Ruby versions.") },
    screen: {
      autoStartLocal: nBool("Whether a screen session starts in local terminals."),
      autoStartRemote: nBool("Whether a screen session starts over SSH."),
    },
    ssh: { identities: strList("SSH identities loaded into the agent.", ["id_rsa", "id_rsa2", "id_github"]) },
    syntaxHighlighting: {
      highlighters: strList("The syntax highlighters (by default only `main`).", ["main", "brackets", "pattern"]),
      styles: strAttrs("Syntax highlighting styles, by token kind."),
      pattern: strAttrs("Styles of command lines matching a pattern, by pattern."),
    },
    terminal: {
      autoTitle: nBool("Whether tab and window titles are set automatically."),
      windowTitleFormat: nStr("The window title format.", "%n@%m: %s"),
      tabTitleFormat: nStr("The tab title format.", "%m: %s"),
      multiplexerTitleFormat: nStr("The multiplexer title format.", "%s"),
    },
    tmux: {
      autoStartLocal: nBool("Whether a tmux session starts in local terminals."),
      autoStartRemote: nBool("Whether a tmux session starts over SSH."),
      itermIntegration: nBool("Whether tmux integrates with iTerm2."),
      defaultSessionName: nStr("The default tmux session name."),
    },
    utility: { safeOps: nBool("Whether `cp`, `ln`, `mv` and `rm` ask before overwriting or deleting.") },
  } satisfies OptionsDecl;
}

/** The option values as `.zpreztorc` needs them. */
interface Prezto {
  readonly enable: boolean;
  readonly package: AttrsView;
  readonly caseSensitive: boolean | null;
  readonly color: boolean | null;
  readonly pmoduleDirs: readonly string[];
  readonly extraConfig: string;
  readonly extraModules: readonly string[];
  readonly extraFunctions: readonly string[];
  readonly pmodules: readonly string[];
  readonly [group: string]: unknown;
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");

/** The text of `.zpreztorc`. */
export function zpreztorcText(c: Prezto): string {
  const g = (path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
  const q = (xs: readonly string[], sep: string) => xs.map(escapeShellArg).join(sep);
  const kv = (o: Readonly<Record<string, string>>) =>
    Object.keys(o)
      .map((k) => `${escapeShellArg(k)} ${escapeShellArg(o[k]!)}`)
      .join(" \\\n");
  /** `zstyle <context> <name> '<value>'` when the option at `path` is set (Booleans as yes/no). */
  const style = (path: string, context: string, name: string) => {
    const v = g(path) as string | boolean | null;
    return v === null ? "" : `zstyle '${context}' ${name} '${typeof v === "boolean" ? yesNo(v) : v}'\n`;
  };
  const list = (xs: readonly string[], head: string, sep: string) => (xs.length > 0 ? `${head} \\\n  ${q(xs, sep)}\n` : "");
  const map = (o: Readonly<Record<string, string>>, head: string) => (Object.keys(o).length > 0 ? `${head} \\\n  ${kv(o)}\n` : "");
  const sh = c.syntaxHighlighting as { highlighters: readonly string[]; styles: Record<string, string>; pattern: Record<string, string> };
  const blocks = [
    style("caseSensitive", ":prezto:*:*", "case-sensitive"),
    style("color", ":prezto:*:*", "color"),
    c.pmoduleDirs.length > 0 ? `zstyle ':prezto:load' pmodule-dirs ${c.pmoduleDirs.join(" ")}\n` : "",
    c.extraModules.length > 0 ? `zstyle ':prezto:load' zmodule ${q(c.extraModules, " ")}\n` : "",
    c.extraFunctions.length > 0 ? `zstyle ':prezto:load' zfunction ${q(c.extraFunctions, " ")}\n` : "",
    list(c.pmodules, "zstyle ':prezto:load' pmodule", " \\\n  "),
    style("autosuggestions.color", ":prezto:module:autosuggestions:color", "found"),
    list(g("completions.ignoredHosts") as string[], "zstyle ':prezto:module:completion:*:hosts' etc-host-ignores", " "),
    style("editor.keymap", ":prezto:module:editor", "key-bindings"),
    style("editor.dotExpansion", ":prezto:module:editor", "dot-expansion"),
    style("editor.promptContext", ":prezto:module:editor", "ps-context"),
    style("git.submoduleIgnore", ":prezto:module:git:status:ignore", "submodules"),
    style("gnuUtility.prefix", ":prezto:module:gnu-utility", "prefix"),
    style("historySubstring.foundColor", ":prezto:module:history-substring-search:color", "found"),
    style("historySubstring.notFoundColor", ":prezto:module:history-substring-search:color", "not-found"),
    style("historySubstring.globbingFlags", ":prezto:module:history-substring-search:color", "globbing-flags"),
    style("macOS.dashKeyword", ":prezto:module:osx:man", "dash-keyword"),
    style("prompt.theme", ":prezto:module:prompt", "theme"),
    style("prompt.pwdLength", ":prezto:module:prompt", "pwd-length"),
    style("prompt.showReturnVal", ":prezto:module:prompt", "show-return-val"),
    style("python.virtualenvAutoSwitch", ":prezto:module:python:virtualenv", "auto-switch"),
    style("python.virtualenvInitialize", ":prezto:module:python:virtualenv", "initialize"),
    style("ruby.chrubyAutoSwitch", ":prezto:module:ruby:chruby", "auto-switch"),
    style("screen.autoStartLocal", ":prezto:module:screen:auto-start", "local"),
    style("screen.autoStartRemote", ":prezto:module:screen:auto-start", "remote"),
    list(g("ssh.identities") as string[], "zstyle ':prezto:module:ssh:load' identities", " "),
    list(sh.highlighters, "zstyle ':prezto:module:syntax-highlighting' highlighters", " \\\n  "),
    map(sh.styles, "zstyle ':prezto:module:syntax-highlighting' styles"),
    map(sh.pattern, "zstyle ':prezto:module:syntax-highlighting' pattern"),
    style("terminal.autoTitle", ":prezto:module:terminal", "auto-title"),
    style("terminal.windowTitleFormat", ":prezto:module:terminal:window-title", "format"),
    style("terminal.tabTitleFormat", ":prezto:module:terminal:tab-title", "format"),
    style("terminal.multiplexerTitleFormat", ":prezto:module:terminal:multiplexer-title", "format"),
    style("tmux.autoStartLocal", ":prezto:module:tmux:auto-start", "local"),
    style("tmux.autoStartRemote", ":prezto:module:tmux:auto-start", "remote"),
    style("tmux.itermIntegration", ":prezto:module:tmux:iterm", "integrate"),
    style("tmux.defaultSessionName", ":prezto:module:tmux:session", "name"),
    style("utility.safeOps", ":prezto:module:utility", "safe-ops"),
  ];
  return "# Generated by Nix\n" + blocks.map((b) => `${b}\n`).join("") + `${c.extraConfig}\n`;
}

export function zshPreztoModule(pkgs: () => AttrsView) {
  const sub = defineModule({ file: FILE, key: `${FILE}#submodule`, options: preztoOptions(pkgs) });
  return defineModule({
    file: FILE,
    path: "programs.zsh",
    options: {
      prezto: option({ type: ty.submodule<Prezto>(sub), default: {} as Prezto, description: "Prezto." }),
    },
    config: ({ cfg, config }) => {
      const p = () => cfg.prezto;
      const runcom = (name: string) => `# Generated by Nix\nsource ${nixToString(p().package)}/share/zsh-prezto/runcoms/${name}\n`;
      return mkIf(() => p().enable, {
        "home.packages": () => [p().package],
        "home.file": () => {
          const r = zshPathsOf(config).rel;
          return {
            [`${r}/.zprofile`]: { text: runcom("zprofile") },
            [`${r}/.zlogin`]: { text: runcom("zlogin") },
            [`${r}/.zlogout`]: { text: runcom("zlogout") },
            // After the session variables of the Zsh module.
            [`${r}/.zshenv`]: { text: mkAfter(runcom("zshenv")) },
            [`${r}/.zpreztorc`]: { text: zpreztorcText(p()) },
          };
        },
        "programs.zsh.initContent": () =>
          mkOrder(850, `# Load prezto\nsource ${nixToString(p().package)}/share/zsh-prezto/runcoms/zshrc\n`),
      });
    },
  });
}
