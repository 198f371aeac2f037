/**
 * Shared machinery of the `lib.hm` tests: each case is a Nix expression with
 * `lib` (our `buildLib`) and `hm` (`lib.hm`) in scope, evaluated as
 * `nix-instantiate --eval --strict` would (deep force, then Nix's printer),
 * and compared with the text real Nix 2.8 printed for Home Manager's own lib.
 * Two deliberate differences are normalised: our functions are primops, so
 * `<PRIMOP>` prints where Nix prints `<LAMBDA>`; and error cases pin our
 * message (current Nix wording), noted where Nix 2.8 worded it differently.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildLib, defaultProviders, type LibProviders } from "../../src/lib/index.js";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { nodeIO } from "../../src/nix/io.js";
import { callFunction } from "../../src/nix/ops.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";
import { force, NixAttrs, type Value } from "../../src/nix/values.js";

export type Expect = string | { error: string };
/** A row; `todo` marks a known failure elsewhere (reported, not failing the suite). */
export type Case = [expr: string, expected: Expect, known?: { todo: string }];

/**
 * Our providers, with the module system's namespaces when that folder exports
 * them (looked up at run time, so these tests build before it exists).
 */
async function loadProviders(): Promise<LibProviders> {
  if (defaultProviders.moduleSystem) return defaultProviders;
  try {
    const mod: Record<string, unknown> = await import(new URL("../../src/module-system/lib-exports.js", import.meta.url).href);
    const f = mod.moduleSystemNamespaces;
    if (typeof f === "function") return { ...defaultProviders, moduleSystem: f as NonNullable<LibProviders["moduleSystem"]> };
  } catch {
    // Not built: lib.modules/options/types are absent and the tests needing them are skipped.
  }
  return defaultProviders;
}

const providers = await loadProviders();

/** Warnings printed during the last evaluation. */
export const warnings: string[] = [];

/** A fresh state with our `lib`; `hm` is `lib.hm`. */
export function newLib(): { st: EvalState; lib: NixAttrs; hm: NixAttrs } {
  const st = new EvalState({ io: { ...nodeIO, printErr: (l) => void warnings.push(l) } });
  const lib = buildLib(st, providers);
  const hm = force(lib.get("hm")!);
  if (!(hm instanceof NixAttrs)) throw new Error("lib.hm is not a set");
  return { st, lib, hm };
}

/** Evaluate `expr` with `lib` and `hm` bound, deeply forced. */
export function evalHm(expr: string): Value {
  const { st, lib, hm } = newLib();
  const f = st.evalString(`lib: hm: ${expr}`);
  const v = callFunction(callFunction(f, lib), hm);
  deepForce(v);
  return v;
}

/** What `nix-instantiate --eval --strict` prints, with primops shown as lambdas. */
export function show(expr: string): string {
  return printAmbiguous(evalHm(expr)).replace(/<PRIMOP(-APP)?>/g, "<LAMBDA>");
}

/** The error an expression raises (its message's first line). */
export function errorOf(expr: string): string {
  try {
    evalHm(expr);
  } catch (e) {
    if (e instanceof NixError) {
      const msg = e.kind === "abort" ? `evaluation aborted with the following error message: '${e.message}'` : e.message;
      return msg.split("\n")[0]!;
    }
    throw e;
  }
  return "(no error)";
}

/** True when our `lib` has the module system's namespaces (lib.options, lib.types…). */
export function hasModuleSystem(): boolean {
  const { lib } = newLib();
  return lib.has("options") && lib.has("types");
}

/** One `node:test` case per row; `skip` gives the reason to skip them all. */
export function table(cases: Case[], skip?: string | false): void {
  for (const [expr, expected, known] of cases) {
    test(expr.length > 110 ? expr.slice(0, 107) + "..." : expr, { skip, todo: known?.todo }, () => {
      if (typeof expected === "string") assert.equal(show(expr), expected);
      else assert.equal(errorOf(expr), expected.error);
    });
  }
}
