/**
 * Every finding with what the report needs to place it: the time of its subject (the order's
 * creation, the transfer's arrival, the ledger row's time), the run whose word on it counts, and
 * whether it is resolved at its current amounts.
 */
import type { DialectName, SnapshotQueries } from "./driver.js";

export interface ReportFindingRow {
  key: string;
  kind: string;
  severity: string;
  order_id: bigint | null;
  payment_memo: string | null;
  tx_hash: string | null;
  expected_nano: bigint | null;
  received_nano: bigint | null;
  amount_nano: bigint | null;
  message: string;
  first_seen_at: string;
  last_seen_run: bigint;
  /** JSON object. */
  details: string;
  /** The run that last concluded about the finding's order (order_matches.run_id). */
  order_run_id: bigint | null;
  order_created_at: string | null;
  /** The transfer named by `tx_hash`, when it is stored. */
  transfer_utime: bigint | null;
  transfer_value_nano: bigint | null;
  /** The ledger row named by `details.balance_tx_id`, when it is stored. */
  ledger_created_at: string | null;
  /** Resolved at exactly its current expected and received amounts (the store's resolution rule): 1n or 0n. */
  resolved: bigint;
}

/** `details.balance_tx_id` as an integer, or null. */
const BALANCE_TX_ID: Readonly<Record<DialectName, string>> = {
  sqlite: "json_extract(f.details, '$.balance_tx_id')",
  postgres:
    "CASE WHEN (f.details::jsonb ->> 'balance_tx_id') ~ '^-?[0-9]+$' THEN (f.details::jsonb ->> 'balance_tx_id')::bigint END",
};

const findingsSql = (dialect: DialectName) =>
  `SELECT f.key, f.kind, f.severity, f.order_id, f.payment_memo, f.tx_hash, f.expected_nano, f.received_nano,
     f.amount_nano, f.message, f.first_seen_at, f.last_seen_run, f.details,
     m.run_id AS order_run_id, o.created_at AS order_created_at,
     t.utime AS transfer_utime, t.value_nano AS transfer_value_nano,
     b.created_at AS ledger_created_at,
     CASE WHEN EXISTS (SELECT 1 FROM finding_resolutions AS r
             WHERE r.key = f.key AND r.expected_nano IS NOT DISTINCT FROM f.expected_nano
               AND r.received_nano IS NOT DISTINCT FROM f.received_nano) THEN 1 ELSE 0 END AS resolved
   FROM findings AS f
   LEFT JOIN order_matches AS m ON m.order_id = f.order_id
   LEFT JOIN orders AS o ON o.id = f.order_id
   LEFT JOIN chain_transfers AS t ON t.hash = f.tx_hash
   LEFT JOIN balance_transactions AS b ON b.id = ${BALANCE_TX_ID[dialect]}
   ORDER BY f.key`;

const FINDINGS: Readonly<Record<DialectName, string>> = {
  sqlite: findingsSql("sqlite"),
  postgres: findingsSql("postgres"),
};

export function allReportFindings(q: SnapshotQueries): Promise<ReportFindingRow[]> {
  return q.all<ReportFindingRow>(FINDINGS[q.dialect], []);
}

/** The keys a run saw (run_findings records every finding a run saw, resolved ones too). */
export async function runFindingKeys(q: SnapshotQueries, run: number): Promise<Set<string>> {
  const rows = await q.all<[string]>("SELECT key FROM run_findings WHERE run_id = ?", [run], { arrays: true });
  return new Set(rows.map((r) => r[0]));
}

export interface ReportRunRow {
  id: bigint;
  window_from: string;
  window_to: string;
  as_of: string;
  finished_at: string | null;
  /** JSON of the run's options (`tolerance_nano`, …). */
  options: string;
}

/** Finished runs, oldest first. */
export function finishedRuns(q: SnapshotQueries): Promise<ReportRunRow[]> {
  return q.all<ReportRunRow>(
    "SELECT id, window_from, window_to, as_of, finished_at, options FROM reconciliation_runs WHERE status = 'done' ORDER BY id",
    [],
  );
}
