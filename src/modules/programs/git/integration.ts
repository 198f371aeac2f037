/**
 * What the diff tools that plug into git (delta, diff-highlight,
 * diff-so-fancy, difftastic, patdiff, riff) share: their options used to live
 * under `programs.git.<tool>`, so each renames those to `programs.<tool>`;
 * when the old `programs.git.<tool>.enable` was set, git integration is
 * turned on at priority 1490 (just above an option default), with a warning
 * asking to set it explicitly.
 */
import { mkIf, mkOverride, toNix, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { libCall } from "../../module-kit.js";

/** The priority the migration sets git integration at. */
const MIGRATION_PRIORITY = 1490;

function optionAt(options: JsValue, path: string): AttrsView | undefined {
  let cur: JsValue | undefined = options;
  for (const p of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object" || Array.isArray(cur) || !(p in cur)) return undefined;
    cur = (cur as AttrsView)[p];
  }
  return cur as AttrsView | undefined;
}

/** `mkRenamedOptionModule` for each `[from, to]` dotted pair. */
export function renames(lib: Lazy, pairs: readonly (readonly [string, string])[]): Lazy[] {
  return pairs.map(([from, to]) => toNix(libCall(lib, "mkRenamedOptionModule", from.split("."), to.split("."))));
}

/**
 * The migration's definitions for `tool`, whose git integration is the option
 * `integration` (relative to `programs.<tool>`): to merge under `cfg.enable`.
 */
export function legacyIntegration(options: () => JsValue, tool: string, integration: string, isOn: () => boolean) {
  const path = `programs.${tool}.${integration}`;
  const oldEnabled = () => {
    const old = optionAt(options(), `programs.git.${tool}.enable`);
    return old !== undefined && old.isDefined === true && (old.files as readonly string[]).length > 0;
  };
  return {
    [path]: () => mkIf(oldEnabled(), mkOverride(MIGRATION_PRIORITY, true)),
    warnings: () =>
      isOn() && optionAt(options(), path)?.highestPrio === MIGRATION_PRIORITY
        ? [`\`${path}\` automatic enablement is deprecated. Please explicitly set \`${path} = true\`.`]
        : [],
  };
}
