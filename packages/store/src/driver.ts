/**
 * The dialect-specific part of the store, as one interface: everything else (the query modules,
 * the lock, the read modules) is written once over kysely and this. SQLite implements it in
 * src/sqlite/; a Postgres dialect is another implementation of the same interface (and kysely's
 * PostgresDialect), nothing more.
 */
import type { NewOrderRow, UpsertCounts } from "./order-columns.js";
import type { StoreDb } from "./session.js";
import type { FixedStatement } from "./statements.js";

export interface ChunkOptions {
  /** Rows per chunk. Default 1,000. */
  chunkSize?: number;
  /** Rows as arrays in column order instead of objects. */
  arrays?: boolean;
  /**
   * Integers as JS numbers instead of `bigint` (cheaper per row), for selects that make sure every
   * integer fits (e.g. `CASE WHEN x BETWEEN -2^53 AND 2^53 THEN x ELSE CAST(x AS TEXT) END`).
   */
  numbers?: boolean;
}

export interface CompiledSelect {
  sql: string;
  parameters: readonly unknown[];
}

export interface Driver {
  readonly dialect: "sqlite";
  /** The database's location, as the user gave it: every error message names it. */
  readonly path: string;
  /** Runs a fixed statement on the session's connection; the number of rows it changed. */
  execute(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<number>;
  /** Runs a fixed statement on the session's connection; its rows. */
  query<R>(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<R[]>;
  /**
   * A select's rows in chunks through one cursor. The session's connection is held from the first
   * chunk until the iteration ends or is abandoned: do not await another query of the same store
   * in between (it would wait for the stream).
   */
  selectChunks<R>(db: StoreDb, select: CompiledSelect, options?: ChunkOptions): AsyncGenerator<R[]>;
  /** orders.ts's upsert, on the dialect's fastest path. */
  upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts>;
  /** Whether the session's connection is inside a transaction (after a failure, it may no longer be). */
  inTransaction(db: StoreDb): Promise<boolean>;
}
