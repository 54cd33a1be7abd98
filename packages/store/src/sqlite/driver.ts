/** The SQLite implementation of ../driver.ts, over one better-sqlite3 connection per store. */
import type SQLite from "better-sqlite3";
import type { ChunkOptions, CompiledSelect, Driver, SnapshotQueries } from "../driver.js";
import type { Access } from "../errors.js";
import type { NewOrderRow, UpsertCounts } from "../order-columns.js";
import { type StoreDb, sessionOf } from "../session.js";
import type { FixedStatement } from "../statements.js";
import { selectChunks } from "./cursor.js";
import { translateFailure } from "./failure.js";
import { snapshotQueries } from "./snapshot.js";
import { cachedStatement, SQLITE_STATEMENTS } from "./statements.js";
import { upsertOrderRows } from "./upsert-orders.js";

export class SqliteDriver implements Driver {
  readonly dialect = "sqlite";

  constructor(
    readonly database: SQLite.Database,
    readonly path: string,
  ) {}

  /**
   * Runs `fn` with the raw connection while holding kysely's connection (its mutex, or the
   * transaction's), so raw statements never slip into another caller's open transaction, exactly
   * as kysely's own queries would wait. `fn` is synchronous: nothing else runs until it returns.
   */
  withConnection<T>(db: StoreDb, access: Access, fn: (database: SQLite.Database) => T): Promise<T> {
    return sessionOf(db)
      .kysely.getExecutor()
      .provideConnection(async () => {
        try {
          return fn(this.database);
        } catch (error) {
          throw translateFailure(this.path, access, error);
        }
      });
  }

  readSnapshot<T>(db: StoreDb, read: (queries: SnapshotQueries) => Promise<T>): Promise<T> {
    return sessionOf(db)
      .kysely.getExecutor()
      .provideConnection(async () => {
        this.database.exec("BEGIN");
        try {
          return await read(snapshotQueries(this.database, this.path));
        } catch (error) {
          throw translateFailure(this.path, "read", error);
        } finally {
          // Read only: nothing to keep or undo. COMMIT ends the snapshot.
          if (this.database.inTransaction) this.database.exec("COMMIT");
        }
      });
  }

  execute(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<number> {
    return this.withConnection(
      db,
      "write",
      (database) => cachedStatement(database, SQLITE_STATEMENTS[statement]).run(parameters).changes,
    );
  }

  query<R>(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<R[]> {
    return this.withConnection(
      db,
      "read",
      (database) => cachedStatement(database, SQLITE_STATEMENTS[statement]).all(parameters) as R[],
    );
  }

  selectChunks<R>(db: StoreDb, select: CompiledSelect, options?: ChunkOptions): AsyncGenerator<R[]> {
    return selectChunks<R>(db, this.database, this.path, select, options);
  }

  upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
    return this.withConnection(db, "write", (database) => upsertOrderRows(database, rows));
  }

  inTransaction(db: StoreDb): Promise<boolean> {
    return this.withConnection(db, "read", (database) => database.inTransaction);
  }
}
