/**
 * What omrecon tells a receiver, whatever the format it is sent in (docs/alerts.md#events-json). Each
 * event is a Standard Webhooks payload — `type`, `timestamp` (when it happened), `data` — stored in
 * the outbox as it will be sent in the `json` format, so every retry sends the same bytes.
 */
import {
  type Finding,
  type FindingJsonFields,
  findingJsonFields,
  formatIsoUtc,
  formatTon,
  SEVERITY_RANK,
  type Severity,
} from "@omrecon/core";

export type AlertEventType = "findings.new" | "findings.resolved" | "run.failed" | "run.recovered";

export interface AlertFinding extends FindingJsonFields<Severity> {
  /** What is at stake, as an exact TON decimal. */
  amount_ton: string | null;
  message: string;
  first_seen_at: string | null;
}

export interface FindingsNewData {
  run_id: number;
  window: { from: string; to: string };
  as_of: string;
  totals: { orders: number; transfers: number; matched: number; findings: number; new_findings: number };
  /** New findings by severity, and what they put at stake (exact TON). */
  new_by_severity: Partial<Record<Severity, number>>;
  at_stake_ton: Partial<Record<Severity, string>>;
  /** Every new finding, the most severe and largest first (the `json` format sends the first `FINDINGS_PER_EVENT`). */
  findings: AlertFinding[];
  /** New findings a format's list left out (all of them are in `omrecon findings --json`). */
  findings_omitted: number;
}

export interface FindingsResolvedData {
  run_id: number | null;
  /** `resolved`: an operator resolved them; `no_longer_found`: a run that covered them found them gone. */
  reason: "resolved" | "no_longer_found";
  resolved_by: string | null;
  note: string | null;
  findings: AlertFinding[];
  findings_omitted: number;
}

export interface RunFailedData {
  /** The command that failed (`sync`, `reconcile`, `nightly`). */
  command: string;
  /** Within `nightly`, the step that failed (`sync`, `reconcile`, `report`); else the command. */
  step: string;
  exit_code: number;
  /** The error's stable code (`chain_unreadable`, `api_key_refused`, …). */
  code: string;
  /** The one line the program printed (never the key). */
  reason: string;
  host: string;
}

export interface RunRecoveredData {
  command: string;
  host: string;
  /** When the failure it recovers from happened and what it said. */
  failed_at: string;
  failure: string;
}

export type AlertEvent =
  | { type: "findings.new"; timestamp: string; data: FindingsNewData }
  | { type: "findings.resolved"; timestamp: string; data: FindingsResolvedData }
  | { type: "run.failed"; timestamp: string; data: RunFailedData }
  | { type: "run.recovered"; timestamp: string; data: RunRecoveredData };

/** What the `json` format lists: well under Standard Webhooks' advice of 20 KB at ordinary message lengths. */
export const FINDINGS_PER_EVENT = 50;
/** Longer messages are cut (all of each is in `omrecon findings show KEY`). */
export const MESSAGE_CHARS = 500;

/** A finding as a listed run finding or a stored row carries it (amounts as nanotons). */
export interface FindingFacts extends Finding {
  first_seen_at?: string | null;
}

export function alertFinding(f: FindingFacts): AlertFinding {
  return {
    ...findingJsonFields(f),
    amount_ton: f.amount_nano === null ? null : formatTon(f.amount_nano),
    message: cut(f.message, MESSAGE_CHARS),
    first_seen_at: f.first_seen_at ? formatIsoUtc(f.first_seen_at) : null,
  };
}

/** Most severe first, then most at stake, then by key: what a person should read first. */
export function bySeverityAndAmount<T extends Pick<Finding, "severity" | "amount_nano" | "key">>(a: T, b: T): number {
  const stake = (b.amount_nano ?? -1n) - (a.amount_nano ?? -1n);
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (stake > 0n ? 1 : stake < 0n ? -1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

export interface RunForAlerts {
  runId: number;
  window: { from: string; to: string };
  asOf: string;
  totals: FindingsNewData["totals"];
}

/** The new findings of a run (those it announces), or null when there are none. */
export function findingsNewEvent(run: RunForAlerts, fresh: readonly FindingFacts[], at: string): AlertEvent | null {
  if (fresh.length === 0) return null;
  const sorted = [...fresh].sort(bySeverityAndAmount);
  const count: Partial<Record<Severity, number>> = {};
  const stake: Partial<Record<Severity, bigint>> = {};
  for (const f of sorted) {
    count[f.severity] = (count[f.severity] ?? 0) + 1;
    stake[f.severity] = (stake[f.severity] ?? 0n) + (f.amount_nano ?? 0n);
  }
  return {
    type: "findings.new",
    timestamp: formatIsoUtc(at),
    data: {
      run_id: run.runId,
      window: { from: formatIsoUtc(run.window.from), to: formatIsoUtc(run.window.to) },
      as_of: formatIsoUtc(run.asOf),
      totals: { ...run.totals },
      new_by_severity: count,
      at_stake_ton: Object.fromEntries(Object.entries(stake).map(([s, n]) => [s, formatTon(n)])),
      findings: sorted.map(alertFinding),
      findings_omitted: 0,
    },
  };
}

export function findingsResolvedEvent(
  findings: readonly FindingFacts[],
  how: { at: string; runId: number | null; reason: FindingsResolvedData["reason"]; by?: string; note?: string },
): AlertEvent | null {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort(bySeverityAndAmount);
  return {
    type: "findings.resolved",
    timestamp: formatIsoUtc(how.at),
    data: {
      run_id: how.runId,
      reason: how.reason,
      resolved_by: how.by ?? null,
      note: how.note === undefined ? null : cut(how.note, MESSAGE_CHARS),
      findings: sorted.map(alertFinding),
      findings_omitted: 0,
    },
  };
}

export function runFailedEvent(data: RunFailedData, at: string): AlertEvent {
  return { type: "run.failed", timestamp: formatIsoUtc(at), data: { ...data, reason: cut(data.reason, 1_000) } };
}

export function runRecoveredEvent(data: RunRecoveredData, at: string): AlertEvent {
  return { type: "run.recovered", timestamp: formatIsoUtc(at), data };
}

export function cut(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}
