/**
 * The report of the hm-modules runner: one line per group (module) with its
 * counts, the message and diff of every failed case under it, a line per
 * status with the totals, the median time per case, and last
 * `N passed, M failed` counting only groups we implement (those with at
 * least one case that is not "not implemented").
 */
import type { CaseStatus } from "./run-case.js";

export type ResultStatus = CaseStatus | "skipped";

export interface CaseResult {
  readonly group: string;
  readonly name: string;
  readonly status: ResultStatus;
  readonly detail?: string;
  readonly ms: number;
}

export interface GroupError {
  readonly group: string;
  readonly error: string;
}

/** Lines of a failure's detail shown without `--verbose`. */
const DETAIL_LINES = 60;

function indent(text: string, verbose: boolean): string {
  let lines = text.split("\n");
  if (!verbose && lines.length > DETAIL_LINES)
    lines = [...lines.slice(0, DETAIL_LINES), `… (${lines.length - DETAIL_LINES} more lines; --verbose shows all)`];
  return lines.map((l) => `    ${l}`).join("\n");
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** Print the report; returns the exit status (0 when no implemented case failed). */
export function printReport(
  groupOrder: readonly string[],
  results: readonly CaseResult[],
  groupErrors: readonly GroupError[],
  verbose: boolean,
  out: (line: string) => void = console.log,
): number {
  const byGroup = new Map<string, CaseResult[]>();
  for (const r of results) (byGroup.get(r.group) ?? byGroup.set(r.group, []).get(r.group)!).push(r);
  const errors = new Map(groupErrors.map((e) => [e.group, e.error]));
  const totals: Record<ResultStatus, number> = { passed: 0, failed: 0, "not-implemented": 0, skipped: 0 };
  let passed = 0;
  let failed = 0;
  let implementedGroups = 0;
  let missingGroups = 0;
  for (const group of groupOrder) {
    const error = errors.get(group);
    if (error !== undefined) {
      out(`${group}: the case list could not be evaluated`);
      out(indent(error, verbose));
      failed++;
      implementedGroups++;
      continue;
    }
    const rs = (byGroup.get(group) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    const count = (s: ResultStatus) => rs.filter((r) => r.status === s).length;
    for (const s of Object.keys(totals) as ResultStatus[]) totals[s] += count(s);
    if (rs.length === 0) continue;
    // A group none of whose cases ran is a missing module when one of them found an option missing;
    // a group whose cases were all skipped is reported with its counts (its module may well exist).
    if (rs.every((r) => r.status === "not-implemented" || r.status === "skipped") && count("not-implemented") > 0) {
      missingGroups++;
      out(`${group}: not implemented (${rs.length} case${rs.length === 1 ? "" : "s"})`);
      if (verbose)
        for (const r of rs) out(`  ${r.status.toUpperCase()} ${r.name}${r.detail === undefined ? "" : `: ${r.detail.split("\n")[0]}`}`);
      continue;
    }
    implementedGroups++;
    passed += count("passed");
    failed += count("failed");
    const extra = [
      count("not-implemented") > 0 ? `, ${count("not-implemented")} not implemented` : "",
      count("skipped") > 0 ? `, ${count("skipped")} skipped` : "",
    ];
    out(`${group}: ${count("passed")} passed, ${count("failed")} failed${extra.join("")}`);
    for (const r of rs) {
      if (r.status === "failed") {
        out(`  FAIL ${r.name}`);
        if (r.detail !== undefined) out(indent(r.detail, verbose));
      } else if (verbose && r.status !== "passed")
        out(`  ${r.status.toUpperCase()} ${r.name}${r.detail === undefined ? "" : `: ${r.detail.split("\n")[0]}`}`);
    }
  }
  const ran = results.filter((r) => r.status !== "skipped");
  out(`modules: ${implementedGroups} implemented, ${missingGroups} not implemented`);
  out(`cases passed: ${totals.passed}`);
  out(`cases failed: ${totals.failed}`);
  out(`cases not implemented: ${totals["not-implemented"]}`);
  out(`cases skipped: ${totals.skipped}`);
  out(`median time per case: ${median(ran.map((r) => r.ms))} ms`);
  out(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
