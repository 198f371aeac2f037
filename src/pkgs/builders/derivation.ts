/**
 * The derivation-like sets the native builders return, and the reading of
 * their arguments. A result has what Nix code expects of a single-output
 * derivation (`type = "derivation"`, `name`, `outPath`, `drvPath`,
 * `outputName`, `outputs`, `out`, `all`, `meta`, `passthru`), with the
 * `passthru` attributes also merged at the top level as `mkDerivation` does.
 * `outPath` is lazy: the path is named in the deferred store only when
 * something reads it, and every input is named before what uses it, so the
 * store writes inputs first. Out paths are plain strings (no string context).
 */
import { coerceToString } from "../../nix/coerce.js";
import { NixError } from "../../nix/errors.js";
import { forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../../nix/values.js";
import { lazy } from "../../module-system/nix-values.js";

export interface DrvSpec {
  readonly name: string;
  /** Names (and so schedules) the store path; called once, when `outPath` is first read. */
  readonly outPath: () => string;
  readonly meta?: Lazy;
  readonly passthru?: Lazy;
  /** Further attributes (e.g. the builder's own arguments, as `mkDerivation` keeps them). */
  readonly extra?: Readonly<Record<string, Lazy>>;
}

/** A derivation-like attribute set. */
export function makeDerivation(spec: DrvSpec): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [k, v] of Object.entries(spec.extra ?? {})) m.set(k, v);
  const passthru = spec.passthru ?? NixAttrs.empty;
  const pt = force(passthru);
  if (pt instanceof NixAttrs) for (const [k, v] of pt.map) m.set(k, v);
  const outPath = lazy(spec.outPath);
  m.set("type", "derivation");
  m.set("name", spec.name);
  m.set("outPath", outPath);
  m.set(
    "drvPath",
    lazy(() => `${force(outPath) as string}.drv`),
  );
  m.set("outputName", "out");
  m.set("outputs", ["out"]);
  m.set("meta", spec.meta ?? NixAttrs.empty);
  m.set("passthru", passthru);
  const self = new NixAttrs(m);
  m.set("out", self);
  m.set("all", [self]);
  return self;
}

/** Reading builder arguments: strings as derivation attributes coerce them. */
export class ArgReader {
  constructor(private readonly st: EvalState) {}

  /** `toString`-like coercion (paths kept as they are, sets through `outPath`/`__toString`). */
  text(l: Lazy): string {
    return coerceToString(this.st, l, { coerceMore: true });
  }

  /** A string argument that must be a string (or string-like), as `${…}` interpolation accepts. */
  interp(l: Lazy): string {
    return coerceToString(this.st, l, { copyToStore: true });
  }

  bool(a: NixAttrs, name: string, dflt: boolean): boolean {
    const v = a.get(name);
    if (v === undefined) return dflt;
    const b = force(v);
    if (typeof b !== "boolean") throw new NixError("type", `expected a Boolean for '${name}'`);
    return b;
  }

  optText(a: NixAttrs, name: string, dflt: string): string {
    const v = a.get(name);
    return v === undefined ? dflt : this.interp(v);
  }

  list(a: NixAttrs, name: string): Lazy[] {
    const v = a.get(name);
    return v === undefined ? [] : forceList(v);
  }

  attrs(a: NixAttrs, name: string): NixAttrs {
    const v = a.get(name);
    return v === undefined ? NixAttrs.empty : forceAttrs(v);
  }

  /**
   * A derivation attribute as the builder sees it in its environment: `true`
   * is "1", `false` and `null` are empty, lists are joined with spaces,
   * paths are copied to the store, derivations give their out path.
   */
  envValue(l: Lazy): string {
    const v: Value = force(l);
    if (v instanceof NixPath) return coerceToString(this.st, v, { copyToStore: true });
    if (typeof v === "string" || v instanceof NixString) return typeof v === "string" ? v : v.s;
    return coerceToString(this.st, v, { coerceMore: true, copyToStore: true });
  }
}

/** Store paths under `storeDir` mentioned in `text` (for references). */
export function storeRefs(storeDir: string, texts: readonly string[]): string[] {
  const found = new Set<string>();
  const prefix = storeDir.endsWith("/") ? storeDir : `${storeDir}/`;
  for (const t of texts) {
    let i = t.indexOf(prefix);
    while (i >= 0) {
      const rest = t.slice(i + prefix.length);
      const m = /^[0-9a-z]{32}-[A-Za-z0-9+\-._?=]+/.exec(rest);
      if (m !== null) found.add(prefix + m[0]);
      i = t.indexOf(prefix, i + prefix.length);
    }
  }
  return [...found].sort();
}
