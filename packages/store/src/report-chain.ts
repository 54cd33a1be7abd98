/**
 * The chain side of the report's bridge: what arrived into payment addresses, in order of arrival,
 * and the covering sets of orders outside the report period (for the transfers that paid them).
 */
import type SQLite from "better-sqlite3";
import { type ColumnIndex, columnIndex, type IntValue, intSql, selectList } from "./report-columns.js";

/**
 * reconciliation.md's valid transfer as SQL over `chain_transfers` (alias `t`): the same rule as the
 * matcher's `isValidTransfer`, which a test of the report holds it to.
 */
export const VALID_TRANSFER_SQL =
  "t.external = 0 AND t.value_nano > 0 AND t.bounced = 0 AND t.aborted = 0 AND t.sent_back = 0";

/** A valid transfer into a payment address: `[hash, utime, value_nano]` (value as `IntValue`). */
export type ArrivalRow = [hash: string, utime: number, value_nano: IntValue];

/**
 * Valid transfers into `[fromSec, toSec)` into any watched address but the top-up address, in order
 * of arrival, through a cursor.
 */
export function iterateArrivals(
  sqlite: SQLite.Database,
  fromSec: number,
  toSec: number,
  topupAddressRaw: string | null,
): IterableIterator<ArrivalRow> {
  return sqlite
    .prepare(
      `SELECT t.hash, t.utime, ${intSql("t.value_nano")}
       FROM chain_transfers AS t
       WHERE t.utime >= ? AND t.utime < ? AND ${VALID_TRANSFER_SQL} AND (? IS NULL OR t.address <> ?)
       ORDER BY t.utime`,
    )
    .raw(true)
    .safeIntegers(false)
    .iterate(fromSec, toSec, topupAddressRaw, topupAddressRaw) as IterableIterator<ArrivalRow>;
}

const OUTSIDE = {
  status: "o.status",
  /** The completing transfer: the whole covering set when `covering_hashes` is null. */
  completing_tx_hash: "m.completing_tx_hash",
  /** The covering set's hashes (JSON) when the completing transfer alone does not say it. */
  covering_hashes:
    "CASE WHEN length(m.covering_hashes) > 68 OR m.completing_tx_hash IS NULL THEN m.covering_hashes END",
} as const;

export const OUTSIDE_ORDER: ColumnIndex<typeof OUTSIDE> = columnIndex(OUTSIDE);
export type OutsideOrderRow = (string | IntValue)[];

/**
 * The covering sets of orders created in `[createdFrom, createdTo)` (any bound may be null: open),
 * for the transfers of a period that paid orders created outside it (a payment after midnight for an
 * order of the day before).
 */
export function iterateCoveringOfOrders(
  sqlite: SQLite.Database,
  createdFrom: string | null,
  createdTo: string | null,
): IterableIterator<OutsideOrderRow> {
  return sqlite
    .prepare(
      `SELECT ${selectList(OUTSIDE)}
       FROM orders AS o
       JOIN order_matches AS m ON m.order_id = o.id
       WHERE m.covering_hashes <> '[]' AND (? IS NULL OR o.created_at >= ?) AND (? IS NULL OR o.created_at < ?)`,
    )
    .raw(true)
    .safeIntegers(false)
    .iterate(createdFrom, createdFrom, createdTo, createdTo) as IterableIterator<OutsideOrderRow>;
}

/** One stored transfer's arrival and value, by hash. */
export function transferByHash(
  sqlite: SQLite.Database,
  hash: string,
): { utime: number; value_nano: bigint; valid: boolean } | undefined {
  const row = sqlite
    .prepare(
      `SELECT t.utime, t.value_nano, (${VALID_TRANSFER_SQL}) AS valid FROM chain_transfers AS t WHERE t.hash = ?`,
    )
    .get(hash) as { utime: bigint; value_nano: bigint; valid: bigint } | undefined;
  return row && { utime: Number(row.utime), value_nano: row.value_nano, valid: row.valid !== 0n };
}
