/**
 * The notmuch options NeoMutt adds to each email account (`notmuch.enable`
 * itself is declared by `programs.notmuch`): NeoMutt's notmuch support,
 * `notmuch.neomutt.{enable,virtualMailboxes}` (`programs/neomutt/accounts.nix`,
 * with the virtual-mailbox submodule of `programs/notmuch/virtual-mailbox.nix`).
 * `programs.neomutt` imports and reads them.
 */
import { defineModule, option, t, type AttrsView } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";
import { extendAccounts } from "../../accounts/email-programs/kit.js";

const FILE = "modules/programs/notmuch/accounts.ts";

/** A notmuch query shown as a mailbox. */
export const virtualMailboxModule = defineModule({
  file: FILE,
  key: `${FILE}#virtual-mailbox`,
  options: {
    name: option({ type: t.str, default: "My INBOX", example: "My INBOX", description: "The mailbox's name as shown." }),
    query: option({ type: t.str, default: "tag:inbox", example: "tag:inbox", description: "The notmuch query selecting its messages." }),
    limit: option({ type: t.nullOr(t.int), default: null, example: 10, description: "At most this many messages or threads." }),
    type: option({
      type: t.nullOr(t.enum(["threads", "messages"] as const)),
      default: null,
      example: "threads",
      description: "Whether whole threads or single messages match (null: messages, or `nm_query_type`).",
    }),
  },
});

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  options: {
    notmuch: {
      neomutt: {
        enable: option({ type: t.bool, default: true, example: true, description: "Whether to enable Notmuch support in NeoMutt." }),
        virtualMailboxes: option({
          type: t.listOf(ty.submodule<AttrsView>(virtualMailboxModule)),
          default: [{ name: "My INBOX", query: "tag:inbox" } as unknown as AttrsView],
          example: [{ name: "My INBOX", query: "tag:inbox" }],
          description: "NeoMutt mailboxes made of notmuch queries.",
        }),
      },
    },
  },
});

export const notmuchAccounts: AnyModule = extendAccounts(FILE, accountModule);
