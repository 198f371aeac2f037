/**
 * `home-manager(1)`: the command's manual page, in roff. Its commands and
 * flags are those `home-manager --help` lists (src/cli/hm-args.ts), kept as a
 * table here because the catalog may not import the command line layer; a
 * test compares the two lists so they cannot drift apart.
 */
import { roffEscape } from "./man-page.js";

interface Entry {
  readonly usage: string;
  readonly text: string;
}

/** The commands, in the order `--help` gives them. */
export const CLI_COMMANDS: readonly Entry[] = [
  { usage: "help", text: "Print a summary of the options and commands." },
  { usage: "edit", text: "Open the configuration file in $VISUAL or, failing that, $EDITOR." },
  {
    usage: "option [--recursive] OPTION.NAME",
    text: "Show an option: its value, type, default, description, the files declaring it and the definitions setting it. With --recursive, print every value at or below the name.",
  },
  { usage: "build", text: "Build the configuration and leave a result link to the new generation in the current directory." },
  {
    usage: "init [--switch] [DIR]",
    text: "Write a first configuration into DIR (default ~/.config/home-manager), creating the directory if needed; with --switch, activate it at once.",
  },
  { usage: "instantiate", text: "Evaluate the configuration and print the path of what would be built." },
  {
    usage: "switch [--rollback] [-c NAME]",
    text: "Build the configuration and activate it. --rollback activates the generation before the current one instead; -c, --specialisation NAME activates the named specialisation.",
  },
  { usage: "generations", text: "List the generations of the home environment, newest first." },
  { usage: "remove-generations ID...", text: "Remove the given generations (numbers as 'generations' shows them)." },
  { usage: "repl", text: "Open the evaluated configuration in an interactive session." },
  {
    usage: "expire-generations TIMESTAMP",
    text: 'Remove generations older than TIMESTAMP, read as date(1) reads its -d argument (e.g. "-30 days").',
  },
  { usage: "packages", text: "List the packages installed in the profile by the configuration." },
  { usage: "news", text: "Show the news entries that concern this configuration." },
  { usage: "uninstall", text: "Remove Home Manager's files, generations and profile links." },
];

/** The options, in the order `--help` gives them. */
export const CLI_OPTIONS: readonly Entry[] = [
  { usage: "-f FILE", text: "The configuration file to use (default ~/.config/home-manager/home.nix)." },
  { usage: "-A ATTRIBUTE", text: "Select a configuration inside the file by attribute path." },
  { usage: "-I PATH", text: "Add PATH to the Nix search path." },
  { usage: "--flake flake-uri", text: "Use the configuration of a flake (default ~/.config/home-manager)." },
  { usage: "-b EXT", text: "Move files in the way aside to a name ending in EXT instead of failing." },
  { usage: "-v", text: "Say more about what is done." },
  { usage: "-n", text: "Dry run: show what would be done, change nothing." },
  { usage: "-h", text: "Print the help." },
  { usage: "--version", text: "Print the version." },
  {
    usage: "--packages BACKEND",
    text: "Where packages come from: nix, host or stub (default $HOME_MANAGER_PACKAGES, else nix when Nix and a nixpkgs are found, else host).",
  },
  { usage: "--no-out-link", text: "Build without leaving a result link." },
  { usage: "--show-trace", text: "Show the whole evaluation trace of an error." },
  {
    usage:
      "--arg NAME VALUE, --argstr NAME VALUE, --cores NUM, --debug, --impure, --keep-failed, --keep-going, -j NUM, --option NAME VALUE, -L, --log-format FORMAT, --substitute, --no-substitute, --no-write-lock-file, --builders VALUE, --refresh",
    text: "Passed on to Nix when it builds packages.",
  },
];

function entries(list: readonly Entry[]): string[] {
  return list.flatMap((e) => [".TP", `\\fB${roffEscape(e.usage)}\\fR`, roffEscape(e.text)]);
}

/** `home-manager(1)`. */
export function commandManPage(release: string): string {
  return [
    `.TH "HOME\\-MANAGER" "1" "" "Home Manager ${release}" "Home Manager"`,
    '.SH "NAME"',
    "home\\-manager \\- build and activate a declarative home environment",
    '.SH "SYNOPSIS"',
    "\\fBhome\\-manager\\fR [\\fIOPTION\\fR]... \\fICOMMAND\\fR",
    '.SH "DESCRIPTION"',
    ".PP",
    "\\fBhome\\-manager\\fR evaluates a Home Manager configuration, builds a generation from it",
    "(files, packages, activation script) and activates it in the user's home directory.",
    "The options a configuration can set are described in \\fBhome\\-configuration.nix\\fR(5).",
    '.SH "COMMANDS"',
    ...entries(CLI_COMMANDS),
    '.SH "OPTIONS"',
    ...entries(CLI_OPTIONS),
    '.SH "FILES"',
    ".TP",
    "\\fI~/.config/home\\-manager/home.nix\\fR",
    "The configuration, unless \\fB\\-f\\fR or \\fB$HOME_MANAGER_CONFIG\\fR names another.",
    ".TP",
    "\\fI$XDG_STATE_HOME/home\\-manager/\\fR",
    "The private store, generations and garbage\\-collector roots.",
    '.SH "SEE ALSO"',
    ".PP",
    "\\fBhome\\-configuration.nix\\fR(5)",
    "",
  ].join("\n");
}
