/**
 * SQLite's reads of one snapshot (../driver.ts `SnapshotQueries`): better-sqlite3 statements on
 * the raw connection inside the read transaction the driver opened. Several iterators of one
 * connection can be read in turns; each is read synchronously a chunk at a time.
 */
import type SQLite from "better-sqlite3";
import type { ChunkOptions, RowOptions, SnapshotQueries } from "../driver.js";
import { translateFailure } from "./failure.js";
import { prepareRead, rowChunks } from "./row-chunks.js";

export function snapshotQueries(database: SQLite.Database, path: string): SnapshotQueries {
  return {
    dialect: "sqlite",
    async all<R>(sql: string, parameters: readonly unknown[], options: RowOptions = {}): Promise<R[]> {
      try {
        return prepareRead(database, sql, options).all(...parameters) as R[];
      } catch (error) {
        throw translateFailure(path, "read", error);
      }
    },
    async *chunks<R>(sql: string, parameters: readonly unknown[], options: ChunkOptions = {}): AsyncGenerator<R[]> {
      yield* rowChunks<R>(database, path, sql, parameters, options);
    },
  };
}
