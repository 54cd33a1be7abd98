/**
 * Opening a Postgres store (store.ts loads this module only for a `postgres://` URL, so that a SQLite
 * user does not load pg): the pool, the first connection (a wrong host, login, database or schema
 * fails here in one line), kysely over our dialect, the check for a newer omrecon, the migrations.
 */
import { Kysely, sql } from "kysely";
import { storeFailure } from "../errors.js";
import type { Database } from "../schema.js";
import { storeDbOf } from "../session.js";
import { migrate, type OpenStoreOptions, refuseNewerSchema, type Store } from "../store.js";
import { createPgPool, probeConnection } from "./connection.js";
import { PgDialect } from "./dialect.js";
import { PostgresDriver } from "./driver.js";
import { translatePgFailure } from "./failure.js";
import { PortableDdlPlugin } from "./portable-ddl.js";

export async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  const handle = createPgPool(url, options);
  const { name, secret } = handle.setup;
  const kysely = new Kysely<Database>({ dialect: new PgDialect(handle.pool, handle.setup) });
  const db = storeDbOf({ kysely, driver: new PostgresDriver(name) });
  try {
    await probeConnection(handle);
    const recorded = await pgMigrations(kysely);
    if (options.readonly && recorded === null) throw storeFailure(name, "open", "not_found");
    refuseNewerSchema(name, recorded ?? []);
    if (!options.readonly) {
      // Migrations write every integer as BIGINT, text with byte order, ids as identities
      // (portable-ddl.ts). kysely's records are looked for in the URL's schema only: another
      // schema of the database may hold another omrecon.
      await migrate(
        kysely.withPlugin(new PortableDdlPlugin()),
        name,
        (error) => translatePgFailure(name, "write", error, secret),
        await currentSchema(kysely, name),
      );
    }
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return { db, path: name, dialect: "postgres", close: () => kysely.destroy() };
}

/** The migrations a Postgres schema records, or null when omrecon never migrated it. */
async function pgMigrations(kysely: Kysely<Database>): Promise<string[] | null> {
  const { rows: found } = await sql<{
    found: string | null;
  }>`select to_regclass('kysely_migration')::text as found`.execute(kysely);
  if (found[0]?.found == null) return null;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely);
  return rows.map((r) => r.name);
}

/** The schema omrecon's tables go into: the first of the URL's search_path that exists. */
async function currentSchema(kysely: Kysely<Database>, name: string): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(kysely);
  const schema = rows[0]?.schema;
  if (schema == null)
    throw storeFailure(name, "write", "no_schema", { detail: "the search_path names no schema that exists" });
  return schema;
}

/** Whether the URL's schema holds omrecon's tables; creates and changes nothing. */
export async function postgresStoreExists(url: string): Promise<boolean> {
  const { pool, setup } = createPgPool(url);
  try {
    const result = await pool.query<{ found: string | null }>("select to_regclass('kysely_migration')::text as found");
    return result.rows[0]?.found != null;
  } catch (error) {
    throw translatePgFailure(setup.name, "open", error, setup.secret);
  } finally {
    await pool.end();
  }
}
