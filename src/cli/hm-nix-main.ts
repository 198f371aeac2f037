/**
 * Process entry of `hm-nix`: wires the real streams to `hmNix` and exits with its
 * code. Our TypeScript `lib` is loaded only for `--lib-override`, so plain
 * evaluation does not pay for loading it.
 */
import { hmNix, type LibBuilder } from "./hm-nix.js";
import { processIO } from "./io.js";

const argv = process.argv.slice(2);
let buildLib: LibBuilder | undefined;
if (argv.includes("--lib-override")) buildLib = (await import("../lib/index.js")).buildLib;
process.exitCode = hmNix(argv, processIO(), buildLib);
