/**
 * The chain side of the report's bridge: what arrived into payment addresses, per quarter hour, and
 * the transfers that paid orders outside the report period (their covering sets).
 */
import type SQLite from "better-sqlite3";
import { type ColumnIndex, columnIndex, type IntValue, intSql, selectList } from "./report-columns.js";

/**
 * reconciliation.md's valid transfer as SQL over `chain_transfers` (alias `t`): the same rule as the
 * matcher's `isValidTransfer`, which a test of the report holds it to.
 */
export const VALID_TRANSFER_SQL =
  "t.external = 0 AND t.value_nano > 0 AND t.bounced = 0 AND t.aborted = 0 AND t.sent_back = 0";

/** Quarter hours: every zone's offset is a multiple of one, so a quarter lies in one local day. */
export const QUARTER_SECONDS = 900;

/** Valid transfers into `[fromSec, toSec)`, into any watched address but the top-up address, summed per quarter hour. */
export interface ArrivalsRow {
  /** `floor(utime / 900)`. */
  quarter: number;
  value_nano: bigint;
  transfers: number;
}

export function arrivalsByQuarter(
  sqlite: SQLite.Database,
  fromSec: number,
  toSec: number,
  topupAddressRaw: string | null,
): ArrivalsRow[] {
  const rows = sqlite
    .prepare(
      `SELECT t.utime / ${QUARTER_SECONDS} AS quarter, sum(t.value_nano) AS value_nano, count(*) AS transfers
       FROM chain_transfers AS t
       WHERE t.utime >= ? AND t.utime < ? AND ${VALID_TRANSFER_SQL} AND (? IS NULL OR t.address <> ?)
       GROUP BY quarter ORDER BY quarter`,
    )
    .all(fromSec, toSec, topupAddressRaw, topupAddressRaw) as {
    quarter: bigint;
    value_nano: bigint;
    transfers: bigint;
  }[];
  return rows.map((r) => ({ quarter: Number(r.quarter), value_nano: r.value_nano, transfers: Number(r.transfers) }));
}

const OUTSIDE = {
  status: "o.status",
  payment_method: "o.payment_method",
  order_id: "CAST(o.id AS TEXT)",
  /** Arrival and value of the completing transfer, when the covering set is that one transfer. */
  completing_utime: "CASE WHEN length(m.covering_hashes) = 68 THEN t.utime END",
  completing_value_nano: `CASE WHEN length(m.covering_hashes) = 68 THEN ${intSql("t.value_nano")} END`,
  /** Otherwise the covering set's hashes (JSON). */
  covering_hashes:
    "CASE WHEN length(m.covering_hashes) = 68 AND t.hash IS NOT NULL THEN NULL ELSE m.covering_hashes END",
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
       LEFT JOIN chain_transfers AS t ON t.hash = m.completing_tx_hash
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
