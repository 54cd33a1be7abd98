/**
 * What the metrics say, read from the database (so every command writes the whole picture: each
 * step's last run and last success, open findings, pending alerts) plus, for a step the database
 * could not record (it was the problem), what this process knows.
 */
import { FINDING_KINDS, FINDING_SEVERITY, type Severity } from "@omrecon/core";
import { countPendingAlerts, latestStepRuns, listFindingStates, type Store } from "@omrecon/store";
import type { RequestCount } from "./requests.js";

/** What one step run read and asked (stored with it as JSON). */
export interface StepCounts {
  orders_read?: number;
  balance_transactions_read?: number;
  transfers_read?: number;
  requests?: RequestCount[];
}

export interface StepSnapshot {
  step: string;
  startedAt: string;
  status: string;
  exitCode: number;
  durationMs: number | null;
  lastSuccessAt: string | null;
  counts: StepCounts;
}

export interface OpenFindingCount {
  kind: string;
  severity: string;
  count: number;
  amountNano: bigint;
}

export interface MetricsSnapshot {
  steps: StepSnapshot[];
  /** Every kind (zero included), so a kind that goes to zero is a zero, not a gap. Null: unknown. */
  openFindings: OpenFindingCount[] | null;
  alertsPending: number | null;
}

export async function readMetricsSnapshot(store: Store): Promise<MetricsSnapshot> {
  const steps = (await latestStepRuns(store.db)).map(({ step, last, lastSuccess }) => ({
    step,
    startedAt: last.started_at,
    status: last.status,
    exitCode: Number(last.exit_code),
    durationMs: last.duration_ms === null ? null : Number(last.duration_ms),
    lastSuccessAt: lastSuccess?.started_at ?? null,
    counts: parseCounts(last.counts),
  }));
  const byKind = new Map<string, OpenFindingCount>(
    FINDING_KINDS.map((kind) => [kind, { kind, severity: FINDING_SEVERITY[kind], count: 0, amountNano: 0n }]),
  );
  for (const f of await listFindingStates(store.db, { status: "open" })) {
    const entry = byKind.get(f.kind) ?? { kind: f.kind, severity: f.severity as Severity, count: 0, amountNano: 0n };
    entry.count++;
    entry.amountNano += f.amount_nano ?? 0n;
    byKind.set(f.kind, entry);
  }
  return { steps, openFindings: [...byKind.values()], alertsPending: await countPendingAlerts(store.db) };
}

function parseCounts(json: string): StepCounts {
  try {
    const value = JSON.parse(json) as unknown;
    return value !== null && typeof value === "object" ? (value as StepCounts) : {};
  } catch {
    return {};
  }
}
