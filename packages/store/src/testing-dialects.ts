/**
 * The dialects a test suite runs against: SQLite always, Postgres on the server that the package's
 * vitest global setup starts (`setup`), or the one `OMRECON_TEST_POSTGRES_URL` names. A suite loops
 * over `testDialects()` and skips a dialect whose `skip` says why (that reason is in its title, so
 * the CI summary names it). With `OMRECON_REQUIRE_POSTGRES=1` (CI) a missing server fails instead.
 * Each test file gets a database of its own, and each store a test opens a fresh schema in it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "./driver.js";
import {
  createTestDatabase,
  createTestSchema,
  findPostgresBin,
  type PostgresServer,
  startPostgresServer,
  TEST_POSTGRES_SKIP,
  TEST_POSTGRES_URL,
} from "./testing-postgres.js";

export interface TestDialect {
  name: DialectName;
  /** Why this dialect's tests cannot run here; null when they run. */
  skip: string | null;
  /** `sqlite`, `postgres`, or `postgres (skipped: why)`: the describe block's title. */
  title: string;
  /** A new, empty database: a SQLite file in a new folder, or a new schema of this file's Postgres database. */
  location(): Promise<string>;
}

/** This test file's Postgres database, created on first use. */
let fileDatabase: Promise<string> | undefined;

export function testDialects(): TestDialect[] {
  return [sqliteDialect, postgresDialect()];
}

const sqliteDialect: TestDialect = {
  name: "sqlite",
  skip: null,
  title: "sqlite",
  location: async () => join(mkdtempSync(join(tmpdir(), "omrecon-test-")), "db.sqlite"),
};

function postgresDialect(): TestDialect {
  const url = process.env[TEST_POSTGRES_URL];
  const required = process.env.OMRECON_REQUIRE_POSTGRES === "1";
  const why = url ? null : (process.env[TEST_POSTGRES_SKIP] ?? "no Postgres server (OMRECON_TEST_POSTGRES_URL unset)");
  const skip = why !== null && !required ? why : null;
  return {
    name: "postgres",
    skip,
    title: skip === null ? "postgres" : `postgres (skipped: ${skip})`,
    async location() {
      if (!url) throw new Error(`the Postgres suites must run here (OMRECON_REQUIRE_POSTGRES=1): ${why}`);
      fileDatabase ??= createTestDatabase(url, "test");
      return createTestSchema(await fileDatabase);
    },
  };
}

let server: PostgresServer | undefined;

/**
 * vitest global setup: starts a private server unless `OMRECON_TEST_POSTGRES_URL` names one, and
 * hands its URL to the test workers (and the programs they start) through that variable; when it
 * cannot, `OMRECON_TEST_POSTGRES_SKIP` says why.
 */
export async function setup(): Promise<void> {
  if (process.env[TEST_POSTGRES_URL] || process.env[TEST_POSTGRES_SKIP]) return;
  if (findPostgresBin() === null) {
    process.env[TEST_POSTGRES_SKIP] = "no Postgres binaries (apt-get install postgresql)";
    return;
  }
  try {
    server = await startPostgresServer();
    process.env[TEST_POSTGRES_URL] = server.url;
  } catch (error) {
    process.env[TEST_POSTGRES_SKIP] = `Postgres did not start: ${(error as Error).message.split("\n")[0]}`;
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
