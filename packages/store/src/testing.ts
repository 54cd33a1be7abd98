/**
 * For tests only (`@omrecon/store/testing`): the query builder and the raw connection behind a store,
 * so a test can plant rows or states that no store function writes (a corrupt row, a half-applied
 * migration, a finding from an older omrecon). `scripts/check-boundaries.mjs` refuses this module in
 * every package's `src/`: programs reach the data only through the store's functions.
 */
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import { sessionOf } from "./session.js";
import { SqliteDriver } from "./sqlite/driver.js";
import type { Store } from "./store.js";

export function testDatabase(store: Store): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const { kysely, driver } = sessionOf(store.db);
  if (!(driver instanceof SqliteDriver)) throw new TypeError("testDatabase: this store is not SQLite");
  return { db: kysely, sqlite: driver.database };
}
