/**
 * `programs.fish`: the friendly interactive shell. Writes `config.fish`
 * (session variables, event-handler functions, `shellInit`, the login and
 * interactive blocks with abbreviations, aliases and
 * `interactiveShellInit`, then `shellInitLast`), one file per function,
 * completion and plugin, and `hm-session-vars.fish` (the session variables
 * translated from `hm-session-vars.sh` as `babelfish` does) in a package of
 * its own. Every fish file is formatted as `fish_indent` formats it, as in
 * Home Manager. With `generateCompletions`, completions made from the man
 * pages of `home.packages` are linked into the data directory; those are
 * built by the package backend with fish's own generator script.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import { nixThrow } from "../../../module-system/nix-values.js";
import { sessionVarsScript } from "../../home-environment.js";
import { callFn, nixToString, removedOptionModule, ty } from "../../module-kit.js";
import { babelfish, ShSyntaxError } from "./babelfish.js";
import { fishIndent } from "./fish-indent.js";
import { abbrOptions, bindOptions, completionOptions, functionOptions, pluginOptions } from "./submodules.js";
import {
  abbrLines,
  aliasLines,
  bindLines,
  completionPathSnippet,
  completionText,
  configText,
  functionText,
  GENERATE_COMPLETIONS_SCRIPT,
  isHandler,
  JOIN_COMPLETIONS_SCRIPT,
  MissingBindCommand,
  pluginText,
  type FishAbbr,
  type FishBind,
  type FishFunction,
} from "./texts.js";

const FILE = "modules/programs/fish/index.ts";
const SESSION_VARS_FILE = "etc/profile.d/hm-session-vars.fish";

const lines = (description: string) => option({ type: t.lines, default: "", description });

/** The text of `hm-session-vars.fish`: the translated script wrapped in a function that runs once. */
export function sessionVarsFish(shText: string, babelfishCommand: () => string): string {
  let body: string;
  try {
    body = babelfish(shText, babelfishCommand);
  } catch (e) {
    if (e instanceof ShSyntaxError) throw nixThrow(`programs.fish: could not translate hm-session-vars.sh to fish: ${e.message}`);
    throw e;
  }
  return `function setup_hm_session_vars;\n${body}end\nsetup_hm_session_vars\n`;
}

/** The body of `fish_user_key_bindings`; a binding without command nor `erase` fails as Home Manager's type check does. */
function keyBindings(binds: Readonly<Record<string, FishBind>>): string {
  try {
    return bindLines(binds);
  } catch (e) {
    if (e instanceof MissingBindCommand) throw nixThrow(e.message);
    throw e;
  }
}

/** `getName` of Home Manager's completion generator: the package name, or `pname-version`. */
function packageName(p: AttrsView): string {
  if (typeof p.name === "string") return p.name;
  const pname = typeof p.pname === "string" ? p.pname : "«pname-missing»";
  const version = typeof p.version === "string" ? p.version : "«version-missing»";
  return `${pname}-${version}`;
}

function priority(p: AttrsView): number {
  const meta = p.meta as AttrsView | undefined;
  const prio = meta !== undefined && meta !== null && typeof meta === "object" ? meta.priority : undefined;
  return typeof prio === "number" ? prio : typeof prio === "bigint" ? Number(prio) : 0;
}

