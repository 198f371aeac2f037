/**
 * `programs.ssh`: the OpenSSH client configuration, `~/.ssh/config`, as Home
 * Manager writes it. `settings` is a DAG of blocks (attribute name → `Host`
 * pattern, or a literal `Host …`/`Match …` header, or `header` set
 * explicitly), each a free-form set of ssh_config(5) directives rendered in
 * attribute order (`IgnoreUnknown` first), lists joined by commas or spaces
 * for the directives that take lists and repeated otherwise, forwards from
 * `{ bind; host; }` sets. The deprecated `matchBlocks` (typed per-host
 * options) is translated into `settings`; the old top-level options are
 * renamed to `settings."*"`. The `"*"` block always comes last, then
 * `extraConfig` indented. Assertions and warnings carry Home Manager's texts.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { nixThrow } from "../../module-system/nix-values.js";
import { libCall, nixToString, perEvaluation, ty, type DagEntry } from "../module-kit.js";

const FILE = "modules/programs/ssh.ts";

type Block = Readonly<Record<string, JsValue>>;

const positiveInt = new TsType<number>((ms) => ms.types.ints.positive!);

function isAttrs(v: JsValue | undefined): v is AttrsView {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toList(v: JsValue): readonly JsValue[] {
  return Array.isArray(v) ? (v as readonly JsValue[]) : [v];
}

/** Nix's `toString`, with `yes`/`no` for booleans as ssh_config wants. */
function renderValue(v: JsValue): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  // Nix prints floats with six decimals (integral floats reach TypeScript as integers, and print as such).
  if (typeof v === "number" && !Number.isInteger(v)) return v.toFixed(6);
  return nixToString(v);
}

const isPathLike = (v: JsValue): boolean => nixToString(v).startsWith("/");

/** ` [address]:port`, ` port` (no address) or ` /socket/path` for one end of a forward. */
function addressPort(entry: AttrsView): string {
  const address = "address" in entry ? entry.address! : "localhost";
  const port = "port" in entry ? entry.port! : null;
  if (address === null) return ` ${nixToString(port)}`;
  if (isPathLike(address)) return ` ${nixToString(address)}`;
  return ` [${nixToString(address)}]:${nixToString(port)}`;
}

function attrOf(v: AttrsView, name: string): AttrsView {
  const x = v[name];
  if (!isAttrs(x)) throw nixThrow(`attribute '${name}' missing`);
  return x;
}

const renderForward = (f: JsValue): string =>
  isAttrs(f) ? addressPort(attrOf(f, "bind")) + addressPort(attrOf(f, "host")) : ` ${renderValue(f)}`;
const renderDynamicForward = (f: JsValue): string => (isAttrs(f) ? addressPort(f) : ` ${renderValue(f)}`);

/** `SetEnv` pairs: `NAME="value"` with `"` and `\` escaped, names sorted. */
function setEnvText(env: JsValue): string {
  if (!isAttrs(env)) return renderValue(env);
  return Object.keys(env)
    .map((k) => `${k}="${nixToString(env[k]!).replace(/["\\]/g, (c) => `\\${c}`)}"`)
    .join(" ");
}

/** Directives whose lists are one comma-separated value (ssh keeps only the first of repeated lines). */
const COMMA_LISTS = new Set([
  "CASignatureAlgorithms",
  "Ciphers",
  "HostbasedAcceptedAlgorithms",
  "HostbasedKeyTypes",
  "HostKeyAlgorithms",
  "IgnoreUnknown",
  "KbdInteractiveDevices",
  "KexAlgorithms",
  "MACs",
  "PreferredAuthentications",
  "ProxyJump",
  "PubkeyAcceptedAlgorithms",
  "PubkeyAcceptedKeyTypes",
]);

/** Directives whose lists are one space-separated value. */
const SPACE_LISTS = new Set([
  "CanonicalDomains",
  "CanonicalizePermittedCNAMEs",
  "ChannelTimeout",
  "GlobalKnownHostsFile",
  "PermitRemoteOpen",
  "SendEnv",
  "UserKnownHostsFile",
]);

function repeated(indent: string, name: string, item: (v: JsValue) => string, values: JsValue): string {
  return toList(values)
    .map((v) => `${indent}${name}${item(v)}`)
    .join("\n");
}

