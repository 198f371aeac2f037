/**
 * `lib.types` as data: the description of each type (exact strings), checks
 * on sample values, type merging through functors, and types written in Nix
 * (`mkOptionType`, `types.str // { … }`) used next to the native ones.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalExpr } from "./harness.js";

const descriptions: [string, string][] = [
  ["bool", "boolean"],
  ["boolByOr", "boolean (merged using or)"],
  ["int", "signed integer"],
  ["ints.unsigned", "unsigned integer, meaning >=0"],
  ["ints.positive", "positive integer, meaning >0"],
  ["ints.u8", "8 bit unsigned integer; between 0 and 255 (both inclusive)"],
  ["ints.s32", "32 bit signed integer; between -2147483648 and 2147483647 (both inclusive)"],
  ["(ints.between 1 10)", "integer between 1 and 10 (both inclusive)"],
  ["port", "16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["float", "floating point number"],
  ["number", "signed integer or floating point number"],
  ["numbers.nonnegative", "nonnegative integer or floating point number, meaning >=0"],
  ["(numbers.between 0 1.5)", "integer or floating point number between 0 and 1.5 (both inclusive)"],
  ["str", "string"],
  ["nonEmptyStr", "non-empty string"],
  ["singleLineStr", "(optionally newline-terminated) single-line string"],
  ['(strMatching "[a-z]+")', "string matching the pattern [a-z]+"],
  ["lines", 'strings concatenated with "\\n"'],
  ["commas", 'strings concatenated with ","'],
  ["envVar", 'strings concatenated with ":"'],
  ["path", "absolute path"],
  ["pathInStore", "path in the Nix store"],
  ["externalPath", "absolute path not in the Nix store"],
  ["package", "package"],
  ["attrs", "attribute set"],
  ["anything", "anything"],
  ["raw", "raw value"],
  ["unspecified", "unspecified value"],
  ['(enum [ "a" "b" ])', 'one of "a", "b"'],
  ["(enum [ 1 ])", "value 1 (singular enum)"],
  ["(enum [ ])", "impossible (empty enum)"],
  ["(nullOr bool)", "null or boolean"],
  ["(listOf str)", "list of string"],
  ["(listOf (listOf int))", "list of list of signed integer"],
  ["(nonEmptyListOf str)", "non-empty (list of string)"],
  ["(attrsOf (submodule { }))", "attribute set of (submodule)"],
  ["(lazyAttrsOf int)", "lazy attribute set of signed integer"],
  ["(nullOr (either int str))", "null or signed integer or string"],
  ["(either ints.unsigned str)", "unsigned integer, meaning >=0, or string"],
  ["(oneOf [ bool int str ])", "boolean or signed integer or string"],
  ["(coercedTo int toString str)", "string or signed integer convertible to it"],
  ["(functionTo str)", "function that evaluates to a(n) string"],
  ["(uniq (listOf int))", "list of signed integer"],
  ["deferredModule", "module"],
  ["(submodule { freeformType = attrsOf str; })", "open submodule of attribute set of string"],
  ["(attrTag { a = lib.mkOption { type = int; }; b = lib.mkOption { type = str; }; })", "attribute-tagged union with choices: a, b"],
  ["(attrListOf str)", "attribute list of string"],
  ["(passwdEntry str)", "string, not containing newlines or colons"],
  ["json", "JSON value"],
  ["optionType", "optionType"],
  ['(mkOptionType { name = "mine"; })', "mine"],
  ['(str // { description = "name"; })', "name"],
];

test("type descriptions", () => {
  const expr = `with lib.types; [ ${descriptions.map(([t]) => `${t}.description`).join(" ")} ]`;
  const got = JSON.parse(evalExpr({}, expr)) as string[];
  assert.deepEqual(
    got.map((d, i) => [descriptions[i]![0], d]),
    descriptions,
  );
});

const checks: [string, string, boolean][] = [
  ["bool", "true", true],
  ["bool", '"yes"', false],
  ["int", "1", true],
  ["int", "1.0", false],
  ["ints.u8", "256", false],
  ["port", "22", true],
  ["str", '"x"', true],
  ["nonEmptyStr", '" \\n"', false],
  ["singleLineStr", '"a\\nb"', false],
  ['(strMatching "[a-z]+")', '"abc"', true],
  ['(strMatching "[a-z]+")', '"ab1"', false],
  ['(enum [ "a" ])', '"b"', false],
  ["(nullOr int)", "null", true],
  ["(listOf int)", "[ ]", true],
  ["(attrsOf int)", "{ }", true],
  ["path", '"/etc"', true],
  ["path", '"etc"', false],
  ["(either int str)", "[ ]", false],
];

test("type checks", () => {
  const expr = `with lib.types; [ ${checks.map(([t, v]) => `(${t}.check ${v})`).join(" ")} ]`;
  const got = JSON.parse(evalExpr({}, expr)) as boolean[];
  assert.deepEqual(
    got.map((b, i) => [checks[i]![0], checks[i]![1], b]),
    checks,
  );
});

test("nested types, functors and type merging", () => {
  assert.equal(evalExpr({}, "(lib.types.listOf lib.types.int).nestedTypes.elemType.name"), '"int"');
  assert.equal(evalExpr({}, "(lib.types.either lib.types.int lib.types.str).nestedTypes.right.description"), '"string"');
  assert.equal(
    evalExpr({}, "((lib.types.listOf lib.types.int).typeMerge (lib.types.listOf lib.types.int).functor).description"),
    '"list of signed integer"',
  );
  assert.equal(evalExpr({}, "(lib.types.listOf lib.types.int).typeMerge (lib.types.listOf lib.types.str).functor"), "null");
  assert.equal(
    evalExpr({}, '((lib.types.enum [ "a" ]).typeMerge (lib.types.enum [ "b" ]).functor).description'),
    '"one of \\"a\\", \\"b\\""',
  );
  assert.equal(evalExpr({}, "(lib.types.submodule { }).getSubModules != null"), "true");
  assert.equal(evalExpr({}, "lib.types.str.emptyValue"), "{}");
  assert.equal(evalExpr({}, "(lib.types.listOf lib.types.str).emptyValue.value"), "[]");
  assert.equal(evalExpr({}, 'lib.types.isType "option-type" lib.types.bool'), "true");
});

test("a type written in Nix merges with its own merge function", () => {
  const expr = `(lib.evalModules { modules = [ { options.x = lib.mkOption { type = lib.mkOptionType { name = "sum"; check = builtins.isInt; merge = loc: defs: lib.foldl' (a: d: a + d.value) 0 defs; }; }; } { x = 1; } { x = 2; } ]; }).config.x`;
  assert.equal(evalExpr({}, expr), "3");
});

test("types.str.merge and types.listOf merge from Nix code", () => {
  assert.equal(evalExpr({}, 'lib.types.str.merge [ "x" ] [ { file = "a"; value = "v"; } ]'), '"v"');
  assert.equal(
    evalExpr({}, '(lib.types.listOf lib.types.int).merge [ "x" ] [ { file = "a"; value = [ 1 ]; } { file = "b"; value = [ 2 ]; } ]'),
    "[1,2]",
  );
});
