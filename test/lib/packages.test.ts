/**
 * Table-driven tests for `lib.meta`, `lib.licenses`, `lib.customisation` and `lib.derivations`. Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const PACKAGES: Case[] = [
  [
    'lib.addMetaAttrs { description = "x"; } { name = "a"; meta = { homepage = "h"; }; }',
    '{ meta = { description = "x"; homepage = "h"; }; name = "a"; }',
  ],
  ["lib.addMetaAttrs { a = 1; } { overrideAttrs = f: f { meta = { b = 2; }; }; }", "{ meta = { a = 1; b = 2; }; }"],
  ['lib.dontDistribute { name = "a"; }', '{ meta = { hydraPlatforms = [ ]; }; name = "a"; }'],
  ['lib.setName "n" { name = "a"; }', '{ name = "n"; }'],
  ['lib.updateName (n: n + "-x") { name = "a"; }', '{ name = "a-x"; }'],
  ['lib.appendToName "wrapped" { name = "hello-2.10"; }', '{ name = "hello-wrapped-2.10"; }'],
  ['lib.lowPrio { name = "a"; }', '{ meta = { priority = 10; }; name = "a"; }'],
  ['lib.hiPrio { name = "a"; }', '{ meta = { priority = -10; }; name = "a"; }'],
  ['lib.setPrio 3 { name = "a"; }', '{ meta = { priority = 3; }; name = "a"; }'],
  ["lib.meta.defaultPriority", "5"],
  [
    'lib.lowPrioSet { a = { type = "derivation"; name = "a"; }; b = 1; }',
    '{ a = { meta = { priority = 10; }; name = "a"; type = "derivation"; }; b = 1; }',
  ],
  ['lib.meta.platformMatch { system = "x86_64-linux"; } "x86_64-linux"', "true"],
  ['lib.meta.platformMatch { } "x86_64-linux"', "false"],
  ['lib.getExe { type = "derivation"; outPath = "/nix/store/x-hello"; meta.mainProgram = "hello"; }', '"/nix/store/x-hello/bin/hello"'],
  ['lib.getExe { type = "derivation"; outPath = "/o"; bin = { outPath = "/b"; }; meta.mainProgram = "hi"; }', '"/b/bin/hi"'],
  ['lib.getExe { type = "derivation"; outPath = "/o"; pname = "hello"; name = "hello-1.0"; }', '"/o/bin/hello"'],
  ['lib.getExe\' { type = "derivation"; outPath = "/o"; } "tool"', '"/o/bin/tool"'],
  ['lib.getExe\' { type = "derivation"; outPath = "/o"; bin = "/b"; } "tool"', '"/b/bin/tool"'],
  ['lib.meta.cpeFullVersionWithVendor "v" "1.0"', '{ update = "*"; vendor = "v"; version = "1.0"; }'],
  ['lib.getLicenseFromSpdxIdOr "MIT" null == lib.licenses.mit', "true"],
  ['lib.getLicenseFromSpdxIdOr "mit" null == lib.licenses.mit', "true"],
  ['lib.getLicenseFromSpdxIdOr "nope" "default"', '"default"'],
  ['lib.getLicenseFromSpdxId "Apache-2.0" == lib.licenses.asl20', "true"],
  [
    "lib.licenses.mit",
    '{ deprecated = false; free = true; fullName = "MIT License"; licenseType = "simple"; redistributable = true; shortName = "mit"; spdxId = "MIT"; url = "https://spdx.org/licenses/MIT.html"; }',
  ],
  [
    "lib.licenses.gpl3Plus",
    '{ deprecated = false; free = true; fullName = "GNU General Public License v3.0 or later"; licenseType = "simple"; redistributable = true; shortName = "gpl3Plus"; spdxId = "GPL-3.0-or-later"; url = "https://spdx.org/licenses/GPL-3.0-or-later.html"; }',
  ],
  [
    "lib.licenses.unfree",
    '{ deprecated = false; free = false; fullName = "Unfree"; licenseType = "simple"; redistributable = false; shortName = "unfree"; }',
  ],
  ["lib.licenses.isFree lib.licenses.mit", "true"],
  ["lib.licenses.isFree lib.licenses.unfree", "false"],
  ["lib.licenses.isFree (lib.licenses.OR [ lib.licenses.mit lib.licenses.unfree ])", "true"],
  ["lib.licenses.isFree (lib.licenses.AND [ lib.licenses.mit lib.licenses.unfree ])", "false"],
  [
    "lib.licenses.toSPDX (lib.licenses.AND [ lib.licenses.mit (lib.licenses.OR [ lib.licenses.asl20 lib.licenses.bsd3 ]) ])",
    '"MIT AND (Apache-2.0 OR BSD-3-Clause)"',
  ],
  [
    "lib.licenses.toSPDX (lib.licenses.WITH lib.licenses.gpl2Only lib.licenses.classpathException20)",
    '"GPL-2.0-only WITH Classpath-exception-2.0"',
  ],
  ["lib.licenses.toSPDX (lib.licenses.PLUS lib.licenses.mit)", '"MIT+"'],
  ["lib.licenses.toSPDX lib.licenses.unfree", '"LicenseRef-nixos-unfree"'],
  ["lib.licenses.containsLicenses [ lib.licenses.mit ] (lib.licenses.OR [ lib.licenses.mit lib.licenses.asl20 ])", "false"],
  ["builtins.length (builtins.attrNames lib.licensesSpdx) > 100", "true"],
  ["lib.licensesSpdx.MIT.shortName", '"mit"'],
  [
    'lib.lazyDerivation { derivation = { type = "derivation"; outputs = [ "out" ]; outPath = "/o"; name = "n"; out = { outPath = "/o"; }; }; passthru.p = 1; } ? p',
    "true",
  ],
  [
    'builtins.attrNames (lib.lazyDerivation { derivation = throw "lazy"; })',
    '[ "drvPath" "meta" "name" "out" "outPath" "outputName" "outputs" "system" "type" ]',
  ],
  [
    'builtins.attrNames (lib.lazyDerivation { derivation = throw "lazy"; outputs = [ "out" "dev" ]; })',
    '[ "dev" "drvPath" "meta" "name" "out" "outPath" "outputName" "outputs" "system" "type" ]',
  ],
  ['(lib.lazyDerivation { derivation = throw "lazy"; meta.x = 1; }).meta', "{ x = 1; }"],
  ["lib.optionalDrvAttr true 1", "1"],
  ["lib.optionalDrvAttr false 1", "null"],
  ['builtins.attrNames (lib.derivations.warnOnInstantiate "w" { name = "n"; type = "derivation"; a = 1; })', '[ "a" "name" "type" ]'],
  ["(lib.makeOverridable ({ a, b }: { result = a + b; }) { a = 1; b = 2; }).result", "3"],
  ["((lib.makeOverridable ({ a, b }: { result = a + b; }) { a = 1; b = 2; }).override { b = 10; }).result", "11"],
  ["((lib.makeOverridable ({ a, b }: { result = a + b; }) { a = 1; b = 2; }).override (old: { b = old.a * 100; })).result", "101"],
  ["(((lib.makeOverridable ({ a, b }: { result = a + b; }) { a = 1; b = 2; }).override { b = 10; }).override { a = 5; }).result", "15"],
  ["lib.functionArgs (lib.makeOverridable ({ a, b ? 1 }: a))", "{ a = false; b = true; }"],
  ["lib.functionArgs (lib.makeOverridable ({ a, b ? 1 }: a) { a = 1; }).override", { error: "expected a set but found an integer: 1" }],
  ["lib.makeOverridable ({ a }: a * 2) { a = 3; }", "6"],
  ["builtins.attrNames (lib.makeOverridable ({ a }: { x = a; }) { a = 3; })", '[ "override" "overrideDerivation" "x" ]'],
  [
    "builtins.attrNames (lib.makeOverridable ({ a }: { x = a; overrideAttrs = f: 1; }) { a = 3; })",
    '[ "override" "overrideAttrs" "overrideDerivation" "x" ]',
  ],
  ["(lib.makeOverridable ({ a }: b: a + b) { a = 1; }) 2", "3"],
  ["lib.functionArgs ((lib.makeOverridable ({ a }: { b }: a + b)) { a = 1; })", "{ b = false; }"],
  ["(lib.callPackageWith { a = 1; b = 2; c = 3; } ({ a, b }: a + b) { }).override or null == null", "true"],
  [
    'builtins.removeAttrs (lib.callPackageWith { a = 1; b = 2; } ({ a, b }: { r = a + b; }) { }) [ "override" "overrideDerivation" ]',
    "{ r = 3; }",
  ],
  ["builtins.attrNames (lib.callPackagesWith { a = 1; } ({ a }: { x = a; y = a + 1; }) { })", '[ "x" "y" ]'],
  ["(lib.callPackagesWith { a = 1; } ({ a }: { x = a; y = a + 1; }) { }).y", "2"],
  [
    "builtins.attrNames (lib.makeScope lib.callPackageWith (self: { a = 1; b = self.a + 1; }))",
    '[ "a" "b" "callPackage" "newScope" "overrideScope" "packages" ]',
  ],
  ["(lib.makeScope lib.callPackageWith (self: { a = 1; b = self.a + 1; })).b", "2"],
  ["((lib.makeScope lib.callPackageWith (self: { a = 1; b = self.a + 1; })).overrideScope (final: prev: { a = 10; })).b", "11"],
  ["(lib.makeScope lib.callPackageWith (self: { a = 1; f = self.callPackage ({ a }: a * 3) { }; })).f", "3"],
  [
    'lib.renameCrossIndexFrom "pkgs" { pkgsBuildBuild = 1; pkgsBuildHost = 2; pkgsBuildTarget = 3; pkgsHostHost = 4; pkgsHostTarget = 5; pkgsTargetTarget = 6; }',
    "{ buildBuild = 1; buildHost = 2; buildTarget = 3; hostHost = 4; hostTarget = 5; targetTarget = 6; }",
  ],
  [
    'lib.renameCrossIndexTo "self" { buildBuild = 1; buildHost = 2; buildTarget = 3; hostHost = 4; hostTarget = 5; targetTarget = 6; }',
    "{ selfBuildBuild = 1; selfBuildHost = 2; selfBuildTarget = 3; selfHostHost = 4; selfHostTarget = 5; selfTargetTarget = 6; }",
  ],
  [
    "lib.mapCrossIndex (x: x * 10) { buildBuild = 1; buildHost = 2; buildTarget = 3; hostHost = 4; hostTarget = 5; targetTarget = 6; }",
    "{ buildBuild = 10; buildHost = 20; buildTarget = 30; hostHost = 40; hostTarget = 50; targetTarget = 60; }",
  ],
  [
    'builtins.attrNames (lib.extendDerivation true { p = 1; } { outputs = [ "out" "dev" ]; out = { type = "derivation"; outputName = "out"; outPath = "/o"; drvPath = "/d"; }; dev = { type = "derivation"; outputName = "dev"; outPath = "/od"; drvPath = "/d"; }; outPath = "/o"; drvPath = "/d"; type = "derivation"; })',
    '[ "all" "dev" "drvPath" "out" "outPath" "outputs" "p" "type" ]',
  ],
  [
    '(lib.extendDerivation true { p = 1; } { outputs = [ "out" "dev" ]; out = { type = "derivation"; outputName = "out"; outPath = "/o"; drvPath = "/d"; }; dev = { type = "derivation"; outputName = "dev"; outPath = "/od"; drvPath = "/d"; }; outPath = "/o"; drvPath = "/d"; type = "derivation"; }).dev.outPath',
    '"/od"',
  ],
  ['builtins.tryEval (lib.extendDerivation false { } { outPath = "/o"; drvPath = "/d"; }).outPath', "{ success = false; value = false; }"],
];

describe("package helpers", () => {
  describe("packages", () => {
    for (const [expr, expected] of PACKAGES) test(expr, () => h.check(expr, expected));
  });
});
