/**
 * Parser tests. Table-driven: expressions and the `nix-instantiate --parse`
 * output they must print as (current Nix's format), and bad inputs with the
 * error message and line:column Nix reports. When a checkout of Nix's sources is
 * present, every tests/functional/lang file is also checked: parse-okay files
 * must print their `.exp`, parse-fail files must fail as their `.err.exp` says,
 * and eval-* files must parse (or fail at parse time exactly as expected).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Binary, Expr, Let, Str } from "../../src/nix/ast.js";
import { NixError } from "../../src/nix/errors.js";
import { parse, type ParseOptions } from "../../src/nix/parser.js";
import { printAst } from "../../src/nix/print-ast.js";
import { Source } from "../../src/nix/source.js";

const FILE = "/pwd/test.nix";

function ast(src: string, options: ParseOptions = {}): Expr {
  return parse(new Source(FILE, src, true), options);
}

function show(src: string, options: ParseOptions = {}): string {
  return printAst(ast(src, options), { baseDir: "/pwd", home: "/home/u" });
}

/** The error as `message @ line:col`. */
function fail(src: string, options: ParseOptions = {}): string {
  try {
    ast(src, options);
  } catch (e) {
    if (!(e instanceof NixError)) throw e;
    const pos = e.span ? e.span.source.position(e.span.start) : { line: 0, column: 0 };
    return `${e.message} @ ${pos.line}:${pos.column}`;
  }
  assert.fail(`expected a parse error for ${JSON.stringify(src)}`);
}

