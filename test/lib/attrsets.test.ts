/**
 * Table-driven tests for `lib.attrsets`. Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const ATTRSETS: Case[] = [
  ['lib.attrByPath ["a" "b"] 0 { a.b = 1; }', "1"],
  ['lib.attrByPath ["a" "c"] 0 { a.b = 1; }', "0"],
  ['lib.attrByPath ["a" "b" "c"] 0 { a.b = 1; }', "0"],
  ["lib.attrByPath [] 0 { a = 1; }", "{ a = 1; }"],
  ['lib.hasAttrByPath ["a" "b"] { a.b = 1; }', "true"],
  ['lib.hasAttrByPath ["a" "c"] { a.b = 1; }', "false"],
  ["lib.hasAttrByPath [] 1", "true"],
  ['lib.attrsets.longestValidPathPrefix ["a" "b" "c"] { a.b = 1; }', '[ "a" "b" ]'],
  ['lib.attrsets.longestValidPathPrefix ["x"] { a.b = 1; }', "[ ]"],
  ['lib.setAttrByPath ["a" "b"] 3', "{ a = { b = 3; }; }"],
  ["lib.setAttrByPath [] 3", "3"],
  ['lib.getAttrFromPath ["a" "b"] { a.b = 1; }', "1"],
  ['lib.concatMapAttrs (n: v: { ${n} = v; "${n}2" = v * 2; }) { x = 1; y = 2; }', "{ x = 1; x2 = 2; y = 2; y2 = 4; }"],
  [
    'lib.updateManyAttrsByPath [ { path = ["a" "b"]; update = old: old + 1; } { path = ["c"]; update = old: 10; } ] { a.b = 1; c = 3; }',
    "{ a = { b = 2; }; c = 10; }",
  ],
  ["lib.updateManyAttrsByPath [ { path = []; update = old: old // { x = 1; }; } ] { y = 2; }", "{ x = 1; y = 2; }"],
  ['lib.updateManyAttrsByPath [ { path = ["a"]; update = old: "new"; } ] { }', '{ a = "new"; }'],
  [
    'lib.updateManyAttrsByPath [ { path = ["a" "b"]; update = old: 1; } { path = ["a"]; update = old: old // { c = 2; }; } ] { }',
    "{ a = { b = 1; c = 2; }; }",
  ],
  ['lib.attrVals ["a" "b"] { a = 1; b = 2; c = 3; }', "[ 1 2 ]"],
  ["lib.attrValues { b = 2; a = 1; }", "[ 1 2 ]"],
  ['lib.getAttrs ["a" "b"] { a = 1; b = 2; c = 3; }', "{ a = 1; b = 2; }"],
  ['lib.catAttrs "a" [ { a = 1; } { b = 0; } { a = 2; } ]', "[ 1 2 ]"],
  ['lib.filterAttrs (n: v: n == "foo") { foo = 1; bar = 2; }', "{ foo = 1; }"],
  ["lib.filterAttrs (n: v: v > 1) { a = 1; b = 2; c = 3; }", "{ b = 2; c = 3; }"],
  ["lib.filterAttrsRecursive (n: v: v != null) { foo = { bar = null; baz = 1; }; qux = null; }", "{ foo = { baz = 1; }; }"],
  ["lib.foldlAttrs (acc: name: value: acc + value) 0 { a = 1; b = 2; }", "3"],
  ["lib.foldlAttrs (acc: name: value: acc ++ [name]) [] { b = 1; a = 2; }", '[ "a" "b" ]'],
  ["lib.foldAttrs (item: acc: [item] ++ acc) [] [ { a = 2; } { a = 3; b = 1; } ]", "{ a = [ 2 3 ]; b = [ 1 ]; }"],
  ['lib.collect builtins.isList { a = { b = ["b"]; }; c = [1]; }', '[ [ "b" ] [ 1 ] ]'],
  [
    'lib.collect (x: x ? outPath) { a = { outPath = "a/"; }; b = { c = { outPath = "b/"; }; }; }',
    '[ { outPath = "a/"; } { outPath = "b/"; } ]',
  ],
  [
    "lib.cartesianProduct { a = [ 1 2 ]; b = [ 10 20 ]; }",
    "[ { a = 1; b = 10; } { a = 1; b = 20; } { a = 2; b = 10; } { a = 2; b = 20; } ]",
  ],
  ["lib.cartesianProduct { }", "[ { } ]"],
  ["lib.cartesianProduct { a = [ ]; b = [ 1 ]; }", "[ ]"],
  ['lib.mapCartesianProduct ({ a, b }: "${toString a}-${toString b}") { a = [ 1 2 ]; b = [ 3 4 ]; }', '[ "1-3" "1-4" "2-3" "2-4" ]'],
  ['lib.nameValuePair "x" 1', '{ name = "x"; value = 1; }'],
  ['lib.mapAttrs (n: v: n + v) { a = "1"; }', '{ a = "a1"; }'],
  ['lib.mapAttrs\' (n: v: lib.nameValuePair ("foo_" + n) ("bar-" + v)) { x = "a"; y = "b"; }', '{ foo_x = "bar-a"; foo_y = "bar-b"; }'],
  ['lib.mapAttrs\' (n: v: lib.nameValuePair "same" v) { x = "a"; y = "b"; }', '{ same = "a"; }'],
  ['lib.mapAttrsToList (n: v: n + v) { x = "a"; y = "b"; }', '[ "xa" "yb" ]'],
  ["lib.attrsToList { b = 2; a = 1; }", '[ { name = "a"; value = 1; } { name = "b"; value = 2; } ]'],
  [
    'lib.mapAttrsRecursive (path: value: lib.concatStringsSep "-" (path ++ [value])) { n = { a = "A"; m = { b = "B"; c = "C"; }; }; d = "D"; }',
    '{ d = "d-D"; n = { a = "n-a-A"; m = { b = "n-m-b-B"; c = "n-m-c-C"; }; }; }',
  ],
  [
    "lib.mapAttrsRecursiveCond (as: !(as ? stop)) (p: v: builtins.length p) { a.b = 1; c = { stop = 1; x = 2; }; }",
    "{ a = { b = 2; }; c = 1; }",
  ],
  [
    'lib.mapAttrsToListRecursive (path: v: "${lib.concatStringsSep "." path}=${toString v}") { a = { b = 1; c = { d = 2; }; }; e = 3; }',
    '[ "a.b=1" "a.c.d=2" "e=3" ]',
  ],
  [
    "lib.mapAttrsToListRecursiveCond (path: as: !(as ? stop)) (path: v: path) { a = { b = 1; }; c = { stop = 1; }; }",
    '[ [ "a" "b" ] [ "c" ] ]',
  ],
  ['lib.genAttrs ["foo" "bar"] (name: "x_" + name)', '{ bar = "x_bar"; foo = "x_foo"; }'],
  ["lib.genAttrs [] (name: name)", "{ }"],
  ['lib.genAttrs\' ["a" "b"] (n: lib.nameValuePair "${n}1" n)', '{ a1 = "a"; b1 = "b"; }'],
  ['lib.isDerivation { type = "derivation"; }', "true"],
  ['lib.isDerivation { type = "drv"; }', "false"],
  ["lib.isDerivation 1", "false"],
  ["lib.optionalAttrs true { a = 1; }", "{ a = 1; }"],
  ['lib.optionalAttrs false (throw "lazy")', "{ }"],
  ['lib.zipAttrsWithNames ["a"] (name: vs: vs) [ { a = "x"; } { a = "y"; b = "z"; } ]', '{ a = [ "x" "y" ]; }'],
  ['lib.zipAttrsWith (name: values: values) [ { a = "x"; } { a = "y"; b = "z"; } ]', '{ a = [ "x" "y" ]; b = [ "z" ]; }'],
  ['lib.zipAttrs [ { a = "x"; } { a = "y"; b = "z"; } ]', '{ a = [ "x" "y" ]; b = [ "z" ]; }'],
  ["lib.mergeAttrsList [ { a = 0; b = 1; } { c = 2; d = 3; } { a = 5; } ]", "{ a = 5; b = 1; c = 2; d = 3; }"],
  ["lib.mergeAttrsList [ ]", "{ }"],
  [
    'lib.recursiveUpdateUntil (path: l: r: path == ["foo"]) { foo.bar = 1; foo.baz = 2; bar = 3; } { foo.bar = 1; foo.quz = 2; baz = 4; }',
    "{ bar = 3; baz = 4; foo = { bar = 1; quz = 2; }; }",
  ],
  [
    'lib.recursiveUpdate { boot.loader.grub.enable = true; boot.loader.grub.device = "/dev/hda"; } { boot.loader.grub.device = ""; }',
    '{ boot = { loader = { grub = { device = ""; enable = true; }; }; }; }',
  ],
  ["lib.recursiveUpdate { a = 1; } { a = { b = 2; }; }", "{ a = { b = 2; }; }"],
  ["lib.recursiveUpdate { a = { b = 2; }; } { a = 1; }", "{ a = 1; }"],
  ['(lib.recursiveUpdate { a = throw "lhs"; b = 1; } { a = 2; }).a', { error: "lhs" }],
  ['lib.matchAttrs { cpu = { bits = 64; }; } { cpu = { bits = 64; family = "x86"; }; }', "true"],
  ['lib.matchAttrs { cpu = { bits = 32; }; } { cpu = { bits = 64; family = "x86"; }; }', "false"],
  ["lib.matchAttrs { a = 1; } { }", "false"],
  ["lib.matchAttrs { a = { }; } { a = 1; }", "false"],
  ["lib.overrideExisting { a = 1; b = 2; } { a = 3; c = 4; }", "{ a = 3; b = 2; }"],
  ['lib.showAttrPath [ "foo" "10" "bar" ]', '"foo.\\"10\\".bar"'],
  ["lib.showAttrPath [ ]", '"<root attribute path>"'],
  ['lib.showAttrPath [ "if" "a b" ]', '"\\"if\\".\\"a b\\""'],
  ['lib.getOutput "dev" { dev = "D"; out = "O"; }', '"D"'],
  ['lib.getOutput "dev" { out = "O"; }', '"O"'],
  ['lib.getOutput "dev" { x = 1; }', "{ x = 1; }"],
  ['lib.getOutput "dev" { dev = "D"; outputSpecified = true; }', '{ dev = "D"; outputSpecified = true; }'],
  ['lib.getBin { bin = "B"; out = "O"; }', '"B"'],
  ['lib.getLib { lib = "L"; }', '"L"'],
  ['lib.getDev { dev = "D"; }', '"D"'],
  ['lib.getMan { man = "M"; out = "O"; }', '"M"'],
  ['lib.getStatic { static = "S"; lib = "L"; out = "O"; }', '"S"'],
  ['lib.getStatic { lib = "L"; out = "O"; }', '"L"'],
  ["lib.getStatic { x = 1; }", "{ x = 1; }"],
  ['lib.getInclude { include = "I"; dev = "D"; }', '"I"'],
  ['lib.getInclude { dev = "D"; out = "O"; outputSpecified = true; }', '{ dev = "D"; out = "O"; outputSpecified = true; }'],
  ['lib.attrsets.getFirstOutput [ "a" "b" ] { b = "B"; }', '"B"'],
  ["lib.chooseDevOutputs [ { dev = 1; } { out = 2; } ]", "[ 1 2 ]"],
  ["lib.recurseIntoAttrs { a = 1; }", "{ a = 1; recurseForDerivations = true; }"],
  ["lib.dontRecurseIntoAttrs { a = 1; }", "{ a = 1; recurseForDerivations = false; }"],
  ['lib.listToAttrs [ { name = "a"; value = 1; } { name = "a"; value = 2; } ]', "{ a = 1; }"],
  ['lib.hasAttr "a" { a = 1; }', "true"],
  ['lib.getAttr "a" { a = 1; }', "1"],
  ["lib.isAttrs { }", "true"],
  ["lib.intersectAttrs { a = 1; } { a = 2; b = 3; }", "{ a = 2; }"],
  ['lib.removeAttrs { a = 1; b = 2; } [ "a" ]', "{ b = 2; }"],
  ["builtins.attrNames (lib.unionOfDisjoint { a = 1; } { b = 2; })", { error: "attribute 'unionOfDisjoint' missing" }],
];

describe("lib.attrsets", () => {
  describe("attrsets", () => {
    for (const [expr, expected] of ATTRSETS) test(expr, () => h.check(expr, expected));
  });
});
