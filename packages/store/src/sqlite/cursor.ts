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
import { translateFailure } from "./failure.js";

const DEFAULT_CHUNK = 1_000;

export async function* selectChunks<R>(
  db: StoreDb,
  database: SQLite.Database,
  path: string,
  select: CompiledSelect,
  options: ChunkOptions = {},
): AsyncGenerator<R[]> {
  const size = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
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
    let rows: IterableIterator<unknown>;
    try {
      const statement = database.prepare(select.sql);
      if (options.arrays) statement.raw(true);
      if (options.numbers) statement.safeIntegers(false);
      rows = statement.iterate(...select.parameters);
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
      // A damaged page met mid-read, said in one line; anything else passes as it is.
      throw translateFailure(path, "read", error);
    }
    if (chunk.length > 0) yield chunk;
  } finally {
    release();
    await holding;
  }
}
