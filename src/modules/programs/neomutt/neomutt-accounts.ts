/**
 * The options NeoMutt adds to each email account (`….neomutt`), as Home
 * Manager's `programs/neomutt/accounts.nix`: turning it on, the command
 * sending mail (msmtpq when the account uses msmtp), extra folder-hook
 * lines, how mailboxes are shown and extra mailboxes. (Its notmuch options
 * are in `notmuch-accounts.ts`.) `programs.neomutt` imports and reads them.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";
import { extendAccounts } from "../../accounts/email-programs/kit.js";

const FILE = "modules/programs/neomutt/accounts.ts";
const MSMTPQ = "msmtpq --read-envelope-from --read-recipients";

const extraMailboxModule = defineModule({
  file: FILE,
  key: `${FILE}#extra-mailbox`,
  options: {
    mailbox: option({ type: t.str, example: "Sent", description: "The mailbox folder included." }),
    name: option({ type: t.nullOr(t.str), default: null, example: "Junk", description: "The name it is shown under." }),
    type: option({
      type: t.nullOr(t.enum(["maildir", "imap"] as const)),
      default: null,
      example: "imap",
      description: "Whether it is a maildir folder or an IMAP mailbox.",
    }),
  },
});

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  path: "neomutt",
  options: {
    enable: mkEnableOption("NeoMutt"),
    sendMailCommand: option({
      type: t.nullOr(t.str),
      default: (d) => (((d.arg("config") as AttrsView).msmtp as AttrsView).enable === true ? MSMTPQ : null),
      defaultText: `if config.msmtp.enable then "${MSMTPQ}" else null`,
      example: MSMTPQ,
      description: "The command NeoMutt sends mail with; null lets NeoMutt send it itself.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      example: "color status cyan default",
      description: "More lines for this account's folder hook.",
    }),
    showDefaultMailbox: option({ type: t.bool, default: true, description: "Whether the default mailbox (INBOX) is listed." }),
    mailboxName: option({
      type: t.nullOr(t.str),
      default: null,
      example: "==== <mailbox-name> ===",
      description: "Another name to show the mailbox under.",
    }),
    mailboxType: option({
      type: t.enum(["maildir", "imap"] as const),
      default: "maildir",
      example: "imap",
      description: "Whether the account's mailboxes are maildir folders or IMAP mailboxes.",
    }),
    extraMailboxes: option({
      type: t.listOf(t.either(t.str, ty.submodule<AttrsView>(extraMailboxModule))),
      default: [],
      description: "More mailboxes to list: folder names, or mailboxes with a name and type.",
    }),
  },
});

export const neomuttAccounts: AnyModule = extendAccounts(FILE, accountModule);
