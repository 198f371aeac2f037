/**
 * `programs.zsh`'s own configuration: the startup files under `dotDir` and
 * the `.zshrc` parts, each at Home Manager's order in `initContent` (510 path
 * uniqueness and `cdpath`, 520 `fpath` and `HELPDIR`, 530 keymap, 540 local
 * variables, 570 completion, 700 autosuggestions, 950 options, 1100
 * aliases, 1150 named directories, 1200 syntax highlighting). `.zshenv`
 * (for non-login shells) and `.zprofile` source `hm-session-vars.sh` and
 * export `sessionVariables` once per session; a `dotDir` other than the home
 * directory gets `ZDOTDIR` exported and `~/.zshenv` sourcing its `.zshenv`.
 * Texts are laid out byte for byte as Home Manager's, blank lines of empty
 * parts included.
 */
import { defineModule, mkIf, mkMerge, mkOrder, type AttrsView, type JsValue, type Values } from "../../../module-system/index.js";
import { lazy } from "../../../module-system/nix-values.js";
import type { Lazy } from "../../../nix/values.js";
import { callFn, escapeShellArg, libCall, nixToString, type EvalArgs } from "../../module-kit.js";
import { zshOptions } from "./options.js";
import { pluginsDir, zshPaths } from "./paths.js";

const FILE = "modules/programs/zsh/main.ts";

const KEYMAP_COMMANDS: Readonly<Record<string, string>> = { emacs: "bindkey -e", viins: "bindkey -v", vicmd: "bindkey -a" };

