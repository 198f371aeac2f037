/** Process entry of `home-manager`: wires the real streams to `cli` (activation output goes straight to them) and exits with its code. */
import { cli } from "./home-manager.js";
import { processIO } from "./io.js";
import "../home/register.js";

process.exitCode = cli(process.argv.slice(2), { ...processIO(), inheritStdio: true });
