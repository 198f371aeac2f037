/**
 * Store tests: hash encodings and parsing, NAR serialisation, store path
 * computation, `addPath`/`addText` and the local store. Where Nix is installed
 * (`nix-instantiate`, `nix-store`, `nix-hash`), results are checked against it.
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
  compressHash,
  encodeNix32,
  hashPath,
  hashString,
  isDerivation,
  makeStorePath,
  makeTextPath,
  narBytes,
  parseHash,
  parseHashFormat,
  parseStorePath,
  printHash,
  removeTree,
  toHex,
  toStorePath,
  type HashAlgo,
} from "../../src/nix/store/index.js";

const HAS_NIX = spawnSync("nix-instantiate", ["--version"]).status === 0;
const needNix = HAS_NIX ? {} : { skip: "nix-instantiate not on PATH" };
/** Error messages are compared only with the Nix these were taken from (2.8); paths with any. */
const NIX_2_8 = HAS_NIX && /\b2\.8\./.test(spawnSync("nix-instantiate", ["--version"], { encoding: "utf8" }).stdout);

/** Nix's error text contains our message (only checked on Nix 2.8, whose wording we follow). */
function sameError(nixErr: string, ours: Error): boolean {
  return !NIX_2_8 || nixErr.includes(ours.message);
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): { ok: boolean; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

/** `nix-instantiate --readonly-mode --eval --strict --json`; throws with Nix's stderr on failure. */
function nixEval(expr: string, env: Record<string, string> = {}): unknown {
  const r = run("nix-instantiate", ["--readonly-mode", "--eval", "--strict", "--json", "-E", expr], env);
  if (!r.ok) throw new Error(r.err);
  return JSON.parse(r.out);
}

function nixError(expr: string): string {
  const r = run("nix-instantiate", ["--readonly-mode", "--eval", "--strict", "-E", expr]);
  assert.equal(r.ok, false, `expected ${expr} to fail`);
  return r.err;
}

function tmpDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A small tree with every kind of entry, padding cases and a multi-chunk file. */
function makeTree(root: string): string {
  const t = path.join(root, "tree");
  fs.mkdirSync(path.join(t, "sub", "nested"), { recursive: true });
  fs.mkdirSync(path.join(t, "emptydir"));
  fs.writeFileSync(path.join(t, "hello.txt"), "hello\n");
  fs.writeFileSync(path.join(t, "run.sh"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
  fs.chmodSync(path.join(t, "run.sh"), 0o755);
  fs.writeFileSync(path.join(t, "empty"), "");
  fs.writeFileSync(path.join(t, "eight"), "12345678");
  fs.writeFileSync(path.join(t, "B"), "upper");
  fs.writeFileSync(path.join(t, "a"), "lower");
  fs.writeFileSync(path.join(t, "é.txt"), "unicode name");
  fs.writeFileSync(path.join(t, "sub", "nested", "deep.txt"), "deep");
  fs.writeFileSync(path.join(t, "big.bin"), Buffer.alloc(200_001, 7));
  fs.symlinkSync("hello.txt", path.join(t, "link"));
  fs.symlinkSync("/nonexistent/target", path.join(t, "dangling"));
  return t;
}

// ---------------------------------------------------------------- hashes

test("nix32 of empty-input digests", () => {
  const vectors: [HashAlgo, string][] = [
    ["md5", "3y8bwfr609h3lh9ch0izcqq7fl"],
    ["sha1", "143xibwh31h9bvxzalr0sjvbbvpa6ffs"],
    ["sha256", "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"],
    ["sha512", "0zdl9zrg8r3i9c1g90lgg9ip5ijzv3yhz91i0zzn3r8ap9ws784gkp9dk9j3aglhgf1amqb0pj21mh7h1nxcl18akqvvf7ggqsy30yg"],
  ];
  for (const [algo, b32] of vectors) {
    const h = hashString(algo, "");
    assert.equal(printHash(h, "nix32"), b32);
    assert.deepEqual(parseHash(b32, algo).bytes, h.bytes);
  }
  assert.equal(encodeNix32(hashString("sha256", "hello").bytes), "094qif9n4cq4fdg459qzbhg1c6wywawwaaivx0k0x8xhbyx4vwic");
});

test("hash printing in every format", () => {
  const h = hashString("sha256", "");
  assert.equal(printHash(h, "base16"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(printHash(h, "base16", true), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(printHash(h, "sri"), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  assert.equal(printHash(h, "base64"), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  assert.equal(toHex(hashString("md5", "hello")), "5d41402abc4b2a76b9719d911017c592");
  assert.equal(toHex(hashString("sha1", "hello")), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
});

test("parseHash accepts every form and round-trips", () => {
  for (const algo of ["md5", "sha1", "sha256", "sha512"] as const) {
    const h = hashString(algo, "round trip");
    for (const fmt of ["base16", "nix32", "base64", "sri"] as const) {
      assert.deepEqual(parseHash(printHash(h, fmt), algo).bytes, h.bytes, `${algo} ${fmt}`);
      assert.deepEqual(parseHash(printHash(h, fmt, true)).bytes, h.bytes, `${algo} ${fmt} prefixed`);
    }
    assert.deepEqual(parseHash(printHash(h, "base16").toUpperCase(), algo).bytes, h.bytes);
  }
});

test("parseHash errors use Nix's messages", () => {
  const b16 = toHex(hashString("sha256", ""));
  assert.throws(() => parseHash(b16), { message: `hash '${b16}' does not include a type, nor is the type otherwise known from context` });
  assert.throws(() => parseHash("sha1:" + b16, "sha256"), { message: `hash 'sha1:${b16}' should have type 'sha256'` });
  assert.throws(() => parseHash("abc", "sha256"), { message: "hash 'abc' has wrong length for hash type 'sha256'" });
  assert.throws(() => parseHash("sha257:abc"), { message: "unknown hash algorithm 'sha257'" });
  assert.throws(() => parseHash("z".repeat(64), "sha256"), { message: `invalid base-16 hash '${"z".repeat(64)}'` });
  assert.throws(() => parseHash("e".repeat(52), "sha256"), { message: `invalid base-32 hash '${"e".repeat(52)}'` });
  // The top bits of a 52-digit sha256 must be zero.
  assert.throws(() => parseHash("z" + "0".repeat(51), "sha256"), { message: `invalid base-32 hash 'z${"0".repeat(51)}'` });
  assert.throws(() => parseHash("sha256-AAAA"), { message: "invalid SRI hash 'AAAA'" });
  assert.throws(() => parseHashFormat("hex"), { message: "unknown hash format 'hex', expect 'base16', 'base32', 'base64', or 'sri'" });
  assert.equal(parseHashFormat("base32"), "nix32");
});

test("compressHash folds by XOR", () => {
  const bytes = Buffer.from([1, 2, 3, 4, 5, 6]);
  assert.deepEqual(compressHash(bytes, 4), Buffer.from([1 ^ 5, 2 ^ 6, 3, 4]));
  assert.equal(compressHash(hashString("sha256", "x").bytes, 20).length, 20);
});

test("hash conversions agree with nix-hash", needNix, () => {
  for (const algo of ["md5", "sha1", "sha256", "sha512"] as const) {
    const h = hashString(algo, `some text for ${algo}`);
    const r = run("nix-hash", ["--type", algo, "--to-base32", toHex(h)]);
    assert.equal(r.out.trim(), printHash(h, "nix32"), algo);
    const back = run("nix-hash", ["--type", algo, "--to-base16", printHash(h, "nix32")]);
    assert.equal(back.out.trim(), toHex(h), algo);
  }
});

test("hashString agrees with builtins.hashString", needNix, () => {
  const s = 'héllo\nworld\t"x"';
  const nix = nixEval(`map (a: builtins.hashString a ${JSON.stringify(s)}) [ "md5" "sha1" "sha256" "sha512" ]`);
  assert.deepEqual(
    nix,
    (["md5", "sha1", "sha256", "sha512"] as const).map((a) => toHex(hashString(a, s))),
  );
});

// ---------------------------------------------------------------- NAR

test("NAR of a single file has the documented layout", () => {
  const dir = tmpDir("nar-file-");
  try {
    const f = path.join(dir, "f");
    fs.writeFileSync(f, "abc");
    const nar = narBytes(f);
    const str = (s: string): Buffer => {
      const b = Buffer.from(s);
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(b.length));
      return Buffer.concat([len, b, Buffer.alloc((8 - (b.length % 8)) % 8)]);
    };
    const expected = Buffer.concat(["nix-archive-1", "(", "type", "regular", "contents", "abc", ")"].map(str));
    assert.deepEqual(nar, expected);
  } finally {
    removeTree(dir);
  }
});

test("NAR bytes and hashes agree with nix-store --dump and nix-hash", needNix, () => {
  const dir = tmpDir("nar-tree-");
  try {
    const t = makeTree(dir);
    for (const p of [t, path.join(t, "run.sh"), path.join(t, "link"), path.join(t, "emptydir")]) {
      const dump = spawnSync("nix-store", ["--dump", p]);
      assert.equal(dump.status, 0);
      assert.ok(narBytes(p).equals(dump.stdout), `NAR of ${p}`);
    }
    for (const algo of ["md5", "sha1", "sha256", "sha512"] as const) {
      const r = run("nix-hash", ["--type", algo, "--base32", t]);
      assert.equal(r.out.trim(), printHash(hashPath(t, algo), "nix32"), algo);
    }
    const flat = run("nix-hash", ["--type", "sha256", "--flat", path.join(t, "big.bin")]);
    assert.equal(flat.out.trim(), toHex(hashString("sha256", fs.readFileSync(path.join(t, "big.bin")))));
  } finally {
    removeTree(dir);
  }
});

test("NAR filter sees full paths and types and prunes subtrees", () => {
  const dir = tmpDir("nar-filter-");
  try {
    const t = makeTree(dir);
    const seen: string[] = [];
    const h = hashPath(t, "sha256", (p, type) => {
      seen.push(`${path.relative(t, p)}:${type}`);
      return path.basename(p) !== "sub";
    });
    assert.ok(seen.includes("sub:directory"));
    assert.ok(seen.includes("link:symlink"));
    assert.ok(seen.includes("hello.txt:regular"));
    assert.ok(!seen.some((s) => s.startsWith("sub/")), "children of excluded dirs are not visited");
    fs.renameSync(path.join(t, "sub"), path.join(dir, "sub-moved"));
    assert.deepEqual(hashPath(t, "sha256"), h);
  } finally {
    removeTree(dir);
  }
});

// ---------------------------------------------------------------- store paths

test("makeStorePath and makeTextPath", () => {
  const text = makeTextPath("x", toHex(hashString("sha256", "y")), []);
  assert.equal(text, "/nix/store/lfngsssysp6h1v4ccqg23c52s9sjl779-x");
  assert.equal(makeStorePath("text", toHex(hashString("sha256", "y")), "x"), text);
  assert.throws(() => makeTextPath("a b", toHex(hashString("sha256", "x"))), {
    message: "store path 'dm85kbl5cy82j2dzvy1874s14y3salv3-a b' contains illegal character ' '",
  });
  assert.throws(() => makeTextPath("", toHex(hashString("sha256", "x"))), {
    message: "store path '9r1mh2rc3s3i33vpdw86kqqyvy9i1y4w-' has an empty name",
  });
  assert.throws(() => makeTextPath("a".repeat(212), toHex(hashString("sha256", "x"))), /has a name longer than 211 characters/);
  assert.ok(makeTextPath("a".repeat(211), toHex(hashString("sha256", "x"))).endsWith("a".repeat(211)));
});

test("parsing store paths", () => {
  const p = "/nix/store/lfngsssysp6h1v4ccqg23c52s9sjl779-x.drv";
  assert.deepEqual(parseStorePath(p), { path: p, hashPart: "lfngsssysp6h1v4ccqg23c52s9sjl779", name: "x.drv" });
  assert.ok(isDerivation(p));
  assert.deepEqual(toStorePath(p + "/sub/file"), [p, "/sub/file"]);
  assert.throws(() => parseStorePath("/tmp/x"), { message: "path '/tmp/x' is not in the Nix store" });
  assert.throws(() => parseStorePath("/nix/store/abc"), { message: "'abc' is too short to be a valid store path" });
  assert.throws(() => parseStorePath("/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x"), /illegal base-32 character 'e'/);
  const store = new ComputingStore();
  assert.ok(store.isStorePath(p + "/sub"));
  assert.ok(!store.isStorePath("/nix/store"));
  assert.ok(!store.isStorePath("/nix/storefoo/x"));
});

test("store path name errors match Nix", needNix, () => {
  const store = new ComputingStore();
  for (const name of ["a b", "", "x".repeat(212), "a/b"]) {
    const err = nixError(`builtins.toFile ${JSON.stringify(name)} "x"`);
    assert.throws(
      () => store.addText(name, "x", []),
      (e: Error) => sameError(err, e),
      `${JSON.stringify(name)}: nix said ${err}`,
    );
  }
  assert.equal(store.addText(".a", "x", []), nixEval('builtins.toFile ".a" "x"'));
});

test("addText agrees with builtins.toFile (with references)", needNix, () => {
  const store = new ComputingStore();
  const a = store.addText("a", "x", []);
  const b = store.addText("b", `uses ${a}\n`, [a]);
  const c = store.addText("c.sh", 'quotes " and \\ and é', [b, a]);
  const nix = nixEval(`
    let a = builtins.toFile "a" "x";
        b = builtins.toFile "b" "uses \${a}\\n";
    in [ a b (builtins.toFile "c.sh" "quotes \\" and \\\\ and é\${builtins.substring 0 0 (a + b)}") ]`);
  assert.deepEqual(nix, [a, b, c]);
});

test("addPath agrees with builtins.path (recursive, filtered, flat, expected hash)", needNix, () => {
  const dir = tmpDir("addpath-");
  try {
    const t = makeTree(dir);
    const store = new ComputingStore();
    const recursive = store.addPath(t, { name: "tree", recursive: true });
    const filtered = store.addPath(t, {
      name: "filtered",
      recursive: true,
      filter: (p, type) => path.basename(p) !== "sub" && type !== "symlink" && p !== t + "/a",
    });
    const flat = store.addPath(path.join(t, "run.sh"), { name: "run", recursive: false });
    const sha = toHex(hashPath(t));
    const expected = store.addPath(t, { name: "tree", recursive: true, expectedSha256: sha });
    const nix = nixEval(`[
      (builtins.path { path = ${t}; })
      (builtins.path { path = ${t}; name = "filtered";
         filter = p: type: baseNameOf p != "sub" && type != "symlink" && p != "${t}/a"; })
      (builtins.path { path = ${t}/run.sh; name = "run"; recursive = false; })
      (builtins.path { path = ${t}; sha256 = "${sha}"; })
      "\${${t}}"
    ]`);
    assert.deepEqual(nix, [recursive, filtered, flat, expected, recursive]);
    const wrong = toHex(hashString("sha256", "wrong"));
    const err = nixError(`builtins.path { path = ${t}; sha256 = "${wrong}"; }`);
    assert.throws(
      () => store.addPath(t, { name: "tree", recursive: true, expectedSha256: wrong }),
      (e: Error) => sameError(err, e),
    );
  } finally {
    removeTree(dir);
  }
});

test("paths with another store directory agree with NIX_STORE_DIR", needNix, () => {
  const dir = tmpDir("storedir-");
  try {
    const t = makeTree(dir);
    const storeDir = path.join(dir, "store");
    const store = new ComputingStore(storeDir);
    const ours = [store.addText("x", "y", []), store.addPath(t, { name: "tree", recursive: true })];
    const nix = nixEval(`[ (builtins.toFile "x" "y") "\${${t}}" ]`, { NIX_STORE_DIR: storeDir });
    assert.deepEqual(nix, ours);
  } finally {
    removeTree(dir);
  }
});

// ---------------------------------------------------------------- local store

function mode(p: string): number {
  return fs.lstatSync(p).mode & 0o777;
}

test("LocalStore writes read-only copies under its own directory", () => {
  const dir = tmpDir("localstore-");
  try {
    const t = makeTree(dir);
    const storeDir = path.join(dir, "store");
    const store = new LocalStore(storeDir);
    assert.equal(store.storeDir, storeDir);
    assert.equal(fs.existsSync(storeDir), false, "nothing is created before the first write");
    const calls: string[] = [];
    const opts = {
      name: "tree",
      recursive: true,
      filter: (p: string) => {
        calls.push(p);
        return path.basename(p) !== "big.bin";
      },
    };
    const p = store.addPath(t, opts);
    assert.equal(p, new ComputingStore(storeDir).addPath(t, { ...opts, filter: opts.filter }));
    assert.equal(new Set(calls).size * 2, calls.length, "the filter is asked once per entry (twice overall above)");
    assert.equal(mode(storeDir), 0o700);
    assert.equal(mode(p), 0o555);
    assert.equal(mode(path.join(p, "hello.txt")), 0o444);
    assert.equal(mode(path.join(p, "run.sh")), 0o555);
    assert.equal(fs.readlinkSync(path.join(p, "link")), "hello.txt");
    assert.equal(fs.existsSync(path.join(p, "big.bin")), false);
    assert.equal(fs.lstatSync(path.join(p, "hello.txt")).mtimeMs, 1000);
    assert.equal(toHex(hashPath(p)), toHex(hashPath(t, "sha256", (x) => path.basename(x) !== "big.bin")));
    // Adding again is a no-op; so is an expected hash of something present.
    assert.equal(store.addPath(t, opts), p);
    const sha = toHex(hashPath(p));
    assert.equal(store.addPath(path.join(dir, "missing"), { name: "tree", recursive: true, expectedSha256: sha }), p);
    const txt = store.addText("hello", "hi\n", [p]);
    assert.equal(fs.readFileSync(txt, "utf8"), "hi\n");
    assert.equal(mode(txt), 0o444);
    const flat = store.addPath(path.join(t, "run.sh"), { name: "run", recursive: false });
    assert.equal(mode(flat), 0o444);
    assert.deepEqual(
      fs.readdirSync(storeDir).filter((n) => n.startsWith(".")),
      [],
      "no temporaries left behind",
    );
  } finally {
    removeTree(dir);
  }
});

test("LocalStore paths agree with Nix using the same store directory", needNix, () => {
  const dir = tmpDir("localstore-nix-");
  try {
    const t = makeTree(dir);
    const storeDir = path.join(dir, "store");
    const store = new LocalStore(storeDir);
    const ours = [store.addText("x", "y", []), store.addPath(t, { name: "tree", recursive: true })];
    assert.deepEqual(nixEval(`[ (builtins.toFile "x" "y") "\${${t}}" ]`, { NIX_STORE_DIR: storeDir }), ours);
    const dump = spawnSync("nix-store", ["--dump", ours[1]!]);
    assert.ok(narBytes(t).equals(dump.stdout));
  } finally {
    removeTree(dir);
  }
});
