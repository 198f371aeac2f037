/**
 * Build-flag helpers of `lib.strings`: CMake (`cmakeOptionType`, `cmakeBool`,
 * `cmakeFeature`), Meson (`mesonOption`, `mesonBool`, `mesonEnable`) and
 * autoconf (`enableFeature(As)`, `withFeature(As)`). Arguments are checked in
 * nixpkgs' order with its `assert` texts, so failures read the same.
 */
import { assertThat, fn, force, forceBool, interpolate, isStr, strOf, type Lazy, type LibContext, type Value } from "./prim.js";

const CMAKE_TYPES = ["BOOL", "FILEPATH", "PATH", "STRING", "INTERNAL", "LIST"];

function upper(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}

function cmakeOptionType(ctx: LibContext, typeL: Lazy, featureL: Lazy, valueL: Lazy): Value {
  const type = force(typeL);
  const t = isStr(type) ? upper(strOf(type)) : "";
  assertThat(isStr(type) && CMAKE_TYPES.includes(t), "(elem (toUpper type) types)");
  const feature = force(featureL);
  assertThat(isStr(feature), "(isString feature)");
  const value = force(valueL);
  assertThat(isStr(value), "(isString value)");
  return interpolate(ctx.st, "-D", feature, `:${t}=`, value);
}

export function flagFunctions(ctx: LibContext): Record<string, Lazy> {
  const interp = (parts: Lazy[]): Value => interpolate(ctx.st, ...parts);
  const libStr = (l: Lazy, name: string): Value => {
    const v = force(l);
    assertThat(isStr(v), `((lib).isString ${name})`);
    return v;
  };
  const libBool = (l: Lazy, name: string): boolean => {
    const v = force(l);
    assertThat(typeof v === "boolean", `((lib).isBool ${name})`);
    return v as boolean;
  };
  const enableFeature = (flagL: Lazy, featureL: Lazy): Value => {
    const flag = libBool(flagL, "flag");
    const feature = libStr(featureL, "feature");
    return interp([`--${flag ? "enable" : "disable"}-`, feature]);
  };
  const withFeature = (flagL: Lazy, featureL: Lazy): Value => {
    const feature = force(featureL);
    assertThat(isStr(feature), "(isString feature)");
    return interp([`--${forceBool(flagL) ? "with" : "without"}-`, feature]);
  };
  const withValue = (base: Value, flag: Lazy, value: Lazy): Value => {
    if (!forceBool(flag)) return base;
    return interp([base, "=", value]);
  };
  return {
    cmakeOptionType: fn("lib.strings.cmakeOptionType", 3, ([t, f, v]) => cmakeOptionType(ctx, t!, f!, v!)),
    cmakeBool: fn("lib.strings.cmakeBool", 2, ([c, f]) => {
      libStr(c!, "condition");
      const flag = libBool(f!, "flag");
      return cmakeOptionType(ctx, "bool", c!, flag ? "TRUE" : "FALSE");
    }),
    cmakeFeature: fn("lib.strings.cmakeFeature", 2, ([f, v]) => {
      libStr(f!, "feature");
      libStr(v!, "value");
      return cmakeOptionType(ctx, "string", f!, v!);
    }),
    mesonOption: fn("lib.strings.mesonOption", 2, ([f, v]) => interp(["-D", libStr(f!, "feature"), "=", libStr(v!, "value")])),
    mesonBool: fn("lib.strings.mesonBool", 2, ([c, f]) => {
      const cond = libStr(c!, "condition");
      const flag = libBool(f!, "flag");
      return interp(["-D", cond, `=${flag ? "true" : "false"}`]);
    }),
    mesonEnable: fn("lib.strings.mesonEnable", 2, ([f, b]) => {
      const feature = libStr(f!, "feature");
      const flag = libBool(b!, "flag");
      return interp(["-D", feature, `=${flag ? "enabled" : "disabled"}`]);
    }),
    enableFeature: fn("lib.strings.enableFeature", 2, ([b, f]) => enableFeature(b!, f!)),
    enableFeatureAs: fn("lib.strings.enableFeatureAs", 3, ([b, f, v]) => withValue(enableFeature(b!, f!), b!, v!)),
    withFeature: fn("lib.strings.withFeature", 2, ([b, f]) => withFeature(b!, f!)),
    withFeatureAs: fn("lib.strings.withFeatureAs", 3, ([b, f, v]) => withValue(withFeature(b!, f!), b!, v!)),
  };
}
