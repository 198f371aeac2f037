/**
 * From an evaluated configuration to the `HomeGeneration` the builder takes:
 * the user and paths, the enabled `home.file` entries in attribute order (a
 * disabled entry is skipped before its source is read, as Home Manager
 * filters before linking), packages and activation-path packages as store
 * paths, session variables with Nix's `toString` of floats, the activation
 * snippets of modules and the user (Home Manager's built-in steps are the
 * builder's), and the systemd switch settings. `systemd.user.systemctlPath`
 * is passed on only when the configuration set it: its default names the
 * package set's systemd, which the stub package set cannot provide. Each
 * `specialisation.<name>.configuration` becomes a generation of its own.
 */
import { forceAttrs } from "../nix/ops.js";
import { force, NixPath, NixString, type Lazy } from "../nix/values.js";
import { toJs, type AttrsView, type JsValue } from "../module-system/index.js";
import { selectPath } from "../module-system/nix-values.js";
import type { ActivationSnippet, HomeFileSpec, HomeGeneration, SessionValue } from "../build/home-config.js";
import type { DagEntry, HomeFileValue } from "../modules/index.js";
import { nixToString } from "../modules/module-kit.js";

/** Nix's `toString` of a float (six decimals, as C's `%f`). */
function floatText(x: number): string {
  return x.toFixed(6);
}

/** A session value, read from the Nix value so that floats keep their Nix spelling. */
function sessionValue(l: Lazy): SessionValue {
  const v = force(l);
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return floatText(v);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixPath) return v.path;
  return nixToString(toJs(v));
}

function sessionVariables(config: Lazy): Record<string, SessionValue> {
  const vars = forceAttrs(selectPath(config, ["home", "sessionVariables"]));
  const out: Record<string, SessionValue> = {};
  for (const name of vars.sortedNames()) out[name] = sessionValue(vars.get(name)!);
  return out;
}

function fileSpecs(files: Readonly<Record<string, HomeFileValue>>): HomeFileSpec[] {
  const specs: HomeFileSpec[] = [];
  for (const name of Object.keys(files)) {
    const f = files[name]!;
    if (!f.enable) continue;
    specs.push({
      name,
      target: f.target,
      source: nixToString(f.source as unknown as JsValue),
      executable: f.executable,
      recursive: f.recursive,
      onChange: f.onChange,
      force: f.force,
      ignorelinks: f.ignorelinks,
    });
  }
  return specs;
}

function activation(dag: Readonly<Record<string, DagEntry<string>>>): ActivationSnippet[] {
  return Object.keys(dag).map((name) => {
    const e = dag[name]!;
    return { name, data: e.data, after: [...e.after], before: [...e.before] };
  });
}

const paths = (xs: readonly JsValue[]): string[] => xs.map(nixToString);

/**
 * `home.packages` with the outputs `home.extraOutputsToInstall` names (`doc`,
 * `info`, …) of each package that has them, as buildEnv installs them.
 */
function packagePaths(xs: readonly JsValue[], extra: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of xs) {
    out.push(nixToString(x));
    if (extra.length === 0 || x === null || typeof x !== "object" || Array.isArray(x)) continue;
    const outputs = (x as AttrsView).outputs;
    if (!Array.isArray(outputs)) continue;
    for (const o of extra) {
      if (o === "out" || !(outputs as readonly JsValue[]).includes(o)) continue;
      const p = nixToString((x as AttrsView)[o] as JsValue);
      if (!out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** `meta.priority` of packages that set one (`lib.hiPrio`, `lib.lowPrio`), by out path; buildEnv's default is 5. */
function priorities(xs: readonly JsValue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) {
    if (x === null || typeof x !== "object" || Array.isArray(x)) continue;
    const meta = (x as AttrsView).meta;
    const prio = meta !== null && typeof meta === "object" && !Array.isArray(meta) ? (meta as AttrsView).priority : undefined;
    if (typeof prio === "number" && prio !== 5) out[nixToString(x)] = prio;
  }
  return out;
}

/** Priority of `mkOptionDefault`: an option at this priority still has its declared default. */
const OPTION_DEFAULT_PRIORITY = 1500;

/** `systemd.user.systemctlPath` when the configuration set it, else undefined. */
function systemctlPath(user: AttrsView, options: Lazy): string | undefined {
  const prio = force(selectPath(options, ["systemd", "user", "systemctlPath", "highestPrio"]));
  return typeof prio === "bigint" && prio < OPTION_DEFAULT_PRIORITY ? (user.systemctlPath as string) : undefined;
}

function stringLists(v: AttrsView): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(v)) out[k] = [...(v[k] as readonly string[])];
  return out;
}

/**
 * The generation of an evaluated configuration: `config` and `options` of
 * the evaluation result, as Nix values (already checked for unknown options).
 */
export function toGeneration(config: Lazy, options: Lazy): HomeGeneration {
  const cfg = toJs(config) as AttrsView;
  const home = cfg.home as AttrsView;
  const xdg = cfg.xdg as AttrsView;
  const user = (cfg.systemd as AttrsView).user as AttrsView;
  const systemdEnabled = user.enable === true;
  const ctl = systemdEnabled ? systemctlPath(user, options) : undefined;
  const version = home.version as AttrsView;
  return {
    username: home.username as string,
    homeDirectory: home.homeDirectory as string,
    stateVersion: home.stateVersion as string,
    uid: home.uid as number | null,
    hmVersion: version.full as string,
    files: fileSpecs(home.file as unknown as Readonly<Record<string, HomeFileValue>>),
    sessionVariables: sessionVariables(config),
    sessionPath: [...(home.sessionPath as readonly string[])],
    sessionSearchVariables: stringLists(home.sessionSearchVariables as AttrsView),
    sessionVariablesExtra: home.sessionVariablesExtra as string,
    packages: packagePaths(home.packages as readonly JsValue[], home.extraOutputsToInstall as readonly string[]),
    packagePriorities: priorities(home.packages as readonly JsValue[]),
    extraProfileCommands: home.extraProfileCommands as string,
    activation: activation(home.activation as unknown as Readonly<Record<string, DagEntry<string>>>),
    systemd: ctl === undefined ? { enable: systemdEnabled } : { enable: systemdEnabled, systemctlPath: ctl },
    extraActivationPath: paths(home.extraActivationPath as readonly JsValue[]),
    emptyActivationPath: home.emptyActivationPath as boolean,
    profileDirectory: home.profileDirectory as string,
    xdgConfigHome: xdg.configHome as string,
    extraDependencies: paths(home.extraDependencies as readonly JsValue[]),
    fileOverlapResolution: home.fileOverlapResolution as "ignore" | "error" | "override",
    specialisations: specialisations(config, options),
  };
}

/** `specialisation.<name>.configuration`, each as a generation (read with the main evaluation's `options`). */
function specialisations(config: Lazy, options: Lazy): Record<string, HomeGeneration> {
  const out: Record<string, HomeGeneration> = {};
  const value = forceAttrs(config).get("specialisation");
  if (value === undefined) return out;
  const set = forceAttrs(value);
  for (const name of set.sortedNames()) out[name] = toGeneration(selectPath(set.get(name)!, ["configuration"]), options);
  return out;
}
