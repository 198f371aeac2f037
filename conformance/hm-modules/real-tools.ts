/**
 * Programs that Home Manager's test suite takes from the real nixpkgs
 * (`realPkgs.mozlz4a`) and that a case's script runs, made here as small
 * package directories of our own: `mozlz4a/bin/mozlz4a [-d] IN OUT`
 * (compress or decompress Mozilla's `mozlz4` files with the Firefox
 * module's own codec). They are written once per scratch directory and
 * handed to `framework.nix`, which offers them as packages of `realPkgs`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const MOZLZ4_URL = new URL("../../src/modules/programs/firefox/mozlz4.js", import.meta.url).href;

/**
 * The tool's program. When the output is a pipe (a process substitution
 * such as `>(jq … > file)`), it lingers briefly after closing it, so the
 * reader has finished before the script's next command looks at its file.
 */
const MOZLZ4A_MJS = `import * as fs from "node:fs";
const { compressMozLz4, decompressMozLz4 } = await import(${JSON.stringify(MOZLZ4_URL)});
const args = process.argv.slice(2);
const decompress = args[0] === "-d";
const [input, output] = decompress ? args.slice(1) : args;
if (input === undefined || output === undefined) {
  process.stderr.write("usage: mozlz4a [-d] IN OUT\\n");
  process.exit(2);
}
const data = fs.readFileSync(input);
const result = decompress ? decompressMozLz4(data) : compressMozLz4(data);
const fd = fs.openSync(output, "w");
const isPipe = fs.fstatSync(fd).isFIFO();
fs.writeSync(fd, result);
fs.closeSync(fd);
if (isPipe) await new Promise((resolve) => setTimeout(resolve, 300));
`;

/** Write the tools under `dir`; returns attribute name → package directory. */
export function writeRealTools(dir: string): Record<string, string> {
  const mozlz4a = path.join(dir, "mozlz4a");
  fs.mkdirSync(path.join(mozlz4a, "bin"), { recursive: true });
  fs.writeFileSync(path.join(mozlz4a, "mozlz4a.mjs"), MOZLZ4A_MJS);
  fs.writeFileSync(
    path.join(mozlz4a, "bin/mozlz4a"),
    `#!/usr/bin/env bash\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(mozlz4a, "mozlz4a.mjs"))} "$@"\n`,
    { mode: 0o755 },
  );
  return { mozlz4a };
}
