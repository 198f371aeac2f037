/**
 * Home Manager as a flake input, provided by this program rather than
 * fetched: `home-manager.lib.homeManagerConfiguration { pkgs; modules; … }`
 * (remembered here, and evaluated by `home-manager build`/`switch --flake`
 * with our module system), `home-manager.lib.hm`, the `home-manager` package
 * and the module attributes. The NixOS and nix-darwin modules are named but
 * refuse to be used: this program manages a home directory on its own.
 */
import { forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import { attrs, lazy, nixThrow, prim, select } from "../module-system/nix-values.js";
import { forceList } from "../nix/ops.js";
import { FLAKE_EXPOSED } from "../lib/systems/index.js";

/** What `homeManagerConfiguration` was given. */
export interface HomeConfigurationArgs {
  readonly modules: readonly Lazy[];
  readonly pkgs: Lazy;
  readonly extraSpecialArgs: NixAttrs;
  readonly check: boolean;
}

const configurations = new WeakMap<NixAttrs, HomeConfigurationArgs>();

/** The arguments of a `homeManagerConfiguration` result, if `v` is one. */
export function homeConfigurationArgs(v: Value): HomeConfigurationArgs | undefined {
  return v instanceof NixAttrs ? configurations.get(v) : undefined;
}

const REMOVED = ["configuration", "username", "homeDirectory", "stateVersion", "extraModules", "system"];

/** The systems nixpkgs exposes its packages for (`lib.systems.flakeExposed`). */
export const FLAKE_SYSTEMS = FLAKE_EXPOSED;

function homeManagerConfiguration(argsL: Lazy): NixAttrs {
  const args = forceAttrs(argsL);
  const removed = REMOVED.filter((n) => args.has(n));
  if (removed.length > 0)
    throw nixThrow(
      `homeManagerConfiguration no longer takes ${removed.map((n) => `'${n}'`).join(", ")}: set home.username, home.homeDirectory and home.stateVersion in a module listed in 'modules', and give the package set as 'pkgs' (for example \`pkgs = nixpkgs.legacyPackages.x86_64-linux;\`)`,
    );
  const pkgs = args.get("pkgs");
  if (pkgs === undefined)
    throw nixThrow(
      "homeManagerConfiguration needs 'pkgs', the package set to use (for example `pkgs = nixpkgs.legacyPackages.x86_64-linux;`)",
    );
  const modules = args.has("modules") ? forceList(args.get("modules")!) : [];
  const extra = args.has("extraSpecialArgs") ? forceAttrs(args.get("extraSpecialArgs")!) : NixAttrs.empty;
  const check = args.has("check") ? force(args.get("check")!) !== false : true;
  const unavailable = (what: string) =>
    lazy(() => {
      throw nixThrow(
        `'${what}' of a home configuration is not evaluated inside Nix here; run \`home-manager build --flake …\` (or \`home-manager option\` for values)`,
      );
    });
  const result = attrs({
    pkgs,
    activationPackage: unavailable("activationPackage"),
    config: unavailable("config"),
    options: unavailable("options"),
  });
  configurations.set(result, { modules, pkgs, extraSpecialArgs: extra, check });
  return result;
}

function refused(what: string): Lazy {
  return lazy(() => {
    throw nixThrow(
      `Home Manager's ${what} module is not part of this program, which manages a home directory on its own: use the standalone setup (homeConfigurations and \`home-manager switch --flake\`)`,
    );
  });
}

/** `inputs.home-manager`. `lib` is ours (with `hm`); `pkg` is this installation's `home-manager` package. */
export function homeManagerFlake(lib: Lazy, pkg: () => Value, root: string): NixAttrs {
  const flakeLib = attrs({
    homeManagerConfiguration: prim("homeManagerConfiguration", 1, ([a]) => homeManagerConfiguration(a!)),
    hm: lazy(() => force(select(lib, "hm"))),
  });
  const packages = attrs(
    FLAKE_SYSTEMS.map((s): [string, Lazy] => [s, lazy(() => attrs({ default: lazy(pkg), "home-manager": lazy(pkg) }))]),
  );
  return attrs({
    _type: "flake",
    outPath: root,
    lib: flakeLib,
    packages,
    inputs: NixAttrs.empty,
    nixosModules: attrs({ "home-manager": refused("NixOS"), default: refused("NixOS") }),
    darwinModules: attrs({ "home-manager": refused("nix-darwin"), default: refused("nix-darwin") }),
    lastModified: 0n,
    lastModifiedDate: "19700101000000",
  });
}
