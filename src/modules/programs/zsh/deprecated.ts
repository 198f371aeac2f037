/**
 * Zsh's deprecated names (Home Manager's `zsh/deprecated.nix`):
 * `enableAutosuggestions` and `enableSyntaxHighlighting` renamed into
 * `autosuggestion.enable` and `syntaxHighlighting.enable`, and the hidden
 * `initExtraFirst`, `initExtraBeforeCompInit` and `initExtra`, which still
 * reach `.zshrc` (at orders 500, 550 and 1000 of `initContent`) with a warning
 * telling what to write instead.
 */
import { defineModule, mkBefore, mkIf, mkMerge, mkOrder, option, t, toNix } from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { libCall, type EvalArgs } from "../../module-kit.js";

const FILE = "modules/programs/zsh/deprecated.ts";

/** A hidden `lines` option that warns (through `lib.warn`) when it is not empty. */
function deprecatedLines(warning: string, description: string, warn: (msg: string, v: string) => string) {
  return option({
    type: t.lines,
    default: "",
    visible: false,
    apply: (x: string) => (x === "" ? x : warn(warning, x)),
    description,
  });
}

const WARNINGS = {
  initExtraBeforeCompInit:
    "`programs.zsh.initExtraBeforeCompInit` is deprecated, use `programs.zsh.initContent` with `lib.mkOrder 550` instead.\n\n" +
    'Example: programs.zsh.initContent = lib.mkOrder 550 "your content here";\n',
  initExtra:
    "`programs.zsh.initExtra` is deprecated, use `programs.zsh.initContent` instead.\n\n" +
    'Example: programs.zsh.initContent = "your content here";\n',
  initExtraFirst:
    "`programs.zsh.initExtraFirst` is deprecated, use `programs.zsh.initContent` with `lib.mkBefore` instead.\n\n" +
    'Example: programs.zsh.initContent = lib.mkBefore "your content here";\n',
};

/** The rename modules and the deprecated options, as modules. */
export function zshDeprecatedModules(a: EvalArgs): Lazy[] {
  const warn = (msg: string, v: string) => libCall(a.lib, "warn", msg, v) as string;
  const deprecated = defineModule({
    file: FILE,
    path: "programs.zsh",
    options: {
      initExtraBeforeCompInit: deprecatedLines(WARNINGS.initExtraBeforeCompInit, "Commands added to `.zshrc` before compinit.", warn),
      initExtra: deprecatedLines(WARNINGS.initExtra, "Commands added to `.zshrc`.", warn),
      initExtraFirst: deprecatedLines(WARNINGS.initExtraFirst, "Commands added at the top of `.zshrc`.", warn),
    },
    config: ({ cfg }) => ({
      "programs.zsh.initContent": () =>
        mkMerge([
          mkIf(cfg.initExtraFirst !== "", mkBefore(cfg.initExtraFirst)),
          mkIf(cfg.initExtraBeforeCompInit !== "", mkOrder(550, cfg.initExtraBeforeCompInit)),
          mkIf(cfg.initExtra !== "", cfg.initExtra),
        ]),
    }),
  });
  const rename = (from: string, to: readonly string[]) =>
    toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "zsh", from], ["programs", "zsh", ...to]));
  return [
    rename("enableAutosuggestions", ["autosuggestion", "enable"]),
    rename("enableSyntaxHighlighting", ["syntaxHighlighting", "enable"]),
    deprecated.value,
  ];
}
