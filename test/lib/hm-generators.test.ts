/**
 * `lib.hm.generators`: `toKDL`, `toSCFG`, `toHyprconf`, the DAG-ordered
 * renderers and the `mkDAGOrdered*Format` wrappers (with a stub `pkgs` whose
 * `runCommandLocal` returns the rendered text), plus Home Manager's own
 * generator fixtures (tests/lib/generators). Expected texts are real Nix 2.8
 * output for Home Manager's lib.
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'hm.generators.toKDL {} { a = 1; b = "string"; c = "multi\\nline \\t \\" \\\\"; flat = [ 1 2 "asdf" true null ]; big = [ 23847590283751 1.239 null ]; nested = [ [1 2] [true false] [] [null] ]; dup._children = [ { child = [2]; } { child = [1]; } ]; _children = [ { root = [2]; } { root = [1]; } ]; extra = { _args = [2 true]; _props = { arg1 = 1; arg2 = false; }; nested = { a = 1; b = null; }; }; ap = { _args = [1 2]; _props.a = 3; }; lil = { list1 = [ { a = 1; } { b = true; } { c = null; d = [ { e = "x"; } ]; } ]; list2 = [ { a = 8; } ]; }; empty = {}; emptyList = []; }',
    '"root 2\\nroot 1\\na 1\\nap 1 2 a=3\\nb \\"string\\"\\nbig 23847590283751 1.239000 null\\nc \\"multi\\\\nline \\t \\\\\\" \\\\\\"\\ndup {\\n\\tchild 2\\n\\tchild 1\\n}\\nempty\\nemptyList \\nextra 2 true arg1=1 arg2=false {\\n\\tnested {\\n\\t\\ta 1\\n\\t\\tb null\\n\\t}\\n}\\nflat 1 2 \\"asdf\\" true null\\nlil {\\n\\tlist1 {\\n\\t\\t- {\\n\\t\\t\\ta 1\\n\\t\\t}\\n\\t\\t- {\\n\\t\\t\\tb true\\n\\t\\t}\\n\\t\\t- {\\n\\t\\t\\tc null\\n\\t\\t\\td {\\n\\t\\t\\t\\t- {\\n\\t\\t\\t\\t\\te \\"x\\"\\n\\t\\t\\t\\t}\\n\\t\\t\\t}\\n\\t\\t}\\n\\t}\\n\\tlist2 {\\n\\t\\t- {\\n\\t\\t\\ta 8\\n\\t\\t}\\n\\t}\\n}\\nnested {\\n\\t- 1 2\\n\\t- true false\\n\\t- \\n\\t- null\\n}\\n"',
  ],
  [
    'hm.generators.toKDL { escapeBackslashes = true; escapeTabs = true; } { c = "multi\\nline \\t \\" \\\\"; }',
    '"c \\"multi\\\\nline \\\\t \\\\\\" \\\\\\\\\\"\\n"',
  ],
  ['hm.generators.toKDL { escapeTabs = true; } { c = "multi\\nline \\t \\" \\\\"; }', '"c \\"multi\\\\nline \\\\t \\\\\\" \\\\\\"\\n"'],
  ["hm.generators.toKDL {} { }", '"\\n"'],
  ["hm.generators.toKDL {} { a = { }; }", '"a\\n"'],
  ["hm.generators.toKDL {} { a = x: x; }", { error: "cannot coerce a function to a string: «lambda a @ «string»:1:39»" }], // Nix 2.8: "cannot coerce a function to a string"
  ["hm.generators.toKDL {} { a = [ { b = 1; } 2 ]; }", '"a {\\n\\t- {\\n\\t\\tb 1\\n\\t}\\n\\t- 2\\n}\\n"'],
  ["hm.generators.toKDL {} { a = [ (x: x) ]; }", { error: "Cannot convert value of type lambda to KDL literal." }],
  [
    'hm.generators.toSCFG {} [ { name = "dir"; children = [ { name = "blk1"; params = [ "p1" "\\"p2\\"" ]; children = [ { name = "sub1"; params = [ "arg11" "arg12" ]; } { name = "sub3"; params = [ 1 2.5 true false ]; children = [ { name = "sub sub1"; } { name = "sub-sub2"; params = [ "" "a\'b" "{" ]; } ]; } ]; } ]; } ]',
    '"dir {\\n\\tblk1 p1 \\"\\\\\\"p2\\\\\\"\\" {\\n\\t\\tsub1 arg11 arg12\\n\\t\\tsub3 1 2.500000 true false {\\n\\t\\t\\t\\"sub sub1\\"\\n\\t\\t\\tsub-sub2 \\"\\" \\"a\'b\\" \\"{\\"\\n\\t\\t}\\n\\t}\\n}\\n"',
  ],
  ["hm.generators.toSCFG {} [ ]", '""'],
  [
    'hm.generators.toSCFG {} [ { name = "a"; params = [ null ]; } { name = "b"; params = null; } { name = "c"; children = []; } { name = "d"; params = []; } { name = "e"; children = null; params = [ null ]; } { name = "f"; params = [ null ]; children = []; } ]',
    { error: "Cannot convert value of type null to SCFG literal." },
  ],
  ['hm.generators.toSCFG {} [ { name = ""; } ]', '"\\"\\"\\n"'],
  ['hm.generators.toSCFG {} [ { name = "x"; params = [ null 1 ]; } ]', { error: "Cannot convert value of type null to SCFG literal." }],
  [
    'hm.generators.toHyprconf { attrs = rec { "$important" = 123; list-section = [ "foo" "bar" "baz" ]; attrs-section = { string = "abc"; int = 5; float = 0.8; bool = true; inherit null; }; nested-attrs-section = { a = { b = { c = { abc = 123; }; }; }; foo = { bar = { baz = { aaa = 111; }; }; }; }; nested-list-section = [ { a = 123; } { b = 123; } { c = 123; } ]; combined-list-nested-section = [ nested-attrs-section.a nested-attrs-section.foo ]; combined-attrs-nested-section = { a = nested-list-section; b = nested-list-section; }; list-with-strings-and-attrs = [ "abc" { a = 123; } "foo" { b = 321; } ]; }; }',
    '"$important=123\\nattrs-section {\\n  bool=true\\n  float=0.800000\\n  int=5\\n  null=null\\n  string=abc\\n}\\n\\ncombined-attrs-nested-section {\\n  a {\\n    a=123\\n  }\\n\\n  a {\\n    b=123\\n  }\\n\\n  a {\\n    c=123\\n  }\\n\\n  b {\\n    a=123\\n  }\\n\\n  b {\\n    b=123\\n  }\\n\\n  b {\\n    c=123\\n  }\\n}\\n\\ncombined-list-nested-section {\\n  b {\\n    c {\\n      abc=123\\n    }\\n  }\\n}\\n\\ncombined-list-nested-section {\\n  bar {\\n    baz {\\n      aaa=111\\n    }\\n  }\\n}\\n\\nlist-section=foo\\nlist-section=bar\\nlist-section=baz\\n\\nlist-with-strings-and-attrs=abc\\nlist-with-strings-and-attrs {\\n  a=123\\n}\\nlist-with-strings-and-attrs=foo\\nlist-with-strings-and-attrs {\\n  b=321\\n}\\n\\nnested-attrs-section {\\n  a {\\n    b {\\n      c {\\n        abc=123\\n      }\\n    }\\n  }\\n\\n  foo {\\n    bar {\\n      baz {\\n        aaa=111\\n      }\\n    }\\n  }\\n}\\n\\nnested-list-section {\\n  a=123\\n}\\n\\nnested-list-section {\\n  b=123\\n}\\n\\nnested-list-section {\\n  c=123\\n}\\n"',
  ],
  [
    'hm.generators.toHyprconf { attrs = { "$mod" = "SUPER"; bind = [ "$mod, Q, exec, kitty" "$mod, C, killactive" ]; general = { gaps_in = 5; "$x" = 1; }; "@a" = 2; }; indentLevel = 1; importantPrefixes = [ "$" "@" ]; }',
    '"  $mod=SUPER\\n  @a=2\\n  bind=$mod, Q, exec, kitty\\n  bind=$mod, C, killactive\\n\\n  general {\\n    $x=1\\n    gaps_in=5\\n  }\\n"',
  ],
  ["hm.generators.toHyprconf { attrs = { }; }", '""'],
  [
    'with hm.dag; hm.generators.sortDAGEntries { } { after = entryAfter [ "before" ] "2"; before = "1"; }',
    '[ { name = "before"; value = "1"; } { name = "after"; value = "2"; } ]',
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedAttrs { } { b = entryAfter [ "c" ] "2"; c = "1"; a = entryAnywhere "x"; }',
    '[ { name = "a"; value = { after = [ ]; before = [ ]; data = "x"; }; } { name = "c"; value = "1"; } { name = "b"; value = "2"; } ]',
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedAttrs { } { b = "2"; a = entryAnywhere "x"; }',
    '[ { name = "a"; value = { after = [ ]; before = [ ]; data = "x"; }; } { name = "b"; value = "2"; } ]',
  ],
  [
    'with hm.dag; [ (hm.generators.isDAGEntryWithOrdering (entryAnywhere 1)) (hm.generators.isDAGEntryWithOrdering (entryAfter ["a"] 1)) (hm.generators.isDAGEntryWithOrdering 1) (hm.generators.hasDAGEntryWithOrdering { a = 1; b = entryBefore ["a"] 2; }) (hm.generators.hasDAGEntryWithOrdering { a = 1; }) ]',
    "[ false true false true false ]",
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedKeyValue { } { b = entryAfter [ "c" ] "2"; c = "1"; a = entryBefore ["c"] 3; }',
    '"a=3\\nc=1\\nb=2\\n"',
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedKeyValue { listsAsDuplicateKeys = true; indent = "  "; } { b = entryAfter [ "c" ] [ 1 2 ]; c = "1"; }',
    '"  c=1\\n  b=1\\n  b=2\\n"',
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedKeyValue { listToValue = lib.concatMapStringsSep "," toString; } { b = entryAfter [ "c" ] [ 1 2 ]; c = "1"; }',
    '"c=1\\nb=1,2\\n"',
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedINI { } { s2 = entryAfter [ "s1" ] { x = 1; y = entryBefore [ "x" ] true; }; s1 = { a = "b"; }; "a[b]" = { }; }',
    '"[a\\\\[b\\\\]]\\n\\n[s1]\\na=b\\n\\n[s2]\\ny=true\\nx=1\\n"',
  ],
  [
    "with hm.dag; hm.generators.toDAGOrderedINI { listsAsDuplicateKeys = true; listToValue = toString; } { }",
    { error: "assertion '(listsAsDuplicateKeys -> (listToValue == null))' failed" },
  ],
  [
    'with hm.dag; hm.generators.sortDAGEntries { cycleErrorMessage = "boom"; } { a = entryAfter ["b"] 1; b = entryAfter ["a"] 2; }',
    {
      error:
        'evaluation aborted with the following error message: \'boom: {"cycle":[{"after":["b"],"data":1,"name":"a"},{"after":["a"],"data":2,"name":"b"}],"loops":[{"after":["b"],"data":1,"name":"a"}]}\'',
    },
  ],
  [
    'with hm.dag; hm.generators.toDAGOrderedText { renderAttrs = es: "{" + lib.concatMapStringsSep ";" (e: e.name + "=" + e.value) es + "}"; renderList = vs: "[" + lib.concatStringsSep "," vs + "]"; renderValue = builtins.toJSON; } { z = { b = entryAfter [ "a" ] 1; a = [ 1 { y = 2; x = entryBefore ["y"] 3; } ]; }; p = derivation { name = "p"; builder = "b"; system = "s"; }; }',
    '"{p=\\"/nix/store/4616jg16l232iwi2w26dszy0h552014w-p\\";z={a=[1,{x=3;y=2}];b=1}}"',
  ],
  [
    'lib.concatMapStringsSep "\\n" (entry: "${entry.name}=${entry.value}") (hm.generators.toDAGOrderedAttrs { } { after = hm.dag.entryAfter [ "before" ] "2"; before = "1"; }) + "\\n"',
    '"before=1\\nafter=2\\n"',
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: a.value; formats = { json = _: { }; ini = _: { }; keyValue = _: { }; }; buildPackages.jq = null; }; in (hm.generators.mkDAGOrderedJsonFormat { inherit pkgs; }).generate "dag-ordered-format.json" { ordered = { after = hm.dag.entryAfter [ "before" "plainDagEntryShape" ] { nested = { after = hm.dag.entryAfter [ "before" ] 2; before = 1; }; }; before = "ask"; plainDagEntryShape = { data.keep = true; after = [ ]; before = [ ]; }; }; }',
    '"{\\"ordered\\":{\\"before\\":\\"ask\\",\\"plainDagEntryShape\\":{\\"after\\":[],\\"before\\":[],\\"data\\":{\\"keep\\":true}},\\"after\\":{\\"nested\\":{\\"before\\":1,\\"after\\":2}}}}"',
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: a.value; formats = { json = _: { }; ini = _: { }; keyValue = _: { }; }; }; in (hm.generators.mkDAGOrderedIniFormat { inherit pkgs; }).generate "dag-ordered-format.ini" { aa = hm.dag.entryAfter [ "zz" ] { bb = hm.dag.entryAfter [ "cc" ] "2"; cc = "1"; }; zz = { value = "ask"; }; }',
    '"[zz]\\nvalue=ask\\n\\n[aa]\\ncc=1\\nbb=2\\n"',
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: a.value; formats = { json = _: { }; ini = _: { }; keyValue = _: { }; }; }; in (hm.generators.mkDAGOrderedKeyValueFormat { inherit pkgs; }).generate "dag-ordered-key-value.conf" { aa = hm.dag.entryAfter [ "zz" ] "2"; zz = "1"; }',
    '"zz=1\\naa=2\\n"',
  ],
  ["hm.generators.toSCFG { } [ ]", '""'],
  ['hm.generators.toSCFG { } { "" = [ ]; }', { error: 'expected a list but found a set: { "" = «thunk»; }' }], // Nix 2.8: "value is a set while a list was expected"
  [
    'let pkgs = { runCommandLocal = name: a: cmd: { inherit name a cmd; }; formats = { json = o: { t = "json"; inherit o; }; yaml = o: { t = "yaml"; }; toml = o: { t = "toml"; }; ini = o: { t = "ini"; inherit o; }; keyValue = o: { t = "kv"; inherit o; }; }; buildPackages = { jq = "JQ"; remarshal = "RM"; }; }; in with hm.dag; map (f: (f { inherit pkgs; }).generate "out.x" { b = entryAfter [ "a" ] { y = 1; x = entryBefore [ "y" ] [ 1 { q = 2; } ]; }; a = "s"; }) [ hm.generators.mkDAGOrderedJsonFormat hm.generators.mkDAGOrderedYamlFormat hm.generators.mkDAGOrderedTomlFormat ]',
    '[ { a = { nativeBuildInputs = [ "JQ" ]; passAsFile = [ "value" ]; value = "{\\"a\\":\\"s\\",\\"b\\":{\\"x\\":[1,{\\"q\\":2}],\\"y\\":1}}"; }; cmd = "jq . \\"$valuePath\\" > \\"$out\\"\\n"; name = "out.x"; } { a = { nativeBuildInputs = [ "RM" ]; passAsFile = [ "value" ]; value = "{\\"a\\":\\"s\\",\\"b\\":{\\"x\\":[1,{\\"q\\":2}],\\"y\\":1}}"; }; cmd = "json2yaml \\"$valuePath\\" \\"$out\\"\\n"; name = "out.x"; } { a = { nativeBuildInputs = [ "RM" ]; passAsFile = [ "value" ]; value = "{\\"a\\":\\"s\\",\\"b\\":{\\"x\\":[1,{\\"q\\":2}],\\"y\\":1}}"; }; cmd = "json2toml \\"$valuePath\\" \\"$out\\"\\n"; name = "out.x"; } ]',
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: { inherit name a cmd; }; formats = { ini = o: { t = "ini"; inherit o; }; keyValue = o: { t = "kv"; inherit o; }; }; }; in with hm.dag; [ ((hm.generators.mkDAGOrderedIniFormat { inherit pkgs; cycleErrorMessage = "cyc"; }).generate "a.ini" { s2 = entryAfter [ "s1" ] { k = 1; }; s1 = { j = [ 1 2 ]; }; }) ((hm.generators.mkDAGOrderedKeyValueFormat { inherit pkgs; listsAsDuplicateKeys = true; }).generate "kv" { b = entryAfter [ "a" ] [ 1 2 ]; a = true; }) ((hm.generators.mkDAGOrderedIniFormat { inherit pkgs; }) // { generate = null; }) ]',
    { error: "evaluation aborted with the following error message: 'generators.mkValueStringDefault: lists not supported: [" },
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: { inherit name a cmd; }; }; in (hm.generators.mkDAGOrderedFormat { inherit pkgs; format = { x = 1; }; generator = { cycleErrorMessage }: v: cycleErrorMessage + builtins.toJSON v; }).generate "nm" { a = 1; }',
    '{ a = { nativeBuildInputs = [ ]; passAsFile = [ "value" ]; value = "Dependency cycle in nm{\\"a\\":1}"; }; cmd = "cp \\"$valuePath\\" \\"$out\\"\\n"; name = "nm"; }',
  ],
  [
    'let pkgs = { runCommandLocal = name: a: cmd: { inherit name a cmd; }; }; in with hm.dag; builtins.tryEval ((hm.generators.mkDAGOrderedJsonFormat { inherit pkgs; jsonFormat = {}; }).generate "nm" { a = entryAfter ["b"] 1; b = entryAfter ["a"] 1; }).a.value',
    {
      error:
        'evaluation aborted with the following error message: \'Dependency cycle in nm: {"cycle":[{"after":["b"],"data":1,"name":"a"},{"after":["a"],"data":1,"name":"b"}],"loops":[{"after":["b"],"data":1,"name":"a"}]}\'',
    },
  ],
];

describe("lib.hm.generators", () => table(CASES));
