/**
 * `reconcile --json` exactly as docs/cli.md shows it (amounts as decimal strings of integers), plus
 * added fields only: `as_of`, `duration_ms`, `warnings`, and per finding `amount_nano`, `first_seen_run`,
 * `first_seen_at`, `details`.
 */
import { type FindingJsonFields, findingJsonFields, formatIsoUtc } from "@omrecon/core";
import type { ListedFinding, RunOutcome } from "../run/context.js";

export interface FindingJson extends FindingJsonFields {
  new: boolean;
  message: string;
  first_seen_run: number;
  first_seen_at: string;
  details: Record<string, string | number | boolean | null>;
}

export interface RunJson {
  run_id: number;
  window: { from: string; to: string };
  as_of: string;
  totals: { orders: number; transfers: number; matched: number; findings: number; new_findings: number };
  findings: FindingJson[];
  duration_ms: number;
  /** docs/cli.md#reconcile---json: one line per thing the run could not check or trust. */
  warnings: string[];
}

export function findingJson(f: ListedFinding): FindingJson {
  return {
    ...findingJsonFields(f),
    new: f.new,
    message: f.message,
    first_seen_run: f.first_seen_run,
    first_seen_at: formatIsoUtc(f.first_seen_at),
    details: f.details ?? {},
  };
}

export function runJson(outcome: RunOutcome): RunJson {
  const t = outcome.totals;
  return {
    run_id: outcome.runId,
    window: { from: formatIsoUtc(outcome.window.from), to: formatIsoUtc(outcome.window.to) },
    as_of: formatIsoUtc(outcome.asOf),
    totals: {
      orders: t.orders,
      transfers: t.transfers,
      matched: t.matched,
      findings: t.findings,
      new_findings: t.new_findings,
    },
    findings: outcome.findings.map(findingJson),
    duration_ms: outcome.durationMs,
    warnings: [...outcome.warnings],
  };
}
