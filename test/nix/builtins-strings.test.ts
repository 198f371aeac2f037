/**
 * Table-driven tests for the string, context and serialisation builtins
 * (strings.ts, context.ts, serial.ts and their helpers regex.ts, versions.ts,
 * json.ts, toml.ts, xml.ts). Each case evaluates an expression as
 * `nix-instantiate --eval --strict -E` would (deep force, then Nix's printer)
 * and compares with the text real Nix printed. Expectations come from Nix 2.8,
 * adjusted where current Nix differs (lazy `replaceStrings` replacements,
 * context builtins' wording, JSON integer range and null bytes, TOML integer
 * overflow, nlohmann float printing in `toJSON`). `@DIR@` stands for the
 * temporary directory the expressions run in (it holds `file.txt`).
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { valueToXML } from "../../src/nix/builtins/xml.js";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { nodeIO } from "../../src/nix/io.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";

const DIR = mkdtempSync(join(tmpdir(), "nix-strings-test-"));
writeFileSync(join(DIR, "file.txt"), "hi\n");

type Expect = string | { error: string } | { errorPrefix: string };
type Case = [string, Expect];

const warnings: string[] = [];

function newState(features: string[] = []): EvalState {
  return new EvalState({ baseDir: DIR, features, io: { ...nodeIO, printErr: (l) => warnings.push(l) } });
}

function run(expr: string, features?: string[]): string {
  const v = newState(features).evalString(expr);
  deepForce(v);
  return printAmbiguous(v);
}

function evalError(expr: string, features?: string[]): NixError {
  try {
    run(expr, features);
  } catch (e) {
    if (e instanceof NixError) return e;
    throw e;
  }
  assert.fail(`expected an error from ${expr}`);
}

function check(expr: string, expected: Expect, features?: string[]): void {
  if (typeof expected === "string") {
    assert.equal(run(expr, features), expected.split("@DIR@").join(DIR));
  } else if ("error" in expected) {
    assert.equal(evalError(expr, features).message, expected.error.split("@DIR@").join(DIR));
  } else {
    const msg = evalError(expr, features).message;
    assert.ok(msg.startsWith(expected.errorPrefix), msg);
  }
}

function table(name: string, cases: Case[], features?: string[]): void {
  describe(name, () => {
    for (const [expr, expected] of cases) test(expr, () => check(expr, expected, features));
  });
}

const STRINGS: Case[] = [
  ['builtins.substring 1 2 "foobar"', '"oo"'],
  ['builtins.substring 0 100 "foobar"', '"foobar"'],
  ['builtins.substring 3 (-1) "tebbad"', '"bad"'],
  ['builtins.substring 10 2 "abc"', '""'],
  ['builtins.substring 0 0 "abc"', '""'],
  ['builtins.substring 1 2 "héllo"', '"é"'],
  ['builtins.stringLength "héllo"', "6"],
  ['builtins.stringLength ""', "0"],
  ["builtins.stringLength (toString 123)", "3"],
  ['builtins.stringLength "😀"', "4"],
  ["toString 1", '"1"'],
  ["toString 1.5", '"1.500000"'],
  ["toString (-0.5)", '"-0.500000"'],
  ["toString 1.0e20", '"100000000000000000000.000000"'],
  ["toString null", '""'],
  ["toString true", '"1"'],
  ["toString false", '""'],
  ['toString [ 1 "a" [ ] null [ 2 3 ] true ]', '"1 a  2 3 1"'],
  ["toString [ [ ] [ ] 1 ]", '"1"'],
  ["toString /foo/bar", '"/foo/bar"'],
  ['toString { __toString = self: "x${self.y}"; y = "z"; }', '"xz"'],
  ['toString { outPath = "/out"; }', '"/out"'],
  ['toString "abc"', '"abc"'],
  ['builtins.concatStringsSep ", " [ "a" "b" "c" ]', '"a, b, c"'],
  ['builtins.concatStringsSep "" [ ]', '""'],
  ['builtins.concatStringsSep "-" [ "x" ]', '"x"'],
  ['builtins.concatStringsSep "/" [ "a" { outPath = "b"; } ]', '"a/b"'],
  ['builtins.replaceStrings [ "o" ] [ "a" ] "foobar"', '"faabar"'],
  ['builtins.replaceStrings [ "oo" "a" ] [ "a" "oo" ] "foobar"', '"faboor"'],
  ['builtins.replaceStrings [ "" ] [ "X" ] "abc"', '"XaXbXcX"'],
  ['builtins.replaceStrings [ "" ] [ "X" ] ""', '"X"'],
  ['builtins.replaceStrings [ "a" "" ] [ "A" "-" ] "bab"', '"-bA-b-"'],
  ['builtins.replaceStrings [ "oo" "XX" ] [ "u" (throw "unreachable") ] "foobar"', '"fubar"'],
  ['builtins.replaceStrings [ ] [ ] "foo"', '"foo"'],
  ['builtins.replaceStrings [ "é" ] [ "e" ] "café é"', '"cafe e"'],
  ['builtins.replaceStrings [ "ab" "a" ] [ "1" "2" ] "aababa"', '"2112"'],
  ['builtins.replaceStrings [ "${"$"}{" ] [ "X" ] "a${"$"}{b}"', '"aXb}"'],
  ['builtins.match "ab" "abc"', "null"],
  ['builtins.match "abc" "abc"', "[ ]"],
  ['builtins.match "a(b)(c)" "abc"', '[ "b" "c" ]'],
  ['builtins.match "[[:space:]]+([[:upper:]]+)[[:space:]]+" "  FOO   "', '[ "FOO" ]'],
  ['builtins.match "(a)|(b)" "b"', '[ null "b" ]'],
  ['builtins.match "(.*)\\\\.(.*)" "foo.tar.gz"', '[ "foo.tar" "gz" ]'],
  ['builtins.match "([^.]*)\\\\.(.*)" "foo.tar.gz"', '[ "foo" "tar.gz" ]'],
  ['builtins.match "[]a]+" "]a]"', "[ ]"],
  ['builtins.match "[^]a]+" "bcd"', "[ ]"],
  ['builtins.match "[a-]+" "a-a"', "[ ]"],
  ['builtins.match "[\\\\.]+" "\\\\.\\\\"', "[ ]"],
  ['builtins.match "a{2,3}" "aaa"', "[ ]"],
  ['builtins.match "a{2,}" "aaaaa"', "[ ]"],
  ['builtins.match "(a){0}b" "b"', "[ null ]"],
  ['builtins.match "a**" "aaa"', "[ ]"],
  ['builtins.match "x?y+z*" "yy"', "[ ]"],
  ['builtins.match "." "\\n"', "[ ]"],
  ['builtins.match "[[:alpha:][:digit:]_]+" "ab_12"', "[ ]"],
  ['builtins.match "[[:punct:]]+" "!-/:@[`{~"', "[ ]"],
  ['builtins.match "[[:xdigit:]]+" "09afAF"', "[ ]"],
  ['builtins.match "[[:blank:]]+" " \\t"', "[ ]"],
  ['builtins.match "[[:lower:]]+[[:upper:]]+" "abcDEF"', "[ ]"],
  ['builtins.match "é+" "éé"', "null"],
  ['builtins.match "(é)+" "éé"', '[ "é" ]'],
  ['builtins.match "[^a]" "é"', "null"],
  ['builtins.match "(.)" "é"', "null"],
  ['builtins.match "(..)" "é"', '[ "é" ]'],
  ['builtins.match "^a$" "a"', "[ ]"],
  ['builtins.match "(^a)|(b$)" "b"', '[ null "b" ]'],
  ['builtins.match "(a*)(b*)" "aabb"', '[ "aa" "bb" ]'],
  ['builtins.match "(|a)b" "ab"', '[ "a" ]'],
  ['builtins.match "()" ""', '[ "" ]'],
  ['builtins.match "\\\\(" "("', "[ ]"],
  ['builtins.match "a\\\\|b" "a|b"', "[ ]"],
  ['builtins.match "a}" "a}"', "[ ]"],
  ['builtins.match "]" "]"', "[ ]"],
  ['builtins.match "\\\\d" "d"', { error: "invalid regular expression '\\d'" }],
  ['builtins.match "(.*" ""', { error: "invalid regular expression '(.*'" }],
  ['builtins.match "a{,2}" "a"', { error: "invalid regular expression 'a{,2}'" }],
  ['builtins.match "[z-a]" "a"', { error: "invalid regular expression '[z-a]'" }],
  ['builtins.match "[[:nope:]]" "a"', { error: "invalid regular expression '[[:nope:]]'" }],
  ['builtins.match "*" "a"', { error: "invalid regular expression '*'" }],
  ['builtins.split "(a)b" "abc"', '[ "" [ "a" ] "c" ]'],
  ['builtins.split "([ac])" "abc"', '[ "" [ "a" ] "b" [ "c" ] "" ]'],
  ['builtins.split "(a)|(c)" "abc"', '[ "" [ "a" null ] "b" [ null "c" ] "" ]'],
  ['builtins.split "([[:upper:]]+)" " FOO "', '[ " " [ "FOO" ] " " ]'],
  ['builtins.split "," "a,b,,c"', '[ "a" [ ] "b" [ ] "" [ ] "c" ]'],
  ['builtins.split "x" "abc"', '[ "abc" ]'],
  ['builtins.split "" "abc"', '[ "" [ ] "a" [ ] "b" [ ] "c" [ ] "" ]'],
  ['builtins.split "a*" "baaac"', '[ "" [ ] "b" [ ] "" [ ] "c" [ ] "" ]'],
  ['builtins.split "b*" "abb"', '[ "" [ ] "a" [ ] "" [ ] "" ]'],
  ['builtins.split "$" "ab"', '[ "ab" [ ] "" ]'],
  ['builtins.split "^" "ab"', '[ "" [ ] "ab" ]'],
  ['builtins.split "^a" "aaa"', '[ "" [ ] "aa" ]'],
  ['builtins.split "(a|ab)(c|bcd)(d*)" "abcd"', '[ "" [ "a" "bcd" "" ] "" ]'],
  ['builtins.split "(a|ab)" "xabxa"', '[ "x" [ "ab" ] "x" [ "a" ] "" ]'],
  ['builtins.split "(x|xy|xyz)" "xyzxyx"', '[ "" [ "xyz" ] "" [ "xy" ] "" [ "x" ] "" ]'],
  ['builtins.split "é" "aébéc"', '[ "a" [ ] "b" [ ] "c" ]'],
  ['builtins.split "(.)" "é"', '[ "" [ "�" ] "" [ "�" ] "" ]'],
  ['builtins.split "[[:space:]]+" "  a  b "', '[ "" [ ] "a" [ ] "b" [ ] "" ]'],
  ['builtins.split "\\n" "l1\\nl2\\n"', '[ "l1" [ ] "l2" [ ] "" ]'],
  ['builtins.parseDrvName "hello-1.0.2"', '{ name = "hello"; version = "1.0.2"; }'],
  ['builtins.parseDrvName "hello"', '{ name = "hello"; version = ""; }'],
  ['builtins.parseDrvName "name-that-ends-with-dash--1.0"', '{ name = "name-that-ends-with-dash"; version = "-1.0"; }'],
  ['builtins.parseDrvName "xf86-video-i810-1.7.4"', '{ name = "xf86-video-i810"; version = "1.7.4"; }'],
  ['builtins.parseDrvName "a-b-c"', '{ name = "a-b-c"; version = ""; }'],
  ['builtins.parseDrvName "a-"', '{ name = "a-"; version = ""; }'],
  ['builtins.parseDrvName "-1"', '{ name = ""; version = "1"; }'],
  ['builtins.parseDrvName "foo-é"', '{ name = "foo"; version = "é"; }'],
  ['builtins.compareVersions "1.0" "2.3"', "-1"],
  ['builtins.compareVersions "2.3" "2.3"', "0"],
  ['builtins.compareVersions "2.3.1" "2.3a"', "1"],
  ['builtins.compareVersions "2.3pre1" "2.3"', "-1"],
  ['builtins.compareVersions "2.3pre3" "2.3pre12"', "-1"],
  ['builtins.compareVersions "2.3a" "2.3c"', "-1"],
  ['builtins.compareVersions "1.0" "1.0.0"', "-1"],
  ['builtins.compareVersions "1" "a"', "1"],
  ['builtins.compareVersions "99999999999" "1"', "-1"],
  ['builtins.compareVersions "99999999999" "99999999998"', "1"],
  ['builtins.compareVersions "1.-2" "1.2"', "0"],
  ['builtins.compareVersions "" ""', "0"],
  ['builtins.compareVersions "pre" ""', "-1"],
  ['builtins.splitVersion "1.2.3"', '[ "1" "2" "3" ]'],
  ['builtins.splitVersion "1.2a3-pre.4"', '[ "1" "2" "a" "3" "pre" "4" ]'],
  ['builtins.splitVersion "..1--2.."', '[ "1" "2" ]'],
  ['builtins.splitVersion ""', "[ ]"],
  ['builtins.splitVersion "abc"', '[ "abc" ]'],
  ['builtins.hashString "md5" ""', '"d41d8cd98f00b204e9800998ecf8427e"'],
  ['builtins.hashString "sha1" "text 1"', '"cd54e8568c1b37cf1e5badb0779bcbf382212189"'],
  ['builtins.hashString "sha256" "héllo"', '"3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179"'],
  [
    'builtins.hashString "sha512" "x"',
    '"a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42da89238bc13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62"',
  ],
  ['builtins.hashString "foo" "x"', { error: "unknown hash algorithm 'foo', expect 'blake3', 'md5', 'sha1', 'sha256', or 'sha512'" }],
  [
    'builtins.convertHash { hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; hashAlgo = "sha256"; toHashFormat = "sri"; }',
    '"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="',
  ],
  [
    'builtins.convertHash { hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; toHashFormat = "base16"; }',
    '"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"',
  ],
  [
    'builtins.convertHash { hash = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; toHashFormat = "nix32"; }',
    '"0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"',
  ],
  ['builtins.convertHash { hash = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="; toHashFormat = "base64"; }', '"2jmj7l5rSw0yVb/vlWAYkK/YBwk="'],
  [
    'builtins.convertHash { hash = "d41d8cd98f00b204e9800998ecf8427e"; hashAlgo = "md5"; toHashFormat = "nix32"; }',
    '"3y8bwfr609h3lh9ch0izcqq7fl"',
  ],
  [
    'builtins.convertHash { hash = "abc"; toHashFormat = "sri"; }',
    { error: "hash 'abc' does not include a type, nor is the type otherwise known from context" },
  ],
  [
    'builtins.convertHash { hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; toHashFormat = "foo"; }',
    { error: "unknown hash format 'foo', expect 'base16', 'base32', 'base64', or 'sri'" },
  ],
  ['builtins.convertHash { toHashFormat = "sri"; }', { error: "attribute 'hash' missing" }],
];

const CONTEXT: Case[] = [
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; outputs = [ "out" "dev" ]; }; in builtins.getContext "${d}${d.dev}${d.drvPath}"',
    '{ "/nix/store/658hk0cj0g4qzp007dmlgmwnaibzdjcq-a.drv" = { allOutputs = true; outputs = [ "dev" "out" ]; }; }',
  ],
  ['let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.hasContext "${d}"', "true"],
  ['builtins.hasContext "abc"', "false"],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.unsafeDiscardStringContext "${d}"',
    '"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a"',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.unsafeDiscardStringContext "${d}")',
    "{ }",
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.unsafeDiscardOutputDependency d.drvPath)',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { path = true; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.addDrvOutputDependencies (builtins.unsafeDiscardOutputDependency d.drvPath))',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { allOutputs = true; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.addDrvOutputDependencies "${d}"',
    { error: "`addDrvOutputDependencies` can only act on derivations, not on a derivation output such as 'out'" },
  ],
  ['builtins.addDrvOutputDependencies ""', { error: "context of string '' must have exactly one element, but has 0" }],
  ['builtins.getContext "${./file.txt}"', '{ "/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt" = { path = true; }; }'],
  [
    'builtins.getContext (builtins.appendContext "foo" { "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" "bin" ]; allOutputs = true; path = true; }; })',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { allOutputs = true; outputs = [ "bin" "out" ]; path = true; }; }',
  ],
  ['builtins.appendContext "foo" { "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }', '"foo"'],
  ['builtins.appendContext "foo" { "/tmp/x" = { path = true; }; }', { error: "context key '/tmp/x' is not a store path" }],
  [
    'builtins.appendContext "foo" { "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a" = { allOutputs = true; }; }',
    { error: "tried to add all-outputs context of /nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a, which is not a derivation, to a string" },
  ],
  [
    'builtins.appendContext "foo" { "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a" = { outputs = [ "out" ]; }; }',
    {
      error:
        "tried to add derivation output context of /nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a, which is not a derivation, to a string",
    },
  ],
  [
    'builtins.getContext (builtins.appendContext "foo" { "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a" = { outputs = [ ]; path = false; }; })',
    "{ }",
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.substring 0 0 "${d}")',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.substring 0 3 "${d}")',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.concatStringsSep "${d}" ["a" "b"])',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.replaceStrings ["a"] ["${d}"] "xax")',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.replaceStrings ["a"] ["${d}"] "xyz")',
    "{ }",
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.toString [ d "x" ])',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.toJSON { inherit d; })',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.toJSON { inherit d; }',
    '"{\\"d\\":\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\"}"',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.toXML [ "${d}" ])',
    '{ "/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv" = { outputs = [ "out" ]; }; }',
  ],
  ['let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.elemAt (builtins.split "x" "${d}") 0 == "${d}"', "false"],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.elemAt (builtins.split "x" "${d}") 0)',
    "{ }",
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.getContext (builtins.elemAt (builtins.split "/" "${d}") 0)',
    "{ }",
  ],
  ['let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.match ".*" "${d}"', "[ ]"],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.hashString "sha256" "${d}"',
    '"15b14252acc89818ba4fae6abdc232d4a915f9b7a8fe56aea8673f046919bb20"',
  ],
  [
    'let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.match "${d}" ""',
    {
      error:
        "the string '/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a' is not allowed to refer to a store path (such as '!out!/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv')",
    },
  ],
  ['let d = derivation { name = "a"; builder = "b"; system = "c"; }; in builtins.stringLength d', "45"],
  ["builtins.getContext (toString ./file.txt)", "{ }"],
  ["builtins.getContext (builtins.toJSON ./file.txt)", '{ "/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt" = { path = true; }; }'],
  ["builtins.toJSON ./file.txt", '"\\"/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt\\""'],
  [
    'builtins.getContext (builtins.concatStringsSep "," [ ./file.txt ])',
    '{ "/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt" = { path = true; }; }',
  ],
  ["builtins.stringLength ./file.txt", "52"],
  ["builtins.unsafeDiscardStringContext ./file.txt", '"/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt"'],
];

const SERIAL: Case[] = [
  [
    'builtins.toJSON { a = 123; b = -456; c = "foo"; d = "foo\\n\\"bar\\""; e = true; f = false; g = [ 1 2 3 ]; h = [ "a" [ "b" { "foo\\nbar" = { }; } ] ]; i = 1 + 2; j = 1.44; k = { __toString = self: self.a; a = "foo"; }; }',
    '"{\\"a\\":123,\\"b\\":-456,\\"c\\":\\"foo\\",\\"d\\":\\"foo\\\\n\\\\\\"bar\\\\\\"\\",\\"e\\":true,\\"f\\":false,\\"g\\":[1,2,3],\\"h\\":[\\"a\\",[\\"b\\",{\\"foo\\\\nbar\\":{}}]],\\"i\\":3,\\"j\\":1.44,\\"k\\":\\"foo\\"}"',
  ],
  ["builtins.toJSON null", '"null"'],
  ["builtins.toJSON [ ]", '"[]"'],
  ["builtins.toJSON { }", '"{}"'],
  ['builtins.toJSON "\\t\\u0001é😀/\\\\"', '"\\"\\\\tu0001é😀/\\\\\\\\\\""'],
  ['builtins.toJSON { outPath = "hello"; }', '"\\"hello\\""'],
  ["builtins.toJSON { outPath = 42; }", '"42"'],
  ["builtins.toJSON { outPath = { a = 1; b = 2; }; }", '"{\\"a\\":1,\\"b\\":2}"'],
  ['builtins.toJSON { __toString = self: "won"; outPath = abort "unreached"; }', '"\\"won\\""'],
  ['builtins.toJSON { __toString = self: { outPath = "deep"; }; }', '"\\"deep\\""'],
  ["builtins.toJSON { __toString = self: ./file.txt; }", '"\\"@DIR@/file.txt\\""'],
  ["builtins.toJSON { outPath = ./file.txt; }", '"\\"/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt\\""'],
  ["builtins.toJSON (x: x)", { error: "cannot convert a function to JSON" }],
  ["builtins.toJSON [ builtins.map ]", { error: "cannot convert the built-in function 'map' to JSON" }],
  ['builtins.toJSON { b = 1; a = 2; "" = 3; "é" = 4; "Z" = 5; }', '"{\\"\\":3,\\"Z\\":5,\\"a\\":2,\\"b\\":1,\\"é\\":4}"'],
  [
    'builtins.fromJSON "{\\"Video\\": {\\"Title\\": \\"The Penguin\\", \\"Width\\": 1920, \\"Data\\": [3.14159, 23493, null, true, false, -10], \\"Escapes\\": \\"\\\\\\"\\\\\\\\\\\\/\\\\t\\\\n\\\\r\\\\t\\"}}"',
    '{ Video = { Data = [ 3.14159 23493 null true false -10 ]; Escapes = "\\"\\\\/\\t\\n\\r\\t"; Title = "The Penguin"; Width = 1920; }; }',
  ],
  ['builtins.fromJSON "\\"\\\\u00e9\\\\u0161\\\\u2192\\\\ud83d\\\\ude00\\\\b\\\\f\\""', '"éš→😀\b\f"'],
  ['builtins.fromJSON "  [ 1 , 2 ]  "', "[ 1 2 ]"],
  ['builtins.fromJSON "1e3"', "1000"],
  ['builtins.fromJSON "-0"', "0"],
  ['builtins.fromJSON "-0.0"', "-0"],
  ['builtins.fromJSON "0.5"', "0.5"],
  ['builtins.fromJSON "9223372036854775807"', "9223372036854775807"],
  ['builtins.fromJSON "-9223372036854775808"', "-9223372036854775808"],
  ['builtins.fromJSON "-9223372036854775809"', "-9.22337e+18"],
  ['builtins.fromJSON "18446744073709551616"', "1.84467e+19"],
  ['builtins.fromJSON "{\\"a\\":1,\\"a\\":2}"', "{ a = 2; }"],
  ['builtins.fromJSON "[[[[]]]]"', "[ [ [ [ ] ] ] ]"],
  [
    'builtins.fromJSON "{"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing object key - unexpected end of input; expected string literal",
    },
  ],
  [
    'builtins.fromJSON "[1,]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal",
    },
  ],
  [
    'builtins.fromJSON "tru"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid literal; last read: 'tru'",
    },
  ],
  [
    'builtins.fromJSON "\\"abc"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid string: missing closing quote; last read: '\"abc'",
    },
  ],
  [
    'builtins.fromJSON "1 2"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - unexpected number literal; expected end of input",
    },
  ],
  [
    'builtins.fromJSON "{\\"a\\":1,}"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing object key - unexpected '}'; expected string literal",
    },
  ],
  [
    'builtins.fromJSON "01"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - unexpected number literal; expected end of input",
    },
  ],
  ['builtins.fromJSON "1e400"', { error: "[json.exception.out_of_range.406] number overflow parsing '1e400'" }],
  [
    'builtins.fromJSON "[\\"\\\\ud800\\"]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'",
    },
  ],
  [
    'builtins.fromJSON "\\"\\\\x\\""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid string: forbidden character after backslash; last read: '\"\\x'",
    },
  ],
  [
    'builtins.fromJSON "[1, tru]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing value - invalid literal; last read: '1, tru]'",
    },
  ],
  [
    'builtins.fromJSON "[1, x]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid literal; last read: '1, x'",
    },
  ],
  [
    'builtins.fromJSON "  \\n  x"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 2, column 3: syntax error while parsing value - invalid literal; last read: '  <U+000A>  x'",
    },
  ],
  [
    'builtins.fromJSON "[\\n1,\\n tru]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing value - invalid literal; last read: '1,<U+000A> tru]'",
    },
  ],
  [
    'builtins.fromJSON "[\\"a\\nb\\"]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 2, column 0: syntax error while parsing value - invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n; last read: '\"a<U+000A>'",
    },
  ],
  [
    'builtins.fromJSON "-"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid number; expected digit after '-'; last read: '-'",
    },
  ],
  [
    'builtins.fromJSON "-a"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid number; expected digit after '-'; last read: '-a'",
    },
  ],
  [
    'builtins.fromJSON "1."',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected digit after '.'; last read: '1.'",
    },
  ],
  [
    'builtins.fromJSON "1.e5"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected digit after '.'; last read: '1.e'",
    },
  ],
  [
    'builtins.fromJSON "1e"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected '+', '-', or digit after exponent; last read: '1e'",
    },
  ],
  [
    'builtins.fromJSON "1e+"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid number; expected digit after exponent sign; last read: '1e+'",
    },
  ],
  [
    'builtins.fromJSON "1ex"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected '+', '-', or digit after exponent; last read: '1ex'",
    },
  ],
  [
    'builtins.fromJSON "[1 2]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing array - unexpected number literal; expected ']'",
    },
  ],
  [
    'builtins.fromJSON "{\\"a\\" 1}"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing object separator - unexpected number literal; expected ':'",
    },
  ],
  [
    'builtins.fromJSON "{\\"a\\":1 \\"b\\"}"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 10: syntax error while parsing object - unexpected string literal; expected '}'",
    },
  ],
  [
    'builtins.fromJSON "{1:2}"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing object key - unexpected number literal; expected string literal",
    },
  ],
  [
    'builtins.fromJSON "\\"\\\\u12\\""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - invalid string: '\\u' must be followed by 4 hex digits; last read: '\"\\u12\"'",
    },
  ],
  [
    'builtins.fromJSON "\\"\\\\udc00\\""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error while parsing value - invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; last read: '\"\\udc00'",
    },
  ],
  [
    'builtins.fromJSON "\\"\\\\ud800\\\\u0041\\""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 13: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\\u0041'",
    },
  ],
  [
    'builtins.fromJSON "\\"é\\tx\\""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid string: control character U+0009 (HT) must be escaped to \\u0009 or \\t; last read: '\"é<U+0009>'",
    },
  ],
  [
    'builtins.fromJSON "nul"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid literal; last read: 'nul'",
    },
  ],
  [
    'builtins.fromJSON "]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal",
    },
  ],
  [
    'builtins.fromJSON "[1,2"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing array - unexpected end of input; expected ']'",
    },
  ],
  [
    'builtins.fromJSON "{\\"a\\":1"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error while parsing object - unexpected end of input; expected '}'",
    },
  ],
  [
    'builtins.fromJSON "@"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: '@'",
    },
  ],
  [
    'builtins.fromJSON "é"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: '�'",
    },
  ],
  [
    'builtins.fromJSON "[é]"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid literal; last read: '[�'",
    },
  ],
  [
    'builtins.fromJSON " "',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal",
    },
  ],
  [
    'builtins.fromJSON "nullx"',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid literal; last read: 'nullx'; expected end of input",
    },
  ],
  ['builtins.fromJSON "\\"\\\\u0000\\""', { error: "input string '␀' cannot be represented as Nix string because it contains null bytes" }],
  [
    'builtins.toXML { a = "s"; }',
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <attrs>\\n    <attr name=\\"a\\">\\n      <string value=\\"s\\" />\\n    </attr>\\n  </attrs>\\n</expr>\\n"',
  ],
  [
    'builtins.toXML [ ("a" + "b") 10 (rec { x = "x"; y = x; }) ]',
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <list>\\n    <string value=\\"ab\\" />\\n    <int value=\\"10\\" />\\n    <attrs>\\n      <attr name=\\"x\\">\\n        <string value=\\"x\\" />\\n      </attr>\\n      <attr name=\\"y\\">\\n        <string value=\\"x\\" />\\n      </attr>\\n    </attrs>\\n  </list>\\n</expr>\\n"',
  ],
  [
    'builtins.toXML [ null true false 1.5 (-3) ./file.txt "a\\"<>&\\n\\t\'" builtins.map (builtins.map (x: x)) ]',
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <list>\\n    <null />\\n    <bool value=\\"true\\" />\\n    <bool value=\\"false\\" />\\n    <float value=\\"1.5\\" />\\n    <int value=\\"-3\\" />\\n    <path value=\\"@DIR@/file.txt\\" />\\n    <string value=\\"a&quot;&lt;&gt;&amp;&#xA;\\t\'\\" />\\n    <unevaluated />\\n    <unevaluated />\\n  </list>\\n</expr>\\n"',
  ],
  [
    "builtins.toXML { f = { z, x, y }: 1; id = x: x; at = args@{ x, y, z }: x; ellipsis = { x, y, z, ... }: x; atr = { b, a ? 1 }@args: 1; }",
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <attrs>\\n    <attr name=\\"at\\">\\n      <function>\\n        <attrspat name=\\"args\\">\\n          <attr name=\\"x\\" />\\n          <attr name=\\"y\\" />\\n          <attr name=\\"z\\" />\\n        </attrspat>\\n      </function>\\n    </attr>\\n    <attr name=\\"atr\\">\\n      <function>\\n        <attrspat name=\\"args\\">\\n          <attr name=\\"a\\" />\\n          <attr name=\\"b\\" />\\n        </attrspat>\\n      </function>\\n    </attr>\\n    <attr name=\\"ellipsis\\">\\n      <function>\\n        <attrspat ellipsis=\\"1\\">\\n          <attr name=\\"x\\" />\\n          <attr name=\\"y\\" />\\n          <attr name=\\"z\\" />\\n        </attrspat>\\n      </function>\\n    </attr>\\n    <attr name=\\"f\\">\\n      <function>\\n        <attrspat>\\n          <attr name=\\"x\\" />\\n          <attr name=\\"y\\" />\\n          <attr name=\\"z\\" />\\n        </attrspat>\\n      </function>\\n    </attr>\\n    <attr name=\\"id\\">\\n      <function>\\n        <varpat name=\\"x\\" />\\n      </function>\\n    </attr>\\n  </attrs>\\n</expr>\\n"',
  ],
  [
    'builtins.toXML (let d = derivation { name = "a"; builder = "b"; system = "c"; }; in [ d d ])',
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <list>\\n    <derivation drvPath=\\"/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv\\" outPath=\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\">\\n      <attr name=\\"all\\">\\n        <list>\\n          <derivation drvPath=\\"/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv\\" outPath=\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\">\\n            <repeated />\\n          </derivation>\\n        </list>\\n      </attr>\\n      <attr name=\\"builder\\">\\n        <string value=\\"b\\" />\\n      </attr>\\n      <attr name=\\"drvAttrs\\">\\n        <attrs>\\n          <attr name=\\"builder\\">\\n            <string value=\\"b\\" />\\n          </attr>\\n          <attr name=\\"name\\">\\n            <string value=\\"a\\" />\\n          </attr>\\n          <attr name=\\"system\\">\\n            <string value=\\"c\\" />\\n          </attr>\\n        </attrs>\\n      </attr>\\n      <attr name=\\"drvPath\\">\\n        <string value=\\"/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv\\" />\\n      </attr>\\n      <attr name=\\"name\\">\\n        <string value=\\"a\\" />\\n      </attr>\\n      <attr name=\\"out\\">\\n        <derivation drvPath=\\"/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv\\" outPath=\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\">\\n          <repeated />\\n        </derivation>\\n      </attr>\\n      <attr name=\\"outPath\\">\\n        <string value=\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\" />\\n      </attr>\\n      <attr name=\\"outputName\\">\\n        <string value=\\"out\\" />\\n      </attr>\\n      <attr name=\\"system\\">\\n        <string value=\\"c\\" />\\n      </attr>\\n      <attr name=\\"type\\">\\n        <string value=\\"derivation\\" />\\n      </attr>\\n    </derivation>\\n    <derivation drvPath=\\"/nix/store/arhvjaf6zmlyn8vh8fgn55rpwnxq0n7l-a.drv\\" outPath=\\"/nix/store/s6glliw064sgl7vix22p91cxsx7ml1rf-a\\">\\n      <repeated />\\n    </derivation>\\n  </list>\\n</expr>\\n"',
  ],
  [
    'builtins.toXML { "a b" = "<&>"; }',
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <attrs>\\n    <attr name=\\"a b\\">\\n      <string value=\\"&lt;&amp;&gt;\\" />\\n    </attr>\\n  </attrs>\\n</expr>\\n"',
  ],
  [
    "builtins.toXML [ 1.0e21 0.1 (1.0/3) 100.0 ]",
    '"<?xml version=\'1.0\' encoding=\'utf-8\'?>\\n<expr>\\n  <list>\\n    <float value=\\"1e+21\\" />\\n    <float value=\\"0.1\\" />\\n    <path value=\\"@DIR@/1.0/3\\" />\\n    <float value=\\"100\\" />\\n  </list>\\n</expr>\\n"',
  ],
];

const TOML: Case[] = [
  ['builtins.fromTOML "a = 9223372036854775807"', "{ a = 9223372036854775807; }"],
  [
    'builtins.fromTOML "attr = 9223372036854775808"',
    {
      error:
        "while parsing TOML: [error] toml::parse_dec_integer: too large integer: current max digits = 2^63\n --> fromTOML\n   |\n 1 | attr = 9223372036854775808\n   |                           ^-- must be < 2^63\n",
    },
  ],
  [
    'builtins.fromTOML "attr = -9223372036854775809"',
    {
      error:
        "while parsing TOML: [error] toml::parse_dec_integer: too large integer: current max digits = 2^63\n --> fromTOML\n   |\n 1 | attr = -9223372036854775809\n   |                            ^-- must be < 2^63\n",
    },
  ],
  ['builtins.fromTOML "a = 0x7FFFFFFFFFFFFFFF"', "{ a = 9223372036854775807; }"],
  ['builtins.fromTOML "a = inf\\nb = -inf\\nc = nan\\nd = +nan"', "{ a = inf; b = -inf; c = nan; d = nan; }"],
  ['builtins.fromTOML "a = 0.1\\nb = -0.0\\nc = 1_000.5"', "{ a = 0.1; b = -0; c = 1000.5; }"],
  ['builtins.fromTOML "a = 01"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 1__0"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = _1"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 1."', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = .1"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 0b102"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = \\"\\\\u00e9\\\\U0001F600\\\\t\\\\\\\\\\""', '{ a = "é😀\\t\\\\"; }'],
  ['builtins.fromTOML "a = \\"\\\\x\\""', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = \\"\\"\\"\\nline1\\nline2\\\\\\n   cont\\"\\"\\""', '{ a = "line1\\nline2cont"; }'],
  ['builtins.fromTOML "a = \\"\\"\\"x\\"\\"\\"\\"\\""', '{ a = "x\\"\\""; }'],
  ["builtins.fromTOML \"a = '''\\nraw\\\\n'''\"", '{ a = "raw\\\\n"; }'],
  ["builtins.fromTOML \"a = 'C:\\\\path'\"", '{ a = "C:\\\\path"; }'],
  ['builtins.fromTOML "a = 1\\na = 2"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[a]\\n[a]"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[a.b]\\n[a]\\nc = 1"', "{ a = { b = { }; c = 1; }; }"],
  ['builtins.fromTOML "a.b = 1\\n[a]"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[a]\\nb.c = 1\\n[a.b]"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[a]\\nb.c = 1\\n[a.b.d]"', "{ a = { b = { c = 1; d = { }; }; }; }"],
  ['builtins.fromTOML "a = {x = 1}\\na.y = 2"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = {x = 1}\\n[a.b]"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = [1]\\n[[a]]"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[[a]]\\nx=1\\n[[a]]\\nx=2\\n[a.b]\\ny=3"', "{ a = [ { x = 1; } { b = { y = 3; }; x = 2; } ]; }"],
  ["builtins.fromTOML \"a = [1, 'x', [2], {b = 3}]\"", '{ a = [ 1 "x" [ 2 ] { b = 3; } ]; }'],
  ['builtins.fromTOML "a = [\\n  1, # c\\n  2,\\n]"', "{ a = [ 1 2 ]; }"],
  ['builtins.fromTOML "a = {}"', "{ a = { }; }"],
  ['builtins.fromTOML "a = { b = 1, }"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = { b = 1\\n}"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "\\"\\" = 1"', '{ "" = 1; }'],
  ['builtins.fromTOML "a = "', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 1 b = 2"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "= 1"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = true\\nb = false"', "{ a = true; b = false; }"],
  ['builtins.fromTOML "a = truex"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a.\\"b.c\\".d = 1"', '{ a = { "b.c" = { d = 1; }; }; }'],
  ['builtins.fromTOML "a . b = 1"', "{ a = { b = 1; }; }"],
  ['builtins.fromTOML "# comment only\\n\\n"', "{ }"],
  ['builtins.fromTOML ""', "{ }"],
  ['builtins.fromTOML "a = 1\\r\\nb = 2\\r\\n"', "{ a = 1; b = 2; }"],
  ['builtins.fromTOML "a = 1979-05-27"', { error: "while parsing TOML: Dates and times are not supported" }],
  ['builtins.fromTOML "a = 07:32"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 1979-13-27"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  [
    'builtins.fromTOML "k = \\"a\\\\u0000b\\""',
    { error: "while parsing TOML: error: input string 'a␀b' cannot be represented as Nix string because it contains null bytes" },
  ],
  [
    'builtins.fromTOML "\\"a\\\\u0000b\\" = 1"',
    { error: "while parsing TOML: error: input string 'a␀b' cannot be represented as Nix string because it contains null bytes" },
  ],
  ['builtins.fromTOML "3.14 = 1"', '{ "3" = { "14" = 1; }; }'],
  ['builtins.fromTOML "a = +0x10"', { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "a = 0o777\\nb = 0b1_0"', "{ a = 511; b = 2; }"],
  ["builtins.fromTOML \"a = 'x\\ny'\"", { errorPrefix: "while parsing TOML: [error] toml::" }],
  ['builtins.fromTOML "[ a ]\\n[[ b ]]\\n[ c . d ]"', "{ a = { }; b = [ { } ]; c = { d = { }; }; }"],
];

/** Behaviour pinned by Nix's own lang tests and current semantics that Nix 2.8 lacks. */
const CURRENT: Case[] = [
  // eval-okay-replacestrings: replacements are forced only when used.
  [
    'with builtins; [ (replaceStrings [ "o" ] [ "a" ] "foobar") (replaceStrings [ "o" ] [ "" ] "foobar") (replaceStrings [ "oo" ] [ "u" ] "foobar") (replaceStrings [ "oo" "a" ] [ "a" "oo" ] "foobar") (replaceStrings [ "oo" "oo" ] [ "u" "i" ] "foobar") (replaceStrings [ "" ] [ "X" ] "abc") (replaceStrings [ "" ] [ "X" ] "") (replaceStrings [ "-" ] [ "_" ] "a-b") (replaceStrings [ "oo" "XX" ] [ "u" (throw "unreachable") ] "foobar") ]',
    '[ "faabar" "fbar" "fubar" "faboor" "fubar" "XaXbXcX" "X" "a_b" "fubar" ]',
  ],
  // eval-okay-substring
  [
    'with builtins; let s = "foobar"; in substring 1 2 s + "x" + substring 0 (stringLength s) s + "y" + substring 3 100 s + "z" + substring 2 (sub (stringLength s) 3) s + "a" + substring 3 0 s + "b" + substring 3 1 s + "c" + substring 5 10 "perl" + "_" + substring 3 (-1) "tebbad"',
    '"ooxfoobarybarzobaabbc_bad"',
  ],
  ['builtins.substring 4294967296 5 "nixos"', '""'],
  ['builtins.substring 0 4294967296 "nixos"', '"nixos"'],
  ['builtins.substring 1 3 ""', '""'],
  ['builtins.match "\\\\{}" "{}"', "[ ]"],
  ['builtins.splitVersion "1.2.3git"', '[ "1" "2" "3" "git" ]'],
  ['builtins.compareVersions "1.0.0" "1.0"', "1"],
  ['builtins.compareVersions "2.3pre1" "2.3q"', "-1"],
  ['builtins.parseDrvName "a-b-c-1234pre5+git"', '{ name = "a-b-c"; version = "1234pre5+git"; }'],
  ['builtins.parseDrvName "nix-0.12pre12876"', '{ name = "nix"; version = "0.12pre12876"; }'],
  // toString keeps paths as they are, also when they come out of __toString.
  ["toString { __toString = self: ./file.txt; }", '"@DIR@/file.txt"'],
  ['"${{ __toString = self: ./file.txt; }}"', '"/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt"'],
  ["builtins.substring 0 0 ./file.txt", '""'],
  [
    "builtins.getContext (builtins.substring 0 0 ./file.txt)",
    '{ "/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt" = { path = true; }; }',
  ],
  // toJSON prints floats as nlohmann's serializer (shortest round trip).
  [
    "builtins.toJSON [ 1.0 0.1 1.0e100 1.0e14 1.0e15 123456789012345678.0 1.0e-5 0.001 (-0.0) 1.5e300 0.0001 (1.0 / 3) 100.0 12345.678 (-2.5) ]",
    '"[1.0,0.1,1e+100,100000000000000.0,1e+15,1.2345678901234568e+17,1e-05,0.001,0.0,1.5e+300,0.0001,0.3333333333333333,100.0,12345.678,-2.5]"',
  ],
  [
    'builtins.toJSON { outPath = [ "1" { a = 1; b = { outPath = [ ./file.txt ]; }; } 42 [ "42" ] { __toString = self: self.other; other = { __toString = self2: "hello"; }; } ]; }',
    '"[\\"1\\",{\\"a\\":1,\\"b\\":[\\"/nix/store/40v4q3r310cxmy4a7ivn66smqaz66x37-file.txt\\"]},42,[\\"42\\"],\\"hello\\"]"',
  ],
  ['builtins.toJSON { outPath = { outPath = "nested"; }; }', '"\\"nested\\""'],
  ["builtins.toJSON { __toString = self: 42; }", { error: "`__toString` should return a string, but got an integer: 42" }],
  ["builtins.toJSON { __toString = self: { a = 1; }; }", { error: "`__toString` must return a string, but got a set: { a = 1; }" }],
  ["builtins.toJSON { outPath = { __toString = self: 42; }; }", { error: "`__toString` should return a string, but got an integer: 42" }],
  // fromJSON: current Nix refuses unsigned numbers beyond int64 and null bytes.
  [
    'builtins.fromJSON "{\\"attr\\": 18446744073709551615}"',
    { error: "unsigned json number 18446744073709551615 outside of Nix integer range" },
  ],
  ['builtins.fromJSON "9223372036854775808"', { error: "unsigned json number 9223372036854775808 outside of Nix integer range" }],
  [
    'builtins.fromJSON "{\\"a\\\\u0000b\\": 1}"',
    { error: "input string 'a␀b' cannot be represented as Nix string because it contains null bytes" },
  ],
  [
    'builtins.fromJSON ""',
    {
      error:
        "[json.exception.parse_error.101] parse error at line 1, column 1: attempting to parse an empty input; check that your input string or stream contains the expected JSON",
    },
  ],
  // Regex edge cases checked against libstdc++.
  ['builtins.match "\\\\]" "]"', { error: "invalid regular expression '\\]'" }],
  ['builtins.match "[a-c-e]" "d"', { error: "invalid regular expression '[a-c-e]'" }],
  ['builtins.match "[[:alpha:]-z]+" "a"', { error: "invalid regular expression '[[:alpha:]-z]+'" }],
  ['builtins.match "^*a" "a"', { error: "invalid regular expression '^*a'" }],
  ['builtins.match "a{1,2" "a"', { error: "invalid regular expression 'a{1,2'" }],
  ['builtins.match "a{2,1}" "a"', { error: "invalid regular expression 'a{2,1}'" }],
  ['builtins.match "(a)\\\\1" "aa"', { error: "invalid regular expression '(a)\\1'" }],
  ['builtins.split "f(o*o" "1foo2"', { error: "invalid regular expression 'f(o*o'" }],
  ['builtins.match "[%--]+" "%-,"', "[ ]"],
  ['builtins.match "[]-a]+" "]^a"', "[ ]"],
  ['builtins.match "[[.space.]]+" " "', "[ ]"],
  ['builtins.match "[[=a=]]+" "aa"', "[ ]"],
  ['builtins.match "a{1,2}{3}" "aaa"', "[ ]"],
  ['builtins.match "(a){2}" "aa"', '[ "a" ]'],
  ['builtins.match "[[:w:]]+" "ab_1"', "[ ]"],
  ['builtins.match "[[:upper:]]+" "ÀB"', "null"],
];

