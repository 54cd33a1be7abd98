/**
 * Every finding with what the report needs to place it: the time of its subject (the order's
 * creation, the transfer's arrival, the ledger row's time), the run whose word on it counts, and
 * whether it is resolved at its current amounts.
 */
import type SQLite from "better-sqlite3";

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
  /** Resolved at exactly its current expected and received amounts (the store's resolution rule). */
  resolved: bigint;
}

export function allReportFindings(sqlite: SQLite.Database): ReportFindingRow[] {
  return sqlite
    .prepare(
      `SELECT f.key, f.kind, f.severity, f.order_id, f.payment_memo, f.tx_hash, f.expected_nano, f.received_nano,
         f.amount_nano, f.message, f.first_seen_at, f.last_seen_run, f.details,
         m.run_id AS order_run_id, o.created_at AS order_created_at,
         t.utime AS transfer_utime, t.value_nano AS transfer_value_nano,
         b.created_at AS ledger_created_at,
         EXISTS (SELECT 1 FROM finding_resolutions AS r
                 WHERE r.key = f.key AND r.expected_nano IS f.expected_nano AND r.received_nano IS f.received_nano) AS resolved
       FROM findings AS f
       LEFT JOIN order_matches AS m ON m.order_id = f.order_id
       LEFT JOIN orders AS o ON o.id = f.order_id
       LEFT JOIN chain_transfers AS t ON t.hash = f.tx_hash
       LEFT JOIN balance_transactions AS b ON b.id = json_extract(f.details, '$.balance_tx_id')
       ORDER BY f.key`,
    )
    .all() as ReportFindingRow[];
}

/** Whether `run` saw the finding (run_findings records every finding a run saw, resolved ones too). */
export function runSawFinding(sqlite: SQLite.Database, run: number, key: string): boolean {
  return sqlite.prepare("SELECT 1 FROM run_findings WHERE run_id = ? AND key = ?").get(run, key) !== undefined;
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
export function finishedRuns(sqlite: SQLite.Database): ReportRunRow[] {
  return sqlite
    .prepare(
      "SELECT id, window_from, window_to, as_of, finished_at, options FROM reconciliation_runs WHERE status = 'done' ORDER BY id",
    )
    .all() as ReportRunRow[];
}
