import { toStoredTime } from "@omrecon/core";
import type SQLite from "better-sqlite3";
import type { Insertable, Selectable } from "kysely";
import { maxRowsPerStatement } from "./batch.js";
import { cachedStatement, withRawConnection } from "./raw-connection.js";
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

/** Every column, in the order of the statements' parameters. */
const COLUMNS = ["id", ...CONTENT_COLUMNS, "synced_at"] as const;
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(COLUMNS);

// A row that is new is inserted; else it is rewritten only when some content column differs (the
// `IS NOT` of row values treats two nulls as equal), so `changes` says which of the two happened
// without reading rows back.
const INSERT_SQL = `insert into orders (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")}) on conflict (id) do nothing`;
const UPDATE_SQL =
  `update orders set ${[...CONTENT_COLUMNS, "synced_at"].map((c) => `${c} = ?`).join(", ")} ` +
  `where id = ? and (${CONTENT_COLUMNS.join(", ")}) is not (${CONTENT_COLUMNS.map(() => "?").join(", ")})`;

/** Rows per savepoint: a failure undoes at most that many, like the multi-row statements before. */
const ROWS_PER_SAVEPOINT = maxRowsPerStatement(COLUMNS.length);

/**
 * Inserts new orders and rewrites changed ones with two prepared statements run row by row (SQLite
 * runs a prepared single-row statement faster than a multi-row one, and kysely would prepare
 * again on every call); a row whose content is unchanged is left alone, `synced_at` included, so
 * `synced_at` is when its content last arrived. A column missing from a row is written as null.
 * A row that fails undoes the rows of its batch (up to ROWS_PER_SAVEPOINT) and nothing else.
 */
export async function upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
  const unique = ascendingById(dedupeById(rows));
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  return withRawConnection(db, (sqlite) => {
    const counts: UpsertCounts = { inserted: 0, updated: 0 };
    const insert = cachedStatement(sqlite, INSERT_SQL);
    const update = cachedStatement(sqlite, UPDATE_SQL);
    const write = (values: readonly unknown[]) => {
      if (insert.run(values).changes > 0) counts.inserted++;
      else if (update.run(updateParameters(values)).changes > 0) counts.updated++;
    };
    for (let start = 0; start < unique.length; start += ROWS_PER_SAVEPOINT) {
      const end = Math.min(unique.length, start + ROWS_PER_SAVEPOINT);
      // A key that is no column throws here, before anything of the batch is written.
      const batch: unknown[][] = [];
      let accepted = sqlite.inTransaction;
      for (let i = start; i < end; i++) {
        const values = valuesOf(unique[i]!);
        accepted &&= certainlyAccepted(values);
        batch.push(values);
      }
      // Rows SQLite cannot refuse need no savepoint to undo them, and inside a transaction a
      // savepoint makes SQLite copy every page the batch touches to a statement journal first
      // (as much as the writes themselves). Only an error of SQLite itself (a full disk) can then
      // stop the batch midway, and that one the caller's transaction must roll back anyway.
      if (accepted) for (const values of batch) write(values);
      else writeUndoable(sqlite, batch, write);
    }
    return counts;
  });
}

/** Writes the batch inside a savepoint, so that a row that fails undoes the batch's rows before it. */
function writeUndoable(
  sqlite: SQLite.Database,
  batch: readonly unknown[][],
  write: (values: readonly unknown[]) => void,
): void {
  const savepoint = cachedStatement(sqlite, "savepoint upsert_orders");
  const release = cachedStatement(sqlite, "release upsert_orders");
  const rollback = cachedStatement(sqlite, "rollback to upsert_orders");
  savepoint.run();
  try {
    for (const values of batch) write(values);
  } catch (error) {
    // Some errors (a full disk) end the whole transaction, savepoint included.
    if (sqlite.inTransaction) {
      rollback.run();
      release.run();
    }
    throw error;
  }
  release.run();
}

/** Columns declared NOT NULL (the rest take null). */
const NOT_NULL: ReadonlySet<string> = new Set<string>([
  "status",
  "order_type",
  "recipient_username",
  "price_nano",
  "created_at",
  "extra",
  "synced_at",
]);
const NOT_NULL_AT = COLUMNS.map((c) => NOT_NULL.has(c));
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Values that the statements can bind and the table cannot refuse: text, finite numbers, 64-bit
 * bigints, null where the column allows it, and an integer id. Anything else (a Buffer, a float id,
 * an id SQLite would pick itself) takes the savepoint path, which behaves as SQLite decides.
 */
function certainlyAccepted(values: readonly unknown[]): boolean {
  const id = values[0];
  if (typeof id === "bigint" ? id < INT64_MIN || id > INT64_MAX : !Number.isSafeInteger(id)) return false;
  for (let i = 1; i < values.length; i++) {
    const value = values[i];
    switch (typeof value) {
      case "string":
        break;
      case "number":
        if (!Number.isFinite(value)) return false;
        break;
      case "bigint":
        if (value < INT64_MIN || value > INT64_MAX) return false;
        break;
      default:
        if (value !== null || NOT_NULL_AT[i]) return false;
    }
  }
  return true;
}

/** The row's values in COLUMNS order, a missing one as null; a key that is no column throws. */
function valuesOf(row: NewOrderRow): unknown[] {
  const r = row as Record<string, unknown>;
  const values = new Array<unknown>(COLUMNS.length);
  let defined = 0;
  for (let i = 0; i < COLUMNS.length; i++) {
    const value = r[COLUMNS[i]!];
    if (value !== undefined) defined++;
    values[i] = value ?? null;
  }
  // Every defined column is a key of the row, so equal counts leave no room for another key.
  if (Object.keys(row).length !== defined) assertKnownColumns(row);
  return values;
}

/** INSERT's values rearranged for UPDATE_SQL: content and synced_at, the id, the content again. */
function updateParameters(values: readonly unknown[]): unknown[] {
  const content = values.slice(1, 1 + CONTENT_COLUMNS.length);
  return [...content, values[COLUMNS.length - 1], values[0], ...content];
}

/** A key that is no column made kysely's statement fail; it still must not pass unseen. */
function assertKnownColumns(row: NewOrderRow): void {
  for (const key of Object.keys(row)) {
    if (!KNOWN_COLUMNS.has(key)) throw new TypeError(`table orders has no column named ${key}`);
  }
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
