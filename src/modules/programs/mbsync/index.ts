/**
 * `programs.mbsync`: the mbsync (isync) mailbox synchronizer. Installs
 * `package` and writes `$XDG_CONFIG_HOME/isyncrc`: for every enabled email
 * account with `mbsync.enable` (in name order) an IMAP account section, its
 * remote IMAP store, its local maildir store, then either one channel for the
 * whole account or the channels and groups of `mbsync.groups`; after them
 * the global `groups` (only when some account has no groups of its own).
 * Also has `notmuch new` ignore mbsync's state files, creates the accounts'
 * maildirs on activation, and checks the accounts have what mbsync needs.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type JsValue } from "../../../module-system/index.js";
import { escapeShellArg, libCall } from "../../module-kit.js";
import { mbsyncAccounts } from "./accounts.js";

const FILE = "modules/programs/mbsync/index.ts";

type Settings = Readonly<Record<string, JsValue>>;
type Store = "none" | "maildir" | "imap" | "both";

interface Channel {
  readonly name: string;
  readonly farPattern: string;
  readonly nearPattern: string;
  readonly patterns: readonly string[];
  readonly extraConfig: Settings;
}

interface Group {
  readonly name: string;
  readonly channels: Readonly<Record<string, Channel>>;
}

interface Tls {
  readonly enable: boolean;
  readonly useStartTls: boolean;
  readonly certificatesFile: unknown;
}

interface Account {
  readonly name: string;
  readonly enable: boolean;
  readonly userName: string | null;
  readonly passwordCommand: readonly string[] | null;
  readonly maildir: { readonly absPath: string } | null;
  readonly imap: { readonly host: string; readonly port: number | null; readonly tls: Tls } | null;
  readonly folders: { readonly inbox: string };
  readonly mbsync: {
    readonly enable: boolean;
    readonly flatten: string | null;
    readonly subFolders: string;
    readonly create: Store;
    readonly remove: Store;
    readonly expunge: Store;
    readonly patterns: readonly string[];
    readonly groups: Readonly<Record<string, Group>>;
    readonly extraConfig: { readonly channel: Settings; readonly local: Settings; readonly remote: Settings; readonly account: Settings };
  };
}

const NEAR_FAR: Record<Store, string> = { none: "None", imap: "Far", maildir: "Near", both: "Both" };

const sorted = <T>(set: Readonly<Record<string, T>>): T[] =>
  Object.keys(set)
    .sort()
    .map((k) => set[k]!);

/** One setting's value: lists space-separated, booleans yes/no, strings with a space quoted. */
function value(name: string, v: JsValue): string {
  if (Array.isArray(v)) return (v as readonly JsValue[]).map((x) => value(name, x)).join(" ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.includes(" ") ? `"${v.replace(/"/g, '\\"')}"` : v;
  throw new Error(`mbsync: unexpected value for option ${name}: '${JSON.stringify(v)}'`);
}

/** A section: its header line, then its settings in name order, one a line. */
export function section(header: string, entries: Settings): string {
  const lines = Object.keys(entries)
    .sort()
    .map((n) => `${n} ${value(n, entries[n]!)}`);
  return `${header}\n${lines.join("\n")}\n`;
}

function tlsSettings(tls: Tls): Record<string, JsValue> {
  const out: Record<string, JsValue> = { TLSType: !tls.enable ? "None" : tls.useStartTls ? "STARTTLS" : "IMAPS" };
  if (tls.enable && tls.certificatesFile !== null) out.CertificateFile = String(tls.certificatesFile);
  return out;
}

/** The channel of a whole account (when it has no groups). */
function accountWideChannel(a: Account): string {
  const m = a.mbsync;
  const entries = {
    Far: `:${a.name}-remote:`,
    Near: `:${a.name}-local:`,
    Patterns: m.patterns,
    Create: NEAR_FAR[m.create],
    Remove: NEAR_FAR[m.remove],
    Expunge: NEAR_FAR[m.expunge],
    SyncState: "*",
    ...m.extraConfig.channel,
  };
  return `${section(`Channel ${a.name}`, entries)}\n`;
}

/** One channel of a group, with its `Pattern` line when it has patterns. */
function groupChannel(store: string, group: string, c: Channel): string {
  const entries = { Far: `:${store}-remote:${c.farPattern}`, Near: `:${store}-local:${c.nearPattern}`, ...c.extraConfig };
  // Home Manager escapes only the two-character sequence `\"` in patterns containing a space.
  const pattern = (p: string) => (p.includes(" ") ? p.split('\\"').join('\\\\"') : p);
  const patterns = c.patterns.length === 0 ? "" : `Pattern ${c.patterns.map(pattern).join(" ")}\n`;
  return section(`Channel ${group}-${c.name}`, entries) + patterns;
}

/** The channels of every group of an account, then the groups listing them. */
function groupChannels(store: string, groups: Readonly<Record<string, Group>>): string {
  const channels = sorted(groups)
    .map((g) =>
      sorted(g.channels)
        .map((c) => groupChannel(store, g.name, c))
        .join("\n"),
    )
    .filter((s) => s !== "")
    .join("\n");
  const listing = sorted(groups)
    .map((g) => {
      const names = Object.keys(g.channels).sort();
      return names.length === 0 ? "" : [`Group ${g.name}`, ...names.map((n) => `Channel ${g.name}-${n}`)].join("\n");
    })
    .filter((s) => s !== "")
    .join("\n\n");
  return `${channels}\n${listing}\n`;
}

/** Everything for one account: its IMAP account, stores and channels. */
export function accountConfig(a: Account): string {
  const m = a.mbsync;
  const imap = a.imap!;
  const account = section(`IMAPAccount ${a.name}`, {
    Host: imap.host,
    User: a.userName,
    PassCmd: (a.passwordCommand ?? []).join(" "),
    ...tlsSettings(imap.tls),
    ...(imap.port !== null ? { Port: String(imap.port) } : {}),
    ...m.extraConfig.account,
  });
  const remote = section(`IMAPStore ${a.name}-remote`, { Account: a.name, ...m.extraConfig.remote });
  const absPath = a.maildir!.absPath;
  const local = section(`MaildirStore ${a.name}-local`, {
    Inbox: `${absPath}/${a.folders.inbox}`,
    ...(m.subFolders !== "Maildir++" || m.flatten !== null ? { Path: `${absPath}/` } : {}),
    ...(m.flatten === null ? { SubFolders: m.subFolders } : { Flatten: m.flatten }),
    ...m.extraConfig.local,
  });
  const channels = Object.keys(m.groups).length === 0 ? accountWideChannel(a) : groupChannels(a.name, m.groups);
  return `${account}\n${remote}\n${local}\n${channels}`;
}

/** A global group: `Channel <account>:<mailbox>,…` for each account it names. */
function globalGroup(name: string, channels: Readonly<Record<string, readonly string[]>>): string {
  return `\n${[
    `Group ${name}`,
    ...Object.keys(channels)
      .sort()
      .map((n) => `Channel ${n}:${channels[n]!.join(",")}`),
  ].join("\n")}`;
}

export const mbsyncModule = defineModule({
  file: FILE,
  path: "programs.mbsync",
  options: {
    enable: mkEnableOption("mbsync IMAP4 and Maildir mailbox synchronizer"),
    package: mkPackageOption("isync"),
    groups: option({
      type: t.attrsOf(t.attrsOf(t.listOf(t.str))),
      default: {},
      example: { inboxes: { account1: ["Inbox"], account2: ["Inbox"] } },
      description: "Groups of mailboxes: for each group, the mailboxes of each account it synchronizes.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "More lines for the mbsync configuration, put before the accounts." }),
  },
  imports: [mbsyncAccounts.value],
  config: ({ cfg, config, lib }) => {
    const accounts = (): Account[] =>
      sorted(config.get("accounts.email.accounts") as unknown as Readonly<Record<string, Account>>).filter(
        (a) => a.enable && a.mbsync.enable,
      );
    const check = (bad: (a: Account) => boolean, msg: string) => {
      const found = accounts().filter(bad);
      return { assertion: found.length === 0, message: `mbsync: ${msg} for accounts: ${found.map((a) => a.name).join(", ")}` };
    };
    const text = () => {
      const all = accounts();
      const groups = cfg.groups as Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
      const groupsConfig = all.some((a) => Object.keys(a.mbsync.groups).length === 0)
        ? Object.keys(groups)
            .sort()
            .map((g) => globalGroup(g, groups[g]!))
        : [];
      return `# Generated by Home Manager.\n\n${cfg.extraConfig}${all.map(accountConfig).join("\n\n")}${groupsConfig.join("\n")}`;
    };
    return mkIf(() => cfg.enable, {
      assertions: () => [
        check((a) => a.maildir === null, "Missing maildir configuration"),
        check((a) => a.imap === null, "Missing IMAP configuration"),
        check((a) => a.passwordCommand === null, "Missing passwordCommand"),
        check((a) => a.userName === null, "Missing username"),
      ],
      "home.packages": () => [cfg.package],
      "programs.notmuch.new.ignore": () => [".uidvalidity", ".mbsyncstate"],
      'xdg.configFile."isyncrc".text': text,
      "home.activation": () =>
        mkIf(accounts().length > 0, {
          createMaildir: libCall(
            lib,
            "hm.dag.entryBetween",
            ["linkGeneration"],
            ["writeBoundary"],
            `run mkdir -m700 -p $VERBOSE_ARG ${accounts()
              .map((a) => escapeShellArg(a.maildir!.absPath))
              .join(" ")}\n`,
          ),
        }),
    });
  },
});
