import { allRows, runStatement } from "./raw-connection.js";
import type { StoreDb } from "./transaction.js";

// Plain SQL on cached statements: a sync writes its cursor with every page.
const GET = "select value from sync_state where key = ?";
const SET =
  "insert into sync_state (key, value, updated_at) values (?, ?, ?) " +
  "on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at";
const DELETE = "delete from sync_state where key = ?";

/**
 * Cursors and watermarks as JSON under a key. Write them with `writeTransaction` together with the
 * rows they describe, so a crash never leaves a cursor ahead of (or behind) the data.
 */
export async function getSyncState<T>(db: StoreDb, key: string): Promise<T | undefined> {
  const [row] = await allRows<{ value: string }>(db, GET, [key]);
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

/** `value` must be JSON-serialisable (write bigints as strings). */
export async function setSyncState(db: StoreDb, key: string, value: unknown, now: Date = new Date()): Promise<void> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`sync state ${key}: value is not JSON-serialisable`);
  await runStatement(db, SET, [key, json, now.toISOString()]);
}

export async function deleteSyncState(db: StoreDb, key: string): Promise<void> {
  await runStatement(db, DELETE, [key]);
}
