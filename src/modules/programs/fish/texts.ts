/**
 * The texts `programs.fish` writes, before `fish_indent`: `config.fish`,
 * one file per function and per completion, one `conf.d` file per plugin,
 * abbreviation, alias and key-binding lines, and the session-variable
 * script. Laid out as Home Manager lays them out, so that once indented
 * they match its files byte for byte.
 */
import { escapeShellArg } from "../../module-kit.js";

export interface FishFunction {
  readonly body: string;
  readonly argumentNames: string | readonly string[] | null;
  readonly description: string | null;
  readonly wraps: string | null;
  readonly onEvent: string | readonly string[] | null;
  readonly onVariable: string | null;
  readonly onJobExit: string | number | null;
  readonly onProcessExit: string | number | null;
  readonly onSignal: string | number | null;
  readonly noScopeShadowing: boolean;
  readonly inheritVariable: string | null;
}

export interface FishAbbr {
  readonly name: string | null;
  readonly expansion: string | null;
  readonly position: string | null;
  readonly regex: string | null;
  readonly command: string | readonly string[] | null;
  readonly setCursor: boolean | string;
  readonly function: string | null;
}

export interface FishBind {
  readonly name: string | null;
  readonly enable: boolean;
  readonly mode: string | null;
  readonly command: string | readonly string[] | null;
  readonly setsMode: string | null;
  readonly erase: boolean;
  readonly silent: boolean;
  readonly repaint: boolean;
  readonly operate: "preset" | "user" | null;
}

const HANDLERS = ["onJobExit", "onProcessExit", "onVariable", "onSignal", "onEvent"] as const;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedKeys = (o: object) => Object.keys(o).sort(byName);
const toList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** Is this function (a set, not a plain body) an event handler, which `config.fish` must source? */
export function isHandler(def: string | FishFunction): boolean {
  return typeof def !== "string" && HANDLERS.some((h) => def[h] !== null);
}

/** `lib.cli.toCommandLineShell` for the abbreviation flags (`--set-cursor` joins its value with `=`). */
function abbrFlags(def: FishAbbr): string {
  const flags: Readonly<Record<string, string | boolean | readonly string[] | null>> = {
    command: def.command,
    function: def.function,
    position: def.position,
    regex: def.regex,
    "set-cursor": def.setCursor,
  };
  const args: string[] = [];
  for (const k of sortedKeys(flags)) {
    for (const v of toList(flags[k]!)) {
      if (v === null || v === false) continue;
      if (v === true) args.push(`--${k}`);
      else if (k === "set-cursor") args.push(`--${k}=${v}`);
      else args.push(`--${k}`, v);
    }
  }
  return args.map(escapeShellArg).join(" ");
}

/** One `abbr --add …` line per abbreviation, in name order. */
export function abbrLines(abbrs: Readonly<Record<string, string | FishAbbr>>): string {
  return sortedKeys(abbrs)
    .map((key) => {
      const def = abbrs[key]!;
      const isSet = typeof def !== "string";
      const name = isSet && def.name !== null ? def.name : key;
      const modifiers = isSet ? abbrFlags(def) : "";
      const expansion = isSet ? def.expansion : def;
      return `abbr --add ${modifiers} -- ${name}` + (expansion !== null ? ` ${escapeShellArg(expansion)}` : "");
    })
    .join("\n");
}

/** One `alias name value` line per alias, in name order. */
export function aliasLines(aliases: Readonly<Record<string, string>>): string {
  return sortedKeys(aliases)
    .map((k) => `alias ${k} ${escapeShellArg(aliases[k]!)}`)
    .join("\n");
}

/** An enabled binding with neither a command nor `erase` (Home Manager's type check of `command` refuses it). */
export class MissingBindCommand extends Error {
  constructor(readonly bind: string) {
    super(
      `A definition for option \`programs.fish.binds.${bind}.command' is not of type ` +
        "`string or list of string (optional when erase is set to true)'. Definition values: null",
    );
  }
}

/** The `bind` lines of the enabled key bindings (an erase line first when `erase` is set). */
export function bindLines(binds: Readonly<Record<string, FishBind>>): string {
  const out: string[] = [];
  for (const k of sortedKeys(binds)) {
    const b = binds[k]!;
    if (!b.enable) continue;
    const key = b.name ?? k;
    const opts = [
      ...(b.silent ? ["-s"] : []),
      ...(b.operate !== null ? [`--${b.operate}`] : []),
      ...(b.mode !== null ? ["--mode", b.mode] : []),
      ...(b.setsMode !== null ? ["--sets-mode", b.setsMode] : []),
    ];
    if (b.command === null && !b.erase) throw new MissingBindCommand(k);
    if (b.erase) out.push(["bind", "-e", ...opts, key].join("  "));
    if (b.command !== null)
      out.push(["bind", ...opts, key, ...toList(b.command).map(escapeShellArg), ...(b.repaint ? ["repaint"] : [])].join(" "));
  }
  return out.join("\n");
}

