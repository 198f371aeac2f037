/**
 * Tests of `lib.fileset` over a scratch tree (`@D@`): listing (`toList`) of
 * paths and combinators, filters, conversions from `lib.sources` values,
 * tracing, laziness, every argument error, and `toSource` results read back
 * from a private writing store (exactly the selected files, nothing else).
 * Expectations were written from nixpkgs' documented semantics and checked
 * against nixpkgs' own lib/fileset evaluated by this evaluator.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { buildLib } from "../../src/lib/index.js";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { nodeIO } from "../../src/nix/io.js";
import { callFunction } from "../../src/nix/ops.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";
import { LocalStore } from "../../src/nix/store/local-store.js";

const scratch = mkdtempSync(join(tmpdir(), "hm-fileset-test-"));
const D = join(scratch, "src");
const FILES: Record<string, string> = {
  "README.md": "readme\n",
  "main.c": "int main;\n",
  "src/a.c": "a\n",
  "src/a.h": "h\n",
  "src/deep/b.nix": "b\n",
  "tests/run.sh": "run\n",
  "tests/unit.c": "unit\n",
  "git/tracked": "t\n",
  "git/dir/also": "t2\n",
  "git/untracked": "u\n",
};
for (const [rel, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(D, rel)), { recursive: true });
  writeFileSync(join(D, rel), text);
}
mkdirSync(join(D, "emptydir/inner"), { recursive: true });
symlinkSync("main.c", join(D, "link"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const messages: string[] = [];
const st = new EvalState({
  baseDir: D,
  io: { ...nodeIO, printErr: (l) => messages.push(l) },
  store: new LocalStore(join(scratch, "store")),
});
const lib = buildLib(st);

const sub = (s: string) => s.split("@D@").join(D);
const unsub = (s: string) => s.split(D).join("@D@");

/** Evaluate `expr` with `lib.fileset` in scope: the printed value or the error message, and the traces. */
function run(expr: string): { out?: string; error?: string; traces: string[] } {
  messages.length = 0;
  try {
    const v = callFunction(st.evalString(`lib: with lib.fileset; ${sub(expr)}`), lib);
    deepForce(v);
    return { out: unsub(printAmbiguous(v)), traces: messages.map(unsub) };
  } catch (e) {
    if (e instanceof NixError) return { error: unsub(e.message), traces: messages.map(unsub) };
    throw e;
  }
}

function value(expr: string): string {
  const r = run(expr);
  assert.equal(r.error, undefined, `unexpected error from ${expr}`);
  return r.out!;
}

/** The files below a store path, as `relative:type` (symlinks with their target, files with their text). */
function contents(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel === "" ? name : `${rel}/${name}`;
      const s = lstatSync(p);
      if (s.isSymbolicLink()) out.push(`${r} -> ${readlinkSync(p)}`);
      else if (s.isDirectory()) {
        out.push(`${r}/`);
        walk(p, r);
      } else out.push(`${r}: ${readFileSync(p, "utf8").trim()}`);
    }
  };
  walk(root, "");
  return out;
}

function storeContents(expr: string): string[] {
  const out = value(`"\${${expr}}"`);
  const path = JSON.parse(out) as string;
  assert.ok(path.startsWith(join(scratch, "store") + "/"), path);
  assert.ok(path.endsWith("-source"), path);
  return contents(path);
}

