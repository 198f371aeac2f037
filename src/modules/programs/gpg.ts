/**
 * `programs.gpg`: GnuPG. Installs `package` (also the gpg the gpg-agent
 * service runs), sets `GNUPGHOME`, writes `gpg.conf`, `scdaemon.conf`,
 * `dirmngr.conf` and `gpgsm.conf` under `homedir` as Home Manager does (one
 * `key value` line per setting in attribute order, `true` as the bare key,
 * `false` as an empty line, lists as repeated keys), and creates `homedir`
 * at activation. Public keys (`publicKeys`) are imported (and their trust
 * set) at activation when keys (trust) are mutable; otherwise a keyring is
 * built by running gpg in `pkgs.runCommand` (`gpg-pubring`): `pubring.kbx`
 * becomes a link to it and `trustdb.gpg` is installed from it at activation.
 * The build runs the package's `gpg`, or the `gpg` on `PATH` when the
 * package is a stand-in without one (the stub backend).
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString, perEvaluation, ty } from "../module-kit.js";

const FILE = "modules/programs/gpg.ts";

type Setting = string | boolean | readonly string[];
type Settings = Readonly<Record<string, Setting>>;

const settingType = t.either(ty.oneOf<string | boolean>([t.str, t.bool]), t.listOf(t.str));

/** A GnuPG-style configuration file: keys sorted, `key value` lines, lists as repeated keys. */
export function gpgConfText(settings: Settings): string {
  const line = (k: string, v: string | boolean): string => (typeof v === "string" ? `${k} ${v}` : v ? k : "");
  let out = "";
  for (const k of Object.keys(settings).sort()) {
    const v = settings[k]!;
    const values: readonly (string | boolean)[] = Array.isArray(v) ? (v as readonly string[]) : [v as string | boolean];
    for (const x of values) out += `${line(k, x)}\n`;
  }
  return out;
}

/** The defaults Home Manager puts in `gpg.conf` (each at `mkDefault` priority). */
const GPG_DEFAULTS: Readonly<Record<string, string | boolean>> = {
  "personal-cipher-preferences": "AES256 AES192 AES",
  "personal-digest-preferences": "SHA512 SHA384 SHA256",
  "personal-compress-preferences": "ZLIB BZIP2 ZIP Uncompressed",
  "default-preference-list": "SHA512 SHA384 SHA256 AES256 AES192 AES ZLIB BZIP2 ZIP Uncompressed",
  "cert-digest-algo": "SHA512",
  "s2k-digest-algo": "SHA512",
  "s2k-cipher-algo": "AES256",
  "display-charset": "utf-8",
  "no-comments": true,
  "no-emit-version": true,
  "keyid-format": "0xlong",
  "list-options": "show-uid-validity",
  "verify-options": "show-uid-validity",
  "with-fingerprint": true,
  "require-cross-certification": true,
  "no-symkey-cache": true,
};

const TRUST_LEVELS: Readonly<Record<string, number>> = { unknown: 1, never: 2, marginal: 3, full: 4, ultimate: 5 };

/** One entry of `publicKeys`; built per evaluation because `text` is written with this evaluation's `pkgs.writeText`. */
function publicKeyModule(pkgs: () => AttrsView) {
  return defineModule({
    file: FILE,
    key: `${FILE}#publicKey`,
    options: {
      text: option({ type: t.nullOr(t.str), default: null, description: "The armored text of an OpenPGP public key." }),
      source: option({ type: t.path, description: "A file holding an OpenPGP public key." }),
      trust: option({
        type: t.nullOr(ty.oneOf<string | number>([t.enum(["unknown", "never", "marginal", "full", "ultimate"] as const), t.int])),
        default: null,
        apply: (v: string | number | null) => (typeof v === "string" ? TRUST_LEVELS[v] : v),
        description:
          "How far the key's owner is trusted: `unknown` (1), `never` (2), `marginal` (3), `full` (4) or `ultimate` (5). " +
          "Either the word or the number may be given.",
      }),
    },
    config: ({ cfg }) =>
      mkIf(() => cfg.text !== null, {
        source: () => nixToString(writeText(pkgs(), cfg.text!)),
      }),
  });
}

function writeText(pkgs: AttrsView, text: string): JsValue {
  const f = pkgs.writeText as (n: JsValue) => (t: JsValue) => JsValue;
  return f("gpg-pubkey")(text);
}

interface PublicKey {
  readonly source: string;
  readonly trust: number | null;
}

