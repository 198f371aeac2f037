/**
 * evalModules semantics as data: each case is a set of fixture modules (Nix
 * text at realistic paths), the modules passed to `evalModules`, an attribute
 * of the result, and the JSON it must evaluate to. Covers imports (paths,
 * functions, sets, lists, dedup by key), disabledModules, shorthand and full
 * modules, priorities, ordering, mkIf/mkMerge push-down, defaults, apply,
 * freeformType, _module.args and specialArgs, submodules, renames and the
 * config fixed point.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalExpr, HOME } from "./harness.js";

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly modules: string;
  readonly attr?: string;
  /** Extra arguments of evalModules. */
  readonly args?: string;
  readonly expected: string;
}

const L = "{ lib, config, ... }: with lib;";
const f = (name: string, text: string) => ({ [`${HOME}/${name}`]: text });

const cases: Case[] = [
  {
    name: "shorthand module defines a declared option",
    files: f("a.nix", `${L} { options.x = mkOption { type = types.int; }; }`),
    modules: "./a.nix { x = 1; }",
    expected: '{"x":1}',
  },
  {
    name: "imports: paths, functions and sets, each key once",
    files: {
      ...f(
        "a.nix",
        `${L} { imports = [ ./b.nix ./b.nix ({ ... }: { xs = [ "fn" ]; }) { xs = [ "set" ]; } ]; options.xs = mkOption { type = types.listOf types.str; }; }`,
      ),
      ...f("b.nix", `{ xs = [ "b" ]; }`),
    },
    modules: "./a.nix",
    expected: '{"xs":["set","fn","b"]}',
  },
  {
    name: "disabledModules by path and by key",
    files: {
      ...f(
        "a.nix",
        `${L} { imports = [ ./b.nix { key = "k"; xs = [ "keyed" ]; } ]; options.xs = mkOption { type = types.listOf types.str; default = [ ]; }; }`,
      ),
      ...f("b.nix", `{ xs = [ "b" ]; }`),
      ...f("c.nix", `{ disabledModules = [ ./b.nix { key = "k"; } ]; }`),
    },
    modules: "./a.nix ./c.nix",
    expected: '{"xs":[]}',
  },
  {
    name: "priorities: mkForce beats plain beats mkDefault beats the option default",
    files: f(
      "a.nix",
      `${L} { options = { a = mkOption { default = 1; }; b = mkOption { default = 1; }; c = mkOption { default = 1; }; }; config = mkMerge [ { a = mkDefault 2; b = mkDefault 2; c = 3; } { b = 3; c = mkForce 4; } ]; }`,
    ),
    modules: "./a.nix",
    expected: '{"a":2,"b":3,"c":4}',
  },
  {
    name: "mkOverride numbers and mkOptionDefault",
    files: f(
      "a.nix",
      `${L} { options.a = mkOption { type = types.int; }; config = mkMerge [ { a = mkOptionDefault 1; } { a = mkOverride 900 2; } { a = mkVMOverride 3; } ]; }`,
    ),
    modules: "./a.nix",
    expected: '{"a":3}',
  },
  {
    name: "mkBefore / mkAfter / mkOrder sort list definitions",
    files: f(
      "a.nix",
      `${L} { options.l = mkOption { type = types.listOf types.int; }; config.l = mkMerge [ [ 3 ] (mkAfter [ 5 ]) (mkBefore [ 1 ]) (mkOrder 700 [ 2 ]) [ 4 ] ]; }`,
    ),
    modules: "./a.nix",
    expected: '{"l":[1,2,3,4,5]}',
  },
  {
    name: "lines concatenate in order",
    files: f("a.nix", `${L} { options.t = mkOption { type = types.lines; }; config.t = mkMerge [ "b" (mkBefore "a") ]; }`),
    modules: "./a.nix",
    expected: '{"t":"a\\nb"}',
  },
  {
    name: "mkIf reads config without recursion (push-down)",
    files: f("a.nix", `${L} { options.a = mkEnableOption "a"; options.b = mkOption { default = 0; }; config = mkIf config.a { b = 1; }; }`),
    modules: "./a.nix { a = true; }",
    expected: '{"a":true,"b":1}',
  },
  {
    name: "reading one option never forces unrelated definitions",
    files: f("a.nix", `${L} { options.a = mkOption { }; options.b = mkOption { }; config = { a = 1; b = throw "never"; }; }`),
    modules: "./a.nix",
    attr: "config.a",
    expected: "1",
  },
  {
    name: "_module.check = false ignores undeclared definitions",
    files: f("a.nix", `${L} { options.a = mkOption { }; config = { a = 1; nope = 2; _module.check = false; }; }`),
    modules: "./a.nix",
    expected: '{"a":1}',
  },
  {
    name: "mkDefinition carries its own file",
    files: f(
      "a.nix",
      `${L} { options.a = mkOption { type = types.listOf types.int; }; config.a = mkDefinition { file = "elsewhere.nix"; value = [ 1 ]; }; }`,
    ),
    modules: "./a.nix",
    attr: "options.a.files",
    expected: '["elsewhere.nix"]',
  },
  {
    name: "apply transforms the merged value",
    files: f("a.nix", `${L} { options.a = mkOption { type = types.listOf types.int; apply = builtins.length; }; config.a = [ 1 2 3 ]; }`),
    modules: "./a.nix",
    expected: '{"a":3}',
  },
  {
    name: "freeformType collects undeclared definitions",
    files: f(
      "a.nix",
      `${L} { freeformType = types.attrsOf types.str; options.known = mkOption { type = types.int; default = 1; }; config.extra = "x"; }`,
    ),
    modules: "./a.nix",
    expected: '{"extra":"x","known":1}',
  },
  {
    name: "_module.args are lazy and specialArgs win",
    files: f(
      "a.nix",
      `{ lib, pkgs, fromSpecial, ... }: { options.a = lib.mkOption { }; config._module.args.pkgs = { hello = "hi"; }; config.a = pkgs.hello + fromSpecial; }`,
    ),
    modules: "./a.nix",
    args: 'specialArgs.fromSpecial = "!";',
    expected: '{"a":"hi!"}',
  },
  {
    name: "attrsOf submodule with name argument and defaults",
    files: f(
      "a.nix",
      `${L} { options.users = mkOption { type = types.attrsOf (types.submodule ({ name, ... }: { options.home = mkOption { type = types.str; default = "/home/" + name; }; options.uid = mkOption { type = types.int; }; })); }; config.users.alice.uid = 1000; }`,
    ),
    modules: "./a.nix",
    expected: '{"users":{"alice":{"home":"/home/alice","uid":1000}}}',
  },
  {
    name: "submodule definitions merge (later definitions first, as in nixpkgs)",
    files: f(
      "a.nix",
      `${L} { options.s = mkOption { type = types.submodule { options.x = mkOption { type = types.listOf types.int; }; }; }; config = mkMerge [ { s.x = [ 1 ]; } { s = { x = [ 2 ]; }; } ]; }`,
    ),
    modules: "./a.nix",
    expected: '{"s":{"x":[2,1]}}',
  },
  {
    name: "mkRenamedOptionModule forwards the old name",
    files: f(
      "a.nix",
      `${L} { imports = [ (mkRenamedOptionModule [ "old" ] [ "new" ]) ]; options.new = mkOption { type = types.int; }; config.old = 5; }`,
    ),
    modules: "./a.nix",
    attr: "config.new",
    expected: "5",
  },
  {
    name: "mkAliasOptionModule keeps the priority of the alias",
    files: f(
      "a.nix",
      `${L} { imports = [ (mkAliasOptionModule [ "alias" ] [ "real" ]) ]; options.real = mkOption { type = types.int; }; config = { alias = mkDefault 1; real = 2; }; }`,
    ),
    modules: "./a.nix",
    attr: "config.real",
    expected: "2",
  },
  {
    name: "mkChangedOptionModule computes the new value",
    files: f(
      "a.nix",
      `${L} { imports = [ (mkChangedOptionModule [ "n" ] [ "s" ] (c: toString c.n)) ]; options.s = mkOption { type = types.str; }; options.warnings = mkOption { default = [ ]; }; config.n = 42; }`,
    ),
    modules: "./a.nix",
    attr: "config.s",
    expected: '"42"',
  },
  {
    name: "nullOr, either, coercedTo and enum merge",
    files: f(
      "a.nix",
      `${L} { options = { n = mkOption { type = types.nullOr types.int; default = null; }; e = mkOption { type = types.either types.int types.str; }; c = mkOption { type = types.coercedTo types.int toString types.str; }; m = mkOption { type = types.enum [ "a" "b" ]; }; }; config = { e = "x"; c = 7; m = "b"; }; }`,
    ),
    modules: "./a.nix",
    expected: '{"c":"7","e":"x","m":"b","n":null}',
  },
  {
    name: "options tree carries definitions, files and isDefined",
    files: f("a.nix", `${L} { options.a = mkOption { type = types.int; }; config.a = 1; }`),
    modules: "./a.nix",
    attr: "options.a.isDefined",
    expected: "true",
  },
];