const fishModule = defineModule({
  file: FILE,
  path: "programs.fish",
  options: {
    enable: mkEnableOption("fish, the friendly interactive shell"),
    package: mkPackageOption("fish"),
    generateCompletions: option({
      type: t.bool,
      default: true,
      example: false,
      description: "Whether to generate fish completions from the man pages of the installed packages.",
    }),
    shellAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { g: "git", "...": "cd ../.." },
      description: "Aliases (`alias name value` lines) defined in interactive shells.",
    }),
    shellAbbrs: option({
      type: t.attrsOf(t.either(t.str, ty.submodule<FishAbbr>(abbrOptions))),
      default: {},
      example: { l: "less", gco: "git checkout", "-C": { position: "anywhere", expansion: "--color" } },
      description:
        "Abbreviations, expanded to their longer text as they are typed: a name mapped to the expansion, or to a set " +
        "with `expansion`, `position`, `regex`, `command`, `function`, `setCursor` or another `name`.",
    }),
    preferAbbrs: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether modules that define fish aliases should define abbreviations instead.",
    }),
    binds: option({
      type: t.attrsOf(ty.submodule<FishBind>(bindOptions)),
      default: {},
      example: { "alt-shift-b": { command: "fish_commandline_append bat" }, "alt-s": { erase: true, operate: "preset" } },
      description: "Key bindings, written as `bind` lines in the `fish_user_key_bindings` function.",
    }),
    shellInit: lines("Fish code run when any fish shell starts."),
    loginShellInit: lines("Fish code run when a login fish shell starts."),
    interactiveShellInit: lines("Fish code run when an interactive fish shell starts."),
    shellInitLast: lines("Fish code run last when a fish shell starts, after everything else in `config.fish`."),
    plugins: option({
      type: t.listOf(ty.submodule<{ readonly name: string; readonly src: JsValue }>(pluginOptions)),
      default: [],
      example: '[ { name = "z"; src = pkgs.fetchFromGitHub { owner = "jethrokuan"; repo = "z"; rev = "…"; sha256 = "…"; }; } ]',
      description: "Plugins, each loaded by a `conf.d/plugin-<name>.fish` file.",
    }),
    functions: option({
      type: t.attrsOf(t.either(t.lines, ty.submodule<FishFunction>(functionOptions))),
      default: {},
      example: { gitignore: "curl -sL https://www.gitignore.io/api/$argv" },
      description:
        "Functions, each written to `functions/<name>.fish`: a body, or a set with `body` and the flags of fish's " +
        "`function` command (`argumentNames`, `description`, `onEvent`, …). See https://fishshell.com/docs/current/cmds/function.html.",
    }),
    completions: option({
      type: t.attrsOf(t.either(t.lines, ty.submodule<{ readonly body: string }>(completionOptions))),
      default: {},
      example: { "my-prog": "complete -c myprog -s o -l output\n" },
      description:
        "Completion scripts, each written to `completions/<name>.fish`. See https://fishshell.com/docs/current/completions.html.",
    }),
    sessionVariablesPackage: option({
      type: t.package,
      internal: true,
      description: "The package holding `hm-session-vars.fish`, the session variables in fish syntax.",
    }),
  },
  config: ({ cfg, config, pkgs, arg }) => {
    // Only the sets above the option are read (reading the option itself would ask this module for its definitions).
    const programs = (arg("options") as AttrsView).programs as AttrsView | undefined;
    const withMan = programs !== undefined && "man" in programs && "generateCaches" in (programs.man as AttrsView);
    const xdg = () => config.get("xdg") as AttrsView;
    const functions = () => cfg.functions as Readonly<Record<string, string | FishFunction>>;
    const enabledBinds = () => Object.values(cfg.binds as Readonly<Record<string, FishBind>>).some((b) => b.enable);
    const indented = (name: string, text: string) => callFn(pkgs.writeText, name, fishIndent(text));

    const allCompletions = (): JsValue[] => {
      const outputs = config.get("home.extraOutputsToInstall") as readonly string[];
      const packages = [...(config.get("home.packages") as readonly AttrsView[])].sort((a, b) => priority(b) - priority(a));
      return packages.map((p) => {
        const extra = outputs.map((o) => p[o] ?? null).filter((x) => x !== null);
        return callFn(
          pkgs.runCommand,
          `${packageName(p)}-fish-completions`,
          { srcs: [p, ...extra], nativeBuildInputs: [pkgs.python3, cfg.package], preferLocalBuild: true },
          GENERATE_COMPLETIONS_SCRIPT,
        );
      });
    };

    return mkIf(
      () => cfg.enable,
      mkMerge([
        {
          "home.packages": () => [cfg.package, cfg.sessionVariablesPackage],
          "programs.fish.sessionVariablesPackage": () => {
            const home = config.get("home") as AttrsView;
            const sh = sessionVarsScript(
              home.sessionVariables as Readonly<Record<string, JsValue>>,
              home.sessionSearchVariables as Readonly<Record<string, readonly string[]>>,
              home.sessionVariablesExtra as string,
            );
            const buildPackages = pkgs.buildPackages as AttrsView | undefined;
            const bf = () => `${nixToString((buildPackages ?? pkgs).babelfish!)}/bin/babelfish`;
            return callFn(pkgs.writeTextFile, {
              name: "hm-session-vars.fish",
              destination: `/${SESSION_VARS_FILE}`,
              text: sessionVarsFish(sh, bf),
            });
          },
          "xdg.configFile": () =>
            mkMerge([
              {
                "fish/config.fish": {
                  source: indented(
                    "config.fish",
                    configText({
                      sessionVarsFile: `${nixToString(cfg.sessionVariablesPackage)}/${SESSION_VARS_FILE}`,
                      sourceHandlers: Object.keys(functions())
                        .sort()
                        .filter((n) => isHandler(functions()[n]!))
                        .map((n) => `source ${nixToString(xdg().configHome!)}/fish/functions/${n}.fish`)
                        .join("\n"),
                      shellInit: cfg.shellInit,
                      loginShellInit: cfg.loginShellInit,
                      abbrs: abbrLines(cfg.shellAbbrs as Readonly<Record<string, string | FishAbbr>>),
                      aliases: aliasLines(cfg.shellAliases as Readonly<Record<string, string>>),
                      interactiveShellInit: cfg.interactiveShellInit,
                      shellInitLast: cfg.shellInitLast,
                    }),
                  ),
                },
              },
              Object.fromEntries(
                Object.entries(functions()).map(([n, def]) => [
                  `fish/functions/${n}.fish`,
                  { source: indented(`${n}.fish`, functionText(n, def)) },
                ]),
              ),
              Object.fromEntries(
                Object.entries(cfg.completions as Readonly<Record<string, string | { readonly body: string }>>).map(([n, def]) => [
                  `fish/completions/${n}.fish`,
                  { source: indented(`${n}.fish`, completionText(def)) },
                ]),
              ),
              Object.fromEntries(
                (cfg.plugins as readonly { readonly name: string; readonly src: JsValue }[]).map((p) => [
                  `fish/conf.d/plugin-${p.name}.fish`,
                  { source: indented(`${p.name}.fish`, pluginText(p.name, nixToString(p.src))) },
                ]),
              ),
            ]),
          "programs.fish.functions": () =>
            mkIf(enabledBinds(), { fish_user_key_bindings: keyBindings(cfg.binds as Readonly<Record<string, FishBind>>) }),
        },
        mkIf(() => cfg.generateCompletions, {
          ...(withMan ? { "programs.man.generateCaches": () => mkDefault(true) } : {}),
          "xdg.dataFile": () => ({
            "fish/home-manager/generated_completions": {
              source: callFn(
                pkgs.runCommand,
                `${String(config.get("home.username"))}-fish-completions`,
                { paths: allCompletions(), preferLocalBuild: true, allowSubstitutes: false },
                JOIN_COMPLETIONS_SCRIPT,
              ),
            },
          }),
          "home.extraDependencies": () => allCompletions(),
          "programs.fish.interactiveShellInit": () => completionPathSnippet(nixToString(xdg().dataHome!)),
        }),
      ]),
    );
  },
});

/** The module, with Home Manager's removed `promptInit` option. */
export const fishModules = [
  removedOptionModule(
    FILE,
    "programs.fish.promptInit",
    () => "Prompt is now configured through the\n\n  programs.fish.interactiveShellInit\n\noption. Please change to use that instead.\n",
  ).value,
  fishModule.value,
];
