/**
 * `lib.derivations`: `lazyDerivation` (a derivation-shaped set whose spine is
 * known before the wrapped derivation is evaluated; each attribute checks the
 * derivation on first use), `optionalDrvAttr`, `warnOnInstantiate`, and the
 * output-dependency builtins.
 */
import { prettyValue } from "./generators/pretty.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  forceStringNoContext,
  get,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";
import { eqValues } from "../nix/ops.js";
import { NixError } from "../nix/errors.js";

const ONE_LINE = { allowPrettyValues: false, multiline: false, indent: "" };

function attrPos(ctx: LibContext, prefix: string, name: string, set: Lazy): string {
  const pos = force(ctx.B.call("unsafeGetAttrPos", name, set));
  if (!(pos instanceof NixAttrs)) return "";
  const s = (n: string) => strOf(ctx.B.toStr(get(pos, n)));
  return `${prefix}${s("file")}:${s("line")}:${s("column")}`;
}

function packagePos(prefix: string, drv: NixAttrs): string {
  const meta = drv.get("meta");
  if (meta === undefined) return "";
  const m = force(meta);
  const p = m instanceof NixAttrs ? m.get("position") : undefined;
  if (p === undefined) return "";
  const pv = force(p);
  return typeof pv === "string" || (pv !== null && typeof pv === "object" && "context" in pv) ? `${prefix}${strOf(pv as string)}` : "";
}

function lazyDerivation(ctx: LibContext, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  for (const k of args.map.keys()) {
    if (!["derivation", "meta", "passthru", "outputs"].includes(k)) {
      throw new NixError("eval", `function 'lazyDerivation' called with unexpected argument '${k}'`);
    }
  }
  const derivation = args.get("derivation");
  if (derivation === undefined) throw new NixError("eval", "function 'lazyDerivation' called without required argument 'derivation'");
  const outputs = args.get("outputs") ?? ["out"];
  const passthru = args.get("passthru") ?? NixAttrs.empty;
  const checked = lazy(() => {
    const d = force(derivation);
    const t = d instanceof NixAttrs ? d.get("type") : undefined;
    if (!(t !== undefined && eqValues(t, "derivation"))) throw throwError("lazyDerivation: input must be a derivation.");
    const drv = d as NixAttrs;
    if (!eqValues(get(drv, "outputs"), outputs)) {
      const name = drv.get("name");
      const lines = [
        `lib.lazyDerivation: The derivation ${name === undefined ? "<unknown>" : strOf(ctx.B.toStr(name))} has outputs that don't match the assumed outputs.`,
        "",
        `Assumed outputs passed to lazyDerivation${attrPos(ctx, ",\n    at ", "outputs", args)}:`,
        `    ${prettyValue(ctx, outputs, ONE_LINE)};`,
        "",
        `Actual outputs of the derivation${packagePos(",\n    defined at ", drv)}:`,
        `    ${prettyValue(ctx, get(drv, "outputs"), ONE_LINE)}`,
        "",
        "If the outputs are known ahead of evaluating the derivation,",
        "then update the lazyDerivation call to match the actual outputs, in the same order.",
        "If lazyDerivation is passed a literal value, just change it to the actual outputs.",
        "As a result it will work as before / as intended.",
        "",
        "Otherwise, when the outputs are dynamic and can't be known ahead of time, it won't",
        "be possible to add laziness, but lib.lazyDerivation may still be useful for trimming",
        "the attributes.",
        "If you want to keep trimming the attributes, make sure that the package is in a",
        "variable (don't evaluate it twice!) and pass the variable and its outputs attribute",
        "to lib.lazyDerivation. This largely defeats laziness, but keeps the trimming.",
        "If none of the above works for you, replace the lib.lazyDerivation call by the",
        "expression in the derivation argument.",
        "",
      ];
      throw throwError(lines.join("\n"));
    }
    return drv;
  });
  const m = new Map<string, Lazy>();
  m.set("type", "derivation");
  for (const n of ["outPath", "outputName", "drvPath", "name", "system"])
    m.set(
      n,
      lazy(() => force(get(checked, n))),
    );
  m.set("outputs", outputs);
  const metaArg = args.get("meta");
  m.set("meta", metaArg ?? lazy(() => force(get(checked, "meta"))));
  for (const o of forceList(outputs)) {
    const name = forceStringNoContext(o);
    m.set(
      name,
      lazy(() => force(get(checked, name))),
    );
  }
  for (const [k, v] of forceAttrs(passthru).map) m.set(k, v);
  return new NixAttrs(m);
}

export function derivations(ctx: LibContext): Value {
  const { B } = ctx;
  const warnOnInstantiate: Value = fn("lib.derivations.warnOnInstantiate", 2, ([msg, d]) => {
    const drv = forceAttrs(d!);
    const m = new Map(drv.map);
    for (const [k, v] of drv.map) {
      if (["meta", "name", "type", "outputName"].includes(k)) continue;
      m.set(
        k,
        lazy(() => B.call("warn", msg!, v)),
      );
    }
    const oa = drv.get("overrideAttrs");
    if (oa !== undefined && (B.call("isFunction", oa) as boolean)) {
      m.set(
        "overrideAttrs",
        fn("lib.derivations.warnOnInstantiate.overrideAttrs", 1, ([x]) =>
          call(
            warnOnInstantiate,
            msg!,
            lazy(() => call(oa, x!)),
          ),
        ),
      );
    }
    return new NixAttrs(m);
  });
  return attrs({
    addDrvOutputDependencies: B.get("addDrvOutputDependencies"),
    unsafeDiscardOutputDependency: B.get("unsafeDiscardOutputDependency"),
    lazyDerivation: fn("lib.derivations.lazyDerivation", 1, ([a]) => lazyDerivation(ctx, a!)),
    optionalDrvAttr: fn("lib.derivations.optionalDrvAttr", 2, ([c, v]) => (forceBool(c!) ? force(v!) : null)),
    warnOnInstantiate,
  });
}
