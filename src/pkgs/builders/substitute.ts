/**
 * Text substitution builders, done natively at flush time: `replaceVars src
 * { name = value; }` / `replaceVarsWith` (every `@name@` must occur; a `null`
 * value keeps `@name@` and exempts it from the final check; any other
 * `@identifier@` left over fails the build, as nixpkgs' check phase does),
 * `substitute { src, substitutions = [ "--replace-fail" a b … ]; }` (the
 * stdenv `substitute` flags) and the older `substituteAll` (every argument
 * named `@arg@` is replaced, nothing is checked).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NixError } from "../../nix/errors.js";
import { forceAttrs } from "../../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../../nix/values.js";
import { prim } from "../../lib/hm/prim.js";
import type { BuilderContext } from "./index.js";
import { ArgReader, makeDerivation, storeRefs } from "./derivation.js";
import { BuilderError } from "./run-command.js";

type Step = { kind: "replace"; from: string; to: string; mode: "fail" | "warn" | "quiet" };

function readSource(name: string, src: string): string {
  try {
    return fs.readFileSync(src, "utf8");
  } catch {
    throw new BuilderError(`builder for '${name}' failed: cannot read '${src}'`);
  }
}

function applySteps(name: string, src: string, text: string, steps: readonly Step[], warn: (m: string) => void): string {
  let out = text;
  for (const s of steps) {
    if (!out.includes(s.from)) {
      const msg = `substituteStream() in derivation ${name}: ${s.mode === "fail" ? "ERROR" : "WARNING"}: pattern ${s.from} doesn't match anything in file '${src}'`;
      if (s.mode === "fail") throw new BuilderError(msg);
      if (s.mode === "warn") warn(msg);
    }
    out = out.split(s.from).join(s.to);
  }
  return out;
}

interface SubstSpec {
  readonly name: string;
  readonly src: string;
  readonly steps: readonly Step[];
  /** Names exempt from the leftover check; undefined: no check. */
  readonly check?: readonly string[];
  readonly dir?: string;
  readonly executable: boolean;
}

