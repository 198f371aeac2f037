/**
 * A small seeded pseudo-random generator (mulberry32) shared by the
 * differential test, the fuzz test and the generators: the same seed always
 * yields the same sequence on every machine, so a failing run can be replayed
 * from the seed it prints.
 */

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error("Rng.pick: empty choice");
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Pick by weight: entries are [weight, value]. Entries of weight 0 are never picked. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.next() * total;
    for (const [w, v] of entries) {
      if (w <= 0) continue;
      if (r < w) return v;
      r -= w;
    }
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]![0] > 0) return entries[i]![1];
    throw new Error("Rng.weighted: no entry with positive weight");
  }

  /** A fresh independent generator derived from this one. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}

/** The seed to use: the environment variable if set, else `fallback()`. */
export function seedFromEnv(name: string, fallback: () => number): number {
  const v = process.env[name];
  if (v !== undefined && v !== "") {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${v}'`);
    return n >>> 0;
  }
  return fallback() >>> 0;
}
