/**
 * Table-driven tests of the attrs, lists and arith builtins. Each value case is
 * evaluated, deeply forced and printed as `nix-instantiate --eval --strict`
 * prints; the expected strings were produced with real Nix (2.8) except where
 * marked "current Nix", where today's Nix differs from 2.8 and the upstream
 * sources and lang tests were followed. Error cases check the message and the
 * "while evaluating …" frames with current Nix wording (from the upstream
 * `eval-fail-*.err.exp` files). Large-input cases check that long lists
 * neither overflow the JS stack nor take long.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";

function run(expr: string): string {
  const v = new EvalState().evalString(expr);
  deepForce(v);
  return printAmbiguous(v);
}

function failure(expr: string): NixError {
  try {
    run(expr);
  } catch (e) {
    if (e instanceof NixError) return e;
    throw e;
  }
  assert.fail(`expected ${expr} to fail`);
}

/** Visible frames, outermost first, as Nix prints them. */
function frames(e: NixError): string[] {
  return e.frames
    .filter((f) => !f.hidden)
    .map((f) => f.message)
    .reverse();
}

/** True if `want` occurs in `have` in order (other frames may be interleaved). */
function isSubsequence(want: readonly string[], have: readonly string[]): boolean {
  let i = 0;
  for (const h of have) if (i < want.length && h === want[i]) i++;
  return i === want.length;
}

type Case = readonly [expr: string, expected: string];

const ATTRS: Case[] = [
  ['builtins.attrNames { b = 1; a = 2; "A" = 3; "é" = 4; z = 5; }', '[ "A" "a" "b" "z" "é" ]'],
  ["builtins.attrValues { b = 1; a = 2; c = 3; }", "[ 2 1 3 ]"],
  ['builtins.getAttr "a" { a = 1 + 1; }', "2"],
  ['builtins.hasAttr "a" { a = throw "x"; }', "true"],
  ['builtins.hasAttr "b" { a = 1; }', "false"],
  ["[ (builtins.isAttrs {}) (builtins.isAttrs []) (builtins.isList []) (builtins.isList {}) ]", "[ true false true false ]"],
  ['removeAttrs { x = 1; y = 2; z = 3; } [ "a" "x" "z" ]', "{ y = 2; }"],
  ['builtins.removeAttrs { x = 1; y = throw "no"; } [ "y" ]', "{ x = 1; }"],
  ["builtins.removeAttrs { a = 1; } []", "{ a = 1; }"],
  [
    'builtins.listToAttrs [ { name = "foo"; value = 123; } { name = "bar"; value = 456; } { name = "bar"; value = 420; } ]',
    "{ bar = 456; foo = 123; }",
  ],
  ['builtins.attrNames (builtins.listToAttrs [ { name = "a"; value = throw "lazy"; } { name = "b"; value = 2; } ])', '[ "a" "b" ]'],
  ['builtins.listToAttrs [ { name = "a"; value = 1; } { name = "a"; } ]', "{ a = 1; }"],
  ["builtins.listToAttrs []", "{ }"],
  ["builtins.listToAttrs (map (x: { name = toString x; value = x; }) [ 3 1 2 1 ])", '{ "1" = 1; "2" = 2; "3" = 3; }'],
  ["builtins.intersectAttrs { a = 1; b = 2; } { b = 3; c = 4; }", "{ b = 3; }"],
  ["builtins.intersectAttrs { a = 1; b = 2; c = 0; d = 0; } { b = 3; c = 4; }", "{ b = 3; c = 4; }"],
  ["builtins.intersectAttrs {} { a = 1; }", "{ }"],
  ['builtins.catAttrs "a" [ { a = 1; } { b = 0; } { a = 2; } ]', "[ 1 2 ]"],
  ['builtins.length (builtins.catAttrs "a" [ { a = throw "lazy"; } ])', "1"],
  ['builtins.catAttrs "a" []', "[ ]"],
  ["builtins.mapAttrs (name: value: value * 10) { a = 1; b = 2; }", "{ a = 10; b = 20; }"],
  ['builtins.mapAttrs (name: value: name) { a = throw "x"; b = 2; }', '{ a = "a"; b = "b"; }'],
  ['builtins.attrNames (builtins.mapAttrs (n: v: throw "lazy") { a = 1; b = 2; })', '[ "a" "b" ]'],
  ['builtins.attrNames (builtins.mapAttrs "not a function" { a = 1; })', '[ "a" ]'],
  ['builtins.mapAttrs (n: v: v + 1) (builtins.listToAttrs (map (n: { name = n; value = 1; }) [ "x" "y" ]))', "{ x = 2; y = 2; }"],
  [
    'builtins.zipAttrsWith (name: values: { inherit name values; }) [ { a = "x"; } { a = "y"; b = "z"; } ]',
    '{ a = { name = "a"; values = [ "x" "y" ]; }; b = { name = "b"; values = [ "z" ]; }; }',
  ],
  ["builtins.zipAttrsWith (n: v: builtins.length v) []", "{ }"],
  ["builtins.zipAttrsWith (n: v: v) [ { b = 1; a = 2; } { c = 3; b = 4; } { a = 5; } ]", "{ a = [ 2 5 ]; b = [ 1 4 ]; c = [ 3 ]; }"],
  ['builtins.attrNames (builtins.zipAttrsWith (n: v: throw "lazy") [ { a = 1; } ])', '[ "a" ]'],
];

