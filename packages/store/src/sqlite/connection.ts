/**
 * Opening the SQLite file: created owner-only (0600) before SQLite sees it, WAL (reports read while
 * a sync writes), `synchronous=NORMAL`, a busy timeout, foreign keys, integers read as `bigint` so
 * amounts stay exact. Kysely gets the connection through a thin wrapper that words a failure of the
 * file (disk full, permission, damage) as the store's one-line error.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { type Access, storeFailure } from "../errors.js";
import { translateFailure } from "./failure.js";

export interface SqliteOpenOptions {
  readonly?: boolean;
  busyTimeoutMs?: number;
}

export function openSqlite(path: string, options: SqliteOpenOptions): SQLite.Database {
  const readonly = options.readonly ?? false;
  if (path !== ":memory:") {
    if (isDirectory(path)) throw storeFailure(path, "open", "directory");
    if (readonly && !existsSync(path)) throw storeFailure(path, "open", "not_found");
  }
  let database: SQLite.Database | undefined;
  try {
    if (path !== ":memory:" && !readonly) {
      mkdirSync(dirname(path), { recursive: true });
      if (!existsSync(path)) {
        // Create the file ourselves so it is never world-readable, not even for a moment.
        closeSync(openSync(path, "a", 0o600));
        chmodSync(path, 0o600);
      }
    }
    database = new SQLite(path, { readonly, fileMustExist: readonly });
    database.defaultSafeIntegers(true);
    database.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    if (!readonly) {
      database.pragma("journal_mode = WAL");
      database.pragma("synchronous = NORMAL");
    }
    database.pragma("foreign_keys = ON");
    // Reading the schema is the first real read: a file that is no database fails here, not later.
    database.prepare("select count(*) from sqlite_master").get();
    return database;
  } catch (error) {
    database?.close();
    throw translateFailure(path, readonly ? "read" : "open", error);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The connection as kysely's SqliteDialect takes it, every statement's failure worded by the store. */
export function translatingDatabase(database: SQLite.Database, path: string): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = guard(path, "read", () => database.prepare(sql));
      const access: Access = statement.reader ? "read" : "write";
      return {
        reader: statement.reader,
        all: (parameters) => guard(path, access, () => statement.all(parameters)),
        run: (parameters) => guard(path, access, () => statement.run(parameters)),
        iterate: (parameters) => guard(path, access, () => statement.iterate(parameters)),
      };
    },
  };
}

function guard<T>(path: string, access: Access, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translateFailure(path, access, error);
  }
}
