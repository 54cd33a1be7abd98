import { afterEach, beforeEach, expect, it } from "vitest";
import { getOrder, openStore, type Store, upsertOrders } from "../src/index.js";
import { builder, driverOf } from "../src/session.js";
import { describeEachDialect, orderRow } from "./helpers.js";

describeEachDialect("the driver's streaming cursor (selectChunks)", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await dialect.location());
    await upsertOrders(
      store.db,
      Array.from({ length: 5 }, (_, i) => orderRow(i + 1)),
    );
  });
  afterEach(async () => {
    await store.close();
  });

  const ids = () => builder(store.db).selectFrom("orders").select("id").orderBy("id").compile();

  it("yields every row once, in chunks of the size asked, objects or arrays, integers as bigint or as numbers", async () => {
    const chunks: unknown[][] = [];
    for await (const chunk of driverOf(store.db).selectChunks<{ id: bigint }>(store.db, ids(), { chunkSize: 2 })) {
      chunks.push(chunk.map((r) => r.id));
    }
    expect(chunks).toEqual([[1n, 2n], [3n, 4n], [5n]]);
    const arrays: unknown[] = [];
    for await (const chunk of driverOf(store.db).selectChunks<[bigint]>(store.db, ids(), { arrays: true })) {
      arrays.push(...chunk);
    }
    expect(arrays).toEqual([[1n], [2n], [3n], [4n], [5n]]);
    const numbers: unknown[] = [];
    for await (const chunk of driverOf(store.db).selectChunks<[number]>(store.db, ids(), {
      arrays: true,
      numbers: true,
    })) {
      numbers.push(...chunk);
    }
    expect(numbers).toEqual([[1], [2], [3], [4], [5]]);
  });

  it("makes another query of the store wait for the stream on SQLite (one connection), run beside it on Postgres (a pool), and frees the connection when abandoned", async () => {
    const stream = driverOf(store.db).selectChunks<{ id: bigint }>(store.db, ids(), { chunkSize: 2 });
    const first = await stream.next();
    expect((first.value as { id: bigint }[]).map((r) => r.id)).toEqual([1n, 2n]);
    let read = false;
    const other = getOrder(store.db, 3).then((o) => {
      read = true;
      return o?.id;
    });
    if (dialect.name === "postgres") {
      // Another pooled connection answers while this one's cursor is open.
      expect(await other).toBe(3n);
    }
    const second = await stream.next();
    expect((second.value as { id: bigint }[]).map((r) => r.id)).toEqual([3n, 4n]);
    if (dialect.name === "sqlite") expect(read).toBe(false);
    // Abandoning the stream (a consumer that breaks out) ends the cursor and lets the query run.
    await stream.return(undefined);
    expect(await other).toBe(3n);
    expect((await getOrder(store.db, 5))?.id).toBe(5n);
  });
});