const CLOSURE: Case[] = [
  [
    "builtins.genericClosure { startSet = [ { key = 1; } ]; operator = x: if x.key < 5 then [ { key = x.key + 1; } { key = x.key + 2; } ] else []; }",
    "[ { key = 1; } { key = 2; } { key = 3; } { key = 4; } { key = 5; } { key = 6; } ]",
  ],
  // current Nix: an empty startSet is returned before `operator` is looked at.
  ['builtins.genericClosure { startSet = []; operator = throw "unused"; }', "[ ]"],
  [
    'builtins.genericClosure { startSet = [ { key = "a"; v = 1; } { key = "a"; v = 2; } { key = "b"; } ]; operator = x: []; }',
    '[ { key = "a"; v = 1; } { key = "b"; } ]',
  ],
  [
    "builtins.genericClosure { startSet = [ { key = 1; v = 1; } { key = 1.0; v = 2; } { key = 2.5; } ]; operator = x: []; }",
    "[ { key = 1; v = 1; } { key = 2.5; } ]",
  ],
  [
    "builtins.genericClosure { startSet = [ { key = [ 1 2 ]; } { key = [ 1 2 ]; v = 1; } { key = [ 1 ]; } ]; operator = x: []; }",
    "[ { key = [ 1 2 ]; } { key = [ 1 ]; } ]",
  ],
  [
    "builtins.length (builtins.genericClosure { startSet = [ { key = 80; } ]; operator = { key, foo ? false }: if builtins.lessThan key 0 then [ ] else [ { key = builtins.sub key 9; } { key = builtins.sub key 13; foo = true; } ]; })",
    "46",
  ],
];

const LISTS: Case[] = [
  ["map (x: x * 2) [ 1 2 3 ]", "[ 2 4 6 ]"],
  ['builtins.length (map (x: throw "lazy") [ 1 2 3 ])', "3"],
  ["map 1 []", "[ ]"],
  ["map (x: x + 1) (builtins.genList (x: x) 3)", "[ 1 2 3 ]"],
  ["map (s: s 1) [ { __functor = self: x: x + 1; } ]", "[ 2 ]"],
  ["builtins.filter (x: x > 1) [ 1 2 3 ]", "[ 2 3 ]"],
  ["builtins.filter (x: true) []", "[ ]"],
  ["builtins.filter (x: x != null) [ null 1 null 2 ]", "[ 1 2 ]"],
  [
    "[ (builtins.elem 2 [ 1 2 3 ]) (builtins.elem 4 [ 1 2 3 ]) (builtins.elem 1.0 [ 1 ]) (builtins.elem { a = [ 1 ]; } [ { a = [ 1 ]; } ]) ]",
    "[ true false true true ]",
  ],
  ["let f = x: x; in builtins.elem f [ f ]", "true"],
  ["builtins.elem (x: x) [ (x: x) ]", "false"],
  ["builtins.concatLists [ [ 1 2 ] [ ] [ 3 ] ]", "[ 1 2 3 ]"],
  ["builtins.concatLists []", "[ ]"],
  ['builtins.length [ 1 (throw "x") 3 ]', "3"],
  ["builtins.foldl' (x: y: x + y) 0 [ 1 2 3 4 ]", "10"],
  ["builtins.head (builtins.foldl' (acc: x: acc ++ [ x ]) [ ] [ 42 (throw \"this shouldn't be evaluated\") ])", "42"],
  ['builtins.foldl\' (_: x: x) (throw "This is never forced") [ "but the results of applying op are" 42 ]', "42"],
  ["builtins.foldl' (x: y: x) 7 []", "7"],
  ["builtins.foldl' builtins.add 0 (builtins.genList (x: x) 1000)", "499500"],
  ["builtins.foldl' (a: b: a // b) { } [ { a = 1; } { b = 2; } { a = 3; } ]", "{ a = 3; b = 2; }"],
  [
    "[ (builtins.any (x: x > 2) [ 1 2 3 ]) (builtins.any (x: x > 5) [ 1 2 3 ]) (builtins.all (x: x > 0) [ 1 2 3 ]) (builtins.all (x: x > 1) [ 1 2 3 ]) (builtins.any (x: x) []) (builtins.all (x: x) []) ]",
    "[ true false true false false true ]",
  ],
  ['builtins.any (x: x) [ true (throw "short circuit") ]', "true"],
  ['builtins.all (x: x) [ false (throw "short circuit") ]', "false"],
  ["builtins.genList (x: x * x) 5", "[ 0 1 4 9 16 ]"],
  ["builtins.genList (x: x) 0", "[ ]"],
  ['builtins.length (builtins.genList (x: throw "lazy") 3)', "3"],
  ["builtins.genList (x: x) 3 == [ 0 1 2 ]", "true"],
  ["builtins.elemAt [ 1 2 3 ] 1", "2"],
  ['builtins.elemAt [ 1 (throw "x") 3 ] 2', "3"],
  ["builtins.head [ 1 2 ]", "1"],
  ["builtins.tail [ 1 2 3 ]", "[ 2 3 ]"],
  ["builtins.tail [ 1 ]", "[ ]"],
  ['builtins.length (builtins.tail [ 1 (throw "x") ])', "1"],
  ["builtins.partition (x: x > 10) [ 1 23 9 3 42 ]", "{ right = [ 23 42 ]; wrong = [ 1 9 3 ]; }"],
  ["builtins.partition (x: x) []", "{ right = [ ]; wrong = [ ]; }"],
  ['builtins.groupBy (x: builtins.substring 0 1 x) [ "foo" "bar" "baz" ]', '{ b = [ "bar" "baz" ]; f = [ "foo" ]; }'],
  ['builtins.groupBy (x: if x > 2 then "big" else "small") [ 1 2 3 4 ]', "{ big = [ 3 4 ]; small = [ 1 2 ]; }"],
  ["builtins.groupBy (x: x) []", "{ }"],
  ["builtins.concatMap (x: [ x x ]) [ 1 2 3 ]", "[ 1 1 2 2 3 3 ]"],
  ["builtins.concatMap (x: if x == 2 then [ ] else [ x ]) [ 1 2 3 ]", "[ 1 3 ]"],
  ["builtins.concatMap (x: x) [ [ 1 ] [ [ 2 ] ] ]", "[ 1 [ 2 ] ]"],
];

