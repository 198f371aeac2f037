/**
 * Derivation tests: ATerm text, output paths and .drv paths. Each case builds
 * the `Derivation` by hand the way `derivationStrict` would (every attribute but
 * `args` in env as a string, `outputs` joined by spaces, inputs from string
 * context) and, where Nix is installed, compares with `nix-instantiate`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ComputingStore,
  LocalStore,
  parseDerivation,
  parseHash,
  removeTree,
  toHex,
  unparseDerivation,
  type Derivation,
  type DerivationOutput,
} from "../../src/nix/store/index.js";

const HAS_NIX = spawnSync("nix-instantiate", ["--version"]).status === 0;
const needNix = HAS_NIX ? {} : { skip: "nix-instantiate not on PATH" };

function nixEval(expr: string, env: Record<string, string> = {}): unknown {
  const r = spawnSync("nix-instantiate", ["--readonly-mode", "--eval", "--strict", "--json", "-E", expr], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const SYSTEM = "x86_64-linux";

interface Spec {
  name: string;
  args?: string[];
  /** Attributes other than name/system/builder/args/outputs, already coerced to strings. */
  attrs?: Record<string, string>;
  outputs?: string[];
  inputDrvs?: [string, string[]][];
  inputSrcs?: string[];
  /** Fixed output: algorithm as in the drv file (`r:sha256`) and the hash in any form. */
  fixed?: { hashAlgo: string; hash: string };
}

/** The derivation `derivationStrict` would assemble for `derivation { name; system; builder = "/bin/sh"; … }`. */
function mkDrv(spec: Spec): Derivation {
  const env = new Map<string, string>([
    ["name", spec.name],
    ["system", SYSTEM],
    ["builder", "/bin/sh"],
    ...Object.entries(spec.attrs ?? {}),
  ]);
  if (spec.outputs) env.set("outputs", spec.outputs.join(" "));
  const outputs = new Map<string, DerivationOutput>();
  if (spec.fixed) {
    const algo = spec.fixed.hashAlgo.replace(/^r:/, "") as "sha256";
    outputs.set("out", { hashAlgo: spec.fixed.hashAlgo, hash: toHex(parseHash(spec.fixed.hash, algo)) });
  } else for (const o of spec.outputs ?? ["out"]) outputs.set(o, {});
  return {
    name: spec.name,
    outputs,
    inputDrvs: new Map((spec.inputDrvs ?? []).map(([p, os]) => [p, new Set(os)])),
    inputSrcs: new Set(spec.inputSrcs ?? []),
    platform: SYSTEM,
    builder: "/bin/sh",
    args: spec.args ?? [],
    env,
  };
}

/** Nix attribute set text for the same derivation's extra attributes. */
const NIX_HEAD = `system = "${SYSTEM}"; builder = "/bin/sh";`;

test("a simple derivation: text, drvPath and outPath", needNix, () => {
  const store = new ComputingStore();
  const drv = mkDrv({ name: "a", args: ["-c", "echo"] });
  const drvPath = store.writeDerivation(drv);
  const nix = nixEval(`let d = derivation { name = "a"; ${NIX_HEAD} args = ["-c" "echo"]; }; in [ d.drvPath d.outPath ]`);
  assert.deepEqual(nix, [drvPath, drv.env.get("out")]);
  assert.equal(drv.outputs.get("out")!.path, drv.env.get("out"));
  assert.equal(
    store.derivationText(drvPath),
    `Derive([("out","${drv.env.get("out")}","","")],[],[],"x86_64-linux","/bin/sh",["-c","echo"],` +
      `[("builder","/bin/sh"),("name","a"),("out","${drv.env.get("out")}"),("system","x86_64-linux")])`,
  );
});

