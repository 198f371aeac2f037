#!/usr/bin/env node
// Bundles each command's compiled entry (dist/src/cli/*-main.js) into one ES
// module file under dist/bundle/, so that starting a command loads one file
// instead of some sixty: Node's module loading is most of our start-up time.
import { build } from "esbuild";

const entries = { "hm-nix": "dist/src/cli/hm-nix-main.js", "home-manager": "dist/src/cli/home-manager-main.js" };
for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: `dist/bundle/${name}.mjs`,
    logLevel: "warning",
  });
}
