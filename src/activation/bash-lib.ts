/**
 * The bash every activation script starts with: the output helpers snippets
 * use (`errorEcho`, `warnEcho`, `noteEcho`, `verboseEcho`, `_i` and friends),
 * `run` (which only prints its command under `DRY_RUN`), the argument parser
 * (`--driver-version 0|1`), the init section (state paths, `oldGenPath` from
 * the `current-home` GC root, dry-run and verbose variables), the sanity
 * checks, the activation lock and the closing commit. Messages are Home
 * Manager's; translations are not shipped, so `_i` prints the message itself.
 */
import { escapeShellArg } from "./shell.js";

/** Output helpers and `run`. */
export const BASH_LIB = `# Colours only for a terminal that has them, and never under NO_COLOR.
setupColors() {
  normalColor="" errorColor="" warnColor="" noteColor=""
  if [[ ! -v NO_COLOR && -t 1 ]]; then
    local n
    n=$(tput colors 2> /dev/null || echo 0)
    if [[ -n $n && $n -ge 8 ]]; then
      normalColor="$(tput sgr0)"
      errorColor="$(tput bold)$(tput setaf 1)"
      warnColor="$(tput setaf 3)"
      noteColor="$(tput bold)$(tput setaf 6)"
    fi
  fi
}
setupColors

errorEcho() { echo "\${errorColor}$*\${normalColor}"; }
warnEcho() { echo "\${warnColor}$*\${normalColor}"; }
noteEcho() { echo "\${noteColor}$*\${normalColor}"; }
verboseEcho() { if [[ -v VERBOSE ]]; then echo "$*"; fi; }

# printf-style messages (no translations are shipped: the message is the text).
_i() {
  local fmt="$1"
  shift
  # shellcheck disable=2059
  printf "$fmt\\n" "$@"
}
_ip() {
  local one="$1" many="$2" count="$3"
  shift 3
  if [[ $count == 1 ]]; then _i "$one" "$@"; else _i "$many" "$@"; fi
}
_iError() { echo -n "$errorColor"; _i "$@"; echo -n "$normalColor"; }
_iWarn() { echo -n "$warnColor"; _i "$@"; echo -n "$normalColor"; }
_iNote() { echo -n "$noteColor"; _i "$@"; echo -n "$normalColor"; }
_iVerbose() { if [[ -v VERBOSE ]]; then _i "$@"; fi; }

# Run a command, or under DRY_RUN only print it. --quiet drops its standard
# output, --silence both of its outputs.
run() {
  local mode=""
  if [[ \${1-} == --quiet || \${1-} == --silence ]]; then
    mode="$1"
    shift
  fi
  if [[ -v DRY_RUN ]]; then
    echo "$@"
  elif [[ $mode == --quiet ]]; then
    "$@" > /dev/null
  elif [[ $mode == --silence ]]; then
    "$@" > /dev/null 2>&1
  else
    "$@"
  fi
}

checkStringEq() {
  if [[ "$2" != "$3" ]]; then
    _iError '%s is "%s", expected "%s"' "$1" "$2" "$3"
    exit 1
  fi
}

checkPathEq() {
  if ! [[ "$2" -ef "$3" ]]; then
    _iError '%s is "%s", expected "%s"' "$1" "$2" "$3"
    exit 1
  fi
}

# The activation helper as a coprocess, started on first use and serving the
# later calls too, so Node starts once per activation (see helper-main.ts).
# Its messages go to this script's output; each call's status comes back on
# the coprocess's pipe. Only the variables the helper reads are passed on,
# as they are at the call (exported or not).
hmHelperCall() {
  if [[ ! -v hmHelperPid ]]; then
    local hmOut
    exec {hmOut}>&1
    coproc HM_HELPER { exec "\${hmHelper[@]}" serve 3>&1 1>&"$hmOut"; }
    exec {hmOut}>&-
    hmHelperPid=$HM_HELPER_PID hmHelperIn=\${HM_HELPER[1]} hmHelperOut=\${HM_HELPER[0]}
    # Not a job of this script: a snippet's bare 'wait' must not wait for it.
    disown "$hmHelperPid" 2> /dev/null || true
  fi
  local v status req=()
  for v in HOME PATH DRY_RUN VERBOSE NO_COLOR HOME_MANAGER_BACKUP_EXT HOME_MANAGER_BACKUP_COMMAND HOME_MANAGER_BACKUP_OVERWRITE; do
    if [[ -v $v && \${!v@a} == *x* ]]; then req+=("$v=\${!v}"); else req+=("$v"); fi
  done
  req+=(-- "$@")
  trap '' PIPE
  if ! printf '%s\\0' "\${#req[@]}" "\${req[@]}" >&"$hmHelperIn"; then
    trap - PIPE
    return 1
  fi
  trap - PIPE
  read -r -u "$hmHelperOut" status || return 1
  return "$status"
}

# Stop the helper coprocess (after the last call; it also stops when this script ends).
hmHelperQuit() {
  if [[ -v hmHelperPid ]]; then
    trap '' PIPE
    printf '%s\\0' 1 quit >&"$hmHelperIn" 2> /dev/null || true
    trap - PIPE
    unset hmHelperPid hmHelperIn hmHelperOut
  fi
}

# Test hook: HOME_MANAGER_TEST_KILL_AT=<point> kills the activation there.
hmTestKillPoint() {
  if [[ \${HOME_MANAGER_TEST_KILL_AT-} == "$1" ]]; then kill -9 $$; fi
}
`;

