/**
 * The database's tables as kysely sees them. Amounts are INTEGER nanotons (read back as `bigint`:
 * the connection runs with `safeIntegers`), hashes 64 lowercase hex, addresses in raw form
 * (`0:<64 hex>`, so equal addresses are equal strings), times `Date#toISOString()` text.
 * Migrations in `migrations/` create exactly this; change both together.
 */
import type { ColumnType } from "kysely";
import type { OrdersTable } from "./order-columns.js";

export type { OrdersTable };

/** INTEGER columns that hold ids or counts: bigint on read (safeIntegers), number or bigint on write. */
type Int = ColumnType<bigint, number | bigint, number | bigint>;
type NullableInt = ColumnType<bigint | null, number | bigint | null, number | bigint | null>;
/** INTEGER nanotons. */
type Nano = ColumnType<bigint, bigint, bigint>;
type NullableNano = ColumnType<bigint | null, bigint | null, bigint | null>;
/** An INTEGER PRIMARY KEY that SQLite assigns: optional on insert. (`Generated<Int>` would nest two ColumnTypes, which kysely does not unwrap.) */
type GeneratedInt = ColumnType<bigint, number | bigint | undefined, number | bigint>;
/** 0/1 */
type Bool = ColumnType<bigint, 0 | 1 | bigint, 0 | 1 | bigint>;

export interface BalanceTransactionsTable {
  id: Int;
  type: string;
  amount_nano: Nano;
  balance_after_nano: Nano;
  order_id: NullableInt;
  tx_hash: string | null;
  description: string | null;
  created_at: string;
  extra: string;
  synced_at: string;
}

export interface BalanceSnapshotsTable {
  id: GeneratedInt;
  taken_at: string;
  balance_nano: Nano;
  topup_address: string;
  topup_address_raw: string | null;
  currency: string;
  updated_at: string | null;
}

/** One incoming message into a watched address (its transaction's facts alongside). */
export interface ChainTransfersTable {
  /** Transaction hash, 64 lowercase hex. */
  hash: string;
  lt: Int;
  utime: Int;
  /** Watched address (raw form). */
  address: string;
  /** Sender (raw form); null for external-in messages. */
  source: string | null;
  value_nano: Nano;
  /** Text comment (op 0), null when the body is none, binary, encrypted or another op. */
  comment: string | null;
  /** 'text' | 'binary' | 'encrypted' | 'op' | 'none' */
  body_kind: string;
  /** The incoming message is external (never a transfer). */
  external: Bool;
  /** The incoming message carried the `bounced` flag. */
  bounced: Bool;
  /** The transaction's compute or action phase aborted (a deposit into an undeployed wallet does, and keeps its coins). */
  aborted: Bool;
  /** The transaction sent a message back (a bounce or return: not a deposit). */
  sent_back: Bool;
  /** The incoming message's `bounce` flag (bounceable); null for rows read before migration 005. */
  bounceable: ColumnType<bigint | null, 0 | 1 | bigint | null | undefined, 0 | 1 | bigint | null>;
  /** The transaction bounced the value back to the sender (its bounce phase sent the bounce). */
  bounce_sent: ColumnType<bigint, 0 | 1 | bigint | undefined, 0 | 1 | bigint>;
  read_at: string;
}

/** Where the chain reader stopped for each watched address (newest transaction seen). */
export interface ChainCursorsTable {
  address: string;
  last_lt: Int;
  last_hash: string;
  updated_at: string;
}

export interface ReconciliationRunsTable {
  id: GeneratedInt;
  started_at: string;
  finished_at: string | null;
  window_from: string;
  window_to: string;
  as_of: string;
  /** 'running' | 'done' | 'failed' | 'interrupted' */
  status: string;
  orders: Int;
  transfers: Int;
  matched: Int;
  findings: Int;
  new_findings: Int;
  duration_ms: NullableInt;
  /** JSON of the options the run used (tolerance, grace, fail-on, …). */
  options: string;
  error: string | null;
  /** The reconcile lock's owner (`host:pid:random`) while it ran: who to blame for a run left running. (006) */
  lock_owner: string | null;
  /** JSON array of the run's warnings, one line each; '[]' by default. (006) */
  warnings: ColumnType<string, string | undefined, string>;
  /** Why the mirror was not complete when the run read it (its alerts held back); null when it was. (006) */
  mirror_incomplete: string | null;
}

