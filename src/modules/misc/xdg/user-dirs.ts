/**
 * `xdg.userDirs`: the well-known user directories (Desktop, Documents, …)
 * written to `$XDG_CONFIG_HOME/user-dirs.dirs` as `XDG_<NAME>_DIR="path"`
 * lines in name order, with `user-dirs.conf` turning off the
 * `xdg-user-dirs-update` rewrite. A directory set to null is left out;
 * `extraConfig` adds more (`MISC` → `XDG_MISC_DIR`; before state version
 * 26.05 a key already written as `XDG_MISC_DIR` is accepted with a warning).
 * The same bindings become session variables when `setSessionVariables`
 * (default true before 26.05, false after), and `createDirectories` makes
 * the directories after the files are linked.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  type AttrsView,
  type JsValue,
  type TsType,
} from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { libCall, nixToString, perEvaluation, ty, versionAtLeast } from "../../module-kit.js";

const FILE = "modules/misc/xdg/user-dirs.ts";

/** Option name → the name inside `XDG_<NAME>_DIR` and the default directory below home. */
const WELL_KNOWN = [
  ["desktop", "DESKTOP", "Desktop"],
  ["documents", "DOCUMENTS", "Documents"],
  ["download", "DOWNLOAD", "Downloads"],
  ["music", "MUSIC", "Music"],
  ["pictures", "PICTURES", "Pictures"],
  ["projects", "PROJECTS", "Projects"],
  ["publicShare", "PUBLICSHARE", "Public"],
  ["templates", "TEMPLATES", "Templates"],
  ["videos", "VIDEOS", "Videos"],
] as const;

/** A directory: a path (turned into its string) or a string. */
const dirType = ty.coercedTo(t.path, (p: JsValue) => nixToString(p), t.str) as TsType<string>;

function dirOption(field: string, sub: string, label: string) {
  return option<string | null>({
    type: t.nullOr(dirType),
    default: (a) => `${((a.arg("config") as AttrsView).home as AttrsView).homeDirectory as string}/${sub}`,
    defaultText: `"\${config.home.homeDirectory}/${sub}"`,
    description: `The ${label} directory (null: not listed).`,
  });
}

/** `XDG_<NAME>_DIR` written as a key of `extraConfig` (the old form): the inner name, else null. */
function legacyKey(key: string): string | null {
  const m = /^XDG_(.*)_DIR$/s.exec(key);
  return m === null ? null : m[1]!;
}

/** The `user-dirs.dirs` text: one quoted binding per line, sorted by variable name. */
export function userDirsText(bindings: Readonly<Record<string, string>>): string {
  return Object.keys(bindings)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}="${bindings[k]!}"\n`)
    .join("");
}

const xdgUserDirsModule = defineModule({
  file: FILE,
  path: "xdg.userDirs",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      description: "Whether to manage the read-only file `$XDG_CONFIG_HOME/user-dirs.dirs`.",
    }),
    package: mkPackageOption("xdg-user-dirs", { nullable: true }),
    ...Object.fromEntries(WELL_KNOWN.map(([field, , sub]) => [field, dirOption(field, sub, field)])),
    extraConfig: option({
      type: t.attrsOf(dirType),
      default: {},
      example: { MISC: "${config.home.homeDirectory}/Misc" },
      description: "More user directories: the key `MISC` becomes the entry `XDG_MISC_DIR`.",
    }),
    createDirectories: mkEnableOption("automatic creation of the XDG user directories"),
    setSessionVariables: option({
      type: t.bool,
      default: (a) => {
        const lib = toNix(a.arg("lib")) as Lazy;
        const stateVersion = ((a.arg("config") as AttrsView).home as AttrsView).stateVersion as string;
        const d = libCall(lib, "hm.deprecations.mkStateVersionOptionDefault", {
          stateVersion,
          since: "26.05",
          optionPath: ["xdg", "userDirs", "setSessionVariables"],
          legacy: { value: true },
          current: { value: false },
        }) as AttrsView;
        return d.default as boolean;
      },
      defaultText: 'true for state versions before "26.05", false from it',
      description:
        "Whether to export the directories as session variables (`XDG_DESKTOP_DIR`, …). Programs should rather ask `xdg-user-dir` or read `user-dirs.dirs`.",
    }),
  },
  config: ({ cfg, config, lib }) => {
    const c = cfg as unknown as AttrsView;
    const legacyState = () => !versionAtLeast(config.str("home.stateVersion"), "26.05");
    const extra = (): Record<string, string> => {
      const given = c.extraConfig as Readonly<Record<string, string>>;
      const out: Record<string, string> = {};
      for (const k of Object.keys(given)) out[legacyState() ? (legacyKey(k) ?? k) : k] = given[k]!;
      return out;
    };
    const bindings = (): Record<string, string> => {
      const dirs: Record<string, string> = {};
      for (const [field, name] of WELL_KNOWN) if (c[field] !== null) dirs[name] = c[field] as string;
      Object.assign(dirs, extra());
      return Object.fromEntries(Object.keys(dirs).map((k) => [`XDG_${k}_DIR`, dirs[k]!]));
    };
    return mkIf(() => cfg.enable, {
      warnings: () =>
        legacyState()
          ? Object.keys(c.extraConfig as AttrsView)
              .filter((k) => legacyKey(k) !== null)
              .sort()
              .map(
                (k) =>
                  libCall(lib, "hm.deprecations.mkDeprecatedOptionValueWarning", {
                    option: ["xdg", "userDirs", "extraConfig"],
                    old: `keys like \`${k}\``,
                    replacement: `keys like \`${legacyKey(k)!}\``,
                  }) as string,
              )
          : [],
      "xdg.configFile": () => ({
        "user-dirs.dirs": { text: userDirsText(bindings()) },
        "user-dirs.conf": { text: "enabled=False" },
      }),
      "home.packages": () => mkIf(c.package !== null, [c.package as AttrsView]),
      "home.sessionVariables": () => mkIf(c.setSessionVariables === true, bindings()),
      "home.activation.createXdgUserDirectories": () =>
        mkIf(
          c.createDirectories === true,
          libCall(
            lib,
            "hm.dag.entryAfter",
            ["linkGeneration"],
            Object.values(bindings())
              .map((d) => `[[ -L "${d}" ]] || run mkdir -p $VERBOSE_ARG "${d}"`)
              .join("\n"),
          ),
        ),
    });
  },
});

/** The module, with Home Manager's rename of `publishShare` to `publicShare`. */
export const xdgUserDirsModules = perEvaluation(FILE, (a) => [
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["xdg", "userDirs", "publishShare"], ["xdg", "userDirs", "publicShare"])),
  xdgUserDirsModule.value,
]);
