/**
 * `programs.man`: manual pages and a `man` command. When on, the profile
 * gets `package` (man-db's `man` by default, or mandoc's) and the `man`
 * outputs of every package. With man-db (`man-db.enable`, the default) and
 * `generateCaches`, `~/.manpath` maps the profile's `share/man` to an index
 * cache built with `mandb` over the pages of `home.packages`, followed by
 * `man-db.extraConfig`. With mandoc, the profile builder runs `makewhatis`
 * (when `generateCaches`), `$XDG_DATA_HOME/mandoc/man` points at the
 * profile's pages and is put first in `MANPATH`. Using both viewers at once
 * fails an assertion; the renamed `programs.man.extraConfig` is
 * `man-db.extraConfig`.
 *
 * Deviations: `enable` defaults to false (Home Manager: true), because on
 * it installs a package into every profile and adds `man` outputs to every
 * package. Home Manager links the mandoc directory to `home.path`, the
 * profile built during evaluation; the profile is built after evaluation
 * here, so the link goes to the profile directory's `share/man` (which then
 * resolves to it), as an out-of-store link. The cache's builder makes an
 * empty cache directory when there are no pages at all (mandb then writes
 * nothing, and the build would fail for want of an output).
 */
import { defineModule, mkBefore, mkEnableOption, mkIf, mkMerge, option, t, type AttrsView } from "../../module-system/index.js";
import { attrs, call, lazy, prim, select } from "../../module-system/nix-values.js";
import { callNix, libCall, nixToString, versionAtLeast } from "../module-kit.js";

const FILE = "modules/programs/man.ts";

const mainModule = defineModule({
  file: FILE,
  path: "programs.man",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      defaultText: "false (Home Manager: true)",
      description: "Whether to install manual pages and the `man` command, the `man` outputs of `home.packages` included.",
    }),
    package: option({
      type: t.nullOr(t.package),
      default: (d) => {
        const pkgs = d.pkgs;
        const c = d.arg("config") as AttrsView;
        const man = ((c.programs as AttrsView).man as AttrsView) ?? {};
        const hostPlatform = (pkgs.stdenv as AttrsView).hostPlatform as AttrsView;
        const stateVersion = (c.home as AttrsView).stateVersion as string;
        if (hostPlatform.isDarwin === true && versionAtLeast(stateVersion, "26.05")) return null;
        if ((man["man-db"] as AttrsView).enable === true) return pkgs.man as AttrsView;
        if ((man.mandoc as AttrsView).enable === true) return pkgs.mandoc as AttrsView;
        return null;
      },
      defaultText:
        'if pkgs.stdenv.hostPlatform.isDarwin && lib.versionAtLeast config.home.stateVersion "26.05" then null ' +
        "else if cfg.man-db.enable then pkgs.man else if cfg.mandoc.enable then pkgs.mandoc else null",
      description: "The package providing `man`.",
    }),
    generateCaches: option({
      type: t.bool,
      default: false,
      description:
        "Whether to build the index caches of the manual pages, which `apropos(1)` and keyword searches use. " +
        "Off by default since it makes each build of a generation a few seconds slower.",
    }),
    "man-db": {
      enable: option({ type: t.bool, default: true, example: false, description: "Whether to use man-db to view manual pages." }),
      extraConfig: option({
        type: t.lines,
        default: "",
        example: "MANDATORY_MANPATH /usr/man\nSECTION 1 n l 8 3 0 2 3type 5 4 9 6 7\n",
        description: "Lines appended to the user's manpath file (`~/.manpath`).",
      }),
    },
    mandoc: {
      enable: mkEnableOption("mandoc as the manual page viewer"),
    },
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const manDb = () => cfg.enable && cfg["man-db"].enable;
    const mandoc = () => cfg.enable && cfg.mandoc.enable;
    /** `~/.manpath`: the profile's pages mapped to an index built over the pages of `home.packages`. */
    const manpath = () => {
      const pages = callNix(pkgs.buildEnv, {
        name: "man-paths",
        paths: config.get("home.packages"),
        pathsToLink: ["/share/man"],
        extraOutputsToInstall: ["man"],
        ignoreCollisions: true,
      });
      const dir = `${nixToString(pages)}/share/man`;
      const cache = callNix(
        pkgs.runCommandLocal,
        "man-cache",
        { nativeBuildInputs: [cfg.package] },
        "# A man.conf telling mandb where to write the cache.\n" +
          `echo "MANDB_MAP ${dir} $out" > man.conf\n` +
          `mandb -C man.conf --no-straycats --create \\\n  ${dir}\n` +
          "# mandb writes nothing when there are no pages; the cache is then empty.\n" +
          "mkdir -p $out\n",
      );
      const extra = cfg["man-db"].extraConfig;
      return `MANDB_MAP ${config.str("home.profileDirectory")}/share/man ${nixToString(cache)}\n` + (extra !== "" ? `\n${extra}` : "");
    };
    return mkMerge([
      mkIf(() => cfg.enable, {
        warnings: () =>
          cfg.generateCaches && cfg.package === null ? ["programs.man.generateCaches has no effect when programs.man.package is null"] : [],
        assertions: () => [
          {
            assertion: !(cfg.mandoc.enable && cfg["man-db"].enable),
            message: "man-db and mandoc can't be used as the man page viewer at the same time!\n",
          },
        ],
        "home.packages": () => (cfg.package === null ? [] : [cfg.package]),
        "home.extraOutputsToInstall": () => ["man"],
      }),
      mkIf(manDb, {
        warnings: () =>
          cfg["man-db"].extraConfig !== "" && !cfg.generateCaches
            ? ["programs.man.man-db.extraConfig has no effect when programs.man.generateCaches is false"]
            : [],
        "home.file": () => (cfg.generateCaches && cfg.package !== null ? { ".manpath": { text: manpath() } } : {}),
      }),
      mkIf(mandoc, {
        "home.extraProfileCommands": () =>
          !(cfg.generateCaches && cfg.package !== null)
            ? mkIf(false, "")
            : 'if [ -d "$out/share/man" ]; then\n' +
              `  ${nixToString(libCall(lib, "getExe'", cfg.package, "makewhatis"))} -T utf8 "$out/share/man"\n` +
              "fi\n",
        "xdg.dataFile": () => {
          const link = config.get("lib.file.mkOutOfStoreSymlink");
          return { "mandoc/man": { source: callNix(link, `${config.str("home.profileDirectory")}/share/man`) } };
        },
        "home.sessionSearchVariables": () => ({ MANPATH: mkBefore([`${config.str("xdg.dataHome")}/mandoc/man`]) }),
      }),
    ]);
  },
});

/** `programs.man.extraConfig` is the old name of `man-db.extraConfig`. */
const renamedExtraConfig = prim("programs.man renamed options", 1, ([args]) =>
  attrs({
    _file: FILE,
    imports: [
      lazy(() =>
        call(
          select(select(args!, "lib"), "mkRenamedOptionModule"),
          ["programs", "man", "extraConfig"],
          ["programs", "man", "man-db", "extraConfig"],
        ),
      ),
    ],
  }),
);

export const manModules = [mainModule.value, renamedExtraConfig];
