/**
 * Opening the database: a SQLite file (src/sqlite/) or, for a `postgres://` URL, a Postgres server
 * (src/postgres/); kysely over it, and every pending migration, refusing a database that a newer
 * omrecon has migrated further. Callers get a `Store` whose `db` only the store's functions accept.
 */
import { existsSync } from "node:fs";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import type { DialectName } from "./driver.js";
import { newerSchema, StoreError } from "./errors.js";
import { KNOWN_MIGRATIONS, migrationProvider } from "./migrations/index.js";
import { displayName, isPostgresUrl } from "./postgres/url.js";
import type { Database } from "./schema.js";
import { type StoreDb, storeDbOf } from "./session.js";
import { openSqlite, translatingDatabase } from "./sqlite/connection.js";
import { SqliteDriver } from "./sqlite/driver.js";
import { translateFailure } from "./sqlite/failure.js";

export interface Store {
  /** What every query function of the store takes (opaque: nothing else can run SQL on it). */
  readonly db: StoreDb;
  /** The database as given; for Postgres its URL without the password or parameters (safe to print). */
  readonly path: string;
  /** Which kind of database it is. */
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Open without creating or migrating (reports, inspection). */
  readonly?: boolean;
  /** Milliseconds to wait for another writer's lock before failing. Default 10 000. */
  busyTimeoutMs?: number;
}

/**
 * Opens and migrates the database at `location`: a `postgres://` (or `postgresql://`) URL, or a
 * SQLite file path (created owner-only, mode 0600, if needed). A failure is a `StoreError` naming
 * the database (never its password), what went wrong and what to do.
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!isPostgresUrl(location)) return openSqliteStore(location, options);
  // Loaded only for a Postgres URL: a SQLite user does not carry pg in memory.
  const { openPostgres } = await import("./postgres/open.js");
  return openPostgres(location, options);
}

/** How to name `location` in a message: a Postgres URL without its password, a path as it is. */
export function databaseName(location: string): string {
  return isPostgresUrl(location) ? displayName(location) : location;
}

/**
 * Whether `location` holds a database omrecon made (SQLite: the file exists; Postgres: omrecon's
 * tables are there). Creates and changes nothing; a server that cannot be reached is a StoreError.
 */
export async function storeExists(location: string): Promise<boolean> {
  if (!isPostgresUrl(location)) return existsSync(location);
  const { postgresStoreExists } = await import("./postgres/open.js");
  return postgresStoreExists(location);
}

async function openSqliteStore(path: string, options: OpenStoreOptions): Promise<Store> {
  const database = openSqlite(path, options);
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: translatingDatabase(database, path) }),
  });
  const db = storeDbOf({ kysely, driver: new SqliteDriver(database, path) });
  try {
    refuseNewerSchema(path, await sqliteMigrations(kysely));
    if (!options.readonly) await migrate(kysely, path, (error) => translateFailure(path, "write", error));
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return { db, path, dialect: "sqlite", close: () => kysely.destroy() };
}

/** The migrations a SQLite database records (none before its first). */
async function sqliteMigrations(kysely: Kysely<Database>): Promise<string[]> {
  const tables = await kysely.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely);
  return rows.map((r) => r.name);
}

/** Migrations recorded in the database that this omrecon does not have: a newer one wrote it. */
export function refuseNewerSchema(name: string, recorded: readonly string[]): void {
  const unknown = recorded.filter((migration) => !KNOWN_MIGRATIONS.has(migration));
  if (unknown.length > 0) throw newerSchema(name, unknown);
}

/**
 * Every pending migration in one transaction, behind kysely's migration lock (SQLite: the write
 * lock; Postgres: an advisory lock), so two processes opening a new database together do not race.
 */
export async function migrate(
  kysely: Kysely<Database>,
  name: string,
  translate: (error: unknown) => unknown,
  schema?: string,
): Promise<void> {
  // Unordered: migration numbers are handed out per change and may arrive out of order (a 005
  // after a 006); each stands alone. Unknown ones were refused above.
  const migrator = new Migrator({
    db: kysely,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const translated = translate(error);
  if (translated instanceof StoreError) throw translated;
  const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
  throw new StoreError(`cannot migrate ${name} (migration ${failed}): ${(error as Error).message.split("\n")[0]}`, {
    cause: error,
  });
}
