/**
 * What `nix-instantiate` does with a top-level value: a function with formals is
 * called with the `--arg`/`--argstr` values (defaults fill the rest), and
 * `-A a.b.0` selects along an attribute path whose numeric parts index lists.
 */
import { NixError } from "./errors.js";
import { callFunction } from "./ops.js";
import { force, Lambda, NixAttrs, type Lazy, type Value } from "./values.js";

/** Call a function with formals using the auto-arguments; other values pass through. */
export function autoCall(v: Value, autoArgs: NixAttrs): Value {
  if (v instanceof NixAttrs) {
    const functor = v.get("__functor");
    if (functor === undefined) return v;
    return autoCall(callFunction(force(functor), v), autoArgs);
  }
  if (!(v instanceof Lambda) || !v.node.formals) return v;
  const formals = v.node.formals;
  const m = new Map<string, Lazy>();
  if (formals.ellipsis) for (const [k, x] of autoArgs.map) m.set(k, x);
  for (const f of formals.entries) {
    const a = autoArgs.get(f.name);
    if (a !== undefined) m.set(f.name, a);
    else if (f.default === undefined) {
      throw new NixError("eval", `cannot evaluate a function that has an argument without a value ('${f.name}')`, f.span, [
        "Nix attempted to evaluate a function as a top level expression; in",
        "this case it must have its arguments supplied either by default",
        "values, or passed explicitly with '--arg' or '--argstr'. See",
        "https://nixos.org/manual/nix/stable/language/constructs.html#functions.",
      ]);
    }
  }
  return callFunction(v, new NixAttrs(m));
}

/** Select `a.b.0` from a value (empty path: the value itself). */
export function selectAttrPath(root: Value, path: string, autoArgs: NixAttrs): Value {
  if (path === "") return root;
  let v: Value = root;
  const parts = splitAttrPath(path);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    v = autoCall(v, autoArgs);
    if (/^[0-9]+$/.test(p)) {
      if (!Array.isArray(v))
        throw new NixError("eval", `the expression selected by the selection path '${path}' should be a list but is ${typeName(v)}`);
      const idx = Number(p);
      if (idx >= v.length) throw new NixError("eval", `list index ${idx} in selection path '${path}' is out of range`);
      v = force(v[idx]!);
    } else {
      if (!(v instanceof NixAttrs))
        throw new NixError("eval", `the expression selected by the selection path '${path}' should be a set but is ${typeName(v)}`);
      const x = v.get(p);
      if (x === undefined) throw new NixError("eval", `attribute '${p}' in selection path '${path}' not found`);
      v = force(x);
    }
  }
  return v;
}

function typeName(v: Value): string {
  return Array.isArray(v) ? "a list" : v instanceof NixAttrs ? "a set" : typeof v === "bigint" ? "an integer" : "another value";
}

/** Split on dots outside double quotes: `a."b.c".d` → [a, b.c, d]. */
export function splitAttrPath(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    else if (c === "." && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
