/**
 * `derivationStrict` and `derivation`. `derivationStrict` turns an attribute set
 * into a store derivation: every attribute becomes an environment string (with
 * its context collected into input derivations and sources), outputs are
 * checked, fixed-output attributes are honoured, and the store computes the
 * output and `.drv` paths exactly as Nix does. `derivation` is the lazy wrapper
 * Nix defines in Nix code: each output becomes a set sharing the original
 * attributes plus `outPath`, `drvPath`, `outputName` and `type`.
 */
import { coerceToString } from "../coerce.js";
import { NixError } from "../errors.js";
import { forceAttrs, forceBool, forceList, forceStringNoContext } from "../ops.js";
import { formatPos, Source, type Span } from "../source.js";
import type { EvalState } from "../state.js";
import type { Derivation, DerivationOutput } from "../store/store.js";
import { force, mkString, NixAttrs, Thunk, type Lazy, type Value } from "../values.js";
import type { BuiltinRegistry } from "./registry.js";
import { serializeStructuredAttrs } from "./derivation-json.js";

/** The wrapper, written in Nix so that laziness matches Nix's own definition. */
const WRAPPER = `
attrs@{ outputs ? [ "out" ], ... }:
let
  built = derivationStrict attrs;
  shared = attrs // builtins.listToAttrs perOutput // {
    all = map (o: o.value) perOutput;
    drvAttrs = attrs;
  };
  forOutput = outputName: {
    name = outputName;
    value = shared // {
      outPath = builtins.getAttr outputName built;
      drvPath = built.drvPath;
      type = "derivation";
      inherit outputName;
    };
  };
  perOutput = map forOutput outputs;
in (builtins.head perOutput).value
`;

export function derivationBuiltins(reg: BuiltinRegistry, st: EvalState): void {
  reg.prim("derivationStrict", 1, ([a], s) => derivationStrict(st, forceAttrs(a!, s), s), { global: true });
  reg.value("derivation", new Thunk(() => st.evalSource(new Source("«nix-internal»/derivation-internal.nix", WRAPPER, false)), null), {
    global: true,
  });
}

const FIXED_ATTRS = new Set(["outputHash", "outputHashAlgo", "outputHashMode"]);

function derivationStrict(st: EvalState, attrs: NixAttrs, s?: Span): Value {
  const nameL = attrs.get("name");
  if (nameL === undefined) throw new NixError("eval", "required attribute 'name' missing");
  let drvName: string;
  try {
    drvName = forceStringNoContext(nameL, s);
  } catch (e) {
    if (e instanceof NixError) e.addFrame("while evaluating the derivation attribute 'name'", attrs.pos?.get("name"));
    throw e;
  }
  try {
    return derivationOf(st, attrs, drvName, s);
  } catch (e) {
    const p = attrs.pos?.get("name");
    if (e instanceof NixError) {
      e.addFrame(`while evaluating derivation '${drvName}'\nwhose name attribute is located at ${p ? formatPos(p) : "«unknown»"}`);
    }
    throw e;
  }
}

