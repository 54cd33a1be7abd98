import { afterEach, beforeEach, expect, it } from "vitest";
import {
  countOrdersByStatus,
  getOrder,
  listNonTerminalOrders,
  listOrders,
  type NewOrderRow,
  newestOrderCreatedAt,
  openStore,
  type Store,
  upsertOrders,
  writeTransaction,
} from "../src/index.js";
import { describeEachDialect, orderRow } from "./helpers.js";

describeEachDialect("orders", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await dialect.location());
  });
  afterEach(async () => {
    await store.close();
  });

  it("counts inserted and changed rows apart and leaves unchanged rows untouched", async () => {
    expect(await upsertOrders(store.db, [orderRow(1), orderRow(2), orderRow(3)])).toEqual({ inserted: 3, updated: 0 });
    const later = "2026-04-18T00:00:00.000Z";
    const counts = await upsertOrders(store.db, [
      orderRow(1, { synced_at: later }),
      orderRow(2, { status: "paid", synced_at: later }),
      orderRow(4, { synced_at: later }),
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1 });
    expect((await getOrder(store.db, 1))?.synced_at).toBe("2026-04-17T00:00:00.000Z");
    expect(await getOrder(store.db, 2)).toMatchObject({ status: "paid", synced_at: later });
  });

  it("sees a change from a value to null and in the extra fields as a change", async () => {
    await upsertOrders(store.db, [orderRow(1, { client_reference: "ref" }), orderRow(2)]);
    const counts = await upsertOrders(store.db, [
      orderRow(1, { client_reference: null }),
      orderRow(2, { extra: '{"k":1}' }),
    ]);
    expect(counts).toEqual({ inserted: 0, updated: 2 });
  });

  it("keeps amounts as exact bigint nanotons and writes thousands of rows in a few statements", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => orderRow(i + 1, { price_nano: 2n ** 60n + BigInt(i) }));
    expect(await upsertOrders(store.db, rows)).toEqual({ inserted: 5000, updated: 0 });
    expect((await getOrder(store.db, 5000))?.price_nano).toBe(2n ** 60n + 4999n);
  });

  it("counts a row given twice in one batch once", async () => {
    expect(await upsertOrders(store.db, [orderRow(1), orderRow(1, { status: "paid" })])).toEqual({
      inserted: 1,
      updated: 0,
    });
    expect((await getOrder(store.db, 1))?.status).toBe("paid");
  });

  it("writes a column missing from a row as null, and sees that as a change", async () => {
    await upsertOrders(store.db, [orderRow(1, { client_reference: "ref" })]);
    const { client_reference: _, ...withoutReference } = orderRow(1);
    expect(await upsertOrders(store.db, [withoutReference])).toEqual({ inserted: 0, updated: 1 });
    expect((await getOrder(store.db, 1))?.client_reference).toBeNull();
    expect(await upsertOrders(store.db, [{ ...withoutReference, client_reference: undefined }])).toEqual({
      inserted: 0,
      updated: 0,
    });
  });

  it("compares integers by value whether they come as number or bigint", async () => {
    await upsertOrders(store.db, [orderRow(1, { stars_amount: 100 })]);
    expect(await upsertOrders(store.db, [orderRow(1, { id: 1n, stars_amount: 100n })])).toEqual({
      inserted: 0,
      updated: 0,
    });
  });

  it("refuses a key that is no column, and writes nothing of that batch", async () => {
    const rows = [orderRow(1), { ...orderRow(2), colour: "red" } as NewOrderRow];
    await expect(upsertOrders(store.db, rows)).rejects.toThrow(/has no column named colour/);
    expect(await getOrder(store.db, 1)).toBeUndefined();
  });

  it("undoes the rows of a batch in which one row fails, inside a transaction too", async () => {
    const bad = orderRow(3, { status: null as unknown as string });
    await expect(upsertOrders(store.db, [orderRow(1), orderRow(2), bad])).rejects.toThrow(/NOT NULL|not-null/);
    expect(await getOrder(store.db, 1)).toBeUndefined();
    const inserted = await writeTransaction(store.db, async (trx) => {
      await upsertOrders(trx, [orderRow(4)]);
      await expect(upsertOrders(trx, [orderRow(5), bad])).rejects.toThrow(/NOT NULL|not-null/);
      return upsertOrders(trx, [orderRow(6)]);
    });
    expect(inserted).toEqual({ inserted: 1, updated: 0 });
    expect((await listOrders(store.db)).map((o) => o.id)).toEqual([4n, 6n]);
  });

  it("undoes a batch inside a transaction whatever SQLite refuses in it: an id that is no integer, a value it cannot bind", async () => {
    const refused = [
      orderRow(8, { id: "eight" as unknown as number }),
      orderRow(8, { extra: { not: "text" } as unknown as string }),
      orderRow(8, { price_nano: 2n ** 64n }),
    ];
    await writeTransaction(store.db, async (trx) => {
      for (const bad of refused) await expect(upsertOrders(trx, [orderRow(7), bad])).rejects.toThrow();
      await upsertOrders(trx, [orderRow(9)]);
    });
    expect((await listOrders(store.db)).map((o) => o.id)).toEqual([9n]);
  });

  it("waits for another caller's open transaction instead of writing into it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = writeTransaction(store.db, async (trx) => {
      await upsertOrders(trx, [orderRow(1)]);
      await held;
      throw new Error("rolled back");
    });
    const outside = upsertOrders(store.db, [orderRow(2)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(transaction).rejects.toThrow("rolled back");
    expect(await outside).toEqual({ inserted: 1, updated: 0 });
    expect((await listOrders(store.db)).map((o) => o.id)).toEqual([2n]);
  });

  it("lists a created_at window with from inclusive and to exclusive, oldest first", async () => {
    await upsertOrders(store.db, [orderRow(3), orderRow(1), orderRow(2), orderRow(4)]);
    const from = orderRow(2).created_at;
    const to = orderRow(4).created_at;
    expect((await listOrders(store.db, { from, to })).map((o) => o.id)).toEqual([2n, 3n]);
    expect((await listOrders(store.db, { from: new Date(from) })).map((o) => o.id)).toEqual([2n, 3n, 4n]);
  });

  it("lists non-terminal orders, unknown statuses included, and counts by status", async () => {
    await upsertOrders(store.db, [
      orderRow(1, { status: "completed" }),
      orderRow(2, { status: "paid" }),
      orderRow(3, { status: "on_hold_new_status" }),
      orderRow(4, { status: "expired" }),
      orderRow(5, { status: "pending_payment" }),
    ]);
    const terminalStatuses = ["completed", "expired", "cancelled", "refunded"];
    expect((await listNonTerminalOrders(store.db, { terminalStatuses })).map((o) => o.id)).toEqual([2n, 3n, 5n]);
    const before = orderRow(5).created_at;
    expect(
      (await listNonTerminalOrders(store.db, { terminalStatuses, createdBefore: before })).map((o) => o.status),
    ).toEqual(["paid", "on_hold_new_status"]);
    expect(await countOrdersByStatus(store.db)).toEqual({
      completed: 1,
      expired: 1,
      on_hold_new_status: 1,
      paid: 1,
      pending_payment: 1,
    });
    expect(await newestOrderCreatedAt(store.db)).toBe(orderRow(5).created_at);
  });
});
