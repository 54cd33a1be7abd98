/**
 * Opening the database: the dialect's connection (src/sqlite/ today), kysely over it, and every
 * pending migration, refusing a database that a newer omrecon has migrated further. Callers get a
 * `Store` whose `db` only the store's functions accept.
 */
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { newerSchema, StoreError } from "./errors.js";
import { KNOWN_MIGRATIONS, migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { type StoreDb, storeDbOf } from "./session.js";
import { openSqlite, translatingDatabase } from "./sqlite/connection.js";
import { SqliteDriver } from "./sqlite/driver.js";
import { translateFailure } from "./sqlite/failure.js";

export interface Store {
  /** What every query function of the store takes (opaque: nothing else can run SQL on it). */
  readonly db: StoreDb;
  /** The database file as given. */
  readonly path: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Open without creating or migrating (reports, inspection). */
  readonly?: boolean;
  /** Milliseconds to wait for another writer's lock before failing. Default 10 000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it owner-only, mode 0600, if needed) and migrates the database at `path`. A
 * failure is a `StoreError` naming the file, what went wrong and what to do.
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<Store> {
  const database = openSqlite(path, options);
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: translatingDatabase(database, path) }),
  });
  const db = storeDbOf({ kysely, driver: new SqliteDriver(database, path) });
  try {
    await refuseNewerSchema(kysely, path);
    if (!options.readonly) await migrate(kysely, path);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return {
    db,
    path,
    async close() {
      await kysely.destroy();
    },
  };
}

/** Migrations recorded in the database that this omrecon does not have: a newer one wrote it. */
async function refuseNewerSchema(kysely: Kysely<Database>, path: string): Promise<void> {
  const tables = await kysely.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely);
  const unknown = rows.map((r) => r.name).filter((name) => !KNOWN_MIGRATIONS.has(name));
  if (unknown.length > 0) throw newerSchema(path, unknown);
}

async function migrate(kysely: Kysely<Database>, path: string): Promise<void> {
  // Unordered: migration numbers are handed out per change and may arrive out of order (a 005
  // after a 006); each stands alone. Unknown ones were refused above.
  const migrator = new Migrator({ db: kysely, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const translated = translateFailure(path, "write", error);
  if (translated instanceof StoreError) throw translated;
  const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
  throw new StoreError(`cannot migrate ${path} (migration ${failed}): ${(error as Error).message.split("\n")[0]}`, {
    cause: error,
  });
}
