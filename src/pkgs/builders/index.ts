/**
 * The native package builders: nixpkgs' trivial builders (`writeText` and
 * friends, `writeShellApplication`, `runCommand*`, `symlinkJoin`,
 * `buildEnv`, `linkFarm`, `replaceVars`, `substitute`, `concatText`, …),
 * `makeDesktopItem` and `wrapFirefox`, done without Nix. Each returns a derivation-like set whose `outPath`
 * names an entry of the deferred store, written when the evaluation has
 * succeeded. `nativeBuilders` gives the attributes to merge into the top
 * level of `pkgs`.
 */
import type { DeferredStore } from "../../home/deferred-store.js";
import type { EvalState } from "../../nix/state.js";
import type { Lazy } from "../../nix/values.js";
import { lazy } from "../../module-system/nix-values.js";
import { linkBuilders } from "./link-trees.js";
import { runCommandBuilders } from "./run-command.js";
import { substituteBuilders } from "./substitute.js";
import { textBuilders, writers } from "./write-text.js";
import { wrapFirefox } from "./wrap-firefox.js";
import { makeDesktopItem } from "./make-desktop-item.js";
import { lazyTextTreeBuilder } from "./lazy-text-tree.js";

export interface BuilderContext {
  readonly st: EvalState;
  readonly store: DeferredStore;
  /** The evaluation's `lib` (a Nix value). */
  readonly lib: Lazy;
  /** Absolute path of bash (nixpkgs' `runtimeShell`). */
  readonly runtimeShell: string;
  /** E.g. "x86_64-linux". */
  readonly system: string;
}

/** Attribute name → value (primops / derivation-like sets) to merge into the top level of `pkgs`. */
export function nativeBuilders(ctx: BuilderContext): Record<string, Lazy> {
  return {
    ...textBuilders(ctx),
    ...runCommandBuilders(ctx),
    ...linkBuilders(ctx),
    ...substituteBuilders(ctx),
    writers: lazy(() => writers(ctx, "/bin/sh")),
    wrapFirefox: lazy(() => wrapFirefox(ctx)),
    makeDesktopItem: lazy(() => makeDesktopItem(ctx)),
    __lazyTextTree: lazy(() => lazyTextTreeBuilder(ctx)),
  };
}

export { makeDerivation, ArgReader } from "./derivation.js";
export { BuilderError, runCommandDrv } from "./run-command.js";
export { writeTextFile } from "./write-text.js";
