/**
 * `programs.notmuch`: the notmuch mail indexer. Installs `package`, writes
 * `$XDG_CONFIG_HOME/notmuch/default/config` (an INI file built from the
 * maildir base path, the `new`/`maildir`/`search` options and the user's
 * names and addresses taken from the email accounts with `notmuch.enable`,
 * then `extraConfig` merged over it), writes the non-empty hooks as shell
 * scripts under `notmuch/default/hooks/`, and exports `NOTMUCH_CONFIG` and
 * `NMBGIT`. Each email account gains `notmuch.enable`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { callFn, nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/notmuch.ts";

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  options: { notmuch: { enable: mkEnableOption("notmuch indexing") } },
});

const newModule = defineModule({
  file: FILE,
  key: `${FILE}#new`,
  options: {
    ignore: option({
      type: t.listOf(t.str),
      default: [],
      description: "Files and directories `notmuch new` skips when looking for messages.",
    }),
    tags: option({
      type: t.listOf(t.str),
      default: ["unread", "inbox"],
      example: ["new"],
      description: "The tags `notmuch new` gives every message it adds.",
    }),
  },
});

interface Account {
  readonly enable: boolean;
  readonly primary: boolean;
  readonly realName: string;
  readonly address: string;
  readonly aliases: readonly (string | AttrsView)[];
  readonly notmuch: { readonly enable: boolean };
}

type IniValue = string | number | boolean | readonly IniValue[];
type Ini = Record<string, Record<string, IniValue>>;

/** A value as notmuch's INI expects it: lists joined with `;`, booleans as `true`/`false`. */
function iniValue(v: IniValue): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return (v as readonly IniValue[]).map(iniValue).join(";");
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

/** Is this the empty list (what the assertions reject; `extraConfig` may replace a list by a string)? */
const isEmptyList = (v: IniValue | undefined) => Array.isArray(v) && v.length === 0;

/** The INI text: sections and keys in name order, a blank line between sections. */
export function renderIni(ini: Ini): string {
  return Object.keys(ini)
    .sort()
    .map((s) => {
      const sect = ini[s]!;
      const body = Object.keys(sect)
        .sort()
        .map((k) => `${k}=${iniValue(sect[k]!)}\n`)
        .join("");
      return `[${s.replace(/[[\]]/g, (c) => `\\${c}`)}]\n${body}`;
    })
    .join("\n");
}

/** The user section: the primary account's name and address, every other address as `other_email`. */
function userSection(all: Readonly<Record<string, Account>>): Record<string, IniValue> {
  const accounts = Object.keys(all)
    .sort()
    .map((n) => all[n]!)
    .filter((a) => a.enable && a.notmuch.enable);
  const primary = accounts.filter((a) => a.primary);
  const others = accounts.filter((a) => !a.primary);
  const address = (e: string | AttrsView) => (typeof e === "string" ? e : String(e.address));
  return {
    name: primary.map((a) => a.realName),
    primary_email: primary.map((a) => a.address),
    other_email: [...primary.flatMap((a) => a.aliases), ...others.map((a) => a.address), ...others.flatMap((a) => a.aliases)].map(address),
  };
}

export const notmuchModule = defineModule({
  file: FILE,
  path: "programs.notmuch",
  options: {
    enable: mkEnableOption("Notmuch mail indexer"),
    package: mkPackageOption("notmuch"),
    new: option({
      type: ty.submodule<AttrsView>(newModule),
      default: {},
      description: "Settings of the processing `notmuch new` does.",
    }),
    extraConfig: option({
      type: t.attrsOf(t.attrsOf(t.str)),
      default: {},
      description: "More sections and settings for the configuration file (they win over the generated ones).",
    }),
    hooks: {
      preNew: option({
        type: t.lines,
        default: "",
        example: "mbsync --all",
        description: "Bash commands run before `notmuch new` looks for new messages.",
      }),
      postNew: option({
        type: t.lines,
        default: "",
        example: "notmuch tag +nixos -- tag:new and from:nixos1@discoursemail.com\n",
        description: "Bash commands run once `notmuch new` has added and tagged the new messages.",
      }),
      postInsert: option({
        type: t.lines,
        default: "",
        description: "Bash commands run once `notmuch insert` has added and tagged a message.",
      }),
    },
    maildir: {
      synchronizeFlags: option({ type: t.bool, default: true, description: "Whether maildir flags and notmuch tags are kept in step." }),
    },
    search: {
      excludeTags: option({
        type: t.listOf(t.str),
        default: ["deleted", "spam"],
        example: ["trash", "spam"],
        description: "Messages with these tags are left out of searches unless the query names the tag.",
      }),
    },
  },
  imports: [
    defineModule({
      file: FILE,
      key: `${FILE}#accounts`,
      options: { accounts: { email: { accounts: option({ type: t.attrsOf(ty.submodule<AttrsView>(accountModule)) }) } } },
    }).value,
  ],
  config: ({ cfg, config, pkgs }) => {
    const ini = (): Ini => {
      const base: Ini = {
        database: { path: String(config.get("accounts.email.maildirBasePath")) },
        maildir: { synchronize_flags: cfg.maildir.synchronizeFlags },
        new: { ignore: cfg.new.ignore as readonly string[], tags: cfg.new.tags as readonly string[] },
        user: userSection(config.get("accounts.email.accounts") as unknown as Readonly<Record<string, Account>>),
        search: { exclude_tags: cfg.search.excludeTags },
      };
      const extra = cfg.extraConfig as Readonly<Record<string, Readonly<Record<string, string>>>>;
      for (const s of Object.keys(extra)) base[s] = { ...(base[s] ?? {}), ...extra[s]! };
      return base;
    };
    const configPath = () => `${String(config.get("xdg.configHome"))}/notmuch/default/config`;
    const nmbgit = () => `${String(config.get("xdg.dataHome"))}/notmuch/nmbug`;
    const hooks = () => {
      const files: Record<string, { source: unknown }> = {};
      const add = (name: string, cmds: string) => {
        if (cmds === "") return;
        const text =
          `export PATH="${nixToString(cfg.package)}/bin\${PATH:+:}$PATH"\n` +
          `export NOTMUCH_CONFIG="${configPath()}"\n` +
          `export NMBGIT="${nmbgit()}"\n\n${cmds}\n`;
        files[`notmuch/default/hooks/${name}`] = { source: callFn(pkgs.writeShellScript, name, text) };
      };
      add("pre-new", cfg.hooks.preNew);
      add("post-new", cfg.hooks.postNew);
      add("post-insert", cfg.hooks.postInsert);
      return files;
    };
    return mkIf(() => cfg.enable, {
      assertions: () => {
        const user = ini().user!;
        return [
          { assertion: !isEmptyList(user.name), message: "notmuch: Must have a user name set." },
          {
            assertion: !isEmptyList(user.primary_email),
            message: "notmuch: Must have a user primary email address set.",
          },
        ];
      },
      "home.packages": () => [cfg.package],
      "home.sessionVariables": () => ({ NOTMUCH_CONFIG: configPath(), NMBGIT: nmbgit() }),
      "xdg.configFile": () => ({
        "notmuch/default/config": { text: `# Generated by Home Manager.\n\n${renderIni(ini())}` },
        ...hooks(),
      }),
    });
  },
});
