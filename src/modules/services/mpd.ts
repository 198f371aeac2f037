/**
 * `services.mpd`: the Music Player Daemon as a systemd user service (and a
 * launchd agent on macOS), as Home Manager runs it. `mpd.conf` is generated
 * from the directories and network settings (`generatedConfig`, also
 * readable by users) and written to the store with `pkgs.writeText`; the
 * service starts `mpd --no-daemon <conf> <extraArgs>` after creating the
 * data and playlist directories. With `network.startWhenNeeded` an
 * `mpd.socket` listens instead and the service is started on demand. The
 * music directory has no default from state version 22.11 on, except the
 * XDG music directory when `xdg.userDirs` is enabled; before 22.11 it is
 * `~/music`. `MPD_HOST`/`MPD_PORT` are exported unless turned off.
 */
import {
  defineModule,
  mkIf,
  mkMerge,
  mkOptionDefault,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString, versionAtLeast } from "../module-kit.js";

const FILE = "modules/services/mpd.ts";

/** What the generated `mpd.conf` is made of. */
export interface MpdConfInput {
  readonly musicDirectory: string;
  readonly playlistDirectory: string;
  readonly dbFile: string | null;
  readonly dataDir: string;
  readonly listenAddress: string;
  readonly port: number;
  readonly extraConfig: string;
  /** Set on macOS, where mpd logs to `~/Library/Logs/mpd/log.txt`. */
  readonly darwinLogFile?: string;
}

/** The text of `mpd.conf`: directories, state files, then the network lines that differ from mpd's defaults. */
export function mpdConfText(c: MpdConfInput): string {
  const line = (key: string, value: string) => `${key.padEnd(20)}"${value}"\n`;
  let s = line("music_directory", c.musicDirectory) + line("playlist_directory", c.playlistDirectory);
  if (c.dbFile !== null) s += line("db_file", c.dbFile);
  if (c.darwinLogFile !== undefined) s += line("log_file", c.darwinLogFile);
  s += line("state_file", `${c.dataDir}/state`) + line("sticker_file", `${c.dataDir}/sticker.sql`) + "\n";
  if (c.listenAddress !== "any") s += line("bind_to_address", c.listenAddress);
  if (c.port !== 6600) s += line("port", String(c.port));
  if (c.extraConfig !== "") s += `${c.extraConfig}\n`;
  return s;
}

/** Nix's `toString` of a path or string option value, so paths are not copied to the store. */
const asText = (v: JsValue): string => nixToString(v);

type Config = { home: { stateVersion: string; homeDirectory: string }; xdg: { dataHome: string } };

