/**
 * `dconf`: GNOME's settings database. `dconf.settings` (and, per named user
 * database, `dconf.databases.<db>`) maps a directory such as
 * `org/gnome/calculator` to keys whose values are GVariants
 * (`lib.hm.gvariant`). Each database becomes an INI keyfile (`[dir]` then
 * `key=<gvariant text>`) loaded at activation by the `dconfSettings` step
 * (after `installPackages`) with `dconf load /`, under `dbus-run-session`
 * when no session bus is around, and with `DCONF_PROFILE` for named
 * databases. The keys a generation manages are recorded as a JSON list in
 * the generation's `state/` directory, so keys dropped since the previous
 * generation are reset first. Off by default on Darwin.
 */
import { defineModule, mkIf, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import type { NixAttrs, PrimOp } from "../../nix/values.js";
import { call, lazy, prim, select, selectPath, str } from "../../module-system/nix-values.js";
import { callFn, isDeclared, libCall, nixToString, ty } from "../module-kit.js";

const FILE = "modules/misc/dconf.ts";

type Dirs = Readonly<Record<string, AttrsView>>;

interface Database {
  /** The `DCONF_PROFILE` file naming the user database, or null for the default one. */
  readonly profile: JsValue;
  /** The JSON list of managed keys (a store file). */
  readonly stateKeys: AttrsView;
  readonly settings: Dirs;
}

const gvariant = ty.hm<JsValue>("gvariant");

/** Bash helpers the cleanup script needs when `config.lib.bash.initHomeManagerLib` is not provided. */
const FALLBACK_BASH_LIB = `verboseEcho() { if [[ -v VERBOSE ]]; then echo "$*"; fi; }
run() { if [[ -v DRY_RUN ]]; then echo "$@"; else "$@"; fi; }`;

/** `key=<GVariant text>`, on Nix values directly (a float must stay a float). */
function mkKeyValue(lib: NixAttrs): PrimOp {
  const mkValue = selectPath(lib, ["hm", "gvariant", "mkValue"]);
  const concatStrings = select(lib, "concatStrings");
  return prim("dconf.mkKeyValue", 2, ([k, v]) => `${str(k!)}=${str(lazy(() => call(concatStrings, [lazy(() => call(mkValue, v!))])))}`);
}

function writeText(pkgs: AttrsView, name: string, text: string): AttrsView {
  return callFn(pkgs.writeText, name, text) as AttrsView;
}

/** The dconf key paths (`/dir/key`) of a database, in attribute order. */
export function dconfKeys(settings: Dirs): string[] {
  return Object.keys(settings).flatMap((dir) => Object.keys(settings[dir]!).map((key) => `/${dir}/${key}`));
}

/** The script that resets keys the previous generation managed and this one does not. */
function cleanupScript(bashLib: string, binPath: string): string {
  return `set -euo pipefail

${bashLib}

PATH=${binPath}\${PATH:+:}$PATH

oldState="$1"
newState="$2"

# Without the previous list of keys there is nothing to compare against.
if [[ ! -f $oldState ]]; then
  exit 0
fi

# Reset every key the old generation set and the new one does not.
jq -r -n \\
    --slurpfile old "$oldState" \\
    --slurpfile new "$newState" \\
    '($old[] - $new[])[]' \\
  | while read -r key; do
      verboseEcho "Resetting dconf key \\"$key\\""
      run $DCONF_DBUS_RUN_SESSION dconf reset "$key"
    done
`;
}

export const dconfModule = defineModule({
  file: FILE,
  path: "dconf",
  options: {
    enable: option({
      type: t.bool,
      default: (a) => ((((a.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin as boolean) ? false : true),
      defaultText: "!pkgs.stdenv.hostPlatform.isDarwin",
      visible: false,
      description:
        "Whether to apply dconf settings. On NixOS the system configuration needs `programs.dconf.enable = true` as well, " +
        "or activation reports a systemd error.",
    }),
    settings: option({
      type: t.attrsOf(t.attrsOf(gvariant)),
      default: {},
      example:
        '{ "org/gnome/calculator" = { button-mode = "programming"; show-thousands = true; base = 10; word-size = 64; ' +
        "window-position = lib.hm.gvariant.mkTuple [ 100 100 ]; }; }",
      description:
        "Keys to set in the dconf database, by directory. dconf is typed: a key whose schema type is, say, `uint32` (`u`) " +
        "needs `lib.hm.gvariant.mkUint32`, since a plain Nix integer is stored as an `int32` (`i`). " +
        "dconf2nix turns a `dconf dump` into this form.",
    }),
    databases: option({
      type: t.attrsOf(t.attrsOf(t.attrsOf(gvariant))),
      default: {},
      description: "Keys to set in named dconf user databases (`user-db:<name>`), each given like `dconf.settings`.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const stateKeys = (suffix: string, settings: Dirs) => writeText(pkgs, `dconf-keys${suffix}.json`, JSON.stringify(dconfKeys(settings)));
    const databases = (): Database[] => {
      const settings = cfg.settings as Dirs;
      const named = cfg.databases as Readonly<Record<string, Dirs>>;
      const out: Database[] = [];
      if (Object.keys(settings).length > 0) out.push({ profile: null, stateKeys: stateKeys("", settings), settings });
      for (const name of Object.keys(named))
        out.push({
          profile: writeText(pkgs, `dconf-profile-${name}`, `user-db:${name}\n`),
          stateKeys: stateKeys(`-${name}`, named[name]!),
          settings: named[name]!,
        });
      return out;
    };
    const iniText = (settings: Dirs): string => libCall(lib, "generators.toINI", { mkKeyValue: mkKeyValue(lib) }, settings) as string;
    const bashLib = (): string => {
      const hasLib = isDeclared(arg("options"), "lib") && isDeclared(config.get("lib"), "bash.initHomeManagerLib");
      return hasLib ? config.str("lib.bash.initHomeManagerLib") : FALLBACK_BASH_LIB;
    };
    const activation = (): string => {
      const dconf = nixToString(pkgs.dconf!);
      const dbus = nixToString(pkgs.dbus!);
      const binPath = libCall(lib, "makeBinPath", [pkgs.dconf, pkgs.jq]) as string;
      const cleanup = nixToString(callFn(pkgs.writeShellScript, "dconf-cleanup", cleanupScript(bashLib(), binPath)));
      return databases()
        .map((db) => {
          const ini = nixToString(writeText(pkgs, "hm-dconf.ini", iniText(db.settings)));
          const statePath = `state/${nixToString(db.stateKeys.name!)}`;
          const env = db.profile === null ? "" : `env DCONF_PROFILE=${nixToString(db.profile)}`;
          return `if [[ -v DBUS_SESSION_BUS_ADDRESS ]]; then
  export DCONF_DBUS_RUN_SESSION="${env}"
else
  export DCONF_DBUS_RUN_SESSION="${dbus}/bin/dbus-run-session --dbus-daemon=${dbus}/bin/dbus-daemon ${env}"
fi

if [[ -v oldGenPath ]]; then
  ${cleanup} \\
    "$oldGenPath/${statePath}" \\
    "$newGenPath/${statePath}"
fi

run $DCONF_DBUS_RUN_SESSION ${dconf}/bin/dconf load / < ${ini}

unset DCONF_DBUS_RUN_SESSION
`;
        })
        .join("");
    };
    return mkIf(() => cfg.enable && databases().length > 0, {
      // dconf keeps its databases in this directory; make sure it exists.
      'xdg.configFile."dconf/.keep".source': () => nixToString(writeText(pkgs, "keep", "")),
      "home.extraBuilderCommands": () =>
        "mkdir -p $out/state/\n" +
        databases()
          .map((db) => `ln -s ${nixToString(db.stateKeys)} $out/state/${nixToString(db.stateKeys.name!)}\n`)
          .join(""),
      "home.activation.dconfSettings": () => libCall(lib, "hm.dag.entryAfter", ["installPackages"], activation()),
    });
  },
});
