/**
 * The pieces an email account is made of, as submodule types: TLS settings,
 * the IMAP, SMTP, JMAP and EWS servers, the maildir, GnuPG and signature
 * settings, the standard folders and the alias identities. Option names,
 * types and defaults are Home Manager's. Two defaults reach outside their
 * own submodule, so the types are made per evaluation from `EvalArgs`: a
 * server's `tls.certificatesFile` defaults to `accounts.email.certificatesFile`,
 * and a maildir's `absPath` joins `accounts.email.maildirBasePath` and its
 * `path`. Alias defaults read the account they belong to, which the alias
 * submodule receives as the special argument `accountConfig`.
 */
import { defineModule, option, t, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { Lazy } from "../../../nix/values.js";
import { attrs } from "../../../module-system/nix-values.js";
import { ty, type EvalArgs } from "../../module-kit.js";

export const FILE = "modules/accounts/email.ts";

/** `strMatching ".*@.*"`: what Home Manager accepts as an address. */
export const addressType = new TsType<string>((ms) => ms.types.strMatching(".*@.*"));

const AUTH_MECHANISMS = ["anonymous", "apop", "clear", "cram_md5", "digest_md5", "gssapi", "login", "ntlm", "plain", "xoauth2"] as const;

const authenticationOption = () =>
  option({
    type: t.nullOr(t.either(t.str, t.enum(AUTH_MECHANISMS))),
    default: null,
    example: "plain",
    description: "The SASL mechanism used to log in to the server (null lets the client choose).",
  });

export interface Tls {
  readonly enable: boolean;
  readonly useStartTls: boolean;
  readonly certificatesFile: string | null;
}

export interface Server {
  readonly host: string;
  readonly port: number | null;
  readonly authentication: string | null;
  readonly tls: Tls;
}

export interface Jmap {
  readonly host: string | null;
  readonly sessionUrl: string | null;
}

/** The typed submodule types of one evaluation. */
export function accountParts(outer: EvalArgs) {
  const tlsModule = defineModule({
    file: FILE,
    key: `${FILE}#tls`,
    options: {
      enable: option({ type: t.bool, default: true, description: "Whether the connection is encrypted with TLS." }),
      useStartTls: option({
        type: t.bool,
        default: false,
        description:
          "Whether to upgrade a plain connection with STARTTLS instead of connecting with TLS from the start " +
          "(implicit TLS, RFC 8314, is the better choice when the server offers it).",
      }),
      certificatesFile: option({
        type: t.nullOr(t.path),
        default: () => outer.get("accounts.email.certificatesFile") as string | null,
        defaultText: "config.accounts.email.certificatesFile",
        description:
          "A file of certificate authorities trusted to vouch for the server; null means the system's. " +
          "Clients may still accept the system's authorities as well.",
      }),
    },
  });
  const tls = () =>
    option({
      type: ty.submodule<Tls>(tlsModule),
      default: {} as Tls,
      description: "How the connection to the server is secured.",
    });

  const serverModule = (kind: string, example: string, port: number) =>
    defineModule({
      file: FILE,
      key: `${FILE}#${kind}`,
      options: {
        host: option({ type: t.str, example, description: `The host name of the ${kind.toUpperCase()} server.` }),
        port: option({
          type: t.nullOr(t.port),
          default: null,
          example: port,
          description: `The port the ${kind.toUpperCase()} server listens on; null means the protocol's usual one.`,
        }),
        authentication: authenticationOption(),
        tls: tls(),
      },
    });
  const imapModule = serverModule("imap", "imap.example.org", 993);
  const smtpModule = serverModule("smtp", "smtp.example.org", 465);

  const jmapModule = defineModule({
    file: FILE,
    key: `${FILE}#jmap`,
    options: {
      host: option({
        type: t.nullOr(t.str),
        default: null,
        example: "jmap.example.org",
        description: "The host name of the JMAP server. Clients prefer it to `sessionUrl` when both are set.",
      }),
      sessionUrl: option({
        type: t.nullOr(t.str),
        default: null,
        example: "https://jmap.example.org:443/.well-known/jmap",
        description: "The URL of the JMAP session resource, used when `host` is not set.",
      }),
    },
  });

  const ewsModule = defineModule({
    file: FILE,
    key: `${FILE}#ews`,
    options: {
      host: option({ type: t.str, example: "ews.example.org", description: "The host name of the Exchange Web Services server." }),
      serviceDescriptionURL: option({
        type: t.str,
        example: "https://ews.example.org/ews/exchange.asmx",
        description: "Where the server's EWS service description is found.",
      }),
      authentication: authenticationOption(),
      tls: tls(),
    },
  });

  const maildirModule = defineModule({
    file: FILE,
    key: `${FILE}#maildir`,
    options: {
      path: option({ type: t.str, description: "The account's maildir, relative to `accounts.email.maildirBasePath`." }),
      absPath: option({
        type: t.path,
        readOnly: true,
        internal: true,
        default: (a) => `${String(outer.get("accounts.email.maildirBasePath"))}/${String((a.arg("config") as AttrsView).path)}`,
        defaultText: '"${config.accounts.email.maildirBasePath}/${path}"',
        description: "The maildir's absolute path (derived; read only).",
      }),
    },
  });

  const gpgModule = defineModule({
    file: FILE,
    key: `${FILE}#gpg`,
    options: {
      key: option({ type: t.str, description: "The GnuPG key to use, as `gpg --list-keys` names it." }),
      signByDefault: option({ type: t.bool, default: false, description: "Whether messages are signed unless asked otherwise." }),
      encryptByDefault: option({ type: t.bool, default: false, description: "Whether messages are encrypted unless asked otherwise." }),
    },
  });

  const signatureModule = defineModule({
    file: FILE,
    key: `${FILE}#signature`,
    options: {
      text: option({
        type: t.str,
        default: "",
        example: "--\nJane Doe\nSent from my terminal.\n",
        description: "The text of the signature.",
      }),
      delimiter: option({
        type: t.str,
        default: "--\n",
        example: "~~~~~~~~\n",
        description: "What separates the message from the signature.",
      }),
      command: option({
        type: t.nullOr(t.path),
        default: null,
        example: 'pkgs.writeScript "signature" "echo My signature"',
        description: "A program whose output is the signature.",
      }),
      showSignature: option({
        type: t.enum(["append", "attach", "none"] as const),
        default: "none",
        description: "How the signature is added to messages.",
      }),
      htmlFormat: option({
        type: t.bool,
        default: false,
        description:
          "Whether Thunderbird reads `text` as HTML (its `mail.identity.id_*.htmlSigFormat` preference); " +
          "the text itself is written as usual.",
      }),
    },
  });

  const foldersModule = defineModule({
    file: FILE,
    key: `${FILE}#folders`,
    options: {
      inbox: option({ type: t.str, default: "Inbox", description: "The inbox folder, relative to the maildir." }),
      sent: option({ type: t.nullOr(t.str), default: "Sent", description: "The folder of sent messages, relative to the maildir." }),
      drafts: option({ type: t.nullOr(t.str), default: "Drafts", description: "The folder of drafts, relative to the maildir." }),
      trash: option({ type: t.str, default: "Trash", description: "The folder of deleted messages, relative to the maildir." }),
    },
  });

  const signatureType = ty.submodule<AttrsView>(signatureModule);
  const gpgType = ty.submodule<AttrsView>(gpgModule);
  const smtpType = ty.submodule<Server>(smtpModule);

  /** What an alias inherits: the account's setting of the same name. */
  const inherited = (name: string) => (a: { arg(n: string): JsValue }) => (a.arg("accountConfig") as AttrsView)[name] as never;

  const aliasModule = defineModule({
    file: FILE,
    key: `${FILE}#alias`,
    options: {
      name: option({ type: t.nullOr(t.str), default: null, description: "A name for this identity." }),
      realName: option({ type: t.str, example: "John Doe", description: "The name shown as sender of this identity's mail." }),
      userName: option({
        type: t.nullOr(t.str),
        default: inherited("userName"),
        defaultText: "accountConfig.userName",
        description: "The user name on the servers for this identity; the account's by default.",
      }),
      address: option({ type: addressType, example: "john.doe@example.org", description: "The address of this identity." }),
      signature: option({
        type: t.nullOr(signatureType),
        default: inherited("signature"),
        defaultText: "accountConfig.signature",
        description: "The signature of this identity; the account's by default.",
      }),
      gpg: option({
        type: t.nullOr(gpgType),
        default: inherited("gpg"),
        defaultText: "accountConfig.gpg",
        description: "The GnuPG settings of this identity; the account's by default.",
      }),
      smtp: option({
        type: t.nullOr(smtpType),
        default: inherited("smtp"),
        defaultText: "accountConfig.smtp",
        description: "The SMTP server this identity sends through; the account's by default.",
      }),
    },
  });

  /** An alias: a plain address, or an identity whose defaults come from `accountConfig`. */
  const aliasType = (accountConfig: Lazy) =>
    new TsType<string | AttrsView>((ms) =>
      ms.types.oneOf([
        addressType.build(ms),
        ms.types.submoduleWith({
          modules: [aliasModule.value],
          specialArgs: attrs({ accountConfig }),
          shorthandOnlyDefinesConfig: true,
          description: null,
          class: null,
        }),
      ]),
    );

  return {
    imapType: ty.submodule<Server>(imapModule),
    smtpType,
    jmapType: ty.submodule<Jmap>(jmapModule),
    ewsType: ty.submodule<AttrsView>(ewsModule),
    maildirType: ty.submodule<{ readonly path: string; readonly absPath: string }>(maildirModule),
    gpgType,
    signatureType,
    foldersType: ty.submodule<AttrsView>(foldersModule),
    aliasType,
  };
}
