import type SQLite from "better-sqlite3";
import type { StoreDb } from "./transaction.js";

/**
 * The better-sqlite3 connection behind a StoreDb, for the hot writes that run one prepared
 * statement many times. Kysely prepares every query anew, which for a sync page costs more than
 * SQLite takes to write it. Keyed by the kysely adapter: `db`, the `trx` of `writeTransaction` and
 * any other Kysely derived from `db` share it.
 */
const connections = new WeakMap<object, SQLite.Database>();
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A handful of fixed statements per connection; more would mean a caller building SQL per call. */
const MAX_STATEMENTS = 64;

/** openStore calls this once per store. */
export function registerConnection(db: StoreDb, sqlite: SQLite.Database): void {
  connections.set(db.getExecutor().adapter, sqlite);
}

/**
 * Runs `fn` with the raw connection while holding kysely's connection (its mutex, or the
 * transaction's), so raw statements never slip into another caller's open transaction, exactly as
 * kysely's own queries would wait. `fn` is synchronous: nothing else runs until it returns.
 */
export function withRawConnection<T>(db: StoreDb, fn: (sqlite: SQLite.Database) => T): Promise<T> {
  const executor = db.getExecutor();
  const sqlite = connections.get(executor.adapter);
  if (sqlite === undefined) throw new TypeError("this StoreDb was not opened by openStore");
  return executor.provideConnection(async () => fn(sqlite));
}

/** The connection's prepared statement for `sql`, prepared once. */
export function cachedStatement(sqlite: SQLite.Database, sql: string): SQLite.Statement {
  let cache = statements.get(sqlite);
  if (cache === undefined) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Runs one cached statement on the raw connection (under kysely's connection): `changes` for a write, rows for a read. */
export function runStatement(db: StoreDb, sql: string, parameters: readonly unknown[]): Promise<SQLite.RunResult> {
  return withRawConnection(db, (sqlite) => cachedStatement(sqlite, sql).run(parameters));
}

export function allRows<R>(db: StoreDb, sql: string, parameters: readonly unknown[]): Promise<R[]> {
  return withRawConnection(db, (sqlite) => cachedStatement(sqlite, sql).all(parameters) as R[]);
}
