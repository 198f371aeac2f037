/**
 * Home Manager's own `home.activation` entries, as bash: `checkFilesChanged`
 * and `onFilesChange` (onChange hooks only for files whose content changes),
 * `checkLinkTargets` and `linkGeneration` (which hand the file work to the
 * activation helper, see `helper-main.ts`), `writeBoundary` (which also records
 * that this generation's activation has begun writing), `installPackages`
 * (which links the generation's `home-path` as the profile directory when
 * that is ours to manage) and `reloadSystemd`. Their placement in the DAG is
 * Home Manager's, so the sorted order is the same.
 */
import * as path from "node:path";
import { escapeShellArg } from "./shell.js";

/** One `home.activation` entry: a named bash snippet with its DAG edges. */
export interface ActivationEntry {
  readonly name: string;
  readonly data: string;
  readonly after: readonly string[];
  readonly before: readonly string[];
}

export interface BuiltinFile {
  /** Target relative to the home directory. */
  readonly target: string;
  /** The source as the configuration names it (a store path), compared for onChange. */
  readonly source: string;
  readonly onChange: string;
  readonly force: boolean;
}

export interface BuiltinInputs {
  readonly homeDirectory: string;
  /**
   * The generation's `home-files` and `home-path` as resolved store paths
   * (what \`readlink -e "$newGenPath/home-files"\` gives: the generation's
   * links to them never change), written into the script so that it needs no
   * process to find them.
   */
  readonly homeFiles: string;
  readonly homePath: string;
  /** Enabled files, sorted by target length. */
  readonly files: readonly BuiltinFile[];
  readonly profileDirectory: string;
  /** Present when `systemd.user.enable`. */
  readonly systemd?: { readonly systemctlDir: string; readonly configHomeRel: string } | undefined;
}

export const BUILTIN_NAMES = [
  "checkFilesChanged",
  "checkLinkTargets",
  "writeBoundary",
  "installPackages",
  "linkGeneration",
  "onFilesChange",
  "reloadSystemd",
] as const;

function forceArgs(files: readonly BuiltinFile[]): string {
  return files
    .filter((f) => f.force)
    .map((f) => ` --force ${escapeShellArg(f.target)}`)
    .join("");
}

function checkFilesChanged(inp: BuiltinInputs): string {
  const home = escapeShellArg(inp.homeDirectory);
  const checks = inp.files
    .filter((f) => f.onChange !== "")
    .map((f) => {
      const t = escapeShellArg(f.target);
      return `_cmp ${escapeShellArg(f.source)} ${home}/${t} \\\n  && changedFiles[${t}]=0 \\\n  || changedFiles[${t}]=1\n`;
    })
    .join("");
  return `function _cmp() {
  if [[ -d $1 && -d $2 ]]; then
    diff -rq "$1" "$2" &> /dev/null
  else
    cmp --quiet "$1" "$2"
  fi
}
declare -A changedFiles
${checks}unset -f _cmp
`;
}

function checkLinkTargets(inp: BuiltinInputs): string {
  return `function checkNewGenCollision() {
  local newGenFiles=${escapeShellArg(inp.homeFiles)}
  hmHelperCall check-link-targets --store-dir "$hmStoreDir" --new-files "$newGenFiles"${forceArgs(inp.files)}
}

checkNewGenCollision || exit 1
`;
}

const WRITE_BOUNDARY = `if [[ ! -v DRY_RUN ]]; then
  [[ -d $hmActivatingDir ]] || mkdir -p "$hmActivatingDir"
  ln -sfn "$newGenPath" "$hmActivatingDir/\${newGenPath##*/}"
fi

if (( $hmDriverVersion < 1 )); then
  if [[ ! -v oldGenPath || "$oldGenPath" != "$newGenPath" ]] ; then
    hmCreateProfileGeneration=1
  else
    _i "No change so reusing latest profile generation"
  fi
fi
`;

