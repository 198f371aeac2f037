/**
 * `lib.hm.nushell` (values, bindings, name validation) and `lib.hm.mcp`
 * (server normalisation and the env-file wrapper script, with a stub
 * `pkgs.writeShellScript`). Expected texts are real Nix 2.8 output for Home
 * Manager's lib.
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'hm.nushell.toNushell { } { a = 1; b = [ 1 "x" true null 1.5 ]; c = { d = { }; e = [ ]; f = hm.nushell.mkNushellInline "$env.HOME"; }; "with space" = "q\\"uote"; }',
    '"{\\n    \\"a\\": 1\\n    \\"b\\": [\\n        1\\n        \\"x\\"\\n        true\\n        null\\n        1.5\\n    ]\\n    \\"c\\": {\\n        \\"d\\": {}\\n        \\"e\\": []\\n        \\"f\\": ($env.HOME)\\n    }\\n    \\"with space\\": \\"q\\\\\\"uote\\"\\n}"',
  ],
  [
    'hm.nushell.toNushell { multiline = false; } { a = 1; b = [ 1 "x" ]; c = { d = 2; }; }',
    '"{ \\"a\\": 1 \\"b\\": [ 1 \\"x\\" ] \\"c\\": { \\"d\\": 2 } }"',
  ],
  [
    "hm.nushell.toNushell { asBindings = true; } { a = 1; b = [ 1 2 ]; c = { d = 2; }; }",
    '"let a = 1\\nlet b = [\\n    1\\n    2\\n]\\nlet c = {\\n    \\"d\\": 2\\n}\\n"',
  ],
  [
    'hm.nushell.toNushell { asBindings = true; indent = "  "; } { x = { y = [ 1 ]; }; }',
    '"  let x = {\\n      \\"y\\": [\\n          1\\n      ]\\n  }\\n"',
  ],
  ['hm.nushell.toNushell { asBindings = true; } { fooBar = 1; "a.b" = 2; }', { error: "Bad Nushell variable names: [" }],
  ["hm.nushell.toNushell { } (x: x)", { error: "nushell.toNushell: type lambda is unsupported" }],
  ['hm.nushell.toNushell { indent = "  "; } [ [ 1 ] [ ] ]', '"[\\n      [\\n          1\\n      ]\\n      []\\n  ]"'],
  [
    '[ (hm.nushell.isNushellInline (hm.nushell.mkNushellInline "x")) (hm.nushell.isNushellInline {}) (hm.nushell.mkNushellInline "x") ]',
    '[ true false { _type = "nushell-inline"; expr = "x"; } ]',
  ],
  [
    'hm.mcp.transformMcpServer { server = { command = "x"; args = [ ]; env = { A = "1"; B.file = "/run/b"; }; disabled = true; serverUrl = "http://u"; headers = { }; }; }',
    '{ command = "x"; enabled = false; env = { A = "1"; B = "{file:/run/b}"; }; url = "http://u"; }',
  ],
  [
    'hm.mcp.transformMcpServer { server = { url = "http://a"; enabled = false; foo = null; keep = 1; }; exclude = [ "keep" ]; extraTransforms = [ hm.mcp.addType (s: s // { extra = 1; }) ]; mkFileRef = p: "<${p}>"; }',
    '{ enabled = false; extra = 1; type = "http"; url = "http://a"; }',
  ],
  [
    'hm.mcp.transformMcpServer { server = { command = "c"; env.T.file = "/t"; }; extraTransforms = [ (hm.mcp.wrapEnvFilesCommand { name = "srv"; pkgs = { writeShellScript = n: t: { inherit n t; }; }; }) ]; }',
    '{ command = { n = "mcp-srv-wrapper"; t = "if T=$(cat /t); then\\n  export T\\nelse\\n  printf \'[srv wrapper ] Failed to read env var %s from %s\\\\n\' \\\\\\n    T \\\\\\n    /t >&2\\nfi\\n\\nexec c\\n"; }; }',
  ],
  [
    'hm.mcp.mkEnvFilesWrapper { name = "n"; server = { command = "/bin/c md"; args = [ "a b" "--x" ]; env = { A = "lit"; TOKEN.file = "/run/secrets/to ken"; Z.file = "/z"; }; }; pkgs = { writeShellScript = n: t: { inherit n t; }; }; }',
    "{ n = \"mcp-n-wrapper\"; t = \"if TOKEN=$(cat '/run/secrets/to ken'); then\\n  export TOKEN\\nelse\\n  printf '[n wrapper ] Failed to read env var %s from %s\\\\n' \\\\\\n    TOKEN \\\\\\n    '/run/secrets/to ken' >&2\\nfi\\nif Z=$(cat /z); then\\n  export Z\\nelse\\n  printf '[n wrapper ] Failed to read env var %s from %s\\\\n' \\\\\\n    Z \\\\\\n    /z >&2\\nfi\\n\\nexec '/bin/c md' 'a b' --x\\n\"; }",
  ],
  [
    '[ (hm.mcp.resolveEnabled { }) (hm.mcp.resolveEnabled { disabled = true; }) (hm.mcp.resolveEnabled { enabled = null; disabled = false; }) (hm.mcp.addType { url = null; }) (hm.mcp.addType { type = "x"; }) ]',
    '[ null false true { type = "stdio"; url = null; } { type = "x"; } ]',
  ],
  ['hm.mcp.renderEnv (p: "F" + p) { a = "x"; b = { file = "/f"; }; }', '{ a = "x"; b = "F/f"; }'],
];

describe("lib.hm.nushell and lib.hm.mcp", () => table(CASES));
