/**
 * `home-manager`'s command line, parsed as Home Manager parses it: one pass,
 * left to right; every command word sets the command (a later one wins);
 * options may come before or after it; `--rollback` and `-c` are allowed only
 * after `switch`, `--recursive` only after `option`; bare words are arguments
 * only for `init`, `expire-generations`, `remove-generations` and `option`.
 * Options meant for Nix are collected to pass on. `-h` and `--version` answer
 * at once. Problems are reported with Home Manager's messages.
 */

export const COMMANDS = new Set([
  "build",
  "init",
  "instantiate",
  "option",
  "edit",
  "expire-generations",
  "generations",
  "help",
  "news",
  "packages",
  "remove-generations",
  "repl",
  "rollback",
  "switch",
  "test",
  "uninstall",
]);

export interface ParsedArgs {
  readonly command: string;
  readonly commandArgs: readonly string[];
  readonly attr: string;
  readonly includePaths: readonly string[];
  readonly file?: string | undefined;
  readonly flake?: string | undefined;
  readonly passthrough: readonly string[];
  readonly noOutLink: boolean;
  readonly printBuildLogs: boolean;
  readonly dryRun: boolean;
  readonly verbose: boolean;
  readonly backupExt?: string | undefined;
  readonly backupCommand?: string | undefined;
  /** `--packages nix|host|stub`: the package backend. */
  readonly packages?: string | undefined;
}

/** The parse stopped: print this and exit with `code`. */
export type ParseOutcome =
  | { readonly kind: "ok"; readonly args: ParsedArgs }
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "error"; readonly lines: readonly { text: string; error: boolean }[] };

const PASS_FLAGS = new Set([
  "--recreate-lock-file",
  "--no-update-lock-file",
  "--no-write-lock-file",
  "--no-registries",
  "--commit-lock-file",
  "--refresh",
]);
const PASS_ONE = new Set([
  "--update-input",
  "--experimental-features",
  "--extra-experimental-features",
  "-j",
  "--max-jobs",
  "--cores",
  "--builders",
  "--log-format",
]);
const PASS_NIX_FLAGS = new Set(["--debug", "--keep-failed", "--keep-going", "--show-trace", "--substitute", "--no-substitute", "--impure"]);

class ArgError extends Error {
  constructor(readonly lines: { text: string; error: boolean }[]) {
    super(lines[0]?.text ?? "");
  }
}

/** Parse `argv` (without the program name); `prog` stands for `$0` in messages. */
export function parseArgs(argv: readonly string[], prog: string): ParseOutcome {
  let command = "";
  const commandArgs: string[] = [];
  const includePaths: string[] = [];
  const passthrough: string[] = [];
  let attr = "";
  let file: string | undefined;
  let flake: string | undefined;
  let noOutLink = false;
  let printBuildLogs = false;
  let dryRun = false;
  let verbose = false;
  let backupExt: string | undefined;
  let backupCommand: string | undefined;
  let packages: string | undefined;
  let i = 0;
  const missing = (opt: string): never => {
    throw new ArgError([{ text: `${prog}: missing argument for ${opt}`, error: true }]);
  };
  /** The next word, which must exist and not start with '-'. */
  const value = (opt: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith("-")) missing(opt);
    i++;
    return v!;
  };
  const onlyAfter = (opt: string, cmd: string): void => {
    if (command !== cmd) throw new ArgError([{ text: `${prog}: ${opt} can only be used after ${cmd}`, error: true }]);
  };
  try {
    while (i < argv.length) {
      const opt = argv[i++]!;
      if (COMMANDS.has(opt)) command = opt;
      else if (opt === "-A") attr = value(opt);
      else if (opt === "-I") includePaths.push(value(opt));
      else if (opt === "-B") backupCommand = value(opt);
      else if (opt === "-b") backupExt = value(opt);
      else if (opt === "-f" || opt === "--file") file = value(opt);
      else if (opt === "--flake") flake = value(opt);
      else if (opt === "--packages") packages = value(opt);
      else if (PASS_FLAGS.has(opt) || PASS_NIX_FLAGS.has(opt)) passthrough.push(opt);
      else if (PASS_ONE.has(opt)) passthrough.push(opt, value(opt));
      else if (opt === "--override-input") {
        const a = value(opt);
        const b = value(`${opt} ${a}`);
        passthrough.push(opt, a, b);
      } else if (opt === "--option" || opt === "--arg" || opt === "--argstr") {
        const a = value(opt);
        const b = argv[i++];
        if (b === undefined) missing(`${opt} ${a}`);
        passthrough.push(opt, a, b!);
      } else if (opt === "--no-out-link") noOutLink = true;
      else if (opt === "-L" || opt === "--print-build-logs") printBuildLogs = true;
      else if (opt === "-h" || opt === "--help") return { kind: "help" };
      else if (opt === "-n" || opt === "--dry-run") dryRun = true;
      else if (opt === "--rollback") {
        onlyAfter("--rollback", "switch");
        commandArgs.push(opt);
      } else if (opt === "-c" || opt === "--specialisation") {
        onlyAfter("--specialisation", "switch");
        commandArgs.push("--specialisation", value(opt));
      } else if (opt === "--recursive") {
        onlyAfter("--recursive", "option");
        commandArgs.push(opt);
      } else if (opt === "-v" || opt === "--verbose") verbose = true;
      else if (opt === "--version") return { kind: "version" };
      else if (["init", "expire-generations", "remove-generations", "option"].includes(command)) commandArgs.push(opt);
      else
        throw new ArgError([
          { text: `${prog}: unknown option '${opt}'`, error: true },
          { text: `Run '${prog} --help' for usage help`, error: false },
        ]);
    }
  } catch (e) {
    if (e instanceof ArgError) return { kind: "error", lines: e.lines };
    throw e;
  }
  return {
    kind: "ok",
    args: {
      command,
      commandArgs,
      attr,
      includePaths,
      file,
      flake,
      passthrough,
      noOutLink,
      printBuildLogs,
      dryRun,
      verbose,
      backupExt,
      backupCommand,
      packages,
    },
  };
}

