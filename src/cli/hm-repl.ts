/**
 * `home-manager repl`: a small line-based REPL over our evaluator (Home
 * Manager execs `nix repl` with the configuration loaded). The configuration
 * is evaluated once; `config`, `options`, `pkgs` and `lib` are in scope.
 * Each line is a Nix expression, printed as `nix repl` prints (nested sets
 * and lists shown as `{ ... }` / `[ ... ]`), or `NAME = EXPR` to bind a new
 * name; `:q` (or end of input) quits, `:?` lists the commands. Errors are
 * printed and the REPL goes on. Lines come from the terminal one at a time,
 * or from the stream's whole input in tests.
 */
import * as fs from "node:fs";
import { NixError, renderError } from "../nix/errors.js";
import { forceAttrs } from "../nix/ops.js";
import { formatFloat, printIdentifier, printLiteralString } from "../nix/print-short.js";
import { formatPos } from "../nix/source.js";
import { force, Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, type Lazy, type Value } from "../nix/values.js";
import { attrOr, call, lazy, select } from "../module-system/nix-values.js";
import type { HmContext } from "./hm-context.js";
import { evaluateConfigOrExit } from "./hm-option.js";

/** Read one line from a file descriptor, byte by byte (undefined at end of input). */
function readLineFd(fd: number): string | undefined {
  const bytes: number[] = [];
  const buf = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") n = 0;
      else throw e;
    }
    if (n === 0) return bytes.length === 0 ? undefined : Buffer.from(bytes).toString("utf8");
    if (buf[0] === 0x0a) return Buffer.from(bytes).toString("utf8");
    bytes.push(buf[0]!);
  }
}

/** Lines of input: the terminal's one at a time for the real process, else the whole input's. */
export function inputLines(ctx: HmContext): () => string | undefined {
  if (ctx.io.inheritStdio === true) return () => readLineFd(0);
  const lines = ctx.io.readStdin().split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let i = 0;
  return () => lines[i++];
}

function scalar(v: Value): string | undefined {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return formatFloat(v);
  if (typeof v === "string") return printLiteralString(v);
  if (v instanceof NixString) return printLiteralString(v.s);
  if (v instanceof NixPath) return v.path;
  if (v instanceof Lambda) return `«lambda @ ${formatPos(v.node.span)}»`;
  if (v instanceof PrimOp) return `«primop ${v.name}»`;
  if (v instanceof PrimOpApp) return `«partially applied primop ${v.op.name}»`;
  return undefined;
}

function isDerivation(v: NixAttrs): boolean {
  const t = v.get("type");
  if (t === undefined) return false;
  const tv = force(t);
  return tv === "derivation" || (tv instanceof NixString && tv.s === "derivation");
}

/** A value as the REPL shows it: one level deep. */
export function replShow(l: Lazy, depth = 0): string {
  let v: Value;
  try {
    v = force(l);
  } catch (e) {
    if (depth > 0 && e instanceof NixError) return `«error: ${e.message.split("\n")[0]}»`;
    throw e;
  }
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[ ]";
    if (depth > 0) return "[ ... ]";
    return `[ ${v.map((x) => replShow(x, depth + 1)).join(" ")} ]`;
  }
  if (v instanceof NixAttrs) {
    if (isDerivation(v)) {
      const name = v.get("name");
      return `«derivation ${name === undefined ? "???" : replShow(name, 1).replace(/^"|"$/g, "")}»`;
    }
    if (v.size === 0) return "{ }";
    if (depth > 0) return "{ ... }";
    return `{ ${v
      .sortedNames()
      .map((n) => `${printIdentifier(n)} = ${replShow(v.get(n)!, depth + 1)};`)
      .join(" ")} }`;
  }
  return "«unknown»";
}

const HELP = `The following commands are available:

  <expr>        Evaluate and print expression
  <x> = <expr>  Bind expression to variable
  :?            Show this help
  :q            Exit the REPL
`;

/** `home-manager repl`. */
export function doRepl(ctx: HmContext): number {
  const ev = evaluateConfigOrExit(ctx);
  const st = ev.state;
  const args = lazy(() => force(select(select(select(ev.options, "_module"), "args"), "value")));
  const pkgs = lazy(() => force(select(args, "pkgs")));
  const scope = new Map<string, Lazy>([
    ["config", ev.config],
    ["options", ev.options],
    ["pkgs", pkgs],
    [
      "lib",
      lazy(() =>
        force(
          attrOr(
            forceAttrs(args),
            "lib",
            lazy(() => force(select(pkgs, "lib"))),
          ),
        ),
      ),
    ],
  ]);
  if (ev.flake !== undefined) scope.set("flake", ev.flake);
  ctx.out("Welcome to the Home Manager REPL. Type :? for help.");
  ctx.out(`Added ${scope.size} variables: ${[...scope.keys()].join(", ")}`);
  const next = inputLines(ctx);
  const prompt = ctx.io.isTTY ? (): void => ctx.io.stdout("hm-repl> ") : (): void => undefined;
  for (;;) {
    prompt();
    const line = next();
    if (line === undefined) break;
    const input = line.trim();
    if (input === "") continue;
    if (input === ":q" || input === ":quit") break;
    if (input === ":?" || input === ":help") {
      ctx.io.stdout(HELP);
      continue;
    }
    if (input.startsWith(":")) {
      ctx.err(`error: unknown command '${input.split(/\s/)[0]!}'`);
      continue;
    }
    const bind = /^([A-Za-z_][A-Za-z0-9_'-]*)\s*=(?!=)([\s\S]*)$/.exec(input);
    const expr = bind === null ? input : bind[2]!;
    try {
      const fn = st.evalString(`__hmReplScope: with __hmReplScope; (${expr}\n)`, "«string»");
      const value = lazy(() => call(fn, new NixAttrs(new Map(scope))));
      if (bind !== null) scope.set(bind[1]!, value);
      else ctx.out(replShow(value));
    } catch (e) {
      if (e instanceof NixError) {
        // The frames would only name the REPL's own wrapper around the line.
        e.frames.splice(0, e.frames.length);
        ctx.io.stderr(renderError(e).replace(/\n?$/, "\n"));
      } else throw e;
    }
  }
  return 0;
}
