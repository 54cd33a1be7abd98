/**
 * SQLite's reads of one snapshot (../driver.ts `SnapshotQueries`): better-sqlite3 statements on
 * the raw connection inside the read transaction the driver opened. Several iterators of one
 * connection can be read in turns; each is read synchronously a chunk at a time.
 */
import type SQLite from "better-sqlite3";
import type { ChunkOptions, RowOptions, SnapshotQueries } from "../driver.js";
import { translateFailure } from "./failure.js";

const DEFAULT_CHUNK = 1_000;

export function snapshotQueries(database: SQLite.Database, path: string): SnapshotQueries {
  const prepare = (sql: string, options: RowOptions) => {
    const statement = database.prepare(sql);
    if (options.arrays && statement.reader) statement.raw(true);
    if (options.numbers) statement.safeIntegers(false);
    return statement;
  };
  return {
    dialect: "sqlite",
    async all<R>(sql: string, parameters: readonly unknown[], options: RowOptions = {}): Promise<R[]> {
      try {
        return prepare(sql, options).all(...parameters) as R[];
      } catch (error) {
        throw translateFailure(path, "read", error);
      }
    },
    async *chunks<R>(sql: string, parameters: readonly unknown[], options: ChunkOptions = {}): AsyncGenerator<R[]> {
      const size = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
      let rows: IterableIterator<unknown>;
      try {
        rows = prepare(sql, options).iterate(...parameters);
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
    },
  };
}
