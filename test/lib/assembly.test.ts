/**
 * Tests of how `lib` is assembled: every top-level name nixpkgs' lib/default.nix
 * re-exports is present and reads its namespace through the final `lib`
 * (so `lib.extend` overrides reach it), the module-system and `lib.hm`
 * providers are wired in and receive the final `lib`, and `extend` composes.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assembleLib, buildLib } from "../../src/lib/index.js";
import { REEXPORTS } from "../../src/lib/reexports.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { callFunction } from "../../src/nix/ops.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";
import { force, NixAttrs, type Lazy } from "../../src/nix/values.js";
import { nodeIO } from "../../src/nix/io.js";

const quiet = () => new EvalState({ io: { ...nodeIO, printErr: () => {} } });

function evalWith(st: EvalState, lib: NixAttrs, expr: string): string {
  const v = callFunction(st.evalString(`lib: ${expr}`), lib);
  deepForce(v);
  return printAmbiguous(v);
}

const MODULE_NAMESPACES = new Set(["modules", "options", "types"]);

/** A stand-in module system: each namespace maps any name to a string naming it, and records the `lib` it saw. */
function stubModuleSystem(seen: NixAttrs[]) {
  return (_st: EvalState, lib: () => NixAttrs) => {
    const ns = (prefix: string, names: readonly string[]) => new NixAttrs(new Map<string, Lazy>(names.map((n) => [n, `${prefix}.${n}`])));
    const names = (n: string) => REEXPORTS.find(([k]) => k === n)?.[1] ?? [];
    seen.push(lib());
    return {
      modules: ns("modules", [...names("modules"), "evalOptionValue"]),
      options: ns("options", names("options")),
      types: ns("types", names("types")),
    };
  };
}

describe("lib assembly", () => {
  test("every re-exported name outside the module system evaluates", () => {
    const st = quiet();
    const lib = buildLib(st);
    for (const [ns, names] of REEXPORTS) {
      if (MODULE_NAMESPACES.has(ns)) continue;
      for (const name of names) {
        const v = lib.get(name);
        assert.ok(v !== undefined, `lib.${name} missing`);
        assert.doesNotThrow(() => force(v), `lib.${name}`);
      }
    }
  });

  test("namespaces of nixpkgs' lib are present", () => {
    const lib = buildLib(quiet());
    const expected = [
      "trivial",
      "fixedPoints",
      "attrsets",
      "lists",
      "strings",
      "stringsWithDeps",
      "customisation",
      "derivations",
      "maintainers",
      "teams",
      "meta",
      "versions",
      "licenses",
      "sourceTypes",
      "systems",
      "cli",
      "generators",
      "asserts",
      "debug",
      "misc",
      "fetchers",
      "filesystem",
      "sources",
      "platforms",
      "kernel",
      "network",
      "flakes",
      "hm",
    ];
    for (const n of expected) assert.ok(force(lib.get(n)!) instanceof NixAttrs, n);
  });

  test("module-system names come from the provider, through the final lib", () => {
    const st = quiet();
    const seen: NixAttrs[] = [];
    const lib = assembleLib(st, { moduleSystem: stubModuleSystem(seen) });
    assert.equal(
      evalWith(st, lib, "[ lib.mkIf lib.mkOption lib.isOptionType lib.types.isType ]"),
      '[ "modules.mkIf" "options.mkOption" "types.isOptionType" "types.isType" ]',
    );
    assert.equal(seen[0], lib);
    const extended = evalWith(st, lib, '(lib.extend (final: prev: { modules = prev.modules // { mkIf = "overridden"; }; })).mkIf');
    assert.equal(extended, '"overridden"');
  });

  test("evalOptionValue warns and reads lib.modules", () => {
    const messages: string[] = [];
    const st = new EvalState({ io: { ...nodeIO, printErr: (l) => messages.push(l) } });
    const lib = assembleLib(st, { moduleSystem: stubModuleSystem([]) });
    assert.equal(evalWith(st, lib, "lib.evalOptionValue"), '"modules.evalOptionValue"');
    assert.ok(messages.some((m) => m.includes("External use of `lib.evalOptionValue` is deprecated.")));
  });

  test("without a module-system provider its names fail only when used", () => {
    const st = quiet();
    const lib = assembleLib(st, {});
    assert.equal(evalWith(st, lib, "lib.id 1"), "1");
    assert.throws(() => evalWith(st, lib, "lib.mkIf"), /attribute 'modules' missing/);
  });

  test("lib.hm is wired in and sees the final lib", () => {
    const st = quiet();
    const lib = buildLib(st);
    assert.equal(evalWith(st, lib, "builtins.isAttrs lib.hm"), "true");
    assert.equal(evalWith(st, lib, "builtins.isAttrs (lib.extend (f: p: { })).hm"), "true");
  });

  test("extend composes and keeps the rest of lib", () => {
    const st = quiet();
    const lib = buildLib(st);
    const expr = `
      let
        one = lib.extend (final: prev: { a = 1; b = final.a + 1; });
        two = one.extend (final: prev: { a = 10; c = prev.b; });
      in [ one.b two.a two.b two.c (two ? __unfix__) (lib ? __unfix__) (two.concatStrings [ "x" "y" ]) ]`;
    assert.equal(evalWith(st, lib, expr), '[ 2 10 11 11 true false "xy" ]');
  });

  test("top-level names follow overridden namespaces", () => {
    const st = quiet();
    const lib = buildLib(st);
    const expr = `(lib.extend (final: prev: { strings = prev.strings // { concatStrings = _: "patched"; }; })).concatStrings [ "a" ]`;
    assert.equal(evalWith(st, lib, expr), '"patched"');
  });

  test("lib.platforms is lib.systems.doubles", () => {
    const st = quiet();
    const lib = buildLib(st);
    assert.equal(evalWith(st, lib, "lib.platforms.darwin == lib.systems.doubles.darwin"), "true");
  });
});
