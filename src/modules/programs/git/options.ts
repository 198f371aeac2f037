/**
 * The option declarations of `programs.git`: the git-config value types (a
 * value is a string, boolean or integer, or a list of them; a section maps
 * keys to values or to subsections), the `includes` entry submodule (whose
 * `path` defaults to a store file rendered from `contents`), signing, LFS and
 * maintenance. Declarations only: what the options do is in `index.ts`.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { callNix, libCall, ty } from "../../module-kit.js";

export const FILE = "modules/programs/git.ts";

/** A git-config value as the module sees it. */
export type GitPrimitive = string | boolean | number;
export type GitValue = GitPrimitive | readonly GitPrimitive[];
/** `{ section = { key = value; subsection = { key = value; }; }; }` */
export type GitIni = Readonly<Record<string, Readonly<Record<string, GitValue | Readonly<Record<string, GitValue>>>>>>;

const primitiveType: TsType<GitPrimitive> = t.either(t.str, t.either(t.bool, t.int));
const multipleType: TsType<GitValue> = t.either(primitiveType, t.listOf(primitiveType));
/** Home Manager's `gitIniType`: sections of keys or of subsections. */
export const gitIniType: TsType<GitIni> = t.attrsOf(t.attrsOf(t.either(multipleType, t.attrsOf(multipleType))));

/** One element of `programs.git.includes`. */
export interface GitInclude {
  readonly condition: string | null;
  readonly path: string;
  readonly contents: AttrsView;
  readonly contentSuffix: string;
}

/**
 * The `includes` entry module, made per evaluation: when `contents` is not
 * empty, `path` defaults to a `writeText` file named from `contentSuffix`
 * holding the contents in git-config syntax.
 */
export function includeModule(pkgs: () => AttrsView, lib: Lazy) {
  return defineModule({
    file: FILE,
    key: `${FILE}#include`,
    options: {
      condition: option({
        type: t.nullOr(t.str),
        default: null,
        description:
          "A condition (as `includeIf` takes it, e.g. `gitdir:~/work/`) under which the file is included; " +
          "null includes it unconditionally. See git-config(1).",
      }),
      path: option({
        type: t.either(t.str, t.path),
        description: "The configuration file to include.",
      }),
      contents: option({
        type: t.attrsOf(t.anything),
        default: {},
        example: { user: { email: "bob@work.example.com", name: "Bob Work" }, commit: { gpgSign: true } },
        description:
          "Settings, shaped like `programs.git.settings`, written to a file of their own that is then included. " +
          "When empty, `path` must name the file.",
      }),
      contentSuffix: option({
        type: t.str,
        default: "gitconfig",
        description: "The store name used for the file generated from `contents`.",
      }),
    },
    config: ({ cfg }) =>
      mkIf(() => Object.keys(cfg.contents).length > 0, {
        path: () =>
          mkDefault(
            callNix(
              pkgs().writeText,
              libCall(lib, "hm.strings.storeFileName", cfg.contentSuffix),
              libCall(lib, "generators.toGitINI", cfg.contents),
            ),
          ),
      }),
  });
}

const signingOptions = {
  key: option({
    type: t.nullOr(t.str),
    default: null,
    description:
      "The key to sign with by default (a fingerprint, or an SSH public key). With null the signing program picks one, " +
      "usually from the commit's author.",
  }),
  format: option({
    type: t.nullOr(t.enum(["openpgp", "ssh", "x509"] as const)),
    defaultText: 'if lib.versionAtLeast config.home.stateVersion "25.05" then null else "openpgp"',
    description:
      "How commits and tags are signed: `openpgp` (GnuPG), `ssh` or `x509` (certificates, through gpgsm). " +
      "With null, no `gpg` section is written.",
  }),
  signByDefault: option({
    type: t.nullOr(t.bool),
    default: null,
    description: "Whether to sign every commit and tag; null leaves git's own default.",
  }),
  signer: option({
    type: t.nullOr(t.str),
    description: "The program that signs (e.g. gpg or ssh-keygen); by default the one matching `format`.",
  }),
};

const lfsOptions = {
  enable: mkEnableOption("Git Large File Storage"),
  package: mkPackageOption("git-lfs", { nullable: true }),
  skipSmudge: option({
    type: t.bool,
    default: false,
    description: "Whether to leave large files out of checkouts (clone, pull); they are then fetched by hand with `git lfs pull`.",
  }),
};

const maintenanceOptions = {
  enable: option({
    type: t.bool,
    default: false,
    example: true,
    description:
      "Whether to run `git maintenance` on a schedule over `repositories`. Repositories with SSH remotes need a git " +
      "package that has SSH support (such as `pkgs.gitFull`). See git-maintenance(1).",
  }),
  repositories: option({
    type: t.listOf(t.str),
    default: [],
    description: "The repositories (absolute paths) to maintain.",
  }),
  timers: option({
    type: t.attrsOf(t.str),
    default: { hourly: "*-*-* 1..23:53:00", daily: "Tue..Sun *-*-* 0:53:00", weekly: "Mon 0:53:00" },
    description:
      "The schedules to run maintenance on: each name is given to `git maintenance run --schedule=`, each value is " +
      "the `OnCalendar` of a systemd timer.",
  }),
};

/** `programs.git`'s declarations (the includes submodule is made per evaluation). */
export function gitOptions(pkgs: () => AttrsView, lib: Lazy) {
  return {
    enable: mkEnableOption("Git"),
    package: option({
      type: t.nullOr(t.package),
      default: (a) => a.pkgs.git as AttrsView,
      defaultText: "pkgs.git",
      example: "pkgs.gitFull",
      description: "The git package to install, or null to install none. `pkgs.gitFull` has `git send-email`, for instance.",
    }),
    signing: signingOptions,
    settings: option({
      type: t.either(gitIniType, t.listOf(gitIniType)),
      default: {} as GitIni,
      example: [{ core: { whitespace: "trailing-space,space-before-tab" } }, { credential: { "https://example.com": { helper: "" } } }],
      description:
        "Settings for `$XDG_CONFIG_HOME/git/config`, by section. Either one set, or a list of sets written one after " +
        "the other, for when a section must repeat or the order of sections matters. See git-config(1).",
    }),
    hooks: option({
      type: t.attrsOf(t.path),
      default: {},
      example: "{ pre-commit = ./pre-commit-script; }",
      description: "Git hooks by name (see githooks(5)); `core.hooksPath` is set to a directory linking to them.",
    }),
    iniContent: option({
      type: gitIniType,
      internal: true,
      description: "Everything written to the main configuration file, from `settings` and the other options.",
    }),
    ignores: option({
      type: t.listOf(t.str),
      default: [],
      example: ["*~", "*.swp"],
      description: "Patterns that git ignores in every repository.",
    }),
    attributes: option({
      type: t.listOf(t.str),
      default: [],
      example: ["*.pdf diff=pdf"],
      description: "Attribute lines (see gitattributes(5)) that hold in every repository.",
    }),
    includes: option({
      type: t.listOf(ty.submodule<GitInclude>(includeModule(pkgs, lib))),
      default: [],
      example: [{ path: "~/path/to/config.inc" }, { path: "~/path/to/conditional.inc", condition: "gitdir:~/src/dir" }],
      description: "Configuration files to include, each optionally under a condition.",
    }),
    lfs: lfsOptions,
    maintenance: maintenanceOptions,
  };
}

/** Read a view's attribute without forcing the others (for `JsValue` sets). */
export function attrOf(v: JsValue, name: string): JsValue | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as AttrsView)[name] : undefined;
}
