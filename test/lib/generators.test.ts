/**
 * Table-driven tests for `lib.generators` and `lib.cli`. Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const GENERATORS: Case[] = [
  ["lib.generators.mkValueStringDefault { } 1", '"1"'],
  ['lib.generators.mkValueStringDefault { } "s"', '"s"'],
  ["lib.generators.mkValueStringDefault { } true", '"true"'],
  ["lib.generators.mkValueStringDefault { } null", '"null"'],
  ["lib.generators.mkValueStringDefault { } 1.5", '"1.500000"'],
  ['lib.generators.mkValueStringDefault { } { type = "derivation"; outPath = "/nix/store/x"; }', '"/nix/store/x"'],
  ['lib.generators.mkKeyValueDefault { } "=" "a=b" "c"', '"a\\\\=b=c"'],
  ['lib.generators.mkKeyValueDefault { mkValueString = v: "<${toString v}>"; } ":" "k" 1', '"k:<1>"'],
  ['lib.generators.toKeyValue { } { a = 1; b = "x"; c = true; }', '"a=1\\nb=x\\nc=true\\n"'],
  ['lib.generators.toKeyValue { mkKeyValue = lib.generators.mkKeyValueDefault { } " = "; } { a = 1; }', '"a = 1\\n"'],
  ["lib.generators.toKeyValue { listsAsDuplicateKeys = true; } { a = [ 1 2 ]; b = 3; }", '"a=1\\na=2\\nb=3\\n"'],
  ['lib.generators.toKeyValue { indent = "  "; } { a = 1; }', '"  a=1\\n"'],
  [
    'lib.generators.toINI { } { foo = { hi = "hello"; x = 1; }; "with[brackets]" = { b = true; }; }',
    '"[foo]\\nhi=hello\\nx=1\\n\\n[with\\\\[brackets\\\\]]\\nb=true\\n"',
  ],
  ["lib.generators.toINI { } { }", '""'],
  ["lib.generators.toINI { listsAsDuplicateKeys = true; } { s = { a = [ 1 2 ]; }; }", '"[s]\\na=1\\na=2\\n"'],
  ["lib.generators.toINI { mkSectionName = n: lib.toUpper n; } { s = { a = 1; }; }", '"[S]\\na=1\\n"'],
  ["lib.generators.toINIWithGlobalSection { } { globalSection = { a = 1; }; sections = { s = { b = 2; }; }; }", '"a=1\\n\\n[s]\\nb=2\\n"'],
  ["lib.generators.toINIWithGlobalSection { } { globalSection = { }; sections = { s = { b = 2; }; }; }", '"[s]\\nb=2\\n"'],
  ["lib.generators.toINIWithGlobalSection { } { globalSection = { a = 1; }; }", '"a=1\\n\\n"'],
  [
    'lib.generators.toGitINI { user = { name = "Me"; email = "me@x"; }; core.pager = "less"; url."ssh://git@github.com/".insteadOf = "https://github.com/"; alias = { co = "checkout"; }; }',
    '"[alias]\\n\\tco = \\"checkout\\"\\n\\n[core]\\n\\tpager = \\"less\\"\\n\\n[url \\"ssh://git@github.com/\\"]\\n\\tinsteadOf = \\"https://github.com/\\"\\n\\n[user]\\n\\temail = \\"me@x\\"\\n\\tname = \\"Me\\"\\n"',
  ],
  [
    'lib.generators.toGitINI { a = { b = [ "x" "y\\t\\"z\\"" ]; c = true; d = 1; }; }',
    '"[a]\\n\\tb = \\"x\\"\\n\\tb = \\"y\\\\t\\\\\\"z\\\\\\"\\"\\n\\tc = true\\n\\td = 1\\n"',
  ],
  ['lib.generators.toGitINI { foo."bar.baz".qux = "v"; }', '"[foo \\"bar.baz\\"]\\n\\tqux = \\"v\\"\\n"'],
  ['lib.generators.toGitINI { "with\\"quote".x = 1; }', '"[with\\"quote]\\n\\tx = 1\\n"'],
  ['lib.generators.toJSON { } { a = [ 1 "b" ]; }', '"{\\"a\\":[1,\\"b\\"]}"'],
  ["lib.generators.toYAML { } { a = 1; }", '"{\\"a\\":1}"'],
  ["lib.generators.toPretty { } 1", '"1"'],
  ["lib.generators.toPretty { } 1.5", '"1.5"'],
  ['lib.generators.toPretty { } "str\\"ing"', '"\\"str\\\\\\"ing\\""'],
  ['lib.generators.toPretty { } "multi\\nline\\nstring"', "\"''\\n  multi\\n  line\\n  string''\""],
  ['lib.generators.toPretty { } "multi\\nline\\n"', "\"''\\n  multi\\n  line\\n''\""],
  ["lib.generators.toPretty { } \"has ''quotes'' and \\${x}\\nline2\"", "\"''\\n  has '''quotes''' and ''\\${x}\\n  line2''\""],
  ['lib.generators.toPretty { } "\\${interp} \\"q\\" \\\\b"', '"\\"\\\\\\${interp} \\\\\\"q\\\\\\" \\\\\\\\b\\""'],
  ["lib.generators.toPretty { } true", '"true"'],
  ["lib.generators.toPretty { } null", '"null"'],
  ["lib.generators.toPretty { } /tmp", '"/tmp"'],
  ["lib.generators.toPretty { } [ ]", '"[ ]"'],
  ["lib.generators.toPretty { } { }", '"{ }"'],
  ["lib.generators.toPretty { } [ 1 [ 2 3 ] { a = 4; } ]", '"[\\n  1\\n  [\\n    2\\n    3\\n  ]\\n  {\\n    a = 4;\\n  }\\n]"'],
  [
    'lib.generators.toPretty { } { a = 1; b = { c = [ "x" ]; }; "d e" = null; "if" = true; }',
    '"{\\n  a = 1;\\n  b = {\\n    c = [\\n      \\"x\\"\\n    ];\\n  };\\n  \\"d e\\" = null;\\n  \\"if\\" = true;\\n}"',
  ],
  ['lib.generators.toPretty { multiline = false; } { a = [ 1 2 ]; b = { c = "x"; }; }', '"{ a = [ 1 2 ]; b = { c = \\"x\\"; }; }"'],
  ['lib.generators.toPretty { multiline = false; } "a\\nb"', '"\\"a\\\\nb\\""'],
  ['lib.generators.toPretty { indent = "    "; } { a = [ 1 ]; }', '"{\\n      a = [\\n        1\\n      ];\\n    }"'],
  ["lib.generators.toPretty { } (x: x)", '"<function>"'],
  ["lib.generators.toPretty { } ({ a, b ? 1 }: a)", '"<function, args: {a, b?}>"'],
  ["lib.generators.toPretty { } { __functor = self: { c }: c; }", '"<function, args: {c}>"'],
  ['lib.generators.toPretty { } { type = "derivation"; name = "hello"; }', '"<derivation hello>"'],
  ['lib.generators.toPretty { } { type = "derivation"; }', '"<derivation ???>"'],
  ['lib.generators.toPretty { allowPrettyValues = true; } { __pretty = v: "PRETTY ${toString v}"; val = 5; }', '"PRETTY 5"'],
  ['lib.generators.toPretty { } { __pretty = v: "PRETTY"; val = 5; }', '"{\\n  __pretty = <function>;\\n  val = 5;\\n}"'],
  ['lib.generators.toPretty { } [ "a\\nb" ]', "\"[\\n  ''\\n    a\\n    b''\\n]\""],
  [
    'lib.generators.toPlist { escape = true; } { a = 1; b = [ true false ]; c = "x<y"; d = { e = 1.5; }; f = null; _module = 1; }',
    '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<!DOCTYPE plist PUBLIC \\"-//Apple Computer//DTD PLIST 1.0//EN\\" \\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\\">\\n<plist version=\\"1.0\\">\\n<dict>\\n\\t<key>a</key>\\n\\t<integer>1</integer>\\n\\t<key>b</key>\\n\\t<array>\\n\\t\\t<true/>\\n\\t\\t<false/>\\n\\t</array>\\n\\t<key>c</key>\\n\\t<string>x&lt;y</string>\\n\\t<key>d</key>\\n\\t<dict>\\n\\t\\t<key>e</key>\\n\\t\\t<real>1.500000</real>\\n\\t</dict>\\n</dict>\\n</plist>"',
  ],
  [
    "lib.generators.toPlist { escape = true; } [ ]",
    '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<!DOCTYPE plist PUBLIC \\"-//Apple Computer//DTD PLIST 1.0//EN\\" \\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\\">\\n<plist version=\\"1.0\\">\\n<array>\\n\\n</array>\\n</plist>"',
  ],
  [
    'lib.generators.toPlist { escape = true; } "s"',
    '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<!DOCTYPE plist PUBLIC \\"-//Apple Computer//DTD PLIST 1.0//EN\\" \\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\\">\\n<plist version=\\"1.0\\">\\n<string>s</string>\\n</plist>"',
  ],
  [
    'lib.generators.toPlist { } { a = "x&y"; }',
    '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<!DOCTYPE plist PUBLIC \\"-//Apple Computer//DTD PLIST 1.0//EN\\" \\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\\">\\n<plist version=\\"1.0\\">\\n<dict>\\n\\t<key>a</key>\\n\\t<string>x&y</string>\\n</dict>\\n</plist>"',
  ],
  [
    'lib.generators.toDhall { } { a = 1; b = [ true false ]; c = "s"; d = -3; e = 1.5; }',
    '"{ a = +1, b = [ True, False ], c = \\"s\\", d = -3, e = 1.5 }"',
  ],
  ["lib.generators.toDhall { } [ ]", '"[  ]"'],
  ["lib.generators.toLua { } null", '"nil"'],
  ["lib.generators.toLua { } 42", '"42"'],
  ['lib.generators.toLua { } "str\\"ing"', '"\\"str\\\\\\"ing\\""'],
  ["lib.generators.toLua { } [ ]", '"{}"'],
  ["lib.generators.toLua { } { }", '"{}"'],
  ['lib.generators.toLua { } [ 1 "a" true ]', '"{\\n  1,\\n  \\"a\\",\\n  true\\n}"'],
  [
    'lib.generators.toLua { } { a = 1; b = { c = [ "x" ]; }; }',
    '"{\\n  [\\"a\\"] = 1,\\n  [\\"b\\"] = {\\n    [\\"c\\"] = {\\n      \\"x\\"\\n    }\\n  }\\n}"',
  ],
  ["lib.generators.toLua { multiline = false; } { a = 1; b = [ 1 2 ]; }", '"{ [\\"a\\"] = 1, [\\"b\\"] = { 1, 2 } }"'],
  ['lib.generators.toLua { } (lib.generators.mkLuaInline "foo.bar()")', '"(foo.bar())"'],
  ['lib.generators.toLua { } { f = lib.mkLuaInline "function() end"; }', '"{\\n  [\\"f\\"] = (function() end)\\n}"'],
  ['lib.generators.toLua { asBindings = true; } { a = 1; "b.c" = { d = "e"; }; }', '"a = 1\\nb.c = {\\n  [\\"d\\"] = \\"e\\"\\n}\\n"'],
  ['lib.generators.toLua { asBindings = true; indent = "  "; } { a = [ 1 ]; }', '"  a = {\\n    1\\n  }\\n"'],
  ['lib.generators.toLua { } { type = "derivation"; outPath = "/nix/store/x-y"; }', '"\\"/nix/store/x-y\\""'],
  ['lib.mkLuaInline "x"', '{ _type = "lua-inline"; expr = "x"; }'],
  [
    "lib.generators.withRecursion { depthLimit = 1; throwOnDepthLimit = false; } { a = { b = 1; }; c = 2; }",
    '{ a = { b = "<unevaluated>"; }; c = "<unevaluated>"; }',
  ],
  [
    "lib.generators.withRecursion { depthLimit = 2; throwOnDepthLimit = false; } { a = { b = { c = 1; }; }; l = [ [ 1 ] ]; }",
    '{ a = { b = { c = "<unevaluated>"; }; }; l = [ [ "<unevaluated>" ] ]; }',
  ],
  ["lib.generators.withRecursion { depthLimit = 0; throwOnDepthLimit = false; } 5", '"<unevaluated>"'],
  [
    "lib.generators.withRecursion { depthLimit = 1; throwOnDepthLimit = false; } { __functor = 1; __toString = 2; }",
    "{ __functor = 1; __toString = 2; }",
  ],
  [
    "builtins.tryEval (builtins.deepSeq (lib.generators.withRecursion { depthLimit = 1; } { a = { b = 1; }; }) 1)",
    "{ success = false; value = false; }",
  ],
  [
    'lib.cli.toCommandLine (n: { option = "--${n}"; sep = null; explicitBool = false; }) { a = true; b = false; c = null; d = "x"; e = [ 1 2 ]; }',
    '[ "--a" "--d" "x" "--e" "1" "--e" "2" ]',
  ],
  [
    'lib.cli.toCommandLine (n: { option = "-${n}"; sep = "="; explicitBool = true; }) { a = true; b = false; c = 3; }',
    '[ "-a=true" "-b=false" "-c=3" ]',
  ],
  [
    'lib.cli.toCommandLineGNU { } { v = true; verbose = true; n = 3; name = "x y"; l = [ "a" "b" ]; off = false; }',
    '[ "-la" "-lb" "-n3" "--name=x y" "-v" "--verbose" ]',
  ],
  ["lib.cli.toCommandLineGNU { explicitBool = true; } { v = true; verbose = false; }", '[ "-vtrue" "--verbose=false" ]'],
  ["lib.cli.toCommandLineGNU { isLong = n: true; } { v = 1; }", '[ "--v=1" ]'],
  ['lib.cli.toCommandLineShellGNU { } { name = "x y"; q = "it\'s"; }', "\"'--name=x y' '-qit'\\\\''s'\""],
  ['lib.cli.toCommandLineShell (n: { option = "--${n}"; sep = null; explicitBool = false; }) { a = "b c"; }', "\"--a 'b c'\""],
  [
    'lib.cli.toGNUCommandLine { } { a = true; b = false; c = null; data = builtins.toJSON { id = 0; }; X = "PUT"; retry = 3; retry-delay = null; url = [ "https://example.com/foo" "https://example.com/bar" ]; silent = false; verbose = true; }',
    '[ "-X" "PUT" "-a" "--data" "{\\"id\\":0}" "--retry" "3" "--url" "https://example.com/foo" "--url" "https://example.com/bar" "--verbose" ]',
  ],
  ['lib.cli.toGNUCommandLineShell { } { a = "b c"; v = true; }', "\"-a 'b c' -v\""],
  ['lib.cli.toGNUCommandLine { optionValueSeparator = "="; } { a = "b"; v = true; }', '[ "-a=b" "-v" ]'],
];

describe("lib.generators", () => {
  describe("generators", () => {
    for (const [expr, expected] of GENERATORS) test(expr, () => h.check(expr, expected));
  });
});
