/**
 * Golden-case harness for the catalog: a configuration (the body of a
 * `home.nix` module, plus any files beside it) is evaluated by the real
 * evaluation entry in a scratch home directory, as Home Manager's test suite
 * does with its `hm-user` at `/home/hm-user`-like paths. Cases then look at
 * the `HomeGeneration` fields, at the text of generated files (read from the
 * private store, where the evaluation wrote them) and at config values.
 * Errors come back rendered, with the scratch directory replaced by `@HOME@`
 * so they can be pinned verbatim.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after } from "node:test";
import { deepForce } from "../../src/nix/force-deep.js";
import { valueToJSONText } from "../../src/nix/serialize.js";
import { selectPath } from "../../src/module-system/nix-values.js";
import { splitAttrPath } from "../../src/nix/auto-call.js";
import { EvaluationError } from "../../src/cli/config-evaluator.js";
import { evaluateHomeFull, type HomeEvaluation } from "../../src/home/index.js";
import type { HomeFileSpec, HomeGeneration } from "../../src/build/home-config.js";

const roots: string[] = [];
after(() => {
  for (const r of roots) {
    // Store entries are read-only; make them writable so they can be removed.
    chmodTree(r);
    fs.rmSync(r, { recursive: true, force: true, maxRetries: 2 });
  }
});

function chmodTree(p: string): void {
  const st = fs.lstatSync(p, { throwIfNoEntry: false });
  if (st === undefined || st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    fs.chmodSync(p, 0o755);
    for (const n of fs.readdirSync(p)) chmodTree(path.join(p, n));
  }
}

/** A scratch home: `<root>/home` with `~/.config/home-manager/`. */
export class Case {
  readonly root: string;
  readonly home: string;
  readonly configDir: string;
  readonly env: Record<string, string>;
  readonly warnings: string[] = [];

  /**
   * As in Home Manager's test framework, `manual.manpages.enable` defaults to false (so generations list only
   * the packages a case asks for), unless the case is made with `{ manpages: true }`.
   */
  readonly manpagesByDefault: boolean;

  constructor(env: Record<string, string> = {}, opts: { manpages?: boolean } = {}) {
    this.manpagesByDefault = opts.manpages === true;
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hm-modules-")));
    roots.push(this.root);
    this.home = path.join(this.root, "home");
    this.configDir = path.join(this.home, ".config/home-manager");
    fs.mkdirSync(this.configDir, { recursive: true });
    // Packages are `@pname@` placeholders (the stub backend), as in Home Manager's own tests, unless a case asks otherwise.
    this.env = {
      HOME: this.home,
      USER: "hm-user",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NO_COLOR: "1",
      HOME_MANAGER_PACKAGES: "stub",
      ...env,
    };
  }

  /** Write a file beside home.nix. */
  file(rel: string, text: string): string {
    const p = path.join(this.configDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  }

  /** The `home.nix` of a module body; `home.username`, `homeDirectory` and `stateVersion` are set unless given. */
  homeNix(body: string, opts: { stateVersion?: string; raw?: boolean } = {}): string {
    if (opts.raw === true) return this.file("home.nix", body);
    const sv = opts.stateVersion ?? "24.11";
    return this.file(
      "home.nix",
      `{ config, lib, pkgs, ... }:\n{\n  home.username = "hm-user";\n  home.homeDirectory = "${this.home}";\n  home.stateVersion = lib.mkDefault "${sv}";\n${body}\n}\n`,
    );
  }

  /** Evaluate `home.nix` (or `file`), optionally with `-A attr`. */
  evaluate(opts: { file?: string; attr?: string; includePaths?: string[] } = {}): HomeEvaluation {
    return evaluateHomeFull({
      file: opts.file ?? path.join(this.configDir, "home.nix"),
      attr: opts.attr ?? "",
      includePaths: opts.includePaths ?? [],
      passthrough: [],
      env: this.env,
      cwd: this.root,
      verbose: false,
      warn: (l) => this.warnings.push(l),
      extraModules: this.manpagesByDefault
        ? undefined
        : (st) => [st.evalString("{ lib, ... }: { manual.manpages.enable = lib.mkDefault false; }", "test/modules/harness.ts")],
    });
  }

  /** The generation of a module body. */
  gen(body: string, opts: { stateVersion?: string } = {}): HomeGeneration {
    this.homeNix(body, opts);
    return this.evaluate().generation;
  }

  /** The rendered error of evaluating `home.nix`, the scratch directory shown as `@HOME@`. */
  error(body?: string, opts: { stateVersion?: string; raw?: boolean } = {}): string {
    if (body !== undefined) this.homeNix(body, opts);
    try {
      this.evaluate();
    } catch (e) {
      if (e instanceof EvaluationError) return e.message.split(this.home).join("@HOME@");
      throw e;
    }
    throw new Error("expected the evaluation to fail");
  }

  /** A config value as JSON (`attr` a dotted path below `config`). */
  json(ev: HomeEvaluation, attr: string): unknown {
    const v = selectPath(ev.config, splitAttrPath(attr));
    deepForce(v);
    return JSON.parse(valueToJSONText(ev.state, v));
  }
}

/** The file entry with this target (relative to home). */
export function fileAt(g: HomeGeneration, target: string): HomeFileSpec {
  const f = (g.files ?? []).find((x) => x.target === target);
  if (f === undefined) throw new Error(`no file with target '${target}'; targets: ${(g.files ?? []).map((x) => x.target).join(", ")}`);
  return f;
}

/** The text of a file entry's source. */
export function textAt(g: HomeGeneration, target: string): string {
  return fs.readFileSync(fileAt(g, target).source!, "utf8");
}

/** Targets of the generation, in order. */
export function targets(g: HomeGeneration): string[] {
  return (g.files ?? []).map((f) => f.target);
}
