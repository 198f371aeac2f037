/**
 * The options Astroid adds to each email account (`….astroid`), as Home
 * Manager's `programs/astroid/accounts.nix`: turning Astroid on, the command
 * sending mail (msmtpq when the account uses msmtp and notmuch) and extra
 * settings. They take effect once `programs.astroid` exists.
 */
import { defineModule, mkEnableOption, mkIf, mkOptionDefault, option, t } from "../../../module-system/index.js";
import type { AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/astroid/accounts.ts";

interface AccountView {
  readonly notmuch: { readonly enable: boolean };
  readonly msmtp: { readonly enable: boolean };
}

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  options: {
    astroid: {
      enable: mkEnableOption("Astroid"),
      sendMailCommand: option({
        type: t.str,
        description: "The command Astroid sends mail with; `msmtpq --read-envelope-from --read-recipients` when the account uses msmtp.",
      }),
      extraConfig: option({
        type: t.attrsOf(t.anything),
        default: {},
        example: { select_query: "" },
        description: "More settings for this account in Astroid's configuration.",
      }),
    },
  },
  config: ({ arg }) => {
    const self = () => arg("config") as unknown as AccountView;
    return mkIf(() => self().notmuch.enable, {
      "astroid.sendMailCommand": mkIf(() => self().msmtp.enable, mkOptionDefault("msmtpq --read-envelope-from --read-recipients")),
    });
  },
});

export const astroidAccounts: AnyModule = extendAccounts(FILE, accountModule);
