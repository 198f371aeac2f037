/**
 * A nixpkgs tree as a flake input, provided without evaluating nixpkgs'
 * own `flake.nix`: `lib` is our `lib`, `legacyPackages.<system>` is the
 * package layer's set of that tree (as `import nixpkgs { }` gives), and the
 * source attributes are the input's. `lib.nixosSystem` is named but refuses:
 * this program manages a home directory, not a system.
 */
import { NixAttrs, type Lazy } from "../nix/values.js";
import { attrs, lazy, nixThrow, prim, updateAttrs } from "../module-system/nix-values.js";
import { forceAttrs } from "../nix/ops.js";
import { infoAttrs } from "./evaluate-flake.js";
import type { Source } from "./fetch-input.js";
import { FLAKE_SYSTEMS } from "./home-manager-flake.js";

export function nixpkgsFlake(lib: Lazy, src: Source, pkgs: NixAttrs): NixAttrs {
  const flakeLib = lazy(() =>
    updateAttrs(
      forceAttrs(lib),
      attrs({
        nixosSystem: prim("nixosSystem", 1, () => {
          throw nixThrow("nixpkgs.lib.nixosSystem: building NixOS systems is not part of this program, which manages a home directory");
        }),
      }),
    ),
  );
  const legacyPackages = attrs(FLAKE_SYSTEMS.map((s): [string, Lazy] => [s, pkgs]));
  return attrs({
    ...infoAttrs(src),
    _type: "flake",
    lib: flakeLib,
    legacyPackages,
    inputs: NixAttrs.empty,
  });
}
