/**
 * `programs.mpv`: the mpv media player. Installs `finalPackage`: `package`,
 * or, when `scripts` or `extraMakeWrapperArgs` are given, `pkgs.mpv`
 * overridden with them (then `package` must stay at its default, an
 * assertion says so). Writes `$XDG_CONFIG_HOME/mpv/mpv.conf` from
 * `defaultProfiles` (one `profile=` line), `config` (`key=%N%value` lines,
 * N the length of the value, so values may hold any character) and
 * `profiles` (INI sections in the same syntax), each block followed by a
 * blank line, with an `include=` line per `includes` entry placed last;
 * `mpv/input.conf` from `bindings` (`KEY command` lines) then `extraInput`;
 * and `mpv/script-opts/<script>.conf` per `scriptOpts` entry (`key=value`).
 * Values are rendered as mpv reads them: Booleans `yes`/`no`, floats with
 * six decimals (Nix's `toString`), lists as one line per element. Floats
 * are told from integers by reading the options' Nix values, since the
 * typed view has plain numbers for both.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { selectPath } from "../../module-system/nix-values.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixAttrs, NixString, type Lazy } from "../../nix/values.js";
import { callNix, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/mpv.ts";

/** One mpv value: a `bigint` is a Nix integer, a `number` a Nix float. */
export type MpvAtom = string | boolean | bigint | number;
/** A setting: one value, or a list giving the key once per element. */
export type MpvSetting = MpvAtom | readonly MpvAtom[];
export type MpvSettings = Readonly<Record<string, MpvSetting>>;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A value as mpv's config files spell it. */
export function mpvAtomText(v: MpvAtom): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatToString(v);
  return v;
}

/** A value in mpv.conf's length-prefixed form: `%<length>%<value>`. */
export function mpvQuoted(v: MpvAtom): string {
  const text = mpvAtomText(v);
  return `%${Buffer.byteLength(text, "utf8")}%${text}`;
}

/** `key=value` lines in key order (a list repeats the key), each ending in a newline; `=` in keys escaped. */
export function mpvKeyValues(settings: MpvSettings, render: (v: MpvAtom) => string): string {
  let out = "";
  for (const k of Object.keys(settings).sort(byCodeUnits)) {
    const v = settings[k]!;
    const key = k.replace(/=/g, "\\=");
    for (const x of Array.isArray(v) ? (v as readonly MpvAtom[]) : [v as MpvAtom]) out += `${key}=${render(x)}\n`;
  }
  return out;
}

/** Profiles as INI sections (`[name]` then its lines), sections in name order, separated by blank lines. */
export function mpvProfilesText(profiles: Readonly<Record<string, MpvSettings>>): string {
  return Object.keys(profiles)
    .sort(byCodeUnits)
    .map((name) => `[${name.replace(/[[\]]/g, (c) => `\\${c}`)}]\n${mpvKeyValues(profiles[name]!, mpvQuoted)}`)
    .join("\n");
}

/** The generated part of mpv.conf (before any `include=` lines). */
export function mpvConfText(
  defaultProfiles: readonly string[],
  config: MpvSettings,
  profiles: Readonly<Record<string, MpvSettings>>,
): string {
  const head = defaultProfiles.length > 0 ? mpvKeyValues({ profile: defaultProfiles.join(",") }, mpvQuoted) : "";
  const body = Object.keys(config).length > 0 ? mpvKeyValues(config, mpvQuoted) : "";
  const tail = Object.keys(profiles).length > 0 ? mpvProfilesText(profiles) : "";
  return `${head}\n${body}\n${tail}\n`;
}

/** input.conf lines for `bindings`, in key order, without a final newline. */
export function mpvBindingsText(bindings: Readonly<Record<string, string>>): string {
  return Object.keys(bindings)
    .sort(byCodeUnits)
    .map((k) => `${k} ${bindings[k]!}`)
    .join("\n");
}

/** A Nix value of the mpv option types as TypeScript data keeping the int/float distinction. */
function fromNix(l: Lazy): unknown {
  const v = force(l);
  if (v instanceof NixString) return v.s;
  if (Array.isArray(v)) return (v as readonly Lazy[]).map(fromNix);
  if (v instanceof NixAttrs) return Object.fromEntries(v.sortedNames().map((n) => [n, fromNix(v.get(n)!)]));
  return v;
}

const mpvAtomType = t.either(t.str, t.either(t.int, t.either(t.bool, t.float)));
const mpvSettingsType = t.attrsOf(t.either(mpvAtomType, t.listOf(mpvAtomType)));

