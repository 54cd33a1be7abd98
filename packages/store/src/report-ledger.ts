/** The balance ledger of a report period, and what its chain status needs. */
import type SQLite from "better-sqlite3";
import { VALID_TRANSFER_SQL } from "./report-chain.js";

export interface ReportLedgerRow {
  id: bigint;
  created_at: string;
  type: string;
  amount_nano: bigint;
  balance_after_nano: bigint;
  order_id: bigint | null;
  tx_hash: string | null;
}

/** Balance transactions created in `[from, to)`, by id, through a cursor. */
export function iterateLedger(sqlite: SQLite.Database, from: string, to: string): IterableIterator<ReportLedgerRow> {
  return sqlite
    .prepare(
      `SELECT id, created_at, type, amount_nano, balance_after_nano, order_id, tx_hash FROM balance_transactions
       WHERE created_at >= ? AND created_at < ? ORDER BY id`,
    )
    .iterate(from, to) as IterableIterator<ReportLedgerRow>;
}

/** `balance_after` of the row just before the first row created at or after `time` (by id), if any. */
export function balanceBefore(sqlite: SQLite.Database, time: string): bigint | null {
  const first = sqlite
    .prepare("SELECT id FROM balance_transactions WHERE created_at >= ? ORDER BY id LIMIT 1")
    .get(time) as { id: bigint } | undefined;
  if (!first) return null;
  const previous = sqlite
    .prepare("SELECT balance_after_nano FROM balance_transactions WHERE id < ? ORDER BY id DESC LIMIT 1")
    .get(first.id) as { balance_after_nano: bigint } | undefined;
  return previous?.balance_after_nano ?? null;
}

/** The partner's top-up address (raw form) from the newest balance snapshot. */
export function topupAddressRaw(sqlite: SQLite.Database): string | null {
  const row = sqlite.prepare("SELECT topup_address_raw FROM balance_snapshots ORDER BY id DESC LIMIT 1").get() as
    | { topup_address_raw: string | null }
    | undefined;
  return row?.topup_address_raw ?? null;
}

/**
 * Hashes of valid transfers into the address, or null when the chain has never been read for it (so
 * nothing can be said). Top-ups are few: a set in memory is fine.
 */
export function validTransferHashes(sqlite: SQLite.Database, addressRaw: string | null): Set<string> | null {
  if (addressRaw === null) return null;
  if (sqlite.prepare("SELECT 1 FROM chain_cursors WHERE address = ?").get(addressRaw) === undefined) return null;
  const rows = sqlite
    .prepare(`SELECT t.hash FROM chain_transfers AS t WHERE t.address = ? AND ${VALID_TRANSFER_SQL}`)
    .pluck()
    .all(addressRaw) as string[];
  return new Set(rows);
}