function installPackages(inp: BuiltinInputs): string {
  const parent = path.posix.dirname(inp.profileDirectory);
  return `hmNewHomePath=${escapeShellArg(inp.homePath)}
hmProfileDir=${escapeShellArg(inp.profileDirectory)}
if [[ ! -e $hmNewHomePath ]]; then
  errorEcho "The generation's packages are missing: '$hmNewHomePath'"
  exit 1
fi
if [[ -L $hmProfileDir ]]; then
  hmOldHomePath="$(readlink "$hmProfileDir")"
  if [[ $hmOldHomePath == "$hmNewHomePath" ]]; then
    :
  elif [[ $hmOldHomePath == "$hmStoreDir"/*-home-manager-path ]]; then
    run ln -sfn $VERBOSE_ARG "$hmNewHomePath" "$hmProfileDir"
  elif [[ "$(readlink -f "$hmProfileDir")" == /nix/store/* && ( -e $hmProfileDir/manifest.nix || -e $hmProfileDir/manifest.json ) ]] \
      && type -P nix-env nix-store > /dev/null; then
    # A profile Nix manages (packages installed with nix-env or nix profile): install ours into it as
    # 'home-manager-path', as Home Manager does, so that nothing installed there is lost; a file both
    # provide is a collision.
    hmNixTmp="$(mktemp -d)"
    cp -a "$hmNewHomePath" "$hmNixTmp/home-manager-path"
    # Nix's build users cannot read our private store (it is in the home directory): copy what links there.
    while IFS= read -r -d '' hmLink; do
      hmTarget="$(readlink "$hmLink")"
      if [[ $hmTarget == "$hmStoreDir"/* ]]; then
        rm "$hmLink"
        cp -rL --no-preserve=mode "$hmTarget" "$hmLink"
      fi
    done < <(find "$hmNixTmp/home-manager-path" -type l -print0)
    unset hmLink hmTarget
    hmNixHomePath="$(nix-store --add "$hmNixTmp/home-manager-path")"
    rm -rf "$hmNixTmp"
    if [[ -z $hmNixHomePath ]]; then
      errorEcho "Could not add the packages to the Nix store."
      exit 1
    fi
    # The profile itself (what the link points at), so nix-env makes its generations there.
    hmNixProfile="$(readlink "$hmProfileDir")"
    if [[ -e $hmProfileDir/manifest.json ]]; then
      # A 'nix profile' profile: replace the previous home-manager-path element; on failure, roll back.
      hmNix=(nix --extra-experimental-features nix-command)
      hmNixOld="$("\${hmNix[@]}" profile list --profile "$hmNixProfile" 2> /dev/null | tr ' ' '\n' | grep -- '-home-manager-path$' || true)"
      if [[ $hmNixOld != "$hmNixHomePath" ]]; then
        if [[ -n $hmNixOld ]]; then
          run "\${hmNix[@]}" profile remove --profile "$hmNixProfile" $hmNixOld || exit 1
        fi
        if ! run "\${hmNix[@]}" profile install --profile "$hmNixProfile" "$hmNixHomePath"; then
          [[ -n $hmNixOld ]] && "\${hmNix[@]}" profile rollback --profile "$hmNixProfile" > /dev/null 2>&1
          errorEcho "Home Manager could not install its packages into the Nix profile '$hmProfileDir': a package installed there"
          errorEcho "with 'nix profile' provides a file that home.packages provides too (named above). Remove that package"
          errorEcho "(see 'nix profile list', then 'nix profile remove'), or remove it from home.packages, and switch again."
          exit 1
        fi
      fi
      unset hmNix hmNixOld
    elif ! nix-env --profile "$hmNixProfile" --query --out-path 2> /dev/null | grep -qF "$hmNixHomePath"; then
      if ! run nix-env --profile "$hmNixProfile" --install "$hmNixHomePath"; then
        errorEcho "Home Manager could not install its packages into the Nix profile '$hmProfileDir': a package installed there"
        errorEcho "with nix-env provides a file that home.packages provides too (named above). Uninstall that package"
        errorEcho "(see 'nix-env --query', then 'nix-env --uninstall NAME'), or remove it from home.packages, and switch again."
        exit 1
      fi
    fi
    unset hmNixTmp hmNixHomePath hmNixProfile
  else
    warnEcho "Packages are not linked into '$hmProfileDir': it links to '$hmOldHomePath', which Home Manager does not manage."
  fi
elif [[ -e $hmProfileDir ]]; then
  warnEcho "Packages are not linked into '$hmProfileDir': it exists and Home Manager does not manage it."
else
  if [[ -v DRY_RUN || ! -d ${escapeShellArg(parent)} ]]; then
    run mkdir -p $VERBOSE_ARG ${escapeShellArg(parent)}
  fi
  run ln -s $VERBOSE_ARG "$hmNewHomePath" "$hmProfileDir"
fi
unset hmNewHomePath hmProfileDir hmOldHomePath
`;
}