/** Bash functions the key import uses: the key ids of a key file, and setting a key's trust. */
function importTrustFunctions(gpg: string): string {
  return `function gpgKeyId() {
  ${gpg} --show-key --with-colons "$1" \\
    | grep ^pub: \\
    | cut -d: -f5
}

function importTrust() {
  local keyIds trust
  mapfile -t keyIds <<< "$(gpgKeyId "$1")"
  trust="$2"
  for id in "\${keyIds[@]}" ; do
    { echo trust; echo "$trust"; (( trust == 5 )) && echo y; echo quit; } \\
      | ${gpg} --no-tty --command-fd 0 --edit-key "$id"
  done
}

`;
}

interface KeyImport {
  readonly gpg: string;
  readonly homedir: string;
  readonly keys: readonly PublicKey[];
  readonly mutableKeys: boolean;
  readonly mutableTrust: boolean;
  /** The `gpg-pubring` store path (computed only when the block needs it). */
  readonly keyring: () => string;
}

/** The `importGpgKeys` activation block: mutable keys and trust imported, immutable trust installed. */
function importKeysScript(o: KeyImport): string {
  const lines: string[] = [];
  for (const k of o.keys) {
    if (o.mutableKeys) lines.push(`run ${o.gpg} $QUIET_ARG --import ${k.source}`);
    if (k.trust !== null && o.mutableTrust) lines.push(`run importTrust "${k.source}" ${k.trust}`);
  }
  const importKeys = lines.join("\n");
  const parts: string[] = [];
  if (importKeys !== "")
    parts.push(`export GNUPGHOME=${escapeShellArg(o.homedir)}
if [[ ! -v VERBOSE ]]; then
  QUIET_ARG="--quiet"
else
  QUIET_ARG=""
fi
${importTrustFunctions(o.gpg)}
${importKeys}
unset GNUPGHOME QUIET_ARG keyId importTrust
`);
  if (!o.mutableTrust && o.keys.some((k) => k.trust !== null))
    parts.push(`install -m 0700 ${o.keyring()}/trustdb.gpg "${o.homedir}/trustdb.gpg"`);
  return parts.join("\n");
}

/** The command of the `gpg-pubring` build: every key imported into a fresh home, trust set, the keyring files kept. */
function keyringCommand(gpg: string, keys: readonly PublicKey[]): string {
  // Sources are quoted: unlike Home Manager's, ours may be paths outside the store, spaces included.
  const importKey = (k: PublicKey) =>
    `"$gpg" --import ${escapeShellArg(k.source)}\n${k.trust !== null ? `importTrust ${escapeShellArg(k.source)} ${k.trust}` : ""}\n`;
  return `export GNUPGHOME
GNUPGHOME=$(mktemp -d)
gpg=${gpg}
# A stand-in package has no programs: use the gpg on PATH then.
if [[ ! -x $gpg ]]; then gpg=gpg; fi

${importTrustFunctions('"$gpg"')}
${keys.map(importKey).join("\n")}

mkdir $out
cp $GNUPGHOME/pubring.kbx $out/pubring.kbx
if [[ -e $GNUPGHOME/trustdb.gpg ]] ; then
  cp $GNUPGHOME/trustdb.gpg $out/trustdb.gpg
fi
`;
}

/** The `gpg` program of `package` (`gpg` from `PATH` when it is null). */
function gpgProgram(pkg: JsValue): string {
  return pkg !== null ? `${nixToString(pkg)}/bin/gpg` : "gpg";
}

/** The `gpg-pubring` store path: a keyring and trust database holding `keys`. */
function keyring(pkgs: AttrsView, pkg: JsValue, keys: readonly PublicKey[]): string {
  const drv = callFn(pkgs.runCommand, "gpg-pubring", { buildInputs: pkg !== null ? [pkg] : [] }, keyringCommand(gpgProgram(pkg), keys));
  return nixToString(drv);
}

const settingsDescription = (what: string, man: string) =>
  `Settings written to \`${what}\`, one \`key value\` line each; \`true\` writes the bare key and a list repeats the key ` +
  `for every element. See ${man}.`;