function isEmptyValue(v: JsValue | undefined): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isAttrs(v) && Object.keys(v).length === 0);
}

/** One directive's line(s), or "" when the value is null, `[ ]` or `{ }`. */
export function directiveText(indent: string, name: string, value: JsValue): string {
  if (isEmptyValue(value)) return "";
  if (COMMA_LISTS.has(name)) return `${indent}${name} ${toList(value).map(renderValue).join(",")}`;
  if (SPACE_LISTS.has(name)) return `${indent}${name} ${toList(value).map(renderValue).join(" ")}`;
  switch (name) {
    case "SetEnv":
      return `${indent}SetEnv ${setEnvText(value)}`;
    case "LocalForward":
    case "RemoteForward":
      return repeated(indent, name, renderForward, value);
    case "DynamicForward":
      return repeated(indent, name, renderDynamicForward, value);
    default:
      return repeated(indent, name, (v) => ` ${renderValue(v)}`, value);
  }
}

/** The header a block gets from its attribute name: the name itself when it already starts with `Host `/`Match `. */
export function blockHeader(name: string): string {
  return name.startsWith("Host ") || name.startsWith("Match ") ? name : `Host ${name}`;
}

/** `key value` lines of the deprecated per-block `extraOptions`, sorted, lists repeated. */
function extraOptionsText(extra: AttrsView): string {
  const str = (v: JsValue): string => (typeof v === "boolean" ? String(v) : nixToString(v));
  let out = "";
  for (const k of Object.keys(extra)) for (const v of toList(extra[k]!)) out += `  ${k} ${str(v)}\n`;
  return out;
}

const HIDDEN_KEYS = new Set(["header", "__hmSshBlockExtraOptions", "extraOptions"]);

/** One block: its header, then its directives. */
export function blockText(block: Block): string {
  const names = Object.keys(block).filter((n) => !HIDDEN_KEYS.has(n));
  // IgnoreUnknown only affects the directives after it.
  const ordered = names.includes("IgnoreUnknown") ? ["IgnoreUnknown", ...names.filter((n) => n !== "IgnoreUnknown")] : names;
  const lines = [nixToString(block.header!)];
  for (const n of ordered) {
    const line = directiveText("  ", n, block[n]!);
    if (line !== "") lines.push(line);
  }
  const extra = block.__hmSshBlockExtraOptions;
  if (isAttrs(extra) && Object.keys(extra).length > 0) lines.push(extraOptionsText(extra));
  return lines.join("\n");
}

/** Is a forward end a socket path given a port too (which ssh rejects)? */
function pathWithPort(end: JsValue | undefined): boolean {
  if (!isAttrs(end)) return false;
  const address = "address" in end ? end.address! : null;
  const port = "port" in end ? end.port! : null;
  return address !== null && isPathLike(address) && port !== null;
}

function forwardsValid(block: Block): boolean {
  const attrsIn = (v: JsValue | undefined) => (v === undefined ? [] : toList(v).filter(isAttrs));
  const both = (f: AttrsView) => !pathWithPort(attrOf(f, "bind")) && !pathWithPort(attrOf(f, "host"));
  return (
    attrsIn(block.LocalForward).every(both) &&
    attrsIn(block.RemoteForward).every(both) &&
    attrsIn(block.DynamicForward).every((f) => !pathWithPort(f))
  );
}

// --- the deprecated `matchBlocks` -------------------------------------------

function addressPortModule(action: "bind" | "forward") {
  const nullable = action === "forward";
  return defineModule({
    file: FILE,
    key: `${FILE}#${action}`,
    options: {
      address: option({
        type: nullable ? t.nullOr(t.str) : (t.str as TsType<string | null>),
        default: nullable ? null : "localhost",
        example: "example.org",
        description: `The address to ${action} to.`,
      }),
      port: option({ type: t.nullOr(t.port), default: null, example: 8080, description: `The port to ${action} to.` }),
    },
  });
}

const bindModule = addressPortModule("bind");
const hostModule = addressPortModule("forward");

