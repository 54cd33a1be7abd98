/**
 * The one streaming cursor: a select's rows in chunks, read synchronously from a better-sqlite3
 * iterator (kysely's `stream()` passes every row through several async generators, which cost more
 * than reading it). While the iterator is open the connection can run nothing else, so kysely's
 * connection is held (its mutex) until the iteration ends: other queries of the store wait instead
 * of failing with "connection is busy".
 */
import type SQLite from "better-sqlite3";
import type { ChunkOptions, CompiledSelect } from "../driver.js";
import { type StoreDb, sessionOf } from "../session.js";
import { rowChunks } from "./row-chunks.js";

export async function* selectChunks<R>(
  db: StoreDb,
  database: SQLite.Database,
  path: string,
  select: CompiledSelect,
  options: ChunkOptions = {},
): AsyncGenerator<R[]> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding!: Promise<void>;
  await new Promise<void>((entered, failed) => {
    holding = sessionOf(db)
      .kysely.getExecutor()
      .provideConnection(async () => {
        entered();
        await released;
      });
    holding.catch(failed);
  });
  try {
    yield* rowChunks<R>(database, path, select.sql, select.parameters, options);
  } finally {
    release();
    await holding;
  }
}