const LIST: [string, string[]][] = [
  ["@D@/src", ["src/a.c", "src/a.h", "src/deep/b.nix"]],
  ["@D@/main.c", ["main.c"]],
  ["empty", []],
  ["union @D@/main.c @D@/tests", ["main.c", "tests/run.sh", "tests/unit.c"]],
  ["unions [ @D@/tests/unit.c @D@/src/deep @D@/README.md ]", ["README.md", "src/deep/b.nix", "tests/unit.c"]],
  ["unions [ ]", []],
  ["union empty @D@/link", ["link"]],
  ["intersection @D@/src (unions [ @D@/src/a.c @D@/main.c ])", ["src/a.c"]],
  ["intersection @D@/src/deep @D@", ["src/deep/b.nix"]],
  ["intersection @D@/src @D@/tests", []],
  ["intersection empty @D@", []],
  ["difference @D@/src @D@/src/a.h", ["src/a.c", "src/deep/b.nix"]],
  ["difference @D@/src @D@", []],
  ["difference @D@/tests empty", ["tests/run.sh", "tests/unit.c"]],
  ["difference (unions [ @D@/main.c @D@/src ]) @D@/src/deep", ["main.c", "src/a.c", "src/a.h"]],
  ['fileFilter (f: f.hasExt "c") @D@', ["main.c", "src/a.c", "tests/unit.c"]],
  ['fileFilter (f: f.name == "b.nix" || f.type == "symlink") @D@', ["link", "src/deep/b.nix"]],
  ['fileFilter (f: f.hasExt "md") @D@/README.md', ["README.md"]],
  ['fileFilter (f: f.hasExt "c") @D@/README.md', []],
  ['intersection (fileFilter (f: f.hasExt "c") @D@) (union @D@/src @D@/tests)', ["src/a.c", "tests/unit.c"]],
  ["maybeMissing @D@/does-not-exist", []],
  ["maybeMissing @D@/README.md", ["README.md"]],
  ["fromSource @D@/tests", ["tests/run.sh", "tests/unit.c"]],
  ['fromSource (lib.sources.sourceByRegex @D@/src [ ".*\\\\.h" "deep" "deep/.*" ])', ["src/a.h", "src/deep/b.nix"]],
  ['fromSource (lib.sources.cleanSourceWith { src = @D@/src; filter = p: t: baseNameOf p != "deep"; })', ["src/a.c", "src/a.h"]],
  ["@D@/emptydir", []],
];

