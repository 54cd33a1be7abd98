/**
 * For tests only (`@omrecon/store/testing`): the query builder and a raw query function behind a
 * store, so a test can plant rows or states that no store function writes (a corrupt row, a
 * half-applied migration, a finding from an older omrecon); the dialects every suite runs against
 * (testing-dialects.ts); a real Postgres server (testing-postgres.ts). `scripts/check-boundaries.mjs`
 * refuses this module in every package's `src/`: programs reach the data only through the store's
 * functions.
 */
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { PgConnection } from "./postgres/dialect.js";
import type { Database } from "./schema.js";
import { sessionOf } from "./session.js";
import { SqliteDriver } from "./sqlite/driver.js";
import type { Store } from "./store.js";

export {
  setup as postgresSetup,
  type TestDialect,
  teardown as postgresTeardown,
  testDialects,
} from "./testing-dialects.js";
export {
  createTestDatabase,
  createTestSchema,
  findPostgresBin,
  type PostgresServer,
  startPostgresServer,
  TEST_POSTGRES_SKIP,
  TEST_POSTGRES_URL,
} from "./testing-postgres.js";

export interface TestDatabase {
  /** kysely over the store's connection (its schema types). */
  db: Kysely<Database>;
  /** Rows of any SQL, with `?` placeholders on both dialects (Postgres gets `$1, $2, …`). */
  query<R = Record<string, unknown>>(sql: string, ...parameters: unknown[]): Promise<R[]>;
  /** The raw better-sqlite3 connection; a Postgres store throws (use `db` or `query`). */
  readonly sqlite: SQLite.Database;
}

export function testDatabase(store: Store): TestDatabase {
  const { kysely, driver } = sessionOf(store.db);
  return {
    db: kysely,
    async query<R>(sql: string, ...parameters: unknown[]): Promise<R[]> {
      if (driver instanceof SqliteDriver) {
        const statement = driver.database.prepare(sql);
        if (statement.reader) return statement.all(...parameters) as R[];
        statement.run(...parameters);
        return [];
      }
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return kysely
        .getExecutor()
        .provideConnection(
          async (connection) => (await (connection as PgConnection).run<R>({ text, values: parameters }, "write")).rows,
        );
    },
    get sqlite(): SQLite.Database {
      if (!(driver instanceof SqliteDriver))
        throw new TypeError("testDatabase: this store is Postgres (use db or query)");
      return driver.database;
    },
  };
}
