/**
 * Laziness (values nixpkgs leaves unevaluated stay unevaluated: the `throw`s
 * below are never reached) and warnings (emitted through `builtins.warn` with
 * nixpkgs' wording). Values and warning texts are Nix 2.8's with nixpkgs' lib.
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const LAZINESS: Case[] = [
  ['(lib.filterAttrs (n: v: n == "a") { a = 1; b = throw "x"; })', "{ a = 1; }"],
  ['(lib.genAttrs ["a" "b"] (n: if n == "b" then throw "x" else 1)).a', "1"],
  ['(lib.mapAttrs\' (n: v: lib.nameValuePair n v) { a = 1; b = throw "x"; }).a', "1"],
  ['builtins.length (lib.imap0 (i: x: throw "x") [1 2])', "2"],
  ['builtins.length (lib.imap1 (i: x: throw "x") [1 2])', "2"],
  ['builtins.length (lib.zipListsWith (a: b: throw "x") [1 2] [3])', "1"],
  ['builtins.length (lib.mapAttrsToList (n: v: throw "x") { a = 1; })', "1"],
  ['builtins.attrNames (lib.mapAttrsRecursive (p: v: throw "x") { a.b = 1; c = 2; })', '[ "a" "c" ]'],
  ['builtins.attrNames (lib.recursiveUpdate { a = throw "x"; } { b = throw "y"; })', '[ "a" "b" ]'],
  ['(lib.recursiveUpdate { a.b = throw "x"; a.c = 1; } { a.d = 2; }).a.c', "1"],
  ['builtins.length (lib.reverseList [ (throw "x") (throw "y") ])', "2"],
  ['builtins.length (lib.take 1 [ (throw "x") (throw "y") ])', "1"],
  ['builtins.length (lib.sublist 1 1 [ (throw "x") (throw "y") (throw "z") ])', "1"],
  ['builtins.length (lib.replicate 2 (throw "x"))', "2"],
  ['lib.count (x: true) [ (throw "x") (throw "y") ]', "2"],
  ["builtins.length (lib.unique [ ])", "0"],
  ['(lib.foldr (x: acc: acc // { ${x} = true; }) { } [ "a" "b" ]).a', "true"],
  ['lib.foldr (x: acc: if x == 2 then "stop" else acc) "end" [ 1 2 (throw "never") ]', '"stop"'],
  ['(lib.zipAttrsWith (n: vs: if n == "b" then throw "x" else vs) [ { a = 1; b = 2; } ]).a', "[ 1 ]"],
  ['builtins.attrNames (lib.concatMapAttrs (n: v: { ${n} = throw "x"; }) { a = 1; b = 2; })', '[ "a" "b" ]'],
  ['(lib.overrideExisting { a = 1; b = throw "x"; } { a = 2; }).a', "2"],
  ['builtins.length (lib.mapCartesianProduct (x: throw "x") { a = [ 1 2 ]; })', "2"],
  ['(lib.setAttrByPath [ "a" "b" ] (throw "x")) ? a', "true"],
  ['(lib.updateManyAttrsByPath [ { path = [ "a" ]; update = old: 1; } ] { a = throw "x"; }).a', "1"],
  ['lib.lists.findFirst (x: x == 1) null [ 1 (throw "x") ]', "1"],
  ['lib.any (x: x == 1) [ 1 (throw "x") ]', "true"],
  ['builtins.attrNames (lib.optionalAttrs true { a = throw "x"; })', '[ "a" ]'],
  ['lib.id (lib.const 1 (throw "x"))', "1"],
  ['lib.flip (a: b: b) (throw "x") 2', { error: "x" }],
  ['(lib.fix (self: { a = 1; b = self.a + 1; c = throw "x"; })).b', "2"],
  ['builtins.isAttrs (lib.extend (final: prev: { x = throw "lazy"; }))', "true"],
  ['builtins.attrNames (builtins.head (lib.cartesianProduct { a = [ (throw "x") ]; }))', '[ "a" ]'],
  ['(builtins.head (lib.attrsToList { a = throw "x"; })).name', '"a"'],
  ['lib.strings.optionalString false (throw "x")', '""'],
  ['lib.lists.optional false (throw "x")', "[ ]"],
  ["builtins.length (lib.flatten [ [ 1 ] 2 ])", "2"],
  ['builtins.attrNames (lib.systems.elaborate "x86_64-linux") == builtins.attrNames (lib.systems.elaborate "aarch64-linux")', "true"],
];

const WARNINGS: Case[] = [
  ['lib.warn "careful" 1', { value: "1", warnings: ["careful"] }],
  ['lib.warnIf true "careful" 1', { value: "1", warnings: ["careful"] }],
  ['lib.warnIfNot false "careful" 1', { value: "1", warnings: ["careful"] }],
  ['lib.showWarnings [ "w1" "w2" ] 5', { value: "5", warnings: ["w1", "w2"] }],
  [
    'lib.hasPrefix /etc/hostname "/etc/hostname/x"',
    {
      value: "false",
      warnings: [
        "lib.strings.hasPrefix: The first argument (/etc/hostname) is a path value, but only strings are supported.\n    There is almost certainly a bug in the calling code, since this function always returns `false` in such a case.\n    This function also copies the path to the Nix store, which may not be what you want.\n    This behavior is deprecated and will throw an error in the future.\n    You might want to use `lib.path.hasPrefix` instead, which correctly supports paths.",
      ],
    },
  ],
  [
    'lib.hasSuffix /etc/hostname "/etc/hostname"',
    {
      value: "false",
      warnings: [
        "lib.strings.hasSuffix: The first argument (/etc/hostname) is a path value, but only strings are supported.\n    There is almost certainly a bug in the calling code, since this function always returns `false` in such a case.\n    This function also copies the path to the Nix store, which may not be what you want.\n    This behavior is deprecated and will throw an error in the future.",
      ],
    },
  ],
  [
    'lib.removePrefix /etc/hostname "/etc/hostname/x"',
    {
      value: '"/etc/hostname/x"',
      warnings: [
        "lib.strings.removePrefix: The first argument (/etc/hostname) is a path value, but only strings are supported.\n    There is almost certainly a bug in the calling code, since this function never removes any prefix in such a case.\n    This function also copies the path to the Nix store, which may not be what you want.\n    This behavior is deprecated and will throw an error in the future.",
      ],
    },
  ],
  [
    'lib.removeSuffix /etc/hostname "/x/etc/hostname"',
    {
      value: '"/x/etc/hostname"',
      warnings: [
        "lib.strings.removeSuffix: The first argument (/etc/hostname) is a path value, but only strings are supported.\n    There is almost certainly a bug in the calling code, since this function never removes any suffix in such a case.\n    This function also copies the path to the Nix store, which may not be what you want.\n    This behavior is deprecated and will throw an error in the future.",
      ],
    },
  ],
  ["lib.strings.floatToString 0.1", { value: '"0.100000"', warnings: [] }],
  ["lib.strings.floatToString 1.5", { value: '"1.500000"', warnings: [] }],
  [
    "lib.generators.toPlist { } { a = 1; }",
    {
      value:
        '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<!DOCTYPE plist PUBLIC \\"-//Apple Computer//DTD PLIST 1.0//EN\\" \\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\\">\\n<plist version=\\"1.0\\">\\n<dict>\\n\\t<key>a</key>\\n\\t<integer>1</integer>\\n</dict>\\n</plist>"',
      warnings: ["Using `lib.generators.toPlist` without `escape = true` is deprecated"],
    },
  ],
  [
    "lib.cli.toGNUCommandLine { } { a = true; }",
    {
      value: '[ "-a" ]',
      warnings: ["lib.cli.toGNUCommandLine is deprecated, please use lib.cli.toCommandLine or lib.cli.toCommandLineShellGNU instead."],
    },
  ],
  [
    'lib.cli.toGNUCommandLineShell { } { a = "b c"; }',
    {
      value: "\"-a 'b c'\"",
      warnings: [
        "lib.cli.toGNUCommandLineShell is deprecated, please use lib.cli.toCommandLineShell or lib.cli.toCommandLineShellGNU instead.",
      ],
    },
  ],
  ["lib.lists.fold (a: b: a + b) 0 [ 1 ]", { value: "1", warnings: ["fold has been deprecated, use foldr instead"] }],
  ["lib.nixpkgsVersion", { value: '"26.11pre-git"', warnings: ["lib.nixpkgsVersion is a deprecated alias of lib.version."] }],
  [
    "lib.isInOldestRelease 2411",
    { value: "true", warnings: ["lib.isInOldestRelease is deprecated. Use lib.oldestSupportedReleaseIsAtLeast instead."] },
  ],
  [
    'lib.getExe { type = "derivation"; outPath = "/o"; pname = "hello"; name = "hello-1.0"; }',
    {
      value: '"/o/bin/hello"',
      warnings: [
        "getExe: Package hello does not have the meta.mainProgram attribute. We'll assume that the main program has the same name for now, but this behavior is deprecated, because it leads to surprising errors when the assumption does not hold. If the package has a main program, please set `meta.mainProgram` in its definition to make this warning go away. Otherwise, if the package does not have a main program, or if you don't control its definition, use getExe' to specify the name to the program, such as lib.getExe' foo \"bar\".",
      ],
    },
  ],
  [
    'lib.getLicenseFromSpdxId "Not-A-License"',
    {
      value: '{ shortName = "Not-A-License"; spdxId = "Not-A-License"; }',
      warnings: ["getLicenseFromSpdxId: No license with the given SPDX ID found: Not-A-License"],
    },
  ],
  ['lib.asserts.checkAssertWarn [ ] [ "w" ] 1', { value: "1", warnings: ["w"] }],
  [
    'lib.derivations.warnOnInstantiate "inst" { name = "n"; type = "derivation"; a = 1; }',
    { value: '{ a = 1; name = "n"; type = "derivation"; }', warnings: ["inst"] },
  ],
];

describe("laziness and warnings", () => {
  describe("laziness", () => {
    for (const [expr, expected] of LAZINESS) test(expr, () => h.check(expr, expected));
  });
  describe("warnings", () => {
    for (const [expr, expected] of WARNINGS) test(expr, () => h.check(expr, expected));
  });
});
