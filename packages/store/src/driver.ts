/**
 * The dialect-specific part of the store, as one interface: everything else (the query modules,
 * the lock, the read modules) is written once over kysely and this. SQLite implements it in
 * src/sqlite/, Postgres in src/postgres/ (with kysely's Postgres compiler over `pg`).
 */
import type { NewOrderRow, UpsertCounts } from "./order-columns.js";
import type { StoreDb } from "./session.js";
import type { FixedStatement } from "./statements.js";

export type DialectName = "sqlite" | "postgres";

export interface RowOptions {
  /** Rows as arrays in column order instead of objects. */
  arrays?: boolean;
  /**
   * Integers as JS numbers instead of `bigint` (cheaper per row). SQLite: for selects that make sure
   * every integer fits (e.g. `CASE WHEN x BETWEEN -2^53 AND 2^53 THEN x ELSE CAST(x AS TEXT) END`);
   * Postgres: an integer beyond 2^53 arrives as its exact decimal text.
   */
  numbers?: boolean;
}

export interface ChunkOptions extends RowOptions {
  /** Rows per chunk. Default 1,000. */
  chunkSize?: number;
}

export interface CompiledSelect {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Reads inside one snapshot of the database (SQLite: one read transaction; Postgres: one
 * `REPEATABLE READ READ ONLY` transaction), on the one connection held for it. SQL is the
 * dialect's own, with `?` placeholders; cursors of one snapshot may be read in turns.
 */
export interface SnapshotQueries {
  readonly dialect: DialectName;
  all<R>(sql: string, parameters: readonly unknown[], options?: RowOptions): Promise<R[]>;
  chunks<R>(sql: string, parameters: readonly unknown[], options?: ChunkOptions): AsyncGenerator<R[]>;
}

export interface Driver {
  readonly dialect: DialectName;
  /** The database's location as the user gave it, without its secret: every error message names it. */
  readonly path: string;
  /** Runs a fixed statement on the session's connection; the number of rows it changed. */
  execute(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<number>;
  /** Runs a fixed statement on the session's connection; its rows. */
  query<R>(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<R[]>;
  /**
   * A select's rows in chunks through one cursor. The session's connection is held from the first
   * chunk until the iteration ends or is abandoned: do not await another query of the same store
   * in between (on SQLite it would wait for the stream).
   */
  selectChunks<R>(db: StoreDb, select: CompiledSelect, options?: ChunkOptions): AsyncGenerator<R[]>;
  /** orders.ts's upsert, on the dialect's fastest path. */
  upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts>;
  /** Whether the session's connection is inside a transaction (after a failure, it may no longer be). */
  inTransaction(db: StoreDb): Promise<boolean>;
  /** Runs `read` inside one read snapshot, holding a connection until the promise it returns settles. */
  readSnapshot<T>(db: StoreDb, read: (queries: SnapshotQueries) => Promise<T>): Promise<T>;
}