function substituted(ctx: BuilderContext, spec: SubstSpec): string {
  const build = (tmp: string) => {
    const text = applySteps(spec.name, spec.src, readSource(spec.name, spec.src), spec.steps, (m) => ctx.st.warn(m));
    const target = spec.dir === undefined ? tmp : path.join(tmp, spec.dir, spec.name);
    if (spec.check !== undefined) {
      const exempt = new Set(spec.check);
      const left = [...text.matchAll(/@([a-zA-Z_][0-9A-Za-z_'-]*)@/g)].filter((m) => !exempt.has(m[1]!)).map((m) => m[0]);
      if (left.length > 0)
        throw new BuilderError(
          `builder for '${spec.name}' failed:\nThe following look like unsubstituted Nix identifiers that remain in ${target}:\n${left.join("\n")}\nUse the more precise \`substitute\` function if this check is in error.`,
        );
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, { mode: spec.executable ? 0o755 : 0o644 });
  };
  return ctx.store.add(
    spec.name,
    { kind: "substitute", ...spec },
    build,
    storeRefs(ctx.store.storeDir, [spec.src, ...spec.steps.map((s) => s.to)]),
  );
}

function baseName(p: string): string {
  return path.posix.basename(p.replace(/\/+$/, ""));
}

function replaceVarsWith(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = forceAttrs(arg);
  for (const forced of ["doCheck", "dontUnpack", "preferLocalBuild", "allowSubstitutes", "buildPhase", "checkPhase"])
    if (a.has(forced))
      throw new NixError(
        "throw",
        "Passing any of allowSubstitutes, buildPhase, checkPhase, doCheck, dontUnpack, preferLocalBuild to replaceVarsWith is not supported.",
      );
  const src = () => r.text(a.get("src")!);
  const name = a.has("name") ? r.interp(a.get("name")!) : baseName(r.text(a.get("src")!));
  const extra: Record<string, Lazy> = {};
  for (const [k, v] of a.map) if (k !== "replacements" && k !== "meta" && k !== "passthru") extra[k] = v;
  return makeDerivation({
    name,
    meta: a.get("meta"),
    passthru: a.get("passthru"),
    extra,
    outPath: () => {
      const repl = forceAttrs(a.get("replacements")!);
      const steps: Step[] = [];
      const leftOvers: string[] = [];
      for (const n of repl.sortedNames()) {
        const v = force(repl.get(n)!);
        if (v === null) leftOvers.push(n);
        steps.push({ kind: "replace", from: `@${n}@`, to: v === null ? `@${n}@` : r.interp(v), mode: "fail" });
      }
      const dirL = a.get("dir");
      const dir = dirL === undefined || force(dirL) === null ? undefined : r.interp(dirL);
      return substituted(ctx, { name, src: src(), steps, check: leftOvers, dir, executable: r.bool(a, "isExecutable", false) });
    },
  });
}

/** The stdenv `substitute` flags as steps (`--subst-var` reads the other arguments). */
function parseSubstitutions(r: ArgReader, a: NixAttrs, args: readonly string[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const need = (n: number) => {
      if (i + n >= args.length) throw new BuilderError(`substitute: '${flag}' needs ${n} arguments`);
    };
    if (flag === "--replace" || flag === "--replace-fail" || flag === "--replace-warn" || flag === "--replace-quiet") {
      need(2);
      const mode = flag === "--replace-fail" ? "fail" : flag === "--replace-quiet" ? "quiet" : "warn";
      steps.push({ kind: "replace", from: args[i + 1]!, to: args[i + 2]!, mode });
      i += 2;
    } else if (flag === "--subst-var") {
      need(1);
      const v = args[i + 1]!;
      const val = a.get(v);
      if (val === undefined) throw new BuilderError(`substitute: variable '${v}' is unset`);
      steps.push({ kind: "replace", from: `@${v}@`, to: r.envValue(val), mode: "quiet" });
      i += 1;
    } else if (flag === "--subst-var-by") {
      need(2);
      steps.push({ kind: "replace", from: `@${args[i + 1]!}@`, to: args[i + 2]!, mode: "quiet" });
      i += 2;
    } else throw new BuilderError(`substitute: unknown option '${flag}'`);
  }
  return steps;
}

function substitute(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = forceAttrs(arg);
  const name = a.has("name") ? r.interp(a.get("name")!) : baseName(r.text(a.get("src")!));
  return makeDerivation({
    name,
    meta: a.get("meta"),
    passthru: a.get("passthru"),
    outPath: () => {
      const subs = r.list(a, "substitutions").map((s) => r.interp(s));
      return substituted(ctx, {
        name,
        src: r.text(a.get("src")!),
        steps: parseSubstitutions(r, a, subs),
        executable: r.bool(a, "isExecutable", false),
      });
    },
  });
}

function substituteAll(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = forceAttrs(arg);
  const name = a.has("name") ? r.interp(a.get("name")!) : baseName(r.text(a.get("src")!));
  return makeDerivation({
    name,
    meta: a.get("meta"),
    outPath: () => {
      const steps: Step[] = [];
      for (const n of a.sortedNames()) {
        if (["src", "meta", "passthru", "name"].includes(n) || !/^[a-zA-Z_][0-9A-Za-z_]*$/.test(n)) continue;
        steps.push({ kind: "replace", from: `@${n}@`, to: r.envValue(a.get(n)!), mode: "quiet" });
      }
      const dirL = a.get("dir");
      const dir = dirL === undefined ? undefined : r.interp(dirL);
      return substituted(ctx, { name, src: r.text(a.get("src")!), steps, dir, executable: r.bool(a, "isExecutable", false) });
    },
  });
}

/** The substitution builders, by attribute name of `pkgs`. */
export function substituteBuilders(ctx: BuilderContext): Record<string, Lazy> {
  return {
    replaceVars: prim("pkgs.replaceVars", 2, ([src, repl]) =>
      replaceVarsWith(
        ctx,
        new NixAttrs(
          new Map([
            ["src", src!],
            ["replacements", repl!],
          ]),
        ),
      ),
    ),
    replaceVarsWith: prim("pkgs.replaceVarsWith", 1, ([a]) => replaceVarsWith(ctx, a!)),
    substitute: prim("pkgs.substitute", 1, ([a]) => substitute(ctx, a!)),
    substituteAll: prim("pkgs.substituteAll", 1, ([a]) => substituteAll(ctx, a!)),
  };
}