const PRINTS: [string, string][] = [
  // numbers
  ["123", "123"],
  ["9223372036854775807", "9223372036854775807"],
  ["-9223372036854775807", "(__sub 0 9223372036854775807)"],
  ["1.5", "1.5"],
  [".5", "0.5"],
  ["0.5", "0.5"],
  ["1.", "1"],
  ["1.e3", "1000"],
  ["1e3", "(1 e3)"],
  ["1.5e10", "1.5e+10"],
  ["1.5E-7", "1.5e-07"],
  ["100000000.0", "1e+08"],
  ["123456.0", "123456"],
  ["1234567.0", "1.23457e+06"],
  ["0.0001", "0.0001"],
  ["0.00001", "1e-05"],
  ["1.23456789", "1.23457"],
  ["00.5", "(0 0.5)"],
  ["0.0", "0"],
  // strings
  ['"abc"', '"abc"'],
  ['""', '""'],
  ['"a\\nb\\tc\\rd\\\\e\\"f\\$g\\qh"', '"a\\nb\\tc\\rd\\\\e\\"f$gqh"'],
  ['"${x}"', "(x)"],
  ['"a${x}b"', '("a" + x + "b")'],
  ['"a${x}${y}"', '("a" + x + y)'],
  ['"$${x}"', '"$\\${x}"'],
  ['"\\${x}"', '"\\${x}"'],
  ['"$\\{x}"', '"\\${x}"'],
  ['"$"', '"$"'],
  ['"a$"', '"a$"'],
  ['"$$"', '"$$"'],
  ['"$\\n"', '"$\\n"'],
  ['"a\r\nb\rc\n"', '"a\\nb\\nc\\n"'],
  ['"${"${x}"}"', "((x))"],
  ['"é ☃"', '"é ☃"'],
  // indented strings
  ["''\n  foo\n    bar\n  ''", '"foo\\n  bar\\n"'],
  ["''  foo''", '"foo"'],
  ["''foo\n  bar''", '"foo\\n  bar"'],
  ["''${x}''", "(x)"],
  ["''''", '""'],
  ["''\n''", '""'],
  ["''\n  ''", '""'],
  ["''\n  a\n  ''", '"a\\n"'],
  ["''\n  a\n   ''", '"a\\n"'],
  ["''\n  a\n b''", '" a\\nb"'],
  ["''\n\n  a\n\n  b\n''", '"\\na\\n\\nb\\n"'],
  ["''\n    ${x}\n  b''", '("  " + x + "\\nb")'],
  ["''a''$b'''c''\\nd''\\te''\\\\f''", '("a" + "$" + "b" + "\'\'" + "c" + "\\n" + "d" + "\\t" + "e" + "\\\\" + "f")'],
  ["''$${x}''", '"$\\${x}"'],
  ["''a$''", '("a" + "$")'],
  ["''a'b''", '"a\'b"'],
  ["''\t a''", '"\\t a"'],
  ["''  a\r\n  b''", '"a\\r\\nb"'],
  ["''\n  a''\\n  b\n''", '("a" + "\\n" + "b\\n")'],
  // paths
  ["./foo", "/pwd/foo"],
  ["../foo", "/foo"],
  ["foo/bar", "/pwd/foo/bar"],
  ["/abs/./x/../y", "/abs/y"],
  ["~/foo", "/home/u/foo"],
  ["./foo/${x}", "(/pwd/foo/ + x)"],
  ["./${x}", "(/pwd/ + x)"],
  ["/${x}", "(/ + x)"],
  ["~/${x}", "(/home/u/ + x)"],
  ["a/${x}", "(/pwd/a/ + x)"],
  ["./a${x}b/c", '(/pwd/a + x + "b/c")'],
  ["./a/${x}/${y}.nix", '(/pwd/a/ + x + "/" + y + ".nix")'],
  ["1/2", "/pwd/1/2"],
  ["a+b/c", "/pwd/a+b/c"],
  ["x-1/2", "/pwd/x-1/2"],
  ["1.5/x", "/pwd/1.5/x"],
  ["./.", "/pwd"],
  ["f ./a ./b", "(f /pwd/a /pwd/b)"],
  ["[./a]", "[ (/pwd/a) ]"],
  ["<nixpkgs>", '(__findFile __nixPath "nixpkgs")'],
  ["<nixpkgs/lib>", '(__findFile __nixPath "nixpkgs/lib")'],
  ["a <b> c", '(a (__findFile __nixPath "b") c)'],
  ["<x> y", '(__findFile __nixPath "x" y)'],
  // URIs
  ["http://example.com/a?b=c&d=e", '"http://example.com/a?b=c&d=e"'],
  ["x:x", '"x:x"'],
  ["x: x", "(x: x)"],
  ["a.b:c", '"a.b:c"'],
  // identifiers and `or`
  ["a-b'c_d", "a-b'c_d"],
  ["_x", "_x"],
  ["__curPos", "__curPos"],
  ["{ or = 1; }.or", "({ or = 1; }).or"],
  ["a.or", "(a).or"],
  ["f or", "(f or)"],
  ["map or [1]", "(map or [ (1) ])"],
  ["{ inherit or; }", "{ inherit or; }"],
  ["or-x", "or-x"],
  ["iff", "iff"],
  // where an identifier or integer ends and a path or URI would go on (the lexer skips those matchers otherwise)
  ["a'b/c", "(a'b /c)"],
  ["a_b:c", "(a_b: c)"],
  ["ab:c", '"ab:c"'],
  ["a+:b", '"a+:b"'],
  ["a.b/c", "/pwd/a.b/c"],
  ["a-b.c+d", "((a-b).c + d)"],
  ["a++b", "(a ++ b)"],
  ["1a/b", "/pwd/1a/b"],
  ["[ 0 255 256 12345678901234567 ]", "[ (0) (255) (256) (12345678901234567) ]"],
  // names that share a slot of the lexer's name cache (same length, first, middle and last characters)
  ["[ axcya azcwa axcya ]", "[ (axcya) (azcwa) (axcya) ]"],
  ["let tzen = 1; in if tzen then tzen else thxn", "(let tzen = 1; in (if tzen then tzen else thxn))"],
  ['{ "in" = 1; "a b" = 2; "" = 3; "x.y" = 4; }', '{ "" = 3; "a b" = 2; "in" = 1; "x.y" = 4; }'],
  ['a."b c".d', '(a)."b c".d'],
  ["a.${b}", '(a)."${b}"'],
  ['a."${b}"', '(a)."${(b)}"'],
  ['a.${"b"}', "(a).b"],
  ["a.${''b''}", "(a).b"],
  // operators
  ["a + b * c", "(a + (__mul b c))"],
  ["a * b + c", "((__mul a b) + c)"],
  ["a - b - c", "(__sub (__sub a b) c)"],
  ["a / b", "(__div a b)"],
  ["a ++ b ++ c", "(a ++ (b ++ c))"],
  ["a // b // c", "(a // (b // c))"],
  ["a -> b -> c", "(a -> (b -> c))"],
  ["a || b && c", "(a || (b && c))"],
  ["a && b || c", "((a && b) || c)"],
  ["a == b && c != d", "((a == b) && (c != d))"],
  ["a < b == c", "((__lessThan a b) == c)"],
  ["a == b < c", "(a == (__lessThan b c))"],
  ["a > b", "(__lessThan b a)"],
  ["a >= b", "(! (__lessThan a b))"],
  ["a <= b", "(! (__lessThan b a))"],
  ["a // b == c", "((a // b) == c)"],
  ["a + b // c", "((a + b) // c)"],
  ["a ++ b + c", "((a ++ b) + c)"],
  ["!a", "(! a)"],
  ["!a == b", "((! a) == b)"],
  ["!a + b", "(! (a + b))"],
  ["!a && b", "((! a) && b)"],
  ["!a // b", "((! a) // b)"],
  ["a + !b + c", "(a + (! (b + c)))"],
  ["!!a", "(! (! a))"],
  ["-a", "(__sub 0 a)"],
  ["-a + b", "((__sub 0 a) + b)"],
  ["- f x", "(__sub 0 (f x))"],
  ["--a", "(__sub 0 (__sub 0 a))"],
  ["a - -b", "(__sub a (__sub 0 b))"],
  ["-a.b", "(__sub 0 (a).b)"],
  ["-a ? b", "(((__sub 0 a)) ? b)"],
  ["!a ? b", "(! ((a) ? b))"],
  ["a ? b", "((a) ? b)"],
  ["a ? b.c", "((a) ? b.c)"],
  ["a ? b ? c", "((((a) ? b)) ? c)"],
  ["a + b ? c", "(a + ((b) ? c))"],
  ["a ++ b ? c", "(a ++ ((b) ? c))"],
  ['a ? "b"', "((a) ? b)"],
  ["a ? ${b}", '((a) ? "${b}")'],
  ["a ? or", "((a) ? or)"],
  // application and selection
  ["f a b", "(f a b)"],
  ["(f a) b", "(f a b)"],
  ["f (a b)", "(f (a b))"],
  ["(a - b) c", "(__sub a b c)"],
  ["(a < b) c", "(__lessThan a b c)"],
  ["(a <= b) c", "((! (__lessThan b a)) c)"],
  ["(-a) b", "(__sub 0 a b)"],
  ["f a.b", "(f (a).b)"],
  ["a.b.c or d", "(a).b.c or (d)"],
  ["a.b or c.d or e", "(a).b or ((c).d or (e))"],
  ["a.b or f x", "((a).b or (f) x)"],
  ["f a.b or c", "(f (a).b or (c))"],
  ["a.b.c", "(a).b.c"],
  ["(a.b).c", "((a).b).c"],
  ["{ a = 1; }.a", "({ a = 1; }).a"],
  ["[ 1 ].x", "([ (1) ]).x"],
  // lambdas
  ["x: y: x", "(x: (y: x))"],
  ["{ a, b ? 1, ... }: a", "({ a, b ? 1, ... }: a)"],
  ["{ b, a }: a", "({ a, b }: a)"],
  ["{}: 1", "({  }: 1)"],
  ["{ ... }: 1", "({ ... }: 1)"],
  ["{ a, }: a", "({ a }: a)"],
  ["args@{ a }: a", "({ a } @ args: a)"],
  ["{ a } @ args: a", "({ a } @ args: a)"],
  ["{ } @ args: 1", "({  } @ args: 1)"],
  ["{ a ? 1 b }: a", "({ a ? (1 b) }: a)"],
  ["{ a ? x: x }: a", "({ a ? (x: x) }: a)"],
  ["x: assert x; y", "(x: assert x; y)"],
  // let, with, assert, if
  ["let a = 1; in a", "(let a = 1; in a)"],
  ["let in 1", "(let in 1)"],
  ["let b = 1; a = 2; inherit c; inherit (d) e; in a", "(let inherit c; inherit (d) e; a = 2; b = 1; in a)"],
  ["let { a = 1; body = a; }", "(rec { a = 1; body = a; }).body"],
  ["let { }", "(rec { }).body"],
  ["let {}.x", "((rec { }).body).x"],
  ["with a; b", "(with a; b)"],
  ["assert a; b", "assert a; b"],
  ["if a then b else c", "(if a then b else c)"],
  ["if a then b else if c then d else e", "(if a then b else (if c then d else e))"],
  ['let ${"a"} = 1; in a', "(let a = 1; in a)"],
  ["let a.${b} = 1; in a", '(let a = { "${b}" = 1; }; in a)'],
  ["let a.b = 1; a.c = 2; in a", "(let a = { b = 1; c = 2; }; in a)"],
  // attribute sets
  ["{ }", "{ }"],
  ["rec { }", "rec { }"],
  ["rec { a = 1; }", "rec { a = 1; }"],
  ["{ a.b = 1; a.c = 2; }", "{ a = { b = 1; c = 2; }; }"],
  ["{ a = { b = 1; }; a.c = 2; }", "{ a = { b = 1; c = 2; }; }"],
  ["{ a.c = 2; a = { b = 1; }; }", "{ a = { b = 1; c = 2; }; }"],
  ["{ a = rec { b = 1; }; a.c = 2; }", "{ a = rec { b = 1; c = 2; }; }"],
  ["{ a.c = 2; a = rec { b = 1; }; }", "{ a = { b = 1; c = 2; }; }"],
  ["{ a = ({ b = 1; }); a.c = 2; }", "{ a = { b = 1; c = 2; }; }"],
  ["{ a = {}; a = {}; }", "{ a = { }; }"],
  ["{ a = { x.y = 1; }; a = { x.z = 2; }; }", "{ a = { x = { y = 1; z = 2; }; }; }"],
  ["{ a.b.c = 1; a.b.d = 2; a.e = 3; }", "{ a = { b = { c = 1; d = 2; }; e = 3; }; }"],
  ["{ inherit (x) a; inherit (y) b; c = 1; inherit d; }", "{ inherit d; inherit (x) a; inherit (y) b; c = 1; }"],
  ["{ inherit (x) b a; }", "{ inherit (x) a b; }"],
  ["{ inherit; inherit (x); }", "{ }"],
  ['{ inherit "a" ${"b"}; }', "{ inherit a b; }"],
  ["{ a = { inherit (x) p; }; a = { inherit (y) q; }; }", "{ a = { inherit (x) p; inherit (y) q; }; }"],
  ['{ ${a} = 1; "${b}" = 2; c = 3; }', '{ c = 3; "${a}" = 1; "${(b)}" = 2; }'],
  ["{ a.${b}.c = 1; }", '{ a = { "${b}" = { c = 1; }; }; }'],
  ["{ ${a}.b = 1; }", '{ "${a}" = { b = 1; }; }'],
  ['{ "a".b = 1; a.c = 2; }', "{ a = { b = 1; c = 2; }; }"],
  ["{ a = { ${x} = 1; }; a = { ${y} = 2; }; }", '{ a = { "${x}" = 1; "${y}" = 2; }; }'],
  ["{ z = 1; a = 2; B = 3; _ = 4; }", "{ B = 3; _ = 4; a = 2; z = 1; }"],
  // lists
  ["[ ]", "[ ]"],
  ["[ 1 2 (f x) ]", "[ (1) (2) ((f x)) ]"],
  ["[ f x ]", "[ (f) (x) ]"],
  ["[ a.b c.d or e ]", "[ ((a).b) ((c).d or (e)) ]"],
  ["[ [ ] { } ]", "[ ([ ]) ({ }) ]"],
  // comments and whitespace
  ["/* c */ 1 # x", "1"],
  ["/**/1", "1"],
  ["/** doc */ x: x", "(x: x)"],
  ["1 /* a * / b */", "1"],
  ["#c\r\n\t1\r", "1"],
  ["a/**/b", "(a b)"],
];

