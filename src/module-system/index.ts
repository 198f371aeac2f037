/**
 * The module system's public face: nixpkgs' `lib.modules`, `lib.options` and
 * `lib.types` for Nix code (`moduleSystemNamespaces`), `evalModules` for
 * TypeScript callers, and the TypeScript module API (`defineModule`, typed
 * options `t.*`/`option()`, and `mkIf`/`mkMerge`/`mkDefault`/`mkForce`/
 * `mkBefore`/`mkAfter` for TypeScript).
 */
export { createModuleSystem, moduleSystemNamespaces, type ModuleSystemNamespaces } from "./lib-exports.js";
export type { ModuleSystem } from "./context.js";
export { Evaluation, type EvalModulesArgs } from "./eval-modules.js";
export type { Def } from "./definitions.js";
export { OptionType, wrapType } from "./option-type.js";
export { showOption, showDefs, showFiles } from "./show.js";
export { defineModule, submoduleOf, TsModule, type ConfigView, type Definitions, type ModuleArgs, type ModuleSpec } from "./ts-module.js";
export {
  mkEnableOption,
  mkPackageOption,
  option,
  t,
  TsType,
  OptionDecl,
  type OptionSpec,
  type OptionsDecl,
  type Values,
} from "./ts-types.js";
export {
  float,
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkMerge,
  mkOptionDefault,
  mkOrder,
  mkOverride,
  toJs,
  toNix,
  type AttrsView,
  type JsValue,
} from "./ts-view.js";
