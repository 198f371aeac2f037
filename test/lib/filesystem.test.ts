/**
 * Table-driven tests for `lib.filesystem` and `lib.sources` over a fixture directory (`@DIR@`). Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const FILESYSTEM: Case[] = [
  ["lib.filesystem.pathIsDirectory @DIR@/tree", "true"],
  ["lib.filesystem.pathIsDirectory @DIR@/text", "false"],
  ["lib.filesystem.pathIsDirectory @DIR@/nonexistent", "false"],
  ["lib.filesystem.pathIsRegularFile @DIR@/text", "true"],
  ["lib.filesystem.pathIsRegularFile @DIR@/tree", "false"],
  ["lib.filesystem.pathType @DIR@/tree", '"directory"'],
  ["lib.filesystem.pathType @DIR@/text", '"regular"'],
  ["lib.filesystem.resolveDefaultNix @DIR@/tree", "@DIR@/tree/default.nix"],
  ['lib.filesystem.resolveDefaultNix "@DIR@/tree"', '"@DIR@/tree/default.nix"'],
  ['lib.filesystem.resolveDefaultNix "/x/"', '"/x/default.nix"'],
  ['lib.filesystem.resolveDefaultNix "/x/a.nix"', '"/x/a.nix"'],
  [
    "map toString (lib.filesystem.listFilesRecursive @DIR@/tree)",
    '[ "@DIR@/tree/.version" "@DIR@/tree/sub/deep/z.txt" "@DIR@/tree/sub/y.nix" "@DIR@/tree/x.nix" ]',
  ],
  ['lib.filesystem.locateDominatingFile "(.*\\\\.version)" @DIR@/tree/sub/y.nix', '{ matches = [ [ ".version" ] ]; path = @DIR@/tree; }'],
  ['lib.filesystem.locateDominatingFile "(nothing-matches-this)" @DIR@/tree/sub/y.nix', "null"],
  ["builtins.mapAttrs (n: toString) (lib.filesystem.haskellPathsInDir @DIR@/hs)", '{ foo = "@DIR@/hs/foo"; }'],
  [
    "lib.filesystem.packagesFromDirectoryRecursive { callPackage = path: _: import path; directory = @DIR@/tree; }",
    '{ sub = { deep = { }; y = "y"; }; x = "x"; }',
  ],
  ["lib.filesystem.packagesFromDirectoryRecursive { callPackage = path: _: import path; directory = @DIR@/withpkg; }", '"top"'],
  ["lib.trivial.importJSON @DIR@/a.json", "{ a = [ 1 2 ]; }"],
  ["lib.trivial.importTOML @DIR@/b.toml", '{ a = 1; b = { c = "d"; }; }'],
  ["lib.fileContents @DIR@/text", '"hello"'],
  ["lib.fileContents @DIR@/text2", '"hello\\n"'],
  ["lib.sources.commitIdFromGitRepo @DIR@/git/.git", '"0123456789abcdef0123456789abcdef01234567"'],
  ["lib.sources.pathIsGitRepo @DIR@/git/.git", "true"],
  ["lib.sources.pathIsGitRepo @DIR@/tree", "false"],
  ['lib.sources.cleanSourceFilter "/a/.git" "directory"', "false"],
  ['lib.sources.cleanSourceFilter "/a/foo.o" "regular"', "false"],
  ['lib.sources.cleanSourceFilter "/a/.foo.swp" "regular"', "false"],
  ['lib.sources.cleanSourceFilter "/a/result" "symlink"', "false"],
  ['lib.sources.cleanSourceFilter "/a/src.c" "regular"', "true"],
  ['lib.sources.urlToName "https://github.com/NixOS/nixpkgs.git"', '"nixpkgs"'],
  ['lib.sources.urlToName "https://example.com/foo.tar.gz"', '"foo"'],
  ['lib.sources.urlToName "git@github.com:foo/bar.git/"', '"bar"'],
  ['lib.sources.shortRev "f7e8b2aa9f1ab4e1a0f7a8c3e0d8e1e4b2f6c8d9"', '"f7e8b2a"'],
  ['lib.sources.shortRev "v1.2.3"', '"1.2.3"'],
  ['lib.sources.shortRev "release-1.0"', '"1.0"'],
  ['lib.sources.revOrTag null "v1"', '"v1"'],
  ['lib.sources.revOrTag "abc" null', '"abc"'],
  ["lib.sources.revOrTag null null", '"HEAD"'],
  ['lib.sources.repoRevToName "full" "https://github.com/a/b.git" "v1.0" "x"', '"b-1.0-x-source"'],
  ['lib.sources.repoRevToName "versioned" "https://github.com/a/b.git" "abcdef1234567" null', '"b-abcdef1-source"'],
  ['lib.sources.repoRevToName "source" 1 2 3', '"source"'],
  ["(lib.cleanSource @DIR@/tree)._isLibCleanSourceWith", "true"],
  ['(lib.cleanSourceWith { src = @DIR@/tree; name = "x"; }).name', '"x"'],
  ['lib.sources.pathHasContext "/nix/store/x"', "false"],
  ['lib.sources.canCleanSource "/x"', "true"],
];

describe("lib.filesystem and lib.sources", () => {
  describe("filesystem", () => {
    for (const [expr, expected] of FILESYSTEM) test(expr, () => h.check(expr, expected));
  });
});