const SORT: Case[] = [
  ["builtins.sort builtins.lessThan [ 483 249 526 147 42 77 ]", "[ 42 77 147 249 483 526 ]"],
  ["builtins.sort (x: y: y < x) [ 483 249 526 147 42 77 ]", "[ 526 483 249 147 77 42 ]"],
  ['builtins.sort builtins.lessThan [ "foo" "bar" "xyzzy" "fnord" ]', '[ "bar" "fnord" "foo" "xyzzy" ]'],
  [
    'builtins.sort (x: y: x.key < y.key) [ { key = 1; value = "foo"; } { key = 2; value = "bar"; } { key = 1; value = "fnord"; } ]',
    '[ { key = 1; value = "foo"; } { key = 1; value = "fnord"; } { key = 2; value = "bar"; } ]',
  ],
  [
    "builtins.sort builtins.lessThan [ [ 1 6 ] [ ] [ 2 3 ] [ 3 ] [ 1 5 ] [ 2 ] [ 1 ] [ ] [ 1 4 ] [ 3 ] ]",
    "[ [ ] [ ] [ 1 ] [ 1 4 ] [ 1 5 ] [ 1 6 ] [ 2 ] [ 2 3 ] [ 3 ] [ 3 ] ]",
  ],
  ["builtins.sort builtins.lessThan [ 3 1.5 2 0.5 ]", "[ 0.5 1.5 2 3 ]"],
  ['builtins.sort (a: b: throw "never") [ 1 ]', "[ 1 ]"],
  // current Nix: an empty list is returned before the comparator is checked.
  ["builtins.sort 1 []", "[ ]"],
  [
    "builtins.sort (a: b: a.k < b.k) (builtins.genList (i: { k = builtins.div i 7; i = i; }) 40)",
    "[ " + Array.from({ length: 40 }, (_, i) => `{ i = ${i}; k = ${Math.floor(i / 7)}; }`).join(" ") + " ]",
  ],
  [
    "builtins.sort (a: b: a.k < b.k) (builtins.genList (i: { k = 3 - (builtins.div i 9); i = i; }) 40)",
    "[ " +
      Array.from({ length: 40 }, (_, i) => i)
        .sort((a, b) => 3 - Math.floor(a / 9) - (3 - Math.floor(b / 9)) || a - b)
        .map((i) => `{ i = ${i}; k = ${3 - Math.floor(i / 9)}; }`)
        .join(" ") +
      " ]",
  ],
  ["let xs = builtins.genList (i: i) 200; in builtins.sort (a: b: a > b) xs == builtins.genList (i: 199 - i) 200", "true"],
  ["builtins.elemAt (builtins.sort builtins.lessThan (builtins.genList (i: 1000 - i) 1000)) 0", "1"],
];

