/**
 * `lib.hm.shell` and `lib.hm.zsh`: Bourne-shell and Zsh snippets (variable
 * exports, PATH-like prepends and appends, array contents wrapped to a line
 * width) and the `mk<Shell>IntegrationOption` option builders.
 *
 * Every generated string keeps the context of the values put into it, so a
 * store path exported in a session variable stays a dependency. Widths are
 * measured in UTF-8 bytes, as `lib.stringLength` measures them.
 */
import { forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, NixString, type Lazy, type Value } from "../../nix/values.js";
import { attrs, formals, getAttr, lazy, LibRef, prim, StrBuf, str, textOf, toStringValue, opt } from "./prim.js";

/** Characters `lib.escapeShellArg` leaves unquoted. */
const SHELL_SAFE = /^[A-Za-z0-9,._+:@%/-]+$/;

/** `lib.escapeShellArg`: `toString arg`, single-quoted unless every character is safe. */
export function escapeShellArg(st: EvalState, arg: Lazy): Value {
  const { s, ctx } = textOf(toStringValue(st, arg));
  return SHELL_SAFE.test(s) ? mkString(s, ctx) : mkString(`'${s.replace(/'/g, "'\\''")}'`, ctx);
}

/** `export n="v"` (Booleans as true/false, anything else through `toString`). */
function exportVar(st: EvalState, n: Lazy, v: Lazy): Value {
  const b = new StrBuf(st).text("export ").interp(n).text('="');
  const x = force(v);
  if (typeof x === "boolean") b.text(x ? "true" : "false");
  else b.toStr(x);
  return b.text('"').value();
}

/** The set's attributes in name order, without the null ones. */
function nonNull(vars: Lazy): [string, Lazy][] {
  const a = forceAttrs(vars);
  const out: [string, Lazy][] = [];
  for (const n of a.sortedNames()) if (force(a.get(n)!) !== null) out.push([n, a.get(n)!]);
  return out;
}

function joinLines(st: EvalState, sep: string, items: Value[]): Value {
  const b = new StrBuf(st);
  items.forEach((x, i) => (i > 0 ? b.text(sep).interp(x) : b.interp(x)));
  return b.value();
}

/** Greedy packing of items into lines of at most `maxWidth` bytes. */
export function wrapLines(st: EvalState, items: Lazy[], maxWidth: bigint): Value[] {
  const done: Value[] = [];
  let cur: Value = "";
  for (const item of items) {
    const potential: Value = textOf(cur).s === "" ? force(item) : new StrBuf(st).interp(cur).text(" ").interp(item).value();
    if (BigInt(Buffer.byteLength(textOf(potential).s)) <= maxWidth) cur = potential;
    else {
      done.push(cur);
      cur = force(item);
    }
  }
  if (textOf(cur).s !== "") done.push(cur);
  return done;
}

/** Array contents: escaped items, wrapped at 78 bytes, each line indented by two spaces. */
export function formatShellArrayContent(st: EvalState, items: Lazy): Value {
  const quoted = forceList(items).map((x) => escapeShellArg(st, x));
  const wrapped = wrapLines(st, quoted, 78n);
  return new StrBuf(st)
    .text("\n  ")
    .interp(joinLines(st, "\n  ", wrapped))
    .text("\n")
    .value();
}

/** `prependToVar sep n vs` / `appendToVar`: `a<sep>b${n:+<sep>}$n`. */
function prependToVar(st: EvalState, sep: Lazy, n: Lazy, vs: Lazy): Value {
  const b = new StrBuf(st);
  forceList(vs).forEach((x, i) => (i > 0 ? b.interp(sep).interp(x) : b.interp(x)));
  return b.text("${").interp(n).text(":+").interp(sep).text("}$").interp(n).value();
}

