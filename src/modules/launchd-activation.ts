/**
 * The `setupLaunchAgents` activation step (macOS): given the directory of
 * this generation's agents (`<Label>.plist` and `<Label>.domain` files) it
 * installs each new or changed property list into `~/Library/LaunchAgents`
 * as a read-only copy, unloading the running version first (from its old
 * domain) and loading the new one; an agent whose file is unchanged and
 * which is loaded is left alone. Agents of the previous activation (its
 * directory is remembered in `$hmStatePath/launchd-agents`) that this one no
 * longer has are unloaded and their file removed, unless the file differs
 * from what was installed. A failure is reported and makes the step fail
 * after every agent was tried. Commands go through `run`, so a dry run only
 * prints them.
 */
import { escapeShellArg } from "./module-kit.js";

/** The step's Bash for the agents in `agentsDir`, installed into `launchAgentsDir`. */
export function setupLaunchAgentsScript(agentsDir: string, launchAgentsDir: string): string {
  return `hmAgentsState="$hmStatePath/launchd-agents"
hmAgentsNew=${escapeShellArg(agentsDir)}
hmAgentsDst=${escapeShellArg(launchAgentsDir)}
hmAgentsOld=""
if [[ -s $hmAgentsState ]]; then
  hmAgentsOld="$(<"$hmAgentsState")"
  [[ -d $hmAgentsOld ]] || hmAgentsOld=""
fi

# The domain target of an agent in a directory of agents (gui unless its .domain file says user).
hmAgentTarget() {
  local kind=gui
  if [[ -n $1 && -f "$1/$2.domain" && "$(<"$1/$2.domain")" == user ]]; then kind=user; fi
  printf '%s/%s' "$kind" "$(id -u)"
}

hmAgentsStatus=0
run mkdir -p "$hmAgentsDst" || hmAgentsStatus=1

for hmPlist in "$hmAgentsNew"/*.plist; do
  [[ -e $hmPlist ]] || continue
  hmLabel="\${hmPlist##*/}"
  hmLabel="\${hmLabel%.plist}"
  hmTarget="$(hmAgentTarget "$hmAgentsNew" "$hmLabel")"
  hmOldTarget="$(hmAgentTarget "$hmAgentsOld" "$hmLabel")"
  hmInstalled="$hmAgentsDst/$hmLabel.plist"
  if cmp -s "$hmPlist" "$hmInstalled" && [[ $hmTarget == "$hmOldTarget" ]] \\
      && /bin/launchctl print "$hmTarget/$hmLabel" > /dev/null 2>&1; then
    verboseEcho "Agent $hmLabel is up to date"
    continue
  fi
  verboseEcho "Loading agent $hmLabel into $hmTarget"
  if [[ -e $hmInstalled ]]; then
    run /bin/launchctl bootout "$hmOldTarget/$hmLabel" 2> /dev/null || true
  fi
  if [[ $hmTarget != "$hmOldTarget" ]]; then
    run /bin/launchctl bootout "$hmTarget/$hmLabel" 2> /dev/null || true
  fi
  if ! run install -m 444 "$hmPlist" "$hmInstalled.hm-new" || ! run mv -f "$hmInstalled.hm-new" "$hmInstalled"; then
    errorEcho "Could not install the agent file $hmInstalled"
    hmAgentsStatus=1
    continue
  fi
  if ! run /bin/launchctl bootstrap "$hmTarget" "$hmInstalled"; then
    errorEcho "Could not load the agent $hmLabel into $hmTarget"
    hmAgentsStatus=1
  fi
done

if [[ -n $hmAgentsOld ]]; then
  for hmPlist in "$hmAgentsOld"/*.plist; do
    [[ -e $hmPlist ]] || continue
    hmLabel="\${hmPlist##*/}"
    hmLabel="\${hmLabel%.plist}"
    hmInstalled="$hmAgentsDst/$hmLabel.plist"
    [[ -e "$hmAgentsNew/$hmLabel.plist" || ! -e $hmInstalled ]] && continue
    if ! cmp -s "$hmPlist" "$hmInstalled"; then
      warnEcho "Keeping $hmInstalled: it was changed since Home Manager installed it"
      continue
    fi
    verboseEcho "Unloading the removed agent $hmLabel"
    run /bin/launchctl bootout "$(hmAgentTarget "$hmAgentsOld" "$hmLabel")/$hmLabel" 2> /dev/null || true
    run rm -f $VERBOSE_ARG "$hmInstalled" || hmAgentsStatus=1
  done
fi

if [[ ! -v DRY_RUN ]]; then
  mkdir -p "$hmStatePath"
  printf '%s\\n' "$hmAgentsNew" > "$hmAgentsState"
fi

if (( hmAgentsStatus != 0 )); then
  errorEcho "Some launchd agents could not be set up"
  exit 1
fi
unset hmAgentsState hmAgentsNew hmAgentsDst hmAgentsOld hmAgentsStatus hmPlist hmLabel hmTarget hmOldTarget hmInstalled
`;
}