test("printAst of parsed expressions", () => {
  for (const [src, expected] of PRINTS) assert.equal(show(src), expected, `source: ${JSON.stringify(src)}`);
});

const PIPES: [string, string][] = [
  ["a |> f", "(f a)"],
  ["a |> f b |> g", "(g (f b a))"],
  ["f <| g <| a", "(f (g a))"],
  ["a |> f + g", "((f + g) a)"],
  ["x |> a - b", "(__sub a b x)"],
  ["a || b |> f", "(f (a || b))"],
  ["a |> x.y or z", "((x).y or (z) a)"],
];

test("pipe operators (with pipeOperators)", () => {
  for (const [src, expected] of PIPES) assert.equal(show(src, { pipeOperators: true }), expected, src);
  assert.equal(fail("a |> b <| c", { pipeOperators: true }), "syntax error, unexpected '<|', expecting end of file @ 1:8");
  assert.equal(fail("a |> if", { pipeOperators: true }), "syntax error, unexpected 'if' @ 1:6");
  assert.equal(fail("a <| b |> c", { pipeOperators: true }), "syntax error, unexpected '|>', expecting end of file @ 1:8");
  const e = ast("a |> f", { pipeOperators: true }) as Binary;
  assert.equal(e.kind, "binary");
  assert.equal(e.op, "|>");
});

