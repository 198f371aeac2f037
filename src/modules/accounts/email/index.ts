/**
 * `accounts.email`: the user's email accounts, shared by every mail program
 * (Home Manager's `modules/accounts/email.nix`). Declares the base maildir
 * path, the default certificate file and `accounts.<name>`, a submodule with
 * the identity (address, aliases, real and user name, password command), the
 * servers (IMAP, SMTP, JMAP, EWS), maildir, folders, signature and GnuPG
 * settings, plus the provider `flavor` that fills the servers in. Mail
 * programs add their own per-account options by declaring
 * `accounts.email.accounts` again as `attrsOf (submodule …)`; the submodule
 * types merge. When any account is enabled, exactly one enabled account must
 * be primary.
 *
 * Each account's module is made when the account is evaluated: its aliases'
 * defaults come from the account, passed as the special argument
 * `accountConfig` (as Home Manager does).
 */
import { defineModule, mkIf, mkMerge, mkOptionDefault, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { perEvaluation, ty, type AnyModule, type EvalArgs } from "../../module-kit.js";
import { flavorDefinitions, FLAVORS, type FlavorView } from "./flavors.js";
import { accountParts, addressType, FILE } from "./parts.js";

const ACCOUNT_FILE = `${FILE}#account`;

function accountOptions(parts: ReturnType<typeof accountParts>, account: EvalArgs) {
  return {
    name: option({ type: t.str, readOnly: true, description: "The account's name: its attribute name in `accounts.email.accounts`." }),
    primary: option({
      type: t.bool,
      default: false,
      description: "Whether this is the main account. Exactly one enabled account must be.",
    }),
    enable: option({
      type: t.bool,
      default: true,
      description: "Whether the account is used; turning it off keeps its settings without any program seeing them.",
    }),
    flavor: option({
      type: t.enum(FLAVORS),
      default: "plain",
      description:
        "The kind of provider. A known provider fills in the server settings (hosts, ports, TLS) and, for most, " +
        "the user name; `plain` sets nothing.",
    }),
    address: option({ type: addressType, example: "jane.doe@example.org", description: "The account's email address." }),
    aliases: option({
      type: t.listOf(parts.aliasType(account.config)),
      default: [],
      example: ["webmaster@example.org", "admin@example.org"],
      description: "Other identities of the account: addresses, or identities with their own name, signature and servers.",
    }),
    realName: option({ type: t.str, example: "Jane Doe", description: "The name shown as sender." }),
    userName: option({
      type: t.nullOr(t.str),
      default: null,
      description: "The user name on the account's servers (SMTP, IMAP and JMAP).",
    }),
    passwordCommand: option({
      type: t.nullOr(t.either(t.str, t.listOf(t.str))),
      default: null,
      apply: (p: string | readonly string[] | null) => (typeof p === "string" ? p.split(" ") : p),
      example: "secret-tool lookup email me@example.org",
      description: "A command printing the account's password. A string is split at spaces into the program and its arguments.",
    }),
    folders: option({ type: parts.foldersType, default: {} as AttrsView, description: "The names of the standard folders." }),
    imap: option({ type: t.nullOr(parts.imapType), default: null, description: "The account's IMAP server, if any." }),
    jmap: option({ type: t.nullOr(parts.jmapType), default: null, description: "The account's JMAP server, if any." }),
    signature: option({ type: parts.signatureType, default: {} as AttrsView, description: "The account's signature." }),
    gpg: option({ type: t.nullOr(parts.gpgType), default: null, description: "The account's GnuPG settings, if any." }),
    smtp: option({ type: t.nullOr(parts.smtpType), default: null, description: "The account's SMTP server, if any." }),
    ews: option({ type: t.nullOr(parts.ewsType), default: null, description: "The account's Exchange Web Services server, if any." }),
    maildir: option({
      type: t.nullOr(parts.maildirType),
      defaultText: '{ path = "${name}"; }',
      description: "The account's maildir; by default the directory named after the account.",
    }),
  };
}

/** The account submodule of one evaluation; it builds the account's own module when an account is evaluated. */
function accountModule(parts: ReturnType<typeof accountParts>): AnyModule {
  const value = perEvaluation(ACCOUNT_FILE, (account) =>
    defineModule({
      file: FILE,
      key: ACCOUNT_FILE,
      options: accountOptions(parts, account),
      config: ({ cfg, arg }) => {
        const name = () => arg("name") as string;
        return mkMerge([
          { name: () => name(), maildir: () => mkOptionDefault({ path: name() }) },
          ...flavorDefinitions(cfg as unknown as FlavorView),
        ]);
      },
    }),
  );
  return { value, spec: { file: FILE } };
}

/** What the top-level module reads of an account. */
interface AccountView {
  readonly name: string;
  readonly enable: boolean;
  readonly primary: boolean;
}

/** The assertion that exactly one enabled account is primary. */
function primaryAssertion(accounts: Readonly<Record<string, AccountView>>) {
  const primaries = Object.keys(accounts)
    .sort()
    .map((n) => accounts[n]!)
    .filter((a) => a.enable && a.primary)
    .map((a) => a.name);
  return {
    assertion: primaries.length === 1,
    message:
      `Must have exactly one primary mail account but found ${primaries.length}` +
      (primaries.length > 1 ? `, namely ${primaries.join(", ")}` : ""),
  };
}

/** The module, made per evaluation (its submodule types read this evaluation's configuration). */
export const accountsEmailModule = perEvaluation(FILE, (outer) => {
  const parts = accountParts(outer);
  const home = () => String(outer.get("home.homeDirectory"));
  return defineModule({
    file: FILE,
    path: "accounts.email",
    options: {
      certificatesFile: option({
        type: t.nullOr(t.path),
        default: "/etc/ssl/certs/ca-certificates.crt",
        description:
          "The certificate authorities trusted to vouch for mail servers, unless an account's server names another file; " +
          "null means the system's.",
      }),
      maildirBasePath: option({
        type: t.str,
        default: () => `${home()}/Maildir`,
        defaultText: "Maildir",
        apply: (p: string) => (p.startsWith("/") ? p : `${home()}/${p}`),
        description: "The directory holding the accounts' maildirs. A relative path is taken from the home directory.",
      }),
      accounts: option({
        type: t.attrsOf(ty.submodule<AccountView & Readonly<Record<string, JsValue>>>(accountModule(parts))),
        default: {},
        description: "The email accounts, by name.",
      }),
    },
    config: ({ cfg }) => {
      const anyEnabled = () => Object.values(cfg.accounts).some((a) => a.enable);
      return mkIf(anyEnabled, { assertions: () => [primaryAssertion(cfg.accounts)] });
    },
  });
});
