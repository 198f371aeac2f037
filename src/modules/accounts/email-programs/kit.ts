/**
 * Tools for the per-account options mail programs add to
 * `accounts.email.accounts.<name>`: a module declaring the account option
 * again as `attrsOf (submodule …)` (the module system merges it with the
 * account submodule of `accounts.email`, as Home Manager's program modules
 * do), and (re-exported from module-kit) the settings types of `pkgs.formats`
 * those options use.
 */
import { defineModule, option, t, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";

/** A module adding `accountModule`'s options to every email account. */
export function extendAccounts(file: string, accountModule: AnyModule): AnyModule {
  return defineModule({
    file,
    key: `${file}#accounts.email.accounts`,
    options: { accounts: { email: { accounts: option({ type: t.attrsOf(ty.submodule<AttrsView>(accountModule)) }) } } },
  });
}

export { formatType } from "../../module-kit.js";

/** A submodule of free-form settings of `type` with these declared options (`submodule { freeformType; options; }`). */
export function freeformSubmodule(
  file: string,
  key: string,
  type: TsType<JsValue>,
  options: Parameters<typeof defineModule>[0]["options"] = {},
): TsType<AttrsView> {
  return ty.submodule<AttrsView>(defineModule({ file, key: `${file}#${key}`, options }), type);
}
