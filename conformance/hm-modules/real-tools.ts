/**
 * Programs that Home Manager's test suite takes from the real nixpkgs and
 * that a case runs, made here as small package directories of our own:
 * `mozlz4a [-d] IN OUT` (Mozilla's `mozlz4` files, with the Firefox
 * module's own codec; `realPkgs.mozlz4a`), and — only when the host has no
 * such program — stand-ins for the suite's real `crudini` (the `--get` and
 * `--set [--inplace] [--ini-options=nospace]` forms) and
 * `desktop-file-utils` (`update-desktop-database DIR`, writing
 * `mimeinfo.cache`). They are written once per scratch directory and handed
 * to `framework.nix`, which offers them as packages.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { which } from "../../src/build/generation.js";

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

/** `crudini --get FILE SECTION KEY` and `crudini [--inplace] [--ini-options=nospace] --set FILE SECTION KEY VALUE`. */
const CRUDINI_MJS = `import * as fs from "node:fs";
const args = process.argv.slice(2).filter((a) => a !== "--inplace" && !a.startsWith("--ini-options="));
const nospace = process.argv.includes("--ini-options=nospace");
const [op, file, section, key, value] = args;
const fail = (m) => { process.stderr.write("crudini: " + m + "\\n"); process.exit(1); };
let text;
try { text = fs.readFileSync(file, "utf8"); } catch { fail(file + ": cannot read"); }
const lines = text.split("\\n");
if (lines[lines.length - 1] === "") lines.pop();
let start = -1, end = lines.length;
for (let i = 0; i < lines.length; i++) {
  const h = /^\\s*\\[(.*)\\]\\s*$/.exec(lines[i]);
  if (h === null) continue;
  if (start >= 0) { end = i; break; }
  if (h[1] === section) start = i;
}
const keyAt = (i) => { const m = /^\\s*([^=#;]+?)\\s*=(.*)$/.exec(lines[i]); return m === null ? undefined : [m[1], m[2].trim()]; };
let found = -1;
if (start >= 0) for (let i = start + 1; i < end; i++) if (keyAt(i)?.[0] === key) found = i;
if (op === "--get") {
  if (found < 0) fail("Parameter not found: " + key);
  process.stdout.write(keyAt(found)[1] + "\\n");
} else if (op === "--set") {
  const line = nospace ? key + "=" + value : key + " = " + value;
  if (found >= 0) lines[found] = line;
  else if (start >= 0) { let last = start; for (let i = start + 1; i < end; i++) if (lines[i].trim() !== "") last = i; lines.splice(last + 1, 0, line); }
  else { if (lines.length > 0) lines.push(""); lines.push("[" + section + "]", line); }
  fs.writeFileSync(file, lines.join("\\n") + "\\n");
} else fail("unsupported operation: " + op);
`;

/** `update-desktop-database DIR`: `mimeinfo.cache` from the desktop files' `MimeType` keys. */
const UPDATE_DESKTOP_DATABASE_MJS = `import * as fs from "node:fs";
import * as path from "node:path";
const dir = process.argv.slice(2).filter((a) => !a.startsWith("-"))[0] ?? ".";
const byType = new Map();
const scan = (d, prefix) => {
  for (const n of fs.readdirSync(d).sort()) {
    const p = path.join(d, n);
    if (fs.statSync(p).isDirectory()) { scan(p, prefix + n + "-"); continue; }
    if (!n.endsWith(".desktop")) continue;
    let inEntry = false, types = [], hidden = false;
    for (const line of fs.readFileSync(p, "utf8").split("\\n")) {
      const h = /^\\[(.*)\\]$/.exec(line.trim());
      if (h !== null) { inEntry = h[1] === "Desktop Entry"; continue; }
      if (!inEntry) continue;
      const m = /^(MimeType|Hidden)\\s*=\\s*(.*)$/.exec(line);
      if (m === null) continue;
      if (m[1] === "Hidden") hidden = m[2].trim() === "true";
      else types = m[2].split(";").map((t) => t.trim()).filter((t) => t !== "");
    }
    if (hidden) continue;
    for (const t of types) { if (!byType.has(t)) byType.set(t, []); byType.get(t).push(prefix + n); }
  }
};
scan(dir, "");
let out = "[MIME Cache]\\n";
for (const t of [...byType.keys()].sort()) out += t + "=" + byType.get(t).join(";") + ";\\n";
fs.writeFileSync(path.join(dir, "mimeinfo.cache"), out);
`;

/**
 * Before starting Node: a directory without desktop files (the profile of
 * most cases, where `xdg.mime` runs the tool) gets the bare header at once.
 */
const UPDATE_DESKTOP_DATABASE_EMPTY = `dir=.
for a in "$@"; do [[ $a == -* ]] || { dir=$a; break; }; done
if [[ -d $dir && -z $(find -L "$dir" -name '*.desktop' -print -quit) ]]; then
  printf '[MIME Cache]\\n' > "$dir/mimeinfo.cache"
  exit
fi
`;

/** A tool package: `<dir>/<name>/bin/<program>` running the given module with Node (after `prelude`, bash). */
function nodeTool(dir: string, name: string, program: string, source: string, prelude = ""): string {
  const pkg = path.join(dir, name);
  fs.mkdirSync(path.join(pkg, "bin"), { recursive: true });
  const mjs = path.join(pkg, `${program}.mjs`);
  fs.writeFileSync(mjs, source);
  fs.writeFileSync(
    path.join(pkg, "bin", program),
    `#!/usr/bin/env bash\n${prelude}exec ${JSON.stringify(process.execPath)} ${JSON.stringify(mjs)} "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return pkg;
}

export interface RealTools {
  /** For `realPkgs` (Home Manager's unscrubbed package set). */
  readonly real: Record<string, string>;
  /** Stand-ins for the suite's kept-real packages the host lacks, for every package set of the case. */
  readonly standIns: Record<string, string>;
}

/** Write the tools under `dir`: attribute name → package directory. */
export function writeRealTools(dir: string, env: NodeJS.ProcessEnv = process.env): RealTools {
  const standIns: Record<string, string> = {};
  if (which("crudini", env) === undefined) standIns.crudini = nodeTool(dir, "crudini", "crudini", CRUDINI_MJS);
  if (which("update-desktop-database", env) === undefined)
    standIns["desktop-file-utils"] = nodeTool(
      dir,
      "desktop-file-utils",
      "update-desktop-database",
      UPDATE_DESKTOP_DATABASE_MJS,
      UPDATE_DESKTOP_DATABASE_EMPTY,
    );
  const real = { ...standIns, mozlz4a: nodeTool(dir, "mozlz4a", "mozlz4a", MOZLZ4A_MJS) };
  return { real, standIns };
}
