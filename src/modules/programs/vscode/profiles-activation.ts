/**
 * The activation step that registers the non-default profiles in the
 * editor's `globalStorage/storage.json` (its `userDataProfiles` list), which
 * the editor itself also writes and so cannot be a linked file. Profiles
 * already listed with their own name as location are left alone; the file is
 * created when missing. The script is kept byte for byte as Home Manager
 * writes it, since its store path shows up in the activation script.
 */
import { escapeShellArg } from "../../module-kit.js";

/** The script's text for a user directory, the `jq` package's out path and the profile names. */
export function profilesScriptText(userDir: string, jqOut: string, profiles: readonly string[]): string {
  const names = profiles.map(escapeShellArg).join(" ");
  const has = `$(echo $existing_profiles | jq --arg profile "$profile" 'has ($profile)')`;
  const at = `$(echo $existing_profiles | jq --arg profile "$profile" '.[$profile]')`;
  const append = `      file_write="$file_write$([ "$file_write" != "" ] && echo "...")$profile"`;
  return [
    `PATH=${jqOut}/bin\${PATH:+:}$PATH`,
    `file="${userDir}/globalStorage/storage.json"`,
    `file_write=""`,
    `profiles=(${names})`,
    ``,
    `if [ -f "$file" ]; then`,
    `  existing_profiles=$(jq '.userDataProfiles // [] | map({ (.name): .location }) | add // {}' "$file")`,
    ``,
    `  for profile in "\${profiles[@]}"; do`,
    `    if [[ "${has}" != "true" ]] || [[ "${has}" == "true" && "${at}" != "\\"$profile\\"" ]]; then`,
    append,
    `    fi`,
    `  done`,
    `else`,
    `  for profile in "\${profiles[@]}"; do`,
    append.slice(2),
    `  done`,
    ``,
    `  mkdir -p "$(dirname "$file")"`,
    `  echo "{}" > "$file"`,
    `fi`,
    ``,
    `if [ "$file_write" != "" ]; then`,
    `  userDataProfiles=$(jq ".userDataProfiles += $(echo $file_write | jq -R 'split("...") | map({ name: ., location: . })')" "$file")`,
    `  echo $userDataProfiles > "$file"`,
    `fi`,
    ``,
  ].join("\n");
}