const forwardModule = defineModule({
  file: FILE,
  key: `${FILE}#forward-pair`,
  options: {
    bind: option({ type: ty.submodule<AttrsView>(bindModule), description: "The listening end of the forward." }),
    host: option({ type: ty.submodule<AttrsView>(hostModule), description: "The end the connection is forwarded to." }),
  },
});

/** A list of strings, one string or null (read as a list, null as `[ ]`). */
const listOrNull = (description: string) =>
  option({
    type: t.either(t.listOf(t.str), t.nullOr(t.str)),
    default: [],
    apply: (p: readonly string[] | string | null) => (p === null ? [] : typeof p === "string" ? [p] : p),
    description,
  });

const nullOpt = <T>(type: TsType<T>, description: string) => option({ type: t.nullOr(type), default: null, description });

const forwardsExample = '[ { bind.port = 8080; host.address = "10.0.0.13"; host.port = 80; } ]';

const matchBlockModule = defineModule({
  file: FILE,
  key: `${FILE}#matchBlock`,
  options: {
    host: option({
      type: t.nullOr(t.str),
      default: null,
      example: "*.example.org",
      description: "The `Host` pattern of this block (see ssh_config(5)); ignored when `match` is set.",
    }),
    match: option({
      type: t.nullOr(t.str),
      default: null,
      example: 'host <hostname> canonical\nhost <hostname> exec "ping -c1 -q 192.168.17.1"',
      description: "The conditions of a `Match` block (see ssh_config(5)); takes precedence over `host`.",
    }),
    port: nullOpt(t.port, "The port to connect to on the remote host."),
    forwardAgent: nullOpt(t.bool, "Whether to forward the connection to the authentication agent to the remote machine."),
    forwardX11: option({
      type: t.bool,
      default: false,
      description: "Whether to redirect X11 connections over the secure channel and set `DISPLAY`.",
    }),
    forwardX11Trusted: option({
      type: t.bool,
      default: false,
      description: "Whether remote X11 clients get full access to the local display.",
    }),
    identitiesOnly: nullOpt(
      t.bool,
      "Whether to use only the identities configured here or on the command line, whatever the agent offers.",
    ),
    identityFile: listOrNull("Files the user identity is read from, tried in order."),
    identityAgent: listOrNull("Where the identity agent's socket is."),
    user: nullOpt(t.str, "The user to log in as."),
    hostname: nullOpt(t.str, "The real host name to log into."),
    serverAliveInterval: nullOpt(t.int, "Seconds of silence after which the server is asked for a response."),
    serverAliveCountMax: nullOpt(positiveInt, "How many server-alive messages may go unanswered before the connection is dropped."),
    sendEnv: option({ type: t.listOf(t.str), default: [], description: "Environment variables sent from the local host to the server." }),
    setEnv: option({
      type: t.attrsOf(ty.oneOf<string | number>([t.str, t.path, t.int, t.float])),
      default: {},
      description: "Environment variables, with their values, set on the server.",
    }),
    compression: nullOpt(t.bool, "Whether to compress the connection; left out of the block when null."),
    checkHostIP: option({ type: t.bool, default: true, description: "Whether to check the host's IP address in `known_hosts`." }),
    proxyCommand: nullOpt(t.str, "The command used to connect to the server."),
    proxyJump: nullOpt(t.str, "The host to jump through to reach the server."),
    certificateFile: listOrNull("Files the user certificate is read from."),
    addressFamily: nullOpt(t.enum(["any", "inet", "inet6"] as const), "The address family used to connect."),
    localForwards: option({
      type: t.listOf(ty.submodule<AttrsView>(forwardModule)),
      default: [],
      example: forwardsExample,
      description: "Local port forwards (`LocalForward` in ssh_config(5)).",
    }),
    remoteForwards: option({
      type: t.listOf(ty.submodule<AttrsView>(forwardModule)),
      default: [],
      example: forwardsExample,
      description: "Remote port forwards (`RemoteForward` in ssh_config(5)).",
    }),
    dynamicForwards: option({
      type: t.listOf(ty.submodule<AttrsView>(bindModule)),
      default: [],
      example: "[ { port = 8080; } ]",
      description: "Dynamic port forwards (`DynamicForward` in ssh_config(5)).",
    }),
    extraOptions: option({
      type: t.attrsOf(t.str),
      default: {},
      visible: false,
      description: "Deprecated: further directives of this block; use `programs.ssh.settings`.",
    }),
    addKeysToAgent: nullOpt(
      t.str,
      "Whether keys used to authenticate are added to a running ssh-agent: `no`, `yes`, `confirm` (maybe with a time), `ask` or a time interval.",
    ),
    hashKnownHosts: nullOpt(t.bool, "Whether ssh(1) hashes host names and addresses it adds to the known hosts file."),
    userKnownHostsFile: nullOpt(t.str, "The user's known hosts files, separated by whitespace (`~/.ssh/known_hosts` by default)."),
    controlMaster: nullOpt(t.enum(["yes", "no", "ask", "auto", "autoask"] as const), "Whether sessions share one network connection."),
    controlPath: nullOpt(t.str, "The control socket of shared connections."),
    controlPersist: option({
      type: t.nullOr(t.str),
      default: null,
      example: "10m",
      description: "How long the control socket stays open in the background.",
    }),
    kexAlgorithms: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["curve25519-sha256@libssh.org", "diffie-hellman-group-exchange-sha256"],
      description: "The key exchange algorithms allowed.",
    }),
  },
});