function makeGpgModule(pkgs: () => AttrsView) {
  return defineModule({
    file: FILE,
    path: "programs.gpg",
    options: {
      enable: mkEnableOption("GnuPG"),
      package: option({
        type: t.nullOr(t.package),
        default: (a) => a.pkgs.gnupg as AttrsView,
        defaultText: "pkgs.gnupg",
        example: "pkgs.gnupg23",
        description: "The GnuPG package to install, or null to install none. The gpg-agent service runs its binaries too.",
      }),
      settings: option({
        type: t.attrsOf(settingType),
        example: { "no-comments": false, "s2k-cipher-algo": "AES128" },
        description: settingsDescription("gpg.conf", "gpg(1)"),
      }),
      scdaemonSettings: option({
        type: t.attrsOf(settingType),
        default: {},
        example: { "disable-ccid": true },
        description: settingsDescription("scdaemon.conf", "scdaemon(1)"),
      }),
      dirmngrSettings: option({
        type: t.attrsOf(settingType),
        default: {},
        example: { "allow-version-check": true, keyserver: "ldaps://ldap.example.com" },
        description: settingsDescription("dirmngr.conf", "dirmngr(1)"),
      }),
      gpgsmSettings: option({
        type: t.attrsOf(settingType),
        default: {},
        example: { "with-key-data": true },
        description: settingsDescription("gpgsm.conf", "gpgsm(1)"),
      }),
      homedir: option({
        type: t.path,
        default: (a) => `${nixToString(((a.arg("config") as AttrsView).home as AttrsView).homeDirectory!)}/.gnupg`,
        defaultText: '"${config.home.homeDirectory}/.gnupg"',
        example: '"${config.xdg.dataHome}/gnupg"',
        description: "GnuPG's home directory, holding its keyrings and configuration files.",
      }),
      mutableKeys: option({
        type: t.bool,
        default: true,
        description:
          "Whether the keyring stays writable by the user: managed keys are imported at activation next to any others. " +
          "When false, `pubring.kbx` is a read-only link into the store.",
      }),
      mutableTrust: option({
        type: t.bool,
        default: true,
        description:
          "Whether trust stays editable by the user: trust of managed keys is set at activation, other trust kept. " +
          "When false, `trustdb.gpg` is replaced at every activation, dropping trust in unmanaged keys.",
      }),
      publicKeys: option({
        type: t.listOf(ty.submodule<PublicKey & { readonly text: string | null }>(publicKeyModule(pkgs))),
        default: [],
        example: "[ { source = ./pubkeys.txt; } ]",
        description: "Public keys to import into the keyring. Their files end up in the world-readable store.",
      }),
    },
    config: ({ cfg, lib }) =>
      mkIf(() => cfg.enable, {
        "programs.gpg.settings": () => Object.fromEntries(Object.entries(GPG_DEFAULTS).map(([k, v]) => [k, mkDefault(v)])),
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "home.sessionVariables": () => ({ GNUPGHOME: cfg.homedir }),
        "home.file": () => {
          const conf = (name: string, s: Settings) =>
            mkIf(Object.keys(s).length > 0, { [`${cfg.homedir}/${name}`]: { text: gpgConfText(s) } });
          const keys = cfg.publicKeys as readonly PublicKey[];
          return mkMerge([
            // Built only when linked: the build needs gpg and at least one key.
            !cfg.mutableKeys && keys.length > 0
              ? { [`${cfg.homedir}/pubring.kbx`]: { source: `${keyring(pkgs(), cfg.package, keys)}/pubring.kbx` } }
              : {},
            conf("gpg.conf", cfg.settings as Settings),
            conf("scdaemon.conf", cfg.scdaemonSettings as Settings),
            conf("dirmngr.conf", cfg.dirmngrSettings as Settings),
            conf("gpgsm.conf", cfg.gpgsmSettings as Settings),
          ]);
        },
        "home.activation": () => {
          const keys = cfg.publicKeys as readonly PublicKey[];
          const block = importKeysScript({
            gpg: gpgProgram(cfg.package),
            homedir: cfg.homedir,
            keys,
            mutableKeys: cfg.mutableKeys,
            mutableTrust: cfg.mutableTrust,
            keyring: () => keyring(pkgs(), cfg.package, keys),
          });
          return mkMerge([
            {
              createGpgHomedir: libCall(
                lib,
                "hm.dag.entryBetween",
                ["linkGeneration"],
                ["writeBoundary"],
                `run mkdir -m700 -p $VERBOSE_ARG ${escapeShellArg(cfg.homedir)}\n`,
              ),
            },
            mkIf(keys.length > 0, { importGpgKeys: libCall(lib, "hm.dag.entryAfter", ["linkGeneration"], block) }),
          ]);
        },
      }),
  });
}

/** The module (made per evaluation, see `publicKeyModule`). */
export const gpgModule = perEvaluation(FILE, (a) => makeGpgModule(() => a.pkgs()));
