import type { Kysely } from "kysely";
import { runStatement } from "./raw-connection.js";
import type { Database } from "./schema.js";

/** What every query function takes: the store's `db`, or the `trx` given inside `writeTransaction`. */
export type StoreDb = Kysely<Database>;

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction and commits, or rolls back and rethrows.
 * IMMEDIATE takes the write lock up front (waiting `busy_timeout` for another writer), so a
 * transaction that reads before it writes cannot fail with SQLITE_BUSY when it upgrades, which a
 * plain deferred BEGIN can while another process writes. Do not nest. The three statements are
 * prepared once per connection: a sync runs them for every page.
 */
export async function writeTransaction<T>(db: StoreDb, fn: (trx: StoreDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await runStatement(conn, "begin immediate", []);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      await runStatement(conn, "rollback", []);
      throw error;
    }
    await runStatement(conn, "commit", []);
    return result;
  });
}
