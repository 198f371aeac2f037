/**
 * `home-manager`: the user's command, as a function of its arguments and
 * streams (it never exits the process). Arguments are parsed as Home Manager
 * parses them (`hm-args.ts`); `build`, `switch` (with `--rollback`),
 * `generations`, `remove-generations`, `expire-generations`, `packages`,
 * `help` and `--version` are implemented here and in the modules beside this
 * one; the configuration is evaluated by the evaluator registered in
 * `config-evaluator.ts`; `init`, `edit`, `option`, `instantiate`, `news`,
 * `uninstall` and `repl` live in their own `hm-<command>.ts` modules.
 */
import { helpText, parseArgs } from "./hm-args.js";
import { HmContext, type HmIO } from "./hm-context.js";
import { doExpireGenerations, doListGenerations, doListPackages, doRemoveGenerations } from "./hm-generations.js";
import { CommandExit, doBuild, doSwitch } from "./hm-switch.js";
import { doEdit } from "./hm-edit.js";
import { doInit } from "./hm-init.js";
import { doInstantiate } from "./hm-instantiate.js";
import { doNews } from "./hm-news.js";
import { doOption } from "./hm-option.js";
import { doRepl } from "./hm-repl.js";
import { doUninstall } from "./hm-uninstall.js";
import { StateEnvError } from "../store/state-paths.js";

export const VERSION = "25.11-ts.0.1.0";

/** `$0` in Home Manager's messages. */
const PROG = "home-manager";

const ERROR_COLOR = "\x1b[1m\x1b[31m";
const RESET = "\x1b(B\x1b[m";

function dispatch(ctx: HmContext): number {
  const { command, commandArgs } = ctx.args;
  switch (command) {
    case "build":
      return doBuild(ctx);
    case "switch":
      return doSwitch(ctx);
    case "generations":
      return doListGenerations(ctx);
    case "remove-generations":
      return doRemoveGenerations(ctx, commandArgs);
    case "expire-generations":
      if (commandArgs.length !== 1) {
        ctx.err(`expire-generations expects one argument, got ${commandArgs.length}.`);
        return 1;
      }
      return doExpireGenerations(ctx, commandArgs[0]!);
    case "packages":
      return doListPackages(ctx);
    case "help":
      ctx.io.stdout(helpText(PROG));
      return 0;
    case "edit":
      return doEdit(ctx);
    case "init":
      return doInit(ctx);
    case "instantiate":
      return doInstantiate(ctx);
    case "option":
      return doOption(ctx);
    case "news":
      return doNews(ctx);
    case "repl":
      return doRepl(ctx);
    case "uninstall":
      return doUninstall(ctx);
    default:
      ctx.error(`Unknown command: ${command}`);
      ctx.io.stderr(helpText(PROG));
      return 1;
  }
}

/** Run `home-manager` with these arguments; returns the exit status. */
export function cli(argv: string[], io: HmIO): number {
  const parsed = parseArgs(argv, PROG);
  const color = io.isTTY && io.env.NO_COLOR === undefined;
  switch (parsed.kind) {
    case "help":
      io.stdout(helpText(PROG));
      return 0;
    case "version":
      io.stdout(`${VERSION}\n`);
      return 0;
    case "error":
      for (const l of parsed.lines) io.stderr((l.error && color ? ERROR_COLOR + l.text + RESET : l.text) + "\n");
      return 1;
  }
  if (parsed.args.command === "") {
    io.stderr(helpText(PROG));
    return 1;
  }
  const ctx = new HmContext(io, parsed.args, PROG);
  try {
    return dispatch(ctx);
  } catch (e) {
    if (e instanceof CommandExit) return e.code;
    if (e instanceof StateEnvError) {
      ctx.err(`${PROG}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
