/**
 * `lib.hm.types` inside `lib.evalModules`: `dagOf` (merging of entries, plain
 * values, `mkBefore`/`mkAfter` inside entries, `dagName` for submodules, sub-
 * options for documentation), `gvariant` (Home Manager's gvariant-merge test
 * and its conflict errors), `selectorFunction`, `overlayFunction`,
 * `fontType`, `nushellValue`, `sourceFile` and `sourceFileOrLines`. Expected
 * texts are real Nix 2.8 output for nixpkgs' lib with Home Manager's.
 */
import { describe } from "node:test";
import { hasModuleSystem, table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'let inherit (lib) mkIf mkMerge mkBefore mkAfter mkOption types; dag = hm.dag; cfg = (lib.evalModules { modules = [ { options.tested.dag = mkOption { type = hm.types.dagOf types.commas; }; config.tested.dag = mkMerge [ (mkIf false { never = "never"; }) { never2 = mkIf false "never2"; } { after = mkMerge [ "after" (mkIf false "neither") ]; } { before = dag.entryBefore [ "after" ] (mkIf true "before"); } { between = mkIf true (dag.entryBetween [ "after" ] [ "before" ] "between"); } { merged = dag.entryBefore [ "between" ] "middle"; } { merged = mkBefore "left"; } { merged = dag.entryBetween [ "after" ] [ "before" ] (mkAfter "right"); } { merged = dag.entryBefore [ "between" ] "middle"; } (dag.entriesAnywhere "list-anywhere" [ "list-anywhere-0" "list-anywhere-1" "list-anywhere-2" ]) { inside-list = dag.entryAfter [ "list-anywhere-1" ] "inside-list"; } (dag.entriesBefore "list-before" [ "list-anywhere-1" ] [ "list-before-0" "list-before-1" ]) (dag.entriesAfter "list-after" [ "list-before-0" ] [ "list-after-0" "list-after-1" ]) (dag.entriesAnywhere "list-empty" [ ]) { "list-before-0" = mkAfter "sneaky-merge"; } ]; } ]; }).config; in map (e: "${e.name}:${e.data}") (dag.topoSort cfg.tested.dag).result',
    '[ "before:before" "merged:left,middle,middle,right" "between:between" "after:after" "list-anywhere-0:list-anywhere-0" "list-before-0:list-before-0,sneaky-merge" "list-before-1:list-before-1" "list-anywhere-1:list-anywhere-1" "inside-list:inside-list" "list-after-0:list-after-0" "list-after-1:list-after-1" "list-anywhere-2:list-anywhere-2" ]',
  ],
  [
    'let inherit (lib) mkOption types; dag = hm.dag; cfg = (lib.evalModules { modules = [ { options.tested.dag = mkOption { type = hm.types.dagOf (types.submodule ({ dagName, ... }: { options.name = mkOption { type = types.str; }; config.name = "dn-${dagName}"; })); }; config.tested.dag = { after = { }; before = dag.entryBefore [ "after" ] { }; between = dag.entryBetween [ "after" ] [ "before" ] { }; }; } ]; }).config; in map (e: "${e.name}:${e.data.name}") (dag.topoSort cfg.tested.dag).result',
    '[ "before:dn-before" "between:dn-between" "after:dn-after" ]',
  ],
  [
    'let inherit (lib) mkMerge mkOption types; cfg = (lib.evalModules { modules = [ { options.examples = mkOption { type = types.attrsOf hm.types.gvariant; }; config.examples = with hm.gvariant; mkMerge [ { bool = true; } { bool = true; } { float = 3.14; } { int = -42; } { int = -42; } { uint32 = mkUint32 42; } { uint32 = mkUint32 42; } { int16 = mkInt16 (-42); } { int16 = mkInt16 (-42); } { uint16 = mkUint16 42; } { uint16 = mkUint16 42; } { int64 = mkInt64 (-42); } { int64 = mkInt64 (-42); } { uint64 = mkUint64 42; } { uint64 = mkUint64 42; } { array1 = [ "one" ]; } { array1 = mkArray type.string [ "two" ]; } { array2 = mkArray type.uint32 [ 1 ]; } { array2 = mkArray type.uint32 [ 2 ]; } { emptyArray1 = [ ]; } { emptyArray2 = mkEmptyArray type.uint32; } { string = "foo"; } { string = "foo"; } { escapedString = "\'\\\\\\n"; } { tuple = mkTuple [ 1 [ "foo" ] ]; } { maybe1 = mkNothing type.string; } { maybe2 = mkJust (mkUint32 4); } { variant1 = mkVariant "foo"; } { variant2 = mkVariant 42; } { dictionaryEntry = mkDictionaryEntry [ 1 [ "foo" ] ]; } ]; } ]; }).config; in lib.mapAttrsToList (n: v: "${n} = ${toString (hm.gvariant.mkValue v)}") cfg.examples',
    '[ "array1 = @as [\'one\',\'two\']" "array2 = @au [1,2]" "bool = true" "dictionaryEntry = @{ias} {1,@as [\'foo\']}" "emptyArray1 = @as []" "emptyArray2 = @au []" "escapedString = \'\\\\\'\\\\\\\\\\\\n\'" "float = 3.140000" "int = -42" "int16 = @n -42" "int64 = @x -42" "maybe1 = @ms nothing" "maybe2 = just @u 4" "string = \'foo\'" "tuple = @(ias) (1,@as [\'foo\'])" "uint16 = @q 42" "uint32 = @u 42" "uint64 = @t 42" "variant1 = @v <\'foo\'>" "variant2 = @v <42>" ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.x = mkOption { type = hm.types.gvariant; }; config.x = lib.mkMerge [ 1 "s" ]; } ]; }).config.x',
    { error: "Cannot merge definitions of `x' with mismatched GVariant types given in `<unknown-file>' and `<unknown-file>'." },
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.x = mkOption { type = hm.types.gvariant; }; config.x = lib.mkMerge [ "a" "b" ]; } ]; }).config.x',
    { error: "The option `x' has conflicting definition values:" },
  ],
  [
    "let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.x = mkOption { type = hm.types.gvariant; }; config.x = lib.mkMerge [ 1.5 1.5 ]; } ]; }).config.x.value",
    { error: "expected a set but found a float: 1.5" },
  ], // Nix 2.8: "value is a float while a set was expected"
  [
    "let inherit (lib) mkOption types; in toString (lib.evalModules { modules = [ { options.x = mkOption { type = hm.types.gvariant; }; config.x = lib.mkMerge [ (hm.gvariant.mkTuple [ 1 ]) (hm.gvariant.mkTuple [ 1 ]) ]; } ]; }).config.x",
    { error: "The option `x' is defined multiple times while it's expected to be unique." },
  ],
  [
    "let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.x = mkOption { type = hm.types.gvariant; }; config.x = { }; } ]; }).config.x",
    { error: "A definition for option `x' is not of type `GVariant value'. Definition values:" },
  ],
  [
    "[ (hm.types.gvariant.check 1) (hm.types.gvariant.check { }) (hm.types.gvariant.check [ 1 ]) (hm.types.gvariant.check null) hm.types.gvariant.name hm.types.gvariant.description ]",
    '[ true false true false "gvariant" "GVariant value" ]',
  ],
  [
    "let inherit (lib) mkOption types; cfg = (lib.evalModules { modules = [ { options.sel = mkOption { type = hm.types.selectorFunction; }; config.sel = lib.mkMerge [ (as: [ as.a ]) (as: [ as.b as.a ]) ]; } ]; }).config; in cfg.sel { a = 1; b = 2; }",
    "[ 1 2 1 ]",
  ],
  [
    "let inherit (lib) mkOption types; cfg = (lib.evalModules { modules = [ { options.ov = mkOption { type = hm.types.overlayFunction; }; config.ov = lib.mkMerge [ (self: super: { a = super.x + 1; }) (self: super: { b = self.c; a = 10; }) ]; } ]; }).config; in cfg.ov { c = 3; } { x = 1; }",
    "{ a = 10; b = 3; }",
  ],
  [
    "[ hm.types.selectorFunction.name hm.types.selectorFunction.description hm.types.overlayFunction.name hm.types.overlayFunction.description (hm.types.selectorFunction.check (x: x)) (hm.types.overlayFunction.check 1) ]",
    '[ "selectorFunction" "Function that takes an attribute set and returns a list containing a selection of the values of the input set" "overlayFunction" "An overlay function, takes self and super and returns an attribute set overriding the desired attributes." true false ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.f = mkOption { type = hm.types.fontType; }; config.f = { name = "DejaVu Sans"; size = 10; }; } ]; }).config.f',
    '{ name = "DejaVu Sans"; package = null; size = 10; }',
  ],
  [
    'let inherit (lib) mkOption types; in builtins.attrNames (hm.types.fontType.getSubOptions [ "f" ])',
    '[ "_module" "name" "package" "size" ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.f = mkOption { type = hm.types.fontType; }; config.f = { name = "x"; size = "big"; }; } ]; }).config.f.size',
    { error: "A definition for option `f.size' is not of type `null or signed integer or floating point number'. Definition values:" },
  ],
  [
    "let inherit (lib) types; in [ (hm.types.dagOf types.str).name (hm.types.dagOf types.str).description (hm.types.dagOf (types.listOf types.int)).description ((hm.types.dagOf types.str).check { }) ((hm.types.dagOf types.str).nestedTypes.elemType.name) (hm.types.dagOf types.str).functor.name (hm.types.dagOf types.str).emptyValue ]",
    '[ "dagOf" "DAG of string" "DAG of list of signed integer" true "str" "dagOf" { value = { }; } ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.d = mkOption { type = hm.types.dagOf types.str; }; config.d = lib.mkMerge [ { a = "x"; } { a = "y"; } ]; } ]; }).config.d.a',
    { error: "The option `d.a.data' has conflicting definition values:" },
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.d = mkOption { type = hm.types.dagOf types.str; }; config.d = lib.mkMerge [ { a = "x"; } { a = "x"; b = hm.dag.entryAfter [ "a" ] "bb"; } ]; } ]; }).config.d',
    '{ a = { after = [ ]; before = [ ]; data = "x"; }; b = { after = [ "a" ]; before = [ ]; data = "bb"; }; }',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.d = mkOption { type = hm.types.dagOf types.lines; }; config.d = lib.mkMerge [ { a = lib.mkAfter "late"; } { a = "x"; } { a = lib.mkBefore "early"; } ]; } ]; }).config.d.a.data',
    '"early\\nx\\nlate"',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.d = mkOption { type = hm.types.dagOf types.int; }; config.d.a = "x"; } ]; }).config.d.a.data',
    { error: "A definition for option `d.a.data' is not of type `signed integer'. Definition values:" },
  ],
  [
    'let inherit (lib) mkOption types; in builtins.attrNames ((hm.types.dagOf (types.submodule { options.x = mkOption { type = types.int; }; })).getSubOptions [ "p" ])',
    '[ "_module" "x" ]',
  ],
  [
    'let inherit (lib) mkOption types; in ((hm.types.dagOf (types.submodule { options.x = mkOption { type = types.int; }; })).getSubOptions [ "p" ]).x.loc',
    '[ "p" "<name>" "x" ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.n = mkOption { type = hm.types.nushellValue; }; config.n = { a = [ 1 "x" true null 1.5 ]; b = hm.nushell.mkNushellInline "ls"; }; } ]; }).config.n',
    '{ a = [ 1 "x" true null 1.5 ]; b = { _type = "nushell-inline"; expr = "ls"; }; }',
  ],
  [
    "let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.n = mkOption { type = hm.types.nushellValue; }; config.n = x: x; } ]; }).config.n",
    {
      error:
        "A definition for option `n' is not of type `null or (Nushell inline value) or boolean or signed integer or floating point number or string or absolute path or (attribute set of Nushell values) or (list of Nushell values)'. Definition values:",
    },
  ],
  [
    "[ hm.types.nushellValue.description hm.types.nushellValue.name ]",
    '[ "null or (Nushell inline value) or boolean or signed integer or floating point number or string or absolute path or (attribute set of Nushell values) or (list of Nushell values)" "nullOr" ]',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.s = mkOption { type = types.attrsOf (hm.types.sourceFileOrLines "/etc/app" "main.conf"); }; config.s = { a = "some text"; b = { text = "t"; }; }; } ]; }).config.s',
    '{ a = { recursive = false; source = null; target = "/etc/app/main.conf"; text = "some text"; }; b = { recursive = false; source = null; target = "/etc/app/main.conf"; text = "t"; }; }',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.s = mkOption { type = hm.types.sourceFile "/etc/app" "main.conf"; }; config.s = { text = "x"; }; } ]; }).config.s',
    '{ recursive = false; source = null; target = "/etc/app/main.conf"; text = "x"; }',
  ],
  [
    'let inherit (lib) mkOption types; in (lib.evalModules { modules = [ { options.s = mkOption { type = hm.types.sourceFileOrLines "/d" "f"; }; config.s = lib.mkMerge [ "a" "b" ]; } ]; }).config.s.text',
    '"b\\na"',
  ],
  [
    '[ (hm.types.sourceFileOrLines "/d" "f").description (hm.types.sourceFile "/d" "f").name ]',
    '[ "strings concatenated with \\"\\\\n\\" or (submodule)" "submodule" ]',
  ],
  ["[ hm.types.SCFGDirectives.name ]", '[ "anything" ]'],
];

describe("lib.hm.types", () => table(CASES, !hasModuleSystem() && "the module system is not available yet"));
