import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCachedInsert } from "../src/cached-insert.js";
import { getOrder, type NewOrderRow, openStore, type Store, upsertOrders } from "../src/index.js";
import { orderRow, tempDbPath } from "./helpers.js";

describe("cached multi-row inserts", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(tempDbPath());
  });
  afterEach(async () => {
    await store.close();
  });

  const insert = (rows: readonly NewOrderRow[]) => store.db.insertInto("orders").values(rows).returning("id");

  it("compiles a batch shape once and runs later batches of that shape from the kept text", async () => {
    let builds = 0;
    const counted = (rows: readonly NewOrderRow[]) => {
      builds++;
      return insert(rows);
    };
    const first = await runCachedInsert(store.db, "test-a", [orderRow(1), orderRow(2)], counted);
    const second = await runCachedInsert(store.db, "test-a", [orderRow(3), orderRow(4)], counted);
    expect(builds).toBe(1);
    expect([...first, ...second].map((r) => r.id)).toEqual([1n, 2n, 3n, 4n]);
    expect(await getOrder(store.db, 4)).toMatchObject({ id: 4n, recipient_username: "user4", payment_memo: "STARS-4" });
    await runCachedInsert(store.db, "test-a", [orderRow(5)], counted);
    expect(builds).toBe(2);
  });

  it("leaves to kysely a batch whose rows differ in columns or hold a value that is not plain", async () => {
    let builds = 0;
    const counted = (rows: readonly NewOrderRow[]) => {
      builds++;
      return insert(rows);
    };
    const { updated_at: _dropped, ...withoutUpdatedAt } = orderRow(2);
    await runCachedInsert(store.db, "test-b", [orderRow(1), withoutUpdatedAt as NewOrderRow], counted);
    await runCachedInsert(store.db, "test-b", [orderRow(3, { updated_at: undefined })], counted);
    await runCachedInsert(store.db, "test-b", [orderRow(4, { updated_at: undefined })], counted);
    expect(builds).toBe(3);
    expect((await getOrder(store.db, 2))?.updated_at).toBeNull();
    expect((await getOrder(store.db, 4))?.updated_at).toBeNull();
  });

  it("stores a row that lists its columns in another order like any other", async () => {
    const { id, status, ...rest } = orderRow(2, { status: "paid" });
    const rows = [orderRow(1), { ...rest, status, id }, orderRow(3)];
    await runCachedInsert(store.db, "test-c", rows, insert);
    await runCachedInsert(store.db, "test-c", [orderRow(4), { ...rest, status, id: 5 }, orderRow(6)], insert);
    expect(await getOrder(store.db, 2)).toMatchObject({ id: 2n, status: "paid", payment_memo: "STARS-2" });
    expect(await getOrder(store.db, 5)).toMatchObject({ id: 5n, status: "paid", payment_memo: "STARS-2" });
    expect((await getOrder(store.db, 6))?.payment_memo).toBe("STARS-6");
  });

  it("keeps upsertOrders' counts and rows the same through repeated pages of one shape", async () => {
    const page = (from: number, overrides: Partial<NewOrderRow> = {}) =>
      Array.from({ length: 100 }, (_, i) => orderRow(from + i, overrides));
    expect(await upsertOrders(store.db, page(1))).toEqual({ inserted: 100, updated: 0 });
    expect(await upsertOrders(store.db, page(101))).toEqual({ inserted: 100, updated: 0 });
    expect(await upsertOrders(store.db, page(51))).toEqual({ inserted: 0, updated: 0 });
    const later = "2026-04-18T00:00:00.000Z";
    expect(await upsertOrders(store.db, page(151, { status: "paid", synced_at: later }))).toEqual({
      inserted: 50,
      updated: 50,
    });
    expect(await getOrder(store.db, 160)).toMatchObject({ status: "paid", synced_at: later });
    expect(await getOrder(store.db, 60)).toMatchObject({
      status: "pending_payment",
      synced_at: "2026-04-17T00:00:00.000Z",
    });
    expect((await getOrder(store.db, 250))?.price_nano).toBe(418_000_000n);
  });
});
