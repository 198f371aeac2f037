/**
 * Tools for the per-account options mail programs add to
 * `accounts.email.accounts.<name>`: a module declaring the account option
 * again as `attrsOf (submodule …)` (the module system merges it with the
 * account submodule of `accounts.email`, as Home Manager's program modules
 * do), and the settings types of `pkgs.formats` those options use.
 */
import { defineModule, option, t, TsType, toNix, wrapType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { ty, type AnyModule, type EvalArgs } from "../../module-kit.js";
import { callNix } from "../../programs/git/values.js";

/** A module adding `accountModule`'s options to every email account. */
export function extendAccounts(file: string, accountModule: AnyModule): AnyModule {
  return defineModule({
    file,
    key: `${file}#accounts.email.accounts`,
    options: { accounts: { email: { accounts: option({ type: t.attrsOf(ty.submodule<AttrsView>(accountModule)) }) } } },
  });
}

/** `(pkgs.formats.<name> {}).type` of this evaluation (any value when the package set has no formats). */
export function formatType(a: EvalArgs, name: "toml" | "json"): TsType<JsValue> {
  return new TsType<JsValue>((ms) => {
    const formats = a.pkgs().formats as AttrsView | undefined;
    const type = formats === undefined ? null : (callNix(formats[name], {}) as AttrsView).type;
    const isType = type !== null && typeof type === "object" && (type as AttrsView)._type === "option-type";
    return isType ? wrapType(ms, toNix(type)) : ms.types.anything;
  });
}

/** A submodule of free-form settings of `type` with these declared options (`submodule { freeformType; options; }`). */
export function freeformSubmodule(
  file: string,
  key: string,
  type: TsType<JsValue>,
  options: Parameters<typeof defineModule>[0]["options"] = {},
): TsType<AttrsView> {
  return ty.submodule<AttrsView>(defineModule({ file, key: `${file}#${key}`, options }), type);
}
