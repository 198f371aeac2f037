/**
 * Assembles `lib` as nixpkgs' lib/default.nix does: a fixed point over the
 * namespaces (`trivial`, `lists`, `strings`, …, plus the module system's
 * `modules`/`options`/`types` and Home Manager's `hm` from providers), the
 * top-level re-exports (`lib.mkIf` is `lib.modules.mkIf`, read through the
 * final `lib` so that `lib.extend` overrides reach them), and `extend`.
 *
 * Every namespace and re-export is a thunk: building `lib` costs a map of
 * pending values, and a namespace is constructed on first use.
 */
import { NixError } from "../nix/errors.js";
import type { EvalState } from "../nix/state.js";
import { PrimOpApp, type PrimOp } from "../nix/values.js";
import { extendsOp, fixNative, makeExtensibleWithCustomName } from "./fixed-points.js";
import { NAMESPACES } from "./namespaces.js";
import { Builtins, call, fn, forceAttrs, get, lazy, NixAttrs, select, warn, type Lazy, type LibContext, type Value } from "./prim.js";
import { REEXPORTS } from "./reexports.js";

/** lib.modules, lib.options and lib.types, as the module system provides them. */
export interface ModuleSystemNamespaces {
  readonly modules: NixAttrs;
  readonly options: NixAttrs;
  readonly types: NixAttrs;
}

/** Builders of the namespaces owned elsewhere; each receives the final `lib`. */
export interface LibProviders {
  readonly moduleSystem?: (st: EvalState, lib: () => NixAttrs) => ModuleSystemNamespaces;
  readonly hm?: (st: EvalState, lib: () => NixAttrs) => NixAttrs;
}

/** `rattrs self`: the attributes of `lib` given the final `lib`. */
function libAttrs(st: EvalState, providers: LibProviders, selfL: Lazy): NixAttrs {
  const self = () => forceAttrs(selfL);
  const ctx: LibContext = { st, B: new Builtins(st), self };
  const m = new Map<string, Lazy>();
  for (const [name, build] of Object.entries(NAMESPACES))
    m.set(
      name,
      lazy(() => build(ctx)),
    );
  m.set(
    "platforms",
    lazy(() => select(selfL, "systems", "doubles")),
  );
  const ms = providers.moduleSystem;
  if (ms) {
    let cached: ModuleSystemNamespaces | undefined;
    const get3 = () => (cached ??= ms(st, self));
    m.set(
      "modules",
      lazy(() => get3().modules),
    );
    m.set(
      "options",
      lazy(() => get3().options),
    );
    m.set(
      "types",
      lazy(() => get3().types),
    );
  }
  const hm = providers.hm;
  if (hm)
    m.set(
      "hm",
      lazy(() => hm(st, self)),
    );
  for (const [ns, names] of REEXPORTS) {
    for (const name of names) {
      if (ns === "builtins")
        m.set(
          name,
          lazy(() => ctx.B.get(name)),
        );
      else
        m.set(
          name,
          lazy(() => select(selfL, ...ns.split("."), name)),
        );
    }
  }
  m.set(
    "evalOptionValue",
    lazy(() =>
      warn(
        ctx.B,
        "External use of `lib.evalOptionValue` is deprecated. If your use case isn't covered by non-deprecated functions, we'd like to know more and perhaps support your use case well, instead of providing access to these low level functions. In this case please open an issue in https://github.com/nixos/nixpkgs/issues/.",
        lazy(() => select(selfL, "modules", "evalOptionValue")),
      ),
    ),
  );
  return new NixAttrs(m);
}

/**
 * Build `lib`. Like nixpkgs' lib/default.nix, the result has `extend`, which
 * re-runs the whole construction under an overlay (and then, as nixpkgs'
 * `makeExtensible`, also carries `__unfix__`).
 */
export function assembleLib(st: EvalState, providers: LibProviders = {}): NixAttrs {
  const rattrs: PrimOp = fn("lib", 1, ([self]) => libAttrs(st, providers, self!));
  const result = fixNative((self) => {
    const base = forceAttrs(call(rattrs, self));
    const m = new Map(base.map);
    m.set(
      "extend",
      fn("lib.extend", 1, ([f]) => makeExtensibleWithCustomName("extend", new PrimOpApp(extendsOp, [f!, rattrs]))),
    );
    return new NixAttrs(m);
  });
  if (!(result instanceof NixAttrs)) throw new NixError("eval", "lib did not evaluate to a set");
  return result;
}

export { get, type Value };
