import { toStoredTime } from "@omrecon/core";
import { type Insertable, type Selectable, sql } from "kysely";
import { chunk, maxRowsPerStatement } from "./batch.js";
import { runCachedInsert } from "./cached-insert.js";
import type { OrdersTable } from "./schema.js";
import type { StoreDb } from "./transaction.js";

/** An order as mirrored: amounts bigint nanotons, ids bigint, times stored ISO text. */
export type OrderRow = Selectable<OrdersTable>;
export type NewOrderRow = Insertable<OrdersTable>;

export interface UpsertCounts {
  /** Rows that were not in the mirror. */
  inserted: number;
  /** Rows that were there and whose content changed (a re-read of an unchanged order counts in neither). */
  updated: number;
}

/** Every column but the key and `synced_at`: what "the content changed" compares. */
const CONTENT_COLUMNS = [
  "status",
  "order_type",
  "stars_amount",
  "premium_months",
  "recipient_username",
  "price_nano",
  "payment_method",
  "payment_currency",
  "payment_address",
  "payment_address_raw",
  "payment_memo",
  "client_reference",
  "tx_hash",
  "expires_at",
  "created_at",
  "updated_at",
  "paid_at",
  "completed_at",
  "extra",
] as const satisfies readonly (keyof OrdersTable)[];

const ROWS_PER_STATEMENT = maxRowsPerStatement(CONTENT_COLUMNS.length + 2);

/**
 * Inserts new orders and rewrites changed ones in multi-row statements; a row whose content is
 * unchanged is left alone, `synced_at` included, so `synced_at` is when its content last arrived.
 */
export async function upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  for (const part of chunk(dedupeById(rows), ROWS_PER_STATEMENT)) {
    const ids = part.map((r) => BigInt(r.id));
    const existing = new Set(
      (await db.selectFrom("orders").select("id").where("id", "in", ids).execute()).map((r) => r.id),
    );
    const written = await runCachedInsert(db, "orders", part, (rows) => upsertQuery(db, rows));
    for (const { id } of written) {
      if (existing.has(id)) counts.updated++;
      else counts.inserted++;
    }
  }
  return counts;
}

function upsertQuery(db: StoreDb, rows: readonly NewOrderRow[]) {
  const changed = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`orders.${c}`)));
  const incoming = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`excluded.${c}`)));
  return db
    .insertInto("orders")
    .values(rows)
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet((eb) => ({
          ...Object.fromEntries(CONTENT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
          synced_at: eb.ref("excluded.synced_at"),
        }))
        .where(sql<boolean>`(${changed}) is not (${incoming})`),
    )
    .returning("id");
}

/** The last occurrence of an id wins, as it would row by row. */
function dedupeById(rows: readonly NewOrderRow[]): readonly NewOrderRow[] {
  // Distinct as numbers means distinct ids: then there is nothing to drop (the common case).
  const seen = new Set<number>();
  for (const row of rows) seen.add(Number(row.id));
  if (seen.size === rows.length) return rows;
  const byId = new Map<bigint, NewOrderRow>();
  for (const row of rows) byId.set(BigInt(row.id), row);
  return [...byId.values()];
}

export async function getOrder(db: StoreDb, id: number | bigint): Promise<OrderRow | undefined> {
  return db.selectFrom("orders").selectAll().where("id", "=", BigInt(id)).executeTakeFirst();
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
  let q = db.selectFrom("orders").selectAll();
  if (filter.from) q = q.where("created_at", ">=", toStoredTime(filter.from));
  if (filter.to) q = q.where("created_at", "<", toStoredTime(filter.to));
  if (filter.status !== undefined) q = q.where("status", "=", filter.status);
  if (filter.orderType !== undefined) q = q.where("order_type", "=", filter.orderType);
  return q.orderBy("created_at").orderBy("id").execute();
}

/** Order counts per status in the window (the mirror's side of the control totals). */
export async function countOrdersByStatus(db: StoreDb, window: CreatedWindow = {}): Promise<Record<string, number>> {
  let q = db.selectFrom("orders").select(["status", (eb) => eb.fn.countAll<bigint>().as("n")]);
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
  let q = db.selectFrom("orders").select(["id", "status", "created_at"]);
  if (options.terminalStatuses.length > 0) q = q.where("status", "not in", [...options.terminalStatuses]);
  if (options.createdBefore) q = q.where("created_at", "<", toStoredTime(options.createdBefore));
  return q.orderBy("created_at").orderBy("id").execute();
}

/** The newest `created_at` mirrored, or null for an empty mirror. */
export async function newestOrderCreatedAt(db: StoreDb): Promise<string | null> {
  const row = await db
    .selectFrom("orders")
    .select((eb) => eb.fn.max("created_at").as("newest"))
    .executeTakeFirst();
  return row?.newest ?? null;
}