/** One row per finding key: its latest state. */
export interface FindingsTable {
  key: string;
  kind: string;
  severity: string;
  order_id: NullableInt;
  payment_memo: string | null;
  tx_hash: string | null;
  expected_nano: NullableNano;
  received_nano: NullableNano;
  /** What is at stake (migration 007); null for control totals without a volume. Null when left out on insert. */
  amount_nano: ColumnType<bigint | null, bigint | null | undefined, bigint | null>;
  message: string;
  /** JSON object of extra facts (memo_normalized, …). */
  details: string;
  first_seen_run: Int;
  last_seen_run: Int;
  first_seen_at: string;
  last_seen_at: string;
  /** 1 while no alert went out for it: every run that saw it held it back (mirror incomplete); 0 by default. (006) */
  held_back: ColumnType<bigint, 0 | 1 | bigint | undefined, 0 | 1 | bigint>;
  /** The run that covered its subject and no longer found it; null while it is found (or never re-checked). (008) */
  cleared_run: ColumnType<bigint | null, number | bigint | null | undefined, number | bigint | null>;
  /** When that run saw it gone. (008) */
  cleared_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Which findings each run saw, and whether they were new in it. */
export interface RunFindingsTable {
  run_id: Int;
  key: string;
  is_new: Bool;
}

export interface FindingResolutionsTable {
  id: GeneratedInt;
  key: string;
  resolved_at: string;
  resolved_by: string;
  note: string;
  /** Amounts at resolution time: a change re-opens the finding. */
  expected_nano: NullableNano;
  received_nano: NullableNano;
}

/** Cursors and watermarks, written in the same transaction as the rows they describe. */
export interface SyncStateTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
}

/** Advisory locks held in the database so two processes never do the same job at once. */
export interface LocksTable {
  name: string;
  owner: string;
  acquired_at: string;
  /** A holder refreshes this; a lock past it is stale and may be taken over. */
  expires_at: string;
}

/**
 * What the latest reconciliation run concluded for each order it covered (the report's `paid_ton`
 * and `reconciliation` columns). Written by the reconciler in the same transaction as its run.
 */
export interface OrderMatchesTable {
  order_id: Int;
  run_id: Int;
  /** Sum of the covering set; null when no valid transfer carries the memo. */
  paid_nano: NullableNano;
  /** JSON array of the covering set's hashes (hex), in lt order. */
  covering_hashes: string;
  /** The transfer that completed payment (last of the covering set), when covered. */
  completing_tx_hash: string | null;
  /** Some covering transfer needed case folding to match. */
  memo_normalized: Bool;
  /** `matched`, `unpaid`, or the kind of the order's most severe finding. */
  reconciliation: string;
}

/** Alerts stored before they are sent (008): pending until a receiver took them, then delivered or expired. */
export interface AlertOutboxTable {
  /** The delivery id receivers deduplicate by (`webhook-id`): `msg_` and 32 hex digits. */
  id: string;
  /** `findings.new`, `findings.resolved`, `run.failed`, `run.recovered`. */
  type: string;
  created_at: string;
  /** JSON of the event, whatever format it is sent in. */
  payload: string;
  /** 'pending' | 'delivered' | 'expired' */
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<bigint, number | bigint | undefined, number | bigint>;
  last_attempt_at: string | null;
  /** One line: why the last attempt failed. */
  last_error: string | null;
  delivered_at: string | null;
  /** The reconcile run it is about, when it is about one. */
  run_id: NullableInt;
}

/** One row per sync, reconcile, report or nightly invocation (008). */
export interface StepRunsTable {
  id: string;
  /** `sync`, `reconcile`, `report`, `nightly`. */
  step: string;
  started_at: string;
  finished_at: string | null;
  /** 'ok' (exit 0 or 1) | 'failed' | 'interrupted' */
  status: string;
  exit_code: Int;
  /** The one line the program printed, when it failed. */
  error: string | null;
  duration_ms: NullableInt;
  /** JSON: what the step read and asked (orders, transfers, API requests by route and status). */
  counts: ColumnType<string, string | undefined, string>;
}

export interface Database {
  orders: OrdersTable;
  balance_transactions: BalanceTransactionsTable;
  balance_snapshots: BalanceSnapshotsTable;
  chain_transfers: ChainTransfersTable;
  chain_cursors: ChainCursorsTable;
  reconciliation_runs: ReconciliationRunsTable;
  findings: FindingsTable;
  run_findings: RunFindingsTable;
  finding_resolutions: FindingResolutionsTable;
  sync_state: SyncStateTable;
  locks: LocksTable;
  order_matches: OrderMatchesTable;
  alert_outbox: AlertOutboxTable;
  step_runs: StepRunsTable;
}
