/**
 * The chain side of the report's bridge: what arrived into payment addresses, in order of arrival,
 * and the covering sets of orders outside the report period (for the transfers that paid them).
 */
import type { DialectName, SnapshotQueries } from "./driver.js";
import { type IntValue, intSql } from "./report-columns.js";
import { REPORT_CHUNK } from "./report-orders.js";

/**
 * docs/reconciliation.md's valid transfer as SQL over `chain_transfers` (alias `t`): the same rule as the
 * matcher's `isValidTransfer`, which a test of the report holds it to. The same text on every dialect.
 */
export const VALID_TRANSFER_SQL =
  "t.external = 0 AND t.value_nano > 0 AND t.bounced = 0 AND t.sent_back = 0 AND t.bounce_sent = 0";

/** A valid transfer into a payment address: `[hash, utime, value_nano]` (value as `IntValue`). */
export type ArrivalRow = [hash: string, utime: number, value_nano: IntValue];

const arrivalsSql = (dialect: DialectName) =>
  `SELECT t.hash, t.utime, ${intSql(dialect, "t.value_nano")}
   FROM chain_transfers AS t
   WHERE t.utime >= ? AND t.utime < ? AND ${VALID_TRANSFER_SQL} AND (CAST(? AS TEXT) IS NULL OR t.address <> ?)
   ORDER BY t.utime`;

const ARRIVALS: Readonly<Record<DialectName, string>> = {
  sqlite: arrivalsSql("sqlite"),
  postgres: arrivalsSql("postgres"),
};

/**
 * Valid transfers into `[fromSec, toSec)` into any watched address but the top-up address, in order
 * of arrival, through a cursor.
 */
export function arrivalChunks(
  q: SnapshotQueries,
  fromSec: number,
  toSec: number,
  topupAddressRaw: string | null,
): AsyncGenerator<ArrivalRow[]> {
  return q.chunks<ArrivalRow>(ARRIVALS[q.dialect], [fromSec, toSec, topupAddressRaw, topupAddressRaw], {
    arrays: true,
    numbers: true,
    chunkSize: REPORT_CHUNK[q.dialect],
  });
}

/** An order's status and one hash of its covering set. */
export interface CoveringClaim {
  status: string;
  hash: string;
}

const CLAIMS: Readonly<Record<DialectName, string>> = {
  sqlite: `SELECT o.status AS status, j.value AS hash
       FROM order_matches AS m
       JOIN orders AS o ON o.id = m.order_id, json_each(m.covering_hashes) AS j
       WHERE m.covering_hashes <> '[]' AND (? IS NULL OR o.created_at >= ?) AND (? IS NULL OR o.created_at < ?)
         AND j.value IN (SELECT value FROM json_each(?))`,
  postgres: `SELECT o.status AS status, j.hash AS hash
       FROM order_matches AS m
       JOIN orders AS o ON o.id = m.order_id
       CROSS JOIN LATERAL jsonb_array_elements_text(m.covering_hashes::jsonb) AS j(hash)
       WHERE m.covering_hashes <> '[]' AND (CAST(? AS timestamptz) IS NULL OR o.created_at >= ?)
         AND (CAST(? AS timestamptz) IS NULL OR o.created_at < ?)
         AND j.hash IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))`,
};

/**
 * Which of `hashes` lie in the covering sets of orders created in `[createdFrom, createdTo)` (null:
 * open), with those orders' statuses: for the transfers of a period that paid orders created outside
 * it (a payment after midnight for an order of the evening before). The database walks the sets and
 * returns only the claims, so a long history costs no memory.
 */
export async function coveringClaims(
  q: SnapshotQueries,
  createdFrom: string | null,
  createdTo: string | null,
  hashes: readonly string[],
): Promise<CoveringClaim[]> {
  if (hashes.length === 0) return [];
  return q.all<CoveringClaim>(CLAIMS[q.dialect], [
    createdFrom,
    createdFrom,
    createdTo,
    createdTo,
    JSON.stringify(hashes),
  ]);
}
