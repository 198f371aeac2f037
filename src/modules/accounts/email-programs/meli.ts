/**
 * The options meli adds to each email account (`….meli`), as Home Manager's
 * `programs/meli.nix` declares them: turning meli on, the mailboxes shown
 * (the account's standard folders by default), their display names and
 * free-form TOML settings. They take effect once `programs.meli` exists.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView } from "../../../module-system/index.js";
import type { AnyModule, EvalArgs } from "../../module-kit.js";
import { extendAccounts, formatType, freeformSubmodule } from "./kit.js";

const FILE = "modules/programs/meli.ts";

export function meliAccounts(a: EvalArgs): AnyModule {
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    path: "meli",
    options: {
      enable: mkEnableOption("the meli mail client for this account.\nRequires SMTP settings."),
      mailboxes: option({
        type: t.listOf(t.str),
        default: (d) => {
          const f = (d.arg("config") as AttrsView).folders as AttrsView;
          return [f.inbox, f.sent, f.trash, f.drafts] as string[];
        },
        defaultText: "with config.folders; [ inbox sent trash drafts ]",
        example: ["INBOX", "Sent", "Trash", "Drafts"],
        description: "The mailboxes meli shows.",
      }),
      mailboxAliases: option({
        type: t.attrsOf(t.attrs),
        default: {},
        example: { INBOX: { alias: "📥 Inbox" }, Sent: { alias: "📤 Sent" } },
        description: "Display settings (such as `alias`) of mailboxes, by mailbox.",
      }),
      settings: option({
        type: freeformSubmodule(FILE, "settings", formatType(a, "toml")),
        default: {} as AttrsView,
        description: "meli settings for this account.",
      }),
    },
  });
  return extendAccounts(FILE, accountModule);
}
