/**
 * The options mbsync (isync) adds to each email account (`….mbsync`), as
 * Home Manager's `programs/mbsync/accounts.nix`: turning it on, folder
 * layout, what is created, removed and expunged, the patterns synchronized,
 * groups of channels, and extra settings for the channel, stores and account
 * sections. `programs.mbsync` imports them and reads them.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";
import { extendAccounts } from "../../accounts/email-programs/kit.js";

const FILE = "modules/programs/mbsync/accounts.ts";

const extraConfigType = t.attrsOf(ty.oneOf<JsValue>([t.str, t.int, t.bool, t.listOf(t.str)]));
const STORES = ["none", "maildir", "imap", "both"] as const;

const channelModule = defineModule({
  file: FILE,
  key: `${FILE}#channel`,
  options: {
    name: option({
      type: t.str,
      default: (a) => a.arg("name") as string,
      readOnly: true,
      description: "The channel's name within its group (its attribute name); `mbsync <name>` syncs it alone.",
    }),
    farPattern: option({
      type: t.str,
      default: "",
      example: "[Gmail]/Sent Mail",
      description: "The server mailboxes synchronized (a prefix when `patterns` is set); empty means `INBOX`.",
    }),
    nearPattern: option({
      type: t.str,
      default: "",
      example: "Sent",
      description: "Where the far mailboxes land locally; empty means `INBOX`.",
    }),
    patterns: option({
      type: t.listOf(t.str),
      default: [],
      example: ["INBOX"],
      description: "Patterns matched below `farPattern`, which then acts as a prefix.",
    }),
    extraConfig: option({
      type: extraConfigType,
      default: {},
      example: { Create: "both", CopyArrivalDate: "yes", MaxMessages: 10000, MaxSize: "1m" },
      description: "More settings for this channel's section.",
    }),
  },
});

const groupModule = defineModule({
  file: FILE,
  key: `${FILE}#group`,
  options: {
    name: option({
      type: t.str,
      default: (a) => a.arg("name") as string,
      readOnly: true,
      description: "The group's name for this account (its attribute name); it hides a channel of the same name.",
    }),
    channels: option({
      type: t.attrsOf(ty.submodule<AttrsView>(channelModule)),
      default: {},
      description: "The channels synchronized together as this group, laying out the maildir as they say.",
    }),
  },
});

const storeEnum = (example: string, what: string) =>
  option({ type: t.enum(STORES), default: "none", example, description: `${what} in the given store(s).` });

const extra = (what: string, example?: unknown) =>
  option({
    type: extraConfigType,
    default: {},
    ...(example === undefined ? {} : { example }),
    description: `More settings for the ${what}.`,
  });

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  path: "mbsync",
  options: {
    enable: mkEnableOption("synchronization using mbsync"),
    flatten: option({
      type: t.nullOr(t.str),
      default: null,
      example: ".",
      description: "When set, the maildir is flat: this string replaces the hierarchy delimiter `/`.",
    }),
    subFolders: option({
      type: t.enum(["Verbatim", "Maildir++", "Legacy"] as const),
      default: "Verbatim",
      example: "Maildir++",
      description: "How sub-folders are named on disk (ignored with `flatten`).",
    }),
    create: storeEnum("maildir", "Create missing mailboxes"),
    remove: storeEnum("imap", "Propagate mailbox deletions"),
    expunge: storeEnum("both", "Remove messages marked deleted for good"),
    patterns: option({ type: t.listOf(t.str), default: ["*"], description: "The mailboxes synchronized, as patterns." }),
    groups: option({
      type: t.attrsOf(ty.submodule<AttrsView>(groupModule)),
      default: {},
      description:
        "Groups of channels, synchronized together, to lay the maildir out freely (for instance to avoid Gmail's " + "`[Gmail]/` prefix).",
    }),
    extraConfig: {
      channel: extra("channel section", { MaxMessages: 10000, MaxSize: "1m" }),
      local: extra("local store section"),
      remote: extra("remote store section"),
      account: extra("account section", { TLSType: "IMAP", TLSVersions: ["+1.3", "+1.2", "-1.1"], PipelineDepth: 10, Timeout: 60 }),
    },
  },
});

export const mbsyncAccounts: AnyModule = extendAccounts(FILE, accountModule);
