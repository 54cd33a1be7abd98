/**
 * The chain side of the report's bridge: what arrived into payment addresses, in order of arrival,
 * and the covering sets of orders outside the report period (for the transfers that paid them).
 */
import type SQLite from "better-sqlite3";
import { type IntValue, intSql } from "./report-columns.js";

/**
 * reconciliation.md's valid transfer as SQL over `chain_transfers` (alias `t`): the same rule as the
 * matcher's `isValidTransfer`, which a test of the report holds it to.
 */
export const VALID_TRANSFER_SQL =
  "t.external = 0 AND t.value_nano > 0 AND t.bounced = 0 AND t.sent_back = 0 AND t.bounce_sent = 0";

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

/** An order's status and one hash of its covering set. */
export interface CoveringClaim {
  status: string;
  hash: string;
}

/**
 * Which of `hashes` lie in the covering sets of orders created in `[createdFrom, createdTo)` (null:
 * open), with those orders' statuses: for the transfers of a period that paid orders created outside
 * it (a payment after midnight for an order of the evening before). SQLite walks the sets and returns
 * only the claims, so a long history costs no memory.
 */
export function coveringClaims(
  sqlite: SQLite.Database,
  createdFrom: string | null,
  createdTo: string | null,
  hashes: readonly string[],
): CoveringClaim[] {
  if (hashes.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT o.status AS status, j.value AS hash
       FROM order_matches AS m
       JOIN orders AS o ON o.id = m.order_id, json_each(m.covering_hashes) AS j
       WHERE m.covering_hashes <> '[]' AND (? IS NULL OR o.created_at >= ?) AND (? IS NULL OR o.created_at < ?)
         AND j.value IN (SELECT value FROM json_each(?))`,
    )
    .all(createdFrom, createdFrom, createdTo, createdTo, JSON.stringify(hashes)) as CoveringClaim[];
}
