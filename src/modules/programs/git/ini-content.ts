/**
 * Pieces of `programs.git.iniContent` computed from other options, as plain
 * data: the `sendemail.<account>` sections for email accounts with SMTP, the
 * signing keys and programs (each at `mkDefault` so `settings` wins), and the
 * LFS filter. Callers decide when each piece applies.
 */
import { mkDefault, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { nixToString, versionAtLeast } from "../../module-kit.js";
import { attrOf } from "./options.js";

type Section = Record<string, unknown>;

/** The `sendemail.<name>` section of one account (msmtp when the account uses it, else its SMTP server). */
function identity(account: AttrsView, stateVersion: string, msmtpExe: () => string): Section {
  const from = `${String(account.realName)} <${String(account.address)}>`;
  if (attrOf(account.msmtp ?? null, "enable") === true) return { sendmailCmd: msmtpExe(), envelopeSender: "auto", from };
  const smtp = account.smtp as AttrsView;
  const tls = smtp.tls as AttrsView;
  const section: Section = {};
  if (tls.enable === true) {
    section.smtpEncryption = tls.useStartTls === true || !versionAtLeast(stateVersion, "20.09") ? "tls" : "ssl";
    section.smtpSslCertPath = nixToString(tls.certificatesFile ?? null);
  } else section.smtpEncryption = "";
  section.smtpServer = smtp.host;
  section.smtpUser = account.userName;
  section.from = from;
  if (smtp.port !== null && smtp.port !== undefined) section.smtpServerPort = smtp.port;
  return section;
}

/** `sendemail.<name>` sections for the enabled accounts that have an SMTP server. */
export function sendEmailSections(accounts: AttrsView, stateVersion: string, msmtpExe: () => string): Record<string, Section> {
  const out: Record<string, Section> = {};
  for (const name of Object.keys(accounts)) {
    const account = accounts[name] as AttrsView;
    if (account.enable !== true || account.smtp === null) continue;
    out[`sendemail.${name}`] = identity(account, stateVersion, msmtpExe);
  }
  return out;
}

export interface Signing {
  readonly key: string | null;
  readonly format: string | null;
  readonly signByDefault: boolean | null;
  readonly signer: () => JsValue;
}

/** The signing settings: `user.signingKey`, `commit`/`tag.gpgSign`, `gpg.format` and `gpg.<format>.program`. */
export function signingSections(s: Signing): Record<string, Section> {
  const out: Record<string, Section> = {};
  if (s.key !== null) out.user = { signingKey: mkDefault(s.key) };
  if (s.signByDefault !== null) {
    out.commit = { gpgSign: mkDefault(s.signByDefault) };
    out.tag = { gpgSign: mkDefault(s.signByDefault) };
  }
  if (s.format !== null) out.gpg = { format: mkDefault(s.format), [s.format]: { program: mkDefault(s.signer()) } };
  return out;
}

/** The `filter.lfs` subsection; `exe` is git-lfs's path (or bare `git-lfs`). */
export function lfsFilter(exe: string, skipSmudge: boolean): Section {
  const skip = skipSmudge ? ["--skip"] : [];
  return {
    clean: `${exe} clean -- %f`,
    process: [exe, "filter-process", ...skip].join(" "),
    required: true,
    smudge: [exe, "smudge", ...skip, "--", "%f"].join(" "),
  };
}
