/**
 * SQLite's text of the fixed statements (../statements.ts), and the connection's cache of them
 * prepared. Kysely prepares every query anew, which for a sync page costs more than SQLite takes
 * to write it; these run many times a pass.
 */
import type SQLite from "better-sqlite3";
import type { FixedStatement } from "../statements.js";

export const SQLITE_STATEMENTS: Readonly<Record<FixedStatement, string>> = {
  // IMMEDIATE takes the write lock up front (waiting busy_timeout for another writer), so a
  // transaction that reads before it writes cannot fail with SQLITE_BUSY when it upgrades.
  begin_write: "begin immediate",
  commit: "commit",
  rollback: "rollback",
  sync_state_get: "select value from sync_state where key = ?",
  sync_state_set:
    "insert into sync_state (key, value, updated_at) values (?, ?, ?) " +
    "on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at",
  sync_state_delete: "delete from sync_state where key = ?",
  lock_refresh: "update locks set expires_at = ? where name = ? and owner = ?",
};

const caches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A handful of fixed statements per connection; more would mean a caller building SQL per call. */
const MAX_STATEMENTS = 64;

/** The connection's prepared statement for `sql`, prepared once. */
export function cachedStatement(database: SQLite.Database, sql: string): SQLite.Statement {
  let cache = caches.get(database);
  if (cache === undefined) {
    cache = new Map();
    caches.set(database, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = database.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
