#!/usr/bin/env node
// Bundles the commands' compiled entries (dist/src/cli/*-main.js) into ES
// modules under dist/bundle/, so that starting a command loads a few files
// instead of some hundred: Node's module loading is most of our start-up time.
// Code behind a dynamic import (our lib for `hm-nix --lib-override`) goes into
// a chunk of its own, loaded only when used.
import { build } from "esbuild";

await build({
  entryPoints: { "hm-nix": "dist/src/cli/hm-nix-main.js", "home-manager": "dist/src/cli/home-manager-main.js" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist/bundle",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
