/**
 * `programs.emacs`: Emacs with packages. `finalPackage` is, as in Home
 * Manager, `(pkgs.emacsPackagesFor package).overrideScope overrides`'s
 * `emacsWithPackages`, given the user's `extraPackages` plus, when
 * `extraConfig` is not empty, a `default` package (`trivialBuild` of a
 * `default.el` holding `extraConfig`). It is installed in `home.packages`.
 * With the stand-in package set the result is a stand-in Emacs.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { toJs, toNix } from "../../module-system/index.js";
import { callFunction } from "../../nix/ops.js";
import { force, NixAttrs, PrimOp } from "../../nix/values.js";
import { callFn, ty } from "../module-kit.js";

/** Call a Nix function or functor set (`makeOverridable` results are sets with `__functor`). */
function apply(f: JsValue | undefined, arg: unknown): JsValue {
  return toJs(callFunction(force(toNix(f)), toNix(arg)));
}

const FILE = "modules/programs/emacs.ts";

/** `self: super: { }`, as a Nix function. */
const NO_OVERRIDES = new PrimOp("programs.emacs.overrides.default", 2, () => NixAttrs.empty);

export const emacsModule = defineModule({
  file: FILE,
  path: "programs.emacs",
  options: {
    enable: mkEnableOption("Emacs"),
    package: mkPackageOption("emacs"),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "(setq standard-indent 2)\n",
      description:
        "Emacs Lisp put in the site-wide `default.el`, which Emacs loads after the user's init file. " +
        "(`inhibit-startup-message` has no effect there: Emacs ignores it outside the user's own init file.)",
    }),
    extraPackages: option({
      type: ty.hm<JsValue>("selectorFunction"),
      default: () => ((_epkgs: JsValue) => []) as unknown as JsValue,
      defaultText: "epkgs: []",
      example: "epkgs: [ epkgs.emms epkgs.magit ]",
      description: "A function from the Emacs package set to the packages Emacs should have, e.g. `epkgs: [ epkgs.magit ]`.",
    }),
    overrides: option({
      type: ty.hm<JsValue>("overlayFunction"),
      // A Nix function that never looks at its arguments: a TypeScript function would force `self`,
      // which is the fixed point being computed (infinite recursion in `overrideScope`).
      default: () => toJs(NO_OVERRIDES),
      defaultText: "self: super: {}",
      example: "self: super: { haskell-mode = self.melpaPackages.haskell-mode; }",
      description: "An overlay (`self: super: { … }`) applied to the Emacs package set before packages are picked from it.",
    }),
    finalPackage: option({
      type: t.package,
      visible: false,
      readOnly: true,
      description: "The Emacs that gets installed: `package` with the overrides and the extra packages.",
    }),
  },
  config: ({ cfg, pkgs }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.finalPackage],
      "programs.emacs.finalPackage": () => {
        const epkgs = apply(pkgs.emacsPackagesFor, cfg.package) as AttrsView;
        const scoped = apply(epkgs.overrideScope, cfg.overrides) as AttrsView;
        const withExtra = (set: JsValue): JsValue => {
          const packages = apply(cfg.extraPackages, set) as readonly JsValue[];
          if (cfg.extraConfig === "") return packages;
          const userConfig = apply((set as AttrsView).trivialBuild, {
            pname: "default",
            src: callFn(pkgs.writeText, "default.el", cfg.extraConfig),
            version: "0.1.0",
            packageRequires: packages,
          });
          return [...packages, userConfig];
        };
        return apply(scoped.emacsWithPackages, withExtra);
      },
    }),
});
