/**
 * `build`: a `HomeGeneration` becomes a generation directory in the private
 * store, `<store>/<hash>-home-manager-generation`, laid out as Home Manager's:
 * `activate` (the activation script, its own path substituted for
 * `@GENERATION_DIR@`), `bin/home-manager-generation` (a link to it),
 * `gen-version` (`1`), `hm-version`, `home-files` and `home-path` (links to
 * the link farm and the merged packages, whose `etc/profile.d/
 * hm-session-vars.sh` holds the session variables), `extra-dependencies` and,
 * for each specialisation, `specialisation/<name>` (a link to its own
 * generation, built first).
 * Every part is named after its inputs, so building an unchanged
 * configuration writes nothing and returns the same path.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { which as findProgram } from "../util/which.js";
import { activationScript, GENERATION_DIR_PLACEHOLDER } from "../activation/activate-script.js";
import { builtinEntries, BUILTIN_NAMES, type ActivationEntry } from "../activation/builtin-entries.js";
import { helperCommand } from "../activation/helper.js";
import type { HomeStore } from "../store/home-store.js";
import { GENERATION_NAME } from "../store/state-paths.js";
import { linkSpecs, relativeTarget, type LinkSpec } from "./file-specs.js";
import { BuildError, DEFAULT_HM_VERSION, type HomeGeneration } from "./home-config.js";
import { buildHomeFiles, farmReferences } from "./home-files.js";
import { buildHomePath } from "./home-path.js";
import { sessionVarsText } from "./session-vars.js";

const GENERATION_VERSION = "hm-ts-generation-1";

/** Tools the activation script and its snippets rely on (bash, coreutils, diffutils, findutils, grep, sed, ncurses). */
const ACTIVATION_TOOLS = ["bash", "ln", "readlink", "mkdir", "mv", "rm", "id", "cmp", "diff", "find", "grep", "sed", "tput"];

type Env = Readonly<Record<string, string | undefined>>;

export interface BuildOptions {
  readonly store: HomeStore;
  /** The environment whose PATH locates bash, coreutils, … for the activation script. */
  readonly env: Env;
  /** Build-time warnings (file conflicts). */
  readonly warn: (s: string) => void;
  /** The activation helper command (default: this installation's). */
  readonly helper?: readonly string[];
}

export interface BuiltGeneration {
  readonly path: string;
  readonly homeFiles: string;
  readonly homePath: string;
  readonly profileDirectory: string;
}

/** First executable `name` on the PATH. */
export function which(name: string, env: Env): string | undefined {
  return findProgram(name, env.PATH ?? "/usr/bin:/bin");
}

function checkBasics(g: HomeGeneration): void {
  if (typeof g.username !== "string" || g.username === "") throw new BuildError("home.username must be set");
  if (typeof g.homeDirectory !== "string" || !path.isAbsolute(g.homeDirectory))
    throw new BuildError(`home.homeDirectory must be an absolute path, not '${String(g.homeDirectory)}'`);
  if (typeof g.stateVersion !== "string" || !/^\d{2}\.\d{2}$/.test(g.stateVersion))
    throw new BuildError(`home.stateVersion must be a release like "24.11", not '${String(g.stateVersion)}'`);
}

/** `lib.versionAtLeast` for `YY.MM` releases. */
function versionAtLeast(v: string, min: string): boolean {
  const [a1, a2] = v.split(".").map(Number);
  const [b1, b2] = min.split(".").map(Number);
  return a1! > b1! || (a1 === b1 && a2! >= b2!);
}

/** User and module entries plus Home Manager's own, checked for clashes. */
function activationEntries(
  g: HomeGeneration,
  specs: readonly LinkSpec[],
  homeFiles: string,
  homePath: string,
  profileDirectory: string,
  configHomeRel: string,
  env: Env,
): ActivationEntry[] {
  const entries: ActivationEntry[] = [];
  const names = new Set<string>();
  for (const a of g.activation ?? []) {
    if (names.has(a.name)) throw new BuildError(`The option \`home.activation.${a.name}' is defined more than once.`);
    names.add(a.name);
    entries.push({ name: a.name, data: a.data, after: a.after ?? [], before: a.before ?? [] });
  }
  if (g.builtinActivation === false) return entries;
  for (const b of BUILTIN_NAMES)
    if (names.has(b))
      throw new BuildError(`The option \`home.activation.${b}' has conflicting definition values: it is defined by Home Manager.`);
  const systemdOn = g.systemd?.enable !== false;
  const systemctl = g.systemd?.systemctlPath ?? which("systemctl", env) ?? "/usr/bin/systemctl";
  return entries.concat(
    builtinEntries({
      homeDirectory: g.homeDirectory,
      homeFiles,
      homePath,
      files: specs.map((s) => ({
        target: s.target,
        source: s.source.kind === "path" ? s.source.path : `${homeFiles}/${s.target}`,
        onChange: s.onChange,
        force: s.force,
      })),
      profileDirectory,
      systemd: systemdOn ? { systemctlDir: path.dirname(systemctl), configHomeRel } : undefined,
    }),
  );
}

