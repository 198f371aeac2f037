/**
 * The type of `launchd.agents.<name>.config`: a launchd job as
 * launchd.plist(5) describes it. The keys most configurations use are typed
 * (so a wrong value is reported against the option, and lists and sets merge
 * as lists and sets do); any other key is accepted as it is (a freeform set)
 * and written to the property list unchanged. Every typed key but `Label`
 * defaults to null, and nulls are left out of the property list.
 */
import { defineModule, option, t, TsType, type JsValue } from "../module-system/index.js";
import { ty } from "./module-kit.js";

const FILE = "modules/launchd.ts";

const between = (lo: number, hi: number) => new TsType<number>((ms) => ms.types.intsBetween(BigInt(lo), BigInt(hi)));

const calendarEntry = defineModule({
  file: FILE,
  key: `${FILE}#calendar-interval`,
  options: {
    Minute: option({ type: t.nullOr(between(0, 59)), default: null, defaultText: "*", description: "The minute the job runs at." }),
    Hour: option({ type: t.nullOr(between(0, 23)), default: null, defaultText: "*", description: "The hour the job runs at." }),
    Day: option({ type: t.nullOr(between(1, 31)), default: null, defaultText: "*", description: "The day of the month the job runs on." }),
    Weekday: option({
      type: t.nullOr(between(0, 7)),
      default: null,
      defaultText: "*",
      description: "The day of the week the job runs on (0 and 7 are Sunday).",
    }),
    Month: option({ type: t.nullOr(between(1, 12)), default: null, defaultText: "*", description: "The month the job runs in." }),
  },
});

const calendarEntryType = ty.submodule<JsValue>(calendarEntry);

/** One calendar interval, or a non-empty list of them. */
export const startCalendarIntervalType = t.either(
  calendarEntryType,
  new TsType<readonly JsValue[]>((ms) => ms.types.nonEmptyListOf(calendarEntryType.build(ms))),
);

const keepAlive = defineModule({
  file: FILE,
  key: `${FILE}#keep-alive`,
  options: {
    SuccessfulExit: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Restart the job after it exits with status 0 (true), or only after it fails (false).",
    }),
    NetworkState: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Keep the job alive while the network is up (true) or down (false).",
    }),
    PathState: option({
      type: t.nullOr(t.attrsOf(t.bool)),
      default: null,
      description: "Paths whose existence (true) or absence (false) keeps the job alive.",
    }),
    OtherJobEnabled: option({
      type: t.nullOr(t.attrsOf(t.bool)),
      default: null,
      description: "Labels of jobs whose being loaded (true) or not (false) keeps this job alive.",
    }),
    Crashed: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Restart the job after it crashed (true), or only when it did not (false).",
    }),
    AfterInitialDemand: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Whether the other conditions apply only once the job has been started on demand.",
    }),
  },
});

const nullable = <T>(type: TsType<T>, description: string, example?: unknown) =>
  option({ type: t.nullOr(type), default: null, ...(example === undefined ? {} : { example }), description });

const strList = t.listOf(t.str);