table("strings", STRINGS);
table("context", CONTEXT);
table("serialisation", SERIAL);
table("fromTOML", TOML);
table("current Nix semantics", CURRENT);

describe("fromTOML timestamps", () => {
  const doc = [
    "odt1 = 1979-05-27T07:32:00Z",
    "odt2 = 1979-05-27T00:32:00-07:00",
    "odt4 = 1979-05-27 07:32:00Z",
    "odt5 = 1979-05-27 07:32:00.1Z",
    "odt8 = 1979-05-27t07:32:00.1234Z",
    "odt11 = 1979-05-27 07:32:00.1234567Z",
    "odt14 = 1979-05-27t07:32:00.1234567891Z",
    "ldt1 = 1979-05-27T07:32:00",
    "ldt3 = 1979-05-27T07:32:00.12",
    "ld1 = 1979-05-27",
    "lt1 = 07:32:00",
    "lt9 = 00:32:00.12345678",
  ].join("\\n");
  const expr = `builtins.mapAttrs (n: v: v.value) (builtins.fromTOML "${doc}")`;
  test("values are normalised as Nix prints them", () => {
    check(
      expr,
      '{ ld1 = "1979-05-27"; ldt1 = "1979-05-27T07:32:00"; ldt3 = "1979-05-27T07:32:00.120"; lt1 = "07:32:00"; lt9 = "00:32:00.123456780"; odt1 = "1979-05-27T07:32:00Z"; odt11 = "1979-05-27T07:32:00.123456700Z"; odt14 = "1979-05-27T07:32:00.123456789Z"; odt2 = "1979-05-27T00:32:00-07:00"; odt4 = "1979-05-27T07:32:00Z"; odt5 = "1979-05-27T07:32:00.100Z"; odt8 = "1979-05-27T07:32:00.123400Z"; }',
      ["parse-toml-timestamps"],
    );
  });
  test("the _type marker", () =>
    check('builtins.fromTOML "a = 1979-05-27"', '{ a = { _type = "timestamp"; value = "1979-05-27"; }; }', ["parse-toml-timestamps"]));
  test("refused without the feature", () => check(expr, { error: "while parsing TOML: Dates and times are not supported" }));
});