type MatchBlock = Readonly<Record<string, JsValue>>;

/** A `matchBlocks` entry as a `settings` block (unset values left out). */
function legacyBlock(cf: MatchBlock): Record<string, JsValue> {
  const headers = [
    ...(cf.match !== null ? [`Match ${nixToString(cf.match!)}`] : []),
    ...(cf.host !== null ? [`Host ${nixToString(cf.host!)}`] : []),
  ];
  const all: Record<string, JsValue> = {
    header: headers[0] ?? null,
    Port: cf.port!,
    ForwardAgent: cf.forwardAgent!,
    ForwardX11: cf.forwardX11 === true ? true : null,
    ForwardX11Trusted: cf.forwardX11Trusted === true ? true : null,
    IdentitiesOnly: cf.identitiesOnly!,
    IdentityFile: cf.identityFile!,
    IdentityAgent: cf.identityAgent!,
    User: cf.user!,
    HostName: cf.hostname!,
    ServerAliveInterval: cf.serverAliveInterval!,
    ServerAliveCountMax: cf.serverAliveCountMax!,
    SendEnv: cf.sendEnv!,
    SetEnv: cf.setEnv!,
    Compression: cf.compression!,
    CheckHostIP: cf.checkHostIP === true ? null : false,
    ProxyCommand: cf.proxyCommand!,
    ProxyJump: cf.proxyJump!,
    CertificateFile: cf.certificateFile!,
    AddressFamily: cf.addressFamily!,
    LocalForward: cf.localForwards!,
    RemoteForward: cf.remoteForwards!,
    DynamicForward: cf.dynamicForwards!,
    AddKeysToAgent: cf.addKeysToAgent!,
    HashKnownHosts: cf.hashKnownHosts!,
    UserKnownHostsFile: cf.userKnownHostsFile!,
    ControlMaster: cf.controlMaster!,
    ControlPath: cf.controlPath!,
    ControlPersist: cf.controlPersist!,
    KexAlgorithms: cf.kexAlgorithms!,
    __hmSshBlockExtraOptions: cf.extraOptions!,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => !isEmptyValue(v)));
}

// --- the module -------------------------------------------------------------

/** The `settings` block submodule: free-form directives plus `header`, defaulted from the DAG entry's name. */
const settingsBlockModule = defineModule({
  file: FILE,
  key: `${FILE}#settingsBlock`,
  options: {
    header: option({
      type: t.str,
      default: (a) => blockHeader(nixToString(a.arg("dagName"))),
      defaultText: "The attribute name, prefixed with `Host ` unless it already starts with `Host ` or `Match `.",
      description:
        "The `Host …` or `Match …` line opening this block. It comes from the attribute name by default; set it when the " +
        "header cannot be an attribute name (it refers to store paths, say) or to give the block a short name for DAG ordering.",
    }),
  },
});