test("multiple outputs and coerced attribute values", needNix, () => {
  const store = new ComputingStore();
  const drv = mkDrv({
    name: "multi",
    outputs: ["out", "dev", "lib"],
    attrs: { flag: "1", f: "", nul: "", n: "42", l: "1 x ", weird: 'q"uote\\back\nnl\ttab\r é ✓', Z: "z", "a-b": "c" },
  });
  const drvPath = store.writeDerivation(drv);
  const nix = nixEval(`let d = derivation {
      name = "multi"; ${NIX_HEAD} outputs = [ "out" "dev" "lib" ];
      flag = true; f = false; nul = null; n = 42; l = [ 1 "x" null ];
      weird = "q\\"uote\\\\back\\nnl\\ttab\\r é ✓"; Z = "z"; a-b = "c";
    }; in [ d.drvPath d.out.outPath d.dev.outPath d.lib.outPath ]`);
  assert.deepEqual(nix, [drvPath, drv.env.get("out"), drv.env.get("dev"), drv.env.get("lib")]);
  assert.ok(drv.env.get("dev")!.endsWith("-multi-dev"));
});

test("escaping: builder and args escaped, system printed raw", needNix, () => {
  const store = new ComputingStore();
  const system = 'we"ird\\sys';
  const builder = '/bin/b"q\\\n';
  const args = ['a"b', "c\\d\n\t\r", "ü"];
  const drv: Derivation = {
    ...mkDrv({ name: "esc" }),
    platform: system,
    builder,
    args,
  };
  drv.env.set("system", system);
  drv.env.set("builder", builder);
  const drvPath = store.writeDerivation(drv);
  assert.ok(store.derivationText(drvPath)!.includes(`"${system}"`));
  const nix = nixEval(`let d = derivation {
      name = "esc"; system = ${JSON.stringify(system)}; builder = ${JSON.stringify(builder)};
      args = [ ${args.map((a) => JSON.stringify(a)).join(" ")} ];
    }; in [ d.drvPath d.outPath ]`);
  assert.deepEqual(nix, [drvPath, drv.env.get("out")]);
});

test("fixed-output derivations in every mode", needNix, () => {
  const empty = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  const cases: [Spec, string][] = [
    [{ name: "flat", attrs: { outputHash: empty }, fixed: { hashAlgo: "sha256", hash: empty } }, `outputHash = "${empty}";`],
    [
      {
        name: "rec",
        attrs: { outputHash: empty, outputHashMode: "recursive" },
        fixed: { hashAlgo: "r:sha256", hash: empty },
      },
      `outputHash = "${empty}"; outputHashMode = "recursive";`,
    ],
    [
      {
        name: "sha1",
        attrs: { outputHash: "143xibwh31h9bvxzalr0sjvbbvpa6ffs", outputHashAlgo: "sha1", outputHashMode: "recursive" },
        fixed: { hashAlgo: "r:sha1", hash: "143xibwh31h9bvxzalr0sjvbbvpa6ffs" },
      },
      `outputHash = "143xibwh31h9bvxzalr0sjvbbvpa6ffs"; outputHashAlgo = "sha1"; outputHashMode = "recursive";`,
    ],
    [
      {
        name: "md5flat",
        attrs: { outputHash: "d41d8cd98f00b204e9800998ecf8427e", outputHashAlgo: "md5" },
        fixed: { hashAlgo: "md5", hash: "d41d8cd98f00b204e9800998ecf8427e" },
      },
      `outputHash = "d41d8cd98f00b204e9800998ecf8427e"; outputHashAlgo = "md5";`,
    ],
  ];
  for (const [spec, attrs] of cases) {
    const store = new ComputingStore();
    const drv = mkDrv(spec);
    const drvPath = store.writeDerivation(drv);
    const nix = nixEval(`let d = derivation { name = "${spec.name}"; ${NIX_HEAD} ${attrs} }; in [ d.drvPath d.outPath ]`);
    assert.deepEqual(nix, [drvPath, drv.env.get("out")], spec.name);
  }
});

