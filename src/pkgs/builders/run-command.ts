/**
 * `runCommand` and friends, run natively: the command runs in real bash when
 * the deferred store is flushed (after the evaluation succeeded), with `$out`
 * naming the entry to create, the derivation's attributes as environment
 * variables (as Nix passes them: `true` is "1", `false`/`null` empty, lists
 * joined by spaces, derivations as their out path), `passAsFile` attributes
 * as files named by `${attr}Path`, and the `bin/` of `nativeBuildInputs`,
 * `buildInputs` and their propagated variants put first on `PATH`. The shell
 * runs with `set -eu -o pipefail` as stdenv's does, from a fresh temporary
 * directory, after the stdenv functions of shell-prelude.ts (`runHook`,
 * `substituteInPlace`, `makeWrapper`, `wrapProgram`, …). A few commands that nixpkgs' format generators run
 * (`jq . "$valuePath" > $out`, `json2yaml`, `json2toml`, `cp "$valuePath"
 * "$out"`) are done natively, so they need none of those programs. A
 * failing command fails the flush with the derivation's name, exit code and
 * the last lines of its output. Unlike Nix there is no sandbox: the command
 * sees the host's programs and files. The command builds under a temporary
 * name; mentions of that name in the output (e.g. a wrapper naming its own
 * `$out`) are rewritten to the final store path afterwards. The results
 * have stdenv's `overrideAttrs` (new arguments merged over the old ones).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { safeStoreName } from "../../home/deferred-store.js";
import { NixError } from "../../nix/errors.js";
import { callFunction, forceAttrs } from "../../nix/ops.js";
import { force, isFunction, NixAttrs, type Lazy, type Value } from "../../nix/values.js";
import { withContext } from "../../module-system/nix-values.js";
import { formals, prim } from "../../lib/hm/prim.js";
import { jsonPretty } from "../formats/json-text.js";
import { jsonToToml } from "../formats/toml-emit.js";
import { jsonToYaml } from "../formats/yaml-emit.js";
import type { BuilderContext } from "./index.js";
import { ArgReader, makeDerivation, storeRefs } from "./derivation.js";
import { SHELL_PRELUDE } from "./shell-prelude.js";

/** A build step that failed (the flush of the deferred store stops with it). */
export class BuilderError extends Error {
  override name = "BuilderError";
}

/** Attributes that shape the result rather than the builder's environment. */
const NOT_ENV = new Set(["meta", "passthru", "pos", "passAsFile", "__structuredAttrs"]);
const INPUT_ATTRS = ["nativeBuildInputs", "buildInputs", "propagatedBuildInputs", "propagatedNativeBuildInputs", "depsBuildBuild"];

export interface CommandSpec {
  readonly name: string;
  readonly command: string;
  /** Environment variables from the derivation attributes. */
  readonly env: Readonly<Record<string, string>>;
  /** Attributes passed as files (`${attr}Path`). */
  readonly passAsFile: readonly string[];
  /** Directories put first on PATH. */
  readonly path: readonly string[];
}

/** Commands done natively: the generator's input file text → the output file text. */
const NATIVE: readonly { re: RegExp; run: (input: string) => string }[] = [
  { re: /^jq \. "?\$valuePath"? ?> ?"?\$out"?$/, run: jsonPretty },
  { re: /^json2yaml "?\$valuePath"? "?\$out"?$/, run: jsonToYaml },
  { re: /^json2toml "?\$valuePath"? "?\$out"?$/, run: jsonToToml },
  { re: /^cp "?\$valuePath"? "?\$out"?$/, run: (s) => s },
];

function nativeStep(spec: CommandSpec): ((tmp: string) => void) | undefined {
  const cmd = spec.command.trim();
  if (!spec.passAsFile.includes("value") || spec.env["value"] === undefined) return undefined;
  const found = NATIVE.find((n) => n.re.test(cmd));
  if (found === undefined) return undefined;
  const input = spec.env["value"];
  return (tmp) => {
    let text: string;
    try {
      text = found.run(input);
    } catch (e) {
      throw new BuilderError(`builder for '${spec.name}' failed: ${(e as Error).message}`);
    }
    fs.writeFileSync(tmp, text, { mode: 0o644 });
  };
}

function lastLines(text: string, n: number): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return lines
    .slice(-n)
    .map((l) => `> ${l}`)
    .join("\n");
}

/**
 * The store path a temporary build entry will be renamed to (the private
 * store names it `.tmp-<pid>-<random>-<hash part>`), or undefined.
 */
export function finalPathOf(tmp: string, name: string): string | undefined {
  const m = /^\.tmp-\d+-[0-9a-f]+-([0-9a-z]{32})$/.exec(path.basename(tmp));
  return m === null ? undefined : path.join(path.dirname(tmp), `${m[1]!}-${safeStoreName(name)}`);
}

