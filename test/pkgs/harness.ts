/**
 * Harness of the package-builder tests: an EvalState with our `lib`, a
 * deferred store in a fresh temporary directory, and a `pkgs` made of the
 * native builders and `pkgs.formats` only. `build(expr)` evaluates
 * `pkgs: lib: expr` (a store path string), flushes the store and returns the
 * path; `tree(path)` describes what was written (file text and mode, link
 * targets) so tests can compare it whole; `value(expr)` prints a value as
 * `nix-instantiate --eval --strict` does.
 */
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DeferredStore } from "../../src/home/deferred-store.js";
import { buildLib } from "../../src/lib/index.js";
import { deepForce } from "../../src/nix/force-deep.js";
import { nodeIO } from "../../src/nix/io.js";
import { callFunction } from "../../src/nix/ops.js";
import { printAmbiguous } from "../../src/nix/print.js";
import { EvalState } from "../../src/nix/state.js";
import { force, NixAttrs, type Value } from "../../src/nix/values.js";
import { nativeBuilders, type BuilderContext } from "../../src/pkgs/builders/index.js";
import { pkgsFormats } from "../../src/pkgs/formats/index.js";

export class PkgsHarness {
  readonly messages: string[] = [];
  readonly dir = fs.mkdtempSync(path.join(tmpdir(), "hm-pkgs-test-"));
  readonly st = new EvalState({ baseDir: this.dir, io: { ...nodeIO, printErr: (l) => this.messages.push(l) } });
  readonly lib = buildLib(this.st);
  readonly store = new DeferredStore(path.join(this.dir, "store"));
  readonly ctx: BuilderContext = { st: this.st, store: this.store, lib: this.lib, runtimeShell: "/bin/bash", system: this.st.system };
  readonly pkgs: NixAttrs;

  constructor() {
    const m = new Map(Object.entries(nativeBuilders(this.ctx)));
    m.set("lib", this.lib);
    m.set(
      "formats",
      this.st.thunk(() => pkgsFormats(this.ctx)),
    );
    this.pkgs = new NixAttrs(m);
  }

  /** A file in the scratch directory (for `src` arguments). */
  file(rel: string, text: string): string {
    const p = path.join(this.dir, "files", rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  }

  eval(expr: string): Value {
    const f = this.st.evalString(`pkgs: lib: ${expr}`);
    const v = callFunction(callFunction(f, this.pkgs), this.lib);
    deepForce(v);
    return v;
  }

  value(expr: string): string {
    return printAmbiguous(this.eval(expr));
  }

  /** Evaluate to a store path, flush the store, return the path with the store directory as `$S`. */
  build(expr: string): string {
    const v = force(this.eval(expr));
    if (typeof v !== "string") throw new Error(`expected a path string, got ${printAmbiguous(v)}`);
    this.store.flush();
    return v;
  }

  /** `build(expr)` and the text of the file it names. */
  text(expr: string): string {
    return fs.readFileSync(this.build(expr), "utf8");
  }

  /** A readable listing of a store entry: `rel: text` for files (with `(x)` for executables), `rel -> target` for links; the store directory shown as `$S`. */
  tree(p: string): string[] {
    const out: string[] = [];
    const storeDir = this.store.storeDir;
    const walk = (abs: string, rel: string) => {
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(abs).split(storeDir).join("$S")}`);
      else if (st.isDirectory()) {
        if (rel !== "") out.push(`${rel}/`);
        for (const n of fs.readdirSync(abs).sort()) walk(path.join(abs, n), rel === "" ? n : `${rel}/${n}`);
      } else out.push(`${rel}${(st.mode & 0o111) !== 0 ? " (x)" : ""}: ${fs.readFileSync(abs, "utf8").split(storeDir).join("$S")}`);
    };
    walk(p, "");
    return out;
  }

  /** Replace the store directory in a text by `$S`. */
  scrub(s: string): string {
    return s.split(this.store.storeDir).join("$S");
  }
}
