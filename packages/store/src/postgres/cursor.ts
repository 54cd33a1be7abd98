/**
 * Postgres's streaming cursor: a server-side cursor (`DECLARE … NO SCROLL CURSOR`) read with
 * `FETCH` a chunk at a time. Each FETCH is an ordinary statement on the connection, so two cursors
 * of one transaction can be read in turns (the report reads the transfers alongside the orders) and
 * memory holds one chunk, whatever the table's size. A cursor lives in a transaction: the caller's,
 * or one opened for it.
 */
import type { ChunkOptions } from "../driver.js";
import type { PgConnection } from "./dialect.js";
import { NUMBER_TYPES } from "./types.js";

const DEFAULT_CHUNK = 1_000;

/** The rows of `sql` in chunks, on a connection that is inside a transaction. */
export async function* cursorChunks<R>(
  connection: PgConnection,
  sql: string,
  parameters: readonly unknown[],
  options: ChunkOptions = {},
): AsyncGenerator<R[]> {
  const size = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  const name = connection.nextCursorName();
  await connection.run({ text: `declare ${name} no scroll cursor for ${sql}`, values: parameters }, "read");
  try {
    for (;;) {
      const result = await connection.run<R>(
        {
          text: `fetch forward ${size} from ${name}`,
          ...(options.arrays && { rowMode: "array" as const }),
          ...(options.numbers && { types: NUMBER_TYPES }),
        },
        "read",
      );
      if (result.rows.length > 0) yield result.rows as R[];
      if (result.rows.length < size) break;
    }
  } finally {
    // A consumer that stopped early leaves the cursor open; an aborted transaction has closed it.
    if (connection.inTransaction && !connection.broken) {
      await connection.run({ text: `close ${name}` }, "read").catch(() => {});
    }
  }
}
