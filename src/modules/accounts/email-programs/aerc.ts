/**
 * The options aerc adds to each email account (`accounts.email.accounts.<name>.aerc`),
 * as Home Manager declares them in `programs/aerc/accounts.nix`: turning aerc on
 * for the account, extra `accounts.conf`, `binds.conf` and `aerc.conf`
 * sections, and the IMAP/SMTP authentication mechanisms with their OAuth2
 * parameters. Declarations only; they take effect once `programs.aerc` exists.
 */
import { defineModule, mkEnableOption, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { ty, type AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/aerc/accounts.ts";

const scalar = t.nullOr(ty.oneOf<JsValue>([t.str, t.int, t.bool, t.float]));
/** A setting: a scalar, or a list of scalars that aerc receives joined by commas. */
const primitive = ty.described(
  t.either(scalar, t.listOf(scalar)),
  "a scalar (null, boolean, integer, string or float) or a list of them, joined with commas",
);
export const confSection = t.attrsOf(primitive);
export const confSections = t.attrsOf(t.either(t.lines, confSection));

const oauth2Module = defineModule({
  file: FILE,
  key: `${FILE}#oauth2`,
  options: {
    token_endpoint: option({ type: t.nullOr(t.str), default: null, description: "Where OAuth2 tokens are obtained." }),
    client_id: option({ type: t.nullOr(t.str), default: null, description: "The OAuth2 client's identifier." }),
    client_secret: option({ type: t.nullOr(t.str), default: null, description: "The OAuth2 client's secret." }),
    scope: option({ type: t.nullOr(t.str), default: null, description: "The OAuth2 scope asked for." }),
  },
});

const oauth2Params = (proto: string) =>
  option({
    type: t.nullOr(ty.submodule<AttrsView>(oauth2Module)),
    default: null,
    example: { token_endpoint: "<token_endpoint>" },
    description: `OAuth2 parameters, used when the ${proto} mechanism is \`oauthbearer\` or \`xoauth2\` (see aerc-${proto.toLowerCase()}(5)).`,
  });

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  path: "aerc",
  options: {
    enable: mkEnableOption("aerc"),
    extraAccounts: option({
      type: confSection,
      default: {},
      example: { source: "maildir://~/Maildir/example" },
      description: "More settings for this account's section of aerc's `accounts.conf` (see aerc-accounts(5)).",
    }),
    extraBinds: option({
      type: confSections,
      default: {},
      example: { messages: { d: ":move ${folder.trash}<Enter>" } },
      description: "Key bindings for this account only, added to aerc's `binds.conf` (see aerc-binds(5)).",
    }),
    extraConfig: option({
      type: confSections,
      default: {},
      example: { ui: { "sidebar-width": 25 } },
      description:
        "Settings for this account only, added to aerc's `aerc.conf`; aerc accepts only UI settings per account " +
        "(other sections belong in `programs.aerc.extraConfig`). See aerc-config(5).",
    }),
    imapAuth: option({
      type: t.nullOr(t.enum(["oauthbearer", "xoauth2"] as const)),
      default: null,
      example: "auth",
      description: "The mechanism aerc logs in to the IMAP server with (see aerc-imap(5)).",
    }),
    imapOauth2Params: oauth2Params("IMAP"),
    smtpAuth: option({
      type: t.nullOr(t.enum(["none", "plain", "login", "oauthbearer", "xoauth2"] as const)),
      default: "plain",
      example: "auth",
      description: "The mechanism aerc logs in to the SMTP server with (see aerc-smtp(5)).",
    }),
    smtpOauth2Params: oauth2Params("SMTP"),
  },
});

export const aercAccounts: AnyModule = extendAccounts(FILE, accountModule);
