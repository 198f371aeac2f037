/**
 * `services.syncthing`: the Syncthing file synchroniser, run as Home Manager
 * runs it: a sandboxed `syncthing serve` systemd user service (a launchd
 * agent through a Bash wrapper on macOS), keys copied into its directory
 * before start, and, when `settings`, `guiCredentials` or a non-default
 * `guiAddress` ask for it, a one-shot `syncthing-init` service running the
 * `merge-syncthing-config` script, which pushes devices, folders (with their
 * ignore patterns and encryption passwords read from files), other settings,
 * GUI credentials and address to Syncthing's REST API, then restarts it when
 * needed. `tray` adds a tray application service (Linux only).
 */
import { createHash } from "node:crypto";
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, escapeShellArg, libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { formatType, freeformSubmodule } from "../accounts/email-programs/kit.js";

const FILE = "modules/services/syncthing.ts";
const DEFAULT_GUI_ADDRESS = "127.0.0.1:8384";

type Obj = Readonly<Record<string, JsValue>>;

const isObj = (v: JsValue): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The settings with every null and every (eventually) empty attribute set removed, lists left alone. */
export function cleanSettings(v: Obj): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    if (isObj(x)) {
      const inner = cleanSettings(x);
      if (Object.keys(inner).length === 0) continue;
      out[k] = inner;
    } else out[k] = x;
  }
  return out;
}

/** Shell code choosing Syncthing's directory (`$syncthing_dir`). */
export function syncthingDirShell(darwin: boolean): string {
  if (darwin) return 'syncthing_dir="$HOME/Library/Application Support/Syncthing"\n';
  return (
    'syncthing_state_dir="${XDG_STATE_HOME:-$HOME/.local/state}/syncthing"\n' +
    'syncthing_config_dir="${XDG_CONFIG_HOME:-$HOME/.config}/syncthing"\n\n' +
    'if [[ -e "$syncthing_state_dir/config.xml" || ! -e "$syncthing_config_dir/config.xml" ]]; then\n' +
    '    syncthing_dir="$syncthing_state_dir"\n' +
    "else\n" +
    '    syncthing_dir="$syncthing_config_dir"\n' +
    "fi\n"
  );
}

/** The address part of a curl call: through the Unix socket when the GUI listens on one. */
export function curlAddress(guiAddress: string, path: string): string {
  return guiAddress.startsWith("/") ? `--unix-socket ${guiAddress} http://localhost${path}` : `${guiAddress}${path}`;
}

const nullOrBool = (description: string) => option({ type: t.nullOr(t.bool), default: null, description });
const nullOrInt = (description: string) => option({ type: t.nullOr(t.int), default: null, description });

const folderPathType = new TsType<string>((ms) =>
  ms.types.override(ms.types.str, {
    check: toNix((x: JsValue) => typeof x === "string" && (x.startsWith("/") || x.startsWith("~/"))),
    description: `${ms.types.str.description} starting with / or ~/`,
  }),
);

