// Query modules written before session.ts import the type from here.
export type { StoreDb } from "./session.js";

import { driverOf, type StoreDb, sessionOf, storeDbOf } from "./session.js";

/**
 * Runs `fn` in one write transaction and commits, or rolls back and rethrows. The write lock is
 * taken up front (SQLite: BEGIN IMMEDIATE, waiting the busy timeout for another writer), so a
 * transaction that reads before it writes cannot fail when it upgrades. Do not nest. The three
 * statements are prepared once per connection: a sync runs them for every page.
 */
export async function writeTransaction<T>(db: StoreDb, fn: (trx: StoreDb) => Promise<T>): Promise<T> {
  const { kysely, driver } = sessionOf(db);
  return kysely.connection().execute(async (connection) => {
    const trx = storeDbOf({ kysely: connection, driver });
    await driver.execute(trx, "begin_write", []);
    try {
      const result = await fn(trx);
      await driver.execute(trx, "commit", []);
      return result;
    } catch (error) {
      // Some failures (a full disk) have already ended the transaction, a failed commit has not;
      // either way the connection is left outside any, and the error is never hidden.
      try {
        if (await driverOf(trx).inTransaction(trx)) await driver.execute(trx, "rollback", []);
      } catch {
        // The original error says what happened; a failed rollback adds nothing the user can use.
      }
      throw error;
    }
  });
}
