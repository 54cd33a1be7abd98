import { afterEach, beforeEach, expect, it } from "vitest";
import {
  deleteSyncState,
  getSyncState,
  listOrders,
  openStore,
  type Store,
  setSyncState,
  upsertOrders,
  writeTransaction,
} from "../src/index.js";
import { describeEachDialect, orderRow } from "./helpers.js";

describeEachDialect("sync state and write transactions", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await dialect.location());
  });
  afterEach(async () => {
    await store.close();
  });

  it("stores JSON values under a key and overwrites them", async () => {
    expect(await getSyncState(store.db, "orders.walk")).toBeUndefined();
    await setSyncState(store.db, "orders.walk", { offset: 100, to: "2026-04-16T00:00:00.000Z" });
    await setSyncState(store.db, "orders.walk", { offset: 200, to: "2026-04-16T00:00:00.000Z" });
    expect(await getSyncState(store.db, "orders.walk")).toEqual({ offset: 200, to: "2026-04-16T00:00:00.000Z" });
    await deleteSyncState(store.db, "orders.walk");
    expect(await getSyncState(store.db, "orders.walk")).toBeUndefined();
  });

  it("commits rows and their cursor together, or neither", async () => {
    await writeTransaction(store.db, async (trx) => {
      await upsertOrders(trx, [orderRow(1)]);
      await setSyncState(trx, "cursor", 1);
    });
    await expect(
      writeTransaction(store.db, async (trx) => {
        await upsertOrders(trx, [orderRow(2)]);
        await setSyncState(trx, "cursor", 2);
        throw new Error("crash between page and cursor");
      }),
    ).rejects.toThrow("crash");
    expect(await getSyncState(store.db, "cursor")).toBe(1);
    expect((await listOrders(store.db)).map((r) => r.id)).toEqual([1n]);
  });
});