function settingsType(a: EvalArgs) {
  const json = formatType(a, "json");
  const globalOptions = freeformSubmodule(FILE, "settings.options", json, {
    localAnnounceEnabled: nullOrBool("Whether announcements are sent on the local network and used to find devices there."),
    localAnnouncePort: nullOrInt("The port on which IPv4 broadcast announcements are sent and received."),
    relaysEnabled: nullOrBool("Whether relays may be connected to and used for connections between devices."),
    urAccepted: nullOrInt(
      "The usage-reporting choice: 0 for none made yet (Syncthing asks later), -1 for refused, a positive number " +
        "for the accepted version of usage reporting.",
    ),
    limitBandwidthInLan: nullOrBool("Whether bandwidth limits also apply to devices on the same broadcast domain."),
    maxFolderConcurrency: nullOrInt(
      "How many folders may be busy with heavy I/O (syncing, scanning) at once; see " +
        "<https://docs.syncthing.net/advanced/option-max-concurrency.html>.",
    ),
  });
  const device = freeformSubmodule(FILE, "settings.devices", json, {
    name: option({ type: t.str, default: (d) => d.arg("name") as string, description: "The device's name." }),
    id: option({ type: t.str, description: "The device's ID (<https://docs.syncthing.net/dev/device-ids.html>)." }),
    autoAcceptFolders: option({
      type: t.bool,
      default: false,
      description: "Whether folders this device offers are created or shared automatically, at the default path.",
    }),
  });
  const folderDevice = freeformSubmodule(FILE, "settings.folders.devices", json, {
    name: option({
      type: t.str,
      default: null as unknown as string,
      description: "The name of a device declared in `settings.devices`.",
    }),
    encryptionPasswordFile: option({
      type: t.nullOr(new TsType<string>((ms) => ms.types.pathWith(false, true))),
      default: null,
      description: "A file holding the encryption password for this device; read when the service starts, never copied to the store.",
    }),
  });
  const versioning = freeformSubmodule(FILE, "settings.folders.versioning", json, {
    type: option({
      type: t.enum(["external", "simple", "staggered", "trashcan"]),
      description: "The kind of versioning (<https://docs.syncthing.net/users/versioning.html>).",
    }),
  });
  const folder = freeformSubmodule(FILE, "settings.folders", json, {
    enable: option({
      type: t.bool,
      default: true,
      description: "Whether this folder is shared (handy to declare all folders once and share some per machine).",
    }),
    path: option({
      type: folderPathType,
      default: (d) => d.arg("name") as string,
      description: "The folder's path: absolute (`/…`) or under the home directory (`~/…`).",
    }),
    id: option({ type: t.str, default: (d) => d.arg("name") as string, description: "The folder's ID, the same on every device." }),
    label: option({ type: t.str, default: (d) => d.arg("name") as string, description: "The folder's label." }),
    type: option({
      type: t.enum(["sendreceive", "sendonly", "receiveonly", "receiveencrypted"]),
      default: "sendreceive",
      description: "How Syncthing treats the folder (<https://docs.syncthing.net/users/config.html#config-option-folder.type>).",
    }),
    devices: option({
      type: t.listOf(ty.oneOf<JsValue>([t.str, folderDevice])),
      default: [],
      description: "The devices the folder is shared with: names of `settings.devices` entries, or sets naming one with more settings.",
    }),
    versioning: option({
      type: t.nullOr(versioning),
      default: null,
      description: "How changed and deleted files are kept (<https://docs.syncthing.net/users/versioning.html>).",
    }),
    copyOwnershipFromParent: option({
      type: t.bool,
      default: false,
      description: "Whether files take the owner of their parent directory (on Unix; needs privileges such as CAP_CHOWN).",
    }),
    ignorePatterns: option({
      type: t.nullOr(t.listOf(t.str)),
      default: null,
      example: ["// This is a comment", "*.part // Firefox downloads and other things"],
      description:
        "Ignore patterns of the folder, one per string (<https://docs.syncthing.net/users/ignoring.html>); they " +
        "replace those set in the web interface. Null leaves the patterns alone (so removing this option does not " +
        "clear them: set `[]` first).",
    }),
  });
  return freeformSubmodule(FILE, "settings", json, {
    options: option({ type: globalOptions, default: {}, description: "Global options (Syncthing's `options` element)." }),
    devices: option({
      type: t.attrsOf(device),
      default: {},
      example: { bigbox: { id: "7CFNTQM-IMTJBHJ-3UWRDIU-ZGQJFR6-VCXZ3NB-XUH3KZO-N52ITXR-LAIYUAU" } },
      description: "The devices Syncthing talks to. Devices added by hand are removed on restart when `overrideDevices` is on.",
    }),
    folders: option({
      type: t.attrsOf(folder),
      default: {},
      example: { "/home/user/sync": { id: "syncme", devices: ["bigbox"] } },
      description: "The shared folders. Folders added by hand are removed on restart when `overrideFolders` is on.",
    }),
  });
}

const guiCredentials = defineModule({
  file: FILE,
  key: `${FILE}#guiCredentials`,
  options: {
    username: option({ type: ty.nonEmptyStr, example: "config.home.username", description: "The user name of the GUI login." }),
    passwordFile: option({
      type: t.str,
      default: null as unknown as string,
      description: "A file with the GUI password, plain or as a bcrypt hash (used as it is); read at every start of Syncthing.",
    }),
  },
});