/** The old defaults of the `"*"` block (`enableDefaultConfig`). */
const OLD_DEFAULTS: Readonly<Record<string, string | number | boolean>> = {
  ForwardAgent: false,
  AddKeysToAgent: "no",
  Compression: false,
  ServerAliveInterval: 0,
  ServerAliveCountMax: 3,
  HashKnownHosts: false,
  UserKnownHostsFile: "~/.ssh/known_hosts",
  ControlMaster: "no",
  ControlPath: "~/.ssh/master-%r@%n:%p",
  ControlPersist: "no",
};

const RENAMED = [
  "forwardAgent",
  "addKeysToAgent",
  "compression",
  "serverAliveInterval",
  "serverAliveCountMax",
  "hashKnownHosts",
  "userKnownHostsFile",
  "controlMaster",
  "controlPath",
  "controlPersist",
];

/** The whole `~/.ssh/config` text. */
function configText(
  lib: Parameters<typeof libCall>[0],
  settings: Readonly<Record<string, DagEntry<Block>>>,
  overrides: AttrsView,
  includes: readonly string[],
  extraConfig: string,
): string {
  const rest = Object.fromEntries(Object.entries(settings).filter(([n]) => n !== "*"));
  const sorted = libCall(lib, "hm.dag.topoSort", rest) as AttrsView;
  if (!("result" in sorted)) {
    const json = libCall(lib, "generators.toJSON", {}, sorted) as string;
    throw nixThrow(`evaluation aborted with the following error message: 'Dependency cycle in SSH match blocks: ${json}'`);
  }
  const global = Object.keys(overrides).map((k) => directiveText("", k, overrides[k]!));
  if (includes.length > 0) global.push(`Include ${includes.join(" ")}`);
  const sections: string[] = [];
  if (global.length > 0) sections.push(global.join("\n"));
  for (const e of sorted.result as readonly AttrsView[]) sections.push(blockText(e.data as Block));
  const star = settings["*"];
  if (star !== undefined) sections.push(blockText(star.data));
  if (extraConfig !== "") sections.push(`  ${extraConfig.replace(/\n$/, "").split("\n").join("\n  ")}`);
  return sections.length === 0 ? "" : `${sections.join("\n\n")}\n`;
}

