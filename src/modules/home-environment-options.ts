/**
 * The option declarations of `home-environment` (its definitions are in
 * `home-environment.ts`), with Home Manager's names, types and defaults.
 * Built once per evaluation because some defaults (`home.keyboard`,
 * `home.profileDirectory`, `home.emptyActivationPath`) depend on other
 * options of the same configuration.
 */
import { defineModule, option, t, type AttrsView } from "../module-system/index.js";
import { ty, versionAtLeast, type AnyModule, type DagEntry, type EvalArgs } from "./module-kit.js";

const FILE = "modules/home-environment.ts";

const LANGUAGE_FIELDS: readonly (readonly [string, string])[] = [
  ["base", "The language used unless a more specific setting below says otherwise."],
  ["ctype", "Character classification."],
  ["numeric", "The format of numbers."],
  ["time", "The format of dates and times."],
  ["collate", "Alphabetical ordering."],
  ["monetary", "The format of currency amounts."],
  ["messages", "The language of messages and user interfaces."],
  ["paper", "Paper sizes."],
  ["name", "The format of personal names."],
  ["address", "The format of postal addresses."],
  ["telephone", "The format of telephone numbers."],
  ["measurement", "Units of measurement."],
];

const languageModule = defineModule({
  file: FILE,
  key: `${FILE}#language`,
  options: Object.fromEntries(
    LANGUAGE_FIELDS.map(([name, description]) => [name, option({ type: t.nullOr(t.str), default: null, description })]),
  ),
});

export interface KeyboardValue {
  readonly layout: string | null;
  readonly model: string | null;
  readonly options: readonly string[];
  readonly variant: string | null;
}

function keyboardModule(stateVersion: () => string): AnyModule {
  const modern = () => versionAtLeast(stateVersion(), "19.09");
  return defineModule({
    file: FILE,
    key: `${FILE}#keyboard`,
    options: {
      layout: option({
        type: t.nullOr(t.str),
        default: () => (modern() ? null : "us"),
        defaultText: "null",
        description: 'The keyboard layout; null leaves it to the system. (For state versions before 19.09 the default is `"us"`.)',
      }),
      model: option({ type: t.nullOr(t.str), default: null, example: "presario", description: "The keyboard model." }),
      options: option({
        type: t.listOf(t.str),
        default: [],
        example: ["grp:caps_toggle", "grp_led:scroll"],
        description: "X keyboard options, such as how to switch layouts.",
      }),
      variant: option({
        type: t.nullOr(t.str),
        default: () => (modern() ? null : ""),
        defaultText: "null",
        example: "colemak",
        description: 'The X keyboard variant; null leaves it to the system. (For state versions before 19.09 the default is `""`.)',
      }),
    },
  });
}

