/**
 * An attribute map that is another map plus a few names set on top, without
 * copying the other map until someone enumerates it. The module system makes
 * such sets for every option (`mkOption` adds `_type`, merging declarations
 * adds `loc`, `declarations`, …) and mostly only looks names up in them, so a
 * copy per option — a hash table of a dozen entries, built by growing twice —
 * was pure garbage-collector work. Lookups check the few names on top, then
 * the map below; anything that enumerates or changes the map first copies it
 * into this Map itself, after which it is an ordinary Map (same entry order as
 * `copy of base, then set each name on top`).
 */
import type { Lazy } from "../nix/values.js";

export class OverlayMap extends Map<string, Lazy> {
  private base: ReadonlyMap<string, Lazy> | null;
  private readonly topNames: string[];
  private readonly topValues: Lazy[];

  /** `base` must not change afterwards (attribute maps never do). */
  constructor(base: ReadonlyMap<string, Lazy>, names: string[], values: Lazy[]) {
    super();
    this.base = base;
    this.topNames = names;
    this.topValues = values;
  }

  private materialize(): void {
    const b = this.base;
    if (b === null) return;
    this.base = null;
    b.forEach((v, k) => super.set(k, v));
    for (let i = 0; i < this.topNames.length; i++) super.set(this.topNames[i]!, this.topValues[i]!);
  }

  override get(k: string): Lazy | undefined {
    const b = this.base;
    if (b === null) return super.get(k);
    const i = this.topNames.indexOf(k);
    return i >= 0 ? this.topValues[i] : b.get(k);
  }

  override has(k: string): boolean {
    const b = this.base;
    if (b === null) return super.has(k);
    return this.topNames.includes(k) || b.has(k);
  }

  override get size(): number {
    const b = this.base;
    if (b === null) return super.size;
    let n = b.size;
    for (let i = 0; i < this.topNames.length; i++) if (!b.has(this.topNames[i]!)) n++;
    return n;
  }

  override set(k: string, v: Lazy): this {
    this.materialize();
    return super.set(k, v);
  }

  override delete(k: string): boolean {
    this.materialize();
    return super.delete(k);
  }

  override clear(): void {
    this.materialize();
    super.clear();
  }

  override keys(): MapIterator<string> {
    this.materialize();
    return super.keys();
  }

  override values(): MapIterator<Lazy> {
    this.materialize();
    return super.values();
  }

  override entries(): MapIterator<[string, Lazy]> {
    this.materialize();
    return super.entries();
  }

  override forEach(cb: (v: Lazy, k: string, m: Map<string, Lazy>) => void, thisArg?: unknown): void {
    const b = this.base;
    if (b === null) {
      super.forEach(cb, thisArg);
      return;
    }
    // The materialized order without materializing (copying an overlay, as
    // `//` and option facades do, should not build it twice): the map below,
    // names on top replacing their values in place, then the new names.
    const names = this.topNames;
    const values = this.topValues;
    b.forEach((v, k) => {
      const i = names.indexOf(k);
      cb.call(thisArg, i >= 0 ? values[i]! : v, k, this);
    });
    for (let i = 0; i < names.length; i++) if (!b.has(names[i]!)) cb.call(thisArg, values[i]!, names[i]!, this);
  }

  override [Symbol.iterator](): MapIterator<[string, Lazy]> {
    this.materialize();
    return super[Symbol.iterator]();
  }
}

/**
 * Whether names can be laid over this map: plain maps and overlays only.
 * Other Map subclasses (the package set's, which answers names it does not
 * list) must be copied by enumeration, as `//` always did, so that the result
 * answers exactly the listed names.
 */
export function overlayable(m: ReadonlyMap<string, Lazy>): boolean {
  const proto: unknown = Object.getPrototypeOf(m);
  return proto === Map.prototype || proto === OverlayMap.prototype;
}
