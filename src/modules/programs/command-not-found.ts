/**
 * `programs.command-not-found`: when an interactive shell cannot find a
 * command, look it up in the channel's `programs.sqlite` database and say
 * which package provides it (or, with `NIX_AUTO_RUN`, run it through
 * `nix-shell -p`). The handler is a Perl script (DBI + SQLite) installed as
 * `bin/command-not-found` of a small package; Bash, Zsh and fish each get a
 * not-found hook calling it.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView } from "../../module-system/index.js";
import { callNix, nixToString } from "../module-kit.js";

const FILE = "modules/programs/command-not-found.ts";

/** The handler script, for this Perl interpreter and database. */
export function handlerScript(perl: string, dbPath: string): string {
  return `#! ${perl}/bin/perl -w
# Looks a missing command up in the programs database of the channel.
use strict;
use DBI;
use DBD::SQLite;
use String::ShellQuote;
use Config;

my $cmd = $ARGV[0];
my $db = "${dbPath}";

sub missing { print STDERR "$cmd: command not found\\n"; }

unless (-e $db) {
    missing();
    print STDERR "\\ncommand-not-found: no package database at $db.\\n";
    print STDERR "It comes with the \`nixos\` channel (run \`sudo nix-channel --update\`);\\n";
    print STDERR "with flakes, have a look at nix-index instead.\\n";
    print STDERR "Set programs.command-not-found.enable = false to turn this message off.\\n";
    exit 127;
}

my $dbh = DBI->connect("dbi:SQLite:dbname=$db", "", "") or die "cannot open database \`$db'";
$dbh->{RaiseError} = 0;
$dbh->{PrintError} = 0;
my $system = $ENV{"NIX_SYSTEM"} // $Config{myarchname};
my $rows = $dbh->selectall_arrayref(
    "select package from Programs where system = ? and name = ?", { Slice => {} }, $system, $cmd);
my @pkgs = defined $rows ? map { $_->{package} } @$rows : ();
my $autoRun = $ENV{"NIX_AUTO_RUN"} // "";

sub run_from { exec("nix-shell", "-p", $_[0], "--run", shell_quote("exec", @ARGV)); }

if (!@pkgs) {
    missing();
} elsif (@pkgs == 1) {
    if ($autoRun) {
        if ($ENV{"NIX_AUTO_RUN_INTERACTIVE"} // "") {
            while (1) {
                print STDERR "Run '$cmd' from package '$pkgs[0]'? [yn]: ";
                chomp(my $answer = <STDIN> // "n");
                exit 0 if lc $answer eq "n";
                last if lc $answer eq "y";
            }
        }
        run_from($pkgs[0]);
    }
    print STDERR "'$cmd' is not in your PATH. For a shell that has it, type:\\n  nix-shell -p $pkgs[0]\\n";
} else {
    if ($autoRun) {
        print STDERR "Packages providing '$cmd':\\n";
        print STDERR "  [", $_ + 1, "]: $pkgs[$_]\\n" for 0 .. $#pkgs;
        while (1) {
            no warnings "numeric";
            print STDERR "Which one [1-", scalar @pkgs, "]: ";
            my $n = (<STDIN> // 0) + 0;
            run_from($pkgs[$n - 1]) if $n >= 1 && $n <= @pkgs;
        }
    }
    print STDERR "'$cmd' is not in your PATH. Several packages provide it; for a shell that has it, type one of:\\n";
    print STDERR "  nix-shell -p $_\\n" for @pkgs;
}
exit 127;
`;
}

export const commandNotFoundModule = defineModule({
  file: FILE,
  path: "programs.command-not-found",
  options: {
    enable: mkEnableOption("command-not-found hook for interactive shell"),
    dbPath: option({
      type: t.path,
      default: "/nix/var/nix/profiles/per-user/root/channels/nixos/programs.sqlite",
      description: "Absolute path of the `programs.sqlite` database; the `nixos` channel (nixexprs.tar.xz) provides it by default.",
    }),
  },
  config: ({ cfg, pkgs }) => {
    const handler = () => {
      const perl = callNix((pkgs.perl as AttrsView).withPackages, (p: AttrsView) => [p.DBDSQLite, p.StringShellQuote]);
      const script = callNix(pkgs.writeText, "command-not-found.pl", handlerScript(nixToString(perl), cfg.dbPath));
      return nixToString(
        callNix(pkgs.runCommand, "command-not-found", {}, `install -Dm555 ${nixToString(script)} $out/bin/command-not-found\n`),
      );
    };
    return mkIf(() => cfg.enable, {
      "programs.bash.initExtra": () => `command_not_found_handle() {\n  '${handler()}/bin/command-not-found' "$@"\n}\n`,
      "programs.zsh.initContent": () => `command_not_found_handler() {\n  '${handler()}/bin/command-not-found' "$@"\n}\n`,
      "programs.fish.interactiveShellInit": () => `function fish_command_not_found\n  "${handler()}/bin/command-not-found" $argv\nend\n`,
      "home.packages": () => [handler()],
    });
  },
});
