/**
 * Derivations as Nix (2.8) hashes them: the ATerm serialisation
 * (`Derive([outputs],[inputDrvs],[inputSrcs],"system","builder",[args],[env])`),
 * `hashDerivationModulo` (input derivations replaced by their own modulo hashes,
 * fixed-output derivations hashed as `fixed:out:<algo>:<hash>:<path>` so that
 * how they were fetched does not matter), output paths (input-addressed: from the
 * hash of the derivation with outputs blanked; fixed-output: from the expected
 * hash) and the .drv path (a text path referencing inputs). `DerivationRegistry`
 * remembers what it computed so later derivations can refer to earlier ones.
 */
import { NixError } from "../errors.js";
import { atermList, atermString, atermUnquoted, parseDerivation } from "./aterm.js";
import { hashString, parseHash, parseHashAlgo, toHex, type HashAlgo } from "./hash.js";
import { compareBytes } from "./nar.js";
import {
  DRV_EXTENSION,
  makeFixedOutputPath,
  makeOutputPath,
  makeTextPath,
  outputPathName,
  storePathName,
  type FileIngestionMethod,
} from "./paths.js";
import type { Derivation, DerivationOutput } from "./store.js";

/** Output name → SHA-256 (hex) standing for that output in dependents' hashes. */
export type DrvHashes = Map<string, string>;

/** Looks up the modulo hashes of an input derivation by its path. */
export type DrvHashLookup = (drvPath: string) => DrvHashes;

/** A fixed-output output's expected contents. */
export interface FixedOutputInfo {
  method: FileIngestionMethod;
  algo: HashAlgo;
  /** Lower-case hex. */
  hashHex: string;
}

function drvError(message: string): NixError {
  return new NixError("eval", message);
}

function sortedKeys<T>(m: ReadonlyMap<string, T>): string[] {
  return [...m.keys()].sort(compareBytes);
}

function sorted(s: Iterable<string>): string[] {
  return [...s].sort(compareBytes);
}

/** Fixed-output info of an output, or undefined for an input-addressed one. */
export function fixedOutputInfo(out: DerivationOutput): FixedOutputInfo | undefined {
  if (out.hashAlgo === undefined || out.hashAlgo === "") return undefined;
  if (out.hash === undefined || out.hash === "") throw drvError("floating content-addressed derivations are not supported");
  const recursive = out.hashAlgo.startsWith("r:");
  const algo = parseHashAlgo(recursive ? out.hashAlgo.slice(2) : out.hashAlgo);
  // The drv file has hex; any form Nix accepts (nix32, SRI, …) is taken too.
  return { method: recursive ? "recursive" : "flat", algo, hashHex: toHex(parseHash(out.hash, algo)) };
}

/** `r:sha256` / `sha256`, as in the drv file. */
function printMethodAlgo(info: FixedOutputInfo): string {
  return (info.method === "recursive" ? "r:" : "") + info.algo;
}

/** The store path of a fixed output (named `<drv>` or `<drv>-<output>`). */
export function fixedOutputPath(drvName: string, outputName: string, info: FixedOutputInfo, storeDir: string): string {
  const name = outputPathName(drvName, outputName);
  return makeFixedOutputPath(name, info.method, info.algo, info.hashHex, [], storeDir);
}

/** True when every output is fixed; mixing is an error, as in Nix. */
export function isFixedOutput(drv: Derivation): boolean {
  let fixed = 0;
  for (const out of drv.outputs.values()) if (fixedOutputInfo(out)) fixed++;
  if (drv.outputs.size === 0) throw drvError("must have at least one output");
  if (fixed !== 0 && fixed !== drv.outputs.size) throw drvError("can't mix derivation output types");
  return fixed !== 0;
}

export interface UnparseOptions {
  /** Print output paths, and env entries named after outputs, as "". */
  maskOutputs?: boolean;
  /** Replacement for the input derivations (modulo hash → output names). */
  actualInputs?: ReadonlyMap<string, ReadonlySet<string>>;
}

