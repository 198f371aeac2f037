/**
 * `expire-generations TIMESTAMP`: which generations are not newer than a point
 * in time given the way `date -d` reads it (`-30 days`, `2018-01-01`,
 * `last monday`, …). The parsing is GNU date's own: we run it, so every form
 * it accepts works and means the same.
 */
import { spawnSync } from "node:child_process";
import { listGenerations } from "./profiles.js";

/** The timestamp could not be understood. */
export class DateParseError extends Error {}

/** Milliseconds since the epoch for a `date -d` expression. */
export function parseDate(expr: string, env: Readonly<Record<string, string | undefined>>): number {
  const r = spawnSync("date", ["-d", expr, "+%s.%N"], { env: env as NodeJS.ProcessEnv, encoding: "utf8" });
  if (r.error !== undefined) throw new DateParseError(`cannot run 'date': ${r.error.message}`);
  const out = r.stdout.trim();
  if (r.status !== 0 || !/^-?\d+(\.\d+)?$/.test(out)) {
    const why = r.stderr.trim();
    throw new DateParseError(why !== "" ? why : `date: invalid date '${expr}'`);
  }
  return Number(out) * 1000;
}

/** Ids of the generations whose link is not newer than `ms` (as `find -not -newermt`). */
export function generationsNotNewerThan(profilesDir: string, ms: number): number[] {
  return listGenerations(profilesDir)
    .filter((g) => g.mtimeMs <= ms)
    .map((g) => g.id);
}
