/**
 * `programs.neomutt`: the NeoMutt mail client. Installs `package`, writes
 * `$XDG_CONFIG_HOME/neomutt/neomuttrc` (caches, editor, binds, macros, the
 * mailboxes and folder/account hooks of every email account with
 * `neomutt.enable`, the primary account sourced, settings and extra lines)
 * and one file per such account, `$XDG_CONFIG_HOME/neomutt/<name>` (TLS,
 * GPG, sending, folder settings, extra lines, signature and notmuch
 * mailboxes). When an account reads IMAP mailboxes, an `account_command`
 * script gives NeoMutt the IMAP logins. Each email account gains the
 * `neomutt.*` and `notmuch.neomutt.*` options.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView } from "../../../module-system/index.js";
import { callFn, libCall, nixToString, rawAttr, ty } from "../../module-kit.js";
import { neomuttAccounts } from "./neomutt-accounts.js";
import { notmuchAccounts } from "./notmuch-accounts.js";

const FILE = "modules/programs/neomutt/index.ts";

const MENUS = [
  "alias",
  "attach",
  "browser",
  "compose",
  "editor",
  "generic",
  "index",
  "mix",
  "pager",
  "pgp",
  "postpone",
  "query",
  "smime",
] as const;
const SORTS = ["date", "date-received", "from", "mailbox-order", "score", "size", "spam", "subject", "threads", "to"];
const ALL_SORTS = ["", "reverse-", "last-", "reverse-last-"].flatMap((p) => SORTS.map((s) => p + s));

const sidebarModule = defineModule({
  file: FILE,
  key: `${FILE}#sidebar`,
  options: {
    enable: mkEnableOption("sidebar support"),
    width: option({ type: t.int, default: 22, description: "How many columns the sidebar takes." }),
    shortPath: option({
      type: t.bool,
      default: true,
      description: "Whether the sidebar shows mailboxes by their relative name rather than their full path.",
    }),
    format: option({
      type: t.str,
      default: "%D%?F? [%F]?%* %?N?%N/?%S",
      description: "How each sidebar line is formatted (see NeoMutt's manual).",
    }),
  },
});

const bindModule = defineModule({
  file: FILE,
  key: `${FILE}#bind`,
  options: {
    map: option({
      type: t.either(t.enum(MENUS), t.listOf(t.enum(MENUS))),
      default: ["index"],
      description: "The menu or menus the binding applies in.",
    }),
    key: option({
      type: t.str,
      example: "<left>",
      description: "The key bound; a backslash must be doubled in Nix (`\\\\Cp` for Ctrl-p).",
    }),
    action: option({ type: t.str, example: "<enter-command>toggle sidebar_visible<enter><refresh>", description: "What the key does." }),
  },
});

interface Bind {
  readonly map: string | readonly string[];
  readonly key: string;
  readonly action: string;
}

interface VirtualMailbox {
  readonly name: string;
  readonly query: string;
  readonly limit: number | null;
  readonly type: string | null;
}

interface ExtraMailbox {
  readonly mailbox: string;
  readonly name: string | null;
  readonly type: "maildir" | "imap" | null;
}

interface Account {
  readonly name: string;
  readonly enable: boolean;
  readonly primary: boolean;
  readonly address: string;
  readonly realName: string;
  readonly userName: string | null;
  readonly passwordCommand: readonly string[] | null;
  readonly maildir: { readonly absPath: string } | null;
  readonly imap: {
    readonly host: string;
    readonly port: number | null;
    readonly tls: { readonly enable: boolean; readonly useStartTls: boolean };
  } | null;
  readonly smtp: {
    readonly host: string;
    readonly port: number | null;
    readonly tls: { readonly enable: boolean; readonly useStartTls: boolean };
  } | null;
  readonly folders: { readonly inbox: string; readonly sent: string | null; readonly drafts: string; readonly trash: string };
  readonly gpg: { readonly signByDefault?: boolean; readonly encryptByDefault?: boolean } | null;
  readonly signature: { readonly showSignature: string; readonly command: unknown; readonly text: string };
  readonly notmuch: {
    readonly enable: boolean;
    readonly neomutt: { readonly enable: boolean; readonly virtualMailboxes: readonly VirtualMailbox[] };
  };
  readonly neomutt: {
    readonly enable: boolean;
    readonly sendMailCommand: string | null;
    readonly extraConfig: string;
    readonly showDefaultMailbox: boolean;
    readonly mailboxName: string | null;
    readonly mailboxType: "maildir" | "imap";
    readonly extraMailboxes: readonly (string | ExtraMailbox)[];
  };
}

const yesNo = (b: boolean) => (b ? "yes" : "no");
const setOption = (n: string, v: string | null) => (v === null ? `unset ${n}` : `set ${n}=${v}`);
const optionsStr = (o: Readonly<Record<string, string | null>>) =>
  Object.keys(o)
    .sort()
    .map((n) => setOption(n, o[n]!))
    .join("\n");
const toList = <T>(x: T | readonly T[]): readonly T[] => (Array.isArray(x) ? (x as readonly T[]) : [x as T]);

function imapRoot(a: Account): string {
  const imap = a.imap!;
  const user = a.userName !== null ? `${a.userName}@` : "";
  const port = imap.port !== null ? `:${imap.port}` : "";
  return `${imap.tls.enable ? "imaps" : "imap"}://${user}${imap.host}${port}`;
}

const accountRoot = (a: Account) => (a.neomutt.mailboxType === "imap" ? imapRoot(a) : a.maildir!.absPath);

/** How the account sends mail: its command, or NeoMutt's own SMTP with the password command. */
function mtaSettings(a: Account): Record<string, string> {
  if (a.neomutt.sendMailCommand !== null) return { sendmail: `'${a.neomutt.sendMailCommand}'` };
  if (a.passwordCommand === null) return {};
  const smtp = a.smtp!;
  const proto = smtp.tls.enable && !smtp.tls.useStartTls ? "smtps" : "smtp";
  const port = smtp.port !== null ? `:${smtp.port}` : "";
  const user = String(a.userName).replace(/%/g, "%25");
  return { smtp_url: `'${proto}://${user}@${smtp.host}${port}'`, smtp_pass: `"\`${a.passwordCommand.join(" ")}\`"` };
}

