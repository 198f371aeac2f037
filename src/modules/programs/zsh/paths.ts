/**
 * Path arithmetic of the Zsh module (Home Manager's `zsh/lib.nix`): the
 * home directory without a trailing slash, `dotDir` as a path relative to
 * the home directory (the key of its `home.file` entries, `.` for the home
 * itself) and as an absolute path, paths that keep shell variables for the
 * shell to expand, and the plugin directory. Trailing slashes are dropped
 * everywhere; a relative path is taken relative to the home directory.
 */
import { nixThrow } from "../../../module-system/nix-values.js";
import type { ConfigView } from "../../../module-system/index.js";
import { escapeShellArg } from "../../module-kit.js";

const stripSlash = (p: string): string => (p.endsWith("/") ? p.slice(0, -1) : p);

/** The Zsh path helpers for one home directory. */
export interface ZshPaths {
  readonly homeDir: string;
  /** Quoted for the shell, trailing slash dropped. */
  cleanPathStr(p: string): string;
  /** Relative to the home directory (`.` for the home itself); fails for an absolute path outside it. */
  mkRelPathStr(p: string): string;
  /** Absolute: a relative path is taken under the home directory. */
  mkAbsPathStr(p: string): string;
  /** Absolute, unless the path holds a shell variable (then kept as written, for the shell to expand). */
  mkShellVarPathStr(p: string): string;
}

export function zshPaths(home: string): ZshPaths {
  const homeDir = stripSlash(home);
  const mkAbsPathStr = (p: string): string => {
    const n = stripSlash(p);
    return n.startsWith("/") ? n : `${homeDir}/${n}`;
  };
  return {
    homeDir,
    cleanPathStr: (p) => escapeShellArg(stripSlash(p)),
    mkRelPathStr: (p) => {
      const n = stripSlash(p);
      if (!n.startsWith("/")) return n;
      if (n === homeDir) return ".";
      if (n.startsWith(`${homeDir}/`)) return n.slice(homeDir.length + 1);
      throw nixThrow(
        "Attempted to convert an absolute path not within home directory to a\nhome-relative path.\n" +
          `Conversion attempted on:\n  ${p}\n...which does not start with:\n  ${homeDir}\n`,
      );
    },
    mkAbsPathStr,
    mkShellVarPathStr: (p) => (stripSlash(p).includes("$") ? stripSlash(p) : mkAbsPathStr(p)),
  };
}

/** Where plugins are linked: `<dotDir>/plugins`, or `~/.zsh/plugins` when `dotDir` is the home directory. */
export function pluginsDir(paths: ZshPaths, dotDir: string): string {
  return paths.mkAbsPathStr(dotDir) + (paths.mkRelPathStr(dotDir) === "." ? "/.zsh" : "") + "/plugins";
}

/** `dotDir` of a configuration, absolute and relative, and the plugin directory (computed when read). */
export function zshPathsOf(config: ConfigView): { paths: ZshPaths; dotDir: string; abs: string; rel: string; pluginsDir: string } {
  const paths = zshPaths(config.str("home.homeDirectory"));
  const dotDir = (config.get("programs.zsh.dotDir") as string | null) ?? "";
  return {
    paths,
    dotDir,
    get abs() {
      return paths.mkAbsPathStr(dotDir);
    },
    get rel() {
      return paths.mkRelPathStr(dotDir);
    },
    get pluginsDir() {
      return pluginsDir(paths, dotDir);
    },
  };
}
