/**
 * `programs.zsh`: the Z shell, as Home Manager's `modules/programs/zsh`
 * tree, one module per concern (main options and startup files, plugins,
 * oh-my-zsh, prezto, zprof, zsh-abbr, deprecated names, history), importing
 * each other as Home Manager's files do, so that definitions of one option
 * merge in the same order. Built per evaluation: option types close over `pkgs` and
 * `lib` of the evaluation they belong to.
 */
import { toNix } from "../../../module-system/index.js";
import { libCall, perEvaluation } from "../../module-kit.js";
import { zshDeprecatedModules } from "./deprecated.js";
import { zshHistoryModule } from "./history.js";
import { zshMainModule } from "./main.js";
import { zshOhMyZshModule } from "./oh-my-zsh.js";
import { zprofModule, zshAbbrModule, zshPluginsModule } from "./plugins.js";
import { zshPreztoModule } from "./prezto.js";

export { zpreztorcText } from "./prezto.js";
export { historyOptionNames } from "./history.js";
export { zshPaths } from "./paths.js";

export const zshModule = perEvaluation("modules/programs/zsh/index.ts", (a) => {
  const pkgs = () => a.pkgs();
  // The import tree of Home Manager's files: default.nix → plugins (→ oh-my-zsh, prezto, zprof, zsh-abbr),
  // deprecated, history. Definitions of one option merge in an order that depends on this tree.
  const plugins = zshPluginsModule(a, [
    zshOhMyZshModule(pkgs).value,
    zshPreztoModule(pkgs).value,
    toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "zsh", "zproof"], ["programs", "zsh", "zprof"])),
    zprofModule.value,
    zshAbbrModule(pkgs).value,
  ]);
  return [zshMainModule(a, [plugins.value, ...zshDeprecatedModules(a), zshHistoryModule(a).value]).value];
});