for (const c of cases) {
  const expr = `(lib.evalModules { modules = [ ${c.modules} ]; ${c.args ?? ""} }).${c.attr ?? "config"}`;
  test(c.name, () => assert.equal(evalExpr(c.files, expr), c.expected));
}

// The default is a definition of priority 1500 (mkOptionDefault): alone it
// wins with that priority; with any other definition it is dropped unread.
test("the default: priority 1500 when alone, never forced when defined", () => {
  const files = f(
    "a.nix",
    `${L} { options = { a = mkOption { default = 1; }; b = mkOption { default = throw "unread"; }; c = mkOption { default = throw "unread"; }; d = mkOption { default = [ 1 ]; type = types.listOf types.int; }; }; config = { b = 2; c = mkDefault 3; d = mkOptionDefault [ 2 ]; }; }`,
  );
  const expr = `let o = (lib.evalModules { modules = [ ./a.nix ]; }).options; in map (n: { inherit n; v = o.\${n}.value; p = o.\${n}.highestPrio; d = o.\${n}.isDefined; }) [ "a" "b" "c" "d" ]`;
  assert.equal(
    evalExpr(files, expr),
    '[{"d":true,"n":"a","p":1500,"v":1},{"d":true,"n":"b","p":100,"v":2},{"d":true,"n":"c","p":1000,"v":3},{"d":true,"n":"d","p":1500,"v":[1,2]}]',
  );
});

