/** The Postgres implementation of ../driver.ts, over the pool of connection.ts through dialect.ts. */
import type { ChunkOptions, CompiledSelect, Driver, RowOptions, SnapshotQueries } from "../driver.js";
import type { NewOrderRow, UpsertCounts } from "../order-columns.js";
import { type StoreDb, sessionOf } from "../session.js";
import type { FixedStatement } from "../statements.js";
import { cursorChunks } from "./cursor.js";
import { AbortedTransaction, type PgConnection } from "./dialect.js";
import { numberedPlaceholders, PG_STATEMENTS, UNPREPARED, WRITE_LOCK_SQL } from "./statements.js";
import { NUMBER_TYPES } from "./types.js";
import { upsertOrderRowsPg } from "./upsert-orders.js";

export class PostgresDriver implements Driver {
  readonly dialect = "postgres";

  constructor(readonly path: string) {}

  /** Runs `fn` on the session's connection (a pooled one, or the transaction's) while holding it. */
  withConnection<T>(db: StoreDb, fn: (connection: PgConnection) => Promise<T>): Promise<T> {
    return sessionOf(db)
      .kysely.getExecutor()
      .provideConnection((connection) => fn(connection as PgConnection));
  }

  execute(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<number> {
    return this.withConnection(db, async (connection) => {
      const text = PG_STATEMENTS[statement];
      const result = await connection.run(
        UNPREPARED.has(statement) ? { text } : { name: `omrecon_${statement}`, text, values: parameters },
        "write",
      );
      if (statement === "begin_write") {
        try {
          await connection.run({ name: "omrecon_write_lock", text: WRITE_LOCK_SQL }, "write");
        } catch (error) {
          await connection.run({ text: "rollback" }, "write").catch(() => {});
          throw error;
        }
      }
      if (statement === "commit" && result.command === "ROLLBACK") throw new AbortedTransaction();
      return result.rowCount ?? 0;
    });
  }

  query<R>(db: StoreDb, statement: FixedStatement, parameters: readonly unknown[]): Promise<R[]> {
    return this.withConnection(db, async (connection) => {
      const result = await connection.run<R>(
        { name: `omrecon_${statement}`, text: PG_STATEMENTS[statement], values: parameters },
        "read",
      );
      return result.rows as R[];
    });
  }

  async *selectChunks<R>(db: StoreDb, select: CompiledSelect, options?: ChunkOptions): AsyncGenerator<R[]> {
    const held = await holdConnection(this, db);
    try {
      const connection = held.connection;
      // A cursor needs a transaction: the caller's, or a read-only one of its own (one snapshot).
      const own = !connection.inTransaction;
      if (own) await connection.run({ text: "start transaction isolation level repeatable read read only" }, "read");
      try {
        yield* cursorChunks<R>(connection, select.sql, select.parameters, options);
      } finally {
        if (own && connection.inTransaction) await connection.run({ text: "commit" }, "read");
      }
    } finally {
      await held.release();
    }
  }

  upsertOrders(db: StoreDb, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
    return this.withConnection(db, (connection) => upsertOrderRowsPg(connection, rows));
  }

  inTransaction(db: StoreDb): Promise<boolean> {
    return this.withConnection(db, async (connection) => connection.inTransaction && !connection.broken);
  }

  readSnapshot<T>(db: StoreDb, read: (queries: SnapshotQueries) => Promise<T>): Promise<T> {
    return this.withConnection(db, async (connection) => {
      await connection.run({ text: "start transaction isolation level repeatable read read only" }, "read");
      try {
        return await read(snapshotQueries(connection));
      } finally {
        // Read only: nothing to keep or undo. COMMIT ends the snapshot.
        if (connection.inTransaction && !connection.broken) await connection.run({ text: "commit" }, "read");
      }
    });
  }
}

function snapshotQueries(connection: PgConnection): SnapshotQueries {
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let numbered = texts.get(sql);
    if (numbered === undefined) {
      numbered = numberedPlaceholders(sql);
      texts.set(sql, numbered);
    }
    return numbered;
  };
  return {
    dialect: "postgres",
    async all<R>(sql: string, parameters: readonly unknown[], options: RowOptions = {}): Promise<R[]> {
      const result = await connection.run<R>(
        {
          text: text(sql),
          values: parameters,
          ...(options.arrays && { rowMode: "array" as const }),
          ...(options.numbers && { types: NUMBER_TYPES }),
        },
        "read",
      );
      return result.rows as R[];
    },
    chunks<R>(sql: string, parameters: readonly unknown[], options?: ChunkOptions): AsyncGenerator<R[]> {
      return cursorChunks<R>(connection, text(sql), parameters, options);
    },
  };
}

/** The session's connection, held (kysely's pool slot, or the transaction's turn) until `release`. */
async function holdConnection(
  driver: PostgresDriver,
  db: StoreDb,
): Promise<{ connection: PgConnection; release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding!: Promise<void>;
  const connection = await new Promise<PgConnection>((entered, failed) => {
    holding = driver.withConnection(db, async (c) => {
      entered(c);
      await released;
    });
    holding.catch(failed);
  });
  return {
    connection,
    release: async () => {
      release();
      await holding;
    },
  };
}