export const mpdModule = defineModule({
  file: FILE,
  path: "services.mpd",
  options: {
    enable: option({ type: t.bool, default: false, description: "Whether to run MPD, the music player daemon." }),
    package: mkPackageOption("mpd"),
    enableSessionVariables: option({
      type: t.bool,
      default: true,
      description: "Whether to export `MPD_HOST` and `MPD_PORT` to the session, taken from `services.mpd.network`.",
    }),
    musicDirectory: option({
      type: t.either(t.path, t.str),
      defaultText:
        "${home.homeDirectory}/music    if state version < 22.11\n" +
        "${xdg.userDirs.music}          if xdg.userDirs.enable == true\n" +
        "undefined                      otherwise\n",
      apply: asText,
      description:
        "Where mpd finds the music. With `xdg.userDirs.enable` the XDG music directory is the default; " +
        "otherwise (from state version 22.11) it must be given.",
    }),
    playlistDirectory: option({
      type: t.path,
      default: (a) => `${(a.arg("config") as { services: { mpd: { dataDir: string } } }).services.mpd.dataDir}/playlists`,
      defaultText: "${dataDir}/playlists",
      apply: asText,
      description: "Where mpd keeps saved playlists.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description:
        "Directives appended to the generated `mpd.conf`, after the directories and network settings this module " +
        "writes itself. See mpd.conf(5) for what is available.",
    }),
    extraArgs: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--verbose"],
      description: "More command-line arguments for the mpd process.",
    }),
    dataDir: option({
      type: t.path,
      default: (a) => `${(a.arg("config") as Config).xdg.dataHome}/mpd`,
      defaultText: "$XDG_DATA_HOME/mpd",
      apply: asText,
      description: "Where mpd keeps its state: the tag cache, the state and sticker files, playlists.",
    }),
    network: {
      startWhenNeeded: option({
        type: t.bool,
        default: false,
        description: "Whether systemd listens on mpd's sockets and starts the daemon on the first connection (Linux only).",
      }),
      listenAddress: option({
        type: t.str,
        default: "127.0.0.1",
        example: "any",
        description: "The address mpd binds to; `any` listens on every address.",
      }),
      port: option({ type: t.port, default: 6600, description: "The TCP port mpd listens on." }),
    },
    generatedConfig: option({
      type: t.str,
      readOnly: true,
      description:
        "The `mpd.conf` this module generates, for use elsewhere (for instance " +
        '`xdg.configFile."mpd/mpd.conf".text = config.services.mpd.generatedConfig;`).',
    }),
    dbFile: option({
      type: t.nullOr(t.str),
      default: (a) => `${(a.arg("config") as { services: { mpd: { dataDir: string } } }).services.mpd.dataDir}/tag_cache`,
      defaultText: "${dataDir}/tag_cache",
      description: "The path of mpd's music database; null leaves `db_file` out of the configuration.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const darwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    const net = cfg.network;
    const conf = () =>
      mpdConfText({
        musicDirectory: cfg.musicDirectory,
        playlistDirectory: cfg.playlistDirectory,
        dbFile: cfg.dbFile,
        dataDir: cfg.dataDir,
        listenAddress: net.listenAddress,
        port: net.port,
        extraConfig: cfg.extraConfig,
        ...(darwin() ? { darwinLogFile: `${config.str("home.homeDirectory")}/Library/Logs/mpd/log.txt` } : {}),
      });
    const confFile = () => nixToString(callFn(pkgs.writeText, "mpd.conf", conf()));
    const stateVersion = () => config.str("home.stateVersion");
    return mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "home.sessionVariables": () => {
        const vars: Record<string, string> = { MPD_PORT: String(net.port) };
        if (net.listenAddress !== "any") vars.MPD_HOST = net.listenAddress;
        return mkIf(cfg.enableSessionVariables, vars);
      },
      "services.mpd.musicDirectory": () => {
        if (!versionAtLeast(stateVersion(), "22.11")) return mkOptionDefault(`${config.str("home.homeDirectory")}/music`);
        return config.bool("xdg.userDirs.enable") ? mkOptionDefault(config.get("xdg.userDirs.music")) : mkMerge([]);
      },
      "services.mpd.generatedConfig": () => conf(),
      "systemd.user.services.mpd": () => ({
        Unit: {
          Description: "Music Player Daemon",
          After: ["network.target", "sound.target", ...(net.startWhenNeeded ? ["mpd.socket"] : [])],
          ...(net.startWhenNeeded ? { Requires: ["mpd.socket"] } : {}),
        },
        ...(net.startWhenNeeded ? {} : { Install: { WantedBy: ["default.target"] } }),
        Service: {
          Environment: [`PATH=${config.str("home.profileDirectory")}/bin`],
          ExecStart: `${nixToString(cfg.package)}/bin/mpd --no-daemon ${confFile()} ${cfg.extraArgs.map(escapeShellArg).join(" ")}`,
          Type: "notify",
          ExecStartPre:
            `${nixToString(pkgs.bash!)}/bin/bash -c "${nixToString(pkgs.coreutils!)}/bin/mkdir -p ` +
            `'${cfg.dataDir}' '${cfg.playlistDirectory}'"`,
        },
      }),
      "systemd.user.sockets": () =>
        mkIf(net.startWhenNeeded, {
          mpd: {
            Socket: {
              ListenStream: [net.listenAddress === "any" ? String(net.port) : `${net.listenAddress}:${net.port}`, "%t/mpd/socket"],
              Backlog: 5,
              KeepAlive: true,
            },
            Install: { WantedBy: ["sockets.target"] },
          },
        }),
      "launchd.agents.mpd": () => ({
        enable: true,
        config: {
          ProgramArguments: [libCall(lib, "getExe", cfg.package), "--no-daemon", confFile(), ...cfg.extraArgs],
          KeepAlive: true,
          ProcessType: "Interactive",
        },
      }),
    });
  },
});
