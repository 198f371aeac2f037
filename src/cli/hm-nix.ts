/**
 * `hm-nix`: the evaluator's own command. `hm-nix instantiate` takes the
 * `nix-instantiate` flags that matter for evaluation (`--eval`, `--strict`,
 * `--json`, `--xml`, `--parse`, `-E`, `-A`, `-I`, `--arg`, `--argstr`,
 * `--show-trace`, …) and prints exactly what `nix-instantiate` prints. The
 * command is a function of its arguments and streams; it never exits the process.
 */
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { autoCall, selectAttrPath } from "../nix/auto-call.js";
import { NixError, renderError } from "../nix/errors.js";
import { deepForce } from "../nix/force-deep.js";
import { printAmbiguous } from "../nix/print.js";
import { printAst } from "../nix/print-ast.js";
import { parseSearchPath } from "../nix/search-path.js";
import { Source } from "../nix/source.js";
import { EvalState } from "../nix/state.js";
import { valueToJSONText, valueToXMLText } from "../nix/serialize.js";
import { NixAttrs, force, type Lazy, type Value } from "../nix/values.js";
import { instantiateDerivations } from "../nix/instantiate.js";
import type { CliIO } from "./io.js";

interface Options {
  eval: boolean;
  strict: boolean;
  json: boolean;
  xml: boolean;
  parseOnly: boolean;
  showTrace: boolean;
  exprs: string[];
  files: string[];
  attrs: string[];
  include: string[];
  args: [string, { expr?: string; str?: string }][];
  features: string[];
  abortOnWarn: boolean;
  pure: boolean;
  stdin: boolean;
  lints: Map<string, "warn" | "fatal">;
  maxCallDepth?: number;
  /** `--lib-override DIR`: `import DIR` (nixpkgs' lib folder) gives our TypeScript lib. */
  libOverride?: string;
}

const USAGE = `Usage: hm-nix instantiate [--eval [--strict] [--json|--xml]] [--parse] [-E EXPR | FILE...]
                           [-A ATTRPATH] [-I PATH] [--arg NAME EXPR] [--argstr NAME STRING] [--show-trace]
                           [--lib-override NIXPKGS_LIB_DIR]  (import of that folder gives our TypeScript lib)
`;

function parseArgs(argv: string[]): Options | string {
  const o: Options = {
    eval: false,
    strict: false,
    json: false,
    xml: false,
    parseOnly: false,
    showTrace: false,
    exprs: [],
    files: [],
    attrs: [],
    include: [],
    args: [],
    features: [],
    abortOnWarn: false,
    pure: false,
    stdin: false,
    lints: new Map(),
  };
  let exprMode = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`flag '${a}' requires an argument`);
      return v;
    };
    switch (a) {
      case "--eval":
      case "--eval-only":
        o.eval = true;
        break;
      case "--strict":
        o.strict = true;
        break;
      case "--json":
        o.json = true;
        break;
      case "--xml":
        o.xml = true;
        break;
      case "--parse":
        o.parseOnly = true;
        break;
      case "--show-trace":
        o.showTrace = true;
        break;
      case "--lib-override":
        o.libOverride = next();
        break;
      case "--no-show-trace":
        o.showTrace = false;
        break;
      case "--max-call-depth": {
        const n = Number(next());
        if (!Number.isInteger(n) || n < 1) return `invalid value for '--max-call-depth'`;
        o.maxCallDepth = n;
        break;
      }
      case "-E":
      case "--expr":
        exprMode = true;
        break;
      case "-A":
      case "--attr":
        o.attrs.push(next());
        break;
      case "-I":
      case "--include":
        o.include.push(next());
        break;
      case "--arg": {
        const n = next();
        o.args.push([n, { expr: next() }]);
        break;
      }
      case "--argstr": {
        const n = next();
        o.args.push([n, { str: next() }]);
        break;
      }
      case "--extra-experimental-features":
      case "--experimental-features":
        o.features.push(...next().split(/\s+/));
        break;
      case "--option": {
        const name = next();
        const value = next();
        if (name === "experimental-features" || name === "extra-experimental-features") o.features.push(...value.split(/\s+/));
        else if (name === "abort-on-warn") o.abortOnWarn = value === "true";
        else if (name === "pure-eval") o.pure = value === "true";
        else if (name === "max-call-depth") o.maxCallDepth = Number(value);
        break;
      }
      case "--abort-on-warn":
        o.abortOnWarn = true;
        break;
      case "--pure-eval":
        o.pure = true;
        break;
      case "--lint-absolute-path-literals":
      case "--lint-short-path-literals":
      case "--lint-url-literals": {
        const level = next();
        if (level === "warn" || level === "fatal") o.lints.set(a.slice("--lint-".length), level);
        else if (level !== "ignore") return `invalid value '${level}' for '${a}'`;
        break;
      }
      case "--impure":
      case "--readonly-mode":
      case "--read-write-mode":
      case "--no-location":
      case "--trace-verbose":
      case "--no-out-link":
      case "--debugger":
        break;
      case "-":
        o.stdin = true;
        break;
      default:
        if (a.startsWith("-I") && a.length > 2) o.include.push(a.slice(2));
        else if (a.startsWith("-") && a !== "-") return `unrecognised flag '${a}'`;
        else if (exprMode) o.exprs.push(a);
        else o.files.push(a);
    }
  }
  return o;
}