const ERRORS: [string, string][] = [
  // lexical
  ["9223372036854775808", "invalid integer '9223372036854775808' @ 1:1"],
  ["1.0e999", "invalid float '1.0e999' @ 1:1"],
  ["a/b/", "path has a trailing slash @ 1:5"],
  ["a/b/ ", "path has a trailing slash @ 1:5"],
  ["a/${x}/", "path has a trailing slash @ 1:8"],
  [
    "1 |> 2",
    "experimental Nix feature 'pipe-operators' is disabled; add '--extra-experimental-features pipe-operators' to enable it @ 1:3",
  ],
  ['"a\0b"', "input string 'a␀b' cannot be represented as Nix string because it contains null bytes @ 1:2"],
  ["123 é 4", "syntax error, unexpected invalid token, expecting end of file @ 1:5"],
  ["&", "syntax error, unexpected invalid token @ 1:1"],
  ["a & b", "syntax error, unexpected invalid token, expecting end of file @ 1:3"],
  ["~", "syntax error, unexpected invalid token @ 1:1"],
  ["$x", "syntax error, unexpected invalid token @ 1:1"],
  // syntax
  ["(", "syntax error, unexpected end of file @ 1:2"],
  ["(\n# c\n", "syntax error, unexpected end of file @ 3:1"],
  [")", "syntax error, unexpected ')' @ 1:1"],
  ["1 )", "syntax error, unexpected ')', expecting end of file @ 1:3"],
  ["(1", "syntax error, unexpected end of file, expecting ')' @ 1:3"],
  ['"abc', "syntax error, unexpected end of file, expecting '\"' @ 1:5"],
  ['a 1"$', "syntax error, unexpected end of file, expecting '\"' @ 1:6"],
  ["''abc", "syntax error, unexpected end of file, expecting indented string or '${' or end of an indented string @ 1:6"],
  ['"${x', "syntax error, unexpected end of file, expecting '}' @ 1:5"],
  ["if a then b", "syntax error, unexpected end of file, expecting 'else' @ 1:12"],
  ["if 1 else", "syntax error, unexpected 'else', expecting 'then' @ 1:6"],
  ["if then", "syntax error, unexpected 'then' @ 1:4"],
  ["assert a b", "syntax error, unexpected end of file, expecting ';' @ 1:11"],
  ["with a b", "syntax error, unexpected end of file, expecting ';' @ 1:9"],
  ["a.", "syntax error, unexpected end of file, expecting identifier or 'or' or '${' or '\"' @ 1:3"],
  ["a.in", "syntax error, unexpected 'in', expecting identifier or 'or' or '${' or '\"' @ 1:3"],
  ["{ } ? ./foo", "syntax error, unexpected path, expecting identifier or 'or' or '${' or '\"' @ 1:7"],
  ["let", "syntax error, unexpected end of file, expecting 'in' or 'inherit' @ 1:4"],
  ["let a = 1; 1", "syntax error, unexpected integer, expecting 'in' or 'inherit' @ 1:12"],
  ["rec", "syntax error, unexpected end of file, expecting '{' @ 1:4"],
  ["rec { a = 1; 1 }", "syntax error, unexpected integer, expecting 'inherit' or '}' @ 1:14"],
  ["let { 1 }", "syntax error, unexpected integer, expecting 'inherit' or '}' @ 1:7"],
  ["{ 1 = x; }", "syntax error, unexpected integer, expecting 'inherit' @ 1:3"],
  ["{ 1.5 = x; }", "syntax error, unexpected floating-point literal, expecting 'inherit' @ 1:3"],
  ["{ a = 1; 1 }", "syntax error, unexpected integer, expecting 'inherit' @ 1:10"],
  ["{ a = 1 }", "syntax error, unexpected '}', expecting ';' @ 1:9"],
  ["{ a ... }", "syntax error, unexpected '...', expecting '.' or '=' @ 1:5"],
  ["{ a b }", "syntax error, unexpected identifier, expecting '.' or '=' @ 1:5"],
  ["f { a }", "syntax error, unexpected '}', expecting '.' or '=' @ 1:7"],
  ["{ inherit http://x; }", "syntax error, unexpected URI @ 1:11"],
  ["{ inherit (a) }", "syntax error, unexpected '}' @ 1:15"],
  ["{ a }", "syntax error, unexpected end of file, expecting ':' or '@' @ 1:6"],
  ["{ a } x", "syntax error, unexpected identifier, expecting ':' or '@' @ 1:7"],
  ["{ a, 1 }: a", "syntax error, unexpected integer, expecting identifier or '...' or '}' @ 1:6"],
  ["{ a, ... , b }: a", "syntax error, unexpected ',', expecting '}' @ 1:10"],
  ["{x, y : z}: x", "syntax error, unexpected ':', expecting '}' or ',' @ 1:7"],
  ["{ a ? 1; }: a", "syntax error, unexpected ';', expecting '}' or ',' @ 1:8"],
  ["x @ y: 1", "syntax error, unexpected identifier, expecting '{' @ 1:5"],
  ["{ a } @ 1: 1", "syntax error, unexpected integer, expecting identifier @ 1:9"],
  ["{ a } @ x 1", "syntax error, unexpected integer, expecting ':' @ 1:11"],
  ["f let x = 1; in x", "syntax error, unexpected identifier, expecting '{' @ 1:7"],
  ["a == b == c", "syntax error, unexpected '==' @ 1:8"],
  ["a < b > c", "syntax error, unexpected '>' @ 1:7"],
  ["1 != != 2", "syntax error, unexpected '!=' @ 1:6"],
  ["&& true", "syntax error, unexpected '&&' @ 1:1"],
  ["a ++", "syntax error, unexpected end of file @ 1:5"],
  ["[ -1 ]", "syntax error, unexpected '-' @ 1:3"],
  ["or", "syntax error, unexpected 'or' @ 1:1"],
  ["let or = 1; in or", "syntax error, unexpected 'or' @ 1:16"],
  ["/* x", "syntax error, unexpected '/' @ 1:1"],
  ["a.b or", "syntax error, unexpected end of file @ 1:7"],
  // semantic
  ["{ a = 1; a = 2; }", "attribute 'a' already defined at /pwd/test.nix:1:3 @ 1:10"],
  ["{ a.b = 1; a = 2; }", "attribute 'a' already defined at /pwd/test.nix:1:3 @ 1:12"],
  ["{ a = 2; a.b = 1; }", "attribute 'a' already defined at /pwd/test.nix:1:3 @ 1:10"],
  ["{ a.b = 1; a.b = 2; }", "attribute 'a.b' already defined at /pwd/test.nix:1:3 @ 1:12"],
  ["{ a = { x = 1; }; a = { x = 2; }; }", "attribute 'a.x' already defined at /pwd/test.nix:1:9 @ 1:25"],
  ["{ inherit a; a.b = 1; }", "attribute 'a' already defined at /pwd/test.nix:1:11 @ 1:14"],
  ["{ inherit a a; }", "attribute 'a' already defined at /pwd/test.nix:1:11 @ 1:13"],
  ["{ a = 1; inherit (x) a; }", "attribute 'a' already defined at /pwd/test.nix:1:3 @ 1:22"],
  ['{ "in" = 1; "in" = 2; }', "attribute '\"in\"' already defined at /pwd/test.nix:1:3 @ 1:13"],
  ["{ a.${x} = 1; a = 2; }", "attribute 'a' already defined at /pwd/test.nix:1:3 @ 1:15"],
  ["{x, y, x}: x", "duplicate formal function argument 'x' @ 1:8"],
  ["{ a, b, a, b }: 1", "duplicate formal function argument 'a' @ 1:9"],
  ["args@{args, x}: x", "duplicate formal function argument 'args' @ 1:1"],
  ["{ a } @ a: 1", "duplicate formal function argument 'a' @ 1:1"],
  ["let ${a} = 1; in a", "dynamic attributes not allowed in let @ 1:1"],
  ['let "${a}" = 1; in a', "dynamic attributes not allowed in let @ 1:1"],
  ["x: let ${a} = 1; in a", "dynamic attributes not allowed in let @ 1:4"],
  ["{ inherit ${a}; }", "dynamic attributes not allowed in inherit @ 1:11"],
  ['{ inherit (a) "${b}"; }', "dynamic attributes not allowed in inherit @ 1:15"],
];

