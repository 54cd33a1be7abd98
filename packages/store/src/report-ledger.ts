/** The balance ledger of a report period, and what its chain status needs. */
import type { SnapshotQueries } from "./driver.js";
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
export function ledgerChunks(q: SnapshotQueries, from: string, to: string): AsyncGenerator<ReportLedgerRow[]> {
  return q.chunks<ReportLedgerRow>(
    `SELECT id, created_at, type, amount_nano, balance_after_nano, order_id, tx_hash FROM balance_transactions
     WHERE created_at >= ? AND created_at < ? ORDER BY id`,
    [from, to],
    { chunkSize: 500 },
  );
}

/** `balance_after` of the row just before the first row created at or after `time` (by id), if any. */
export async function balanceBefore(q: SnapshotQueries, time: string): Promise<bigint | null> {
  const [first] = await q.all<{ id: bigint }>(
    "SELECT id FROM balance_transactions WHERE created_at >= ? ORDER BY id LIMIT 1",
    [time],
  );
  if (!first) return null;
  const [previous] = await q.all<{ balance_after_nano: bigint }>(
    "SELECT balance_after_nano FROM balance_transactions WHERE id < ? ORDER BY id DESC LIMIT 1",
    [first.id],
  );
  return previous?.balance_after_nano ?? null;
}

/** The partner's top-up address (raw form) from the newest balance snapshot. */
export async function topupAddressRaw(q: SnapshotQueries): Promise<string | null> {
  const [row] = await q.all<{ topup_address_raw: string | null }>(
    "SELECT topup_address_raw FROM balance_snapshots ORDER BY id DESC LIMIT 1",
    [],
  );
  return row?.topup_address_raw ?? null;
}

/**
 * Hashes of valid transfers into the address, or null when the chain has never been read for it (so
 * nothing can be said). Top-ups are few: a set in memory is fine.
 */
export async function validTransferHashes(q: SnapshotQueries, addressRaw: string | null): Promise<Set<string> | null> {
  if (addressRaw === null) return null;
  const cursor = await q.all("SELECT 1 FROM chain_cursors WHERE address = ?", [addressRaw]);
  if (cursor.length === 0) return null;
  const rows = await q.all<[string]>(
    `SELECT t.hash FROM chain_transfers AS t WHERE t.address = ? AND ${VALID_TRANSFER_SQL}`,
    [addressRaw],
    { arrays: true },
  );
  return new Set(rows.map((r) => r[0]));
}
