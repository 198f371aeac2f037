/**
 * Finding the configuration, as `home-manager` does. Without flakes:
 * `-f FILE` or `$HOME_MANAGER_CONFIG` (which must exist), else
 * `<config home>/home-manager/home.nix`, else the deprecated
 * `<config home>/nixpkgs/home.nix` and `~/.nixpkgs/home.nix` (each with a
 * warning), else an error naming the file to create. A flake is used when
 * `--flake` is given, or, when neither `--flake` nor a configuration file was
 * named, when `<config home>/home-manager/flake.nix` (or the deprecated
 * `nixpkgs/flake.nix`) exists.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configHome } from "../store/state-paths.js";

type Env = Readonly<Record<string, string | undefined>>;

export type ConfigLocation =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "flake"; readonly uri: string; readonly name: string; readonly names: readonly string[] }
  | { readonly kind: "error"; readonly message: string };

export interface LocateOptions {
  readonly env: Env;
  readonly cwd: string;
  /** `-f FILE`. */
  readonly file?: string | undefined;
  /** `--flake URI[#NAME]`. */
  readonly flake?: string | undefined;
  /** Warnings (deprecated locations), already formatted. */
  readonly warn: (message: string) => void;
}

function deprecated(what: string, where: string, instead: string): string {
  return `Keeping your Home Manager ${what} in ${where} is deprecated,\nplease move it to ${instead}`;
}

/** `setConfigFile`. */
export function locateConfigFile(o: LocateOptions): ConfigLocation {
  const explicit = o.file ?? o.env.HOME_MANAGER_CONFIG;
  if (explicit !== undefined) {
    const abs = path.resolve(o.cwd, explicit);
    if (!fs.existsSync(abs)) return { kind: "error", message: `No configuration file found at ${explicit}` };
    return { kind: "file", file: fs.realpathSync(abs) };
  }
  const home = o.env.HOME ?? "";
  const cfgHome = configHome(o.env);
  const hmDir = path.join(cfgHome, "home-manager");
  const def = path.join(hmDir, "home.nix");
  if (fs.existsSync(def)) return { kind: "file", file: fs.realpathSync(def) };
  for (const dir of [path.join(cfgHome, "nixpkgs"), path.join(home, ".nixpkgs")]) {
    const f = path.join(dir, "home.nix");
    if (fs.existsSync(f)) {
      o.warn(deprecated("home.nix", dir, hmDir));
      return { kind: "file", file: fs.realpathSync(f) };
    }
  }
  return { kind: "error", message: `No configuration file found. Please create one at ${def}` };
}

/** `setFlakeAttribute` (without asking Nix which host-qualified name exists). */
export function locateFlake(o: LocateOptions): ConfigLocation | undefined {
  let arg = o.flake ?? "";
  if (arg === "" && o.file === undefined && o.env.HOME_MANAGER_CONFIG === undefined) {
    const cfgHome = configHome(o.env);
    const hmFlake = path.join(cfgHome, "home-manager", "flake.nix");
    const oldFlake = path.join(cfgHome, "nixpkgs", "flake.nix");
    if (fs.existsSync(hmFlake)) arg = path.dirname(fs.realpathSync(hmFlake));
    else if (fs.existsSync(oldFlake)) {
      o.warn(deprecated("flake.nix", path.join(cfgHome, "nixpkgs"), path.join(cfgHome, "home-manager")));
      arg = path.dirname(fs.realpathSync(oldFlake));
    }
  }
  if (arg === "") return undefined;
  const hash = arg.indexOf("#");
  if (hash >= 0) {
    const name = unquote(arg.slice(hash + 1));
    return { kind: "flake", uri: arg.slice(0, hash), name, names: [name] };
  }
  // As Home Manager, whose last match wins: `USER@SHORT-HOST`, then `USER@HOST`, then `USER`.
  const user = o.env.USER ?? "";
  const host = os.hostname();
  const names = [...new Set([`${user}@${host.split(".")[0]!}`, `${user}@${host}`, user])];
  return { kind: "flake", uri: arg, name: user, names };
}

/** `#NAME` may be quoted as Nix quotes an attribute name (`#"jdoe@host"`). */
function unquote(name: string): string {
  return /^".*"$/.test(name) ? name.slice(1, -1).replace(/\\(.)/g, "$1") : name;
}

/** Flake if one applies, else the configuration file. */
export function locateConfig(o: LocateOptions): ConfigLocation {
  return locateFlake(o) ?? locateConfigFile(o);
}
