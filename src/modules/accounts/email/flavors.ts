/**
 * The server settings an account's `flavor` implies, as Home Manager sets
 * them: for each known provider, the IMAP/SMTP (and JMAP or EWS) hosts and
 * ports, TLS choices, and for most the user name defaulting to the address.
 * Each flavor's definitions apply under `mkIf` on the flavor, option by
 * option, so a port that depends on `smtp.tls.useStartTls` reads that option
 * without reading the port.
 */
import { mkDefault, mkIf } from "../../../module-system/index.js";
import type { TsProperty } from "../../../module-system/ts-view.js";

/** The account options a flavor reads. */
export interface FlavorView {
  readonly flavor: string;
  readonly address: string;
  readonly smtp: { readonly tls: { readonly useStartTls: boolean } } | null;
}

export const FLAVORS = [
  "davmail",
  "fastmail.com",
  "gmail.com",
  "mailbox.org",
  "migadu.com",
  "outlook.office365.com-ews",
  "outlook.office365.com",
  "plain",
  "posteo.de",
  "runbox.com",
  "yandex.com",
] as const;

type Defs = Record<string, unknown>;

/** `imap.host`/`imap.port` (and the like) definitions from a compact description. */
function server(kind: string, host: string, port: number | (() => number), extra: Defs = {}): Defs {
  const out: Defs = { [`${kind}.host`]: host, [`${kind}.port`]: port };
  for (const [k, v] of Object.entries(extra)) out[`${kind}.${k}`] = v;
  return out;
}

/** The definitions of every flavor, each under its own condition. */
export function flavorDefinitions(cfg: FlavorView): TsProperty[] {
  const userName = { userName: () => mkDefault(cfg.address) };
  const startTlsPort = () => (cfg.smtp?.tls.useStartTls === true ? 587 : 465);
  const table: Record<string, Defs> = {
    "yandex.com": {
      ...userName,
      ...server("imap", "imap.yandex.com", 993, { "tls.enable": true }),
      ...server("smtp", "smtp.yandex.com", 465, { "tls.enable": true }),
    },
    "outlook.office365.com": {
      ...userName,
      ...server("imap", "outlook.office365.com", 993, { "tls.enable": true }),
      ...server("smtp", "smtp.office365.com", 587, { "tls.enable": true, "tls.useStartTls": true }),
    },
    "outlook.office365.com-ews": {
      ...userName,
      "ews.host": "outlook.office365.com",
      "ews.serviceDescriptionURL": "https://outlook.office365.com/EWS/Exchange.asmx",
      "ews.authentication": "xoauth2",
      "ews.tls.enable": true,
    },
    "fastmail.com": {
      ...userName,
      ...server("imap", "imap.fastmail.com", 993),
      ...server("smtp", "smtp.fastmail.com", startTlsPort),
      "jmap.host": "fastmail.com",
      "jmap.sessionUrl": "https://jmap.fastmail.com/.well-known/jmap",
    },
    "mailbox.org": {
      ...userName,
      "folders.inbox": mkDefault("INBOX"),
      ...server("imap", "imap.mailbox.org", 993),
      ...server("smtp", "smtp.mailbox.org", 465),
    },
    "migadu.com": {
      ...userName,
      ...server("imap", "imap.migadu.com", 993),
      ...server("smtp", "smtp.migadu.com", 465),
    },
    "gmail.com": {
      ...userName,
      ...server("imap", "imap.gmail.com", 993),
      ...server("smtp", "smtp.gmail.com", startTlsPort),
    },
    "posteo.de": {
      ...userName,
      ...server("imap", "posteo.de", 993, { "tls.enable": true }),
      ...server("smtp", "posteo.de", 465, { "tls.enable": true }),
    },
    "runbox.com": {
      ...server("imap", "mail.runbox.com", 993),
      ...server("smtp", "mail.runbox.com", startTlsPort),
    },
    davmail: {
      ...server("imap", "localhost", 1143, { authentication: "login" }),
      ...server("smtp", "localhost", 1025, { "tls.enable": false, authentication: "plain" }),
    },
  };
  return Object.entries(table).map(([flavor, defs]) => mkIf(() => cfg.flavor === flavor, defs));
}
