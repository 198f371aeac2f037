/**
 * The text-writing builders of nixpkgs' trivial-builders, written natively
 * into the deferred store: `writeTextFile` (and `writeText`, `writeTextDir`,
 * `writeScript`, `writeScriptBin`, `writeShellScript`,
 * `writeShellScriptBin`), `writeShellApplication` (the script text exactly as
 * nixpkgs assembles it: shebang, `set -o` lines, `runtimeEnv` assignments,
 * the `PATH` line of `runtimeInputs`), `concatTextFile`/`concatText`/
 * `concatScript`, `emptyFile` and `emptyDirectory`. `meta` and `passthru`
 * are combined as nixpkgs combines them (`meta.mainProgram` for executables
 * in `/bin`). Check phases (`bash -n`, ShellCheck) are not run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NixError } from "../../nix/errors.js";
import { forceAttrs } from "../../nix/ops.js";
import { force, NixAttrs, NixString, type Lazy } from "../../nix/values.js";
import { call, lazy, select } from "../../module-system/nix-values.js";
import { attrs, formals, prim, update } from "../../lib/hm/prim.js";
import { escapeNixStringPlain } from "../../lib/strings-escape.js";
import type { BuilderContext } from "./index.js";
import { BuilderError } from "./run-command.js";
import { ArgReader, makeDerivation, storeRefs } from "./derivation.js";

const WRITE_TEXT_FILE_ARGS = [
  "name",
  "text",
  "executable?",
  "destination?",
  "checkPhase?",
  "meta?",
  "passthru?",
  "allowSubstitutes?",
  "preferLocalBuild?",
  "derivationArgs?",
];

function attrsOr(l: Lazy | undefined): NixAttrs {
  return l === undefined ? NixAttrs.empty : forceAttrs(l);
}

/** `writeTextFile { name, text, executable ? false, destination ? "", … }`. */
export function writeTextFile(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = formals(arg, "writeTextFile", WRITE_TEXT_FILE_ARGS);
  const name = r.interp(a.get("name")!);
  const executable = r.bool(a, "executable", false);
  const destination = r.optText(a, "destination", "");
  if (destination !== "" && (!destination.startsWith("/") || destination === "/"))
    throw new NixError(
      "throw",
      `destination must be an absolute path, relative to the derivation's out path,\ngot '${destination}' instead.\n\nEnsure that the path starts with a / and specifies at least the filename.\n`,
    );
  const dargs = attrsOr(a.get("derivationArgs"));
  const bin = /^\/bin\/([^/]+)$/.exec(destination);
  const meta = lazy(() => {
    const own = executable && bin !== null ? attrs({ mainProgram: bin[1]! }) : NixAttrs.empty;
    return update(update(own, attrsOr(a.get("meta"))), attrsOr(dargs.get("meta")));
  });
  const passthru = lazy(() => update(attrsOr(a.get("passthru")), attrsOr(dargs.get("passthru"))));
  const extra: Record<string, Lazy> = {
    text: a.get("text")!,
    executable,
    checkPhase: a.get("checkPhase") ?? "",
    allowSubstitutes: a.get("allowSubstitutes") ?? false,
    preferLocalBuild: a.get("preferLocalBuild") ?? true,
    passAsFile: ["text"],
  };
  for (const [k, v] of dargs.map) if (k !== "passAsFile" && k !== "meta" && k !== "passthru") extra[k] = v;
  return makeDerivation({
    name,
    extra,
    meta,
    passthru,
    outPath: () => {
      // A derivation attribute: numbers, Booleans and paths coerce as Nix passes them to the builder.
      const body = r.envValue(a.get("text")!);
      if (destination === "") return ctx.store.textFile(name, body, executable);
      return ctx.store.textTree(name, { [destination.slice(1)]: { text: body, executable } });
    },
  });
}