function makeSyncthing(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "services.syncthing",
    options: {
      enable: mkEnableOption("Syncthing, a self-hosted continuous file synchronisation program"),
      cert: option({ type: t.nullOr(t.str), default: null, description: "A `cert.pem` copied into Syncthing's directory." }),
      key: option({ type: t.nullOr(t.str), default: null, description: "A `key.pem` copied into Syncthing's directory." }),
      guiCredentials: option({
        type: t.nullOr(ty.submodule<{ username: string; passwordFile: string }>(guiCredentials)),
        default: null,
        description:
          "The GUI login. Recommended: without it, anyone who can reach the GUI address (usually every local user) " +
          "can read and write your files through Syncthing.",
      }),
      overrideDevices: option({
        type: t.bool,
        default: true,
        description: "Whether devices missing from `settings.devices` (e.g. added in the web interface) are deleted.",
      }),
      overrideFolders: option({
        type: t.bool,
        default: true,
        description: "Whether folders missing from `settings.folders` (e.g. added in the web interface) are deleted.",
      }),
      settings: option({
        type: settingsType(a),
        default: {},
        example: { options: { localAnnounceEnabled: false }, gui: { theme: "black" } },
        description:
          "Syncthing's configuration (<https://docs.syncthing.net/users/config.html>) in the shape of its JSON REST " +
          'API, which differs slightly from the XML file (e.g. `listenAddresses = [ "default" ]`).',
      }),
      guiAddress: option({ type: t.str, default: DEFAULT_GUI_ADDRESS, description: "Where the web interface listens." }),
      allProxy: option({
        type: t.nullOr(t.str),
        default: null,
        example: "socks5://address.com:1234",
        description:
          "The `all_proxy` variable of the Syncthing process, e.g. a SOCKS5 proxy (<https://docs.syncthing.net/users/proxying.html>).",
      }),
      extraOptions: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--reset-deltas"],
        description: "More command-line arguments for `syncthing`.",
      }),
      package: mkPackageOption("syncthing"),
      tray: {
        enable: option({ type: t.bool, default: false, description: "Whether to run a Syncthing tray application service." }),
        command: option({
          type: t.str,
          default: "syncthingtray --wait",
          example: "qsyncthingtray",
          description: "The tray command, run from the tray package's `bin`.",
        }),
        package: option({
          type: t.package,
          default: (d) => d.pkgs["syncthingtray-minimal"] as AttrsView,
          defaultText: "pkgs.syncthingtray-minimal",
          example: "qsyncthingtray",
          description: "The tray package.",
        }),
      },
    },
    config: ({ cfg, config, pkgs, lib }) => {
      const darwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
      const exe = (p: JsValue, name?: string) =>
        name === undefined ? nixToString(libCall(lib, "getExe", p)) : nixToString(libCall(lib, "getExe'", p, name));
      const coreutils = (name: string) => exe(pkgs.coreutils!, name);
      const toJSON = (v: JsValue) => nixToString(libCall(lib, "strings.toJSON", v));
      const writeBash = (name: string, text: string) => nixToString(callNix((pkgs.writers as AttrsView).writeBash, name, text));
      const addr = (path: string) => curlAddress(cfg.guiAddress, path);
      const isUnixGui = () => cfg.guiAddress.startsWith("/");
      const settings = () => cfg.settings as unknown as Obj;
      const cleaned = () => cleanSettings(settings());
      const customGui = () => cfg.guiAddress !== DEFAULT_GUI_ADDRESS;
      const doUpdate = () => Object.keys(cleaned()).length > 0 || cfg.guiCredentials !== null || customGui();
      const args = () => [
        exe(cfg.package),
        "serve",
        "--no-browser",
        "--no-restart",
        "--no-upgrade",
        `--gui-address=${isUnixGui() ? "unix://" : ""}${cfg.guiAddress}`,
        ...cfg.extraOptions,
      ];
      const argsText = () => args().map(escapeShellArg).join(" ");
      const dirShell = () => syncthingDirShell(darwin());

      const copyKeys = () => {
        const install = coreutils("install");
        const cert = cfg.cert !== null ? `${install} -Dm400 ${cfg.cert} "$syncthing_dir/cert.pem"\n` : "";
        const key = cfg.key !== null ? `${install} -Dm400 ${cfg.key} "$syncthing_dir/key.pem"\n` : "";
        return writeBash("syncthing-copy-keys", `${dirShell()}\n${install} -dm700 "$syncthing_dir"\n${cert}\n${key}\n`);
      };

      const curlFunction = () =>
        `${dirShell()}\n` +
        "# systemd sets and creates RUNTIME_DIRECTORY on Linux\n" +
        "# on Darwin, we create it manually via mktemp\n" +
        `RUNTIME_DIRECTORY="\${RUNTIME_DIRECTORY:=$(${coreutils("mktemp")} -d)}"\n\n` +
        "curl() {\n" +
        "    # get the api key by parsing the config.xml\n" +
        "    while\n" +
        `        ! ${nixToString(pkgs.libxml2!)}/bin/xmllint \\\n` +
        "            --xpath 'string(configuration/gui/apikey)' \\\n" +
        '            "$syncthing_dir/config.xml" \\\n' +
        '            >"$RUNTIME_DIRECTORY/api_key"\n' +
        `    do ${coreutils("sleep")} 1; done\n` +
        `    (${coreutils("printf")} "X-API-Key: "; ${coreutils("cat")} "$RUNTIME_DIRECTORY/api_key") >"$RUNTIME_DIRECTORY/headers"\n` +
        `    ${exe(pkgs.curl!)} -sSLk -H "@$RUNTIME_DIRECTORY/headers" \\\n` +
        "        --retry 1000 --retry-delay 1 --retry-all-errors \\\n" +
        '        "$@"\n' +
        "}\n";

      const credentialsPart = () => {
        const c = cfg.guiCredentials;
        if (c === null) return "";
        const jq = exe(pkgs.jq!);
        const gui = addr("/rest/config/gui");
        const vars = nixToString(libCall(lib, "toShellVars", { username: c.username, passwordFile: c.passwordFile }));
        return (
          `${vars}\n` +
          'password="$(<"$passwordFile")"\n\n' +
          `credential_eval="$(curl -X GET ${gui} | ${jq} -r '@sh "current_username=\\(.user) current_password=\\(.password)"')"\n` +
          'eval "$credential_eval"\n\n' +
          'if [[ "$current_username" != "$username" ]]; then\n' +
          `    ${jq} -n --arg username "$username" '{user: $username}' | curl --json @- -X PATCH ${gui}\n` +
          "fi\n\n" +
          "# The REST API will return the password hashed in bcrypt format.  The\n" +
          "# user might have provided a hashed password, or might have provided a\n" +
          "# cleartext one.  Only change the password if the password from the\n" +
          "# user's configuration neither matches the hashed password from the API,\n" +
          "# nor hashes to that password.\n" +
          `if [[ -z "$current_password" ]] || { [[ "$current_password" != "$password" ]] && ! printf '%s' "$password" | ${exe(pkgs.mkpasswd!)} --stdin --salt "$current_password" &>/dev/null; }; then\n` +
          `    ${jq} -n --arg password "$password" '{password: $password}' | curl --json @- -X PATCH ${gui}\n` +
          "fi\n\n"
        );
      };

      const devicesList = (): Obj[] =>
        Object.values(settings().devices as Readonly<Record<string, Obj>>).map((d) => ({ ...d, deviceID: d.id! }));
      const foldersList = (): Obj[] => {
        const devs = settings().devices as Readonly<Record<string, Obj>>;
        const folders = settings().folders as Readonly<Record<string, Obj>>;
        return Object.values(folders)
          .filter((f) => f.enable === true)
          .map((f) => ({
            ...f,
            devices: (f.devices as readonly JsValue[]).map((d) => {
              if (typeof d === "string") return { deviceId: devs[d]!.id! };
              if (isObj(d)) return { deviceId: devs[d.name as string]!.id!, ...d };
              throw new Error(`Invalid type for devices in folder '${String(f.label)}'; expected list or attrset.`);
            }),
          }));
      };

      /** `builtins.hashString "sha256"`. */
      const hashString = (s: string) => createHash("sha256").update(s).digest("hex");

      const injectSecrets = (kind: "devs" | "dirs", item: Obj) => {
        const jq = exe(pkgs.jq!);
        if (kind === "devs") return `${jq} .`;
        const secrets = (item.devices as readonly JsValue[])
          .filter((d): d is Obj => isObj(d) && "encryptionPasswordFile" in d && d.encryptionPasswordFile !== null)
          .map((d) => ({
            deviceId: d.deviceId as string,
            variableName: `secret_${hashString(d.encryptionPasswordFile as string)}`,
            secretPath: d.encryptionPasswordFile as string,
          }));
        const updates = secrets.map(
          (d) =>
            ".devices[] |= (\n" +
            `  if .deviceId == "${d.deviceId}" then\n` +
            "    del(.encryptionPasswordFile) |\n" +
            `    .encryptionPassword = $${d.variableName}\n` +
            "  else\n" +
            "    .\n" +
            "  end\n" +
            ")\n",
        );
        const rawFiles = secrets.map((d) => `--rawfile ${d.variableName} ${escapeShellArg(d.secretPath)}`);
        return `${jq} ${rawFiles.join(" ")} ${escapeShellArg([".", ...updates].join("|"))}`;
      };

      const kindPart = (
        kind: "devs" | "dirs",
        s: { ids: readonly string[]; idAttr: string; override: boolean; conf: readonly Obj[]; base: string; ignore?: string },
      ) => {
        const items = s.conf.map((item) => {
          const rest: Record<string, JsValue> = { ...item };
          delete rest.ignorePatterns;
          const file = nixToString(
            callNix(pkgs.writeTextFile, { name: `${kind}-${String(item.id)}-conf-pre-secrets.json`, text: toJSON(rest) }),
          );
          let text = `${injectSecrets(kind, item)} ${file} | curl --json @- -X POST ${s.base}\n`;
          if (kind === "dirs" && item.ignorePatterns !== null && item.ignorePatterns !== undefined) {
            const body = escapeShellArg(toJSON({ ignore: item.ignorePatterns }));
            const id = nixToString(libCall(lib, "strings.escapeURL", item.id));
            text += `curl -d ${body} -X POST ${s.ignore!}?folder=${id}\n`;
          }
          return text;
        });
        const override = s.override
          ? `stale_${kind}_ids="$(curl -X GET ${s.base} | ${exe(pkgs.jq!)} \\\n` +
            `  --argjson new_ids ${escapeShellArg(toJSON(s.ids))} \\\n` +
            "  --raw-output \\\n" +
            `  '[.[].${s.idAttr}] - $new_ids | .[]'\n` +
            ')"\n' +
            `for id in \${stale_${kind}_ids}; do\n` +
            `  curl -X DELETE ${s.base}/$id\n` +
            "done\n"
          : "";
        return items.join("\n") + override;
      };

      const devicesFoldersPart = () => {
        if (Object.keys(cleaned()).length === 0) return "";
        const devices = devicesList();
        const folders = foldersList();
        return [
          kindPart("devs", {
            ids: devices.map((d) => d.id as string),
            idAttr: "deviceID",
            override: cfg.overrideDevices,
            conf: devices,
            base: addr("/rest/config/devices"),
          }),
          kindPart("dirs", {
            ids: folders.map((f) => f.id as string),
            idAttr: "id",
            override: cfg.overrideFolders,
            conf: folders,
            base: addr("/rest/config/folders"),
            ignore: addr("/rest/db/ignores"),
          }),
        ].join("\n");
      };

      const otherSettingsPart = () => {
        const c = cleaned();
        return Object.keys(c)
          .sort()
          .filter((k) => k !== "folders" && k !== "devices")
          .map((k) => `curl -X PUT -d ${escapeShellArg(toJSON(c[k]!))} ${addr(`/rest/config/${k}`)}\n`)
          .join("\n");
      };

      const updateConfig = () =>
        writeBash(
          "merge-syncthing-config",
          "set -efu\n\n" +
            "# be careful not to leak secrets in the filesystem or in process listings\n" +
            "umask 0077\n\n" +
            `${curlFunction()}\n` +
            credentialsPart() +
            devicesFoldersPart() +
            otherSettingsPart() +
            (customGui() ? `curl -X PATCH -d '{"address": "'${cfg.guiAddress}'"}' ${addr("/rest/config/gui")}\n` : "") +
            "# restart Syncthing if required\n" +
            `if curl ${addr("/rest/config/restart-required")} |\n` +
            `   ${exe(pkgs.jq!)} -e .requiresRestart > /dev/null; then\n` +
            `    curl -X POST ${addr("/rest/system/restart")}\n` +
            "fi\n",
        );

      const logs = (name: string) => `${config.str("home.homeDirectory")}/Library/Logs/Syncthing/${name}`;

      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [libCall(lib, "getOutput", "man", cfg.package)],
          "systemd.user.services.syncthing": () => ({
            Unit: {
              Description: "Syncthing - Open Source Continuous File Synchronization",
              Documentation: "man:syncthing(1)",
              After: ["network.target"],
              StartLimitIntervalSec: 60,
              StartLimitBurst: 4,
            },
            Service: {
              ...(cfg.cert !== null || cfg.key !== null ? { ExecStartPre: `+${copyKeys()}` } : {}),
              ExecStart: argsText(),
              Restart: "on-failure",
              SuccessExitStatus: [3, 4],
              RestartForceExitStatus: [3, 4],
              ...(cfg.allProxy !== null ? { Environment: `all_proxy=${cfg.allProxy}` } : {}),
              LockPersonality: true,
              MemoryDenyWriteExecute: true,
              NoNewPrivileges: true,
              PrivateUsers: true,
              RestrictNamespaces: true,
              SystemCallArchitectures: "native",
              SystemCallFilter: "@system-service",
            },
            Install: { WantedBy: ["default.target"] },
          }),
          "systemd.user.services.syncthing-init": () =>
            mkIf(doUpdate(), {
              Unit: {
                Description: "Syncthing configuration updater",
                Requires: ["syncthing.service"],
                After: ["syncthing.service"],
              },
              Service: { Type: "oneshot", ExecStart: updateConfig(), RuntimeDirectory: "syncthing-init", RemainAfterExit: true },
              Install: { WantedBy: ["default.target"] },
            }),
          "launchd.agents.syncthing": () => ({
            enable: true,
            config: {
              ProgramArguments: [
                writeBash(
                  "syncthing-wrapper",
                  `${copyKeys()}    # simulate systemd's \`syncthing-init.Service.ExecStartPre\`\nexec ${argsText()}\n`,
                ),
              ],
              KeepAlive: { Crashed: true, SuccessfulExit: false },
              ProcessType: "Background",
              StandardOutPath: logs("syncthing-stdout.log"),
              StandardErrorPath: logs("syncthing-stderr.log"),
            },
          }),
          "launchd.agents.syncthing-init": () => ({
            enable: doUpdate(),
            config: {
              ProgramArguments: [updateConfig()],
              ProcessType: "Background",
              RunAtLoad: true,
              StandardOutPath: logs("syncthing-init-stdout.log"),
              StandardErrorPath: logs("syncthing-init-stderr.log"),
            },
          }),
        }),
        mkIf(() => cfg.tray.enable, {
          assertions: () => [
            libCall(lib, "hm.assertions.assertPlatform", "services.syncthing.tray", pkgs, libCall(lib, "platforms.linux")),
          ],
          "home.packages": () => [cfg.tray.package],
          "systemd.user.services": () => {
            const pname = (cfg.tray.package as AttrsView).pname as string;
            return {
              [pname]: {
                Unit: {
                  Description: pname,
                  Requires: ["tray.target"],
                  After: ["graphical-session.target", "tray.target"],
                  PartOf: ["graphical-session.target"],
                },
                Service: { ExecStart: `${nixToString(cfg.tray.package)}/bin/${cfg.tray.command}` },
                Install: { WantedBy: ["graphical-session.target"] },
              },
            };
          },
        }),
      ]);
    },
  });
}

/** The module, with the removed `passwordFile` option. */
export const syncthingModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(
      a.lib,
      "mkRemovedOptionModule",
      ["services", "syncthing", "passwordFile"],
      "Instead, configure services.syncthing.guiCredentials.",
    ),
  ),
  makeSyncthing(a).value,
]);
