/**
 * The options alot adds to each email account (`….alot`), as Home Manager's
 * `programs/alot/accounts.nix`: the command sending mail (msmtpq when the
 * account uses msmtp and notmuch), contact completion and extra account
 * settings. Declarations and that default only; they take effect once
 * `programs.alot` exists.
 */
import { defineModule, mkIf, mkOptionDefault, option, t, type AttrsView } from "../../../module-system/index.js";
import type { AnyModule, EvalArgs } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/alot/accounts.ts";

interface AccountView {
  readonly notmuch: { readonly enable: boolean };
  readonly msmtp: { readonly enable: boolean };
}

export function alotAccounts(a: EvalArgs): AnyModule {
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    options: {
      alot: {
        sendMailCommand: option({
          type: t.nullOr(t.str),
          description: "The command alot sends mail with; `msmtpq --read-envelope-from --read-recipients` when the account uses msmtp.",
        }),
        contactCompletion: option({
          type: t.attrsOf(t.str),
          default: () => ({
            type: "shellcommand",
            command: `'${String((a.pkgs().notmuch as AttrsView).outPath)}/bin/notmuch address --format=json --output=recipients  date:6M..'`,
            regexp: `'\\[?{"name": "(?P<name>.*)", "address": "(?P<email>.+)", "name-addr": ".*"}[,\\]]?'`,
            shellcommand_external_filtering: "False",
          }),
          defaultText: "a notmuch address query",
          example: {
            type: "shellcommand",
            command: "abook --mutt-query",
            regexp: "'^(?P<email>[^@]+@[^\\t]+)\\t+(?P<name>[^\\t]+)'",
            ignorecase: "True",
          },
          description:
            "How alot completes contacts, as alot's contact-completion settings " +
            "(<http://alot.readthedocs.io/en/latest/configuration/contacts_completion.html>).",
        }),
        extraConfig: option({ type: t.lines, default: "", description: "More settings for this account in alot's configuration." }),
      },
    },
    config: ({ arg }) => {
      const self = () => arg("config") as unknown as AccountView;
      return mkIf(() => self().notmuch.enable, {
        "alot.sendMailCommand": () => mkOptionDefault(self().msmtp.enable ? "msmtpq --read-envelope-from --read-recipients" : null),
      });
    },
  });
  return extendAccounts(FILE, accountModule);
}
