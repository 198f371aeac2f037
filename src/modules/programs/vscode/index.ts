/**
 * `programs.vscode`: Visual Studio Code. The editor module proper comes from
 * `make-editor-module.ts` (files under `~/.config/Code/User` and
 * `~/.vscode`); this file adds what is particular to VS Code: the Haskell
 * integration (`programs.vscode.haskell`), the old top-level options that now
 * live in `profiles.default` (renamed), `immutableExtensionsDir` (turned into
 * `mutableExtensionsDir`), the removed `pname`, and a warning when `package`
 * is one of the forks that have a module of their own.
 */
import { defineModule, mkEnableOption, mkIf, option, t, toNix, type AttrsView } from "../../../module-system/index.js";
import { libCall, nixToString, perEvaluation, type EvalArgs } from "../../module-kit.js";
import { makeEditorModule } from "./make-editor-module.js";

const FILE = "modules/programs/vscode/index.ts";

/** Forks by `pname`, with the module to use for them instead. */
const FORK_MODULES: Readonly<Record<string, string>> = {
  vscodium: "programs.vscodium",
  "code-cursor": "programs.cursor",
  windsurf: "programs.windsurf",
  kiro: "programs.kiro",
  antigravity: "programs.antigravity",
};

const MOVED_TO_DEFAULT_PROFILE = [
  "enableUpdateCheck",
  "enableExtensionUpdateCheck",
  "userSettings",
  "userTasks",
  "userMcp",
  "keybindings",
  "extensions",
  "languageSnippets",
  "globalSnippets",
];

const haskellModule = defineModule({
  file: FILE,
  key: `${FILE}#haskell`,
  path: "programs.vscode.haskell",
  options: {
    enable: mkEnableOption("Haskell support in Visual Studio Code"),
    hie: {
      enable: option({ type: t.bool, default: true, description: "Whether to use the Haskell IDE Engine." }),
      executablePath: option({
        type: t.path,
        default: (d) => `${nixToString((d.pkgs["hie-nix"] as AttrsView).hies ?? null)}/bin/hie-wrapper`,
        defaultText: '"${pkgs.hie-nix.hies}/bin/hie-wrapper"',
        description:
          "The Haskell IDE Engine's executable. hie-nix is not part of Nixpkgs: set this, or provide " +
          "`pkgs.hie-nix` through an overlay (`nixpkgs.overlays`).",
      }),
    },
  },
  config: ({ cfg, pkgs }) =>
    mkIf(() => cfg.enable, {
      "programs.vscode.profiles.default.userSettings": () =>
        mkIf(cfg.hie.enable, {
          "languageServerHaskell.enableHIE": true,
          "languageServerHaskell.hieExecutablePath": cfg.hie.executablePath,
        }),
      "programs.vscode.profiles.default.extensions": () => {
        const exts = pkgs["vscode-extensions"] as AttrsView;
        const pick = (publisher: string, name: string) => (exts[publisher] as AttrsView)[name];
        return [pick("justusadam", "language-haskell"), ...(cfg.hie.enable ? [pick("alanz", "vscode-hie-server")] : [])];
      },
    }),
});

const forkWarningModule = defineModule({
  file: FILE,
  key: `${FILE}#fork-warning`,
  config: ({ config }) =>
    mkIf(() => config.bool("programs.vscode.enable"), {
      warnings: () => {
        const pkg = config.get("programs.vscode.package") as AttrsView | null;
        const pname = pkg !== null && "pname" in pkg ? String(pkg.pname) : null;
        const fork = pname !== null ? FORK_MODULES[pname] : undefined;
        if (fork === undefined) return [];
        return [
          `programs.vscode.package is set to a known VSCode fork (pname: "${pname}"),\n` +
            `but programs.vscode now always writes to Visual Studio Code's paths\n` +
            `(e.g. ~/.vscode, "Code/User"). Use ${fork} instead so that\n` +
            `configuration is written to the fork's own paths.\n`,
        ];
      },
    }),
});

function legacyModules(a: EvalArgs) {
  const vscode = ["programs", "vscode"];
  return [
    toNix(
      libCall(
        a.lib,
        "mkChangedOptionModule",
        [...vscode, "immutableExtensionsDir"],
        [...vscode, "mutableExtensionsDir"],
        (config: AttrsView) => ((config.programs as AttrsView).vscode as AttrsView).immutableExtensionsDir !== true,
      ),
    ),
    toNix(
      libCall(
        a.lib,
        "mkRemovedOptionModule",
        [...vscode, "pname"],
        // Home Manager's message, kept as it is.
        "The programs.vscode.pname option has been removed. Each VSCode fork\n" +
          "now has its own dedicated module (programs.vscodium, programs.cursor,\n" +
          "programs.windsurf, programs.kiro, programs.antigravity). Please switch\n" +
          "to the module corresponding to your fork instead of setting\n" +
          "programs.vscode.package to a fork package.\n",
      ),
    ),
    ...MOVED_TO_DEFAULT_PROFILE.map((o) =>
      toNix(libCall(a.lib, "mkRenamedOptionModule", [...vscode, o], [...vscode, "profiles", "default", o])),
    ),
  ];
}

/** The `programs.vscode` module. */
export const vscodeModule = perEvaluation(FILE, (a) => [
  makeEditorModule(a, {
    modulePath: "programs.vscode",
    name: "Visual Studio Code",
    packageName: "vscode",
    nameShort: "Code",
    dataFolderName: ".vscode",
  }).value,
  haskellModule.value,
  ...legacyModules(a),
  forkWarningModule.value,
]);
