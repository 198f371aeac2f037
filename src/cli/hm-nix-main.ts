/** Process entry of `hm-nix`: wires the real streams to `hmNix` and exits with its code. */
import { hmNix } from "./hm-nix.js";
import { processIO } from "./io.js";

process.exitCode = hmNix(process.argv.slice(2), processIO());
