import { SEVERITY_RANK, type Severity } from "@omrecon/core";
import { type FindingRow, legacyReportHandles, listOpenFindings, type Store } from "@omrecon/store";
import type { IntValue } from "./cells.js";

/** The newest finished reconciliation run, or undefined when none has finished. */
export async function latestRunId(store: Store): Promise<bigint | undefined> {
  const row = await legacyReportHandles(store)
    .db.selectFrom("reconciliation_runs")
    .select("id")
    .where("status", "=", "done")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The latest finished run's open findings (store's rule: not resolved at their current amounts),
 * most severe first, then by key.
 */
export async function openFindingsOfRun(store: Store, runId: bigint): Promise<FindingRow[]> {
  const rows = await listOpenFindings(store.db, runId);
  const rank = (severity: string) => SEVERITY_RANK[severity as Severity] ?? 0;
  return rows.sort((a, b) => rank(b.severity) - rank(a.severity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * One order of `streamOrders`: the cells of orders.csv in ORDERS_COLUMNS order, as SQLite returns
 * them. Integers come without BigInt (see `IntValue`); `order_id` as decimal text; `tx_hash` is
 * the order's own, else the transfer that completed its payment; `paid_nano` and
 * `reconciliation` are null for an order no run has covered.
 */
export type OrderRow = [
  order_id: string,
  created_at: string,
  status: string,
  order_type: string,
  recipient_username: string | null,
  stars_amount: IntValue,
  premium_months: IntValue,
  price_nano: IntValue,
  payment_method: string | null,
  payment_memo: string | null,
  client_reference: string | null,
  paid_nano: IntValue,
  tx_hash: string | null,
  reconciliation: string | null,
];

/** An integer column as a number when it is a safe integer, else as its exact decimal text. */
const int = (column: string) =>
  `CASE WHEN ${column} BETWEEN -9007199254740991 AND 9007199254740991 THEN ${column} ELSE CAST(${column} AS TEXT) END`;

const ORDERS_SQL = `SELECT CAST(o.id AS TEXT), o.created_at, o.status, o.order_type, o.recipient_username,
  ${int("o.stars_amount")}, ${int("o.premium_months")}, ${int("o.price_nano")}, o.payment_method,
  o.payment_memo, o.client_reference, ${int("m.paid_nano")}, coalesce(o.tx_hash, m.completing_tx_hash),
  m.reconciliation
FROM orders AS o LEFT JOIN order_matches AS m ON m.order_id = o.id
WHERE o.created_at >= ? AND o.created_at < ?
ORDER BY o.created_at, o.id`;

/**
 * Orders created in [from, to), oldest first, with what the latest reconciliation concluded, one
 * array per row through a SQLite cursor on the store's own connection. Rows as arrays and integers
 * as numbers: objects with named keys and a BigInt per integer cost more than SQLite's reading the
 * row (the store's connection defaults to safe integers; this statement does not need them, since
 * any integer beyond 2^53 arrives as text). Like a stream, it holds the connection until it ends.
 */
export function streamOrders(store: Store, from: string, to: string): IterableIterator<OrderRow> {
  const statement = legacyReportHandles(store).sqlite.prepare(ORDERS_SQL).raw(true).safeIntegers(false);
  return statement.iterate(from, to) as IterableIterator<OrderRow>;
}

/** Balance transactions created in [from, to), by id. */
export function streamBalanceTransactions(store: Store, from: string, to: string) {
  const query = legacyReportHandles(store)
    .db.selectFrom("balance_transactions")
    .select(["id", "created_at", "type", "amount_nano", "balance_after_nano", "order_id", "tx_hash"])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .orderBy("id");
  return iterateRows(store, query);
}

/**
 * A select's rows through a SQLite cursor on the store's own connection, one at a time. Kysely's
 * `stream()` passes every row through several async generators, which cost more than reading the
 * row; this is the same statement (compiled by kysely, read with safe integers as every query of
 * the store) iterated synchronously. Like a stream, it holds the connection until it ends.
 */
function iterateRows<O>(
  store: Store,
  query: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<O[]> },
): IterableIterator<O> {
  const { sql, parameters } = query.compile();
  return legacyReportHandles(store)
    .sqlite.prepare(sql)
    .iterate(...parameters) as IterableIterator<O>;
}

/** The last balance transaction created before `time` (the predecessor of the window's first row). */
export async function balanceTransactionBefore(store: Store, time: string) {
  const first = await legacyReportHandles(store)
    .db.selectFrom("balance_transactions")
    .select("id")
    .where("created_at", ">=", time)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!first) return undefined;
  return legacyReportHandles(store)
    .db.selectFrom("balance_transactions")
    .select(["id", "balance_after_nano"])
    .where("id", "<", first.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The partner's top-up address (raw form) from the newest balance snapshot. */
export async function topupAddressRaw(store: Store): Promise<string | null> {
  const row = await legacyReportHandles(store)
    .db.selectFrom("balance_snapshots")
    .select("topup_address_raw")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.topup_address_raw ?? null;
}

/**
 * Hashes of valid transfers into the address (reconciliation.md's valid transfer), or null when
 * the chain has never been read for that address, so nothing can be said. Top-ups are few, so a
 * set in memory is fine, and no query runs while a stream holds the connection.
 */
export async function validTransferHashes(store: Store, addressRaw: string | null): Promise<Set<string> | null> {
  if (addressRaw === null) return null;
  const cursor = await legacyReportHandles(store)
    .db.selectFrom("chain_cursors")
    .select("address")
    .where("address", "=", addressRaw)
    .executeTakeFirst();
  if (!cursor) return null;
  const rows = await legacyReportHandles(store)
    .db.selectFrom("chain_transfers")
    .select("hash")
    .where("address", "=", addressRaw)
    .where("external", "=", 0n)
    .where("bounced", "=", 0n)
    .where("aborted", "=", 0n)
    .where("sent_back", "=", 0n)
    .where("value_nano", ">", 0n)
    .execute();
  return new Set(rows.map((r) => r.hash));
}
