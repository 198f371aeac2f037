/**
 * `lib.hm.dag`: entry constructors, `entries*` chains, `map`, predicates and
 * `topoSort` — including cycles (`{ cycle; loops; }`), before/after edges to
 * names outside the DAG, an activation-like DAG, and 24 pseudo-random DAGs
 * (some cyclic) whose order must equal nixpkgs' `lib.toposort` exactly.
 * Expected texts are real Nix 2.8 output for Home Manager's lib.
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'with hm.dag; topoSort { a = entryAnywhere "1"; b = entryAfter [ "a" "c" ] "2"; c = entryBefore [ "d" ] "3"; d = entryBefore [ "e" ] "4"; e = entryAnywhere "5"; }',
    '{ result = [ { data = "1"; name = "a"; } { data = "3"; name = "c"; } { data = "2"; name = "b"; } { data = "4"; name = "d"; } { data = "5"; name = "e"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { a = entryAnywhere "1"; b = entryAfter [ "a" "c" ] "2"; c = entryAfter [ "d" ] "3"; d = entryAfter [ "b" ] "4"; e = entryAnywhere "5"; }',
    '{ cycle = [ { after = [ "a" "c" ]; data = "2"; name = "b"; } { after = [ "d" ]; data = "3"; name = "c"; } { after = [ "b" ]; data = "4"; name = "d"; } ]; loops = [ «repeated» ]; }',
  ],
  ["with hm.dag; topoSort { }", "{ result = [ ]; }"],
  ['with hm.dag; topoSort { x = entryAfter ["y"] 1; }', '{ result = [ { data = 1; name = "x"; } ]; }'],
  [
    'with hm.dag; topoSort { writeBoundary = entryAnywhere "wb"; checkLinkTargets = entryBefore ["writeBoundary"] "clt"; linkGeneration = entryAfter ["writeBoundary"] "lg"; onFilesChange = entryAfter ["linkGeneration"] "ofc"; installPackages = entryAfter ["writeBoundary"] "ip"; reloadSystemd = entryAfter ["linkGeneration"] "rs"; checkFilesChanged = entryBefore ["linkGeneration"] "cfc"; createXdgUserDirectories = entryAfter ["linkGeneration"] "x"; zz = entryBefore ["checkLinkTargets"] "zz"; aa = entryAfter ["onFilesChange" "reloadSystemd"] "aa"; }',
    '{ result = [ { data = "cfc"; name = "checkFilesChanged"; } { data = "zz"; name = "zz"; } { data = "clt"; name = "checkLinkTargets"; } { data = "wb"; name = "writeBoundary"; } { data = "lg"; name = "linkGeneration"; } { data = "ofc"; name = "onFilesChange"; } { data = "rs"; name = "reloadSystemd"; } { data = "aa"; name = "aa"; } { data = "x"; name = "createXdgUserDirectories"; } { data = "ip"; name = "installPackages"; } ]; }',
  ],
  ['with hm.dag; topoSort { a = entryAfter ["a"] 1; }', '{ result = [ { data = 1; name = "a"; } ]; }'],
  [
    'with hm.dag; topoSort { a = entryAfter ["b"] 1; b = entryAfter ["a"] 2; }',
    '{ cycle = [ { after = [ "b" ]; data = 1; name = "a"; } { after = [ "a" ]; data = 2; name = "b"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { a = entryBefore ["b"] 1; b = entryBefore ["a"] 2; c = entryAnywhere 3; }',
    '{ cycle = [ { after = [ "b" ]; data = 1; name = "a"; } { after = [ "a" ]; data = 2; name = "b"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { a = entryBetween ["c"] ["b"] 1; b = entryAnywhere 2; c = entryAnywhere 3; d = entryAfter ["c"] 4; e = entryBefore ["a"] 5; }',
    '{ result = [ { data = 2; name = "b"; } { data = 5; name = "e"; } { data = 1; name = "a"; } { data = 3; name = "c"; } { data = 4; name = "d"; } ]; }',
  ],
  [
    'with hm.dag; entriesBetween "t" ["b1"] ["a1"] [1 2 3]',
    '{ t-0 = { after = [ "a1" ]; before = [ ]; data = 1; }; t-1 = { after = [ "t-0" ]; before = [ ]; data = 2; }; t-2 = { after = [ "t-1" ]; before = [ "b1" ]; data = 3; }; }',
  ],
  ['with hm.dag; entriesBetween "t" ["b1"] ["a1"] [1]', '{ t-0 = { after = [ "a1" ]; before = [ "b1" ]; data = 1; }; }'],
  ['with hm.dag; entriesBetween "t" ["b1"] ["a1"] []', "{ }"],
  [
    'with hm.dag; entriesAnywhere "t" ["x" "y"]',
    '{ t-0 = { after = [ ]; before = [ ]; data = "x"; }; t-1 = { after = [ "t-0" ]; before = [ ]; data = "y"; }; }',
  ],
  [
    'with hm.dag; entriesAfter "t" ["q"] ["x" "y"]',
    '{ t-0 = { after = [ "q" ]; before = [ ]; data = "x"; }; t-1 = { after = [ "t-0" ]; before = [ ]; data = "y"; }; }',
  ],
  [
    'with hm.dag; entriesBefore "t" ["q"] ["x" "y"]',
    '{ t-0 = { after = [ ]; before = [ ]; data = "x"; }; t-1 = { after = [ "t-0" ]; before = [ "q" ]; data = "y"; }; }',
  ],
  [
    'with hm.dag; hm.dag.map (n: v: n + v) { a = entryAnywhere "1"; b = entryAfter ["a"] "2"; }',
    '{ a = { after = [ ]; before = [ ]; data = "a1"; }; b = { after = [ "a" ]; before = [ ]; data = "b2"; }; }',
  ],
  [
    "with hm.dag; [ (isEntry (entryAnywhere 1)) (isEntry {}) (isEntry 1) (isDag {}) (isDag { a = entryAnywhere 1; }) (isDag { a = 1; }) (isDag 1) empty ]",
    "[ true false false true true false false { } ]",
  ],
  [
    'with hm.dag; topoSort (builtins.listToAttrs (builtins.genList (i: { name = "n${toString i}"; value = entryAfter [ "n${toString (i + 1)}" ] i; }) 30))',
    '{ result = [ { data = 29; name = "n29"; } { data = 28; name = "n28"; } { data = 27; name = "n27"; } { data = 26; name = "n26"; } { data = 25; name = "n25"; } { data = 24; name = "n24"; } { data = 23; name = "n23"; } { data = 22; name = "n22"; } { data = 21; name = "n21"; } { data = 20; name = "n20"; } { data = 19; name = "n19"; } { data = 18; name = "n18"; } { data = 17; name = "n17"; } { data = 16; name = "n16"; } { data = 15; name = "n15"; } { data = 14; name = "n14"; } { data = 13; name = "n13"; } { data = 12; name = "n12"; } { data = 11; name = "n11"; } { data = 10; name = "n10"; } { data = 9; name = "n9"; } { data = 8; name = "n8"; } { data = 7; name = "n7"; } { data = 6; name = "n6"; } { data = 5; name = "n5"; } { data = 4; name = "n4"; } { data = 3; name = "n3"; } { data = 2; name = "n2"; } { data = 1; name = "n1"; } { data = 0; name = "n0"; } ]; }',
  ],
  [
    'with hm.dag; topoSort (builtins.listToAttrs (builtins.genList (i: { name = "n${toString (builtins.div (i * 7919) 13)}"; value = entryBetween [ "n${toString (i * 3)}" ] [ "n${toString (i * 5)}" ] i; }) 40))',
    '{ result = [ { data = 0; name = "n0"; } { data = 17; name = "n10355"; } { data = 18; name = "n10964"; } { data = 19; name = "n11573"; } { data = 2; name = "n1218"; } { data = 20; name = "n12183"; } { data = 21; name = "n12792"; } { data = 22; name = "n13401"; } { data = 23; name = "n14010"; } { data = 24; name = "n14619"; } { data = 25; name = "n15228"; } { data = 26; name = "n15838"; } { data = 27; name = "n16447"; } { data = 28; name = "n17056"; } { data = 29; name = "n17665"; } { data = 3; name = "n1827"; } { data = 30; name = "n18274"; } { data = 31; name = "n18883"; } { data = 32; name = "n19492"; } { data = 33; name = "n20102"; } { data = 34; name = "n20711"; } { data = 35; name = "n21320"; } { data = 36; name = "n21929"; } { data = 37; name = "n22538"; } { data = 38; name = "n23147"; } { data = 39; name = "n23757"; } { data = 4; name = "n2436"; } { data = 5; name = "n3045"; } { data = 6; name = "n3654"; } { data = 7; name = "n4264"; } { data = 8; name = "n4873"; } { data = 9; name = "n5482"; } { data = 1; name = "n609"; } { data = 10; name = "n6091"; } { data = 11; name = "n6700"; } { data = 12; name = "n7309"; } { data = 13; name = "n7919"; } { data = 14; name = "n8528"; } { data = 15; name = "n9137"; } { data = 16; name = "n9746"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { a = entryAfter ["c"] 1; b = entryAfter ["a"] 2; c = entryAfter ["b"] 3; d = entryAnywhere 4; }',
    '{ cycle = [ { after = [ "c" ]; data = 1; name = "a"; } { after = [ "b" ]; data = 3; name = "c"; } { after = [ "a" ]; data = 2; name = "b"; } ]; loops = [ «repeated» ]; }',
  ],
  ['(hm.dag.entryAnywhere (throw "lazy")) ? data', "true"],
  ['builtins.length (hm.dag.topoSort { a = throw "lazy"; }).result', "1"],
  ['builtins.length (hm.dag.topoSort { a = hm.dag.entryAnywhere (throw "lazy"); b = hm.dag.entryAfter [ "a" ] 2; }).result', "2"],
  [
    'map (e: e.name) (hm.dag.topoSort { a = hm.dag.entryAnywhere (throw "lazy"); b = hm.dag.entryBefore [ "a" ] 2; }).result',
    '[ "b" "a" ]',
  ],
  ["hm.dag.topoSort { a = 1; b = 2; }", { error: "expected a set but found an integer: 1" }], // Nix 2.8: "value is an integer while a set was expected"
  ['(hm.dag.entriesBetween "t" [ ] [ ] (throw "x")) ? x', { error: "x" }],
  ['hm.dag.entriesBetween "t" [ ] [ ] 1', { error: "expected a list but found an integer: 1" }], // Nix 2.8: "value is an integer while a list was expected"
  [
    'with hm.dag; topoSort { e12 = entryBetween [  ] [  ] 0; u1 = entryBetween [  ] [  ] 1; c17 = entryBetween [  ] [  ] 2; d11 = entryBetween [  ] [  ] 3; s1 = entryBetween [  ] [  ] 4; q6 = entryBetween [  ] [ "c17" "u1" ] 5; b2 = entryBetween [  ] [  ] 6; n13 = entryBetween [  ] [  ] 7; }',
    '{ result = [ { data = 6; name = "b2"; } { data = 2; name = "c17"; } { data = 3; name = "d11"; } { data = 0; name = "e12"; } { data = 7; name = "n13"; } { data = 1; name = "u1"; } { data = 5; name = "q6"; } { data = 4; name = "s1"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { n10 = entryBetween [ "o11" ] [  ] 0; o18 = entryBetween [ "c18" ] [  ] 1; o11 = entryBetween [  ] [ "o18" "p10" ] 2; j7 = entryBetween [ "w7" "x14" ] [  ] 3; z5 = entryBetween [  ] [ "o18" ] 4; w7 = entryBetween [  ] [  ] 5; c18 = entryBetween [ "z5" "x14" ] [  ] 6; j16 = entryBetween [  ] [  ] 7; p10 = entryBetween [ "w7" ] [ "j19" ] 8; x14 = entryBetween [  ] [  ] 9; j19 = entryBetween [  ] [ "o11" ] 10; }',
    '{ cycle = [ { after = [ "o18" "p10" "n10" ]; data = 2; name = "o11"; } { after = [ "j19" ]; data = 8; name = "p10"; } { after = [ "o11" ]; data = 10; name = "j19"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { m15 = entryBetween [  ] [  ] 0; c5 = entryBetween [  ] [ "o12" "e13" ] 1; o12 = entryBetween [  ] [ "w13" ] 2; r8 = entryBetween [  ] [  ] 3; e13 = entryBetween [  ] [  ] 4; w13 = entryBetween [ "c5" ] [ "missing" "l12" ] 5; l12 = entryBetween [  ] [ "m15" ] 6; h4 = entryBetween [  ] [  ] 7; }',
    '{ result = [ { data = 4; name = "e13"; } { data = 0; name = "m15"; } { data = 6; name = "l12"; } { data = 5; name = "w13"; } { data = 2; name = "o12"; } { data = 1; name = "c5"; } { data = 7; name = "h4"; } { data = 3; name = "r8"; } ]; }',
  ],
  [
    "with hm.dag; topoSort { a18 = entryBetween [  ] [  ] 0; e17 = entryBetween [  ] [  ] 1; d11 = entryBetween [  ] [  ] 2; t0 = entryBetween [  ] [  ] 3; }",
    '{ result = [ { data = 0; name = "a18"; } { data = 2; name = "d11"; } { data = 1; name = "e17"; } { data = 3; name = "t0"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { j2 = entryBetween [  ] [ "e3" "p5" ] 0; e3 = entryBetween [  ] [  ] 1; x10 = entryBetween [  ] [ "q0" "x8" ] 2; x8 = entryBetween [  ] [  ] 3; p5 = entryBetween [  ] [  ] 4; q0 = entryBetween [ "l4" "q0" ] [  ] 5; g16 = entryBetween [  ] [  ] 6; l4 = entryBetween [  ] [  ] 7; w17 = entryBetween [  ] [ "q0" "l4" ] 8; a16 = entryBetween [ "e3" ] [  ] 9; }',
    '{ result = [ { data = 9; name = "a16"; } { data = 1; name = "e3"; } { data = 6; name = "g16"; } { data = 4; name = "p5"; } { data = 0; name = "j2"; } { data = 5; name = "q0"; } { data = 7; name = "l4"; } { data = 8; name = "w17"; } { data = 3; name = "x8"; } { data = 2; name = "x10"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { d7 = entryBetween [ "p20" ] [ "d7" "p20" ] 0; p6 = entryBetween [  ] [  ] 1; k6 = entryBetween [  ] [ "k6" "d7" ] 2; p19 = entryBetween [ "p20" ] [  ] 3; t0 = entryBetween [  ] [  ] 4; p20 = entryBetween [ "p19" "p6" ] [  ] 5; }',
    '{ cycle = [ { after = [ "d7" "p20" ]; data = 0; name = "d7"; } { after = [ "d7" "p19" ]; data = 5; name = "p20"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { t15 = entryBetween [  ] [  ] 0; v11 = entryBetween [ "z20" "x4" ] [  ] 1; e17 = entryBetween [  ] [  ] 2; r4 = entryBetween [ "x4" ] [ "e17" ] 3; a0 = entryBetween [  ] [  ] 4; z20 = entryBetween [  ] [  ] 5; d16 = entryBetween [ "n6" "j16" ] [ "v11" ] 6; x4 = entryBetween [  ] [  ] 7; n6 = entryBetween [  ] [  ] 8; g0 = entryBetween [  ] [ "t15" "v11" ] 9; i6 = entryBetween [  ] [  ] 10; j16 = entryBetween [  ] [ "a0" "x4" ] 11; }',
    '{ result = [ { data = 4; name = "a0"; } { data = 1; name = "v11"; } { data = 6; name = "d16"; } { data = 2; name = "e17"; } { data = 0; name = "t15"; } { data = 9; name = "g0"; } { data = 10; name = "i6"; } { data = 3; name = "r4"; } { data = 7; name = "x4"; } { data = 11; name = "j16"; } { data = 8; name = "n6"; } { data = 5; name = "z20"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { q7 = entryBetween [  ] [  ] 0; w16 = entryBetween [  ] [ "missing" "d12" ] 1; i17 = entryBetween [  ] [  ] 2; g14 = entryBetween [  ] [ "i17" ] 3; e13 = entryBetween [ "n2" ] [  ] 4; d12 = entryBetween [  ] [ "g14" ] 5; o10 = entryBetween [ "c7" "g9" ] [  ] 6; c7 = entryBetween [ "g9" "e13" ] [  ] 7; n2 = entryBetween [  ] [  ] 8; g9 = entryBetween [ "e13" ] [  ] 9; }',
    '{ result = [ { data = 6; name = "o10"; } { data = 7; name = "c7"; } { data = 2; name = "i17"; } { data = 3; name = "g14"; } { data = 5; name = "d12"; } { data = 9; name = "g9"; } { data = 4; name = "e13"; } { data = 8; name = "n2"; } { data = 0; name = "q7"; } { data = 1; name = "w16"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { y5 = entryBetween [ "y5" ] [ "missing" "n8" ] 0; i4 = entryBetween [  ] [  ] 1; n8 = entryBetween [  ] [  ] 2; }',
    '{ result = [ { data = 1; name = "i4"; } { data = 2; name = "n8"; } { data = 0; name = "y5"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { c19 = entryBetween [  ] [  ] 0; h2 = entryBetween [ "n8" ] [  ] 1; i3 = entryBetween [ "n8" ] [  ] 2; o0 = entryBetween [  ] [  ] 3; k17 = entryBetween [  ] [  ] 4; n8 = entryBetween [  ] [  ] 5; t4 = entryBetween [  ] [ "h2" ] 6; }',
    '{ result = [ { data = 0; name = "c19"; } { data = 1; name = "h2"; } { data = 2; name = "i3"; } { data = 4; name = "k17"; } { data = 5; name = "n8"; } { data = 3; name = "o0"; } { data = 6; name = "t4"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { n15 = entryBetween [ "x8" "h10" ] [  ] 0; r12 = entryBetween [  ] [ "h10" "n15" ] 1; q9 = entryBetween [ "e0" ] [ "n15" ] 2; w6 = entryBetween [  ] [  ] 3; h10 = entryBetween [ "r12" ] [ "q9" ] 4; g20 = entryBetween [  ] [ "x8" "w6" ] 5; e12 = entryBetween [ "n15" "e12" ] [  ] 6; l1 = entryBetween [ "e0" "q9" ] [ "x8" ] 7; e0 = entryBetween [  ] [  ] 8; c20 = entryBetween [ "n5" ] [  ] 9; x8 = entryBetween [ "c20" "x8" ] [  ] 10; n5 = entryBetween [  ] [ "e0" "x8" ] 11; b2 = entryBetween [  ] [  ] 12; }',
    '{ result = [ { data = 12; name = "b2"; } { data = 6; name = "e12"; } { data = 0; name = "n15"; } { data = 10; name = "x8"; } { data = 9; name = "c20"; } { data = 7; name = "l1"; } { data = 2; name = "q9"; } { data = 8; name = "e0"; } { data = 3; name = "w6"; } { data = 5; name = "g20"; } { data = 4; name = "h10"; } { data = 11; name = "n5"; } { data = 1; name = "r12"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { y16 = entryBetween [  ] [  ] 0; s0 = entryBetween [  ] [  ] 1; v18 = entryBetween [  ] [ "m14" "s0" ] 2; z20 = entryBetween [  ] [ "l3" "h2" ] 3; h2 = entryBetween [  ] [  ] 4; a1 = entryBetween [  ] [ "l3" "missing" ] 5; e20 = entryBetween [  ] [ "h2" "y16" ] 6; l3 = entryBetween [  ] [  ] 7; m14 = entryBetween [  ] [ "missing" "h2" ] 8; r1 = entryBetween [  ] [ "y16" ] 9; u0 = entryBetween [  ] [  ] 10; }',
    '{ result = [ { data = 7; name = "l3"; } { data = 5; name = "a1"; } { data = 4; name = "h2"; } { data = 0; name = "y16"; } { data = 6; name = "e20"; } { data = 8; name = "m14"; } { data = 9; name = "r1"; } { data = 1; name = "s0"; } { data = 10; name = "u0"; } { data = 2; name = "v18"; } { data = 3; name = "z20"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { p9 = entryBetween [  ] [  ] 0; w16 = entryBetween [  ] [  ] 1; j14 = entryBetween [  ] [  ] 2; o14 = entryBetween [ "j2" ] [  ] 3; y3 = entryBetween [  ] [  ] 4; r6 = entryBetween [  ] [  ] 5; j2 = entryBetween [  ] [  ] 6; p0 = entryBetween [  ] [  ] 7; c16 = entryBetween [  ] [ "j2" ] 8; o8 = entryBetween [  ] [  ] 9; m6 = entryBetween [  ] [ "w16" ] 10; g2 = entryBetween [  ] [  ] 11; }',
    '{ result = [ { data = 3; name = "o14"; } { data = 6; name = "j2"; } { data = 8; name = "c16"; } { data = 11; name = "g2"; } { data = 2; name = "j14"; } { data = 1; name = "w16"; } { data = 10; name = "m6"; } { data = 9; name = "o8"; } { data = 7; name = "p0"; } { data = 0; name = "p9"; } { data = 5; name = "r6"; } { data = 4; name = "y3"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { i3 = entryBetween [  ] [ "missing" ] 0; b9 = entryBetween [  ] [ "missing" ] 1; u4 = entryBetween [  ] [  ] 2; }',
    '{ result = [ { data = 1; name = "b9"; } { data = 0; name = "i3"; } { data = 2; name = "u4"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { r6 = entryBetween [  ] [ "j9" "y4" ] 0; x2 = entryBetween [  ] [ "f15" ] 1; b13 = entryBetween [ "f15" ] [ "b13" "x2" ] 2; o19 = entryBetween [  ] [ "r4" ] 3; y4 = entryBetween [ "f15" ] [  ] 4; u9 = entryBetween [ "o19" "r6" ] [  ] 5; p1 = entryBetween [  ] [  ] 6; r4 = entryBetween [  ] [ "o19" "p1" ] 7; f15 = entryBetween [  ] [ "u9" "b13" ] 8; n10 = entryBetween [  ] [  ] 9; j9 = entryBetween [  ] [ "r4" "p1" ] 10; }',
    '{ cycle = [ { after = [ "b13" "x2" ]; data = 2; name = "b13"; } { after = [ "f15" ]; data = 1; name = "x2"; } { after = [ "u9" "b13" "b13" "y4" ]; data = 8; name = "f15"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { e1 = entryBetween [  ] [ "missing" ] 0; n15 = entryBetween [  ] [  ] 1; s15 = entryBetween [  ] [ "e1" ] 2; }',
    '{ result = [ { data = 0; name = "e1"; } { data = 1; name = "n15"; } { data = 2; name = "s15"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { c17 = entryBetween [  ] [ "u13" ] 0; y1 = entryBetween [  ] [ "h18" ] 1; a4 = entryBetween [ "h18" ] [ "b20" "i16" ] 2; h18 = entryBetween [  ] [  ] 3; b20 = entryBetween [  ] [ "missing" ] 4; w9 = entryBetween [  ] [ "missing" "e20" ] 5; e20 = entryBetween [  ] [  ] 6; i16 = entryBetween [  ] [  ] 7; u13 = entryBetween [ "h18" ] [  ] 8; w3 = entryBetween [ "h18" ] [ "u13" ] 9; }',
    '{ result = [ { data = 4; name = "b20"; } { data = 7; name = "i16"; } { data = 2; name = "a4"; } { data = 8; name = "u13"; } { data = 0; name = "c17"; } { data = 6; name = "e20"; } { data = 9; name = "w3"; } { data = 3; name = "h18"; } { data = 5; name = "w9"; } { data = 1; name = "y1"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { y6 = entryBetween [ "y6" ] [ "y6" "d19" ] 0; h14 = entryBetween [  ] [ "h8" "y9" ] 1; h8 = entryBetween [  ] [ "p19" ] 2; y9 = entryBetween [  ] [  ] 3; d19 = entryBetween [  ] [  ] 4; p19 = entryBetween [ "y9" "h8" ] [ "y6" ] 5; f7 = entryBetween [  ] [  ] 6; }',
    '{ result = [ { data = 4; name = "d19"; } { data = 6; name = "f7"; } { data = 0; name = "y6"; } { data = 5; name = "p19"; } { data = 2; name = "h8"; } { data = 3; name = "y9"; } { data = 1; name = "h14"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { a2 = entryBetween [ "l13" ] [  ] 0; i2 = entryBetween [  ] [  ] 1; l13 = entryBetween [  ] [ "i2" ] 2; d17 = entryBetween [  ] [ "a2" ] 3; }',
    '{ result = [ { data = 0; name = "a2"; } { data = 3; name = "d17"; } { data = 1; name = "i2"; } { data = 2; name = "l13"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { z20 = entryBetween [  ] [  ] 0; y12 = entryBetween [  ] [ "b12" ] 1; b12 = entryBetween [ "i6" "b12" ] [  ] 2; b14 = entryBetween [ "c1" "z20" ] [  ] 3; c1 = entryBetween [ "b14" "i6" ] [  ] 4; i6 = entryBetween [  ] [  ] 5; }',
    '{ cycle = [ { after = [ "c1" ]; data = 3; name = "b14"; } { after = [ "b14" ]; data = 4; name = "c1"; } ]; loops = [ «repeated» ]; }',
  ],
  [
    'with hm.dag; topoSort { e15 = entryBetween [  ] [  ] 0; f0 = entryBetween [  ] [  ] 1; z9 = entryBetween [  ] [  ] 2; w4 = entryBetween [  ] [  ] 3; t7 = entryBetween [ "z19" ] [  ] 4; k10 = entryBetween [  ] [  ] 5; o11 = entryBetween [  ] [  ] 6; z19 = entryBetween [  ] [  ] 7; c16 = entryBetween [  ] [  ] 8; g12 = entryBetween [ "t7" ] [  ] 9; }',
    '{ result = [ { data = 8; name = "c16"; } { data = 0; name = "e15"; } { data = 1; name = "f0"; } { data = 9; name = "g12"; } { data = 5; name = "k10"; } { data = 6; name = "o11"; } { data = 4; name = "t7"; } { data = 3; name = "w4"; } { data = 7; name = "z19"; } { data = 2; name = "z9"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { s8 = entryBetween [  ] [  ] 0; l8 = entryBetween [  ] [  ] 1; x8 = entryBetween [  ] [  ] 2; g14 = entryBetween [ "e9" ] [ "s8" ] 3; h5 = entryBetween [  ] [  ] 4; h7 = entryBetween [  ] [  ] 5; e9 = entryBetween [  ] [  ] 6; }',
    '{ result = [ { data = 0; name = "s8"; } { data = 3; name = "g14"; } { data = 6; name = "e9"; } { data = 4; name = "h5"; } { data = 5; name = "h7"; } { data = 1; name = "l8"; } { data = 2; name = "x8"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { q5 = entryBetween [  ] [ "q5" ] 0; o19 = entryBetween [  ] [  ] 1; i0 = entryBetween [  ] [  ] 2; d20 = entryBetween [ "k4" ] [ "t19" "o19" ] 3; t19 = entryBetween [  ] [  ] 4; l6 = entryBetween [ "o19" "l6" ] [  ] 5; b11 = entryBetween [  ] [ "t19" "b11" ] 6; k4 = entryBetween [  ] [  ] 7; }',
    '{ result = [ { data = 4; name = "t19"; } { data = 6; name = "b11"; } { data = 5; name = "l6"; } { data = 1; name = "o19"; } { data = 3; name = "d20"; } { data = 2; name = "i0"; } { data = 7; name = "k4"; } { data = 0; name = "q5"; } ]; }',
  ],
  [
    'with hm.dag; topoSort { j18 = entryBetween [  ] [  ] 0; l13 = entryBetween [ "j18" ] [  ] 1; n0 = entryBetween [  ] [  ] 2; }',
    '{ result = [ { data = 1; name = "l13"; } { data = 0; name = "j18"; } { data = 2; name = "n0"; } ]; }',
  ],
];

describe("lib.hm.dag", () => table(CASES));