/** `mk<Shell>IntegrationOption { config, baseName ? …, extraDescription ? "" }`. */
function mkShellIntegrationOption(st: EvalState, lib: LibRef, name: string, arg: Lazy): Value {
  const a = formals(arg, "mkShellIntegrationOption", ["config", "baseName?", "extraDescription?"]);
  const baseName = opt(a, "baseName", name);
  const attrName = lazy(() => new StrBuf(st).text("enable").interp(baseName).text("Integration").value());
  const extra = opt(a, "extraDescription", "");
  const description = lazy(() => {
    const b = new StrBuf(st).text(`Whether to enable ${name} integration.`);
    if (textOf(force(extra)).s !== "") b.text("\n\n").interp(extra);
    return b.value();
  });
  const optionArgs = attrs({
    default: lazy(() => {
      const shell = getAttr(getAttr(getAttr(a, "config"), "home"), "shell");
      return force(getAttr(shell, str(attrName)));
    }),
    defaultText: lazy(() => lib.call("literalMD", new StrBuf(st).text("[](#opt-home.shell.").interp(attrName).text(")").value())),
    example: false,
    description,
    type: lazy(() => lib.at("types.bool")),
  });
  return lib.call("mkOption", optionArgs);
}

/** The `lib.hm.shell` attribute set. */
export function shellLib(st: EvalState, lib: LibRef): NixAttrs {
  const P = "lib.hm.shell.";
  const exportPrim = prim(P + "export", 2, ([n, v]) => exportVar(st, n!, v!));
  const integration: Record<string, Lazy> = {};
  for (const sh of ["Bash", "Fish", "Ion", "Nushell", "Zsh"]) {
    integration[`mk${sh}IntegrationOption`] = prim(`${P}mk${sh}IntegrationOption`, 1, ([a]) => mkShellIntegrationOption(st, lib, sh, a!));
  }
  return attrs({
    export: exportPrim,
    wrapLines: prim(P + "wrapLines", 2, ([items, w]) => {
      const width = force(w!);
      return wrapLines(st, forceList(items!), typeof width === "bigint" ? width : BigInt(Math.floor(Number(width))));
    }),
    prependToVar: prim(P + "prependToVar", 3, ([sep, n, vs]) => prependToVar(st, sep!, n!, vs!)),
    exportAll: prim(P + "exportAll", 1, ([vars]) =>
      joinLines(
        st,
        "\n",
        nonNull(vars!).map(([n, v]) => exportVar(st, n, v)),
      ),
    ),
    formatShellArrayContent: prim(P + "formatShellArrayContent", 1, ([items]) => formatShellArrayContent(st, items!)),
    ...integration,
  });
}

/** Zsh's value syntax: Booleans bare, strings double-quoted, lists as array contents. */
function toZshValue(st: EvalState, v: Lazy): Value {
  const x = force(v);
  if (typeof x === "boolean") return x ? "true" : "false";
  if (Array.isArray(x)) {
    const items = x.map((e) => toStringValue(st, e));
    return new StrBuf(st).text("(").interp(formatShellArrayContent(st, items)).text(")").value();
  }
  if (typeof x === "string" || x instanceof NixString) {
    const { s, ctx } = textOf(x);
    return mkString(`"${s.replace(/[\\"`]/g, (c) => "\\" + c)}"`, ctx);
  }
  return new StrBuf(st).text('"').toStr(x).text('"').value();
}

/** The `lib.hm.zsh` attribute set. */
export function zshLib(st: EvalState): NixAttrs {
  const P = "lib.hm.zsh.";
  const define = (n: Lazy, v: Lazy) => new StrBuf(st).interp(n).text("=").interp(toZshValue(st, v)).value();
  const exp = (n: Lazy, v: Lazy) => new StrBuf(st).text("export ").interp(define(n, v)).value();
  return attrs({
    toZshValue: prim(P + "toZshValue", 1, ([v]) => toZshValue(st, v!)),
    define: prim(P + "define", 2, ([n, v]) => define(n!, v!)),
    defineAll: prim(P + "defineAll", 1, ([vars]) => {
      const a = forceAttrs(vars!);
      return joinLines(
        st,
        "\n",
        a.sortedNames().map((n) => define(n, a.get(n)!)),
      );
    }),
    export: prim(P + "export", 2, ([n, v]) => exp(n!, v!)),
    exportAll: prim(P + "exportAll", 2, ([vars, opts]) => {
      const o = formals(opts!, "exportAll", ["indent?"]);
      const indent = opt(o, "indent", "");
      const sep = textOf(force(indent)).s === "" ? "\n" : new StrBuf(st).text("\n").interp(indent).value();
      const lines = nonNull(vars!).map(([n, v]) => exp(n, v));
      const b = new StrBuf(st);
      lines.forEach((l, i) => (i > 0 ? b.interp(sep).interp(l) : b.interp(l)));
      return b.value();
    }),
  });
}
