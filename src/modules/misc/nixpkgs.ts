/**
 * `nixpkgs.*`: the package collection's configuration and overlays, and the
 * platform to build for. The options are Home Manager's, so configurations
 * that set `nixpkgs.config.allowUnfree` or add overlays evaluate unchanged;
 * the package backend reads them when it builds `pkgs` (the stub set of
 * `src/home` ignores them). Configurations merge as Home Manager merges them:
 * later definitions update earlier ones recursively, a function is called
 * with `{ pkgs }` first.
 */
import { callFunction, forceAttrs } from "../../nix/ops.js";
import { force, isFunction, NixAttrs, type Lazy } from "../../nix/values.js";
import { defineModule, mkDefault, option, t, TsType, wrapType, type AttrsView, type JsValue } from "../../module-system/index.js";
import { attrs, call, prim, select } from "../../module-system/nix-values.js";
import type { ModuleSystem } from "../../module-system/index.js";

function isConfig(x: Lazy): boolean {
  const v = force(x);
  return v instanceof NixAttrs || isFunction(v);
}

/** `mkOptionType { name; description; check; merge; }` through `lib`. */
function optionType(ms: ModuleSystem, fields: Record<string, Lazy>): ReturnType<TsType<unknown>["build"]> {
  return wrapType(ms, call(select(ms.lib(), "mkOptionType"), attrs(fields)));
}

/** Merge configurations right to left, as Home Manager's `configType` does. */
function mergeConfigs(ms: ModuleSystem, defs: Lazy): NixAttrs {
  const lib = ms.lib();
  const list = force(defs) as Lazy[];
  // A configuration function receives `{ pkgs }`; types cannot see the module arguments, so `pkgs` is empty here.
  const pkgsArg = attrs({ pkgs: NixAttrs.empty });
  const asSet = (v: Lazy): NixAttrs => {
    const x = force(v);
    return isFunction(x) ? forceAttrs(callFunction(x, pkgsArg)) : forceAttrs(x);
  };
  let acc: NixAttrs = NixAttrs.empty;
  for (let i = list.length - 1; i >= 0; i--) {
    const lhs = asSet(select(list[i]!, "value"));
    acc = forceAttrs(call(select(lib, "recursiveUpdate"), lhs, acc));
  }
  return acc;
}

const configType = new TsType<AttrsView>((ms) =>
  optionType(ms, {
    name: "nixpkgs-config",
    description: "nixpkgs config",
    check: prim("nixpkgs-config.check", 1, ([x]) => isConfig(x!)),
    merge: prim("nixpkgs-config.merge", 2, ([, defs]) => mergeConfigs(ms, defs!)),
  }),
);

const overlayType = new TsType<JsValue>((ms) =>
  optionType(ms, {
    name: "nixpkgs-overlay",
    description: "nixpkgs overlay",
    check: prim("nixpkgs-overlay.check", 1, ([x]) => isFunction(force(x!))),
    merge: select(select(ms.lib(), "options"), "mergeOneOption"),
  }),
);

export const nixpkgsModule = defineModule({
  file: "modules/misc/nixpkgs.ts",
  path: "nixpkgs",
  options: {
    config: option({
      type: t.nullOr(configType),
      default: null,
      example: { allowBroken: true },
      description:
        "Settings for the package collection (`allowUnfree`, `permittedInsecurePackages`, …). When null, " +
        "the collection's own fallback (`~/.config/nixpkgs/config.nix`) applies. These settings only affect " +
        "packages of this configuration.",
    }),
    overlays: option({
      type: t.nullOr(t.listOf(overlayType)),
      default: null,
      description:
        "Overlays applied to the package collection: functions of the final and the previous package set " +
        "returning the packages to add or replace. When null, the collection's fallback location " +
        "(`~/.config/nixpkgs/overlays`) applies.",
    }),
    system: option({
      type: t.str,
      example: "i686-linux",
      internal: true,
      description: "The platform the user environment is built for; by default the host's.",
    }),
  },
  config: ({ pkgs }) => ({
    "nixpkgs.system": () => mkDefault((((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).system as string) ?? ""),
  }),
});
