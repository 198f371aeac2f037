/**
 * The home configuration of a flake, found as `home-manager --flake URI[#NAME]`
 * finds it: `homeConfigurations.NAME` (also under `packages.<system>` and
 * `legacyPackages.<system>`, where Nix looks too), NAME being the one given,
 * else the first of `USER@HOST`, `USER@SHORT-HOST` and `USER` that exists.
 * The value must come from `home-manager.lib.homeManagerConfiguration`; what
 * that call was given (modules, `pkgs`, `extraSpecialArgs`, `check`) is what
 * the evaluation uses.
 */
import { forceAttrs } from "../nix/ops.js";
import type { EvalState } from "../nix/state.js";
import { force, NixAttrs } from "../nix/values.js";
import { FlakeError, FlakeLoader, type FlakeHost } from "./evaluate-flake.js";
import { describe, parseFlakeRef } from "./flake-ref.js";
import { homeConfigurationArgs, type HomeConfigurationArgs } from "./home-manager-flake.js";

export interface FlakeRequest {
  readonly uri: string;
  /** The configuration's name (`#NAME`), or the names to try in order. */
  readonly names: readonly string[];
}

export interface FlakeConfiguration extends HomeConfigurationArgs {
  /** `path:/…#homeConfigurations."NAME"`, for messages. */
  readonly label: string;
  /** The name that was found. */
  readonly name: string;
  /** The flake itself (its outputs with `inputs`, `outPath`, …), as `repl` binds it. */
  readonly flake: NixAttrs;
}

function quoted(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_'-]*$/.test(name) ? name : JSON.stringify(name);
}

/** Load the flake and return its home configuration. */
export function flakeConfiguration(st: EvalState, host: FlakeHost, req: FlakeRequest, cwd: string): FlakeConfiguration {
  const ref = parseFlakeRef(req.uri === "" ? "." : req.uri, cwd);
  const self = new FlakeLoader(host).loadRoot(ref);
  const where = describe(ref.attrs);
  const places: [string, () => NixAttrs | undefined][] = [
    ["homeConfigurations", () => attrsAt(self, ["homeConfigurations"])],
    [`legacyPackages.${st.system}.homeConfigurations`, () => attrsAt(self, ["legacyPackages", st.system, "homeConfigurations"])],
    [`packages.${st.system}.homeConfigurations`, () => attrsAt(self, ["packages", st.system, "homeConfigurations"])],
  ];
  const seen: string[] = [];
  for (const [label, get] of places) {
    const hc = get();
    if (hc === undefined) continue;
    for (const name of req.names) {
      const v = hc.get(name);
      if (v === undefined) continue;
      const args = homeConfigurationArgs(force(v));
      const full = `${where}#${label}.${quoted(name)}`;
      if (args === undefined)
        throw new FlakeError(
          `${full} was not made by home-manager.lib.homeManagerConfiguration, so it is not a home configuration this command can build`,
        );
      return { ...args, label: full, name, flake: self };
    }
    seen.push(...hc.sortedNames());
  }
  const tried = req.names.map((n) => `homeConfigurations.${quoted(n)}`).join(", ");
  const have = seen.length === 0 ? "it has no homeConfigurations" : `it has homeConfigurations ${seen.map((n) => `'${n}'`).join(", ")}`;
  throw new FlakeError(`flake '${where}' does not provide ${tried}; ${have} (name one with --flake '${req.uri || "."}#NAME')`);
}

function attrsAt(v: NixAttrs, names: readonly string[]): NixAttrs | undefined {
  let cur = v;
  for (const n of names) {
    const x = cur.get(n);
    if (x === undefined) return undefined;
    const f = force(x);
    if (!(f instanceof NixAttrs)) return undefined;
    cur = forceAttrs(f);
  }
  return cur;
}
