import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { OmreconError } from "@omrecon/core";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations/index.js";
import { registerConnection } from "./raw-connection.js";
import type { Database } from "./schema.js";

export interface Store {
  /** Typed query builder over the database. */
  db: Kysely<Database>;
  /** The raw connection, for the few hot paths that need prepared statements. */
  sqlite: SQLite.Database;
  path: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Open without creating or migrating (reports, inspection). */
  readonly?: boolean;
  /** Milliseconds to wait for another writer's lock before failing. Default 10 000. */
  busyTimeoutMs?: number;
}

/** The database cannot be opened or migrated; the message says which file and why. */
export class StoreError extends OmreconError {
  override name = "StoreError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "store_unusable", cause: options.cause });
  }
}

/**
 * Opens (creating it owner-only, mode 0600, if needed) and migrates the database at `path`.
 * WAL mode lets reports read while a sync writes; integers come back as `bigint` so amounts stay exact.
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<Store> {
  let sqlite: SQLite.Database;
  try {
    if (path !== ":memory:" && !options.readonly) {
      mkdirSync(dirname(path), { recursive: true });
      if (!existsSync(path)) {
        // Create the file ourselves so it is never world-readable, not even for a moment.
        closeSync(openSync(path, "a", 0o600));
        chmodSync(path, 0o600);
      }
    }
    sqlite = new SQLite(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    sqlite.defaultSafeIntegers(true);
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    if (!options.readonly) {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
    }
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    throw new StoreError(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerConnection(db, sqlite);
  if (!options.readonly) {
    const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
      throw new StoreError(`cannot migrate database ${path} (migration ${failed}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return {
    db,
    sqlite,
    path,
    async close() {
      await db.destroy();
    },
  };
}