/** Replace `from` by `to` in the files and link targets under `root` (outputs that name their own `$out`). */
export function rewriteReferences(root: string, from: string, to: string): void {
  const st = fs.lstatSync(root);
  if (st.isSymbolicLink()) {
    const target = fs.readlinkSync(root);
    if (target.includes(from)) {
      fs.unlinkSync(root);
      fs.symlinkSync(target.split(from).join(to), root);
    }
  } else if (st.isDirectory()) {
    for (const n of fs.readdirSync(root)) rewriteReferences(path.join(root, n), from, to);
  } else if (st.isFile()) {
    const data = fs.readFileSync(root);
    if (data.includes(from)) {
      fs.chmodSync(root, st.mode | 0o200);
      fs.writeFileSync(root, data.toString("latin1").split(from).join(to), "latin1");
      fs.chmodSync(root, st.mode);
    }
  }
}

/** Run the command of `spec` into `out` (which must not exist yet). */
export function runBuild(spec: CommandSpec, out: string, shell: string, storeDir: string): void {
  const native = nativeStep(spec);
  if (native !== undefined) return native(out);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hm-build-"));
  try {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.env)) {
      if (spec.passAsFile.includes(k)) {
        const file = path.join(dir, `.attr-${k}`);
        fs.writeFileSync(file, v);
        env[`${k}Path`] = file;
      } else env[k] = v;
    }
    const script = path.join(dir, ".builder.sh");
    fs.writeFileSync(script, `${SHELL_PRELUDE}set -eu\nset -o pipefail\n${spec.command}\n`);
    const hostPath = process.env["PATH"] ?? "/usr/bin:/bin";
    Object.assign(env, {
      out,
      name: spec.name,
      SHELL: shell,
      PATH: [...spec.path, hostPath].join(":"),
      // Not /homeless-shelter itself: a command that writes to $HOME would create it, and Nix refuses to build while it exists.
      HOME: path.join(dir, "homeless-shelter"),
      NIX_BUILD_TOP: dir,
      TMPDIR: dir,
      TMP: dir,
      TEMP: dir,
      TEMPDIR: dir,
      NIX_STORE: storeDir,
      NIX_BUILD_CORES: "1",
    });
    const r = spawnSync(shell, [script], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error !== undefined) throw new BuilderError(`builder for '${spec.name}' could not start '${shell}': ${r.error.message}`);
    if (r.status !== 0) {
      const how = r.status === null ? `was killed by signal ${r.signal ?? "?"}` : `failed with exit code ${r.status}`;
      const log = `${r.stdout}${r.stderr}`;
      const tail = log.trim() === "" ? "" : `;\nlast lines of its output:\n${lastLines(log, 25)}`;
      throw new BuilderError(`builder for '${spec.name}' ${how}${tail}`);
    }
    if (fs.lstatSync(out, { throwIfNoEntry: false }) === undefined)
      throw new BuilderError(`builder for '${spec.name}' failed to produce output path for output 'out'`);
    const final = finalPathOf(out, spec.name);
    if (final !== undefined) rewriteReferences(out, out, final);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The directories a build input puts on `PATH`, as nixpkgs' stdenv chooses
 * them: the input's spliced variant for the build's platform
 * (`__spliced.buildHost` for native inputs, `hostTarget` otherwise) when it
 * has one, then — unless an output was picked (`outputSpecified`) — its `bin`
 * and `out` outputs, then the value itself.
 */
function inputDirs(v: Value, native: boolean): Value[] {
  if (!(v instanceof NixAttrs)) return [v];
  let pkg: Value = v;
  const spliced = v.get("__spliced");
  if (spliced !== undefined) {
    const s = force(spliced);
    const pick = s instanceof NixAttrs ? s.get(native ? "buildHost" : "hostTarget") : undefined;
    if (pick !== undefined) pkg = force(pick);
  }
  if (!(pkg instanceof NixAttrs)) return [pkg];
  const specified = pkg.get("outputSpecified");
  if (specified !== undefined && force(specified) === true) return [pkg];
  const outs: Value[] = [];
  for (const o of ["bin", "out"]) {
    const x = pkg.get(o);
    if (x !== undefined) outs.push(force(x));
  }
  return [...outs, pkg];
}

/** The environment, passAsFile list and PATH of a set of derivation arguments. */
export function commandSpec(ctx: BuilderContext, name: string, command: string, args: NixAttrs): CommandSpec {
  const r = new ArgReader(ctx.st);
  const env: Record<string, string> = {};
  for (const key of args.sortedNames()) {
    if (NOT_ENV.has(key)) continue;
    env[key] = withContext(`while evaluating the attribute '${key}' of the derivation '${name}'`, () => r.envValue(args.get(key)!));
  }
  const pathDirs: string[] = [];
  for (const a of INPUT_ATTRS)
    for (const p of r.list(args, a)) {
      const v = force(p);
      if (v === null) continue;
      for (const d of inputDirs(v, a.toLowerCase().includes("native") || a === "depsBuildBuild")) {
        const dir = `${r.interp(d)}/bin`;
        if (!pathDirs.includes(dir)) pathDirs.push(dir);
      }
    }
  const passAsFile = r.list(args, "passAsFile").map((p) => r.text(p));
  return { name, command, env: { ...env, buildCommand: command }, passAsFile: [...passAsFile, "buildCommand"], path: pathDirs };
}

