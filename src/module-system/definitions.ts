/**
 * Definitions and their properties. A definition is `{ file, value }` plus,
 * when known, the source position of the attribute that defined it (so errors
 * say `file:line:col`). Properties are plain Nix sets tagged with `_type`
 * (`if`, `merge`, `override`, `order`, `definition`), so Nix code that builds
 * them by hand works; this file creates them and implements nixpkgs'
 * `pushDownProperties`, `dischargeProperties`, `filterOverrides` and
 * `sortProperties` over them. Pushing down keeps attribute positions.
 */
import { forceList, forceInt } from "../nix/ops.js";
import type { Span } from "../nix/source.js";
import { force, NixAttrs, type Lazy } from "../nix/values.js";
import { attrs, nixThrow, select, str, tagOf } from "./nix-values.js";

/** One definition of an option: where it came from and its (lazy) value. */
export interface Def {
  readonly file: string;
  readonly value: Lazy;
  /** Position of the defining attribute, when known. */
  readonly pos?: Span;
  /**
   * Set on an option's default: `value` is the content of an `mkOverride`
   * of this priority (nixpkgs wraps the default in `mkOptionDefault`). Kept
   * as a field instead of a Nix `{ _type = "override"; … }` set, which every
   * option would otherwise build, force and take apart again.
   */
  readonly overridePriority?: number;
}

export const DEFAULT_OVERRIDE_PRIORITY = 100;
export const DEFAULT_ORDER_PRIORITY = 1000;

/** Priorities of nixpkgs' named overrides. */
export const PRIORITY = {
  optionDefault: 1500,
  default: 1000,
  imageMediaOverride: 60,
  force: 50,
  vmOverride: 10,
} as const;

export function mkIfValue(condition: Lazy, content: Lazy): NixAttrs {
  return attrs({ _type: "if", condition, content });
}

export function mkMergeValue(contents: Lazy): NixAttrs {
  return attrs({ _type: "merge", contents });
}

export function mkOverrideValue(priority: Lazy, content: Lazy): NixAttrs {
  return attrs({ _type: "override", priority, content });
}

export function mkOrderValue(priority: Lazy, content: Lazy): NixAttrs {
  return attrs({ _type: "order", priority, content });
}

/** Map each attribute of a set through `f`, keeping positions; non-sets pass through. */
function mapIfAttrs(v: Lazy, f: (x: Lazy) => Lazy): Lazy {
  const val = force(v);
  if (!(val instanceof NixAttrs)) return v;
  const m = new Map<string, Lazy>();
  for (const [k, x] of val.map) m.set(k, f(x));
  return new NixAttrs(m, val.pos);
}

/**
 * Expand `mkMerge` and push `mkIf`/`mkOverride` down into the attributes of a
 * config set, so conditions are evaluated per attribute and later.
 */
export function pushDownProperties(cfg: Lazy): Lazy[] {
  const t = tagOf(cfg);
  if (t === "merge") {
    const out: Lazy[] = [];
    for (const c of forceList(select(cfg, "contents"))) out.push(...pushDownProperties(c));
    return out;
  }
  if (t === "if") {
    const cond = select(cfg, "condition");
    return pushDownProperties(select(cfg, "content")).map((c) => mapIfAttrs(c, (v) => mkIfValue(cond, v)));
  }
  if (t === "override") {
    const prio = select(cfg, "priority");
    return pushDownProperties(select(cfg, "content")).map((c) => mapIfAttrs(c, (v) => mkOverrideValue(prio, v)));
  }
  return [cfg];
}

/** Expand `mkMerge` and evaluate `mkIf` conditions: the list of remaining values. */
export function dischargeProperties(def: Lazy): Lazy[] {
  const t = tagOf(def);
  if (t === "merge") {
    const out: Lazy[] = [];
    for (const c of forceList(select(def, "contents"))) out.push(...dischargeProperties(c));
    return out;
  }
  if (t === "if") {
    const cond = force(select(def, "condition"));
    if (typeof cond !== "boolean") throw nixThrow("‘mkIf’ called with a non-Boolean condition");
    return cond ? dischargeProperties(select(def, "content")) : [];
  }
  return [def];
}

