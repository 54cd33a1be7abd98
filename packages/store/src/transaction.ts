import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** What every query function takes: the store's `db`, or the `trx` given inside `writeTransaction`. */
export type StoreDb = Kysely<Database>;

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction and commits, or rolls back and rethrows.
 * IMMEDIATE takes the write lock up front (waiting `busy_timeout` for another writer), so a
 * transaction that reads before it writes cannot fail with SQLITE_BUSY when it upgrades, which a
 * plain deferred BEGIN can while another process writes. Do not nest.
 */
export async function writeTransaction<T>(db: StoreDb, fn: (trx: StoreDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}
