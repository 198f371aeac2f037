#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's built-in test
// runner. Node 20 takes no globs on the command line, so the files are found here.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = walk("dist/test", []).sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
// Same deep stack as bin/hm-nix: raise the soft limit, give V8 three quarters of it.
const quoted = files.map((f) => `'${f}'`).join(" ");
const script = `. bin/stack-env.sh; exec '${process.execPath}' --stack-size="$HM_STACK_KB" --test --test-reporter=spec ${quoted}`;
const r = spawnSync("sh", ["-c", script], { stdio: "inherit" });
process.exit(r.status ?? 1);
