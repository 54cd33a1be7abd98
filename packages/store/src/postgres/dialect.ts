/**
 * Kysely's Postgres dialect (its compiler, adapter and introspector) over a `pg` pool through a
 * driver of our own, because the store needs what kysely's hides: the `pg` client of a connection
 * (cursors and the orders upsert run on it with their own row modes and parsers), whether that
 * connection is inside a transaction, and every failure worded as the store's one-line error. Each
 * connection is set up once: UTC, ISO dates, a lock timeout (the busy timeout), and a limit on idle
 * transactions, so a holder that hangs does not keep its locks.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type pg from "pg";
import type { Access } from "../errors.js";
import { translatePgFailure } from "./failure.js";

export interface PgSetup {
  /** The database's display name (no password): every error names it. */
  name: string;
  /** The URL's password, scrubbed from every message. */
  secret: string | undefined;
  /** Milliseconds a statement waits for a lock (SQLite's busy timeout). */
  lockTimeoutMs: number;
  /** Milliseconds a transaction may sit idle before the server ends it (a hung holder). */
  idleTransactionMs: number;
}

/** Postgres cannot store U+0000 in text; outside text (a TON comment) may hold it. */
const NUL = /\0/g;

/** Parameters as Postgres can take them: U+0000 in a string becomes U+FFFD (docs/postgres.md#what-differs-from-sqlite). */
export function pgParameters(parameters: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    out[i] = typeof value === "string" && value.includes("\0") ? value.replace(NUL, "\uFFFD") : value;
  }
  return out;
}

/** One pooled connection as kysely and the store's driver use it. */
export class PgConnection implements DatabaseConnection {
  /** Inside a transaction this connection began (kysely's or the store's). */
  inTransaction = false;
  /** Set when the connection failed under us: it goes back to the pool destroyed. */
  broken = false;
  #cursors = 0;

  constructor(
    readonly client: pg.PoolClient,
    readonly setup: PgSetup,
  ) {}

  /** A name for a server-side cursor, unique on this connection. */
  nextCursorName(): string {
    this.#cursors += 1;
    return `omrecon_cursor_${this.#cursors}`;
  }

  /** Runs one statement on this connection; a failure of the database comes back as the store's error. */
  async run<R = unknown>(
    config: {
      text: string;
      values?: readonly unknown[];
      rowMode?: "array";
      types?: pg.CustomTypesConfig;
      name?: string;
    },
    access: Access,
  ): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
    const text = config.text.trimStart().toLowerCase();
    try {
      const result = await this.client.query<R & pg.QueryResultRow>({
        ...config,
        values: config.values === undefined ? undefined : pgParameters(config.values),
      } as pg.QueryConfig);
      if (text.startsWith("begin") || text.startsWith("start transaction")) this.inTransaction = true;
      else if (text === "commit" || text === "rollback") this.inTransaction = false;
      return result;
    } catch (error) {
      // A failed COMMIT ends the transaction too; a failed ROLLBACK means the connection is gone.
      if (text === "commit" || text === "rollback") this.inTransaction = false;
      const translated = translatePgFailure(this.setup.name, access, error, this.setup.secret);
      if (translated !== error && isConnectionLoss(error)) this.broken = true;
      throw translated;
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const access: Access = compiled.query.kind === "SelectQueryNode" ? "read" : "write";
    const result = await this.run<R>({ text: compiled.sql, values: compiled.parameters }, access);
    const { command, rowCount, rows } = result;
    // kysely's commitTransaction reads the tag: Postgres answers COMMIT of an aborted transaction with ROLLBACK.
    if (command === "ROLLBACK" || command === "COMMIT") return { rows: [{ command } as R] };
    return {
      numAffectedRows:
        command === "INSERT" || command === "UPDATE" || command === "DELETE" || command === "MERGE"
          ? BigInt(rowCount ?? 0)
          : undefined,
      rows: rows ?? [],
    };
  }

  // biome-ignore lint/correctness/useYield: kysely's stream() is not the store's way to stream.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new TypeError("the store streams through its driver's selectChunks, not kysely's stream()");
  }
}

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== "string" || code.startsWith("08") || code.startsWith("57P") || !/^[0-9A-Z]{5}$/.test(code);
}

class PgKyselyDriver implements Driver {
  readonly #connections = new WeakMap<pg.PoolClient, PgConnection>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly setup: PgSetup,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<PgConnection> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translatePgFailure(this.setup.name, "open", error, this.setup.secret);
    }
    let connection = this.#connections.get(client);
    if (connection === undefined) {
      connection = new PgConnection(client, this.setup);
      const made = connection;
      // An error on a checked-out client with no listener would end the process.
      client.on("error", () => {
        made.broken = true;
      });
      try {
        await connection.run(
          {
            text: [
              "SET TIME ZONE 'UTC'",
              "SET datestyle = 'ISO, YMD'",
              "SET intervalstyle = 'iso_8601'",
              `SET lock_timeout = ${Math.max(1, Math.round(this.setup.lockTimeoutMs))}`,
              `SET idle_in_transaction_session_timeout = ${Math.max(1, Math.round(this.setup.idleTransactionMs))}`,
            ].join("; "),
          },
          "open",
        );
      } catch (error) {
        client.release(true);
        throw error;
      }
      this.#connections.set(client, connection);
    }
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = "begin";
    if (settings.isolationLevel || settings.accessMode) {
      text = `start transaction${settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ""}${
        settings.accessMode ? ` ${settings.accessMode}` : ""
      }`;
    }
    await (connection as PgConnection).run({ text }, "write");
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const result = await (connection as PgConnection).run({ text: "commit" }, "write");
    if (result.command === "ROLLBACK") throw new AbortedTransaction();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgConnection).run({ text: "rollback" }, "write");
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PgConnection;
    // A connection left inside a transaction (a caller that gave up midway) is never reused.
    const discard = c.broken || c.inTransaction;
    if (discard) this.#connections.delete(c.client);
    c.client.release(discard);
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

/** COMMIT found the transaction already aborted by an earlier error (Postgres then rolls back). */
export class AbortedTransaction extends Error {
  override name = "AbortedTransaction";
  constructor() {
    super("the transaction was rolled back: a statement in it had failed");
  }
}

export class PgDialect implements Dialect {
  constructor(
    private readonly pool: pg.Pool,
    private readonly setup: PgSetup,
  ) {}

  createDriver(): Driver {
    return new PgKyselyDriver(this.pool, this.setup);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: kysely's own signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
