/**
 * `home-manager`: the user's command. For now it knows `--version` and `help`;
 * the subcommands of the manual (`build`, `switch`, `generations`, …) arrive with
 * the core issue and say so plainly until then. The command is a function of its
 * arguments and streams and never exits the process.
 */
import type { CliIO } from "./io.js";

export const VERSION = "25.11-ts.0.1.0";

const HELP = `Usage: home-manager [OPTION] COMMAND

Commands

  help         Print this help

  edit         Open the home configuration in $EDITOR
  option OPTION.NAME
               Inspect configuration option named OPTION.NAME.
  build        Build configuration into result directory
  instantiate  Instantiate the configuration and print the resulting derivation
  switch       Build and activate configuration
  generations  List all home environment generations
  remove-generations ID...
               Remove indicated generations. Use 'generations' command to find
               suitable generation numbers.
  expire-generations TIMESTAMP
               Remove generations older than TIMESTAMP where TIMESTAMP is
               interpreted as in the -d argument of the date tool.
  packages     List all packages installed in home-manager-path
  news         Show news entries in a pager
  uninstall    Remove Home Manager
`;

export function cli(argv: string[], io: CliIO): number {
  const cmd = argv.find((a) => !a.startsWith("-")) ?? (argv.includes("--version") ? "--version" : argv[0]);
  if (argv.includes("--version")) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (cmd === undefined || cmd === "help" || argv.includes("--help") || argv.includes("-h")) {
    io.stdout(HELP);
    return 0;
  }
  io.stderr(`home-manager: the '${cmd}' command is not implemented yet in this build.\n`);
  return 1;
}
