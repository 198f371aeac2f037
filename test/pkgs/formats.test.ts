/**
 * `pkgs.formats`, evaluated through our evaluator and written into a scratch
 * store. The YAML expectations were produced by ruamel.yaml configured as
 * remarshal configures it (YAML 1.1 and 1.2), the JSON ones by jq 1.7's
 * rules (numbers kept as written), the XML one by xmltodict's `unparse`;
 * the TOML layout follows the outputs in Home Manager's test suite; the
 * INI-like ones come from `lib.generators` as nixpkgs uses them.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PkgsHarness } from "./harness.js";

const h = new PkgsHarness();
const gen = (format: string, value: string, name = "out") => h.text(`"\${(pkgs.formats.${format}).generate "${name}" (${value})}"`);

describe("JSON-based formats", () => {
  test("json: jq's pretty print", () => {
    assert.equal(
      gen("json { }", '{ b = { }; a = [ 1 2.5 "s\\t" null ]; c = [ ]; d = 12.0; }'),
      '{\n  "a": [\n    1,\n    2.5,\n    "s\\t",\n    null\n  ],\n  "b": {},\n  "c": [],\n  "d": 12.0\n}\n',
    );
  });

  const yamlValue = `{
    a-list = [ 1 "yes" { k = "v"; n = null; } ];
    empty = { };
    float = 1.0;
    long = "This is a fairly long line of text that will need to be folded by the emitter because it goes past eighty columns";
    multi = "line one\\nline two\\n";
    none = [ ];
    quoted = [ "#hash" "90" "on" "It's" "- dash" "key: value" "~" "" ];
    unicode = "żółw 🐢";
  }`;

  test("yaml (1.1): quoting, folding, block layout", () => {
    assert.equal(
      gen("yaml { }", yamlValue),
      `%YAML 1.1
---
a-list:
- 1
- 'yes'
- k: v
  'n': null
empty: {}
float: 1.0
long: This is a fairly long line of text that will need to be folded by the emitter
  because it goes past eighty columns
multi: "line one\\nline two\\n"
none: []
quoted:
- '#hash'
- '90'
- 'on'
- It's
- '- dash'
- 'key: value'
- '~'
- ''
unicode: żółw 🐢
`,
    );
    assert.equal(gen("yaml_1_1 { }", "{ x = [ [ 1 2 ] { } ]; }"), "%YAML 1.1\n---\nx:\n- - 1\n  - 2\n- {}\n");
  });

  test("yaml_1_2: YAML 1.2 booleans need no quotes", () => {
    const out = gen("yaml_1_2 { }", yamlValue);
    assert.ok(out.startsWith("%YAML 1.2\n---\na-list:\n- 1\n- yes\n- k: v\n  n: null\n"), out);
    assert.ok(out.includes("\n- on\n"), out);
  });

  test("toml: pairs first, header-less parent tables, arrays of tables, string styles", () => {
    assert.equal(
      gen(
        "toml { }",
        `{
          title = "T";
          owner = { name = "N"; dob = 1.5; };
          servers = { alpha = { ip = "10.0.0.1"; }; beta = { ip = "10.0.0.2"; }; };
          products = [ { name = "Hammer"; } { name = "Nail"; color = "grey"; } ];
          mixed = [ [ 1 2 ] [ { a = 1; } ] ];
          quote = "say \\"hi\\"";
          script = "line\\n";
          both = "it's \\"x\\"";
          ctl = "a\\tb";
        }`,
      ),
      `both = "it's \\"x\\""
ctl = "a\\tb"
mixed = [[1, 2], [{a = 1}]]
quote = 'say "hi"'
script = """
line
"""
title = "T"

[owner]
dob = 1.5
name = "N"

[[products]]
name = "Hammer"

[[products]]
color = "grey"
name = "Nail"

[servers.alpha]
ip = "10.0.0.1"

[servers.beta]
ip = "10.0.0.2"
`,
    );
    // A parent holding one table right after the top-level pairs: no blank line (as the reference shows).
    assert.equal(
      gen("toml { }", '{ shell = "zsh"; plugins.p = { apply = [ "defer" ]; }; templates.t = "x\\ny"; }'),
      'shell = "zsh"\n[plugins.p]\napply = ["defer"]\n\n[templates]\nt = "x\\ny"\n',
    );
  });

  test("toml inline tables as tomlkit writes them", () => {
    assert.equal(
      gen("toml { }", "{ l = [ 1 { a = { y = 1; x = { z = 2; }; }; b = 1; } ]; }"),
      "l = [1, {b = 1, a = {x = {z = 2},y = 1}}]\n",
    );
  });

  test("toml rejects null (its type does too)", () => {
    const hn = new PkgsHarness();
    assert.throws(
      () => hn.build('"${(pkgs.formats.toml { }).generate "bad.toml" { a = null; }}"'),
      /^BuilderError: builder for 'bad\.toml' failed: Cannot convert data to TOML \(null values are not supported\)$/,
    );
    assert.throws(
      () =>
        h.eval(
          "(lib.evalModules { modules = [ { options.s = lib.mkOption { type = (pkgs.formats.toml { }).type; }; } { s.a = null; } ]; }).config.s",
        ),
      /is not of type `TOML value'/,
    );
  });

  test("xml: xmltodict's layout", () => {
    assert.equal(
      gen(
        "xml { }",
        '{ root = { "@id" = "1"; "#text" = "t<&>"; child = [ { "@a" = "x\\"y"; "#text" = "c1"; } "c2" null 3 false ]; empty = { }; }; }',
      ),
      `<?xml version="1.0" encoding="utf-8"?>
<root id="1">
  <child a='x"y'>c1</child>
  <child>c2</child>
  <child></child>
  <child>3</child>
  <child>false</child>
  <empty></empty>
t&lt;&amp;&gt;</root>
`,
    );
    assert.equal(gen("xml { withHeader = false; }", '{ root = "t"; }'), "<root>t</root>\n");
    assert.throws(() => h.eval('pkgs.formats.xml { format = "x"; }'), /pkgs\.formats\.xml: Unknown format: x/);
  });

  test("pythonVars: assignments laid out as black does", () => {
    assert.equal(
      gen(
        "pythonVars { }",
        `{ A = 1; B = "it's"; C = [ 1 { k = null; } ]; D = { }; E = [ ]; F = true; _imports = [ "os" ];
           G = (pkgs.formats.pythonVars { }).lib.mkRaw "os.environ"; }`,
      ),
      'import os\n\nA = 1\nB = "it\'s"\nC = [\n    1,\n    {\n        "k": None,\n    },\n]\nD = {}\nE = []\nF = True\nG = os.environ\n',
    );
  });
});

describe("formats from lib.generators", () => {
  test("ini and its list options", () => {
    assert.equal(
      gen("ini { }", '{ main = { name = "x"; on = true; n = 1; }; "sub sec" = { k = "v"; }; }'),
      "[main]\nn=1\nname=x\non=true\n\n[sub sec]\nk=v\n",
    );
    assert.equal(gen("ini { listsAsDuplicateKeys = true; }", '{ s.k = [ "a" "b" ]; }'), "[s]\nk=a\nk=b\n");
    assert.equal(gen('ini { listToValue = lib.concatStringsSep ","; }', '{ s = { k = [ "a" "b" ]; j = 1; }; }'), "[s]\nj=1\nk=a,b\n");
    assert.equal(gen("iniWithGlobalSection { }", '{ globalSection.g = 1; sections.s.k = "v"; }'), "g=1\n\n[s]\nk=v\n");
  });

  test("keyValue, gitIni, systemd", () => {
    assert.equal(gen("keyValue { }", '{ a = 1; b = "two"; c = false; }'), "a=1\nb=two\nc=false\n");
    assert.equal(gen("keyValue { listsAsDuplicateKeys = true; }", "{ a = [ 1 2 ]; }"), "a=1\na=2\n");
    assert.equal(
      gen("gitIni { }", '{ user = { name = "N"; }; remote.origin.url = "u"; }'),
      '[remote "origin"]\n\turl = "u"\n\n[user]\n\tname = "N"\n',
    );
    assert.equal(
      gen("systemd", '{ Unit = { Description = "d"; After = [ "a" "b" ]; X = null; }; }'),
      "[Unit]\nAfter = a\nAfter = b\nDescription = d\n# X is unset\n",
    );
  });

  test("lua, elixirConf, nixConf", () => {
    assert.equal(gen("lua { }", '{ a = 1; b = [ "x" ]; }'), 'return {\n  ["a"] = 1,\n  ["b"] = {\n    "x"\n  }\n}\n');
    assert.equal(gen("lua { asBindings = true; }", "{ a = 1; }"), "a = 1\n");
    assert.equal(
      gen("elixirConf { }", '{ app = { key = "v#"; port = 4000; list = [ 1 true null ]; kw.a = 1; }; }'),
      'import Config\n\nconfig app, key, "v\\#"\nconfig app, kw, [a: 1]\nconfig app, list, [1, true, nil]\nconfig app, port, 4000\n',
    );
    assert.equal(
      gen(
        'nixConf { package = "/nix"; version = "2.24"; extraOptions = "x = y"; }',
        '{ substituters = "a b"; extra-substituters = "c"; cores = 0; }',
      ),
      "# WARNING: this file is generated from the nix.* options in\n# your NixOS configuration, typically\n# /etc/nixos/configuration.nix.  Do not edit it!\ncores = 0\nsubstituters = a b\nextra-substituters = c\nx = y\n",
    );
  });
});

describe("javaProperties", () => {
  test("comment, escapes, Java unicode escapes; values coerced by the type", () => {
    assert.equal(
      gen("javaProperties { }", '{ "a key" = "x=y\\n z"; n = "é#!"; }'),
      "# Generated with Nix\n\na\\ key = x=y\\n\\\n\\ z\nn = \\u00e9\\#\\!\n",
    );
    assert.equal(gen('javaProperties { comment = "  one\\ntwo"; }', '{ k = "v"; }'), "# one\n# two\n\nk = v\n");
    assert.equal(
      h.value(
        "(lib.evalModules { modules = [ { options.s = lib.mkOption { type = (pkgs.formats.javaProperties { }).type; }; } { s = { a = true; b = 2; }; } ]; }).config.s",
      ),
      '{ a = "true"; b = "2"; }',
    );
  });
});

describe("format types", () => {
  test("descriptions", () => {
    assert.equal(
      h.value(
        "map (f: f.type.description) [ (pkgs.formats.json { }) (pkgs.formats.yaml { }) (pkgs.formats.yaml_1_2 { }) (pkgs.formats.toml { }) (pkgs.formats.lua { }) ]",
      ),
      '[ "JSON value" "YAML 1.1 value" "YAML 1.2 value" "TOML value" "lua value" ]',
    );
    assert.equal(
      h.value("(pkgs.formats.ini { listsAsDuplicateKeys = true; }).type.description"),
      '"attribute set of section of an INI file (attrs of INI atom (null, bool, int, float or string) or a list of them for duplicate keys)"',
    );
  });

  test("settings merge through the module system", () => {
    assert.equal(
      h.value(
        "(lib.evalModules { modules = [ { options.s = lib.mkOption { type = (pkgs.formats.json { }).type; }; } { s.a = 1; } { s.b = [ true ]; } ]; }).config.s",
      ),
      "{ a = 1; b = [ true ]; }",
    );
    assert.equal(
      h.value(
        "(lib.evalModules { modules = [ { options.s = lib.mkOption { type = (pkgs.formats.keyValue { listsAsDuplicateKeys = true; }).type; }; } { s.a = 1; } ]; }).config.s",
      ),
      "{ a = [ 1 ]; }",
    );
  });
});