test("parse errors: messages and positions", () => {
  for (const [src, expected] of ERRORS) assert.equal(fail(src), expected, `source: ${JSON.stringify(src)}`);
});

test("AST shape: strings", () => {
  const interp = ast('"${x}"') as Str;
  assert.equal(interp.kind, "str");
  assert.equal(interp.parts.length, 1);
  assert.equal((interp.parts[0] as Expr).kind, "var");
  assert.deepEqual((ast('""') as Str).parts, []);
  const ind = ast("''a''$b''") as Str;
  assert.deepEqual(ind.parts, ["a$b"]);
  assert.deepEqual(ind.printParts, ["a", "$", "b"]);
  assert.equal(ind.indented, true);
  const uri = ast("http://x") as Str;
  assert.equal(uri.uri, true);
  assert.deepEqual(uri.parts, ["http://x"]);
  const p = ast("./a/${x}.nix");
  assert.equal(p.kind, "path");
  if (p.kind === "path") {
    assert.equal(p.origin, "relative");
    assert.equal(p.parts[0], "./a/");
    assert.equal(p.parts[2], ".nix");
  }
  const home = ast("~/a");
  assert.ok(home.kind === "path" && home.origin === "home");
  const abs = ast("/a");
  assert.ok(abs.kind === "path" && abs.origin === "absolute");
  assert.deepEqual(ast("<a/b>"), { kind: "searchPath", span: ast("<a/b>").span, path: "a/b" });
});

