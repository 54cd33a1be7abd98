/**
 * SQLite's fast path for orders.ts's `upsertOrders`: two prepared statements run row by row
 * (SQLite runs a prepared single-row statement faster than a multi-row one, and kysely would
 * prepare again on every call). A row that is new is inserted; else it is rewritten only when some
 * content column differs (the `IS NOT` of row values treats two nulls as equal), so `changes` says
 * which of the two happened without reading rows back.
 */
import type SQLite from "better-sqlite3";
import { maxRowsPerStatement } from "../batch.js";
import {
  type NewOrderRow,
  ORDER_COLUMN_NAMES,
  ORDER_CONTENT_COLUMNS,
  ORDER_REQUIRED_COLUMNS,
  type UpsertCounts,
} from "../order-columns.js";
import { cachedStatement } from "./statements.js";

const COLUMNS = ORDER_COLUMN_NAMES;
const KEY_AT = COLUMNS.indexOf("id");
const CONTENT_AT = ORDER_CONTENT_COLUMNS.map((c) => COLUMNS.indexOf(c));
/** The rest (`synced_at`): written with a change of content, never compared. */
const REWRITTEN_AT = COLUMNS.map((_, i) => i).filter((i) => i !== KEY_AT && !CONTENT_AT.includes(i));
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(COLUMNS);

const INSERT_SQL = `insert into orders (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")}) on conflict (id) do nothing`;
const UPDATE_SQL =
  `update orders set ${[...CONTENT_AT, ...REWRITTEN_AT].map((i) => `${COLUMNS[i]} = ?`).join(", ")} ` +
  `where id = ? and (${ORDER_CONTENT_COLUMNS.join(", ")}) is not (${ORDER_CONTENT_COLUMNS.map(() => "?").join(", ")})`;

/** Rows per savepoint: a failure undoes at most that many, like the multi-row statements before. */
const ROWS_PER_SAVEPOINT = maxRowsPerStatement(COLUMNS.length);

/**
 * Writes distinct rows, ascending by id (orders.ts prepares them), on the raw connection while
 * kysely's connection is held. A column missing from a row is written as null. A row that fails
 * undoes the rows of its batch (up to ROWS_PER_SAVEPOINT) and nothing else.
 */
export function upsertOrderRows(database: SQLite.Database, rows: readonly NewOrderRow[]): UpsertCounts {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  const insert = cachedStatement(database, INSERT_SQL);
  const update = cachedStatement(database, UPDATE_SQL);
  const write = (values: readonly unknown[]) => {
    if (insert.run(values).changes > 0) counts.inserted++;
    else if (update.run(updateParameters(values)).changes > 0) counts.updated++;
  };
  for (let start = 0; start < rows.length; start += ROWS_PER_SAVEPOINT) {
    const end = Math.min(rows.length, start + ROWS_PER_SAVEPOINT);
    // A key that is no column throws here, before anything of the batch is written.
    const batch: unknown[][] = [];
    let accepted = database.inTransaction;
    for (let i = start; i < end; i++) {
      const values = valuesOf(rows[i]!);
      accepted &&= certainlyAccepted(values);
      batch.push(values);
    }
    // Rows SQLite cannot refuse need no savepoint to undo them, and inside a transaction a
    // savepoint makes SQLite copy every page the batch touches to a statement journal first
    // (as much as the writes themselves). Only an error of SQLite itself (a full disk) can then
    // stop the batch midway, and that one the caller's transaction must roll back anyway.
    if (accepted) for (const values of batch) write(values);
    else writeUndoable(database, batch, write);
  }
  return counts;
}

/** Writes the batch inside a savepoint, so that a row that fails undoes the batch's rows before it. */
function writeUndoable(
  database: SQLite.Database,
  batch: readonly unknown[][],
  write: (values: readonly unknown[]) => void,
): void {
  const savepoint = cachedStatement(database, "savepoint upsert_orders");
  const release = cachedStatement(database, "release upsert_orders");
  const rollback = cachedStatement(database, "rollback to upsert_orders");
  savepoint.run();
  try {
    for (const values of batch) write(values);
  } catch (error) {
    // Some errors (a full disk) end the whole transaction, savepoint included.
    if (database.inTransaction) {
      rollback.run();
      release.run();
    }
    throw error;
  }
  release.run();
}

const REQUIRED_AT = COLUMNS.map((c) => ORDER_REQUIRED_COLUMNS.has(c));
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Values that the statements can bind and the table cannot refuse: text, finite numbers, 64-bit
 * bigints, null where the column allows it, and an integer id. Anything else (a Buffer, a float id,
 * an id SQLite would pick itself) takes the savepoint path, which behaves as SQLite decides.
 */
function certainlyAccepted(values: readonly unknown[]): boolean {
  const id = values[KEY_AT];
  if (typeof id === "bigint" ? id < INT64_MIN || id > INT64_MAX : !Number.isSafeInteger(id)) return false;
  for (let i = 0; i < values.length; i++) {
    if (i === KEY_AT) continue;
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
        if (value !== null || REQUIRED_AT[i]) return false;
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

/** INSERT's values rearranged for UPDATE_SQL: content and the rest, the id, the content again. */
function updateParameters(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const i of CONTENT_AT) out.push(values[i]);
  for (const i of REWRITTEN_AT) out.push(values[i]);
  out.push(values[KEY_AT]);
  for (const i of CONTENT_AT) out.push(values[i]);
  return out;
}

/** A key that is no column made kysely's statement fail; it still must not pass unseen. */
function assertKnownColumns(row: NewOrderRow): void {
  for (const key of Object.keys(row)) {
    if (!KNOWN_COLUMNS.has(key)) throw new TypeError(`table orders has no column named ${key}`);
  }
}
