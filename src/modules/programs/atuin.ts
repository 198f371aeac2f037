/**
 * `programs.atuin`: the Atuin shell-history database. Installs `package`;
 * writes `settings` as TOML to `$XDG_CONFIG_HOME/atuin/config.toml` (when
 * there are any; `force`d on request) and each theme to
 * `atuin/themes/<name>.toml` (text as it is, a path linked, a set as TOML);
 * runs `atuin init <shell>` with the shell-quoted `flags` from Bash (only
 * with line editing, after bash-preexec), Zsh (only with ZLE), fish and
 * Nushell (both sourcing a file made at build time; Nushell's at order 2000,
 * after fzf's, so Atuin keeps Ctrl-R). With `home.preferXdgDirectories`, logs
 * default to `$XDG_STATE_HOME/atuin/logs`. `daemon.enable` adds a systemd
 * socket-activated service (or a launchd agent) and the matching settings.
 */
import {
  defineModule,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  mkPackageOption,
  option,
  t,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixAttrs, NixPath, NixString } from "../../nix/values.js";
import { callNix, escapeShellArg, isEmpty, libCall, nixToString, perEvaluation, rawAttr, ty, type EvalArgs } from "../module-kit.js";
import { formatType } from "../accounts/email-programs/kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/atuin.ts";

/** The `init` lines Bash and Zsh run (`exe` is atuin's program, `flags` already shell-quoted). */
export function atuinInit(shell: "bash" | "zsh", exe: string, flags: string, preexec: string): string {
  return shell === "bash"
    ? `if [[ :$SHELLOPTS: =~ :(vi|emacs): ]]; then\n  source "${preexec}/share/bash/bash-preexec.sh"\n` +
        `  eval "$(${exe} init bash ${flags})"\nfi\n`
    : `if [[ $options[zle] = on ]]; then\n  eval "$(${exe} init zsh ${flags})"\nfi\n`;
}