test("AST shape: inherit (e) shares one index per clause", () => {
  const e = ast("let inherit (a) x y; inherit (b) z; inherit w; in x") as Let;
  assert.equal(e.kind, "let");
  assert.equal(e.inheritFrom.length, 2);
  const by = new Map(e.bindings.map((b) => [b.name, b]));
  assert.equal(by.get("x")!.kind, "inheritFrom");
  assert.equal(by.get("x")!.from, 0);
  assert.equal(by.get("y")!.from, 0);
  assert.equal(by.get("z")!.from, 1);
  assert.equal(by.get("w")!.kind, "inherit");
  assert.equal(by.get("w")!.value.kind, "var");
});

test("AST shape: spans", () => {
  const e = ast("a + bc") as Binary;
  assert.deepEqual([e.span.start, e.span.end, e.opSpan.start, e.opSpan.end], [0, 6, 2, 3]);
  assert.deepEqual([e.right.span.start, e.right.span.end], [4, 6]);
  const l = ast("  x: x");
  assert.ok(l.kind === "lambda");
  if (l.kind === "lambda") assert.deepEqual([l.span.start, l.argSpan!.start, l.argSpan!.end], [2, 2, 3]);
  const a = ast("{ a.b = 1; }");
  assert.ok(a.kind === "attrs");
  if (a.kind === "attrs") {
    assert.equal(a.bindings[0]!.span.start, 2);
    assert.equal(a.span.start, 0);
    assert.equal(a.span.end, 12);
  }
  const c = ast("f x y");
  assert.ok(c.kind === "call" && c.args.length === 2 && c.span.end === 5);
});