/** The help text (`doHelp`), with `prog` for `$0`. */
export function helpText(prog: string): string {
  return `Usage: ${prog} [OPTION] COMMAND

Options

  -f FILE           The home configuration file.
                    Default is '~/.config/nixpkgs/home.nix'.
  -A ATTRIBUTE      Optional attribute that selects a configuration
                    expression in the configuration file.
  -I PATH           Add a path to the Nix expression search path.
  --flake flake-uri Use Home Manager configuration at flake-uri
                    Default is '~/.config/home-manager'.
  -b EXT            Move existing files to new path rather than fail.
  -v                Verbose output
  -n                Do a dry run, only prints what actions would be taken
  -h                Print this help
  --version         Print the Home Manager version

Options passed on to nix-build(1)

  --arg(str) NAME VALUE    Override inputs passed to home-manager.nix
  --cores NUM
  --debug
  --impure
  --keep-failed
  --keep-going
  -j, --max-jobs NUM
  --option NAME VALUE
  -L, --print-build-logs
  --log-format FORMAT
  --show-trace
  --(no-)substitute
  --no-out-link            Do not create a symlink to the output path
  --packages BACKEND       Where packages come from: nix, host or stub
                           (default: \$HOME_MANAGER_PACKAGES, else nix when
                           Nix and a nixpkgs are found, else host)
  --no-write-lock-file
  --builders VALUE
  --refresh                Consider all previously downloaded files out-of-date

Commands

  help         Print this help

  edit         Open the home configuration in $VISUAL or $EDITOR

  option [--recursive] OPTION.NAME
               Inspect configuration option named OPTION.NAME.

      --recursive   Print all the values at or below the option name recursively.

  build        Build configuration into result directory

  init [--switch] [DIR]
      Initializes a configuration in the given directory. If the directory
      does not exist, then it will be created. The default directory is
      '~/.config/home-manager'.

      --switch      Immediately activate the generated configuration.

  instantiate  Instantiate the configuration and print the resulting derivation

  switch [OPTION]
      Build and activate configuration

      --rollback    Do not build a new configuration, instead roll back to
                    the configuration prior to the current configuration.

      -c, --specialisation NAME
                    Activates the named specialisation; when not specified,
                    switching will activate the unspecialised configuration.

  generations  List all home environment generations

  remove-generations ID...
      Remove indicated generations. Use 'generations' command to
      find suitable generation numbers.

  repl
      Opens the configuration in \`nix repl\`

  expire-generations TIMESTAMP
      Remove generations older than TIMESTAMP where TIMESTAMP is
      interpreted as in the -d argument of the date tool. For
      example "-30 days" or "2018-01-01".

  packages     List all packages installed in home-manager-path

  news         Show news entries in a pager

  uninstall    Remove Home Manager
`;
}