test("extendModules adds modules to a finished evaluation", () => {
  const files = f("a.nix", `${L} { options.a = mkOption { type = types.listOf types.int; }; config.a = [ 1 ]; }`);
  assert.equal(
    evalExpr(files, "((lib.evalModules { modules = [ ./a.nix ]; }).extendModules { modules = [ { a = [ 2 ]; } ]; }).config.a"),
    "[2,1]",
  );
});

test("optionAttrSetToDocList lists visible options with type, default and declarations", () => {
  const files = f(
    "a.nix",
    `${L} { options.programs.git.enable = mkEnableOption "Git"; options.programs.git.userName = mkOption { type = types.nullOr types.str; default = null; description = "Name."; }; options.hidden = mkOption { visible = false; }; }`,
  );
  const out = JSON.parse(
    evalExpr(
      files,
      "builtins.filter (o: o.visible && !o.internal) (lib.optionAttrSetToDocList (lib.evalModules { modules = [ ./a.nix ]; }).options)",
    ),
  );
  assert.deepEqual(
    out.map((o: { name: string; type: string; declarations: string[] }) => [o.name, o.type, o.declarations]),
    [
      ["_module.args", "lazy attribute set of raw value", ["lib/modules.nix"]],
      ["programs.git.enable", "boolean", [`${HOME}/a.nix`]],
      ["programs.git.userName", "null or string", [`${HOME}/a.nix`]],
    ],
  );
  assert.deepEqual(out[1].default, { _type: "literalExpression", text: "false" });
  assert.equal(out[1].description, "Whether to enable Git.");
});