test("options: lints, pure mode and warnings", () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  assert.equal(
    fail("http://x", { lintUrlLiterals: "fatal" }),
    'URL literals are disallowed. Consider using a string literal "http://x" instead (lint-url-literals) @ 1:1',
  );
  assert.equal(show('"http://x"', { lintUrlLiterals: "fatal" }), '"http://x"');
  assert.equal(
    fail("[ /tmp/foo ]", { lintAbsolutePathLiterals: "fatal" }),
    "absolute path literals are not portable. Consider replacing path literal '/tmp/foo' by a string, relative path, or parameter (lint-absolute-path-literals) @ 1:3",
  );
  assert.equal(
    fail("a/b", { lintShortPathLiterals: "fatal" }),
    "relative path literal 'a/b' should be prefixed with '.' for clarity: './a/b' (lint-short-path-literals) @ 1:1",
  );
  assert.equal(show("../a", { lintShortPathLiterals: "fatal" }), "/a");
  show("~/a", { lintAbsolutePathLiterals: "warn", warn });
  assert.deepEqual(warnings, [
    "home path literals are not portable. Consider replacing path literal '~/a' by a string, relative path, or parameter (lint-absolute-path-literals)",
  ]);
  assert.throws(() => ast("~/a", { pureEval: true }), /the path '~\/a' can not be resolved in pure mode/);
  warnings.length = 0;
  show("[ f or ] ++ [ (g or) ] ++ (map or [])", { warn });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^at \/pwd\/test\.nix:1:3: This expression uses `or` as an identifier/);
  assert.match(warnings[0]!, /\n {4}\(f or\)\n/);
});

test("large inputs parse", () => {
  const items: string[] = [];
  for (let i = 0; i < 20000; i++) items.push(`a${i} = { x = "s${i}\${y}"; y = [ ${i} ./p${i} ]; z = f a.b or c; };`);
  const src = `{ ${items.join("\n")} }`;
  const e = ast(src);
  assert.ok(e.kind === "attrs" && e.bindings.length === 20000);
  // Deep right-nested operator chains must not overflow the stack.
  const chain = Array.from({ length: 2000 }, (_, i) => `[${i}]`).join(" ++ ");
  assert.equal(ast(chain).kind, "binary");
  assert.equal(ast("[".repeat(3000) + "]".repeat(3000)).kind, "list");
  // Deep nesting parses, or (beyond what the JS stack allows) is a NixError, never a RangeError.
  for (const depth of [300000, 3000000]) {
    try {
      assert.equal(ast("(".repeat(depth) + "1" + ")".repeat(depth)).kind, "int");
    } catch (e) {
      assert.ok(e instanceof NixError && e.kind === "stack-overflow", String(e));
    }
  }
});

