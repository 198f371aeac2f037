/**
 * `lib.asserts`: `assertMsg`, `assertOneOf`, `assertEachOneOf` and
 * `checkAssertWarn`. Failures are `throw`s (catchable by `tryEval`) worded as
 * nixpkgs words them, with values rendered by `generators.toPretty`.
 */
import { eqValues } from "../nix/ops.js";
import { prettyDefault } from "./generators/pretty.js";
import {
  attrs,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  get,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function elemOf(x: Lazy, xs: Lazy[]): boolean {
  return xs.some((y) => eqValues(x, y));
}

/** `assertMsg pred msg`. */
export function assertMsg(ctx: LibContext, pred: Lazy, msg: Lazy): Value {
  return forceBool(pred) || ctx.B.call("throw", msg);
}

export function asserts(ctx: LibContext): Value {
  const { B } = ctx;
  const str = (l: Lazy) => strOf(B.toStr(l));
  return attrs({
    assertMsg: fn("lib.asserts.assertMsg", 2, ([p, m]) => assertMsg(ctx, p!, m!)),
    assertOneOf: fn("lib.asserts.assertOneOf", 3, ([name, val, xs]) => {
      if (elemOf(val!, forceList(xs!))) return true;
      throw throwError(`${str(name!)} must be one of ${prettyDefault(ctx, xs!)}, but is: ${prettyDefault(ctx, val!)}`);
    }),
    assertEachOneOf: fn("lib.asserts.assertEachOneOf", 3, ([name, vals, xs]) => {
      const list = forceList(xs!);
      if (forceList(vals!).every((v) => elemOf(v, list))) return true;
      throw throwError(`each element in ${str(name!)} must be one of ${prettyDefault(ctx, xs!)}, but is: ${prettyDefault(ctx, vals!)}`);
    }),
    checkAssertWarn: fn("lib.asserts.checkAssertWarn", 3, ([as, ws, val]) => {
      const failed = forceList(as!)
        .filter((a) => !forceBool(get(forceAttrs(a), "assertion")))
        .map((a) => str(get(a, "message")));
      if (failed.length > 0) throw throwError(`\nFailed assertions:\n${failed.map((m) => `- ${m}`).join("\n")}`);
      for (const w of forceList(ws!)) B.call("warn", w, null);
      return force(val!);
    }),
  });
}
