/**
 * The evaluator's window on the outside world. Everything that reads files,
 * environment variables or the clock goes through `EvalIO`, so tests can run an
 * evaluation over an in-memory tree and the CLI decides what is allowed.
 */
import * as fs from "node:fs";

export type FileType = "regular" | "directory" | "symlink" | "unknown";

export interface EvalIO {
  readFile(path: string): Buffer;
  /** Type of the file itself (symlinks not followed); null if it does not exist. */
  fileType(path: string): FileType | null;
  /** Entries of a directory with their own types (symlinks not followed). */
  readDir(path: string): [string, FileType][];
  readLink(path: string): string;
  /** Resolve symlinks in a path (for `import` of a symlink and path existence checks). */
  realPath(path: string): string;
  getEnv(name: string): string | undefined;
  /** Diagnostics channel (trace, warnings): one line, no trailing newline. */
  printErr(line: string): void;
  /** Seconds since the epoch (`builtins.currentTime`). */
  now(): number;
}

function typeOfStats(st: fs.Stats): FileType {
  if (st.isFile()) return "regular";
  if (st.isDirectory()) return "directory";
  if (st.isSymbolicLink()) return "symlink";
  return "unknown";
}

/** The real file system and process environment. */
export const nodeIO: EvalIO = {
  readFile: (p) => fs.readFileSync(p),
  fileType(p) {
    try {
      return typeOfStats(fs.lstatSync(p));
    } catch {
      return null;
    }
  },
  readDir(p) {
    return fs.readdirSync(p, { withFileTypes: true }).map((d) => {
      const t: FileType = d.isFile() ? "regular" : d.isDirectory() ? "directory" : d.isSymbolicLink() ? "symlink" : "unknown";
      return [d.name, t];
    });
  },
  readLink: (p) => fs.readlinkSync(p),
  realPath: (p) => fs.realpathSync(p),
  getEnv: (n) => process.env[n],
  printErr: (line) => process.stderr.write(line + "\n"),
  now: () => Math.floor(Date.now() / 1000),
};