/** The bind or macro lines. */
const bindLines = (kind: string, binds: readonly Bind[]) =>
  binds.map((b) => `${kind} ${toList(b.map).join(",")} ${b.key} "${b.action}"`).join("\n");

/** The case of the account-command script answering for one account. */
const accountCase = (a: Account) =>
  `${a.userName!}@${a.imap!.host})\n    found=1\n    username="${a.userName!}"\n    password="$(${a.passwordCommand!.join(" ")})"\n    ;;`;

const accountCommandScript = (accounts: readonly Account[]) =>
  `# Automatically set login variables based on the current account.
# This requires NeoMutt >= 2022-05-16

while [ ! -z "$1" ]; do
  case "$1" in
     --hostname)
         shift
         hostname="$1"
         ;;
     --username)
         shift
         username="$1@"
         ;;
     --type)
        shift
        type="$1"
         ;;
     *)
        exit 1
        ;;
  esac
shift
done

found=
case "\${username}\${hostname}" in
  ${accounts
    .filter((a) => a.imap !== null && a.imap.host !== null && a.userName !== null && a.passwordCommand !== null)
    .map(accountCase)
    .join("\n")}
esac

if [ -n "$found" ]; then
  echo "username: $username"
  echo "password: $password"
fi
`;

export const neomuttModule = defineModule({
  file: FILE,
  path: "programs.neomutt",
  options: {
    enable: mkEnableOption("the NeoMutt mail client"),
    package: mkPackageOption("neomutt"),
    sidebar: option({ type: ty.submodule<AttrsView>(sidebarModule), default: {}, description: "Settings of the sidebar." }),
    binds: option({ type: t.listOf(ty.submodule<AttrsView>(bindModule)), default: [], description: "Key bindings." }),
    macros: option({ type: t.listOf(ty.submodule<AttrsView>(bindModule)), default: [], description: "Macros bound to keys." }),
    sort: option({ type: t.enum(ALL_SORTS), default: "threads", description: "How messages are sorted." }),
    vimKeys: option({ type: t.bool, default: false, description: "Whether NeoMutt's vim-like key bindings are sourced." }),
    checkStatsInterval: option({
      type: t.nullOr(t.int),
      default: null,
      example: 60,
      description: "When set, mailboxes are checked for new mail this often (seconds).",
    }),
    editor: option({ type: t.str, default: "$EDITOR", description: "The editor mail is written in." }),
    settings: option({ type: t.attrsOf(t.str), default: {}, description: "More `set name=value` settings, put near the end." }),
    changeFolderWhenSourcingAccount: option({
      type: t.bool,
      default: true,
      example: true,
      description: "Whether sourcing an account's file also changes to its folder.",
    }),
    sourcePrimaryAccount: option({
      type: t.bool,
      default: true,
      example: true,
      description: "Whether `neomuttrc` sources the primary account's file (or the first account's) at start.",
    }),
    unmailboxes: option({
      type: t.bool,
      default: false,
      description: "Whether each account file starts with `unmailboxes *`, clearing the mailboxes of the account sourced before.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "More lines put at the end of `neomuttrc`." }),
  },
  imports: [neomuttAccounts.value, notmuchAccounts.value],
  config: ({ cfg, config, pkgs, lib }) => {
    const accounts = (): Account[] => {
      const all = config.get("accounts.email.accounts") as unknown as Readonly<Record<string, Account>>;
      return Object.keys(all)
        .sort()
        .map((n) => all[n]!)
        .filter((a) => a.enable && a.neomutt.enable);
    };
    const configHome = () => String(config.get("xdg.configHome"));
    const accountFile = (a: Account) => `${configHome()}/neomutt/${a.name}`;
    const binds = () => [...(cfg.binds as unknown as readonly Bind[]), ...(cfg.macros as unknown as readonly Bind[])];

    const registerAccount = (a: Account): string[] => {
      const root = accountRoot(a);
      const mailboxes = a.neomutt.mailboxName === null ? "mailboxes" : `named-mailboxes "${a.neomutt.mailboxName}"`;
      const hook = a.neomutt.mailboxType === "imap" ? "account-hook" : "folder-hook";
      const extras = a.neomutt.extraMailboxes
        .map((e) => {
          if (typeof e === "string") return `mailboxes "${root}/${e}"`;
          const base = e.type === "imap" ? imapRoot(a) : e.type === "maildir" ? a.maildir!.absPath : root;
          return e.name === null ? `mailboxes "${base}/${e.mailbox}"` : `named-mailboxes "${e.name}" "${base}/${e.mailbox}"`;
        })
        .join("\n");
      return [
        `## register account ${a.name}`,
        ...(a.neomutt.showDefaultMailbox ? [`${mailboxes} "${root}/${a.folders.inbox}"`] : []),
        extras,
        `${hook} ${root}/ " \\\n          source ${accountFile(a)} "\n`,
      ];
    };

    const folderHooks = (a: Account): string => {
      if (a.imap?.host == null && a.maildir === null) throw new Error("Only maildir and IMAP is supported at the moment");
      const f = a.folders;
      const hooks: Record<string, string | null> = {
        from: `'${a.address}'`,
        realname: `'${a.realName}'`,
        spoolfile: `'+${f.inbox}'`,
        record: f.sent === null ? null : `'+${f.sent}'`,
        postponed: `'+${f.drafts}'`,
        trash: `'+${f.trash}'`,
      };
      if (cfg.changeFolderWhenSourcingAccount) hooks.folder = `'${accountRoot(a)}'`;
      return `${optionsStr(hooks)}\n`;
    };

    const notmuchSection = (a: Account): string => {
      const boxes = a.notmuch.neomutt.virtualMailboxes;
      const vm = boxes
        .map((b) => {
          const limit = b.limit !== null ? `&limit=${b.limit}` : "";
          const type = b.type !== null ? `&type=${b.type}` : "";
          return `virtual-mailboxes "${b.name}" "notmuch://?query=${String(libCall(lib, "escapeURL", b.query))}${limit}${type}"`;
        })
        .join("\n");
      const base = String(config.get("accounts.email.maildirBasePath"));
      return `# notmuch section\nset nm_default_uri = "notmuch://${base}"\n${a.notmuch.neomutt.enable && boxes.length > 0 ? vm : ""}\n`;
    };

    const accountText = (a: Account): string => {
      const sig = a.signature;
      const signature =
        sig.showSignature === "none"
          ? "unset signature"
          : sig.command !== null
            ? `set signature = "${String(libCall(lib, "concatStrings", [rawAttr(sig, "command")]))}|"`
            : `set signature = ${nixToString(callFn(pkgs.writeText, "signature.txt", sig.text))}`;
      const imapTls = a.imap!.tls;
      const certs = config.get("accounts.email.certificatesFile");
      const head =
        `# Generated by Home Manager.${cfg.unmailboxes ? "\nunmailboxes *\n" : ""}\n` +
        `set ssl_force_tls = ${yesNo(imapTls.enable || imapTls.useStartTls)}\n` +
        `set certificate_file=${certs === null ? "" : String(certs)}\n\n` +
        `# GPG section\n` +
        `set crypt_autosign = ${yesNo(a.gpg?.signByDefault ?? false)}\n` +
        `set crypt_opportunistic_encrypt = ${yesNo(a.gpg?.encryptByDefault ?? false)}\n` +
        `set pgp_use_gpg_agent = yes\n` +
        `set mbox_type = ${a.maildir !== null ? "Maildir" : "mbox"}\n` +
        `set sort = "${cfg.sort}"\n\n` +
        `# MTA section\n${optionsStr(mtaSettings(a))}\n`;
      const parts = [head];
      if (cfg.checkStatsInterval !== null) parts.push(`set mail_check_stats\nset mail_check_stats_interval = ${cfg.checkStatsInterval}\n`);
      if (cfg.sidebar.enable) {
        const sb = cfg.sidebar as unknown as { shortPath: boolean; width: number; format: string };
        parts.push(
          `# Sidebar\nset sidebar_visible = yes\nset sidebar_short_path = ${yesNo(sb.shortPath)}\n` +
            `set sidebar_width = ${sb.width}\nset sidebar_format = '${sb.format}'\n`,
        );
      }
      parts.push(`# MRA section\n${folderHooks(a)}\n\n# Extra configuration\n${a.neomutt.extraConfig}\n\n${signature}\n`);
      if (a.notmuch.enable && a.notmuch.neomutt.enable) parts.push(notmuchSection(a));
      return parts.join("\n");
    };

    const neomuttrc = (): string => {
      const all = accounts();
      const primary = all.find((a) => a.primary) ?? all[0]!;
      const cache = String(config.get("xdg.cacheHome"));
      const needsCommand = all.some(
        (a) => a.neomutt.mailboxType === "imap" || a.neomutt.extraMailboxes.some((m) => typeof m !== "string" && m.type === "imap"),
      );
      const command = () =>
        `set account_command = '${nixToString(callFn(pkgs.writeShellScriptBin, "account-command.sh", accountCommandScript(all)))}/bin/account-command.sh'\n`;
      return [
        "# Generated by Home Manager.",
        `set header_cache = "${cache}/neomutt/headers/"`,
        `set message_cachedir = "${cache}/neomutt/messages/"`,
        `set editor = "${cfg.editor}"`,
        "set implicit_autoview = yes",
        "set crypt_use_gpgme = yes",
        "alternative_order text/enriched text/plain text",
        "set delete = yes",
        cfg.vimKeys ? `source ${nixToString(cfg.package)}/share/doc/neomutt/vim-keys/vim-keys.rc` : "",
        ...(cfg.binds.length > 0 ? ["\n# Binds", bindLines("bind", cfg.binds as unknown as readonly Bind[])] : []),
        "\n# Macros",
        bindLines("macro", cfg.macros as unknown as readonly Bind[]),
        "# Register accounts",
        needsCommand ? command() : "",
        ...all.flatMap(registerAccount),
        cfg.sourcePrimaryAccount ? `# Source primary account\nsource ${accountFile(primary)}\n` : "",
        "# Extra configuration",
        optionsStr(cfg.settings as Readonly<Record<string, string>>),
        cfg.extraConfig,
      ].join("\n");
    };

    return mkIf(() => cfg.enable, {
      assertions: () => [
        {
          assertion: binds().every((b) => toList(b.map).length > 0),
          message: "The 'programs.neomutt.(binds|macros).map' list must contain at least one element.",
        },
      ],
      warnings: () =>
        mkIf(
          binds().some((b) => !Array.isArray(b.map)),
          [
            "Specifying 'programs.neomutt.(binds|macros).map' as a string is deprecated, use a list of strings instead. See https://github.com/nix-community/home-manager/pull/1885.",
          ],
        ),
      "home.packages": () => [cfg.package],
      "home.file": () => Object.fromEntries(accounts().map((a) => [accountFile(a), { text: accountText(a) }])),
      'xdg.configFile."neomutt/neomuttrc"': () => {
        const any = accounts().length > 0;
        return mkIf(any, { text: any ? neomuttrc() : "" });
      },
    });
  },
});
