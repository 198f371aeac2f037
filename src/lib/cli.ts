/**
 * `lib.cli`: rendering attribute sets as command-line arguments.
 * `toCommandLine` takes a per-option format function (`{ option, sep,
 * explicitBool, formatArg }`); `toCommandLineGNU` derives GNU-style formats
 * (`-x`, `--long=value`); the `…Shell` variants escape the result for a shell.
 * The deprecated `toGNUCommandLine(Shell)` warn as nixpkgs does.
 */
import { NixError } from "../nix/errors.js";
import { escapeShellArg } from "./strings-escape.js";
import { formals } from "./generators/ini.js";
import { mkValueStringDefault } from "./generators/ini.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  interpolate,
  lazy,
  select,
  strOf,
  withContext,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";
import { throwError } from "./prim.js";

const defaultFormatArg = (ctx: LibContext) => fn("lib.generators.mkValueStringDefault", 1, ([v]) => mkValueStringDefault(ctx, v!));

function toCommandLine(ctx: LibContext, optionFormat: Lazy, attrsL: Lazy): Lazy[] {
  const set = forceAttrs(attrsL);
  const out: Lazy[] = [];
  for (const k of set.sortedNames()) {
    if (k === "") throw throwError("lib.cli.toCommandLine only accepts non-empty option names.");
    const v = force(set.get(k)!);
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      const formatL = call(optionFormat, k);
      const fm = formals("renderOption", formatL, ["option", "sep", "explicitBool", "formatArg"]);
      const need = (n: string) => {
        const x = fm(n);
        if (x === undefined) throw new NixError("eval", `function 'renderOption' called without required argument '${n}'`);
        return x;
      };
      const option = need("option");
      const sep = need("sep");
      const explicitBool = forceBool(need("explicitBool"));
      const formatArg = fm("formatArg") ?? defaultFormatArg(ctx);
      const x = force(one);
      if (x === null || (!explicitBool && x === false)) continue;
      if (!explicitBool && x === true) {
        out.push(option);
        continue;
      }
      const arg = lazy(() => call(formatArg, x));
      if (force(sep) !== null) out.push(lazy(() => interpolate(ctx.st, option, sep, arg)));
      else out.push(option, arg);
    }
  }
  return out;
}

function gnuFormat(ctx: LibContext, o: Lazy): Value {
  const get = formals("toCommandLineGNU", o, ["isLong", "explicitBool", "formatArg"]);
  const isLong = get("isLong");
  const explicitBool = get("explicitBool") ?? false;
  const formatArg = get("formatArg") ?? defaultFormatArg(ctx);
  return fn("lib.cli.toCommandLineGNU.optionFormat", 1, ([n]) => {
    const name = force(n!);
    const long = isLong === undefined ? (ctx.B.call("stringLength", name) as bigint) > 1n : forceBool(call(isLong, name));
    return attrs({
      option: lazy(() => interpolate(ctx.st, long ? "--" : "-", name)),
      sep: long ? "=" : "",
      explicitBool,
      formatArg,
    });
  });
}

function escapeArgs(ctx: LibContext, args: Lazy[]): Value {
  const parts = args.map((a) => escapeShellArg(ctx, a));
  return withContext(parts.map((p) => strOf(p as string)).join(" "), ...parts);
}

function toGNUCommandLine(ctx: LibContext, o: Lazy, options: Lazy): Lazy[] {
  const get = formals("toGNUCommandLine", o, ["mkOptionName", "mkBool", "mkList", "mkOption", "optionValueSeparator"]);
  const sepL = get("optionValueSeparator") ?? null;
  const mkOptionName =
    get("mkOptionName") ??
    fn("lib.cli.toGNUCommandLine.mkOptionName", 1, ([k]) =>
      interpolate(ctx.st, (ctx.B.call("stringLength", k!) as bigint) === 1n ? "-" : "--", k!),
    );
  const mkOption =
    get("mkOption") ??
    fn("lib.cli.toGNUCommandLine.mkOption", 2, ([k, v]) => {
      if (force(v!) === null) return [];
      const val = lazy(() => mkValueStringDefault(ctx, v!));
      if (force(sepL) === null) return [lazy(() => call(mkOptionName, k!)), val];
      return [lazy(() => interpolate(ctx.st, call(mkOptionName, k!), sepL, val))];
    });
  const mkBool =
    get("mkBool") ?? fn("lib.cli.toGNUCommandLine.mkBool", 2, ([k, v]) => (forceBool(v!) ? [lazy(() => call(mkOptionName, k!))] : []));
  const mkList =
    get("mkList") ??
    fn("lib.cli.toGNUCommandLine.mkList", 2, ([k, v]) =>
      ctx.B.call(
        "concatMap",
        lazy(() => call(mkOption, k!)),
        v!,
      ),
    );
  const set = forceAttrs(options);
  const out: Lazy[] = [];
  for (const k of set.sortedNames()) {
    const v = force(set.get(k)!);
    const r = typeof v === "boolean" ? call(mkBool, k, v) : Array.isArray(v) ? call(mkList, k, v) : call(mkOption, k, v);
    out.push(...(force(r) as Lazy[]));
  }
  return out;
}

export function cli(ctx: LibContext): Value {
  const { B } = ctx;
  const deprecated = (msg: string, f: Value) => B.call("warn", msg, f);
  const gnu = fn("lib.cli.toGNUCommandLine", 2, ([o, a]) => toGNUCommandLine(ctx, o!, a!));
  const gnuShell = fn("lib.cli.toGNUCommandLineShell", 2, ([o, a]) =>
    escapeArgs(ctx, force(call(select(ctx.self(), "cli", "toGNUCommandLine"), o!, a!)) as Lazy[]),
  );
  return attrs({
    toGNUCommandLineShell: () =>
      deprecated(
        "lib.cli.toGNUCommandLineShell is deprecated, please use lib.cli.toCommandLineShell or lib.cli.toCommandLineShellGNU instead.",
        gnuShell,
      ),
    toGNUCommandLine: () =>
      deprecated("lib.cli.toGNUCommandLine is deprecated, please use lib.cli.toCommandLine or lib.cli.toCommandLineShellGNU instead.", gnu),
    toCommandLineShellGNU: fn("lib.cli.toCommandLineShellGNU", 2, ([o, a]) => escapeArgs(ctx, toCommandLine(ctx, gnuFormat(ctx, o!), a!))),
    toCommandLineGNU: fn("lib.cli.toCommandLineGNU", 2, ([o, a]) => toCommandLine(ctx, gnuFormat(ctx, o!), a!)),
    toCommandLineShell: fn("lib.cli.toCommandLineShell", 2, ([f, a]) => escapeArgs(ctx, toCommandLine(ctx, f!, a!))),
    toCommandLine: fn("lib.cli.toCommandLine", 2, ([f, a]) => toCommandLine(ctx, f!, a!)),
  });
}
