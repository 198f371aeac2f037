/**
 * `lib.trivial`: combinators (`id`, `const`, `flip`, `pipe`), Boolean and
 * arithmetic helpers (`and`, `xor`, `mod`, `min`, `compare`), nixpkgs release
 * constants (`version`, `release`, `oldestSupportedRelease`), warnings and
 * throws as values (`warnIf`, `throwIfNot`, `showWarnings`), function
 * reflection through `__functor` sets (`functionArgs`, `setFunctionArgs`,
 * `mirrorFunctionArgs`, `isFunction`, `toFunction`) and number bases
 * (`toBaseDigits`, `toHexString`, `fromHexString`).
 *
 * Comparisons use Nix's `<` (via `builtins.lessThan`), so mixed int/float
 * operands and type errors behave as in Nix.
 */
import { callFunction, eqValues } from "../nix/ops.js";
import { isFunction } from "../nix/values.js";
import { prettyValue } from "./generators/pretty.js";
import {
  assertThat,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  warn,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

/** The nixpkgs release this lib mirrors. */
export const RELEASE = "26.11";
export const VERSION_SUFFIX = "pre-git";
export const CODE_NAME = "Zokor";
export const OLDEST_SUPPORTED_RELEASE = 2511n;

/** `lib.functionArgs`: `__functionArgs` of functor sets, else the builtin. */
export function libFunctionArgs(ctx: LibContext, f: Lazy): Value {
  const v = force(f);
  if (v instanceof NixAttrs && v.has("__functor")) {
    const fa = v.get("__functionArgs");
    if (fa !== undefined) return force(fa);
    return ctx.B.call(
      "functionArgs",
      lazy(() => call(v.get("__functor")!, v)),
    );
  }
  return ctx.B.call("functionArgs", v);
}

/** `{ __functor = self: g; __functionArgs = args; }`. */
export function functorSet(g: Lazy, args: Lazy): NixAttrs {
  return attrs({ __functor: fn("__functor", 1, () => force(g)), __functionArgs: args });
}

/** Lowercase-free hex of a non-negative int, as `toHexString`. */
function toBaseDigits(base: bigint, i: bigint): bigint[] {
  const out: bigint[] = [];
  let n = i;
  while (n >= base) {
    out.push(n % base);
    n = n / base;
  }
  out.push(n);
  return out.reverse();
}

function checkedBaseDigits(ctx: LibContext, baseL: Lazy, iL: Lazy): bigint[] {
  const b = force(baseL);
  assertThat(typeof b === "bigint", "(isInt base)");
  const i = force(iL);
  assertThat(typeof i === "bigint", "(isInt i)");
  assertThat(!(ctx.B.call("lessThan", b, 2n) as boolean), "(! (__lessThan base 2))");
  assertThat(!(ctx.B.call("lessThan", i, 0n) as boolean), "(! (__lessThan i 0))");
  return toBaseDigits(b as bigint, i as bigint);
}

function toHex(ctx: LibContext, i: Lazy): string {
  return checkedBaseDigits(ctx, 16n, i)
    .map((d) => d.toString(16).toUpperCase())
    .join("");
}

function fromHexString(ctx: LibContext, strL: Lazy): Value {
  const m = ctx.B.call("match", "(0x)?([0-7]?[0-9A-Fa-f]{1,15})", strL);
  if (m !== null) {
    const digits = strOf(force((m as Lazy[])[1]!));
    return BigInt("0x" + digits);
  }
  const pretty = prettyValue(ctx, strL, { multiline: true, allowPrettyValues: false, indent: "" });
  ctx.st.warn(`fromHexString: ${pretty} is not a valid input and will be rejected in 26.05`);
  const lower = strOf(force(ctx.B.call("replaceStrings", [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"], [..."abcdefghijklmnopqrstuvwxyz"], strL)));
  const noPrefix = lower.startsWith("0x") ? lower.slice(2) : lower;
  const parsed = ctx.B.call("fromTOML", `v=0x${noPrefix}`) as NixAttrs;
  return force(parsed.get("v")!);
}

function lessThan(ctx: LibContext, a: Lazy, b: Lazy): boolean {
  return ctx.B.call("lessThan", a, b) as boolean;
}

export function trivial(ctx: LibContext): NixAttrs {
  const { B, st } = ctx;
  const version = `${RELEASE}${VERSION_SUFFIX}`;
  const oldestAtLeast = fn("lib.trivial.oldestSupportedReleaseIsAtLeast", 1, ([r]) => !lessThan(ctx, OLDEST_SUPPORTED_RELEASE, r!));
  const builtinNames = [
    "pathExists",
    "readFile",
    "isBool",
    "isInt",
    "isFloat",
    "add",
    "sub",
    "mul",
    "div",
    "lessThan",
    "seq",
    "deepSeq",
    "genericClosure",
    "bitAnd",
    "bitOr",
    "bitXor",
    "ceil",
    "floor",
  ];
  const fromBuiltins: Record<string, Lazy> = {};
  for (const n of builtinNames) fromBuiltins[n] = B.get(n);
  const warnFn = st.builtins.get("warn")!;

  return attrs({
    ...fromBuiltins,
    id: fn("lib.trivial.id", 1, ([x]) => force(x!)),
    const: fn("lib.trivial.const", 2, ([x]) => force(x!)),
    pipe: fn("lib.trivial.pipe", 2, ([x, fs]) =>
      B.call(
        "foldl'",
        fn("lib.trivial.pipe.step", 2, ([acc, f]) => call(f!, acc!)),
        x!,
        fs!,
      ),
    ),
    concat: fn("lib.trivial.concat", 2, ([x, y]) => {
      const a = forceList(x!);
      const b = forceList(y!);
      return a.length === 0 ? b : b.length === 0 ? a : a.concat(b);
    }),
    or: fn("lib.trivial.or", 2, ([x, y]) => forceBool(x!) || forceBool(y!)),
    and: fn("lib.trivial.and", 2, ([x, y]) => forceBool(x!) && forceBool(y!)),
    mul: B.get("mul"),
    div: B.get("div"),
    xor: fn("lib.trivial.xor", 2, ([x, y]) => !forceBool(x!) !== !forceBool(y!)),
    bitNot: fn("lib.trivial.bitNot", 1, ([x]) => B.call("sub", -1n, x!)),
    boolToString: fn("lib.trivial.boolToString", 1, ([b]) => (forceBool(b!) ? "true" : "false")),
    boolToYesNo: fn("lib.trivial.boolToYesNo", 1, ([b]) => (forceBool(b!) ? "yes" : "no")),
    mergeAttrs: updateOp,
    flip: fn("lib.trivial.flip", 3, ([f, a, b]) => call(f!, b!, a!)),
    defaultTo: fn("lib.trivial.defaultTo", 2, ([d, m]) => (force(m!) !== null ? force(m!) : force(d!))),
    mapNullable: fn("lib.trivial.mapNullable", 2, ([f, a]) => (force(a!) === null ? null : call(f!, a!))),
    version,
    release: RELEASE,
    oldestSupportedRelease: OLDEST_SUPPORTED_RELEASE,
    isInOldestRelease: () =>
      warn(B, "lib.isInOldestRelease is deprecated. Use lib.oldestSupportedReleaseIsAtLeast instead.", oldestAtLeast),
    oldestSupportedReleaseIsAtLeast: oldestAtLeast,
    codeName: CODE_NAME,
    versionSuffix: VERSION_SUFFIX,
    revisionWithDefault: fn("lib.trivial.revisionWithDefault", 1, ([d]) => force(d!)),
    nixpkgsVersion: () => warn(B, "lib.nixpkgsVersion is a deprecated alias of lib.version.", version),
    inNixShell: () => strOf(B.call("getEnv", "IN_NIX_SHELL") as string) !== "",
    inPureEvalMode: () => !st.builtins.has("currentSystem"),
    min: fn("lib.trivial.min", 2, ([x, y]) => (lessThan(ctx, x!, y!) ? force(x!) : force(y!))),
    max: fn("lib.trivial.max", 2, ([x, y]) => (lessThan(ctx, y!, x!) ? force(x!) : force(y!))),
    mod: fn("lib.trivial.mod", 2, ([base, int]) =>
      B.call(
        "sub",
        base!,
        lazy(() =>
          B.call(
            "mul",
            int!,
            lazy(() => B.call("div", base!, int!)),
          ),
        ),
      ),
    ),
    compare: fn("lib.trivial.compare", 2, ([a, b]) => (lessThan(ctx, a!, b!) ? -1n : lessThan(ctx, b!, a!) ? 1n : 0n)),
    splitByAndCompare: fn("lib.trivial.splitByAndCompare", 5, ([p, yes, no, a, b]) => {
      if (forceBool(call(p!, a!))) return forceBool(call(p!, b!)) ? call(yes!, a!, b!) : -1n;
      return forceBool(call(p!, b!)) ? 1n : call(no!, a!, b!);
    }),
    importJSON: fn("lib.trivial.importJSON", 1, ([p]) =>
      B.call(
        "fromJSON",
        lazy(() => B.call("readFile", p!)),
      ),
    ),
    importTOML: fn("lib.trivial.importTOML", 1, ([p]) =>
      B.call(
        "fromTOML",
        lazy(() => B.call("readFile", p!)),
      ),
    ),
    warn: warnFn,
    warnIf: fn("lib.trivial.warnIf", 3, ([c, m, x]) => (forceBool(c!) ? warn(B, m!, x!) : force(x!))),
    warnIfNot: fn("lib.trivial.warnIfNot", 3, ([c, m, x]) => (forceBool(c!) ? force(x!) : warn(B, m!, x!))),
    throwIfNot: fn("lib.trivial.throwIfNot", 3, ([c, m, x]) => {
      if (forceBool(c!)) return force(x!);
      return B.call("throw", m!);
    }),
    throwIf: fn("lib.trivial.throwIf", 3, ([c, m, x]) => {
      if (forceBool(c!)) return B.call("throw", m!);
      return force(x!);
    }),
    checkListOfEnum: fn("lib.trivial.checkListOfEnum", 4, ([msg, valid, given, x]) => {
      const validL = forceList(valid!);
      const unexpected = forceList(given!).filter((g) => !validL.some((v) => eqValues(g, v)));
      if (unexpected.length === 0) return force(x!);
      const show = (l: Lazy[]) => l.map((v) => strOf(B.toStr(v))).join(", ");
      throw throwError(`${strOf(force(msg!) as string)}: ${show(unexpected)} unexpected; valid ones: ${show(validL)}`);
    }),
    info: fn("lib.trivial.info", 2, ([msg, x]) =>
      B.call(
        "trace",
        lazy(() => `INFO: ${strOf(B.call("toString", msg!))}`),
        x!,
      ),
    ),
    showWarnings: fn("lib.trivial.showWarnings", 2, ([ws, res]) => {
      const list = forceList(ws!);
      for (const w of list) {
        const m = force(w);
        B.call("warn", m, null);
      }
      return force(res!);
    }),
    setFunctionArgs: fn("lib.trivial.setFunctionArgs", 2, ([f, a]) => functorSet(f!, a!)),
    functionArgs: fn("lib.trivial.functionArgs", 1, ([f]) => libFunctionArgs(ctx, f!)),
    isFunction: fn("lib.trivial.isFunction", 1, ([f]) => isLibFunctionOneLevel(force(f!))),
    mirrorFunctionArgs: fn("lib.trivial.mirrorFunctionArgs", 2, ([f, g]) =>
      functorSet(
        g!,
        lazy(() => libFunctionArgs(ctx, f!)),
      ),
    ),
    toFunction: fn("lib.trivial.toFunction", 1, ([v]) => {
      const x = force(v!);
      return isLibFunctionOneLevel(x) ? x : fn("lib.trivial.toFunction.const", 1, () => x);
    }),
    fromHexString: fn("lib.trivial.fromHexString", 1, ([s]) => fromHexString(ctx, s!)),
    toHexString: fn("lib.trivial.toHexString", 1, ([i]) => toHex(ctx, i!)),
    toBaseDigits: fn("lib.trivial.toBaseDigits", 2, ([b, i]) => checkedBaseDigits(ctx, b!, i!)),
  });
}

/** `x // y` as a native binary op, for `mergeAttrs`. */
const updateOp = fn("lib.trivial.mergeAttrs", 2, ([x, y]) => {
  const a = forceAttrs(x!);
  const b = forceAttrs(y!);
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const m = new Map(a.map);
  for (const [k, v] of b.map) m.set(k, v);
  return new NixAttrs(m);
});

/** `lib.isFunction`: a function, or a set whose `__functor` applied to it is a function. */
export function isLibFunctionOneLevel(v: Value): boolean {
  if (isFunction(v)) return true;
  if (v instanceof NixAttrs && v.has("__functor")) return isFunction(callFunction(force(v.get("__functor")!), v));
  return false;
}
