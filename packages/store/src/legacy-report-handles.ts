/**
 * TRANSITIONAL, for `packages/report` only, until its SQL moves into this package (src/report*.ts,
 * on the report branch): the query builder and raw connection it used to take from `Store`. It goes
 * when that lands; nothing else may call it (scripts/check-boundaries.mjs allows only report).
 */
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import { sessionOf } from "./session.js";
import { SqliteDriver } from "./sqlite/driver.js";
import type { Store } from "./store.js";

export function legacyReportHandles(store: Store): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const { kysely, driver } = sessionOf(store.db);
  if (!(driver instanceof SqliteDriver)) throw new TypeError("the report reads SQLite only");
  return { db: kysely, sqlite: driver.database };
}
