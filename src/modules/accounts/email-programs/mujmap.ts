/**
 * The options mujmap adds to each email account (`….mujmap`), as Home
 * Manager's `programs/mujmap.nix` declares them: turning it on, the notmuch
 * warning, and the `mujmap.toml` settings (typed ones, including the tag
 * mapping, plus free-form TOML). They take effect once `programs.mujmap`
 * exists.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView } from "../../../module-system/index.js";
import { libCall, type AnyModule, type EvalArgs } from "../../module-kit.js";
import { extendAccounts, formatType, freeformSubmodule } from "./kit.js";

const FILE = "modules/programs/mujmap.ts";

const tag = (name: string, mailbox: string, more = "") =>
  option({
    type: t.str,
    default: name,
    description: `The notmuch tag of messages in the mailbox with the \`${mailbox}\` role${more}; empty leaves that mailbox (and its children) without a tag.`,
  });

const tagsOptions = {
  lowercase: option({ type: t.bool, default: false, description: "Whether mailbox names become lower-case tags." }),
  directory_separator: option({
    type: t.str,
    default: "/",
    example: ".",
    description: "The separator between maildir levels in tags.",
  }),
  inbox: tag("inbox", "Inbox"),
  deleted: tag("deleted", "Trash"),
  sent: tag("sent", "Sent"),
  spam: tag("spam", "Junk", " (and of messages with `$Junk` but not `$NotJunk`)"),
  important: tag("important", "Important", " (and of messages with `$Important`)"),
  phishing: option({ type: t.str, default: "phishing", description: "The tag for the `$Phishing` keyword; empty leaves it out." }),
};

export function mujmapAccounts(a: EvalArgs): AnyModule {
  const toml = formatType(a, "toml");
  const rootOptions = {
    username: option({
      type: t.nullOr(t.str),
      default: null,
      example: "alice@example.com",
      description: "The user name for HTTP basic authentication; null means the account's `userName`.",
    }),
    password_command: option({
      type: t.nullOr(t.either(t.str, t.listOf(t.str))),
      default: null,
      apply: (p: string | readonly string[] | null) => (Array.isArray(p) ? libCall(a.lib, "escapeShellArgs", p) : p),
      example: "pass alice@example.com",
      description: "A shell command printing the HTTP basic authentication password; null means the account's `passwordCommand`.",
    }),
    fqdn: option({
      type: t.nullOr(t.str),
      default: null,
      example: "example.com",
      description:
        "The JMAP service's domain, whose SRV record gives the session URL (not with `session_url`); null means the account's `jmap.host`.",
    }),
    session_url: option({
      type: t.nullOr(t.str),
      default: null,
      example: "https://jmap.example.com/.well-known/jmap",
      description: "The JMAP session URL (not with `fqdn`); null means the account's `jmap.sessionUrl`.",
    }),
    auto_create_new_mailboxes: option({
      type: t.bool,
      default: true,
      description: "Whether new notmuch tags create mailboxes on the server.",
    }),
    cache_dir: option({
      type: t.nullOr(t.str),
      default: null,
      description: "Where mail is kept while it downloads (null: the system's usual place).",
    }),
    tags: option({
      type: freeformSubmodule(FILE, "tags", toml, tagsOptions),
      default: {} as AttrsView,
      description:
        "How mailboxes map to tags. Changing these needs care; see " +
        "<https://github.com/elizagamedev/mujmap/blob/main/mujmap.toml.example>.",
    }),
  };
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    path: "mujmap",
    options: {
      enable: mkEnableOption("mujmap JMAP synchronization for notmuch"),
      notmuchSetupWarning: option({
        type: t.bool,
        default: true,
        description: "Whether to warn when notmuch is not on for this account (off when `mujmap.toml` is managed elsewhere).",
      }),
      settings: option({
        type: freeformSubmodule(FILE, "settings", toml, rootOptions),
        default: {} as AttrsView,
        description: "The account's `mujmap.toml` settings; see <https://github.com/elizagamedev/mujmap> for those not declared here.",
      }),
    },
  });
  return extendAccounts(FILE, accountModule);
}
