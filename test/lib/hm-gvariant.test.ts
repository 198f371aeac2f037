/**
 * `lib.hm.gvariant`: value construction, type strings (computed from
 * elements), predicates and the `toString` serialisation written to dconf
 * files. Expected texts are real Nix 2.8 output for Home Manager's lib.
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'with hm.gvariant; map toString [ (mkValue true) (mkValue 42) (mkValue 3.14) (mkValue "it\'s a \\\\ test\\nx") (mkValue [1 2 3]) (mkValue []) (mkValue [ "a" "b" ]) (mkValue [ [1] [2 3] ]) ]',
    '[ "true" "42" "3.140000" "\'it\\\\\'s a \\\\\\\\ test\\\\nx\'" "@ai [1,2,3]" "@as []" "@as [\'a\',\'b\']" "@aai [@ai [1],@ai [2,3]]" ]',
  ],
  [
    'with hm.gvariant; map toString [ (mkUchar 1) (mkInt16 2) (mkUint16 3) (mkInt32 4) (mkUint32 5) (mkInt64 6) (mkUint64 7) (mkDouble 1.5) (mkDouble 2) (mkObjectpath "/org/it\'s") (mkBoolean false) ]',
    '[ "@y 1" "@n 2" "@q 3" "4" "@u 5" "@x 6" "@t 7" "1.500000" "2" "objectpath \'/org/it\\\\\'s\'" "false" ]',
  ],
  [
    'with hm.gvariant; map toString [ (mkVariant 1) (mkVariant "x") (mkTuple [1 "a" true]) (mkDictionaryEntry ["k" 1]) (mkNothing "s") (mkJust 5) (mkJust "s") (mkEmptyArray "s") (mkEmptyArray type.int32) (mkArray type.string ["a"]) ]',
    '[ "@v <1>" "@v <\'x\'>" "@(isb) (1,\'a\',true)" "@{si} {\'k\',1}" "@ms nothing" "just 5" "just \'s\'" "@as []" "@ai []" "@as [\'a\']" ]',
  ],
  [
    'with hm.gvariant; map (v: v.type) [ (mkValue [ (mkTuple [1 2]) ]) (mkTuple [ (mkUint32 1) (mkVariant 2) ]) (mkJust (mkJust 1)) (mkDictionaryEntry [ "a" (mkVariant 1) ]) ]',
    '[ "a(ii)" "(uv)" "mmi" "{sv}" ]',
  ],
  ["with hm.gvariant; toString (mkValue [ (mkTuple [1 2]) (mkTuple [3 4]) ])", '"@a(ii) [@(ii) (1,2),@(ii) (3,4)]"'],
  ['with hm.gvariant; toString (mkArray (type.tupleOf [type.string type.int32]) [ (mkTuple ["a" 1]) ])', "\"@a(si) [@(si) ('a',1)]\""],
  [
    "with hm.gvariant; type",
    '{ arrayOf = <LAMBDA>; boolean = "b"; dictionaryEntryOf = <LAMBDA>; double = "d"; int16 = "n"; int32 = "i"; int64 = "x"; maybeOf = <LAMBDA>; string = "s"; tupleOf = <LAMBDA>; uchar = "y"; uint16 = "q"; uint32 = "u"; uint64 = "t"; variant = "v"; }',
  ],
  [
    'with hm.gvariant; [ (type.arrayOf "s") (type.maybeOf "i") (type.tupleOf ["s" "i"]) (type.dictionaryEntryOf ["s" "v"]) ]',
    '[ "as" "mi" "(si)" "{sv}" ]',
  ],
  [
    'with hm.gvariant; [ (typeOf true) (typeOf 1) (typeOf 1.0) (typeOf "") (typeOf [1]) (typeOf []) (typeOf { type = "x"; }) (typeOf null) (typeOf [[]]) ]',
    '[ "b" "i" "d" "s" "ai" "" "x" "" "" ]',
  ],
  [
    'with hm.gvariant; [ (isGVariant 1) (isGVariant (mkInt32 1)) (isGVariant {}) (isArray "as") (isTuple "(ii)") (isMaybe "ms") (isDictionaryEntry "{sv}") (isArray "s") ]',
    "[ false true false true true true true false ]",
  ],
  ["with hm.gvariant; [ (mkValue null) (mkValue {}) (mkValue ./.) ]", "[ null null null ]"],
  ["with hm.gvariant; mkValue 1", '{ __toString = <LAMBDA>; _type = "gvariant"; type = "i"; value = 1; }'],
  [
    "with hm.gvariant; mkValue [ 1 ]",
    '{ __toString = <LAMBDA>; _type = "gvariant"; type = "ai"; value = [ { __toString = <LAMBDA>; _type = "gvariant"; type = "i"; value = 1; } ]; }',
  ],
  ["with hm.gvariant; toString (mkValue [ null ])", '"@a []"'],
  ["with hm.gvariant; toString (mkUint32 1.5)", '"@u 1.500000"'],
  ['with hm.gvariant; toString ((mkInt32 5) // { type = "u"; })', '"5"'],
  ['with hm.gvariant; toString ((mkValue [1 2]) // { type = "ax"; })', '"@ax [1,2]"'],
  ['with hm.gvariant; toString (mkString "a\'b")', "\"'a\\\\'b'\""],
  ["with hm.gvariant; toString (mkNothing (type.arrayOf type.string))", '"@mas nothing"'],
  ['with hm.gvariant; toString (mkVariant (mkVariant (mkString "x")))', "\"@v <@v <'x'>>\""],
  [
    "with hm.gvariant; builtins.attrNames hm.gvariant",
    '[ "isArray" "isDictionaryEntry" "isGVariant" "isMaybe" "isTuple" "mkArray" "mkBoolean" "mkDictionaryEntry" "mkDouble" "mkEmptyArray" "mkInt16" "mkInt32" "mkInt64" "mkJust" "mkNothing" "mkObjectpath" "mkString" "mkTuple" "mkUchar" "mkUint16" "mkUint32" "mkUint64" "mkValue" "mkVariant" "type" "typeOf" ]',
  ],
];

describe("lib.hm.gvariant", () => table(CASES));
