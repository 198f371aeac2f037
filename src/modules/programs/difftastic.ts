/**
 * `programs.difftastic`: the difftastic structural diff tool. Installs
 * `package`; with `git.enable`, turns git on (by default) and makes
 * `difft <options>` git's external diff command (`mode` `external`), its
 * difftool (`difftool`), or both; with jujutsu integration (when that module
 * is in the catalog), jj's diff formatter. Keeps the old
 * `programs.git.difftastic.*` options (renamed, changed or removed) and
 * `git.diffToolMode` (changed into `git.mode`).
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
  toNix,
  type AttrsView,
} from "../../module-system/index.js";
import { libCall, perEvaluation, type EvalArgs } from "../module-kit.js";
import { legacyIntegration, renames } from "./git/integration.js";

const FILE = "modules/programs/difftastic.ts";

type Atom = string | number | boolean;
const atom = t.either(t.str, t.either(t.int, t.bool));

function makeDifftastic(a: EvalArgs) {
  const lib = a.lib;
  return defineModule({
    file: FILE,
    path: "programs.difftastic",
    options: {
      enable: mkEnableOption("difftastic, a structural diff tool"),
      package: mkPackageOption("difftastic"),
      options: option({
        type: t.attrsOf(t.either(atom, t.listOf(atom))),
        default: {} as Readonly<Record<string, Atom | readonly Atom[]>>,
        example: { color: "always", "sort-paths": true, "tab-width": 8 },
        description: "Command-line options for `difft`, as `--name=value` (see `difft --help`).",
      }),
      git: {
        enable: option({
          type: t.bool,
          default: false,
          description: "Whether to use difftastic from git, in the way `git.mode` says.",
        }),
        mode: option({
          type: t.enum(["external", "difftool", "both"] as const),
          default: "external",
          example: "difftool",
          description:
            "How git uses difftastic: `external` makes it the external diff command (`git diff` uses it), " +
            "`difftool` only registers it as a difftool (`git difftool`), `both` does both.",
        }),
      },
      jujutsu: {
        enable: option({ type: t.bool, default: false, description: "Whether to make difftastic jujutsu's diff formatter." }),
      },
    },
    config: ({ cfg, arg }) => {
      const command = () =>
        `${String(libCall(lib, "getExe", cfg.package))} ${String(libCall(lib, "cli.toCommandLineShellGNU", {}, cfg.options))}`;
      const mode = () => cfg.git.mode;
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.package],
          ...legacyIntegration(
            () => arg("options"),
            "difftastic",
            "git.enable",
            () => cfg.git.enable,
          ),
        }),
        mkIf(() => cfg.enable && cfg.git.enable, {
          "programs.git.enable": () => mkDefault(true),
          "programs.git.iniContent": () =>
            mkMerge([
              mkIf(mode() === "external" || mode() === "both", { diff: { external: command() } }),
              mkIf(mode() === "difftool" || mode() === "both", {
                diff: { tool: mkDefault("difftastic") },
                difftool: { difftastic: { cmd: `${command()} $LOCAL $REMOTE` } },
              }),
            ]),
        }),
        // programs.jujutsu is in the catalog, so its settings can be defined unconditionally (under mkIf).
        mkIf(() => cfg.enable && cfg.jujutsu.enable, {
          "programs.jujutsu.settings.ui.diff-formatter": () => [
            libCall(lib, "getExe", cfg.package),
            ...(libCall(
              lib,
              "cli.toCommandLineGNU",
              {},
              { ...(cfg.options as AttrsView), color: "always", "sort-paths": true },
            ) as string[]),
            "$left",
            "$right",
          ],
        }),
      ]);
    },
  });
}

/** The module, with the old option names renamed, changed or removed. */
export const difftasticModule = perEvaluation(FILE, (a) => {
  const changed = (from: string, to: string, f: (config: AttrsView) => string) =>
    toNix(libCall(a.lib, "mkChangedOptionModule", from.split("."), to.split("."), f));
  const flag = (config: AttrsView, path: string): boolean => {
    let v: unknown = config;
    for (const p of path.split(".")) v = (v as AttrsView)[p];
    return v === true;
  };
  return [
    // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
    makeDifftastic(a).value,
    ...renames(a.lib, [
      ["programs.git.difftastic.enable", "programs.difftastic.enable"],
      ["programs.git.difftastic.package", "programs.difftastic.package"],
    ]),
    changed("programs.git.difftastic.enableAsDifftool", "programs.difftastic.git.mode", (c) =>
      flag(c, "programs.git.difftastic.enableAsDifftool") ? "both" : "external",
    ),
    changed("programs.difftastic.git.diffToolMode", "programs.difftastic.git.mode", (c) =>
      flag(c, "programs.difftastic.git.diffToolMode") ? "both" : "external",
    ),
    ...renames(a.lib, [
      ["programs.git.difftastic.options", "programs.difftastic.options"],
      ...["background", "color", "context", "display"].map(
        (o) => [`programs.git.difftastic.${o}`, `programs.git.difftastic.options.${o}`] as const,
      ),
    ]),
    toNix(
      libCall(
        a.lib,
        "mkRemovedOptionModule",
        ["programs", "git", "difftastic", "extraArgs"],
        "'programs.git.difftastic.extraArgs' has been replaced by 'programs.git.difftastic.options'\n",
      ),
    ),
  ];
});
