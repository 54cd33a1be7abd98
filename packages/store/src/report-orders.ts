/**
 * The orders of a report period with what the reconciliation concluded about each, read through a
 * cursor as arrays in the declared column order (see report-columns.ts).
 */
import type { DialectName, SnapshotQueries } from "./driver.js";
import { ORDER_COLUMNS, type OrderColumn } from "./order-columns.js";
import { type ColumnIndex, columnIndex, type IntValue, intSql, selectList } from "./report-columns.js";

/**
 * Order columns the report reads as stored, each by its own name (ORDER_COLUMNS says how: integers
 * and nanotons through `intSql`, text and times as they are). A field that should appear in the
 * report as the API gave it is a name here and an entry in the report's orders columns.
 */
const STORED = [
  "created_at",
  "status",
  "order_type",
  "recipient_username",
  "stars_amount",
  "premium_months",
  "price_nano",
  "payment_method",
  "payment_memo",
  "client_reference",
] as const satisfies readonly OrderColumn[];

type StoredColumn = (typeof STORED)[number];

function storedSql(dialect: DialectName): { readonly [C in StoredColumn]: string } {
  const sql = {} as Record<StoredColumn, string>;
  for (const c of STORED) {
    const kind = ORDER_COLUMNS[c].kind;
    sql[c] = kind === "text" || kind === "time" ? `o.${c}` : intSql(dialect, `o.${c}`);
  }
  return sql;
}

function declaration(dialect: DialectName) {
  return {
    /** Decimal text (ids may pass 2^53). */
    order_id: "CAST(o.id AS TEXT)",
    /** `created_at` in its stored form (`toISOString()`), amounts as `IntValue`. */
    ...storedSql(dialect),
    /** Sum of the covering set; null when no transfer carries the memo, or no run covered the order. */
    paid_nano: intSql(dialect, "m.paid_nano"),
    /** The order's own `tx_hash`, else the transfer that completed its payment. */
    tx_hash: "coalesce(o.tx_hash, m.completing_tx_hash)",
    /** `matched`, `unpaid` or a finding kind; null when no run covered the order. */
    reconciliation: "m.reconciliation",
    /** The run whose conclusion this is: its findings are the order's current ones. */
    match_run_id: "m.run_id",
    /** 1 when the covering set holds a transfer, else 0 (no JSON is parsed for it). */
    has_covering: "CASE WHEN m.covering_hashes IS NULL OR m.covering_hashes = '[]' THEN 0 ELSE 1 END",
    /**
     * The covering set's hashes (JSON) when the completing transfer alone does not say it: several
     * transfers, or an underpaid order (no completing transfer). Rare; else null.
     */
    covering_hashes:
      "CASE WHEN length(m.covering_hashes) > 68 OR (m.completing_tx_hash IS NULL AND m.covering_hashes <> '[]') THEN m.covering_hashes END",
    /** The transfer that completed payment (the whole covering set when `covering_hashes` is null). */
    completing_tx_hash: "m.completing_tx_hash",
    /** For an order paid from balance: what its `order_debit` rows took (positive), null when none. */
    debited_nano: `CASE WHEN o.payment_method = 'balance' THEN ${intSql(
      dialect,
      "(SELECT -sum(b.amount_nano) FROM balance_transactions AS b WHERE b.order_id = o.id AND b.type = 'order_debit')",
    )} END`,
  } as const;
}

type Declaration = ReturnType<typeof declaration>;

export type ReportOrderColumn = keyof Declaration;
/** Position of each column in a `ReportOrderRow` (the same for every dialect). */
export const REPORT_ORDER: ColumnIndex<Declaration> = columnIndex(declaration("sqlite"));

/** One order as `ReportReader.orders` yields it; read cells by name: `row[REPORT_ORDER.price_nano]`. */
export type ReportOrderRow = (string | IntValue)[];

const sqlOf = (dialect: DialectName) => `SELECT ${selectList(declaration(dialect))}
FROM orders AS o
LEFT JOIN order_matches AS m ON m.order_id = o.id
WHERE o.created_at >= ? AND o.created_at < ?
ORDER BY o.created_at, o.id`;

const SQL: Readonly<Record<DialectName, string>> = { sqlite: sqlOf("sqlite"), postgres: sqlOf("postgres") };

/**
 * Rows per chunk. SQLite: 16 (its cursor reads in-process; what a chunk keeps alive survives a
 * scavenge, and at 64 the report's peak RSS at 100k orders was 127–129 MB against 110–114 MB at 16,
 * the same as the synchronous iterator before). Postgres: 1,000 (a round trip each; 100 and 250 were
 * slower and no smaller in peak RSS).
 */
export const REPORT_CHUNK: Readonly<Record<DialectName, number>> = { sqlite: 16, postgres: 1_000 };

export function reportOrderChunks(q: SnapshotQueries, from: string, to: string): AsyncGenerator<ReportOrderRow[]> {
  return q.chunks<ReportOrderRow>(SQL[q.dialect], [from, to], {
    arrays: true,
    numbers: true,
    chunkSize: REPORT_CHUNK[q.dialect],
  });
}
