/**
 * `lib.kernel`: Linux kernel configuration values (`yes`, `no`, `module`,
 * `unset`, `freeform`, `option`) and `whenHelpers`, version-conditional
 * `mkIf`s built on the module system's `lib.mkIf`.
 */
import { attrs, call, fn, forceAttrs, get, lazy, update, type LibContext, type Value } from "./prim.js";

export function kernel(ctx: LibContext): Value {
  const { B } = ctx;
  const tri = (t: string | null) => attrs({ tristate: t, optional: false });
  const mkIf = () => get(ctx.self(), "mkIf");
  const atLeast = (a: Value, b: Value) => (B.call("compareVersions", b, a) as bigint) !== 1n;
  return attrs({
    option: fn("lib.kernel.option", 1, ([x]) => update(forceAttrs(x!), attrs({ optional: true }))),
    yes: tri("y"),
    no: tri("n"),
    module: tri("m"),
    unset: tri(null),
    freeform: fn("lib.kernel.freeform", 1, ([x]) => attrs({ freeform: x!, optional: false })),
    whenHelpers: fn("lib.kernel.whenHelpers", 1, ([version]) => {
      const v = () => B.toStr(version!);
      return attrs({
        whenAtLeast: fn("lib.kernel.whenAtLeast", 1, ([ver]) =>
          call(
            mkIf(),
            lazy(() => atLeast(v(), B.toStr(ver!))),
          ),
        ),
        whenOlder: fn("lib.kernel.whenOlder", 1, ([ver]) =>
          call(
            mkIf(),
            lazy(() => !atLeast(v(), B.toStr(ver!))),
          ),
        ),
        whenBetween: fn("lib.kernel.whenBetween", 2, ([lo, hi]) =>
          call(
            mkIf(),
            lazy(() => atLeast(v(), B.toStr(lo!)) && !atLeast(v(), B.toStr(hi!))),
          ),
        ),
      });
    }),
  });
}

/** `lib.sourceTypes`: how a package's distributed form relates to its source. */
export function sourceTypes(_ctx: LibContext): Value {
  const t = (name: string, isSource: boolean) => attrs({ shortName: name, isSource });
  return attrs({
    fromSource: t("fromSource", true),
    binaryNativeCode: t("binaryNativeCode", false),
    binaryBytecode: t("binaryBytecode", false),
    binaryFirmware: t("binaryFirmware", false),
    obfuscatedCode: t("obfuscatedCode", false),
  });
}

/** `lib.flakes`: the flake-reference builtins. */
export function flakes(ctx: LibContext): Value {
  return attrs({ parseFlakeRef: ctx.B.get("parseFlakeRef"), flakeRefToString: ctx.B.get("flakeRefToString") });
}