function makeSshModule() {
  return defineModule({
    file: FILE,
    path: "programs.ssh",
    options: {
      enable: mkEnableOption("SSH client configuration"),
      package: option({
        type: t.nullOr(t.package),
        default: null,
        defaultText: "null",
        example: "pkgs.openssh",
        description: "The OpenSSH package to install, or null (the default) to use the client the system provides.",
      }),
      extraConfig: option({
        type: t.lines,
        default: "",
        description: 'Further lines appended to `~/.ssh/config`, indented under the `"*"` block.',
      }),
      extraOptionOverrides: option({
        type: t.attrsOf(t.anything),
        default: {},
        description: "Directives written at the top of `~/.ssh/config`, before every block, so that they take precedence.",
      }),
      includes: option({
        type: t.listOf(t.str),
        default: [],
        description: "Globs of further ssh configuration files, read through one `Include` directive (see ssh_config(5)).",
      }),
      settings: option({
        type: ty.dagOf(ty.submodule<Block>(settingsBlockModule, t.attrsOf(t.anything))),
        default: {},
        example:
          '{ "github.com" = { HostName = "github.com"; User = "git"; }; "Match host *.vpn" = lib.hm.dag.entryAfter [ "github.com" ] { ProxyJump = "vpn"; }; }',
        description:
          "The blocks of `~/.ssh/config`. A name is a `Host` pattern unless it starts with `Host ` or `Match `, in which case it is " +
          "the block's header as is. Each block is a set of ssh_config(5) directives under their OpenSSH names. Blocks are written " +
          'in the order the DAG functions give (by name otherwise), the `"*"` block last.',
      }),
      matchBlocks: option({
        type: ty.dagOf(ty.submodule<MatchBlock>(matchBlockModule)),
        default: {},
        visible: false,
        description: "Deprecated: typed per-host blocks, translated into `programs.ssh.settings`.",
      }),
      enableDefaultConfig: option({
        type: t.bool,
        default: true,
        example: false,
        description:
          'Whether the `"*"` block gets the historical default values. This is going away: set it to false and put the values ' +
          'you want under `programs.ssh.settings."*"`.',
      }),
    },
    config: ({ cfg, lib, arg }) => {
      const optionFiles = (name: string) => {
        const opts = ((arg("options") as AttrsView).programs as AttrsView).ssh as AttrsView;
        return libCall(lib, "showFiles", (opts[name] as AttrsView).files!) as string;
      };
      const settings = () => cfg.settings as Readonly<Record<string, DagEntry<Block>>>;
      const matchBlocks = () => cfg.matchBlocks as Readonly<Record<string, DagEntry<MatchBlock>>>;
      return mkIf(
        () => cfg.enable,
        mkMerge([
          {
            "programs.ssh.settings": () =>
              Object.fromEntries(
                Object.entries(matchBlocks()).map(([n, e]) => [n, { data: legacyBlock(e.data), after: e.after, before: e.before }]),
              ),
            assertions: () => {
              const blocks = Object.values(settings()).map((e) => e.data);
              return [
                { assertion: blocks.every(forwardsValid), message: "Forwarded paths cannot have ports." },
                {
                  assertion: cfg.extraConfig === "" || "*" in settings(),
                  message: 'Cannot set `programs.ssh.extraConfig` if `programs.ssh.settings."*"` (default host config) is not declared.',
                },
                {
                  assertion: blocks.every(
                    (b) => !("extraOptions" in b) || (isAttrs(b.extraOptions) && Object.keys(b.extraOptions).length === 0),
                  ),
                  message: `\`programs.ssh.settings.*.extraOptions\` defined in ${optionFiles("settings")} is not supported. Move these OpenSSH options directly into \`programs.ssh.settings.*\` using upstream directive names.\n`,
                },
              ];
            },
            "home.packages": () => (cfg.package !== null ? [cfg.package] : []),
            'home.file.".ssh/config".text': () =>
              configText(lib, settings(), cfg.extraOptionOverrides as AttrsView, cfg.includes, cfg.extraConfig),
            warnings: () => {
              const blocks = matchBlocks();
              const names = Object.keys(blocks);
              const out: string[] = [];
              if (names.length > 0)
                out.push(
                  `\`programs.ssh.matchBlocks\` defined in ${optionFiles("matchBlocks")} is deprecated. Use \`programs.ssh.settings\`.\n`,
                );
              for (const n of names) {
                const d = blocks[n]!.data;
                if (d.host !== null && d.match !== null)
                  out.push(
                    `The SSH config match block \`programs.ssh.matchBlocks.${n}\` sets both of the host and match options.\nThe match option takes precedence.`,
                  );
              }
              for (const n of names) {
                if (Object.keys(blocks[n]!.data.extraOptions as AttrsView).length > 0)
                  out.push(
                    `\`programs.ssh.matchBlocks.${n}.extraOptions\` defined in ${optionFiles("matchBlocks")} is deprecated. Move these OpenSSH options to \`programs.ssh.settings.${n}\` using upstream directive names.\n`,
                  );
              }
              return out;
            },
          },
          mkIf(() => cfg.enableDefaultConfig, {
            warnings: () => [
              "`programs.ssh` default values will be removed in the future.\nConsider setting `programs.ssh.enableDefaultConfig` to false,\n" +
                'and manually set the default values you want to keep at\n`programs.ssh.settings."*"`.\n',
            ],
            'programs.ssh.settings."*"': () => Object.fromEntries(Object.entries(OLD_DEFAULTS).map(([k, v]) => [k, mkDefault(v)])),
          }),
        ]),
      );
    },
  });
}

const sshModule = makeSshModule();

/** The module, with the old top-level options renamed into `settings."*"`. */
export const programsSshModule = perEvaluation(FILE, (a) => {
  const renames = libCall(
    a.lib,
    "hm.deprecations.mkSettingsRenamedOptionModules",
    ["programs", "ssh"],
    ["programs", "ssh", "settings", "*"],
    { transform: (x: JsValue) => `${String(x).charAt(0).toUpperCase()}${String(x).slice(1)}` },
    RENAMED,
  ) as readonly JsValue[];
  return [...renames.map((m) => toNix(m)), sshModule.value];
});
