/**
 * Process entry of the activation helper (see `helper.ts`). The test hook
 * `HOME_MANAGER_TEST_KILL_AT=<command>:<n>` kills the activation (this process
 * and the script that ran it) just before the helper's n-th change to the file
 * system, the way a crash or a power cut would.
 */
import * as fs from "node:fs";
import { FaultFs, nodeFs, type Fs } from "./fs.js";
import { runHelper } from "./helper.js";

function fileSystem(command: string | undefined): Fs {
  const hook = process.env.HOME_MANAGER_TEST_KILL_AT;
  const m = hook === undefined ? null : /^(.+):(\d+)$/.exec(hook);
  if (m === null || m[1] !== command) return nodeFs;
  return new FaultFs(nodeFs, Number(m[2]), "kill", () => process.kill(process.ppid, "SIGKILL"));
}

const args = process.argv.slice(2);
try {
  process.exitCode = runHelper(args, {
    env: process.env,
    fs: fileSystem(args[0]),
    stdout: (s) => void fs.writeSync(1, s),
    stderr: (s) => void fs.writeSync(2, s),
    isTTY: Boolean(process.stdout.isTTY),
  });
} catch (e) {
  fs.writeSync(2, `home-manager: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
