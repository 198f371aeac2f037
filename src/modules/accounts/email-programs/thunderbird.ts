/**
 * The options Thunderbird adds to each email account (`….thunderbird`), as
 * Home Manager's `programs/thunderbird.nix` declares them: turning it on,
 * the profiles the account belongs to, extra preferences of the account and
 * of each identity (functions of Thunderbird's generated id), and message
 * filters. For Gmail and Office 365 accounts the preferences default to
 * OAuth2 logins (and Gmail's label handling). They take effect once
 * `programs.thunderbird` exists.
 */
import { defineModule, mkEnableOption, mkIf, mkOptionDefault, option, t, TsType, type JsValue } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/thunderbird.ts";

type Prefs = (id: string) => Readonly<Record<string, JsValue>>;
const prefsFunction = new TsType<Prefs>((ms) =>
  ms.types.functionTo(ms.types.attrsOf(ms.types.oneOf([ms.types.bool, ms.types.int, ms.types.str]))),
);

const filterModule = defineModule({
  file: FILE,
  key: `${FILE}#filter`,
  options: {
    name: option({ type: t.str, description: "The filter's name." }),
    enabled: option({ type: t.bool, default: true, description: "Whether the filter is active." }),
    type: option({
      type: t.str,
      description:
        'The filter\'s `type="…"` bitmask in `msgFilterRules.dat`. Thunderbird documents no table of values; ' +
        "copy it from a similar filter of an existing `msgFilterRules.dat`.",
    }),
    action: option({ type: t.str, description: "What is done to matching messages." }),
    actionValue: option({ type: t.nullOr(t.str), default: null, description: "The action's argument, such as a folder." }),
    condition: option({ type: t.str, description: "What messages must match." }),
    extraConfig: option({ type: t.nullOr(t.str), default: null, description: "More lines for the filter." }),
    text: option({ type: t.nullOr(t.str), default: null, description: "The filter's whole text, used instead of every other setting." }),
  },
});

const prefs = (what: string, example: string) =>
  option({
    type: prefsFunction,
    default: () => () => ({}),
    defaultText: "_: { }",
    example,
    description: `Extra Thunderbird preferences of ${what}, as a function of the id Home Manager generates for it.`,
  });

interface AccountView {
  readonly flavor: string;
  readonly smtp: { readonly authentication: string | null } | null;
  readonly imap: { readonly authentication: string | null } | null;
}

/** Gmail and Office 365 log in with OAuth2 unless a server says otherwise; Gmail's labels get special handling. */
function oauthDefaults(account: AccountView): Prefs {
  return (id) => {
    const out: Record<string, unknown> = {};
    if (account.smtp !== null && account.smtp.authentication === null) out[`mail.smtpserver.smtp_${id}.authMethod`] = mkOptionDefault(10);
    if (account.imap !== null && account.imap.authentication === null) out[`mail.server.server_${id}.authMethod`] = mkOptionDefault(10);
    if (account.flavor === "gmail.com") out[`mail.server.server_${id}.is_gmail`] = mkOptionDefault(true);
    return out as Readonly<Record<string, JsValue>>;
  };
}

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  options: {
    thunderbird: {
      enable: mkEnableOption("the Thunderbird mail client for this account"),
      profiles: option({
        type: t.listOf(t.str),
        default: [],
        example: ["profile1", "profile2"],
        description: "The Thunderbird profiles that get this account; empty means every declared profile.",
      }),
      settings: prefs("the account", 'id: { "mail.server.server_${id}.check_new_mail" = false; }'),
      perIdentitySettings: prefs("each of the account's identities", 'id: { "mail.identity.id_${id}.protectSubject" = false; }'),
      messageFilters: option({
        type: t.listOf(ty.submodule<Readonly<Record<string, JsValue>>>(filterModule)),
        default: [],
        defaultText: "[ ]",
        example: [{ name: "Mark as Read on Archive", enabled: true, type: "128", action: "Mark read", condition: "ALL" }],
        description:
          "Message filters of the account, written to its `msgFilterRules.dat` in the profile's mail server directory " +
          "(for example `ImapMail/<server>/msgFilterRules.dat`).",
      }),
    },
  },
  config: ({ arg }) => {
    const account = () => arg("config") as unknown as AccountView;
    return {
      "thunderbird.settings": () => {
        const a = account();
        return mkIf(a.flavor === "gmail.com" || a.flavor === "outlook.office365.com", oauthDefaults(a));
      },
    };
  },
});

export const thunderbirdAccounts: AnyModule = extendAccounts(FILE, accountModule);