/** The `--driver-version` parser. */
export const ARG_PARSER = `hmDriverVersion=0

while (( $# > 0 )); do
  opt="$1"
  shift
  case $opt in
    --driver-version)
      if (( $# == 0 )); then
        errorEcho "$0: no driver version specified" >&2
        exit 1
      elif [[ $1 =~ ^[0-9]+$ ]] && (( $1 <= 1 )); then
        hmDriverVersion=$1
      else
        errorEcho "$0: unexpected driver version $1" >&2
        exit 1
      fi
      shift
      ;;
    *)
      _iError "%s: unknown option '%s'" "$0" "$opt" >&2
      exit 1
      ;;
  esac
done
unset opt
`;

/** State paths and variables; `@GENERATION_DIR@` is replaced by the generation's path. */
export function initSection(storeDir: string): string {
  return `if [[ -v VERBOSE ]]; then
  export VERBOSE_ECHO=echo VERBOSE_ARG="--verbose" VERBOSE_RUN=""
else
  export VERBOSE_ECHO=true VERBOSE_ARG="" VERBOSE_RUN=true
fi

_i "Starting Home Manager activation"

declare -r hmStatePath="\${XDG_STATE_HOME:-$HOME/.local/state}/home-manager"
declare -r hmDataPath="\${XDG_DATA_HOME:-$HOME/.local/share}/home-manager"
declare -r genProfilePath="$hmStatePath/profiles/home-manager"
declare -r newGenPath='@GENERATION_DIR@'
declare -r newGenGcPath="$hmStatePath/gcroots/new-home"
declare -r currentGenGcPath="$hmStatePath/gcroots/current-home"
declare -r legacyGenGcPath="\${NIX_STATE_DIR:-/nix/var/nix}/gcroots/per-user/\${USER-}/current-home"
declare -r hmStoreDir=${escapeShellArg(storeDir)}
# Generations whose activation passed writeBoundary and did not finish.
declare -r hmActivatingDir="$hmStatePath/gcroots/activating"

if [[ -e $currentGenGcPath ]]; then
  oldGenPath="$(readlink -e "$currentGenGcPath")"
fi

if [[ -v DRY_RUN ]]; then
  _i "This is a dry run"
  export DRY_RUN_CMD=echo DRY_RUN_NULL=/dev/stdout
else
  _iVerbose "This is a live run"
  export DRY_RUN_CMD="" DRY_RUN_NULL=/dev/null
fi

_iVerbose "Activation variables:"
if [[ -v oldGenPath ]]; then
  verboseEcho "  oldGenPath=$oldGenPath"
else
  verboseEcho "  oldGenPath undefined (first run?)"
fi
verboseEcho "  newGenPath=$newGenPath"
verboseEcho "  genProfilePath=$genProfilePath"
verboseEcho "  newGenGcPath=$newGenGcPath"
verboseEcho "  currentGenGcPath=$currentGenGcPath"
verboseEcho "  legacyGenGcPath=$legacyGenGcPath"
`;
}

/** `USER`, `HOME` (and `UID`) must be the configured ones. */
export function sanityChecks(username: string, homeDirectory: string, uid: number | null): string {
  return `if [[ ! -v SKIP_SANITY_CHECKS ]]; then
  checkStringEq USER "\${USER-}" ${escapeShellArg(username)}
  checkPathEq HOME "$HOME" ${escapeShellArg(homeDirectory)}
${uid === null ? "" : `  checkStringEq UID "$(id -u)" ${uid}\n`}fi
`;
}

/**
 * Take the activation lock (not in a dry run). A caller that already holds it
 * (the \`home-manager\` command) hands its token down in HOME_MANAGER_LOCK_TOKEN.
 */
export const LOCK_SECTION = `hmLockInherited() {
  [[ -n \${HOME_MANAGER_LOCK_TOKEN-} && -e $hmStatePath/lock ]] || return 1
  local holder
  holder="$(< "$hmStatePath/lock")"
  [[ " $holder " == *" $HOME_MANAGER_LOCK_TOKEN "* ]]
}
hmReleaseLock() {
  if [[ -e $hmStatePath/lock ]]; then
    local holder
    holder="$(< "$hmStatePath/lock")"
    if [[ " $holder " == *" $hmLockToken "* ]]; then rm -f "$hmStatePath/lock"; fi
  fi
}
if [[ ! -v DRY_RUN ]] && ! hmLockInherited; then
  hmLockToken="$("\${hmHelper[@]}" lock --file "$hmStatePath/lock" --pid $$)"
  trap hmReleaseLock EXIT
fi
`;

/** After the last step: a by-hand run makes a profile generation; then `current-home` moves. */
export const COMMIT_SECTION = `if [[ -v hmCreateProfileGeneration ]]; then
  _i "Creating new profile generation"
  run "\${hmHelper[@]}" set-profile --profiles-dir "\${genProfilePath%/*}" --generation "$newGenPath"
fi

if [[ ! -v DRY_RUN ]]; then
  hmTestKillPoint commit
  [[ -d $hmStatePath/gcroots ]] || mkdir -p "$hmStatePath/gcroots"
  hmStale=("$currentGenGcPath".tmp*)
  if [[ -e \${hmStale[0]} || -L \${hmStale[0]} ]]; then rm -f "\${hmStale[@]}"; fi
  unset hmStale
  ln -sfn "$newGenPath" "$currentGenGcPath.tmp$$"
  mv -fT "$currentGenGcPath.tmp$$" "$currentGenGcPath"
  rm -f "$hmActivatingDir"/*
fi
`;