describe("error frames", () => {
  const frames = (expr: string) => evalError(expr).frames.map((f) => f.message);
  test("substring names its argument", () => {
    const e = evalError('builtins.substring { } "foo" true');
    assert.equal(e.message, "expected an integer but found a set: { }");
    assert.ok(
      frames('builtins.substring { } "foo" true').includes(
        "while evaluating the first argument (the start offset) passed to builtins.substring",
      ),
    );
  });
  test("concatStringsSep names the element", () => {
    assert.ok(
      frames('builtins.concatStringsSep "foo" [ 1 2 { } ]').includes(
        "while evaluating one element of the list of strings to concat passed to builtins.concatStringsSep",
      ),
    );
  });
  test("toJSON names the attribute path and list index", () => {
    const f = frames('builtins.toJSON { a.b = [ true false "x" { c.d = throw "hah no"; } ]; }');
    const mine = f.filter((m) => m.startsWith("while evaluating attribute") || m.startsWith("while evaluating list element"));
    assert.deepEqual(mine, [
      "while evaluating attribute 'd'",
      "while evaluating attribute 'c'",
      "while evaluating list element at index 3",
      "while evaluating attribute 'b'",
      "while evaluating attribute 'a'",
    ]);
  });
  test("fromJSON says it was decoding", () => {
    assert.ok(frames('builtins.fromJSON "{"').includes("while decoding a JSON string"));
  });
});

