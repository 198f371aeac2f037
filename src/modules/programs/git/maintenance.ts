/**
 * Scheduled `git maintenance` for `programs.git.maintenance`: the systemd
 * template service `git-maintenance@` (run with the schedule as instance,
 * sandboxed as Home Manager does) with one timer per entry of `timers`, and
 * the three launchd agents Darwin uses (hourly, daily, weekly at minute 53).
 */

const DESCRIPTION = "Optimize Git repositories data";

/** The `git-maintenance@` template service; `exe` is git's path (or bare `git`). */
export function maintenanceService(exe: string): Record<string, unknown> {
  return {
    Unit: { Description: DESCRIPTION, Documentation: ["man:git-maintenance(1)"] },
    Service: {
      Type: "oneshot",
      ExecStart: `"${exe}" for-each-repo --keep-going --config=maintenance.repo maintenance run --schedule=%i\n`,
      LockPersonality: "yes",
      MemoryDenyWriteExecute: "yes",
      NoNewPrivileges: "yes",
      RestrictAddressFamilies: "AF_UNIX AF_INET AF_INET6 AF_VSOCK",
      RestrictNamespaces: "yes",
      RestrictRealtime: "yes",
      RestrictSUIDSGID: "yes",
      SystemCallArchitectures: "native",
      SystemCallFilter: "@system-service",
    },
  };
}

/** One timer `git-maintenance@<schedule>` per entry of `timers`. */
export function maintenanceTimers(timers: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [schedule, calendar] of Object.entries(timers))
    out[`git-maintenance@${schedule}`] = {
      Unit: { Description: DESCRIPTION },
      Timer: { OnCalendar: calendar, Persistent: true },
      Install: { WantedBy: ["timers.target"] },
    };
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The launchd agents (Darwin): hourly 1–23h, daily Monday–Saturday, weekly Sunday, all at minute 53 (0h for the last two). */
export function maintenanceAgents(exe: string): Record<string, unknown> {
  const args = (schedule: string) => [
    exe,
    "for-each-repo",
    "--keep-going",
    "--config=maintenance.repo",
    "maintenance",
    "run",
    `--schedule=${schedule}`,
  ];
  const agent = (schedule: string, calendar: readonly Record<string, number>[]) => ({
    enable: true,
    config: { ProgramArguments: args(schedule), StartCalendarInterval: calendar },
  });
  return {
    "git-maintenance-hourly": agent(
      "hourly",
      range(1, 23).map((Hour) => ({ Hour, Minute: 53 })),
    ),
    "git-maintenance-daily": agent(
      "daily",
      range(1, 6).map((Weekday) => ({ Weekday, Hour: 0, Minute: 53 })),
    ),
    "git-maintenance-weekly": agent("weekly", [{ Weekday: 0, Hour: 0, Minute: 53 }]),
  };
}