/** Name the output of a command in the deferred store (its description is the whole spec). */
export function commandOutPath(ctx: BuilderContext, spec: CommandSpec): string {
  const refs = storeRefs(ctx.store.storeDir, [...Object.values(spec.env), ...spec.path]);
  const description = { kind: "runCommand", spec, shell: ctx.runtimeShell };
  return ctx.store.add(spec.name, description, (tmp) => runBuild(spec, tmp, ctx.runtimeShell, ctx.store.storeDir), refs);
}

/**
 * `runCommandWith { name, derivationArgs, … } buildCommand` as a derivation:
 * its attributes are those of `derivationArgs` plus `name`, and its
 * `meta`/`passthru` come from them.
 */
export function runCommandDrv(ctx: BuilderContext, name: string, args: NixAttrs, command: string, runLocal: boolean): NixAttrs {
  const extra: Record<string, Lazy> = {};
  for (const [k, v] of args.map) if (k !== "meta" && k !== "passthru") extra[k] = v;
  if (runLocal) {
    extra["preferLocalBuild"] ??= true;
    extra["allowSubstitutes"] ??= false;
  }
  extra["buildCommand"] = command;
  extra["overrideAttrs"] = prim(`${name}.overrideAttrs`, 1, ([f]) => overrideCommand(ctx, args, name, command, runLocal, f!));
  return makeDerivation({
    name,
    outPath: () => commandOutPath(ctx, commandSpec(ctx, name, command, args)),
    meta: args.get("meta"),
    passthru: args.get("passthru"),
    extra,
  });
}

/**
 * `drv.overrideAttrs f` of a command derivation, as stdenv's: `f` (or
 * `final: prev: …`, given the old attributes twice) gets the old arguments
 * with `name` and `buildCommand`, and its result is merged over them.
 */
function overrideCommand(ctx: BuilderContext, args: NixAttrs, name: string, command: string, runLocal: boolean, f: Lazy): Value {
  const before = new Map<string, Lazy>(args.map);
  before.set("name", name);
  before.set("buildCommand", command);
  const old = new NixAttrs(before);
  const fv = force(f);
  let delta: Value = isFunction(fv) ? force(callFunction(fv, old)) : fv;
  if (isFunction(delta)) delta = force(callFunction(delta, old));
  const merged = new Map<string, Lazy>(before);
  for (const [k, v] of forceAttrs(delta).map) merged.set(k, v);
  const newName = nameOf(ctx, merged.get("name")!);
  const newCommand = new ArgReader(ctx.st).interp(merged.get("buildCommand")!);
  merged.delete("name");
  merged.delete("buildCommand");
  return runCommandDrv(ctx, newName, new NixAttrs(merged), newCommand, runLocal);
}

function nameOf(ctx: BuilderContext, l: Lazy): string {
  return new ArgReader(ctx.st).interp(l);
}

/** `runCommand`, `runCommandLocal`, `runCommandNoCC`, `runCommandCC`, `runCommandWith`. */
export function runCommandBuilders(ctx: BuilderContext): Record<string, Lazy> {
  const r = new ArgReader(ctx.st);
  const simple = (fname: string, local: boolean) =>
    prim(`pkgs.${fname}`, 3, ([n, env, cmd]) => runCommandDrv(ctx, nameOf(ctx, n!), forceAttrs(env!), r.interp(cmd!), local));
  return {
    runCommand: simple("runCommand", false),
    runCommandLocal: simple("runCommandLocal", true),
    runCommandNoCC: simple("runCommandNoCC", false),
    runCommandNoCCLocal: simple("runCommandNoCCLocal", true),
    runCommandCC: simple("runCommandCC", false),
    runCommandWith: prim("pkgs.runCommandWith", 2, ([o, cmd]) => {
      const a = formals(o!, "runCommandWith", ["name", "stdenv?", "runLocal?", "derivationArgs?"]);
      const local = r.bool(a, "runLocal", false);
      return runCommandDrv(ctx, nameOf(ctx, a.get("name")!), r.attrs(a, "derivationArgs"), r.interp(cmd!), local);
    }),
  };
}

/** Force a value and check it is a set (for error messages naming the builder). */
export function expectAttrs(fname: string, l: Lazy): NixAttrs {
  const v: Value = force(l);
  if (!(v instanceof NixAttrs)) throw new NixError("type", `${fname}: expected a set of arguments`);
  return v;
}