function unparseOutput(drv: Derivation, name: string, storeDir: string, mask: boolean): string {
  const out = drv.outputs.get(name)!;
  const info = fixedOutputInfo(out);
  const fields = info
    ? [mask ? "" : fixedOutputPath(drv.name, name, info, storeDir), printMethodAlgo(info), info.hashHex]
    : [mask ? "" : (out.path ?? ""), "", ""];
  return "(" + [name, ...fields].map(atermUnquoted).join(",") + ")";
}

function unparseInputs(inputs: ReadonlyMap<string, ReadonlySet<string>>): string {
  const items = sortedKeys(inputs).map((p) => `(${atermUnquoted(p)},${atermList(sorted(inputs.get(p)!).map(atermUnquoted))})`);
  return atermList(items);
}

function unparseEnv(drv: Derivation, mask: boolean): string {
  const items = sortedKeys(drv.env).map((k) => {
    const v = mask && drv.outputs.has(k) ? "" : drv.env.get(k)!;
    return `(${atermString(k)},${atermString(v)})`;
  });
  return atermList(items);
}

/** The ATerm text of a derivation, as written to its .drv file (or hashed). */
export function unparseDerivation(drv: Derivation, storeDir: string, opts: UnparseOptions = {}): string {
  const mask = opts.maskOutputs ?? false;
  const outputs = atermList(sortedKeys(drv.outputs).map((n) => unparseOutput(drv, n, storeDir, mask)));
  const parts = [
    outputs,
    unparseInputs(opts.actualInputs ?? drv.inputDrvs),
    atermList(sorted(drv.inputSrcs).map(atermUnquoted)),
    atermUnquoted(drv.platform),
    atermString(drv.builder),
    atermList(drv.args.map(atermString)),
    unparseEnv(drv, mask),
  ];
  return `Derive(${parts.join(",")})`;
}

/** Hashes of a fixed-output derivation: one per output, independent of how it is built. */
function fixedOutputHashes(drv: Derivation, storeDir: string): DrvHashes {
  const hashes: DrvHashes = new Map();
  for (const [name, out] of drv.outputs) {
    const info = fixedOutputInfo(out)!;
    const path = fixedOutputPath(drv.name, name, info, storeDir);
    const s = `fixed:out:${printMethodAlgo(info)}:${info.hashHex}:${path}`;
    hashes.set(name, toHex(hashString("sha256", s)));
  }
  return hashes;
}

/** Input derivations keyed by the modulo hash of each used output. */
function moduloInputs(drv: Derivation, lookup: DrvHashLookup): Map<string, Set<string>> {
  const inputs = new Map<string, Set<string>>();
  for (const [drvPath, outputNames] of drv.inputDrvs) {
    const hashes = lookup(drvPath);
    for (const outputName of outputNames) {
      const h = hashes.get(outputName);
      if (h === undefined) throw drvError(`derivation '${drvPath}' does not have an output named '${outputName}'`);
      let set = inputs.get(h);
      if (!set) inputs.set(h, (set = new Set()));
      set.add(outputName);
    }
  }
  return inputs;
}

/**
 * Nix's `hashDerivationModulo`: for fixed-output derivations a hash of the
 * expected output; otherwise the SHA-256 of the ATerm with every input derivation
 * replaced by the modulo hash of the outputs used (the same hash for all outputs).
 */
export function hashDerivationModulo(drv: Derivation, maskOutputs: boolean, lookup: DrvHashLookup, storeDir: string): DrvHashes {
  if (isFixedOutput(drv)) return fixedOutputHashes(drv, storeDir);
  const text = unparseDerivation(drv, storeDir, { maskOutputs, actualInputs: moduloInputs(drv, lookup) });
  const hash = toHex(hashString("sha256", text));
  return new Map([...drv.outputs.keys()].map((name) => [name, hash]));
}