function linkGeneration(inp: BuiltinInputs): string {
  return `hmHelperCall link-generation --store-dir "$hmStoreDir" \\
  --new-files ${escapeShellArg(inp.homeFiles)} \\
  \${oldGenPath:+--old-generation "$oldGenPath"} \\
  --activating-dir "$hmActivatingDir"${forceArgs(inp.files)} \\
  || exit 1
hmHelperQuit
`;
}

function onFilesChange(inp: BuiltinInputs): string {
  return inp.files
    .filter((f) => f.onChange !== "")
    .map((f) => {
      const t = escapeShellArg(f.target);
      return `if (( \${changedFiles[${t}]} == 1 )); then
  if [[ -v DRY_RUN || -v VERBOSE ]]; then
    echo "Running onChange hook for" ${t}
  fi
  if [[ ! -v DRY_RUN ]]; then
    ${f.onChange}
  fi
fi
`;
    })
    .join("");
}

function reloadSystemd(systemctlDir: string, configHomeRel: string): string {
  const unitsRel = `/home-files/${configHomeRel === "" ? "" : configHomeRel + "/"}systemd/user`;
  const env = `env XDG_RUNTIME_DIR="\${XDG_RUNTIME_DIR:-/run/user/$EUID}" PATH=${escapeShellArg(systemctlDir)}:"$PATH"`;
  return `systemdStatus=$(${env} systemctl --user is-system-running 2>&1 || true)

hmUnitArgs=()
if [[ -v oldGenPath && -e "$oldGenPath${unitsRel}" ]]; then
  hmUnitArgs+=(--old-units "$oldGenPath${unitsRel}")
fi
if [[ -e "$newGenPath${unitsRel}" ]]; then
  hmUnitArgs+=(--new-units "$newGenPath${unitsRel}")
fi

if [[ $systemdStatus == 'running' || $systemdStatus == 'degraded' ]]; then
  if [[ $systemdStatus == 'degraded' ]]; then
    warnEcho "The user systemd session is degraded:"
    ${env} systemctl --user --no-pager --state=failed
    warnEcho "Attempting to reload services anyway..."
  fi
  if (( \${#hmUnitArgs[@]} > 0 )); then
    ${env} "\${hmHelper[@]}" systemd-switch \${DRY_RUN+--dry-run} $VERBOSE_ARG "\${hmUnitArgs[@]}"
  fi
else
  echo "User systemd daemon not running. Skipping reload."
  if (( \${#hmUnitArgs[@]} > 0 )); then
    "\${hmHelper[@]}" systemd-switch --suggest "\${hmUnitArgs[@]}"
  fi
fi

unset systemdStatus hmUnitArgs
`;
}

/** The built-in entries with Home Manager's DAG edges. */
export function builtinEntries(inp: BuiltinInputs): ActivationEntry[] {
  const entry = (name: string, data: string, after: string[], before: string[]): ActivationEntry => ({ name, data, after, before });
  const entries = [
    entry("writeBoundary", WRITE_BOUNDARY, [], []),
    entry("installPackages", installPackages(inp), ["writeBoundary"], []),
    entry("checkLinkTargets", checkLinkTargets(inp), [], ["writeBoundary"]),
    entry("linkGeneration", linkGeneration(inp), ["writeBoundary"], []),
    entry("checkFilesChanged", checkFilesChanged(inp), [], ["linkGeneration"]),
    entry("onFilesChange", onFilesChange(inp), ["linkGeneration"], []),
  ];
  if (inp.systemd !== undefined)
    entries.push(entry("reloadSystemd", reloadSystemd(inp.systemd.systemctlDir, inp.systemd.configHomeRel), ["linkGeneration"], []));
  return entries;
}