/** The text `writeShellApplication` writes (nixpkgs' layout, line for line). */
export function shellApplicationText(ctx: BuilderContext, a: NixAttrs): string {
  const r = new ArgReader(ctx.st);
  const options = a.has("bashOptions") ? r.list(a, "bashOptions").map((o) => r.interp(o)) : ["errexit", "nounset", "pipefail"];
  let text = `#!${ctx.runtimeShell}\n${options.map((o) => `set -o ${o}`).join("\n")}\n`;
  const envL = a.get("runtimeEnv");
  const env = envL === undefined ? null : force(envL);
  if (env !== null) {
    const set = forceAttrs(env);
    for (const n of set.sortedNames()) {
      const line = r.interp(call(select(ctx.lib, "toShellVar"), n, set.get(n)!));
      text += `${line}\nexport ${n}\n`;
    }
  }
  const inputs = r.list(a, "runtimeInputs");
  if (inputs.length > 0) {
    const binPath = r.interp(call(select(ctx.lib, "makeBinPath"), inputs));
    const inherit = r.bool(a, "inheritPath", true);
    text += `\nexport PATH="${binPath}${inherit ? ":$PATH" : ""}"\n`;
  }
  return `${text}\n${r.interp(a.get("text")!)}\n`;
}

const SHELL_APP_ARGS = [
  "name",
  "text",
  "runtimeInputs?",
  "runtimeEnv?",
  "meta?",
  "passthru?",
  "checkPhase?",
  "excludeShellChecks?",
  "extraShellCheckFlags?",
  "bashOptions?",
  "derivationArgs?",
  "inheritPath?",
];

function writeShellApplication(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const a = formals(arg, "writeShellApplication", SHELL_APP_ARGS);
  const name = a.get("name")!;
  const r = new ArgReader(ctx.st);
  return writeTextFile(
    ctx,
    attrs({
      name,
      meta: a.get("meta") ?? NixAttrs.empty,
      derivationArgs: a.get("derivationArgs") ?? NixAttrs.empty,
      executable: true,
      destination: lazy(() => `/bin/${r.interp(name)}`),
      allowSubstitutes: true,
      preferLocalBuild: false,
      text: lazy(() => shellApplicationText(ctx, a)),
      checkPhase: a.get("checkPhase") ?? "",
      passthru: a.get("passthru") ?? NixAttrs.empty,
    }),
  );
}

/** `writeText name text`, with nixpkgs' check and deprecation warning for non-strings. */
function writeText(ctx: BuilderContext, name: Lazy, text: Lazy): NixAttrs {
  const v = force(text);
  if (typeof v !== "string" && !(v instanceof NixString)) {
    const n = escapeNixStringPlain(new ArgReader(ctx.st).interp(name));
    const convertible = force(call(select(select(ctx.lib, "strings"), "isConvertibleWithToString"), v));
    const kind = force(call(select(ctx.lib, "typeOf"), v)) as string;
    if (convertible !== true)
      throw new NixError("throw", `pkgs.writeText ${n}: The second argument should be a string, but it's a ${kind} instead.`);
    ctx.st.evalWarn(
      `pkgs.writeText ${n}: The second argument should be a string, but it's a ${kind} instead, which is deprecated. Use \`toString\` to convert the value to a string first.`,
    );
  }
  return writeTextFile(ctx, attrs({ name, text }));
}

const CONCAT_ARGS = ["name", "files", "executable?", "destination?", "checkPhase?", "meta?", "passthru?"];

/** `concatTextFile { name, files, executable ? false, destination ? "" }`: the files' contents, one after another. */
function concatTextFile(ctx: BuilderContext, arg: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const a = formals(arg, "concatTextFile", CONCAT_ARGS);
  const name = r.interp(a.get("name")!);
  const executable = r.bool(a, "executable", false);
  const destination = r.optText(a, "destination", "");
  return makeDerivation({
    name,
    meta: a.get("meta"),
    passthru: a.get("passthru"),
    extra: { files: a.get("files")!, executable, destination },
    outPath: () => {
      const files = r.list(a, "files").map((f) => r.text(f));
      const build = (tmp: string) => {
        const target = tmp + destination;
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const parts = files.map((f) => {
          try {
            return fs.readFileSync(f);
          } catch {
            throw new BuilderError(`builder for '${name}' failed: cat: ${f}: No such file or directory`);
          }
        });
        fs.writeFileSync(target, Buffer.concat(parts), { mode: executable ? 0o755 : 0o644 });
      };
      return ctx.store.add(name, { kind: "concatTextFile", files, executable, destination }, build, storeRefs(ctx.store.storeDir, files));
    },
  });
}