/** The declarations, for one evaluation. */
export function homeEnvironmentOptions(a: EvalArgs): AnyModule {
  const stateVersion = () => a.get("home.stateVersion") as string;
  const home = () => a.get("home") as AttrsView;
  return defineModule({
    file: FILE,
    key: `${FILE}#options`,
    path: "home",
    options: {
      username: option({
        type: ty.nonEmptyStr,
        defaultText: "`$USER` for state versions before 20.09, undefined otherwise",
        example: "jane.doe",
        description: "The user's login name.",
      }),
      uid: option({
        type: t.nullOr(ty.unsigned),
        default: null,
        example: 1000,
        description: "The user's numeric id. When set, activation checks that it is the id of the user running it.",
      }),
      homeDirectory: option({
        type: t.path,
        apply: (p: string) => String(p),
        defaultText: "`$HOME` for state versions before 20.09, undefined otherwise",
        example: "/home/jane.doe",
        description: "The user's home directory, as an absolute path.",
      }),
      profileDirectory: option({
        type: t.path,
        readOnly: true,
        default: () => {
          const h = home();
          const support = a.get("submoduleSupport") as AttrsView;
          if (support.enable === true && support.externalPackageInstall === true) return `/etc/profiles/per-user/${h.username as string}`;
          if (nixUseXdg(a)) return `${a.get("xdg.stateHome") as string}/nix/profile`;
          return `${h.homeDirectory as string}/.nix-profile`;
        },
        defaultText: "`~/.nix-profile`, or `${xdg.stateHome}/nix/profile` with `nix.useXdg`",
        description: "The profile directory the generation's packages (`home-path`) are installed as.",
      }),
      language: option({
        type: ty.submodule<Readonly<Record<string, string | null>>>(languageModule),
        default: {},
        description: "Language and locale settings.",
      }),
      keyboard: option({
        type: t.nullOr(ty.submodule<KeyboardValue>(keyboardModule(stateVersion))),
        default: () => (versionAtLeast(stateVersion(), "21.11") ? null : {}),
        defaultText: "`null` for state versions from 21.11, `{ }` before",
        description: "Keyboard settings; null leaves the keyboard to the system.",
      }),
      shellAliases: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { g: "git", "...": "cd ../.." },
        description:
          "Aliases for every shell Home Manager configures (Bash, Zsh, Fish, Nushell). Only for aliases that " +
          "work the same in all of them; use a shell's own option for anything shell specific.",
      }),
      sessionVariables: option({
        type: t.lazyAttrsOf(t.nullOr(ty.oneOf<string | number | boolean>([t.str, t.path, t.int, t.float, t.bool]))),
        default: {},
        example: { EDITOR: "emacs", GS_OPTIONS: "-sPAPERSIZE=a4" },
        description:
          "Environment variables set at login. Values may refer to other variables (`$VAR`, `${VAR:-default}`), " +
          "but not to other session variables, as the order is not defined. A null value leaves the variable out.",
      }),
      sessionVariablesPackage: option({ type: t.package, internal: true, description: "The package holding `hm-session-vars.sh`." }),
      sessionPath: option({
        type: t.listOf(t.str),
        default: [],
        example: ["$HOME/.local/bin", "${xdg.configHome}/emacs/bin", ".git/safe/../../bin"],
        description: "Directories to put in front of PATH. They are expanded by the shell inside double quotes.",
      }),
      sessionSearchVariables: option({
        type: t.attrsOf(t.listOf(t.str)),
        default: {},
        example: { MANPATH: ["$HOME/.npm-packages/man", "${xdg.configHome}/.local/share/man"] },
        description: "Directories to put in front of search-path variables such as `MANPATH`, joined with `:`.",
      }),
      sessionVariablesExtra: option({ type: t.lines, default: "", internal: true, description: "Text appended to `hm-session-vars.sh`." }),
      packages: option({ type: t.listOf(t.package), default: [], description: "Packages to install in the user's profile." }),
      extraOutputsToInstall: option({
        type: t.listOf(t.str),
        default: [],
        example: ["doc", "info", "devdoc"],
        description: "Outputs of the packages in `home.packages` to install besides the default ones.",
      }),
      extraDependencies: option({
        type: t.listOf(ty.pathInStore),
        default: [],
        description: "Store paths kept alive with the generation without appearing in the profile.",
      }),
      checks: option({
        type: t.listOf(t.package),
        default: [],
        description: "Packages built with the generation, to check the configuration, but not kept in it.",
      }),
      path: option({ type: ty.unspecified, internal: true, description: "The merged profile of `home.packages`." }),
      emptyActivationPath: option({
        type: t.bool,
        internal: true,
        default: () => versionAtLeast(stateVersion(), "22.11"),
        defaultText: "`false` for state versions before 22.11, `true` from 22.11",
        description: "Whether the activation script starts with an empty PATH rather than the caller's.",
      }),
      activation: option({
        type: ty.dagOf(t.str),
        default: {},
        description:
          'Bash snippets run at activation, ordered as a DAG (`lib.hm.dag.entryAfter [ "writeBoundary" ] …`). ' +
          "Snippets must be idempotent; anything that changes the system belongs after `writeBoundary` and " +
          "should go through `run` so that dry runs only print it.",
      }),
      activationPackage: option({ type: t.package, internal: true, description: "The generation: activation script, files and profile." }),
      activationGenerateGcRoot: option({
        type: t.bool,
        internal: true,
        default: true,
        description: "Whether activation registers the generation as a garbage-collection root.",
      }),
      extraActivationPath: option({
        type: t.listOf(t.package),
        internal: true,
        default: [],
        description: "Packages whose `bin` directories are on PATH in the activation script.",
      }),
      extraBuilderCommands: option({
        type: t.lines,
        internal: true,
        default: "",
        description: "Extra commands for the generation builder.",
      }),
      extraProfileCommands: option({ type: t.lines, internal: true, default: "", description: "Extra commands for the profile builder." }),
      enableNixpkgsReleaseCheck: option({
        type: t.bool,
        default: true,
        description: "Whether to warn when the Home Manager release and the Nixpkgs release differ.",
      }),
      preferXdgDirectories: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether modules put files under the XDG directories where the program supports it.",
      }),
    },
  });
}

/** `config.nix.useXdg` when the nix module is part of the catalog, else false. */
function nixUseXdg(a: EvalArgs): boolean {
  return a.has("nix.useXdg") && a.get("nix.useXdg") === true;
}

export type { DagEntry };