/** Fill in output paths (in `outputs` and `env`) as `derivationStrict` does. */
export function fillOutputPaths(drv: Derivation, lookup: DrvHashLookup, storeDir: string): void {
  if (isFixedOutput(drv)) {
    for (const [name, out] of drv.outputs) {
      out.path = fixedOutputPath(drv.name, name, fixedOutputInfo(out)!, storeDir);
      drv.env.set(name, out.path);
    }
    return;
  }
  for (const [name, out] of drv.outputs) {
    delete out.path;
    drv.env.set(name, "");
  }
  const masked = hashDerivationModulo(drv, true, lookup, storeDir);
  for (const [name, out] of drv.outputs) {
    out.path = makeOutputPath(name, masked.get(name)!, drv.name, storeDir);
    drv.env.set(name, out.path);
  }
}

/** The .drv path for a derivation's final text: a text path referencing its inputs. */
export function derivationPath(drv: Derivation, text: string, storeDir: string): string {
  const refs = [...drv.inputSrcs, ...drv.inputDrvs.keys()];
  return makeTextPath(drv.name + DRV_EXTENSION, toHex(hashString("sha256", text)), refs, storeDir);
}

/** What `writeDerivation` produces. */
export interface WrittenDerivation {
  drvPath: string;
  /** The ATerm contents of the .drv file. */
  text: string;
  /** Modulo hashes, for derivations that use this one. */
  hashes: DrvHashes;
  drv: Derivation;
}

/** Fill output paths, then compute the .drv text, path and modulo hashes. */
export function computeDerivation(drv: Derivation, lookup: DrvHashLookup, storeDir: string): WrittenDerivation {
  fillOutputPaths(drv, lookup, storeDir);
  const text = unparseDerivation(drv, storeDir);
  const drvPath = derivationPath(drv, text, storeDir);
  const hashes = hashDerivationModulo(drv, false, lookup, storeDir);
  return { drvPath, text, hashes, drv };
}

/**
 * Derivations seen in this evaluation, by .drv path, with their modulo hashes.
 * Unknown input derivations are read through `load` (their .drv text) if given.
 */
export class DerivationRegistry {
  private readonly entries = new Map<string, WrittenDerivation>();
  private readonly loaded = new Map<string, DrvHashes>();

  constructor(
    readonly storeDir: string,
    private readonly load?: (drvPath: string) => string | undefined,
  ) {}

  /** Compute paths for a new derivation (mutating it) and remember it. */
  add(drv: Derivation): WrittenDerivation {
    const written = computeDerivation(drv, this.lookup, this.storeDir);
    this.entries.set(written.drvPath, written);
    return written;
  }

  get(drvPath: string): WrittenDerivation | undefined {
    return this.entries.get(drvPath);
  }

  /** A derivation by path: produced in this evaluation, or read from disk. */
  read(drvPath: string): Derivation | undefined {
    const known = this.entries.get(drvPath);
    if (known) return known.drv;
    const text = this.load?.(drvPath);
    return text === undefined ? undefined : parseDerivation(text, this.drvName(drvPath));
  }

  /** Modulo hashes of an input derivation. */
  readonly lookup: DrvHashLookup = (drvPath) => {
    const known = this.entries.get(drvPath)?.hashes ?? this.loaded.get(drvPath);
    if (known) return known;
    const drv = this.read(drvPath);
    if (!drv) throw drvError(`cannot find derivation '${drvPath}' (it was not instantiated in this evaluation)`);
    const hashes = hashDerivationModulo(drv, false, this.lookup, this.storeDir);
    this.loaded.set(drvPath, hashes);
    return hashes;
  };

  private drvName(drvPath: string): string {
    const name = storePathName(drvPath);
    return name.endsWith(DRV_EXTENSION) ? name.slice(0, -DRV_EXTENSION.length) : name;
  }
}