/** The job's options; `freeformType` takes every other key. */
export const plistModule = defineModule({
  file: FILE,
  key: `${FILE}#plist`,
  options: {
    Label: option({ type: t.str, description: "The name that identifies the job to launchd; it must be unique." }),
    Disabled: nullable(t.bool, "Whether the job is left unloaded."),
    UserName: nullable(t.str, "The user the job runs as (only for jobs loaded by root)."),
    GroupName: nullable(t.str, "The group the job runs as (only for jobs loaded by root)."),
    LimitLoadToHosts: nullable(strList, "Hosts the job is loaded on."),
    LimitLoadFromHosts: nullable(strList, "Hosts the job is not loaded on."),
    LimitLoadToSessionType: nullable(
      ty.oneOf<JsValue>([t.str, strList]),
      "The session types (such as `Aqua` or `Background`) the job is loaded in.",
    ),
    Program: nullable(t.path, "The executable the job runs; the first of `ProgramArguments` when not set."),
    ProgramArguments: nullable(strList, "The command line of the job.", ["/usr/bin/say", "hello"]),
    EnableGlobbing: nullable(t.bool, "Whether `ProgramArguments` are expanded like a shell's globs."),
    EnableTransactions: nullable(t.bool, "Whether the job tracks transactions, so launchd can stop it when it has none."),
    OnDemand: nullable(t.bool, "Outdated form of `KeepAlive`."),
    KeepAlive: nullable(
      t.either(t.bool, ty.submodule<JsValue>(keepAlive)),
      "Whether launchd keeps the job running: always (true), or under the given conditions.",
    ),
    RunAtLoad: nullable(t.bool, "Whether the job starts as soon as it is loaded."),
    RootDirectory: nullable(t.str, "The directory the job is chrooted into."),
    WorkingDirectory: nullable(t.str, "The directory the job starts in."),
    EnvironmentVariables: nullable(t.attrsOf(t.str), "Environment variables of the job."),
    Umask: nullable(t.int, "The job's umask."),
    TimeOut: nullable(t.int, "Idle time, in seconds, after which the job may be stopped."),
    ExitTimeOut: nullable(t.int, "Seconds between SIGTERM and SIGKILL when the job is stopped."),
    ThrottleInterval: nullable(t.int, "The least number of seconds between two starts of the job."),
    InitGroups: nullable(t.bool, "Whether initgroups(3) is called before the job runs."),
    WatchPaths: nullable(t.listOf(t.path), "Paths whose modification starts the job."),
    QueueDirectories: nullable(strList, "Directories whose being non-empty keeps the job running."),
    StartOnMount: nullable(t.bool, "Whether the job starts whenever a file system is mounted."),
    StartInterval: nullable(t.int, "Start the job every this many seconds."),
    StartCalendarInterval: nullable(startCalendarIntervalType, "Start the job at these calendar times (unset fields match any value)."),
    StandardInPath: nullable(t.path, "The file the job reads as standard input."),
    StandardOutPath: nullable(t.path, "The file the job's standard output goes to."),
    StandardErrorPath: nullable(t.path, "The file the job's standard error goes to."),
    Debug: nullable(t.bool, "Whether launchd logs more about the job."),
    WaitForDebugger: nullable(t.bool, "Whether the job waits for a debugger to attach."),
    SoftResourceLimits: nullable(t.attrsOf(t.int), "Soft resource limits of the job (see setrlimit(2)), by name."),
    HardResourceLimits: nullable(t.attrsOf(t.int), "Hard resource limits of the job (see setrlimit(2)), by name."),
    Nice: nullable(t.int, "The job's scheduling priority."),
    ProcessType: nullable(
      t.enum(["Background", "Standard", "Adaptive", "Interactive"] as const),
      "What the job is, for the resource limits macOS applies.",
      "Background",
    ),
    AbandonProcessGroup: nullable(t.bool, "Whether the job's child processes survive it."),
    LowPriorityIO: nullable(t.bool, "Whether the job's file system I/O has low priority."),
    LowPriorityBackgroundIO: nullable(t.bool, "Whether the job's I/O has low priority while it is in the background."),
    LaunchOnlyOnce: nullable(t.bool, "Whether the job runs only once per boot."),
    MachServices: nullable(t.attrsOf(t.either(t.bool, t.attrs)), "Mach services the job advertises."),
    LaunchEvents: nullable(t.attrs, "Events that start the job."),
    ServiceIPC: nullable(t.bool, "Outdated; ignored by launchd."),
    SessionCreate: nullable(t.bool, "Whether the job runs in a new security audit session."),
    Sockets: nullable(t.attrs, "Sockets launchd opens for the job, by name."),
    inetdCompatibility: nullable(t.attrs, "Run the job as inetd would (`{ Wait = true; }` and friends)."),
  },
});
