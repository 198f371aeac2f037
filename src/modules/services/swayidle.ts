/**
 * `services.swayidle`: the swayidle idle manager for Wayland as a systemd
 * user service (Linux only). The service runs
 * `<getExe package> <extraArgs> timeout <s> <cmd> [resume <cmd>] … <event> <cmd> …`
 * (shell-escaped), with `bash` on `PATH`, bound to `systemdTargets` (by
 * default `wayland.systemd.target`, or `graphical-session.target` while no
 * module declares that option). `events` is a set of event → command; the
 * older list of `{ event; command; }` is still accepted (coerced) with a
 * deprecation warning, and the old `systemdTarget` becomes `systemdTargets`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { submoduleOf } from "../../module-system/ts-module.js";
import { escapeShellArg, libCall, nixToString, perEvaluation, ty, waylandSystemdTarget } from "../module-kit.js";

const FILE = "modules/services/swayidle.ts";

/** What `wayland.systemd.target` defaults to, used while no module declares that option. */

const EVENTS = ["before-sleep", "after-resume", "lock", "unlock"] as const;

export interface SwayidleTimeout {
  readonly timeout: number;
  readonly command: string;
  readonly resumeCommand: string | null;
}

/** The arguments after the executable: extra arguments, timeouts, then events with a command (by name). */
export function swayidleArgs(
  extraArgs: readonly string[],
  timeouts: readonly SwayidleTimeout[],
  events: Readonly<Record<string, string | null>>,
): string[] {
  const args = [...extraArgs];
  for (const to of timeouts) {
    args.push("timeout", String(to.timeout), to.command);
    if (to.resumeCommand !== null) args.push("resume", to.resumeCommand);
  }
  const names = Object.keys(events).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const e of names) {
    const cmd = events[e];
    if (cmd !== null && cmd !== undefined) args.push(e, cmd);
  }
  return args;
}

const positive = new TsType<number>((ms) => ms.types.ints.positive!);

const timeoutType = submoduleOf(
  {
    timeout: option({ type: positive, example: 60, description: "Seconds of inactivity before `command` runs." }),
    command: option({ type: t.str, description: "What to run once the timeout has passed." }),
    resumeCommand: option({
      type: t.nullOr(t.str),
      default: null,
      description: "What to run when activity resumes after the timeout (nothing when null).",
    }),
  },
  FILE,
);

const eventsSubmodule = submoduleOf(
  Object.fromEntries(
    EVENTS.map((e) => [
      e,
      option({
        type: t.nullOr(t.str),
        default: null,
        description: {
          "before-sleep": "What to run before the system sleeps.",
          "after-resume": "What to run after the system wakes up.",
          lock: "What to run when logind locks the session.",
          unlock: "What to run when logind unlocks the session.",
        }[e],
      }),
    ]),
  ),
  FILE,
);

/** The deprecated list form `[ { event; command; } ]` as a set keyed by event. */
function eventsFromList(list: readonly AttrsView[]): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const e of list) out[String(e.event)] = e.command!;
  return out;
}

const swayidleCore = defineModule({
  file: FILE,
  path: "services.swayidle",
  options: {
    enable: mkEnableOption("idle manager for Wayland"),
    package: mkPackageOption("swayidle"),
    timeouts: option({
      type: t.listOf(timeoutType),
      default: [],
      example: [
        { timeout: 60, command: "${pkgs.swaylock}/bin/swaylock -fF" },
        { timeout: 90, command: "${pkgs.systemd}/bin/systemctl suspend" },
      ],
      description: "Commands swayidle runs after periods of inactivity.",
    }),
    events: option({
      type: ty.coercedTo(t.listOf(t.attrs), (l: readonly AttrsView[]) => eventsFromList(l), eventsSubmodule),
      default: {},
      example: { "before-sleep": "${pkgs.swaylock}/bin/swaylock -fF", lock: "lock" },
      description: "Commands swayidle runs on events, by event name.",
    }),
    extraArgs: option({
      type: t.listOf(t.str),
      default: ["-w"],
      description: "Arguments given to swayidle before the timeouts and events.",
    }),
    systemdTargets: option({
      type: t.listOf(t.str),
      default: (d) => [waylandSystemdTarget(d)],
      defaultText: "[ config.wayland.systemd.target ]",
      example: ["sway-session.target"],
      description: "The systemd targets the swayidle service is started with and bound to.",
    }),
  },
  config: ({ cfg, pkgs, lib, arg }) => {
    const legacyList = () => {
      const opts = arg("options") as { services: { swayidle: { events: { definitions: readonly JsValue[] } } } };
      return opts.services.swayidle.events.definitions.some((d) => Array.isArray(d));
    };
    const targets = () => cfg.systemdTargets as readonly string[];
    return mkIf(() => cfg.enable, {
      warnings: () =>
        legacyList()
          ? [
              libCall(lib, "hm.deprecations.mkDeprecatedOptionValueWarning", {
                option: ["services", "swayidle", "events"],
                old: "a list",
                replacement: "an attribute set keyed by event name",
                details: "Use event names as attribute keys and commands as values.\n",
              }),
            ]
          : [],
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "services.swayidle", pkgs, libCall(lib, "platforms.linux"))],
      "home.packages": () => [cfg.package],
      "systemd.user.services.swayidle": () => {
        const args = swayidleArgs(
          cfg.extraArgs as readonly string[],
          cfg.timeouts as readonly SwayidleTimeout[],
          cfg.events as unknown as Readonly<Record<string, string | null>>,
        );
        return {
          Unit: {
            Description: "Idle manager for Wayland",
            Documentation: "man:swayidle(1)",
            ConditionEnvironment: "WAYLAND_DISPLAY",
            PartOf: targets(),
            After: targets(),
          },
          Service: {
            Type: "simple",
            Restart: "always",
            // swayidle runs its commands with `sh -c`: a shell must be on PATH.
            Environment: [`PATH=${nixToString(libCall(lib, "makeBinPath", [pkgs.bash!]))}`],
            ExecStart: `${nixToString(libCall(lib, "getExe", cfg.package))} ${args.map(escapeShellArg).join(" ")}`,
          },
          Install: { WantedBy: targets() },
        };
      },
    });
  },
});

/** The module, with the old single `systemdTarget` changed into the list `systemdTargets`. */
export const swayidleModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(
      a.lib,
      "mkChangedOptionModule",
      ["services", "swayidle", "systemdTarget"],
      ["services", "swayidle", "systemdTargets"],
      (c: JsValue) => libCall(a.lib, "toList", libCall(a.lib, "getAttrFromPath", ["services", "swayidle", "systemdTarget"], c)),
    ),
  ),
  swayidleCore.value,
]);