function binPath(g: HomeGeneration, env: Env): string[] {
  const dirs: string[] = [];
  for (const tool of ACTIVATION_TOOLS) {
    const p = which(tool, env);
    if (p !== undefined && !dirs.includes(path.dirname(p))) dirs.push(path.dirname(p));
  }
  for (const p of g.extraActivationPath ?? []) dirs.push(path.join(p, "bin"));
  return dirs;
}

/** Each specialisation built as a generation of its own: name → its path. */
function buildSpecialisations(g: HomeGeneration, opts: BuildOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(g.specialisations ?? {}).sort()) {
    if (name.includes("/") || name === "." || name === "..")
      throw new BuildError(`<name> in specialisation.<name> cannot contain a forward slash.`);
    out[name] = buildGeneration(g.specialisations![name]!, opts).path;
  }
  return out;
}

/** Build (or reuse) the generation for a configuration. */
export function buildGeneration(g: HomeGeneration, opts: BuildOptions): BuiltGeneration {
  checkBasics(g);
  const home = g.homeDirectory.replace(/\/+$/, "");
  const gen: HomeGeneration = { ...g, homeDirectory: home };
  const { store } = opts;
  const configHomeRel = g.xdgConfigHome === undefined ? ".config" : relativeTarget(home, g.xdgConfigHome);
  const profileDirectory = g.profileDirectory ?? `${home}/.nix-profile`;
  const specs = linkSpecs(store, gen, configHomeRel);
  const homeFiles = buildHomeFiles(store, specs, g.fileOverlapResolution ?? "ignore", opts.warn);
  const sessionVars = store.addTextTree("hm-session-vars.sh", { "etc/profile.d/hm-session-vars.sh": sessionVarsText(gen) });
  const homePath = buildHomePath(store, [...(g.packages ?? []), sessionVars], g.extraProfileCommands, g.packagePriorities);
  const bash = which("bash", opts.env) ?? "/bin/bash";
  const script = activationScript({
    bashPath: bash,
    binPath: binPath(g, opts.env),
    inheritPath: !(g.emptyActivationPath ?? versionAtLeast(g.stateVersion, "22.11")),
    storeDir: store.storeDir,
    helper: opts.helper ?? helperCommand(),
    username: g.username,
    homeDirectory: home,
    uid: g.uid ?? null,
    entries: activationEntries(gen, specs, homeFiles, homePath, profileDirectory, configHomeRel, opts.env),
  });
  const hmVersion = g.hmVersion ?? DEFAULT_HM_VERSION;
  const extraDependencies = g.extraDependencies ?? [];
  const specialisations = buildSpecialisations(g, opts);
  const out = store.outputPath(
    GENERATION_NAME,
    JSON.stringify({
      v: GENERATION_VERSION,
      script,
      hmVersion,
      homeFiles,
      homePath,
      extraDependencies,
      ...(Object.keys(specialisations).length > 0 ? { specialisations } : {}),
    }),
  );
  const references = [homeFiles, homePath, ...extraDependencies, ...farmReferences(specs), ...Object.values(specialisations)];
  store.installOutput(out, references, (tmp) => {
    fs.mkdirSync(path.join(tmp, "bin"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "activate"), script.split(GENERATION_DIR_PLACEHOLDER).join(out), { mode: 0o755 });
    fs.symlinkSync(`${out}/activate`, path.join(tmp, "bin/home-manager-generation"));
    fs.writeFileSync(path.join(tmp, "gen-version"), "1\n");
    fs.writeFileSync(path.join(tmp, "hm-version"), hmVersion + "\n");
    fs.symlinkSync(homeFiles, path.join(tmp, "home-files"));
    fs.symlinkSync(homePath, path.join(tmp, "home-path"));
    fs.writeFileSync(path.join(tmp, "extra-dependencies"), extraDependencies.join(" "));
    const names = Object.keys(specialisations);
    if (names.length > 0) fs.mkdirSync(path.join(tmp, "specialisation"));
    for (const n of names) fs.symlinkSync(specialisations[n]!, path.join(tmp, "specialisation", n));
  });
  return { path: out, homeFiles, homePath, profileDirectory };
}