/** Atuin's settings type: scalars, lists of scalars or of flat tables, and tables of those two levels deep. */
function settingsType(): TsType<Readonly<Record<string, JsValue>>> {
  const prim = ty.oneOf<JsValue>([t.bool, t.int, t.str]);
  const primOrPrimAttrs = t.either(prim, t.attrsOf(prim));
  const entry = t.either(prim, t.listOf(primOrPrimAttrs));
  const entryOrAttrsOf = (inner: TsType<JsValue>) => t.either(entry, t.attrsOf(inner)) as TsType<JsValue>;
  return ty.described(t.attrsOf(entryOrAttrsOf(entryOrAttrsOf(entry as TsType<JsValue>))), "Atuin configuration");
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error"] as const;

function makeAtuin(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.atuin",
    options: {
      enable: mkEnableOption("atuin"),
      package: mkPackageOption("atuin"),
      enableBashIntegration: integrationOption("Bash", "Atuin then opens its history on `ctrl-r`."),
      enableFishIntegration: integrationOption("Fish", "Atuin then opens its history on the up-arrow key."),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh", "Atuin then opens its history on `ctrl-r` and the up-arrow key."),
      flags: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--disable-up-arrow", "--disable-ctrl-r"],
        description: "Extra arguments of `atuin init` in every shell hook.",
      }),
      settings: option({
        type: settingsType(),
        default: {},
        example: '{ auto_sync = true; sync_frequency = "5m"; sync_address = "https://api.atuin.sh"; search_mode = "prefix"; }',
        description:
          "Atuin's settings, written as TOML to `$XDG_CONFIG_HOME/atuin/config.toml` " +
          "(all of them: <https://docs.atuin.sh/latest/configuration/config/>).",
      }),
      forceOverwriteSettings: option({
        type: t.bool,
        default: false,
        description:
          "Whether Home Manager replaces an existing `$XDG_CONFIG_HOME/atuin/config.toml` (losing it). Atuin writes its " +
          "default file again after every command, so this helps when settings are first added.",
      }),
      themes: option({
        type: t.attrsOf(ty.oneOf<JsValue>([formatType(a, "toml"), t.path, t.lines])),
        default: {},
        example: '{ "my-theme" = { theme.name = "My Theme"; colors = { Base = "#000000"; Title = "#FFFFFF"; }; }; }',
        description:
          "Themes, each written to `$XDG_CONFIG_HOME/atuin/themes/<name>.toml`: a set (written as TOML), a file, " +
          "or the text itself (see <https://docs.atuin.sh/latest/guide/theming/>).",
      }),
      daemon: {
        enable: mkEnableOption("Atuin daemon"),
        logLevel: option({
          type: t.nullOr(t.enum(LOG_LEVELS)),
          default: null,
          description: "How much the Atuin daemon logs (`ATUIN_LOG`); null leaves Atuin's default.",
        }),
      },
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const exe = () => String(libCall(lib, "getExe", cfg.package));
      const flags = () => cfg.flags.map(escapeShellArg).join(" ");
      const version = () => nixToString((cfg.package as AttrsView).version ?? null);
      const daemonArgs = () => (libCall(lib, "versionAtLeast", version(), "18.13.0") === true ? ["daemon", "start"] : ["daemon"]);
      const sourced = (name: string, script: string) =>
        nixToString(callNix(pkgs.runCommand, name, { nativeBuildInputs: [pkgs.writableTmpDirAsHomeHook] }, script));
      const themeSource = (name: string): JsValue => {
        const raw = rawAttr(cfg.themes, name);
        const v = force(raw);
        if (typeof v === "string" || v instanceof NixString) return callNix(pkgs.writeText, `atuin-theme-${name}`, cfg.themes[name]);
        if (v instanceof NixPath || (v instanceof NixAttrs && libCall(lib, "isStorePath", raw) === true)) return raw as JsValue;
        return callNix(toml().generate, `atuin-theme-${name}`, cfg.themes[name]);
      };
      const themeFiles = () => {
        const files: Record<string, JsValue> = {};
        for (const name of Object.keys(cfg.themes)) files[`atuin/themes/${name}.toml`] = { source: themeSource(name) };
        return files;
      };
      const systemdUser = () => config.bool("systemd.user.enable");
      const logLevel = () => cfg.daemon.logLevel;
      return mkMerge([
        mkIf(() => cfg.enable, {
          "home.packages": () => [cfg.package],
          'xdg.configFile."atuin/config.toml"': () =>
            mkIf(!isEmpty(cfg.settings), {
              source: callNix(toml().generate, "atuin-config", cfg.settings),
              force: cfg.forceOverwriteSettings,
            }),
          "xdg.configFile": () => (isEmpty(cfg.themes) ? mkIf(false, {}) : themeFiles()),
          "programs.bash.initExtra": () =>
            mkIf(cfg.enableBashIntegration, atuinInit("bash", exe(), flags(), nixToString(pkgs["bash-preexec"]!))),
          "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, atuinInit("zsh", exe(), flags(), "")),
        }),
        // Blocks of their own, so the init files are made only when the integration is on.
        mkIf(() => cfg.enable && cfg.enableFishIntegration, {
          "programs.fish.interactiveShellInit": () =>
            `source ${sourced("atuin-fish-config.fish", `${exe()} init fish ${flags()} > "$out"\n`)}\n`,
        }),
        mkIf(() => cfg.enable && cfg.enableNushellIntegration, {
          // After fzf's integration, so that Atuin keeps Ctrl-R.
          "programs.nushell.extraConfig": () =>
            mkOrder(2000, `source ${sourced("atuin-nushell-config.nu", `${exe()} init nu ${flags()} >> "$out"\n`)}\n`),
        }),
        mkIf(() => cfg.enable && config.bool("home.preferXdgDirectories"), {
          "programs.atuin.settings.logs": () => ({ dir: mkDefault(`${config.str("xdg.stateHome")}/atuin/logs`) }),
        }),
        mkIf(() => cfg.enable && cfg.daemon.enable, {
          assertions: () => [
            {
              assertion: systemdUser() || config.bool("launchd.enable"),
              message: "The Atuin daemon can only be configured on systems with systemd or launchd.",
            },
          ],
          "programs.atuin.settings.daemon": () => ({
            enabled: true,
            systemd_socket: systemdUser(),
            socket_path: mkIf(!systemdUser(), mkDefault(`${config.str("xdg.dataHome")}/atuin/daemon.sock`)),
          }),
          "systemd.user.services.atuin-daemon": () => ({
            Unit: { Description: "Atuin daemon", Requires: ["atuin-daemon.socket"] },
            Install: { Also: ["atuin-daemon.socket"], WantedBy: ["default.target"] },
            Service: {
              ExecStart: `${exe()} ${daemonArgs().join(" ")}`,
              Environment: logLevel() === null ? [] : [`ATUIN_LOG=${logLevel()}`],
              Restart: "on-failure",
              RestartSteps: 3,
              RestartMaxDelaySec: 6,
            },
          }),
          "systemd.user.sockets.atuin-daemon": () => ({
            Unit: { Description: "Atuin daemon socket" },
            Install: { WantedBy: ["sockets.target"] },
            Socket: {
              ListenStream: `${libCall(lib, "versionAtLeast", version(), "18.4.0") === true ? "%t" : "%D/atuin"}/atuin.sock`,
              SocketMode: "0600",
              RemoveOnStop: true,
            },
          }),
          "launchd.agents.atuin-daemon": () => ({
            enable: true,
            config: {
              ProgramArguments: [exe(), ...daemonArgs()],
              EnvironmentVariables: logLevel() === null ? {} : { ATUIN_LOG: logLevel() },
              KeepAlive: { Crashed: true, SuccessfulExit: false },
              ProcessType: "Background",
            },
          }),
        }),
      ]);
    },
  });
}

/** The module (made per evaluation: the theme type is this evaluation's `pkgs.formats.toml`). */
export const atuinModule = perEvaluation(FILE, (a) => makeAtuin(a));