function makeMpv(a: EvalArgs) {
  /** The Nix value of an option below `programs.mpv`, converted. */
  const raw = <T>(name: string) => fromNix(selectPath(a.config, ["programs", "mpv", name])) as T;
  return defineModule({
    file: FILE,
    path: "programs.mpv",
    options: {
      enable: mkEnableOption("mpv"),
      package: mkPackageOption("mpv", {
        extraDescription:
          "Leave it at its default to use `scripts` or `extraMakeWrapperArgs`, which override `pkgs.mpv` " +
          "(e.g. `pkgs.mpv-unwrapped.wrapper { mpv = …; youtubeSupport = true; }` for a custom build).",
      }),
      finalPackage: option({
        type: t.package,
        readOnly: true,
        visible: false,
        description: "The mpv that is installed: `package`, or `pkgs.mpv` with `scripts` and `extraMakeWrapperArgs`.",
      }),
      scripts: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.mpvScripts.mpris ]",
        description: "Scripts that mpv loads (passed to `pkgs.mpv.override`).",
      }),
      extraMakeWrapperArgs: option({
        type: t.listOf(t.str),
        default: [],
        example: '[ "--prefix" "LD_LIBRARY_PATH" ":" (lib.makeLibraryPath [ pkgs.libaacs pkgs.libbluray ]) ]',
        description: "More arguments for `makeWrapper` when building the mpv wrapper (passed to `pkgs.mpv.override`).",
      }),
      scriptOpts: option({
        type: t.attrsOf(mpvSettingsType),
        default: {},
        example: { osc: { scalewindowed: 2.5, vidscale: false, visibility: "always" } },
        description:
          "Options of scripts, by script name, each written to {file}`$XDG_CONFIG_HOME/mpv/script-opts/<name>.conf`. " +
          "{manpage}`mpv(1)` documents those of the built-in scripts.",
      }),
      config: option({
        type: mpvSettingsType,
        default: {},
        example: { profile: "gpu-hq", "force-window": true, "ytdl-format": "bestvideo+bestaudio", "cache-default": 4000000 },
        description: "Settings for {file}`$XDG_CONFIG_HOME/mpv/mpv.conf`; {manpage}`mpv(1)` lists them.",
      }),
      includes: option({
        type: t.listOf(t.str),
        default: [],
        example: '[ "~/path/to/config.inc" "~~/conditional.inc" ]',
        description: "Files that mpv.conf includes, at its end. mpv's path prefixes (https://mpv.io/manual/stable/#paths) work here.",
      }),
      profiles: option({
        type: t.attrsOf(mpvSettingsType),
        default: {},
        example: '{ fast = { vo = "vdpau"; }; "protocol.dvd" = { profile-desc = "profile for dvd:// streams"; alang = "en"; }; }',
        description: "Profiles written as sections of {file}`mpv.conf`, each with settings as in `programs.mpv.config`.",
      }),
      defaultProfiles: option({
        type: t.listOf(t.str),
        default: [],
        example: ["gpu-hq"],
        description: "Profiles applied at start; settings of `programs.mpv.config` take precedence over theirs.",
      }),
      bindings: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { WHEEL_UP: "seek 10", WHEEL_DOWN: "seek -10", "Alt+0": "set window-scale 0.5" },
        description: "Key bindings for {file}`$XDG_CONFIG_HOME/mpv/input.conf`, key to command; see {manpage}`mpv(1)`.",
      }),
      extraInput: option({
        type: t.lines,
        default: "",
        example: "esc         quit                        #! Quit\n#           script-binding uosc/video   #! Video tracks\n",
        description: "Lines added to {file}`$XDG_CONFIG_HOME/mpv/input.conf` after `bindings`.",
      }),
    },
    config: ({ cfg, pkgs }) => {
      const needsOverride = () => cfg.scripts.length > 0 || cfg.extraMakeWrapperArgs.length > 0;
      return mkIf(() => cfg.enable, {
        assertions: () => [
          {
            assertion: !needsOverride() || nixToString(cfg.package) === nixToString(pkgs.mpv as JsValue),
            message: 'The programs.mpv "package" option is mutually exclusive with "scripts", "extraMakeWrapperArgs" options.',
          },
        ],
        "programs.mpv.finalPackage": () =>
          needsOverride()
            ? callNix((pkgs.mpv as AttrsView).override, { scripts: cfg.scripts, extraMakeWrapperArgs: cfg.extraMakeWrapperArgs })
            : cfg.package,
        "home.packages": () => [cfg.finalPackage],
        "xdg.configFile": () => {
          const files: Record<string, unknown> = {};
          const hasConfig = Object.keys(cfg.config).length > 0 || Object.keys(cfg.profiles).length > 0;
          const confParts: unknown[] = [];
          if (cfg.includes.length > 0) confParts.push(mkAfter(cfg.includes.map((x) => `include=${x}`).join("\n")));
          if (hasConfig)
            confParts.push(mpvConfText(cfg.defaultProfiles, raw<MpvSettings>("config"), raw<Record<string, MpvSettings>>("profiles")));
          if (confParts.length > 0) files["mpv/mpv.conf"] = { text: mkMerge(confParts) };
          const hasBindings = Object.keys(cfg.bindings).length > 0;
          if (hasBindings || cfg.extraInput !== "") {
            const parts: string[] = [];
            if (hasBindings) parts.push(mpvBindingsText(cfg.bindings));
            if (cfg.extraInput !== "") parts.push(cfg.extraInput);
            files["mpv/input.conf"] = { text: mkMerge(parts) };
          }
          const opts = raw<Record<string, MpvSettings>>("scriptOpts");
          for (const name of Object.keys(opts)) files[`mpv/script-opts/${name}.conf`] = { text: mpvKeyValues(opts[name]!, mpvAtomText) };
          return files;
        },
      });
    },
  });
}

export const mpvModule = perEvaluation(FILE, makeMpv);