/** Builds our TypeScript `lib` for `--lib-override` (loaded only when that flag is used). */
export type LibBuilder = (st: EvalState) => NixAttrs;

/** Run `hm-nix ARGS…`; returns the exit code. */
export function hmNix(argv: string[], io: CliIO, buildLib?: LibBuilder): number {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === "--help" || cmd === "help") {
    io.stdout(USAGE);
    return cmd === undefined ? 1 : 0;
  }
  if (cmd === "--version") {
    io.stdout("hm-nix (Home Manager in TypeScript) 0.1.0\n");
    return 0;
  }
  if (cmd !== "instantiate") {
    io.stderr(`error: unknown command '${cmd}'\n${USAGE}`);
    return 1;
  }
  let opts: Options | string;
  try {
    opts = parseArgs(rest);
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
  if (typeof opts === "string") {
    io.stderr(`error: ${opts}\nTry 'hm-nix --help' for more information.\n`);
    return 1;
  }
  if (opts.libOverride !== undefined && buildLib === undefined) {
    io.stderr("error: '--lib-override' is not available here\n");
    return 1;
  }
  return instantiate(opts, io, buildLib);
}

function instantiate(o: Options, io: CliIO, buildLib?: LibBuilder): number {
  const sources: Source[] = [];
  const cwd = io.cwd;
  try {
    for (const e of o.exprs) sources.push(new Source("«string»", e, false));
    if (o.stdin) sources.push(new Source("«stdin»", io.readStdin(), false));
    for (const f of o.files) {
      const p = resolvePath(cwd, f);
      sources.push(fileSource(p));
    }
    if (sources.length === 0 && o.exprs.length === 0) sources.push(fileSource(resolvePath(cwd, "default.nix")));
  } catch (e) {
    if (e instanceof NixError) {
      io.stderr(renderError(e, o.showTrace));
      return 1;
    }
    throw e;
  }
  const state = new EvalState({
    searchPath: [...o.include.flatMap(parseSearchPath), ...parseSearchPath(io.env.NIX_PATH ?? "")],
    baseDir: cwd,
    features: o.features,
    abortOnWarn: o.abortOnWarn || io.env.NIX_ABORT_ON_WARN === "1",
    pure: o.pure,
    lints: o.lints,
    maxCallDepth: o.maxCallDepth,
    io: io.evalIO,
  });
  if (o.libOverride !== undefined && buildLib !== undefined) {
    const lib = state.thunk(() => buildLib(state));
    state.importOverrides.set(resolvePath(cwd, o.libOverride, "default.nix"), lib);
  }
  try {
    const autoArgs = buildAutoArgs(state, o);
    for (const src of sources) {
      const expr = state.parse(src);
      if (o.parseOnly) {
        // Binding names is part of parsing in Nix (undefined variables fail here).
        state.compiler.code(expr, state.baseScope);
        io.stdout(printAst(expr) + "\n");
        continue;
      }
      let v: Lazy = state.evalExpr(expr);
      const paths = o.attrs.length ? o.attrs : [""];
      for (const ap of paths) {
        let r: Value = autoCall(force(v), autoArgs);
        r = autoCall(selectAttrPath(r, ap, autoArgs), autoArgs);
        if (o.eval) {
          if (o.strict) deepForce(r);
          if (o.json) io.stdout(valueToJSONText(state, r) + "\n");
          else if (o.xml) io.stdout(valueToXMLText(state, r));
          else io.stdout(printAmbiguous(r) + "\n");
        } else {
          for (const p of instantiateDerivations(state, r)) io.stdout(p + "\n");
        }
      }
      v = null;
    }
  } catch (e) {
    if (e instanceof NixError) {
      io.stderr(renderError(e, o.showTrace));
      return 1;
    }
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      io.stderr("error: stack overflow (possible infinite recursion)\n");
      return 1;
    }
    throw e;
  }
  return 0;
}

function fileSource(p: string): Source {
  let file = p;
  try {
    const text = readFileSync(file, "utf8");
    return new Source(file, text, true);
  } catch (e) {
    if ((e as { code?: string }).code === "EISDIR") {
      file = p + "/default.nix";
      try {
        return new Source(file, readFileSync(file, "utf8"), true);
      } catch {
        /* fall through */
      }
    }
    throw new NixError("io", `path '${file}' does not exist`);
  }
}

function buildAutoArgs(state: EvalState, o: Options): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [name, a] of o.args) {
    if (a.str !== undefined) m.set(name, a.str);
    else
      m.set(
        name,
        state.thunk(() => state.evalSource(new Source("«string»", a.expr!, false))),
      );
  }
  return new NixAttrs(m);
}
