/**
 * The store as the evaluator sees it: where `builtins.path`, path interpolation,
 * `toFile` and `derivation` put things, and how their store paths are computed.
 * Paths are computed exactly as Nix computes them; whether anything is written
 * depends on the implementation (a computing-only store for `hm-nix`, the
 * user-private store for `home-manager`).
 */
import type { FileType } from "../io.js";

/** A derivation as `derivationStrict` assembles it (before hashing). */
export interface Derivation {
  name: string;
  /** Output name → fixed-output info (hash algo/mode) or empty for input-addressed. */
  outputs: Map<string, DerivationOutput>;
  /** Input derivation path → output names used. */
  inputDrvs: Map<string, Set<string>>;
  /** Plain store paths used as inputs (sources). */
  inputSrcs: Set<string>;
  platform: string;
  builder: string;
  args: string[];
  /** Environment; output paths are filled in by `writeDerivation`. */
  env: Map<string, string>;
}

export interface DerivationOutput {
  /** For fixed-output derivations: "sha256" etc. with "r:" prefix for recursive, as in the drv file (`r:sha256`). */
  hashAlgo?: string;
  /** Hex-encoded expected hash for fixed-output derivations. */
  hash?: string;
  /** Filled in by `writeDerivation`. */
  path?: string;
}

export interface AddPathOptions {
  name: string;
  /** NAR (recursive) hashing when true; flat file hashing when false. */
  recursive: boolean;
  /** Called for every entry below the root; false excludes it (and its children). */
  filter?: (path: string, type: FileType) => boolean;
  /** Expected SHA-256 (hex) of the result; mismatch is an error. */
  expectedSha256?: string;
}

export interface Store {
  readonly storeDir: string;
  /** Copy a file or tree into the store (or just compute where it would go). Returns the store path. */
  addPath(src: string, opts: AddPathOptions): string;
  /** `builtins.toFile`: a text file with the given references. */
  addText(name: string, text: string, references: string[]): string;
  /** Compute output paths (filling `drv.outputs[*].path` and `env`) and the drv path; store the drv. */
  writeDerivation(drv: Derivation): string;
  /** Is this a path inside the store directory? */
  isStorePath(path: string): boolean;
}