/** `functions/<name>.fish` before indenting: the header with its flags, the body, `end`. */
export function functionText(name: string, def: string | FishFunction): string {
  let modifiers = "";
  let body: string;
  if (typeof def === "string") body = def;
  else {
    const str = (n: string, v: string | number | null) => (v !== null ? [`--${n}="${String(v)}"`] : []);
    const names = def.argumentNames === null ? [] : [`--argument-names=${toList(def.argumentNames).join(" ")}`];
    const mods = [
      ...str("description", def.description),
      ...str("wraps", def.wraps),
      ...(def.onEvent === null ? [] : toList(def.onEvent).flatMap((e) => str("on-event", e))),
      ...str("on-variable", def.onVariable),
      ...str("on-job-exit", def.onJobExit),
      ...str("on-process-exit", def.onProcessExit),
      ...str("on-signal", def.onSignal),
      ...(def.noScopeShadowing ? ["--no-scope-shadowing"] : []),
      ...str("inherit-variable", def.inheritVariable),
      ...names,
    ];
    modifiers = ` ${mods.join(" ")}`;
    body = def.body;
  }
  return `function ${name}${modifiers}\n  ${body.replace(/\n$/, "")}\nend\n`;
}

/** `completions/<name>.fish` before indenting. */
export function completionText(def: string | { readonly body: string }): string {
  const body = typeof def === "string" ? def : def.body;
  return `${body.replace(/\n$/, "")}\n`;
}

/** `conf.d/plugin-<name>.fish` before indenting: adds the plugin's directories to fish's paths and sources its init files. */
export function pluginText(name: string, src: string): string {
  return `# Plugin ${name}
set -l plugin_dir ${src}

# Set paths to import plugin components
if test -d $plugin_dir/functions
  set fish_function_path $fish_function_path[1] $plugin_dir/functions $fish_function_path[2..-1]
end

if test -d $plugin_dir/completions
  set fish_complete_path $fish_complete_path[1] $plugin_dir/completions $fish_complete_path[2..-1]
end

# Source initialization code if it exists.
if test -d $plugin_dir/conf.d
  for f in $plugin_dir/conf.d/*.fish
    source $f
  end
end

if test -f $plugin_dir/key_bindings.fish
  source $plugin_dir/key_bindings.fish
end

if test -f $plugin_dir/init.fish
  source $plugin_dir/init.fish
end
`;
}

export interface ConfigParts {
  readonly sessionVarsFile: string;
  readonly sourceHandlers: string;
  readonly shellInit: string;
  readonly loginShellInit: string;
  readonly abbrs: string;
  readonly aliases: string;
  readonly interactiveShellInit: string;
  readonly shellInitLast: string;
}

/** `config.fish` before indenting. */
export function configText(p: ConfigParts): string {
  return `# ~/.config/fish/config.fish: DO NOT EDIT -- this file has been generated
# automatically by home-manager.

# Only execute this file once per shell.
set -q __fish_home_manager_config_sourced; and exit
set -g __fish_home_manager_config_sourced 1

source ${p.sessionVarsFile}

# Source handler functions
${p.sourceHandlers}

${p.shellInit}

status is-login; and begin

  # Login shell initialisation
  ${p.loginShellInit}

end

status is-interactive; and begin

  # Abbreviations
  ${p.abbrs}

  # Aliases
  ${p.aliases}

  # Interactive shell initialisation
  ${p.interactiveShellInit}

end

${p.shellInitLast}
`;
}

/** The snippet that puts the generated completions into `$fish_complete_path`, before the packages' own. */
export function completionPathSnippet(dataHome: string): string {
  return `# add completions generated by Home Manager to $fish_complete_path
begin
  set -l joined (string join " " $fish_complete_path)
  set -l prev_joined (string replace --regex "[^\\s]*generated_completions.*" "" $joined)
  set -l post_joined (string replace $prev_joined "" $joined)
  set -l prev (string split " " (string trim $prev_joined))
  set -l post (string split " " (string trim $post_joined))
  set fish_complete_path $prev "${dataHome}/fish/home-manager/generated_completions" $post
end
`;
}

/**
 * The build script making fish completions from a package's man pages, with
 * the generator fish carries (fish 4 embeds it; older ones ship it in their
 * data directory). Home Manager's script assumes a sandbox holding fish and
 * python; this one also runs on a host without them, making no completions
 * rather than failing the whole build.
 */
export const GENERATE_COMPLETIONS_SCRIPT = `mkdir -p $out
# The generator script is embedded in the fish binary, so extract it.
generator=$PWD/create_manpage_completions.py
if ! fish --no-config -c 'status get-file tools/create_manpage_completions.py' > "$generator" 2> /dev/null; then
  rm -f "$generator"
  data=$(fish --no-config -c 'echo $__fish_data_dir' 2> /dev/null || true)
  if [ -n "$data" ] && [ -f "$data/tools/create_manpage_completions.py" ]; then
    generator=$data/tools/create_manpage_completions.py
  fi
fi
python=$(command -v python || command -v python3 || true)
if [ -s "$generator" ] && [ -n "$python" ]; then
  for src in $srcs; do
    if [ -d $src/share/man ]; then
      find -L $src/share/man -type f -exec "$python" "$generator" --directory $out {} + > /dev/null || true
    fi
  done
fi
`;

/** The build script joining the completion directories, later ones overwriting earlier links. */
export const JOIN_COMPLETIONS_SCRIPT = `mkdir -p $out
for i in $paths; do
  if [ -z "$(find $i -prune -empty)" ]; then
    cp -srf $i/* $out
  fi
done

`;
