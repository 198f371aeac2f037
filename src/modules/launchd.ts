/**
 * `launchd`: the user's launchd agents on macOS (`launchd.agents.<name>`).
 * Each enabled agent becomes a property list `<Label>.plist` (labels default
 * to `org.nix-community.home.<name>`) whose command is wrapped: by default
 * `/bin/sh -c "/bin/wait4path /nix/store && exec …"`, so that launchd does
 * not start it before the Nix store is mounted, or, with
 * `waitForNixStore = false`, a launcher script named after the agent, so
 * that macOS lists the agent under its own name. Agents run in the `gui`
 * domain, or in `user` (then limited to the `Background` session by
 * default). On macOS the activation step `setupLaunchAgents` (after
 * `writeBoundary`) copies new and changed property lists into
 * `~/Library/LaunchAgents` (launchd wants files the user owns, not links)
 * and reloads them, and unloads and removes the agents of the previous
 * activation that are gone, unless their file was changed by hand. Agents
 * on another system fail an assertion naming them.
 */
import { defineModule, mkDefault, mkIf, option, t, type AttrsView, type JsValue } from "../module-system/index.js";
import { callFn, escapeShellArg, libCall, nixToString, ty } from "./module-kit.js";
import { plistModule } from "./launchd-plist.js";
import { setupLaunchAgentsScript } from "./launchd-activation.js";

const FILE = "modules/launchd.ts";

/** The prefix of default agent labels. */
export const LABEL_PREFIX = "org.nix-community.home.";

/** One agent as the configuration holds it. */
interface Agent {
  readonly enable: boolean;
  readonly domain: "gui" | "user";
  readonly waitForNixStore: boolean;
  readonly config: AttrsView;
}

const agentModule = defineModule({
  file: FILE,
  key: `${FILE}#agent`,
  options: {
    enable: option({ type: t.bool, default: false, example: true, description: "Whether to enable this agent." }),
    domain: option({
      type: t.enum(["gui", "user"] as const),
      default: "gui",
      example: "user",
      description:
        "The launchd domain the agent is loaded into: `gui` for agents that need the user's graphical " +
        "session (window managers, hotkey daemons, …), `user` for background services.",
    }),
    waitForNixStore: option({
      type: t.bool,
      default: true,
      example: false,
      description:
        "Whether the agent's command is started through `/bin/sh`, waiting until the Nix store is mounted. " +
        "When off, a launcher script named after the agent runs the command, so that System Settings shows the " +
        'agent under its own name rather than "sh"; the agent then fails if launchd starts it before the store is mounted.',
    }),
    config: option({
      type: ty.submodule<AttrsView>(plistModule, t.attrsOf(t.anything)),
      default: {},
      example: { ProgramArguments: ["/usr/bin/say", "Good afternoon"], StartCalendarInterval: [{ Hour: 12, Minute: 0 }] },
      description: "The launchd job, as launchd.plist(5) describes it.",
    }),
  },
  config: ({ cfg, arg }) => ({
    "config.Label": () => mkDefault(`${LABEL_PREFIX}${String(arg("name"))}`),
    "config.LimitLoadToSessionType": () => mkIf(cfg.domain === "user", mkDefault("Background")),
  }),
});

/** The job with its command replaced by the wrapper or the launcher. */
function wrappedJob(lib: Parameters<typeof libCall>[0], pkgs: AttrsView, name: string, agent: Agent): Record<string, JsValue> {
  const job = agent.config;
  const args = [
    ...(job.Program !== null && job.Program !== undefined ? [nixToString(job.Program)] : []),
    ...((job.ProgramArguments ?? []) as readonly string[]),
  ];
  const command = args.map(escapeShellArg).join(" ");
  const out: Record<string, JsValue> = {};
  for (const k of Object.keys(job)) if (k !== "Program" && k !== "ProgramArguments") out[k] = job[k]!;
  if (agent.waitForNixStore) out.ProgramArguments = ["/bin/sh", "-c", `/bin/wait4path /nix/store && exec ${command}`];
  else {
    const launcher = String(libCall(lib, "strings.sanitizeDerivationName", name));
    const script = callFn(pkgs.writeScriptBin, launcher, `#!/bin/sh\nexec ${command}\n`);
    out.ProgramArguments = [`${nixToString(script)}/bin/${launcher}`];
  }
  return out;
}

export const launchdModule = defineModule({
  file: FILE,
  path: "launchd",
  options: {
    enable: option({
      type: t.bool,
      default: (a) => ((a.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true,
      defaultText: "pkgs.stdenv.hostPlatform.isDarwin",
      description: "Whether Home Manager defines per-user daemons as launchd agents.",
    }),
    agents: option({ type: t.attrsOf(ty.submodule<Agent>(agentModule)), default: {}, description: "The launchd agents, by name." }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    const enabled = () => Object.keys(cfg.agents).filter((n) => cfg.agents[n]!.enable);
    const label = (n: string) => String(cfg.agents[n]!.config.Label);
    /** A directory of `<Label>.plist` and `<Label>.domain` for the enabled agents. */
    const agentsDir = () => {
      const parts = enabled().flatMap((n) => {
        const agent = cfg.agents[n]!;
        const plist = libCall(lib, "generators.toPlist", { escape: true }, wrappedJob(lib, pkgs, n, agent));
        return [
          callFn(pkgs.writeTextDir, `${label(n)}.plist`, plist),
          callFn(pkgs.writeTextDir, `${label(n)}.domain`, `${agent.domain}\n`),
        ];
      });
      return nixToString(callFn(pkgs.symlinkJoin, { name: "home-manager-agents", paths: parts }));
    };
    return {
      assertions: () => {
        const names = enabled()
          .map((n) => `${label(n)}.plist`)
          .sort();
        return [
          {
            assertion: !(cfg.enable && names.length > 0) || isDarwin(),
            message: `Must use Darwin for modules that require Launchd: ${names.join(", ")}`,
          },
        ];
      },
      // The agents' files are referred to only by the activation step; keep them alive with the generation.
      "home.extraDependencies": () => mkIf(isDarwin() && enabled().length > 0, [agentsDir()]),
      "home.activation": () =>
        mkIf(isDarwin(), {
          setupLaunchAgents: {
            data: setupLaunchAgentsScript(agentsDir(), `${config.str("home.homeDirectory")}/Library/LaunchAgents`),
            after: ["writeBoundary"],
            before: [],
          },
        }),
    };
  },
});