/** The text builders, by attribute name of `pkgs`. */
export function textBuilders(ctx: BuilderContext): Record<string, Lazy> {
  const wtf = (fields: Record<string, Lazy>) => writeTextFile(ctx, attrs(fields));
  const shebang = (t: Lazy) => lazy(() => `#!${ctx.runtimeShell}\n${new ArgReader(ctx.st).interp(t)}\n`);
  return {
    writeTextFile: prim("pkgs.writeTextFile", 1, ([a]) => writeTextFile(ctx, a!)),
    writeText: prim("pkgs.writeText", 2, ([n, t]) => writeText(ctx, n!, t!)),
    writeTextDir: prim("pkgs.writeTextDir", 2, ([p, t]) => {
      const rel = new ArgReader(ctx.st).interp(p!);
      return wtf({ text: t!, name: rel.replace(/\/+$/, "").split("/").pop() ?? rel, destination: `/${rel}` });
    }),
    writeScript: prim("pkgs.writeScript", 2, ([n, t]) => wtf({ name: n!, text: t!, executable: true })),
    writeScriptBin: prim("pkgs.writeScriptBin", 2, ([n, t]) =>
      wtf({ name: n!, text: t!, executable: true, destination: lazy(() => `/bin/${new ArgReader(ctx.st).interp(n!)}`) }),
    ),
    writeShellScript: prim("pkgs.writeShellScript", 2, ([n, t]) => wtf({ name: n!, executable: true, text: shebang(t!) })),
    writeShellScriptBin: prim("pkgs.writeShellScriptBin", 2, ([n, t]) =>
      wtf({
        name: n!,
        executable: true,
        destination: lazy(() => `/bin/${new ArgReader(ctx.st).interp(n!)}`),
        text: shebang(t!),
        meta: attrs({ mainProgram: n! }),
      }),
    ),
    writeShellApplication: prim("pkgs.writeShellApplication", 1, ([a]) => writeShellApplication(ctx, a!)),
    concatTextFile: prim("pkgs.concatTextFile", 1, ([a]) => concatTextFile(ctx, a!)),
    concatText: prim("pkgs.concatText", 2, ([n, f]) => concatTextFile(ctx, attrs({ name: n!, files: f! }))),
    concatScript: prim("pkgs.concatScript", 2, ([n, f]) => concatTextFile(ctx, attrs({ name: n!, files: f!, executable: true }))),
    emptyFile: lazy(() =>
      makeDerivation({
        name: "empty-file",
        outPath: () => ctx.store.add("empty-file", { kind: "empty-file" }, (tmp) => fs.writeFileSync(tmp, "")),
      }),
    ),
    emptyDirectory: lazy(() =>
      makeDerivation({
        name: "empty-directory",
        outPath: () => ctx.store.add("empty-directory", { kind: "empty" }, (tmp) => fs.mkdirSync(tmp)),
      }),
    ),
  };
}

/** `writers.writeBash(Bin)` / `writeDash(Bin)`: scripts with the given interpreter. */
export function writers(ctx: BuilderContext, dash: string): NixAttrs {
  const r = new ArgReader(ctx.st);
  const script = (interp: string, bin: boolean) => (n: Lazy, t: Lazy) => {
    const name = r.interp(n);
    const text = lazy(() => `#! ${interp}\n${r.interp(t)}`);
    return writeTextFile(
      ctx,
      attrs({ name, text, executable: true, meta: attrs({ mainProgram: name }), ...(bin ? { destination: `/bin/${name}` } : {}) }),
    );
  };
  const w = (fname: string, interp: string, bin: boolean) => prim(`pkgs.writers.${fname}`, 2, ([n, t]) => script(interp, bin)(n!, t!));
  return attrs({
    writeBash: w("writeBash", ctx.runtimeShell, false),
    writeBashBin: w("writeBashBin", ctx.runtimeShell, true),
    writeDash: w("writeDash", dash, false),
    writeDashBin: w("writeDashBin", dash, true),
  });
}