test("dependencies through string context, including fixed-output and a chain", needNix, () => {
  const store = new ComputingStore();
  const a = mkDrv({ name: "a", outputs: ["out", "dev"] });
  const aDrv = store.writeDerivation(a);
  const empty = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  const f = mkDrv({ name: "f", attrs: { outputHash: empty, foo: "bar" }, fixed: { hashAlgo: "sha256", hash: empty } });
  const fDrv = store.writeDerivation(f);
  const src = store.addText("script", "echo hi", []);
  const b = mkDrv({
    name: "b",
    args: ["-e", src],
    attrs: { dep: a.env.get("out")!, devdep: a.env.get("dev")!, fetched: f.env.get("out")! },
    inputDrvs: [
      [aDrv, ["out", "dev"]],
      [fDrv, ["out"]],
    ],
    inputSrcs: [src],
  });
  const bDrv = store.writeDerivation(b);
  const c = mkDrv({ name: "c", attrs: { b: `${b.env.get("out")}/bin/b` }, inputDrvs: [[bDrv, ["out"]]] });
  const cDrv = store.writeDerivation(c);
  const nix = nixEval(`
    let a = derivation { name = "a"; ${NIX_HEAD} outputs = [ "out" "dev" ]; };
        f = derivation { name = "f"; ${NIX_HEAD} outputHash = "${empty}"; foo = "bar"; };
        src = builtins.toFile "script" "echo hi";
        b = derivation { name = "b"; ${NIX_HEAD} args = [ "-e" src ]; dep = "\${a}"; devdep = a.dev; fetched = f; };
        c = derivation { name = "c"; ${NIX_HEAD} b = "\${b}/bin/b"; };
    in [ a.drvPath f.drvPath b.drvPath b.outPath c.drvPath c.outPath ]`);
  assert.deepEqual(nix, [aDrv, fDrv, bDrv, b.env.get("out"), cDrv, c.env.get("out")]);
});

test("a fixed-output input only contributes its output hash", () => {
  const empty = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  const outPaths = ["one", "two"].map((how) => {
    const store = new ComputingStore();
    const f = mkDrv({ name: "f", attrs: { outputHash: empty, how }, fixed: { hashAlgo: "sha256", hash: empty } });
    const fDrv = store.writeDerivation(f);
    const user = mkDrv({ name: "user", attrs: { f: f.env.get("out")! }, inputDrvs: [[fDrv, ["out"]]] });
    store.writeDerivation(user);
    return [fDrv, user.env.get("out")];
  });
  assert.notEqual(outPaths[0]![0], outPaths[1]![0]);
  assert.equal(outPaths[0]![1], outPaths[1]![1]);
});

test("ATerm text round-trips through the parser", () => {
  const store = new ComputingStore();
  const drv = mkDrv({ name: "rt", outputs: ["out", "doc"], args: ['a"b', "c\\d\n"], attrs: { x: "tab\there" } });
  const drvPath = store.writeDerivation(drv);
  const text = store.derivationText(drvPath)!;
  const parsed = parseDerivation(text, "rt");
  assert.equal(unparseDerivation(parsed, store.storeDir), text);
  assert.deepEqual(parsed.args, drv.args);
  assert.equal(parsed.env.get("x"), "tab\there");
});

test("derivation errors", () => {
  const store = new ComputingStore();
  assert.throws(() => store.writeDerivation(mkDrv({ name: "a b" })), /contains illegal character ' '/);
  assert.throws(
    () => store.writeDerivation(mkDrv({ name: "x", inputDrvs: [["/nix/store/00000000000000000000000000000000-nope.drv", ["out"]]] })),
    /cannot find derivation/,
  );
});

test("LocalStore writes .drv files and reads unknown inputs back from disk", needNix, () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "drvstore-")));
  try {
    const storeDir = path.join(dir, "store");
    const first = new LocalStore(storeDir);
    const a = mkDrv({ name: "a", outputs: ["out", "dev"] });
    const aDrv = first.writeDerivation(a);
    assert.equal(fs.readFileSync(aDrv, "utf8"), first.derivationText(aDrv));
    assert.equal(fs.statSync(aDrv).mode & 0o777, 0o444);
    // A second store (a later evaluation) has not seen `a` and must read it from disk.
    const second = new LocalStore(storeDir);
    const b = mkDrv({ name: "b", attrs: { dep: a.env.get("dev")! }, inputDrvs: [[aDrv, ["dev"]]] });
    const bDrv = second.writeDerivation(b);
    const nix = nixEval(
      `let a = derivation { name = "a"; ${NIX_HEAD} outputs = [ "out" "dev" ]; };
           b = derivation { name = "b"; ${NIX_HEAD} dep = a.dev; };
       in [ a.drvPath b.drvPath b.outPath ]`,
      { NIX_STORE_DIR: storeDir },
    );
    assert.deepEqual(nix, [aDrv, bDrv, b.env.get("out")]);
  } finally {
    removeTree(dir);
  }
});
