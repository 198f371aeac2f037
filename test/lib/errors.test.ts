/**
 * Table-driven tests for failures (throws, aborts and assertions with nixpkgs' messages). Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const ERRORS: Case[] = [
  ['lib.toInt "foo"', { error: 'toInt: Could not convert "foo" to int.' }],
  ['lib.toInt "01"', { error: 'toInt: Ambiguity in interpretation of "01" between octal and zero padded integer.' }],
  ['lib.toInt "1.5"', { error: 'toInt: Could not convert "1.5" to int.' }],
  ['lib.toInt ""', { error: 'toInt: Could not convert "" to int.' }],
  ['lib.toIntBase10 "foo"', { error: 'toIntBase10: Could not convert "foo" to int.' }],
  ['lib.toIntBase10 "1.5"', { error: 'toIntBase10: Could not convert "1.5" to int.' }],
  [
    'lib.fixedWidthString 1 "0" "12"',
    { error: "fixedWidthString: requested string length (1) must not be shorter than actual length (2)" },
  ],
  ['lib.toShellVar "1x" "y"', { error: "toShellVar: 1x is not a valid shell variable name" }],
  ["lib.toSentenceCase 1", { error: "toSentenceCase does only accepts string values, but got int" }],
  ["lib.toCamelCase 1", { error: "toCamelCase does only accepts string values, but got int" }],
  ["lib.last []", { error: "lists.last: list must not be empty!" }],
  ["lib.init []", { error: "lists.init: list must not be empty!" }],
  ["lib.lists.removePrefix [1] [2 3]", { error: "lib.lists.removePrefix: First argument is not a list prefix of the second argument" }],
  ['lib.getAttrFromPath ["a" "b"] { a = { }; }', { abort: "cannot find attribute 'a.b'" }],
  ['lib.assertMsg false "custom message"', { error: "custom message" }],
  ['lib.assertOneOf "color" "ping" ["red" "green"]', { error: 'color must be one of [\n  "red"\n  "green"\n], but is: "ping"' }],
  [
    'lib.asserts.assertEachOneOf "colors" ["red" "x"] ["red" "green"]',
    { error: 'each element in colors must be one of [\n  "red"\n  "green"\n], but is: [\n  "red"\n  "x"\n]' },
  ],
  ['lib.throwIf true "boom" 1', { error: "boom" }],
  ['lib.throwIfNot false "boom" 1', { error: "boom" }],
  ['lib.checkListOfEnum "thing" ["a" "b"] ["a" "c" "d"] true', { error: "thing: c, d unexpected; valid ones: a, b" }],
  ["lib.cmakeBool 1 true", { error: "assertion '((lib).isString condition)' failed" }],
  ['lib.cmakeFeature "a" 1', { error: "assertion '((lib).isString value)' failed" }],
  ['lib.mesonOption 1 "a"', { error: "assertion '((lib).isString feature)' failed" }],
  ['lib.mesonBool "a" 1', { error: "assertion '((lib).isBool flag)' failed" }],
  ["lib.mesonEnable 1 true", { error: "assertion '((lib).isString feature)' failed" }],
  ['lib.enableFeature 1 "x"', { error: "assertion '((lib).isBool flag)' failed" }],
  ["lib.enableFeature true 1", { error: "assertion '((lib).isString feature)' failed" }],
  ["lib.withFeature true 1", { error: "assertion '(isString feature)' failed" }],
  ['lib.cmakeOptionType "x" "a" "b"', { error: "assertion '(elem (toUpper type) types)' failed" }],
  ['lib.nameFromURL "a/b" "-"', { error: "assertion '(name != filename)' failed" }],
  ["lib.toBaseDigits 1 2", { error: "assertion '(! (__lessThan base 2))' failed" }],
  ["lib.toBaseDigits 2 (-1)", { error: "assertion '(! (__lessThan i 0))' failed" }],
  ["lib.toBaseDigits 2.0 1", { error: "assertion '(isInt base)' failed" }],
  ['lib.generators.withRecursion { depthLimit = "x"; } 1', { error: "assertion '(isInt depthLimit)' failed" }],
  ["lib.matchAttrs 1 { }", { error: "assertion '(isAttrs pattern)' failed" }],
  ['lib.strings.toInt "0x1"', { error: 'toInt: Could not convert "0x1" to int.' }],
  [
    'lib.updateManyAttrsByPath [ { path = ["a" "b"]; update = old: old + 1; } ] { a = 1; }',
    {
      error:
        "updateManyAttrsByPath: Path 'a.b' needs to be updated, but path 'a' of the given value is not an attribute set, so we can't update an attribute inside of it.",
    },
  ],
  [
    'lib.updateManyAttrsByPath [ { path = ["a"]; update = old: old + 1; } ] { }',
    {
      error:
        "updateManyAttrsByPath: Path 'a' does not exist in the given value, but the first update to this path tries to access the existing value.",
    },
  ],
  ["lib.generators.mkValueStringDefault { } [ 1 ]", { abort: "generators.mkValueStringDefault: lists not supported: [\n  1\n]" }],
  [
    "lib.generators.mkValueStringDefault { } { a = 1; }",
    { abort: "generators.mkValueStringDefault: attrsets not supported: {\n  a = 1;\n}" },
  ],
  ["lib.generators.mkValueStringDefault { } (x: x)", { abort: "generators.mkValueStringDefault: functions not supported: <function>" }],
  ["lib.generators.toDhall { } null", { abort: "generators.toDhall: cannot convert a null to Dhall" }],
  ["lib.generators.toDhall { } (x: x)", { abort: "generators.toDhall: cannot convert a function to Dhall" }],
  ["lib.generators.toLua { } (x: x)", { abort: "generators.toLua: type lambda is unsupported" }],
  ['lib.generators.toLua { asBindings = true; } { "1bad" = 1; }', { error: 'Bad Lua var names: [\n  "1bad"\n]' }],
  ['lib.getExe\' { type = "derivation"; } "x"', { error: 'cannot coerce a set to a string: { type = "derivation"; }' }],
  ['lib.getExe\' 1 "x"', { error: "lib.meta.getExe': The first argument is of type int, but it should be a derivation instead." }],
  [
    'lib.getExe\' { type = "derivation"; outPath = "/x"; } 1',
    { error: "lib.meta.getExe': The second argument is of type int, but it should be a string instead." },
  ],
  [
    'lib.getExe\' { type = "derivation"; outPath = "/x"; } "a/b"',
    {
      error:
        'lib.meta.getExe\': The second argument "a/b" is a nested path with a "/" character, but it should just be the name of the executable instead.',
    },
  ],
  ["lib.lists.replaceElemAt [1 2] 5 0", { error: "'lists.replaceElemAt' called with index 5 on a list of size 2" }],
  ['lib.systems.parse.mkSystemFromString "foo"', { error: "system string 'foo' with 1 component is ambiguous" }],
  ['lib.systems.parse.mkSystemFromString "x86_64-foo-bar"', { error: "system string 'x86_64-foo-bar' with 3 components is ambiguous" }],
  [
    'lib.systems.parse.mkSystemFromString "a-b-c-d-e"',
    { error: "system string 'a-b-c-d-e' has invalid number of hyphen-separated components" },
  ],
  ['lib.systems.parse.mkSystemFromString "foo-linux"', { error: "Unknown CPU type: foo" }],
  [
    'lib.systems.elaborate { system = "x86_64-linux"; useAndroidPrebuilt = true; }',
    { error: "assertion '((final).useAndroidPrebuilt -> (final).isAndroid)' failed" },
  ],
  [
    'lib.systems.elaborate "armv7l-unknown-linux-gnu"',
    { error: 'The "gnu" ABI is ambiguous on 32-bit ARM. Use "gnueabi" or "gnueabihf" instead.\n' },
  ],
  ['lib.licenses.toSPDX { licenseType = "weird"; }', { error: "Unknown license type" }],
  [
    "lib.callPackageWith { abc = 1; } ({ abd }: abd) { }",
    { abort: 'lib.customisation.callPackageWith: Function called without required argument "abd" at «string»:1, did you mean "abc"?' },
  ],
  [
    'lib.callPackagesWith { } ({ }: { type = "derivation"; name = "foo"; }) { }',
    { error: 'function `callPackages` was called on a *single* derivation "foo"; did you mean to use `callPackage` instead?' },
  ],
  ["lib.unionOfDisjoint { a = 1; b = 2; } { b = 3; c = 4; }", { error: "attribute 'unionOfDisjoint' missing" }],
  ["(lib.unionOfDisjoint { a = 1; b = 2; } { b = 3; c = 4; }).b", { error: "attribute 'unionOfDisjoint' missing" }],
  ['lib.network.ipv6.fromString "::1::2"', { error: "::1::2 is not a valid IPv6 address" }],
  ['lib.mkEUI64Suffix "zz"', { error: '"zz" is not a valid MAC address (expected 6 octets of hex digits)' }],
  ["lib.lazyDerivation { derivation = 1; }", { error: "lazyDerivation: input must be a derivation." }],
  ["(lib.lazyDerivation { derivation = 1; }).outPath", { error: "lazyDerivation: input must be a derivation." }],
  [
    'lib.asserts.checkAssertWarn [ { assertion = false; message = "m1"; } { assertion = true; message = "m2"; } { assertion = false; message = "m3"; } ] [ ] 1',
    { error: "\nFailed assertions:\n- m1\n- m3" },
  ],
  [
    'lib.debug.throwTestFailures { failures = [ { name = "t"; expected = 1; result = 2; } ]; }',
    { error: '1 tests failed:\n- t\n\n[{"expected":1,"name":"t","result":2}]' },
  ],
  ['lib.strings.escapeC [ "é" ] "x"', '"x"'],
  ["lib.fetchers.normalizeHash { } { }", { error: "fetcher called without `hash`" }],
  [
    'lib.fetchers.normalizeHash { } { hash = "a"; sha256 = "b"; }',
    { error: "fetcher called with mutually-incompatible arguments: hash, sha256" },
  ],
  ['lib.lists.findSingle (x: x > 1) "none" "multi" [1 2 3]', '"multi"'],
];

describe("errors", () => {
  describe("errors", () => {
    for (const [expr, expected] of ERRORS) test(expr, () => h.check(expr, expected));
  });
});