describe("laziness and scale", () => {
  test("replaceStrings forces a replacement only when its pattern matches", () => {
    check('builtins.replaceStrings [ "a" "b" ] [ "x" (abort "no") ] "aaa"', '"xxx"');
  });
  test("toJSON of a 9000-deep structure needs no deep JS stack", () => {
    check(
      "let l = builtins.foldl' (t: h: { inherit h t; }) null (builtins.genList (x: x) 9000); in builtins.stringLength (builtins.toJSON l)",
      String(9000 * '{"h":,"t":}'.length + digitsUpTo(9000) + "null".length),
    );
  });
  test("toJSON past Nix's max-call-depth is Nix's controlled stack overflow", () => {
    check("let l = builtins.foldl' (t: h: { inherit h t; }) null (builtins.genList (x: x) 100000); in builtins.toJSON l", {
      error: "stack overflow; max-call-depth exceeded",
    });
  });
  test("fromJSON of 100000 nested arrays", () => {
    check(
      'let s = builtins.concatStringsSep "" (builtins.genList (x: "[") 100000) + builtins.concatStringsSep "" (builtins.genList (x: "]") 100000); in builtins.length (builtins.fromJSON s)',
      "1",
    );
  });
  test("toXML of a deep list", () => {
    check(
      "builtins.stringLength (builtins.toXML (builtins.foldl' (t: h: [ t ]) null (builtins.genList (x: x) 2000)))",
      String(xmlDeepLength(2000)),
    );
  });
  test("substring over every byte stays linear", () => {
    check(
      'let s = builtins.concatStringsSep "" (builtins.genList (x: "é") 20000); in builtins.length (builtins.filter (c: c == "é") (builtins.genList (i: builtins.substring (i * 2) 2 s) 20000))',
      "20000",
    );
  });
  test("convertHash warns about base32", () => {
    warnings.length = 0;
    check(
      'builtins.convertHash { hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; toHashFormat = "base32"; }',
      '"0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"',
    );
    assert.deepEqual(warnings, ['warning: "base32" is a deprecated alias for hash format "nix32".']);
  });
});

/** Total number of decimal digits of 0 … n-1. */
function digitsUpTo(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += String(i).length;
  return total;
}

/** Length of `toXML` of `depth` lists nested around `null`. */
function xmlDeepLength(depth: number): number {
  let n = "<?xml version='1.0' encoding='utf-8'?>\n".length + "<expr>\n".length + "</expr>\n".length;
  for (let d = 1; d <= depth; d++) n += 2 * d + "<list>\n".length + 2 * d + "</list>\n".length;
  return n + 2 * (depth + 1) + "<null />\n".length;
}

describe("valueToXML options", () => {
  test("locations and unevaluated thunks, as nix-instantiate --xml", () => {
    const v = newState().evalString("{\n  a = 1;\n  b = 1 + 1;\n}");
    assert.equal(
      valueToXML(v, new Set(), { strict: false, location: true }),
      `<?xml version='1.0' encoding='utf-8'?>
<expr>
  <attrs>
    <attr column="3" line="2" name="a">
      <int value="1" />
    </attr>
    <attr column="3" line="3" name="b">
      <unevaluated />
    </attr>
  </attrs>
</expr>
`,
    );
  });
});
