import type { StoreDb } from "./transaction.js";

/**
 * Cursors and watermarks as JSON under a key. Write them with `writeTransaction` together with the
 * rows they describe, so a crash never leaves a cursor ahead of (or behind) the data.
 */
export async function getSyncState<T>(db: StoreDb, key: string): Promise<T | undefined> {
  const row = await db.selectFrom("sync_state").select("value").where("key", "=", key).executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

/** `value` must be JSON-serialisable (write bigints as strings). */
export async function setSyncState(db: StoreDb, key: string, value: unknown, now: Date = new Date()): Promise<void> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`sync state ${key}: value is not JSON-serialisable`);
  const updated_at = now.toISOString();
  await db
    .insertInto("sync_state")
    .values({ key, value: json, updated_at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at }))
    .execute();
}

export async function deleteSyncState(db: StoreDb, key: string): Promise<void> {
  await db.deleteFrom("sync_state").where("key", "=", key).execute();
}
