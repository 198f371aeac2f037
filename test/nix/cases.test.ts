/**
 * Data-driven language tests: every `cases/eval-okay-*.nix` must evaluate (with
 * `--strict` semantics) to the text in its `.exp`, and every `cases/eval-fail-*.nix`
 * must fail with a Nix error whose message is the text in its `.err` (when
 * present). `/pwd` in expectations stands for the cases directory. The expected
 * outputs were produced with real `nix-instantiate --eval --strict` and adjusted
 * where current Nix differs from Debian's 2.8 (error wording, integer overflow).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { NixError } from "../../src/nix/errors.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { Source } from "../../src/nix/source.js";
import { EvalState } from "../../src/nix/state.js";

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../test/nix/cases");

function evalFile(file: string): string {
  const st = new EvalState({ baseDir: DIR });
  const v = st.evalSource(new Source(file, readFileSync(file, "utf8"), true));
  deepForce(v);
  return printAmbiguous(v);
}

for (const f of readdirSync(DIR).sort()) {
  const file = join(DIR, f);
  if (f.startsWith("eval-okay-") && f.endsWith(".nix")) {
    test(f, () => {
      const expected = readFileSync(file.replace(/\.nix$/, ".exp"), "utf8")
        .split("/pwd")
        .join(DIR);
      assert.equal(evalFile(file) + "\n", expected);
    });
  } else if (f.startsWith("eval-fail-") && f.endsWith(".nix")) {
    test(f, () => {
      const errFile = file.replace(/\.nix$/, ".err");
      let caught: unknown = null;
      try {
        evalFile(file);
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof NixError, `expected a NixError, got ${String(caught)}`);
      if (existsSync(errFile)) {
        assert.equal(caught.message + "\n", readFileSync(errFile, "utf8").split("/pwd").join(DIR));
      }
    });
  }
}