const ARITH: Case[] = [
  [
    "[ (builtins.add 1 2) (builtins.add 1 2.5) (builtins.add 1.5 2.5) (builtins.sub 5 7) (builtins.sub 1.0 0.5) (builtins.mul 3 4) (builtins.mul 2 0.25) ]",
    "[ 3 3.5 4 -2 0.5 12 0.5 ]",
  ],
  ["[ (builtins.div 7 2) (builtins.div (-7) 2) (builtins.div 7 2.0) (builtins.div 1.0 4) (builtins.div 0 5) ]", "[ 3 -3 3.5 0.25 0 ]"],
  [
    "[ (builtins.bitAnd 12 10) (builtins.bitOr 12 10) (builtins.bitXor 12 10) (builtins.bitAnd (-1) 255) (builtins.bitXor (-1) 0) ]",
    "[ 8 14 6 255 -1 ]",
  ],
  [
    '[ (builtins.lessThan 1 2) (builtins.lessThan 2 1) (builtins.lessThan 1 1.5) (builtins.lessThan "a" "b") (builtins.lessThan [ 1 2 ] [ 1 3 ]) (builtins.lessThan [ ] [ 1 ]) (builtins.lessThan /a /b) ]',
    "[ true false true true true true true ]",
  ],
  [
    "[ (builtins.ceil 23.5) (builtins.floor 23.5) (builtins.ceil 23) (builtins.floor 23) (builtins.ceil (-1.5)) (builtins.floor (-1.5)) (builtins.ceil 1.0e15) ]",
    "[ 24 23 23 23 -1 -2 1000000000000000 ]",
  ],
  [
    '[ (builtins.typeOf 1) (builtins.typeOf 1.5) (builtins.typeOf "s") (builtins.typeOf /p) (builtins.typeOf null) (builtins.typeOf {}) (builtins.typeOf []) (builtins.typeOf (x: x)) (builtins.typeOf map) (builtins.typeOf (map (x: x))) (builtins.typeOf true) ]',
    '[ "int" "float" "string" "path" "null" "set" "list" "lambda" "lambda" "lambda" "bool" ]',
  ],
  [
    '[ (isNull null) (builtins.isNull 1) (builtins.isFunction map) (builtins.isFunction { __functor = s: x: x; }) (builtins.isInt 1) (builtins.isInt 1.0) (builtins.isFloat 1.0) (builtins.isString "a") (builtins.isString "${"a"}") (builtins.isBool false) (builtins.isPath ./.) (builtins.isPath "/a") ]',
    "[ true false true false true false true true true true true false ]",
  ],
];

interface FailCase {
  readonly expr: string;
  readonly message: string;
  /** Frames that must appear, outermost first (others may be interleaved). */
  readonly frames?: readonly string[];
}

const arg = (which: string, fn: string): string => `while evaluating the ${which} argument passed to builtins.${fn}`;

