/**
 * `lib.fixedPoints`: `fix`, `fix'`, `converge`, overlays (`extends`,
 * `composeExtensions`, `composeManyExtensions`, `toExtension`) and extensible
 * sets (`makeExtensible`, `makeExtensibleWithCustomName`).
 *
 * A fixed point is a thunk whose computation receives the thunk itself, so
 * `fix (self: { a = 1; b = self.a; })` resolves lazily exactly as the Nix
 * `let x = f x; in x`. The same machinery builds `lib` itself (see index.ts).
 */
import { isLibFunctionOneLevel } from "./trivial.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceList,
  forceStringNoContext,
  lazy,
  NixAttrs,
  Thunk,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";
import { eqValues } from "../nix/ops.js";
import { PrimOpApp, type PrimOp } from "../nix/values.js";

/** `let x = f x; in x` for a native `f`. */
export function fixNative(f: (self: Lazy) => Value): Value {
  const x: Thunk = Thunk.of(() => f(x));
  return force(x);
}

/** `extends overlay f`, applied to `final`. */
function extendsApply(overlay: Lazy, f: Lazy, final: Lazy): Value {
  const prev = lazy(() => call(f, final));
  return update(forceAttrs(prev), forceAttrs(call(overlay, final, prev)));
}

export const extendsOp: PrimOp = fn("lib.fixedPoints.extends", 3, ([o, f, final]) => extendsApply(o!, f!, final!));

const composeExtensionsOp: PrimOp = fn("lib.fixedPoints.composeExtensions", 4, ([f, g, final, prev]) => {
  const fApplied = lazy(() => call(f!, final!, prev!));
  const prev2 = lazy(() => update(forceAttrs(prev!), forceAttrs(fApplied)));
  return update(forceAttrs(fApplied), forceAttrs(call(g!, final!, prev2)));
});

const emptyExtension = fn("lib.fixedPoints.composeManyExtensions.empty", 2, () => NixAttrs.empty);

/** `makeExtensibleWithCustomName name rattrs` (rattrs a Nix function). */
export function makeExtensibleWithCustomName(name: string, rattrs: Lazy): Value {
  const unfix: PrimOp = fn(`lib.fixedPoints.makeExtensible.unfixed`, 1, ([self]) => {
    const m = new Map(forceAttrs(call(rattrs, self!)).map);
    m.set(
      name,
      fn(`lib.fixedPoints.makeExtensible.${name}`, 1, ([f]) => makeExtensibleWithCustomName(name, new PrimOpApp(extendsOp, [f!, rattrs]))),
    );
    return new NixAttrs(m);
  });
  return fixNative((self) => {
    const m = new Map(forceAttrs(call(unfix, self)).map);
    m.set("__unfix__", unfix);
    return new NixAttrs(m);
  });
}

export function fixedPoints(_ctx: LibContext): Value {
  return attrs({
    fix: fn("lib.fixedPoints.fix", 1, ([f]) => fixNative((self) => call(f!, self))),
    "fix'": fn("lib.fixedPoints.fix'", 1, ([f]) =>
      fixNative((self) => {
        const m = new Map(forceAttrs(call(f!, self)).map);
        m.set("__unfix__", f!);
        return new NixAttrs(m);
      }),
    ),
    converge: fn("lib.fixedPoints.converge", 2, ([f, x0]) => {
      let x: Lazy = x0!;
      for (;;) {
        const next = call(f!, x);
        if (eqValues(next, x)) return force(x);
        x = next;
      }
    }),
    extends: extendsOp,
    composeExtensions: composeExtensionsOp,
    composeManyExtensions: fn("lib.fixedPoints.composeManyExtensions", 1, ([l]) => {
      const list = forceList(l!);
      let acc: Value = emptyExtension;
      for (let i = list.length - 1; i >= 0; i--) acc = new PrimOpApp(composeExtensionsOp, [list[i]!, acc]);
      return acc;
    }),
    makeExtensible: fn("lib.fixedPoints.makeExtensible", 1, ([r]) => makeExtensibleWithCustomName("extend", r!)),
    makeExtensibleWithCustomName: fn("lib.fixedPoints.makeExtensibleWithCustomName", 2, ([n, r]) =>
      makeExtensibleWithCustomName(forceStringNoContext(n!), r!),
    ),
    toExtension: fn("lib.fixedPoints.toExtension", 1, ([f]) => {
      const fv = force(f!);
      if (isLibFunctionOneLevel(fv)) {
        return fn("lib.fixedPoints.toExtension.ext", 2, ([final, prev]) => {
          const fPrev = call(fv, prev!);
          return isLibFunctionOneLevel(fPrev) ? call(fv, final!, prev!) : fPrev;
        });
      }
      return fn("lib.fixedPoints.toExtension.const", 2, () => fv);
    }),
  });
}
