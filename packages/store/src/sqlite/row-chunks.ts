/**
 * A SQLite select's rows in chunks, read synchronously from one better-sqlite3 iterator: the one
 * chunked read behind the streaming cursor and a snapshot's `chunks` (../driver.ts `ChunkOptions`).
 * A failure, a damaged page met mid-read included, is said in one line naming the database.
 */
import type SQLite from "better-sqlite3";
import type { ChunkOptions, RowOptions } from "../driver.js";
import { translateFailure } from "./failure.js";

const DEFAULT_CHUNK = 1_000;

/** A read statement shaped by `options`: rows as arrays, integers as numbers. */
export function prepareRead(database: SQLite.Database, sql: string, options: RowOptions): SQLite.Statement {
  const statement = database.prepare(sql);
  if (options.arrays && statement.reader) statement.raw(true);
  if (options.numbers) statement.safeIntegers(false);
  return statement;
}

export function* rowChunks<R>(
  database: SQLite.Database,
  path: string,
  sql: string,
  parameters: readonly unknown[],
  options: ChunkOptions,
): Generator<R[]> {
  const size = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  let rows: IterableIterator<unknown>;
  try {
    rows = prepareRead(database, sql, options).iterate(...parameters);
  } catch (error) {
    throw translateFailure(path, "read", error);
  }
  let chunk: R[] = [];
  try {
    // for…of closes the SQLite iterator however the loop ends (a consumer that stops early included).
    for (const row of rows) {
      chunk.push(row as R);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    throw translateFailure(path, "read", error);
  }
  if (chunk.length > 0) yield chunk;
}