function overridePrio(def: Def): number {
  if (def.overridePriority !== undefined) return def.overridePriority;
  return tagOf(def.value) === "override" ? Number(forceInt(select(def.value, "priority"))) : DEFAULT_OVERRIDE_PRIORITY;
}

function stripOverride(def: Def): Def {
  if (def.overridePriority !== undefined) return { file: def.file, value: def.value, pos: def.pos };
  return tagOf(def.value) === "override" ? { file: def.file, value: select(def.value, "content"), pos: def.pos } : def;
}

export interface Filtered {
  readonly values: Def[];
  readonly highestPrio: number;
}

/** Keep the definitions of the highest (numerically lowest) priority, unwrapped. */
export function filterOverrides(defs: readonly Def[]): Filtered {
  if (defs.length === 1) return { values: [stripOverride(defs[0]!)], highestPrio: overridePrio(defs[0]!) };
  const prios = defs.map(overridePrio);
  let highest = 9999;
  for (const p of prios) if (p < highest) highest = p;
  const values: Def[] = [];
  defs.forEach((d, i) => {
    if (prios[i] === highest) values.push(stripOverride(d));
  });
  return { values, highestPrio: highest };
}

/** A definition after `sortProperties`: its order priority when it had one. */
export interface OrderedDef extends Def {
  readonly priority?: number;
}

/** Sort by `mkOrder` priority (stable), unwrapping the order property. */
export function sortProperties(defs: readonly Def[]): OrderedDef[] {
  const stripped: OrderedDef[] = defs.map((d) =>
    tagOf(d.value) === "order"
      ? { file: d.file, value: select(d.value, "content"), pos: d.pos, priority: Number(forceInt(select(d.value, "priority"))) }
      : d,
  );
  const keyed = stripped.map((d, i) => ({ d, i, p: d.priority ?? DEFAULT_ORDER_PRIORITY }));
  keyed.sort((a, b) => a.p - b.p || a.i - b.i);
  return keyed.map((k) => k.d);
}

/** True when any definition is wrapped in `mkOrder`. */
export function hasOrder(defs: readonly Def[]): boolean {
  return defs.some((d) => tagOf(d.value) === "order");
}

/** A definition from a Nix `{ file, value }` set (position from the set's `value` attribute). */
export function defFromNix(l: Lazy): Def {
  const a = force(l);
  if (!(a instanceof NixAttrs)) throw nixThrow("a definition must be an attribute set with `file' and `value'");
  const f = a.get("file");
  return { file: f === undefined ? "<unknown-file>" : fileString(f), value: select(a, "value"), pos: a.pos?.get("value") };
}

/** A file name as modules carry it: a string, or a path shown as its path. */
export function fileString(l: Lazy): string {
  const v = force(l);
  if (v !== null && typeof v === "object" && "path" in v && typeof v.path === "string") return v.path;
  return str(v);
}

/** A definition as Nix sees it: `{ file, value }` and `priority` after ordering (the position rides on `value`). */
export function defToNix(d: Def): NixAttrs {
  const pos = d.pos ? new Map([["value", d.pos]]) : undefined;
  const m = new Map<string, Lazy>([
    ["file", d.file],
    ["value", d.value],
  ]);
  // After sortProperties a definition keeps its `mkOrder` priority, as nixpkgs
  // does; types such as Home Manager's `dagOf` order by it.
  const priority = (d as { priority?: number }).priority;
  if (priority !== undefined) m.set("priority", BigInt(priority));
  return new NixAttrs(m, pos);
}

/** A list of definitions from Nix. */
export function defsFromNix(l: Lazy): Def[] {
  return forceList(l).map(defFromNix);
}