function derivationOf(st: EvalState, attrs: NixAttrs, drvName: string, s?: Span): Value {
  const frame = (e: unknown, attr: string): never => {
    if (e instanceof NixError) e.addFrame(`while evaluating attribute '${attr}' of derivation '${drvName}'`, attrs.pos?.get(attr) ?? s);
    throw e;
  };
  const ignoreNulls = attrs.has("__ignoreNulls") ? forceBool(attrs.get("__ignoreNulls")!, s) : false;
  const structured = attrs.has("__structuredAttrs") ? forceBool(attrs.get("__structuredAttrs")!, s) : false;
  const ctx = new Set<string>();
  const env = new Map<string, string>();
  const drv: Derivation = {
    name: drvName,
    outputs: new Map(),
    inputDrvs: new Map(),
    inputSrcs: new Set(),
    platform: "",
    builder: "",
    args: [],
    env,
  };
  let outputs = ["out"];
  let outputHash: string | undefined;
  let outputHashAlgo: string | undefined;
  let outputHashMode = "flat";
  const structuredValues = new Map<string, Lazy>();
  for (const key of attrs.sortedNames()) {
    if (key === "__ignoreNulls") continue;
    const l = attrs.get(key)!;
    try {
      const v = force(l);
      if (ignoreNulls && v === null) continue;
      if (key === "__contentAddressed" && forceBool(v, s)) {
        throw new NixError("eval", "content-addressed derivations are not supported (experimental feature 'ca-derivations')", s);
      }
      if (key === "__impure" && forceBool(v, s)) {
        throw new NixError("eval", "impure derivations are not supported (experimental feature 'impure-derivations')", s);
      }
      if (key === "args") {
        for (const a of forceList(v, s)) drv.args.push(coerceToString(st, a, { coerceMore: true, copyToStore: true, context: ctx }, s));
        continue;
      }
      if (structured && key === "__structuredAttrs") continue;
      if (structured) {
        structuredValues.set(key, v);
        if (key === "outputs")
          outputs = checkOutputs(
            forceList(v, s).map((o) => forceStringNoContext(o, s)),
            s,
          );
        else if (key === "builder") drv.builder = coerceToString(st, v, { copyToStore: true, context: ctx }, s);
        else if (key === "system") drv.platform = forceStringNoContext(v, s);
        else if (FIXED_ATTRS.has(key)) setFixed(key, forceStringNoContext(v, s));
        continue;
      }
      const str = coerceToString(st, v, { coerceMore: true, copyToStore: true, context: ctx }, s);
      env.set(key, str);
      if (key === "builder") drv.builder = str;
      else if (key === "system") drv.platform = str;
      else if (key === "outputs")
        outputs = checkOutputs(
          str.split(/[ \t\n\r]+/).filter((x) => x !== ""),
          s,
        );
      else if (FIXED_ATTRS.has(key)) setFixed(key, str);
    } catch (e) {
      frame(e, key);
    }
  }
  function setFixed(key: string, v: string): void {
    if (key === "outputHash") outputHash = v;
    else if (key === "outputHashAlgo") outputHashAlgo = v;
    else outputHashMode = v;
  }
  if (structured) env.set("__json", serializeStructuredAttrs(st, structuredValues, ctx, s));
  if (!attrs.has("builder")) throw new NixError("eval", "required attribute 'builder' missing", s);
  if (!attrs.has("system")) throw new NixError("eval", "required attribute 'system' missing", s);
  for (const el of ctx) addContext(st, drv, el);
  if (outputHash !== undefined) {
    if (outputs.length !== 1 || outputs[0] !== "out") {
      throw new NixError("eval", "multiple outputs are not supported in fixed-output derivations", s);
    }
    drv.outputs.set("out", fixedOutput(outputHash, outputHashAlgo, outputHashMode, s));
  } else {
    for (const o of outputs) drv.outputs.set(o, {});
  }
  let drvPath: string;
  try {
    drvPath = st.store.writeDerivation(drv);
  } catch (e) {
    throw e instanceof NixError ? e.at(s) : new NixError("eval", String(e instanceof Error ? e.message : e), s);
  }
  const result = new Map<string, Lazy>();
  result.set("drvPath", mkString(drvPath, new Set([`=${drvPath}`])));
  for (const [o, out] of drv.outputs) result.set(o, mkString(out.path!, new Set([`!${o}!${drvPath}`])));
  return new NixAttrs(result);
}

function checkOutputs(list: string[], s?: Span): string[] {
  if (list.length === 0) throw new NixError("eval", "derivation cannot have an empty set of outputs", s);
  const seen = new Set<string>();
  for (const o of list) {
    if (o === "drv" || o === "drvPath" || !/^[a-zA-Z0-9+\-._?=]+$/.test(o)) {
      throw new NixError("eval", `invalid derivation output name '${o}'`, s);
    }
    if (seen.has(o)) throw new NixError("eval", `duplicate derivation output '${o}'`, s);
    seen.add(o);
  }
  return list;
}

function fixedOutput(hash: string, algo: string | undefined, mode: string, s?: Span): DerivationOutput {
  if (mode !== "flat" && mode !== "recursive" && mode !== "nar" && mode !== "text") {
    throw new NixError("eval", `invalid value '${mode}' for 'outputHashMode' attribute`, s);
  }
  const prefix = mode === "recursive" || mode === "nar" ? "r:" : mode === "text" ? "text:" : "";
  return { hashAlgo: prefix + (algo ?? ""), hash };
}

/** Sort one context element into the derivation's inputs. */
function addContext(st: EvalState, drv: Derivation, el: string): void {
  if (el.startsWith("=")) {
    const path = el.slice(1);
    const outs = drv.inputDrvs.get(path) ?? new Set<string>();
    const known = knownOutputs(st, path);
    for (const o of known) outs.add(o);
    drv.inputDrvs.set(path, outs);
  } else if (el.startsWith("!")) {
    const i = el.indexOf("!", 1);
    const out = el.slice(1, i);
    const path = el.slice(i + 1);
    const outs = drv.inputDrvs.get(path) ?? new Set<string>();
    outs.add(out);
    drv.inputDrvs.set(path, outs);
  } else {
    drv.inputSrcs.add(el);
  }
}

/** Output names of a derivation written earlier in this evaluation (for `=drv` context). */
function knownOutputs(st: EvalState, drvPath: string): string[] {
  const store = st.store as { readDerivation?: (p: string) => Derivation | undefined };
  try {
    const drv = store.readDerivation?.(drvPath);
    if (drv) return [...drv.outputs.keys()];
  } catch {
    /* an unreadable input derivation: fall back to "out" */
  }
  return ["out"];
}
