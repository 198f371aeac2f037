#!/usr/bin/env node
// Bundles the commands' compiled entries (dist/src/cli/*-main.js) into ES
// modules under dist/bundle/, so that starting a command loads a few files
// instead of some hundred: Node's module loading is most of our start-up time.
// Code behind a dynamic import (our lib for `hm-nix --lib-override`) goes into
// a chunk of its own, loaded only when used.
//
// Then, for `hm-nix`, V8 startup snapshots (dist/bundle/hm-nix.blob, and
// hm-nix-lib.blob with our lib for `--lib-override`): the evaluator bundled
// into one CommonJS script, run once by
// `node --build-snapshot`, so that `bin/hm-nix` starts from the deserialised
// heap instead of compiling and initialising the bundle. A snapshot only loads
// into the very same Node binary started with the very same V8 flags, so
// dist/bundle/hm-nix.blob.stamp records the binary that built it and the flags;
// bin/hm-nix uses a snapshot only when both match its own and falls back to the
// ES bundle otherwise. If the snapshots cannot be built, the build goes on
// without them (with a warning).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = "dist/bundle";

const result = await build({
  entryPoints: { "hm-nix": "dist/src/cli/hm-nix-main.js", "home-manager": "dist/src/cli/home-manager-main.js" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: OUT,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  metafile: true,
});

// Chunks of earlier builds (their names carry a content hash) are no longer referenced.
// The activation helper, started by every activation (see src/activation/helper.ts): one CommonJS file
// loads faster than the ES modules it is made of (about 80 ms against 100 ms on the project's machine).
await build({
  entryPoints: ["dist/src/activation/helper-main.js"],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: join(OUT, "helper-main.cjs"),
  banner: { js: 'const __helperModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__helperModuleUrl" },
  logLevel: "warning",
});

const current = new Set(Object.keys(result.metafile.outputs).map((p) => p.replace(/^.*\/chunks\//, "")));
for (const f of readdirSync(join(OUT, "chunks"))) if (!current.has(f)) rmSync(join(OUT, "chunks", f), { force: true });

// ---------------------------------------------------------------------------
// hm-nix startup snapshot.
// ---------------------------------------------------------------------------

/**
 * V8 flags of the snapshots: the stack size bin/hm-nix gives V8 when it can raise
 * `ulimit -s` to 256 MiB, and its GC flags. They are written into the stamp file;
 * bin/hm-nix uses a snapshot only if its own flags are the same.
 */
const SNAPSHOT_FLAGS = ["--stack-size=196608", "--initial-heap-size=256", "--max-semi-space-size=2"];
const STAMP = join(OUT, "hm-nix.blob.stamp");

/**
 * The source of a snapshot's entry: `imports`, then a main function that
 * points `import.meta.url` (used to find the package root) at the blob, whose
 * path is on the command line (package.json is found above it), and runs
 * `run` with the arguments. Started from a snapshot, argv has no script:
 * [node, ...arguments].
 */
const snapshotEntry = (imports, run) => `
import v8 from "node:v8";
import { pathToFileURL } from "node:url";
${imports}

function blobPath() {
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === "--snapshot-blob") return a[i + 1];
    if (a[i].startsWith("--snapshot-blob=")) return a[i].slice("--snapshot-blob=".length);
  }
  return undefined;
}

function main(argv) {
  globalThis.__hmNixModuleUrl = pathToFileURL(blobPath() ?? __filename).href;
  ${run}
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  v8.startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));
} else {
  main(process.argv.slice(2));
}
`;

// hm-nix's main function, as hm-nix-main.js. Two snapshots: one without our lib
// (plain evaluation; a bigger heap costs every start some milliseconds to
// deserialise), one with it linked in for `--lib-override`.
const entry = (withLib) =>
  snapshotEntry(
    `import { hmNix } from "./hm-nix.js";
import { processIO } from "./io.js";
${withLib ? 'import { buildLib } from "../lib/index.js";' : "const buildLib = undefined;"}`,
    'process.exitCode = hmNix(argv, processIO(), argv.includes("--lib-override") ? buildLib : undefined);',
  );

/** home-manager's main function, as home-manager-main.js (with `evaluateHome` registered). */
const HOME_MANAGER_ENTRY = snapshotEntry(
  `import { cli } from "./home-manager.js";
import { processIO } from "./io.js";
import "../home/register.js";`,
  "process.exitCode = cli(argv, { ...processIO(), inheritStdio: true });",
);

/** V8 flags of home-manager's snapshot (bin/home-manager passes only the stack size). */
const HOME_MANAGER_FLAGS = ["--stack-size=196608"];

// Written under temporary names and renamed into place, so that a command
// started during a build (or two builds at once) never sees a half-written blob.
async function buildSnapshot(name, withLib, contents = entry(withLib), flags = SNAPSHOT_FLAGS) {
  const tmp = `.${process.pid}.tmp`;
  const script = join(OUT, `${name}-snapshot${tmp}.cjs`);
  const blob = join(OUT, `${name}.blob`);
  try {
    await build({
      stdin: { contents, resolveDir: "dist/src/cli", sourcefile: `${name}-snapshot.js`, loader: "js" },
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: script,
      define: { "import.meta.url": "globalThis.__hmNixModuleUrl" },
      logLevel: "error",
    });
    // Node warns that some built-in modules (child_process) are not verified in
    // snapshots; here they are only loaded, never used before deserialisation.
    const r = spawnSync(process.execPath, [...flags, "--snapshot-blob", blob + tmp, "--build-snapshot", script], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`node --build-snapshot failed (${r.status}): ${r.stderr.trim().slice(0, 500)}`);
    renameSync(blob + tmp, blob);
  } finally {
    rmSync(script, { force: true });
    rmSync(blob + tmp, { force: true });
  }
}

const NAMES = ["hm-nix", "hm-nix-lib"];

try {
  await Promise.all([buildSnapshot("hm-nix", false), buildSnapshot("hm-nix-lib", true)]);
  // The Node binary as bin/hm-nix identifies it (`stat -L -c '%s %Y %i'`), then the flags.
  const st = statSync(process.execPath);
  writeFileSync(STAMP + `.${process.pid}.tmp`, `${st.size} ${Math.floor(st.mtimeMs / 1000)} ${st.ino} ${SNAPSHOT_FLAGS.join(" ")}\n`);
  renameSync(STAMP + `.${process.pid}.tmp`, STAMP);
} catch (e) {
  rmSync(STAMP, { force: true });
  for (const n of NAMES) rmSync(join(OUT, `${n}.blob`), { force: true });
  console.warn(`bundle: no startup snapshot for hm-nix (bin/hm-nix will load the ES bundle): ${e instanceof Error ? e.message : e}`);
}

// home-manager's snapshot, stamped on its own (its flags differ from hm-nix's).
const HM_STAMP = join(OUT, "home-manager.blob.stamp");
try {
  await buildSnapshot("home-manager", false, HOME_MANAGER_ENTRY, HOME_MANAGER_FLAGS);
  const st = statSync(process.execPath);
  writeFileSync(
    HM_STAMP + `.${process.pid}.tmp`,
    `${st.size} ${Math.floor(st.mtimeMs / 1000)} ${st.ino} ${HOME_MANAGER_FLAGS.join(" ")}\n`,
  );
  renameSync(HM_STAMP + `.${process.pid}.tmp`, HM_STAMP);
} catch (e) {
  rmSync(HM_STAMP, { force: true });
  rmSync(join(OUT, "home-manager.blob"), { force: true });
  console.warn(
    `bundle: no startup snapshot for home-manager (bin/home-manager will load the ES bundle): ${e instanceof Error ? e.message : e}`,
  );
}