const FAILURES: FailCase[] = [
  {
    expr: "builtins.attrNames [ ]",
    message: "expected a set but found a list: [ ]",
    frames: ["while evaluating the argument passed to builtins.attrNames"],
  },
  {
    expr: "builtins.attrValues [ ]",
    message: "expected a set but found a list: [ ]",
    frames: ["while evaluating the argument passed to builtins.attrValues"],
  },
  { expr: "builtins.getAttr [ ] [ ]", message: "expected a string but found a list: [ ]", frames: [arg("first", "getAttr")] },
  { expr: 'builtins.getAttr "foo" [ ]', message: "expected a set but found a list: [ ]", frames: [arg("second", "getAttr")] },
  { expr: 'builtins.getAttr "foo" { }', message: "attribute 'foo' missing", frames: ["in the attribute set under consideration"] },
  { expr: "builtins.hasAttr [ ] [ ]", message: "expected a string but found a list: [ ]", frames: [arg("first", "hasAttr")] },
  { expr: 'builtins.hasAttr "foo" [ ]', message: "expected a set but found a list: [ ]", frames: [arg("second", "hasAttr")] },
  { expr: 'builtins.removeAttrs "" ""', message: 'expected a set but found a string: ""', frames: [arg("first", "removeAttrs")] },
  { expr: "builtins.removeAttrs { } 1", message: "expected a list but found an integer: 1", frames: [arg("second", "removeAttrs")] },
  {
    expr: "builtins.removeAttrs { } [ 1 ]",
    message: "expected a string but found an integer: 1",
    frames: ["while evaluating the values of the second argument passed to builtins.removeAttrs"],
  },
  {
    expr: "builtins.listToAttrs 1",
    message: "expected a list but found an integer: 1",
    frames: ["while evaluating the argument passed to builtins.listToAttrs"],
  },
  {
    expr: "builtins.listToAttrs [ 1 ]",
    message: "expected a set but found an integer: 1",
    frames: ["while evaluating an element of the list passed to builtins.listToAttrs"],
  },
  { expr: "builtins.listToAttrs [ { } ]", message: "attribute 'name' missing", frames: ["in a {name=...; value=...;} pair"] },
  {
    expr: "builtins.listToAttrs [ { name = 1; } ]",
    message: "expected a string but found an integer: 1",
    frames: ["while evaluating the `name` attribute of an element of the list passed to builtins.listToAttrs"],
  },
  {
    expr: 'builtins.listToAttrs [ { name = "foo"; } ]',
    message: "attribute 'value' missing",
    frames: ["in a {name=...; value=...;} pair"],
  },
  {
    // current Nix: every name is evaluated before any value is looked up
    expr: 'builtins.listToAttrs [ { name = "a"; } { name = 1; } ]',
    message: "expected a string but found an integer: 1",
  },
  { expr: "builtins.intersectAttrs [ ] [ ]", message: "expected a set but found a list: [ ]", frames: [arg("first", "intersectAttrs")] },
  { expr: "builtins.intersectAttrs { } [ ]", message: "expected a set but found a list: [ ]", frames: [arg("second", "intersectAttrs")] },
  { expr: "builtins.catAttrs 1 [ ]", message: "expected a string but found an integer: 1", frames: [arg("first", "catAttrs")] },
  { expr: 'builtins.catAttrs "foo" 1', message: "expected a list but found an integer: 1", frames: [arg("second", "catAttrs")] },
  {
    expr: 'builtins.catAttrs "foo" [ { foo = 1; } 1 { bar = 5; } ]',
    message: "expected a set but found an integer: 1",
    frames: ["while evaluating an element in the list passed as second argument to builtins.catAttrs"],
  },
  { expr: "builtins.mapAttrs [ ] [ ]", message: "expected a set but found a list: [ ]", frames: [arg("second", "mapAttrs")] },
  { expr: 'builtins.mapAttrs "" { foo.bar = 1; }', message: 'attempt to call something which is not a function but a string: ""' },
  { expr: "builtins.zipAttrsWith [ ] [ 1 ]", message: "expected a function but found a list: [ ]", frames: [arg("first", "zipAttrsWith")] },
  {
    expr: "builtins.zipAttrsWith (_: 1) [ 1 ]",
    message: "expected a set but found an integer: 1",
    frames: ["while evaluating a value of the list passed as second argument to builtins.zipAttrsWith"],
  },
  { expr: "builtins.zipAttrsWith (_: 1) [ { foo = 1; } ]", message: "attempt to call something which is not a function but an integer: 1" },
  // genericClosure
  {
    expr: 'builtins.genericClosure "not an attrset"',
    message: 'expected a set but found a string: "not an attrset"',
    frames: [arg("first", "genericClosure")],
  },
  {
    expr: "builtins.genericClosure { operator = x: [ ]; }",
    message: "attribute 'startSet' missing",
    frames: ["in the attrset passed as argument to builtins.genericClosure"],
  },
  {
    expr: "builtins.genericClosure { startSet = [ { key = 1; } ]; }",
    message: "attribute 'operator' missing",
    frames: ["in the attrset passed as argument to builtins.genericClosure"],
  },
  {
    expr: 'builtins.genericClosure { startSet = "not a list"; operator = x: [ ]; }',
    message: 'expected a list but found a string: "not a list"',
    frames: ["while evaluating the 'startSet' attribute passed as argument to builtins.genericClosure"],
  },
  {
    expr: 'builtins.genericClosure { startSet = [ { key = 1; } ]; operator = "not a function"; }',
    message: 'expected a function but found a string: "not a function"',
    frames: ["while evaluating the 'operator' attribute passed as argument to builtins.genericClosure"],
  },
  {
    expr: 'builtins.genericClosure { startSet = [ { key = 1; } ]; operator = x: "not a list"; }',
    message: 'expected a list but found a string: "not a list"',
    frames: [
      "while calling operator on genericClosure element { key = 1; }",
      "while evaluating the return value of the `operator` passed to builtins.genericClosure",
    ],
  },
  {
    expr: 'builtins.genericClosure { startSet = [ "not an attrset" ]; operator = x: [ ]; }',
    message: 'expected a set but found a string: "not an attrset"',
    frames: ['in genericClosure element "not an attrset"'],
  },
  {
    expr: "builtins.genericClosure { startSet = [ { nokey = 1; } ]; operator = x: [ ]; }",
    message: "attribute 'key' missing",
    frames: ["in genericClosure element { nokey = 1; }"],
  },
  {
    expr: 'builtins.genericClosure { startSet = [ { key = 1; } { key = "string"; } ]; operator = x: [ ]; }',
    message: 'cannot compare a string with an integer; values are "string" and 1',
    frames: ['while comparing element { key = "string"; }', "with element { key = 1; }"],
  },
  {
    expr: "builtins.genericClosure { startSet = [ { key = { }; } { key = { }; } ]; operator = x: [ ]; }",
    message: "cannot compare a set with a set; values of that type are incomparable (values are { } and { })",
    frames: ["while comparing element { key = { }; }", "with element { key = { }; }"],
  },
  {
    expr: 'builtins.genericClosure { startSet = map (k: { key = k; }) [ 3 1 2 3 1.5 "x" ]; operator = x: []; }',
    message: 'cannot compare a string with an integer; values are "x" and 2',
    frames: ['while comparing element { key = "x"; }', "with element { key = 1; }"],
  },
  // lists
  { expr: "builtins.length 1", message: "expected a list but found an integer: 1", frames: [arg("first", "length")] },
  {
    expr: 'builtins.elemAt "foo" (-1)',
    message: 'expected a list but found a string: "foo"',
    frames: ["while evaluating the first argument passed to 'builtins.elemAt'"],
  },
  {
    expr: 'builtins.elemAt [ ] "x"',
    message: 'expected an integer but found a string: "x"',
    frames: ["while evaluating the second argument passed to 'builtins.elemAt'"],
  },
  { expr: "builtins.elemAt [ ] (-1)", message: "'builtins.elemAt' called with index -1 on a list of size 0", frames: [] },
  { expr: 'builtins.elemAt [ "foo" ] 3', message: "'builtins.elemAt' called with index 3 on a list of size 1", frames: [] },
  {
    expr: "builtins.head 1",
    message: "expected a list but found an integer: 1",
    frames: ["while evaluating the first argument passed to 'builtins.head'"],
  },
  { expr: "builtins.head [ ]", message: "'builtins.head' called on an empty list", frames: [] },
  {
    expr: "builtins.tail 1",
    message: "expected a list but found an integer: 1",
    frames: ["while evaluating the first argument passed to 'builtins.tail'"],
  },
  { expr: "builtins.tail [ ]", message: "'builtins.tail' called on an empty list", frames: [] },
  { expr: 'builtins.map 1 "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "map")] },
  { expr: "builtins.map 1 [ 1 ]", message: "expected a function but found an integer: 1", frames: [arg("first", "map")] },
  { expr: 'builtins.filter 1 "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "filter")] },
  { expr: 'builtins.filter 1 [ "foo" ]', message: "expected a function but found an integer: 1", frames: [arg("first", "filter")] },
  {
    expr: 'builtins.filter (_: 5) [ "foo" ]',
    message: "expected a Boolean but found an integer: 5",
    frames: ["while evaluating the return value of the filtering function passed to builtins.filter"],
  },
  { expr: 'builtins.elem 1 "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "elem")] },
  {
    expr: 'builtins.elem 1 [ (throw "boom") ]',
    message: "boom",
    frames: ["while searching for the presence of the given element in the list"],
  },
  { expr: 'let x = throw "a"; in builtins.elem x [ x ]', message: "a" },
  { expr: "builtins.concatLists 1", message: "expected a list but found an integer: 1", frames: [arg("first", "concatLists")] },
  {
    expr: 'builtins.concatLists [ [ 1 ] "foo" ]',
    message: 'expected a list but found a string: "foo"',
    frames: ["while evaluating a value of the list passed to builtins.concatLists"],
  },
  { expr: 'builtins.concatMap 1 "foo"', message: "expected a function but found an integer: 1", frames: [arg("first", "concatMap")] },
  { expr: 'builtins.concatMap (x: 1) "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "concatMap")] },
  {
    expr: 'builtins.concatMap (x: 1) [ "foo" ]',
    message: "expected a list but found an integer: 1",
    frames: ["while evaluating the return value of the function passed to builtins.concatMap"],
  },
  { expr: 'builtins.foldl\' 1 "foo" true', message: "expected a function but found an integer: 1", frames: [arg("first", "foldlStrict")] },
  {
    expr: 'builtins.foldl\' (_: 1) "foo" true',
    message: "expected a list but found a Boolean: true",
    frames: [arg("third", "foldlStrict")],
  },
  { expr: 'builtins.foldl\' (_: 1) "foo" [ true ]', message: "attempt to call something which is not a function but an integer: 1" },
  {
    // the result of every application is forced, even when it is not used
    expr: 'builtins.foldl\' (_: f: f null) null [ (_: throw "Not the final value, but is still forced!") (_: 23) ]',
    message: "Not the final value, but is still forced!",
  },
  { expr: 'builtins.all 1 "foo"', message: "expected a function but found an integer: 1", frames: [arg("first", "all")] },
  { expr: 'builtins.any (_: 1) "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "any")] },
  {
    expr: 'builtins.any (_: 1) [ "foo" ]',
    message: "expected a Boolean but found an integer: 1",
    frames: ["while evaluating the return value of the function passed to builtins.any"],
  },
  {
    expr: 'builtins.all (_: 1) [ "foo" ]',
    message: "expected a Boolean but found an integer: 1",
    frames: ["while evaluating the return value of the function passed to builtins.all"],
  },
  { expr: 'builtins.genList 1 "foo"', message: 'expected an integer but found a string: "foo"', frames: [arg("second", "genList")] },
  { expr: "builtins.genList 1 2", message: "expected a function but found an integer: 1", frames: [arg("first", "genList")] },
  { expr: "builtins.genList false (-3)", message: "cannot create list of size -3", frames: [] },
  // Nix runs out of memory instead; no JS array can be this long.
  { expr: "builtins.genList (x: x) 5000000000", message: "cannot create list of size 5000000000", frames: [] },
  { expr: 'builtins.sort 1 "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "sort")] },
  { expr: 'builtins.sort 1 [ "foo" ]', message: "expected a function but found an integer: 1", frames: [arg("first", "sort")] },
  { expr: 'builtins.sort (_: 1) [ "foo" "bar" ]', message: "attempt to call something which is not a function but an integer: 1" },
  {
    expr: 'builtins.sort (_: _: 1) [ "foo" "bar" ]',
    message: "expected a Boolean but found an integer: 1",
    frames: ["while evaluating the return value of the sorting function passed to builtins.sort"],
  },
  {
    // the comparator sees (second, first), as in Nix
    expr: 'builtins.sort (a: b: builtins.lessThan b a) [ "foo" { } ]',
    message: 'cannot compare a string with a set; values are "foo" and { }',
  },
  {
    expr: 'builtins.sort builtins.lessThan [ 1 "a" ]',
    message: 'cannot compare a string with an integer; values are "a" and 1',
    frames: ["while evaluating the ordering function passed to builtins.sort"],
  },
  { expr: 'builtins.partition 1 "foo"', message: "expected a function but found an integer: 1", frames: [arg("first", "partition")] },
  { expr: 'builtins.partition (_: 1) "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "partition")] },
  {
    expr: 'builtins.partition (_: 1) [ "foo" ]',
    message: "expected a Boolean but found an integer: 1",
    frames: ["while evaluating the return value of the partition function passed to builtins.partition"],
  },
  { expr: 'builtins.groupBy 1 "foo"', message: "expected a function but found an integer: 1", frames: [arg("first", "groupBy")] },
  { expr: 'builtins.groupBy (_: 1) "foo"', message: 'expected a list but found a string: "foo"', frames: [arg("second", "groupBy")] },
  {
    expr: 'builtins.groupBy (x: x) [ "foo" "bar" 1 ]',
    message: "expected a string but found an integer: 1",
    frames: ["while evaluating the return value of the grouping function passed to builtins.groupBy"],
  },
  // arithmetic
  {
    expr: 'builtins.add "foo" 1',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the first argument of the addition"],
  },
  {
    expr: 'builtins.add 1 "foo"',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the second argument of the addition"],
  },
  {
    expr: 'builtins.add 1.5 "foo"',
    message: 'expected a float but found a string: "foo"',
    frames: ["while evaluating the second argument of the addition"],
  },
  {
    expr: 'builtins.sub "foo" 1',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the first argument of the subtraction"],
  },
  {
    expr: 'builtins.sub 1 "foo"',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the second argument of the subtraction"],
  },
  {
    expr: 'builtins.mul "foo" 1',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the first argument of the multiplication"],
  },
  {
    expr: 'builtins.mul "foo" 1.5',
    message: 'expected a float but found a string: "foo"',
    frames: ["while evaluating the first of the multiplication"],
  },
  {
    expr: 'builtins.mul 1 "foo"',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the second argument of the multiplication"],
  },
  {
    expr: 'builtins.div "foo" 1',
    message: 'expected an integer but found a string: "foo"',
    frames: ["while evaluating the first operand of the division"],
  },
  {
    expr: 'builtins.div 1 "foo"',
    message: 'expected a float but found a string: "foo"',
    frames: ["while evaluating the second operand of the division"],
  },
  { expr: 'builtins.div "foo" 0', message: "division by zero", frames: [] },
  { expr: "builtins.div 1.5 0", message: "division by zero", frames: [] },
  { expr: "builtins.add 9223372036854775807 1", message: "integer overflow in adding 9223372036854775807 + 1" },
  { expr: "builtins.sub (-9223372036854775807) 2", message: "integer overflow in subtracting -9223372036854775807 - 2" },
  {
    expr: "builtins.mul 4294967297 (builtins.mul 4294967297 4294967297)",
    message: "integer overflow in multiplying 4294967297 * 4294967297",
  },
  { expr: "builtins.div (-9223372036854775807 - 1) (-1)", message: "integer overflow in dividing -9223372036854775808 / -1" },
  { expr: "builtins.bitAnd 1 2.2", message: "expected an integer but found a float: 2.2", frames: [arg("second", "bitAnd")] },
  { expr: 'builtins.bitOr "x" 2', message: 'expected an integer but found a string: "x"', frames: [arg("first", "bitOr")] },
  { expr: "builtins.bitXor 1 null", message: "expected an integer but found null: null", frames: [arg("second", "bitXor")] },
  { expr: 'builtins.lessThan 1 "foo"', message: 'cannot compare an integer with a string; values are 1 and "foo"', frames: [] },
  {
    expr: "builtins.lessThan { } { }",
    message: "cannot compare a set with a set; values of that type are incomparable (values are { } and { })",
    frames: [],
  },
  {
    expr: 'builtins.lessThan [ 1 2 ] [ "foo" ]',
    message: 'cannot compare an integer with a string; values are 1 and "foo"',
    frames: ["while comparing two list elements"],
  },
  { expr: 'builtins.ceil "foo"', message: 'expected a float but found a string: "foo"', frames: [arg("first", "ceil")] },
  { expr: 'builtins.floor "foo"', message: 'expected a float but found a string: "foo"', frames: [arg("first", "floor")] },
  { expr: "builtins.ceil 1.0e30", message: "NixFloat argument 1e+30 is not in the range of NixInt" },
  { expr: "builtins.floor (-1.0e19)", message: "NixFloat argument -1e+19 is not in the range of NixInt" },
  {
    expr: "builtins.floor 9223372036854775807",
    message:
      "Due to a bug (see https://github.com/NixOS/nix/issues/12899) the NixInt argument 9223372036854775807 caused undefined behavior in previous Nix versions.\n\tFuture Nix versions might implement the correct behavior.",
  },
  {
    expr: "builtins.ceil 9007199254740993",
    message:
      "Due to a bug (see https://github.com/NixOS/nix/issues/12899) a loss of precision occurred in previous Nix versions because the NixInt argument 9007199254740993 was rounded to 9007199254740992.\n\tFuture Nix versions might implement the correct behavior.",
  },
];

function valueTests(group: string, cases: readonly Case[]): void {
  for (const [expr, expected] of cases) {
    test(`${group}: ${expr}`, () => assert.equal(run(expr), expected));
  }
}

valueTests("attrs", ATTRS);
valueTests("genericClosure", CLOSURE);
valueTests("lists", LISTS);
valueTests("sort", SORT);
valueTests("arith", ARITH);

for (const c of FAILURES) {
  test(`fails: ${c.expr}`, () => {
    const e = failure(c.expr);
    assert.equal(e.message, c.message);
    if (c.frames === undefined) return;
    const have = frames(e);
    if (c.frames.length === 0) {
      assert.ok(!have.some((f) => f.startsWith("while evaluating the")), `unexpected frames: ${have.join(" | ")}`);
    } else {
      assert.ok(isSubsequence(c.frames, have), `frames ${JSON.stringify(have)} lack ${JSON.stringify(c.frames)}`);
    }
  });
}

/** Evaluate and check the result and that it took less than `ms`. */
function timed(expr: string, expected: string, ms: number): void {
  const t0 = performance.now();
  assert.equal(run(expr), expected);
  const took = performance.now() - t0;
  assert.ok(took < ms, `${expr} took ${took.toFixed(0)} ms`);
}

test("large: foldl' over 1,000,000 elements", () => {
  timed("builtins.foldl' (a: x: a + x) 0 (builtins.genList (x: x) 1000000)", "499999500000", 8000);
});

test("large: genList of 1,000,000 elements, forced", () => {
  timed("builtins.length (builtins.filter (x: x == 999999) (builtins.genList (x: x) 1000000))", "1", 8000);
});

test("large: foldl' with a primop over 1,000,000 elements", () => {
  timed("builtins.foldl' builtins.add 0 (builtins.genList (x: x) 1000000)", "499999500000", 8000);
});

test("large: sort 100,000 elements, stable", () => {
  const expr =
    "let xs = builtins.sort (a: b: a.k < b.k) (builtins.genList (i: { k = builtins.bitAnd i 7; inherit i; }) 100000); " +
    "in [ (builtins.elemAt xs 0).i (builtins.elemAt xs 1).i (builtins.elemAt xs 99999).i (builtins.length xs) ]";
  timed(expr, "[ 0 8 99999 100000 ]", 8000);
});

test("large: sort 200,000 integers with lessThan", () => {
  timed(
    "let xs = builtins.sort builtins.lessThan (builtins.genList (i: 200000 - i) 200000); in [ (builtins.head xs) (builtins.elemAt xs 199999) ]",
    "[ 1 200000 ]",
    8000,
  );
});

test("large: genericClosure over a 100,000-element chain", () => {
  timed(
    "builtins.length (builtins.genericClosure { startSet = [ { key = 0; } ]; operator = x: if x.key < 99999 then [ { key = x.key + 1; } ] else [ ]; })",
    "100000",
    8000,
  );
});

test("large: genericClosure with string keys and duplicates", () => {
  timed(
    'builtins.length (builtins.genericClosure { startSet = [ { key = "0"; n = 0; } ]; operator = x: if x.n < 50000 then [ { key = toString (x.n + 1); n = x.n + 1; } { key = toString x.n; n = x.n; } ] else [ ]; })',
    "50001",
    8000,
  );
});

test("large: concatLists, concatMap, map, attrs over 200,000 elements", () => {
  timed("builtins.length (builtins.concatLists (builtins.genList (i: [ i i ]) 200000))", "400000", 8000);
  timed("builtins.length (builtins.concatMap (i: [ i ]) (builtins.genList (i: i) 200000))", "200000", 8000);
  timed(
    "builtins.length (builtins.attrNames (builtins.listToAttrs (builtins.genList (i: { name = toString i; value = i; }) 200000)))",
    "200000",
    8000,
  );
  timed("builtins.elem 199999 (map (x: x) (builtins.genList (i: i) 200000))", "true", 8000);
});
