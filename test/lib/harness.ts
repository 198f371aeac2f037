/**
 * Shared harness of the `lib` tests: one EvalState per test file with `lib`
 * built by `buildLib`, an expression evaluated as the body of `lib: …` (so no
 * nixpkgs checkout is needed), deep-forced and printed as
 * `nix-instantiate --eval --strict` prints it. Warnings and traces are
 * captured per evaluation. `@DIR@` in an expression or expectation stands for
 * a fixture directory the harness creates on demand.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { nodeIO } from "../../src/nix/io.js";
import { callFunction } from "../../src/nix/ops.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";
import type { NixAttrs } from "../../src/nix/values.js";
import { buildLib } from "../../src/lib/index.js";

/** An expected printed value, an error message (an abort's message included), or a value with warnings. */
export type Expect = string | { error: string } | { abort: string } | { value: string; warnings: string[] };
export type Case = readonly [string, Expect];

const FIXTURE: Record<string, string> = {
  "a.json": '{"a":[1,2]}\n',
  "b.toml": 'a = 1\n[b]\nc = "d"\n',
  text: "hello\n",
  text2: "hello\n\n",
  "tree/x.nix": '"x"\n',
  "tree/sub/y.nix": '"y"\n',
  "tree/sub/deep/z.txt": "z\n",
  "tree/.version": "1\n",
  "hs/foo/foo.cabal": "",
  "hs/bar/README": "",
  "withpkg/package.nix": '"top"\n',
  "git/.git/HEAD": "ref: refs/heads/main\n",
  "git/.git/refs/heads/main": "0123456789abcdef0123456789abcdef01234567\n",
};

let fixtureDir: string | undefined;

/** The fixture directory (created on first use). */
export function fixture(): string {
  if (fixtureDir === undefined) {
    fixtureDir = mkdtempSync(join(tmpdir(), "hm-lib-test-"));
    for (const [rel, text] of Object.entries(FIXTURE)) {
      const p = join(fixtureDir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
  return fixtureDir;
}

function subst(s: string): string {
  return s.includes("@DIR@") ? s.split("@DIR@").join(fixture()) : s;
}

export class LibHarness {
  readonly messages: string[] = [];
  readonly st: EvalState;
  readonly lib: NixAttrs;

  constructor() {
    this.st = new EvalState({ baseDir: tmpdir(), io: { ...nodeIO, printErr: (l) => this.messages.push(l) } });
    this.lib = buildLib(this.st);
  }

  /** Evaluate `expr` with `lib` in scope; the printed value, or the error. */
  run(expr: string): { out?: string; error?: NixError; messages: string[] } {
    this.messages.length = 0;
    try {
      const f = this.st.evalString(`lib: ${subst(expr)}`);
      const v = callFunction(f, this.lib);
      deepForce(v);
      return { out: printAmbiguous(v), messages: this.messages.slice() };
    } catch (e) {
      if (e instanceof NixError) return { error: e, messages: this.messages.slice() };
      throw e;
    }
  }

  /** Assert one table case. */
  check(expr: string, expected: Expect): void {
    const r = this.run(expr);
    if (typeof expected === "string") {
      assert.equal(r.error?.message, undefined, `unexpected error from ${expr}`);
      assert.equal(r.out, subst(expected));
    } else if ("value" in expected) {
      assert.equal(r.error?.message, undefined, `unexpected error from ${expr}`);
      assert.equal(r.out, subst(expected.value));
      for (const w of expected.warnings)
        assert.ok(
          r.messages.some((m) => m.includes(w)),
          `missing warning ${w} in ${r.messages.join("\n")}`,
        );
    } else if ("abort" in expected) {
      assert.ok(r.error, `expected an abort from ${expr}, got ${r.out}`);
      assert.equal(r.error.kind, "abort");
      assert.equal(r.error.message, subst(expected.abort));
    } else {
      assert.ok(r.error, `expected an error from ${expr}, got ${r.out}`);
      assert.equal(r.error.message, subst(expected.error));
    }
  }
}
