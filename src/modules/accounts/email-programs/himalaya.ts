/**
 * The options Himalaya adds to each email account (`….himalaya`), as Home
 * Manager's `programs/himalaya.nix` declares them: turning Himalaya on for
 * the account and its free-form TOML settings. They take effect once
 * `programs.himalaya` exists.
 */
import { defineModule, mkEnableOption, option, type AttrsView } from "../../../module-system/index.js";
import type { AnyModule, EvalArgs } from "../../module-kit.js";
import { extendAccounts, formatType, freeformSubmodule } from "./kit.js";

const FILE = "modules/programs/himalaya.ts";

export function himalayaAccounts(a: EvalArgs): AnyModule {
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    path: "himalaya",
    options: {
      enable: mkEnableOption("the email client Himalaya CLI for this email account"),
      settings: option({
        type: freeformSubmodule(FILE, "settings", formatType(a, "toml")),
        default: {} as AttrsView,
        description:
          "Himalaya's settings for this account, written as TOML " +
          "(<https://github.com/pimalaya/himalaya/blob/master/config.sample.toml> lists them).",
      }),
    },
  });
  return extendAccounts(FILE, accountModule);
}