// ---- Nix's own language tests, when a checkout is available -------------------

const LANG = process.env["NIX_LANG_TESTS"] ?? "/work/upstream/NixOS+nix/tests/functional/lang";
/** parse-fail tests whose error comes from name binding (the evaluator), not the parser. */
const UNDEFINED_VARIABLE = new Set(["parse-fail-undef-var.nix", "parse-fail-regression-20060610.nix"]);

function optionsFromFlags(file: string, warn: (m: string) => void): ParseOptions {
  const flagsFile = file.replace(/\.nix$/, ".flags");
  const flags = existsSync(flagsFile) ? readFileSync(flagsFile, "utf8").replace(/#.*/g, "").split(/\s+/) : [];
  const level = (name: string) => {
    const i = flags.indexOf(`--lint-${name}`);
    return i >= 0 ? (flags[i + 1] as ParseOptions["lintUrlLiterals"]) : undefined;
  };
  return {
    lintUrlLiterals: level("url-literals"),
    lintShortPathLiterals: level("short-path-literals"),
    lintAbsolutePathLiterals: level("absolute-path-literals"),
    pipeOperators: flags.includes("pipe-operators"),
    warn,
  };
}

/** The (possibly multi-line) message and the `at FILE:L:C:` position of an expected-error file. */
function expectedError(errFile: string): { message: string; pos: string } {
  const lines = readFileSync(errFile, "utf8").split("\n");
  const atIndex = lines.findIndex((l) => /^\s+at /.test(l));
  const messageLines = lines.slice(0, atIndex < 0 ? 1 : atIndex).map((l, i) => (i === 0 ? l.replace(/^error: /, "") : l.slice(7)));
  const message = messageLines.join("\n");
  const at = atIndex < 0 ? "" : lines[atIndex]!;
  return { message, pos: at.replace(/^\s+at /, "").replace(/:$/, "") };
}

function errorPos(e: NixError): string {
  if (!e.span) return "";
  const { line, column } = e.span.source.position(e.span.start);
  return `${e.span.source.path}:${line}:${column}`;
}

test("Nix tests/functional/lang", { skip: !existsSync(LANG) && "no Nix checkout" }, () => {
  const counts = { okay: 0, fail: 0, eval: 0, evalParseErrors: 0 };
  for (const name of readdirSync(LANG).sort()) {
    if (!name.endsWith(".nix")) continue;
    const file = join(LANG, name);
    const text = readFileSync(file, "utf8");
    const warnings: string[] = [];
    const options = optionsFromFlags(file, (m) => warnings.push(m));
    // Nix's test runner feeds parse tests on stdin and evaluates eval tests from /pwd/lang.
    const source = name.startsWith("parse-") ? new Source("«stdin»", text, false) : new Source(`/pwd/lang/${name}`, text, true);
    const run = () => parse(source, options);
    if (name.startsWith("parse-okay-")) {
      const expected = readFileSync(file.replace(/\.nix$/, ".exp"), "utf8").trim();
      assert.equal(printAst(run(), { baseDir: "/pwd" }), expected, name);
      counts.okay++;
    } else if (name.startsWith("parse-fail-")) {
      if (UNDEFINED_VARIABLE.has(name)) {
        run(); // parses; the undefined variable is reported when names are bound
        continue;
      }
      const exp = expectedError(file.replace(/\.nix$/, ".err.exp"));
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof NixError, name);
        assert.equal(e.message, exp.message, name);
        assert.equal(errorPos(e), exp.pos, name);
        return true;
      });
      counts.fail++;
    } else if (name.startsWith("eval-")) {
      counts.eval++;
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      const errFile = file.replace(/\.nix$/, ".err.exp");
      if (err !== undefined) {
        assert.ok(err instanceof NixError && existsSync(errFile), `${name} should parse: ${String(err)}`);
        const exp = expectedError(errFile);
        assert.equal(err.message, exp.message, name);
        assert.equal(errorPos(err), exp.pos, name);
        counts.evalParseErrors++;
      }
      const expectedWarnings = existsSync(errFile)
        ? readFileSync(errFile, "utf8")
            .split("\n")
            .filter((l) => l.startsWith("warning: ") && (l.includes("(lint-") || l.includes("This expression uses `or`")))
            .map((l) => l.replace(/^warning: /, ""))
        : [];
      assert.deepEqual(
        warnings.map((w) => w.split("\n")[0]),
        expectedWarnings,
        name,
      );
    }
  }
  assert.ok(counts.okay >= 10 && counts.fail >= 30, JSON.stringify(counts));
});
