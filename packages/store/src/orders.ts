/**
 * Orders: the mirror's writes (one upsert per sync page) and reads (windows, counts, open orders).
 * Row types and columns come from the one declaration in order-columns.ts.
 */
import { toStoredTime } from "@omrecon/core";
import type { NewOrderRow, OrderRow, UpsertCounts } from "./order-columns.js";
import { builder, driverOf, type StoreDb } from "./session.js";

/**
 * Inserts new orders and rewrites changed ones; a row whose content is unchanged is left alone,
 * `synced_at` included, so `synced_at` is when its content last arrived. A column missing from a
 * row is written as null; a key that is no column throws before anything of its batch is written.
 * A row the database refuses undoes the rows of its batch, inside a transaction too. Rows are
 * written in ascending id order, the last of a repeated id winning.
 */
export async function upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
  const unique = ascendingById(dedupeById(rows));
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  return driverOf(db).upsertOrders(db, unique);
}

/** The last occurrence of an id wins, as it would row by row. */
function dedupeById(rows: readonly NewOrderRow[]): readonly NewOrderRow[] {
  // Ids in strict order (a sync page is newest first, a copy oldest first) are distinct: no Set.
  if (order(rows) !== "none") return rows;
  // Distinct as numbers means distinct ids: then there is nothing to drop.
  const seen = new Set<number>();
  for (const row of rows) seen.add(Number(row.id));
  if (seen.size === rows.length) return rows;
  const byId = new Map<bigint, NewOrderRow>();
  for (const row of rows) byId.set(BigInt(row.id), row);
  return [...byId.values()];
}

/**
 * Distinct rows by ascending id. SQLite appends a row with a larger rowid at the right edge of the
 * table's B-tree; a newest-first page inserted in its own order splits pages at the left edge and
 * leaves them half empty (a synced mirror twice the size, and more pages written per commit).
 */
function ascendingById(rows: readonly NewOrderRow[]): readonly NewOrderRow[] {
  const direction = order(rows);
  if (direction === "ascending") return rows;
  if (direction === "descending") return rows.toReversed();
  // number and bigint ids compare by value.
  return rows.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function order(rows: readonly NewOrderRow[]): "ascending" | "descending" | "none" {
  let up = true;
  let down = true;
  for (let i = 1; i < rows.length && (up || down); i++) {
    const previous = rows[i - 1]!.id;
    const id = rows[i]!.id;
    up &&= id > previous;
    down &&= id < previous;
  }
  return up ? "ascending" : down ? "descending" : "none";
}

export async function getOrder(db: StoreDb, id: number | bigint): Promise<OrderRow | undefined> {
  return builder(db).selectFrom("orders").selectAll().where("id", "=", BigInt(id)).executeTakeFirst();
}

/** A window on `created_at`: `from` inclusive, `to` exclusive, either side open when absent. */
export interface CreatedWindow {
  from?: string | Date | null;
  to?: string | Date | null;
}

export interface ListOrdersFilter extends CreatedWindow {
  status?: string;
  orderType?: string;
}

/** Orders in the window, oldest first (then by id). */
export async function listOrders(db: StoreDb, filter: ListOrdersFilter = {}): Promise<OrderRow[]> {
  let q = builder(db).selectFrom("orders").selectAll();
  if (filter.from) q = q.where("created_at", ">=", toStoredTime(filter.from));
  if (filter.to) q = q.where("created_at", "<", toStoredTime(filter.to));
  if (filter.status !== undefined) q = q.where("status", "=", filter.status);
  if (filter.orderType !== undefined) q = q.where("order_type", "=", filter.orderType);
  return q.orderBy("created_at").orderBy("id").execute();
}

/** Order counts per status in the window (the mirror's side of the control totals). */
export async function countOrdersByStatus(db: StoreDb, window: CreatedWindow = {}): Promise<Record<string, number>> {
  let q = builder(db)
    .selectFrom("orders")
    .select(["status", (eb) => eb.fn.countAll<bigint>().as("n")]);
  if (window.from) q = q.where("created_at", ">=", toStoredTime(window.from));
  if (window.to) q = q.where("created_at", "<", toStoredTime(window.to));
  const rows = await q.groupBy("status").orderBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface OrderRef {
  id: bigint;
  status: string;
  created_at: string;
}

/**
 * Orders whose status is not one of `terminalStatuses` (unknown statuses count as non-terminal),
 * optionally only those created before `createdBefore`; oldest first.
 */
export async function listNonTerminalOrders(
  db: StoreDb,
  options: { terminalStatuses: readonly string[]; createdBefore?: string | Date | null },
): Promise<OrderRef[]> {
  let q = builder(db).selectFrom("orders").select(["id", "status", "created_at"]);
  if (options.terminalStatuses.length > 0) q = q.where("status", "not in", [...options.terminalStatuses]);
  if (options.createdBefore) q = q.where("created_at", "<", toStoredTime(options.createdBefore));
  return q.orderBy("created_at").orderBy("id").execute();
}

/** The newest `created_at` mirrored, or null for an empty mirror. */
export async function newestOrderCreatedAt(db: StoreDb): Promise<string | null> {
  const row = await builder(db)
    .selectFrom("orders")
    .select((eb) => eb.fn.max("created_at").as("newest"))
    .executeTakeFirst();
  return row?.newest ?? null;
}
