/**
 * Table-driven tests for `lib.path` and `lib.gvariant` (with `generators.toDconfINI`). Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const PATH: Case[] = [
  ['lib.path.append /foo "bar/baz"', "/foo/bar/baz"],
  ['lib.path.append /foo "./bar//baz/./"', "/foo/bar/baz"],
  ['lib.path.append /. "bar"', "/bar"],
  ['lib.path.append "/foo" "bar"', { error: "lib.path.append: The first argument is of type string, but a path was expected" }],
  [
    'lib.path.append /foo "../bar"',
    {
      error:
        'lib.path.append: Second argument is not a valid subpath string:\n    The given string "../bar" contains a `..` component, which is not allowed in subpaths',
    },
  ],
  ['lib.path.append /foo ""', { error: "lib.path.append: Second argument is not a valid subpath string:\n    The given string is empty" }],
  [
    'lib.path.append /foo "/bar"',
    {
      error:
        'lib.path.append: Second argument is not a valid subpath string:\n    The given string "/bar" starts with a `/`, representing an absolute path',
    },
  ],
  [
    "lib.path.append /foo 1",
    {
      error:
        "lib.path.append: Second argument is not a valid subpath string:\n    The given value is of type int, but a string was expected",
    },
  ],
  ["lib.path.hasPrefix /foo /foo/bar", "true"],
  ["lib.path.hasPrefix /foo /foo", "true"],
  ["lib.path.hasPrefix /foo/bar /foo", "false"],
  ["lib.path.hasPrefix /. /foo", "true"],
  ['lib.path.hasPrefix "/foo" /foo', { error: "lib.path.hasPrefix: First argument is of type string, but a path was expected" }],
  ["lib.path.removePrefix /foo /foo/bar/baz", '"./bar/baz"'],
  ["lib.path.removePrefix /foo /foo", '"./."'],
  [
    "lib.path.removePrefix /foo/bar /foo",
    {
      error: 'lib.path.removePrefix: The first path argument "/foo/bar" is not a component-wise prefix of the second path argument "/foo".',
    },
  ],
  ["lib.path.splitRoot /foo/bar", '{ root = /; subpath = "./foo/bar"; }'],
  ["lib.path.splitRoot /.", '{ root = /; subpath = "./."; }'],
  ["lib.path.hasStorePathPrefix /nix/store/nvl9ic0pj1fpyln3zaqrf4cclbqdfn1j-foo.drv", "true"],
  ["lib.path.hasStorePathPrefix /nix/store/nvl9ic0pj1fpyln3zaqrf4cclbqdfn1j-foo/bar/baz", "true"],
  ["lib.path.hasStorePathPrefix /nix/store", "false"],
  ["lib.path.hasStorePathPrefix /nix/store/foo", "false"],
  ["lib.path.hasStorePathPrefix /nix/store/.nvl9ic0pj1fpyln3zaqrf4cclbqdfn1j-foo", "false"],
  ['lib.path.subpath.isValid "foo/bar"', "true"],
  ['lib.path.subpath.isValid "./foo"', "true"],
  ['lib.path.subpath.isValid "foo/../bar"', "false"],
  ['lib.path.subpath.isValid "/foo"', "false"],
  ['lib.path.subpath.isValid ""', "false"],
  ["lib.path.subpath.isValid null", "false"],
  ['lib.path.subpath.isValid "..foo"', "true"],
  ['lib.path.subpath.join [ "foo" "bar/baz" ]', '"./foo/bar/baz"'],
  ['lib.path.subpath.join [ "./foo" "." "bar//./baz/" ]', '"./foo/bar/baz"'],
  ["lib.path.subpath.join [ ]", '"./."'],
  [
    'lib.path.subpath.join [ "" ]',
    { error: "lib.path.subpath.join: Element at index 0 is not a valid subpath string:\n    The given string is empty" },
  ],
  [
    'lib.path.subpath.join [ "a" "/b" ]',
    {
      error:
        'lib.path.subpath.join: Element at index 1 is not a valid subpath string:\n    The given string "/b" starts with a `/`, representing an absolute path',
    },
  ],
  ['lib.path.subpath.components "."', "[ ]"],
  ['lib.path.subpath.components "./foo//bar/./baz/"', '[ "foo" "bar" "baz" ]'],
  [
    'lib.path.subpath.components "/foo"',
    {
      error:
        'lib.path.subpath.components: Argument is not a valid subpath string:\n    The given string "/foo" starts with a `/`, representing an absolute path',
    },
  ],
  ['lib.path.subpath.normalise "foo//bar"', '"./foo/bar"'],
  ['lib.path.subpath.normalise "./foo/./bar/"', '"./foo/bar"'],
  ['lib.path.subpath.normalise "."', '"./."'],
  [
    'lib.path.subpath.normalise "foo/.."',
    {
      error:
        'lib.path.subpath.normalise: Argument is not a valid subpath string:\n    The given string "foo/.." contains a `..` component, which is not allowed in subpaths',
    },
  ],
];

const GVARIANT: Case[] = [
  ['toString (lib.gvariant.mkValue "it\'s a\\nb\\\\c")', "\"'it\\\\'s a\\\\nb\\\\\\\\c'\""],
  ["toString (lib.gvariant.mkValue true)", '"true"'],
  ["toString (lib.gvariant.mkValue 1.5)", '"1.500000"'],
  ['toString (lib.gvariant.mkValue [ "a" "b" ])', "\"@as ['a','b']\""],
  ["toString (lib.gvariant.mkValue [ [ true ] [ false ] ])", '"@aab [@ab [true],@ab [false]]"'],
  ['(lib.gvariant.mkValue [ "a" "b" ]).type', '"as"'],
  ["toString (lib.gvariant.mkEmptyArray lib.gvariant.type.string)", '"@as []"'],
  ['toString (lib.gvariant.mkVariant "x")', "\"<'x'>\""],
  ['toString (lib.gvariant.mkDictionaryEntry "k" (lib.gvariant.mkInt32 5))', "\"@{si} {'k',5}\""],
  ['(lib.gvariant.mkDictionaryEntry "k" (lib.gvariant.mkInt32 5)).type', '"{si}"'],
  ['toString (lib.gvariant.mkNothing "s")', '"@ms nothing"'],
  ['toString (lib.gvariant.mkJust "x")', "\"just 'x'\""],
  ['(lib.gvariant.mkJust "x").type', '"ms"'],
  ['toString (lib.gvariant.mkTuple [ "a" true (lib.gvariant.mkUint32 3) ])', "\"@(sbu) ('a',true,@u 3)\""],
  ['(lib.gvariant.mkTuple [ "a" true (lib.gvariant.mkUint32 3) ]).type', '"(sbu)"'],
  ['toString (lib.gvariant.mkObjectpath "/org/x")', "\"objectpath '/org/x'\""],
  ["toString (lib.gvariant.mkUchar 3)", '"@y 3"'],
  ["toString (lib.gvariant.mkInt16 3)", '"@n 3"'],
  ["toString (lib.gvariant.mkUint16 3)", '"@q 3"'],
  ["toString (lib.gvariant.mkInt32 (-3))", '"-3"'],
  ["toString (lib.gvariant.mkUint32 3)", '"@u 3"'],
  ["toString (lib.gvariant.mkInt64 3)", '"@x 3"'],
  ["toString (lib.gvariant.mkUint64 3)", '"@t 3"'],
  ["toString (lib.gvariant.mkDouble 3.25)", '"3.250000"'],
  ["lib.gvariant.isGVariant (lib.gvariant.mkInt32 1)", "true"],
  ["lib.gvariant.isGVariant { }", "false"],
  ['lib.gvariant.type.arrayOf "s"', '"as"'],
  ['lib.gvariant.type.tupleOf [ "s" "i" ]', '"(si)"'],
  ['lib.gvariant.type.dictionaryEntryOf "s" "v"', '"{sv}"'],
  [
    "lib.gvariant.intConstructors",
    '[ { max = 2147483647; min = -2147483648; name = "mkInt32"; type = "i"; } { max = 4294967295; min = 0; name = "mkUint32"; type = "u"; } { max = null; min = null; name = "mkInt64"; type = "x"; } { max = null; min = 0; name = "mkUint64"; type = "t"; } { max = 32767; min = -32768; name = "mkInt16"; type = "n"; } { max = 65535; min = 0; name = "mkUint16"; type = "q"; } { max = 255; min = 0; name = "mkUchar"; type = "y"; } ]',
  ],
  ['toString ((lib.gvariant.mkString "x") // { value = "y"; })', "\"'y'\""],
  [
    "lib.gvariant.mkValue 5",
    {
      error:
        "The GVariant type for number “5” is unclear.\nPlease wrap the value with one of the following, depending on the value type in GSettings schema:\n\n- `lib.gvariant.mkInt32` for `i`\n- `lib.gvariant.mkUint32` for `u`\n- `lib.gvariant.mkInt64` for `x`\n- `lib.gvariant.mkUint64` for `t`\n- `lib.gvariant.mkInt16` for `n`\n- `lib.gvariant.mkUint16` for `q`\n- `lib.gvariant.mkUchar` for `y`\n",
    },
  ],
  [
    "lib.gvariant.mkValue (-5)",
    {
      error:
        "The GVariant type for number “-5” is unclear.\nPlease wrap the value with one of the following, depending on the value type in GSettings schema:\n\n- `lib.gvariant.mkInt32` for `i`\n- `lib.gvariant.mkInt64` for `x`\n- `lib.gvariant.mkInt16` for `n`\n",
    },
  ],
  [
    "lib.gvariant.mkValue { }",
    {
      error:
        "Cannot construct GVariant value from an attribute set. If you want to construct a dictionary, you will need to create an array containing items constructed with `lib.gvariant.mkDictionaryEntry`.",
    },
  ],
  ["lib.gvariant.mkValue null", { error: "The GVariant type of “null” can't be inferred." }],
  ["lib.gvariant.mkArray [ ]", { error: "Please create empty array with mkEmptyArray." }],
  ['(lib.gvariant.mkArray [ "a" true ]).type', { error: "Elements in a list should have same type." }],
  [
    'lib.generators.toDconfINI { "org/gnome/desktop" = { a = "x"; b = true; c = lib.gvariant.mkInt32 1; d = [ "a" ]; }; }',
    "\"[org/gnome/desktop]\\na='x'\\nb=true\\nc=1\\nd=@as ['a']\\n\"",
  ],
  ['lib.generators.mkDconfKeyValue "k" (lib.gvariant.mkUint32 7)', '"k=@u 7"'],
];

describe("lib.path and lib.gvariant", () => {
  describe("path", () => {
    for (const [expr, expected] of PATH) test(expr, () => h.check(expr, expected));
  });
  describe("gvariant", () => {
    for (const [expr, expected] of GVARIANT) test(expr, () => h.check(expr, expected));
  });
});
