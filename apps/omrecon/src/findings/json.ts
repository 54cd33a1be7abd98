/** `findings --json` and `findings show --json`: amounts as decimal strings of integers, times ISO with Z. */
import { type FindingJsonFields, findingJsonFields, formatIsoUtc, formatTon } from "@omrecon/core";
import type { FindingRunRow, FindingState, ResolutionRow } from "@omrecon/store";

export interface FindingStateJson extends FindingJsonFields {
  /** `open`, `resolved` or `cleared` (docs/cli.md#history-runs-findings-alerts). */
  status: string;
  amount_ton: string | null;
  message: string;
  first_seen_run: number;
  first_seen_at: string;
  last_seen_run: number;
  last_seen_at: string;
  cleared_run: number | null;
  cleared_at: string | null;
  resolution: ResolutionJson | null;
  details: unknown;
}

export interface ResolutionJson {
  resolved_by: string;
  resolved_at: string;
  note: string;
  expected_nano: string | null;
  received_nano: string | null;
}

export function findingStateJson(f: FindingState): FindingStateJson {
  // `status` follows `severity` in the document (docs/cli.md#history-runs-findings-alerts).
  const { key, kind, severity, ...facts } = findingJsonFields(f);
  return {
    key,
    kind,
    severity,
    status: f.status,
    ...facts,
    amount_ton: f.amount_nano === null ? null : formatTon(f.amount_nano),
    message: f.message,
    first_seen_run: Number(f.first_seen_run),
    first_seen_at: formatIsoUtc(f.first_seen_at),
    last_seen_run: Number(f.last_seen_run),
    last_seen_at: formatIsoUtc(f.last_seen_at),
    cleared_run: f.cleared_run === null ? null : Number(f.cleared_run),
    cleared_at: f.cleared_at === null ? null : formatIsoUtc(f.cleared_at),
    resolution: f.resolution === null ? null : resolutionJson(f.resolution),
    details: parse(f.details),
  };
}

export function resolutionJson(r: ResolutionRow): ResolutionJson {
  return {
    resolved_by: r.resolved_by,
    resolved_at: formatIsoUtc(r.resolved_at),
    note: r.note,
    expected_nano: r.expected_nano?.toString() ?? null,
    received_nano: r.received_nano?.toString() ?? null,
  };
}

export function findingRunJson(r: FindingRunRow) {
  return {
    run_id: Number(r.run_id),
    started_at: formatIsoUtc(r.started_at),
    status: r.status,
    window: { from: formatIsoUtc(r.window_from), to: formatIsoUtc(r.window_to) },
    new: r.is_new,
  };
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}