/** Inside double quotes: backslash, double quote and backquote escaped. */
const dq = (s: string): string => s.replace(/[\\"`]/g, (c) => `\\${c}`);

const entries = <V>(o: Readonly<Record<string, V>>): [string, V][] => Object.keys(o).map((k) => [k, o[k]!]);

/** The shared part of `.zshenv` and `.zprofile`: session variables, exported once per session. */
export function sessionVarsBlock(hmVarsPackage: string, exports: string): string {
  return (
    `# Environment variables\n. "${hmVarsPackage}/etc/profile.d/hm-session-vars.sh"\n\n` +
    `# Only source this once\nif [[ -z "\${__HM_ZSH_SESS_VARS_SOURCED-}" ]]; then\n` +
    `  export __HM_ZSH_SESS_VARS_SOURCED=1\n  ${exports}\nfi`
  );
}

const indentNonEmptyLines = (s: string): string =>
  s
    .split("\n")
    .map((l) => (l === "" ? "" : `  ${l}`))
    .join("\n");

/** Aliases then global aliases, names and values quoted for the shell. */
export function zshAliasLines(aliases: Readonly<Record<string, string>>, globals: Readonly<Record<string, string>>): string {
  const plain = entries(aliases).map(([k, v]) => `alias -- ${escapeShellArg(k)}=${escapeShellArg(v)}`);
  const global = entries(globals).map(([k, v]) => `alias -g -- ${escapeShellArg(k)}=${escapeShellArg(v)}`);
  let out = plain.join("\n");
  if (global.length > 0) out += (plain.length > 0 ? "\n" : "") + global.join("\n");
  return out;
}

interface Highlighting {
  readonly package: AttrsView;
  readonly highlighters: readonly string[];
  readonly styles: Readonly<Record<string, string>>;
  readonly patterns: Readonly<Record<string, string>>;
}

function syntaxHighlightingText(h: Highlighting): string {
  return (
    `source ${nixToString(h.package)}/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh\n` +
    `ZSH_HIGHLIGHT_HIGHLIGHTERS=(${h.highlighters.map(escapeShellArg).join(" ")})\n` +
    entries(h.styles)
      .map(([k, v]) => `ZSH_HIGHLIGHT_STYLES[${escapeShellArg(k)}]=${escapeShellArg(v)}`)
      .join("\n") +
    "\n" +
    entries(h.patterns)
      .map(([k, v]) => `ZSH_HIGHLIGHT_PATTERNS+=(${escapeShellArg(k)} ${escapeShellArg(v)})`)
      .join("\n") +
    "\n"
  );
}

function fastHighlightingText(h: { package: AttrsView; theme: string | null; settings: Readonly<Record<string, string>> }): string {
  return (
    `source ${nixToString(h.package)}/share/zsh/plugins/fast-syntax-highlighting/fast-syntax-highlighting.plugin.zsh\n` +
    (h.theme !== null ? `fast-theme -q ${h.theme}\n` : "") +
    "\n" +
    entries(h.settings)
      .map(([k, v]) => `FAST_HIGHLIGHT+=(${escapeShellArg(k)} ${escapeShellArg(v)})`)
      .join("\n") +
    "\n"
  );
}

const SHELL_VARS_ASSERTION = (dotDir: string) =>
  "programs.zsh.dotDir cannot contain shell variables as it is used for file creation at build time.\n" +
  `Current dotDir: ${dotDir}\n` +
  "Consider using an absolute path or home-manager config options instead.\n" +
  "You can replace shell variables with options like:\n" +
  PATH_OPTIONS;

const PATH_OPTIONS =
  "- config.home.homeDirectory (user's home directory)\n" +
  "- config.xdg.configHome (XDG config directory)\n" +
  "- config.xdg.dataHome (XDG data directory)\n" +
  "- config.xdg.cacheHome (XDG cache directory)\n";

const RELATIVE_WARNING = (dotDir: string) =>
  "Using relative paths in programs.zsh.dotDir is deprecated and will be removed in a future release.\n" +
  `Current dotDir: ${dotDir}\n` +
  "Consider using absolute paths or home-manager config options instead.\n" +
  "You can replace relative paths or environment variables with options like:\n" +
  PATH_OPTIONS;

const LEGACY_WARNING =
  "The default value of `programs.zsh.dotDir` will change in future versions.\n" +
  'You are currently using the legacy default (home directory) because `home.stateVersion` is less than "26.05".\n' +
  "To silence this warning and lock in the current behavior, set:\n" +
  "  programs.zsh.dotDir = config.home.homeDirectory;\n" +
  "To adopt the new behavior (XDG config directory), set:\n" +
  '  programs.zsh.dotDir = "${config.xdg.configHome}/zsh";\n';

/** The module (its option types close over this evaluation's `pkgs`). */
export function zshMainModule(a: EvalArgs, imports: readonly Lazy[]) {
  return defineModule({
    file: FILE,
    path: "programs.zsh",
    imports,
    options: zshOptions(() => a.pkgs()),
    config: ({ cfg, config, pkgs, lib, arg }) => {
      const paths = () => zshPaths(config.str("home.homeDirectory"));
      const dotDir = () => cfg.dotDir ?? "";
      const rel = () => paths().mkRelPathStr(dotDir());
      const abs = () => paths().mkAbsPathStr(dotDir());
      const sessionVars = () =>
        sessionVarsBlock(
          nixToString(config.get("home.sessionVariablesPackage")),
          libCall(lib, "hm.zsh.exportAll", cfg.sessionVariables, { indent: "  " }) as string,
        );
      const omz = () => config.bool("programs.zsh.oh-my-zsh.enable");
      const prezto = () => config.bool("programs.zsh.prezto.enable");
      return mkIf(() => cfg.enable, {
        assertions: () => [
          { assertion: !dotDir().includes("$"), message: SHELL_VARS_ASSERTION(dotDir()) },
          {
            assertion: [cfg.syntaxHighlighting.enable, cfg.fastSyntaxHighlighting.enable].filter((x) => x).length <= 1,
            message: "Only one Zsh syntax highlighter can be enabled at a time.\n",
          },
          ...entries(cfg.siteFunctions).map(([name]) => ({
            assertion: !name.startsWith("/"),
            message:
              `programs.zsh.siteFunctions: function name '${name}' cannot start with a '/'. ` +
              "either rename it, or don't rely on autoloading for that function (e.g. by defining it inside your '.zshrc')",
          })),
        ],
        warnings: () => {
          const d = dotDir();
          const out: string[] = [];
          if (d !== paths().homeDir && !d.startsWith("/") && !d.includes("$")) out.push(RELATIVE_WARNING(d));
          const opts = arg("options") as { programs: { zsh: { dotDir: AttrsView } } };
          const legacy =
            config.bool("xdg.enable") &&
            !libCall(lib, "versionAtLeast", config.str("home.stateVersion"), "26.05") &&
            (opts.programs.zsh.dotDir.highestPrio as number) >= 1500;
          if (legacy) out.push(LEGACY_WARNING);
          return out;
        },
        "home.file": () => {
          const r = rel();
          const files: unknown[] = [];
          if (cfg.envExtra !== "") files.push({ [`${r}/.zshenv`]: { text: cfg.envExtra } });
          if (cfg.loginExtra !== "") files.push({ [`${r}/.zlogin`]: { text: cfg.loginExtra } });
          if (cfg.logoutExtra !== "") files.push({ [`${r}/.zlogout`]: { text: cfg.logoutExtra } });
          if (abs() !== paths().homeDir) {
            const zdotdir = libCall(lib, "hm.zsh.export", "ZDOTDIR", abs()) as string;
            files.push({ [`${r}/.zshenv`]: { text: `${zdotdir}\n` } });
            files.push({ ".zshenv": { text: `source ${escapeShellArg(`${abs()}/.zshenv`)}\n` } });
          }
          const vars = sessionVars();
          files.push({
            [`${r}/.zshenv`]: { text: `if [[ ! -o login ]]; then\n${indentNonEmptyLines(vars)}\nfi\n` },
            [`${r}/.zprofile`]: { text: `${vars}\n` + (cfg.profileExtra !== "" ? `\n${cfg.profileExtra}\n` : "") },
          });
          files.push({ [`${r}/.zshrc`]: { text: cfg.initContent } });
          return mkMerge(files);
        },
        "home.packages": () => {
          const site = entries(cfg.siteFunctions).map(([name, text]) =>
            callFn(pkgs.writeTextDir, `share/zsh/site-functions/${name}`, text),
          );
          const completions = cfg.enableCompletion ? [libCall(lib, "lowPrio", pkgs["nix-zsh-completions"])] : [];
          return mkMerge([site, [cfg.package, ...completions]]);
        },
        "lib.zsh": () => zshLibValue(paths(), dotDir()),
        "programs.zsh.syntaxHighlighting.highlighters": () => mkIf(cfg.syntaxHighlighting.enable, ["main"]),
        "programs.zsh.initContent": () => mkMerge(initContentParts(cfg, lib, pkgs, () => !omz() && !prezto())),
      });
    },
  });
}

type ZshCfg = Values<ReturnType<typeof zshOptions>>;

/** The `.zshrc` parts of this module, each at its order. */
function initContentParts(cfg: ZshCfg, lib: Parameters<typeof libCall>[0], pkgs: AttrsView, noFramework: () => boolean): unknown[] {
  const parts: unknown[] = [mkOrder(510, "typeset -U path cdpath fpath manpath")];
  if (cfg.cdpath.length > 0) parts.push(mkOrder(510, `cdpath+=(${cfg.cdpath.map((p) => `"${dq(p)}"`).join(" ")})\n`));
  parts.push(
    mkOrder(
      520,
      "for profile in ${(z)NIX_PROFILES}; do\n" +
        "  fpath+=($profile/share/zsh/site-functions $profile/share/zsh/$ZSH_VERSION/functions $profile/share/zsh/vendor-completions)\n" +
        "done\n\n" +
        `HELPDIR="${nixToString(cfg.package)}/share/zsh/$ZSH_VERSION/help"\n`,
    ),
  );
  if (cfg.defaultKeymap !== null)
    parts.push(mkOrder(530, `# Use ${cfg.defaultKeymap} keymap as the default.\n${KEYMAP_COMMANDS[cfg.defaultKeymap]!}\n`));
  const locals = libCall(lib, "hm.zsh.defineAll", cfg.localVariables) as string;
  if (locals !== "") parts.push(mkOrder(540, locals));
  if (cfg.enableCompletion && noFramework()) parts.push(mkOrder(570, cfg.completionInit));
  const as = cfg.autosuggestion;
  if (as.enable)
    parts.push(
      mkOrder(
        700,
        `source ${nixToString(pkgs["zsh-autosuggestions"]!)}/share/zsh-autosuggestions/zsh-autosuggestions.zsh\n` +
          (as.strategy.length > 0 ? `ZSH_AUTOSUGGEST_STRATEGY=(${as.strategy.join(" ")})\n` : "") +
          (as.highlight !== null ? `ZSH_AUTOSUGGEST_HIGHLIGHT_STYLE="${as.highlight}"\n` : "") +
          "\n",
      ),
    );
  if (cfg.setOptions.length > 0)
    parts.push(
      mkOrder(
        950,
        `# Set shell options\n${libCall(lib, "hm.zsh.define", "set_opts", cfg.setOptions) as string}\n` +
          'for opt in "${set_opts[@]}"; do\n  setopt "$opt"\ndone\nunset opt set_opts\n',
      ),
    );
  const aliases = zshAliasLines(cfg.shellAliases, cfg.shellGlobalAliases);
  if (aliases !== "") parts.push(mkOrder(1100, aliases));
  const hashes = entries(cfg.dirHashes).map(([k, v]) => `hash -d ${escapeShellArg(k)}="${dq(v)}"`);
  if (hashes.length > 0) parts.push(mkOrder(1150, `# Named Directory Hashes\n${hashes.join("\n")}\n`));
  if (cfg.syntaxHighlighting.enable) parts.push(mkOrder(1200, syntaxHighlightingText(cfg.syntaxHighlighting)));
  if (cfg.fastSyntaxHighlighting.enable) parts.push(mkOrder(1200, fastHighlightingText(cfg.fastSyntaxHighlighting)));
  const site = Object.keys(cfg.siteFunctions);
  if (site.length > 0) parts.push(["autoload", "-Uz", "--", ...site].map(escapeShellArg).join(" "));
  return parts;
}

/** `config.lib.zsh`: the path helpers of this configuration (merged with `lib.hm.zsh`). */
function zshLibValue(paths: ReturnType<typeof zshPaths>, dotDir: string): Record<string, unknown> {
  return {
    homeDir: paths.homeDir,
    cleanPathStr: ((p: JsValue) => paths.cleanPathStr(nixToString(p))) as unknown as JsValue,
    mkRelPathStr: ((p: JsValue) => paths.mkRelPathStr(nixToString(p))) as unknown as JsValue,
    mkAbsPathStr: ((p: JsValue) => paths.mkAbsPathStr(nixToString(p))) as unknown as JsValue,
    mkShellVarPathStr: ((p: JsValue) => paths.mkShellVarPathStr(nixToString(p))) as unknown as JsValue,
    // Thunks: a dotDir outside the home directory fails only when these are read.
    dotDirAbs: lazy(() => paths.mkAbsPathStr(dotDir)),
    dotDirRel: lazy(() => paths.mkRelPathStr(dotDir)),
    pluginsDir: lazy(() => pluginsDir(paths, dotDir)),
  };
}
