/**
 * `nix.gc`: collect the user's Nix garbage on a schedule. On Linux a
 * `nix-gc` systemd user service runs `nix-collect-garbage` (of
 * `nix.package` when the Nix module has one, else `pkgs.nix`) with
 * `nix.gc.options`, started by a `nix-gc` timer on `nix.gc.dates`; on macOS
 * a launchd agent runs it at the one calendar interval given. The old `nix.gc.frequency` (one string) is turned
 * into `nix.gc.dates`.
 */
import { defineModule, mkIf, option, t, toNix, TsType, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callFn, libCall, nixToString, perEvaluation } from "../module-kit.js";

const FILE = "modules/services/nix-gc.ts";

const singleLineStr = new TsType<string>((ms) => ms.types.singleLineStr);

const gc = defineModule({
  file: FILE,
  key: `${FILE}#module`,
  path: "nix.gc",
  options: {
    automatic: option({
      type: t.bool,
      default: false,
      description: "Whether to run the Nix garbage collector on a schedule. Only the user's own profiles are collected.",
    }),
    dates: option({
      type: t.either(singleLineStr, t.listOf(t.str)),
      apply: (v: string | readonly string[]) => (typeof v === "string" ? [v] : v),
      default: "weekly",
      example: "03:15",
      description:
        "When to collect: calendar events in the format of systemd.time(7) on Linux; on macOS a single " +
        "interval that launchd understands.",
    }),
    randomizedDelaySec: option({
      type: singleLineStr,
      default: "0",
      example: "45min",
      description: "A random delay, up to this time span (systemd.time(7) format), before each collection.",
    }),
    options: option({
      type: t.nullOr(t.str),
      default: null,
      example: "--max-freed $((64 * 1024**3))",
      description: "Arguments given to `nix-collect-garbage` on scheduled runs.",
    }),
    persistent: option({
      type: t.bool,
      default: true,
      example: false,
      description:
        "Whether a collection missed while the timer was inactive (the machine was off, say) runs as soon as it is active again.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const nixPackage = (): JsValue => {
      const pkg = config.bool("nix.enable") ? config.get("nix.package") : null;
      return pkg ?? (pkgs.nix as AttrsView);
    };
    const dates = () => cfg.dates as unknown as readonly string[];
    const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    // On Darwin, a launchd agent instead of the systemd units (HM defines both, each under its platform).
    const darwinAgent = {
      "launchd.agents.nix-gc": () =>
        mkIf(isDarwin(), {
          enable: true,
          config: {
            ProgramArguments: [`${nixToString(nixPackage())}/bin/nix-collect-garbage`, ...(cfg.options !== null ? [cfg.options] : [])],
            StartCalendarInterval: libCall(lib, "hm.darwin.mkCalendarInterval", dates()[0]),
          },
        }),
    };
    return mkIf(() => cfg.automatic, {
      "systemd.user.services.nix-gc": () => ({
        Unit: { Description: "Nix Garbage Collector" },
        Service: {
          Type: "oneshot",
          ExecStart: callFn(
            pkgs.writeShellScript,
            "nix-gc",
            `exec ${nixToString(nixPackage())}/bin/nix-collect-garbage ${cfg.options ?? ""}`,
          ),
        },
      }),
      "systemd.user.timers.nix-gc": () => ({
        Unit: { Description: "Nix Garbage Collector" },
        Timer: { OnCalendar: dates(), RandomizedDelaySec: cfg.randomizedDelaySec, Persistent: cfg.persistent, Unit: "nix-gc.service" },
        Install: { WantedBy: ["timers.target"] },
      }),
      assertions: () => [
        { assertion: !isDarwin() || dates().length === 1, message: "On Darwin, `nix.gc.dates` must contain a single element." },
        libCall(lib, "hm.darwin.assertInterval", "nix.gc.dates.*", dates()[0], pkgs),
      ],
      ...darwinAgent,
    });
  },
});

export const nixGcModule = perEvaluation(FILE, (a) => [
  toNix(
    libCall(a.lib, "mkChangedOptionModule", ["nix", "gc", "frequency"], ["nix", "gc", "dates"], (c: AttrsView) => [
      ((c.nix as AttrsView).gc as AttrsView).frequency!,
    ]),
  ),
  gc.value,
]);