describe("lib.fileset", () => {
  describe("toList", () => {
    for (const [expr, files] of LIST)
      test(expr, () => {
        const expected = files.length === 0 ? "[ ]" : `[ ${files.map((f) => `"@D@/${f}"`).join(" ")} ]`;
        assert.equal(value(`map toString (toList (${expr}))`), expected);
      });
  });

  test("isFileset and the representation", () => {
    assert.equal(
      value('map isFileset [ @D@ @D@/missing empty (union @D@/src @D@/tests) 1 "@D@" ]'),
      "[ true false true true false false ]",
    );
    assert.equal(value("(union @D@/src @D@/tests)._type"), '"fileset"');
    assert.equal(value("(union @D@/src/a.c @D@/tests)._internalTree"), '{ src = { "a.c" = "regular"; }; tests = "directory"; }');
    assert.equal(value("toString (union @D@/src/a.c @D@/tests)._internalBase"), '"@D@"');
    assert.equal(value('lib.isType "fileset" empty'), "true");
    const noEval = run("union @D@/src @D@/tests");
    assert.match(
      noEval.error ?? "",
      /^lib\.fileset: Directly evaluating a file set is not supported\.\n {2}To turn it into a usable source/,
    );
  });

  test("file sets of an older internal version are accepted, newer ones refused", () => {
    assert.equal(
      value('map toString (toList { _type = "fileset"; _internalVersion = 0; _internalBase = @D@/tests; _internalTree = "directory"; })'),
      '[ "@D@/tests/run.sh" "@D@/tests/unit.c" ]',
    );
    assert.equal(
      run('toList { _type = "fileset"; _internalVersion = 4; }').error,
      "lib.fileset.toList: Argument is a file set created from a future version of the file set library with a different internal representation:\n" +
        "    - Internal version of the file set: 4\n    - Internal version of the library: 3\n" +
        "    Make sure to update your Nixpkgs to have a newer version of `lib.fileset`.",
    );
  });

  test("combinators only look at what decides the result", () => {
    const lazySet = (tree: string) =>
      `{ _type = "fileset"; _internalVersion = 3; _internalIsEmptyWithoutBase = false; _internalBase = @D@; _internalTree = ${tree}; }`;
    assert.equal(value(`map toString (toList (union @D@ ${lazySet('abort "unused"')}))`).includes("@D@/main.c"), true);
    assert.equal(value(`toList (intersection ${lazySet("{ src = null; }")} ${lazySet('{ src = abort "unused"; }')})`), "[ ]");
    assert.equal(value(`toList (difference ${lazySet("null")} ${lazySet('abort "unused"')})`), "[ ]");
    assert.equal(value('toList (fileFilter (f: abort "unused") @D@/emptydir)'), "[ ]");
    const filter =
      'p: t: if p == toString @D@/src || p == toString @D@/src/a.c then true else if p == toString @D@/src/a.h || p == toString @D@/src/deep then false else abort "filter called on ${p}"';
    assert.equal(
      value(`map toString (toList (intersection @D@/src (fromSource (lib.cleanSourceWith { src = @D@; filter = ${filter}; }))))`),
      '[ "@D@/src/a.c" ]',
    );
  });

  test("trace and traceVal", () => {
    const r = run("trace (unions [ @D@/main.c @D@/src/deep @D@/tests/unit.c @D@/emptydir ]) 42");
    assert.equal(r.out, "42");
    assert.deepEqual(r.traces, [
      "trace: @D@",
      "trace: - main.c (regular)",
      "trace: - src",
      "trace:   - deep (all files in directory)",
      "trace: - tests",
      "trace:   - unit.c (regular)",
    ]);
    const v = run("(traceVal @D@/tests)._type");
    assert.equal(v.out, '"fileset"');
    assert.deepEqual(v.traces, ["trace: @D@/tests (all files in directory)"]);
    assert.deepEqual(run("trace empty null").traces, ["trace: (empty)"]);
    assert.deepEqual(run("trace @D@/emptydir null").traces, ["trace: (empty)"]);
    assert.deepEqual(run("trace (difference @D@/tests @D@/tests/run.sh) null").traces, ["trace: @D@/tests", "trace: - unit.c (regular)"]);
  });

  describe("toSource", () => {
    test("copies exactly the selected files", () => {
      assert.deepEqual(storeContents("toSource { root = @D@; fileset = unions [ @D@/main.c @D@/src/deep @D@/link @D@/emptydir ]; }"), [
        "link -> main.c",
        "main.c: int main;",
        "src/",
        "src/deep/",
        "src/deep/b.nix: b",
      ]);
      assert.deepEqual(storeContents('toSource { root = @D@/src; fileset = fileFilter (f: f.hasExt "c") @D@/src; }'), ["a.c: a"]);
      assert.deepEqual(storeContents("toSource { root = @D@; fileset = empty; }"), []);
      assert.deepEqual(storeContents("toSource { root = @D@/tests; fileset = @D@/tests; }"), ["run.sh: run", "unit.c: unit"]);
    });

    test("is a lib.sources value named source", () => {
      assert.equal(
        value("builtins.attrNames (toSource { root = @D@; fileset = @D@/main.c; })"),
        '[ "_isLibCleanSourceWith" "filter" "name" "origSrc" "outPath" ]',
      );
      assert.equal(value("(toSource { root = @D@; fileset = @D@/main.c; }).name"), '"source"');
      assert.equal(
        value(
          "(toSource { root = @D@; fileset = @D@/main.c; }).outPath == (toSource { root = @D@; fileset = union @D@/main.c @D@/emptydir; }).outPath",
        ),
        "true",
      );
    });

    test("refuses files that are neither regular files nor symlinks", (t) => {
      const fifo = join(D, "pipe-dir/fifo");
      mkdirSync(dirname(fifo), { recursive: true });
      if (spawnSync("mkfifo", [fifo]).status !== 0) return t.skip("mkfifo not available");
      assert.equal(
        run('"${toSource { root = @D@; fileset = @D@/pipe-dir; }}"').error,
        `lib.fileset.toSource: \`fileset\` contains a file that cannot be added to the store: @D@/pipe-dir/fifo\n` +
          "    This file is neither a regular file nor a symlink, the only file types supported by the Nix store.\n" +
          "    Therefore the file set cannot be added to the Nix store as is. Make sure to not include that file to avoid this error.",
      );
      assert.equal(value('map toString (toList (fileFilter (f: f.type == "unknown") @D@/pipe-dir))'), '[ "@D@/pipe-dir/fifo" ]');
      rmSync(dirname(fifo), { recursive: true });
    });
  });

  const ERRORS: [string, string][] = [
    ["union 1 @D@", "lib.fileset.union: First argument is of type int, but it should be a file set or a path instead."],
    [
      'union @D@ "/x"',
      'lib.fileset.union: Second argument ("/x") is a string-like value, but it should be a file set or a path instead.\n    Paths represented as strings are not supported by `lib.fileset`, use `lib.sources` or derivations instead.',
    ],
    [
      "unions [ @D@ @D@/missing ]",
      "lib.fileset.unions: Element 1 (@D@/missing) is a path that does not exist.\n    To create a file set from a path that may not exist, use `lib.fileset.maybeMissing`.",
    ],
    [
      "intersection (lib.sources.cleanSource @D@) @D@",
      "lib.fileset.intersection: First argument is a `lib.sources`-based value, but it should be a file set or a path instead.\n    To convert a `lib.sources`-based value to a file set you can use `lib.fileset.fromSource`.\n    Note that this only works for sources created from paths.",
    ],
    [
      "difference @D@ null",
      "lib.fileset.difference: Second argument (negative set) is of type null, but it should be a file set or a path instead.",
    ],
    ["unions { }", "lib.fileset.unions: Argument is of type set, but it should be a list instead."],
    ["toList 1", "lib.fileset.toList: Argument is of type int, but it should be a file set or a path instead."],
    ["trace 1 null", "lib.fileset.trace: Argument is of type int, but it should be a file set or a path instead."],
    ['maybeMissing "/x"', 'lib.fileset.maybeMissing: Argument ("/x") is a string-like value, but it should be a path instead.'],
    ["maybeMissing null", "lib.fileset.maybeMissing: Argument is of type null, but it should be a path instead."],
    ["fileFilter null @D@", "lib.fileset.fileFilter: First argument is of type null, but it should be a function instead."],
    [
      "fileFilter (f: true) empty",
      "lib.fileset.fileFilter: Second argument is a file set, but it should be a path instead.\n    If you need to filter files in a file set, use `intersection fileset (fileFilter pred ./.)` instead.",
    ],
    ["fileFilter (f: true) @D@/missing", "lib.fileset.fileFilter: Second argument (@D@/missing) is a path that does not exist."],
    [
      "toList (fileFilter ({ name, type, hasExt }: true) @D@)",
      "function 'anonymous lambda' called with unexpected argument 'lib.fileset.fileFilter: The predicate function passed as the first argument must be able to handle extra attributes for future compatibility. If you're using `{ name, file, hasExt }:`, use `{ name, file, hasExt, ... }:` instead.'",
    ],
    [
      'fromSource "/x"',
      'lib.fileset.fromSource: The source origin of the argument is a string-like value ("/x"), but it should be a path instead.\n    Sources created from paths in strings cannot be turned into file sets, use `lib.sources` or derivations instead.',
    ],
    ["fromSource 1", "lib.fileset.fromSource: The source origin of the argument is of type int, but it should be a path instead."],
    ["fromSource @D@/missing", "lib.fileset.fromSource: The source origin (@D@/missing) of the argument is a path that does not exist."],
    [
      'toSource { root = "/x"; fileset = @D@; }',
      "lib.fileset.toSource: `root` (/x) is a string-like value, but it should be a path instead.\n    Paths in strings are not supported by `lib.fileset`, use `lib.sources` or derivations instead.",
    ],
    ["toSource { root = 1; fileset = @D@; }", "lib.fileset.toSource: `root` is of type int, but it should be a path instead."],
    [
      "toSource { root = lib.sources.cleanSource @D@; fileset = @D@; }",
      "lib.fileset.toSource: `root` is a `lib.sources`-based value, but it should be a path instead.\n    To use a `lib.sources`-based value, convert it to a file set using `lib.fileset.fromSource` and pass it as `fileset`.\n    Note that this only works for sources created from paths.",
    ],
    ["toSource { root = @D@/missing; fileset = empty; }", "lib.fileset.toSource: `root` (@D@/missing) is a path that does not exist."],
    [
      "toSource { root = @D@/main.c; fileset = @D@/main.c; }",
      "lib.fileset.toSource: `root` (@D@/main.c) is a file, but it should be a directory instead. Potential solutions:\n" +
        "    - If you want to import the file into the store _without_ a containing directory, use string interpolation or `builtins.path` instead of this function.\n" +
        "    - If you want to import the file into the store _with_ a containing directory, set `root` to the containing directory, such as @D@, and set `fileset` to the file path.",
    ],
    [
      "toSource { root = @D@/src; fileset = @D@/main.c; }",
      "lib.fileset.toSource: `fileset` could contain files in @D@, which is not under the `root` (@D@/src). Potential solutions:\n" +
        "    - Set `root` to @D@ or any directory higher up. This changes the layout of the resulting store path.\n" +
        "    - Set `fileset` to a file set that cannot contain files outside the `root` (@D@/src). This could change the files included in the result.",
    ],
    [
      "toSource { root = @D@; fileset = @D@/missing; }",
      "lib.fileset.toSource: `fileset` (@D@/missing) is a path that does not exist.\n    To create a file set from a path that may not exist, use `lib.fileset.maybeMissing`.",
    ],
    ['toSource { root = @D@; fileset = abort "evaluated"; }', "evaluated"],
    ["toSource { root = @D@; }", "function 'toSource' called without required argument 'fileset'"],
    ["toSource { root = @D@; fileset = empty; extra = 1; }", "function 'toSource' called with unexpected argument 'extra'"],
    ["gitTracked null", "lib.fileset.gitTracked: Expected the argument to be a path, but it's a null instead."],
    ["gitTrackedWith { } null", "lib.fileset.gitTrackedWith: Expected the second argument to be a path, but it's a null instead."],
    ["gitTracked @D@/main.c", "lib.fileset.gitTracked: Expected the argument (@D@/main.c) to be a directory, but it's a file instead."],
    [
      "gitTracked @D@/src",
      "lib.fileset.gitTracked: Expected the argument (@D@/src) to point to a local working tree of a Git repository, but it's not.",
    ],
    [
      "gitTrackedWith { recurseSubmodules = 1; } @D@/src",
      "lib.fileset.gitTrackedWith: Expected the attribute `recurseSubmodules` of the first argument to be a boolean, but it's a int instead.",
    ],
  ];

  describe("errors", () => {
    for (const [expr, message] of ERRORS) test(expr, () => assert.equal(run(`toList (${expr})`).error, message));
  });

  const hasNixAndGit = spawnSync("nix-instantiate", ["--version"]).status === 0 && spawnSync("git", ["--version"]).status === 0;
  test("gitTracked lists the files git tracks", { skip: !hasNixAndGit && "needs git and nix-instantiate (builtins.fetchGit)" }, () => {
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: join(D, "git"), stdio: "pipe" });
    git("init", "-q");
    git("add", "tracked", "dir/also");
    git("commit", "-qm", "init");
    assert.equal(value("map toString (toList (gitTracked @D@/git))"), '[ "@D@/git/dir/also" "@D@/git/tracked" ]');
    assert.equal(
      value("map toString (toList (gitTrackedWith { recurseSubmodules = true; } @D@/git))"),
      '[ "@D@/git/dir/also" "@D@/git/tracked" ]',
    );
  });
});
